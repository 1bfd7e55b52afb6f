#!/usr/bin/env bash
# `disparity --by-place`: events that repeat at a place are resampled and
# placed place by place. 25 places of the demo's tracts with 12 requests
# each (300 requests, no planted bias): by event the interval is narrow and
# the result cautions that events repeat at a place, naming --by-place; by
# place the interval is wider, p no smaller, the JSON says so, and the table
# says what was resampled. test_disparity_places.c measures the rates.
. "$(dirname "$0")/lib.bash"
D=$(store demo)
"$SL" demo -s "$D" >/dev/null 2>&1
# the places: the demo's first 25 requests' points, in its tracts
store_sql "$D" "SELECT lat, lon FROM requests WHERE lat IS NOT NULL ORDER BY id LIMIT 25" > "$WORK/places.txt"
check "remove the demo's requests" "$SL" rm 9 -s "$D"
check "25 places" [ "$(wc -l < "$WORK/places.txt")" = 25 ]
{
  echo "id,agency,date,lat,lon"
  n=0
  while IFS='|' read -r lat lon; do
    for k in $(seq 1 12); do n=$((n + 1)); echo "R$n,Demo,2020-01-01,$lat,$lon"; done
  done < "$WORK/places.txt"
} > "$WORK/repeats.csv"
check "import 300 requests at 25 places" "$SL" import requests "$WORK/repeats.csv" -s "$D"

"$SL" disparity -s "$D" --events requests --areas demo-tracts --groups black --json > "$WORK/event.json"
"$SL" disparity -s "$D" --events requests --areas demo-tracts --groups black --json --by-place > "$WORK/place.json"
"$SL" disparity -s "$D" --events requests --areas demo-tracts --groups black --by-place > "$WORK/place.txt"
python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
e, p = (json.load(open(f"{w}/{n}.json")) for n in ("event", "place"))
ge, gp = e["groups"][0], p["groups"][0]
checks = [
    ("the same events and shares either way", e["events"] == p["events"] == 300 and ge["share"] == gp["share"]),
    ("25 places, each of 12", p["places"] == 25 and abs(p["effective_places"] - 25) < 1e-9),
    ("by event: a caution that events repeat at a place, naming --by-place",
     "repeat at a place" in e.get("caveat", "") and "--by-place" in e.get("caveat", "")),
    ("by place: no such caution, but one on 25 places being too few",
     "repeat at a place" not in p.get("caveat", "") and "only 25 distinct places" in p.get("caveat", "")
     and "too few places" in p.get("caveat", "")),
    ("by place: the JSON says so", p.get("by_place") is True and "by_place" not in e
     and p["p_null"].startswith("places, each with all its events")),
    (f"by place the interval is wider ({gp['ci_high'] - gp['ci_low']:.4f} against {ge['ci_high'] - ge['ci_low']:.4f})",
     gp["ci_high"] - gp["ci_low"] > 2 * (ge["ci_high"] - ge["ci_low"])),
    (f"... and p no smaller ({gp['p_value']} against {ge['p_value']})", gp["p_value"] >= ge["p_value"]),
]
for n, ok in checks: print(("ok   - " if ok else "FAIL - ") + n)
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY
check "by place: wider intervals, the draws said" [ $? -eq 0 ]
check "the table says what the interval resamples" \
  bash -c "tr '\n' ' ' < '$WORK/place.txt' | grep -q \"resamples the events' places, each with all its events\""

# the audit draws by place too, and its report and summary.json say so
"$SL" audit -s "$D" -o "$WORK/report" --by-place --bootstrap 200 --quiet >/dev/null 2>&1
check "audit --by-place writes its report" [ -f "$WORK/report/report.html" ]
check "... the report says the draws were by place" \
  grep -q "Both resample and place the events' distinct places, each with all its events, not single events" \
  "$WORK/report/report.html"
check "... summary.json's command carries --by-place, its disparity by_place" python3 -c "
import json, sys
s = json.load(open('$WORK/report/summary.json'))
sys.exit(not ('--by-place' in s['command'] and '\"by_place\": true' in json.dumps(s)))"
finish
