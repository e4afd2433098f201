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
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

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
    for _ in range(60):
        s, raw, _k = request(addr, "POST", "/oauth/token",
                             form=urlencode({"grant_type": "password", "username": "admin", "password": E["FAULTS_ADMIN_PASSWORD"]}))
        if s == 200:
            return json.loads(raw)["access_token"]
        time.sleep(1)
    raise RuntimeError("no admin token: %s %s" % (s, raw[:200]))


def signs_in_with(user_id, passwords):
    """Index of the first of passwords that signs user_id in at /oauth/token, or None."""
    for i, pw in enumerate(passwords):
        for _ in range(20):
            s, raw, _k = request(NGINX, "POST", "/oauth/token",
                                 form=urlencode({"grant_type": "password", "username": user_id, "password": pw}))
            if s in (200, 400, 401):
                break
            time.sleep(0.5)  # busy (503 with Retry-After, 429) or a node away: not an answer yet
        if s == 200:
            return i
        if s not in (400, 401):
            raise RuntimeError("sign-in of %s answered %s %s" % (user_id, s, raw[:200]))
    return None


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
    """Write load through one address, THREADS threads: creates, renames, API-key creates, invitations and
    password changes. Each thread renames and changes the password of only its own users, so that the last
    acknowledged name and password of a user are known; a write whose outcome is unknown (no 200) is kept
    as "tried after it": it may have committed, and finding it is not a loss."""

    def __init__(self, tag, token, addr=NGINX, threads=6):
        self.tag, self.token, self.addr, self.threads = tag, token, addr, threads
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.results = []  # (t_start, t_end, op, status, kind)
        self.created = {}  # user_id -> email (acknowledged)
        self.names = {}  # user_id -> (last acknowledged name, names tried after it)
        self.keys = []  # key ids acknowledged
        self.invites = []  # invitation e-mail addresses acknowledged
        # user_id -> [last acknowledged password, passwords tried after it, acknowledged changes]
        self.passwords = {}
        self.samples = {}
        self.workers = []

    def _run(self, tid):
        mine = []
        settled = []  # own users whose current password is known (no change of unknown outcome)
        n = 0
        rnd = random.Random(tid)
        while not self.stop.is_set():
            n += 1
            r = rnd.random()
            t0 = time.time()
            if not mine or r < 0.3:
                uid = "%s-%d-%d" % (self.tag, tid, n)
                s, raw, kind = request(self.addr, "POST", "/api/v3/users", {"user": {
                    "ids": {"user_id": uid}, "primary_email_address": uid + "@faults.test", "password": PASSWORD}})
                op = "create"
                if s == 200:
                    mine.append(uid)
                    settled.append(uid)
                    with self.lock:
                        self.created[uid] = uid + "@faults.test"
                        self.names[uid] = ("", [])
                        self.passwords[uid] = [PASSWORD, [], 0]
            elif r < 0.55:
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
            elif r < 0.7:
                # On the admin's own account: an admin may not create keys for other users.
                s, raw, kind = request(self.addr, "POST", "/api/v3/users/admin/api-keys",
                                       {"name": "%s-k%d-%d" % (self.tag, tid, n), "rights": ["RIGHT_USER_INFO"]}, token=self.token)
                op = "api-key"
                if s == 200:
                    with self.lock:
                        self.keys.append(json.loads(raw)["id"])
            elif r < 0.85 or not settled:
                email = "%s-i%d-%d@faults.test" % (self.tag, tid, n)
                s, raw, kind = request(self.addr, "POST", "/api/v3/invitations", {"email": email}, token=self.token)
                op = "invitation"
                if s == 200:
                    with self.lock:
                        self.invites.append(email)
            else:
                # UpdatePassword needs no credential: the old password is one.
                uid = rnd.choice(settled)
                new = "Faults-Pw-%d-%d!" % (tid, n)
                with self.lock:
                    cur = self.passwords[uid]
                    cur[1].append(new)
                    old = cur[0]
                s, raw, kind = request(self.addr, "PUT", "/api/v3/users/%s/password" % uid,
                                       {"old": old, "new": new, "revoke_all_access": False})
                op = "password"
                with self.lock:
                    if s == 200:
                        cur[0], cur[1], cur[2] = new, [], cur[2] + 1
                    else:
                        # It may have committed, even on a 4xx: nginx passes a PUT whose node died to the
                        # other node, which then finds the old password changed. The current password is
                        # no longer known: no more changes of this user.
                        settled.remove(uid)
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
        """(acknowledged writes, found afterwards, details of what is missing, acknowledged and found by kind)."""
        missing = []
        by_kind = {}

        def count(kind, ok, what):
            a, f = by_kind.get(kind, (0, 0))
            by_kind[kind] = (a + 1, f + ok)
            if not ok:
                missing.append(what)

        users = {row[0]: row[1] for row in psql("SELECT user_id, name FROM users WHERE user_id LIKE '%s-%%'" % self.tag)}
        mails = {}  # (recipient, template) -> messages queued
        for rcpt, template, n in psql("SELECT recipient, template, count(*) FROM mail_outbox WHERE recipient LIKE '%s-%%' "
                                      "GROUP BY recipient, template" % self.tag):
            mails[(rcpt, template)] = int(n)
        mail = {r for r, _t in mails}
        keys = {row[0] for row in psql("SELECT key_id FROM api_keys WHERE name LIKE '%s-%%'" % self.tag)}
        for uid, email in self.created.items():
            count("create", uid in users and (not need_mail or email in mail),
                  "create %s (user %s, mail %s)" % (uid, uid in users, email in mail))
        for uid, (name, tried) in self.names.items():
            if name:
                # A later rename that failed on the wire may still have committed: that is not a loss.
                count("update", users.get(uid) in [name] + tried, "rename %s to %s (found %r)" % (uid, name, users.get(uid)))
        for k in self.keys:
            count("api-key", k in keys, "api key %s" % k)
        # Invitations as an admin sees them: the API's list, every page.
        listed = set()
        token = admin_token()
        page = 1
        while True:
            s, raw, _k = request(NGINX, "GET", "/api/v3/invitations?limit=1000&page=%d" % page, token=token)
            if s != 200:
                raise RuntimeError("invitation list answered %s %s" % (s, raw[:200]))
            got = json.loads(raw).get("invitations", [])
            listed.update(i["email"] for i in got)
            if len(got) < 1000:
                break
            page += 1
        for email in self.invites:
            sent = mails.get((email, "invitation"), 0) >= 1
            count("invitation", email in listed and (not need_mail or sent),
                  "invitation %s (listed %s, mail %s)" % (email, email in listed, sent))
        # Password changes: the last acknowledged password signs in (or one tried after it, which may have
        # committed), and each acknowledged change queued its mail and its notification.
        notes = {row[0]: int(row[1]) for row in psql(
            "SELECT entity_id, count(*) FROM notifications WHERE notification_type = 'password_changed' "
            "AND entity_id LIKE '%s-%%' GROUP BY entity_id" % self.tag)}
        changed = [(uid, p) for uid, p in self.passwords.items() if p[2] > 0]
        with ThreadPoolExecutor(4) as pool:
            signed = list(pool.map(lambda up: signs_in_with(up[0], [up[1][0]] + up[1][1]), changed))
        for (uid, (pw, tried, n)), which in zip(changed, signed):
            sent = mails.get((self.created[uid], "password_changed"), 0)
            ok = which is not None and (not need_mail or sent >= n) and notes.get(uid, 0) >= n
            count("password", ok, "password of %s: %d acknowledged changes, signs in with %s, %d mails, %d notifications" % (
                uid, n, "none" if which is None else ("the last acknowledged" if which == 0 else "one tried later"),
                sent, notes.get(uid, 0)))
        acked = sum(a for a, _f in by_kind.values())
        found = sum(f for _a, f in by_kind.values())
        return acked, found, missing, by_kind

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
    acked, found, missing, by_kind = load.verify(need_mail)
    n, bad5, n503, proxy = load.counts()
    for m in missing[:10]:
        log("MISSING " + m)
    for k, v in load.samples.items():
        log("sample answer %s: %s" % (k, v))
    notes = "acknowledged/found by kind %s; statuses %s" % (
        ", ".join("%s %d/%d" % (k, a, f) for k, (a, f) in by_kind.items()), json.dumps(load.statuses(), sort_keys=True))
    if extra:
        notes = extra + "; " + notes
    row(name, n, acked, found, acked - found, bad5, fmt_s(recover), "", notes)


