package io.keyward.authn;

import io.keyward.apikey.ApiKeyEntity;
import io.keyward.config.KeywardConfig;
import io.keyward.crypto.Tokens;
import io.keyward.entity.State;
import io.keyward.error.Errors;
import io.keyward.rights.Caller;
import io.keyward.rights.Right;
import io.keyward.rights.Rights;
import io.keyward.rights.RightsColumn;
import io.keyward.user.UserEntity;
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
        List<Object[]> rows = em.createQuery(
                        "SELECT k, u FROM ApiKeyEntity k, UserEntity u WHERE k.keyId = :id AND u.id = k.userPk", Object[].class)
                .setParameter("id", t.id()).getResultList();
        if (rows.isEmpty() || ((UserEntity) rows.get(0)[1]).getDeletedAt() != null) {
            throw Errors.API_KEY_NOT_FOUND_AUTH.error().causedBy(Errors.API_KEY_NOT_FOUND.error("api_key_id", t.id()));
        }
        ApiKeyEntity key = (ApiKeyEntity) rows.get(0)[0];
        UserEntity user = (UserEntity) rows.get(0)[1];
        if (!Tokens.verifySecret(t.secret(), key.getSecretHash())) {
            throw Errors.INVALID_AUTHORIZATION.error();
        }
        if (key.getExpiresAt() != null && key.getExpiresAt().isBefore(Instant.now())) {
            throw Errors.API_KEY_EXPIRED.error();
        }
        return new Verified(build(Caller.Kind.API_KEY, key.getKeyId(), RightsColumn.parse(key.getRights()), user),
                key.getExpiresAt());
    }

    private Verified accessToken(Tokens.Parsed t) {
        List<Object[]> rows = em.createQuery(
                        "SELECT a, u FROM AccessTokenEntity a, UserEntity u WHERE a.tokenId = :id AND u.id = a.userPk", Object[].class)
                .setParameter("id", t.id()).getResultList();
        if (rows.isEmpty() || ((UserEntity) rows.get(0)[1]).getDeletedAt() != null) {
            throw Errors.TOKEN_NOT_FOUND.error();
        }
        AccessTokenEntity token = (AccessTokenEntity) rows.get(0)[0];
        UserEntity user = (UserEntity) rows.get(0)[1];
        if (!Tokens.verifySecret(t.secret(), token.getAccessHash())) {
            throw Errors.INVALID_AUTHORIZATION.error();
        }
        if (token.getExpiresAt().isBefore(Instant.now())) {
            throw Errors.TOKEN_EXPIRED.error();
        }
        return new Verified(build(Caller.Kind.ACCESS_TOKEN, token.getTokenId(), RightsColumn.parse(token.getRights()), user),
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
        UserEntity user = findUser(id.userId());
        if (user == null && settings.jitProvisioning()) {
            try {
                provisioner.provision(id);
            } catch (RuntimeException e) {
                // Most likely a concurrent first request created it; look again below.
            }
            user = findUser(id.userId());
        }
        if (user == null || user.getDeletedAt() != null) {
            throw Errors.INVALID_AUTHORIZATION.error();
        }
        Callers.UserSnapshot s = snapshot(user);
        boolean admin = s.admin() || id.inGroup(settings.adminGroup());
        Callers.UserSnapshot effective = new Callers.UserSnapshot(s.pk(), s.userId(), admin, s.state(),
                s.stateDescription(), s.emailValidatedAt());
        Caller caller = Callers.of(Caller.Kind.SSO, id.tokenId(), Rights.of(Right.RIGHT_ALL), effective,
                config.contactInfoValidationRequired(), config.adminRightsAll());
        return new Verified(caller, id.expiresAt());
    }

    private UserEntity findUser(String userId) {
        List<UserEntity> users = em.createNamedQuery("User.byUserId", UserEntity.class)
                .setParameter("userId", userId).getResultList();
        return users.isEmpty() ? null : users.get(0);
    }

    private Caller build(Caller.Kind kind, String credentialId, List<Right> rights, UserEntity user) {
        return Callers.of(kind, credentialId, Rights.of(rights), snapshot(user),
                config.contactInfoValidationRequired(), config.adminRightsAll());
    }

    static Callers.UserSnapshot snapshot(UserEntity u) {
        return new Callers.UserSnapshot(u.getId(), u.getUserId(), u.isAdmin(), State.ofNumber(u.getState()),
                u.getStateDescription(), u.getPrimaryEmailAddressValidatedAt());
    }
}
