# lib.bash — helpers the end-to-end tests share (sourced, not a test itself).
set -u
: "${SL:?SL must point at the sightline binary}"
WORK=$(mktemp -d /tmp/sightline-e2e.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
FAILS=0
PASSES=0

ok() { PASSES=$((PASSES + 1)); echo "ok   - $*"; }
not_ok() { FAILS=$((FAILS + 1)); echo "FAIL - $*"; }
check() { # check DESCRIPTION COMMAND...: passes when the command succeeds
  local what=$1; shift
  if "$@"; then ok "$what"; else not_ok "$what"; fi
}
need_shared() { # skip (exit 77) loudly when ../shared/data is absent
  if [ ! -d "${SL_SHARED_DATA:-/nonexistent}" ]; then
    echo "SKIPPED: real data not found at ${SL_SHARED_DATA:-<unset>} (../shared/data)" >&2
    exit 77
  fi
}
store_dump() { sqlite3 "$1" .dump 2>/dev/null | sha256sum; }
finish() {
  echo "$PASSES passed, $FAILS failed"
  [ "$FAILS" -eq 0 ]
}
