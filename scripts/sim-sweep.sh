#!/usr/bin/env bash
# Reproduces the fault sweeps of docs/performance.md ("A routing loop after a restart"): churn on LoRa
# (40 nodes, 20% extra loss, 1,800 s; with the default telemetry and without), churn and swarm on Wi-Fi
# (100 nodes), seeds 1..N, through the real CLI. One line per run: violations, parent switches, recovery
# max and p95, orphans at the end, control airtime share, telemetry delivered and lost. With --against REV the same runs of
# revision REV (built in a temporary worktree) are printed beside them.
# Usage: scripts/sim-sweep.sh [--seeds N] [--against REV]
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=10 against=
usage() { echo "sim-sweep.sh: $1 (use --seeds N, --against REV)" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --seeds|--against) [ $# -ge 2 ] || usage "$1 needs a value" ;;
    *) usage "unknown option $1" ;;
  esac
  case $1 in
    --seeds) seeds=$2 ;;
    --against) against=$2 ;;
  esac
  shift 2
done
[[ "$seeds" =~ ^[1-9][0-9]*$ ]] || usage "--seeds must be a whole number of at least 1"
out=$(mktemp -d)
. scripts/revision-build.sh
run() { # tree name options...
  local t=$1 name=$2; shift 2
  # A violation makes the CLI exit non-zero; the report still says how many.
  dotnet "$(cli "$t")" sim --quiet "$@" --report "$out/$t-$name.json" >/dev/null 2>"$out/$t-$name.err" || true
  [ -s "$out/$t-$name.json" ] || { cat "$out/$t-$name.err" >&2; echo "sim-sweep.sh: $name gave no report" >&2; exit 1; }
}
names=()
for s in $(seq 1 "$seeds"); do
  for t in "${!trees[@]}"; do
    run "$t" "churn-lora-$s" --scenario churn --seed "$s" --nodes 40 --link lora --loss 0.2 --duration-s 1800 &
    run "$t" "churn-lora-notelemetry-$s" --scenario churn --seed "$s" --nodes 40 --link lora --loss 0.2 --duration-s 1800 --telemetry-interval-s 0 &
    wait
    run "$t" "churn-wifi-$s" --scenario churn --seed "$s" &
    run "$t" "swarm-wifi-$s" --scenario swarm --seed "$s" &
    wait
  done
  names+=("churn-lora-$s" "churn-lora-notelemetry-$s" "churn-wifi-$s" "swarm-wifi-$s")
done
python3 - "$out" "${#trees[@]}" "${against:-}" "${names[@]}" <<'PY'
import json, sys
out, count, against, names = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
def line(path):
    d = json.load(open(path)); r = d["recovery_time_s"]; t = d["telemetry"] or {}
    return (f"violations {d['invariant_violations']} switches {d['parent_switches']} recovery max {r['max']} p95 {r['p95']} "
            f"orphans {d['orphans_at_end']} airtime {d['control_airtime_share']} delivered {t.get('delivered', '-')} lost {t.get('lost', '-')}")
for name in names:
    print(f"{name}: {line(f'{out}/0-{name}.json')}")
    if count > 1:
        print(f"{' ' * len(name)}  {against}: {line(f'{out}/1-{name}.json')}")
PY
