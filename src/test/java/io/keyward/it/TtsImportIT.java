package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.crypto.Secrets;
import io.keyward.it.Api.Reply;
import io.keyward.migration.ImportReport;
import io.keyward.migration.ImportReport.Kind;
import io.keyward.migration.PictureProto;
import io.keyward.migration.TtsImport;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * import-tts end to end (issue 18 §4), PostgreSQL only: a scratch database with The Things Stack's
 * identity-server tables, filled with TTS's own hashes (API.md §9.1), is imported into the test server's
 * database; then the imported users log in with their old passwords and their old NNSXS key authenticates,
 * over HTTP. A dry run writes nothing, a second run changes nothing, and an ID Keyward's rule rejects is
 * refused with the reason.
 */
@EnabledIfSystemProperty(named = "keyward.pg.url", matches = ".+")
class TtsImportIT {
    static final String PASSWORD_HASH = "PBKDF2$sha256$20000$AbCdEfGhIjKlMnOp$0LQk3N0ZYYhm4fL27HlhZBDW5Spr5yQVdXu2uiBnN0M";
    static final String PASSWORD = "Correct-Horse-1";
    static final String UNICODE_HASH = "PBKDF2$sha256$20000$q1w2E3r4-T5y6_U7$GjvGufB7_04Nkca7O8P4zcv_W2U5Sqb8Eo_4cyacbnk";
    static final String UNICODE_PASSWORD = "ünïcödé-Pässwörd1";
    static final String KEY_SECRET = "PRAZH5TCVUCGI7NSA3HTEVVABVEFNW5TV6JDIW7P35JPGM53IOQA";
    static final String KEY_HASH = "PBKDF2$sha256$1000$Zx9_Yw8-Vu7Ts6Rq$fGI0YRdvrUVECy3FPCcKeV-ExJ9imi5EgnWyYlBPbjM";
    static final OffsetDateTime CREATED = OffsetDateTime.of(2023, 3, 4, 5, 6, 7, 123_456_000, ZoneOffset.ofHours(2));

    static final String PG_URL = System.getProperty("keyward.pg.url");
    static final String PG_USER = System.getProperty("keyward.pg.user");
    static final String PG_PASSWORD = System.getProperty("keyward.pg.password");

    static String fixtureDb;
    static String fixtureUrl;
    static final String ALICE = Api.uniqueId("tts-alice");
    static final String BOB = Api.uniqueId("tts-bob");
    static final String CAROL = Api.uniqueId("tts-carol");
    static final String BAD = "Bad_" + Api.uniqueId("id");
    /** Mixed case, as TTS keeps it; unique per run since the test server's database outlives runs. */
    static final String ALICE_EMAIL = "Mail-Of-" + ALICE + "@Example.com";
    static final String KEY_ID = Secrets.randomBase32(24);
    static final String INVITED = Api.uniqueId("tts-invited") + "@example.com";
    static final String INVITATION_TOKEN = Secrets.randomBase32(32);
    static final String NOTE_SEEN = UUID.randomUUID().toString();
    static final String NOTE_UNSEEN = UUID.randomUUID().toString();

