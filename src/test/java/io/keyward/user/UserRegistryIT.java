package io.keyward.user;

import static io.keyward.user.UserTestSupport.PASSWORD;
import static io.keyward.user.UserTestSupport.admin;
import static io.keyward.user.UserTestSupport.createRequest;
import static io.keyward.user.UserTestSupport.json;
import static io.keyward.user.UserTestSupport.uniqueId;
import static io.keyward.user.UserTestSupport.updateRequest;
import static io.keyward.user.UserTestSupport.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.crypto.PasswordHasher;
import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.State;
import io.keyward.error.ErrorDefinition;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.rights.Right;
import io.keyward.rights.Rights;
import io.keyward.testsupport.EventRecorder;
import io.keyward.wire.FieldMask;
import io.keyward.wire.Page;
import io.keyward.wire.Query;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service rules of UserRegistry in the container: registration policy, hashing, field rules,
 * soft delete and restore, purge cascade, last-admin protection, passwords and temporary passwords,
 * and the side-effect events, with callers set through {@link CallerContext#actAs}.
 */
@Tag("in-container")
@ExtendWith(ArquillianExtension.class)
class UserRegistryIT {

    @Deployment
    static WebArchive deployment() {
        return UserTestSupport.deployment("users-registry-it");
    }

    @Inject
    UserRegistry registry;

    @Inject
    PasswordUpdates passwords;

    @Inject
    SsoLinks ssoLinks;

    @Inject
    TemporaryPasswords temporaryPasswords;

    @Inject
    CallerContext context;

    @Inject
    EventRecorder events;

    @Resource(lookup = "jdbc/keyward")
    DataSource db;


    private static KeywardException fails(ErrorDefinition expected, Runnable call) {
        KeywardException e = assertThrows(KeywardException.class, call::run);
        assertEquals(expected, e.definition(), e.getMessage());
        return e;
    }

    private JsonObject register(String id) {
        context.actAs(Caller.ANONYMOUS);
        return registry.create(createRequest(id, id + "@example.com", ""));
    }

    private String column(String sql, String userId) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, userId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private int count(String sql, Object... args) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private void execute(String sql, Object... args) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private static <T> T as(CallerContext context, Caller caller, Supplier<T> call) {
        context.actAs(caller);
        return call.get();
    }

    // ---------------------------------------------------------------- registration

    @Test
    void selfRegistrationControlsServerFields() throws Exception {
        String id = uniqueId("reg");
        context.actAs(Caller.ANONYMOUS);
        JsonObject created = registry.create(createRequest(id, id + "@Example.com", """
                "name": "Reg", "admin": true, "state": "STATE_SUSPENDED", "state_description": "mine",
                "primary_email_address_validated_at": "2020-01-01T00:00:00Z", "require_password_update": true,
                "temporary_password": "Temp-Passw0rd", "attributes": {"team": "rf"}"""));
        assertEquals(id, created.getJsonObject("ids").getString("user_id"));
        assertEquals("STATE_APPROVED", created.getString("state"));
        assertEquals("mine", created.getString("state_description"), "left as supplied (TTS quirk)");
        assertFalse(created.containsKey("admin"), "never admin by request body");
        assertFalse(created.containsKey("primary_email_address_validated_at"));
        assertFalse(created.containsKey("require_password_update"));
        assertFalse(created.containsKey("temporary_password"));
        assertFalse(created.containsKey("temporary_password_created_at"));
        assertFalse(created.containsKey("password"));
        assertEquals("{}", created.getJsonObject("console_preferences").toString());
        assertEquals("rf", created.getJsonObject("attributes").getString("team"));
        assertNotNull(created.getString("password_updated_at"));
        assertEquals(created.getString("created_at"), created.getString("updated_at"));

        String hash = column("SELECT password_hash FROM users WHERE user_id = ?", id);
        assertTrue(hash.startsWith("ARGON2ID$"), hash);
        assertTrue(PasswordHasher.verify(PASSWORD, hash));
        assertEquals("", column("SELECT temporary_password_hash FROM users WHERE user_id = ?", id));
        assertEquals(1, count("SELECT COUNT(*) FROM users WHERE user_id = ? AND admin = FALSE", id));

        // The contact-info component is asked to validate the address.
        assertEquals(1, events.validationsOf(id, id + "@Example.com").size());
    }

    @Test
    void adminApprovalMakesRequestedUsersAndTellsTheAdmins() throws Exception {
        String id = uniqueId("pending");
        try (AutoCloseable c = TestConfig.set("is.user-registration.admin-approval.required", "true")) {
            JsonObject created = register(id);
            assertFalse(created.containsKey("state"), "STATE_REQUESTED is the zero value");
            assertEquals("admin approval required", created.getString("state_description"));
        }
        List<NotificationRequest> n = events.notificationsAbout(id, "user_requested");
        assertEquals(1, n.size());
        assertTrue(n.get(0).receiverUserIds().contains("admin"));
        assertEquals(List.of("NOTIFICATION_RECEIVER_ADMINISTRATIVE_CONTACT"), n.get(0).receivers());
        JsonObject data = n.get(0).data();
        assertEquals("type.googleapis.com/ttn.lorawan.v3.CreateUserRequest", data.getString("@type"));
        assertEquals(id, data.getJsonObject("user").getJsonObject("ids").getString("user_id"));
        assertFalse(data.toString().contains("ARGON2ID"), "no password hash in the notification");
        assertFalse(events.mails().stream().filter(m -> m.template().equals("user_requested")
                && id.equals(m.values().get("user_id"))).toList().isEmpty(), "admins are mailed");
    }

    @Test
    void registrationDisabledRefusesOnlyNonAdmins() {
        try (AutoCloseable c = TestConfig.set("is.user-registration.enabled", "false")) {
            String id = uniqueId("closed");
            context.actAs(Caller.ANONYMOUS);
            fails(Errors.USER_REGISTRATION_DISABLED, () -> registry.create(createRequest(id, id + "@example.com", "")));
            // A user of another kind is not an admin either.
            context.actAs(user("someone", Right.RIGHT_ALL));
            fails(Errors.USER_REGISTRATION_DISABLED, () -> registry.create(createRequest(id, id + "@example.com", "")));
            context.actAs(admin());
            JsonObject created = registry.create(createRequest(id, id + "@example.com", "\"state\": \"APPROVED\""));
            assertEquals("STATE_APPROVED", created.getString("state"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static final String UNKNOWN_INVITATION = "keyward-users-it-unknown-invitation-token";

    @Test
    void invitationsRequiredAndTokensChecked() throws Exception {
        try (AutoCloseable c = TestConfig.set("is.user-registration.invitation.required", "true")) {
            String id = uniqueId("invited");
            context.actAs(Caller.ANONYMOUS);
            fails(Errors.INVITATION_TOKEN_REQUIRED, () -> registry.create(createRequest(id, id + "@example.com", "")));
            // A token that the invitation component refuses (it has none like it) rolls the whole Create back.
            KeywardException e = fails(Errors.INVITATION_NOT_FOUND, () -> registry.create(UserRequests.CreateUser.parse(json("""
                    {"user": {"ids": {"user_id": "%s"}, "primary_email_address": "%s@example.com", "password": "%s"},
                     "invitation_token": "%s"}""".formatted(id, id, PASSWORD, UNKNOWN_INVITATION)))));
            assertEquals(UNKNOWN_INVITATION, e.attributes().get("invitation_token"));
            assertTrue(events.invitations().contains(new InvitationTokenUsed(UNKNOWN_INVITATION, id)));
            assertEquals(0, count("SELECT COUNT(*) FROM users WHERE user_id = ?", id), "no partial user");
            // Admins need no token.
            context.actAs(admin());
            registry.create(createRequest(id, id + "@example.com", ""));
        }
    }

    @Test
    void blocklistAndValidationComeFirst() throws Exception {
        context.actAs(admin());
        KeywardException e = fails(Errors.FORBIDDEN_ID, () -> registry.create(createRequest("admin", "x@example.com", "")));
        assertEquals("admin", e.attributes().get("id"));
        String extra = uniqueId("blocked");
        try (AutoCloseable c = TestConfig.set("is.user-registration.user-id-blocklist", "foo," + extra)) {
            fails(Errors.FORBIDDEN_ID, () -> registry.create(createRequest(extra, extra + "@example.com", "")));
        }
        e = fails(Errors.VALIDATION, () -> registry.create(createRequest("A", "a@example.com", "")));
        assertEquals("user", e.attributes().get("field"));
        assertEquals("CreateUserRequestValidationError", e.attributes().get("name"));
        assertEquals("ids", e.detailCause().attributes().get("field"));
        assertEquals("user_id", e.detailCause().detailCause().attributes().get("field"));
        assertEquals("UserIdentifiersValidationError", e.detailCause().detailCause().attributes().get("name"));
        fails(Errors.VALIDATION, () -> registry.create(createRequest("abc", "not-an-email", "")));
        e = fails(Errors.INVALID_EMAIL, () -> registry.create(createRequest(uniqueId("mail"), "Alice <alice@example.com>", "")));
        assertEquals("Alice <alice@example.com>", e.attributes().get("email"));
        fails(Errors.PASSWORD_MIN_LENGTH, () -> registry.create(UserRequests.CreateUser.parse(json("""
                {"user": {"ids": {"user_id": "%s"}, "primary_email_address": "w@example.com", "password": "Sh0rt"}}
                """.formatted(uniqueId("weak"))))));
        String id = uniqueId("self");
        fails(Errors.PASSWORD_CONTAINS_USER_ID, () -> registry.create(UserRequests.CreateUser.parse(json("""
                {"user": {"ids": {"user_id": "%s"}, "primary_email_address": "w@example.com", "password": "X1-%s"}}
                """.formatted(id, id.toUpperCase())))));
        try (AutoCloseable c = TestConfig.set("is.profile-picture.disable-upload", "true")) {
            fails(Errors.PROFILE_PICTURE_UPLOADS_DISABLED, () -> registry.create(createRequest(uniqueId("pic"), "p@example.com",
                    "\"profile_picture\": {\"embedded\": {\"mime_type\": \"image/png\", \"data\": \"AAEC\"}}")));
        }
    }

    @Test
    void adminCreatesUsersAsGiven() throws Exception {
        String id = uniqueId("made");
        context.actAs(admin());
        JsonObject created = registry.create(createRequest(id, id + "@example.com", """
                "admin": true, "primary_email_address_validated_at": "2024-05-06T07:08:09.123456Z",
                "require_password_update": true, "temporary_password": "Temp-Passw0rd",
                "temporary_password_expires_at": "2099-01-01T00:00:00Z",
                "profile_picture": {"embedded": {"mime_type": "image/png", "data": "AAECAw=="}, "sizes": {"0": "a/original.png"}},
                "console_preferences": {"console_theme": "CONSOLE_THEME_LIGHT"}"""));
        assertFalse(created.containsKey("state"), "an admin who omits state creates STATE_REQUESTED (TTS quirk)");
        assertTrue(created.getBoolean("admin"));
        assertTrue(created.getBoolean("require_password_update"));
        assertEquals("2024-05-06T07:08:09.123456Z", created.getString("primary_email_address_validated_at"));
        assertEquals("2099-01-01T00:00:00Z", created.getString("temporary_password_expires_at"));
        assertFalse(created.containsKey("temporary_password"), "secrets are never returned");
        assertEquals("AAECAw==", created.getJsonObject("profile_picture").getJsonObject("embedded").getString("data"));
        assertEquals("/assets/blob/profile_pictures/a/original.png",
                created.getJsonObject("profile_picture").getJsonObject("sizes").getString("0"));
        assertEquals("CONSOLE_THEME_LIGHT", created.getJsonObject("console_preferences").getString("console_theme"));
        String temp = column("SELECT temporary_password_hash FROM users WHERE user_id = ?", id);
        assertTrue(temp.startsWith("ARGON2ID$") && PasswordHasher.verify("Temp-Passw0rd", temp), "stored hashed, unlike TTS");
    }

    @Test
    void duplicateIdOrEmailIsAlreadyExistsAndLeavesNothing() throws Exception {
        String id = uniqueId("dup");
        register(id);
        int users = count("SELECT COUNT(*) FROM users");
        context.actAs(Caller.ANONYMOUS);
        fails(Errors.ALREADY_EXISTS, () -> registry.create(createRequest(id, uniqueId("other") + "@example.com", "\"attributes\": {\"aaa\": \"b\"}")));
        String other = uniqueId("dup");
        fails(Errors.ALREADY_EXISTS, () -> registry.create(createRequest(other, id.toUpperCase() + "@EXAMPLE.com", "\"attributes\": {\"aaa\": \"b\"}")));
        assertEquals(users, count("SELECT COUNT(*) FROM users"));
        assertEquals(0, count("SELECT COUNT(*) FROM users WHERE user_id = ?", other));
        assertEquals(0, count("SELECT COUNT(*) FROM user_attributes a JOIN users u ON u.id = a.user_pk WHERE u.user_id = ?", other));
    }

    // ---------------------------------------------------------------- reads

    @Test
    void getShowsPublicFieldsToOthersAndPrivateOnesWithRights() throws Exception {
        String id = uniqueId("seen");
        register(id);
        FieldMask privateMask = FieldMask.of("primary_email_address", "name");
        FieldMask publicMask = FieldMask.of("name", "state", "profile_picture");

        JsonObject own = as(context, user(id, Right.RIGHT_USER_INFO), () -> registry.read(id, privateMask).orThrow());
        assertEquals(id + "@example.com", own.getString("primary_email_address"));

        JsonObject other = as(context, user("someone-else", Right.RIGHT_ALL), () -> registry.read(id, publicMask).orThrow());
        assertEquals("STATE_APPROVED", other.getString("state"));
        assertTrue(other.getJsonObject("profile_picture").getJsonObject("sizes").getString("64").startsWith("https://www.gravatar.com/avatar/"));
        context.actAs(user("someone-else", Right.RIGHT_ALL));
        fails(Errors.NO_USER_RIGHTS, () -> registry.read(id, privateMask).orThrow());
        // The user's own key without rights: public fields only.
        context.actAs(user(id));
        fails(Errors.NO_USER_RIGHTS, () -> registry.read(id, FieldMask.of("attributes")).orThrow());
        JsonObject contact = registry.read(id, FieldMask.of("contact_info")).orThrow();
        assertFalse(contact.containsKey("contact_info"));
        assertFalse(contact.containsKey("primary_email_address"));
        context.actAs(user(id, Right.RIGHT_USER_INFO));
        JsonObject mine = registry.read(id, FieldMask.of("contact_info")).orThrow();
        assertEquals(1, mine.getJsonArray("contact_info").size());
        assertEquals(id + "@example.com", mine.getJsonArray("contact_info").getJsonObject(0).getString("value"));
        assertEquals("CONTACT_METHOD_EMAIL", mine.getJsonArray("contact_info").getJsonObject(0).getString("contact_method"));

        // Anonymous callers and callers whose account is not usable see nothing.
        context.actAs(Caller.ANONYMOUS);
        fails(Errors.UNAUTHENTICATED, () -> registry.read(id, publicMask).orThrow());
        // Authentication is checked before the fields (TTS getUser): private fields too answer 401 here.
        fails(Errors.UNAUTHENTICATED, () -> registry.read(id, privateMask).orThrow());
        context.actAs(user("pending-one", io.keyward.entity.State.STATE_SUSPENDED, "abuse"));
        KeywardException e = fails(Errors.USER_SUSPENDED, () -> registry.read(id, publicMask).orThrow());
        assertEquals("abuse", e.attributes().get("description"));
        fails(Errors.USER_SUSPENDED, () -> registry.read(id, privateMask).orThrow());
        // Unknown users: 404 for admins and for public reads, 403 for private reads by others.
        context.actAs(user("someone-else", Right.RIGHT_ALL));
        fails(Errors.USER_NOT_FOUND, () -> registry.read(uniqueId("nobody"), publicMask).orThrow());
        fails(Errors.NO_USER_RIGHTS, () -> registry.read(uniqueId("nobody"), privateMask).orThrow());
        context.actAs(admin());
        fails(Errors.USER_NOT_FOUND, () -> registry.read(uniqueId("nobody"), privateMask).orThrow());
        // No mask: identifiers and timestamps only.
        JsonObject bare = registry.read(id, FieldMask.empty()).orThrow();
        assertEquals(List.of("ids", "created_at", "updated_at"), List.copyOf(bare.keySet()));
    }

    @Test
    void listIsForAdminsOnly() {
        context.actAs(user("someone", Right.RIGHT_ALL));
        MultivaluedHashMap<String, String> q = new MultivaluedHashMap<>();
        fails(Errors.PERMISSION_DENIED_ERR, () -> registry.list(UserRequests.ListUsers.parse(new Query(q))));
        context.actAs(admin());
        q.putSingle("field_mask", "name");
        q.putSingle("limit", "2");
        Page<JsonObject> page = registry.list(UserRequests.ListUsers.parse(new Query(q)));
        assertTrue(page.total() >= 1);
        assertTrue(page.items().size() <= 2);
    }

    @Test
    void listTotalsStayExactThroughDeleteRestoreAndPurge() throws Exception {
        String id = uniqueId("counted");
        register(id);
        assertTotals();
        context.actAs(admin());
        registry.delete(id);
        assertTotals();
        registry.restore(id);
        assertTotals();
        registry.delete(id);
        registry.purge(id);
        assertTotals();
    }

    /** X-Total-Count of an unfiltered List equals the rows (on PostgreSQL it comes from user_counts). */
    private void assertTotals() throws Exception {
        context.actAs(admin());
        for (boolean deleted : new boolean[] {false, true}) {
            MultivaluedHashMap<String, String> q = new MultivaluedHashMap<>();
            q.putSingle("deleted", Boolean.toString(deleted));
            q.putSingle("limit", "1");
            long total = registry.list(UserRequests.ListUsers.parse(new Query(q))).total();
            assertEquals(count("SELECT COUNT(*) FROM users WHERE deleted_at IS " + (deleted ? "NOT NULL" : "NULL")), total,
                    "deleted=" + deleted);
        }
    }

    // ---------------------------------------------------------------- update

    @Test
    void updateRulesForUsersAndAdmins() throws Exception {
        String id = uniqueId("upd");
        register(id);
        context.actAs(user(id, Right.RIGHT_USER_SETTINGS_BASIC, Right.RIGHT_USER_INFO));
        KeywardException e = fails(Errors.UPDATE_ADMIN_FIELD, () -> registry.update(updateRequest(id,
                "{\"state\": \"STATE_APPROVED\", \"admin\": true}", "state", "admin", "name")));
        assertEquals("admin", e.attributes().get("field"), "alphabetically first offending path");
        UserRegistry.Answer answer = registry.update(updateRequest(id, "{\"name\": \"New Name\"}", "name", "contact_info"));
        assertEquals("New Name", answer.body().getString("name"));
        assertEquals(List.of(UserRegistry.CONTACT_INFO_WARNING), answer.warnings());

        // Admin flags the user with a reason, then approves without one: the reason is cleared.
        context.actAs(admin());
        JsonObject flagged = registry.update(updateRequest(id,
                "{\"state\": \"STATE_FLAGGED\", \"state_description\": \"something is wrong\"}", "state", "state_description")).body();
        assertEquals("STATE_FLAGGED", flagged.getString("state"));
        assertEquals("something is wrong", flagged.getString("state_description"));
        registry.update(updateRequest(id, "{\"state\": \"STATE_APPROVED\"}", "state"));
        JsonObject read = registry.read(id, FieldMask.of("state", "state_description")).orThrow();
        assertEquals("STATE_APPROVED", read.getString("state"));
        assertFalse(read.containsKey("state_description"));
        List<NotificationRequest> changed = events.notificationsAbout(id, "entity_state_changed");
        assertEquals(2, changed.size());
        assertEquals("STATE_APPROVED", changed.get(1).data().getString("state"));
        assertEquals(List.of(id), changed.get(1).receiverUserIds());
        assertTrue(events.credentials().contains(new UserCredentialsChanged(id, false)));

        // An admin changing the address keeps the validation time; the user changing it clears it.
        registry.update(updateRequest(id, "{\"primary_email_address_validated_at\": \"2024-01-01T00:00:00Z\"}",
                "primary_email_address_validated_at"));
        JsonObject byAdmin = registry.update(updateRequest(id,
                "{\"primary_email_address\": \"" + id + "-2@example.com\", \"primary_email_address_validated_at\": \"2025-01-01T00:00:00Z\"}",
                "primary_email_address", "primary_email_address_validated_at")).body();
        assertEquals(id + "-2@example.com", byAdmin.getString("primary_email_address"));
        assertEquals("2024-01-01T00:00:00Z", byAdmin.getString("primary_email_address_validated_at"));
        context.actAs(user(id, Right.RIGHT_USER_SETTINGS_BASIC));
        JsonObject byUser = registry.update(updateRequest(id, "{\"primary_email_address\": \"" + id + "-3@example.com\"}",
                "primary_email_address")).body();
        assertEquals(id + "-3@example.com", byUser.getString("primary_email_address"));
        assertFalse(byUser.containsKey("primary_email_address_validated_at"));
        assertEquals(1, events.validationsOf(id, id + "-3@example.com").size());
        fails(Errors.INVALID_EMAIL, () -> registry.update(updateRequest(id, "{\"primary_email_address\": \"A <a@b.c>\"}",
                "primary_email_address")));
        // An empty mask validates the whole user: no address fails; a valid user just gets touched.
        fails(Errors.VALIDATION, () -> registry.update(updateRequest(id, "{\"name\": \"ignored\"}")));
        JsonObject touched = registry.update(updateRequest(id, "{\"primary_email_address\": \"x@example.com\", \"name\": \"ignored\"}")).body();
        assertFalse(touched.containsKey("name"));
        context.actAs(user(id, Right.RIGHT_USER_INFO));
        assertEquals("New Name", registry.read(id, FieldMask.of("name")).orThrow().getString("name"));
        fails(Errors.INSUFFICIENT_USER_RIGHTS, () -> registry.update(updateRequest(id, "{\"name\": \"x\"}", "name")));
        context.actAs(user("stranger", Right.RIGHT_ALL));
        fails(Errors.NO_USER_RIGHTS, () -> registry.update(updateRequest(id, "{\"name\": \"x\"}", "name")));
        fails(Errors.FIELD_MASK_PATHS, () -> registry.update(updateRequest(id, "{}", "password")));
    }

    @Test
    void adminUpdatesEveryFieldAtOnce() throws Exception {
        // TESTS.md 72: every field changes, created_at stays, updated_at moves.
        String id = uniqueId("every");
        JsonObject created = register(id);
        context.actAs(admin());
        JsonObject u = registry.update(updateRequest(id, """
                {"name": "Every", "description": "all fields", "attributes": {"bbb": "2"},
                 "primary_email_address": "%s-x@example.com", "primary_email_address_validated_at": "2024-01-01T00:00:00Z",
                 "require_password_update": true, "state": "STATE_SUSPENDED", "state_description": "why",
                 "admin": false, "temporary_password": "Temp-Passw0rd", "temporary_password_expires_at": "2099-01-01T00:00:00Z",
                 "profile_picture": {"sizes": {"0": "https://example.com/p.png"}},
                 "console_preferences": {"console_theme": "CONSOLE_THEME_DARK", "dashboard_layouts": {"api_key": "DASHBOARD_LAYOUT_LIST"}}}
                """.formatted(id), "name", "description", "attributes", "primary_email_address", "require_password_update",
                "state", "state_description", "admin", "temporary_password", "temporary_password_expires_at",
                "profile_picture", "console_preferences")).body();
        assertEquals(created.getString("created_at"), u.getString("created_at"));
        assertNotEquals(created.getString("updated_at"), u.getString("updated_at"));
        assertEquals("Every", u.getString("name"));
        assertEquals("all fields", u.getString("description"));
        assertEquals("{\"bbb\":\"2\"}", u.getJsonObject("attributes").toString());
        assertEquals(id + "-x@example.com", u.getString("primary_email_address"));
        assertTrue(u.getBoolean("require_password_update"));
        assertEquals("STATE_SUSPENDED", u.getString("state"));
        assertEquals("why", u.getString("state_description"));
        assertFalse(u.containsKey("admin"));
        assertFalse(u.containsKey("temporary_password"));
        assertEquals("2099-01-01T00:00:00Z", u.getString("temporary_password_expires_at"));
        assertNotNull(u.getString("temporary_password_created_at"));
        assertEquals("https://example.com/p.png", u.getJsonObject("profile_picture").getJsonObject("sizes").getString("0"));
        assertEquals("DASHBOARD_LAYOUT_LIST", u.getJsonObject("console_preferences").getJsonObject("dashboard_layouts").getString("api_key"));
        assertTrue(PasswordHasher.verify("Temp-Passw0rd", column("SELECT temporary_password_hash FROM users WHERE user_id = ?", id)));
        assertEquals(List.of(id), events.notificationsAbout(id, "entity_state_changed").get(0).receiverUserIds());
        assertEquals(1, events.mailsTo("entity_state_changed", id + "-x@example.com").size());
        // Unknown users: 404 for the admin.
        fails(Errors.USER_NOT_FOUND, () -> registry.update(updateRequest(uniqueId("nobody"), "{\"name\": \"x\"}", "name")));
    }

    @Test
    void theSameIdTwiceThroughItsWholeLife() {
        // TESTS.md 78: create, delete, restore, get, delete, purge — twice with one ID.
        String id = uniqueId("twice");
        for (int round = 0; round < 2; round++) {
            register(id);
            context.actAs(admin());
            registry.delete(id);
            registry.restore(id);
            assertEquals(id, registry.read(id, FieldMask.empty()).orThrow().getJsonObject("ids").getString("user_id"));
            registry.delete(id);
            registry.purge(id);
        }
    }

    @Test
    void consolePreferencesAndPictures() {
        String id = uniqueId("prefs");
        register(id);
        context.actAs(user(id, Right.RIGHT_USER_SETTINGS_BASIC, Right.RIGHT_USER_INFO));
        JsonObject prefs = registry.update(updateRequest(id, """
                {"console_preferences": {"console_theme": "CONSOLE_THEME_DARK",
                  "dashboard_layouts": {"api_key": "DASHBOARD_LAYOUT_GRID", "application": "GRID", "gateway": 2,
                                        "organization": "DASHBOARD_LAYOUT_GRID", "user": "DASHBOARD_LAYOUT_GRID", "overview": "DASHBOARD_LAYOUT_GRID"},
                  "sort_by": {"api_key": "name", "application": "name", "gateway": "name", "organization": "name", "user": "name"}}}""",
                "console_preferences.console_theme", "console_preferences.dashboard_layouts", "console_preferences.sort_by")).body();
        JsonObject cp = prefs.getJsonObject("console_preferences");
        assertEquals("CONSOLE_THEME_DARK", cp.getString("console_theme"));
        assertEquals("DASHBOARD_LAYOUT_GRID", cp.getJsonObject("dashboard_layouts").getString("gateway"));
        assertEquals(6, cp.getJsonObject("dashboard_layouts").size());
        assertEquals("name", cp.getJsonObject("sort_by").getString("user"));
        // A sub-path replaces only its part; deeper paths do nothing.
        registry.update(updateRequest(id, "{\"console_preferences\": {\"console_theme\": \"LIGHT\", \"sort_by\": {\"user\": \"-created_at\"}}}",
                "console_preferences.console_theme", "console_preferences.sort_by.user"));
        JsonObject read = registry.read(id, FieldMask.of("console_preferences")).orThrow();
        assertEquals("CONSOLE_THEME_LIGHT", read.getJsonObject("console_preferences").getString("console_theme"));
        assertEquals("name", read.getJsonObject("console_preferences").getJsonObject("sort_by").getString("user"));
        assertEquals("{\"console_preferences\":{\"console_theme\":\"CONSOLE_THEME_LIGHT\"}}",
                stripAlways(registry.read(id, FieldMask.of("console_preferences.console_theme")).orThrow()));
        fails(Errors.VALIDATION, () -> registry.update(updateRequest(id,
                "{\"console_preferences\": {\"sort_by\": {\"user\": \"password\"}}}", "console_preferences")));

        registry.update(updateRequest(id, "{\"profile_picture\": {\"embedded\": {\"mime_type\": \"image/jpeg\", \"data\": \"_-8\"}}}",
                "profile_picture.embedded"));
        JsonObject pic = registry.read(id, FieldMask.of("profile_picture.embedded.mime_type")).orThrow().getJsonObject("profile_picture");
        assertEquals("{\"embedded\":{\"mime_type\":\"image/jpeg\"}}", pic.toString());
        assertEquals("/+8=", registry.read(id, FieldMask.of("profile_picture")).orThrow().getJsonObject("profile_picture")
                .getJsonObject("embedded").getString("data"), "URL-safe unpadded input, standard padded output");
        KeywardException e = fails(Errors.VALIDATION, () -> registry.update(updateRequest(id,
                "{\"profile_picture\": {\"embedded\": {\"mime_type\": \"" + "x".repeat(33) + "\"}}}", "profile_picture")));
        assertEquals("user", e.attributes().get("field"));
        registry.update(updateRequest(id, "{}", "profile_picture"));
        assertTrue(registry.read(id, FieldMask.of("profile_picture")).orThrow().getJsonObject("profile_picture")
                .getJsonObject("sizes").getString("512").endsWith("s=512&d=404"), "removed: Gravatar again");
    }

    private static String stripAlways(JsonObject o) {
        var b = jakarta.json.Json.createObjectBuilder(o);
        b.remove("ids");
        b.remove("created_at");
        b.remove("updated_at");
        return b.build().toString();
    }

    // ---------------------------------------------------------------- delete, restore, purge

    @Test
    void softDeleteKeepsTheIdFreesTheEmailAndRestores() throws Exception {
        String id = uniqueId("gone");
        register(id);
        context.actAs(user(id, Right.RIGHT_USER_DELETE));
        registry.delete(id);
        assertNotNull(column("SELECT deleted_at FROM users WHERE user_id = ?", id));
        assertTrue(events.credentials().contains(new UserCredentialsChanged(id, true)), "its sessions end, as in TTS");
        context.actAs(admin());
        fails(Errors.USER_NOT_FOUND, () -> registry.read(id, FieldMask.empty()).orThrow());
        fails(Errors.USER_NOT_FOUND, () -> registry.delete(id));
        MultivaluedHashMap<String, String> q = new MultivaluedHashMap<>();
        q.putSingle("deleted", "true");
        q.putSingle("limit", "1000");
        List<JsonObject> deleted = registry.list(UserRequests.ListUsers.parse(new Query(q))).items();
        assertTrue(deleted.stream().anyMatch(u -> u.getJsonObject("ids")
                .getString("user_id").equals(id) && u.containsKey("deleted_at")));

        context.actAs(Caller.ANONYMOUS);
        fails(Errors.ALREADY_EXISTS, () -> registry.create(createRequest(id, uniqueId("x") + "@example.com", "")));
        String taker = uniqueId("taker");
        registry.create(createRequest(taker, id + "@example.com", ""));

        context.actAs(admin());
        fails(Errors.ALREADY_EXISTS, () -> registry.restore(id));
        registry.purge(taker);
        try (AutoCloseable c = TestConfig.set("is.delete.restore", "0")) {
            fails(Errors.RESTORE_WINDOW_EXPIRED, () -> registry.restore(id));
        }
        context.actAs(user("stranger", Right.RIGHT_ALL));
        fails(Errors.NO_USER_RIGHTS, () -> registry.restore(id));
        context.actAs(admin());
        registry.restore(id);
        assertNull(column("SELECT deleted_at FROM users WHERE user_id = ?", id));
        fails(Errors.USER_NOT_FOUND, () -> registry.restore(id));
        assertEquals(id, registry.read(id, FieldMask.empty()).orThrow().getJsonObject("ids").getString("user_id"));
        execute("UPDATE users SET deleted_at = ? WHERE user_id = ?", Timestamp.from(Instant.now().minusSeconds(25 * 3600)), id);
        fails(Errors.RESTORE_WINDOW_EXPIRED, () -> registry.restore(id));
    }

    @Test
    void purgeRemovesEverythingOwnedAndFreesTheId() throws Exception {
        String id = uniqueId("purged");
        context.actAs(Caller.ANONYMOUS);
        registry.create(createRequest(id, id + "@example.com", "\"attributes\": {\"aaa\": \"1\", \"bbb\": \"2\"}"));
        String pk = column("SELECT id FROM users WHERE user_id = ?", id);
        execute("INSERT INTO api_keys (key_id, user_pk, secret_hash, name, rights, created_at, updated_at) VALUES (?, ?, 'x', 'k', '', ?, ?)",
                uniqueId("KEY").toUpperCase(), Long.parseLong(pk), Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));
        assertEquals(1, count("SELECT COUNT(*) FROM api_keys WHERE user_pk = ?", Long.parseLong(pk)));
        context.actAs(admin());
        ssoLinks.link(id, "https://idp.example", "purged-" + id);
        assertEquals(1, count("SELECT COUNT(*) FROM sso_links WHERE user_pk = ?", Long.parseLong(pk)));

        context.actAs(user(id, Right.RIGHT_ALL));
        fails(Errors.ADMINS_PURGE_USERS, () -> registry.purge(id));
        context.actAs(admin());
        registry.delete(id);
        registry.purge(id);
        assertEquals(0, count("SELECT COUNT(*) FROM users WHERE user_id = ?", id));
        assertEquals(0, count("SELECT COUNT(*) FROM api_keys WHERE user_pk = ?", Long.parseLong(pk)));
        assertEquals(0, count("SELECT COUNT(*) FROM user_attributes WHERE user_pk = ?", Long.parseLong(pk)));
        assertEquals(0, count("SELECT COUNT(*) FROM sso_links WHERE user_pk = ?", Long.parseLong(pk)), "the SSO identity is free again");
        KeywardException e = fails(Errors.ENTITY_NOT_FOUND, () -> registry.purge(id));
        assertEquals("error:pkg/identityserver/store:entity_not_found (user entity with id `" + id + "` not found)", e.getMessage());
        // The ID and the address can be used again.
        register(id);
        assertEquals(1, count("SELECT COUNT(*) FROM users WHERE user_id = ?", id));
    }

    @Test
    void theLastAdminCanBeNeitherDeletedNorDemoted() throws Exception {
        String second = uniqueId("admin2");
        context.actAs(admin());
        registry.create(createRequest(second, second + "@example.com", "\"admin\": true, \"state\": \"STATE_APPROVED\""));
        // With two admins, one can go.
        registry.update(updateRequest(second, "{\"admin\": false}", "admin"));
        registry.update(updateRequest(second, "{\"admin\": true}", "admin"));

        // Make "admin" the only admin inside a transaction that is rolled back afterwards.
        UserTransaction tx = javax.naming.InitialContext.doLookup("java:comp/UserTransaction");
        tx.begin();
        try {
            execute("UPDATE users SET admin = FALSE WHERE admin = TRUE AND user_id <> 'admin'");
            fails(Errors.LAST_ADMIN, () -> registry.delete("admin"));
        } finally {
            tx.rollback();
        }
        tx.begin();
        try {
            execute("UPDATE users SET admin = FALSE WHERE admin = TRUE AND user_id <> 'admin'");
            KeywardException e = fails(Errors.LAST_ADMIN, () -> registry.update(updateRequest("admin", "{\"admin\": true}", "admin")));
            assertEquals("error:pkg/identityserver/store:last_admin (user `{user_id}` is the last admin)", e.getMessage());
        } finally {
            tx.rollback();
        }
        // Purge too (issue 12 §11): an admin other than the target (here one that only the caller record
        // says is an admin, as an SSO admin group can) cannot purge the last admin, and no admin itself.
        context.actAs(new Caller(Caller.Kind.SSO, EntityIdentifiers.user(second), "test-key",
                Rights.of(Right.RIGHT_ALL).implied(), Rights.ADMIN, true, State.STATE_APPROVED, "", List.of()));
        tx.begin();
        try {
            execute("UPDATE users SET admin = FALSE WHERE admin = TRUE AND user_id <> 'admin'");
            fails(Errors.LAST_ADMIN, () -> registry.purge("admin"));
        } finally {
            tx.rollback();
        }
        fails(Errors.PURGE_SELF, () -> registry.purge(second));
        context.actAs(admin());
        fails(Errors.PURGE_SELF, () -> registry.purge("admin"));
        registry.delete(second);
        registry.purge(second);
    }

    // ---------------------------------------------------------------- passwords

    @Test
    void updatePasswordChecksTheOldOneAndUpgradesNothingElse() throws Exception {
        String id = uniqueId("pw");
        register(id);
        context.actAs(Caller.ANONYMOUS);
        fails(Errors.OLD_PASSWORD, () -> passwords.updatePassword(new UserRequests.UpdatePassword(id, "New-Passw0rd", "wrong", false)));
        fails(Errors.PASSWORD_MIN_LENGTH, () -> passwords.updatePassword(new UserRequests.UpdatePassword(id, "Weak", PASSWORD, false)));
        fails(Errors.PASSWORD_EQUALS_OLD, () -> passwords.updatePassword(new UserRequests.UpdatePassword(id, PASSWORD, PASSWORD, false)));
        fails(Errors.USER_NOT_FOUND, () -> passwords.updatePassword(new UserRequests.UpdatePassword(uniqueId("nobody"), "New-Passw0rd", PASSWORD, false)));
        String before = column("SELECT password_updated_at FROM users WHERE user_id = ?", id);
        passwords.updatePassword(new UserRequests.UpdatePassword(id, "New-Passw0rd", PASSWORD, true));
        String hash = column("SELECT password_hash FROM users WHERE user_id = ?", id);
        assertTrue(PasswordHasher.verify("New-Passw0rd", hash));
        assertNotEquals(before, column("SELECT password_updated_at FROM users WHERE user_id = ?", id));
        assertTrue(events.credentials().contains(new UserCredentialsChanged(id, true)), "revoke_all_access");
        List<NotificationRequest> changed = events.notificationsAbout(id, "password_changed");
        assertEquals(1, changed.size());
        assertNull(changed.get(0).data());
        assertEquals(1, events.mailsTo("password_changed", id + "@example.com").size());
        fails(Errors.OLD_PASSWORD, () -> passwords.updatePassword(new UserRequests.UpdatePassword(id, "Other-Passw0rd", PASSWORD, false)));
    }

    @Test
    void temporaryPasswordsAreMailedHashedAndSingleUse() throws Exception {
        String id = uniqueId("forgot");
        register(id);
        context.actAs(Caller.ANONYMOUS);
        temporaryPasswords.create(id);
        List<MailRequest> mails = events.mailsTo("temporary_password", id + "@example.com");
        assertEquals(1, mails.size());
        String secret = mails.get(0).secrets().get("temporary_password");
        assertEquals(52, secret.length());
        assertTrue(secret.matches("[A-Z2-7]{52}"));
        assertEquals("http://localhost:1885/oauth/update-password?user=" + id + "&current=" + secret,
                mails.get(0).secrets().get("link"));
        assertFalse(mails.get(0).values().containsValue(secret), "the secret only travels as a secret");
        String stored = column("SELECT temporary_password_hash FROM users WHERE user_id = ?", id);
        assertTrue(stored.startsWith("ARGON2ID$") && !stored.contains(secret));

        // While it is valid, nothing new is made and the answer is the same.
        temporaryPasswords.create(id);
        assertEquals(1, events.mailsTo("temporary_password", id + "@example.com").size());
        assertEquals(stored, column("SELECT temporary_password_hash FROM users WHERE user_id = ?", id));
        // Unknown users: same empty answer, no mail.
        temporaryPasswords.create(uniqueId("nobody"));

        // The temporary password works once as the old password, and is then gone.
        passwords.updatePassword(new UserRequests.UpdatePassword(id, "Brand-New-Passw0rd", secret, false));
        assertEquals("", column("SELECT temporary_password_hash FROM users WHERE user_id = ?", id));
        assertNull(column("SELECT temporary_password_expires_at FROM users WHERE user_id = ?", id));
        fails(Errors.OLD_PASSWORD, () -> passwords.updatePassword(new UserRequests.UpdatePassword(id, "Another-Passw0rd", secret, false)));

        // An expired one is refused as such.
        temporaryPasswords.create(id);
        String second = events.mailsTo("temporary_password", id + "@example.com").get(1).secrets().get("temporary_password");
        execute("UPDATE users SET temporary_password_expires_at = ? WHERE user_id = ?", Timestamp.from(Instant.now().minusSeconds(60)), id);
        fails(Errors.TEMPORARY_PASSWORD_EXPIRED, () -> passwords.updatePassword(new UserRequests.UpdatePassword(id, "Another-Passw0rd", second, false)));
        // And an expired one is replaced by a new request.
        temporaryPasswords.create(id);
        assertEquals(3, events.mailsTo("temporary_password", id + "@example.com").size());
    }

    @Test
    void ssoLinkedUsersHaveLocalPasswordsOnlyWhenAllowed() throws Exception {
        String id = uniqueId("ssolocal");
        register(id);
        context.actAs(admin());
        ssoLinks.link(id, "https://idp.example", "subject-" + id);
        assertTrue(events.credentials().contains(new UserCredentialsChanged(id, true)),
                "linking revokes the tokens of earlier password logins");
        context.actAs(Caller.ANONYMOUS);
        String hash = column("SELECT password_hash FROM users WHERE user_id = ?", id);
        // Off (the default): the right old password is refused as such, a wrong one as before, nothing changes.
        fails(Errors.LOCAL_PASSWORD_DISABLED, () -> passwords.updatePassword(new UserRequests.UpdatePassword(id, "New-Passw0rd", PASSWORD, false)));
        fails(Errors.OLD_PASSWORD, () -> passwords.updatePassword(new UserRequests.UpdatePassword(id, "New-Passw0rd", "wrong", false)));
        assertEquals(hash, column("SELECT password_hash FROM users WHERE user_id = ?", id));
        temporaryPasswords.create(id);
        assertEquals(0, events.mailsTo("temporary_password", id + "@example.com").size());
        assertEquals("", column("SELECT temporary_password_hash FROM users WHERE user_id = ?", id));
        context.actAs(admin());
        fails(Errors.LOCAL_PASSWORD_DISABLED, () -> registry.update(updateRequest(id, "{\"temporary_password\": \"Temp-Passw0rd\"}", "temporary_password")));

        // is.sso.allow-local-password: both ways in.
        try (AutoCloseable allow = TestConfig.set("is.sso.allow-local-password", "true")) {
            context.actAs(Caller.ANONYMOUS);
            temporaryPasswords.create(id);
            assertEquals(1, events.mailsTo("temporary_password", id + "@example.com").size());
            passwords.updatePassword(new UserRequests.UpdatePassword(id, "New-Passw0rd", PASSWORD, false));
            assertTrue(PasswordHasher.verify("New-Passw0rd", column("SELECT password_hash FROM users WHERE user_id = ?", id)));
        }
    }

    @Test
    void theThingsStackHashesVerifyAndAreReplaced() throws Exception {
        String id = uniqueId("tts");
        register(id);
        execute("UPDATE users SET password_hash = ? WHERE user_id = ?",
                "PBKDF2$sha256$20000$AbCdEfGhIjKlMnOp$0LQk3N0ZYYhm4fL27HlhZBDW5Spr5yQVdXu2uiBnN0M", id);
        context.actAs(Caller.ANONYMOUS);
        fails(Errors.OLD_PASSWORD, () -> passwords.updatePassword(new UserRequests.UpdatePassword(id, "Next-Passw0rd", "Correct-Horse-2", false)));
        passwords.updatePassword(new UserRequests.UpdatePassword(id, "Next-Passw0rd", "Correct-Horse-1", false));
        String hash = column("SELECT password_hash FROM users WHERE user_id = ?", id);
        assertTrue(hash.startsWith("ARGON2ID$"), hash);
        assertTrue(PasswordHasher.verify("Next-Passw0rd", hash));
    }
}
