package io.keyward.mail;

import io.keyward.config.KeywardConfig;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The mail outbox on /metrics (issue 15 §2): {@code keyward_outbox_messages{state}} (pending, sent, dead,
 * read from the shared table, so every node reports the cluster's outbox),
 * {@code keyward_outbox_oldest_unsent_seconds} (the gauge to alert on: mail that should have gone out),
 * and this node's {@code keyward_outbox_deliveries_total{outcome}} (sent, failed attempt, dead-lettered).
 */
@ApplicationScoped
public class OutboxMetrics {
    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class.getName());

    @Inject
    MetricRegistry registry;

    @EJB
    OutboxStore store;

    @Inject
    KeywardConfig config;

    /** Off (is.metrics.enabled): nothing registered, nothing counted. */
    private boolean enabled;

    /** Delivery outcomes counted by this node. */
    enum Delivery { SENT, FAILED, DEAD }

    @PostConstruct
    void register() {
        enabled = config.bool(KeywardConfig.Option.METRICS_ENABLED);
        if (!enabled) {
            return;
        }
        for (OutboxStore.State state : OutboxStore.State.values()) {
            registry.gauge("keyward.outbox.messages", read(() -> (double) store.count(state)),
                    new Tag("state", state.name().toLowerCase(java.util.Locale.ROOT)));
        }
        registry.gauge("keyward.outbox.oldest.unsent.seconds", read(() -> store.oldestUnsent()
                .map(created -> (double) Math.max(0, Duration.between(created, Instant.now()).toSeconds()))
                .orElse(0.0)));
        for (Delivery d : Delivery.values()) {
            registry.counter("keyward.outbox.deliveries", tag(d));
        }
    }

    /** Registers the gauges when the application starts, before the first scrape. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Nothing more: observing the start created the bean, and its @PostConstruct registered the metrics.
    }

    void delivered(Delivery outcome) {
        if (enabled) {
            registry.counter("keyward.outbox.deliveries", tag(outcome)).inc();
        }
    }

    private static Tag tag(Delivery d) {
        return new Tag("outcome", d.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** A scrape while the database is down reports NaN, not an error page for all metrics. */
    private static Supplier<Double> read(Supplier<Double> query) {
        return () -> {
            try {
                return query.get();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "outbox gauge unavailable", e);
                return Double.NaN;
            }
        };
    }
}
