package io.keyward.audit;

import io.keyward.wire.JsonP;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Collection;

/**
 * An action to record, as the capability that performs it describes it: the action's name (The Things
 * Stack's event name where it has one), the target, the outcome and the details. Actor, client address,
 * time and correlation ID are added by {@link AuditTrail}. Nothing secret may go into the details: callers
 * put field paths, identifiers, rights and before/after values of non-secret fields only.
 */
public final class AuditEvent {
    /** The action took effect. */
    public static final String SUCCESS = "success";
    /** The attempt was refused for its content (wrong password, invalid grant). */
    public static final String FAILURE = "failure";
    /** The caller lacked the rights. */
    public static final String DENIED = "denied";
    /** The attempt was refused by a rate limit. */
    public static final String THROTTLED = "throttled";

    final String action;
    String outcome = SUCCESS;
    String targetType;
    String targetId;
    AuditActor actor;
    private JsonObjectBuilder details;
    private JsonArrayBuilder changes;

    private AuditEvent(String action) {
        this.action = action;
    }

    public static AuditEvent of(String action) {
        return new AuditEvent(action);
    }

    /** The action is about the user {@code userId}: users see it in their own trail. */
    public AuditEvent user(String userId) {
        return target("user", userId);
    }

    public AuditEvent target(String type, String id) {
        this.targetType = type;
        this.targetId = id;
        return this;
    }

    public AuditEvent outcome(String outcome) {
        this.outcome = outcome;
        return this;
    }

    /** Someone other than the request's caller acts (SSO just-in-time creation, the server itself). */
    public AuditEvent actor(AuditActor actor) {
        this.actor = actor;
        return this;
    }

    public AuditEvent detail(String name, String value) {
        if (value != null) {
            details().add(name, value);
        }
        return this;
    }

    public AuditEvent detail(String name, boolean value) {
        details().add(name, value);
        return this;
    }

    public AuditEvent detail(String name, JsonValue value) {
        details().add(name, value == null ? JsonValue.NULL : value);
        return this;
    }

    public AuditEvent detail(String name, Collection<String> values) {
        JsonArrayBuilder a = JsonP.array();
        values.forEach(a::add);
        details().add(name, a);
        return this;
    }

    /** A field that changed, with its values before and after (JSON null when unset). */
    public AuditEvent change(String path, JsonValue before, JsonValue after) {
        changes().add(JsonP.object().add("path", path)
                .add("before", before == null ? JsonValue.NULL : before)
                .add("after", after == null ? JsonValue.NULL : after));
        return this;
    }

    /** A field that changed but whose values are not recorded (a secret, or a large picture). */
    public AuditEvent changeWithoutValues(String path) {
        changes().add(JsonP.object().add("path", path).add("values_recorded", false));
        return this;
    }

    private JsonObjectBuilder details() {
        if (details == null) {
            details = JsonP.object();
        }
        return details;
    }

    private JsonArrayBuilder changes() {
        if (changes == null) {
            changes = JsonP.array();
        }
        return changes;
    }

    /** The details as stored; null when there are none. */
    JsonObject detailsJson() {
        if (details == null && changes == null) {
            return null;
        }
        JsonObjectBuilder out = details == null ? JsonP.object() : details;
        if (changes != null) {
            out.add("changes", changes);
        }
        return out.build();
    }
}
