package io.keyward.authn;

import io.keyward.cluster.ChangeFeed;
import io.keyward.cluster.RemoteChange;
import io.keyward.config.KeywardConfig;
import io.keyward.crypto.Secrets;
import io.keyward.error.KeywardException;
import io.keyward.rights.Caller;
import io.keyward.user.UserCredentialsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bearer value → {@link Caller}, through a short-lived cache of verified credentials, so that an
 * authenticated request costs neither a database round trip nor a hash verification every time.
 *
 * <p>Bounds: an entry lives at most {@code is.auth.cache-ttl} (default 5 s) and never past the
 * credential's own expiry. This node drops entries at once when a key is updated or deleted, a token is
 * rotated, or a user's state, admin flag, e-mail validation, password or existence changes
 * ({@link UserCredentialsChanged}); every node (this one too) drops them again when the database
 * announces the committed change ({@link ChangeFeed}), and uses no cached entry while it cannot hear
 * those announcements. The TTL bounds what a lost announcement could leave behind. Only successful
 * verifications are cached, keyed by the SHA-256 of the whole token (never the token itself).
 */
@ApplicationScoped
public class CredentialResolver {
    static final int MAX_ENTRIES = 10_000;

    @Inject
    CredentialVerifier verifier;

    @Inject
    KeywardConfig config;

    @Inject
    ChangeFeed feed;

    @Inject
    AuthnMetrics metrics;

    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    /** Bumped by every eviction: a verification that overlapped one must not cache what it read (issue 12 §9). */
    private final AtomicLong generation = new AtomicLong();

    private record Entry(Caller caller, Instant validUntil) {
    }

    public Caller resolve(String token) {
        try {
            return resolveCounted(token);
        } catch (KeywardException e) {
            metrics.credentialCheck(token, AuthnMetrics.Result.REFUSED);
            throw e;
        }
    }

    private Caller resolveCounted(String token) {
        Duration ttl = config.duration(KeywardConfig.Option.AUTH_CACHE_TTL);
        if (ttl.isZero() || ttl.isNegative() || !feed.copiesCurrent()) {
            Caller caller = verifier.verify(token).caller();
            metrics.credentialCheck(token, AuthnMetrics.Result.VERIFIED);
            return caller;
        }
        String key = Base64.getEncoder().encodeToString(Secrets.sha256Bytes(token));
        Instant now = Instant.now();
        Entry e = cache.get(key);
        if (e != null && now.isBefore(e.validUntil())) {
            metrics.credentialCheck(token, AuthnMetrics.Result.CACHE_HIT);
            return e.caller();
        }
        long before = generation.get();
        CredentialVerifier.Verified v = verifier.verify(token);
        metrics.credentialCheck(token, AuthnMetrics.Result.VERIFIED);
        Instant until = now.plus(ttl);
        if (v.expiresAt() != null && v.expiresAt().isBefore(until)) {
            until = v.expiresAt();
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.values().removeIf(x -> !now.isBefore(x.validUntil()));
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
        }
        if (generation.get() == before) {
            cache.put(key, new Entry(v.caller(), until));
            // An eviction between the check and the put may have missed the new entry: take it back.
            if (generation.get() != before) {
                cache.remove(key);
            }
        }
        return v.caller();
    }

    /** Drops every cached credential of the user. */
    public void evictUser(String userId) {
        generation.incrementAndGet();
        cache.values().removeIf(e -> userId.equals(e.caller().userId()));
    }

    /** Drops the cached API key or token with this ID. */
    public void evictCredential(String credentialId) {
        generation.incrementAndGet();
        cache.values().removeIf(e -> credentialId.equals(e.caller().credentialId()));
    }

    /** A change committed by any node, announced by the database. */
    void remoteChange(@Observes RemoteChange change) {
        switch (change.kind()) {
            case USER -> evictUser(change.id());
            case CREDENTIAL -> evictCredential(change.id());
            case EVERYTHING -> clear();
        }
    }

    public void clear() {
        generation.incrementAndGet();
        cache.clear();
    }
}
