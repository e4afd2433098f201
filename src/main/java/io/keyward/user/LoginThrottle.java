package io.keyward.user;

import io.keyward.config.KeywardConfig;
import io.keyward.config.KeywardConfig.Option;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Throttles password checks (the password grant of {@code POST /oauth/token}, UpdatePassword) with counts
 * kept in the database, so that every node shares them (issue 12 §2):
 * <ul>
 * <li>per user from one address: {@code max-failures-per-user-address} failures within the window, then
 * refused until the window ends — a stranger exhausts only its own budget;</li>
 * <li>per address: {@code max-failures-per-address} within the window, then refused;</li>
 * <li>per user from anywhere: past {@code max-failures-per-user} failures, each further attempt waits
 * a delay that grows by {@code user-wait-increment} up to {@code user-max-wait} (Keycloak's brute-force
 * detection), instead of a hard lockout that anyone could trigger.</li>
 * </ul>
 * An attempt is <em>reserved</em> — counted as a failure with one conditional UPDATE per key — before its
 * password is hashed; a success gives it back. So of N concurrent wrong guesses no more than the limit are
 * hashed, and a count cannot be reset by filling memory. Each statement commits on its own, outside the
 * caller's transaction: no row stays locked while a password is hashed.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class LoginThrottle {
    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

    @Inject
    KeywardConfig config;

    // Unshareable: a closed connection goes back to the pool at once instead of staying with the request's
    // local transaction containment until the request ends, i.e. while the password is hashed.
    @Resource(lookup = "jdbc/keyward", shareable = false)
    DataSource dataSource;

    private volatile long nextSweep;

    public static final long UNAVAILABLE = -1;

    /**
     * Reserves one password check of {@code userId} from {@code address}.
     *
     * @return 0 when reserved (the check may run; call {@link #succeeded} if the password is right),
     * else the seconds to wait (nothing was counted), or {@link #UNAVAILABLE} when the counts cannot be
     * reached (then no password may be checked: the caller answers 503)
     */
    public long reserve(String userId, String address) {
        if (!config.bool(Option.LOGIN_THROTTLE_ENABLED)) {
            return 0;
        }
        long now = System.currentTimeMillis();
        long window = config.duration(Option.LOGIN_THROTTLE_WINDOW).toMillis();
        try (Connection c = dataSource.getConnection()) {
            sweep(c, now, window);
            String a = addressKey(address);
            String p = pairKey(userId, address);
            String u = userKey(userId);
            long wait = reserveHard(c, a, config.integer(Option.LOGIN_THROTTLE_MAX_PER_ADDRESS), window, now);
            if (wait > 0) {
                return wait;
            }
            wait = reserveHard(c, p, config.integer(Option.LOGIN_THROTTLE_MAX_PER_USER_ADDRESS), window, now);
            if (wait > 0) {
                giveBack(c, a);
                return wait;
            }
            wait = reserveGrowing(c, u, config.integer(Option.LOGIN_THROTTLE_MAX_PER_USER),
                    config.duration(Option.LOGIN_THROTTLE_USER_WAIT_INCREMENT).toMillis(),
                    config.duration(Option.LOGIN_THROTTLE_USER_MAX_WAIT).toMillis(),
                    config.duration(Option.LOGIN_THROTTLE_USER_RESET_AFTER).toMillis(), now);
            if (wait > 0) {
                giveBack(c, a);
                giveBack(c, p);
            }
            return wait;
        } catch (SQLException e) {
            // Fail closed: without the counts no password is checked.
            LOG.log(Level.WARNING, "login throttle unavailable: " + e.getSQLState());
            return UNAVAILABLE;
        }
    }

    /** The password was right: the user's counts are cleared, the address gets its attempt back. */
    public void succeeded(String userId, String address) {
        if (!config.bool(Option.LOGIN_THROTTLE_ENABLED)) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            delete(c, pairKey(userId, address));
            delete(c, userKey(userId));
            giveBack(c, addressKey(address));
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "login throttle unavailable: " + e.getSQLState());
        }
    }

    /**
     * The reserved check did not run (no hashing slot was free): its counts are given back, so a flood
     * that the server could not even serve does not use up the user's budget.
     */
    public void cancel(String userId, String address) {
        if (!config.bool(Option.LOGIN_THROTTLE_ENABLED)) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            giveBack(c, userKey(userId));
            giveBack(c, pairKey(userId, address));
            giveBack(c, addressKey(address));
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "login throttle unavailable: " + e.getSQLState());
        }
    }

    /**
     * Counts one temporary-password request for {@code userId} from {@code address} (issue 12 §3): each
     * costs a hash and a mail, whoever asks, so every request counts, not only failures.
     *
     * @return 0 when counted (the request may proceed), else the seconds to wait, or {@link #UNAVAILABLE}
     */
    public long reserveTemporaryPassword(String userId, String address) {
        long now = System.currentTimeMillis();
        long window = config.duration(Option.TEMPORARY_PASSWORD_WINDOW).toMillis();
        try (Connection c = dataSource.getConnection()) {
            sweep(c, now, window);
            String a = key("ta:" + (address == null ? "" : address));
            long wait = reserveHard(c, a, config.integer(Option.TEMPORARY_PASSWORD_MAX_PER_ADDRESS), window, now);
            if (wait > 0) {
                return wait;
            }
            wait = reserveHard(c, key("tu:" + normal(userId)), config.integer(Option.TEMPORARY_PASSWORD_MAX_PER_USER), window, now);
            if (wait > 0) {
                giveBack(c, a);
            }
            return wait;
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "temporary password throttle unavailable: " + e.getSQLState());
            return UNAVAILABLE;
        }
    }

    /** A fixed window with a hard limit: one conditional increment decides. */
    private static long reserveHard(Connection c, String key, int max, long window, long now) throws SQLException {
        ensureRow(c, key, now);
        restartExpiredWindow(c, key, window, now);
        if (update(c, "UPDATE login_throttle SET failures = failures + 1 WHERE throttle_key = ? AND failures < ?", key, max) == 1) {
            return 0;
        }
        long[] row = read(c, key);
        return row == null ? 1 : seconds(row[0] + window - now);
    }

    /**
     * Free attempts up to {@code free}; from then on each attempt must wait until the previous one's delay
     * has passed, and sets the next delay — both in one conditional UPDATE, so concurrent attempts cannot
     * slip through together.
     */
    private static long reserveGrowing(Connection c, String key, int free, long increment, long maxWait, long resetAfter, long now)
            throws SQLException {
        ensureRow(c, key, now);
        restartExpiredWindow(c, key, resetAfter, now);
        // Casts: H2 would type the parameters after the INTEGER column and overflow on epoch milliseconds.
        int n = update(c, "UPDATE login_throttle SET failures = failures + 1, window_start_ms = ?, blocked_until_ms = CASE"
                        + " WHEN failures + 1 >= ? THEN CAST(? AS BIGINT) + LEAST(CAST(? AS BIGINT) * (failures + 2 - ?), CAST(? AS BIGINT))"
                        + " ELSE blocked_until_ms END"
                        + " WHERE throttle_key = ? AND blocked_until_ms <= ?",
                now, free, now, increment, free, maxWait, key, now);
        if (n == 1) {
            return 0;
        }
        long[] row = read(c, key);
        return row == null ? 1 : seconds(row[2] - now);
    }

    private static void ensureRow(Connection c, String key, long now) throws SQLException {
        if (read(c, key) != null) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO login_throttle (throttle_key, window_start_ms, failures, blocked_until_ms) VALUES (?, ?, 0, 0)")) {
            s.setString(1, key);
            s.setLong(2, now);
            s.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) { // another request inserted it first: fine
                throw e;
            }
        }
    }

    /** A key whose window (or, for users, quiet period) has passed starts over, unless it is still waiting. */
    private static void restartExpiredWindow(Connection c, String key, long window, long now) throws SQLException {
        update(c, "UPDATE login_throttle SET window_start_ms = ?, failures = 0, blocked_until_ms = 0"
                + " WHERE throttle_key = ? AND window_start_ms <= ? AND blocked_until_ms <= ?", now, key, now - window, now);
    }

    private static void giveBack(Connection c, String key) throws SQLException {
        update(c, "UPDATE login_throttle SET failures = failures - 1 WHERE throttle_key = ? AND failures > 0", key);
    }

    private static void delete(Connection c, String key) throws SQLException {
        update(c, "DELETE FROM login_throttle WHERE throttle_key = ?", key);
    }

    /** Now and then, rows that no longer throttle anything go: the table holds only live counts. */
    private void sweep(Connection c, long now, long window) throws SQLException {
        if (now < nextSweep) {
            return;
        }
        nextSweep = now + 60_000;
        long resetAfter = Math.max(Math.max(window, config.duration(Option.LOGIN_THROTTLE_WINDOW).toMillis()),
                Math.max(config.duration(Option.TEMPORARY_PASSWORD_WINDOW).toMillis(),
                        config.duration(Option.LOGIN_THROTTLE_USER_RESET_AFTER).toMillis()));
        update(c, "DELETE FROM login_throttle WHERE window_start_ms <= ? AND blocked_until_ms <= ?", now - resetAfter, now);
    }

    /** {window_start_ms, failures, blocked_until_ms}, or null. */
    private static long[] read(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT window_start_ms, failures, blocked_until_ms FROM login_throttle WHERE throttle_key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new long[] {r.getLong(1), r.getLong(2), r.getLong(3)} : null;
            }
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof String str) {
                    s.setString(i + 1, str);
                } else if (args[i] instanceof Integer n) {
                    s.setInt(i + 1, n);
                } else {
                    s.setLong(i + 1, (Long) args[i]);
                }
            }
            return s.executeUpdate();
        }
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    private static String userKey(String userId) {
        return key("u:" + normal(userId));
    }

    private static String pairKey(String userId, String address) {
        return key("p:" + normal(userId) + "|" + (address == null ? "" : address));
    }

    private static String addressKey(String address) {
        return key("a:" + (address == null ? "" : address));
    }

    private static String normal(String userId) {
        return userId == null ? "" : userId.toLowerCase(Locale.ROOT);
    }

    /** Keys of any length fit the column: long ones (only made-up user names are) are digested. */
    private static String key(String raw) {
        if (raw.length() <= 120) {
            return raw;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
            return raw.substring(0, 2) + "#" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
