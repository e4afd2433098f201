package io.keyward.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The web console's pages (static files under {@code src/main/webapp/console}): strict security headers
 * on every one, and the page itself for the console's own paths and for the links in Keyward's mails
 * ({@code <is.email.network.identity-server-url>/token-login}, {@code /validate}, {@code /register} and
 * {@code /update-password}, TTS's account-app paths, {@code /oauth/...} by default; the {@code <console-url>/...}
 * links), so that a link lands in the console, which completes it through the public API.
 */
@WebFilter(urlPatterns = {"/console", "/console/*", "/oauth/token-login", "/oauth/validate", "/oauth/register",
    "/oauth/update-password"}, asyncSupported = true)
public class ConsoleFilter implements Filter {
    /** Only the console's own files: no inline script or style, no other origin, never in a frame. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
            + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    static final String PAGE = "/console/index.html";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // A mail link's address carries a token or a temporary password: never hand it on to another site.
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-cache");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/console")) {
            response.sendRedirect(request.getContextPath() + "/console/");
            return;
        }
        // Under /oauth/ only the mail links reach this filter (its URL patterns).
        if (path.startsWith("/oauth/") || isPage(path)) {
            response.setHeader("Cache-Control", "no-store");
            request.getRequestDispatcher(PAGE).forward(request, response);
            return;
        }
        chain.doFilter(req, res);
    }

    /**
     * A path of the console's own (no file name extension), such as the mails' links to
     * {@code <console-url>/user/api-keys/...}: the page, which shows the matching view.
     */
    static boolean isPage(String path) {
        return path.startsWith("/console/") && !path.substring(path.lastIndexOf('/')).contains(".");
    }
}
