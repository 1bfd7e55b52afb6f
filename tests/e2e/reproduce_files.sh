#!/usr/bin/env bash
# reproduce_files.sh — a report's files say what made them, so that a figure
# printed today can be made again a year later: the commit of sightline
# beside its version (0.1.0 names many builds), each input's sha256 as
# `sha256sum` gives it, its import date, address and the options it was
# imported with (summary.json `inputs[].options`, the README's Sources),
# and the draws of the disparity intervals resolved in the audit's command
# line as --k and --seed are (run of 2026-12-07, sixth: the README named
# files without hashes, no file named the commit or the import options, and
# the command left --bootstrap out when it was the default).
source "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas

DB=$(store real)
import_real "$DB"
"$SL" audit -s "$DB" -o "$WORK/r" --tech ring --since 2020-05-25 --quiet >/dev/null 2>"$WORK/r.err"
check "the audit of the real data runs" test -s "$WORK/r/summary.json"
commit=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get('sightline_commit',''))" "$WORK/r/summary.json")
echo "    commit: $commit"
check "summary.json names the commit sightline was built from" \
  bash -c "[[ '$commit' =~ ^[0-9a-f]{40}(-modified)?\$ ]]"
src=$(cd "$(dirname "$0")/../.." && pwd)
if head=$(git -C "$src" rev-parse HEAD 2>/dev/null); then
  check "... the source tree's commit" test "${commit%-modified}" = "$head"
fi
check "sightline --version names the same commit, so that a build is matched to a report" \
  bash -c "'$SL' --version | grep -qx 'sightline [0-9.]* (commit $commit)'"
check "the README names it beside the version" grep -q "^Written by sightline [0-9.]* (commit $commit) on " "$WORK/r/README.md"
check "the report's Sources name it" grep -q "sightline [0-9.]* (commit <code class=\"hash\">$commit</code>); random seed" "$WORK/r/report.html"

for f in agencies/fbi-cde-agencies-2018.csv partnerships/atlas-of-surveillance-2020-10-07.csv \
  census/us-counties-quickfacts-2014.csv sites/ice-detention-facilities-uwchr.psv.gz; do
  sum=$(sha256sum "$SL_SHARED_DATA/$f" | cut -d' ' -f1)
  check "the README gives $(basename "$f")'s sha256 as sha256sum does" grep -q "^  sha256 \`$sum\`" "$WORK/r/README.md"
done
check "... the date each file was imported" grep -Eq '^  sha256 `[0-9a-f]{64}`, imported [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z \(UTC\)' "$WORK/r/README.md"
check "... and the options it was imported with" grep -q 'import options `{"preset":"atlas"}`' "$WORK/r/README.md"
check "... the publisher's address" grep -q "^- partnerships: .*; https://atlasofsurveillance.org; licence: CC BY 4.0" "$WORK/r/README.md"
check "summary.json gives each import's options (the counties' --percent, --key-width)" python3 - "$WORK/r/summary.json" <<'PY'
import json, sys
ins = json.load(open(sys.argv[1]))["inputs"]
areas = [i for i in ins if i["kind"] == "areas"][0]["options"]
parts = [i for i in ins if i["kind"] == "partnerships"][0]["options"]
sys.exit(0 if areas.get("percent") is True and areas.get("key_width") == 5 and parts == {"preset": "atlas"} else 1)
PY

DEMO=$(store demo)
"$SL" demo -s "$DEMO" >/dev/null 2>&1
"$SL" audit -s "$DEMO" -o "$WORK/d" --quiet >/dev/null 2>&1
cmd=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['command'])" "$WORK/d/summary.json")
echo "    $cmd"
check "the command line gives the draws of the intervals when left to the default" \
  bash -c "[[ '$cmd' == *' --seed 2018 --bootstrap 2000'* ]]"
finish
