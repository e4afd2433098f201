package io.keyward.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Announces, right after they commit, the changes of this node that the database does not announce by
 * itself: the users' descriptive fields (name, description, picture, preferences...). Row triggers
 * announce everything that grants or takes access (credentials, a user's state, admin flag, password,
 * deletion: migration V28) in the writing transaction, whoever writes. Descriptive changes are
 * announced from here instead because a NOTIFY in the writing transaction takes PostgreSQL's one
 * database-wide notify lock until the commit is on disk, so every rename waited for the one before it
 * (bench/run W5). Here one thread sends what has accumulated as one statement on a connection of its
 * own, so writers never wait for it, and one notice names many users; the node that sent a notice skips
 * it when it hears it back ({@link RemoteChange#parseAll}).
 *
 * <p>If this node dies between a commit and its announcement, or the database refuses the announcement,
 * the other nodes' copies of that user's descriptive fields stay stale for at most their TTL
 * ({@code is.user.cache-ttl}); access is never affected.
 */
@ApplicationScoped
public class ChangeAnnouncer {
    private static final Logger LOG = Logger.getLogger(ChangeAnnouncer.class.getName());
    /** Most users in one statement (a notice names up to about 200; the statement sends as many as it needs). */
    static final int MAX_BATCH = 1000;
    /**
     * Least time between two notices. A lone change is announced at once; under a stream of writes, what
     * arrives within this time shares one notice. Sent as fast as possible, a stream of renames made one
     * notice per one or two users, each a statement here and a wake-up of every node's listener; the
     * delay it adds (at most this) is far inside the 100 ms in which other nodes must see a change.
     */
    static final long SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** User IDs waiting to be announced; beyond this they are dropped (and counted), and the TTL bounds the rest. */
    static final int MAX_WAITING = 50_000;

    @Resource(lookup = "jdbc/keyward")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    ChangeFeed feed;

    private final LinkedBlockingQueue<String> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());
    private volatile Thread sender;
    private volatile boolean stopping;

    /** A user's row changed in a transaction that has just committed. */
    public void userChanged(String userId) {
        if (feed.state() == ChangeFeed.State.SINGLE_NODE || stopping) {
            return;
        }
        if (!waiting.offer(userId)) {
            dropped.incrementAndGet();
            return;
        }
        if (sender == null) {
            startSender();
        }
    }

    /** Announcements given up (queue full or the database refused them) since start. */
    public long lost() {
        return dropped.get() + failed.get();
    }

    private synchronized void startSender() {
        if (sender != null || stopping) {
            return;
        }
        Thread t = threads.newThread(this::run);
        t.setName("keyward-change-announcer");
        t.setDaemon(true);
        sender = t;
        t.start();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        Thread t = sender;
        if (t != null) {
            t.interrupt();
        }
    }

    private void run() {
        List<String> batch = new ArrayList<>();
        long lastSent = System.nanoTime() - SPACING_NANOS;
        while (true) {
            try {
                String first = waiting.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                long early = lastSent + SPACING_NANOS - System.nanoTime();
                if (early > 0) {
                    TimeUnit.NANOSECONDS.sleep(early); // what arrives meanwhile goes in the same notice
                }
            } catch (InterruptedException e) {
                // Stopping: send what is left, once.
            }
            waiting.drainTo(batch, MAX_BATCH - batch.size());
            if (!batch.isEmpty()) {
                send(batch);
                lastSent = System.nanoTime();
                batch.clear();
            }
            if (stopping && waiting.isEmpty()) {
                return;
            }
        }
    }

    private void send(List<String> batch) {
        if (feed.state() == ChangeFeed.State.SINGLE_NODE) {
            return; // written before the feed knew the database is embedded: nobody to tell
        }
        String[] payloads = RemoteChange.descriptivePayloads(ChangeFeed.NODE, new LinkedHashSet<>(batch))
                .toArray(String[]::new);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, p) FROM unnest(?) AS p")) {
                Array array = c.createArrayOf("text", payloads);
                s.setString(1, ChangeFeed.CHANNEL);
                s.setArray(2, array);
                s.execute();
                array.free();
            }
        } catch (SQLException | RuntimeException e) {
            // The database is away (the feed then drops every copy by itself) or refused: the TTL bounds it.
            long lost = failed.addAndGet(batch.size());
            long now = System.nanoTime();
            long due = nextWarning.get();
            if (now - due >= 0 && nextWarning.compareAndSet(due, now + TimeUnit.MINUTES.toNanos(1))) {
                LOG.warning("change announcements not sent (" + lost + " since start; other nodes' copies expire by"
                        + " their TTL): " + e.getClass().getSimpleName() + ": " + e.getMessage());
            } else {
                LOG.log(Level.FINE, "change announcement not sent", e);
            }
        }
    }
}
