package io.keyward.ops;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the JVM has memory to spare. */
@Liveness
@ApplicationScoped
public class HeapLiveness implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        boolean ok = used < rt.maxMemory() * 0.95;
        return HealthCheckResponse.named("heap").status(ok).withData("used_bytes", used).build();
    }
}
