package io.keyward.authn;

import jakarta.ejb.ApplicationException;

/**
 * A refused token request, answered with the OAuth 2 error body {@code {"error","error_description"}}
 * (RFC 6749 §5.2).
 */
@ApplicationException(rollback = true)
public class OAuthException extends RuntimeException {
    private final int status;
    private final String error;
    private final long retryAfterSeconds;

    public OAuthException(int status, String error, String description) {
        this(status, error, description, 0);
    }

    private OAuthException(int status, String error, String description, long retryAfterSeconds) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Too many failed logins: 429 with Retry-After; the body stays an OAuth 2 error. */
    public static OAuthException throttled(long retryAfterSeconds) {
        return new OAuthException(429, "invalid_grant", "too many failed login attempts, try again later", retryAfterSeconds);
    }

    /** The database (or the throttle's counts in it) cannot be reached: 503, the client may retry. */
    public static OAuthException unavailable() {
        return new OAuthException(503, "temporarily_unavailable", "the server cannot check credentials now, try again later", 5);
    }

    /**
     * The user is linked to an SSO identity and {@code is.sso.allow-local-password} is off: its identity
     * provider alone lets it in (issue 12 §4). Said only once the password was right, so it tells a
     * guesser nothing.
     */
    public static OAuthException localPasswordDisabled(String userId) {
        return new OAuthException(400, "invalid_grant",
                "local_password_disabled: user " + userId + " signs in through SSO only; local passwords are disabled");
    }

    /** No password-hashing slot came free in time: 503, retry after {@code retryAfterSeconds}. */
    public static OAuthException unavailable(long retryAfterSeconds) {
        return new OAuthException(503, "temporarily_unavailable", "the server is busy checking other passwords, try again later",
                Math.max(1, retryAfterSeconds));
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
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
