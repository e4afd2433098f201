package io.keyward.contactinfo;

import io.keyward.wire.JsonIn;
import io.keyward.wire.JsonOut;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/** EmailValidationRegistry over HTTP (API.md §11.3). */
@ApplicationScoped
@Path("/email/validation")
@Produces(MediaType.APPLICATION_JSON)
public class EmailValidationResource {
    @Inject
    EmailValidationRegistry service;

    /** RequestValidation: body = UserIdentifiers → EmailValidation without its token. */
    @POST
    public JsonObject request(InputStream body) {
        JsonIn in = JsonIn.parse(body);
        EmailValidationRegistry.View v = service.request(in.string("user_id"));
        return JsonOut.object()
                .string("id", v.id())
                .string("address", v.address())
                .timestamp("created_at", v.createdAt())
                .timestamp("expires_at", v.expiresAt())
                .timestamp("updated_at", v.updatedAt())
                .build();
    }

    /** Validate (no authentication): {@code {"id": ..., "token": ...}} → {}. */
    @PATCH
    public JsonObject validate(InputStream body) {
        JsonIn in = JsonIn.parse(body);
        service.validate(in.string("id"), in.string("token"));
        return JsonOut.object().build();
    }
}
