/**
 * SCIM 2.0 service provider (RFC 7643/7644) at {@code /scim/v2} for identity providers (Okta, Microsoft
 * Entra ID): the SCIM wire format (resources, filters, PATCH operations, list responses, errors) and its
 * own bearer credential, mapped onto {@link io.keyward.user.UserProvisioning}, where the rules live.
 * Written on the Servlet API with JSON-P rather than with Apache SCIMple: SCIMple brings its own JAX-RS
 * application and Jackson, and a second JAX-RS application in this WAR would also serve every
 * {@code /api/v3} resource under {@code /scim/v2} (and the SCIM resources under {@code /api/v3}).
 *
 * <p>May import: {@code error}, {@code wire}, {@code config}, {@code crypto}, {@code entity},
 * {@code rights}, {@code user}, {@code audit}.
 */
package io.keyward.scim;
