#!/usr/bin/env bash
# followup2_beta.sh — checking the lower side of "What N events can show"
# ("the test finds a gap four times in five when the ratio is Black <= 0.87
# or >= 1.14"). The model weighs an area by population x (1 + beta x share),
# which a negative beta keeps positive down to -1 / the largest share.
# Before: `synth --beta -1` was refused ("a number from 0 to 1,000,000"), so
# no ratio under 1 could be planted.
. "$(dirname "$0")/lib.bash"
DB=$(store beta)
"$SL" demo -s "$DB" >/dev/null 2>&1
"$SL" synth --areas demo-tracts --layer requests --count 2000 --group black --beta -1 --seed 5 -s "$DB" \
  >"$WORK/out" 2>"$WORK/err"; rc=$?
check "synth --beta -1 plants a bias below 1 (exit 0)" test $rc = 0
check "… and says the expected share under the population's" python3 -c "
import re,sys; m=re.search(r'planted: black share expected ([0-9.]+)% vs population ([0-9.]+)%', open('$WORK/out').read())
sys.exit(not (m and float(m.group(1)) < float(m.group(2))))"
demo_requests=$("$SL" info --json -s "$DB" 2>/dev/null | python3 -c "
import json,sys; print([s['id'] for s in json.load(sys.stdin)['sources'] if s['kind']=='requests' and s['file']=='synthetic-requests.csv'][0])")
"$SL" rm "$demo_requests" -s "$DB" >/dev/null 2>&1 # the demo's own requests: the planted ones alone
"$SL" disparity --events requests --areas demo-tracts --groups black --json -s "$DB" >"$WORK/j" 2>/dev/null
check "disparity finds Black's ratio under 1, below the ratio it says it detects" python3 -c "
import json,sys; g=json.load(open('$WORK/j'))['groups'][0]
sys.exit(not (g['ratio'] < g['detectable_ratio_low'] < 1 and g['p_value'] <= 0.05))"
before=$("$SL" info --json -s "$DB" 2>/dev/null | python3 -c "import json,sys; print(len(json.load(sys.stdin)['sources']))")
"$SL" synth --areas demo-tracts --layer requests --count 10 --group black --beta -100 -s "$DB" >/dev/null 2>"$WORK/low"; rc=$?
check "a beta below -1 / the largest share is refused (exit 2), saying the least allowed and where" bash -c "[ $rc = 2 ] &&
  grep -Eq 'sightline: --beta -100 is below the least the areas allow for black, -[0-9.]+ \(-1 / its largest share, [0-9.]+% in area [0-9]+\): that area would get a negative weight' '$WORK/low'"
check "… and stores nothing" test "$("$SL" info --json -s "$DB" 2>/dev/null | python3 -c "import json,sys; print(len(json.load(sys.stdin)['sources']))")" = "$before"

[ "$FAILS" = 0 ] || exit 1
