package io.keyward.authn;

import io.keyward.apikey.ApiKeyEntity;
import io.keyward.apikey.ApiKeyStore;
import io.keyward.config.KeywardConfig;
import io.keyward.crypto.Tokens;
import io.keyward.entity.EntityType;
import io.keyward.entity.Ids;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.rights.Caller;
import io.keyward.rights.CredentialOwner;
import io.keyward.rights.EntityDirectory;
import io.keyward.rights.EntityRights;
import io.keyward.rights.Right;
import io.keyward.rights.Rights;
import io.keyward.rights.RightsColumn;
import io.keyward.user.SsoLinkStore;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Resolves a bearer value to a {@link Caller} (API.md §2.1), or throws the error The Things Stack
 * answers for it. Read-only; the authentication mechanism calls it once per request (through the cache).
 * It runs in a container transaction (REQUIRED) although it only reads: a refused credential then rolls
 * back quietly instead of being logged as a failed local transaction.
 */
@Stateless
public class CredentialVerifier {
    private static final Logger LOG = Logger.getLogger(CredentialVerifier.class.getName());

    @Inject
    KeywardConfig config;

    @Inject
    SsoProvisioner provisioner;

    @Inject
    ApiKeyStore apiKeys;

    @Inject
    AccessTokenStore accessTokens;

    @Inject
    SsoLinkStore links;

    @Inject
    EntityRights entities;

    private static final SsoTokens SSO = new SsoTokens();

    /** A verified credential: the caller, and until when the credential itself is valid (null: no expiry). */
    public record Verified(Caller caller, Instant expiresAt) {
    }

    /** The caller for {@code token}, or a KeywardException (400 pkg/auth:token, 401 ...). */
    public Verified verify(String token) {
        if (SsoTokens.looksLikeJwt(token)) {
            return sso(token);
        }
        Tokens.Parsed t = Tokens.parse(token);
        return switch (t.prefix()) {
            case Tokens.API_KEY -> apiKey(t);
            case Tokens.ACCESS_TOKEN -> accessToken(t);
            // Keyward's sessions are token families held by access tokens: no session token can exist.
            case Tokens.SESSION_TOKEN -> throw Errors.TOKEN_NOT_FOUND.error();
            default -> throw Errors.UNSUPPORTED_AUTHORIZATION.error();
        };
    }

    private Verified apiKey(Tokens.Parsed t) {
        ApiKeyStore.OwnedKey found = apiKeys.findWithOwner(t.id());
        if (found == null) {
            throw Errors.API_KEY_NOT_FOUND_AUTH.error().causedBy(Errors.API_KEY_NOT_FOUND.error("api_key_id", t.id()));
        }
        ApiKeyEntity key = found.key();
        if (!Tokens.verifySecret(t.secret(), key.getSecretHash())) {
            throw Errors.INVALID_AUTHORIZATION.error();
        }
        if (key.getExpiresAt() != null && key.getExpiresAt().isBefore(Instant.now())) {
            throw Errors.API_KEY_EXPIRED.error();
        }
        return new Verified(build(Caller.Kind.API_KEY, key.getKeyId(), RightsColumn.parse(key.getRights()), found.owner()),
                key.getExpiresAt());
    }

    private Verified accessToken(Tokens.Parsed t) {
        AccessTokenEntity token = accessTokens.find(t.id());
        // OAuth access tokens always belong to users.
        CredentialOwner owner = token == null ? null
                : entities.directory(EntityType.USER).credentialOwner(token.getUserPk());
        if (owner == null) {
            throw Errors.TOKEN_NOT_FOUND.error();
        }
        if (token.getRotatedAt() != null) {
            throw Errors.TOKEN_NOT_FOUND.error(); // refreshed: the new pair replaces it
        }
        if (!Tokens.verifySecret(t.secret(), token.getAccessHash())) {
            throw Errors.INVALID_AUTHORIZATION.error();
        }
        if (token.getExpiresAt().isBefore(Instant.now())) {
            throw Errors.TOKEN_EXPIRED.error();
        }
        return new Verified(build(Caller.Kind.ACCESS_TOKEN, token.getTokenId(), RightsColumn.parse(token.getRights()), owner),
                token.getExpiresAt());
    }