# ---------------------------------------------------------------------------------------------------
# Scenarios


class NoticeListener:
    """LISTENs on Keyward's change channel like a node does, over PostgreSQL's wire protocol (trust
    authentication; the cluster is the script's own): when each notice arrives, independently of any node.
    """

    def __init__(self, channel="keyward_changes"):
        import struct
        self.struct = struct
        self.arrived = {}  # payload -> first arrival time
        self.sock = socket.create_connection(("127.0.0.1", int(E["FAULTS_PG_PORT"])), timeout=10)
        params = b"user\0postgres\0database\0postgres\0\0"
        self.sock.sendall(struct.pack("!ii", 8 + len(params), 196608) + params)
        self._until_ready()
        q = ("LISTEN " + channel).encode() + b"\0"
        self.sock.sendall(b"Q" + struct.pack("!i", 4 + len(q)) + q)
        self._until_ready()
        self.sock.settimeout(None)
        threading.Thread(target=self._read, daemon=True).start()

    def _message(self):
        head = self._exact(5)
        kind, n = head[:1], self.struct.unpack("!i", head[1:])[0]
        return kind, self._exact(n - 4)

    def _exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise OSError("PostgreSQL closed the listening connection")
            buf += chunk
        return buf

    def _until_ready(self):
        while True:
            kind, body = self._message()
            if kind == b"E":
                raise RuntimeError("PostgreSQL: " + body.decode("utf-8", "replace"))
            if kind == b"Z":
                return

    def _read(self):
        try:
            while True:
                kind, body = self._message()
                if kind == b"A":  # NotificationResponse: pid, channel, payload
                    payload = body[4:].split(b"\0")[1].decode()
                    self.arrived.setdefault(payload, time.time())
        except OSError:
            pass

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes the reading thread
        except OSError:
            pass
        self.sock.close()


