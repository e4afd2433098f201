package io.keyward.auth;

import jakarta.ejb.ApplicationException;

/**
 * A refused token request, answered with the OAuth 2 error body {@code {"error","error_description"}}
 * (RFC 6749 §5.2).
 */
@ApplicationException(rollback = true)
public class OAuthException extends RuntimeException {
    private final int status;
    private final String error;

    public OAuthException(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description);
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
