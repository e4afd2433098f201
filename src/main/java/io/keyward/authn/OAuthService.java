package io.keyward.authn;

import io.keyward.config.KeywardConfig;
import io.keyward.crypto.Secrets;
import io.keyward.crypto.Tokens;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.rights.CredentialRevoked;
import io.keyward.rights.Right;
import io.keyward.rights.RightsColumn;
import io.keyward.user.LoginTokens;
import io.keyward.user.SsoLinkStore;
import io.keyward.user.UserEntity;
import io.keyward.wire.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.keyward.entity.Ids;

/**
 * Issues OAuth access and refresh tokens (POST /oauth/token): the transactions of the resource-owner
 * password grant (whose password is checked outside them, by {@link PasswordGrants}) and the
 * refresh-token grant. A password-grant token carries RIGHT_ALL, like a TTS console session; the account
 * state restricts it when it is used. Refreshing rotates the pair: the old access and refresh tokens
 * stop working.
 */
@Stateless
public class OAuthService {
    private static final String BAD_CREDENTIALS = "invalid user ID or password";

    @PersistenceContext(unitName = "keyward")
    EntityManager em;

    @Inject
    KeywardConfig config;

    @Inject
    jakarta.enterprise.event.Event<CredentialRevoked> revoked;

    @Inject
    SsoLinkStore ssoLinks;

    @Inject
    LoginTokens loginTokens;

    /** A new token pair, as answered to the client. */
    public record TokenPair(String accessToken, String refreshToken, long expiresIn) {
    }

    /** What a password grant verifies against: the user's key, stored hash and deletion, read before hashing. */
    public record Login(long userPk, String passwordHash, boolean deleted) {
    }

    /**
     * The user a password grant names, read in a transaction of its own so that no connection is held
     * while the password is hashed ({@link PasswordGrants}); null if there is none.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Login login(String username) {
        UserEntity user = findUser(username);
        return user == null ? null : new Login(user.getId(), user.getPasswordHash(), user.getDeletedAt() != null);
    }

    /**
     * Issues the pair of a verified password grant. {@code rehash}, if not null, replaces the hash that was
     * verified, unless the password changed meanwhile (one conditional UPDATE); a user deleted meanwhile
     * gets no tokens.
     */
    public TokenPair completeLogin(long userPk, String clientId, String verifiedHash, String rehash) {
        UserEntity user = em.find(UserEntity.class, userPk);
        if (user == null || user.getDeletedAt() != null) {
            throw OAuthException.invalidGrant(BAD_CREDENTIALS);
        }
        // Only once the password was right, so that it tells a guesser nothing (issue 12 §4).
        if (!ssoLinks.localPasswordAllowed(user.getId())) {
            throw OAuthException.localPasswordDisabled(user.getUserId());
        }
        if (rehash != null) {
            em.createQuery("UPDATE UserEntity u SET u.passwordHash = :rehash WHERE u.id = :pk AND u.passwordHash = :verified")
                    .setParameter("rehash", rehash).setParameter("pk", userPk).setParameter("verified", verifiedHash)
                    .executeUpdate();
        }
        // Housekeeping, here and not in the rotation's transaction: the user's pairs that can no longer be refreshed.
        em.createQuery("DELETE FROM AccessTokenEntity a WHERE a.userPk = :pk AND a.refreshExpiresAt < :now")
                .setParameter("pk", userPk).setParameter("now", Timestamps.now()).executeUpdate();
        return issue(userPk, clientId, List.of(Right.RIGHT_ALL), null);
    }

