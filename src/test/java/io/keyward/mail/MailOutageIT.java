package io.keyward.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.user.MailRequest;
import jakarta.annotation.Resource;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An SMTP outage loses nothing: with the server down, messages stay queued and their delivery
 * attempts fail and are retried; once it is back, every message arrives exactly once.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("in-container")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailOutageIT {
    static final int MESSAGES = 5;
    static String runId;

    @Deployment
    static WebArchive deployment() {
        runId = "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return MailDeployments.withRunId("mail-outage-it", runId);
    }

    @Resource(lookup = "jdbc/keyward")
    DataSource dataSource;

    @Resource(lookup = "java:comp/UserTransaction")
    UserTransaction tx;

    @Inject
    Event<MailRequest> mail;

    static String address(int i, String run) {
        return "outage" + i + "." + run + "@example.com";
    }

    @Test
    @Order(1)
    @RunAsClient
    void smtpServerGoesDown() {
        TestSmtp.stop();
    }

    @Test
    @Order(2)
    void messagesQueuedDuringTheOutageAreRetried() throws Exception {
        String run = MailDeployments.runId();
        for (int i = 0; i < MESSAGES; i++) {
            tx.begin();
            mail.fire(new MailRequest("invitation", address(i, run), "", Map.of(), Map.of("token", "OUTAGE" + i)));
            tx.commit();
        }
        List<OutboxRows.Row> rows = OutboxRows.awaitAll(dataSource, run, MESSAGES,
                r -> r.attempts() >= 1 && r.lastError() != null, Duration.ofSeconds(90));
        assertEquals(MESSAGES, rows.size());
        for (OutboxRows.Row r : rows) {
            assertNull(r.sentAt(), "not delivered while the server is down: " + r);
            assertTrue(r.attempts() >= 1 && r.lastError() != null, "a failed attempt was recorded: " + r);
            assertTrue(!r.lastError().contains("OUTAGE"), r.lastError());
        }
    }

    @Test
    @Order(3)
    @RunAsClient
    void smtpServerComesBackAndEveryMessageArrives() {
        TestSmtp.start();
        for (int i = 0; i < MESSAGES; i++) {
            assertEquals(1, TestSmtp.await(address(i, runId)).size(), "delivered after the outage: " + address(i, runId));
        }
    }

    @Test
    @Order(4)
    void everyMessageIsMarkedSent() {
        String run = MailDeployments.runId();
        List<OutboxRows.Row> rows = OutboxRows.awaitAll(dataSource, run, MESSAGES, r -> r.sentAt() != null,
                Duration.ofSeconds(90));
        for (OutboxRows.Row r : rows) {
            assertNotNull(r.sentAt(), r.toString());
        }
    }

    @Test
    @Order(5)
    @RunAsClient
    void andArrivedExactlyOnce() {
        for (int i = 0; i < MESSAGES; i++) {
            List<TestSmtp.Mail> got = TestSmtp.to(address(i, runId));
            assertEquals(1, got.size(), "exactly once: " + address(i, runId));
            assertTrue(got.get(0).text().contains("invitation_token=OUTAGE" + i), got.get(0).text());
        }
    }

    @AfterAll
    static void smtpServerRunsForTheNextTests() {
        if (runId != null) {
            TestSmtp.start();
        }
    }
}
