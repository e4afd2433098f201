package io.keyward.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a TTS identity server's database (the tables of {@code pkg/identityserver/bunstore}), one chunk of
 * users at a time in user-ID order, each user with its attributes, API keys and notification receipts.
 * Read-only: it runs in one read-only, repeatable-read transaction, so the whole import sees one snapshot.
 */
final class TtsSource implements AutoCloseable {
    private static final String USERS = """
            SELECT u.id::text, a.uid, u.created_at, u.updated_at, u.deleted_at, u.name, u.description,
                   u.primary_email_address, u.primary_email_address_validated_at, u.password, u.password_updated_at,
                   u.require_password_update, u.state, u.state_description, u.admin, u.temporary_password,
                   u.temporary_password_created_at, u.temporary_password_expires_at, p.data, u.console_preferences
            FROM accounts a
            JOIN users u ON u.id = a.account_id
            LEFT JOIN pictures p ON p.id = u.profile_picture_id
            WHERE a.account_type = 'user' AND a.uid > ?
            ORDER BY a.uid
            LIMIT ?""";
    private static final String ATTRIBUTES = """
            SELECT entity_id::text, key, value FROM attributes
            WHERE entity_type = 'user' AND entity_id = ANY (?::uuid[])""";
    private static final String API_KEYS = """
            SELECT entity_id::text, api_key_id, key, rights, name, created_at, updated_at, expires_at FROM api_keys
            WHERE entity_type = 'user' AND entity_id = ANY (?::uuid[])
            ORDER BY api_key_id""";
    private static final String RECEIPTS = """
            SELECT r.receiver_id::text, r.status, r.status_updated_at, n.id::text, n.created_at, n.entity_type,
                   n.entity_uid, n.notification_type, n.data::text, n.sender_uid, n.receivers, n.email
            FROM notification_receivers r
            JOIN notifications n ON n.id = r.notification_id
            WHERE r.receiver_id = ANY (?::uuid[])
            ORDER BY n.created_at, n.id""";
    private static final String INVITATIONS = """
            SELECT email, token, expires_at, created_at, updated_at FROM invitations
            WHERE accepted_at IS NULL AND accepted_by_id IS NULL
            ORDER BY email""";

    private final Connection db;

    TtsSource(Connection db) throws SQLException {
        this.db = db;
        db.setAutoCommit(false);
        db.setReadOnly(true);
        db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }

    /** The next {@code limit} users after user ID {@code after} ("" for the first), with all their rows. */
    List<TtsRows.UserWithRows> nextUsers(String after, int limit) throws SQLException {
        List<TtsRows.User> users = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(USERS)) {
            s.setString(1, after);
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    users.add(new TtsRows.User(r.getString(1), r.getString(2), utc(r, 3), utc(r, 4), utc(r, 5),
                            r.getString(6), r.getString(7), r.getString(8), utc(r, 9), r.getString(10), utc(r, 11),
                            r.getBoolean(12), r.getInt(13), r.getString(14), r.getBoolean(15), r.getString(16),
                            utc(r, 17), utc(r, 18), r.getBytes(19), r.getBytes(20)));
                }
            }
        }
        if (users.isEmpty()) {
            return List.of();
        }
        String[] uuids = users.stream().map(TtsRows.User::uuid).toArray(String[]::new);
        Map<String, Map<String, String>> attributes = new HashMap<>();
        Map<String, List<TtsRows.ApiKey>> keys = new HashMap<>();
        Map<String, List<TtsRows.Receipt>> receipts = new HashMap<>();
        Map<String, TtsRows.Notification> notifications = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement(ATTRIBUTES)) {
            s.setArray(1, uuidArray(uuids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    attributes.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).put(r.getString(2), r.getString(3));
                }
            }
        }
        try (PreparedStatement s = db.prepareStatement(API_KEYS)) {
            s.setArray(1, uuidArray(uuids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new TtsRows.ApiKey(r.getString(2),
                            r.getString(3), integers(r.getArray(4)), r.getString(5), utc(r, 6), utc(r, 7), utc(r, 8)));
                }
            }
        }
        try (PreparedStatement s = db.prepareStatement(RECEIPTS)) {
            s.setArray(1, uuidArray(uuids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(4);
                    TtsRows.Notification n = notifications.get(id);
                    if (n == null) {
                        n = new TtsRows.Notification(id, utc(r, 5), r.getString(6), r.getString(7), r.getString(8),
                                r.getString(9), r.getString(10), integers(r.getArray(11)), r.getBoolean(12));
                        notifications.put(id, n);
                    }
                    receipts.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                            .add(new TtsRows.Receipt(n, r.getInt(2), utc(r, 3)));
                }
            }
        }
        List<TtsRows.UserWithRows> out = new ArrayList<>(users.size());
        for (TtsRows.User u : users) {
            out.add(new TtsRows.UserWithRows(u, attributes.getOrDefault(u.uuid(), Map.of()),
                    keys.getOrDefault(u.uuid(), List.of()), receipts.getOrDefault(u.uuid(), List.of())));
        }
        return out;
    }

    /** Invitations not accepted yet, by e-mail address. */
    Map<String, TtsRows.Invitation> pendingInvitations() throws SQLException {
        Map<String, TtsRows.Invitation> out = new LinkedHashMap<>();
        try (PreparedStatement s = db.prepareStatement(INVITATIONS); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.put(r.getString(1), new TtsRows.Invitation(r.getString(1), r.getString(2), utc(r, 3), utc(r, 4),
                        utc(r, 5)));
            }
        }
        return out;
    }

    private Array uuidArray(String[] uuids) throws SQLException {
        return db.createArrayOf("text", uuids);
    }

    private static Integer[] integers(Array a) throws SQLException {
        if (a == null) {
            return null;
        }
        Object[] values = (Object[]) a.getArray();
        Integer[] out = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? null : ((Number) values[i]).intValue();
        }
        return out;
    }

    /** A timestamptz as UTC wall-clock time, the way Keyward stores every timestamp. */
    static LocalDateTime utc(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    /** Ends the read-only transaction: closing it is enough, there is nothing to keep. */
    @Override
    public void close() throws SQLException {
        db.close();
    }
}
