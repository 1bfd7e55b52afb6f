#!/usr/bin/env bash
# factcheck_until.sh — a count "until" a day is of rows certainly begun by
# then, as a count "since" a day is of rows certainly begun on or after it.
# The fact-check of the run of 2026-12-07 (seventh) recomputed the Atlas's
# Ring rows by hand: 569 start between 1 January and 15 June 2020, and 41
# more are dated only "June 2020" (the summary's month: the date column is
# empty). `partnerships --tech ring --since 2020-01-01 --until 2020-06-15`
# printed "610 rows (certain), 0 uncertain"; `--until 2020-06-15` alone
# "rows 1,372" (1,331 + 41) under "started until 2020-06-15", with "2020
# runs only to 2020-10-07" beneath; and `--until 2019-12-31` of every
# technology counted the 801 undated rows in its rows and its share (2,452
# agencies, 13.11%, for 2,086). Now the straddling rows are counted apart
# (the uncertain column, the until object), the undated ones are left out
# and said so, and the year's note ends on the --until date.
. "$(dirname "$0")/lib.bash"
need_shared
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }

DB=$(store real)
import_atlas "$DB"
"$SL" partnerships -s "$DB" --tech ring --since 2020-01-01 --until 2020-06-15 --json >"$WORK/window.json"
"$SL" partnerships -s "$DB" --tech ring --since 2020-01-01 --until 2020-06-15 >"$WORK/window.txt"
"$SL" partnerships -s "$DB" --tech ring --until 2020-06-15 --json >"$WORK/until.json"
"$SL" partnerships -s "$DB" --tech ring --until 2020-06-15 >"$WORK/until.txt"
"$SL" partnerships -s "$DB" --tech ring --since 2020-05-25 --json >"$WORK/since.json"
"$SL" partnerships -s "$DB" --tech ring --since 2020-01-01 >"$WORK/y2020.txt"
"$SL" partnerships -s "$DB" --tech ring --since 2020-01-01 --json >"$WORK/y2020.json"
"$SL" partnerships -s "$DB" --json >"$WORK/all.json"
"$SL" partnerships -s "$DB" --until 2019-12-31 --json >"$WORK/all_until.json"
"$SL" partnerships -s "$DB" --until 2019-12-31 >"$WORK/all_until.txt"

# The Ring figures from the raw Atlas, standard library only: a start is the
# Link 1 Date (m/d/yy or m/d/yyyy), else the month the Summary names.
PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" "$WORK" <<'PY'
import csv, json, re, sys
from checks import need, done
MONTHS = "January February March April May June July August September October November December".split()
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8", newline=""))
        if r["Technology"] == "Ring/Neighbors Partnership"]
def span(r):  # (first day, last day) as (y, m, d) tuples
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", r["Link 1 Date"].strip())
    if m:
        y = int(m.group(3)); y = y + 2000 if y < 100 else y
        return (y, int(m.group(1)), int(m.group(2))), (y, int(m.group(1)), int(m.group(2)))
    p = re.search(r"\b(%s),? (\d{4})\b" % "|".join(MONTHS), r["Summary"])
    y, mo = int(p.group(2)), MONTHS.index(p.group(1)) + 1
    return (y, mo, 1), (y, mo, 31)
def window(lo, hi):
    lo, hi = lo or (0, 0, 0), hi or (9999, 12, 31)
    sure = sum(1 for r in rows if span(r)[0] >= lo and span(r)[1] <= hi)
    maybe = sum(1 for r in rows if not (span(r)[0] >= lo and span(r)[1] <= hi) and span(r)[1] >= lo and span(r)[0] <= hi)
    return sure, maybe
w = sys.argv[2]
win, until, since = (json.load(open(f"{w}/{n}.json")) for n in ("window", "until", "since"))
sure, maybe = window((2020, 1, 1), (2020, 6, 15))
need((sure, maybe) == (569, 41), f"by hand: 569 certain and 41 June-only rows between 2020-01-01 and 2020-06-15: {sure}, {maybe}")
need(win["total"] == sure and win["by_year"].get("2020") == sure,
     f"--since 2020-01-01 --until 2020-06-15 counts the {sure} certain rows: {win['total']}, {win['by_year']}")
