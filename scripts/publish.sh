#!/usr/bin/env bash
# The NativeAOT gateway binary (issue 5): publishes peat-edge for linux-x64 and linux-arm64 (cross-compiled)
# into artifacts/publish/RID/ with zero trim/AOT warnings (scripts/check-aot-warnings.sh), checks that
# libSystem.IO.Ports.Native.so ships beside each binary and that each binary is at most 10 MB, and smoke-tests each
# binary: natively on x64 and under qemu-aarch64 on arm64, `--version`, `selftest` (the NMEA and INA219
# stack on known input) and a two-node run over loopback multicast and a serial radio
# on a pty pair (discovery, tree, GPS NMEA from a pty, status over the Unix socket, SIGTERM leaves and
# exits 0). Under qemu the run needs scripts/qemu-multicast-shim.c (an emulator bug, see there).
# As root it installs the missing Debian tools first (cross toolchain, qemu-user, socat).
#
# Usage: scripts/publish.sh [--measure] [--no-smoke] [--no-publish] [RID...]
#   RID          linux-x64 and/or linux-arm64 (default: both)
#   --measure    also measure (x64): binary and folder sizes, start-up and first-beacon times, idle RSS
#                (the numbers of docs/performance.md, "NativeAOT gateway binary")
#   --no-smoke   publish and check only
#   --no-publish smoke-test (and measure) the binaries already in artifacts/publish (no warning check)
# Ends with "aot checks: N passed, N failed"; exits non-zero when any check failed.
set -euo pipefail
cd "$(dirname "$0")/.."

measure=0
smoke=1
publish=1
rids=()
for a in "$@"; do
  case "$a" in
    --measure) measure=1 ;;
    --no-smoke) smoke=0 ;;
    --no-publish) publish=0 ;;
    linux-x64|linux-arm64) rids+=("$a") ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "publish.sh: unknown argument '$a' (see --help)" >&2; exit 2 ;;
  esac
done
[ "${#rids[@]}" -gt 0 ] || rids=(linux-x64 linux-arm64)
has_rid() { local r; for r in "${rids[@]}"; do [ "$r" = "$1" ] && return 0; done; return 1; }

script_start=$(date +%s)

# --- Tools: Debian packages, each installed only when missing (as root). ---
need=()
is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
want() { local p; for p in "$@"; do is_installed "$p" || need+=("$p"); done; }
[ "$smoke" -eq 0 ] || want socat # the GPS pty of the smoke run
# DESIGN.md section 6: the verified linux-arm64 cross recipe.
has_rid linux-arm64 && want clang-14 lld-14 gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "publish.sh: missing Debian packages: ${need[*]}; run as root or install them first" >&2
    exit 2
  fi
  echo "publish.sh: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v dotnet >/dev/null 2>&1 || { echo "publish.sh: the .NET SDK 10 (dotnet) is required" >&2; exit 2; }

passed=0
failed=0
results=()
pass() { passed=$((passed + 1)); results+=("PASS  $1"); echo "publish.sh: PASS $1"; }
fail() { failed=$((failed + 1)); results+=("FAIL  $1"); echo "publish.sh: FAIL $1" >&2; }

expected_version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' src/Peat.Edge.Aot/Peat.Edge.Aot.csproj | head -n 1)
# Issue 5: the binary a device runs is at most 10 MB (decimal, as docs/performance.md reports it).
size_goal_bytes=10000000

