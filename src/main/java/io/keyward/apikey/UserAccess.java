package io.keyward.apikey;

import io.keyward.audit.AuditEvent;
import io.keyward.audit.AuditTrail;
import io.keyward.config.KeywardConfig;
import io.keyward.crypto.Tokens;
import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.Ids;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.error.Validation;
import io.keyward.rights.CallerContext;
import io.keyward.rights.CredentialRevoked;
import io.keyward.rights.EntityRights;
import io.keyward.rights.Right;
import io.keyward.rights.Rights;
import io.keyward.rights.RightsColumn;
import io.keyward.user.MailRequest;
import io.keyward.user.NotificationRequest;
import io.keyward.user.UserEntity;
import io.keyward.user.UserStore;
import io.keyward.wire.FieldMask;
import io.keyward.wire.JsonIn;
import io.keyward.wire.JsonOut;
import io.keyward.wire.Page;
import io.keyward.wire.Paging;
import io.keyward.wire.Query;
import io.keyward.wire.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * UserAccess for API keys (API.md §6.2–§6.6): create, list, get, update (with TTS's field-mask rules,
 * including "empty rights deletes the key") and delete the API keys of a user.
 */
@Stateless
public class UserAccess {
    static final Set<String> UPDATE_PATHS = Set.of("created_at", "expires_at", "id", "key", "name", "rights", "updated_at");
    static final List<String> ORDERS = List.of("api_key_id", "-api_key_id", "name", "-name", "created_at", "-created_at",
            "expires_at", "-expires_at");
    private static final int MAX_NAME = 50;

    @Inject
    ApiKeyStore keys;

    @Inject
    UserStore users;

    @Inject
    EntityRights userRights;

    @Inject
    CallerContext callerContext;

    @Inject
    KeywardConfig config;

    @Inject
    Event<MailRequest> mail;

    @Inject
    Event<NotificationRequest> notifications;

    @Inject
    Event<CredentialRevoked> revoked;

    @Inject
    AuditTrail audit;

    /** UserAccess.ListRights (API.md §6.1): the caller's rights on the user, entity-scoped rights only; {@code {}} when none. */
    public JsonObject listRights(String userId) {
        Ids.validateBareUserId(userId);
        callerContext.requireValidCredential();
        Rights rights = userRights.rightsOn(EntityIdentifiers.user(userId)).only(Right::isEntityScoped);
        return JsonOut.object().enumList("rights", rights.asSet()).build();
    }

    /** CreateAPIKey: the answer carries the whole token in {@code key}, the only time it is shown. */
    public JsonObject create(String userId, JsonIn body) {
        Ids.validateUserIds("CreateUserAPIKeyRequest", userId);
        String name = body.string("name");
        List<Right> rights = body.enumList("rights", Right.class);
        Optional<Instant> expiresAt = body.timestamp("expires_at");
        validateName(name, "name");
        if (rights.isEmpty()) {
            throw Validation.invalid("rights", "value must contain at least 1 item(s)");
        }
        if (new HashSet<>(rights).size() != rights.size()) {
            throw Validation.invalid("rights", "repeated value must contain unique items");
        }
        validateExpiry(expiresAt, "expires_at");

        Rights held = userRights.require(EntityIdentifiers.user(userId), Right.RIGHT_USER_SETTINGS_API_KEYS);
        EntityRights.check(EntityIdentifiers.user(userId), held, Rights.of(rights));

        UserEntity user = user(userId);
        Tokens.Parsed token = Tokens.generate(Tokens.API_KEY);
        Instant now = Timestamps.now();
        ApiKeyEntity k = new ApiKeyEntity();
        k.setKeyId(token.id());
        k.setUserPk(user.getId());
        k.setSecretHash(Tokens.hashSecret(token.secret()));
        k.setName(name);
        k.setRights(RightsColumn.format(rights));
        k.setCreatedAt(now);
        k.setUpdatedAt(now);
        k.setExpiresAt(expiresAt.orElse(null));
        keys.insert(k);
        audit.record(AuditEvent.of("user.api-key.create").user(userId).detail("api_key_id", k.getKeyId())
                .change("name", null, ApiKeyAudit.string(k.getName()))
                .change("rights", null, ApiKeyAudit.rights(k.getRights()))
                .change("expires_at", null, ApiKeyAudit.time(k.getExpiresAt())));
        announce("api_key_created", user, k);
        return ApiKeyJson.of(k, token.join());
    }

    /** ListAPIKeys: without secrets, expired keys included; default order by ID. */
    public Page<JsonObject> list(String userId, Query query) {
        Ids.validateUserIds("ListUserAPIKeysRequest", userId);
        String order = query.string("order");
        if (!order.isEmpty() && !ORDERS.contains(order)) {
            throw Validation.invalid("order", "value must be in list [" + String.join(" ", ORDERS) + "]");
        }
        Paging paging = Paging.fromQuery(query, config.defaultPageLimit());
        userRights.require(EntityIdentifiers.user(userId), Right.RIGHT_USER_SETTINGS_API_KEYS);

        return keys.page(user(userId).getId(), order, paging).map(ApiKeyJson::of);
    }

    /** GetAPIKey: never the secret. */
    public JsonObject get(String userId, String keyId) {
        Ids.validateUserIds("GetUserAPIKeyRequest", userId);
        userRights.require(EntityIdentifiers.user(userId), Right.RIGHT_USER_SETTINGS_API_KEYS);
        return ApiKeyJson.of(key(userId, keyId));
    }

