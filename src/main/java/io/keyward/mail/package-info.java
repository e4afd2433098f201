/**
 * Mail: writes every {@link io.keyward.user.MailRequest} to the outbox in the raising transaction, renders
 * templates, delivers over SMTP with retries, and the admins' outbox view. A consumer: no capability
 * imports it.
 *
 * <p>May import: {@code error}, {@code wire}, {@code config}, {@code store}, {@code crypto}, {@code entity},
 * {@code rights}, {@code user}.
 */
package io.keyward.mail;
