/**
 * Rights: {@link io.keyward.rights.Right} and {@link io.keyward.rights.Rights} (sets, implication, the
 * restricted sets), the {@link io.keyward.rights.Caller} of a request with its credential's rights and
 * {@link io.keyward.rights.CallerContext}, the rights a caller has on an entity and the errors for
 * missing ones, rights as stored in a column, and {@link io.keyward.rights.CredentialRevoked}. Knows no
 * capability: every capability asks it.
 *
 * <p>May import: {@code error}, {@code wire}, {@code config}, {@code entity}.
 */
package io.keyward.rights;
