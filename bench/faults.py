#!/usr/bin/env python3
"""Helpers of bench/faults (issue 13): an SMTP sink, a bounded write load, and the fault scenarios.

  faults.py sink PORT MODE_FILE OUT_FILE      SMTP sink; MODE_FILE holds accept, refuse, reject or slow
  faults.py run SCENARIO...                   plays the scenarios and prints the table

`run` reads its settings from the environment that bench/faults exports (FAULTS_*).
"""
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time

# ---------------------------------------------------------------------------------------------------
# SMTP sink


def sink(port, mode_file, out_file):
    lock = threading.Lock()

    def mode():
        try:
            with open(mode_file) as f:
                return f.read().strip() or "accept"
        except OSError:
            return "accept"

    def handle(conn, conn_mode):
        f = conn.makefile("rb")
        rcpts = []

        def say(line):
            conn.sendall((line + "\r\n").encode())

        try:
            say("220 faults-sink ESMTP")
            while True:
                line = f.readline()
                if not line:
                    return
                cmd = line.decode("latin-1").strip()
                verb = cmd[:4].upper()
                if verb in ("EHLO", "HELO"):
                    say("250-faults-sink")
                    say("250 8BITMIME")
                elif verb == "MAIL":
                    rcpts = []
                    say("250 OK")
                elif verb == "RCPT":
                    if conn_mode == "reject":
                        say("550 5.1.1 mailbox unavailable (faults sink)")
                    else:
                        rcpts.append(cmd.split(":", 1)[1].strip().strip("<>").lower())
                        say("250 OK")
                elif verb == "DATA":
                    say("354 go on")
                    subject = ""
                    while True:
                        d = f.readline()
                        if not d or d in (b".\r\n", b".\n"):
                            break
                        if d.lower().startswith(b"subject:") and not subject:
                            subject = d[8:].decode("latin-1").strip()
                    if conn_mode == "slow":
                        time.sleep(3)
                    with lock, open(out_file, "a") as out:
                        out.write(json.dumps({"t": time.time(), "rcpt": rcpts, "subject": subject}) + "\n")
                    say("250 OK queued")
                elif verb == "QUIT":
                    say("221 bye")
                    return
                else:
                    say("250 OK")
        except OSError:
            pass
        finally:
            conn.close()

    listener = None
    while True:
        m = mode()
        if m == "refuse":
            # A closed port: connections are refused, as when the mail server is down.
            if listener:
                listener.close()
                listener = None
            time.sleep(0.1)
            continue
        if listener is None:
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", port))
            listener.listen(64)
            listener.settimeout(0.2)
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            continue
        conn.settimeout(60)
        threading.Thread(target=handle, args=(conn, m), daemon=True).start()


# ---------------------------------------------------------------------------------------------------
# Environment of a run

E = os.environ
NGINX = ("127.0.0.1", int(E.get("FAULTS_NGINX_PORT", "13980")))
NODE = {"a": ("127.0.0.1", int(E.get("FAULTS_PORT_A", "13981"))), "b": ("127.0.0.1", int(E.get("FAULTS_PORT_B", "13982")))}
QUICK = E.get("FAULTS_QUICK") == "1"
PASSWORD = "Faults-Passw0rd-1"


