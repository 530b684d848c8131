#!/usr/bin/env bash
# The project's one test command (README.md; .ci/run calls exactly this).
# Installs what the suite needs when it is missing, builds everything (including the nanoFramework
# compatibility build of the core), runs every test project, then publishes the NativeAOT gateway binary
# for linux-x64 and linux-arm64 and smoke-tests both (scripts/publish.sh), and ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")"

# OS tools the tests use. apt as root; each is installed only when missing.
need_apt=()
# socat: pty pairs for the serial-radio and GPS integration tests (tests/Peat.Edge.Aot.Tests).
command -v socat >/dev/null 2>&1 || need_apt+=(socat)
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing ${need_apt[*]}; run as root or install them first" >&2
    exit 2
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK 10 (dotnet) is required and was not found on PATH" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Peat.Edge.sln -c Release -nologo -v quiet
log=$(mktemp)
aot_log=$(mktemp)
trap 'rm -f "$log" "$aot_log"' EXIT
set +e
dotnet test Peat.Edge.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The NativeAOT gateway binary (issue 5): linux-x64 and linux-arm64 publishes with zero trim/AOT warnings,
# the native serial library beside each binary, --version and a two-node run of each (arm64 under qemu).
# It installs its own Debian tools as root; each of its checks counts as one test in the closing line.
scripts/publish.sh 2>&1 | tee "$aot_log"
aot_status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies: "N passed, N failed".
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the run failed without a counted test failure (build or host crash): never report green
fi
aot_passed=$(sed -n 's/^aot checks: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$aot_log" | tail -n 1)
aot_failed=$(sed -n 's/^aot checks: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$aot_log" | tail -n 1)
if [ -z "$aot_passed" ]; then
  aot_passed=0
  aot_failed=1 # publish.sh stopped before its summary (missing tools, a crash): one failure
fi
if [ "$aot_status" -ne 0 ] && [ "$aot_failed" -eq 0 ]; then
  aot_failed=1
fi
passed=$((passed + aot_passed))
failed=$((failed + aot_failed))
if [ "$status" -eq 0 ] && [ "$aot_status" -ne 0 ]; then
  status=$aot_status
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
