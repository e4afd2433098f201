package io.keyward.user;

import io.keyward.user.UserRegistry.Answer;
import io.keyward.user.UserRequests.UpdatePassword;
import io.keyward.user.UserRequests.UpdateUser;
import io.keyward.wire.JsonIn;
import io.keyward.wire.JsonP;
import io.keyward.wire.Query;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;

/**
 * {@code /users/{user_id}}: Get, Update, Delete, and the user's restore, purge, password and
 * temporary-password and login-token sub-paths. Bodies are read whatever their Content-Type, as in TTS.
 */
@ApplicationScoped
@Path("/users/{user_id}")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    @Inject
    UserRegistry registry;

    @Inject
    UserReader reader;

    @Inject
    PasswordUpdates passwords;

    @Inject
    TemporaryPasswords temporaryPasswords;

    @Inject
    LoginTokens loginTokens;

    @GET
    public JsonObject get(@PathParam("user_id") String userId, @Context UriInfo uri) {
        return reader.get(userId, new Query(uri.getQueryParameters()).fieldMask());
    }

    @PUT
    public Response update(@PathParam("user_id") String userId, InputStream body) {
        Answer answer = registry.update(UpdateUser.parse(userId, JsonIn.parse(body)));
        Response.ResponseBuilder r = Response.ok(answer.body());
        answer.warnings().forEach(w -> r.header("X-Warning", w));
        return r.build();
    }

    @DELETE
    public JsonObject delete(@PathParam("user_id") String userId) {
        registry.delete(userId);
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    @POST
    @Path("restore")
    public JsonObject restore(@PathParam("user_id") String userId) {
        registry.restore(userId);
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    @DELETE
    @Path("purge")
    public JsonObject purge(@PathParam("user_id") String userId) {
        registry.purge(userId);
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    @PUT
    @Path("password")
    public JsonObject updatePassword(@PathParam("user_id") String userId, InputStream body) {
        passwords.updatePassword(UpdatePassword.parse(userId, JsonIn.parse(body)));
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    @POST
    @Path("temporary_password")
    public JsonObject createTemporaryPassword(@PathParam("user_id") String userId) {
        temporaryPasswords.create(userId);
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    /** CreateLoginToken: {@code {"token"}} for an admin asking for a user who is not one, else {@code {}}. */
    @POST
    @Path("login-tokens")
    public JsonObject createLoginToken(@PathParam("user_id") String userId, @Context UriInfo uri) {
        return loginTokens.create(userId, new Query(uri.getQueryParameters()).bool("skip_email"))
                .map(token -> JsonP.object().add("token", token).build())
                .orElse(JsonValue.EMPTY_JSON_OBJECT);
    }
}
