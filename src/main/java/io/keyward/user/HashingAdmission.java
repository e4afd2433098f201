package io.keyward.user;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Requests that will hash a password (password grants, Create, UpdatePassword, temporary_password) are admitted
 * a few at a time, before they do anything else, and wait for their turn suspended (Servlet async), holding no
 * request thread, no connection and no transaction (issue 12 §3). An admitted request comes back as an
 * asynchronous dispatch of the same request; one that waited {@code is.password-hashing.max-wait} in vain comes
 * back refused (the endpoint answers 503 with Retry-After, as {@link HashingSlots} does).
 *
 * <p>Why: when these requests waited for a hashing slot on request threads, a flood of them needed hundreds of
 * threads so that other requests still found one, and a pool that large cost every ordinary request (renames ran
 * at 0.86 of a 32-thread pool's speed, bare requests at 0.75; bench/ab). Twice as many requests as hashing slots
 * are admitted, so the CPU has the next hash at hand while others talk to the database.
 */
@ApplicationScoped
public class HashingAdmission {
    /** Suspended requests hold a connection and some memory each; beyond this many, more are refused at once. */
    static final int MAX_WAITING = 4096;
    static final String STATE = "keyward.hashing_admission";
    private static final String ADMITTED = "admitted";
    private static final String REFUSED = "refused";

    /** What the endpoint does next. */
    public enum Entry {
        /** Go on, and call {@link #leave} when done. */
        GO,
        /** The request is suspended: return at once; it comes back as an asynchronous dispatch. */
        SUSPENDED,
        /** No admission within the wait: answer 503 with {@link #retryAfterSeconds()}. */
        REFUSED
    }

    @Inject
    HashingSlots slots;

    @Resource
    ManagedScheduledExecutorService timer;

    private AdmissionQueue queue;

    @PostConstruct
    void init() {
        queue = new AdmissionQueue(2 * slots.size(), MAX_WAITING);
    }

    /** Admits the request now, or suspends it until an admission (or the end of its wait) comes. */
    public Entry enter(HttpServletRequest request, HttpServletResponse response) {
        Object state = request.getAttribute(STATE);
        if (ADMITTED.equals(state)) {
            return Entry.GO; // back from the queue, admitted
        }
        if (REFUSED.equals(state)) {
            return Entry.REFUSED;
        }
        Waiter waiter = new Waiter(request);
        AdmissionQueue.Ticket ticket;
        try {
            ticket = queue.enterOrWait(waiter);
        } catch (IllegalStateException full) {
            return Entry.REFUSED;
        }
        if (ticket == null) {
            request.setAttribute(STATE, ADMITTED);
            return Entry.GO;
        }
        return waiter.suspend(ticket, response) ? Entry.SUSPENDED : Entry.GO;
    }

    /** Gives the request's admission back, if it holds one. */
    public void leave(HttpServletRequest request) {
        if (ADMITTED.equals(request.getAttribute(STATE))) {
            request.removeAttribute(STATE);
            queue.leave();
        }
    }

    /** Seconds a refused client should wait. */
    public long retryAfterSeconds() {
        return slots.retryAfterSeconds();
    }

    /** One waiting request: suspended by its own thread, resumed by whichever comes first, its turn or its timeout. */
    private final class Waiter implements Runnable, AsyncListener {
        private final HttpServletRequest request;
        private AdmissionQueue.Ticket ticket;
        private AsyncContext context;
        private ScheduledFuture<?> timeout;
        private boolean admitted;
        private boolean unusable;

        Waiter(HttpServletRequest request) {
            this.request = request;
        }

        /** False when the turn came before the request was suspended: then it goes on on its own thread. */
        synchronized boolean suspend(AdmissionQueue.Ticket ticket, HttpServletResponse response) {
            if (admitted) {
                return false;
            }
            this.ticket = ticket;
            try {
                context = request.startAsync(request, response);
            } catch (IllegalStateException notAsync) {
                // Some filter or servlet on the path does not support async: the request fails, and its turn,
                // if it comes, goes to the next waiter (run() refuses it).
                unusable = true;
                queue.cancel(ticket);
                throw notAsync;
            }
            context.setTimeout(0); // the wait is bounded by the timer below, not by the container
            context.addListener(this);
            timeout = timer.schedule(this::timedOut, slots.maxWaitMillis(), TimeUnit.MILLISECONDS);
            return true;
        }

        /** Its turn (on the thread of the request that left). */
        @Override
        public synchronized void run() {
            if (unusable) {
                throw new IllegalStateException("the request could not wait");
            }
            admitted = true;
            request.setAttribute(STATE, ADMITTED);
            if (context != null) {
                timeout.cancel(false);
                context.dispatch();
            }
        }

        private void timedOut() {
            if (queue.cancel(ticket)) {
                request.setAttribute(STATE, REFUSED);
                context.dispatch();
            }
        }

        @Override
        public synchronized void onError(AsyncEvent event) {
            // The connection failed while waiting: the turn is not needed any more.
            if (queue.cancel(ticket)) {
                timeout.cancel(false);
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // A request whose turn came but which ended on a path that did not give the admission back (an error
            // before its endpoint ran) must not keep it: every password request after it would wait in vain.
            leave((HttpServletRequest) event.getSuppliedRequest());
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // no container timeout is set
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not restarted
        }
    }
}
