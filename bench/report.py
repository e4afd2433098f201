#!/usr/bin/env python3
"""Turns the raw per-round results of bench/run into bench/results.json and bench/results.md.

Figures are medians over rounds, with the spread (min..max). Ratios are computed inside each round
(so that both sides saw the same machine state) and the median of those ratios is reported.
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
    a = ap.parse_args()

    rows = [json.loads(line) for line in open(a.raw) if line.strip()]
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
    with open(a.json_out, "w") as f:
        json.dump({"summary": summary, "workloads": table, "ratios": ratios}, f, indent=2)

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
    with open(a.md_out, "w") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
