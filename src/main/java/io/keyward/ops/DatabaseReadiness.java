package io.keyward.ops;

import jakarta.annotation.Resource;
import io.keyward.config.KeywardConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Ready only while the database answers; the same check is on /metrics as {@code keyward_database_up}
 * (1 or 0), for an alert on a database that is down.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {
    @Resource(lookup = "jdbc/keyward")
    DataSource dataSource;

    @Inject
    MetricRegistry registry;

    @Inject
    KeywardConfig config;

    @PostConstruct
    void registerGauge() {
        if (!config.bool(KeywardConfig.Option.METRICS_ENABLED)) {
            return;
        }
        registry.gauge("keyward.database.up", () -> call().getStatus() == HealthCheckResponse.Status.UP ? 1 : 0);
    }

    /** Registers the gauge when the application starts, before the first scrape. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Nothing more: observing the start created the bean, and its @PostConstruct registered the metrics.
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection c = dataSource.getConnection()) {
            boolean valid = c.isValid(2);
            return HealthCheckResponse.named("database").status(valid).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("database").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
