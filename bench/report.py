#!/usr/bin/env python3
"""Turns the raw per-round results of bench/run into bench/results.json and bench/results.md.

Figures are medians over rounds, with the spread (min..max). Ratios are computed inside each round
(so that both sides saw the same machine state) and the median of those ratios is reported. With a peer
(`bench/run --peer keycloak`, rows with "server": "keycloak"), every workload also gets Keycloak's column
and the Keyward/Keycloak ratio of each round.
"""
import argparse
import json
import statistics
from collections import defaultdict

TARGETS = [
    # (label, numerator, denominator, minimum ratio)
    ("W2 c=16 / pgbench -S", ("W2", 16), ("pgbench-S", 16), 0.20),
    ("W5 c=16 / pgbench -S", ("W5", 16), ("pgbench-S", 16), 0.10),
    ("W6 c=16 / W6N c=16", ("W6", 16), ("W6N", 16), 0.60),
    ("W2 c=16 / nginx", ("W2", 16), ("nginx", 16), None),
    ("W6N c=16 / nginx", ("W6N", 16), ("nginx", 16), None),
]
KEYCLOAK = {  # reference figures from issue 8 (Keycloak 26.7.3, same machine type)
    ("W2", 16): "≈1,750 rps", ("W3", 16): "≈45 rps, p50 350 ms", ("W4", 16): "≈25 rps, p50 615 ms",
    ("W5", 16): "≈1,480 rps", ("W1", 8): "≈56 creates/s", ("W1", 32): "≈56 creates/s",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("raw")
    ap.add_argument("json_out")
    ap.add_argument("md_out")
    for name in ("start", "restart", "seed-rate", "seed-rate-1m", "heap-mb", "rounds", "duration"):
        ap.add_argument("--" + name, type=float, default=0)
    for name in ("peer-start", "peer-seed-rate", "peer-heap-mb"):
        ap.add_argument("--" + name, type=float, default=0)
    ap.add_argument("--peer-version", default="")
    ap.add_argument("--hashing", default="")
    ap.add_argument("--peer-hashing", default="")
    a = ap.parse_args()

    all_rows = [json.loads(line) for line in open(a.raw) if line.strip()]
    rows = [r for r in all_rows if r.get("server", "keyward") == "keyward"]
    peer_rows = [r for r in all_rows if r.get("server") == "keycloak"]
    by_key = defaultdict(list)
    by_round = defaultdict(dict)
    for r in rows:
        key = (r["workload"], r["c"], r["users"])
        by_key[key].append(r["result"])
        by_round[r["round"]][(r["workload"], r["c"], r["users"])] = r["result"]

    def med(values):
        return statistics.median(values) if values else 0

    table = []
    for key in sorted(by_key, key=lambda k: (k[2], k[0], k[1])):
        results = by_key[key]
        rps = [x["rps"] for x in results]
        table.append({
            "workload": key[0], "c": key[1], "users": key[2],
            "rps_median": med(rps), "rps_min": min(rps), "rps_max": max(rps),
            "p50_ms": med([x["p50_ms"] for x in results]),
            "p99_ms": med([x["p99_ms"] for x in results]),
            "errors": sum(max(x["errors"], 0) for x in results),
            "rounds": len(results),
        })

    base_users = min((k[2] for k in by_key), default=0)
    ratios = []
    for label, num, den, minimum in TARGETS:
        per_round = []
        for rnd, res in by_round.items():
            n = res.get((num[0], num[1], base_users))
            d = res.get((den[0], den[1], base_users))
            if n and d and d["rps"]:
                per_round.append(n["rps"] / d["rps"])
        value = med(per_round)
        ratios.append({"ratio": label, "median": value, "rounds": per_round, "target": minimum,
                       "met": None if minimum is None else value >= minimum})

    summary = {
        "start_to_ready_s_first": a.start, "start_to_ready_s_second": a.restart,
        "seed_users_per_s": a.seed_rate, "seed_users_per_s_to_1m": a.seed_rate_1m,
        "heap_used_mb_after_run": a.heap_mb, "rounds": int(a.rounds), "duration_s": a.duration,
    }
    doc = {"summary": summary, "workloads": table, "ratios": ratios}
    if peer_rows:
        doc["peer"] = peer_report(a, rows, peer_rows)
    with open(a.json_out, "w") as f:
        json.dump(doc, f, indent=2)

    out = ["# Keyward benchmark results", "",
           f"{int(a.rounds)} rounds of {int(a.duration)} s per workload; medians over rounds, spread = min..max.", "",
           "| Workload | c | users | rps (median) | spread | p50 ms | p99 ms | errors | Keycloak reference |",
           "|---|---|---|---|---|---|---|---|---|"]
    for t in table:
        ref = KEYCLOAK.get((t["workload"], t["c"]), "")
        out.append(f"| {t['workload']} | {t['c']} | {t['users']} | {t['rps_median']:.0f} | "
                   f"{t['rps_min']:.0f}..{t['rps_max']:.0f} | {t['p50_ms']:.2f} | {t['p99_ms']:.2f} | {t['errors']} | {ref} |")
    out += ["", "| Ratio (within a round) | median | target | met |", "|---|---|---|---|"]
    for r in ratios:
        target = "" if r["target"] is None else f"≥ {r['target']:.0%}"
        met = "" if r["met"] is None else ("yes" if r["met"] else "**no**")
        out.append(f"| {r['ratio']} | {r['median']:.1%} | {target} | {met} |")
    out += ["", f"- Start to ready: {a.start:.1f} s (first start, empty schema), {a.restart:.1f} s (second start)",
            f"- Seeding: {a.seed_rate:.0f} users/s" + (f"; to 1,000,000: {a.seed_rate_1m:.0f} users/s" if a.seed_rate_1m else ""),
            f"- Heap used after the run (after a full GC): {a.heap_mb:.0f} MB", ""]
    if peer_rows:
        out = peer_markdown(a, doc["peer"], out)
    with open(a.md_out, "w") as f:
        f.write("\n".join(out))


def summarize(results):
    rps = [x["rps"] for x in results]
    return {"rps_median": statistics.median(rps), "rps_min": min(rps), "rps_max": max(rps),
            "p50_ms": statistics.median([x["p50_ms"] for x in results]),
            "p99_ms": statistics.median([x["p99_ms"] for x in results]),
            "errors": sum(max(x["errors"], 0) for x in results), "rounds": len(results)}


def peer_report(a, rows, peer_rows):
    """Both servers side by side: medians over rounds, and Keyward/Keycloak inside each round."""
    def index(rs):
        by = defaultdict(dict)
        for r in rs:
            by[(r["workload"], r["c"], r["users"])][r["round"]] = r["result"]
        return by
    kw, kc = index(rows), index(peer_rows)
    side = []
    for key in sorted(kc, key=lambda k: (k[2], k[0], k[1])):
        rounds = sorted(set(kw.get(key, {})) & set(kc[key]))
        per_round = {str(r): (kw[key][r]["rps"] / kc[key][r]["rps"] if kc[key][r]["rps"] else None) for r in rounds}
        ratios = [v for v in per_round.values() if v is not None]
        side.append({"workload": key[0], "c": key[1], "users": key[2],
                     "keyward": summarize(list(kw[key].values())) if key in kw else None,
                     "keycloak": summarize(list(kc[key].values())),
                     "ratio_per_round": per_round, "ratio_median": statistics.median(ratios) if ratios else None})
    return {"server": "keycloak", "version": a.peer_version, "start_to_ready_s_first": a.peer_start,
            "seed_users_per_s": a.peer_seed_rate, "heap_used_mb_after_run": a.peer_heap_mb,
            "password_hashing": {"keyward": a.hashing, "keycloak": a.peer_hashing}, "workloads": side}


def peer_markdown(a, peer, keyward_md):
    rounds = sorted({int(r) for w in peer["workloads"] for r in w["ratio_per_round"]})
    out = [f"# Keyward and Keycloak {peer['version']} benchmark results", "",
           f"{int(a.rounds)} rounds of {int(a.duration)} s per workload; in each round every workload ran against "
           "both servers back to back (Keyward first in odd rounds, Keycloak first in even rounds). Medians over "
           "rounds; the ratio is Keyward's rps over Keycloak's in the same round, then its median.", "",
           "| Workload | c | users | Keyward rps | p50 ms | p99 ms | errors | Keycloak rps | p50 ms | p99 ms | errors "
           "| Keyward / Keycloak |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for w in peer["workloads"]:
        k, p = w["keyward"] or summarize([{"rps": 0, "p50_ms": 0, "p99_ms": 0, "errors": 0}]), w["keycloak"]
        ratio = "" if w["ratio_median"] is None else f"**{w['ratio_median']:.2f}**"
        out.append(f"| {w['workload']} | {w['c']} | {w['users']} | {k['rps_median']:.0f} | {k['p50_ms']:.2f} | "
                   f"{k['p99_ms']:.2f} | {k['errors']} | {p['rps_median']:.0f} | {p['p50_ms']:.2f} | "
                   f"{p['p99_ms']:.2f} | {p['errors']} | {ratio} |")
    out += ["", "| Keyward / Keycloak per round | c | " + " | ".join(f"round {r}" for r in rounds) + " | median |",
            "|---|---|" + "---|" * (len(rounds) + 1)]
    for w in peer["workloads"]:
        cells = [f"{w['ratio_per_round'][str(r)]:.2f}" if w["ratio_per_round"].get(str(r)) is not None else ""
                 for r in rounds]
        med = "" if w["ratio_median"] is None else f"{w['ratio_median']:.2f}"
        out.append(f"| {w['workload']} | {w['c']} | " + " | ".join(cells) + f" | {med} |")
    h = peer["password_hashing"]
    out += ["", "- Password hashing of W1: Keyward " + h["keyward"] + "; Keycloak " + h["keycloak"] +
            " (read from the credential Keycloak stored for a password set through its Admin API).",
            f"- Keycloak: start to ready {peer['start_to_ready_s_first']:.1f} s (first start, empty schema), "
            f"seeding by partial import {peer['seed_users_per_s']:.0f} users/s (one pre-computed hash of "
            f"Correct-Horse-1 for every seeded user), heap used after the run (after a full GC) "
            f"{peer['heap_used_mb_after_run']:.0f} MB.",
            "", "## Keyward alone", ""]
    # Keyward's own table, ratios and figures, as bench/run writes them without a peer.
    return out + keyward_md[2:]


if __name__ == "__main__":
    main()