# --- Processes started by the smoke runs; always ended on exit. A pid leaves the list when it is reaped
# (until then it cannot be reused by another process, so the kill can only reach our own child). ---
work=$(mktemp -d)
pids=()
forget() { # pid
  local p kept=()
  for p in "${pids[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done
  pids=("${kept[@]}")
}
cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill -9 "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits (bounded) for a background process; sets $rc to its exit code, or returns 1 if it is still running.
wait_exit() { # pid timeout_s
  local pid=$1 i
  for ((i = 0; i < $2 * 10; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rc=0
      wait "$pid" || rc=$?
      forget "$pid"
      return 0
    fi
    sleep 0.1
  done
  return 1
}

nmea() { # body -> $body*checksum
  local body=$1 sum=0 i c
  for ((i = 0; i < ${#body}; i++)); do
    printf -v c '%d' "'${body:i:1}"
    sum=$((sum ^ c))
  done
  printf '$%s*%02X' "$body" "$sum"
}
# Munich, the classic NMEA example: 48°07.038' N, 11°31.000' E (tests/Peat.Edge.Aot.Tests/GpsTests.cs).
gga=$(nmea 'GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,')

config() { # id deviceClass rootCapable priority group port socket radio-device [gps-device]
  local sensors=""
  [ -z "${9:-}" ] || sensors=',
  "sensors": { "gps": { "source": "nmea", "device": "'"$9"'", "staleAfterMs": 60000 } }'
  cat <<EOF
{
  "node": { "id": $1, "deviceClass": "$2", "rootCapable": $3, "rootPriority": $4 },
  "transports": {
    "udp": { "loopback": true, "group": "$5", "port": $6 },
    "serial": { "device": "$8" }
  },
  "status": { "socket": "$7" }$sensors
}
EOF
}

pty_pair() { # dir name: socat links dir/name.A and dir/name.B (raw, no echo)
  socat pty,raw,echo=0,link="$1/$2.A" pty,raw,echo=0,link="$1/$2.B" 2>"$1/$2.socat.err" &
  pids+=("$!")
  local i
  for ((i = 0; i < 50; i++)); do [ -e "$1/$2.A" ] && [ -e "$1/$2.B" ] && return 0; sleep 0.1; done
  echo "socat did not create the pty pair $2: $(cat "$1/$2.socat.err")"
  return 1
}

# Two nodes, A (0x0a01, root-capable) and B (0x0a02, a leaf with an NMEA GPS on a pty), linked twice: UDP
# multicast on loopback and a serial radio over a pty pair (System.IO.Ports, so its native library).
# They must discover each other, B must take A as its parent and report the GPS fix (Iot.Device.Nmea0183),
# and both must receive serial frames, all through `peat-edge status --json`; SIGTERM on A makes B hear the
# leave; both exit 0 with an empty stderr and remove their status sockets.
two_nodes() { # rid timeout_s runner...
  local rid=$1 limit=$2
  shift 2
  local -a pe=("$@")
  local d=$work/$rid
  mkdir -p "$d"
  local port=$((40000 + RANDOM % 20000))
  local group="239.255.$((RANDOM % 250 + 1)).$((RANDOM % 250 + 1))"
  local i
  pty_pair "$d" gps || return 1
  pty_pair "$d" radio || return 1
  config 2561 lab true 100 "$group" "$port" "$d/a.sock" "$d/radio.A" >"$d/a.json"
  config 2562 leaf false 0 "$group" "$port" "$d/b.sock" "$d/radio.B" "$d/gps.A" >"$d/b.json"
  "${pe[@]}" run --config "$d/a.json" >"$d/a.log" 2>"$d/a.err" &
  local a_pid=$!
  pids+=("$a_pid")
  "${pe[@]}" run --config "$d/b.json" >"$d/b.log" 2>"$d/b.err" &
  local b_pid=$!
  pids+=("$b_pid")

  local ok=0 sa sb start=$SECONDS
  while [ $((SECONDS - start)) -lt "$limit" ]; do
    if ! kill -0 "$a_pid" 2>/dev/null || ! kill -0 "$b_pid" 2>/dev/null; then
      echo "a node exited early"
      echo "--- A log"; cat "$d/a.log" "$d/a.err"; echo "--- B log"; cat "$d/b.log" "$d/b.err"
      return 1
    fi
    printf '%s\r\n' "$gga" >"$d/gps.B" 2>/dev/null || true
    sa=$("${pe[@]}" status --json --socket "$d/a.sock" 2>/dev/null || true)
    sb=$("${pe[@]}" status --json --socket "$d/b.sock" 2>/dev/null || true)
    if grep -q '"id": "0x00000a02"' <<<"$sa" && grep -q '"id": "0x00000a01"' <<<"$sb" \
      && grep -q '"parentId": "0x00000a01"' <<<"$sb" && grep -q '"isRoot": true' <<<"$sa" \
      && grep -q '"latitude": 48\.1173' <<<"$sb" && grep -q '"longitude": 11\.5166' <<<"$sb" \
      && grep -q -E '"serial_rx_frames": [1-9]' <<<"$sa" && grep -q -E '"serial_rx_frames": [1-9]' <<<"$sb"; then
      ok=1
      break
    fi
    sleep 0.5
  done
  local took=$((SECONDS - start))
  if [ "$ok" -ne 1 ]; then
    echo "no discovery/tree/GPS fix/serial frames within ${limit} s; last status A: ${sa:-none}; last status B: ${sb:-none}"
    echo "--- A log"; cat "$d/a.log" "$d/a.err"; echo "--- B log"; cat "$d/b.log" "$d/b.err"
    return 1
  fi
  if ! grep -q 'event=neighbour_added node=0x00000a02' "$d/a.log" || ! grep -q 'event=neighbour_added node=0x00000a01' "$d/b.log"; then
    echo "status shows the neighbours but a log has no event=neighbour_added"; return 1
  fi
  grep -q 'event=first_frame_sent' "$d/a.log" || { echo "A logged no event=first_frame_sent"; return 1; }

  kill -TERM "$a_pid"
  if ! wait_exit "$a_pid" 10; then echo "A did not exit within 10 s of SIGTERM"; return 1; fi
  [ "$rc" -eq 0 ] || { echo "A exited $rc after SIGTERM"; cat "$d/a.err"; return 1; }
  for ((i = 0; i < 100; i++)); do grep -q 'event=neighbour_left node=0x00000a01' "$d/b.log" && break; sleep 0.1; done
  grep -q 'event=neighbour_left node=0x00000a01' "$d/b.log" || { echo "B did not hear A leave within 10 s"; cat "$d/b.log"; return 1; }
  kill -TERM "$b_pid"
  if ! wait_exit "$b_pid" 10; then echo "B did not exit within 10 s of SIGTERM"; return 1; fi
  [ "$rc" -eq 0 ] || { echo "B exited $rc after SIGTERM"; cat "$d/b.err"; return 1; }
  local n
  for n in a b; do
    grep -q 'event=stopped .*leave_sent=True' "$d/$n.log" || { echo "$n: no event=stopped with leave_sent=True"; return 1; }
    [ ! -s "$d/$n.err" ] || { echo "$n: stderr not empty: $(cat "$d/$n.err")"; return 1; }
    [ ! -e "$d/$n.sock" ] || { echo "$n: status socket left behind"; return 1; }
  done
  echo "discovered over udp+serial, tree (B under A) and GPS fix after ${took} s; leave heard; both exited 0"
}

for rid in "${rids[@]}"; do
  out=artifacts/publish/$rid
  t0=$(date +%s)
  if [ "$publish" -eq 0 ]; then
    [ -x "$out/peat-edge" ] || { fail "$rid: --no-publish but no $out/peat-edge"; continue; }
  elif scripts/check-aot-warnings.sh "$rid" "$out"; then
    pass "$rid: publish with 0 trim/AOT warnings ($(($(date +%s) - t0)) s)"
  else
    fail "$rid: publish with 0 trim/AOT warnings"
    continue
  fi
  if [ -f "$out/libSystem.IO.Ports.Native.so" ]; then
    pass "$rid: libSystem.IO.Ports.Native.so beside peat-edge"
  else
    fail "$rid: libSystem.IO.Ports.Native.so beside peat-edge (missing in $out)"
  fi
  size=$(stat -c %s "$out/peat-edge" 2>/dev/null || echo 0)
  if [ "$size" -gt 0 ] && [ "$size" -le "$size_goal_bytes" ]; then
    pass "$rid: peat-edge is $size bytes (goal: at most $size_goal_bytes)"
  else
    fail "$rid: peat-edge is $size bytes, over the goal of $size_goal_bytes"
  fi
  [ "$smoke" -eq 1 ] || continue

  runner=()
  mesh_runner=()
  limit=30
  if [ "$rid" = linux-arm64 ]; then
    runner=(qemu-aarch64 -L /usr/aarch64-linux-gnu)
    # qemu-user 7.2 mistranslates the multicast join and lacks IP_MULTICAST_IF; the test-only shim
    # (scripts/qemu-multicast-shim.c, built here with the cross compiler) works around both.
    shim=artifacts/publish/qemu-multicast-shim.so
    if aarch64-linux-gnu-gcc -shared -fPIC -O2 -Wall -Wextra -Werror -o "$shim" scripts/qemu-multicast-shim.c -ldl; then
      mesh_runner=(qemu-aarch64 -L /usr/aarch64-linux-gnu -E "LD_PRELOAD=$PWD/$shim")
    else
      fail "$rid: build of the qemu multicast shim"
      continue
    fi
    limit=60
  fi
  version=$("${runner[@]}" "$out/peat-edge" --version 2>&1 || true)
  if [ "$version" = "$expected_version" ]; then
    pass "$rid: ${runner[*]:+${runner[*]} }peat-edge --version = $version"
  else
    fail "$rid: peat-edge --version printed '$version', expected '$expected_version'"
  fi
  # The sensor stack (NMEA, INA219 over UnitsNet) on known input: trimming and the ILC substitutions
  # (src/Peat.Edge.Aot/Trimming) must leave every path the gateway uses working.
  if "${runner[@]}" "$out/peat-edge" selftest >"$work/$rid.selftest" 2>&1; then
    pass "$rid: peat-edge selftest: $(grep -c ' ok (' "$work/$rid.selftest") checks passed"
  else
    fail "$rid: peat-edge selftest"
    cat "$work/$rid.selftest" >&2
  fi
  t0=$(date +%s)
  # Not in a $(...) subshell: the processes it starts must stay in pids for the clean-up.
  if two_nodes "$rid" "$limit" "${mesh_runner[@]}" "$out/peat-edge" >"$work/$rid.smoke" 2>&1; then
    pass "$rid: two-node loopback run: $(tail -n 1 "$work/$rid.smoke") ($(($(date +%s) - t0)) s)"
  else
    fail "$rid: two-node loopback run"
    cat "$work/$rid.smoke" >&2
  fi
  for p in "${pids[@]}"; do
    kill -9 "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  pids=()
done

if [ "$measure" -eq 1 ]; then
  if has_rid linux-x64 && [ -x artifacts/publish/linux-x64/peat-edge ]; then
    echo
    echo "== measurements (linux-x64 on this machine; arm64 sizes if published)"
    for rid in "${rids[@]}"; do
      out=artifacts/publish/$rid
      [ -x "$out/peat-edge" ] || continue
      bin=$(stat -c %s "$out/peat-edge")
      so=$(stat -c %s "$out/libSystem.IO.Ports.Native.so" 2>/dev/null || echo 0)
      folder=$(du -sb "$out" | cut -f1)
      awk -v r="$rid" -v b="$bin" -v s="$so" -v f="$folder" 'BEGIN {
        printf "size %s: peat-edge %d bytes (%.2f MB, %.2f MiB); shipped (peat-edge + libSystem.IO.Ports.Native.so) %d bytes (%.2f MB); whole folder with .dbg/.pdb %d bytes (%.2f MB)\n",
          r, b, b / 1e6, b / 1048576, b + s, (b + s) / 1e6, f, f / 1e6 }'
    done
    if ! python3 - artifacts/publish/linux-x64/peat-edge "$work" <<'PY'
import os, random, select, signal, statistics, subprocess, sys, time
exe, work = sys.argv[1], sys.argv[2]
runs = 10

def config(i, port, group):
    path = os.path.join(work, f"m{i}.json")
    with open(path, "w") as f:
        f.write('{ "node": { "id": %d, "deviceClass": "gateway", "rootCapable": true, "rootPriority": 64 },\n'
                '  "transports": { "udp": { "loopback": true, "group": "%s", "port": %d } },\n'
                '  "status": { "socket": "%s" } }\n' % (0x0C00 + i, group, port, os.path.join(work, f"m{i}.sock")))
    return path

buffers = {}
def wait_line(p, needle, deadline):
    """(time the line arrived, line) for the first stdout line containing needle; (None, None) at the deadline or EOF."""
    buf = buffers.setdefault(p.pid, bytearray())
    while True:
        while b"\n" in buf:
            i = buf.index(b"\n")
            line = buf[:i].decode(errors="replace")
            del buf[:i + 1]
            if needle in line:
                return time.monotonic(), line
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([p.stdout], [], [], left)[0]:
            return None, None
        chunk = os.read(p.stdout.fileno(), 65536)
        if not chunk:
            return None, None
        buf += chunk

def stop(p):
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()

def med(xs): return statistics.median(xs)

# peat-edge --version: process start to exit (runtime start-up plus the command line).
version = []
for _ in range(runs):
    t0 = time.monotonic()
    subprocess.run([exe, "--version"], stdout=subprocess.DEVNULL, check=True)
    version.append((time.monotonic() - t0) * 1000)

port = random.randint(40000, 59999)
group = "239.255.%d.%d" % (random.randint(1, 250), random.randint(1, 250))
started, first, own = [], [], []
for i in range(runs):
    cfg = config(i, port, group)
    t0 = time.monotonic()
    p = subprocess.Popen([exe, "run", "--config", cfg], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
    try:
        ts, _ = wait_line(p, "event=started", t0 + 10)
        tf, line = wait_line(p, "event=first_frame_sent", t0 + 10)
        if ts is None or tf is None:
            sys.exit("measure: no event=started / event=first_frame_sent within 10 s")
        started.append((ts - t0) * 1000)
        first.append((tf - t0) * 1000)
        own.append(float(line.split("since_process_start_ms=")[1].split()[0]))
    finally:
        stop(p)

# Idle RSS: one node alone, 5 s after start.
cfg = config(99, port, group)
p = subprocess.Popen([exe, "run", "--config", cfg], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(5)
status = dict(l.split(":", 1) for l in open(f"/proc/{p.pid}/status") if ":" in l)
stop(p)
rss_kb = int(status["VmRSS"].split()[0]); hwm_kb = int(status["VmHWM"].split()[0])

fmt = lambda xs: "median %.1f ms (min %.1f, max %.1f)" % (med(xs), min(xs), max(xs))
print(f"start-up, peat-edge --version (process start to exit, {runs} runs): {fmt(version)}")
print(f"start-up, peat-edge run to event=started (host loop running, sockets bound, {runs} runs): {fmt(started)}")
print(f"first beacon, peat-edge run to event=first_frame_sent (wall clock, {runs} runs): {fmt(first)}")
print(f"first beacon, as the program logs it (since_process_start_ms, 10 ms clock-tick resolution): {fmt(own)}")
print(f"first beacon minus start-up (the Trickle timer's first offset: 0 for the gateway preset, else uniform in [0, Imin]): {fmt([f - s for f, s in zip(first, started)])}")
print(f"idle RSS after 5 s (one node): VmRSS {rss_kb / 1024:.1f} MiB ({rss_kb} kB), VmHWM {hwm_kb / 1024:.1f} MiB")
PY
    then
      fail "measurements (above)"
    fi
  else
    echo "publish.sh: --measure needs a published linux-x64 binary" >&2
    fail "measurements (no linux-x64 binary)"
  fi
fi

echo
echo "== publish.sh summary ($(($(date +%s) - script_start)) s)"
for r in "${results[@]}"; do echo "  $r"; done
echo "aot checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
