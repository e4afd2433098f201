package io.keyward.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;

/** In the container: the outbox rows of a test, read straight from the database. */
public final class OutboxRows {

    public record Row(long id, String template, String recipient, String subject, String textBody,
                      String maskedText, String maskedHtml, int attempts, String lastError, Instant sentAt,
                      Instant deadAt, String htmlBody, String sealedBody) {
    }

    private OutboxRows() {
    }

    /** Rows whose recipient contains {@code fragment} (e.g. the run ID), oldest first. */
    public static List<Row> matching(DataSource ds, String fragment) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, template, recipient, subject, text_body,"
                     + " masked_text_body, masked_html_body, attempts, last_error, sent_at, dead_at, html_body, sealed_body"
                     + " FROM mail_outbox"
                     + " WHERE recipient LIKE ? ORDER BY id")) {
            s.setString(1, "%" + fragment + "%");
            List<Row> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp sent = r.getTimestamp(10);
                    Timestamp dead = r.getTimestamp(11);
                    out.add(new Row(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getString(7), r.getInt(8), r.getString(9),
                            sent == null ? null : sent.toInstant(), dead == null ? null : dead.toInstant(),
                            r.getString(12), r.getString(13)));
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls until every row matching {@code fragment} satisfies {@code done} (and there are {@code n}), or the deadline. */
    public static List<Row> awaitAll(DataSource ds, String fragment, int n, Predicate<Row> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<Row> rows = matching(ds, fragment);
        while (!(rows.size() == n && rows.stream().allMatch(done)) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            rows = matching(ds, fragment);
        }
        return rows;
    }
}
