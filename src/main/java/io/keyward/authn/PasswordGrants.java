package io.keyward.authn;

import io.keyward.crypto.PasswordHasher;
import io.keyward.crypto.Secrets;
import io.keyward.crypto.Tokens;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.user.HashingSlots;
import io.keyward.user.LoginThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The resource-owner password grant of {@code POST /oauth/token}, which anyone may call. Deliberately not
 * in a transaction (issue 12 §3): the attempt is counted by the {@link LoginThrottle} first, the user is
 * read in a short transaction of its own, the password is verified in a {@link HashingSlots} slot with no
 * connection held, and only a verified login opens the transaction that issues the tokens. No free slot
 * within the wait: {@code 503 temporarily_unavailable} with {@code Retry-After}, and the attempt does not
 * count.
 */
@ApplicationScoped
public class PasswordGrants {
    private static final String BAD_CREDENTIALS = "invalid user ID or password";

    @Inject
    OAuthService tokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    HashingSlots slots;

    /**
     * @param address   the client's address, for throttling failed logins (and shown with the session)
     * @param userAgent the client's User-Agent, shown with the session (may be null)
     */
    public OAuthService.TokenPair passwordGrant(String username, String password, String clientId, String address,
                                                String userAgent) {
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            throw OAuthException.invalidRequest("username and password are required");
        }
        OAuthService.checkClientId(clientId);
        // The attempt is counted before the hash is computed: concurrent guesses cannot overrun the limit.
        long wait = throttle.reserve(username, address);
        if (wait == LoginThrottle.UNAVAILABLE) {
            throw OAuthException.unavailable();
        }
        if (wait > 0) {
            throw OAuthException.throttled(wait);
        }
        OAuthService.Login login = tokens.login(username);
        // Deleted users and wrong passwords answer alike; an unknown user still costs one hash, so
        // that the answer time does not tell whether the account exists.
        String stored = login == null || login.passwordHash().isEmpty() ? null : login.passwordHash();
        boolean valid;
        try {
            valid = slots.run(() -> {
                if (stored == null) {
                    PasswordHasher.verify(password, DummyHash.VALUE);
                    return false;
                }
                return PasswordHasher.verify(password, stored);
            });
        } catch (KeywardException e) {
            if (e.definition() != Errors.HASHING_BUSY) {
                throw e;
            }
            throttle.cancel(username, address); // not checked: the attempt does not count
            throw OAuthException.unavailable(((Number) e.attributes().get("retry_after")).longValue());
        }
        if (!valid || login.deleted()) {
            throw OAuthException.invalidGrant(BAD_CREDENTIALS);
        }
        throttle.succeeded(username, address);
        String rehash = null;
        if (PasswordHasher.needsRehash(stored)) {
            try {
                rehash = slots.hash(password);
            } catch (KeywardException busy) {
                // The upgrade can wait for the next login; the login itself succeeded.
            }
        }
        return tokens.completeLogin(login.userPk(), clientId, stored, rehash, new OAuthService.Origin(address, userAgent));
    }

    /** A hash to verify against when there is no user, computed once. */
    private static final class DummyHash {
        static final String VALUE = PasswordHasher.hash(Secrets.randomBase32(Tokens.SECRET_BYTES));
    }
}
