package io.keyward.rights;

import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The one place that answers "what rights does this caller have on user U" (API.md §2.4), and turns
 * a missing right into the error The Things Stack returns. Every capability uses it.
 */
@ApplicationScoped
public class UserRights {
    @Inject
    CallerContext context;

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    /**
     * The caller's rights on {@code userId}, implied. Own rights if the credential is the user's,
     * plus universal rights (admins). A user that does not exist (or is soft-deleted unless
     * {@code includeDeleted}): 404 for admins, no rights for everyone else.
     */
    public Rights rightsOn(String userId, boolean includeDeleted) {
        return rightsOnKnown(userId, exists(userId, includeDeleted));
    }

    private Rights rightsOnKnown(String userId, boolean exists) {
        Caller caller = context.caller();
        if (!exists) {
            if (caller.admin()) {
                throw Errors.USER_NOT_FOUND.error("user_id", userId);
            }
            return Rights.NONE;
        }
        Rights rights = caller.is(userId) ? caller.rights() : Rights.NONE;
        return rights.union(caller.universal().only(Right::isEntityScoped));
    }

    public Rights rightsOn(String userId) {
        return rightsOn(userId, false);
    }

    /**
     * Requires every right in {@code required} on the user: credential errors surface first, then
     * {@code no_user_rights} (no rights at all) or {@code insufficient_user_rights} (with "missing").
     */
    public Rights require(String userId, Right... required) {
        return require(userId, false, Rights.of(required));
    }

    public Rights require(String userId, boolean includeDeleted, Rights required) {
        context.requireValidCredential();
        Rights held = rightsOn(userId, includeDeleted);
        check(userId, held, required);
        return held;
    }

    /**
     * As {@link #require(String, Right...)}, for a caller that has just loaded the user itself and
     * knows whether it {@code exists}: one query per request instead of two (issue 8).
     */
    public Rights requireLoaded(String userId, boolean exists, Right... required) {
        context.requireValidCredential();
        Rights held = rightsOnKnown(userId, exists);
        check(userId, held, Rights.of(required));
        return held;
    }

    /** The rights error for {@code held} lacking some of {@code required}, if any. */
    public static void check(String userId, Rights held, Rights required) {
        if (held.isEmpty() && !required.isEmpty()) {
            throw noRights(userId);
        }
        List<Right> missing = held.missing(required);
        if (!missing.isEmpty()) {
            throw Errors.INSUFFICIENT_USER_RIGHTS.error("uid", userId,
                    "missing", missing.stream().map(Right::fullName).toList());
        }
    }

    public static KeywardException noRights(String userId) {
        return Errors.NO_USER_RIGHTS.error("uid", userId);
    }

    private boolean exists(String userId, boolean includeDeleted) {
        String jpql = includeDeleted
                ? "SELECT COUNT(u) FROM UserEntity u WHERE u.userId = :id"
                : "SELECT COUNT(u) FROM UserEntity u WHERE u.userId = :id AND u.deletedAt IS NULL";
        return em.createQuery(jpql, Long.class).setParameter("id", userId).getSingleResult() > 0;
    }
}
