package io.keyward.notification;

import static io.keyward.notification.NotificationTestSupport.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.notification.NotificationJson.CreateNotification;
import io.keyward.notification.NotificationJson.ListNotifications;
import io.keyward.notification.NotificationJson.UpdateStatus;
import io.keyward.ops.Deployments;
import io.keyward.rights.CallerContext;
import io.keyward.rights.Right;
import io.keyward.user.MailRequest;
import io.keyward.user.NotificationRequest;
import io.keyward.testsupport.EventRecorder;
import io.keyward.wire.Page;
import io.keyward.wire.Paging;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In the container: the store behind NotificationService, the observer of the server's own
 * notifications (same transaction as the cause), and the rules of Create, List and UpdateStatus with
 * callers set directly.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("in-container")
class NotificationServiceIT {
    private static final String PASSWORD = "Notif-Passw0rd!";

    @Deployment
    static WebArchive deployment() {
        return Deployments.keyward("notification-service-it");
    }

    @Inject
    NotificationTestSupport support;

    @Inject
    NotificationService service;

    @Inject
    CallerContext context;

    @Inject
    EventRecorder mails;

    private static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private String newUser() {
        String id = uniqueId("nu");
        support.createUser(id, PASSWORD, false);
        return id;
    }

    private static JsonObject apiKeyData(String name) {
        return Json.createObjectBuilder()
                .add("@type", "type.googleapis.com/ttn.lorawan.v3.APIKey")
                .add("id", "KEYID" + name.toUpperCase())
                .add("key", "NNSXS.SHOULD.NEVERBESTORED")
                .add("name", name)
                .add("rights", Json.createArrayBuilder().add("RIGHT_USER_INFO"))
                .build();
    }

    private Page<JsonObject> list(String userId, NotificationStatus... statuses) {
        Set<NotificationStatus> s = statuses.length == 0 ? Set.of() : EnumSet.of(statuses[0], statuses);
        return service.list(new ListNotifications(userId, s, Paging.of(0, 0, 100)));
    }

    @Test
    void observedRequestIsStoredForItsReceiversAndMailed() {
        String alice = newUser();
        support.fireAndCommit(new NotificationRequest(alice, "api_key_created", apiKeyData("ci"), alice,
                List.of("NOTIFICATION_RECEIVER_ADMINISTRATIVE_CONTACT"), List.of(alice), true));

        context.actAs(caller(alice, Right.RIGHT_USER_NOTIFICATIONS_READ));
        Page<JsonObject> page = list(alice);
        assertEquals(1, page.total());
        JsonObject n = page.items().get(0);
        assertEquals(36, n.getString("id").length());
        assertEquals(alice, n.getJsonObject("entity_ids").getJsonObject("user_ids").getString("user_id"));
        assertEquals("api_key_created", n.getString("notification_type"));
        JsonObject data = n.getJsonObject("data");
        assertEquals("@type", data.keySet().iterator().next(), "@type is the first key");
        assertEquals("ci", data.getString("name"));
        assertFalse(data.containsKey("key"), "an API key's secret is never stored");
        assertEquals(alice, n.getJsonObject("sender_ids").getString("user_id"));
        assertEquals("NOTIFICATION_RECEIVER_ADMINISTRATIVE_CONTACT", n.getJsonArray("receivers").getString(0));
        assertTrue(n.getBoolean("email"));
        assertFalse(n.containsKey("status"), "UNSEEN is the zero value, omitted");
        assertEquals(n.getString("created_at"), n.getString("status_updated_at"));

        Object[] row = support.receiverRow(alice, n.getString("id"));
        assertEquals(NotificationStatus.NOTIFICATION_STATUS_UNSEEN, row[0]);
        assertEquals(row[1], row[2]);

        List<MailRequest> sent = mails.committedMailsTo(alice + "@example.com");
        assertEquals(1, sent.size());
        MailRequest m = sent.get(0);
        assertEquals("api_key_created", m.template());
        assertEquals(alice, m.values().get("user_id"));
        assertEquals(alice, m.values().get("entity_id"));
        assertEquals("api_key_created", m.values().get("notification_type"));
        assertTrue(m.values().get("console_url").startsWith("http"), m.values().toString());
        assertEquals("ci", m.values().get("data.name"));
        assertFalse(m.values().toString().contains("NEVERBESTORED"));
    }

    @Test
    void observedRequestRolledBackWithItsCauseLeavesNothing() {
        String bob = newUser();
        support.fireAndRollBack(new NotificationRequest(bob, "password_changed", null, bob,
                List.of("NOTIFICATION_RECEIVER_COLLABORATOR"), List.of(bob), true));
        assertEquals(0, support.notificationRows(bob));
        assertEquals(0, support.receiverRows(bob));
        assertTrue(mails.committedMailsTo(bob + "@example.com").isEmpty(), "no mail for a rolled-back action");
    }

