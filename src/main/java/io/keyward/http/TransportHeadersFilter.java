package io.keyward.http;

import io.keyward.config.KeywardConfig;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Transport headers of every answer: HSTS on HTTPS, and CORS for the origins listed in
 * {@code is.http.cors.allowed-origins} (none by default: browsers then refuse cross-origin calls).
 * Preflight requests of allowed origins are answered here, before any authentication. Declared in web.xml, after the request filter.
 */
public class TransportHeadersFilter implements Filter {
    /** One year, subdomains excluded: the operator decides about the rest of the domain. */
    static final String HSTS = "max-age=31536000";
    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, X-Requested-With";
    /** As The Things Stack: the list total and the restricted-rights warnings are readable by the page. */
    static final String EXPOSED_HEADERS = "Date, Content-Length, X-Request-Id, X-Total-Count, X-Warning";

    @Inject
    KeywardConfig config;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            Set<String> allowed = config.corsAllowedOrigins();
            if (!allowed.isEmpty()) {
                response.addHeader("Vary", "Origin");
            }
            if (allows(allowed, origin)) {
                boolean any = allowed.contains("*");
                response.setHeader("Access-Control-Allow-Origin", any ? "*" : origin);
                if (!any) {
                    // Credentials only for named origins: "*" with credentials would let any page act for the user.
                    response.setHeader("Access-Control-Allow-Credentials", "true");
                }
                if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
                    response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
                    response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
                    response.setHeader("Access-Control-Max-Age", "600");
                    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                    return;
                }
                response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            }
        }
        chain.doFilter(req, res);
    }

    /** Exact origins ({@code scheme://host[:port]}) or {@code *}; never a prefix or suffix match. */
    static boolean allows(Set<String> allowed, String origin) {
        return allowed.contains("*") || allowed.contains(origin);
    }
}
