package io.keyward.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyward.ops.HeapLiveness.Occupancy;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class HeapLivenessTest {
    @Test
    void aliveBelowTheLimitOfWhatCollectionLeaves() {
        assertTrue(new Occupancy(940, 1000).isAlive());
        assertFalse(new Occupancy(950, 1000).isAlive());
        assertFalse(new Occupancy(1000, 1000).isAlive());
    }

    @Test
    void noBoundedPoolCountsAsAlive() {
        assertTrue(new Occupancy(123, 0).isAlive());
    }

    @Test
    void garbageNotYetCollectedDoesNotCount() {
        // Keep the heap in use high with garbage: what a collection leaves stays low, so liveness stays up
        // (the old check read the heap in use, which garbage alone pushes to its limit under load).
        System.gc();
        long sink = 0;
        for (int i = 0; i < 4000; i++) {
            sink += new byte[64 * 1024].length;
        }
        Occupancy heap = Occupancy.afterLastCollection();
        long inUse = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        assertTrue(sink > 0);
        assertTrue(heap.max() > 0, "the collected heap pools report a limit");
        assertTrue(heap.used() < inUse, "after-GC occupancy " + heap.used() + " below heap in use " + inUse);
        assertTrue(heap.isAlive(), heap.toString());
    }
}
