package io.keyward.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyward.cluster.ChangeFeed;
import io.keyward.config.KeywardConfig;
import io.keyward.rights.Caller;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 12 §9: a verification that overlapped a revocation never puts the revoked state in the cache. */
class CredentialResolverTest {

    private static CredentialResolver resolver(CredentialVerifier verifier) {
        CredentialResolver r = new CredentialResolver();
        r.verifier = verifier;
        r.metrics = new AuthnMetrics();
        r.config = new KeywardConfig() {
            @Override
            public Duration duration(Option o) {
                return Duration.ofSeconds(5);
            }
        };
        r.feed = new ChangeFeed() {
            @Override
            public boolean copiesCurrent() {
                return true;
            }
        };
        return r;
    }

    @Test
    void aVerificationThatOverlappedARevocationIsNotCached() {
        AtomicInteger calls = new AtomicInteger();
        CredentialResolver[] self = new CredentialResolver[1];
        CredentialVerifier verifier = new CredentialVerifier() {
            @Override
            public Verified verify(String token) {
                // The database read happens, then the credential is revoked before the answer is cached.
                if (calls.incrementAndGet() == 1) {
                    self[0].evictCredential("key-1");
                }
                return new Verified(Caller.ANONYMOUS, null);
            }
        };
        self[0] = resolver(verifier);
        self[0].resolve("NNSXS.KEY-1.SECRET");
        self[0].resolve("NNSXS.KEY-1.SECRET");
        assertEquals(2, calls.get(), "the overlapped result was not reused: the second call verified again");
        self[0].resolve("NNSXS.KEY-1.SECRET");
        assertEquals(2, calls.get(), "an undisturbed verification is cached as before");
    }
}
