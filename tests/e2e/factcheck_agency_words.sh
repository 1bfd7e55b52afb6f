#!/usr/bin/env bash
# factcheck_agency_words.sh — a report of another technology than Ring's
# calls its agencies what they are (the fact-checker's walk, run of
# 2026-12-07, third, left; mended in the run of 2026-12-07, fourth). Its
# title already said "Agencies with Face Recognition on record", but its
# section was "Partnerships", its table "By state, most partnered agencies
# first", its map's dots "agencies with a “face” partnership", its methods
# "Each partnership is a row", and its notes "1 partnership row in AK is not
# linked": a face recognition or body camera row is no partnership. Now
# those say "agencies on record" and "records"; data/README.md says how to
# read the files' names, which stay those of every report; Ring's report
# keeps its words. Needs ../shared/data (skips without it).
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
[ -d "${SL_SHARED_DATA:-/nonexistent}" ] || { echo "SKIP: ../shared/data not found" >&2; exit 77; }
REAL=$(store real)
import_atlas "$REAL"
check "audit --tech face" "$SL" audit -s "$REAL" -o "$WORK/face" --tech face --quiet
check "audit of every technology" "$SL" audit -s "$REAL" -o "$WORK/any" --quiet
check "audit --tech ring" "$SL" audit -s "$REAL" -o "$WORK/ring" --tech ring --quiet
PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" <<'PY'
import html, json, re, sys
from checks import need, done
w = sys.argv[1]
def read(d):
    page = open(f"{w}/{d}/report.html").read()
    # the words a reader meets: the page without its scripts and styles
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(script|style)[^>]*>.*?</\1>", "", page)))
    data = json.loads(html.unescape(re.search(r'(?s)<script type="application/json" id="sl-map"[^>]*>(.*?)</script>', page).group(1)))
    return page, " ".join(text.split()), data, open(f"{w}/{d}/README.md").read()
for d, name, unlinked in (("face", "Face Recognition", "1 record in AK is"), ("any", None, "7 records in DC are")):
    page, text, data, readme = read(d)
    need(re.search(r"(?i)partnered agenc|partnership rows? in [A-Z]{2}|Each partnership", text) is None,
         f"{d}: no 'partnered agencies' nor 'partnership rows in XX' a reader meets: "
         f"{re.findall(r'(?i).{40}(?:partnered agenc|partnership rows? in).{30}', text)[:3]}")
    need("<h2>Records</h2>" in page and "<h2>Partnerships</h2>" not in page, f"{d}: the section is of records")
    need("By state, most agencies on record first" in text and '<th scope="col">agencies on record</th>' in page,
         f"{d}: the table by state counts agencies on record")
    need(f" {unlinked} not linked to the agency registry, so no share counts" in text,
         f"{d}: a row not linked is a record: {unlinked} (" + str(re.findall(r'.{12}in (?:AK|DC) (?:is|are) not linked', text)[:2]) + ")")
    need("Each record is a row of the list" in text, f"{d}: the methods say what a record is")
    label = data.get("agencies_label", "")
    need(data.get("agencies_partnered") is False and "partnership" not in label
         and (label.startswith(f"agencies with {name} on record by 7 October 2020") if name
              else label.startswith("agencies with any surveillance technology on record")),
         f"{d}: the map's dots are agencies with it on record, and report.js is told so: {label!r}")
    need("**Records, not partnerships:** this report counts agencies with " in readme,
         f"{d}: data/README.md says how to read the files' names (partnered_agencies)")
page, text, data, readme = read("ring")
need("<h2>Partnerships</h2>" in page and "By state, most partnered agencies first" in text
     and data.get("agencies_partnered") is True and "Records, not partnerships" not in readme
     and "Each partnership is a row of the partnership list" in text,
     "Ring's report keeps its words: partnerships and partnered agencies")
done()
PY
[ $? = 0 ] && ok "a report of another technology says agencies on record, not partnered agencies" || not_ok "a report of another technology says agencies on record, not partnered agencies"
finish
