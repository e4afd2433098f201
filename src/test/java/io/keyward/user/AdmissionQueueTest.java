package io.keyward.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdmissionQueueTest {

    @Test
    void admitsUpToTheCapacityAtOnceThenQueuesInArrivalOrder() {
        AdmissionQueue q = new AdmissionQueue(2, 10);
        List<String> admitted = new ArrayList<>();
        assertNull(q.enterOrWait(() -> admitted.add("never")));
        assertNull(q.enterOrWait(() -> admitted.add("never")));
        assertNotNull(q.enterOrWait(() -> admitted.add("third")));
        assertNotNull(q.enterOrWait(() -> admitted.add("fourth")));
        assertEquals(List.of(), admitted, "no one is admitted while both admissions are held");
        assertEquals(2, q.waiting());

        q.leave();
        assertEquals(List.of("third"), admitted, "a freed admission goes to the longest waiter");
        q.leave();
        assertEquals(List.of("third", "fourth"), admitted);
        assertEquals(2, q.inUse(), "handed over, not given back");
        q.leave();
        q.leave();
        assertEquals(0, q.inUse());
        assertThrows(IllegalStateException.class, q::leave, "more leaves than admissions");
    }

    @Test
    void aCancelledWaiterIsNeverAdmittedAndTheNextOneIs() {
        AdmissionQueue q = new AdmissionQueue(1, 10);
        List<String> admitted = new ArrayList<>();
        assertNull(q.enterOrWait(() -> admitted.add("never")));
        AdmissionQueue.Ticket gaveUp = q.enterOrWait(() -> admitted.add("gave up"));
        assertNotNull(q.enterOrWait(() -> admitted.add("patient")));
        assertTrue(q.cancel(gaveUp));
        assertFalse(q.cancel(gaveUp), "cancelled once");
        q.leave();
        assertEquals(List.of("patient"), admitted);
    }

    @Test
    void anAdmittedWaiterCannotBeCancelled() {
        AdmissionQueue q = new AdmissionQueue(1, 10);
        assertNull(q.enterOrWait(() -> { }));
        AdmissionQueue.Ticket t = q.enterOrWait(() -> { });
        q.leave();
        assertFalse(q.cancel(t), "its turn came first: the timeout must not answer it too");
        assertEquals(1, q.inUse());
    }

    @Test
    void theQueueIsBounded() {
        AdmissionQueue q = new AdmissionQueue(1, 2);
        assertNull(q.enterOrWait(() -> { }));
        q.enterOrWait(() -> { });
        q.enterOrWait(() -> { });
        assertThrows(IllegalStateException.class, () -> q.enterOrWait(() -> { }));
    }

    @Test
    void aWaiterThatCannotTakeItsTurnPassesItOn() {
        AdmissionQueue q = new AdmissionQueue(1, 10);
        List<String> admitted = new ArrayList<>();
        assertNull(q.enterOrWait(() -> { }));
        q.enterOrWait(() -> {
            throw new IllegalStateException("request gone");
        });
        q.enterOrWait(() -> admitted.add("next"));
        q.leave();
        assertEquals(List.of("next"), admitted);
        assertEquals(1, q.inUse());
    }

    @Test
    void underContentionNoMoreThanTheCapacityHoldAnAdmissionAndAllAreServed() throws Exception {
        AdmissionQueue q = new AdmissionQueue(3, 1000);
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ExecutorService resumed = Executors.newFixedThreadPool(8);
        Runnable work = () -> {
            most.accumulateAndGet(holding.incrementAndGet(), Math::max);
            Thread.yield();
            holding.decrementAndGet();
            served.incrementAndGet();
            q.leave();
        };
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                all.add(pool.submit(() -> {
                    // a waiter's turn continues elsewhere, as a suspended request is dispatched again
                    if (q.enterOrWait(() -> resumed.execute(work)) == null) {
                        work.run();
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get(1, TimeUnit.MINUTES);
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (served.get() < 500 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } finally {
            pool.shutdownNow();
            resumed.shutdownNow();
        }
        assertEquals(500, served.get());
        assertTrue(most.get() <= 3, "at most 3 at once, saw " + most.get());
        assertEquals(0, q.inUse());
        assertEquals(0, q.waiting());
    }
}
