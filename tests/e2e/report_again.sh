#!/usr/bin/env bash
# report_again.sh — a report says how to make it again, and it can be: the
# line summary.json and the report's Sources give ("command", options
# resolved, the store and the folder left as words), run on the same store,
# gives the same figures and files, which then differ only in the time they
# were made (GDAL's GeoPackage stamps taken from it too) and the page's
# script nonce. A zone's name with a quote is quoted for the shell.
source "$(dirname "$0")/lib.bash"
command -v sqlite3 >/dev/null || { echo "SKIPPED: sqlite3 missing" >&2; exit 77; }

DB=$(store demo)
"$SL" demo -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
"$SL" audit -s "$DB" -o "$WORK/a" --quiet --k 4 --hex 600 --seed 7 --bootstrap 200 --filter 'dogs=\bdogs?\b' \
  --zone "Ann's=circle:38.3,-78.1,2000" >/dev/null 2>"$WORK/a.err"
check "the audit runs" test -s "$WORK/a/summary.json"
cmd=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['command'])" "$WORK/a/summary.json")
echo "    $cmd"
cat >"$WORK/want.txt" <<'TXT'
sightline audit -s STORE -o DIR --since 2019-10-07 --k 4 --hex 600 --map-cells 15000 --seed 7 --bootstrap 200 --filter 'dogs=\bdogs?\b' --zone 'Ann'\''s=circle:38.3,-78.1,2000'
TXT
check "summary.json gives the command, options resolved (the --since chosen), store and folder as words" \
  test "$cmd" = "$(cat "$WORK/want.txt")"
check "the report's Sources give it, escaped" grep -q "<code class=\"command\">sightline audit -s STORE -o DIR --since 2019-10-07 --k 4 .*--zone &#39;Ann&#39;\\\\&#39;&#39;s=circle" "$WORK/a/report.html"

sleep 1.1 # another second: the two differ in their times
again=${cmd/#sightline /\"\$SL\" }
again=${again/-s STORE/-s \"\$DB\"}
again=${again/-o DIR/-o \"\$WORK\/b\" --quiet}
SL="$SL" DB="$DB" WORK="$WORK" bash -c "$again" >/dev/null 2>"$WORK/b.err"
check "the command, run again on the store, writes a report" test -s "$WORK/b/summary.json"
check "... whose summary.json differs only in generated_at" python3 - "$WORK/a/summary.json" "$WORK/b/summary.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
assert a.pop("generated_at") != b.pop("generated_at")
sys.exit(0 if a == b else 1)
PY
same_files=1
for f in $(cd "$WORK/a" && find data -type f ! -name report.gpkg | sort); do
  cmp -s "$WORK/a/$f" "$WORK/b/$f" || { same_files=0; echo "    differs: $f"; }
done
check "every CSV and GeoJSON file is the same bytes" test $same_files = 1
gpkg_dump() { sqlite3 "$1/data/report.gpkg" .dump | sed "s/$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['generated_at'][:19])" "$1/summary.json")\.000Z/WHEN/g"; }
gpkg_dump "$WORK/a" >"$WORK/a.sql"; gpkg_dump "$WORK/b" >"$WORK/b.sql"
check "report.gpkg: the same tables and rows, stamped with the report's own time" \
  bash -c "cmp -s '$WORK/a.sql' '$WORK/b.sql' && grep -q \"','WHEN',\" '$WORK/a.sql'"
page() { sed -E 's/nonce-[A-Za-z0-9+\/=_-]+|nonce="[^"]*"/NONCE/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/WHEN/g; s/at [0-9]{2}:[0-9]{2} UTC/at HH:MM UTC/' "$1/report.html"; }
page "$WORK/a" >"$WORK/a.html"; page "$WORK/b" >"$WORK/b.html"
check "report.html differs only in its time and script nonce" cmp -s "$WORK/a.html" "$WORK/b.html"
check "... and the time did differ" bash -c "! cmp -s '$WORK/a/report.html' '$WORK/b/report.html'"
finish
