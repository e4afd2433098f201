package io.keyward.audit;

import io.keyward.config.KeywardConfig;
import io.keyward.http.ClientAddress;
import io.keyward.http.RequestFilter;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.wire.Timestamps;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The recorder every capability calls: completes an {@link AuditEvent} with the time, the actor (the
 * request's caller unless the event names one), the client address and the request's correlation ID, and
 * writes it as one INSERT. {@link #record} joins the change's transaction, so a rolled-back change leaves no
 * record; {@link #refused} commits on its own, so that refused attempts are kept although their work is
 * rolled back, and repeats of a refusal within a window are only counted ({@link AuditRefusals}). With
 * {@code is.audit.log} each committed record is also logged as one JSON line.
 */
@ApplicationScoped
public class AuditTrail {
    static final Logger SIEM = Logger.getLogger("io.keyward.audit");
    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

    @Inject
    AuditStore store;

    @Inject
    CallerContext context;

    @Inject
    AuditRefusals refusals;

    @Inject
    HttpServletRequest request;

    @Inject
    KeywardConfig config;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Records a change in the caller's transaction (one INSERT, flushed with the change). */
    public void record(AuditEvent event) {
        AuditEntity e = entity(event);
        if (config.bool(KeywardConfig.Option.AUDIT_LOG)) {
            store.insertKeepingId(e); // the log line shows the record's ID
            logAfterCommit(e);
        } else {
            store.insert(e);
        }
    }

    /**
     * Records a refused attempt in a transaction of its own. A failure to write it is logged, never thrown:
     * the caller is refused either way, and the refusal's own answer must not change.
     */
    public void refused(AuditEvent event) {
        try {
            AuditEntity e = entity(event);
            if (!refusals.admit(e)) {
                return; // a repeat within the window: counted, written with the others when the window closes
            }
            store.insertAlone(e);
            if (config.bool(KeywardConfig.Option.AUDIT_LOG)) {
                log(e);
            }
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "audit record of a refused " + event.action + " not written: " + ex.getClass().getName());
        }
    }

    private AuditEntity entity(AuditEvent event) {
        AuditEntity e = new AuditEntity();
        e.occurredAt = Timestamps.now();
        e.action = event.action;
        e.outcome = event.outcome;
        boolean inRequest;
        try {
            Object correlation = request.getAttribute(RequestFilter.CORRELATION_ATTRIBUTE);
            e.correlationId = correlation instanceof String s ? cut(s, 64) : null;
            e.clientAddress = cut(ClientAddress.of(request, config), 128);
            inRequest = true;
        } catch (RuntimeException notInRequest) {
            // The server acting on its own (bootstrap, a timer): no client, no correlation ID, no caller.
            inRequest = false;
        }
        AuditActor actor = event.actor != null ? event.actor : inRequest ? actor() : AuditActor.SYSTEM;
        e.actorKind = actor.kind();
        e.actorUserId = cut(actor.userId(), 36);
        e.actorCredential = cut(actor.credential(), 512);
        e.targetType = event.targetType;
        e.targetId = cut(event.targetId, 320);
        JsonObject details = event.detailsJson();
        e.details = details == null ? null : details.toString();
        return e;
    }

    private AuditActor actor() {
        try {
            Caller caller = context.caller();
            return AuditActor.of(caller);
        } catch (ContextNotActiveException | IllegalStateException notInRequest) {
            return AuditActor.SYSTEM;
        }
    }

    private void logAfterCommit(AuditEntity e) {
        if (transactions == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            log(e);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    log(e);
                }
            }
        });
    }

    static void log(AuditEntity e) {
        SIEM.info(AuditJson.of(e).toString());
    }

    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
