#!/usr/bin/env bash
# researcher_records.sh — a row's record id in every form of its list (run
# of 2026-12-07, eighth). A researcher linking the Atlas's unlinked rows by
# hand (`sightline import links` takes record id -> ORI) found no record id
# in `partnerships --unmatched` at all (table, CSV, JSON), and `--links`
# gave it in its CSV only. A list of one's own without record ids gives
# null in the JSON, not "".
. "$(dirname "$0")/lib.bash"
need_shared
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }

DB=$(store real)
import_atlas "$DB"

# --links and --unmatched: the record id in every form
"$SL" partnerships -s "$DB" --tech ring --links >"$WORK/links.txt"
"$SL" partnerships -s "$DB" --tech ring --links --csv >"$WORK/links.csv"
"$SL" partnerships -s "$DB" --tech ring --unmatched >"$WORK/unm.txt"
"$SL" partnerships -s "$DB" --tech ring --unmatched --csv >"$WORK/unm.csv"
"$SL" partnerships -s "$DB" --tech ring --unmatched --json >"$WORK/unm.json"
PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" <<'PY'
import csv, json, re, sys
from checks import need, done
w = sys.argv[1]
links = {int(r["line"]): r for r in csv.DictReader(open(f"{w}/links.csv", newline=""))}
def table(path):  # {line: record} of a table whose second column is the record id
    lines = open(path).read().splitlines()
    head = [l for l in lines if l.lstrip().startswith("line ")]
    rows = {}
    for l in lines:
        m = re.match(r"^ *([0-9,]+)  (AOS[0-9]+) ", l)
        if m: rows[int(m[1].replace(",", ""))] = m[2]
    return head, rows
head, rows = table(f"{w}/links.txt")
need(head and head[0].split()[:3] == ["line", "record", "state"], "--links table: the record id is its second column")
need(len(rows) == len(links) == 1501 and all(links[k]["record_id"] == v for k, v in rows.items()),
     f"--links table: every row's record id is its CSV's ({len(rows)} of {len(links)})")
unm = json.load(open(f"{w}/unm.json"))["rows"]
none = {k: r["record_id"] for k, r in links.items() if r["method"] == "none"}
need(len(unm) == 20 and all(r.get("record_id") == none.get(r["line"]) for r in unm),
     "--unmatched JSON: each row's record_id, the one --links gives the row (20 rows)")
ucsv = list(csv.DictReader(open(f"{w}/unm.csv", newline="")))
need(len(ucsv) == 20 and all(r.get("record_id") == none.get(int(r["line"])) for r in ucsv),
     "--unmatched CSV: a record_id column, the same ids")
head, rows = table(f"{w}/unm.txt")
need(head and head[0].split()[:2] == ["line", "record"] and rows == none,
     "--unmatched table: the record id beside each line")
done()
PY
[ $? = 0 ] && ok "links and unmatched (python checks above)" || not_ok "links and unmatched (python checks above)"

# a list of one's own without record ids: the JSON says null (not known), not "", as
# every other field it lacks; the table and CSV leave the cell empty
OWN=$(store own)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$OWN" >/dev/null 2>&1
printf 'agency,state,technology\nSpringfield Police Department,IL,Ring\nNowhere Constable Office,IL,Ring\n' >"$WORK/own.csv"
"$SL" import partnerships "$WORK/own.csv" --name agency --state state --tech-col technology --snapshot 2020-01-01 \
  -s "$OWN" >/dev/null 2>&1
"$SL" partnerships -s "$OWN" --links --json >"$WORK/own_links.json"
"$SL" partnerships -s "$OWN" --unmatched --json >"$WORK/own_unm.json"
"$SL" partnerships -s "$OWN" --unmatched --csv >"$WORK/own_unm.csv"
check "rows without a record id: null in --links and --unmatched JSON, an empty cell in the CSV" python3 -c "
import csv, json, sys
l = json.load(open('$WORK/own_links.json'))['rows']
u = json.load(open('$WORK/own_unm.json'))
u = u.get('rows', u) if isinstance(u, dict) else u
c = list(csv.DictReader(open('$WORK/own_unm.csv')))
sys.exit(0 if len(l) == 2 and all(r['record_id'] is None for r in l) and len(u) == 1 and u[0]['record_id'] is None
         and len(c) == 1 and c[0]['record_id'] == '' else 1)"
finish
