package io.keyward.user;

import io.keyward.config.KeywardConfig;
import io.keyward.config.KeywardConfig.Option;
import io.keyward.crypto.PasswordHasher;
import io.keyward.error.Errors;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds the password hashing that anonymous requests can cause (issue 12 §3): at most
 * {@code is.password-hashing.slots} Argon2id computations run at once, and a request waits at most
 * {@code is.password-hashing.max-wait} for a slot, then is refused with {@code 503 unavailable} and
 * {@code Retry-After} instead of joining an ever longer queue. Without the bound, a flood of anonymous
 * requests made hundreds of threads hash at once and every other request shared the CPU with them.
 * Callers wait here holding no database connection and no transaction. The requests that bring a password
 * are admitted by {@link HashingAdmission} first, twice as many at once as there are slots, so their wait here is
 * short and blocks few threads; the long wait is there, without a thread. Credentials of authenticated
 * requests (API keys, tokens: SHA-256 digests) are not hashed here and never queue behind the flood.
 */
@ApplicationScoped
public class HashingSlots {
    private Semaphore slots;
    private int size;
    private long waitNanos;

    protected HashingSlots() {
        // for CDI; configured in init()
    }

    /** A limiter of its own, for tests. */
    HashingSlots(int slots, Duration wait) {
        configure(slots, wait);
    }

    @Inject
    KeywardConfig config;

    @PostConstruct
    void init() {
        int n = config.integer(Option.PASSWORD_HASHING_SLOTS);
        configure(n > 0 ? n : Runtime.getRuntime().availableProcessors(), config.duration(Option.PASSWORD_HASHING_MAX_WAIT));
    }

    private void configure(int n, Duration wait) {
        // Fair: the longest waiter gets the next slot, so no request starves while newer ones pass it.
        this.size = Math.max(1, n);
        this.slots = new Semaphore(size, true);
        this.waitNanos = wait.toNanos();
    }

    /**
     * Runs {@code work} in a slot.
     *
     * @throws io.keyward.error.KeywardException {@code unavailable} ({@code 503}, {@code retry_after}) when
     * no slot was free within the wait
     */
    public <T> T run(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw Errors.HASHING_BUSY.error("retry_after", retryAfterSeconds());
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    /** A new Argon2id hash of {@code password}, computed in a slot. */
    public String hash(String password) {
        return run(() -> PasswordHasher.hash(password));
    }

    /** {@link PasswordHasher#verify}, computed in a slot. */
    public boolean verify(String password, String stored) {
        return run(() -> PasswordHasher.verify(password, stored));
    }

    /** How many hashes run at once. */
    int size() {
        return size;
    }

    /** The longest wait for a slot, in milliseconds (at least one). */
    long maxWaitMillis() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos));
    }

    /** Slots free right now (for tests and metrics). */
    int available() {
        return slots.availablePermits();
    }

    /** Seconds a refused client should wait: about one wait's worth, at least one. */
    long retryAfterSeconds() {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
    }
}
