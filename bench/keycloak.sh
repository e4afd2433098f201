# Keycloak as the benchmark's peer (`bench/run --peer keycloak`): fetches its distribution once, builds it
# for PostgreSQL, and starts and stops one Keycloak process in production mode on loopback. Sourced by
# bench/run after bench/lib.sh (which sets PGHOST, PGPORT, PGUSER, PGPASSWORD).

KC_VERSION=${KC_VERSION:-26.7.3}
KC_PORT=${KC_PORT:-18180}
KC_HTTPS_PORT=${KC_HTTPS_PORT:-18181}
KC_CLUSTER_PORT=${KC_CLUSTER_PORT:-18182}
KC_MANAGEMENT_PORT=${KC_MANAGEMENT_PORT:-19100}
KC_DB=${KC_DB:-keycloak_bench}
KC_ADMIN_PASSWORD=${KC_ADMIN_PASSWORD:-Bench-Admin-Passw0rd!}
# bench/out is git-ignored and, unlike target/, survives `mvn clean`: the 170 MB zip is fetched once.
KC_CACHE=${KC_CACHE:-$ROOT/bench/out/keycloak}
KC_HOME=$KC_CACHE/keycloak-$KC_VERSION
KC_BASE="http://127.0.0.1:$KC_PORT"
KC_PID_FILE=$KC_CACHE/keycloak.pid
KC_LOG=$KC_CACHE/keycloak.log

# Keycloak 26 needs Java 21 or later; the machine's default JDK may be older.
kc_java_home() {
    local candidate
    for candidate in "${KC_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
        if "$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
            | awk '/java.specification.version/ { exit !($3 >= 21) }'; then
            echo "$candidate"
            return 0
        fi
    done
    echo "Keycloak needs a JDK 21 or later (none found under /usr/lib/jvm; set KC_JAVA_HOME)" >&2
    return 1
}

# Fetches and unpacks the distribution, and builds it for PostgreSQL with health checks (build-time
# options of Keycloak's production mode); rebuilds only when these options change.
kc_prepare() {
    local zip=$KC_CACHE/keycloak-quarkus-dist-$KC_VERSION.zip build_opts="--db=postgres --health-enabled=true"
    mkdir -p "$KC_CACHE"
    if [ ! -f "$zip" ]; then
        mvn -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
            -DoutputDirectory="$KC_CACHE" >&2
    fi
    if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
        rm -rf "$KC_HOME"
        unzip -q "$zip" -d "$KC_CACHE"
    fi
    if [ "$(cat "$KC_HOME/.bench-build" 2>/dev/null)" != "$build_opts" ]; then
        # shellcheck disable=SC2086 # the options are words
        JAVA_HOME=$KC_JAVA "$KC_HOME/bin/kc.sh" build $build_opts >"$KC_CACHE/build.log" 2>&1 \
            || { tail -20 "$KC_CACHE/build.log" >&2; return 1; }
        echo "$build_opts" > "$KC_HOME/.bench-build"
    fi
}

# Starts Keycloak in the background and waits for /health/ready on the management port. Caches, heap
# and thread pools stay at Keycloak's defaults; only the clustering transport is kept on loopback.
kc_start() {
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$KC_ADMIN_PASSWORD JAVA_HOME=$KC_JAVA \
        KC_DB_PASSWORD=$PGPASSWORD \
        nohup "$KC_HOME/bin/kc.sh" start --optimized \
        --db-url="jdbc:postgresql://$PGHOST:$PGPORT/$KC_DB" --db-username="$PGUSER" \
        --http-enabled=true --http-host=127.0.0.1 --http-port="$KC_PORT" --https-port="$KC_HTTPS_PORT" \
        --hostname="$KC_BASE" --http-management-port="$KC_MANAGEMENT_PORT" \
        --cache-embedded-network-bind-address=127.0.0.1 --cache-embedded-network-bind-port="$KC_CLUSTER_PORT" \
        >"$KC_LOG" 2>&1 &
    echo $! > "$KC_PID_FILE"
    for _ in $(seq 1 600); do
        if curl -sf "http://127.0.0.1:$KC_MANAGEMENT_PORT/health/ready" >/dev/null 2>&1; then
            return 0
        fi
        if ! kill -0 "$(cat "$KC_PID_FILE")" 2>/dev/null; then
            tail -30 "$KC_LOG" >&2
            echo "Keycloak exited; see $KC_LOG" >&2
            return 1
        fi
        sleep 1
    done
    echo "Keycloak did not get ready; see $KC_LOG" >&2
    return 1
}

# The pid saved by kc_start is kc.sh's, which forwards SIGTERM to its JVM child.
kc_pid() {
    cat "$KC_PID_FILE" 2>/dev/null
}

kc_jvm_pid() {
    pgrep -P "$(kc_pid)" 2>/dev/null | head -1
}

# Stops the Keycloak this script started (by its saved pid) and waits for it to exit. A pid file left
# by an earlier run counts only if that pid still runs this distribution's kc.sh.
kc_stop() {
    local pid
    pid=$(kc_pid) || return 0
    [ -n "$pid" ] || return 0
    if ! tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$KC_HOME/bin/kc.sh"; then
        rm -f "$KC_PID_FILE"
        return 0
    fi
    if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 1
        done
    fi
    rm -f "$KC_PID_FILE"
}
