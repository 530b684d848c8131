# Sourced by the simulator measurement scripts: builds this tree and, for a comparison, a git revision in a
# temporary worktree. Needs $out (a scratch directory) and $against (a revision, or empty); fills trees=(...)
# with the trees built (this one first) and removes the worktree on exit.
cleanup() { [ -z "$against" ] || git worktree remove --force "$out/against" >/dev/null 2>&1 || true; rm -rf "$out"; }
trap cleanup EXIT
# A script that needs another build of each tree defines build_tree DIR before sourcing this.
declare -F build_tree >/dev/null || build_tree() { dotnet build "$1/src/Peat.Edge.Aot" -c Release -nologo -v quiet; }
build() { # dir
  if ! build_tree "$1" >"$out/build.log" 2>&1; then
    cat "$out/build.log" >&2; echo "$(basename "$0"): the build of $1 failed (above)" >&2; exit 1
  fi
}
trees=(.)
build .
if [ -n "$against" ]; then
  git worktree add --detach "$out/against" "$against" >"$out/worktree.log" 2>&1 || { cat "$out/worktree.log" >&2; echo "$(basename "$0"): cannot check out $against" >&2; exit 1; }
  build "$out/against"
  trees+=("$out/against")
fi
cli() { echo "${trees[$1]}/src/Peat.Edge.Aot/bin/Release/net10.0/peat-edge.dll"; }
