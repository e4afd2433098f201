package io.keyward.user;

import io.keyward.entity.EntityIdentifiers;
import io.keyward.entity.State;
import io.keyward.ops.Deployments;
import io.keyward.rights.Caller;
import io.keyward.rights.Right;
import io.keyward.rights.Rights;
import io.keyward.wire.JsonIn;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Shared pieces of the in-container tests of the user component. */
final class UserTestSupport {
    static final String PASSWORD = "Secret-Passw0rd";

    private UserTestSupport() {
    }

    /** The application plus the test configuration source. */
    static WebArchive deployment(String name) {
        return Deployments.keyward(name).addAsServiceProvider(ConfigSource.class, TestConfig.class);
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static JsonIn json(String text) {
        return JsonIn.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The bootstrap admin, acting with an all-rights credential. */
    static Caller admin() {
        Rights all = Rights.of(Right.RIGHT_ALL).implied();
        return new Caller(Caller.Kind.API_KEY, EntityIdentifiers.user("admin"), "test-key", all, Rights.ADMIN.intersect(all), true,
                State.STATE_APPROVED, "", List.of());
    }

    /** An approved, non-admin user acting with a credential holding {@code rights}. */
    static Caller user(String userId, Right... rights) {
        return new Caller(Caller.Kind.API_KEY, EntityIdentifiers.user(userId), "test-key", Rights.of(rights).implied(), Rights.NONE, false,
                State.STATE_APPROVED, "", List.of());
    }

    static Caller user(String userId, State state, String description, Right... rights) {
        return new Caller(Caller.Kind.API_KEY, EntityIdentifiers.user(userId), "test-key", Rights.of(rights).implied(), Rights.NONE, false,
                state, description, List.of());
    }

    static UserRequests.CreateUser createRequest(String userId, String email, String extraUserFields) {
        return UserRequests.CreateUser.parse(json("""
                {"user": {"ids": {"user_id": "%s"}, "primary_email_address": "%s", "password": "%s"%s}}
                """.formatted(userId, email, PASSWORD, extraUserFields.isEmpty() ? "" : ", " + extraUserFields)));
    }

    static UserRequests.UpdateUser updateRequest(String userId, String user, String... paths) {
        return UserRequests.UpdateUser.parse(userId, json("""
                {"user": %s, "field_mask": {"paths": [%s]}}
                """.formatted(user, String.join(",", java.util.Arrays.stream(paths).map(p -> "\"" + p + "\"").toList()))));
    }
}
