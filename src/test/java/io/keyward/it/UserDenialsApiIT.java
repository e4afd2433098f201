package io.keyward.it;

import static io.keyward.it.Users.assertError;
import static io.keyward.it.Users.assertPlain;
import static io.keyward.it.Users.attributes;
import static io.keyward.it.Users.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyward.it.Api.Reply;
import org.junit.jupiter.api.Test;

/**
 * What callers without rights get from every user method — 401/403 with no data — and the checks that
 * come before rights (request mapping, field mask, message validation), which everyone sees.
 */
class UserDenialsApiIT {

    @Test
    void anonymousCallers() {
        String id = Api.uniqueId("target");
        register(id);
        assertError(Api.get("/api/v3/users", null), 403, "permission_denied");
        assertError(Api.get("/api/v3/users?deleted=true", null), 403, "permission_denied");
        Reply get = assertError(Api.get("/api/v3/users/" + id, null), 401, "unauthenticated");
        assertEquals("error:pkg/identityserver:unauthenticated (unauthenticated)", get.wwwAuthenticate());
        assertError(Api.get("/api/v3/users/" + id + "?field_mask=name,state", null), 401, "unauthenticated");
        // TTS checks authentication before it falls back to public fields (getUser; issue 18).
        Reply email = assertError(Api.get("/api/v3/users/" + id + "?field_mask=primary_email_address", null), 401, "unauthenticated");
        assertEquals("error:pkg/identityserver:unauthenticated (unauthenticated)", email.wwwAuthenticate());
        assertError(Api.get("/api/v3/users/" + id + "?field_mask=name,primary_email_address", null), 401, "unauthenticated");
        assertError(Api.put("/api/v3/users/" + id, "{\"user\": {\"name\": \"x\"}, \"field_mask\": \"name\"}", null), 403, "no_user_rights");
        assertError(Api.delete("/api/v3/users/" + id, null), 403, "no_user_rights");
        assertError(Api.post("/api/v3/users/" + id + "/restore", null, null), 403, "no_user_rights");
        assertError(Api.delete("/api/v3/users/" + id + "/purge", null), 403, "admins_purge_users");
        assertError(Api.get("/api/v3/search/users", null), 403, "search_forbidden");
        assertError(Api.get("/api/v3/search/users?deleted=true", null), 403, "search_forbidden");
        // Unknown users look the same to anonymous callers (no account discovery through 404).
        String nobody = Api.uniqueId("nobody");
        assertError(Api.delete("/api/v3/users/" + nobody, null), 403, "no_user_rights");
        assertError(Api.put("/api/v3/users/" + nobody, "{\"field_mask\": \"name\"}", null), 403, "no_user_rights");
        assertError(Api.delete("/api/v3/users/" + nobody + "/purge", null), 403, "admins_purge_users");
    }

    @Test
    void validationComesBeforeRights() {
        Reply r = assertError(Api.get("/api/v3/users/A", null), 400, "validation");
        assertEquals("user_ids", attributes(r).getString("field"));
        r = assertError(Api.delete("/api/v3/users/A", null), 400, "identifiers");
        assertEquals("pkg/ttnpb", r.errorNamespace());
        assertError(Api.post("/api/v3/users/A/restore", null, null), 400, "identifiers");
        assertError(Api.delete("/api/v3/users/A/purge", null), 400, "identifiers");
        assertError(Api.put("/api/v3/users/A", "{}", null), 400, "validation");

        r = assertError(Api.get("/api/v3/users/someone?field_mask=name,password", null), 400, "field_mask_paths");
        assertEquals("[\"password\"]", attributes(r).getJsonArray("forbidden_paths").toString());
        r = assertError(Api.get("/api/v3/users/someone?field_mask=", null), 400, "field_mask_paths");
        assertEquals("[\"\"]", attributes(r).getJsonArray("forbidden_paths").toString());
        assertError(Api.get("/api/v3/users/someone?field_mask=temporary_password", null), 400, "field_mask_paths");
        assertError(Api.get("/api/v3/users?field_mask=nonsense", null), 400, "field_mask_paths");
        assertError(Api.put("/api/v3/users/someone", "{\"field_mask\": {\"paths\": [\"password_updated_at\"]}}", null), 400, "field_mask_paths");
        assertPlain(Api.get("/api/v3/users/someone?field_mask=name&field_mask=state", null), 400, 3);
        assertPlain(Api.put("/api/v3/users/someone", "{\"field_mask\": {\"paths\": [\"name\"], \"other\": 1}}", null), 400, 3);

        r = assertError(Api.get("/api/v3/users?limit=1001", null), 400, "validation");
        assertEquals("limit", attributes(r).getString("field"));
        r = assertError(Api.get("/api/v3/users?order=password", null), 400, "validation");
        assertEquals("order", attributes(r).getString("field"));
        assertPlain(Api.get("/api/v3/users?limit=abc", null), 400, 3);
        assertPlain(Api.get("/api/v3/users?deleted=maybe", null), 400, 3);
        assertError(Api.get("/api/v3/search/users?limit=1001", null), 400, "validation");
        assertPlain(Api.get("/api/v3/search/users?state=APPROVED", null), 400, 3);
    }
}
