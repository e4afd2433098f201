package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.Api.Reply;
import io.keyward.rights.Right;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Black-box rights matrix of the authentication and UserAccess endpoints: for each endpoint, an
 * anonymous caller, a bad credential, the owner's key with too few rights, another ordinary user, an
 * admin (default admin rights) and the owner get exactly the status of API.md §2/§6; denied calls carry
 * no data.
 */
@ExtendWith(ArquillianExtension.class)
class AuthRightsMatrixIT {
    private static final String PASSWORD = "Secret-Passw0rd!";

    @Deployment(testable = false)
    static WebArchive seed() {
        return Credentials.seedDeployment();
    }

    @ArquillianResource
    URL seedUrl;

    private record Call(String name, String method, String path, String body) {
    }

    @Test
    void everyCallerGetsExactlyTheSpecifiedStatus() {
        Credentials.useSeed(seedUrl);
        String owner = Api.uniqueId("owner");
        String other = Api.uniqueId("other");
        Credentials.createUser(owner, PASSWORD);
        Credentials.createUser(other, PASSWORD);
        String ownerToken = Credentials.login(owner, PASSWORD);
        String fewRights = Credentials.createApiKey(owner, ownerToken, Right.RIGHT_USER_INFO);
        String target = Credentials.createApiKey(owner, ownerToken, Right.RIGHT_USER_INFO, Right.RIGHT_USER_SETTINGS_BASIC);
        String targetId = target.split("\\.")[1];
        String secret = target.split("\\.")[2];

        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("bad credential", "NNSXS." + targetId + "." + "A".repeat(52));
        callers.put("key with too few rights", fewRights);
        callers.put("other user", Credentials.login(other, PASSWORD));
        callers.put("admin", Credentials.adminToken());
        callers.put("owner", ownerToken);

        String keys = "/api/v3/users/" + owner + "/api-keys";
        List<Call> calls = List.of(
                new Call("CreateAPIKey", "POST", keys, "{\"rights\": [\"RIGHT_USER_INFO\"]}"),
                new Call("ListAPIKeys", "GET", keys, null),
                new Call("GetAPIKey", "GET", keys + "/" + targetId, null),
                new Call("UpdateAPIKey", "PUT", keys + "/" + targetId, "{\"api_key\": {\"name\": \"renamed\"}, \"field_mask\": \"name\"}"),
                new Call("ListRights", "GET", "/api/v3/users/" + owner + "/rights", null),
                new Call("AuthInfo", "GET", "/api/v3/auth_info", null),
                new Call("DeleteAPIKey", "DELETE", keys + "/" + targetId, null));

        // Expected status per call, in caller order: anonymous, bad credential, too few rights, other, admin, owner.
        Map<String, int[]> expected = Map.of(
                "CreateAPIKey", new int[] {403, 401, 403, 403, 403, 200},
                "ListAPIKeys", new int[] {403, 401, 403, 403, 403, 200},
                "GetAPIKey", new int[] {403, 401, 403, 403, 403, 200},
                "UpdateAPIKey", new int[] {403, 401, 403, 403, 403, 200},
                "ListRights", new int[] {200, 401, 200, 200, 200, 200},
                "AuthInfo", new int[] {200, 401, 200, 200, 200, 200},
                "DeleteAPIKey", new int[] {403, 401, 403, 403, 403, 200});

        List<String> mismatches = new ArrayList<>();
        for (Call call : calls) {
            int i = 0;
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                int want = expected.get(call.name())[i++];
                Object body = call.body() == null ? null : call.body();
                Reply r = Api.send(call.method(), call.path(), body, caller.getValue());
                if (r.status() != want) {
                    mismatches.add(call.name() + " as " + caller.getKey() + ": want " + want + ", got " + r);
                    continue;
                }
                if (want >= 400) {
                    assertFalse(r.body().contains(targetId) && !caller.getKey().equals("bad credential"),
                            call.name() + " as " + caller.getKey() + " leaks the key: " + r.body());
                    assertFalse(r.body().contains(secret), "never a secret");
                    assertTrue(r.totalCount().isEmpty(), "no total on a denial");
                    assertTrue(r.json().containsKey("details"), "a TTS error body");
                }
                if (want == 401) {
                    assertEquals("invalid_authorization", r.errorName());
                }
            }
        }
        assertEquals(List.of(), mismatches);

        // ListRights answers only what each caller holds on the owner.
        assertEquals("{}", Api.get("/api/v3/users/" + owner + "/rights", null).body().replace(" ", ""));
        assertEquals("{}", Api.get("/api/v3/users/" + owner + "/rights", callers.get("other user")).body().replace(" ", ""));
        assertTrue(Api.get("/api/v3/users/" + owner + "/rights", fewRights).body().contains("RIGHT_USER_INFO"));
    }
}
