package io.keyward.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Makes several nodes on one PostgreSQL database act as one server: every node LISTENs on the channel
 * the database's row triggers NOTIFY on commit (migration V9) and turns each notice into a
 * {@link RemoteChange} event, on which the per-node copies (credentials, users) drop what changed. This
 * uses the database the deployment already runs: no cluster protocol and no other server.
 *
 * <p>One connection of the pool is held for listening, by one thread. When it is lost (database
 * restart, network), every copy is dropped and the copies stay off ({@link #copiesCurrent()} is false)
 * until the node listens again, when they are dropped once more: a change made while nobody listened
 * can never be served from a copy. The embedded H2 database is a single node and needs none of this.
 */
@ApplicationScoped
public class ChangeFeed {
    public static final String CHANNEL = "keyward_changes";
    public static final String APPLICATION_NAME = "keyward-change-feed";
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());
    /** How long one wait for notices lasts; the connection is checked after this much silence. */
    static final int WAIT_MILLIS = 1000;
    static final long RETRY_MIN_MILLIS = 200;
    static final long RETRY_MAX_MILLIS = 2000;
    /** This node among those listening: its own announcements ({@link ChangeAnnouncer}) need no handling. */
    static final String NODE = Long.toString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE, 36);

    public enum State {
        /** The database is embedded (H2): one node, nothing to listen to. */
        SINGLE_NODE,
        /** Not (yet, or no longer) listening: copies are off. */
        CONNECTING,
        LISTENING,
        STOPPED
    }

    @Resource(lookup = "jdbc/keyward")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Event<RemoteChange> changes;

    private volatile State state = State.CONNECTING;
    private volatile boolean stopping;
    private volatile Thread thread;
    private volatile Connection connection;
    private volatile String lastError;

    void start(@Observes @Initialized(ApplicationScoped.class) Object init) {
        if (!postgres()) {
            state = State.SINGLE_NODE;
            return;
        }
        Thread t = threads.newThread(this::run);
        t.setName("keyward-change-feed");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private boolean postgres() {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            // Migrations have just run on it, so this is an outage right at start: listen (and retry).
            return true;
        }
    }

    /** Whether the per-node copies may be used: every change reaches this node (or there is one node). */
    public boolean copiesCurrent() {
        State s = state;
        return s == State.LISTENING || s == State.SINGLE_NODE;
    }

    public State state() {
        return state;
    }

    /** Why the feed last lost or failed to open its connection (null: never). For health output. */
    public String lastError() {
        return lastError;
    }

    @PreDestroy
    void stop() {
        stopping = true;
        state = State.STOPPED;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        closeQuietly(connection);
    }

    private void run() {
        long retry = RETRY_MIN_MILLIS;
        while (!stopping) {
            try (Connection c = dataSource.getConnection()) {
                connection = c;
                listen(c);
                retry = RETRY_MIN_MILLIS;
            } catch (SQLException | RuntimeException e) {
                if (stopping) {
                    break;
                }
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                boolean wasListening = state == State.LISTENING;
                lost();
                if (wasListening) {
                    LOG.warning("change feed lost its connection; copies are off until it listens again: " + lastError);
                } else {
                    LOG.log(Level.FINE, "change feed cannot listen yet", e);
                }
            } catch (LinkageError e) {
                // The application cannot see the PostgreSQL driver (server.xml: the application's
                // classloader needs commonLibraryRef="jdbcLib"): copies stay off, the node stays correct.
                lastError = "PostgreSQL driver not visible to the application: " + e;
                lost();
                LOG.severe("change feed cannot start; per-node copies are off: " + lastError);
                return;
            } finally {
                connection = null;
            }
            sleep(retry);
            retry = Math.min(RETRY_MAX_MILLIS, retry * 2);
        }
        state = State.STOPPED;
    }

    private void listen(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            // Named, so that operators (and the tests) can tell this connection apart in pg_stat_activity.
            s.execute("SET application_name = '" + APPLICATION_NAME + "'");
            s.execute("LISTEN " + CHANNEL);
        }
        // From here on every commit is announced to this node. Copies made or read while nobody
        // listened may be stale: use copies again, and drop them (which also stops a read that began
        // before this point from storing what it read).
        state = State.LISTENING;
        changes.fire(RemoteChange.ALL);
        LOG.info("change feed listening on " + CHANNEL);
        while (!stopping) {
            String[] notices = PgNotices.await(c, WAIT_MILLIS);
            if (notices.length == 0) {
                // Silence: make sure the connection is still there (a dead peer may send nothing).
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                continue;
            }
            for (String payload : notices) {
                for (RemoteChange change : RemoteChange.parseAll(payload, NODE)) {
                    dispatch(change);
                }
            }
        }
        // Stopping: the connection goes back to the pool as it came.
        try (Statement s = c.createStatement()) {
            s.execute("UNLISTEN *");
            s.execute("RESET application_name");
        }
    }

    private void dispatch(RemoteChange change) {
        try {
            changes.fire(change);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "dropping copies after a change failed; dropping all", e);
            changes.fire(RemoteChange.ALL);
        }
    }

    private void lost() {
        if (state != State.STOPPED) {
            state = State.CONNECTING;
        }
        try {
            changes.fire(RemoteChange.ALL);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "dropping copies failed", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                // closing a broken connection
            }
        }
    }
}
