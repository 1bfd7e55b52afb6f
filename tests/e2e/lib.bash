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
    --percent --publisher "US Census Bureau: county boundaries (npm us-atlas 3.0.1) and QuickFacts" \
    --url https://www.census.gov/quickfacts --licence "US government work, public domain" --year 2014 -s "$1" >/dev/null 2>&1
}
real_and_demo_reports() { # the audit of the real data (as make demo-real) in $WORK/real, of the demo in $WORK/demo
  need_shared
  need_us_atlas
  local db=$WORK/real.db
  "$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$db" >/dev/null 2>&1
  "$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$db" >/dev/null 2>&1
  import_counties "$db"
  "$SL" import sites "$SL_SHARED_DATA/sites/ice-detention-facilities-uwchr.psv.gz" --category ice --id detloc --text name \
    --publisher "University of Washington Center for Human Rights: ICE detention facilities (FOIA records)" \
    --url https://github.com/UWCHR/ice-facilities --licence "none stated (records released under FOIA)" -s "$db" >/dev/null 2>&1
  check "audit of the real data" "$SL" audit -s "$db" -o "$WORK/real" --tech ring --since 2020-05-25 --quiet
  "$SL" demo -s "$WORK/demo.db" >/dev/null
  check "audit of the demo" "$SL" audit -s "$WORK/demo.db" -o "$WORK/demo" --quiet
}
need_browser() { # skip (77) loudly without chromium, node or the npm modules named (playwright-core and more)
  [ -x /usr/bin/chromium ] || { echo "SKIP: /usr/bin/chromium missing" >&2; exit 77; }
  command -v node >/dev/null || { echo "SKIP: node missing" >&2; exit 77; }
  local m
  for m in "$@"; do
    [ -d "$SL_SOURCE/node_modules/$m" ] || { echo "SKIP: npm $m missing (scripts/deps.sh)" >&2; exit 77; }
  done
}