    @BeforeAll
    static void buildFixture() throws Exception {
        fixtureDb = "tts_fixture_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = keyward(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + fixtureDb);
        }
        fixtureUrl = PG_URL.substring(0, PG_URL.lastIndexOf('/') + 1) + fixtureDb;
        try (Connection c = DriverManager.getConnection(fixtureUrl, PG_USER, PG_PASSWORD)) {
            try (Statement s = c.createStatement()) {
                s.execute(resource("/tts/bunstore-schema.sql"));
            }
            String picture = uuid(c, "INSERT INTO pictures (data) VALUES (?) RETURNING id",
                    PictureProto.encode(null, null, Map.of(0L, ALICE + ".01HXYZ/original.png")));
            String alice = user(c, ALICE, ALICE_EMAIL, PASSWORD_HASH, null, picture,
                    "{\"console_theme\":2,\"dashboard_layouts\":{\"gateway\":2},\"sort_by\":{\"user\":\"-name\"}}");
            String bob = user(c, BOB, BOB + "@example.com", UNICODE_HASH, null, null, null);
            user(c, CAROL, CAROL + "@example.com", PASSWORD_HASH, CREATED.plusDays(30), null, null);
            user(c, BAD, "bad-" + BAD.toLowerCase() + "@example.com", PASSWORD_HASH, null, null, null);
            exec(c, "INSERT INTO attributes (entity_id, entity_type, key, value) VALUES (?::uuid, 'user', 'team', 'blue'),"
                    + " (?::uuid, 'user', 'floor', 'third')", alice, alice);
            exec(c, "INSERT INTO api_keys (created_at, updated_at, api_key_id, key, rights, name, entity_id, entity_type)"
                    + " VALUES (?, ?, ?, ?, '{14}', 'old ci key', ?::uuid, 'user')", CREATED, CREATED, KEY_ID, KEY_HASH, alice);
            exec(c, "INSERT INTO notifications (id, created_at, entity_type, entity_uid, notification_type, data, sender_uid,"
                    + " receivers, email) VALUES (?::uuid, ?, 'user', ?, 'api_key_created', ?::jsonb, ?, '{1}', true),"
                    + " (?::uuid, ?, 'user', ?, 'password_changed', NULL, '', '{1}', false)",
                    NOTE_SEEN, CREATED, ALICE, "{\"name\": \"old ci key\", \"@type\": \"type.googleapis.com/ttn.lorawan.v3.APIKey\"}",
                    ALICE, NOTE_UNSEEN, CREATED.plusMinutes(1), ALICE);
            exec(c, "INSERT INTO notification_receivers (notification_id, receiver_id, status, status_updated_at) VALUES"
                    + " (?::uuid, ?::uuid, 1, ?), (?::uuid, ?::uuid, 0, ?)", NOTE_SEEN, alice, CREATED.plusHours(1),
                    NOTE_UNSEEN, alice, CREATED.plusMinutes(1));
            exec(c, "INSERT INTO invitations (created_at, updated_at, email, token, expires_at) VALUES (?, ?, ?, ?, ?)",
                    CREATED, CREATED, INVITED, INVITATION_TOKEN, OffsetDateTime.now().plusDays(2));
            // Accepted and expired invitations are nothing to carry over.
            exec(c, "INSERT INTO invitations (created_at, updated_at, email, token, expires_at, accepted_at, accepted_by_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?::uuid)", CREATED, CREATED, "accepted-" + INVITED, Secrets.randomBase32(32),
                    OffsetDateTime.now().plusDays(2), CREATED, bob);
            exec(c, "INSERT INTO invitations (created_at, updated_at, email, token, expires_at) VALUES (?, ?, ?, ?, ?)",
                    CREATED, CREATED, "expired-" + INVITED, Secrets.randomBase32(32), CREATED.plusDays(7));
        }
    }

    @AfterAll
    static void dropFixture() throws SQLException {
        if (fixtureDb != null) {
            try (Connection c = keyward(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + fixtureDb + " WITH (FORCE)");
            }
        }
    }

    static ImportReport importTts(boolean dryRun) throws SQLException {
        ImportReport report = TtsImport.run(new TtsImport.Options(fixtureUrl, PG_USER, PG_PASSWORD, PG_URL, PG_USER,
                PG_PASSWORD, dryRun, 2, true));
        System.out.print(report.format());
        return report;
    }

    @Test
    void importedUsersKeepTheirPasswordsAndKeysAndASecondRunChangesNothing() throws Exception {
        ImportReport dry = importTts(true);
        assertEquals(3, dry.imported(Kind.USERS), dry.format());
        assertEquals(1, dry.refused(Kind.USERS), dry.format());
        assertEquals(1, dry.imported(Kind.INVITATIONS), dry.format());
        assertNull(column("SELECT user_id FROM users WHERE user_id = ?", ALICE), "a dry run writes no user");
        assertNull(column("SELECT email FROM invitations WHERE email = ?", INVITED), "nor an invitation");
        assertNull(column("SELECT key_id FROM api_keys WHERE key_id = ?", KEY_ID), "nor a key");

        ImportReport first = importTts(false);
        assertEquals(3, first.imported(Kind.USERS), first.format());
        assertEquals(2, first.imported(Kind.ATTRIBUTES), first.format());
        assertEquals(1, first.imported(Kind.API_KEYS), first.format());
        assertEquals(2, first.imported(Kind.NOTIFICATIONS), first.format());
        assertEquals(2, first.imported(Kind.RECEIPTS), first.format());
        assertEquals(1, first.imported(Kind.INVITATIONS), first.format());
        assertEquals(1, first.skipped(Kind.INVITATIONS), "the expired one: " + first.format());
        assertEquals(1, first.refused(Kind.USERS), first.format());
        ImportReport.Refusal refusal = first.refusals().get(0);
        assertEquals(BAD, refusal.key());
        assertTrue(refusal.reason().startsWith("user_id: value does not match regex pattern"), refusal.reason());
        assertTrue(first.format().contains("user " + BAD + ": user_id: value does not match"), first.format());
        assertNull(column("SELECT user_id FROM users WHERE user_id = ?", BAD), "a refused user is not written at all");

        // The old NNSXS key authenticates unchanged and acts for its user.
        String oldKey = "NNSXS." + KEY_ID + "." + KEY_SECRET;
        Reply me = Api.get("/api/v3/users/" + ALICE + "?field_mask=name,description,attributes,primary_email_address,"
                + "primary_email_address_validated_at,state,state_description,console_preferences,profile_picture", oldKey);
        assertEquals(200, me.status(), me.body());
        JsonObject u = me.json();
        assertEquals("Name of " + ALICE, u.getString("name"));
        assertEquals(ALICE_EMAIL, u.getString("primary_email_address"));
        assertEquals("2023-03-04T03:06:07.123456Z", u.getString("created_at"));
        assertEquals("2023-03-04T03:06:07.123456Z", u.getString("primary_email_address_validated_at"));
        assertEquals("STATE_APPROVED", u.getString("state"));
        assertEquals(Map.of("floor", "third", "team", "blue"), Map.of("floor", u.getJsonObject("attributes").getString("floor"),
                "team", u.getJsonObject("attributes").getString("team")));
        JsonObject prefs = u.getJsonObject("console_preferences");
        assertEquals("CONSOLE_THEME_DARK", prefs.getString("console_theme"));
        assertEquals("DASHBOARD_LAYOUT_GRID", prefs.getJsonObject("dashboard_layouts").getString("gateway"));
        assertEquals("-name", prefs.getJsonObject("sort_by").getString("user"));
        assertTrue(u.getJsonObject("profile_picture").getJsonObject("sizes").getString("0")
                .endsWith("/" + ALICE + ".01HXYZ/original.png"), u.toString());
        Reply keys = Api.get("/api/v3/users/" + ALICE + "/api-keys/" + KEY_ID, oldKey);
        assertEquals(200, keys.status(), keys.body());
        assertEquals("old ci key", keys.json().getString("name"));
        assertEquals("RIGHT_USER_ALL", keys.json().getJsonArray("rights").getString(0));
        assertEquals(401, Api.get("/api/v3/users/" + ALICE, "NNSXS." + KEY_ID + "." + KEY_SECRET.replace('P', 'Q')).status());

        // Their notifications, with each receiver's status.
        Reply notes = Api.get("/api/v3/users/" + ALICE + "/notifications", oldKey);
        assertEquals(200, notes.status(), notes.body());
        JsonArray list = notes.json().getJsonArray("notifications");
        assertEquals(2, list.size(), notes.body());
        JsonObject seen = list.getJsonObject(1);
        assertEquals(NOTE_SEEN, seen.getString("id"));
        assertEquals("NOTIFICATION_STATUS_SEEN", seen.getString("status"));
        assertEquals("type.googleapis.com/ttn.lorawan.v3.APIKey", seen.getJsonObject("data").getString("@type"));
        assertEquals(ALICE, seen.getJsonObject("sender_ids").getString("user_id"));
        assertEquals(NOTE_UNSEEN, list.getJsonObject(0).getString("id"));

        // The old passwords log in (and are upgraded then).
        String token = Credentials.login(ALICE, PASSWORD);
        assertEquals(200, Api.get("/api/v3/users/" + ALICE + "?field_mask=name", token).status());
        Credentials.login(BOB, UNICODE_PASSWORD);
        assertTrue(column("SELECT password_hash FROM users WHERE user_id = ?", BOB).startsWith("ARGON2ID$"));
        assertNotNull(column("SELECT deleted_at FROM users WHERE user_id = ?", CAROL), "deleted stays deleted");
        assertEquals(INVITATION_TOKEN, column("SELECT token FROM invitations WHERE email = ?", INVITED));
        assertNull(column("SELECT token FROM invitations WHERE email = ?", "expired-" + INVITED));

        ImportReport second = importTts(false);
        assertEquals(0, second.changes(), second.format());
        assertEquals(3, second.skipped(Kind.USERS), second.format());
        assertEquals(1, second.skipped(Kind.API_KEYS), second.format());
        assertEquals(2, second.skipped(Kind.INVITATIONS), second.format());
        assertEquals(1, second.refused(Kind.USERS), second.format());
    }

    private static String user(Connection c, String id, String email, String hash, OffsetDateTime deletedAt,
                               String picture, String consolePreferences) throws SQLException {
        String pk = uuid(c, "INSERT INTO users (created_at, updated_at, deleted_at, name, description, primary_email_address,"
                        + " primary_email_address_validated_at, password, password_updated_at, require_password_update, state,"
                        + " state_description, admin, profile_picture_id, console_preferences)"
                        + " VALUES (?, ?, ?, ?, 'from TTS', ?, ?, ?, ?, false, 1, '', false, ?::uuid, ?) RETURNING id",
                CREATED, CREATED.plusDays(1), deletedAt, "Name of " + id, email, CREATED, hash, CREATED, picture,
                consolePreferences == null ? null : consolePreferences.getBytes(StandardCharsets.UTF_8));
        exec(c, "INSERT INTO accounts (uid, account_id, account_type) VALUES (?, ?::uuid, 'user')", id, pk);
        return pk;
    }

    private static String uuid(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, args); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getString(1);
        }
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, args)) {
            s.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
        return s;
    }

    private static String column(String sql, String arg) throws SQLException {
        try (Connection c = keyward(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static Connection keyward() throws SQLException {
        return DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TtsImportIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
