package io.keyward.mail;

import io.keyward.config.KeywardConfig;
import io.keyward.error.Errors;
import io.keyward.rights.CallerContext;
import io.keyward.wire.JsonOut;
import io.keyward.wire.Paging;
import io.keyward.wire.Query;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * Keyward extension: the mail outbox for admins, newest first, secrets masked.
 * {@code GET /api/v3/keyward/mail/outbox?limit=&page=&pending=true}.
 */
@ApplicationScoped
@Path("/keyward/mail/outbox")
public class OutboxResource {
    @Inject
    CallerContext caller;

    @Inject
    OutboxStore store;

    @Inject
    KeywardConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@Context UriInfo uri) {
        Query q = new Query(uri.getQueryParameters());
        Paging paging = Paging.fromQuery(q, config.defaultPageLimit());
        boolean pending = q.bool("pending");
        if (!caller.isAdmin()) {
            throw Errors.PERMISSION_DENIED_ERR.error();
        }
        List<JsonObject> messages = store.list(pending, paging.limit(), paging.offset()).stream()
                .map(OutboxResource::json).toList();
        JsonObject body = JsonOut.object().messages("messages", messages).build();
        return Response.ok(body).header("X-Total-Count", store.count(pending)).build();
    }

    static JsonObject json(OutboxStore.Shown m) {
        return JsonOut.object()
                .string("id", Long.toString(m.id()))
                .string("template", m.template())
                .string("recipient", m.recipient())
                .string("subject", m.subject())
                .string("text_body", m.maskedText())
                .string("html_body", m.maskedHtml())
                .timestamp("created_at", m.createdAt())
                .timestamp("next_attempt_at", m.sentAt() == null ? m.nextAttemptAt() : null)
                .number("attempts", m.attempts())
                .string("last_error", m.lastError())
                .timestamp("sent_at", m.sentAt())
                .build();
    }
}
