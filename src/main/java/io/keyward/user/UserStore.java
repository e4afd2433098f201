package io.keyward.user;

import io.keyward.audit.AuditAccounts;
import io.keyward.entity.EntityType;
import io.keyward.error.Errors;
import io.keyward.rights.CredentialOwner;
import io.keyward.rights.EntityDirectory;
import io.keyward.wire.Page;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.MapJoin;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.ParameterExpression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The queries on users. No rules and no transactions of its own: the registry calls it inside its
 * transaction. Uniqueness of user IDs and active e-mail addresses is the database's job (constraints
 * {@code users_user_id_key}, {@code users_active_email_key}); a violation surfaces at the flush as
 * {@code already_exists}, so concurrent Creates of one ID or address cannot both win.
 */
@ApplicationScoped
public class UserStore implements EntityDirectory, AuditAccounts {
    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Resource(lookup = "jdbc/keyward")
    DataSource dataSource;

    /** Up to this many matches, a substring search sorts its matches rather than walk an index. */
    static final long FEW_MATCHES = 10_000;

    private volatile Boolean postgres;


    @Override
    public EntityType type() {
        return EntityType.USER;
    }

    /** For {@link io.keyward.rights.EntityRights}: whether the user exists (soft-deleted only with {@code includeDeleted}). */
    @Override
    public boolean exists(String userId, boolean includeDeleted) {
        String jpql = includeDeleted
                ? "SELECT COUNT(u) FROM UserEntity u WHERE u.userId = :id"
                : "SELECT COUNT(u) FROM UserEntity u WHERE u.userId = :id AND u.deletedAt IS NULL";
        return em.createQuery(jpql, Long.class).setParameter("id", userId).getSingleResult() > 0;
    }

    /** For the audit trail: when the account now named {@code userId} (deleted or not) was created. */
    @Override
    public Instant createdAt(String userId) {
        List<Instant> created = em.createQuery("SELECT u.createdAt FROM UserEntity u WHERE u.userId = :id", Instant.class)
                .setParameter("id", userId).getResultList();
        return created.isEmpty() ? null : created.get(0);
    }

    @Override
    public CredentialOwner credentialOwner(String userId) {
        UserEntity u = find(userId, false);
        return u == null ? null : u.credentialOwner();
    }

    @Override
    public CredentialOwner credentialOwner(long key) {
        UserEntity u = em.find(UserEntity.class, key);
        return u == null || u.getDeletedAt() != null ? null : u.credentialOwner();
    }

    /** The user IDs of these row keys (deleted users included; unknown keys left out). */
    public Map<Long, String> userIdsOf(Collection<Long> pks) {
        Map<Long, String> userIds = new HashMap<>();
        if (!pks.isEmpty()) {
            for (Object[] row : em.createQuery("SELECT u.id, u.userId FROM UserEntity u WHERE u.id IN :pks", Object[].class)
                    .setParameter("pks", pks).getResultList()) {
                userIds.put((Long) row[0], (String) row[1]);
            }
        }
        return userIds;
    }

    /** The non-deleted users with these IDs (unknown or deleted ones left out), in no particular order. */
    public List<UserEntity> findActive(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT u FROM UserEntity u WHERE u.userId IN :ids AND u.deletedAt IS NULL", UserEntity.class)
                .setParameter("ids", userIds).getResultList();
    }

    /** Up to {@code max} IDs of users that are not deleted, in no particular order (the start-up warm-up's sample). */
    public List<String> someUserIds(int max) {
        return em.createQuery("SELECT u.userId FROM UserEntity u WHERE u.deletedAt IS NULL", String.class)
                .setMaxResults(max).getResultList();
    }

    /** The user with this row key (deleted or not), or null. */
    public UserEntity findByPk(long pk) {
        return em.find(UserEntity.class, pk);
    }

    /** Replaces the password hash a login verified with its upgrade, unless the password changed meanwhile. */
    public void replaceVerifiedPasswordHash(long userPk, String verified, String upgraded) {
        em.createQuery("UPDATE UserEntity u SET u.passwordHash = :upgraded WHERE u.id = :pk AND u.passwordHash = :verified")
                .setParameter("upgraded", upgraded).setParameter("pk", userPk).setParameter("verified", verified)
                .executeUpdate();
    }

    /** The user with this ID, or null; a deleted one only when asked for. */
    public UserEntity find(String userId, boolean includeDeleted) {
        return first(byId(userId, includeDeleted));
    }

