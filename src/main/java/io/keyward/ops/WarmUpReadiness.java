package io.keyward.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the start-up {@link WarmUp} runs: a load balancer sends traffic only to a warm node. */
@Readiness
@ApplicationScoped
public class WarmUpReadiness implements HealthCheck {
    @Inject
    WarmUp warmUp;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up").status(warmUp.done()).build();
    }
}
