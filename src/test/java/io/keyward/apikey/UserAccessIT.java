package io.keyward.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.authn.Callers;
import io.keyward.authn.CredentialVerifier;
import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.State;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.ops.Deployments;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.rights.CredentialOwner;
import io.keyward.rights.Right;
import io.keyward.rights.Rights;
import io.keyward.testsupport.EventRecorder;
import io.keyward.testsupport.SeedSql;
import io.keyward.user.MailRequest;
import io.keyward.user.NotificationRequest;
import io.keyward.user.UserCredentialsChanged;
import io.keyward.wire.JsonIn;
import jakarta.annotation.Resource;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** In the container: the API key service against the real database, its events, and key verification. */
@Tag("in-container")
@ExtendWith(ArquillianExtension.class)
class UserAccessIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.keyward("apikey-service-it");
    }

    @Resource(lookup = "jdbc/keyward")
    DataSource ds;

    @Inject
    UserAccess service;

    @Inject
    CallerContext context;

    @Inject
    EventRecorder events;

    @Inject
    CredentialVerifier verifier;

    @Inject
    io.keyward.authn.CredentialResolver resolver;

    @Inject
    Event<UserCredentialsChanged> credentialsChanged;

    @Resource(lookup = "java:comp/UserTransaction")
    UserTransaction tx;

    private String userId;

    @BeforeEach
    void seedUser() throws Exception {
        userId = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        SeedSql.createUser(ds, userId, Map.of("name", "Service Test"));
        context.actAs(Callers.of(Caller.Kind.API_KEY, "test", Rights.of(Right.RIGHT_ALL),
                new CredentialOwner(EntityIdentifiers.user(userId), false, State.STATE_APPROVED, "", Instant.now()), false, false));
    }

    private static JsonIn json(String s) {
        return JsonIn.of(Json.createReader(new java.io.StringReader(s)).readObject());
    }

    private String column(String sql, String param) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    @Test
    void createStoresOnlyAHashAndAnnounces() throws Exception {
        JsonObject created = service.create(userId, json("{\"name\": \"ci\", \"rights\": [\"RIGHT_USER_INFO\"]}"));
        String token = created.getString("key");
        String secret = token.split("\\.")[2];
        String stored = column("SELECT secret_hash FROM api_keys WHERE key_id = ?", created.getString("id"));
        assertTrue(stored.startsWith("SHA256$"), stored);
        assertFalse(stored.contains(secret));
        assertEquals("1", column("SELECT rights FROM api_keys WHERE key_id = ?", created.getString("id")));

        NotificationRequest n = events.committedNotificationsAbout(userId).stream()
                .filter(x -> x.entityUserId().equals(userId)).findFirst().orElseThrow();
        assertEquals("api_key_created", n.notificationType());
        assertEquals(List.of("NOTIFICATION_RECEIVER_ADMINISTRATIVE_CONTACT"), n.receivers());
        assertEquals(List.of(userId), n.receiverUserIds());
        assertEquals("@type", n.data().keySet().iterator().next(), "@type comes first");
        assertEquals("type.googleapis.com/ttn.lorawan.v3.APIKey", n.data().getString("@type"));
        assertEquals(created.getString("id"), n.data().getString("id"));
        assertFalse(n.data().containsKey("key"), "never the secret");
        assertEquals(userId, n.senderUserId());

        MailRequest m = events.committedMails(x -> userId.equals(x.values().get("user_id"))).stream().findFirst().orElseThrow();
        assertEquals("api_key_created", m.template());
        assertEquals(userId + "@example.com", m.recipientEmail());
        assertEquals(created.getString("id"), m.values().get("api_key_id"));
        assertFalse(m.values().containsValue(token));
        assertFalse(m.values().containsValue(secret));

        Caller c = verifier.verify(token).caller();
        assertEquals(userId, c.userId());
        assertEquals(Caller.Kind.API_KEY, c.kind());
        assertEquals(Rights.of(Right.RIGHT_USER_INFO), c.rights());

        service.update(userId, created.getString("id"), json("{\"api_key\": {\"name\": \"ci-2\"}, \"field_mask\": \"name\"}"));
        assertTrue(events.committedNotificationsAbout(userId).stream().anyMatch(x -> x.entityUserId().equals(userId)
                && x.notificationType().equals("api_key_changed") && x.data().getString("name").equals("ci-2")));
    }

    @Test
    void expiredKeysAndImportedTtsHashes() throws Exception {
        long pk = Long.parseLong(column("SELECT id FROM users WHERE user_id = ?", userId));
        String expiredId = "EXP" + UUID.randomUUID().toString().replace("-", "").toUpperCase().substring(0, 20);
        String importedId = "IMP" + UUID.randomUUID().toString().replace("-", "").toUpperCase().substring(0, 20);
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO api_keys (key_id, user_pk, secret_hash, name, rights, created_at, updated_at, expires_at)"
                        + " VALUES (?, ?, ?, '', '1', ?, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            String ttsHash = "PBKDF2$sha256$1000$Zx9_Yw8-Vu7Ts6Rq$fGI0YRdvrUVECy3FPCcKeV-ExJ9imi5EgnWyYlBPbjM";
            s.setString(1, expiredId);
            s.setLong(2, pk);
            s.setString(3, ttsHash);
            s.setTimestamp(4, now);
            s.setTimestamp(5, now);
            s.setTimestamp(6, Timestamp.from(Instant.now().minusSeconds(600)));
            s.executeUpdate();
            s.setString(1, importedId);
            s.setTimestamp(6, null);
            s.executeUpdate();
        }
        String secret = "PRAZH5TCVUCGI7NSA3HTEVVABVEFNW5TV6JDIW7P35JPGM53IOQA";
        KeywardException expired = assertThrows(KeywardException.class,
                () -> verifier.verify("NNSXS." + expiredId + "." + secret));
        assertTrue(expired.is(Errors.API_KEY_EXPIRED), expired.getMessage());
        assertEquals(userId, verifier.verify("NNSXS." + importedId + "." + secret).caller().userId());
        KeywardException wrong = assertThrows(KeywardException.class,
                () -> verifier.verify("NNSXS." + importedId + "." + secret.replace('P', 'Q')));
        assertTrue(wrong.is(Errors.INVALID_AUTHORIZATION));
    }

    @Test
    void revokingAccessDeletesTokensButKeepsKeys() throws Exception {
        long pk = Long.parseLong(column("SELECT id FROM users WHERE user_id = ?", userId));
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO access_tokens (token_id, user_pk, access_hash, refresh_hash, rights, created_at, expires_at,"
                        + " refresh_expires_at) VALUES (?, ?, 'x', 'y', '55', ?, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            s.setString(1, "TOK" + UUID.randomUUID().toString().replace("-", "").toUpperCase().substring(0, 20));
            s.setLong(2, pk);
            s.setTimestamp(3, now);
            s.setTimestamp(4, now);
            s.setTimestamp(5, now);
            s.executeUpdate();
        }
        service.create(userId, json("{\"rights\": [\"RIGHT_USER_INFO\"]}"));
        tx.begin();
        credentialsChanged.fire(new UserCredentialsChanged(userId, true));
        tx.commit();
        assertEquals("0", column("SELECT COUNT(*) FROM access_tokens WHERE user_pk = (SELECT id FROM users WHERE user_id = ?)", userId));
        assertEquals("1", column("SELECT COUNT(*) FROM api_keys WHERE user_pk = (SELECT id FROM users WHERE user_id = ?)", userId));
    }

    @Test
    void cachedCredentialsFollowUserChanges() throws Exception {
        String token = service.create(userId, json("{\"rights\": [\"RIGHT_USER_ALL\"]}")).getString("key");
        assertTrue(resolver.resolve(token).warnings().isEmpty());
        SeedSql.updateUser(ds, userId, Map.of("state", "4", "state_description", "spam"));
        tx.begin();
        credentialsChanged.fire(new UserCredentialsChanged(userId, false));
        tx.commit();
        Caller suspended = resolver.resolve(token);
        assertEquals(List.of("Restricted rights after account suspension: spam"), suspended.warnings());
        assertEquals(Rights.of(Right.RIGHT_USER_INFO), suspended.rights());
        SeedSql.updateUser(ds, userId, Map.of("deleted", "true"));
        tx.begin();
        credentialsChanged.fire(new UserCredentialsChanged(userId, false));
        tx.commit();
        KeywardException gone = assertThrows(KeywardException.class, () -> resolver.resolve(token));
        assertTrue(gone.is(Errors.API_KEY_NOT_FOUND_AUTH));
    }
}
