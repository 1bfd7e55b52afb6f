#!/usr/bin/env bash
# factcheck_title.sh — the report's title says what it counts, as its lead
# does (the fact-checker's walk, run of 2026-12-07, third, rank 2). `audit
# --tech face` of the real data was titled "Police partnerships with Face"
# and its Partnerships line said "368 partnership rows": 34 of its 360
# agencies are motor vehicle departments, and a face recognition row is no
# partnership. Its lead already said "360 agencies had Face Recognition on
# record"; now the H1, the page's <title>, the Partnerships line, the printed
# pages' margin and summary.json's title say it so, for drones, the camera
# registry and every technology alike. Ring's report keeps its words. Needs
# ../shared/data (skips without it).
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
[ -d "${SL_SHARED_DATA:-/nonexistent}" ] || { echo "SKIP: ../shared/data not found" >&2; exit 77; }
REAL=$(store real)
import_atlas "$REAL"
check "audit --tech face" "$SL" audit -s "$REAL" -o "$WORK/face" --tech face --quiet
check "audit --tech drone" "$SL" audit -s "$REAL" -o "$WORK/drone" --tech drone --quiet
check "audit --tech 'camera registry'" "$SL" audit -s "$REAL" -o "$WORK/registry" --tech "camera registry" --quiet
check "audit of every technology" "$SL" audit -s "$REAL" -o "$WORK/any" --quiet
check "audit --tech ring" "$SL" audit -s "$REAL" -o "$WORK/ring" --tech ring --quiet
PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" <<'PY'
import html, json, re, sys
from checks import need, done
w = sys.argv[1]
def report(d):
    page = open(f"{w}/{d}/report.html").read()
    s = json.load(open(f"{w}/{d}/summary.json"))
    h1 = html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1>(.*?)</h1>", page).group(1)))
    title = html.unescape(re.search(r"<title>(.*?)</title>", page).group(1))
    line = html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<p>Snapshot (.*?)</p>", page).group(1)))
    margin = re.search(r'@bottom-left \{ content: "(.*?) \\2014 ', page)
    return page, s, h1, title, line, margin.group(1) if margin else None
for d, name, rows, agencies in (("face", "Face Recognition", "368", "360"), ("drone", "Drones", "1,079", "1,077"),
                                ("registry", "Camera Registry", "398", "396")):
    page, s, h1, title, line, margin = report(d)
    words = f"Agencies with {name} on record"
    need(s.get("title") == words and h1 == words and margin == words,
         f"--tech {d}: summary.json's title, the H1 and the printed margin say '{words}': {s.get('title')!r}, {h1!r}, {margin!r}")
    need(title == f"sightline audit — {words}", f"--tech {d}: the page's title says what it counts: {title!r}")
    need(line.startswith(f"2020-10-07: {rows} records of {name} by {agencies} agencies; ") and "partnership" not in line,
         f"--tech {d}: the Partnerships line counts records of {name}, not partnership rows: {line!r}")
    need(f"{agencies} agencies had {name} on record" in s["lead"], f"--tech {d}: the lead says it so too: {s['lead'][:90]}")
page, s, h1, title, line, margin = report("any")
words = "Agencies with surveillance technology on record"
need(s.get("title") == words and h1 == words and margin == words and title == f"sightline audit — {words}",
     f"every technology: '{words}' (no police, no partnerships): {s.get('title')!r}, {h1!r}, {margin!r}, {title!r}")
need(line.startswith("2020-10-07: 5,783 surveillance technology records by 3,945 agencies; "), f"every technology's line: {line!r}")
page, s, h1, title, line, margin = report("ring")
need(s.get("title") == h1 == margin == "Police partnerships with Ring" and title == "sightline audit — Police partnerships with Ring",
     f"Ring's report says its heading in its tab's title too: {s.get('title')!r}, {h1!r}, {margin!r}, {title!r}")
need(line.startswith("2020-10-07: 1,501 partnership rows by 1,498 agencies; 1,481 rows linked"), f"Ring's line: {line!r}")
done()
PY
[ $? = 0 ] && ok "the title says what the report counts, as the lead does" || not_ok "the title says what the report counts, as the lead does"
finish
