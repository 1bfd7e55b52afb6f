#!/usr/bin/env bash
# County names with their state in CLI tables (issue 13, point 7): on the
# real us-atlas counties, `join` prints "Cook, IL" and every "Washington"
# row is told apart by its state; JSON keeps the name as imported and adds
# "state"; CSV gets a state column. A set whose ids are not all FIPS codes
# (the demo's invented tracts) gets no state.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
DB=$(store c)
import_counties "$DB"
check "counties imported" bash -c "\"$SL\" info -s '$DB' | grep -q \"area set 'counties'\""
"$SL" import sites "$SL_SHARED_DATA/sites/ice-detention-facilities-uwchr.psv.gz" --category ice --id detloc \
  --text name -s "$DB" >/dev/null 2>&1
"$SL" join --points sites --areas counties -s "$DB" >"$WORK/t.txt"
check "join on counties runs" [ $? -eq 0 ]
check "Cook County reads 'Cook, IL'" grep -qE '^  17031  Cook, IL +13 ' "$WORK/t.txt"
check "San Diego reads 'San Diego, CA'" grep -qE '^  06073  San Diego, CA ' "$WORK/t.txt"
wash=$(grep -oE 'Washington, [A-Z]{2}' "$WORK/t.txt" | sort)
check "several Washington counties are listed ($(wc -l <<<"$wash"))" [ "$(wc -l <<<"$wash")" -ge 5 ]
check "each Washington row names a different state" [ "$(uniq -d <<<"$wash")" = "" ]
check "no Washington row without its state" bash -c "! grep -qE 'Washington +[0-9]' '$WORK/t.txt'"

"$SL" join --points sites --areas counties --json -s "$DB" >"$WORK/j.json"
python3 - "$WORK/j.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
a = {x["id"]: x for x in r["areas"]}
checks = [
    ("JSON keeps the imported name", a["17031"]["name"] == "Cook"),
    ("JSON adds the state", a["17031"]["state"] == "IL" and a["41067"]["state"] == "OR"),
    ("every county has a state", all(len(x.get("state", "")) == 2 for x in r["areas"])),
]
for n, ok in checks: print(("ok   - " if ok else "FAIL - ") + n)
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY
check "JSON: raw name plus state" [ $? -eq 0 ]
"$SL" join --points sites --areas counties --csv -s "$DB" >"$WORK/t.csv"
# (then what the file counts, since the run of 2026-12-07, eighth: researcher_join.sh)
check "CSV header has a state column, after the figures (then few_residents)" bash -c "head -1 '$WORK/t.csv' | grep -q '^id,name,count,population,per_1000,per_km2,state,few_residents,area_set,'"
check "CSV keeps the name raw, state apart" grep -qE '^17031,Cook,13,.*,IL,false,counties,' "$WORK/t.csv"

DEMO=$(store demo)
"$SL" demo -s "$DEMO" >/dev/null
"$SL" join --points posts --areas demo-tracts --json -s "$DEMO" >"$WORK/demo.json"
check "the demo's invented tract ids get no state" bash -c "! grep -q '\"state\"' '$WORK/demo.json'"
"$SL" join --points posts --areas demo-tracts -s "$DEMO" >"$WORK/demo.txt"
check "demo names print as imported" bash -c "grep -qE 'Synthetic tract [0-9]+ +[0-9]' '$WORK/demo.txt' && ! grep -q 'tract [0-9]*, ' '$WORK/demo.txt'"
finish
