package io.keyward.authn;

import io.keyward.audit.AuditActor;
import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
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
import io.keyward.user.UserStore;
import io.keyward.wire.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import io.keyward.entity.Ids;

/**
 * Issues OAuth access and refresh tokens (POST /oauth/token): the transactions of the resource-owner
 * password grant (whose password is checked outside them, by {@link PasswordGrants}) and the
 * refresh-token grant. A password-grant token carries RIGHT_ALL, like a TTS console session; the account
 * state restricts it when it is used. Refreshing rotates the pair: the old access and refresh tokens
 * stop working. Every sign-in (password or login-token grant) opens a user session that holds the pairs
 * descended from it ({@link UserSessions}). The queries are {@link AccessTokenStore}'s and {@link SessionStore}'s.
 */
@Stateless
public class OAuthService {
    private static final String BAD_CREDENTIALS = "invalid user ID or password";

    @Inject
    KeywardConfig config;

    @Inject
    jakarta.enterprise.event.Event<CredentialRevoked> revoked;

    @Inject
    SsoLinkStore ssoLinks;

    @Inject
    LoginTokens loginTokens;

    @Inject
    AccessTokenStore tokens;

    @Inject
    SessionStore sessions;

    @Inject
    UserStore users;

    @Inject
    UserSessions userSessions;

    @Inject
    AuditTrail audit;

    /** A new token pair, as answered to the client. */
    public record TokenPair(String accessToken, String refreshToken, long expiresIn) {
    }

    /** Where a sign-in comes from, shown with its session: the client's address and its User-Agent (may be null). */
    public record Origin(String address, String userAgent) {
        static final int MAX_ADDRESS = 128;
        static final int MAX_USER_AGENT = 512;

        /** Cut to what the columns hold (a header is the client's to make as long as it likes). */
        public Origin {
            address = cut(address, MAX_ADDRESS);
            userAgent = cut(userAgent, MAX_USER_AGENT);
        }

        private static String cut(String s, int max) {
            if (s == null || s.isEmpty()) {
                return null;
            }
            if (s.length() <= max) {
                return s;
            }
            int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
            return s.substring(0, end);
        }
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
        UserEntity user = users.find(username, true);
        return user == null ? null : new Login(user.getId(), user.getPasswordHash(), user.getDeletedAt() != null);
    }

    /**
     * Issues the pair of a verified password grant. {@code rehash}, if not null, replaces the hash that was
     * verified, unless the password changed meanwhile (one conditional UPDATE); a user deleted meanwhile
     * gets no tokens.
     */
    public TokenPair completeLogin(long userPk, String clientId, String verifiedHash, String rehash, Origin origin) {
        UserEntity user = users.findByPk(userPk);
        if (user == null || user.getDeletedAt() != null) {
            throw OAuthException.invalidGrant(BAD_CREDENTIALS);
        }
        // Only once the password was right, so that it tells a guesser nothing (issue 12 §4).
        if (!ssoLinks.localPasswordAllowed(user.getId())) {
            throw OAuthException.localPasswordDisabled(user.getUserId());
        }
        if (rehash != null) {
            users.replaceVerifiedPasswordHash(userPk, verifiedHash, rehash);
        }
        return signIn(user.getUserId(), userPk, clientId, origin, "password");
    }

    /**
     * Signs a user in with a login token (issue 18 §2): the token is spent and the pair issued in one
     * transaction, so a token buys exactly one session. Unknown, expired and used tokens are invalid grants
     * whose description says which, as TTS's web login tells them apart.
     */
    public TokenPair loginTokenGrant(String token, String clientId, Origin origin) {
        checkClientId(clientId);
        long userPk;
        try {
            userPk = loginTokens.redeem(token);
        } catch (KeywardException e) {
            throw OAuthException.invalidGrant(e.definition().messageFormat());
        }
        UserEntity user = users.findByPk(userPk);
        if (user == null || user.getDeletedAt() != null) {
            throw OAuthException.invalidGrant(Errors.LOGIN_TOKEN_NOT_FOUND.messageFormat());
        }
        if (!ssoLinks.localPasswordAllowed(user.getId())) {
            throw OAuthException.localPasswordDisabled(user.getUserId());
        }
        return signIn(user.getUserId(), userPk, clientId, origin, OAuthTokenServlet.LOGIN_TOKEN_GRANT);
    }

