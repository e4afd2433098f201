package io.keyward.authn;

import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
import io.keyward.config.KeywardConfig;
import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.Ids;
import io.keyward.error.Errors;
import io.keyward.error.Validation;
import io.keyward.rights.CredentialRevoked;
import io.keyward.rights.EntityRights;
import io.keyward.rights.Right;
import io.keyward.user.UserEntity;
import io.keyward.user.UserStore;
import io.keyward.wire.Page;
import io.keyward.wire.Paging;
import io.keyward.wire.Query;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The UserSessionRegistry (API.md §11.1): a user's sessions, listed and ended. A session is one sign-in at
 * {@code /oauth/token} with the token pairs descended from it; ending it deletes them, and the database's
 * change notices make every node refuse them at their next request. Both methods require
 * {@code RIGHT_USER_ALL} on the user, as in TTS (admins have it only with {@code is.admin-rights.all}).
 */
@Stateless
public class UserSessions {
    /** TTS's {@code in} list, in its order; Go prints it with the empty string first: {@code [ created_at -created_at]}. */
    static final List<String> ORDERS = List.of("", "created_at", "-created_at");
    static final int MAX_SESSION_ID = 64;

    @Inject
    EntityRights rights;

    @Inject
    KeywardConfig config;

    @Inject
    SessionStore sessions;

    @Inject
    AccessTokenStore tokens;

    @Inject
    UserStore users;

    @Inject
    Event<CredentialRevoked> revoked;

    @Inject
    AuditTrail audit;

    /** ListUserSessions: default order by session ID; no secret (a session has none of its own). */
    public Page<JsonObject> list(String userId, Query query) {
        Ids.validateUserIds("ListUserSessionsRequest", userId);
        String order = query.string("order");
        if (!ORDERS.contains(order)) {
            throw Validation.invalid("order", "value must be in list [" + String.join(" ", ORDERS) + "]");
        }
        Paging paging = Paging.fromQuery(query, config.defaultPageLimit());
        rights.require(EntityIdentifiers.user(userId), Right.RIGHT_USER_ALL);
        long userPk = userPk(userId);
        SessionStore.Order by = switch (order) {
            case "created_at" -> SessionStore.Order.CREATED_AT;
            case "-created_at" -> SessionStore.Order.CREATED_AT_DESC;
            default -> SessionStore.Order.SESSION_ID;
        };
        return sessions.page(userPk, by, paging).map(s -> UserSessionJson.of(userId, s));
    }

    /** DeleteUserSession: the session's pairs stop working at once, on every node. */
    public void delete(String userId, String sessionId) {
        Ids.validateUserIds("UserSessionIdentifiers", userId);
        String id = sessionId == null ? "" : sessionId;
        if (id.codePointCount(0, id.length()) > MAX_SESSION_ID) {
            throw Validation.invalid("session_id", "value length must be at most " + MAX_SESSION_ID + " runes");
        }
        rights.require(EntityIdentifiers.user(userId), Right.RIGHT_USER_ALL);
        SessionEntity s = sessions.find(userPk(userId), id);
        if (s == null) {
            throw Errors.USER_SESSION_NOT_FOUND.error("session_id", id, "user_id", userId);
        }
        end(s.getFamilyId());
        audit.record(AuditEvent.of("user.session.delete").user(userId).detail("session_id", id));
    }

    /**
     * Ends the session of a token family with all its pairs. The pairs go first, then the session, then the
     * pairs once more: a refresh locks its pair's row before the session's (OAuthService.refreshGrant), so
     * the first delete waits for a refresh in progress and cannot deadlock with it, and the second one
     * (a statement of its own, which sees what committed meanwhile) takes the pair that refresh made.
     */
    public void end(String familyId) {
        List<String> ids = new ArrayList<>(tokens.deleteFamily(familyId));
        sessions.deleteFamily(familyId);
        ids.addAll(tokens.deleteFamily(familyId));
        for (String id : ids) {
            revoked.fire(new CredentialRevoked(id));
        }
    }

    /** Ends every session of the user (UpdatePassword with revoke_all_access, Delete, SSO linking), in the same order. */
    public void endAll(String userId) {
        tokens.deleteOfUser(userId);
        sessions.deleteOfUser(userId);
        tokens.deleteOfUser(userId);
    }

    /** Records a use of the access token {@code tokenId} in its session, unless one was recorded since {@code notBefore}. */
    public void recordUse(String tokenId, Instant now, Instant notBefore) {
        sessions.used(tokenId, now, notBefore);
    }

    private long userPk(String userId) {
        UserEntity u = users.find(userId, true);
        if (u == null) {
            throw Errors.USER_NOT_FOUND.error("user_id", userId);
        }
        return u.getId();
    }
}
