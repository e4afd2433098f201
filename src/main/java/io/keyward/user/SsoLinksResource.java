package io.keyward.user;

import io.keyward.wire.JsonIn;
import io.keyward.wire.JsonOut;
import io.keyward.wire.Query;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;

/**
 * Keyward extension, admins only: the enterprise SSO identities linked to a user.
 * {@code GET /api/v3/keyward/users/{user_id}/sso-links} lists them,
 * {@code POST} with {@code {"issuer": ..., "subject": ...}} links one (issuer defaults to
 * {@code mp.jwt.verify.issuer}), {@code DELETE ?issuer=&subject=} unlinks one.
 */
@ApplicationScoped
@Path("/keyward/users/{user_id}/sso-links")
@Produces(MediaType.APPLICATION_JSON)
public class SsoLinksResource {
    @Inject
    SsoLinks links;

    @GET
    public JsonObject list(@PathParam("user_id") String userId) {
        return JsonOut.object().messages("links", links.list(userId).stream().map(SsoLinksResource::json).toList()).build();
    }

    @POST
    public JsonObject link(@PathParam("user_id") String userId, InputStream body) {
        JsonIn in = JsonIn.parse(body);
        return json(links.link(userId, in.string("issuer"), in.string("subject")));
    }

    @DELETE
    public JsonObject unlink(@PathParam("user_id") String userId, @Context UriInfo uri) {
        Query q = new Query(uri.getQueryParameters());
        links.unlink(userId, q.string("issuer"), q.string("subject"));
        return JsonOut.object().build();
    }

    static JsonObject json(SsoLinkStore.Link l) {
        return JsonOut.object().string("issuer", l.issuer()).string("subject", l.subject())
                .timestamp("created_at", l.createdAt()).build();
    }
}
