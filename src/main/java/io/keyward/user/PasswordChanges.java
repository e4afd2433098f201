package io.keyward.user;

import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
import io.keyward.error.Errors;
import io.keyward.wire.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The write of UpdatePassword, in its own short transaction: the user row is locked only to compare the
 * stored hashes with those the caller's old password was verified against, and to store the new hash that
 * was computed before. A change that happened in between (another password change, a new temporary
 * password) makes the old password stale: {@code old_password}.
 */
@ApplicationScoped
public class PasswordChanges {
    @Inject
    UserStore store;

    @Inject
    AuditTrail audit;

    @Inject
    SsoLinkStore links;

    @Inject
    Event<MailRequest> mail;

    @Inject
    Event<NotificationRequest> notifications;

    @Inject
    Event<UserCredentialsChanged> credentials;

    /**
     * What UpdatePassword verifies the old password against, and whether the user may have a local
     * password at all (false: linked to an SSO identity while is.sso.allow-local-password is off).
     */
    public record Stored(String passwordHash, String temporaryPasswordHash, Instant temporaryPasswordExpiresAt,
                         boolean localPasswordAllowed) {
    }

    /** The user's stored hashes, read in a transaction of their own (no lock, connection returned at once); null if none. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Stored stored(String userId) {
        UserEntity u = store.find(userId, false);
        return u == null ? null : new Stored(u.getPasswordHash(), u.getTemporaryPasswordHash(), u.getTemporaryPasswordExpiresAt(),
                links.localPasswordAllowed(u.getId()));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void apply(String userId, Stored verified, boolean viaTemporary, String newHash, boolean revokeAllAccess) {
        UserEntity u = store.lock(userId, false);
        if (u == null) {
            throw Errors.USER_NOT_FOUND.error("user_id", userId);
        }
        if (!u.getPasswordHash().equals(verified.passwordHash())
                || !u.getTemporaryPasswordHash().equals(verified.temporaryPasswordHash())) {
            throw Errors.OLD_PASSWORD.error();
        }
        // Again under the row lock: an admin may have linked the user since its hashes were read.
        if (!links.localPasswordAllowed(u.getId())) {
            throw Errors.LOCAL_PASSWORD_DISABLED.error("user_id", userId);
        }
        Instant now = Timestamps.now();
        if (viaTemporary) {
            u.setTemporaryPasswordHash("");
            u.setTemporaryPasswordCreatedAt(null);
            u.setTemporaryPasswordExpiresAt(null);
        }
        u.setPasswordHash(newHash);
        u.setPasswordUpdatedAt(now);
        u.setRequirePasswordUpdate(false);
        u.setUpdatedAt(now);
        store.flush();
        audit.record(AuditEvent.of("user.update.password").user(userId)
                .detail("via_temporary_password", viaTemporary).detail("revoke_all_access", revokeAllAccess));
        if (revokeAllAccess) {
            credentials.fire(new UserCredentialsChanged(userId, true));
        }
        notifications.fire(new NotificationRequest(userId, "password_changed", null, null,
                List.of("NOTIFICATION_RECEIVER_COLLABORATOR"), List.of(userId), false));
        mail.fire(new MailRequest("password_changed", u.getPrimaryEmailAddress(), u.getName(),
                Map.of("user_id", userId), Map.of()));
    }
}
