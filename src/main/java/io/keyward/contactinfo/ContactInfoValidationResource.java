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

/**
 * The deprecated ContactInfoRegistry (API.md §11.4). Users have no legacy contact info: requesting a
 * validation answers {@code no_validation_needed}, validating answers {@code validation_token_not_found}.
 */
@ApplicationScoped
@Path("/contact_info/validation")
@Produces(MediaType.APPLICATION_JSON)
public class ContactInfoValidationResource {
    @Inject
    ContactInfoRegistry service;

    /** RequestValidation: body = EntityIdentifiers. */
    @POST
    public JsonObject request(InputStream body) {
        service.request(JsonIn.parse(body));
        return JsonOut.object().build();
    }

    /** Validate: body = ContactInfoValidation. */
    @PATCH
    public JsonObject validate(InputStream body) {
        JsonIn in = JsonIn.parse(body);
        service.validate(in.string("id"));
        return JsonOut.object().build();
    }
}
