#!/usr/bin/env bash
# Counts the instructions of one simulator run under valgrind's callgrind: a measure of the simulator's
# cost that does not drift with this shared host (wall times vary by 30% within minutes, instruction
# counts of the same binary by a few in a million), for comparing a change whose effect is inside the
# noise of scripts/sim-speed.sh. Runs the NativeAOT build of peat-edge (no JIT in the count) on the
# 100-node Wi-Fi formation run, prints the total and the functions with the most instructions of their
# own; with --against REV the same for a build of git revision REV, and the ratio.
# Instructions are not time (cache misses and branch mispredictions are not in them): confirm a gain
# with sim-speed.sh or SimBenchmarks. Takes about a minute per tree and per 600 virtual seconds.
# Usage: scripts/sim-instructions.sh [--duration-s T] [--nodes N] [--top K] [--against REV]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=600 nodes=100 top=15 against=
usage() { echo "sim-instructions.sh: $1 (use --duration-s T, --nodes N, --top K, --against REV)" >&2; exit 2; }
. scripts/options.sh
parse_options 'duration-s=duration nodes=nodes top=top against=against' "$@"
whole_numbers --duration-s "$duration" --nodes "$nodes" --top "$top"
command -v valgrind >/dev/null || { echo "sim-instructions.sh: needs valgrind (apt-get install -y valgrind)" >&2; exit 2; }
case $(uname -m) in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; *) echo "sim-instructions.sh: no NativeAOT target for $(uname -m)" >&2; exit 2 ;; esac
# Symbols stay in the binary (StripSymbols=false) but its DWARF goes: valgrind 3.19 cannot read DWARF 5.
build_tree() {
  dotnet publish "$1/src/Peat.Edge.Aot" -c Release -r "$rid" -nologo -v quiet -o "$1/artifacts/instructions" \
    -p:StripSymbols=false -p:DebugType=none -p:DebugSymbols=false &&
    objcopy --strip-debug "$1/artifacts/instructions/peat-edge" "$1/artifacts/instructions/peat-edge.counted"
}
out=$(mktemp -d)
. scripts/revision-build.sh
declare -a totals
for t in "${!trees[@]}"; do
  name=$([ "$t" = 0 ] && echo "this tree" || echo "$against")
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind-$t.out" \
    "${trees[$t]}/artifacts/instructions/peat-edge.counted" sim --scenario formation --duration-s "$duration" \
    --seed 1 --nodes "$nodes" --quiet >"$out/valgrind-$t.log" 2>&1 || { cat "$out/valgrind-$t.log" >&2; exit 1; }
  totals[$t]=$(callgrind_annotate "$out/callgrind-$t.out" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
  echo "$name: ${totals[$t]} instructions (formation --nodes $nodes --duration-s $duration --seed 1)"
  callgrind_annotate "$out/callgrind-$t.out" | grep -E '^ *[0-9,]+ \( *[0-9.]+%\)  ' | grep -v "PROGRAM TOTALS" | awk -v n="$top" "NR <= n" \
    | sed -E 's/\?\?\?://; s/ \[[^]]*\]$//; s/Peat_Edge_(Core|Sim)_Peat_Edge_(Core|Sim)_//; s/^/  /'
done
if [ -n "$against" ]; then
  python3 -c "import sys; a, b = int(sys.argv[1]), int(sys.argv[2]); print(f'this tree / $against: {a / b:.4f} ({(a - b) / b * 100:+.2f}% instructions)')" "${totals[0]}" "${totals[1]}"
fi
