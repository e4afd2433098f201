package io.keyward.user;

import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.persistence.PreRemove;
import jakarta.persistence.PreUpdate;

/** Tells this node's {@link UserReadCache} about every JPA write of a user row. */
public class UserChangeListener {
    @Inject
    UserReadCache cache;

    @PreUpdate
    @PostUpdate
    @PreRemove
    @PostRemove
    @PostPersist
    void changed(UserEntity user) {
        if (cache != null && user.getUserId() != null) {
            cache.changed(user.getUserId());
        }
    }
}
