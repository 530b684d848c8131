#!/usr/bin/env bash
# NativeAOT publish of peat-edge for one runtime with zero warnings (issue 5): publishes
# src/Peat.Edge.Aot and fails, listing the lines, on any trim/AOT warning (ILxxxx) or any other
# warning line of the publish output.
# Usage: scripts/check-aot-warnings.sh [RID] [OUTDIR]   (RID linux-x64 (default) or linux-arm64;
#        OUTDIR defaults to artifacts/publish/RID; the full publish output goes to artifacts/publish/RID.publish.log)
# linux-arm64 is cross-compiled with the Debian cross tools (docs/performance.md, scripts/publish.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
rid=${1:-linux-x64}
out=${2:-artifacts/publish/$rid}
project=src/Peat.Edge.Aot
args=(-c Release -r "$rid" -o "$out" -nologo -tl:off -v:minimal)
case "$rid" in
  linux-x64) ;;
  linux-arm64) args+=(-p:CppCompilerAndLinker=clang-14 -p:ObjCopyName=aarch64-linux-gnu-objcopy) ;;
  *) echo "check-aot-warnings.sh: unsupported RID '$rid' (linux-x64 or linux-arm64)" >&2; exit 2 ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p artifacts/publish
log=artifacts/publish/$rid.publish.log
# The native compiler (ILC) prints the trim/AOT analysis warnings only when it runs: an incremental publish
# that skips it would pass silently. Removing its intermediate folder makes it run every time (the managed
# build stays incremental; a C# warning is an error there anyway).
rm -rf "$project/obj/Release/net10.0/$rid/native"
rm -f "$out/peat-edge"
status=0
dotnet publish "$project" "${args[@]}" >"$log" 2>&1 || status=$?

# Any warning line, and any line naming an IL trim/AOT diagnostic (they are errors under TreatWarningsAsErrors).
# MSBuild's closing "N Warning(s)" count is not a warning.
found=$(grep -E -i '(^|[^a-z])warning([^a-z]|$)|(^|[^A-Za-z0-9])IL[0-9]{4}([^0-9]|$)' "$log" | grep -v -E -i '^ *[0-9]+ warning\(s\)' | sort -u || true)
if [ -n "$found" ]; then
  echo "check-aot-warnings: $rid: publish produced warnings (full output: $log):" >&2
  printf '%s\n' "$found" >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "check-aot-warnings: $rid: dotnet publish failed (exit $status); its output ($log):" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
if [ ! -x "$out/peat-edge" ]; then
  echo "check-aot-warnings: $rid: no $out/peat-edge after publish ($log)" >&2
  exit 1
fi
echo "check-aot-warnings: $rid: 0 warnings ($out/peat-edge, log $log)"
