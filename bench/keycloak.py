#!/usr/bin/env python3
"""Keycloak's side of `bench/run --peer keycloak`: the bench realm, its credential and its users.

    keycloak.py BASE realm ADMIN_PASSWORD    creates realm `bench` with the confidential client `bench`
    keycloak.py BASE token                   prints an access token of that client (client credentials)
    keycloak.py BASE seed FROM TO DB         seeds users u<FROM>..u<TO> by partial import; prints users/s
    keycloak.py BASE hashing DB              prints how Keycloak stored a password set through its API

Seeded users mirror bench/seed.sql: username u%06d, e-mail u%06d@bench.test (verified), name
"Bench User %06d" (first name "Bench", last name "User %06d"), and password Correct-Horse-1. Their IDs are
fixed (kc_user_id below, the same formula as bench/lua/common.lua) so that the workloads read a random
user by its identifier without a lookup, as Keyward's W2 does.
"""
import concurrent.futures
import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

REALM = "bench"
CLIENT = "bench"
# Loopback-only benchmark credential: the client exists only in the throw-away bench realm.
CLIENT_SECRET = "bench-client-secret"
DAY = 86400


def kc_user_id(i):
    return "00000000-0000-4000-8000-%012d" % i


def call(method, url, token=None, body=None, form=None):
    headers = {"Accept": "application/json"}
    data = None
    if token:
        headers["Authorization"] = "Bearer " + token
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body).encode()
    if form is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        data = urllib.parse.urlencode(form).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=600) as resp:
            raw = resp.read()
            return resp.status, (json.loads(raw) if raw else None), resp.headers
    except urllib.error.HTTPError as e:
        raise SystemExit(f"{method} {url}: HTTP {e.code}: {e.read().decode(errors='replace')[:500]}")


def token(base, realm, form):
    return call("POST", f"{base}/realms/{realm}/protocol/openid-connect/token", form=form)[1]["access_token"]


def client_token(base):
    return token(base, REALM, {"grant_type": "client_credentials", "client_id": CLIENT, "client_secret": CLIENT_SECRET})


def create_realm(base, admin_password):
    admin = token(base, "master", {"grant_type": "password", "client_id": "admin-cli",
                                   "username": "admin", "password": admin_password})
    realm = {
        "realm": REALM, "enabled": True,
        # Tokens outlive the run, so no workload meets an expired token or a refresh in the middle.
        "accessTokenLifespan": DAY, "ssoSessionIdleTimeout": DAY, "ssoSessionMaxLifespan": DAY,
        "clients": [{
            "clientId": CLIENT, "enabled": True, "publicClient": False, "secret": CLIENT_SECRET,
            "serviceAccountsEnabled": True, "standardFlowEnabled": False, "directAccessGrantsEnabled": False,
            "attributes": {"access.token.lifespan": str(DAY)},
        }],
        # The client's service account administers the realm (the counterpart of Keyward's RIGHT_ALL key).
        "users": [{
            "username": "service-account-" + CLIENT, "enabled": True, "serviceAccountClientId": CLIENT,
            "clientRoles": {"realm-management": ["realm-admin"]},
        }],
    }
    call("POST", f"{base}/admin/realms", admin, realm)


def psql(db, sql):
    return subprocess.run(["psql", "-d", db, "-At", "-F", "\t", "-c", sql], check=True,
                          capture_output=True, text=True).stdout.strip()


def stored_password(base, db, tok, username, password):
    """Creates `username` with `password` through the Admin API and returns its stored credential."""
    call("POST", f"{base}/admin/realms/{REALM}/users", tok, {
        "username": username, "enabled": True, "email": username + "@bench.test", "firstName": "Template",
        "credentials": [{"type": "password", "value": password, "temporary": False}]})
    row = psql(db, "SELECT c.secret_data, c.credential_data FROM credential c JOIN user_entity u ON u.id = c.user_id "
                   f"JOIN realm r ON r.id = u.realm_id WHERE r.name = '{REALM}' AND u.username = '{username}' "
                   "AND c.type = 'password'")
    secret, data = row.split("\t")
    uid = psql(db, f"SELECT u.id FROM user_entity u JOIN realm r ON r.id = u.realm_id "
                   f"WHERE r.name = '{REALM}' AND u.username = '{username}'")
    return secret, data, uid


def analyze(db):
    for table in ("user_entity", "credential", "user_role_mapping"):
        psql(db, f"ANALYZE {table}")


def seed(base, first, last, db, batch=500):
    tok = client_token(base)
    # One hash computed by Keycloak itself and stored for every seeded user: hashing 100,000 passwords
    # at import would take an hour here, and the workloads never check the seeded passwords.
    secret, data, template = stored_password(base, db, tok, "bench-template", "Correct-Horse-1")
    call("DELETE", f"{base}/admin/realms/{REALM}/users/{template}", tok)
    t0 = time.time()

    def import_batch(start):
        users = []
        for i in range(start, min(start + batch, last + 1)):
            n = "%06d" % i
            users.append({
                "id": kc_user_id(i), "username": "u" + n, "email": f"u{n}@bench.test", "emailVerified": True,
                "firstName": "Bench", "lastName": "User " + n, "enabled": True,
                "createdTimestamp": (1767225600 + i) * 1000,
                "credentials": [{"type": "password", "secretData": secret, "credentialData": data}],
            })
        _, result, _ = call("POST", f"{base}/admin/realms/{REALM}/partialImport", tok,
                            {"ifResourceExists": "FAIL", "users": users})
        if result.get("added") != len(users):
            raise SystemExit(f"partial import added {result.get('added')} of {len(users)} users")

    # Two imports in flight: one request is one transaction, and Keycloak works on it on one thread.
    # Statistics every 10 batches: where autovacuum is off (the shared server here), the plans Keycloak's
    # prepared statements got on a near-empty table scan it, and the import fell from 117 to 59 users/s
    # by 25,000 users; an ANALYZE (which also invalidates those plans) brought it back to 130.
    starts = list(range(first, last + 1, batch))
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for chunk in range(0, len(starts), 10):
            for f in [pool.submit(import_batch, s) for s in starts[chunk:chunk + 10]]:
                f.result()
            analyze(db)
    # As bench/seed.sql does for Keyward: planner statistics and the visibility map, as autovacuum would.
    for table in ("user_entity", "credential", "user_role_mapping"):
        psql(db, f"VACUUM (ANALYZE) {table}")
    print(round((last - first + 1) / (time.time() - t0)))


def hashing(base, db):
    tok = client_token(base)
    _, data, uid = stored_password(base, db, tok, "bench-hashing", "Bench-Passw0rd-1")
    call("DELETE", f"{base}/admin/realms/{REALM}/users/{uid}", tok)
    d = json.loads(data)
    params = ", ".join(f"{k}={v[0] if isinstance(v, list) and len(v) == 1 else v}"
                       for k, v in sorted(d.get("additionalParameters", {}).items()))
    print(f"{d.get('algorithm')}, {d.get('hashIterations')} iterations" + (f", {params}" if params else ""))


def main():
    base, cmd, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    if cmd == "realm":
        create_realm(base, args[0])
    elif cmd == "token":
        print(client_token(base))
    elif cmd == "seed":
        seed(base, int(args[0]), int(args[1]), args[2])
    elif cmd == "hashing":
        hashing(base, args[0])
    else:
        raise SystemExit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
