#!/usr/bin/env bash
# researcher_months.sh — `partnerships --by month --json` (and so
# /api/partnerships?by=month and summary.json's partnerships.by) as a
# researcher loads it (run of 2026-12-07, eighth): over every technology of
# the real Atlas its `by` gave "undated": 2309 beside the result's own
# "undated": 801, where the table and CSV (fixed the run before) say "year
# only 1,508" (1,524 since a summary's month no longer overrides the
# cell's year) and "undated 801". The JSON now has both keys apart, and the
# table and CSV are made from them, unchanged.
. "$(dirname "$0")/lib.bash"
need_shared
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }

DB=$(store real)
import_atlas "$DB"
"$SL" partnerships -s "$DB" --by month --json >"$WORK/m.json"
"$SL" partnerships -s "$DB" --by month --csv >"$WORK/m.csv"
"$SL" partnerships -s "$DB" --by month --until 2019-06-30 --json >"$WORK/u.json"
"$SL" partnerships -s "$DB" --by month --until 2019-06-30 --csv >"$WORK/u.csv"
PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" <<'PY'
import csv, json, re, sys
from checks import need, done
w = sys.argv[1]
j = json.load(open(f"{w}/m.json"))
by = j["by"]
need(by.get("undated") == j["undated"] == 801, f"by month: 'undated' is the result's undated, 801 ({by.get('undated')})")
# 1,524 since a summary's month no longer replaces the year of its cell (factcheck_months.sh counts them by hand)
need(by.get("year only") == 1524, f"by month: 'year only' holds the 1,524 rows dated only to a year ({by.get('year only')})")
need(sum(by.values()) == j["total"] == 5783, "by month: its keys add up to the total, 5,783")
c = {r["month"]: r for r in csv.DictReader(open(f"{w}/m.csv", newline=""))}
need(c["undated"]["rows"] == str(by["undated"]) and c["year only"]["rows"] == str(by["year only"]),
     "the CSV's undated and year only rows are the JSON's")
months = [k for k in by if re.fullmatch(r"\d{4}-\d\d", k)]
need(all(c[k]["rows"] == str(by[k]) for k in months) and len(c) == len(months) + 2,
     f"every month of the CSV is the JSON's ({len(months)} months)")
u = json.load(open(f"{w}/u.json"))
uc = {r["month"]: r for r in csv.DictReader(open(f"{w}/u.csv", newline=""))}
need("undated" not in u["by"] and u["by"].get("year only") == int(uc["year only"]["rows"]) and
     u["by_uncertain"].get("year only") == int(uc["year only"]["uncertain"]),
     "until 2019-06-30: no undated key (they are left out), year only certain and uncertain as the CSV")
done()
PY
[ $? = 0 ] && ok "by month (python checks above)" || not_ok "by month (python checks above)"
finish
