package io.keyward.audit;

import io.keyward.config.KeywardConfig;
import io.keyward.entity.EntityIdentifiers;
import io.keyward.error.Errors;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.rights.EntityRights;
import io.keyward.rights.Right;
import io.keyward.wire.Page;
import io.keyward.wire.Paging;
import io.keyward.wire.Query;
import io.keyward.wire.Timestamps;
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
import java.time.Instant;
import java.util.List;

/**
 * Keyward extension: the audit trail, newest first.
 * {@code GET /api/v3/keyward/audit?user_id=&actor=&action=&since=&until=&limit=&page=}, the total in
 * {@code X-Total-Count}. Admins read every record; any other user only the records about themselves
 * ({@code user_id} omitted or their own) since their account was created (not those of an earlier,
 * purged account of the same ID), with {@code RIGHT_USER_INFO} on themselves. Reading records writes none.
 */
@ApplicationScoped
@Path("/keyward/audit")
public class AuditResource {
    @Inject
    CallerContext context;

    @Inject
    EntityRights rights;

    @Inject
    AuditStore store;

    @Inject
    AuditAccounts accounts;

    @Inject
    KeywardConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@Context UriInfo uri) {
        Query q = new Query(uri.getQueryParameters());
        Paging paging = Paging.fromQuery(q, config.defaultPageLimit());
        String userId = blankToNull(q.string("user_id"));
        Instant since = q.single("since").map(s -> Timestamps.parseQuery(s, "since")).orElse(null);
        Instant until = q.single("until").map(s -> Timestamps.parseQuery(s, "until")).orElse(null);
        Caller caller = context.requireValidCredential();
        if (!context.isAdmin()) {
            String self = caller.userId();
            if (self == null) {
                throw caller.isAuthenticated() ? Errors.PERMISSION_DENIED_ERR.error() : Errors.UNAUTHENTICATED.error();
            }
            if (userId != null && !userId.equals(self)) {
                throw Errors.PERMISSION_DENIED_ERR.error();
            }
            rights.require(EntityIdentifiers.user(self), Right.RIGHT_USER_INFO);
            userId = self;
            // Not the records of an earlier, purged account of the same ID (its user.create is the first).
            Instant created = accounts.createdAt(self);
            if (created != null && (since == null || since.isBefore(created))) {
                since = created;
            }
        }
        AuditStore.Filter filter = new AuditStore.Filter(userId, blankToNull(q.string("actor")),
                blankToNull(q.string("action")), since, until);
        List<JsonObject> records = store.list(filter, paging.limit(), paging.offset()).stream().map(AuditJson::of).toList();
        return Page.answer("records", new Page<>(records, store.count(filter)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
