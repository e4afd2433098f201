package io.keyward.apikey;

import io.keyward.wire.JsonIn;
import io.keyward.wire.NoStore;
import io.keyward.wire.Page;
import io.keyward.wire.Query;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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

/** UserAccess API keys: {@code /api/v3/users/{user_id}/api-keys} (API.md §6.2–§6.6). */
@ApplicationScoped
@Path("/users/{user_id}/api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {
    @Inject
    UserAccess service;

    @POST
    @NoStore
    public JsonObject create(@PathParam("user_id") String userId, InputStream body) {
        return service.create(userId, JsonIn.parse(body));
    }

    @GET
    public Response list(@PathParam("user_id") String userId, @Context UriInfo uriInfo) {
        return Page.answer("api_keys", service.list(userId, new Query(uriInfo.getQueryParameters())));
    }

    @GET
    @Path("{key_id}")
    public JsonObject get(@PathParam("user_id") String userId, @PathParam("key_id") String keyId) {
        return service.get(userId, keyId);
    }

    @PUT
    @Path("{key_id}")
    public JsonObject update(@PathParam("user_id") String userId, @PathParam("key_id") String keyId, InputStream body) {
        return service.update(userId, keyId, JsonIn.parse(body));
    }

    @DELETE
    @Path("{key_id}")
    public JsonObject delete(@PathParam("user_id") String userId, @PathParam("key_id") String keyId) {
        service.delete(userId, keyId);
        return JsonObject.EMPTY_JSON_OBJECT;
    }
}
