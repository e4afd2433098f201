package io.keyward.apikey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** UserAccess.ListRights: {@code GET /api/v3/users/{user_id}/rights} (API.md §6.1). */
@ApplicationScoped
@Path("/users/{user_id}/rights")
@Produces(MediaType.APPLICATION_JSON)
public class UserRightsResource {
    @Inject
    UserAccess service;

    @GET
    public JsonObject list(@PathParam("user_id") String userId) {
        return service.listRights(userId);
    }
}
