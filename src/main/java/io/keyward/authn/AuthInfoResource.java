package io.keyward.authn;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** EntityAccess.AuthInfo: {@code GET /api/v3/auth_info} — what the presented credential is. */
@ApplicationScoped
@Path("/auth_info")
@Produces(MediaType.APPLICATION_JSON)
public class AuthInfoResource {
    @Inject
    EntityAccess service;

    @GET
    public JsonObject authInfo() {
        return service.authInfo();
    }
}
