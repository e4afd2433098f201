package io.keyward.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.user.MailRequest;
import jakarta.annotation.Resource;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every message type, fired as a MailRequest in a transaction in the container, goes through the
 * outbox and arrives at the real SMTP server with its recipient, subject and link; a rolled-back
 * transaction sends nothing; secrets are masked in what is kept, and dropped once delivered.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("in-container")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailPipelineIT {
    static final String SCRIPT_NAME = "<script>alert(1)</script> Bob";
    static String runId;

    @Deployment
    static WebArchive deployment() {
        runId = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestSmtp.start();
        return MailDeployments.withRunId("mail-pipeline-it", runId);
    }

    @Resource(lookup = "jdbc/keyward")
    DataSource dataSource;

    @Resource(lookup = "java:comp/UserTransaction")
    UserTransaction tx;

    @Inject
    Event<MailRequest> mail;

    static String address(String type, String run) {
        return type.replace('_', '-') + "." + run + "@example.com";
    }

    /** What each type is fired with: values and secrets. */
    static Map<String, MailRequest> requests(String run) {
        Map<String, MailRequest> r = new LinkedHashMap<>();
        r.put("invitation", new MailRequest("invitation", address("invitation", run), "",
                Map.of("email", address("invitation", run), "expires_at", "2030-01-01T00:00:00Z"),
                Map.of("token", "INVITATIONTOKEN" + run.toUpperCase())));
        r.put("temporary_password", new MailRequest("temporary_password", address("temporary_password", run), "Tina",
                Map.of("user_id", "tina-" + run), Map.of("temporary_password", "TempPass-" + run)));
        r.put("validate", new MailRequest("validate", address("validate", run), "Val",
                Map.of("user_id", "val-" + run, "reference", "REF" + run, "address", address("validate", run)),
                Map.of("token", "VALIDATETOKEN" + run)));
        r.put("login_token", new MailRequest("login_token", address("login_token", run), "Lou",
                Map.of("user_id", "lou-" + run), Map.of("login_token", "LOGINTOKEN" + run)));
        r.put("api_key_created", new MailRequest("api_key_created", address("api_key_created", run), "Ann",
                Map.of("user_id", "ann-" + run, "api_key_id", "KEYC" + run, "api_key_name", "ci key",
                        "rights", "RIGHT_USER_INFO"), Map.of()));
        r.put("api_key_changed", new MailRequest("api_key_changed", address("api_key_changed", run), "Ann",
                Map.of("user_id", "ann-" + run, "api_key_id", "KEYU" + run, "api_key_name", "ci key"), Map.of()));
        r.put("password_changed", new MailRequest("password_changed", address("password_changed", run), "Pat",
                Map.of("user_id", "pat-" + run), Map.of()));
        r.put("user_requested", new MailRequest("user_requested", address("user_requested", run), "Admin",
                Map.of("user_id", "newbie-" + run, "user_name", "Newbie", "user_email", "newbie@example.com"), Map.of()));
        r.put("entity_state_changed", new MailRequest("entity_state_changed", address("entity_state_changed", run),
                SCRIPT_NAME, Map.of("user_id", "sam-" + run, "state", "STATE_SUSPENDED",
                        "state_description", "<b>abuse</b>"), Map.of()));
        r.put("notification", new MailRequest("client_requested", address("notification", run), "Nina",
                Map.of("user_id", "nina-" + run), Map.of()));
        return r;
    }

    @Test
    @Order(1)
    void everyTypeIsQueuedWithItsTransactionAndDelivered() throws Exception {
        String run = MailDeployments.runId();
        tx.begin();
        for (MailRequest r : requests(run).values()) {
            mail.fire(r);
        }
        tx.commit();

        tx.begin();
        mail.fire(new MailRequest("password_changed", "rolledback." + run + "@example.com", "", Map.of(), Map.of()));
        tx.rollback();

        List<OutboxRows.Row> rows = OutboxRows.matching(dataSource, run);
        assertEquals(requests(run).size(), rows.size(), "one outbox row per committed request, none for the rollback");
        for (OutboxRows.Row row : rows) {
            assertFalse(row.recipient().startsWith("rolledback"), row.recipient());
            assertFalse(row.maskedText().contains("TOKEN" + run.toUpperCase()) || row.maskedText().contains("TOKEN" + run),
                    "masked text has no token: " + row.maskedText());
            assertFalse(row.maskedText().contains("TempPass-"), row.maskedText());
        }
        OutboxRows.Row invitation = rows.stream().filter(r -> r.template().equals("invitation")).findFirst().orElseThrow();
        assertTrue(invitation.maskedText().contains("/register?invitation_token=" + MailOutbox.MASK), invitation.maskedText());

        rows = OutboxRows.awaitAll(dataSource, run, requests(run).size(), r -> r.sentAt() != null, Duration.ofSeconds(90));
        for (OutboxRows.Row row : rows) {
            assertNotNull(row.sentAt(), "delivered: " + row);
            assertNull(row.textBody(), "the body with secrets is dropped after delivery");
            assertNull(row.lastError(), row.toString());
        }
    }

    @Test
    @Order(2)
    @RunAsClient
    void everyTypeArrivesWithRecipientSubjectAndLink() {
        Map<String, String[]> expected = new LinkedHashMap<>();
        String token = "INVITATIONTOKEN" + runId.toUpperCase();
        expected.put("invitation", new String[] {"You have been invited to join The Things Stack for LoRaWAN",
                "http://localhost:1885/oauth/register?invitation_token=" + token});
        expected.put("temporary_password", new String[] {"Your temporary password for The Things Stack for LoRaWAN",
                "http://localhost:1885/oauth/update-password?user=tina-" + runId + "&current=TempPass-" + runId});
        expected.put("validate", new String[] {"Please confirm your email address for The Things Stack for LoRaWAN",
                "http://localhost:1885/oauth/validate?reference=REF" + runId + "&token=VALIDATETOKEN" + runId});
        expected.put("login_token", new String[] {"Your login token for The Things Stack for LoRaWAN",
                "http://localhost:1885/oauth/token-login?token=LOGINTOKEN" + runId});
        expected.put("api_key_created", new String[] {"A new API key has been created for your user",
                "http://localhost:1885/console/user/api-keys/KEYC" + runId});
        expected.put("api_key_changed", new String[] {"An API key of your user has been changed",
                "http://localhost:1885/console/user/api-keys/KEYU" + runId});
        expected.put("password_changed", new String[] {"Your password on The Things Stack for LoRaWAN has been changed",
                "http://localhost:1885/console/user/edit"});
        expected.put("user_requested", new String[] {"A new user has requested to join The Things Stack for LoRaWAN",
                "http://localhost:1885/console/admin-panel/user-management/newbie-" + runId});
        expected.put("entity_state_changed", new String[] {"The state of your user has been changed",
                "http://localhost:1885/console/user/edit"});
        expected.put("notification", new String[] {"New notification from The Things Stack for LoRaWAN: client_requested",
                "http://localhost:1885/console/notifications"});

        for (Map.Entry<String, String[]> e : expected.entrySet()) {
            String to = address(e.getKey(), runId);
            List<TestSmtp.Mail> got = TestSmtp.await(to);
            assertEquals(1, got.size(), "exactly one " + e.getKey() + " mail to " + to);
            TestSmtp.Mail m = got.get(0);
            assertEquals(List.of(to), m.to());
            assertEquals(e.getValue()[0], m.subject(), e.getKey());
            assertTrue(m.text().contains(e.getValue()[1]), e.getKey() + " text has its link: " + m.text());
            assertTrue(m.html().contains("href=\"" + e.getValue()[1].replace("&", "&amp;") + "\""),
                    e.getKey() + " html has its link: " + m.html());
            assertTrue(m.from().contains("noreply@localhost"), m.from());
            assertNotNull(m.outboxId());
        }
        TestSmtp.Mail state = TestSmtp.to(address("entity_state_changed", runId)).get(0);
        assertFalse(state.html().contains("<script>"), "a name with markup arrives inert: " + state.html());
        assertTrue(state.html().contains("&lt;script&gt;alert(1)&lt;/script&gt; Bob"), state.html());
        assertTrue(state.html().contains("&lt;b&gt;abuse&lt;/b&gt;"), state.html());
        assertTrue(TestSmtp.to("rolledback." + runId + "@example.com").isEmpty(), "a rolled-back change sends nothing");
    }
}
