#!/usr/bin/env bash
# newcomer3_data_readme.sh — the README.md an audit writes for whoever is
# handed its directory (run of 2026-12-07, sixth). README's Illinois report
# (`audit --tech ring --state IL`) ends its partnership files with a
# filter_state column, and the directory's README described it as "posts of
# the area matching the text filter "state"": a column of the --state kept
# read as a count of posts. Every column of a state's report is described by
# what it holds, none by the text filters' pattern unless it is one.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
DB=$(store atlas)
import_atlas "$DB"
import_counties "$DB"
"$SL" audit -s "$DB" -o "$WORK/ilin" --tech ring --state il,in --quiet >/dev/null 2>&1 || { echo "audit failed"; exit 1; }
R="$WORK/ilin/README.md"
check "the partnership files do end with filter_state, holding the states kept" bash -c "
  head -1 '$WORK/ilin/data/agencies.csv' | grep -q ',filter_tech,filter_state\$' &&
  sed -n 2p '$WORK/ilin/data/agencies.csv' | grep -q ',ring,\"IL,IN\"\$' &&
  tail -1 '$WORK/ilin/data/partnerships_by_state.csv' | grep -q ',ring,\"IL,IN\"\$'"
check "README describes filter_state as the --state the audit kept, once per file that has it" bash -c "
  [ \$(grep -c '^  - \`filter_state\`: the --state the audit kept (postal codes, several joined by commas: IL,IN)\$' '$R') = 2 ]"
check "README describes no column as a text filter but the text filters' own (none here: no posts)" bash -c "
  ! grep -q 'matching the text filter' '$R'"
check "README leaves no column to 'see summary.json and report.html'" bash -c "! grep -q 'see summary.json and report.html' '$R'"
finish
