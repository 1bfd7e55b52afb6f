#!/usr/bin/env bash
# city_tracts.sh — Chicago's 791 tracts (SDOH, ACS 2010-2014; demographics
# as percentages, only geoid10 for a name) with synthetic posts over them.
# The percentages are read as shares of Pop2014 (Black 31.9% of 2,710,501
# residents, as the ACS gives the city), and an unnamed tract is "Census
# Tract 8361, IL" in `join` and the report, not ", IL".
. "$(dirname "$0")/lib.bash"
need_shared
DB=$(store chicago)
"$SL" import areas "$SL_SHARED_DATA/census/chicago-tracts-sdoh-acs2014.geojson" --set tracts --id geoid10 \
  --pop Pop2014 --black Blk14P --hispanic Hisp14P --percent -s "$DB" >"$WORK/out" 2>&1
check "tracts imported: 2,710,501 residents" grep -q "imported 791 areas into set 'tracts'.*population 2,710,501" "$WORK/out"
"$SL" synth -s "$DB" --areas tracts --layer posts --count 8000 >/dev/null 2>&1
"$SL" disparity -s "$DB" --events posts --areas tracts --bootstrap 200 --permutations 200 >"$WORK/d" 2>&1
check "Black residents 31.9% of the tracts' (a percentage read as such)" grep -qE '^  Black +[0-9.]+% +31\.9% ' "$WORK/d"
"$SL" join -s "$DB" --points posts --areas tracts >"$WORK/j" 2>&1
check "join names an unnamed tract 'Census Tract N, IL'" grep -qE '^  17031[0-9]{6}  Census Tract [0-9.]+, IL ' "$WORK/j"
check "… never ', IL' alone" bash -c "! grep -qE '^  17031[0-9]{6}  , IL' '$WORK/j'"
"$SL" audit -s "$DB" -o "$WORK/report" --quiet --bootstrap 200 >/dev/null 2>&1
check "the report's area tables name tracts so too" grep -q '<td>Census Tract [0-9.]*, IL</td>' "$WORK/report/report.html"
check "… and no '<td>, IL</td>'" bash -c "! grep -q '<td>, IL</td>' '$WORK/report/report.html'"
finish
