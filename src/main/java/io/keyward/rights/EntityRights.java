package io.keyward.rights;

import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.EntityType;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that answers "what rights does this caller have on entity E" (API.md §2.4), and turns
 * a missing right into the error The Things Stack returns for E's type. Every capability uses it; the
 * capability that stores a type of entity tells it whether one exists ({@link EntityDirectory}).
 */
@ApplicationScoped
public class EntityRights {
    @Inject
    CallerContext context;

    @Inject
    Instance<EntityDirectory> directories;

    private final Map<EntityType, EntityDirectory> byType = new EnumMap<>(EntityType.class);

    @PostConstruct
    void index() {
        for (EntityDirectory d : directories) {
            byType.put(d.type(), d);
        }
    }

    /**
     * The caller's rights on {@code ids}, implied. Own rights if the credential belongs to the entity,
     * plus universal rights (admins). An entity that does not exist (or is soft-deleted unless
     * {@code includeDeleted}): not found for admins, no rights for everyone else.
     */
    public Rights rightsOn(EntityIdentifiers ids, boolean includeDeleted) {
        return rightsOnKnown(ids, exists(ids, includeDeleted));
    }

    public Rights rightsOn(EntityIdentifiers ids) {
        return rightsOn(ids, false);
    }

    private Rights rightsOnKnown(EntityIdentifiers ids, boolean exists) {
        Caller caller = context.caller();
        if (!exists) {
            if (caller.admin()) {
                throw ids.type().notFound(ids.id());
            }
            return Rights.NONE;
        }
        Rights rights = caller.owns(ids) ? caller.rights() : Rights.NONE;
        return rights.union(caller.universal().only(Right::isEntityScoped));
    }

    /**
     * Requires every right in {@code required} on the entity: credential errors surface first, then
     * no rights at all ({@code no_user_rights} for a user) or some missing ({@code insufficient_user_rights},
     * with "missing").
     */
    public Rights require(EntityIdentifiers ids, Right... required) {
        return require(ids, false, Rights.of(required));
    }

    public Rights require(EntityIdentifiers ids, boolean includeDeleted, Rights required) {
        context.requireValidCredential();
        Rights held = rightsOn(ids, includeDeleted);
        check(ids, held, required);
        return held;
    }

    /**
     * As {@link #require(EntityIdentifiers, Right...)}, for a caller that has just loaded the entity
     * itself and knows whether it {@code exists}: one query per request instead of two (issue 8).
     */
    public Rights requireLoaded(EntityIdentifiers ids, boolean exists, Right... required) {
        context.requireValidCredential();
        Rights held = rightsOnKnown(ids, exists);
        check(ids, held, Rights.of(required));
        return held;
    }

    /** The rights error for {@code held} lacking some of {@code required}, if any. */
    public static void check(EntityIdentifiers ids, Rights held, Rights required) {
        if (held.isEmpty() && !required.isEmpty()) {
            throw ids.type().noRights(ids.id());
        }
        List<Right> missing = held.missing(required);
        if (!missing.isEmpty()) {
            throw ids.type().insufficientRights(ids.id(), missing.stream().map(Right::fullName).toList());
        }
    }

    /** The directory of one entity type (credential owners, existence). */
    public EntityDirectory directory(EntityType type) {
        EntityDirectory directory = byType.get(type);
        if (directory == null) {
            throw new IllegalStateException("no EntityDirectory for " + type);
        }
        return directory;
    }

    private boolean exists(EntityIdentifiers ids, boolean includeDeleted) {
        return directory(ids.type()).exists(ids.id(), includeDeleted);
    }
}
