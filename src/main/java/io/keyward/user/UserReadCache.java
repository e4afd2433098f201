package io.keyward.user;

import io.keyward.cluster.ChangeAnnouncer;
import io.keyward.cluster.ChangeFeed;
import io.keyward.cluster.RemoteChange;
import io.keyward.config.KeywardConfig;
import io.keyward.config.KeywardConfig.Option;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's short-lived copies of users, for {@code GET /users/{user_id}}: a user read again within
 * {@code is.user.cache-ttl} (default 5 s) costs no database round trip (issue 8).
 *
 * <p>Correctness: every change of a user through this node (any JPA write of the row, seen by
 * {@link UserChangeListener}) drops the copy at once and again when the transaction ends, and a read
 * that overlapped such a change never stores what it read (the generation check in {@link #put}); so
 * this node reads its own writes. Changes made through another node reach it through the database's
 * change feed ({@link ChangeFeed}): announced by the database's triggers as they commit or, for a
 * user's descriptive fields, by the writing node right after ({@link ChangeAnnouncer}). While the feed
 * is down no copy is used, and the TTL bounds what a lost notice could leave behind. Only non-deleted users are kept, never their
 * attributes (lazily loaded, and not used from here) and never large profile pictures.
 */
@ApplicationScoped
public class UserReadCache {
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_PICTURE_CHARS = 16 * 1024;

    @Inject
    KeywardConfig config;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    ChangeFeed feed;

    @Inject
    ChangeAnnouncer announcer;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every change, before its eviction: a read that started earlier must not store. */
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong nextSweep = new AtomicLong(System.nanoTime());

    private record Entry(UserEntity user, long expiresAtNanos) {
    }

    /** The generation to hand to {@link #put}: read it before reading the user from the database. */
    long generation() {
        return generation.get();
    }

    /** A copy not older than the TTL, or null. The copy is shared: read it, never change it. */
    UserEntity get(String userId) {
        if (!feed.copiesCurrent()) {
            return null;
        }
        Entry e = entries.get(userId);
        if (e == null) {
            return null;
        }
        if (System.nanoTime() - e.expiresAtNanos() >= 0) {
            entries.remove(userId, e);
            return null;
        }
        return e.user();
    }

    /** Keeps {@code user}, read from the database after {@code generationBefore} was taken. */
    void put(UserEntity user, long generationBefore) {
        Duration ttl = config.duration(Option.USER_CACHE_TTL);
        if (ttl.isZero() || ttl.isNegative() || !feed.copiesCurrent() || user.getDeletedAt() != null
                || user.getProfilePicture() != null && user.getProfilePicture().length() > MAX_PICTURE_CHARS) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            // Full: sweep out expired copies at most once per TTL (a sweep walks every entry), and
            // otherwise keep nothing new until then.
            long now = System.nanoTime();
            long due = nextSweep.get();
            if (now - due < 0 || !nextSweep.compareAndSet(due, now + ttl.toNanos())) {
                return;
            }
            entries.values().removeIf(x -> now - x.expiresAtNanos() >= 0);
            if (entries.size() >= MAX_ENTRIES) {
                return;
            }
        }
        Entry e = new Entry(user, System.nanoTime() + ttl.toNanos());
        if (generation.get() != generationBefore) {
            return;
        }
        entries.put(user.getUserId(), e);
        // A change that bumped the generation after the check above evicts after it, or is seen here.
        if (generation.get() != generationBefore) {
            entries.remove(user.getUserId(), e);
        }
    }

    /** The user's row is being changed in the current transaction (or was just changed without one). */
    void changed(String userId) {
        evict(userId);
        if (transactions != null && transactions.getTransactionKey() != null
                && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    evict(userId);
                    if (status == Status.STATUS_COMMITTED) {
                        announcer.userChanged(userId);
                    }
                }
            });
        } else {
            announcer.userChanged(userId);
        }
    }

    /** Another node (or this one) committed a change: drop what it names. */
    void remoteChange(@Observes RemoteChange change) {
        switch (change.kind()) {
            case USER -> evict(change.id());
            case EVERYTHING -> clear();
            default -> {
                // credentials are not kept here
            }
        }
    }

    private void evict(String userId) {
        generation.incrementAndGet();
        entries.remove(userId);
    }

    void clear() {
        generation.incrementAndGet();
        entries.clear();
    }
}
