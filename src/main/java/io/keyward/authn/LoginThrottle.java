package io.keyward.authn;

import io.keyward.config.KeywardConfig.Option;
import io.keyward.config.KeywardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;

/**
 * Throttles failed logins on {@code POST /oauth/token}, per user ID and per client address: after too
 * many failures within the window, every attempt (even with the right password) is refused until the
 * oldest failure leaves the window. A successful login clears the user's count. The counts live in
 * each node's memory: with N nodes behind a load balancer an attacker gets at most N times the limit.
 */
@ApplicationScoped
public class LoginThrottle {
    @Inject
    KeywardConfig config;

    private final FailureCounter counter = new FailureCounter(System::currentTimeMillis, 100_000);

    /** Seconds to wait before another attempt for this user from this address; 0 if allowed. */
    public long retryAfterSeconds(String userId, String address) {
        if (!config.bool(Option.LOGIN_THROTTLE_ENABLED)) {
            return 0;
        }
        Duration window = config.duration(Option.LOGIN_THROTTLE_WINDOW);
        return Math.max(counter.retryAfterSeconds(userKey(userId), config.integer(Option.LOGIN_THROTTLE_MAX_PER_USER), window),
                counter.retryAfterSeconds(addressKey(address), config.integer(Option.LOGIN_THROTTLE_MAX_PER_ADDRESS), window));
    }

    public void failed(String userId, String address) {
        if (config.bool(Option.LOGIN_THROTTLE_ENABLED)) {
            Duration window = config.duration(Option.LOGIN_THROTTLE_WINDOW);
            counter.fail(userKey(userId), window);
            counter.fail(addressKey(address), window);
        }
    }

    public void succeeded(String userId) {
        counter.reset(userKey(userId));
    }

    private static String userKey(String userId) {
        return "u:" + (userId == null ? "" : userId.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "a:" + (address == null ? "" : address);
    }
}
