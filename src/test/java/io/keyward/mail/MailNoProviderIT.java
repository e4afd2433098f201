package io.keyward.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.testsupport.SeedSql;
import io.keyward.config.KeywardConfig.Option;
import io.keyward.config.KeywardConfig;
import io.keyward.user.MailRequest;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.transaction.UserTransaction;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox apart from delivery: with no mail provider configured, a message stays in the outbox and
 * is written to the log once, its secrets masked (the test server itself delivers by SMTP; this drives
 * delivery rounds with the provider unset); delivered messages are purged after the retention.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("in-container")
class MailNoProviderIT {

    @Deployment
    static WebArchive deployment() {
        return MailDeployments.withRunId("mail-no-provider-it", "n");
    }

    @Resource(lookup = "jdbc/keyward")
    DataSource dataSource;

    @Resource(lookup = "java:comp/UserTransaction")
    UserTransaction tx;

    @EJB
    MailOutbox outbox;

    @EJB
    OutboxStore store;

    @jakarta.inject.Inject
    OutboxCipher cipher;

    String keyId(long id) throws Exception {
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.PreparedStatement s = c.prepareStatement("SELECT key_id FROM mail_outbox WHERE id = ?")) {
            s.setLong(1, id);
            try (java.sql.ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    /** Every column of the row, as text (whatever its type). */
    List<String> columns(long id) throws Exception {
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.PreparedStatement s = c.prepareStatement("SELECT * FROM mail_outbox WHERE id = ?")) {
            s.setLong(1, id);
            try (java.sql.ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                List<String> out = new ArrayList<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    out.add(r.getMetaData().getColumnName(i) + "=" + r.getString(i));
                }
                return out;
            }
        }
    }

