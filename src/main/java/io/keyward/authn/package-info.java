/**
 * Authentication: the one authentication filter, resolving a bearer credential (API key,
 * OAuth access token, SSO JWT) to a {@link io.keyward.rights.Caller} through a short-lived cache,
 * {@code /oauth/token} with its login throttle, the user sessions it opens (UserSessionRegistry), SSO with
 * just-in-time provisioning, AuthInfo and the {@code X-Warning} headers. Nothing below imports it.
 *
 * <p>May import: {@code error}, {@code wire}, {@code config}, {@code store}, {@code crypto}, {@code entity},
 * {@code rights}, {@code user}, {@code apikey}, {@code cluster}, {@code http}, {@code audit}.
 */
package io.keyward.authn;
