package io.keyward.user;

import io.keyward.config.KeywardConfig;
import io.keyward.error.Errors;
import io.keyward.wire.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;

/**
 * All queries of {@code sso_links}: which local account an enterprise SSO identity (issuer, subject) may
 * act as (issue 12 §4). Runs in the caller's transaction.
 */
@ApplicationScoped
public class SsoLinkStore {
    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    KeywardConfig config;

    /** A link as shown to admins. */
    public record Link(String issuer, String subject, Instant createdAt) {
    }

    /** The user ID the identity is linked to (deleted users included), or null when it is linked to none. */
    public String linkedUserId(String issuer, String subject) {
        List<String> ids = em.createQuery("SELECT u.userId FROM SsoLinkEntity l, UserEntity u "
                        + "WHERE l.issuer = :iss AND l.subject = :sub AND u.id = l.userPk", String.class)
                .setParameter("iss", issuer).setParameter("sub", subject).getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** The subject each of the given users is linked to at {@code issuer} (users without such a link left out). */
    public java.util.Map<Long, String> subjects(java.util.Collection<Long> userPks, String issuer) {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        if (userPks.isEmpty()) {
            return out;
        }
        for (SsoLinkEntity l : em.createQuery("SELECT l FROM SsoLinkEntity l WHERE l.userPk IN :pks AND l.issuer = :iss "
                        + "ORDER BY l.id", SsoLinkEntity.class)
                .setParameter("pks", userPks).setParameter("iss", issuer).getResultList()) {
            out.putIfAbsent(l.getUserPk(), l.getSubject());
        }
        return out;
    }

    /** The user's links, oldest first. */
    public List<Link> list(long userPk) {
        return em.createQuery("SELECT l FROM SsoLinkEntity l WHERE l.userPk = :pk ORDER BY l.createdAt, l.id",
                        SsoLinkEntity.class).setParameter("pk", userPk).getResultList().stream()
                .map(l -> new Link(l.getIssuer(), l.getSubject(), l.getCreatedAt())).toList();
    }

    /** Whether any SSO identity is linked to the user. */
    public boolean linked(long userPk) {
        return em.createQuery("SELECT COUNT(l) FROM SsoLinkEntity l WHERE l.userPk = :pk", Long.class)
                .setParameter("pk", userPk).getSingleResult() > 0;
    }

    /**
     * Whether the user may use a local password: not linked to any SSO identity, or
     * {@code is.sso.allow-local-password} is set. A linked user who is disabled at the identity
     * provider must not keep a way in through a password.
     */
    public boolean localPasswordAllowed(long userPk) {
        return config.bool(KeywardConfig.Option.SSO_ALLOW_LOCAL_PASSWORD) || !linked(userPk);
    }

    /** Links the identity to the user now; {@code already_exists} when the identity is linked already (to anyone). */
    public Link insert(long userPk, String issuer, String subject) {
        SsoLinkEntity l = new SsoLinkEntity();
        l.setIssuer(issuer);
        l.setSubject(subject);
        l.setUserPk(userPk);
        l.setCreatedAt(Timestamps.now());
        try {
            em.persist(l);
            em.flush();
        } catch (PersistenceException e) {
            if (UserStore.isUniqueViolation(e)) {
                throw Errors.ALREADY_EXISTS.error();
            }
            throw e;
        }
        return new Link(issuer, subject, l.getCreatedAt());
    }

    /** Removes the user's link to the identity; false when there was none. */
    public boolean delete(long userPk, String issuer, String subject) {
        return em.createQuery("DELETE FROM SsoLinkEntity l WHERE l.userPk = :pk AND l.issuer = :iss AND l.subject = :sub")
                .setParameter("pk", userPk).setParameter("iss", issuer).setParameter("sub", subject)
                .executeUpdate() > 0;
    }
}
