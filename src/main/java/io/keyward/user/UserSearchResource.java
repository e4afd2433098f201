package io.keyward.user;

import io.keyward.user.UserRequests.SearchUsers;
import io.keyward.wire.Page;
import io.keyward.wire.Query;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /search/users}: EntityRegistrySearch.SearchUsers. */
@ApplicationScoped
@Path("/search/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserSearchResource {
    @Inject
    UserRegistry registry;

    @GET
    public Response search(@Context UriInfo uri) {
        return Page.answer("users", registry.search(SearchUsers.parse(new Query(uri.getQueryParameters()))));
    }
}
