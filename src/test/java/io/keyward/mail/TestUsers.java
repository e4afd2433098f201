package io.keyward.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** In the container: users written straight to the users table (the users capability lives elsewhere). */
public final class TestUsers {
    private TestUsers() {
    }

    /** Inserts an approved user; call inside a transaction to have the insert join it. */
    public static void insert(DataSource ds, String userId, String email, String name) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO users (user_id, created_at, updated_at, name,"
                     + " primary_email_address, active_email, state) VALUES (?, ?, ?, ?, ?, ?, 1)")) {
            Timestamp now = Timestamp.from(Instant.now());
            s.setString(1, userId);
            s.setTimestamp(2, now);
            s.setTimestamp(3, now);
            s.setString(4, name);
            s.setString(5, email);
            s.setString(6, email.toLowerCase());
            s.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Object column(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getObject(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static int update(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