    /**
     * Issue 12 §6: for every message type, no secret is in any column of its outbox row while it waits
     * for delivery, yet the sealed copy (what the sender delivers) carries it.
     */
    @Test
    void noSecretIsAtRestInClearForAnyMessageType() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, MailRequest> requests = MailPipelineIT.requests(run);
        for (MailRequest request : requests.values()) {
            tx.begin();
            long id = outbox.add(request);
            SeedSql.update(dataSource, "UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ?",
                    Timestamp.from(Instant.now().plusSeconds(86_400)), id);
            tx.commit();
            try {
                List<String> row = columns(id);
                OutboxCipher.Bodies opened = cipher.open(keyId(id), OutboxRows.matching(dataSource, request.recipientEmail())
                        .get(0).sealedBody(), request.recipientEmail(), request.template());
                for (String secret : request.secrets().values()) {
                    for (String column : row) {
                        assertFalse(column.contains(secret), request.template() + ": secret in clear at rest: " + column);
                    }
                    assertTrue(opened.text().contains(secret), request.template() + ": the sealed copy carries it");
                }
                assertTrue(row.stream().anyMatch(col -> col.startsWith("text_body=null")), row.toString());
                assertTrue(row.stream().anyMatch(col -> col.startsWith("html_body=null")), row.toString());
            } finally {
                SeedSql.update(dataSource, "DELETE FROM mail_outbox WHERE id = ?", id);
            }
        }
    }

    @Test
    void messagesAreLoggedOnceWithSecretsMaskedAndStayQueued() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String to = "noprovider." + run + "@example.com";
        String secret = "SECRETTOKEN" + run.toUpperCase();
        tx.begin();
        long id = outbox.add(new MailRequest("invitation", to, "", Map.of(), Map.of("token", secret)));
        // Not due for the real (SMTP) sender of the test server: only the round below sees it.
        SeedSql.update(dataSource, "UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().plusSeconds(86_400)), id);
        tx.commit();

        MailSender sender = new MailSender();
        sender.store = store;
        sender.config = new KeywardConfig() {
            @Override
            public String string(Option o) {
                return o == Option.EMAIL_PROVIDER ? "" : super.string(o);
            }
        };
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(MailSender.class.getName());
        log.addHandler(capture);
        try {
            sender.round();
            sender.round();
        } finally {
            log.removeHandler(capture);
        }
        List<String> ours = logged.stream().filter(m -> m.contains(to)).toList();
        assertEquals(1, ours.size(), "logged exactly once: " + logged);
        assertTrue(ours.get(0).contains("invitation_token=" + MailOutbox.MASK), ours.get(0));
        assertFalse(ours.get(0).contains(secret), "no secret in the log");
        OutboxRows.Row row = OutboxRows.matching(dataSource, to).get(0);
        assertEquals(null, row.sentAt(), "still queued");
        assertEquals(null, row.textBody(), "no clear copy at rest");
        assertNotNull(row.sealedBody(), "still deliverable once a provider is configured");
        assertTrue(cipher.open(keyId(id), row.sealedBody(), to, "invitation").text().contains(secret));
        SeedSql.update(dataSource, "DELETE FROM mail_outbox WHERE id = ?", id);
    }

    @Test
    void deliveredMessagesArePurgedAfterTheRetention() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        tx.begin();
        long old = outbox.add(new MailRequest("password_changed", "old." + run + "@example.com", "", Map.of(), Map.of()));
        long recent = outbox.add(new MailRequest("password_changed", "recent." + run + "@example.com", "", Map.of(), Map.of()));
        SeedSql.update(dataSource, "UPDATE mail_outbox SET sent_at = ?, next_attempt_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minusSeconds(40L * 86_400)), Timestamp.from(Instant.now().plusSeconds(86_400)), old);
        SeedSql.update(dataSource, "UPDATE mail_outbox SET sent_at = ?, next_attempt_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minusSeconds(86_400)), Timestamp.from(Instant.now().plusSeconds(86_400)), recent);
        tx.commit();
        store.purgeSent(Instant.now().minus(java.time.Duration.ofHours(720)));
        assertTrue(OutboxRows.matching(dataSource, "old." + run).isEmpty(), "older than the retention: gone");
        assertEquals(1, OutboxRows.matching(dataSource, "recent." + run).size(), "recent: kept");
        SeedSql.update(dataSource, "DELETE FROM mail_outbox WHERE id = ?", recent);
    }

    @Test
    void unsentMessagesExpireAndAreThenPurged() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String oldTo = "expired." + run + "@example.com";
        String newTo = "fresh." + run + "@example.com";
        tx.begin();
        long old = outbox.add(new MailRequest("invitation", oldTo, "", Map.of(), Map.of("token", "EXPIRED" + run)));
        long fresh = outbox.add(new MailRequest("invitation", newTo, "", Map.of(), Map.of("token", "FRESH" + run)));
        // Never due for the test server's own sender: only the calls below touch them.
        SeedSql.update(dataSource, "UPDATE mail_outbox SET next_attempt_at = ? WHERE id IN (?, ?)",
                Timestamp.from(Instant.now().plusSeconds(86_400)), old, fresh);
        SeedSql.update(dataSource, "UPDATE mail_outbox SET created_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minusSeconds(8L * 86_400)), old);
        tx.commit();

        Instant now = Instant.now();
        assertTrue(store.expireUnsent(now.minus(java.time.Duration.ofHours(168)), now) >= 1);
        OutboxRows.Row expired = OutboxRows.matching(dataSource, oldTo).get(0);
        assertNotNull(expired.deadAt(), "dead-lettered: " + expired);
        assertEquals(null, expired.textBody(), "its secret-bearing copy is gone");
        assertEquals(null, expired.htmlBody());
        assertEquals(null, expired.sealedBody());
        assertTrue(expired.maskedText().contains(MailOutbox.MASK), "the masked copy stays");
        assertTrue(expired.lastError().contains("expired"), expired.lastError());
        assertFalse(store.unlogged(10_000).contains(old), "no longer waiting to be logged");
        assertTrue(store.list(OutboxStore.State.DEAD, 10_000, 0).stream().anyMatch(m -> m.id() == old));
        assertFalse(store.list(OutboxStore.State.PENDING, 10_000, 0).stream().anyMatch(m -> m.id() == old));
        OutboxRows.Row kept = OutboxRows.matching(dataSource, newTo).get(0);
        assertEquals(null, kept.deadAt(), "younger than the expiry: still pending");

        // Dead letters leave with the retention, like delivered messages.
        SeedSql.update(dataSource, "UPDATE mail_outbox SET dead_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minusSeconds(40L * 86_400)), old);
        store.purgeSent(Instant.now().minus(java.time.Duration.ofHours(720)));
        assertTrue(OutboxRows.matching(dataSource, oldTo).isEmpty(), "purged after the retention");
        SeedSql.update(dataSource, "DELETE FROM mail_outbox WHERE id = ?", fresh);
    }

    /** Issue 13 §6: a stopping node gives back at once what it claimed and did not send. */
    @Test
    void aStoppingNodeReleasesItsLeasesAtOnce() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        MailSender sender = new MailSender();
        sender.store = store;
        sender.config = new KeywardConfig();
        tx.begin();
        long held = outbox.add(new MailRequest("invitation", "held." + run + "@example.com", "", Map.of(), Map.of("token", "HELD" + run)));
        long other = outbox.add(new MailRequest("invitation", "other." + run + "@example.com", "", Map.of(), Map.of("token", "OTHER" + run)));
        // Claimed (attempt 1) by the stopping node and by another node; not due for the test server's sender.
        Timestamp future = Timestamp.from(Instant.now().plusSeconds(86_400));
        SeedSql.update(dataSource, "UPDATE mail_outbox SET next_attempt_at = ?, lease_owner = ?, lease_until = ?, attempts = 1"
                + " WHERE id = ?", future, sender.node, future, held);
        SeedSql.update(dataSource, "UPDATE mail_outbox SET next_attempt_at = ?, lease_owner = ?, lease_until = ?, attempts = 1"
                + " WHERE id = ?", future, "another-node", future, other);
        tx.commit();
        try {
            sender.stop();
            assertEquals(List.of("null/null/0"), leases(held), "released, the interrupted attempt not counted");
            assertEquals(List.of("another-node/set/1"), leases(other), "another node's lease is not touched");
        } finally {
            SeedSql.update(dataSource, "DELETE FROM mail_outbox WHERE id IN (?, ?)", held, other);
        }
    }

    List<String> leases(long id) throws Exception {
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.PreparedStatement s = c.prepareStatement("SELECT lease_owner, lease_until, attempts FROM mail_outbox WHERE id = ?")) {
            s.setLong(1, id);
            try (java.sql.ResultSet r = s.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (r.next()) {
                    out.add(r.getString(1) + "/" + (r.getTimestamp(2) == null ? "null" : "set") + "/" + r.getInt(3));
                }
                return out;
            }
        }
    }

    /** After an upgrade, unsent bodies an older version stored in clear are encrypted. */
    @Test
    void clearBodiesOfAnOlderVersionAreSealed() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String to = "legacy." + run + "@example.com";
        String secret = "LEGACYTOKEN" + run.toUpperCase();
        tx.begin();
        long id = outbox.add(new MailRequest("invitation", to, "", Map.of(), Map.of("token", secret)));
        SeedSql.update(dataSource, "UPDATE mail_outbox SET next_attempt_at = ?, sealed_body = NULL, key_id = NULL,"
                + " text_body = ?, html_body = ? WHERE id = ?", Timestamp.from(Instant.now().plusSeconds(86_400)),
                "text " + secret, "<p>" + secret + "</p>", id);
        tx.commit();
        MailSender sender = new MailSender();
        sender.store = store;
        sender.cipher = cipher;
        try {
            sender.sealClearCopies();
            OutboxRows.Row row = OutboxRows.matching(dataSource, to).get(0);
            assertEquals(null, row.textBody());
            assertEquals(null, row.htmlBody());
            for (String column : columns(id)) {
                assertFalse(column.contains(secret), column);
            }
            OutboxCipher.Bodies opened = cipher.open(keyId(id), row.sealedBody(), to, "invitation");
            assertEquals("text " + secret, opened.text());
            assertEquals("<p>" + secret + "</p>", opened.html());
        } finally {
            SeedSql.update(dataSource, "DELETE FROM mail_outbox WHERE id = ?", id);
        }
    }

    /**
     * With no provider the sender asks for the messages still to be logged after every enqueue; without
     * its index that walked every message already logged (V27), so a long-running server's creates slowed.
     */
    @Test
    void theMessagesStillToLogAreFoundThroughTheirIndex() throws Exception {
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("EXPLAIN SELECT id FROM mail_outbox WHERE sent_at IS NULL"
                     + " AND dead_at IS NULL AND logged_at IS NULL ORDER BY id FETCH FIRST 100 ROWS ONLY")) {
            assertTrue(r.next());
            String plan = r.getString(1);
            assertTrue(plan.toUpperCase(java.util.Locale.ROOT).contains("MAIL_OUTBOX_UNLOGGED_IDX"), plan);
        }
    }
}