def sc_cross_node(token):
    """An API key created through A, used on B, deleted through A; B is then asked again and again, one
    request after the other, until it refuses the key. The delay is the one ClusterIT measures: from A's 200
    to the start of B's first refusing request (about 0 when B's very next request refused). B's own time to answer
    a refusal is not a time during which the key works, but a loaded machine stretches it: the notes give the
    end of that refusal too (an upper bound of the delay), what one more refused request costs on B, and when
    the database's notice reached a listener of the script's own."""
    trials = int(E.get("FAULTS_TRIALS") or (30 if QUICK else 200))
    starts, ends, floor, notices = [], [], [], []
    deleted = []  # (key ID, time of A's 200)
    first = 0  # trials in which B's first request after the delete already refused
    bad5 = 0
    requests_n = 0
    listener = NoticeListener()
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
        c.connect()  # not part of the delay
        s, raw, _ = request(NODE["a"], "DELETE", "/api/v3/users/admin/api-keys/" + key["id"], token=token)
        t_del = time.time()
        requests_n += 1
        if s != 200:
            log("cross-node: delete answered %s %s" % (s, raw[:200]))
            continue
        start = end = None
        tries = 0
        while time.time() - t_del < 10:
            tries += 1
            t0 = time.time()
            c.request("GET", "/api/v3/users/admin", headers={"Authorization": "Bearer " + key["key"]})
            r = c.getresponse()
            r.read()
            requests_n += 1
            if r.status >= 500 and r.status != 503:
                bad5 += 1
            if r.status in (401, 403):
                start, end = t0 - t_del, time.time() - t_del
                first += tries == 1
                break
        if start is not None:
            # The same refusal once more, long after the change: what one refused request on B costs.
            t0 = time.time()
            c.request("GET", "/api/v3/users/admin", headers={"Authorization": "Bearer " + key["key"]})
            c.getresponse().read()
            requests_n += 1
            floor.append(time.time() - t0)
        c.close()
        starts.append(start if start is not None else 10.0)
        ends.append(end if end is not None else 10.0)
        deleted.append((key["id"], t_del))
    time.sleep(1)  # a notice still on its way
    listener.close()
    for key_id, t_del in deleted:
        t_notice = listener.arrived.get("c:" + key_id)
        if t_notice is not None:
            notices.append(t_notice - t_del)  # negative: before A's answer reached the client

    def pct(xs, q):  # nearest rank, in ms
        xs = sorted(xs)
        return xs[max(0, min(len(xs) - 1, -(-len(xs) * q // 100) - 1))] * 1000 if xs else float("nan")

    p99 = pct(starts, 99) if starts else None
    row("cross-node revocation", requests_n, "", "", "", bad5, "", "-" if p99 is None else "%.0f ms" % p99,
        "%d trials: median %.0f ms, p90 %.0f ms, max %.0f ms from A's 200 to the start of B's first refusal "
        "(B's next request refused in %d); to the end of that refusal: median %.0f ms, p99 %.0f ms; one more "
        "refused request on B: median %.0f ms, p99 %.0f ms; the notice at a listener of the script: median "
        "%+.0f ms, p99 %+.0f ms from A's 200 (%d of %d seen)" % (
            len(starts), pct(starts, 50), pct(starts, 90), pct(starts, 100), first, pct(ends, 50), pct(ends, 99),
            pct(floor, 50), pct(floor, 99), pct(notices, 50), pct(notices, 99), len(notices), len(deleted)))


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