    /**
     * An enterprise SSO JWT: verified with MicroProfile JWT, and acting as the local account its identity
     * (issuer, subject) is linked to — never as an account that merely has the name it claims (issue 12
     * §4). An identity linked to no account gets one just in time if that is on and the name is free;
     * all of the user's rights like a console session, admin also through the configured group.
     */
    private Verified sso(String token) {
        org.eclipse.microprofile.config.Config mp = org.eclipse.microprofile.config.ConfigProvider.getConfig(
                CredentialVerifier.class.getClassLoader());
        SsoSettings settings = SsoSettings.read(key -> mp.getOptionalValue(key, String.class).orElse(null));
        SsoTokens.Identity id = SSO.verify(token, settings);
        EntityDirectory users = entities.directory(EntityType.USER);
        String userId = links.linkedUserId(id.issuer(), id.subject());
        if (userId == null) {
            userId = unlinked(id, settings, users);
        }
        // Null for a deleted user: its identity stays linked (restorable) but has no working credential.
        CredentialOwner owner = users.credentialOwner(userId);
        if (owner == null) {
            throw Errors.INVALID_AUTHORIZATION.error();
        }
        CredentialOwner effective = owner.withAdmin(owner.admin() || id.inGroup(settings.adminGroup()));
        Caller caller = Callers.of(Caller.Kind.SSO, id.tokenId(), Rights.of(Right.RIGHT_ALL), effective,
                config.contactInfoValidationRequired(), config.adminRightsAll());
        return new Verified(caller, id.expiresAt());
    }

    /** An identity linked to no account: refused, or the ID of the user provisioned for it just now. */
    private String unlinked(SsoTokens.Identity id, SsoSettings settings, EntityDirectory users) {
        String claimed = id.userId();
        if (Ids.isValid(claimed, Ids.USER_ID) && users.exists(claimed, true)) {
            // A concurrent first request of the same identity may have created and linked the user after
            // this request looked for the link: user and link commit together, so look once more.
            String linked = links.linkedUserId(id.issuer(), id.subject());
            if (linked != null) {
                return linked;
            }
            throw notLinked(id, claimed);
        }
        if (!settings.jitProvisioning() || claimed.isEmpty()) {
            throw Errors.INVALID_AUTHORIZATION.error();
        }
        try {
            provisioner.provision(id);
        } catch (KeywardException e) {
            if (e.is(Errors.ALREADY_EXISTS)) {
                // A concurrent first request of the same identity may have won: it linked the user.
                String linked = links.linkedUserId(id.issuer(), id.subject());
                if (linked != null) {
                    return linked;
                }
                if (users.exists(claimed, true)) {
                    throw notLinked(id, claimed);
                }
            }
            // Only the error's name, and the claimed name only when it is a valid ID: token values with
            // control characters never reach the log.
            LOG.info("SSO user " + (Ids.isValid(claimed, Ids.USER_ID) ? claimed : "(invalid ID)")
                    + " not provisioned: " + e.definition().name());
            throw Errors.SSO_USER_REFUSED.error("user_id", claimed).causedBy(e);
        }
        return claimed;
    }

    private static KeywardException notLinked(SsoTokens.Identity id, String claimed) {
        LOG.warning("SSO identity of " + id.issuer() + " claims the existing user " + claimed
                + " but is not linked to it: refused");
        return Errors.SSO_IDENTITY_NOT_LINKED.error("user_id", claimed);
    }

    private Caller build(Caller.Kind kind, String credentialId, List<Right> rights, CredentialOwner owner) {
        return Callers.of(kind, credentialId, Rights.of(rights), owner,
                config.contactInfoValidationRequired(), config.adminRightsAll());
    }
}
