#!/usr/bin/env bash
# Issue 18 §4: how long import-tts takes for N users (default 100,000). Builds a TTS fixture database
# (tts_import_bench) with TTS's identity-server tables and N users, an empty Keyward database
# (keyward_import_bench), then runs the import command as an operator would and prints its report
# (which ends with the time taken). Run from the project root; PostgreSQL at 127.0.0.1:5432 as postgres.
#   bench/import-tts/run.sh [N]
set -euo pipefail
N=${1:-100000}
PG="-h 127.0.0.1 -U postgres"
SRC=tts_import_bench
DST=keyward_import_bench
cd "$(dirname "$0")/../.."

for db in $SRC $DST; do
    dropdb $PG --if-exists --force "$db"
    createdb $PG "$db"
done
psql $PG -q -v ON_ERROR_STOP=1 -d $SRC -f src/test/resources/tts/bunstore-schema.sql
start=$(date +%s.%N)
psql $PG -q -v ON_ERROR_STOP=1 -v n="$N" -d $SRC -f bench/import-tts/fill.sql
echo "fixture of $N users filled in $(echo "$(date +%s.%N) - $start" | bc) s"

mvn -q -B compile
run() {
    local start; start=$(date +%s.%N)
    mvn -q -B exec:java -Dexec.args="import-tts --from jdbc:postgresql://127.0.0.1:5432/$SRC --user postgres \
        --to jdbc:postgresql://127.0.0.1:5432/$DST --to-user postgres $*"
    echo "command took $(echo "$(date +%s.%N) - $start" | bc) s (with Maven's start)"
}
echo "== import"
run
echo "== second run (must change nothing)"
run
psql $PG -At -d $DST -c "SELECT 'users in Keyward: ' || count(*) FROM users"
