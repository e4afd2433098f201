package io.keyward.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.error.Errors;
import io.keyward.error.KeywardException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HashingSlotsTest {

    @Test
    void noMoreThanTheSlotsRunAtOnce() throws Exception {
        HashingSlots slots = new HashingSlots(2, Duration.ofMinutes(1));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<?>[] all = new Future<?>[40];
            for (int i = 0; i < all.length; i++) {
                all[i] = pool.submit(() -> slots.run(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.yield();
                    running.decrementAndGet();
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(most.get() <= 2, "at most 2 at once, saw " + most.get());
        assertEquals(2, slots.available(), "every slot given back");
    }

    @Test
    void aWaitThatFindsNoSlotIsRefusedWithRetryAfter() throws Exception {
        HashingSlots slots = new HashingSlots(1, Duration.ZERO);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> slots.run(() -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holder.start();
        assertTrue(inside.await(1, TimeUnit.MINUTES));
        KeywardException busy = assertThrows(KeywardException.class, () -> slots.run(() -> "never"));
        assertEquals(Errors.HASHING_BUSY, busy.definition());
        assertEquals(1L, busy.attributes().get("retry_after"));
        release.countDown();
        holder.join();
        assertEquals("now", slots.run(() -> "now"), "the slot is free again");
    }

    @Test
    void aFailingHashGivesItsSlotBack() {
        HashingSlots slots = new HashingSlots(1, Duration.ZERO);
        assertThrows(IllegalStateException.class, () -> slots.run(() -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(1, slots.available());
    }

    @Test
    void retryAfterFollowsTheWait() {
        assertEquals(3L, new HashingSlots(1, Duration.ofMillis(2500)).retryAfterSeconds());
        assertEquals(1L, new HashingSlots(1, Duration.ofMillis(10)).retryAfterSeconds());
    }

    @Test
    void slotsHashAndVerify() {
        HashingSlots slots = new HashingSlots(1, Duration.ofSeconds(10));
        String hash = slots.hash("Some-Passw0rd");
        assertTrue(slots.verify("Some-Passw0rd", hash));
        assertEquals(false, slots.verify("Other-Passw0rd", hash));
    }
}
