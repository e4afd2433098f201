package io.keyward.authn;

import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
import io.keyward.config.KeywardConfig;
import io.keyward.http.ClientAddress;
import io.keyward.user.HashingAdmission;
import io.keyward.wire.JsonP;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code POST /oauth/token} (form-encoded): {@code grant_type=password&username=&password=} or
 * {@code grant_type=refresh_token&refresh_token=}; optional {@code client_id}. Answers
 * {@code {"access_token","token_type":"bearer","expires_in","refresh_token"}} or an OAuth 2 error body.
 */
@WebServlet(urlPatterns = "/oauth/token", asyncSupported = true)
public class OAuthTokenServlet extends HttpServlet {
    private static final String FORM_ATTRIBUTE = "keyward.oauth.form";
    /** A login token (CreateLoginToken's magic link) exchanged for a session: an extension grant, RFC 6749 §4.5. */
    static final String LOGIN_TOKEN_GRANT = "urn:keyward:grant-type:login-token";

    @Inject
    HashingAdmission admission;

    @Inject
    OAuthService service;

    @Inject
    PasswordGrants passwordGrants;

    @Inject
    KeywardConfig config;

    @Inject
    AuthnMetrics metrics;

    @Inject
    AuditTrail audit;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Pragma", "no-cache");
        String grantType = null;
        try {
            Map<String, String[]> form = form(req);
            grantType = single(form, "grant_type");
            OAuthService.TokenPair pair;
            if (grantType == null || grantType.isEmpty()) {
                throw OAuthException.invalidRequest("grant_type is required");
            } else if (grantType.equals("password")) {
                HashingAdmission.Entry entry = admission.enter(req, resp);
                if (entry == HashingAdmission.Entry.SUSPENDED) {
                    return; // comes back as an asynchronous dispatch, admitted or refused
                }
                if (entry == HashingAdmission.Entry.REFUSED) {
                    throw OAuthException.unavailable(admission.retryAfterSeconds());
                }
                try {
                    pair = passwordGrants.passwordGrant(single(form, "username"), single(form, "password"), single(form, "client_id"),
                            clientAddress(req), req.getHeader("User-Agent"));
                } finally {
                    admission.leave(req);
                }
            } else if (grantType.equals("refresh_token")) {
                pair = service.refreshGrant(single(form, "refresh_token"), single(form, "client_id"));
            } else if (grantType.equals(LOGIN_TOKEN_GRANT)) {
                pair = service.loginTokenGrant(single(form, "token"), single(form, "client_id"),
                        new OAuthService.Origin(clientAddress(req), req.getHeader("User-Agent")));
            } else {
                throw new OAuthException(400, "unsupported_grant_type", "grant_type must be password, refresh_token or " + LOGIN_TOKEN_GRANT);
            }
            metrics.login(grantType, "ok");
            write(resp, 200, JsonP.object()
                    .add("access_token", pair.accessToken())
                    .add("token_type", "bearer")
                    .add("expires_in", pair.expiresIn())
                    .add("refresh_token", pair.refreshToken())
                    .build());
        } catch (RuntimeException e) {
            OAuthException answer = e instanceof OAuthException o ? o : databaseFailure(e);
            if (answer == null) {
                throw e;
            }
            metrics.login(grantType, AuthnMetrics.outcome(answer));
            recordRefusal(req, grantType, answer);
            refuse(resp, answer);
        }
    }

    /**
     * A refused sign-in, in a transaction of its own: the attempted user ID (password grant), never the
     * password or a token. Outages (503) are not recorded: the database is what failed.
     */
    private void recordRefusal(HttpServletRequest req, String grantType, OAuthException answer) {
        if (answer.status() == 503) {
            return;
        }
        AuditEvent event = AuditEvent.of("oauth.user.login")
                .outcome(answer.status() == 429 ? AuditEvent.THROTTLED : AuditEvent.FAILURE)
                .detail("grant_type", grantType)
                .detail("error", answer.error())
                .detail("error_description", answer.getMessage());
        if ("password".equals(grantType)) {
            @SuppressWarnings("unchecked")
            Map<String, String[]> form = (Map<String, String[]>) req.getAttribute(FORM_ATTRIBUTE);
            String[] username = form == null ? null : form.get("username");
            if (username != null && username.length > 0 && !username[0].isEmpty()) {
                event.user(username[0]);
            }
        }
        audit.refused(event);
    }

    private String clientAddress(HttpServletRequest req) {
        return ClientAddress.resolve(req.getRemoteAddr(), req.getHeader("Forwarded"), req.getHeader("X-Forwarded-For"),
                config.trustedProxies());
    }

    /** A failure of the database underneath (however the container wrapped it) is a 503, not a 500. */
    static OAuthException databaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException || t instanceof jakarta.persistence.PersistenceException) {
                return OAuthException.unavailable();
            }
        }
        return null;
    }

    private static void refuse(HttpServletResponse resp, OAuthException e) throws IOException {
        if (e.retryAfterSeconds() > 0) {
            resp.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        if (e.status() == 401) {
            resp.setHeader("WWW-Authenticate", "Bearer error=\"" + e.error() + "\"");
        }
        write(resp, e.status(), JsonP.object()
                .add("error", e.error())
                .add("error_description", e.getMessage())
                .build());
    }

    /**
     * Parses the form once, up front: the container throws on a malformed body (a bad percent-encoding
     * such as {@code %ZZ}, bytes that are not UTF-8), which is the client's error, not ours. The form is kept in
     * a request attribute: a password grant that waited for its hashing turn comes back as an asynchronous
     * dispatch, whose parameters the container does not parse again (the body has been read).
     */
    private static Map<String, String[]> form(HttpServletRequest req) {
        @SuppressWarnings("unchecked")
        Map<String, String[]> parsed = (Map<String, String[]>) req.getAttribute(FORM_ATTRIBUTE);
        if (parsed != null) {
            return parsed;
        }
        if (req.getCharacterEncoding() == null) {
            // A form body without a charset is UTF-8 (HTML's rule, and what TTS reads); the servlet default,
            // ISO-8859-1, would turn a non-ASCII password into another one, which then never matches.
            try {
                req.setCharacterEncoding(StandardCharsets.UTF_8.name());
            } catch (java.io.UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            parsed = Map.copyOf(req.getParameterMap());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw OAuthException.invalidRequest("malformed form body");
        }
        req.setAttribute(FORM_ATTRIBUTE, parsed);
        return parsed;
    }

    /** RFC 6749 §3.2: each parameter at most once. */
    private static String single(Map<String, String[]> form, String name) {
        String[] values = form.get(name);
        if (values == null) {
            return null;
        }
        if (values.length > 1) {
            throw OAuthException.invalidRequest("parameter " + name + " given more than once");
        }
        return values[0];
    }

    private static void write(HttpServletResponse resp, int status, JsonObject body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
