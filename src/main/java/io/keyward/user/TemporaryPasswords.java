package io.keyward.user;

import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
import io.keyward.http.ClientAddress;
import io.keyward.config.KeywardConfig;
import io.keyward.crypto.Secrets;
import io.keyward.crypto.Tokens;
import io.keyward.error.Errors;
import io.keyward.user.UserValidation.Where;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /users/{user_id}/temporary_password} (API.md §4.9), which anyone may call: each request costs
 * a hash and may send a mail, so it is counted per user ID and per client address
 * ({@code is.temporary-password.*}, in the login throttle's table, shared by all nodes) and refused with
 * {@code 429} past the limit (issue 12 §3). The secret is made and hashed in a {@link HashingSlots} slot
 * before any transaction, whether or not the user exists (timing tells nothing), and stored by
 * {@link UserRegistry#storeTemporaryPassword} in a short one.
 */
@ApplicationScoped
public class TemporaryPasswords {
    @Inject
    KeywardConfig config;

    @Inject
    LoginThrottle throttle;

    @Inject
    HashingSlots slots;

    @Inject
    UserRegistry registry;

    @Inject
    AuditTrail audit;

    @Inject
    HttpServletRequest httpRequest;

    public void create(String userId) {
        UserValidation.userId(userId, Where.of("user_ids", "CreateTemporaryPasswordRequest"));
        long wait = throttle.reserveTemporaryPassword(userId, ClientAddress.of(httpRequest, config));
        if (wait == LoginThrottle.UNAVAILABLE) {
            throw Errors.DATABASE_UNAVAILABLE.error();
        }
        if (wait > 0) {
            audit.refused(AuditEvent.of("user.temporary-password.create").user(userId).outcome(AuditEvent.THROTTLED));
            throw Errors.TEMPORARY_PASSWORD_RATE_LIMITED.error("retry_after", wait);
        }
        String secret = Secrets.randomBase32(Tokens.SECRET_BYTES);
        String hash = slots.hash(secret);
        registry.storeTemporaryPassword(userId, secret, hash);
    }
}
