package io.keyward.ops;

import io.keyward.config.KeywardConfig;
import io.keyward.config.KeywardConfig.Option;
import io.keyward.crypto.Tokens;
import io.keyward.entity.EntityIdentifiers;
import io.keyward.rights.Caller;
import io.keyward.rights.CallerContext;
import io.keyward.rights.Right;
import io.keyward.rights.Rights;
import io.keyward.user.UserReader;
import io.keyward.user.UserStore;
import io.keyward.wire.FieldMask;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Issue 19 §4: a fresh JVM runs Keyward's request path interpreted, and served a third of its later speed for
 * minutes. Before readiness reports UP ({@link WarmUpReadiness}), the node spends {@code is.warmup.duration}
 * sending itself the requests a load balancer will soon send: over loopback HTTP (Liberty's channel, the servlet
 * filters, JAX-RS, JSON, the user look-up and its 401) and, for what an anonymous request cannot reach (a user's
 * mapping to JSON), Get in-process on behalf of a read-only internal caller that never leaves this class.
 *
 * <p>Nothing is written: every request is a read, and no credential is created. A node that cannot reach itself
 * (say, bound to one external address) gives up after {@link #REACH_TIMEOUT} and reports ready anyway.
 */
@ApplicationScoped
public class WarmUp {
    private static final Logger LOG = Logger.getLogger(WarmUp.class.getName());
    /** How long to wait for the own HTTP port to answer before giving up on the warm-up. */
    static final Duration REACH_TIMEOUT = Duration.ofSeconds(30);
    private static final int HTTP_LOOPS = 3;
    private static final String MASK = "name,primary_email_address,state,admin";
    /** Reads only user info: the warm-up's in-process Get needs nothing more. */
    private static final Caller READER = new Caller(Caller.Kind.API_KEY, EntityIdentifiers.user("keyward-warm-up"),
            "warm-up", Rights.NONE, Rights.of(Right.RIGHT_USER_INFO), false, null, "", List.of());

    @Inject
    KeywardConfig config;

    @Inject
    UserStore users;

    @Inject
    UserReader reader;

    @Inject
    Instance<RequestContextController> requestContexts;

    @Inject
    Instance<CallerContext> callerContexts;

    @Resource
    ManagedExecutorService executor;

    private volatile boolean done;
    private final AtomicLong requests = new AtomicLong();

    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!config.bool(Option.WARMUP_ENABLED) || config.duration(Option.WARMUP_DURATION).isZero()) {
            done = true;
            return;
        }
        executor.execute(this::run);
    }

    /** True once the warm-up has finished, given up, or is off. */
    public boolean done() {
        return done;
    }

    private void run() {
        long t0 = System.nanoTime();
        try {
            List<String> ids = users.someUserIds(1000);
            String base = "http://127.0.0.1:" + config.string(Option.HTTP_PORT).trim();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            if (!reachable(client, base)) {
                LOG.info("warm-up skipped: this node's own HTTP port " + base + " did not answer");
                return;
            }
            long deadline = System.nanoTime() + config.duration(Option.WARMUP_DURATION).toNanos();
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < HTTP_LOOPS; i++) {
                loops.add(executor.submit(() -> httpLoop(client, base, ids, deadline)));
            }
            inProcessLoop(ids, deadline);
            for (Future<?> f : loops) {
                f.get();
            }
            LOG.info(String.format("warm-up done: %d requests in %.1f s", requests.get(), (System.nanoTime() - t0) / 1e9));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // A failed warm-up costs speed, never availability.
            LOG.log(Level.INFO, "warm-up ended early: " + e);
        } finally {
            done = true;
        }
    }

    /** Waits until the application answers on its own port (Liberty opens it around the application's start). */
    private boolean reachable(HttpClient client, String base) throws InterruptedException {
        long giveUp = System.nanoTime() + REACH_TIMEOUT.toNanos();
        while (System.nanoTime() < giveUp) {
            try {
                if (client.send(get(base + "/api/v3/auth_info", null), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return true;
                }
            } catch (java.io.IOException notYet) {
                // Port not open yet.
            }
            Thread.sleep(100);
        }
        return false;
    }

    private void httpLoop(HttpClient client, String base, List<String> ids, long deadline) {
        // A well-formed API key of a fresh random ID, which no key has: the credential look-up runs to its 401.
        String unknownKey = Tokens.generate(Tokens.API_KEY).join();
        int n = 0;
        while (System.nanoTime() < deadline) {
            String user = ids.isEmpty() ? "admin" : ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
            HttpRequest r = switch (n++ % 3) {
                case 0 -> get(base + "/api/v3/auth_info", null);
                case 1 -> get(base + "/api/v3/users/" + user + "?field_mask=" + MASK, null);
                default -> get(base + "/api/v3/users/" + user + "?field_mask=" + MASK, unknownKey);
            };
            try {
                client.send(r, HttpResponse.BodyHandlers.discarding());
                requests.incrementAndGet();
            } catch (Exception e) {
                return;
            }
        }
    }

    private void inProcessLoop(List<String> ids, long deadline) {
        if (ids.isEmpty()) {
            return;
        }
        RequestContextController scope = requestContexts.get();
        FieldMask mask = FieldMask.of(MASK.split(","));
        while (System.nanoTime() < deadline) {
            scope.activate();
            try {
                callerContexts.get().actAs(READER);
                for (int i = 0; i < 50; i++) {
                    reader.get(ids.get(ThreadLocalRandom.current().nextInt(ids.size())), mask);
                    requests.incrementAndGet();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "in-process warm-up stopped", e);
                return;
            } finally {
                scope.deactivate();
            }
        }
    }

    private static HttpRequest get(String url, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json").header("User-Agent", "keyward-warm-up");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b.GET().build();
    }
}
