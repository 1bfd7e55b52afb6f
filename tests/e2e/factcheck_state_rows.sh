#!/usr/bin/env bash
# factcheck_state_rows.sh — the table by state of a --state list shows every
# state the share beneath counts, and no sentence names a state for a
# county's count. The fact-check of the run of 2026-12-07 (seventh), on the
# real Atlas and registry:
# - `--tech ring --state IL,IN --since 2020-06-15 --by state`: Indiana has
#   no Ring row certainly since then, 3 of "June 2020"; its row showed
#   blank registry agencies and an "n/a" share, while the share beneath
#   divided by 1,307 = Illinois's 934 + Indiana's 373. Now IN reads 0 of 373.
# - `--tech ring --state IL,MT --by state`: Montana (115 agencies, no Ring
#   row) was missing from the table; the share beneath counted its 115.
# - `--state IL --county cook`: "8 records in IL are not linked to the agency
#   registry, so no share counts them" under a share not given; the 8 are
#   Cook's (Illinois has 15).
. "$(dirname "$0")/lib.bash"
need_shared
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }

DB=$(store real)
import_atlas "$DB"
"$SL" partnerships -s "$DB" --tech ring --state IL,IN --since 2020-06-15 --by state >"$WORK/ilin.txt"
"$SL" partnerships -s "$DB" --tech ring --state IL,IN --since 2020-06-15 --by state --csv >"$WORK/ilin.csv"
"$SL" partnerships -s "$DB" --tech ring --state IL,MT --by state >"$WORK/ilmt.txt"
"$SL" partnerships -s "$DB" --tech ring --state IL,MT --by state --csv >"$WORK/ilmt.csv"
"$SL" partnerships -s "$DB" --tech ring --by state --top 100 >"$WORK/all.txt"
"$SL" partnerships -s "$DB" --state IL --county cook >"$WORK/cook.txt"
"$SL" partnerships -s "$DB" --state IL >"$WORK/il.txt"

# The registry's agencies per state, from the raw FBI file (Nebraska is NB there)
read -r IL IN MT < <(python3 - "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" <<'PY'
import csv, sys
n = {}
for a in csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")):
    n[a["state_abbr"]] = n.get(a["state_abbr"], 0) + 1
print(n["IL"], n["IN"], n["MT"])
PY
)
check "by hand: the registry holds 934 IL, 373 IN and 115 MT agencies" test "$IL $IN $MT" = "934 373 115"
check "IN's row (only uncertain rows) has its 373 registry agencies and 0%" \
  grep -Eq "^  IN +0 +3 +0 +$IN +0% +0$" "$WORK/ilin.txt"
check "... in the CSV too" grep -q "^IN,0,3,0,$IN,0,0," "$WORK/ilin.csv"
check "the share beneath is over both states' agencies" \
  grep -Eq "^  all registry agencies +13 / $(thousands $((IL + IN))) +=" "$WORK/ilin.txt"
check "MT, asked for, is in the table with its 115 agencies" grep -Eq "^  MT +0 +0 +$MT +0% +0$" "$WORK/ilmt.txt"
check "... and in the CSV" grep -q "^MT,0,0,$MT,0,0," "$WORK/ilmt.csv"
# (run of 2026-12-07, eighth: without --state every registry state is a row too,
# as the share beneath counts them all; researcher_states.sh)
check "without --state the table lists every registry state, MT with its 115 agencies" grep -Eq "^  MT +0 +0 +$MT +0% +0$" "$WORK/all.txt"
check "under --county no unlinked note names the state for the county's count" \
  bash -c "! grep -q 'records in IL are not linked' '$WORK/cook.txt'"
check "the county's own line still counts its unlinked rows" grep -q 'unlinked 8$' "$WORK/cook.txt"
check "the state's own note is unchanged: 15 in IL" grep -q '^  15 records in IL are not linked to the agency registry' "$WORK/il.txt"
finish
