package io.keyward.it.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyward.it.attack.Attacker.Answer;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 §5: a refresh token is spent once. Of concurrent redemptions exactly one succeeds; redeeming
 * a token that was already exchanged (a thief's copy, or the owner's after a theft) revokes the whole
 * family, so neither the thief nor anyone else keeps a working pair from it.
 */
class RefreshAttackIT {

    private static JsonObject passwordGrant(String user) {
        Answer a = Attacker.form("grant_type=password&username=" + user + "&password=" + Attacker.PASSWORD);
        assertEquals(200, a.status(), a.toString());
        return a.json();
    }

    private static Answer refresh(String refreshToken) {
        return Attacker.form("grant_type=refresh_token&refresh_token=" + refreshToken);
    }

    private static int get(String user, String accessToken) {
        return Attacker.bearer("GET", "/api/v3/users/" + user, accessToken, null).status();
    }

    @Test
    void concurrentRedemptionsOfOneRefreshTokenSucceedOnce() throws Exception {
        String user = Attacker.register("spend");
        String refreshToken = passwordGrant(user).getString("refresh_token");
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return refresh(refreshToken);
                }));
            }
            start.countDown();
            int ok = 0;
            for (Future<Answer> f : answers) {
                Answer a = f.get();
                if (a.status() == 200) {
                    ok++;
                } else {
                    assertEquals(400, a.status(), a.toString());
                    assertEquals("invalid_grant", a.json().getString("error"));
                }
            }
            assertEquals(1, ok, "exactly one redemption wins");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheFamily() {
        String user = Attacker.register("reuse");
        JsonObject first = passwordGrant(user);
        Answer rotated = refresh(first.getString("refresh_token"));
        assertEquals(200, rotated.status(), rotated.toString());
        JsonObject second = rotated.json();
        // The exchanged pair no longer works; the new one does.
        assertEquals(401, get(user, first.getString("access_token")));
        assertEquals(200, get(user, second.getString("access_token")));

        // A stolen copy of the first refresh token is redeemed: refused, and the family is revoked.
        Answer reuse = refresh(first.getString("refresh_token"));
        assertEquals(400, reuse.status(), reuse.toString());
        assertEquals("invalid_grant", reuse.json().getString("error"));
        assertEquals(401, get(user, second.getString("access_token")), "the current pair of the family is revoked");
        assertEquals(400, refresh(second.getString("refresh_token")).status());

        // Another login of the same user (another family) is untouched.
        JsonObject other = passwordGrant(user);
        assertEquals(200, get(user, other.getString("access_token")));
        assertEquals(200, refresh(other.getString("refresh_token")).status());
    }
}
