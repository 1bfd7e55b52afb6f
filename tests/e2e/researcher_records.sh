#!/usr/bin/env bash
# researcher_records.sh — a row's record id in every form of its list (run
# of 2026-12-07, eighth). A researcher linking the Atlas's unlinked rows by
# hand (`sightline import links` takes record id -> ORI) found no record id
# in `partnerships --unmatched` at all (table, CSV, JSON), and `--links`
# gave it in its CSV only.
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

finish