    /**
     * UpdateAPIKey. An empty mask means {@code rights,name}; if {@code rights} is in the effective mask and
     * the new rights are empty, the key is deleted and the answer is {@code {}} (TTS quirk).
     */
    public JsonObject update(String userId, String keyId, JsonIn body) {
        FieldMask mask = FieldMask.fromBody(body, "field_mask").requireAllowed(UPDATE_PATHS);
        Ids.validateUserIds("UpdateUserAPIKeyRequest", userId);
        JsonIn apiKey = body.object("api_key").orElse(JsonIn.of(jakarta.json.JsonValue.EMPTY_JSON_OBJECT));
        String name = apiKey.string("name");
        List<Right> rights = apiKey.enumList("rights", Right.class);
        Optional<Instant> expiresAt = apiKey.timestamp("expires_at");
        validateName(name, "api_key.name");
        validateExpiry(expiresAt, "api_key.expires_at");

        Rights held = userRights.require(EntityIdentifiers.user(userId), Right.RIGHT_USER_SETTINGS_API_KEYS);
        if (!rights.isEmpty()) {
            ApiKeyEntity current = key(userId, keyId);
            Set<Right> existing = new LinkedHashSet<>(RightsColumn.parse(current.getRights()));
            Set<Right> wanted = new LinkedHashSet<>(rights);
            Set<Right> changed = new LinkedHashSet<>(wanted);
            changed.removeAll(existing);
            Set<Right> removed = new LinkedHashSet<>(existing);
            removed.removeAll(wanted);
            changed.addAll(removed);
            EntityRights.check(EntityIdentifiers.user(userId), held, Rights.of(changed));
        }
        if (mask.isEmpty()) {
            mask = FieldMask.of("rights", "name");
        }
        ApiKeyEntity k = key(userId, keyId);
        revoked.fire(new CredentialRevoked(k.getKeyId()));
        if (mask.contains("rights") && rights.isEmpty()) {
            keys.remove(k);
            audit.record(AuditEvent.of("user.api-key.delete").user(userId).detail("api_key_id", k.getKeyId())
                    .detail("reason", "updated with no rights")
                    .change("rights", ApiKeyAudit.rights(k.getRights()), null));
            return JsonOut.object().build();
        }
        ApiKeyAudit.Snapshot before = ApiKeyAudit.snapshot(k);
        if (mask.contains("name")) {
            k.setName(name);
        }
        if (mask.contains("rights")) {
            k.setRights(RightsColumn.format(rights));
        }
        if (mask.contains("expires_at")) {
            k.setExpiresAt(expiresAt.orElse(null));
        }
        k.setUpdatedAt(Timestamps.now());
        keys.flush();
        audit.record(ApiKeyAudit.changes(AuditEvent.of("user.api-key.update").user(userId)
                .detail("api_key_id", k.getKeyId()).detail("field_mask", mask.paths()), before, ApiKeyAudit.snapshot(k)));
        announce("api_key_changed", user(userId), k);
        return ApiKeyJson.of(k);
    }

    /** DeleteAPIKey: the key stops authenticating at once. */
    public void delete(String userId, String keyId) {
        Ids.validateUserIds("DeleteUserAPIKeyRequest", userId);
        userRights.require(EntityIdentifiers.user(userId), Right.RIGHT_USER_SETTINGS_API_KEYS);
        ApiKeyEntity k = key(userId, keyId);
        keys.remove(k);
        audit.record(AuditEvent.of("user.api-key.delete").user(userId).detail("api_key_id", k.getKeyId())
                .change("name", ApiKeyAudit.string(k.getName()), null)
                .change("rights", ApiKeyAudit.rights(k.getRights()), null));
        revoked.fire(new CredentialRevoked(k.getKeyId()));
    }

    private static void validateName(String name, String field) {
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            throw Validation.invalid(field, "value length must be at most " + MAX_NAME + " runes");
        }
    }

    private static void validateExpiry(Optional<Instant> expiresAt, String field) {
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(Instant.now())) {
            throw Validation.invalid(field, "value must be greater than now");
        }
    }

    private ApiKeyEntity key(String userId, String keyId) {
        ApiKeyEntity found = keys.findOf(userId, keyId == null ? "" : keyId);
        if (found == null) {
            throw notFound(userId, keyId);
        }
        return found;
    }

    static KeywardException notFound(String userId, String keyId) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("api_key_id", keyId == null ? "" : keyId);
        attributes.put("entity_type", "user");
        attributes.put("entity_id", userId);
        return new KeywardException(Errors.API_KEY_NOT_FOUND, attributes, null);
    }

    /** The owner, deleted or not (the rights check before has already refused callers without rights on it). */
    private UserEntity user(String userId) {
        UserEntity user = users.find(userId, true);
        if (user == null) {
            throw Errors.USER_NOT_FOUND.error("user_id", userId);
        }
        return user;
    }

    /** Notification (with its e-mail) to the user's administrative contact, i.e. the user. */
    private void announce(String type, UserEntity user, ApiKeyEntity k) {
        String sender = callerContext.caller().userId();
        notifications.fire(new NotificationRequest(user.getUserId(), type, ApiKeyJson.any(k), sender,
                List.of("NOTIFICATION_RECEIVER_ADMINISTRATIVE_CONTACT"), List.of(user.getUserId()), false));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("user_id", user.getUserId());
        values.put("entity_type", "user");
        values.put("entity_id", user.getUserId());
        values.put("api_key_id", k.getKeyId());
        values.put("api_key_name", k.getName());
        values.put("rights", RightsColumn.parse(k.getRights()).stream().map(Right::fullName).collect(Collectors.joining(", ")));
        if (sender != null) {
            values.put("sender_user_id", sender);
        }
        mail.fire(new MailRequest(type, user.getPrimaryEmailAddress(), user.getName(), values, Map.of()));
    }
}