    /**
     * Signs a user in with a login token (issue 18 §2): the token is spent and the pair issued in one
     * transaction, so a token buys exactly one session. Unknown, expired and used tokens are invalid grants
     * whose description says which, as TTS's web login tells them apart.
     */
    public TokenPair loginTokenGrant(String token, String clientId) {
        checkClientId(clientId);
        long userPk;
        try {
            userPk = loginTokens.redeem(token);
        } catch (KeywardException e) {
            throw OAuthException.invalidGrant(e.definition().messageFormat());
        }
        UserEntity user = em.find(UserEntity.class, userPk);
        if (user == null || user.getDeletedAt() != null) {
            throw OAuthException.invalidGrant(Errors.LOGIN_TOKEN_NOT_FOUND.messageFormat());
        }
        if (!ssoLinks.localPasswordAllowed(user.getId())) {
            throw OAuthException.localPasswordDisabled(user.getUserId());
        }
        return issue(userPk, clientId, List.of(Right.RIGHT_ALL), null);
    }

    public TokenPair refreshGrant(String refreshToken, String clientId) {
        if (refreshToken == null || refreshToken.isEmpty()) {
            throw OAuthException.invalidRequest("refresh_token is required");
        }
        checkClientId(clientId);
        Tokens.Parsed t;
        try {
            t = Tokens.parse(refreshToken);
        } catch (RuntimeException e) {
            throw OAuthException.invalidGrant("invalid refresh token");
        }
        if (!t.prefix().equals(Tokens.REFRESH_TOKEN)) {
            throw OAuthException.invalidGrant("invalid refresh token");
        }
        List<Object[]> rows = em.createQuery(
                        "SELECT a, u FROM AccessTokenEntity a, UserEntity u WHERE a.tokenId = :id AND u.id = a.userPk", Object[].class)
                .setParameter("id", t.id()).getResultList();
        if (rows.isEmpty()) {
            throw OAuthException.invalidGrant("invalid refresh token");
        }
        AccessTokenEntity old = (AccessTokenEntity) rows.get(0)[0];
        UserEntity user = (UserEntity) rows.get(0)[1];
        if (!Tokens.verifySecret(t.secret(), old.getRefreshHash())) {
            throw OAuthException.invalidGrant("invalid refresh token");
        }
        if (old.getRotatedAt() != null) {
            // Reuse of a refresh token that was already exchanged: one of its holders is not its owner
            // (OAuth 2.0 Security BCP §4.14.2). Every pair of the family goes, the current one included.
            revokeFamily(old.getFamilyId());
            throw new FamilyRevoked();
        }
        if (user.getDeletedAt() != null
                || old.getRefreshExpiresAt().isBefore(Instant.now())
                || (old.getClientId() != null && clientId != null && !clientId.isEmpty() && !old.getClientId().equals(clientId))) {
            throw OAuthException.invalidGrant("invalid refresh token");
        }
        // Pairs from password logins made before the user was linked to an SSO identity (linking revokes
        // them, but is.sso.allow-local-password may have been turned off since).
        if (!ssoLinks.localPasswordAllowed(user.getId())) {
            throw OAuthException.localPasswordDisabled(user.getUserId());
        }
        // One conditional UPDATE decides between concurrent redemptions: the row lock serialises them and
        // only the first finds the pair unrotated. No other statement runs before it in this transaction.
        Instant now = Timestamps.now();
        int won = em.createQuery("UPDATE AccessTokenEntity a SET a.rotatedAt = :now, a.expiresAt = :now"
                        + " WHERE a.id = :id AND a.rotatedAt IS NULL")
                .setParameter("now", now).setParameter("id", old.getId()).executeUpdate();
        if (won != 1) {
            throw OAuthException.invalidGrant("invalid refresh token");
        }
        revoked.fire(new CredentialRevoked(old.getTokenId()));
        return issue(user.getId(), old.getClientId(), RightsColumn.parse(old.getRights()), old.getFamilyId());
    }

