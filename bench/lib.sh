# Shared helpers of the benchmarks: a Keyward server of its own on a PostgreSQL database, and latency
# statistics of repeated HTTP requests. Sourced by the bench scripts; run them from the project root
# after `mvn package` (which provides target/keyward.war and the Liberty runtime in target/liberty/wlp).

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
BENCH_DB=${BENCH_DB:-keyward_bench}
BENCH_PORT=${BENCH_PORT:-31885}
BENCH_HTTPS_PORT=${BENCH_HTTPS_PORT:-38885}
BENCH_SERVER=${BENCH_SERVER:-keywardbench}
BENCH_ADMIN_PASSWORD=${BENCH_ADMIN_PASSWORD:-Bench-Admin-Passw0rd!}
WLP=target/liberty/wlp
BASE="http://127.0.0.1:$BENCH_PORT"

# Creates the server folder: the project's server configuration, the WAR, and the database settings.
bench_server_create() {
    local dir="$WLP/usr/servers/$BENCH_SERVER"
    [ -f target/keyward.war ] || { echo "run 'mvn package' first" >&2; exit 1; }
    rm -rf "$dir"
    mkdir -p "$dir/apps"
    cp src/main/liberty/config/* "$dir/"
    cp target/keyward.war "$dir/apps/"
    cat > "$dir/bootstrap.properties" <<PROPS
is.http.host=127.0.0.1
is.http.port=$BENCH_PORT
is.https.port=$BENCH_HTTPS_PORT
is.db.kind=postgres
is.db.url=jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB
is.db.user=$PGUSER
is.db.password=$PGPASSWORD
is.admin.password=$BENCH_ADMIN_PASSWORD
PROPS
}

bench_server_start() {
    local log="$WLP/usr/servers/$BENCH_SERVER/logs/messages.log"
    rm -f "$log"
    "$WLP/bin/server" start "$BENCH_SERVER" >/dev/null
    for _ in $(seq 1 300); do
        if curl -sf "$BASE/health/ready" >/dev/null 2>&1; then
            return 0
        fi
        # The application failed to start (CWWKZ0002E): waiting longer would not help.
        if grep -q "CWWKZ0002E" "$log" 2>/dev/null; then
            grep -m1 -A2 "CWWKZ0002E" "$log" >&2
            echo "Keyward did not start; see $log" >&2
            exit 1
        fi
        sleep 1
    done
    echo "server did not get ready" >&2
    exit 1
}

bench_server_stop() {
    "$WLP/bin/server" stop "$BENCH_SERVER" >/dev/null || true
}

# An access token of the bootstrap admin.
bench_admin_token() {
    curl -sf -d grant_type=password -d username=admin --data-urlencode "password=$BENCH_ADMIN_PASSWORD" "$BASE/oauth/token" \
        | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

# measure <label> <requests> <curl arguments...>: runs the request sequentially and prints
# "label  median  p99  (n, last status)" in milliseconds, measured by curl (time_total).
measure() {
    local label=$1 n=$2
    shift 2
    local times status
    times=$(mktemp)
    for _ in $(seq 1 "$n"); do
        curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$@" >>"$times"
    done
    status=$(tail -1 "$times" | cut -d' ' -f1)
    cut -d' ' -f2 "$times" | sort -n | awk -v label="$label" -v status="$status" '
        { t[NR] = $1 * 1000 }
        END {
            median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
            p99 = t[int(NR * 0.99 + 0.999999)]
            printf "%-44s median %8.2f ms   p99 %8.2f ms   (n=%d, HTTP %s)\n", label, median, p99, NR, status
        }'
    rm -f "$times"
}

# measure_get <label> <url> [bearer token]: sequential GETs on one keep-alive connection. With wrk
# installed: wrk -t1 -c1 for $BENCH_SECONDS (default 15) s and its median and p99; else curl, $N times.
measure_get() {
    local label=$1 url=$2 token=${3:-}
    if command -v wrk >/dev/null 2>&1 && [ "${BENCH_TOOL:-wrk}" = wrk ]; then
        local out
        if [ -n "$token" ]; then
            out=$(wrk -t1 -c1 -d"${BENCH_SECONDS:-15}s" --latency -H "Authorization: Bearer $token" "$url")
        else
            out=$(wrk -t1 -c1 -d"${BENCH_SECONDS:-15}s" --latency "$url")
        fi
        echo "$out" | awk -v label="$label" '
            function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
            $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } / requests in / { n = $1 }
            /Non-2xx/ { bad = $NF }
            END { printf "%-44s median %8.2f ms   p99 %8.2f ms   (wrk, n=%d%s)\n", label, p50, p99, n, bad ? ", NON-2xx: " bad : "" }'
    elif [ -n "$token" ]; then
        measure "$label" "${N:-200}" -H "Authorization: Bearer $token" "$url"
    else
        measure "$label" "${N:-200}" "$url"
    fi
}
