package io.keyward.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The one place that uses the PostgreSQL driver's own API (waiting for notices), kept apart so that
 * nothing else needs the driver's classes: an application that cannot see them fails only here.
 */
final class PgNotices {
    private PgNotices() {
    }

    /** Payloads of the notices that arrive within {@code millis}; empty after silence. */
    static String[] await(Connection c, int millis) throws SQLException {
        PGNotification[] notices = c.unwrap(PGConnection.class).getNotifications(millis);
        if (notices == null) {
            return new String[0];
        }
        String[] out = new String[notices.length];
        for (int i = 0; i < notices.length; i++) {
            out[i] = notices[i].getParameter();
        }
        return out;
    }
}
