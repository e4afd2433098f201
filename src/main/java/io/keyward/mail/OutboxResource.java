package io.keyward.mail;

import io.keyward.config.KeywardConfig;
import io.keyward.error.Errors;
import io.keyward.rights.CallerContext;
import io.keyward.wire.JsonOut;
import io.keyward.wire.Page;
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
import io.keyward.wire.WireFormatException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keyward extension: the mail outbox for admins, newest first, secrets masked.
 * {@code GET /api/v3/keyward/mail/outbox?limit=&page=&state=pending|sent|dead} ({@code pending=true}, the
 * older spelling, means {@code state=pending}).
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
        OutboxStore.State state = state(q);
        if (!caller.isAdmin()) {
            throw Errors.PERMISSION_DENIED_ERR.error();
        }
        List<JsonObject> messages = store.list(state, paging.limit(), paging.offset()).stream()
                .map(OutboxResource::json).toList();
        return Page.answer("messages", new Page<>(messages, store.count(state)));
    }

    /** {@code state=pending|sent|dead}, or {@code pending=true}; null: all messages. */
    static OutboxStore.State state(Query q) {
        Optional<String> s = q.single("state");
        boolean pending = q.bool("pending");
        if (s.isEmpty() || s.get().isEmpty()) {
            return pending ? OutboxStore.State.PENDING : null;
        }
        OutboxStore.State state = switch (s.get().toLowerCase(Locale.ROOT)) {
            case "pending" -> OutboxStore.State.PENDING;
            case "sent" -> OutboxStore.State.SENT;
            case "dead" -> OutboxStore.State.DEAD;
            default -> throw WireFormatException.of("parsing field \"state\": \"" + s.get()
                    + "\" is not one of pending, sent, dead");
        };
        if (pending && state != OutboxStore.State.PENDING) {
            throw WireFormatException.of("parsing field \"pending\": contradicts state=" + s.get());
        }
        return state;
    }

    static JsonObject json(OutboxStore.Shown m) {
        return JsonOut.object()
                .string("id", Long.toString(m.id()))
                .string("state", m.state().name().toLowerCase(Locale.ROOT))
                .string("template", m.template())
                .string("recipient", m.recipient())
                .string("subject", m.subject())
                .string("text_body", m.maskedText())
                .string("html_body", m.maskedHtml())
                .timestamp("created_at", m.createdAt())
                .timestamp("next_attempt_at", m.state() == OutboxStore.State.PENDING ? m.nextAttemptAt() : null)
                .number("attempts", m.attempts())
                .string("last_error", m.lastError())
                .timestamp("sent_at", m.sentAt())
                .timestamp("dead_at", m.deadAt())
                .build();
    }
}