    /**
     * Token revocation (RFC 7009), a console's sign-out: an access or refresh token whose secret matches
     * ends its whole family, so neither the pair nor any pair refreshed from it works afterwards. Anything
     * else (unknown, malformed, already revoked) is silently ignored, as §2.2 asks.
     */
    public void revoke(String token) {
        Tokens.Parsed t;
        try {
            t = Tokens.parse(token);
        } catch (RuntimeException e) {
            return;
        }
        boolean refresh = t.prefix().equals(Tokens.REFRESH_TOKEN);
        if (!refresh && !t.prefix().equals(Tokens.ACCESS_TOKEN)) {
            return;
        }
        List<AccessTokenEntity> rows = em.createQuery("SELECT a FROM AccessTokenEntity a WHERE a.tokenId = :id",
                AccessTokenEntity.class).setParameter("id", t.id()).getResultList();
        if (!rows.isEmpty() && Tokens.verifySecret(t.secret(), refresh ? rows.get(0).getRefreshHash() : rows.get(0).getAccessHash())) {
            revokeFamily(rows.get(0).getFamilyId());
        }
    }

    /** Revokes every pair of a token family (they stop authenticating at once on this node). */
    private void revokeFamily(String familyId) {
        List<String> ids = em.createQuery("SELECT a.tokenId FROM AccessTokenEntity a WHERE a.familyId = :f OR a.tokenId = :f",
                String.class).setParameter("f", familyId).getResultList();
        em.createQuery("DELETE FROM AccessTokenEntity a WHERE a.familyId = :f OR a.tokenId = :f")
                .setParameter("f", familyId).executeUpdate();
        for (String id : ids) {
            revoked.fire(new CredentialRevoked(id));
        }
    }

    /**
     * The answer to a reused refresh token; it must commit (the family's revocation), unlike the other
     * refusals, so it is not an application exception that rolls back.
     */
    @jakarta.ejb.ApplicationException(rollback = false)
    public static class FamilyRevoked extends OAuthException {
        FamilyRevoked() {
            super(400, "invalid_grant", "refresh token already used; its token family is revoked");
        }
    }

    private TokenPair issue(long userPk, String clientId, List<Right> rights, String familyId) {
        Instant now = Timestamps.now();
        Duration accessTtl = config.duration(KeywardConfig.Option.OAUTH_ACCESS_TOKEN_TTL);
        Duration refreshTtl = config.duration(KeywardConfig.Option.OAUTH_REFRESH_TOKEN_TTL);
        String id = Secrets.randomBase32(Tokens.ID_BYTES);
        String accessSecret = Secrets.randomBase32(Tokens.SECRET_BYTES);
        String refreshSecret = Secrets.randomBase32(Tokens.SECRET_BYTES);
        AccessTokenEntity e = new AccessTokenEntity();
        e.setTokenId(id);
        e.setFamilyId(familyId == null ? id : familyId);
        e.setUserPk(userPk);
        e.setClientId(clientId == null || clientId.isEmpty() ? null : clientId);
        e.setAccessHash(Tokens.hashSecret(accessSecret));
        e.setRefreshHash(Tokens.hashSecret(refreshSecret));
        e.setRights(RightsColumn.format(rights));
        e.setCreatedAt(now);
        e.setExpiresAt(now.plus(accessTtl));
        e.setRefreshExpiresAt(now.plus(refreshTtl));
        em.persist(e);
        return new TokenPair(new Tokens.Parsed(Tokens.ACCESS_TOKEN, id, accessSecret).join(),
                new Tokens.Parsed(Tokens.REFRESH_TOKEN, id, refreshSecret).join(), accessTtl.toSeconds());
    }

    static void checkClientId(String clientId) {
        if (clientId != null && !clientId.isEmpty() && !Ids.isValid(clientId, Ids.USER_ID)) {
            throw OAuthException.invalidRequest("invalid client_id");
        }
    }

    private UserEntity findUser(String userId) {
        List<UserEntity> users = em.createNamedQuery("User.byUserId", UserEntity.class)
                .setParameter("userId", userId).getResultList();
        return users.isEmpty() ? null : users.get(0);
    }
}
