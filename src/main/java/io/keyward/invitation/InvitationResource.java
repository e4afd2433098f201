package io.keyward.invitation;

import io.keyward.config.KeywardConfig;
import io.keyward.wire.JsonIn;
import io.keyward.wire.JsonOut;
import io.keyward.wire.NoStore;
import io.keyward.wire.Page;
import io.keyward.wire.Paging;
import io.keyward.wire.Query;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;

/** UserInvitationRegistry over HTTP (API.md §7). */
@ApplicationScoped
@Path("/invitations")
@Produces(MediaType.APPLICATION_JSON)
public class InvitationResource {
    @Inject
    UserInvitationRegistry service;

    @Inject
    KeywardConfig config;

    /** Send: {@code POST /invitations {"email": ...}} → the Invitation, with its token. */
    @POST
    @NoStore
    public JsonObject send(InputStream body) {
        JsonIn in = JsonIn.parse(body);
        return InvitationMapper.json(service.send(in.string("email")));
    }

    /** List: {@code GET /invitations?limit=&page=} → Invitations, X-Total-Count. */
    @GET
    @NoStore
    public Response list(@Context UriInfo uri) {
        Paging paging = Paging.fromQuery(new Query(uri.getQueryParameters()), config.defaultPageLimit());
        return Page.answer("invitations", service.list(paging).map(InvitationMapper::json));
    }

    /** Delete: {@code DELETE /invitations?email=} → {}. */
    @DELETE
    public JsonObject delete(@Context UriInfo uri) {
        service.delete(new Query(uri.getQueryParameters()).string("email"));
        return JsonOut.object().build();
    }
}
