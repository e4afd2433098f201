package io.keyward.authn;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts failures per key in a sliding window: a key with {@code max} failures within the window is
 * blocked until the oldest of them leaves the window. Memory is bounded: past {@code maxKeys} keys,
 * keys without recent failures are dropped first, then everything (failing open, never growing).
 */
public final class FailureCounter {
    private final LongSupplier clockMillis;
    private final int maxKeys;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public FailureCounter(LongSupplier clockMillis, int maxKeys) {
        this.clockMillis = clockMillis;
        this.maxKeys = maxKeys;
    }

    /** Seconds until {@code key} may try again; 0 if it is not blocked. */
    public long retryAfterSeconds(String key, int max, Duration window) {
        Deque<Long> d = failures.get(key);
        if (d == null) {
            return 0;
        }
        synchronized (d) {
            long now = clockMillis.getAsLong();
            prune(d, now, window);
            if (d.size() < max) {
                return 0;
            }
            // Unblocked when enough failures have aged out to go below max.
            long releaseAt = d.stream().skip(d.size() - max).findFirst().orElse(now) + window.toMillis();
            return Math.max(1, (releaseAt - now + 999) / 1000);
        }
    }

    public void fail(String key, Duration window) {
        if (failures.size() >= maxKeys && !failures.containsKey(key)) {
            long now = clockMillis.getAsLong();
            failures.values().removeIf(d -> {
                synchronized (d) {
                    prune(d, now, window);
                    return d.isEmpty();
                }
            });
            if (failures.size() >= maxKeys) {
                failures.clear();
            }
        }
        Deque<Long> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(clockMillis.getAsLong());
            while (d.size() > 1000) {
                d.removeFirst();
            }
        }
    }

    public void reset(String key) {
        failures.remove(key);
    }

    private static void prune(Deque<Long> d, long now, Duration window) {
        while (!d.isEmpty() && d.peekFirst() <= now - window.toMillis()) {
            d.removeFirst();
        }
    }
}