    @Test
    void observedRequestGoesToEveryListedUserAndWithoutTemplateNoMail() {
        String requested = uniqueId("req");
        String admin1 = uniqueId("adm");
        String admin2 = uniqueId("adm");
        support.createUser(admin1, PASSWORD, true);
        support.createUser(admin2, PASSWORD, true);
        String gone = newUser();
        support.softDelete(gone);
        support.fireAndCommit(new NotificationRequest(requested, "custom_type_without_template", null, null,
                List.of("NOTIFICATION_RECEIVER_ADMINISTRATIVE_CONTACT"), List.of(admin1, admin2, gone, admin1), true));
        assertEquals(1, support.notificationRows(requested));
        assertEquals(1, support.receiverRows(admin1));
        assertEquals(1, support.receiverRows(admin2));
        assertEquals(0, support.receiverRows(gone), "deleted users receive nothing");
        context.actAs(caller(admin1, false));
        JsonObject n = list(admin1).items().get(0);
        assertFalse(n.containsKey("email"), "no template: email is dropped");
        assertFalse(n.containsKey("sender_ids"));
        assertFalse(n.containsKey("data"));
        assertTrue(mails.committedMailsTo(admin1 + "@example.com").isEmpty());
    }

    @Test
    void observedRequestWithoutReceiversIsIgnored() {
        String nobody = uniqueId("nobody");
        support.fireAndCommit(new NotificationRequest(nobody, "user_requested", null, null,
                List.of("NOTIFICATION_RECEIVER_ADMINISTRATIVE_CONTACT"), List.of(), true));
        assertEquals(0, support.notificationRows(nobody));
    }

    @Test
    void listIsNewestFirstFilteredAndPagedAndUpdateStatusIsPerReceiver() {
        String alice = newUser();
        String bob = newUser();
        for (int i = 0; i < 5; i++) {
            support.fireAndCommit(new NotificationRequest(alice, "n" + i, null, null,
                    List.of("NOTIFICATION_RECEIVER_COLLABORATOR"), List.of(alice, bob), false));
        }
        context.actAs(caller(alice, false));
        Page<JsonObject> all = list(alice);
        assertEquals(5, all.total());
        for (int i = 0; i < 5; i++) {
            assertEquals("n" + (4 - i), all.items().get(i).getString("notification_type"), "newest first");
        }
        Page<JsonObject> second = service.list(new ListNotifications(alice, Set.of(), Paging.of(2, 2, 100)));
        assertEquals(5, second.total());
        assertEquals(List.of("n2", "n1"), second.items().stream().map(j -> j.getString("notification_type")).toList());
        Page<JsonObject> past = service.list(new ListNotifications(alice, Set.of(), Paging.of(2, 9, 100)));
        assertEquals(5, past.total());
        assertTrue(past.items().isEmpty());

        String n4 = all.items().get(0).getString("id");
        String n3 = all.items().get(1).getString("id");
        String n0 = all.items().get(4).getString("id");
        Instant before = Instant.parse(all.items().get(0).getString("status_updated_at"));
        service.updateStatus(new UpdateStatus(alice, List.of(n4, n3, UUID.randomUUID().toString()),
                NotificationStatus.NOTIFICATION_STATUS_SEEN));
        service.updateStatus(new UpdateStatus(alice, List.of(n0), NotificationStatus.NOTIFICATION_STATUS_ARCHIVED));

        assertEquals(2, list(alice, NotificationStatus.NOTIFICATION_STATUS_UNSEEN).total());
        Page<JsonObject> seen = list(alice, NotificationStatus.NOTIFICATION_STATUS_SEEN);
        assertEquals(List.of(n4, n3), seen.items().stream().map(j -> j.getString("id")).toList());
        assertEquals("NOTIFICATION_STATUS_SEEN", seen.items().get(0).getString("status"));
        assertFalse(Instant.parse(seen.items().get(0).getString("status_updated_at")).isBefore(before));
        Page<JsonObject> archived = list(alice, NotificationStatus.NOTIFICATION_STATUS_ARCHIVED);
        assertEquals(1, archived.total());
        assertEquals(n0, archived.items().get(0).getString("id"));
        assertEquals(3, list(alice, NotificationStatus.NOTIFICATION_STATUS_SEEN,
                NotificationStatus.NOTIFICATION_STATUS_ARCHIVED).total());

        // Back to UNSEEN is allowed.
        service.updateStatus(new UpdateStatus(alice, List.of(n3), NotificationStatus.NOTIFICATION_STATUS_UNSEEN));
        assertEquals(3, list(alice, NotificationStatus.NOTIFICATION_STATUS_UNSEEN).total());

        // Bob's copies are untouched, and Bob cannot change Alice's through his own inbox ID list.
        context.actAs(caller(bob, false));
        assertEquals(5, list(bob, NotificationStatus.NOTIFICATION_STATUS_UNSEEN).total());
        service.updateStatus(new UpdateStatus(bob, List.of(n4), NotificationStatus.NOTIFICATION_STATUS_ARCHIVED));
        context.actAs(caller(alice, false));
        assertEquals(NotificationStatus.NOTIFICATION_STATUS_SEEN, support.receiverRow(alice, n4)[0]);
        assertEquals(NotificationStatus.NOTIFICATION_STATUS_ARCHIVED, support.receiverRow(bob, n4)[0]);
    }