    /** The user row locked for the rest of the transaction (SELECT ... FOR UPDATE). */
    UserEntity lock(String userId, boolean includeDeleted) {
        return first(em.createNamedQuery(includeDeleted ? "User.lockByUserId" : "User.lockActiveByUserId", UserEntity.class)
                .setParameter("id", userId));
    }

    private TypedQuery<UserEntity> byId(String userId, boolean includeDeleted) {
        String jpql = includeDeleted
                ? "SELECT u FROM UserEntity u WHERE u.userId = :id"
                : "SELECT u FROM UserEntity u WHERE u.userId = :id AND u.deletedAt IS NULL";
        return em.createQuery(jpql, UserEntity.class).setParameter("id", userId);
    }

    private static UserEntity first(TypedQuery<UserEntity> q) {
        List<UserEntity> r = q.getResultList();
        return r.isEmpty() ? null : r.get(0);
    }

    /** Non-deleted admins (any state). */
    List<UserEntity> activeAdmins() {
        return em.createQuery("SELECT u FROM UserEntity u WHERE u.admin = TRUE AND u.deletedAt IS NULL ORDER BY u.userId",
                UserEntity.class).getResultList();
    }

    /**
     * Non-deleted admins, locked: two transactions that each demote or delete one of the last two
     * admins are serialised here, and the second one sees a single admin left.
     */
    List<UserEntity> lockActiveAdmins() {
        return em.createQuery("SELECT u FROM UserEntity u WHERE u.admin = TRUE AND u.deletedAt IS NULL ORDER BY u.id",
                UserEntity.class).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /** Inserts the user now, so that a duplicate ID or e-mail address is reported here. */
    void insert(UserEntity u) {
        em.persist(u);
        flush();
    }

    void remove(UserEntity u) {
        em.remove(u);
        flush();
    }

    /** Writes pending changes; a unique-constraint violation becomes {@code already_exists}. */
    void flush() {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw Errors.ALREADY_EXISTS.error();
            }
            throw e;
        }
    }

    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && isUnique(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnique(SQLException s) {
        for (SQLException e = s; e != null; e = e.getNextException()) {
            // 23505: unique_violation, on PostgreSQL and H2 alike.
            if ("23505".equals(e.getSQLState())) {
                return true;
            }
            if (e instanceof BatchUpdateException && e.getCause() instanceof SQLException c && "23505".equals(c.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A page of non-deleted users for SCIM provisioning, in creation order, with the total: every condition
     * given (non-null) must hold. {@code email} matches case-insensitively; {@code subject} is the user's
     * link to ({@code issuer}, {@code subject}); {@code approved} is the state being STATE_APPROVED or not.
     */
    Page<UserEntity> provisioned(String userId, String email, String issuer, String subject, Boolean approved, int offset, int count) {
        StringBuilder where = new StringBuilder(" FROM UserEntity u WHERE u.deletedAt IS NULL");
        Map<String, Object> params = new LinkedHashMap<>();
        if (userId != null) {
            where.append(" AND u.userId = :id");
            params.put("id", userId);
        }
        if (email != null) {
            where.append(" AND LOWER(u.primaryEmailAddress) = :email");
            params.put("email", email.toLowerCase(Locale.ROOT));
        }
        if (subject != null) {
            where.append(" AND EXISTS (SELECT l FROM SsoLinkEntity l WHERE l.userPk = u.id AND l.issuer = :iss AND l.subject = :sub)");
            params.put("iss", issuer);
            params.put("sub", subject);
        }
        if (approved != null) {
            where.append(approved ? " AND u.state = :approved" : " AND u.state <> :approved");
            params.put("approved", (short) io.keyward.entity.State.STATE_APPROVED.number());
        }
        TypedQuery<Long> total = em.createQuery("SELECT COUNT(u)" + where, Long.class);
        params.forEach(total::setParameter);
        long n = total.getSingleResult();
        if (count <= 0 || offset >= n) {
            return Page.empty(n);
        }
        TypedQuery<UserEntity> page = em.createQuery("SELECT u" + where + " ORDER BY u.id", UserEntity.class)
                .setFirstResult(offset).setMaxResults(count);
        params.forEach(page::setParameter);
        return new Page<>(page.getResultList(), n);
    }

    /** The attributes of the given users, in one query (for pages that ask for them). */
    Map<Long, Map<String, String>> attributesOf(Collection<Long> pks) {
        Map<Long, Map<String, String>> out = new HashMap<>();
        if (pks.isEmpty()) {
            return out;
        }
        List<Object[]> rows = em.createQuery(
                "SELECT u.id, KEY(a), VALUE(a) FROM UserEntity u JOIN u.attributes a WHERE u.id IN :ids", Object[].class)
                .setParameter("ids", new ArrayList<>(pks)).getResultList();
        for (Object[] r : rows) {
            out.computeIfAbsent((Long) r[0], k -> new LinkedHashMap<>()).put((String) r[1], (String) r[2]);
        }
        return out;
    }

    // ------------------------------------------------------------------ list and search

    /**
     * The one query builder of List and SearchUsers: every filter a bound parameter, substring terms
     * matched case-insensitively with {@code lower(column) LIKE lower(:term) ESCAPE '\'} and their
     * {@code %}, {@code _} and {@code \} escaped (they match literally), the order's secondary key
     * {@code user_id} in the same direction.
     */
    Page<UserEntity> search(UserQuery q) {
        long offset = q.paging().offset();
        int limit = q.paging().limit();
        Long counted = null;
        if (isPostgres() && q.matchesSubstrings()) {
            // Two planner settings for this transaction, in one round trip. (1) The driver prepares
            // repeated statements, and after five runs PostgreSQL may switch to a generic plan that cannot
            // know the LIKE pattern: it then scans every row (a search went from 10 ms to 110 ms at
            // 100,000 users, issue 8); so plan for the values. (2) PostgreSQL cannot estimate how many
            // rows a substring matches; believing in thousands, it walks the order's index until a page
            // is full: at 1,000,000 users a 5-digit search with 20 matches read 970,000 rows (2 s). So
            // count first (cheap through the trigram indexes when the term is selective) and, when the
            // matches are few, find them through those indexes and sort them, with no index walk.
            em.createNativeQuery("SELECT set_config('plan_cache_mode', 'force_custom_plan', true), "
                    + "set_config('enable_indexscan', 'off', true)").getResultList();
            counted = count(q);
            if (counted == 0 || offset >= counted) {
                return Page.empty(counted);
            }
            if (counted > FEW_MATCHES) {
                em.createNativeQuery("SET LOCAL enable_indexscan = on").executeUpdate();
            }
        }
        // The page is chosen as row IDs first (an index-only scan in the list order where an index
        // serves it, even deep into the list), then those rows are loaded.
        CriteriaBuilder cb = em.getCriteriaBuilder();
        Map<ParameterExpression<String>, String> params = new LinkedHashMap<>();
        CriteriaQuery<Long> select = cb.createQuery(Long.class);
        Root<UserEntity> u = select.from(UserEntity.class);
        select.select(u.get("id")).where(predicates(cb, select, u, q, params)).orderBy(order(cb, u, q.order()));
        TypedQuery<Long> query = em.createQuery(select)
                .setFirstResult((int) Math.min(offset, Integer.MAX_VALUE))
                .setMaxResults(limit);
        params.forEach(query::setParameter);
        List<Long> ids = query.getResultList();
        // Not counted yet: a short page that is not empty (or an empty first page) is the end of the
        // matches, so it tells the total itself, and only a full page needs the count.
        long total;
        if (counted != null) {
            total = counted;
        } else if (ids.size() < limit && (!ids.isEmpty() || offset == 0)) {
            total = offset + ids.size();
        } else {
            total = count(q);
        }
        if (ids.isEmpty()) {
            return Page.empty(total);
        }
        Map<Long, UserEntity> byId = new HashMap<>();
        // Read-only: a page is only mapped to JSON, so EclipseLink need not track changes to its rows.
        for (UserEntity e : em.createQuery("SELECT u FROM UserEntity u WHERE u.id IN :ids", UserEntity.class)
                .setParameter("ids", ids).setHint("eclipselink.read-only", "true").getResultList()) {
            byId.put(e.getId(), e);
        }
        List<UserEntity> users = new ArrayList<>(ids.size());
        for (Long id : ids) {
            UserEntity e = byId.get(id);
            if (e != null) {
                users.add(e);
            }
        }
        return new Page<>(users, total);
    }

    /** The number of matches; for an unfiltered list on PostgreSQL, the trigger-maintained counter. */
    private long count(UserQuery q) {
        if (q.unfiltered() && isPostgres()) {
            List<?> n = em.createNativeQuery("SELECT n FROM user_counts WHERE deleted = ?")
                    .setParameter(1, q.deleted()).getResultList();
            if (!n.isEmpty()) {
                return ((Number) n.get(0)).longValue();
            }
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        Map<ParameterExpression<String>, String> params = new LinkedHashMap<>();
        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<UserEntity> cu = count.from(UserEntity.class);
        count.select(cb.count(cu)).where(predicates(cb, count, cu, q, params));
        TypedQuery<Long> countQuery = em.createQuery(count);
        params.forEach(countQuery::setParameter);
        return countQuery.getSingleResult();
    }

    /** PostgreSQL (rather than the embedded H2): the {@code user_counts} table and the trigram indexes exist there only (V3_1). */
    private boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            try (Connection c = dataSource.getConnection()) {
                known = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            } catch (SQLException e) {
                known = false;
            }
            postgres = known;
        }
        return known;
    }

    private static Predicate[] predicates(CriteriaBuilder cb, CriteriaQuery<?> cq, Root<UserEntity> u, UserQuery q,
                                          Map<ParameterExpression<String>, String> params) {
        List<Predicate> where = new ArrayList<>();
        where.add(q.deleted() ? cb.isNotNull(u.get("deletedAt")) : cb.isNull(u.get("deletedAt")));
        if (!q.query().isEmpty()) {
            where.add(cb.or(contains(cb, u.get("userId"), q.query(), params),
                    contains(cb, u.get("name"), q.query(), params),
                    contains(cb, u.get("description"), q.query(), params)));
        }
        if (!q.idContains().isEmpty()) {
            where.add(contains(cb, u.get("userId"), q.idContains(), params));
        }
        if (!q.nameContains().isEmpty()) {
            where.add(contains(cb, u.get("name"), q.nameContains(), params));
        }
        if (!q.descriptionContains().isEmpty()) {
            where.add(contains(cb, u.get("description"), q.descriptionContains(), params));
        }
        for (Map.Entry<String, String> a : q.attributesContain().entrySet()) {
            Subquery<Long> sq = cq.subquery(Long.class);
            Root<UserEntity> su = sq.from(UserEntity.class);
            MapJoin<UserEntity, String, String> attr = su.joinMap("attributes");
            ParameterExpression<String> key = cb.parameter(String.class);
            params.put(key, a.getKey());
            sq.select(su.get("id")).where(cb.equal(su.get("id"), u.get("id")), cb.equal(attr.key(), key),
                    contains(cb, attr.value(), a.getValue(), params));
            where.add(cb.exists(sq));
        }
        if (!q.states().isEmpty()) {
            List<Short> numbers = q.states().stream().map(s -> (short) s.number()).toList();
            where.add(u.get("state").in(numbers));
        }
        return where.toArray(new Predicate[0]);
    }

    private static Predicate contains(CriteriaBuilder cb, Expression<String> column, String term,
                                      Map<ParameterExpression<String>, String> params) {
        ParameterExpression<String> p = cb.parameter(String.class);
        params.put(p, "%" + escapeLike(term) + "%");
        return cb.like(cb.lower(column), cb.lower(p), '\\');
    }

    /** Makes {@code %}, {@code _} and {@code \} match literally in a LIKE pattern with ESCAPE '\'. */
    static String escapeLike(String term) {
        StringBuilder out = new StringBuilder(term.length() + 8);
        for (char c : term.toCharArray()) {
            if (c == '\\' || c == '%' || c == '_') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static List<Order> order(CriteriaBuilder cb, Root<UserEntity> u, String order) {
        boolean desc = order.startsWith("-");
        String field = desc ? order.substring(1) : order;
        Path<?> key = switch (field) {
            case "name" -> u.get("name");
            case "primary_email_address" -> u.get("primaryEmailAddress");
            case "state" -> u.get("state");
            case "admin" -> u.get("admin");
            case "created_at" -> u.get("createdAt");
            default -> null;
        };
        Path<?> id = u.get("userId");
        List<Order> out = new ArrayList<>();
        if (key != null) {
            out.add(desc ? cb.desc(key) : cb.asc(key));
        }
        out.add(desc ? cb.desc(id) : cb.asc(id));
        return out;
    }
}
