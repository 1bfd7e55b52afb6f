#!/usr/bin/env bash
# researcher_states.sh — `partnerships --tech ring --by state --csv` as a
# researcher loads it (run of 2026-12-07, eighth): it listed the 47 states
# with a Ring row, leaving out the registry's states with none (Montana's 0
# of 115, West Virginia's 0 of 438, ...), which the JSON's by_registry and
# the report's partnerships_by_state.csv hold: a mean share over the CSV's
# states lost every zero, and its `agencies` column did not add up to the
# share's denominator. Every registry state is now a row, rows or none.
. "$(dirname "$0")/lib.bash"
need_shared
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }

DB=$(store real)
import_atlas "$DB"
"$SL" partnerships -s "$DB" --tech ring --by state --csv >"$WORK/ring.csv"
"$SL" partnerships -s "$DB" --tech ring --by state --json >"$WORK/ring.json"
"$SL" partnerships -s "$DB" --tech ring --by state >"$WORK/ring.txt"
"$SL" partnerships -s "$DB" --tech ring --by state --state mt,il --csv >"$WORK/mtil.csv"
PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" <<'PY'
import csv, json, sys
from checks import need, done
w = sys.argv[1]
rows = {r["state"]: r for r in csv.DictReader(open(f"{w}/ring.csv", newline=""))}
j = json.load(open(f"{w}/ring.json"))
reg = j["by_registry"]
need(set(rows) == set(reg) and len(rows) == 54, f"CSV: a row for each of the registry's 54 states ({len(rows)})")
need(rows.get("MT", {}).get("rows") == "0" and rows["MT"]["agencies"] == "115" and rows["MT"]["share_fraction"] == "0",
     "CSV: Montana's 0 of 115, share 0 (a figure, not left out)")
all_ = [s for s in j["share"] if s["denominator"] == "all registry agencies"][0]
need(sum(int(r["agencies"]) for r in rows.values()) == all_["agencies"] == 18702,
     "CSV: its agencies column adds up to the share's denominator (18,702)")
need(sum(int(r["partnered"]) for r in rows.values()) == all_["partnered"] == 1478,
     "CSV: its partnered column adds up to the share's numerator (1,478)")
need(sum(int(r["rows"]) for r in rows.values()) == j["total"] == 1501, "CSV: its rows add up to the total (1,501)")
need(all((r["share_fraction"] == "") == (reg[s]["share"] is None) for s, r in rows.items()),
     "CSV: an empty share exactly where the JSON's is null")
t = [l.split() for l in open(f"{w}/ring.txt") if l.startswith("  WV ")]
need(t and t[0][1:4] == ["0", "0", "438"], "table: West Virginia's row, 0 rows of its 438 agencies")
two = [r["state"] for r in csv.DictReader(open(f"{w}/mtil.csv", newline=""))]
need(sorted(two) == ["IL", "MT"], "with --state mt,il: those two states only, MT with none")
done()
PY
[ $? = 0 ] && ok "the states (python checks above)" || not_ok "the states (python checks above)"
finish
