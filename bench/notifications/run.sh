#!/usr/bin/env bash
# Notification inbox benchmark (issue 7): 1,000,000 notifications, 10,000 of them for one user;
# measures GET /api/v3/users/bench-target/notifications?status=NOTIFICATION_STATUS_UNSEEN&limit=100
# over HTTP with wrk (one connection, so a request's latency is what is measured), and prints the
# plans of the two queries behind it (page and count) with EXPLAIN ANALYZE.
#
# Needs: a built server (mvn package), PostgreSQL, psql, wrk (apt-get install -y wrk).
# Uses its own Liberty server "keyward-bench" (same runtime as the tests, own bootstrap properties)
# and its own database keyward_bench_notif, which it drops and re-creates.
#
#   bench/notifications/run.sh            # seed, start, measure, stop
#   BENCH_KEEP=1 bench/notifications/run.sh   # leave the server running afterwards
#   BENCH_REUSE=1 bench/notifications/run.sh  # keep an already seeded database (skip the 2-4 min seed)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
DB=${BENCH_DB:-keyward_bench_notif}
HTTP_PORT=${BENCH_HTTP_PORT:-51885}
HTTPS_PORT=${BENCH_HTTPS_PORT:-58885}
DURATION=${BENCH_DURATION:-30s}
# The JIT needs some thousands of requests before latencies settle; measure only after that.
WARMUP=${BENCH_WARMUP:-120s}
ADMIN_PASSWORD='Bench-Admin-Passw0rd!'
WLP=$ROOT/target/liberty/wlp
SERVER=keyward-bench
SDIR=$WLP/usr/servers/$SERVER
BASE=http://127.0.0.1:$HTTP_PORT
URL="$BASE/api/v3/users/bench-target/notifications?status=NOTIFICATION_STATUS_UNSEEN&limit=100"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
# The server the build created (defaultServer, or the -Dtest.server.name of the build).
FROM=${BENCH_FROM_SERVER:-$(ls -d "$WLP"/usr/servers/*/apps/keyward.war.xml 2>/dev/null | grep -v "/$SERVER/" | head -1 | sed 's|/apps/keyward.war.xml||')}
[ -x "$WLP/bin/server" ] && [ -n "$FROM" ] && [ -f "$FROM/apps/keyward.war.xml" ] \
    || { echo "build first: mvn package" >&2; exit 1; }
if curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/"; then
    echo "port $HTTP_PORT is in use (a test server still up?); stop it first" >&2; exit 1
fi

SEEDED=$(psql -At -d "$DB" -c "SELECT COUNT(*) FROM users WHERE user_id = 'bench-target'" 2>/dev/null || echo 0)
if [ -n "${BENCH_REUSE:-}" ] && [ "$SEEDED" = 1 ]; then
    echo "== database $DB (reused)"
else
    echo "== database $DB"
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
    SEEDED=0
fi

echo "== server $SERVER on port $HTTP_PORT"
rm -rf "$SDIR"
mkdir -p "$SDIR/apps"
cp "$FROM/"{server.xml,db-h2.xml,db-postgres.xml,jvm.options} "$SDIR/"
cp "$FROM/apps/keyward.war.xml" "$SDIR/apps/"
cat > "$SDIR/bootstrap.properties" <<PROPS
is.http.port=$HTTP_PORT
is.https.port=$HTTPS_PORT
is.http.host=127.0.0.1
is.db.kind=postgres
is.db.url=jdbc:postgresql://$PGHOST:$PGPORT/$DB
is.db.user=$PGUSER
is.db.password=$PGPASSWORD
is.admin.password=$ADMIN_PASSWORD
PROPS
stop_server() { "$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || true; }
[ -n "${BENCH_KEEP:-}" ] || trap stop_server EXIT
"$WLP/bin/server" start "$SERVER" >/dev/null
for i in $(seq 1 180); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready")" = 200 ] && break
    [ "$i" = 180 ] && { echo "server not ready after 180 s" >&2; exit 1; }
    sleep 1
done

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
