package io.keyward.ops;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the heap keeps room after garbage collection. The heap in use right now says nothing: under
 * load it fills with garbage up to the next collection, and a check on it flapped (issue 13 §5). What
 * the last collection left in the pools it collects (the old generation) is what the server really holds.
 */
@Liveness
@ApplicationScoped
public class HeapLiveness implements HealthCheck {
    static final double MAX_OCCUPANCY = 0.95;

    @Override
    public HealthCheckResponse call() {
        Occupancy heap = Occupancy.afterLastCollection();
        return HealthCheckResponse.named("heap").status(heap.isAlive())
                .withData("used_after_gc_bytes", heap.used()).withData("max_bytes", heap.max()).build();
    }

    /** What the last collection left in the heap pools it collects, against their limits. */
    record Occupancy(long used, long max) {
        static Occupancy afterLastCollection() {
            long used = 0;
            long max = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
                if (afterGc != null && afterGc.getMax() > 0) {
                    used += afterGc.getUsed();
                    max += afterGc.getMax();
                }
            }
            return new Occupancy(used, max);
        }

        /** No bounded pool reported (a collector without limits) counts as alive. */
        boolean isAlive() {
            return max <= 0 || used < max * MAX_OCCUPANCY;
        }
    }
}
