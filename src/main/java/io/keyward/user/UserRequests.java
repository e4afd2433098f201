package io.keyward.user;

import io.keyward.entity.State;
import io.keyward.wire.FieldMask;
import io.keyward.wire.JsonIn;
import io.keyward.wire.Query;
import java.util.List;
import java.util.Map;

/**
 * The request messages of UserRegistry and SearchUsers, mapped from HTTP as grpc-gateway does
 * (API.md §1.2): bodies decoded completely before any rule runs, path parameters overriding the body.
 */
final class UserRequests {
    private UserRequests() {
    }

    /** {@code CreateUserRequest}. */
    record CreateUser(boolean hasUser, UserInput user, String invitationToken) {
        static CreateUser parse(JsonIn body) {
            JsonIn user = body.object("user").orElse(null);
            return new CreateUser(user != null, UserInput.parse(user), body.string("invitation_token"));
        }
    }

    /** {@code UpdateUserRequest}; the path sets {@code user.ids.user_id}. */
    record UpdateUser(UserInput user, FieldMask mask) {
        static UpdateUser parse(String userId, JsonIn body) {
            UserInput user = UserInput.parse(body.object("user").orElse(null));
            user.hasIds = true;
            user.userId = userId;
            return new UpdateUser(user, FieldMask.fromBody(body, "field_mask"));
        }
    }

    /** {@code UpdateUserPasswordRequest}; the path sets {@code user_ids.user_id}. */
    record UpdatePassword(String userId, String newPassword, String oldPassword, boolean revokeAllAccess) {
        static UpdatePassword parse(String userId, JsonIn body) {
            body.object("user_ids").ifPresent(ids -> ids.string("user_id"));
            return new UpdatePassword(userId, body.string("new"), body.string("old"), body.bool("revoke_all_access"));
        }
    }

    /** {@code ListUsersRequest} from the query string. */
    record ListUsers(FieldMask mask, String order, long limit, long page, boolean deleted) {
        static ListUsers parse(Query q) {
            return new ListUsers(q.fieldMask(), q.string("order"), q.uint32("limit"), q.uint32("page"), q.bool("deleted"));
        }
    }

    /** {@code SearchUsersRequest} from the query string. */
    record SearchUsers(String query, String idContains, String nameContains, String descriptionContains,
                       Map<String, String> attributesContain, List<State> states, FieldMask mask, String order,
                       long limit, long page, boolean deleted) {
        static SearchUsers parse(Query q) {
            return new SearchUsers(q.string("query"), q.string("id_contains"), q.string("name_contains"),
                    q.string("description_contains"), q.stringMap("attributes_contain"), q.enumList("state", State.class),
                    q.fieldMask(), q.string("order"), q.uint32("limit"), q.uint32("page"), q.bool("deleted"));
        }
    }
}
