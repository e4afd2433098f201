package io.keyward.user;

import io.keyward.audit.AuditActor;
import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
import io.keyward.config.KeywardConfig;
import io.keyward.crypto.PasswordHasher;
import io.keyward.entity.EmailAddresses;
import io.keyward.entity.Ids;
import io.keyward.entity.State;
import io.keyward.error.Errors;
import io.keyward.wire.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The one path by which a user comes to be. The API's Create ({@link UserRegistry}), the bootstrap
 * admin and SSO just-in-time provisioning all end in {@link #insert}, and the two paths the server
 * takes on its own go through {@link #createTrusted}, so every user obeys the same ID rule, e-mail rules
 * and stored forms, and every address that is not yet validated gets its validation request.
 * Runs in the caller's transaction.
 */
@ApplicationScoped
public class UserCreation {
    static final int MAX_NAME_RUNES = 50;

    @Inject
    UserStore store;

    @Inject
    KeywardConfig config;

    @Inject
    Event<EmailValidationRequested> emailValidations;

    @Inject
    AuditTrail audit;

    /**
     * A user the server creates itself rather than through the API: approved, with a validated address
     * or not, and with or without a local password.
     *
     * @param checkBlocklist whether the ID must pass the registration blocklist: yes for identities
     *                       that arrive from outside (SSO), no for the operator's own bootstrap admin
     */
    public record TrustedUser(String userId, String name, String email, boolean emailValidated,
                              String password, boolean admin, boolean checkBlocklist) {
    }

    /** Whether a user with this ID exists, deleted ones included (IDs are never reused). */
    public boolean exists(String userId) {
        return store.exists(userId, true);
    }

    /** Creates {@code t} with the rules every user obeys; errors as the API's Create reports them. */
    public UserEntity createTrusted(TrustedUser t) {
        return createTrusted(t, null);
    }

    /**
     * As {@link #createTrusted(TrustedUser)}, recorded as done by {@code actor} rather than by the request's
     * caller (an SSO identity that is being given its account); null: the caller.
     */
    public UserEntity createTrusted(TrustedUser t, AuditActor actor) {
        Ids.validateUserId("user.ids.user_id", t.userId());
        if (t.checkBlocklist() && UserValidation.isBlocked(t.userId(), config.extraBlockedUserIds())) {
            throw Errors.FORBIDDEN_ID.error("id", t.userId());
        }
        if (!EmailAddresses.isValid(t.email()) || !EmailAddresses.matchesTtsRegex(t.email())) {
            throw Errors.INVALID_EMAIL.error("email", t.email() == null ? "" : t.email());
        }
        Instant now = Timestamps.now();
        UserEntity u = new UserEntity();
        u.setUserId(t.userId());
        u.setCreatedAt(now);
        u.setUpdatedAt(now);
        u.setName(truncate(t.name() == null ? "" : t.name(), MAX_NAME_RUNES));
        u.setPrimaryEmailAddress(t.email());
        u.setPrimaryEmailAddressValidatedAt(t.emailValidated() ? now : null);
        if (t.password() == null || t.password().isEmpty()) {
            u.setPasswordHash("");
        } else {
            u.setPasswordHash(PasswordHasher.hash(t.password()));
            u.setPasswordUpdatedAt(now);
        }
        u.setState((short) State.STATE_APPROVED.number());
        u.setAdmin(t.admin());
        return insert(u, !t.emailValidated(), actor);
    }

    /**
     * The last step of every creation: inserts {@code u} now (a duplicate ID or address is reported
     * here) and, if asked, requests the validation of its primary address.
     */
    UserEntity insert(UserEntity u, boolean requestEmailValidation) {
        return insert(u, requestEmailValidation, null);
    }

    private UserEntity insert(UserEntity u, boolean requestEmailValidation, AuditActor actor) {
        store.insert(u);
        if (requestEmailValidation) {
            emailValidations.fire(new EmailValidationRequested(u.getUserId(), u.getPrimaryEmailAddress()));
        }
        // The new user's fields as "after" values; the password only as whether one was set.
        AuditEvent created = AuditEvent.of("user.create").user(u.getUserId()).actor(actor)
                .detail("password_set", !u.getPasswordHash().isEmpty());
        if (!u.getTemporaryPasswordHash().isEmpty()) {
            created.changeWithoutValues("temporary_password");
        }
        audit.record(UserAudit.changes(created, null, UserMapper.full(u, "", u.getAttributes())));
        return u;
    }

    static String truncate(String s, int runes) {
        return s.codePointCount(0, s.length()) > runes ? s.substring(0, s.offsetByCodePoints(0, runes)) : s;
    }
}
