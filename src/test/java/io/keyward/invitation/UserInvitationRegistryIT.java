package io.keyward.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.keyward.testsupport.SeedSql;
import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.State;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.mail.MailDeployments;
import io.keyward.mail.OutboxRows;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.rights.Rights;
import io.keyward.user.InvitationTokenUsed;
import io.keyward.wire.Page;
import io.keyward.wire.Paging;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** In the container: the invitation rules, and the consumption of tokens by Users.Create (§7.4). */
@ExtendWith(ArquillianExtension.class)
@Tag("in-container")
class UserInvitationRegistryIT {

    @Deployment
    static WebArchive deployment() {
        return MailDeployments.withRunId("invitation-it", "i");
    }

    static final Caller ADMIN = new Caller(Caller.Kind.API_KEY, EntityIdentifiers.user("admin"), "test-key", Rights.ALL, Rights.ADMIN,
            true, State.STATE_APPROVED, "", List.of());
    static final Caller ADMIN_WITHOUT_INVITE_RIGHT = new Caller(Caller.Kind.API_KEY, EntityIdentifiers.user("admin"), "test-key",
            Rights.of(io.keyward.rights.Right.RIGHT_USER_INFO), Rights.of(io.keyward.rights.Right.RIGHT_USER_INFO),
            true, State.STATE_APPROVED, "", List.of());

    @Inject
    UserInvitationRegistry service;

    @Inject
    CallerContext callers;

    @Inject
    Event<InvitationTokenUsed> tokenUsed;

    @Resource(lookup = "jdbc/keyward")
    DataSource dataSource;

    @Resource(lookup = "java:comp/UserTransaction")
    UserTransaction tx;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    static String run() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static void assertError(String name, Runnable r) {
        KeywardException e = assertThrows(KeywardException.class, r::run);
        assertEquals(name, e.definition().name(), e.getMessage());
    }

    UserInvitationRegistry.Invitation find(String email) {
        callers.actAs(ADMIN);
        for (int page = 1; ; page++) {
            Page<UserInvitationRegistry.Invitation> p = service.list(new Paging(1000, page));
            for (UserInvitationRegistry.Invitation i : p.items()) {
                if (i.email().equals(email)) {
                    return i;
                }
            }
            if (p.items().isEmpty()) {
                return null;
            }
        }
    }

    @Test
    void sendListDelete() {
        String email = "Invitee." + run() + "@Example.com";
        callers.actAs(ADMIN);
        UserInvitationRegistry.Invitation sent = service.send(email);
        assertEquals(email, sent.email());
        assertTrue(sent.token().matches("[A-Z2-7]{52}"), sent.token());
        assertEquals(sent.createdAt(), sent.updatedAt());
        assertEquals(Duration.ofHours(168), Duration.between(sent.createdAt(), sent.expiresAt()));
        assertNull(sent.acceptedAt());

        // The invitation mail is queued in the same transaction, its token masked in what is kept.
        List<OutboxRows.Row> mails = OutboxRows.matching(dataSource, email);
        assertEquals(1, mails.size());
        assertEquals("invitation", mails.get(0).template());
        assertTrue(mails.get(0).maskedText().contains("/register?invitation_token=********"), mails.get(0).maskedText());

        assertError("invitation_already_sent", () -> service.send(email));
        assertEquals(1, OutboxRows.matching(dataSource, email).size(), "a refused Send queues no mail");

        UserInvitationRegistry.Invitation listed = find(email);
        assertNotNull(listed);
        assertEquals(sent.token(), listed.token());
        Page<UserInvitationRegistry.Invitation> one = service.list(new Paging(1, 1));
        assertEquals(1, one.items().size());
        assertTrue(one.total() >= 1);

        // Delete matches the address case-insensitively; a second Delete finds nothing.
        service.delete(email.toLowerCase());
        assertNull(find(email));
        assertError("invitation_not_found", () -> service.delete(email));
        // Once deleted, the address can be invited again.
        service.send(email);
        service.delete(email);
    }

    @Test
    void invalidAddressesAreValidationErrorsBeforeRights() {
        callers.actAs(Caller.ANONYMOUS);
        KeywardException e = assertThrows(KeywardException.class, () -> service.send("not-an-address"));
        assertEquals(Errors.VALIDATION, e.definition());
        assertEquals("email", e.attributes().get("field"));
        assertError("validation", () -> service.delete(""));
    }

