package io.keyward.user;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A counting admission with a first-come, first-served queue whose waiters hold no thread: a waiter is a
 * callback, run when an admission is handed to it. {@link java.util.concurrent.Semaphore} blocks a thread
 * per waiter, which is what this replaces for requests that wait for password hashing (issue 12 §3).
 * Pure logic: {@link HashingAdmission} suspends the requests and times them out.
 */
final class AdmissionQueue {
    /** One waiter: admitted or cancelled, whichever claims it first, never both. */
    static final class Ticket {
        private final Runnable onAdmitted;
        private final AtomicBoolean claimed = new AtomicBoolean();

        private Ticket(Runnable onAdmitted) {
            this.onAdmitted = onAdmitted;
        }

        private boolean claim() {
            return claimed.compareAndSet(false, true);
        }
    }

    private final int capacity;
    private final int maxWaiting;
    private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    private int inUse;

    AdmissionQueue(int capacity, int maxWaiting) {
        if (capacity < 1 || maxWaiting < 0) {
            throw new IllegalArgumentException("capacity " + capacity + ", max waiting " + maxWaiting);
        }
        this.capacity = capacity;
        this.maxWaiting = maxWaiting;
    }

    /**
     * An admission now ({@code null} is returned and {@code onAdmitted} is not called), or a place in the queue:
     * {@code onAdmitted} runs later, on the thread of the {@link #leave()} that hands the admission over.
     *
     * @return {@code null} when admitted at once; the ticket to {@link #cancel} otherwise
     * @throws IllegalStateException when {@code maxWaiting} requests wait already
     */
    synchronized Ticket enterOrWait(Runnable onAdmitted) {
        if (inUse < capacity) {
            inUse++;
            return null;
        }
        if (waiting.size() >= maxWaiting) {
            throw new IllegalStateException("admission queue full");
        }
        Ticket t = new Ticket(onAdmitted);
        waiting.addLast(t);
        return t;
    }

    /**
     * Gives an admission back: to the longest waiter that is still waiting, else to the pool. A waiter whose
     * callback fails (its request is gone) passes it on to the next.
     */
    void leave() {
        while (true) {
            Ticket next;
            synchronized (this) {
                do {
                    next = waiting.pollFirst();
                } while (next != null && !next.claim());
                if (next == null) {
                    if (inUse == 0) {
                        throw new IllegalStateException("leave() without an admission");
                    }
                    inUse--;
                    return;
                }
            }
            try {
                next.onAdmitted.run();
                return;
            } catch (RuntimeException gone) {
                // the admission is still ours: hand it to the next waiter
            }
        }
    }

    /** Withdraws a waiter (its wait is over): true if it had not been admitted, and now never will be. */
    boolean cancel(Ticket t) {
        if (!t.claim()) {
            return false;
        }
        synchronized (this) {
            waiting.remove(t);
        }
        return true;
    }

    synchronized int inUse() {
        return inUse;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
