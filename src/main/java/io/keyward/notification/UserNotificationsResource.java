package io.keyward.notification;

import io.keyward.config.KeywardConfig;
import io.keyward.wire.JsonIn;
import io.keyward.wire.JsonOut;
import io.keyward.wire.Page;
import io.keyward.wire.Query;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;

/** NotificationService.List and UpdateStatus: a receiving user's notifications. */
@ApplicationScoped
@Path("/users/{user_id}/notifications")
public class UserNotificationsResource {
    @Inject
    NotificationService service;

    @Inject
    KeywardConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@PathParam("user_id") String userId, @Context UriInfo uri) {
        return Page.answer("notifications", service.list(NotificationJson.parseList(userId,
                new Query(uri.getQueryParameters()), config.defaultPageLimit())));
    }

    @PATCH
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject updateStatus(@PathParam("user_id") String userId, InputStream body) {
        service.updateStatus(NotificationJson.parseUpdate(userId, JsonIn.parse(body)));
        return JsonOut.object().build();
    }
}