    @Test
    void otherUsersCannotListOrUpdate() {
        String alice = newUser();
        String bob = newUser();
        support.fireAndCommit(new NotificationRequest(alice, "password_changed", null, null,
                List.of("NOTIFICATION_RECEIVER_COLLABORATOR"), List.of(alice), false));
        context.actAs(caller(alice, false));
        String id = list(alice).items().get(0).getString("id");

        context.actAs(caller(bob, false));
        KeywardException e = assertThrows(KeywardException.class, () -> list(alice));
        assertTrue(e.is(Errors.NO_USER_RIGHTS), e.getMessage());
        e = assertThrows(KeywardException.class, () -> service.updateStatus(
                new UpdateStatus(alice, List.of(id), NotificationStatus.NOTIFICATION_STATUS_SEEN)));
        assertTrue(e.is(Errors.NO_USER_RIGHTS), e.getMessage());
        assertEquals(NotificationStatus.NOTIFICATION_STATUS_UNSEEN, support.receiverRow(alice, id)[0]);

        // Alice with a key lacking RIGHT_USER_NOTIFICATIONS_READ
        context.actAs(caller(alice, Right.RIGHT_USER_INFO));
        e = assertThrows(KeywardException.class, () -> list(alice));
        assertTrue(e.is(Errors.INSUFFICIENT_USER_RIGHTS), e.getMessage());
        assertEquals(List.of("RIGHT_USER_NOTIFICATIONS_READ"), e.attributes().get("missing"));

        // An admin reads any user's notifications through universal rights.
        String admin = uniqueId("adm");
        support.createUser(admin, PASSWORD, true);
        context.actAs(caller(admin, true));
        assertEquals(1, list(alice).total());
        e = assertThrows(KeywardException.class, () -> list(uniqueId("missing")));
        assertTrue(e.is(Errors.USER_NOT_FOUND), e.getMessage());
    }

    @Test
    void createIsForAdminsAndClusterPeersOnly() {
        String alice = newUser();
        CreateNotification req = new CreateNotification(EntityIds.user(alice), "api_key_changed",
                apiKeyData("x"), "", List.of(NotificationReceiver.NOTIFICATION_RECEIVER_COLLABORATOR), true);

        context.actAs(caller(alice, false));
        KeywardException e = assertThrows(KeywardException.class, () -> service.create(req, null));
        assertTrue(e.is(Errors.PERMISSION_DENIED_ERR), e.getMessage());
        assertEquals(0, support.notificationRows(alice));

        String admin = uniqueId("adm");
        support.createUser(admin, PASSWORD, true);
        context.actAs(caller(admin, true));
        String id = service.create(req, null);
        assertEquals(36, id.length());
        context.actAs(caller(alice, false));
        JsonObject n = list(alice).items().get(0);
        assertEquals(id, n.getString("id"));
        assertEquals("x", n.getJsonObject("data").getString("name"));
        assertTrue(n.getJsonObject("data").containsKey("key"), "Create carries data through unchanged");
        assertEquals(1, mails.committedMailsTo(alice + "@example.com").size());

        // Another entity type: this server knows none of its contacts or collaborators.
        context.actAs(caller(admin, true));
        CreateNotification app = new CreateNotification(
                new EntityIds("application", "app-1", Json.createObjectBuilder().add("application_ids",
                        Json.createObjectBuilder().add("application_id", "app-1")).build()),
                "test_notification", null, "", List.of(NotificationReceiver.NOTIFICATION_RECEIVER_COLLABORATOR), false);
        e = assertThrows(KeywardException.class, () -> service.create(app, null));
        assertTrue(e.is(Errors.NO_RECEIVER_USER_IDS), e.getMessage());
        CreateNotification missing = new CreateNotification(EntityIds.user(uniqueId("missing")), "test_notification",
                null, "", List.of(NotificationReceiver.NOTIFICATION_RECEIVER_UNKNOWN), false);
        e = assertThrows(KeywardException.class, () -> service.create(missing, null));
        assertTrue(e.is(Errors.NO_RECEIVER_USER_IDS), e.getMessage());
    }

    @Test
    void createRolledBackLeavesNothing() {
        String alice = newUser();
        String admin = uniqueId("adm");
        support.createUser(admin, PASSWORD, true);
        context.actAs(caller(admin, true));
        String id = support.createAndRollBack(new CreateNotification(EntityIds.user(alice), "password_changed", null,
                admin, List.of(NotificationReceiver.NOTIFICATION_RECEIVER_COLLABORATOR), true));
        assertNotNull(id);
        assertEquals(0, support.notificationRows(alice));
        assertNull(support.receiverRow(alice, id));
        assertTrue(mails.committedMailsTo(alice + "@example.com").isEmpty());
    }
}
