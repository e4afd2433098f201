package io.keyward.it.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyward.it.Api;
import io.keyward.it.attack.Attacker.Answer;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 §11: a purge cannot leave the server without administrators. An admin credential (perhaps a
 * stolen one) cannot purge its own account; the last admin cannot be purged at all (the last-admin case
 * needs a database with one admin, so it is proven in-container: UserRegistryIT).
 */
class PurgeAttackIT {

    @Test
    void anAdminCannotPurgeItself() {
        String admin = Attacker.login(Api.ADMIN_ID, Api.ADMIN_PASSWORD);
        Answer self = Attacker.bearer("DELETE", "/api/v3/users/" + Api.ADMIN_ID + "/purge", admin, null);
        assertEquals(400, self.status(), self.toString());
        assertEquals("purge_self", self.errorName(), self.toString());
        assertEquals(9, self.json().getInt("code"), "FAILED_PRECONDITION");
        // The account is intact: its token still works and it can still log in.
        assertEquals(200, Attacker.bearer("GET", "/api/v3/users/" + Api.ADMIN_ID, admin, null).status());
        Attacker.login(Api.ADMIN_ID, Api.ADMIN_PASSWORD);

        // A second admin is refused the same way, and can itself be purged by the other admin.
        String second = Api.uniqueId("admin2");
        Answer created = Attacker.bearer("POST", "/api/v3/users", admin, Json.createObjectBuilder()
                .add("user", Json.createObjectBuilder()
                        .add("ids", Json.createObjectBuilder().add("user_id", second))
                        .add("primary_email_address", second + "@example.com")
                        .add("password", Attacker.PASSWORD)
                        .add("admin", true)
                        .add("state", "STATE_APPROVED"))
                .build().toString());
        assertEquals(200, created.status(), created.toString());
        String secondToken = Attacker.login(second, Attacker.PASSWORD);
        Answer secondSelf = Attacker.bearer("DELETE", "/api/v3/users/" + second + "/purge", secondToken, null);
        assertEquals(400, secondSelf.status(), secondSelf.toString());
        assertEquals("purge_self", secondSelf.errorName());
        assertEquals(200, Attacker.bearer("GET", "/api/v3/users/" + second, secondToken, null).status());

        Answer purged = Attacker.bearer("DELETE", "/api/v3/users/" + second + "/purge", admin, null);
        assertEquals(200, purged.status(), purged.toString());
        assertEquals(404, Attacker.bearer("GET", "/api/v3/users/" + second, admin, null).status());
    }
}
