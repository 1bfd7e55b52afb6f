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
need_us_atlas() { # sets US_ATLAS to counties-10m.json, installing npm us-atlas@3.0.1 if needed; skips (77) loudly without npm
  US_ATLAS="$SL_SOURCE/node_modules/us-atlas/counties-10m.json"
  [ -f "$US_ATLAS" ] && return 0
  if ! command -v npm >/dev/null; then echo "SKIPPED: npm missing, cannot fetch us-atlas@3.0.1" >&2; exit 77; fi
  (cd "$SL_SOURCE" && npm install --no-save --no-package-lock --silent us-atlas@3.0.1) >/dev/null 2>&1 ||
    { echo "SKIPPED: npm install us-atlas@3.0.1 failed" >&2; exit 77; }
}
import_counties() { # import_counties DB: US counties + 2014 QuickFacts demographics as set 'counties'
  "$SL" import areas "$US_ATLAS" --layer counties --set counties --id id --name name \
    --demographics "$SL_SHARED_DATA/census/us-counties-quickfacts-2014.csv" --key fips --key-width 5 \
    --pop PST045214 --black RHI225214 --hispanic RHI725214 --white-nh RHI825214 --foreign-born POP645213 \
    --percent -s "$1" >/dev/null 2>&1
}
