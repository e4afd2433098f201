#!/usr/bin/env bash
# Notification inbox benchmark (issue 7): 1,000,000 notifications, 10,000 of them for one user;
# measures GET /api/v3/users/bench-target/notifications?status=NOTIFICATION_STATUS_UNSEEN&limit=100
# over HTTP with wrk (one connection, so a request's latency is what is measured), and prints the
# plans of the two queries behind it (page and count) with EXPLAIN ANALYZE.
#
# Needs: a built server (mvn package), PostgreSQL, psql, wrk (bench/setup). Server helpers: bench/lib.sh.
# Uses its own Liberty server "keyward-bench" (same runtime as the tests, own bootstrap properties)
# and its own database keyward_bench_notif, which it drops and re-creates.
#
#   bench/notifications/run.sh            # seed, start, measure, stop
#   BENCH_KEEP=1 bench/notifications/run.sh   # leave the server running afterwards
#   BENCH_REUSE=1 bench/notifications/run.sh  # keep an already seeded database (skip the 2-4 min seed)
set -euo pipefail
cd "$(dirname "$0")/../.."

# Server lifecycle (bench/lib.sh): own server, database and loopback port.
export BENCH_DB=${BENCH_DB:-keyward_bench_notif} BENCH_SERVER=keyward-bench
export BENCH_PORT=${BENCH_HTTP_PORT:-51885} BENCH_HTTPS_PORT=${BENCH_HTTPS_PORT:-58885}
. bench/lib.sh
DB=$BENCH_DB
ADMIN_PASSWORD=$BENCH_ADMIN_PASSWORD
DURATION=${BENCH_DURATION:-30s}
WARMUP=${BENCH_WARMUP:-120s}
URL="$BASE/api/v3/users/bench-target/notifications?status=NOTIFICATION_STATUS_UNSEEN&limit=100"

command -v wrk >/dev/null || { echo "wrk is missing: bench/setup" >&2; exit 1; }
if curl -s -o /dev/null "$BASE/"; then
    echo "port $BENCH_PORT is in use (a test server still up?); stop it first" >&2; exit 1
fi

SEEDED=$(psql -At -d "$DB" -c "SELECT COUNT(*) FROM users WHERE user_id = 'bench-target'" 2>/dev/null || echo 0)
if [ -n "${BENCH_REUSE:-}" ] && [ "$SEEDED" = 1 ]; then
    echo "== database $DB (reused)"
else
    echo "== database $DB"
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
    SEEDED=0
fi

echo "== server $BENCH_SERVER on port $BENCH_PORT"
bench_server_create
[ -n "${BENCH_KEEP:-}" ] || trap bench_server_stop EXIT
bench_server_start

if [ "$SEEDED" != 1 ]; then
    echo "== seeding (1,000,000 notifications)"
    psql -q -d "$DB" -f bench/notifications/seed.sql
fi

echo "== access token of bench-target"
TOKEN=$(curl -s -X POST "$BASE/oauth/token" --data-urlencode grant_type=password \
    --data-urlencode username=bench-target --data-urlencode "password=$ADMIN_PASSWORD" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || { echo "login failed" >&2; exit 1; }

echo "== one response"
curl -s -D /tmp/bench-notif-headers.txt -o /tmp/bench-notif-body.json -H "Authorization: Bearer $TOKEN" "$URL"
grep -i -E '^HTTP|x-total-count' /tmp/bench-notif-headers.txt
python3 -c 'import json; d=json.load(open("/tmp/bench-notif-body.json")); n=d["notifications"]; print(len(n), "notifications, newest", n[0]["created_at"], "oldest", n[-1]["created_at"])'

echo "== warm-up ($WARMUP, 4 connections, both endpoints)"
wrk -t2 -c4 -d"$WARMUP" -H "Authorization: Bearer $TOKEN" "$URL" | grep 'requests in'
wrk -t1 -c2 -d10s -H "Authorization: Bearer $TOKEN" "$BASE/api/v3/users/bench-target/rights" | grep 'requests in'
echo "   load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (other builds share the machine)"
echo "== measurement ($DURATION, 1 connection)"
wrk -t1 -c1 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$URL" | tee /tmp/bench-notif-wrk.txt
echo "== for comparison: ListRights, the same authentication with no query of its own ($DURATION, 1 connection)"
wrk -t1 -c1 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$BASE/api/v3/users/bench-target/rights" \
    | grep -E 'Latency|50%|99%|Requests/sec'
echo "== measurement ($DURATION, 8 connections)"
wrk -t2 -c8 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$URL"

echo "   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== query plans"
PK=$(psql -At -d "$DB" -c "SELECT id FROM users WHERE user_id = 'bench-target'")
psql -d "$DB" -v ON_ERROR_STOP=1 -v pk="$PK" <<'SQL'
EXPLAIN (ANALYZE, BUFFERS)
SELECT t0.user_pk, t0.notification_id, t0.created_at, t0.status, t0.status_updated_at,
       t1.id, t1.created_at, t1.data, t1.email, t1.entity_id, t1.entity_ids, t1.entity_type,
       t1.notification_type, t1.receivers, t1.sender_user_id
FROM notification_receivers t0, notifications t1
WHERE t1.id = t0.notification_id AND t0.user_pk = :pk AND t0.status IN (0)
ORDER BY t0.created_at DESC, t0.notification_id DESC LIMIT 100 OFFSET 0;
EXPLAIN (ANALYZE, BUFFERS)
SELECT COUNT(t0.notification_id) FROM notification_receivers t0 WHERE t0.user_pk = :pk AND t0.status IN (0);
SQL
