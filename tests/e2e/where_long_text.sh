#!/usr/bin/env bash
# where_long_text.sh — a text filter (--where, the audit's filters) finds a
# match however long the text: a 200,000-character post matched by a pattern
# that backtracks through every character (more than the compiled pattern's
# own stack holds) is counted, as the interpreted pattern counts it.
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
DB=$(store demo)
"$SL" demo -s "$DB" >/dev/null || not_ok "demo"
python3 - long.csv <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("id,lat,lon,text\n")
    f.write("long-1,38.43,-77.89," + "a" * 200000 + "zq\n")
    f.write("short-1,38.43,-77.89,azq\n")
    f.write("other-1,38.43,-77.89,no match here\n")
PY
"$SL" import posts long.csv --text text -s "$DB" >/dev/null || not_ok "import"
"$SL" join --points posts --areas demo-tracts --where '^(.)*zq$' --json -s "$DB" >join.json || not_ok "join --where"
check "the 200,000-character text is matched with the short one (2 points)" \
  python3 -c "import json, sys; sys.exit(json.load(open('join.json'))['points'] != 2)"
finish
