package io.keyward.mail;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox as the background sender sees it. Every method is a short transaction of its own, so
 * that nothing is held open while talking to the SMTP server. Claiming is a conditional UPDATE on
 * the row ({@code ... WHERE sent_at IS NULL AND lease is free}), which the database serialises: of
 * several nodes claiming one message, exactly one sees "1 row updated". A claim is a lease: a node
 * that dies while sending leaves the message to be taken over when the lease ends (at least once).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboxStore {

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /**
     * Stores a new message in the caller's transaction (the one exception to "a transaction of its own"): the
     * message must exist exactly when the change that sends it commits.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public long insert(MailMessageEntity m) {
        em.persist(m);
        em.flush();
        return m.id;
    }

    /** A message claimed for delivery, detached from the database. */
    public record Claimed(long id, String template, String recipient, String recipientName, String subject,
                          String text, String html, String keyId, String sealed, int attempts) {
        /** The same message with its bodies opened. */
        Claimed opened(String openText, String openHtml) {
            return new Claimed(id, template, recipient, recipientName, subject, openText, openHtml, null, null, attempts);
        }
    }

    /** A message as the admin view and the log show it: secrets masked. */
    public record Shown(long id, String template, String recipient, String subject, String maskedText,
                        String maskedHtml, Instant createdAt, Instant nextAttemptAt, int attempts,
                        String lastError, Instant sentAt, Instant deadAt) {
        public State state() {
            return sentAt != null ? State.SENT : deadAt != null ? State.DEAD : State.PENDING;
        }
    }

    /** What the admin view filters on: waiting for delivery, delivered, or given up on. */
    public enum State {
        PENDING, SENT, DEAD;

        String where() {
            return switch (this) {
                case PENDING -> " WHERE m.sentAt IS NULL AND m.deadAt IS NULL";
                case SENT -> " WHERE m.sentAt IS NOT NULL";
                case DEAD -> " WHERE m.deadAt IS NOT NULL";
            };
        }
    }

    /**
     * IDs of messages due for delivery and not held by a live lease, oldest first; only those this node
     * can open (sealed with one of {@code keyIds}, or written before bodies were sealed).
     */
    public List<Long> due(Instant now, int max, List<String> keyIds) {
        return em.createQuery("SELECT m.id FROM MailMessageEntity m WHERE m.sentAt IS NULL AND m.deadAt IS NULL"
                        + " AND m.nextAttemptAt <= :now AND (m.leaseUntil IS NULL OR m.leaseUntil < :now)"
                        + " AND (m.sealedBody IS NULL OR m.keyId IN :keys)"
                        + " ORDER BY m.nextAttemptAt, m.id", Long.class)
                .setParameter("now", now).setParameter("keys", keyIds).setMaxResults(max).getResultList();
    }

    /** Takes the message for {@code owner} until {@code until}, if nobody else has it and it is still due. */
    public Optional<Claimed> claim(long id, String owner, Instant now, Instant until) {
        int n = em.createQuery("UPDATE MailMessageEntity m SET m.leaseOwner = :owner, m.leaseUntil = :until,"
                        + " m.attempts = m.attempts + 1 WHERE m.id = :id AND m.sentAt IS NULL AND m.deadAt IS NULL"
                        + " AND m.nextAttemptAt <= :now AND (m.leaseUntil IS NULL OR m.leaseUntil < :now)")
                .setParameter("owner", owner).setParameter("until", until).setParameter("id", id)
                .setParameter("now", now).executeUpdate();
        if (n != 1) {
            return Optional.empty();
        }
        MailMessageEntity m = em.find(MailMessageEntity.class, id);
        return Optional.of(new Claimed(m.id, m.template, m.recipient, m.recipientName, m.subject, m.textBody,
                m.htmlBody, m.keyId, m.sealedBody, m.attempts));
    }

    /**
     * Delivered: the SMTP server accepted it. The bodies that may carry secrets are dropped; the masked
     * copies stay. Marked whoever holds the lease now: the message went out.
     */
    public void markSent(long id, Instant now) {
        em.createQuery("UPDATE MailMessageEntity m SET m.sentAt = :now, m.leaseOwner = NULL, m.leaseUntil = NULL,"
                        + " m.lastError = NULL, m.textBody = NULL, m.htmlBody = NULL, m.sealedBody = NULL"
                        + " WHERE m.id = :id AND m.sentAt IS NULL")
                .setParameter("now", now).setParameter("id", id).executeUpdate();
    }

    /** Not delivered: try again at {@code next}, if this node still holds the message. */
    public void markFailed(long id, String owner, Instant next, String error) {
        em.createQuery("UPDATE MailMessageEntity m SET m.nextAttemptAt = :next, m.lastError = :error,"
                        + " m.leaseOwner = NULL, m.leaseUntil = NULL"
                        + " WHERE m.id = :id AND m.leaseOwner = :owner AND m.sentAt IS NULL")
                .setParameter("next", next).setParameter("error", error).setParameter("id", id)
                .setParameter("owner", owner).executeUpdate();
    }

    /**
     * Given up on (permanent rejection or out of attempts): never claimed again, kept with its last
     * error; the secret-bearing bodies are dropped, the masked copies stay.
     */
    public void markDead(long id, String owner, Instant now, String error) {
        em.createQuery("UPDATE MailMessageEntity m SET m.deadAt = :now, m.lastError = :error,"
                        + " m.leaseOwner = NULL, m.leaseUntil = NULL, m.textBody = NULL, m.htmlBody = NULL, m.sealedBody = NULL"
                        + " WHERE m.id = :id AND m.leaseOwner = :owner AND m.sentAt IS NULL AND m.deadAt IS NULL")
                .setParameter("now", now).setParameter("error", error).setParameter("id", id)
                .setParameter("owner", owner).executeUpdate();
    }

    /**
     * Dead-letters unsent messages created before {@code before} that no node holds (their tokens have
     * expired, or nobody can deliver them: no provider), dropping the secret-bearing bodies. Returns how many.
     */
    public int expireUnsent(Instant before, Instant now) {
        return em.createQuery("UPDATE MailMessageEntity m SET m.deadAt = :now, m.lastError = :error,"
                        + " m.textBody = NULL, m.htmlBody = NULL, m.sealedBody = NULL"
                        + " WHERE m.sentAt IS NULL AND m.deadAt IS NULL AND m.createdAt < :before"
                        + " AND (m.leaseUntil IS NULL OR m.leaseUntil < :now)")
                .setParameter("now", now).setParameter("before", before)
                .setParameter("error", "expired before delivery (is.email.outbox.expiry)").executeUpdate();
    }

    /** Gives a claimed message back untouched (the node is stopping before it sent it). */
    public void release(long id, String owner) {
        em.createQuery("UPDATE MailMessageEntity m SET m.leaseOwner = NULL, m.leaseUntil = NULL,"
                        + " m.attempts = m.attempts - 1 WHERE m.id = :id AND m.leaseOwner = :owner AND m.sentAt IS NULL")
                .setParameter("id", id).setParameter("owner", owner).executeUpdate();
    }

    /**
     * Gives back every message {@code owner} still holds (claimed but not marked sent, failed or dead):
     * a stopping node calls it so that another node delivers them at once instead of after the lease.
     * The interrupted attempt does not count. Returns how many.
     */
    public int releaseAll(String owner) {
        return em.createQuery("UPDATE MailMessageEntity m SET m.leaseOwner = NULL, m.leaseUntil = NULL,"
                        + " m.attempts = m.attempts - 1 WHERE m.leaseOwner = :owner AND m.sentAt IS NULL"
                        + " AND m.deadAt IS NULL AND m.attempts > 0")
                .setParameter("owner", owner).executeUpdate();
    }

    /** Unsent messages whose bodies are still in clear (written before bodies were sealed, V23). */
    public List<Claimed> clearCopies(int max) {
        return em.createQuery("SELECT m FROM MailMessageEntity m WHERE m.sealedBody IS NULL AND m.sentAt IS NULL"
                        + " AND m.deadAt IS NULL AND (m.textBody IS NOT NULL OR m.htmlBody IS NOT NULL) ORDER BY m.id",
                        MailMessageEntity.class).setMaxResults(max).getResultList().stream()
                .map(m -> new Claimed(m.id, m.template, m.recipient, m.recipientName, m.subject, m.textBody,
                        m.htmlBody, null, null, m.attempts)).toList();
    }

    /** Replaces a message's clear bodies by their sealed copy. */
    public void sealClear(long id, String keyId, String sealed) {
        em.createQuery("UPDATE MailMessageEntity m SET m.sealedBody = :sealed, m.keyId = :key, m.textBody = NULL,"
                        + " m.htmlBody = NULL WHERE m.id = :id AND m.sealedBody IS NULL AND m.sentAt IS NULL AND m.deadAt IS NULL")
                .setParameter("sealed", sealed).setParameter("key", keyId).setParameter("id", id).executeUpdate();
    }

    /** Deletes messages delivered or dead-lettered before {@code before}; returns how many. */
    public int purgeSent(Instant before) {
        return em.createQuery("DELETE FROM MailMessageEntity m WHERE (m.sentAt IS NOT NULL AND m.sentAt < :before)"
                        + " OR (m.deadAt IS NOT NULL AND m.deadAt < :before)")
                .setParameter("before", before).executeUpdate();
    }

    /** Unsent messages not yet written to the log (used while no mail provider is configured). */
    public List<Long> unlogged(int max) {
        return em.createQuery("SELECT m.id FROM MailMessageEntity m WHERE m.sentAt IS NULL AND m.deadAt IS NULL AND m.loggedAt IS NULL"
                        + " ORDER BY m.id", Long.class).setMaxResults(max).getResultList();
    }

    /** Marks the message as logged; only one node wins, and only it logs the message. */
    public Optional<Shown> claimForLog(long id, Instant now) {
        int n = em.createQuery("UPDATE MailMessageEntity m SET m.loggedAt = :now WHERE m.id = :id AND m.loggedAt IS NULL")
                .setParameter("now", now).setParameter("id", id).executeUpdate();
        if (n != 1) {
            return Optional.empty();
        }
        return Optional.of(shown(em.find(MailMessageEntity.class, id)));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<Shown> list(State state, int limit, long offset) {
        return em.createQuery("SELECT m FROM MailMessageEntity m"
                        + (state == null ? "" : state.where()) + " ORDER BY m.id DESC", MailMessageEntity.class)
                .setFirstResult((int) Math.min(offset, Integer.MAX_VALUE)).setMaxResults(limit)
                .getResultList().stream().map(OutboxStore::shown).toList();
    }

    /** When the oldest message still waiting for delivery was queued, if any. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Optional<Instant> oldestUnsent() {
        return em.createQuery("SELECT m.createdAt FROM MailMessageEntity m" + State.PENDING.where()
                + " ORDER BY m.createdAt", Instant.class).setMaxResults(1).getResultList().stream().findFirst();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public long count(State state) {
        return em.createQuery("SELECT COUNT(m) FROM MailMessageEntity m"
                + (state == null ? "" : state.where()), Long.class).getSingleResult();
    }

    private static Shown shown(MailMessageEntity m) {
        return new Shown(m.id, m.template, m.recipient, m.subject, m.maskedTextBody, m.maskedHtmlBody,
                m.createdAt, m.nextAttemptAt, m.attempts, m.lastError, m.sentAt, m.deadAt);
    }
}
