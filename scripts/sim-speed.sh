#!/usr/bin/env bash
# Reproduces the simulator speed figures of docs/performance.md ("Simulator speed and memory"): the
# 100-node, 600 virtual-second Wi-Fi formation run, several times, through the real CLI; prints the
# minimum and median wall_time_s and speedup from the JSON reports. This host is shared and drifts by
# 30% and more within minutes, so a comparison must interleave its runs: with --against REV the same
# runs alternate with a build of git revision REV (in a temporary worktree), which of the two goes first
# alternating too.
# Usage: scripts/sim-speed.sh [--runs N] [--nodes N] [--against REV]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=7 nodes=100 against=
usage() { echo "sim-speed.sh: $1 (use --runs N, --nodes N, --against REV)" >&2; exit 2; }
. scripts/options.sh
parse_options 'runs=runs nodes=nodes against=against' "$@"
whole_numbers --runs "$runs" --nodes "$nodes"
out=$(mktemp -d)
. scripts/revision-build.sh
for i in $(seq 1 "$runs"); do
  order=("${!trees[@]}")
  [ $((i % 2)) -eq 1 ] || order=($(printf '%s\n' "${order[@]}" | sort -rn))
  for t in "${order[@]}"; do
    dotnet "$(cli "$t")" sim --scenario formation --duration-s 600 \
      --seed 1 --nodes "$nodes" --quiet --report "$out/run-$t-$i.json" >/dev/null
  done
done
for t in "${!trees[@]}"; do
  name=$([ "$t" = 0 ] && echo "this tree" || echo "$against")
  python3 - "$name" "$out"/run-"$t"-*.json <<'PY'
import json, statistics, sys
walls = sorted(json.load(open(p))["wall_time_s"] for p in sys.argv[2:])
print(f"{sys.argv[1]}: {len(walls)} runs, wall min {walls[0]:.3f} s ({600 / walls[0]:.0f}x), "
      f"median {statistics.median(walls):.3f} s ({600 / statistics.median(walls):.0f}x), max {walls[-1]:.3f} s")
PY
done
