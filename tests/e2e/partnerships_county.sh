#!/usr/bin/env bash
# partnerships_county.sh — a city's question of the real Atlas: what do
# Cook County's agencies have? `--county TEXT` keeps the rows whose county
# holds TEXT and `--by tech` breaks them down by technology (before: no
# county filter and no breakdown by technology; the answer took a spreadsheet
# of `--links --csv`). Counted independently from the CSV: 113 IL rows name
# Cook County, 69 of them Ring. No share under a county filter: the
# registry's agencies of a state over a county's rows would read as its share.
. "$(dirname "$0")/lib.bash"
need_shared
DB=$(store cook)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$DB" >/dev/null 2>&1
"$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$DB" >/dev/null 2>&1

"$SL" partnerships -s "$DB" --state IL --county cook --by tech --json >"$WORK/j" 2>"$WORK/e"; rc=$?
check "--county cook --by tech runs" test $rc = 0
j() { python3 -c "import json,sys; d=json.load(open('$WORK/j')); print($1)"; }
check "… 113 rows of Cook County, IL" test "$(j "d['total']")" = 113
check "… 69 of them Ring/Neighbors" test "$(j "d['by']['Ring/Neighbors Partnership']")" = 69
check "… 22 body-worn cameras" test "$(j "d['by']['Body-worn Cameras']")" = 22
check "… the query names the county" test "$(j "d['query']['county']")" = cook
check "… no share, and why" test "$(j "len(d['share'])")" = 0
check "… … said" bash -c "grep -q 'no share is given under a county filter' '$WORK/j'"
"$SL" partnerships -s "$DB" --state IL --county cook --by tech --csv >"$WORK/c" 2>/dev/null
check "CSV ends its rows with filter_county" grep -qx 'Ring/Neighbors Partnership,69,2020-10-07,IL,cook' "$WORK/c"
"$SL" partnerships -s "$DB" --state IL --county cook --tech ring >"$WORK/t" 2>/dev/null
check "the table's header names the county filter" grep -q "state IL, county ~ cook" "$WORK/t"
# Cook's Ring partners are 69 here, 65 in the report's Areas and 74 by
# --links --areas counties, each by its rule: the table says its own.
check "... and says its rule, and that the report's Areas and --links --areas count by others" \
  grep -q "^  county: rows whose own record names a county holding 'cook'; the report's Areas place each agency at its registry location instead" "$WORK/t"
check "... in the table alone, not in the CSV" bash -c "! grep -q 'rows whose own record' '$WORK/c'"
"$SL" partnerships -s "$DB" --by agency >/dev/null 2>"$WORK/e"; rc=$?
check "--by agency: usage error naming tech" bash -c "test $rc = 2 && grep -q 'one of year, month, state, type, tech' '$WORK/e'"
finish
