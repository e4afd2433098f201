package io.keyward.authn;

import io.keyward.apikey.ApiKeyEntity;
import io.keyward.apikey.ApiKeyStore;
import io.keyward.config.KeywardConfig;
import io.keyward.crypto.Tokens;
import io.keyward.entity.EntityType;
import io.keyward.error.Errors;
import io.keyward.rights.Caller;
import io.keyward.rights.CredentialOwner;
import io.keyward.rights.EntityDirectory;
import io.keyward.rights.EntityRights;
import io.keyward.rights.Right;
import io.keyward.rights.Rights;
import io.keyward.rights.RightsColumn;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * Resolves a bearer value to a {@link Caller} (API.md §2.1), or throws the error The Things Stack
 * answers for it. Read-only; the authentication mechanism calls it once per request (through the cache).
 * It runs in a container transaction (REQUIRED) although it only reads: a refused credential then rolls
 * back quietly instead of being logged as a failed local transaction.
 */
@Stateless
public class CredentialVerifier {
    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    KeywardConfig config;

    @Inject
    SsoProvisioner provisioner;

    @Inject
    ApiKeyStore apiKeys;

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
            // Keyward has no browser sessions: no session token can exist.
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
        List<AccessTokenEntity> tokens = em.createQuery(
                        "SELECT a FROM AccessTokenEntity a WHERE a.tokenId = :id", AccessTokenEntity.class)
                .setParameter("id", t.id()).getResultList();
        // OAuth access tokens always belong to users.
        CredentialOwner owner = tokens.isEmpty() ? null
                : entities.directory(EntityType.USER).credentialOwner(tokens.get(0).getUserPk());
        if (owner == null) {
            throw Errors.TOKEN_NOT_FOUND.error();
        }
        AccessTokenEntity token = tokens.get(0);
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
     * An enterprise SSO JWT: verified with MicroProfile JWT, the user found by the configured claim (or
     * provisioned just in time), all of the user's rights like a console session, admin also through
     * the configured group.
     */
    private Verified sso(String token) {
        org.eclipse.microprofile.config.Config mp = org.eclipse.microprofile.config.ConfigProvider.getConfig(
                CredentialVerifier.class.getClassLoader());
        SsoSettings settings = SsoSettings.read(key -> mp.getOptionalValue(key, String.class).orElse(null));
        SsoTokens.Identity id = SSO.verify(token, settings);
        EntityDirectory users = entities.directory(EntityType.USER);
        CredentialOwner owner = users.credentialOwner(id.userId());
        if (owner == null && settings.jitProvisioning() && !users.exists(id.userId(), true)) {
            try {
                provisioner.provision(id);
            } catch (RuntimeException e) {
                // Most likely a concurrent first request created it; look again below.
            }
            owner = users.credentialOwner(id.userId());
        }
        if (owner == null) {
            throw Errors.INVALID_AUTHORIZATION.error();
        }
        CredentialOwner effective = owner.withAdmin(owner.admin() || id.inGroup(settings.adminGroup()));
        Caller caller = Callers.of(Caller.Kind.SSO, id.tokenId(), Rights.of(Right.RIGHT_ALL), effective,
                config.contactInfoValidationRequired(), config.adminRightsAll());
        return new Verified(caller, id.expiresAt());
    }

    private Caller build(Caller.Kind kind, String credentialId, List<Right> rights, CredentialOwner owner) {
        return Callers.of(kind, credentialId, Rights.of(rights), owner,
                config.contactInfoValidationRequired(), config.adminRightsAll());
    }
}
