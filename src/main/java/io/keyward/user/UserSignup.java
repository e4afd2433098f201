package io.keyward.user;

import io.keyward.user.UserRequests.CreateUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/**
 * {@code POST /users}, which anyone may call (issue 12 §3): the request is checked first (no database),
 * its password is then hashed in a {@link HashingSlots} slot with no transaction and no connection held,
 * and only then does {@link UserRegistry#create(CreateUser, String)} open its transaction to insert.
 */
@ApplicationScoped
public class UserSignup {
    @Inject
    UserRegistry registry;

    @Inject
    HashingSlots slots;

    public JsonObject create(CreateUser request) {
        registry.checkCreate(request);
        String hash = slots.hash(request.user().password);
        return registry.create(request, hash);
    }
}
