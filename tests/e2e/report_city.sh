#!/usr/bin/env bash
# report_city.sh — the report of a city's store, as a city's analyst makes
# it: Chicago's 77 community areas beside the national registry, Atlas and
# ICE facilities (report_city.mjs has the browser checks). The map opens on
# the city's areas, not on the lower 48, with buttons to the rest. Skips
# loudly (77) without the real data, chromium, node or playwright-core.
. "$(dirname "$0")/lib.bash"
SRC=${SL_SOURCE:-$(cd "$(dirname "$0")/../.." && pwd)}
need_shared
need_browser playwright-core
D=$SL_SHARED_DATA
DB=$(store chicago)
"$SL" import areas "$D/census/chicago-community-areas-acs.geojson" --set community-areas --id area_numbe --name community \
  --pop TOT_POP --black BLACK --hispanic HISP --white-nh WHITE --foreign-born FOR_BORN -s "$DB" >/dev/null 2>&1
"$SL" import agencies "$D/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$DB" >/dev/null 2>&1
"$SL" import partnerships "$D/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$DB" >/dev/null 2>&1
"$SL" import sites "$D/sites/ice-detention-facilities-uwchr.psv.gz" --category ice --id detloc --text name -s "$DB" >/dev/null 2>&1
check "audit of a city's store" "$SL" audit -s "$DB" -o "$WORK/city" --quiet
check "city map checks in chromium" node "$SRC/tests/e2e/report_city.mjs" "$WORK/city"
finish
