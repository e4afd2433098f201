#!/usr/bin/env bash
# SearchUsers and List at a million users on PostgreSQL.
#
#   mvn package -DskipTests && bench/search/run.sh
#
# Creates database $BENCH_DB (default keyward_bench; dropped first!), starts Keyward on it (server
# $BENCH_SERVER on port $BENCH_PORT, default 31885), bulk-seeds $BENCH_USERS users (default 1,000,000),
# then measures each request $BENCH_REQUESTS times (default 200, after 20 warm-ups) with curl, one at a
# time, and prints median and p99; finally EXPLAIN ANALYZE of the SQL behind the requests.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
USERS=${BENCH_USERS:-1000000}
N=${BENCH_REQUESTS:-200}

echo "== database $BENCH_DB"
bench_server_stop
psql -q -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB"
bench_server_create
echo "== migrating (server start)"
bench_server_start
bench_server_stop
echo "== seeding $USERS users"
start=$(date +%s)
psql -q -d "$BENCH_DB" -v users="$USERS" -f bench/search/seed.sql
echo "seeded in $(( $(date +%s) - start )) s"
psql -d "$BENCH_DB" -Atc "SELECT 'users table ' || pg_size_pretty(pg_total_relation_size('users')) || ', attributes ' || pg_size_pretty(pg_total_relation_size('user_attributes'))"
bench_server_start
TOKEN=$(bench_admin_token)
AUTH=(-H "Authorization: Bearer $TOKEN")

SELECTIVE=$(psql -d "$BENCH_DB" -Atc "SELECT substr(md5('777777'), 5, 10)")
declare -a LABELS URLS
LABELS+=("selective search (query, 1 match)");       URLS+=("/api/v3/search/users?query=$SELECTIVE&field_mask=name")
LABELS+=("broad search (name_contains=son, ~10 %)");  URLS+=("/api/v3/search/users?name_contains=son&field_mask=name")
LABELS+=("attribute search (team contains rf-42)");   URLS+=("/api/v3/search/users?attributes_contain%5Bteam%5D=rf-42&field_mask=name")
LABELS+=("list page 1 by created_at (limit 100)");    URLS+=("/api/v3/users?order=created_at&limit=100&page=1&field_mask=name,state")
LABELS+=("list page 1000 by created_at (limit 100)"); URLS+=("/api/v3/users?order=created_at&limit=100&page=1000&field_mask=name,state")

echo "== answers"
for i in "${!URLS[@]}"; do
    printf '%-44s X-Total-Count %s\n' "${LABELS[$i]}" \
        "$(curl -s -D - -o /dev/null "${AUTH[@]}" "$BASE${URLS[$i]}" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-total-count"{print $2}')"
done
echo "== latency ($N requests each, sequential, after 20 warm-ups)"
for i in "${!URLS[@]}"; do
    measure "warm-up" 20 "${AUTH[@]}" "$BASE${URLS[$i]}" >/dev/null
    measure "${LABELS[$i]}" "$N" "${AUTH[@]}" "$BASE${URLS[$i]}"
done

echo "== EXPLAIN ANALYZE of the SQL behind the requests (as UserStore issues it)"
psql -d "$BENCH_DB" -v selective="%$SELECTIVE%" -f bench/search/explain.sql
bench_server_stop
