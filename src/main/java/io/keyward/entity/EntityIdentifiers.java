package io.keyward.entity;

import java.util.Objects;

/** One entity of any type, by its ID: what rights are asked about and who owns a credential. */
public record EntityIdentifiers(EntityType type, String id) {
    public EntityIdentifiers {
        Objects.requireNonNull(type, "type");
    }

    public static EntityIdentifiers user(String userId) {
        return new EntityIdentifiers(EntityType.USER, userId);
    }
}
