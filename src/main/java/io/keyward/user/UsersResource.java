package io.keyward.user;

import io.keyward.user.UserRequests.CreateUser;
import io.keyward.user.UserRequests.ListUsers;
import io.keyward.wire.JsonIn;
import io.keyward.wire.Page;
import io.keyward.wire.Query;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;

/** {@code /users}: Users.Create and Users.List. */
@ApplicationScoped
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {
    @Inject
    UserRegistry registry;

    @Inject
    UserSignup signup;

    @POST
    public JsonObject create(InputStream body) {
        return signup.create(CreateUser.parse(JsonIn.parse(body)));
    }

    @GET
    public Response list(@Context UriInfo uri) {
        return Page.answer("users", registry.list(ListUsers.parse(new Query(uri.getQueryParameters()))));
    }
}
