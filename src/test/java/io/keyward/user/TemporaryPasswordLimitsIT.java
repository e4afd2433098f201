package io.keyward.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The temporary-password limits (issue 12 §3) per client address and per user ID, with the small limits
 * set here: the black-box test servers lift the per-address limit so that the suite's own requests from
 * 127.0.0.1 do not meet it.
 */
@Tag("in-container")
@ExtendWith(ArquillianExtension.class)
class TemporaryPasswordLimitsIT {

    @Deployment
    static WebArchive deployment() {
        return UserTestSupport.deployment("temporary-password-limits-it");
    }

    @Inject
    LoginThrottle throttle;

    private static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(256) + "." + r.nextInt(256) + "-" + System.nanoTime();
    }

    @Test
    void oneAddressAsksForAtMostItsLimitWhateverTheUsers() throws Exception {
        try (AutoCloseable perAddress = TestConfig.set("is.temporary-password.max-per-address", "3");
             AutoCloseable window = TestConfig.set("is.temporary-password.window", "1h")) {
            String flooder = address();
            for (int i = 0; i < 3; i++) {
                assertEquals(0, throttle.reserveTemporaryPassword(UserTestSupport.uniqueId("tp"), flooder), "request " + (i + 1));
            }
            long wait = throttle.reserveTemporaryPassword(UserTestSupport.uniqueId("tp"), flooder);
            assertTrue(wait > 0 && wait <= 3600, "the fourth user from one address waits: " + wait);
            assertEquals(0, throttle.reserveTemporaryPassword(UserTestSupport.uniqueId("tp"), address()),
                    "another address is not held back");
        }
    }

    @Test
    void oneUserIdIsAskedForAtMostItsLimitFromAnywhere() throws Exception {
        try (AutoCloseable perUser = TestConfig.set("is.temporary-password.max-per-user", "2");
             AutoCloseable window = TestConfig.set("is.temporary-password.window", "1h")) {
            String victim = UserTestSupport.uniqueId("tp");
            assertEquals(0, throttle.reserveTemporaryPassword(victim, address()));
            assertEquals(0, throttle.reserveTemporaryPassword(victim, address()));
            long wait = throttle.reserveTemporaryPassword(victim, address());
            assertTrue(wait > 0 && wait <= 3600, "a third request for one user, from a new address, waits: " + wait);
            assertEquals(0, throttle.reserveTemporaryPassword(UserTestSupport.uniqueId("tp"), address()),
                    "other users are not held back");
        }
    }
}
