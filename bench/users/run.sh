#!/usr/bin/env bash
# What one Create and one password check cost with Keyward's hashing (Argon2id, 19 MiB, 2 passes).
#
#   mvn package -DskipTests && bench/users/run.sh
#
# 1. In-process: PasswordHasher.hash / verify, median of $HASH_RUNS (default 25) after warm-up.
# 2. Over HTTP against a server of its own on database ${BENCH_DB}_users (dropped first): Users.Create,
#    a password login (POST /oauth/token) and UpdatePassword with a wrong old password (one verify),
#    $BENCH_REQUESTS times each (default 50), sequentially.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
BENCH_DB=${BENCH_DB}_users
N=${BENCH_REQUESTS:-50}

BCPROV=$(find ~/.m2/repository/org/bouncycastle/bcprov-jdk18on -name 'bcprov-jdk18on-*.jar' | sort | tail -1)
echo "== in-process ($(nproc) cores)"
java -cp "target/classes:$BCPROV" bench/users/HashBench.java "${HASH_RUNS:-25}"

echo "== over HTTP"
bench_server_stop
psql -q -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB"
bench_server_create
bench_server_start
prefix="bench-$(date +%s)"
i=0
times=$(mktemp)
for i in $(seq 1 "$N"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
        -d "{\"user\":{\"ids\":{\"user_id\":\"$prefix-$i\"},\"primary_email_address\":\"$prefix-$i@example.com\",\"password\":\"Bench-Passw0rd\"}}" \
        "$BASE/api/v3/users" >>"$times"
done
cut -d' ' -f2 "$times" | sort -n | awk -v n="$N" '{t[NR]=$1*1000} END {printf "%-44s median %8.2f ms   p99 %8.2f ms   (n=%d)\n", "Users.Create (hash + insert)", (NR%2)?t[(NR+1)/2]:(t[NR/2]+t[NR/2+1])/2, t[int(NR*0.99+0.999999)], NR}'
grep -vc '^200 ' "$times" | xargs -I{} echo "non-200 answers: {}"
rm -f "$times"
measure "password login (POST /oauth/token)" "$N" -d grant_type=password -d "username=$prefix-1" -d password=Bench-Passw0rd "$BASE/oauth/token"
measure "UpdatePassword, wrong old password (401)" "$N" -X PUT -d '{"old":"Wrong-Passw0rd","new":"Other-Passw0rd1"}' "$BASE/api/v3/users/$prefix-1/password"
bench_server_stop