    /** A new session with its first pair, whose token ID names the family. */
    private TokenPair signIn(String userId, long userPk, String clientId, Origin origin, String grant) {
        Instant now = Timestamps.now();
        // Housekeeping, here and not in the rotation's transaction: the user's pairs and sessions that can
        // no longer be refreshed.
        tokens.deleteRefreshExpired(userPk, now);
        sessions.deleteExpired(userPk, now);
        Issued issued = issue(userPk, clientId, List.of(Right.RIGHT_ALL), null);
        String sessionId = openSession(userPk, issued, origin);
        audit.record(AuditEvent.of("oauth.user.login").user(userId).detail("grant_type", grant).detail("client_id", clientId)
                .detail("session_id", sessionId));
        return issued.pair();
    }

    private String openSession(long userPk, Issued issued, Origin origin) {
        AccessTokenEntity first = issued.token();
        SessionEntity s = new SessionEntity();
        s.setSessionId(UUID.randomUUID().toString());
        s.setUserPk(userPk);
        s.setFamilyId(first.getFamilyId());
        s.setClientAddress(origin == null ? null : origin.address());
        s.setUserAgent(origin == null ? null : origin.userAgent());
        s.setCreatedAt(first.getCreatedAt());
        s.setUpdatedAt(first.getCreatedAt());
        s.setLastUsedAt(first.getCreatedAt());
        s.setExpiresAt(first.getRefreshExpiresAt());
        sessions.insert(s);
        return s.getSessionId();
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
        AccessTokenStore.WithUser found = tokens.findWithUser(t.id());
        if (found == null) {
            throw OAuthException.invalidGrant("invalid refresh token");
        }
        AccessTokenEntity old = found.token();
        UserEntity user = found.user();
        if (!Tokens.verifySecret(t.secret(), old.getRefreshHash())) {
            throw OAuthException.invalidGrant("invalid refresh token");
        }
        if (old.getRotatedAt() != null) {
            // Reuse of a refresh token that was already exchanged: one of its holders is not its owner
            // (OAuth 2.0 Security BCP §4.14.2). Every pair of the family goes, the current one included.
            userSessions.end(old.getFamilyId());
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
        // only the first finds the pair unrotated. No other write runs before it in this transaction: the pair's
        // row is locked before the session's, as UserSessions.end does.
        Instant now = Timestamps.now();
        if (tokens.markRotated(old.getId(), now) != 1) {
            throw OAuthException.invalidGrant("invalid refresh token");
        }
        revoked.fire(new CredentialRevoked(old.getTokenId()));
        Issued issued = issue(user.getId(), old.getClientId(), RightsColumn.parse(old.getRights()), old.getFamilyId());
        if (sessions.refreshed(old.getFamilyId(), now, issued.token().getRefreshExpiresAt()) == 0) {
            // Its session was ended (V25 gave every family of before one): the family ends with it.
            throw OAuthException.invalidGrant("invalid refresh token");
        }
        audit.record(AuditEvent.of("oauth.user.login").user(user.getUserId()).detail("grant_type", "refresh_token")
                .detail("client_id", old.getClientId()));
        return issued.pair();
    }

    /**
     * Token revocation (RFC 7009), a console's sign-out: an access or refresh token whose secret matches
     * ends its session, so neither the pair nor any pair refreshed from it works afterwards, on any node.
     * Anything else (unknown, malformed, already revoked) is silently ignored, as §2.2 asks.
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
        AccessTokenStore.WithUser found = tokens.findWithUser(t.id());
        if (found == null) {
            return;
        }
        AccessTokenEntity row = found.token();
        if (Tokens.verifySecret(t.secret(), refresh ? row.getRefreshHash() : row.getAccessHash())) {
            String family = row.getFamilyId() == null ? row.getTokenId() : row.getFamilyId();
            String sessionId = sessions.sessionIdOf(family);
            userSessions.end(family);
            // The sign-out is the token holder's: the pair is the actor (the refresh token shares its ID).
            String userId = found.user().getUserId();
            audit.record(AuditEvent.of("oauth.user.logout").user(userId)
                    .actor(new AuditActor("access_token", userId, row.getTokenId()))
                    .detail("token_type", refresh ? "refresh_token" : "access_token").detail("session_id", sessionId));
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

    /** A pair as issued: the answer, and the row that stores it. */
    private record Issued(TokenPair pair, AccessTokenEntity token) {
    }

    private Issued issue(long userPk, String clientId, List<Right> rights, String familyId) {
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
        tokens.insert(e);
        return new Issued(new TokenPair(new Tokens.Parsed(Tokens.ACCESS_TOKEN, id, accessSecret).join(),
                new Tokens.Parsed(Tokens.REFRESH_TOKEN, id, refreshSecret).join(), accessTtl.toSeconds()), e);
    }

    static void checkClientId(String clientId) {
        if (clientId != null && !clientId.isEmpty() && !Ids.isValid(clientId, Ids.USER_ID)) {
            throw OAuthException.invalidRequest("invalid client_id");
        }
    }
}
