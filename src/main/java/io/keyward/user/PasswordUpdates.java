package io.keyward.user;

import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
import io.keyward.http.ClientAddress;
import io.keyward.config.KeywardConfig;
import io.keyward.crypto.PasswordHasher;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.user.UserRequests.UpdatePassword;
import io.keyward.user.UserValidation.Where;
import io.keyward.wire.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Logger;

/**
 * {@code PUT /users/{user_id}/password} (API.md §4.8). The old or temporary password is a credential, so
 * each check counts against the login throttle like a password grant (issue 12 §1). Deliberately not in
 * a transaction: the stored hashes are read in a short transaction of their own, the old password is
 * verified and the new one hashed (in {@link HashingSlots}) with no row lock and no pooled connection held, and the change is then
 * written by {@link PasswordChanges} only if the stored hashes are still those that were verified.
 */
@ApplicationScoped
public class PasswordUpdates {
    private static final Logger LOG = Logger.getLogger(PasswordUpdates.class.getName());

    @Inject
    KeywardConfig config;

    @Inject
    LoginThrottle throttle;

    @Inject
    PasswordChanges changes;

    @Inject
    AuditTrail audit;

    @Inject
    HashingSlots slots;

    @Inject
    HttpServletRequest httpRequest;

    public void updatePassword(UpdatePassword request) {
        String userId = request.userId();
        UserValidation.userId(userId, Where.of("user_ids", "UpdateUserPasswordRequest"));
        if (UserValidation.runes(request.newPassword()) > 1000) {
            throw Where.of("new", "UpdateUserPasswordRequest").fail("value length must be at most 1000 runes");
        }
        if (UserValidation.runes(request.oldPassword()) > 1000) {
            throw Where.of("old", "UpdateUserPasswordRequest").fail("value length must be at most 1000 runes");
        }
        new PasswordPolicy(PasswordPolicy.Requirements.from(config)).check(userId, request.newPassword());
        if (request.oldPassword().equals(request.newPassword())) {
            throw Errors.PASSWORD_EQUALS_OLD.error();
        }
        PasswordChanges.Stored stored = changes.stored(userId);
        if (stored == null) {
            throw Errors.USER_NOT_FOUND.error("user_id", userId);
        }
        String address = ClientAddress.of(httpRequest, config);
        long wait = throttle.reserve(userId, address);
        if (wait == LoginThrottle.UNAVAILABLE) {
            throw Errors.DATABASE_UNAVAILABLE.error();
        }
        if (wait > 0) {
            audit.refused(AuditEvent.of("user.update.password").user(userId).outcome(AuditEvent.THROTTLED)
                    .detail("reason", "too many failed password checks"));
            throw Errors.TOO_MANY_ATTEMPTS.error("retry_after", wait);
        }
        // Both stored hashes are tried in one slot: 1 = the password, 2 = the temporary password, 0 = neither.
        int matched;
        try {
            matched = slots.run(() -> PasswordHasher.verify(request.oldPassword(), stored.passwordHash()) ? 1
                    : !stored.temporaryPasswordHash().isEmpty()
                    && PasswordHasher.verify(request.oldPassword(), stored.temporaryPasswordHash()) ? 2 : 0);
        } catch (KeywardException busy) {
            throttle.cancel(userId, address); // not checked: the attempt does not count
            throw busy;
        }
        boolean temporary = false;
        if (matched != 1) {
            if (matched == 0) {
                LOG.fine(() -> "user.update.incorrect_password " + userId);
                audit.refused(AuditEvent.of("user.update.password").user(userId).outcome(AuditEvent.FAILURE)
                        .detail("reason", "incorrect old password"));
                throw Errors.OLD_PASSWORD.error();
            }
            if (stored.temporaryPasswordExpiresAt() != null && stored.temporaryPasswordExpiresAt().isBefore(Timestamps.now())) {
                LOG.fine(() -> "user.update.incorrect_password " + userId);
                audit.refused(AuditEvent.of("user.update.password").user(userId).outcome(AuditEvent.FAILURE)
                        .detail("reason", "temporary password expired"));
                throw Errors.TEMPORARY_PASSWORD_EXPIRED.error();
            }
            temporary = true;
        }
        throttle.succeeded(userId, address);
        // Only now, once the old password checked out: the refusal tells a guesser nothing.
        if (!stored.localPasswordAllowed()) {
            throw Errors.LOCAL_PASSWORD_DISABLED.error("user_id", userId);
        }
        // Hashed only once the old password checked out: a wrong guess costs one hash computation, not two.
        String newHash = slots.hash(request.newPassword());
        changes.apply(userId, stored, temporary, newHash, request.revokeAllAccess());
    }
}