    @Test
    void onlyCallersWithUniversalSendInvitesMay() {
        String email = "denied." + run() + "@example.com";
        for (Caller c : List.of(Caller.ANONYMOUS, ADMIN_WITHOUT_INVITE_RIGHT,
                new Caller(Caller.Kind.API_KEY, EntityIdentifiers.user("someone"), "k", Rights.ALL, Rights.NONE, false,
                        State.STATE_APPROVED, "", List.of()))) {
            callers.actAs(c);
            assertError("no_invite_rights", () -> service.send(email));
            assertError("no_invite_rights", () -> service.list(new Paging(10, 1)));
            assertError("no_invite_rights", () -> service.delete(email));
        }
        assertTrue(OutboxRows.matching(dataSource, email).isEmpty());
    }

    /** Users.Create with the token, as the users capability does it: user inserted, then the event. */
    void create(String userId, String token) throws Exception {
        tx.begin();
        try {
            SeedSql.createUser(dataSource, userId, Map.of("email", userId + "@example.com", "name", userId, "validated", "false"));
            tokenUsed.fire(new InvitationTokenUsed(token, userId));
            tx.commit();
        } catch (Exception | Error e) {
            tx.rollback();
            throw e;
        }
    }

    void assertCreateFails(String name, String userId, String token) {
        try {
            create(userId, token);
            fail("Create with token should fail with " + name);
        } catch (KeywardException e) {
            assertEquals(name, e.definition().name(), e.getMessage());
        } catch (Exception e) {
            fail(e);
        }
        assertNull(SeedSql.column(dataSource, "SELECT id FROM users WHERE user_id = ?", userId),
                "the Create was rolled back");
    }

    @Test
    void aTokenIsConsumedOnce() throws Exception {
        String run = run();
        String email = "accept." + run + "@example.com";
        callers.actAs(ADMIN);
        String token = service.send(email).token();

        create("acc-" + run, token);
        UserInvitationRegistry.Invitation accepted = find(email);
        assertEquals("acc-" + run, accepted.acceptedBy());
        assertNotNull(accepted.acceptedAt());
        assertTrue(!accepted.updatedAt().isBefore(accepted.acceptedAt()));

        assertCreateFails("invitation_already_used", "again-" + run, token);
        assertCreateFails("invitation_not_found", "unknown-" + run, "NOSUCHTOKEN" + run.toUpperCase());
        assertCreateFails("invitation_not_found", "empty-" + run, "");

        // Purging the user who accepted keeps the invitation, without accepted_by.
        SeedSql.update(dataSource, "DELETE FROM users WHERE user_id = ?", "acc-" + run);
        UserInvitationRegistry.Invitation orphan = find(email);
        assertNotNull(orphan.acceptedAt());
        assertNull(orphan.acceptedBy());
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String run = run();
        String email = "expired." + run + "@example.com";
        callers.actAs(ADMIN);
        String token = service.send(email).token();
        SeedSql.update(dataSource, "UPDATE invitations SET expires_at = ? WHERE email = ?",
                Timestamp.from(Instant.now().minusSeconds(60)), email);
        assertCreateFails("invitation_expired", "exp-" + run, token);
        assertNull(find(email).acceptedAt());
    }

    @Test
    void twoConcurrentCreatesWithOneTokenOneWins() throws Exception {
        String run = run();
        String email = "race." + run + "@example.com";
        callers.actAs(ADMIN);
        String token = service.send(email).token();

        CountDownLatch firstConsumed = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String userId = "race" + i + "-" + run;
            boolean first = i == 0;
            results.add(executor.submit(() -> {
                UserTransaction t = (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
                t.begin();
                try {
                    SeedSql.createUser(dataSource, userId, Map.of("email", userId + "@example.com", "name", userId, "validated", "false"));
                    if (!first) {
                        firstConsumed.await(30, TimeUnit.SECONDS);
                    }
                    tokenUsed.fire(new InvitationTokenUsed(token, userId));
                    if (first) {
                        // Hold the accepted row uncommitted while the other Create reaches it.
                        firstConsumed.countDown();
                        Thread.sleep(500);
                    }
                    t.commit();
                    return "ok";
                } catch (KeywardException e) {
                    t.rollback();
                    return e.definition().name();
                } catch (Exception e) {
                    firstConsumed.countDown();
                    try {
                        t.rollback();
                    } catch (Exception ignored) {
                        // already rolled back
                    }
                    return "error: " + e;
                }
            }));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
            outcomes.add(f.get(120, TimeUnit.SECONDS));
        }
        assertEquals(1, outcomes.stream().filter("ok"::equals).count(), "exactly one Create wins: " + outcomes);
        UserInvitationRegistry.Invitation i = find(email);
        assertNotNull(i.acceptedAt());
        assertEquals(1, ((Number) SeedSql.column(dataSource,
                "SELECT COUNT(*) FROM users WHERE user_id LIKE ?", "race_-" + run)).intValue(),
                "only the winner's user exists: " + outcomes);
        assertTrue(i.acceptedBy().startsWith("race"), i.acceptedBy());
    }
}
