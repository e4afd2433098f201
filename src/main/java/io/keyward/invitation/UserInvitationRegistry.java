package io.keyward.invitation;

import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
import io.keyward.config.KeywardConfig.Option;
import io.keyward.config.KeywardConfig;
import io.keyward.crypto.Secrets;
import io.keyward.entity.EmailAddresses;
import io.keyward.error.Errors;
import io.keyward.error.Validation;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.rights.Right;
import io.keyward.user.InvitationTokenUsed;
import io.keyward.user.MailRequest;
import io.keyward.user.UserEntity;
import io.keyward.user.UserStore;
import io.keyward.wire.Page;
import io.keyward.wire.Paging;
import io.keyward.wire.Timestamps;
import jakarta.annotation.Priority;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * UserInvitationRegistry (API.md §7): Send, List, Delete, and the consumption of invitation tokens by
 * Users.Create (§7.4). All three methods need the universal right {@code RIGHT_SEND_INVITES}.
 *
 * <p>Tokens: 52-character random base32 strings. They are stored in plain text because List returns
 * them (as The Things Stack does), and looked up by their SHA-256 so no SQL comparison runs on the
 * secret itself; they are never logged (the mail log masks them).
 */
@Stateless
public class UserInvitationRegistry {

    @Inject
    InvitationStore store;

    @Inject
    UserStore users;

    @Inject
    CallerContext callers;

    @Inject
    KeywardConfig config;

    @Inject
    Event<MailRequest> mail;

    @Inject
    AuditTrail audit;

    /** An invitation as the API shows it. */
    public record Invitation(String email, String token, Instant expiresAt, Instant createdAt, Instant updatedAt,
                             Instant acceptedAt, String acceptedBy) {
    }

    public Invitation send(String email) {
        requireEmail(email);
        Caller caller = requireInviteRights();
        if (store.existsFor(email)) {
            throw Errors.INVITATION_ALREADY_SENT.error();
        }
        Instant now = Timestamps.now();
        InvitationEntity i = new InvitationEntity();
        i.email = email;
        i.token = Secrets.token();
        i.tokenHash = Secrets.sha256(i.token);
        i.expiresAt = now.plus(config.duration(Option.INVITATION_TOKEN_TTL));
        i.senderUserPk = userPk(caller.userId());
        i.createdAt = now;
        i.updatedAt = now;
        try {
            store.insert(i);
        } catch (PersistenceException e) {
            // A concurrent Send to the same address won the unique constraint.
            throw Errors.INVITATION_ALREADY_SENT.error();
        }
        audit.record(AuditEvent.of("invitation.create").target("invitation", email)
                .detail("expires_at", Timestamps.format(i.expiresAt)));
        Map<String, String> values = new HashMap<>();
        values.put("email", email);
        values.put("expires_at", Timestamps.format(i.expiresAt));
        if (caller.userId() != null) {
            values.put("sender_user_id", caller.userId());
        }
        mail.fire(new MailRequest("invitation", email, "", values, Map.of("token", i.token)));
        return view(i, null);
    }

    public Page<Invitation> list(Paging paging) {
        requireInviteRights();
        Page<InvitationEntity> page = store.page(paging);
        Map<Long, String> userIds = users.userIdsOf(
                page.items().stream().map(r -> r.acceptedByUserPk).filter(pk -> pk != null).distinct().toList());
        return page.map(r -> view(r, userIds.get(r.acceptedByUserPk)));
    }

    public void delete(String email) {
        requireEmail(email);
        requireInviteRights();
        if (store.deleteFor(email) == 0) {
            throw Errors.INVITATION_NOT_FOUND.error();
        }
        audit.record(AuditEvent.of("invitation.delete").target("invitation", email));
    }

    /**
     * Users.Create used an invitation token (API.md §4.1 step 10): check it and mark it accepted in the
     * Create's transaction. The conditional update makes one of two concurrent uses fail.
     */
    public void consume(@Observes(during = TransactionPhase.IN_PROGRESS) @Priority(Interceptor.Priority.APPLICATION + 1000)
                        InvitationTokenUsed used) {
        String token = used.token() == null ? "" : used.token();
        InvitationEntity i = token.isEmpty() ? null : store.findByTokenHash(Secrets.sha256(token));
        if (i == null || !Secrets.constantTimeEquals(i.token, token)) {
            throw Errors.INVITATION_NOT_FOUND.error("invitation_token", token);
        }
        Instant now = Timestamps.now();
        if (!i.expiresAt.isAfter(now)) {
            throw Errors.INVITATION_EXPIRED.error("invitation_token", token);
        }
        if (i.acceptedAt != null) {
            throw Errors.INVITATION_ALREADY_USED.error("invitation_token", token);
        }
        Long userPk = userPk(used.userId());
        if (userPk == null) {
            throw new IllegalStateException("InvitationTokenUsed fired for user " + used.userId()
                    + " before the user was persisted");
        }
        if (!store.markAccepted(i.id, userPk, now)) {
            throw Errors.INVITATION_ALREADY_USED.error("invitation_token", token);
        }
        audit.record(AuditEvent.of("invitation.accept").user(used.userId()).detail("email", i.email));
    }

    private Caller requireInviteRights() {
        Caller caller = callers.requireValidCredential();
        if (!caller.universal().contains(Right.RIGHT_SEND_INVITES)) {
            throw Errors.NO_INVITE_RIGHTS.error();
        }
        return caller;
    }

    private static void requireEmail(String email) {
        if (!EmailAddresses.isValid(email)) {
            throw Validation.invalid("email", EmailAddresses.INVALID_REASON);
        }
    }

    private Long userPk(String userId) {
        if (userId == null) {
            return null;
        }
        UserEntity user = users.find(userId, true);
        return user == null ? null : user.getId();
    }

    private static Invitation view(InvitationEntity i, String acceptedBy) {
        return new Invitation(i.email, i.token, i.expiresAt, i.createdAt, i.updatedAt, i.acceptedAt, acceptedBy);
    }
}
