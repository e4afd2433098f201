package io.keyward.contactinfo;

import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.Ids;
import io.keyward.error.Errors;
import io.keyward.error.Validation;
import io.keyward.rights.EntityRights;
import io.keyward.rights.Right;
import io.keyward.wire.JsonIn;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/** The rules of the deprecated ContactInfoRegistry (API.md §11.4); both methods always end in an error. */
@Stateless
public class ContactInfoRegistry {
    private static final List<String> ENTITY_KINDS = List.of("application_ids", "client_ids", "device_ids",
            "gateway_ids", "organization_ids", "user_ids");

    @Inject
    EntityRights rights;

    /** Users: {@code RIGHT_USER_SETTINGS_BASIC}, then {@code no_validation_needed}. */
    public void request(JsonIn ids) {
        String kind = null;
        for (String k : ENTITY_KINDS) {
            if (ids.value(k).isPresent()) {
                kind = k;
                break;
            }
        }
        if (kind == null) {
            throw Validation.invalid("ids", "value is required");
        }
        if (kind.equals("user_ids")) {
            String userId = ids.object("user_ids").map(u -> u.string("user_id")).orElse("");
            Ids.validateUserId("user_ids.user_id", userId);
            rights.require(EntityIdentifiers.user(userId), Right.RIGHT_USER_SETTINGS_BASIC);
        }
        // No entity of Keyward has legacy contact info to validate.
        throw Errors.NO_VALIDATION_NEEDED.error();
    }

    public void validate(String id) {
        throw Errors.VALIDATION_TOKEN_NOT_FOUND.error("validation_id", id);
    }
}
