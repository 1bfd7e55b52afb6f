#!/usr/bin/env bash
# where_long_text.sh — a text filter (--where, the audit's filters) finds a
# match however long the text: a 200,000-character post matched by a pattern
# that backtracks through every character (more than the compiled pattern's
# own stack holds) is counted, as the interpreted pattern counts it.
set -euo pipefail
: "${SL:?path to the sightline CLI}"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$SL" demo -s "$tmp/demo.db" >/dev/null
python3 - "$tmp/long.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("id,lat,lon,text\n")
    f.write("long-1,38.43,-77.89," + "a" * 200000 + "zq\n")
    f.write("short-1,38.43,-77.89,azq\n")
    f.write("other-1,38.43,-77.89,no match here\n")
PY
"$SL" import posts "$tmp/long.csv" --text text -s "$tmp/demo.db" >/dev/null || fail "import"
"$SL" join --points posts --areas demo-tracts --where '^(.)*zq$' --json -s "$tmp/demo.db" >"$tmp/join.json" ||
  fail "join --where"
python3 - "$tmp/join.json" <<'PY' || fail "the long text was not matched"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["points"] == 2, r["points"]
PY
echo "where_long_text: ok"
