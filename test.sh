#!/usr/bin/env bash
# The project's one test command (README.md; .ci/run calls exactly this).
# Installs what the suite needs when it is missing, builds everything (including the nanoFramework
# compatibility build of the core), runs every test project, and ends with one summary line.
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
trap 'rm -f "$log"' EXIT
set +e
dotnet test Peat.Edge.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test assemblies: "N passed, N failed".
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the run failed without a counted test failure (build or host crash): never report green
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
