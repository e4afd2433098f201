-- Failed-login counts shared by every node (issue 12 §2): one row per throttled key (a user, an address,
-- or a user from one address). Times are epoch milliseconds, so that the conditional updates that
-- reserve an attempt compare plain numbers on H2 and PostgreSQL alike.
CREATE TABLE login_throttle (
    throttle_key      VARCHAR(200) PRIMARY KEY,
    window_start_ms   BIGINT       NOT NULL,
    failures          INTEGER      NOT NULL,
    blocked_until_ms  BIGINT       NOT NULL
);
CREATE INDEX login_throttle_window ON login_throttle (window_start_ms);
