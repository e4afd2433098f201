package io.keyward.user;

import io.keyward.error.Errors;
import io.keyward.http.ErrorResponses;
import io.keyward.http.RequestFilter;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The users API's requests that hash a password (Create, UpdatePassword, temporary_password) pass through
 * {@link HashingAdmission} before anything else is done for them. Declared in web.xml, after the request
 * filter and authentication (whose work the suspended request keeps), for requests and asynchronous dispatches.
 * A path this does not recognise still meets {@link HashingSlots}, which bounds the hashing itself.
 */
public class HashingAdmissionFilter implements Filter {
    private static final String USERS = "/api/v3/users";

    @Inject
    HashingAdmission admission;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String method = request.getMethod();
        // Reads, the most frequent requests here, are decided by the method alone, with no path work.
        if (!mayHash(method) || !hashes(method, request.getRequestURI().substring(request.getContextPath().length()))) {
            chain.doFilter(req, res);
            return;
        }
        switch (admission.enter(request, (HttpServletResponse) res)) {
            case SUSPENDED -> {
                // comes back as an asynchronous dispatch
            }
            case REFUSED -> ErrorResponses.write((HttpServletResponse) res,
                    Errors.HASHING_BUSY.error("retry_after", admission.retryAfterSeconds()),
                    (String) request.getAttribute(RequestFilter.CORRELATION_ATTRIBUTE));
            case GO -> {
                try {
                    chain.doFilter(req, res);
                } finally {
                    admission.leave(request);
                }
            }
        }
    }

    /** Create ({@code POST /users}), UpdatePassword ({@code PUT /users/{id}/password}), {@code POST /users/{id}/temporary_password}. */
    static boolean hashes(String method, String path) {
        if (!mayHash(method)) {
            return false;
        }
        if (path.equals(USERS) || path.equals(USERS + "/")) {
            return method.equals("POST");
        }
        if (!path.startsWith(USERS + "/")) {
            return false;
        }
        String rest = path.substring(USERS.length() + 1);
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return false;
        }
        String tail = rest.substring(slash);
        return method.equals("PUT") && tail.equals("/password") || method.equals("POST") && tail.equals("/temporary_password");
    }

    /** Only these methods reach a hash on this API. */
    private static boolean mayHash(String method) {
        return method.equals("POST") || method.equals("PUT");
    }
}
