package io.keyward.authn;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /oauth/revoke} (form-encoded {@code token=}, RFC 7009): ends the session of an access or
 * refresh token (its whole token family). Always {@code 200 {}}, so it tells nothing about the token;
 * the token itself is the credential, as for the refresh grant.
 */
@WebServlet(urlPatterns = "/oauth/revoke")
public class OAuthRevokeServlet extends HttpServlet {
    @Inject
    OAuthService service;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        String token;
        try {
            token = req.getParameter("token");
        } catch (IllegalArgumentException | IllegalStateException e) {
            token = null;
        }
        if (token != null && !token.isEmpty()) {
            service.revoke(token);
        }
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
    }
}
