package io.keyward.authn;

import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.rights.EntityRights;
import io.keyward.rights.Rights;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one authentication mechanism of Keyward: {@code Authorization: Bearer <token>} with a user API
 * key ({@code NNSXS.}) or an OAuth access token ({@code MFRWG.}). It never answers an error itself:
 * a valid credential becomes the request's {@link Caller}; an invalid one is left as a request
 * attribute for the methods that surface it (API.md §2.1, "How errors surface") and the request goes
 * on unauthenticated. Without the header (or with one that has no space) the caller is anonymous.
 *
 * <p>Rights are enforced by the services ({@link EntityRights}), never by container roles, so the caller
 * is not logged in to the container: Liberty's JAAS login of a caller principal and groups cost 11% of
 * the CPU of a {@code GET /users/{id}} and nothing used it (issue 8). For the same reason this is a plain
 * servlet filter rather than a Jakarta Security {@code HttpAuthenticationMechanism}: the mechanism only
 * ever answered "do nothing", yet routing every request through the container's JASPI bridge cost 9-10%
 * of the CPU of a bare request (issue 19, JFR of anonymous {@code auth_info} and of a Get). A filter is
 * also the same on every Jakarta server. Declared in web.xml, after the request and transport filters.
 */
public class BearerAuthenticationFilter implements Filter {
    private static final Logger LOG = Logger.getLogger(BearerAuthenticationFilter.class.getName());

    @Inject
    CredentialResolver resolver;

    @Inject
    SessionActivity sessions;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        authenticate((HttpServletRequest) req);
        chain.doFilter(req, res);
    }

    private void authenticate(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || isScim(request)) {
            return;
        }
        int space = header.indexOf(' ');
        if (space < 0) {
            return;
        }
        String type = header.substring(0, space);
        String value = header.substring(space + 1);
        try {
            if (!type.equalsIgnoreCase("Bearer")) {
                throw Errors.UNSUPPORTED_AUTHORIZATION.error();
            }
            Caller caller = resolver.resolve(value);
            request.setAttribute(CallerContext.CALLER_ATTRIBUTE, caller);
            if (caller.kind() == Caller.Kind.ACCESS_TOKEN) {
                sessions.used(caller.credentialId());
            }
        } catch (KeywardException e) {
            request.setAttribute(CallerContext.CREDENTIAL_ERROR_ATTRIBUTE, e);
        } catch (RuntimeException e) {
            // A failure of the store (database down, ...) must not pass as "anonymous": keep it as the
            // credential error, so that rights-checked methods fail instead of answering as for a stranger.
            LOG.log(Level.WARNING, "credential check failed: " + e.getClass().getName());
            request.setAttribute(CallerContext.CREDENTIAL_ERROR_ATTRIBUTE, Errors.DATABASE_UNAVAILABLE.error());
        }
    }

    /**
     * {@code /scim/v2} accepts only the provisioning credential and checks it itself; no user credential
     * becomes a caller there, and the provisioning credential is no credential anywhere else.
     */
    private static boolean isScim(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri != null && uri.startsWith(context == null ? SCIM_PATH : context + SCIM_PATH);
    }

    static final String SCIM_PATH = "/scim/";
}
