package io.keyward.notification;

import io.keyward.notification.ClusterKeys.ClusterPeer;
import io.keyward.notification.NotificationJson.CreateNotification;
import io.keyward.wire.JsonIn;
import io.keyward.wire.JsonOut;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * NotificationService.Create over HTTP — a Keyward extension: The Things Stack offers it over gRPC to
 * cluster peers only. Here it is {@code POST /api/v3/notifications}, for admins and for peers that
 * present {@code Authorization: ClusterKey <key>}.
 */
@ApplicationScoped
@Path("/notifications")
public class NotificationsResource {
    @Inject
    NotificationService service;

    @Inject
    ClusterKeys clusterKeys;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject create(InputStream body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        CreateNotification req = NotificationJson.parseCreate(JsonIn.parse(body));
        ClusterPeer peer = clusterKeys.authenticate(authorization);
        String id = service.create(req, peer);
        return JsonOut.object().string("id", id).build();
    }
}
