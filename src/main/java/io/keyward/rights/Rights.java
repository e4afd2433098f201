package io.keyward.rights;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** An immutable set of rights with The Things Stack's implication rules (API.md §2.2). */
public final class Rights {
    public static final Rights NONE = new Rights(EnumSet.noneOf(Right.class));

    /** Every defined right except the zero value. */
    public static final Rights ALL = filter(r -> r != Right.RIGHT_INVALID);

    /** "AllAdminRights": every right whose name ends in neither _KEYS nor _ALL. */
    public static final Rights ADMIN = filter(r -> r != Right.RIGHT_INVALID
            && !r.name().endsWith("_KEYS") && !r.name().endsWith("_ALL"));

    /** What a credential of a user in STATE_REQUESTED (or with an unvalidated email, if required) keeps. */
    public static final Rights RESTRICTED_PENDING = of(Right.RIGHT_USER_INFO, Right.RIGHT_USER_SETTINGS_BASIC, Right.RIGHT_USER_DELETE);
    public static final Rights RESTRICTED_REJECTED = of(Right.RIGHT_USER_INFO, Right.RIGHT_USER_DELETE);
    public static final Rights RESTRICTED_SUSPENDED = of(Right.RIGHT_USER_INFO);

    private final EnumSet<Right> set;

    private Rights(EnumSet<Right> set) {
        this.set = set;
    }

    public static Rights of(Right... rights) {
        EnumSet<Right> s = EnumSet.noneOf(Right.class);
        Collections.addAll(s, rights);
        return new Rights(s);
    }

    public static Rights of(Collection<Right> rights) {
        EnumSet<Right> s = EnumSet.noneOf(Right.class);
        s.addAll(rights);
        return new Rights(s);
    }

    private static Rights filter(Predicate<Right> p) {
        EnumSet<Right> s = EnumSet.noneOf(Right.class);
        for (Right r : Right.values()) {
            if (p.test(r)) {
                s.add(r);
            }
        }
        return new Rights(s);
    }

    /** Each right with what it implies, applied once (not transitively); the originals stay. */
    public Rights implied() {
        EnumSet<Right> out = EnumSet.copyOf(set.isEmpty() ? EnumSet.noneOf(Right.class) : set);
        for (Right r : set) {
            switch (r) {
                case RIGHT_ALL -> out.addAll(ALL.set);
                case RIGHT_USER_ALL -> out.addAll(filter(Right::isUserRight).set);
                case RIGHT_APPLICATION_ALL -> out.addAll(filter(Right::isApplicationRight).set);
                case RIGHT_GATEWAY_ALL -> out.addAll(filter(Right::isGatewayRight).set);
                case RIGHT_ORGANIZATION_ALL -> out.addAll(filter(Right::isOrganizationRight).set);
                case RIGHT_CLIENT_ALL -> out.addAll(EnumSet.of(Right.RIGHT_CLIENT_INFO, Right.RIGHT_CLIENT_SETTINGS_BASIC,
                        Right.RIGHT_CLIENT_SETTINGS_COLLABORATORS, Right.RIGHT_CLIENT_DELETE));
                case RIGHT_APPLICATION_LINK -> out.addAll(EnumSet.of(Right.RIGHT_APPLICATION_INFO,
                        Right.RIGHT_APPLICATION_TRAFFIC_READ, Right.RIGHT_APPLICATION_TRAFFIC_DOWN_WRITE));
                case RIGHT_GATEWAY_LINK -> out.add(Right.RIGHT_GATEWAY_INFO);
                default -> {
                    // Every other right implies only itself.
                }
            }
        }
        return new Rights(out);
    }

    public boolean contains(Right r) {
        return set.contains(r);
    }

    public boolean containsAll(Rights other) {
        return set.containsAll(other.set);
    }

    public boolean isEmpty() {
        return set.isEmpty();
    }

    /** The rights of {@code required} that this set lacks, in enum order. */
    public List<Right> missing(Rights required) {
        List<Right> out = new ArrayList<>();
        for (Right r : required.set) {
            if (!set.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    public Rights intersect(Rights other) {
        EnumSet<Right> s = EnumSet.copyOf(set.isEmpty() ? EnumSet.noneOf(Right.class) : set);
        s.retainAll(other.set);
        return new Rights(s);
    }

    public Rights union(Rights other) {
        EnumSet<Right> s = EnumSet.copyOf(set.isEmpty() ? EnumSet.noneOf(Right.class) : set);
        s.addAll(other.set);
        return new Rights(s);
    }

    public Rights only(Predicate<Right> p) {
        EnumSet<Right> s = EnumSet.noneOf(Right.class);
        for (Right r : set) {
            if (p.test(r)) {
                s.add(r);
            }
        }
        return new Rights(s);
    }

    public Set<Right> asSet() {
        return Collections.unmodifiableSet(set);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rights r && r.set.equals(set);
    }

    @Override
    public int hashCode() {
        return set.hashCode();
    }

    @Override
    public String toString() {
        return set.toString();
    }
}
