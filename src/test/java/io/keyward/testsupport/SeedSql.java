package io.keyward.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Test-only: writes users straight into the database, for tests that need users in a given state
 * before the user registry exists (and states only an admin could set). Runs inside the server.
 */
public final class SeedSql {
    private SeedSql() {
    }

    /**
     * Inserts a user. {@code fields}: password_hash, state (number), admin, validated, state_description,
     * deleted, email.
     */
    public static void createUser(DataSource ds, String userId, Map<String, String> fields) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        boolean deleted = Boolean.parseBoolean(fields.getOrDefault("deleted", "false"));
        String email = fields.getOrDefault("email", userId + "@example.com");
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO users (user_id, created_at, updated_at, deleted_at, name, primary_email_address, active_email,"
                        + " primary_email_address_validated_at, password_hash, password_updated_at, state, state_description, admin)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, userId);
            s.setTimestamp(2, now);
            s.setTimestamp(3, now);
            s.setTimestamp(4, deleted ? now : null);
            s.setString(5, fields.getOrDefault("name", ""));
            s.setString(6, email);
            s.setString(7, deleted ? null : email.toLowerCase());
            s.setTimestamp(8, Boolean.parseBoolean(fields.getOrDefault("validated", "true")) ? now : null);
            s.setString(9, fields.getOrDefault("password_hash", ""));
            s.setTimestamp(10, now);
            s.setShort(11, Short.parseShort(fields.getOrDefault("state", "1")));
            s.setString(12, fields.getOrDefault("state_description", ""));
            s.setBoolean(13, Boolean.parseBoolean(fields.getOrDefault("admin", "false")));
            s.executeUpdate();
        }
    }

    /** Changes a user: state, admin, state_description, deleted, validated, password_hash. */
    public static void updateUser(DataSource ds, String userId, Map<String, String> fields) throws SQLException {
        List<String> sets = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        for (Map.Entry<String, String> e : fields.entrySet()) {
            switch (e.getKey()) {
                case "state" -> {
                    sets.add("state = ?");
                    values.add(Short.parseShort(e.getValue()));
                }
                case "admin" -> {
                    sets.add("admin = ?");
                    values.add(Boolean.parseBoolean(e.getValue()));
                }
                case "state_description" -> {
                    sets.add("state_description = ?");
                    values.add(e.getValue());
                }
                case "password_hash" -> {
                    sets.add("password_hash = ?");
                    values.add(e.getValue());
                }
                case "deleted" -> {
                    boolean d = Boolean.parseBoolean(e.getValue());
                    sets.add("deleted_at = ?");
                    values.add(d ? now : null);
                    sets.add(d ? "active_email = NULL" : "active_email = LOWER(primary_email_address)");
                }
                case "validated" -> {
                    sets.add("primary_email_address_validated_at = ?");
                    values.add(Boolean.parseBoolean(e.getValue()) ? now : null);
                }
                default -> throw new IllegalArgumentException("unknown field " + e.getKey());
            }
        }
        if (sets.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE users SET " + String.join(", ", sets) + " WHERE user_id = ?")) {
            int i = 1;
            for (Object v : values) {
                if (v == null) {
                    s.setNull(i++, java.sql.Types.TIMESTAMP);
                } else {
                    s.setObject(i++, v);
                }
            }
            s.setString(i, userId);
            s.executeUpdate();
        }
    }

    /** One column of a user row, as text (null if there is no such user). */
    public static String userColumn(DataSource ds, String userId, String column) throws SQLException {
        if (!column.matches("[a-z_]+")) {
            throw new IllegalArgumentException(column);
        }
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM users WHERE user_id = ?")) {
            s.setString(1, userId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /** The first column of the first row of a query (null when there is none): for checks of what was stored. */
    public static Object column(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs an UPDATE/INSERT/DELETE, for states the API cannot reach; the number of rows changed. */
    public static int update(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
    }
}
