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
import jakarta.ejb.EJB;
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
 * Drops audit records older than {@code is.audit.retention}, on every node every
 * {@code is.audit.purge-interval} (as the mail outbox's sender purges its old messages), in batches of
 * {@value #BATCH} rows, each batch a short transaction of its own. Nodes purging at once only delete the
 * same old rows; nothing but the retention ever deletes a record.
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

    @EJB
    AuditStore store;

    @Inject
    KeywardConfig config;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;
    private ScheduledFuture<?> schedule;

    @PostConstruct
    void start() {
        long millis = Math.max(1000, config.duration(Option.AUDIT_PURGE_INTERVAL).toMillis());
        schedule = executor.scheduleWithFixedDelay(this::purge, millis, millis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (schedule != null) {
            schedule.cancel(false);
        }
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