need(win.get("by_year_uncertain", {}).get("2020") == maybe and win.get("until", {}).get("uncertain") == maybe,
     f"... and the {maybe} rows of June 2020 apart: {win.get('by_year_uncertain')}, {win.get('until')}")
need(win["since"]["partnerships"]["count"] == sure - 2,
     f"the partnerships begun within those days: {sure - 2} (Oviedo's and Madison's 2020 rows are further rows): "
     f"{win['since']['partnerships']}")
sure, maybe = window(None, (2020, 6, 15))
need(until["total"] == sure == 1331 and until.get("until", {}).get("uncertain") == maybe == 41,
     f"--until 2020-06-15: {sure} certain, {maybe} apart: {until['total']}, {until.get('until')}")
sure, maybe = window((2020, 5, 25), None)
need(since["total"] == sure == 212 and since["since"]["uncertain"] == maybe == 0 and "until" not in since,
     f"--since 2020-05-25 alone is as it was: 212, none apart: {since['total']}, {since['since']}")
# partnerships begun in 2020: an agency's earliest row (Agency and State as the Atlas writes them)
first = {}
for r in rows:
    key = (r["Agency"].strip().lower(), r["State"])
    first[key] = min(first.get(key, span(r)[0]), span(r)[0])
begun = sum(1 for v in first.values() if v >= (2020, 1, 1))
y = json.load(open(f"{w}/y2020.json"))
need(begun == 737 and y["since"]["partnerships"]["count"] == begun and y["since"]["partnerships"]["further_rows"] == 2,
     f"by hand: 737 Ring partnerships began in 2020, 2 rows of 2020 are further rows: {begun}, {y['since']['partnerships']}")
need(y["since"]["partnerships"].get("linked_agencies") == y["share"][0]["partnered"] - 2 == 728,
     f"... so 728 linked agencies began, where the share counts 730: {y['since']['partnerships'].get('linked_agencies')}")
# every technology: a row without a date is in no window; the years up to 2019 are the rows
a, u = (json.load(open(f"{w}/{n}.json")) for n in ("all", "all_until"))
upto = sum(n for y, n in a["by_year"].items() if y <= "2019")
need(u["total"] == upto and "undated" not in u["by_year"] and u["undated"] == 0,
     f"--until 2019-12-31 counts the {upto} rows dated up to 2019, no undated one: {u['total']}, undated {u['undated']}")
need(u.get("until", {}).get("undated") == a["undated"] == 801,
     f"... and says the {a['undated']} undated rows are left out: {u.get('until')}")
need(u["share"][0]["partnered"] < 2452, f"... so its share counts no agency by an undated row alone: {u['share'][0]}")
done()
PY
[ $? = 0 ] && ok "the until counts are the hand-checked ones" || not_ok "the until counts are the hand-checked ones"

check "the window's line says certain and apart" \
  grep -q '^  from 2020-01-01 to 2020-06-15: 569 rows certainly started within those days; 41 more may have (date known only to the month or year), counted apart$' "$WORK/window.txt"
check "the table's columns: rows (certain) and uncertain" grep -Eq '^  2020 +569 +41$' "$WORK/window.txt"
check "--until alone says its line too" \
  grep -q '^  until 2020-06-15: 1,331 rows certainly started on or before it; 41 more may have' "$WORK/until.txt"
check "the year runs only to the --until date, not the snapshot's" \
  grep -q '^  2020 runs only to 2020-06-15, the --until date: not a whole year' "$WORK/until.txt"
check "no note that 2020 runs to the snapshot's date under --until" bash -c "! grep -q 'runs only to 2020-10-07' '$WORK/until.txt'"
check "the undated rows left out are said" \
  grep -q '^  801 undated rows are left out: no date places them on either side of 2019-12-31$' "$WORK/all_until.txt"
check "no undated row in the table of a count until a day" bash -c "! grep -q '^  undated ' '$WORK/all_until.txt'"
check "the share's line names the agencies counted by a further row" \
  grep -q '^  all registry agencies: 2 agencies are counted by a further row of a partnership begun before 2020-01-01; begun on or after it, 728 / 18,702 = 3.89%$' "$WORK/y2020.txt"
check "no such line when every agency began within (since 2020-05-25)" bash -c "! grep -q 'further row of a partnership begun before' <('$SL' partnerships -s '$DB' --tech ring --since 2020-05-25)"
finish
