#!/usr/bin/env bash
# Reproduces the fault sweeps of docs/performance.md ("A routing loop after a restart", "A suspected parent
# is kept, not forgotten"): families of runs over seeds 1..N through the real CLI, one line per run
# (violations, parent switches, recovery max and p95, orphans at the end, control airtime share, telemetry
# delivered and lost) and a total per family (orphans, runs with orphans, median of the runs' max recovery
# with a run that never recovers counted as the longest, records delivered, mean airtime). With
# --against REV the same runs of revision REV (built in a temporary worktree) are printed beside them.
# Families (default: the first four):
#   churn-lora               churn, 40 nodes, LoRa, 20% extra loss, 1,800 s
#   churn-lora-notelemetry   the same with --telemetry-interval-s 0
#   churn-wifi               churn, 100 nodes, Wi-Fi
#   swarm-wifi               swarm, 100 nodes, Wi-Fi
#   churn-lora-10            churn-lora at 10% extra loss
#   churn-lora-30            churn-lora at 30% extra loss
#   tour-wifi-30             the default tour at 30% extra loss
# Usage: scripts/sim-sweep.sh [--seeds N] [--against REV] [--families "NAME ..."]
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=10 against= families="churn-lora churn-lora-notelemetry churn-wifi swarm-wifi"
usage() { echo "sim-sweep.sh: $1 (use --seeds N, --against REV, --families \"NAME ...\")" >&2; exit 2; }
. scripts/options.sh
parse_options 'seeds=seeds against=against families=families' "$@"
whole_numbers --seeds "$seeds"
lora="--scenario churn --nodes 40 --link lora --duration-s 1800"
options() { # family -> the CLI options of its runs
  case $1 in
    churn-lora) echo "$lora --loss 0.2" ;;
    churn-lora-notelemetry) echo "$lora --loss 0.2 --telemetry-interval-s 0" ;;
    churn-wifi) echo "--scenario churn" ;;
    swarm-wifi) echo "--scenario swarm" ;;
    churn-lora-10) echo "$lora --loss 0.1" ;;
    churn-lora-30) echo "$lora --loss 0.3" ;;
    tour-wifi-30) echo "--scenario tour --loss 0.3" ;;
    *) return 1 ;;
  esac
}
for f in $families; do options "$f" >/dev/null || usage "unknown family $f"; done
out=$(mktemp -d)
. scripts/revision-build.sh
run() { # tree name options...
  local t=$1 name=$2; shift 2
  # A violation makes the CLI exit non-zero; the report still says how many.
  dotnet "$(cli "$t")" sim --quiet "$@" --report "$out/$t-$name.json" >/dev/null 2>"$out/$t-$name.err" || true
  [ -s "$out/$t-$name.json" ] || { cat "$out/$t-$name.err" >&2; echo "sim-sweep.sh: $name gave no report" >&2; exit 1; }
}
names=()
jobs=0
for s in $(seq 1 "$seeds"); do
  for f in $families; do
    for t in "${!trees[@]}"; do
      # shellcheck disable=SC2046 # the options are words
      run "$t" "$f-$s" $(options "$f") --seed "$s" &
      jobs=$((jobs + 1))
      [ "$jobs" -lt 2 ] || { wait -n; jobs=$((jobs - 1)); } # two at a time: this host has two cores
    done
    names+=("$f-$s")
  done
done
wait
python3 - "$out" "${#trees[@]}" "${against:-}" "$families" "$seeds" <<'PY'
import json, statistics, sys
out, count, against, families, seeds = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4].split(), int(sys.argv[5])
def load(tree, name):
    return json.load(open(f"{out}/{tree}-{name}.json"))
def line(d):
    r = d["recovery_time_s"]; t = d["telemetry"] or {}
    return (f"violations {d['invariant_violations']} switches {d['parent_switches']} recovery max {r['max']} p95 {r['p95']} "
            f"orphans {d['orphans_at_end']} airtime {d['control_airtime_share']} delivered {t.get('delivered', '-')} lost {t.get('lost', '-')}")
def total(runs):
    never = float("inf")
    recovery = [d["recovery_time_s"]["max"] if d["recovery_time_s"]["max"] is not None else never for d in runs]
    median = statistics.median(recovery)
    delivered = sum((d["telemetry"] or {}).get("delivered", 0) for d in runs)
    return (f"violations {sum(d['invariant_violations'] for d in runs)} orphans {sum(d['orphans_at_end'] for d in runs)} "
            f"runs with orphans {sum(1 for d in runs if d['orphans_at_end'] > 0)} "
            f"median max recovery {'never' if median == never else round(median, 3)} delivered {delivered} "
            f"mean airtime {statistics.mean(d['control_airtime_share'] for d in runs):.5f}")
trees = [("this tree", 0)] + ([(against, 1)] if count > 1 else [])
for s in range(1, seeds + 1):
    for f in families:
        name = f"{f}-{s}"
        print(f"{name}: {line(load(0, name))}")
        if count > 1:
            print(f"{' ' * len(name)}  {against}: {line(load(1, name))}")
for f in families:
    for label, tree in trees:
        print(f"total {f} (seeds 1-{seeds}), {label}: {total([load(tree, f'{f}-{s}') for s in range(1, seeds + 1)])}")
PY
