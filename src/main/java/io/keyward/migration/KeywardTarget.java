package io.keyward.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;

/**
 * Keyward's PostgreSQL database as the import sees it: which natural keys (user IDs, active e-mail
 * addresses, API key IDs, notification IDs, invitations) are already taken, and plain JDBC batches that
 * write users with all their rows. The caller decides the transactions: every write here is part of the
 * caller's open one.
 */
final class KeywardTarget implements AutoCloseable {
    private static final String INSERT_USER = """
            INSERT INTO users (id, user_id, created_at, updated_at, deleted_at, name, description, primary_email_address,
                active_email, primary_email_address_validated_at, password_hash, password_updated_at,
                require_password_update, state, state_description, admin, temporary_password_hash,
                temporary_password_created_at, temporary_password_expires_at, profile_picture, console_preferences)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_ATTRIBUTE = "INSERT INTO user_attributes (user_pk, attr_key, attr_value) VALUES (?, ?, ?)";
    private static final String INSERT_API_KEY = """
            INSERT INTO api_keys (key_id, user_pk, secret_hash, name, rights, created_at, updated_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_NOTIFICATION = """
            INSERT INTO notifications (id, created_at, entity_type, entity_id, entity_ids, notification_type, data,
                sender_user_id, receivers, email)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""";
    private static final String INSERT_RECEIPT = """
            INSERT INTO notification_receivers (user_pk, notification_id, status, status_updated_at, created_at)
            VALUES (?, ?, ?, ?, ?)""";
    private static final String INSERT_INVITATION = """
            INSERT INTO invitations (email, token, token_hash, expires_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    private final Connection db;

    KeywardTarget(Connection db) throws SQLException {
        this.db = db;
        db.setAutoCommit(false);
        if (!db.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
            throw new IllegalArgumentException("the target must be Keyward's PostgreSQL database");
        }
    }

    /** Brings Keyward's schema up to date, as a starting server would (ops/Migrations). */
    static void migrate(String url, String user, String password) {
        Flyway.configure(KeywardTarget.class.getClassLoader())
                .dataSource(url, user, password)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /** Those of {@code userIds} that Keyward already has (deleted users too: their IDs stay taken). */
    Set<String> existingUserIds(Collection<String> userIds) throws SQLException {
        return strings("SELECT user_id FROM users WHERE user_id = ANY (?)", userIds);
    }

    /** Active users' addresses (lower case) among {@code activeEmails}, with the user that has each. */
    Map<String, String> activeEmailOwners(Collection<String> activeEmails) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT active_email, user_id FROM users WHERE active_email = ANY (?)")) {
            s.setArray(1, db.createArrayOf("varchar", activeEmails.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getString(2));
                }
            }
        }
        return out;
    }

    Set<String> existingApiKeyIds(Collection<String> keyIds) throws SQLException {
        return strings("SELECT key_id FROM api_keys WHERE key_id = ANY (?)", keyIds);
    }

    Set<String> existingNotificationIds(Collection<String> ids) throws SQLException {
        return strings("SELECT id FROM notifications WHERE id = ANY (?)", ids);
    }

    /** Invitations already present by address or by token. */
    Set<String> existingInvitations(Collection<TtsMapping.Invitation> invitations) throws SQLException {
        Set<String> out = strings("SELECT email FROM invitations WHERE email = ANY (?)",
                invitations.stream().map(TtsMapping.Invitation::email).toList());
        Map<String, String> byHash = new LinkedHashMap<>();
        invitations.forEach(i -> byHash.put(i.tokenHash(), i.email()));
        for (String hash : strings("SELECT token_hash FROM invitations WHERE token_hash = ANY (?)", byHash.keySet())) {
            out.add(byHash.get(hash));
        }
        return out;
    }

    private Set<String> strings(String sql, Collection<String> values) throws SQLException {
        Set<String> out = new HashSet<>();
        if (values.isEmpty()) {
            return out;
        }
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setArray(1, db.createArrayOf("varchar", values.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Writes the users with all their rows in the current transaction. Their primary keys are drawn from the
     * users table's own sequence first, so that every row of a user goes into the same batches.
     */
    void writeUsers(List<TtsMapping.UserWithRows> users) throws SQLException {
        if (users.isEmpty()) {
            return;
        }
        List<Long> pks = new ArrayList<>(users.size());
        try (PreparedStatement s = db.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence('users', 'id')) FROM generate_series(1, ?)")) {
            s.setInt(1, users.size());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    pks.add(r.getLong(1));
                }
            }
        }
        try (PreparedStatement u = db.prepareStatement(INSERT_USER);
             PreparedStatement a = db.prepareStatement(INSERT_ATTRIBUTE);
             PreparedStatement k = db.prepareStatement(INSERT_API_KEY);
             PreparedStatement n = db.prepareStatement(INSERT_NOTIFICATION);
             PreparedStatement r = db.prepareStatement(INSERT_RECEIPT)) {
            Set<String> notifications = new HashSet<>();
            for (int i = 0; i < users.size(); i++) {
                long pk = pks.get(i);
                TtsMapping.UserWithRows rows = users.get(i);
                addUser(u, pk, rows.user());
                for (Map.Entry<String, String> e : rows.attributes().entrySet()) {
                    a.setLong(1, pk);
                    a.setString(2, e.getKey());
                    a.setString(3, e.getValue());
                    a.addBatch();
                }
                for (TtsMapping.ApiKey key : rows.apiKeys()) {
                    k.setString(1, key.keyId());
                    k.setLong(2, pk);
                    k.setString(3, key.secretHash());
                    k.setString(4, key.name());
                    k.setString(5, key.rights());
                    time(k, 6, key.createdAt());
                    time(k, 7, key.updatedAt());
                    time(k, 8, key.expiresAt());
                    k.addBatch();
                }
                for (TtsMapping.Receipt receipt : rows.receipts()) {
                    TtsMapping.Notification note = receipt.notification();
                    if (notifications.add(note.id())) {
                        addNotification(n, note);
                    }
                    r.setLong(1, pk);
                    r.setString(2, note.id());
                    r.setInt(3, receipt.status());
                    time(r, 4, receipt.statusUpdatedAt());
                    time(r, 5, note.createdAt());
                    r.addBatch();
                }
            }
            // Parents first: receipts reference users and notifications.
            u.executeBatch();
            a.executeBatch();
            k.executeBatch();
            n.executeBatch();
            r.executeBatch();
        }
    }

    private static void addUser(PreparedStatement s, long pk, TtsMapping.User u) throws SQLException {
        s.setLong(1, pk);
        s.setString(2, u.userId());
        time(s, 3, u.createdAt());
        time(s, 4, u.updatedAt());
        time(s, 5, u.deletedAt());
        s.setString(6, u.name());
        s.setString(7, u.description());
        s.setString(8, u.email());
        s.setString(9, u.activeEmail());
        time(s, 10, u.emailValidatedAt());
        s.setString(11, u.passwordHash());
        time(s, 12, u.passwordUpdatedAt());
        s.setBoolean(13, u.requirePasswordUpdate());
        s.setInt(14, u.state());
        s.setString(15, u.stateDescription());
        s.setBoolean(16, u.admin());
        s.setString(17, u.temporaryPasswordHash());
        time(s, 18, u.temporaryPasswordCreatedAt());
        time(s, 19, u.temporaryPasswordExpiresAt());
        s.setString(20, u.profilePicture());
        s.setString(21, u.consolePreferences());
        s.addBatch();
    }

    private static void addNotification(PreparedStatement s, TtsMapping.Notification n) throws SQLException {
        s.setString(1, n.id());
        time(s, 2, n.createdAt());
        s.setString(3, n.entityType());
        s.setString(4, n.entityId());
        s.setString(5, n.entityIds());
        s.setString(6, n.type());
        s.setString(7, n.data());
        s.setString(8, n.senderUserId());
        s.setString(9, n.receivers());
        s.setBoolean(10, n.email());
        s.addBatch();
    }

    void writeInvitations(List<TtsMapping.Invitation> invitations) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(INSERT_INVITATION)) {
            for (TtsMapping.Invitation i : invitations) {
                s.setString(1, i.email());
                s.setString(2, i.token());
                s.setString(3, i.tokenHash());
                time(s, 4, i.expiresAt());
                time(s, 5, i.createdAt());
                time(s, 6, i.updatedAt());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void time(PreparedStatement s, int index, LocalDateTime t) throws SQLException {
        if (t == null) {
            s.setNull(index, Types.TIMESTAMP);
        } else {
            s.setObject(index, t);
        }
    }

    void commit() throws SQLException {
        db.commit();
    }

    void rollback() throws SQLException {
        db.rollback();
    }

    @Override
    public void close() throws SQLException {
        try {
            db.rollback();
        } finally {
            db.close();
        }
    }
}
