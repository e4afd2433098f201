#!/usr/bin/env python3
"""Where the CPU goes in a JFR recording: self and inclusive shares of the sampled Java methods.

Usage: bench/jfr_top.py RECORDING.jfr [--top N] [--match TEXT]
Record with the server's JVM started with -XX:FlightRecorderOptions:stackdepth=512 (Liberty's stacks
are deeper than JFR's default of 64 frames, which hides the application's frames), e.g.
  jcmd <pid> JFR.start name=p settings=profile filename=/tmp/p.jfr ; (load) ; jcmd <pid> JFR.stop name=p
"""
import argparse
import collections
import json
import subprocess

parser = argparse.ArgumentParser()
parser.add_argument("recording")
parser.add_argument("--top", type=int, default=30)
parser.add_argument("--match", default="", help="only list inclusive shares of methods containing this")
args = parser.parse_args()

# jfr print shows 5 frames per stack unless told otherwise.
out = subprocess.run(["jfr", "print", "--stack-depth", "512", "--json", "--events", "jdk.ExecutionSample",
                      args.recording], capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]
own, anywhere, total = collections.Counter(), collections.Counter(), 0
for event in events:
    trace = event["values"]["stackTrace"]
    frames = trace["frames"] if trace else []
    if not frames:
        continue
    total += 1
    names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in frames]
    own[names[0]] += 1
    for name in set(names):
        anywhere[name] += 1

print(f"{total} samples")
print("-- self")
for name, n in own.most_common(args.top):
    print(f"{100 * n / total:5.1f}%  {name}")
print("-- inclusive" + (f" (matching {args.match})" if args.match else ""))
shown = 0
for name, n in anywhere.most_common():
    if args.match in name:
        print(f"{100 * n / total:5.1f}%  {name}")
        shown += 1
        if shown >= args.top:
            break
