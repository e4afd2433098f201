package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.it.client.ApiClient;
import io.keyward.it.client.ApiException;
import io.keyward.it.client.ApiResponse;
import io.keyward.it.client.api.OAuthApi;
import io.keyward.it.client.api.UserAccessApi;
import io.keyward.it.client.api.UserRegistryApi;
import io.keyward.it.client.model.APIKey;
import io.keyward.it.client.model.CreateUserAPIKeyRequest;
import io.keyward.it.client.model.CreateUserRequest;
import io.keyward.it.client.model.OAuthError;
import io.keyward.it.client.model.OAuthTokenResponse;
import io.keyward.it.client.model.Right;
import io.keyward.it.client.model.State;
import io.keyward.it.client.model.Status;
import io.keyward.it.client.model.User;
import io.keyward.it.client.model.UserIdentifiers;
import io.keyward.it.client.model.Users;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that openapi-generator (Maven plugin, Java "native" library) generated from the OpenAPI document
 * (META-INF/openapi.yaml, which OpenApiIT proves to be what /openapi serves) talks to the test server as any
 * client team's would: sign in through /oauth/token, create a user, read it back with a field mask, list with
 * the total, create an API key and use it, and read a denial as The Things Stack's error body.
 */
class GeneratedClientApiIT {
    private static final String PASSWORD = "Generated-Client-Passw0rd";

    private static ApiClient client(String bearer) {
        ApiClient c = new ApiClient();
        c.updateBaseUri(Api.BASE);
        c.setReadTimeout(Duration.ofSeconds(60));
        if (bearer != null) {
            c.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + bearer));
        }
        return c;
    }

    private static String signIn(String userId, String password) throws ApiException {
        OAuthTokenResponse pair = new OAuthApi(client(null)).keywardOAuthToken("password", userId, password, null, null, null);
        assertEquals("bearer", pair.getTokenType());
        assertTrue(pair.getRefreshToken().startsWith("OJSWM."), "a refresh token");
        return pair.getAccessToken();
    }

    @Test
    void createGetListAndAnApiKeyThroughTheGeneratedClient() throws Exception {
        UserRegistryApi asAdmin = new UserRegistryApi(client(signIn(Api.ADMIN_ID, Api.ADMIN_PASSWORD)));
        String id = Api.uniqueId("gen");
        User created = asAdmin.userRegistryCreate(new CreateUserRequest().user(new User()
                .ids(new UserIdentifiers().userId(id))
                .name("Generated Client")
                .description("made by the generated client")
                .primaryEmailAddress(id + "@example.com")
                .password(PASSWORD)
                .state(State.STATE_APPROVED)));
        assertEquals(id, created.getIds().getUserId());
        assertNotNull(created.getCreatedAt(), "timestamps decode");

        User got = asAdmin.userRegistryGet(id, "name,state");
        assertEquals("Generated Client", got.getName());
        assertEquals(State.STATE_APPROVED, got.getState());
        assertNull(got.getDescription(), "a field outside the mask is not answered");

        ApiResponse<Users> page = asAdmin.userRegistryListWithHttpInfo("name", null, 1L, 1L, null);
        assertEquals(200, page.getStatusCode());
        assertEquals(1, page.getData().getUsers().size(), "limit=1");
        long total = Long.parseLong(header(page.getHeaders(), "X-Total-Count"));
        assertTrue(total >= 2, "the admin and the new user at least: " + total);

        UserAccessApi asUser = new UserAccessApi(client(signIn(id, PASSWORD)));
        APIKey key = asUser.userAccessCreateAPIKey(id, new CreateUserAPIKeyRequest()
                .name("generated client").rights(List.of(Right.RIGHT_USER_INFO)));
        assertTrue(key.getKey().startsWith("NNSXS."), "the secret, shown once");
        assertEquals(List.of(Right.RIGHT_USER_INFO), key.getRights());
        assertNull(asUser.userAccessGetAPIKey(id, key.getId()).getKey(), "never shown again");

        ApiClient withKey = client(key.getKey());
        assertEquals("Generated Client", new UserRegistryApi(withKey).userRegistryGet(id, "name").getName());
        assertEquals(List.of(Right.RIGHT_USER_INFO), new UserAccessApi(withKey).userAccessListRights(id).getRights());

        ApiException denied = assertThrows(ApiException.class,
                () -> new UserAccessApi(withKey).userAccessListAPIKeys(id, null, null, null));
        assertEquals(403, denied.getCode(), denied.getResponseBody());
        Status error = withKey.getObjectMapper().readValue(denied.getResponseBody(), Status.class);
        assertEquals(7, error.getCode(), "PermissionDenied");
        assertNotNull(error.getDetails().get(0).getName(), denied.getResponseBody());
        assertEquals(32, error.getDetails().get(0).getCorrelationId().length());
    }

    @Test
    void aRefusedSignInIsTheOAuthErrorBody() throws Exception {
        ApiClient anonymous = client(null);
        ApiException refused = assertThrows(ApiException.class, () -> new OAuthApi(anonymous)
                .keywardOAuthToken("password", Api.uniqueId("nobody"), "not-the-password", null, null, null));
        assertEquals(400, refused.getCode(), refused.getResponseBody());
        OAuthError error = anonymous.getObjectMapper().readValue(refused.getResponseBody(), OAuthError.class);
        assertEquals(OAuthError.ErrorEnum.INVALID_GRANT, error.getError());
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElseThrow(() -> new AssertionError("no " + name + ": " + headers));
    }
}
