#!/usr/bin/env bash
# followup2_vintage.sh — the year of the residents beside the disparity's
# figures. The real counties with QuickFacts 2014 (import_counties: --year
# 2014, foreign born from column POP645213) and 400 synthetic requests.
# Before: the report's "Who is watched" said "baseline: population of the
# study areas (data of 2014)" beside foreign-born shares that QuickFacts
# gives as the ACS estimate over 2009-2013 (its code POP645213 ends in 2013);
# only the Methods said so, and the CLI's table gave no year at all.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
DB=$(store vintage)
import_counties "$DB"
"$SL" synth --areas counties --layer requests --count 400 --group foreign_born --beta 3 -s "$DB" >/dev/null 2>&1
D=(disparity --events requests --areas counties -s "$DB")
export NOTE="the foreign-born shares are of column POP645213, which its QuickFacts code dates 2013: the American Community Survey's estimate over the five years 2009–2013, not 2014"
"$SL" "${D[@]}" >"$WORK/t" 2>/dev/null
check "the CLI's table names the residents' file and year, and the foreign-born shares' years" python3 -c "
import os,re,sys; t=re.sub(r'\s+',' ',open('$WORK/t').read())
sys.exit('residents: us-counties-quickfacts-2014.csv (import 1), data of 2014; ' + os.environ['NOTE'] not in t)"
"$SL" "${D[@]}" --json >"$WORK/j" 2>/dev/null
check "JSON: vintages and residents_note, from the import's columns" python3 -c "
import json,os,sys; d=json.load(open('$WORK/j'))
sys.exit(not (d['vintages'] == [{'group': 'foreign_born', 'column': 'POP645213', 'years': '2009–2013'}]
              and d['population_from']['columns']['foreign_born'] == 'POP645213' and d['residents_note'] == os.environ['NOTE']))"
"$SL" "${D[@]}" --groups black,hispanic --json >"$WORK/bh" 2>/dev/null
check "… none when no group shown is of another year" python3 -c "
import json,sys; d=json.load(open('$WORK/bh')); sys.exit('residents_note' in d or 'vintages' in d)"
"$SL" audit -s "$DB" -o "$WORK/r" --quiet >/dev/null 2>&1
check "the report's section says it where the figure is" python3 -c "
import html,re,sys; t=re.sub(r'\s+',' ',html.unescape(re.sub('<[^>]+>',' ',open('$WORK/r/report.html').read())))
import os; sys.exit('baseline: population of the study areas (data of 2014; ' + os.environ['NOTE'] + ')' not in t)"
check "… and its headline: data of 2014; foreign-born 2009–2013" python3 -c "
import json,sys; s=json.load(open('$WORK/r/summary.json'))
sys.exit(not any('(baseline: population of the study areas, data of 2014; foreign-born 2009–2013; 400 events)' in h['text'] for h in s['headlines']))"
# The demo's tracts: no year recorded, no QuickFacts codes, so nothing said of other years.
M=$(store demo)
"$SL" demo -s "$M" >/dev/null 2>&1
"$SL" disparity --events requests --areas demo-tracts -s "$M" >"$WORK/demo" 2>/dev/null
check "a set whose import recorded no year says so, and no other year" bash -c "
  grep -q '^residents: synthetic-tracts.geojson (import [0-9]*), year not recorded at import$' '$WORK/demo'"

[ "$FAILS" = 0 ] || exit 1
