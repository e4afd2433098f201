package io.keyward.contactinfo;

import io.keyward.testsupport.SeedSql;
import io.keyward.authn.Callers;
import io.keyward.authn.CredentialVerifier;
import io.keyward.authn.PasswordGrants;
import io.keyward.crypto.PasswordHasher;
import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.State;
import io.keyward.error.KeywardException;
import io.keyward.it.Api.Reply;
import io.keyward.it.Api;
import io.keyward.mail.MailDeployments;
import io.keyward.mail.OutboxRows;
import io.keyward.mail.TestSmtp;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.rights.Right;
import io.keyward.rights.Rights;
import io.keyward.testsupport.EventRecorder;
import io.keyward.user.EmailValidationRequested;
import io.keyward.user.MailRequest;
import io.keyward.user.TestConfig;
import io.keyward.wire.JsonIn;
import jakarta.annotation.Resource;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.UserTransaction;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.spi.ConfigSource;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * E-mail validation (API.md §11.3, §11.4): started by Create/e-mail change (EmailValidationRequested) and by
 * RequestValidation, the validate mail's link carries the reference and token, Validate over HTTP
 * (anonymous) sets primary_email_address_validated_at once; expiry, reuse, retry interval, address change.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("in-container")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailValidationIT {
    static final String LINK = "http://localhost:1885/oauth/validate\\?reference=([A-Z2-7]{39})&token=([A-Z2-7]{52})";
    static String runId;
    static String[] second;
    static String[] thirdOld;

    @Deployment
    static WebArchive deployment() {
        runId = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestSmtp.start();
        return MailDeployments.withRunId("email-validation-it", runId)
                .addAsServiceProvider(ConfigSource.class, TestConfig.class);
    }

    @Inject
    EmailValidationRegistry service;

    @Inject
    EventRecorder events;

    @Inject
    ContactInfoRegistry contactInfo;

    @Inject
    CallerContext callers;

    @Inject
    PasswordGrants oauth;

    @Inject
    CredentialVerifier verifier;

    @Inject
    Event<EmailValidationRequested> validationRequests;

    @Resource(lookup = "jdbc/keyward")
    DataSource dataSource;

    @Resource(lookup = "java:comp/UserTransaction")
    UserTransaction tx;

    static String user(int n, String run) {
        return "val" + n + "-" + run;
    }

    static String email(int n, String run) {
        return "val" + n + "." + run + "@example.com";
    }

    static Caller own(String userId) {
        return new Caller(Caller.Kind.API_KEY, EntityIdentifiers.user(userId), "k", Rights.of(Right.RIGHT_USER_INFO,
                Right.RIGHT_USER_SETTINGS_BASIC), Rights.NONE, false, State.STATE_APPROVED, "", List.of());
    }

    static void assertError(String name, Runnable r) {
        KeywardException e = assertThrows(KeywardException.class, r::run);
        assertEquals(name, e.definition().name(), e.getMessage());
    }

    void validateRequest(String userId, String email) throws Exception {
        tx.begin();
        validationRequests.fire(new EmailValidationRequested(userId, email));
        tx.commit();
    }

    Object validatedAt(String userId) {
        return SeedSql.column(dataSource, "SELECT primary_email_address_validated_at FROM users WHERE user_id = ?", userId);
    }

    @Test
    @Order(1)
    void validationsStartFromCreateAndFromRequestValidation() throws Exception {
        String run = MailDeployments.runId();
        for (int n = 1; n <= 3; n++) {
            SeedSql.createUser(dataSource, user(n, run), Map.of("email", email(n, run), "name", "User <" + n + ">", "validated", "false"));
        }
        // Create (user 1 and 3): the users capability fires EmailValidationRequested in its transaction.
        validateRequest(user(1, run), email(1, run));
        validateRequest(user(3, run), email(3, run));
        assertEquals(1, ((Number) SeedSql.column(dataSource, "SELECT COUNT(*) FROM email_validations v JOIN users u"
                + " ON u.id = v.user_pk WHERE u.user_id = ?", user(1, run))).intValue());
        List<OutboxRows.Row> mails = OutboxRows.matching(dataSource, email(1, run));
        assertEquals(1, mails.size());
        assertEquals("validate", mails.get(0).template());
        assertTrue(mails.get(0).maskedText().contains("&token=********"), mails.get(0).maskedText());

        // RequestValidation inside the retry interval: refused, nothing sent.
        callers.actAs(own(user(1, run)));
        KeywardException e = assertThrows(KeywardException.class, () -> service.request(user(1, run)));
        assertEquals("validation_request_forbidden", e.definition().name());
        assertEquals("1h0m0s", e.attributes().get("retry_interval"));
        assertEquals(1, OutboxRows.matching(dataSource, email(1, run)).size());
        // ... and a second EmailValidationRequested (e.g. a repeated change) neither fails nor re-sends.
        validateRequest(user(1, run), email(1, run));
        assertEquals(1, OutboxRows.matching(dataSource, email(1, run)).size());

        // Rights: another user's credential has none on user 1; invalid IDs are 400.
        callers.actAs(own(user(2, run)));
        assertError("no_user_rights", () -> service.request(user(1, run)));
        assertError("identifiers", () -> service.request("X"));
        callers.actAs(Caller.ANONYMOUS);
        assertError("no_user_rights", () -> service.request(user(2, run)));

        // RequestValidation without an open validation: a new one, returned without its token.
        callers.actAs(own(user(2, run)));
        EmailValidationRegistry.View v = service.request(user(2, run));
        assertEquals(39, v.id().length());
        assertEquals(email(2, run), v.address());
        assertEquals(Duration.ofHours(48), Duration.between(v.createdAt(), v.expiresAt()));
        assertEquals(1, OutboxRows.matching(dataSource, email(2, run)).size());

        // The deprecated contact-info route: users have nothing to validate there.
        assertError("no_validation_needed", () -> contactInfo.request(JsonIn.of(Json.createObjectBuilder()
                .add("user_ids", Json.createObjectBuilder().add("user_id", user(2, run))).build())));
        callers.actAs(Caller.ANONYMOUS);
        assertError("no_user_rights", () -> contactInfo.request(JsonIn.of(Json.createObjectBuilder()
                .add("user_ids", Json.createObjectBuilder().add("user_id", user(2, run))).build())));
        assertNull(validatedAt(user(1, run)));
    }

    static String[] link(String address) {
        List<TestSmtp.Mail> got = TestSmtp.await(address);
        assertEquals(1, got.size(), "one validate mail to " + address);
        TestSmtp.Mail m = got.get(0);
        assertEquals("Please confirm your email address for The Things Stack for LoRaWAN", m.subject());
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(LINK).matcher(m.text());
        assertTrue(matcher.find(), m.text());
        assertTrue(m.html().contains("User &lt;"), "the name is escaped in HTML: " + m.html());
        return new String[] {matcher.group(1), matcher.group(2)};
    }

    static Reply validate(String id, String token) {
        return Api.patch("/api/v3/email/validation", Json.createObjectBuilder().add("id", id).add("token", token).build(), null);
    }

    @Test
    @Order(2)
    @RunAsClient
    void theLinkValidatesOnceOverHttp() {
        String[] first = link(email(1, runId));
        Reply wrong = validate(first[0], first[1].substring(1) + "A");
        assertEquals(404, wrong.status(), wrong.body());
        assertEquals("validation_token_not_found", wrong.errorName());

        Reply ok = validate(first[0], first[1]);
        assertEquals(200, ok.status(), ok.body());
        assertEquals("{}", ok.body().replace(" ", ""));

        Reply again = validate(first[0], first[1]);
        assertEquals(400, again.status(), again.body());
        assertEquals("validation_token_already_used", again.errorName());

        Reply empty = validate("", first[1]);
        assertEquals(400, empty.status());
        assertEquals("validation", empty.errorName());
        Reply tooLong = validate(first[0], "A".repeat(65));
        assertEquals(400, tooLong.status());

        Reply legacy = Api.patch("/api/v3/contact_info/validation", "{\"id\":\"x\",\"token\":\"y\"}", null);
        assertEquals(404, legacy.status(), legacy.body());
        assertEquals("validation_token_not_found", legacy.errorName());
        Reply legacyRequest = Api.post("/api/v3/contact_info/validation", "{}", null);
        assertEquals(400, legacyRequest.status(), legacyRequest.body());

        second = link(email(2, runId));
        thirdOld = link(email(3, runId));
    }

    @Test
    @Order(3)
    void validatedAndTheAddressChanges() throws Exception {
        String run = MailDeployments.runId();
        assertNotNull(validatedAt(user(1, run)), "Validate set primary_email_address_validated_at");
        SeedSql.update(dataSource, "UPDATE email_validations SET expires_at = ? WHERE user_pk ="
                + " (SELECT id FROM users WHERE user_id = ?)", Timestamp.from(Instant.now().minusSeconds(1)), user(2, run));
        // User 3 changes the address: the users capability clears the validation and asks for a new one.
        String changed = "val3new." + run + "@example.com";
        tx.begin();
        SeedSql.update(dataSource, "UPDATE users SET primary_email_address = ?, active_email = ? WHERE user_id = ?",
                changed, changed, user(3, run));
        validationRequests.fire(new EmailValidationRequested(user(3, run), changed));
        tx.commit();
    }

    @Test
    @Order(4)
    @RunAsClient
    void expiredAndStaleLinksAreRefused() {
        Reply expired = validate(second[0], second[1]);
        assertEquals(400, expired.status(), expired.body());
        assertEquals("validation_token_expired", expired.errorName());

        Reply stale = validate(thirdOld[0], thirdOld[1]);
        assertEquals(404, stale.status(), "the old address's link no longer validates: " + stale.body());

        String[] fresh = link("val3new." + runId + "@example.com");
        Reply ok = validate(fresh[0], fresh[1]);
        assertEquals(200, ok.status(), ok.body());
    }

    @Test
    @Order(5)
    void onlyTheValidatedUsersAreValidated() {
        String run = MailDeployments.runId();
        assertNull(validatedAt(user(2, run)));
        assertNotNull(validatedAt(user(3, run)));
    }

    @Test
    @Order(6)
    void validatingLiftsTheRestrictionOfUnvalidatedUsers() throws Exception {
        String run = MailDeployments.runId();
        String userId = user(4, run);
        String email = email(4, run);
        String password = "Restricted-Passw0rd";
        SeedSql.createUser(dataSource, userId, Map.of("email", email, "name", "Four", "validated", "false"));
        SeedSql.update(dataSource, "UPDATE users SET password_hash = ? WHERE user_id = ?", PasswordHasher.hash(password), userId);
        try (AutoCloseable required = TestConfig.set("is.user-registration.contact-info-validation.required", "true")) {
            String access = oauth.passwordGrant(userId, password, null, "127.0.0.1", null).accessToken();
            Caller before = verifier.verify(access).caller();
            assertTrue(before.warnings().contains(Callers.WARN_EMAIL), before.warnings().toString());
            assertTrue(before.rights().contains(Right.RIGHT_USER_SETTINGS_BASIC));
            assertFalse(before.rights().contains(Right.RIGHT_USER_SETTINGS_API_KEYS), before.rights().toString());

            validateRequest(userId, email);
            MailRequest sent = events.committedMails(m -> m.template().equals("validate") && m.recipientEmail().equals(email))
                    .stream().findFirst().orElseThrow();
            service.validate(sent.values().get("reference"), sent.secrets().get("token"));

            Caller after = verifier.verify(access).caller();
            assertFalse(after.warnings().contains(Callers.WARN_EMAIL), after.warnings().toString());
            assertTrue(after.rights().contains(Right.RIGHT_USER_SETTINGS_API_KEYS), after.rights().toString());
        }
    }
}
