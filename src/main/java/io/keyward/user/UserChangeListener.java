package io.keyward.user;

import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * Tells this node's {@link UserReadCache} about every JPA write of a user row, as it is written; the
 * cache drops its copy then and once more when the transaction ends.
 */
public class UserChangeListener {
    @Inject
    UserReadCache cache;

    @PostUpdate
    @PostRemove
    @PostPersist
    void changed(UserEntity user) {
        if (cache != null && user.getUserId() != null) {
            cache.changed(user.getUserId());
        }
    }
}
