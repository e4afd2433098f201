package io.keyward.invitation;

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
import io.keyward.wire.Paging;
import io.keyward.wire.Timestamps;
import jakarta.annotation.Priority;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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
public class InvitationService {

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    CallerContext callers;

    @Inject
    KeywardConfig config;

    @Inject
    Event<MailRequest> mail;

    /** An invitation as the API shows it. */
    public record Invitation(String email, String token, Instant expiresAt, Instant createdAt, Instant updatedAt,
                             Instant acceptedAt, String acceptedBy) {
    }

    public record Page(List<Invitation> invitations, long total) {
    }

    public Invitation send(String email) {
        requireEmail(email);
        Caller caller = requireInviteRights();
        if (!em.createQuery("SELECT i.id FROM InvitationEntity i WHERE i.email = :email", Long.class)
                .setParameter("email", email).setMaxResults(1).getResultList().isEmpty()) {
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
            em.persist(i);
            em.flush();
        } catch (PersistenceException e) {
            // A concurrent Send to the same address won the unique constraint.
            throw Errors.INVITATION_ALREADY_SENT.error();
        }
        Map<String, String> values = new HashMap<>();
        values.put("email", email);
        values.put("expires_at", Timestamps.format(i.expiresAt));
        if (caller.userId() != null) {
            values.put("sender_user_id", caller.userId());
        }
        mail.fire(new MailRequest("invitation", email, "", values, Map.of("token", i.token)));
        return view(i, null);
    }

    public Page list(Paging paging) {
        requireInviteRights();
        long total = em.createQuery("SELECT COUNT(i) FROM InvitationEntity i", Long.class).getSingleResult();
        List<InvitationEntity> rows = em.createQuery("SELECT i FROM InvitationEntity i ORDER BY i.email, i.id",
                        InvitationEntity.class)
                .setFirstResult((int) Math.min(paging.offset(), Integer.MAX_VALUE))
                .setMaxResults(paging.limit()).getResultList();
        Map<Long, String> userIds = new HashMap<>();
        List<Long> pks = rows.stream().map(r -> r.acceptedByUserPk).filter(pk -> pk != null).distinct().toList();
        if (!pks.isEmpty()) {
            for (Object[] row : em.createQuery("SELECT u.id, u.userId FROM UserEntity u WHERE u.id IN :pks", Object[].class)
                    .setParameter("pks", pks).getResultList()) {
                userIds.put((Long) row[0], (String) row[1]);
            }
        }
        return new Page(rows.stream().map(r -> view(r, userIds.get(r.acceptedByUserPk))).toList(), total);
    }

    public void delete(String email) {
        requireEmail(email);
        requireInviteRights();
        int n = em.createQuery("DELETE FROM InvitationEntity i WHERE LOWER(i.email) = LOWER(:email)")
                .setParameter("email", email).executeUpdate();
        if (n == 0) {
            throw Errors.INVITATION_NOT_FOUND.error();
        }
    }

    /**
     * Users.Create used an invitation token (API.md §4.1 step 10): check it and mark it accepted in the
     * Create's transaction. The conditional update makes one of two concurrent uses fail.
     */
    public void consume(@Observes(during = TransactionPhase.IN_PROGRESS) @Priority(Interceptor.Priority.APPLICATION + 1000)
                        InvitationTokenUsed used) {
        String token = used.token() == null ? "" : used.token();
        List<InvitationEntity> found = token.isEmpty() ? List.of()
                : em.createQuery("SELECT i FROM InvitationEntity i WHERE i.tokenHash = :hash", InvitationEntity.class)
                .setParameter("hash", Secrets.sha256(token)).getResultList();
        if (found.isEmpty() || !Secrets.constantTimeEquals(found.get(0).token, token)) {
            throw Errors.INVITATION_NOT_FOUND.error("invitation_token", token);
        }
        InvitationEntity i = found.get(0);
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
        int n = em.createQuery("UPDATE InvitationEntity i SET i.acceptedAt = :now, i.acceptedByUserPk = :user,"
                        + " i.updatedAt = :now WHERE i.id = :id AND i.acceptedAt IS NULL")
                .setParameter("now", now).setParameter("user", userPk).setParameter("id", i.id).executeUpdate();
        if (n != 1) {
            throw Errors.INVITATION_ALREADY_USED.error("invitation_token", token);
        }
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
        List<Long> pks = em.createQuery("SELECT u.id FROM UserEntity u WHERE u.userId = :id", Long.class)
                .setParameter("id", userId).getResultList();
        return pks.isEmpty() ? null : pks.get(0);
    }

    private static Invitation view(InvitationEntity i, String acceptedBy) {
        return new Invitation(i.email, i.token, i.expiresAt, i.createdAt, i.updatedAt, i.acceptedAt, acceptedBy);
    }
}