def log(msg):
    print("[faults %s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


def request(addr, method, path, body=None, token=None, timeout=30, form=None):
    """One request on a fresh connection: (status, body bytes, kind); kind is app, proxy or conn."""
    headers = {}
    data = None
    if body is not None:
        data = json.dumps(body)
        headers["Content-Type"] = "application/json"
    if form is not None:
        data = form
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if token:
        headers["Authorization"] = "Bearer " + token
    c = http.client.HTTPConnection(addr[0], addr[1], timeout=timeout)
    try:
        c.request(method, path, body=data, headers=headers)
        r = c.getresponse()
        raw = r.read()
        # nginx's own error pages (502/504 when a node is gone) are the proxy's answers, not Keyward's.
        kind = "proxy" if r.status in (502, 504) and b"<center>nginx" in raw else "app"
        # Liberty's HTML error page: the server listens but Keyward is not deployed (yet).
        if kind == "app" and raw.lstrip().startswith(b"<!DOCTYPE html"):
            kind = "liberty"
        return r.status, raw, kind
    except (OSError, http.client.HTTPException) as e:
        return 0, str(e).encode(), "conn"
    finally:
        c.close()


def psql(sql):
    out = subprocess.run(["psql", "-X", "-At", "-F", "\t", "-h", "127.0.0.1", "-p", E["FAULTS_PG_PORT"], "-U", "postgres",
                          "-d", "postgres", "-c", sql], capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError("psql: " + out.stderr.strip())
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def admin_token(addr=NGINX):
    from urllib.parse import urlencode
    for _ in range(60):
        s, raw, _k = request(addr, "POST", "/oauth/token",
                             form=urlencode({"grant_type": "password", "username": "admin", "password": E["FAULTS_ADMIN_PASSWORD"]}))
        if s == 200:
            return json.loads(raw)["access_token"]
        time.sleep(1)
    raise RuntimeError("no admin token: %s %s" % (s, raw[:200]))


def wait_ready(addr, seconds=180):
    t0 = time.time()
    while time.time() - t0 < seconds:
        s, _, _ = request(addr, "GET", "/health/ready", timeout=5)
        if s == 200:
            return True
        time.sleep(0.2)
    return False


def sh(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True)


# ---------------------------------------------------------------------------------------------------
# Load


class Load:
    """Write load through one address: creates, renames and API-key creates, THREADS threads, each renaming
    only its own users so that the last acknowledged rename of a user is known."""

    def __init__(self, tag, token, addr=NGINX, threads=6):
        self.tag, self.token, self.addr, self.threads = tag, token, addr, threads
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.results = []  # (t_start, t_end, op, status, kind)
        self.created = {}  # user_id -> email (acknowledged)
        self.names = {}  # user_id -> (last acknowledged name, names tried after it)
        self.keys = []  # key ids acknowledged
        self.samples = {}
        self.workers = []

    def _run(self, tid):
        mine = []
        n = 0
        rnd = random.Random(tid)
        while not self.stop.is_set():
            n += 1
            r = rnd.random()
            t0 = time.time()
            if not mine or r < 0.4:
                uid = "%s-%d-%d" % (self.tag, tid, n)
                s, raw, kind = request(self.addr, "POST", "/api/v3/users", {"user": {
                    "ids": {"user_id": uid}, "primary_email_address": uid + "@faults.test", "password": PASSWORD}})
                op = "create"
                if s == 200:
                    mine.append(uid)
                    with self.lock:
                        self.created[uid] = uid + "@faults.test"
                        self.names[uid] = ("", [])
            elif r < 0.75:
                uid = rnd.choice(mine)
                name = "n%d" % n
                with self.lock:
                    last, tried = self.names[uid]
                    tried.append(name)
                s, raw, kind = request(self.addr, "PUT", "/api/v3/users/" + uid,
                                       {"user": {"name": name}, "field_mask": {"paths": ["name"]}}, token=self.token)
                op = "update"
                if s == 200:
                    with self.lock:
                        self.names[uid] = (name, [])
            else:
                # On the admin's own account: an admin may not create keys for other users.
                s, raw, kind = request(self.addr, "POST", "/api/v3/users/admin/api-keys",
                                       {"name": "%s-k%d-%d" % (self.tag, tid, n), "rights": ["RIGHT_USER_INFO"]}, token=self.token)
                op = "api-key"
                if s == 200:
                    with self.lock:
                        self.keys.append(json.loads(raw)["id"])
            t1 = time.time()
            with self.lock:
                self.results.append((t0, t1, op, s, kind))
                if s not in (200,) and (s, kind) not in self.samples:
                    self.samples[(s, kind)] = "%s %s" % (op, raw[:300].decode("utf-8", "replace"))
            if s == 0 or s >= 500:
                time.sleep(0.05)  # a failing server is not hammered in a tight loop

    def start(self):
        for i in range(self.threads):
            t = threading.Thread(target=self._run, args=(i,), daemon=True)
            t.start()
            self.workers.append(t)
        return self

    def finish(self):
        self.stop.set()
        for t in self.workers:
            t.join(60)

    def first_ok_after(self, t):
        """Seconds from t to the end of the first request started at or after t that was answered 200."""
        ends = [r[1] for r in self.results if r[0] >= t and r[3] == 200]
        return (min(ends) - t) if ends else None

    def verify(self, need_mail=True):
        """(acknowledged writes, found afterwards, details of what is missing)."""
        missing = []
        users = {row[0]: row[1] for row in psql("SELECT user_id, name FROM users WHERE user_id LIKE '%s-%%'" % self.tag)}
        mail = {row[0] for row in psql("SELECT DISTINCT recipient FROM mail_outbox WHERE recipient LIKE '%s-%%'" % self.tag)}
        keys = {row[0] for row in psql("SELECT key_id FROM api_keys WHERE name LIKE '%s-%%'" % self.tag)}
        acked = found = 0
        for uid, email in self.created.items():
            acked += 1
            if uid in users and (not need_mail or email in mail):
                found += 1
            else:
                missing.append("create %s (user %s, mail %s)" % (uid, uid in users, email in mail))
        for uid, (name, tried) in self.names.items():
            if not name:
                continue
            acked += 1
            # A later rename that failed on the wire may still have committed: that is not a loss.
            if users.get(uid) in [name] + tried:
                found += 1
            else:
                missing.append("rename %s to %s (found %r)" % (uid, name, users.get(uid)))
        for k in self.keys:
            acked += 1
            if k in keys:
                found += 1
            else:
                missing.append("api key %s" % k)
        return acked, found, missing

    def counts(self):
        n = len(self.results)
        bad5 = sum(1 for r in self.results if r[3] >= 500 and r[3] != 503 and r[4] == "app")
        n503 = sum(1 for r in self.results if r[3] == 503)
        proxy = sum(1 for r in self.results if r[4] in ("proxy", "conn"))
        return n, bad5, n503, proxy

    def statuses(self):
        c = {}
        for r in self.results:
            k = "%s%s" % (r[3], "" if r[4] == "app" else "/" + r[4])
            c[k] = c.get(k, 0) + 1
        return c


ROWS = []


def row(scenario, requests="", acked="", found="", lost="", bad5="", recover="", p99="", notes=""):
    ROWS.append([scenario, requests, acked, found, lost, bad5, recover, p99, notes])
    log("ROW " + " | ".join(str(x) for x in ROWS[-1]))


def fmt_s(v):
    return "-" if v is None else "%.1f s" % v


def load_row(name, load, recover=None, extra="", need_mail=True):
    acked, found, missing = load.verify(need_mail)
    n, bad5, n503, proxy = load.counts()
    for m in missing[:10]:
        log("MISSING " + m)
    for k, v in load.samples.items():
        log("sample answer %s: %s" % (k, v))
    notes = "statuses %s" % json.dumps(load.statuses(), sort_keys=True)
    if extra:
        notes = extra + "; " + notes
    row(name, n, acked, found, acked - found, bad5, fmt_s(recover), "", notes)


# ---------------------------------------------------------------------------------------------------
# Scenarios


def sc_cross_node(token):
    """An API key created through A, used on B, deleted through A: how long B still accepts it."""
    trials = 10 if QUICK else 30
    delays = []
    bad5 = 0
    requests_n = 0
    for i in range(trials):
        s, raw, _ = request(NODE["a"], "POST", "/api/v3/users/admin/api-keys", {"name": "x%d" % i, "rights": ["RIGHT_USER_INFO"]}, token=token)
        requests_n += 1
        if s != 200:
            log("cross-node: create key answered %s %s" % (s, raw[:200]))
            bad5 += s >= 500 and s != 503
            continue
        key = json.loads(raw)
        # Two uses on B: the second is served from B's copy, the one that must be dropped.
        for _ in range(2):
            s, raw, _ = request(NODE["b"], "GET", "/api/v3/users/admin", token=key["key"])
            requests_n += 1
        if s != 200:
            log("cross-node: key refused on B before deletion: %s %s" % (s, raw[:200]))
            continue
        c = http.client.HTTPConnection(*NODE["b"], timeout=10)
        s, raw, _ = request(NODE["a"], "DELETE", "/api/v3/users/admin/api-keys/" + key["id"], token=token)
        t_del = time.time()
        requests_n += 1
        if s != 200:
            log("cross-node: delete answered %s %s" % (s, raw[:200]))
            continue
        delay = None
        while time.time() - t_del < 10:
            c.request("GET", "/api/v3/users/admin", headers={"Authorization": "Bearer " + key["key"]})
            r = c.getresponse()
            r.read()
            requests_n += 1
            if r.status >= 500 and r.status != 503:
                bad5 += 1
            if r.status in (401, 403):
                delay = time.time() - t_del
                break
        c.close()
        delays.append(delay if delay is not None else 10.0)
    delays.sort()
    p99 = delays[min(len(delays) - 1, int(len(delays) * 0.99))] if delays else None
    med = delays[len(delays) // 2] if delays else None
    row("cross-node revocation", requests_n, "", "", "", bad5, "", "-" if p99 is None else "%.0f ms" % (p99 * 1000),
        "%d trials, median %.0f ms, max %.0f ms (from A's 200 to B's first refusal)" % (
            len(delays), (med or 0) * 1000, (delays[-1] if delays else 0) * 1000))


def sc_kill9(token):
    load = Load("k9", token).start()
    time.sleep(3 if QUICK else 6)
    pid = open(E["FAULTS_PIDFILE_A"]).read().strip()
    log("kill -9 node A (pid %s)" % pid)
    t_kill = time.time()
    os.kill(int(pid), 9)
    time.sleep(3)
    sh("%s start %s" % (E["FAULTS_SERVER_CMD"], E["FAULTS_NODE_A"]))
    ok = wait_ready(NODE["a"])
    t_ready = time.time()
    log("node A ready again: %s after %.1f s" % (ok, t_ready - t_kill))
    # Writes straight to A prove it serves again, not only nginx's other node.
    s, raw, _ = request(NODE["a"], "PUT", "/api/v3/users/admin", {"user": {"name": "after kill"}, "field_mask": {"paths": ["name"]}}, token=token)
    time.sleep(3)
    load.finish()
    load_row("kill -9 node A", load, t_ready - t_kill if ok else None,
             "A restarted and ready %s, write on A after restart %s; recover = kill to A ready" % (ok, s))


def sc_pg_restart(token):
    load = Load("pg", token).start()
    time.sleep(3)
    log("stopping PostgreSQL (fast)")
    sh(E["FAULTS_PGCTL"] + " stop -m fast")
    t_down = time.time()
    ready = {"a": set(), "b": set()}
    while time.time() - t_down < 4:
        for n in ("a", "b"):
            s, _, _ = request(NODE[n], "GET", "/health/ready", timeout=3)
            ready[n].add(s)
        time.sleep(0.3)
    sh(E["FAULTS_PGCTL"] + " start -w")
    t_up = time.time()
    log("PostgreSQL back after %.1f s" % (t_up - t_down))
    while load.first_ok_after(t_up) is None and time.time() - t_up < 60:
        time.sleep(0.2)
    time.sleep(3)
    load.finish()
    rec = load.first_ok_after(t_up)
    load_row("PostgreSQL restart", load, rec, "/health/ready while down: A %s, B %s; recover = PG up to first 200 write" % (
        sorted(ready["a"]), sorted(ready["b"])))


def set_sink(mode):
    with open(E["FAULTS_SINK_MODE"], "w") as f:
        f.write(mode)
    time.sleep(0.4)


def sink_counts():
    counts = {}
    try:
        with open(E["FAULTS_SINK_OUT"]) as f:
            for line in f:
                for r in json.loads(line)["rcpt"]:
                    counts[r] = counts.get(r, 0) + 1
    except OSError:
        pass
    return counts


def wait_delivered(want, since):
    """Seconds from since until the sink has received a message for each address in want (None: 60 s)."""
    while time.time() - since < 60:
        got = sink_counts()
        if all(got.get(w, 0) >= 1 for w in want):
            return time.time() - since
        time.sleep(0.3)
    return None


def create_users(tag, n, addr=NGINX):
    ok = []
    res = []
    for i in range(n):
        uid = "%s-%d" % (tag, i)
        s, raw, kind = request(addr, "POST", "/api/v3/users", {"user": {
            "ids": {"user_id": uid}, "primary_email_address": uid + "@faults.test", "password": PASSWORD}})
        res.append((s, kind))
        if s == 200:
            ok.append(uid)
        else:
            log("create %s answered %s %s" % (uid, s, raw[:200]))
    return ok, res


def outbox(tag):
    return psql("SELECT recipient, attempts, sent_at IS NOT NULL, dead_at IS NOT NULL, coalesce(last_error, '') "
                "FROM mail_outbox WHERE recipient LIKE '%s-%%'" % tag)


def sc_smtp_outage(token):
    tag = "so%d" % int(time.time())
    set_sink("refuse")
    users, res = create_users(tag, 6 if QUICK else 15)
    time.sleep(4)
    before = outbox(tag)
    tried = sum(1 for r in before if int(r[1]) >= 1)
    sent_during = sum(1 for r in before if r[2] == "t")
    log("outage: %d messages, %d attempted, %d sent while refused" % (len(before), tried, sent_during))
    set_sink("accept")
    want = {u + "@faults.test" for u in users}
    rec = wait_delivered(want, time.time())
    time.sleep(3)  # a duplicate would come within a poll interval or two
    got = sink_counts()
    rows = outbox(tag)
    found = sum(1 for w in want if got.get(w, 0) >= 1)
    dup = sum(1 for w in want if got.get(w, 0) > sum(1 for r in rows if r[0] == w))
    bad5 = sum(1 for s, k in res if s >= 500 and s != 503 and k == "app")
    row("SMTP outage", len(res), len(users), found, len(users) - found, bad5, fmt_s(rec), "",
        "%d mails, %d attempted while refused, %d delivered more than once; recover = sink back to all delivered" % (
            len(rows), tried, dup))


def sc_smtp_reject(token):
    tag = "rj%d" % int(time.time())
    set_sink("reject")
    users, res = create_users(tag, 3 if QUICK else 6)
    t0 = time.time()
    rows = []
    while time.time() - t0 < 30:
        rows = outbox(tag)
        if rows and all(r[3] == "t" for r in rows):
            break
        time.sleep(0.5)
    dead = sum(1 for r in rows if r[3] == "t")
    att = sorted({int(r[1]) for r in rows})
    time.sleep(3)
    rows2 = outbox(tag)
    att2 = sorted({int(r[1]) for r in rows2})
    set_sink("accept")
    errs = sorted({r[4][:80] for r in rows2})
    bad5 = sum(1 for s, k in res if s >= 500 and s != 503 and k == "app")
    row("permanent SMTP rejection", len(res), len(users), len(users), 0, bad5, fmt_s(time.time() - t0 if dead == len(rows) else None), "",
        "%d of %d mails dead, attempts %s (3 s later %s), last error %s" % (dead, len(rows), att, att2, errs))


def sc_slow_db(token):
    hold = 10 if QUICK else 15
    load = Load("sd", token).start()
    time.sleep(2)
    log("locking table users for %d s" % hold)
    locker = subprocess.Popen(["psql", "-X", "-q", "-h", "127.0.0.1", "-p", E["FAULTS_PG_PORT"], "-U", "postgres", "-d", "postgres",
                               "-c", "BEGIN; LOCK TABLE users IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(%d); COMMIT;" % hold],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t_lock = time.time()
    locker.wait()
    t_free = time.time()
    while load.first_ok_after(t_free) is None and time.time() - t_free < 60:
        time.sleep(0.2)
    time.sleep(2)
    load.finish()
    during = [r for r in load.results if r[0] >= t_lock + 0.5 and r[1] <= t_free]
    longest = max([r[1] - r[0] for r in load.results if t_lock <= r[1] <= t_free + 1] or [0])
    load_row("slow database", load, load.first_ok_after(t_free),
             "lock held %.0f s; answered during the lock %s; longest answer %.1f s; recover = lock released to first 200 write" % (
                 t_free - t_lock, json.dumps(_hist(during)), longest))


def _hist(rs):
    c = {}
    for r in rs:
        c[str(r[3])] = c.get(str(r[3]), 0) + 1
    return c


def sc_sigterm(token):
    tag = "st%d" % int(time.time())
    set_sink("slow")
    # Mail queued through B: B's deliveries hang in the slow sink, so B holds leases when it is stopped.
    users, res = create_users(tag, 4 if QUICK else 8, NODE["b"])
    time.sleep(1.5)
    load = Load("sg", token).start()
    time.sleep(2)
    log("server stop node B")
    t_stop = time.time()
    stop = threading.Thread(target=lambda: sh("%s stop %s" % (E["FAULTS_SERVER_CMD"], E["FAULTS_NODE_B"])))
    stop.start()
    set_sink("accept")
    want = {u + "@faults.test" for u in users}
    rec = wait_delivered(want, t_stop)
    stop.join(120)
    log("node B stopped after %.1f s" % (time.time() - t_stop))
    time.sleep(2)
    load.finish()
    got = sink_counts()
    rows = outbox(tag)
    dup = sum(1 for w in want if got.get(w, 0) > sum(1 for r in rows if r[0] == w))
    delivered = sum(1 for w in want if got.get(w, 0) >= 1)
    load_row("SIGTERM node B", load, rec,
             "%d/%d mails queued through B delivered (%d more than once), lease %s; recover = stop to all delivered" % (
                 delivered, len(want), dup, E.get("FAULTS_LEASE", "30s")))
    log("restarting node B")
    sh("%s start %s" % (E["FAULTS_SERVER_CMD"], E["FAULTS_NODE_B"]))
    wait_ready(NODE["b"])


SCENARIOS = {
    "cross-node": sc_cross_node,
    "kill9": sc_kill9,
    "pg-restart": sc_pg_restart,
    "smtp-outage": sc_smtp_outage,
    "smtp-reject": sc_smtp_reject,
    "slow-db": sc_slow_db,
    "sigterm": sc_sigterm,
}


def table():
    head = ["scenario", "requests", "writes acknowledged", "writes found afterwards", "lost (must be 0)",
            "5xx other than 503", "time to recover", "p99 revocation delay", "notes"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in ROWS:
        lines.append("| " + " | ".join(str(x) for x in r) + " |")
    return "\n".join(lines)


def run(names):
    token = admin_token()
    for n in names:
        log("scenario " + n)
        # Both nodes serve before each scenario, whatever the one before did.
        for node in ("a", "b"):
            if not wait_ready(NODE[node], 120):
                log("node %s not ready" % node)
        try:
            SCENARIOS[n](token)
        except Exception as e:  # one broken scenario must not hide the others' rows
            log("scenario %s failed: %r" % (n, e))
            row(n, notes="FAILED: %r" % e)
        try:
            token = admin_token()
        except RuntimeError as e:
            log(str(e))
            break
    print(table())


if __name__ == "__main__":
    if sys.argv[1] == "sink":
        sink(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "run":
        run(sys.argv[2:])
    else:
        sys.exit(__doc__)
