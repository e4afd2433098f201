package io.keyward.rights;

import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The caller of the current request. The authentication mechanism resolves the credential once per
 * request and leaves the outcome in request attributes; services read it here. A credential that was
 * presented but is invalid is kept as an error: methods that check rights on a user surface it
 * ({@link #requireValidCredential()}), admin-only methods swallow it and see an anonymous caller,
 * exactly as The Things Stack does (API.md §2.1).
 */
@RequestScoped
public class CallerContext {
    public static final String CALLER_ATTRIBUTE = "keyward.caller";
    public static final String CREDENTIAL_ERROR_ATTRIBUTE = "keyward.credential_error";

    @Inject
    HttpServletRequest request;

    private Caller override;

    /** The caller; anonymous when no credential or an invalid one was presented. */
    public Caller caller() {
        if (override != null) {
            return override;
        }
        Object c = request == null ? null : request.getAttribute(CALLER_ATTRIBUTE);
        return c instanceof Caller caller ? caller : Caller.ANONYMOUS;
    }

    /** The error of an invalid presented credential, or null. */
    public KeywardException credentialError() {
        if (override != null) {
            // Work done on behalf of a known caller presented no credential (and may run outside any
            // HTTP request: the start-up warm-up).
            return null;
        }
        Object e = request == null ? null : request.getAttribute(CREDENTIAL_ERROR_ATTRIBUTE);
        return e instanceof KeywardException k ? k : null;
    }

    /** Surfaces the error of an invalid presented credential (401/400). */
    public Caller requireValidCredential() {
        KeywardException e = credentialError();
        if (e != null) {
            throw e;
        }
        return caller();
    }

    /**
     * "Is the caller an admin?" with invalid credentials swallowed (List, Create, Purge, login tokens), as
     * TTS does. A credential that could not be checked at all (database down) is not swallowed: it
     * answers 503, so an admin sees an outage rather than a 403 for rights the admin has.
     */
    public boolean isAdmin() {
        KeywardException e = credentialError();
        if (e != null && e.is(Errors.DATABASE_UNAVAILABLE)) {
            throw e;
        }
        return caller().admin();
    }

    /** For in-container tests and internal work done on behalf of a known caller. */
    public void actAs(Caller caller) {
        this.override = caller;
    }
}
