package io.keyward.authn;

import io.keyward.wire.Page;
import io.keyward.wire.Query;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** UserSessionRegistry: {@code /api/v3/users/{user_id}/sessions} (API.md §11.1). */
@ApplicationScoped
@Path("/users/{user_id}/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class UserSessionResource {
    @Inject
    UserSessions service;

    @GET
    public Response list(@PathParam("user_id") String userId, @Context UriInfo uriInfo) {
        return Page.answer("sessions", service.list(userId, new Query(uriInfo.getQueryParameters())));
    }

    @DELETE
    @Path("{session_id}")
    public JsonObject delete(@PathParam("user_id") String userId, @PathParam("session_id") String sessionId) {
        service.delete(userId, sessionId);
        return JsonObject.EMPTY_JSON_OBJECT;
    }
}
