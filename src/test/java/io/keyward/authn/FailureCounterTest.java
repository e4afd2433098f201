package io.keyward.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sliding-window counter behind the login throttle, on a hand-driven clock. */
class FailureCounterTest {
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final FailureCounter counter = new FailureCounter(now::get, 100);

    @Test
    void blocksAfterMaxFailuresUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 4; i++) {
            counter.fail("u", WINDOW);
            now.addAndGet(60_000);
        }
        assertEquals(0, counter.retryAfterSeconds("u", 5, WINDOW));
        counter.fail("u", WINDOW);
        long wait = counter.retryAfterSeconds("u", 5, WINDOW);
        // The first failure happened 4 minutes ago: 11 minutes to go.
        assertEquals(11 * 60, wait);
        now.addAndGet(wait * 1000);
        assertEquals(0, counter.retryAfterSeconds("u", 5, WINDOW));
        assertEquals(0, counter.retryAfterSeconds("other", 5, WINDOW), "keys are independent");
    }

    @Test
    void resetClearsAKey() {
        for (int i = 0; i < 5; i++) {
            counter.fail("u", WINDOW);
        }
        assertTrue(counter.retryAfterSeconds("u", 5, WINDOW) > 0);
        counter.reset("u");
        assertEquals(0, counter.retryAfterSeconds("u", 5, WINDOW));
    }

    @Test
    void memoryIsBounded() {
        for (int i = 0; i < 250; i++) {
            counter.fail("k" + i, WINDOW);
        }
        // Still answers, never grows past its bound.
        assertEquals(0, counter.retryAfterSeconds("k1", 5, WINDOW));
        counter.fail("k249", WINDOW);
        assertEquals(0, counter.retryAfterSeconds("k249", 5, WINDOW));
    }
}
