package io.keyward.authn;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the sessions' {@code last_used_at} roughly current without a database write per request: most
 * authenticated requests are answered from the credential cache with no database round trip at all, and
 * a write on each would undo that. A use is written at most once per {@link #INTERVAL} per token on each
 * node (remembered here), and the UPDATE's condition makes it at most once per interval per session across
 * all nodes. Five minutes is fine enough to tell "in use now" from "signed in yesterday, idle since".
 * The write runs off the request thread: a slow or unreachable database must not slow the request down,
 * and a lost write is only a stale time (sign-in and every refresh also set it).
 */
@ApplicationScoped
public class SessionActivity {
    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;
    private static final Logger LOG = Logger.getLogger(SessionActivity.class.getName());

    @Inject
    UserSessions sessions;

    @Resource
    ManagedExecutorService executor;

    /** Token ID → when this node last wrote (or found recent) a use of it. */
    private final Map<String, Instant> recorded = new ConcurrentHashMap<>();

    /** The access token {@code tokenId} authenticated a request just now. */
    public void used(String tokenId) {
        Instant now = Instant.now();
        Instant last = recorded.get(tokenId);
        if (last != null && now.isBefore(last.plus(INTERVAL))) {
            return;
        }
        // One request per token and interval gets to write, however many arrive at once.
        boolean claimed = last == null ? recorded.putIfAbsent(tokenId, now) == null : recorded.replace(tokenId, last, now);
        if (!claimed) {
            return;
        }
        if (recorded.size() > MAX_ENTRIES) {
            recorded.values().removeIf(t -> !now.isBefore(t.plus(INTERVAL)));
            if (recorded.size() > MAX_ENTRIES) {
                recorded.clear();
            }
        }
        try {
            executor.execute(() -> write(tokenId, now));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "session use not recorded", e);
        }
    }

    private void write(String tokenId, Instant now) {
        try {
            sessions.recordUse(tokenId, now, now.minus(INTERVAL));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "session use not recorded", e);
        }
    }
}
