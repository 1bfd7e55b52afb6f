#!/usr/bin/env bash
# csv_line_endings.sh — every CSV sightline writes ends its lines the one
# way, LF (sl_csv_end_row): the CLI's --csv tables (near, cameras, join,
# info, partnerships and its links and diff), the audit's data/*.csv and
# the campaign's export. `near --csv` and every other CLI table wrote CRLF
# while the audit's data/ and the export wrote LF.
. "$(dirname "$0")/lib.bash"
DB=$(store demo)
"$SL" demo -s "$DB" --campaign >/dev/null 2>&1 || { echo "FAIL - demo"; exit 1; }
cd "$WORK" || exit 1
lf_only() { # lf_only FILE WHAT: no CR byte, at least a header and a row, the last line ended
  check "$2: LF line endings, no CR" bash -c "[ \$(wc -l < '$1') -ge 2 ] && ! grep -q \$'\\r' '$1' &&
    [ \"\$(tail -c 1 '$1' | od -An -c | tr -d ' ')\" = '\\n' ]"
}
"$SL" near -s "$DB" --radius 400 --csv >near.csv
lf_only near.csv "near --csv"
"$SL" cameras -s "$DB" --csv >cameras.csv
lf_only cameras.csv "cameras --csv"
"$SL" join -s "$DB" --points posts --areas demo-tracts --csv >join.csv
lf_only join.csv "join --csv"
"$SL" info -s "$DB" --csv >info.csv
lf_only info.csv "info --csv"
"$SL" partnerships -s "$DB" --tech ring --by state --csv >states.csv
lf_only states.csv "partnerships --by state --csv"
"$SL" partnerships --links -s "$DB" --csv >links.csv
lf_only links.csv "partnerships --links --csv"
"$SL" partnerships diff --from 2020-01-15 --to 2020-10-07 -s "$DB" --csv >diff.csv
lf_only diff.csv "partnerships diff --csv"
"$SL" partnerships -s "$DB" --tech ring --by state --csv -o out.csv
lf_only out.csv "partnerships --csv -o FILE"
"$SL" campaign export -s "$DB" >export.csv 2>/dev/null
lf_only export.csv "campaign export"
"$SL" audit -s "$DB" -o aud >/dev/null 2>&1
n=0
for f in aud/data/*.csv; do lf_only "$f" "audit ${f#aud/}"; n=$((n + 1)); done
check "the audit wrote data/*.csv files ($n)" test "$n" -gt 0
finish
