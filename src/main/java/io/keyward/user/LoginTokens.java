package io.keyward.user;

import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
import io.keyward.config.KeywardConfig;
import io.keyward.config.KeywardConfig.Option;
import io.keyward.crypto.Secrets;
import io.keyward.crypto.Tokens;
import io.keyward.error.Errors;
import io.keyward.rights.CallerContext;
import io.keyward.wire.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Login tokens (TTS UserAccess.CreateLoginToken, API.md §6.7; issue 18 §2): a single-use link, mailed to the
 * user, that signs them in. Anyone may ask for one for any user (it goes to the user's own address); an
 * admin gets the token itself for a user who is not an admin. Only the token's hash is stored.
 */
@ApplicationScoped
public class LoginTokens {
    /** TTS refuses a sixth token while five are still usable. */
    static final int MAX_ACTIVE = 5;
    /** Keyward's name: TTS publishes no event for login tokens. */
    static final String ACTION = "user.login-token.create";

    @Inject
    KeywardConfig config;

    @Inject
    UserStore users;

    @Inject
    SsoLinkStore ssoLinks;

    @Inject
    LoginTokenStore tokens;

    @Inject
    CallerContext context;

    @Inject
    Event<MailRequest> mail;

    @Inject
    AuditTrail audit;

    /** The token, when the caller may see it (an admin, for a user who is not one); else empty. */
    @Transactional
    public Optional<String> create(String userId, boolean skipEmail) {
        if (!config.bool(Option.LOGIN_TOKENS_ENABLED)) {
            throw Errors.LOGIN_TOKENS_DISABLED.error();
        }
        boolean callerIsAdmin = context.isAdmin(); // credential errors swallowed, as in TTS
        UserEntity u = users.lock(userId, false);
        if (u == null) {
            audit.refused(refusal(userId, "user_not_found"));
            throw Errors.ENTITY_NOT_FOUND.error("entity_type", "user", "entity_id", userId);
        }
        // A user whose sign-in belongs to the identity provider gets no local way in (issue 12 §4);
        // answered as for anyone, so that this anonymous method does not tell which accounts are linked.
        if (!ssoLinks.localPasswordAllowed(u.getId())) {
            audit.refused(refusal(userId, "local_password_disabled"));
            return Optional.empty();
        }
        Instant now = Timestamps.now();
        if (tokens.countActive(u.getId(), now) >= MAX_ACTIVE) {
            audit.refused(refusal(userId, "login_tokens_still_valid"));
            throw Errors.LOGIN_TOKENS_STILL_VALID.error();
        }
        tokens.deleteSpent(u.getId(), now);
        String token = Secrets.randomBase32(Tokens.SECRET_BYTES);
        Instant expiresAt = now.plus(config.duration(Option.LOGIN_TOKENS_TTL));
        tokens.insert(u.getId(), Tokens.hashSecret(token), now, expiresAt);
        boolean mailed = !(callerIsAdmin && skipEmail);
        if (mailed) {
            mail.fire(new MailRequest("login_token", u.getPrimaryEmailAddress(), u.getName(),
                    Map.of("user_id", userId), Map.of("token", token)));
        }
        boolean shown = callerIsAdmin && !u.isAdmin();
        audit.record(AuditEvent.of(ACTION).user(userId).detail("expires_at", Timestamps.format(expiresAt))
                .detail("mailed", mailed).detail("token_shown", shown));
        return shown ? Optional.of(token) : Optional.empty();
    }

    /** A request that made no token: recorded on its own, as the caller's transaction makes nothing. */
    private static AuditEvent refusal(String userId, String reason) {
        return AuditEvent.of(ACTION).user(userId).outcome(AuditEvent.FAILURE).detail("reason", reason);
    }

    /**
     * Spends a token, in the caller's transaction (the sign-in that it buys commits with it): the primary
     * key of its user. Unknown, expired and used tokens answer as TTS's web login does.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long redeem(String token) {
        if (token == null || token.isEmpty()) {
            throw Errors.LOGIN_TOKEN_NOT_FOUND.error();
        }
        LoginTokenEntity t = tokens.byHash(Tokens.hashSecret(token)).orElseThrow(() -> Errors.LOGIN_TOKEN_NOT_FOUND.error());
        Instant now = Timestamps.now();
        if (t.getUsedAt() != null) {
            throw Errors.LOGIN_TOKEN_ALREADY_USED.error();
        }
        if (!t.getExpiresAt().isAfter(now)) {
            throw Errors.LOGIN_TOKEN_EXPIRED.error();
        }
        if (!tokens.markUsed(t.getId(), now)) {
            throw Errors.LOGIN_TOKEN_ALREADY_USED.error();
        }
        return t.getUserPk();
    }
}
