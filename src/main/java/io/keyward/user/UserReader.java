package io.keyward.user;

import io.keyward.config.KeywardConfig;
import io.keyward.config.KeywardConfig.Option;
import io.keyward.entity.EntityIdentifiers;
import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.rights.EntityRights;
import io.keyward.rights.Right;
import io.keyward.user.UserMapper.ReadOptions;
import io.keyward.user.UserValidation.Where;
import io.keyward.wire.FieldMask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/**
 * UserRegistry.Get ({@code GET /users/{user_id}}, API.md §4.2), the most frequent call of all. It only
 * reads (one primary-key find, often not even that: this node's {@link UserReadCache}), so it is a plain
 * CDI bean outside any transaction rather than a method of the {@link UserRegistry} enterprise bean:
 * the container's per-call work (pooling, a local transaction, interceptors) was about 12% of the CPU of
 * an authenticated Get (issue 19, JFR). Without an enterprise bean a thrown catalogue error also rolls
 * nothing back, so a plain 404 or 403 leaves no {@code WLTC0017E} in the log (issue 15).
 */
@ApplicationScoped
public class UserReader {
    @Inject
    UserStore store;

    @Inject
    UserReadCache userCache;

    @Inject
    CallerContext context;

    @Inject
    EntityRights rights;

    @Inject
    KeywardConfig config;

    public JsonObject get(String userId, FieldMask mask) {
        mask.requireAllowed(UserFields.READ);
        UserValidation.userId(userId, Where.of("user_ids", "GetUserRequest"));
        // Loaded before the rights check so that the check needs no query of its own; nothing of it is
        // used until the caller has passed. A recent copy of this node's cache saves the query too.
        boolean cacheable = !mask.touches("attributes");
        UserEntity u = cacheable ? userCache.get(userId) : null;
        if (u == null) {
            long generation = userCache.generation();
            u = store.find(userId, false);
            if (u != null && cacheable) {
                userCache.put(u, generation);
            }
        }
        boolean publicOnly = false;
        try {
            rights.requireLoaded(EntityIdentifiers.user(userId), u != null, Right.RIGHT_USER_INFO);
        } catch (KeywardException denied) {
            // TTS's order (getUser): authentication first, so that an anonymous caller asking for private
            // fields hears 401 unauthenticated rather than the rights error (issue 18).
            requireAuthenticated();
            for (String p : mask.paths()) {
                if (!UserFields.isPublic(p)) {
                    throw denied;
                }
            }
            publicOnly = true;
        }
        if (u == null) {
            throw Errors.USER_NOT_FOUND.error("user_id", userId);
        }
        boolean gravatar = config.bool(Option.PROFILE_PICTURE_USE_GRAVATAR);
        return UserMapper.read(u, mask, UserMapper.attributesIfAsked(u, mask),
                new ReadOptions(publicOnly, gravatar, config.string(Option.PROFILE_PICTURE_BUCKET_URL)));
    }

    /**
     * "Authenticated" as TTS means it for public profiles: any valid credential, but a user whose
     * account is requested, rejected or suspended is refused.
     */
    private void requireAuthenticated() {
        Caller caller = context.requireValidCredential();
        if (!caller.isAuthenticated()) {
            throw Errors.UNAUTHENTICATED.error();
        }
        if (caller.userId() != null && caller.state() != null) {
            KeywardException refused = switch (caller.state()) {
                case STATE_REQUESTED -> Errors.USER_REQUESTED.error();
                case STATE_REJECTED -> Errors.USER_REJECTED.error();
                case STATE_SUSPENDED -> Errors.USER_SUSPENDED.error();
                default -> null;
            };
            if (refused != null) {
                String description = caller.stateDescription();
                throw description == null || description.isEmpty() ? refused : refused.with("description", description);
            }
        }
    }
}
