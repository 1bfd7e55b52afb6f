#!/usr/bin/env bash
# Intervals and p that cannot be taken at their word say so: an interval
# that cannot be computed reads "n/a"; fewer than 1,000 draws draw a
# caution; a published audit refuses fewer than 200 and states its draws
# beside the figures; fifty requests at one address are one place.
. "$(dirname "$0")/lib.bash"
D=$(store demo)
"$SL" demo -s "$D" >/dev/null 2>&1

"$SL" disparity -s "$D" --events requests --areas demo-tracts --bootstrap 2 --permutations 2 > "$WORK/two.txt"
check "--bootstrap 2: the table carries a caution on its 2 draws" \
  grep -q 'caution: The intervals rest on 2 bootstrap resamples and the p-values on 2 placebo' "$WORK/two.txt"
"$SL" disparity -s "$D" --events requests --areas demo-tracts > "$WORK/default.txt"
check "the default 2,000 draws: no caution" bash -c "! grep -q caution '$WORK/default.txt'"
"$SL" disparity -s "$D" --events requests --areas demo-tracts --bootstrap 1 --permutations 1 > "$WORK/one.txt"
check "--bootstrap 1: the interval reads n/a" grep -q 'n/a' "$WORK/one.txt"

"$SL" audit -s "$D" -o "$WORK/a10" --bootstrap 10 --quiet 2> "$WORK/a10.err"
rc=$?
check "audit --bootstrap 10: a usage error (exit 2)" test "$rc" = 2
check "... that says the least it takes" grep -q 'at least 200 resamples' "$WORK/a10.err"
"$SL" audit -s "$D" -o "$WORK/a200" --bootstrap 200 --quiet >/dev/null 2>&1
check "audit --bootstrap 200: the report states its draws" \
  grep -q '95% intervals (percentile) from 200 bootstrap resamples of the events, p from 200 placebo draws' "$WORK/a200/report.html"
check "... and cautions on them" grep -q 'The intervals rest on 200 bootstrap resamples' "$WORK/a200/report.html"
check "... and the headline points to the caution" \
  grep -q 'read the caution under “Who is watched”' "$WORK/a200/summary.json"

# fifty requests at one address of the demo, beside its 160
IFS='|' read -r lat lon <<<"38.35114|-77.91888"
{ echo "id,agency,date,lat,lon"; for i in $(seq 1 50); do echo "X$i,Demo,2020-01-01,$lat,$lon"; done; } > "$WORK/one.csv"
"$SL" import requests "$WORK/one.csv" -s "$D" >/dev/null 2>&1
"$SL" disparity -s "$D" --events requests --areas demo-tracts --json > "$WORK/one.json"
check "210 requests at 161 places: a caution on events repeating at a place" \
  python3 -c "import json,sys; d=json.load(open('$WORK/one.json')); sys.exit(not (d['places']==161 and 'repeat at a place' in d['caveat']))"
finish
