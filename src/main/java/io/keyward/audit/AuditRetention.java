package io.keyward.audit;

import io.keyward.config.KeywardConfig;
import io.keyward.config.KeywardConfig.Option;
import io.keyward.wire.Timestamps;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit trail's timers on each node. Drops audit records older than {@code is.audit.retention} every
 * {@code is.audit.purge-interval} (as the mail outbox's sender purges its old messages), in batches of
 * {@value #BATCH} rows, each batch a short transaction of its own. Nodes purging at once only delete the
 * same old rows; nothing but the retention ever deletes a record. And writes the counts of repeated
 * refusals whose window has closed ({@link AuditRefusals}), a few times per window.
 */
@Startup
@Singleton
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditRetention {
    private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());
    static final int BATCH = 1000;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    AuditStore store;

    @Inject
    KeywardConfig config;

    @Inject
    AuditRefusals refusals;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;
    private ScheduledFuture<?> schedule;
    private ScheduledFuture<?> repeats;

    @PostConstruct
    void start() {
        long millis = Math.max(1000, config.duration(Option.AUDIT_PURGE_INTERVAL).toMillis());
        schedule = executor.scheduleWithFixedDelay(this::purge, millis, millis, TimeUnit.MILLISECONDS);
        long window = refusals.window();
        if (window > 0) {
            long every = Math.max(1000, Math.min(window / 4, 60_000));
            repeats = executor.scheduleWithFixedDelay(this::writeRepeats, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (schedule != null) {
            schedule.cancel(false);
        }
        if (repeats != null) {
            repeats.cancel(false);
            writeRepeats(Long.MAX_VALUE); // every count so far, open windows too, rather than losing them with the node
        }
    }

    private void writeRepeats() {
        writeRepeats(System.currentTimeMillis());
    }

    /** Writes one record per window of repeated refusals closed by {@code now}, each in a transaction of its own. */
    int writeRepeats(long now) {
        int n = 0;
        try {
            for (AuditEntity e : refusals.due(now, refusals.window())) {
                store.insertAlone(e);
                if (config.bool(Option.AUDIT_LOG)) {
                    AuditTrail.log(e);
                }
                n++;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "counts of repeated refusals not written: " + e.getClass().getName());
        }
        return n;
    }

    private void purge() {
        try {
            Duration retention = config.duration(Option.AUDIT_RETENTION);
            if (!retention.isZero()) {
                int n = purgeBefore(Timestamps.now().minus(retention));
                if (n > 0) {
                    LOG.info("removed " + n + " audit records older than " + retention + " (is.audit.retention)");
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "audit retention purge failed; retrying at the next interval: " + e.getClass().getName());
        }
    }

    /** Deletes every record older than {@code before}, batch by batch; returns how many. One run at a time per node. */
    public int purgeBefore(Instant before) {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        try {
            int total = 0;
            int n;
            do {
                n = store.purgeBatch(before, BATCH);
                total += n;
            } while (n == BATCH && !stopping);
            return total;
        } finally {
            running.set(false);
        }
    }
}
