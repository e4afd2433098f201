package io.keyward.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyward.rights.Right;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in micro-benchmark ({@code -Dkeyward.bench=true}): median latency of the same authenticated GET
 * with an API key and without any credential, to show what the credential check costs once cached.
 * Prints the numbers; asserts only that every answer was right (no timing assertions).
 */
@EnabledIfSystemProperty(named = "keyward.bench", matches = "true")
class AuthBenchmarkIT {
    private static final int WARM_UP = 100;
    private static final int ROUNDS = 500;

    @Test
    void apiKeyVersusNoCredential() {
        String key = Credentials.createApiKey(Api.ADMIN_ID, Credentials.adminToken(), Right.RIGHT_USER_INFO);
        String path = "/api/v3/users/" + Api.ADMIN_ID + "/rights";
        List<Long> withKey = new ArrayList<>();
        List<Long> anonymous = new ArrayList<>();
        for (int i = 0; i < WARM_UP + ROUNDS; i++) {
            long a = time(path, key, "RIGHT_USER_INFO");
            long b = time(path, null, "{}");
            if (i >= WARM_UP) {
                withKey.add(a);
                anonymous.add(b);
            }
        }
        double k = median(withKey) / 1e6;
        double n = median(anonymous) / 1e6;
        System.out.printf("AUTH BENCHMARK GET %s, %d rounds: median with API key %.3f ms, without credential %.3f ms, ratio %.2f%n",
                path, ROUNDS, k, n, k / n);
    }

    private static long time(String path, String token, String expected) {
        long start = System.nanoTime();
        Api.Reply r = Api.get(path, token);
        long elapsed = System.nanoTime() - start;
        assertEquals(200, r.status(), r.body());
        assertEquals(true, r.body().contains(expected.equals("{}") ? "{" : expected), r.body());
        return elapsed;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
