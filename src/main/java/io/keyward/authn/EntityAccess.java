package io.keyward.authn;

import io.keyward.apikey.ApiKeyEntity;
import io.keyward.apikey.ApiKeyJson;
import io.keyward.apikey.ApiKeyStore;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.wire.JsonOut;
import io.keyward.wire.JsonP;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * EntityAccess.AuthInfo: what the presented credential is. It only reads (two primary-key finds at most),
 * so it is a plain CDI bean: the enterprise bean container's per-call work (pooling, a local transaction,
 * interceptors) was 10% of the CPU of an anonymous {@code auth_info} (issue 19).
 */
@ApplicationScoped
public class EntityAccess {
    @Inject
    ApiKeyStore apiKeys;

    @Inject
    AccessTokenStore accessTokens;

    @Inject
    CallerContext callerContext;

    /**
     * AuthInfo: the API key (without secret, rights as they apply now) or the access token (without
     * secrets) with the owner's IDs, plus universal rights and is_admin for admins; {@code {}} without
     * a credential. Credential errors surface.
     */
    public JsonObject authInfo() {
        Caller c = callerContext.requireValidCredential();
        JsonObjectBuilder out = JsonP.object();
        JsonObject userIds = JsonP.object().add("user_id", c.userId() == null ? "" : c.userId()).build();
        switch (c.kind()) {
            case NONE -> {
                return out.build();
            }
            case API_KEY -> {
                ApiKeyEntity stored = apiKeys.find(c.credentialId());
                JsonObjectBuilder key = JsonP.object();
                if (stored != null) {
                    ApiKeyJson.of(stored).forEach(key::add);
                } else {
                    key.add("id", c.credentialId());
                }
                key.remove("rights");
                JsonObject rights = JsonOut.object().enumList("rights", c.rights().asSet()).build();
                if (rights.containsKey("rights")) {
                    key.add("rights", rights.get("rights"));
                }
                out.add("api_key", JsonP.object()
                        .add("api_key", key)
                        .add("entity_ids", JsonP.object().add("user_ids", userIds)));
            }
            case ACCESS_TOKEN -> {
                AccessTokenEntity stored = accessTokens.find(c.credentialId());
                JsonOut token = JsonOut.object().message("user_ids", userIds);
                if (stored != null && stored.getClientId() != null) {
                    token.message("client_ids", JsonP.object().add("client_id", stored.getClientId()).build());
                }
                token.string("id", c.credentialId()).enumList("rights", c.rights().asSet());
                if (stored != null) {
                    token.timestamp("created_at", stored.getCreatedAt()).timestamp("expires_at", stored.getExpiresAt());
                }
                out.add("oauth_access_token", token.build());
            }
            case SSO -> {
                // An enterprise SSO JWT is shown like an OAuth access token from another server.
                out.add("oauth_access_token", JsonOut.object().message("user_ids", userIds)
                        .string("id", c.credentialId()).enumList("rights", c.rights().asSet()).build());
            }
            default -> {
                // Other kinds carry no stored credential.
            }
        }
        if (c.admin()) {
            out.add("universal_rights", JsonOut.object().enumList("rights", c.universal().asSet()).build());
            out.add("is_admin", true);
        }
        return out.build();
    }
}
