/**
 * Contact-info validation: EmailValidationRegistry (request and validate a primary e-mail address; it
 * observes {@link io.keyward.user.EmailValidationRequested}) and the deprecated ContactInfoRegistry.
 *
 * <p>May import: {@code error}, {@code wire}, {@code config}, {@code store}, {@code crypto}, {@code entity},
 * {@code rights}, {@code user}, {@code audit}.
 */
package io.keyward.contactinfo;
