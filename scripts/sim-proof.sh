#!/usr/bin/env bash
# Reproduces the simulator figures of docs/performance.md ("Topology in the simulator"): the scenarios of
# the topology issue over seeds 1-5, 100 nodes, through the real `peat-edge sim` CLI and its JSON reports.
# Usage: scripts/sim-proof.sh [seeds...]   (default 1 2 3 4 5)
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=("${@:-1 2 3 4 5}")
[ "$#" -gt 0 ] || seeds=(1 2 3 4 5)
bin=src/Peat.Edge.Aot/bin/Release/net10.0/peat-edge.dll
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log=$(mktemp)
  if ! dotnet build src/Peat.Edge.Aot -c Release -nologo -v quiet >"$log" 2>&1; then
    cat "$log" >&2
    echo "sim-proof.sh: the build failed (above)" >&2
    exit 1
  fi
  rm -f "$log"
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() { # name args...
  local name=$1; shift
  dotnet "$bin" sim "$@" --quiet --report "$out/$name.json" || true
  python3 - "$out/$name.json" "$name" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); rec = r["recovery_time_s"] or {}
print(f'| {sys.argv[2]} | {r["formation_time_s"]} | {rec.get("p95")} | {rec.get("max")} | {r["parent_switches"]} | '
      f'{r["control_airtime_share"]:.4f} | {r["orphans_at_end"]} | {r["invariant_violations"]} |')
PY
}
echo "| run | formation_time_s | recovery p95 s | recovery max s | parent_switches | control_airtime_share | orphans_at_end | invariant_violations |"
echo "|---|---|---|---|---|---|---|---|"
for s in "${seeds[@]}"; do run "formation-wifi-seed$s" --scenario formation --nodes 100 --link wifi --seed "$s"; done
for s in "${seeds[@]}"; do run "leaf-parent-loss-wifi-seed$s" --scenario leaf-parent-loss --nodes 100 --link wifi --seed "$s"; done
for s in "${seeds[@]}"; do run "leader-loss-wifi-seed$s" --scenario leader-loss --nodes 100 --link wifi --seed "$s"; done
for s in "${seeds[@]}"; do run "stable-10%-loss-300s-seed$s" --scenario formation --nodes 100 --link wifi --loss 0.1 --duration-s 300 --seed "$s"; done
for s in "${seeds[@]:0:2}"; do run "lora-formation-3600s-seed$s" --scenario formation --nodes 100 --link lora --duration-s 3600 --seed "$s"; done
