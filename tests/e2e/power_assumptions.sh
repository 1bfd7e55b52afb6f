#!/usr/bin/env bash
# power_assumptions.sh — `power` states what its answer assumes (events at
# points, each in one area, independent; one group at alpha), gives the
# figure for testing every group of the set at once (Bonferroni, by the
# normal approximation), writes its counts with thousands separators, and
# for a ratio the planted model cannot reach names the range it can. Real
# New York City tracts (Black and Hispanic counts: two groups).
. "$(dirname "$0")/lib.bash"
need_shared
DB=$(store nyc)
"$SL" import areas "$SL_SHARED_DATA/census/nyc-tracts-acs2008-12.shp" --set nyc --id '{borocode}{ct2010:06}' \
  --pop poptot --black african --hispanic hispanic -s "$DB" >/dev/null
"$SL" power --group hispanic --effect 1.05 --areas nyc -s "$DB" >"$WORK/p.txt" 2>&1
check "power exits 0" [ $? -eq 0 ]
cat "$WORK/p.txt"
check "counts of a thousand and more carry separators, the normal approximation's too" \
  grep -Eq '^\(simulated power there 0\.[0-9]+; normal approximation says [0-9]{1,3},[0-9]{3}\)$' "$WORK/p.txt"
check "the Bonferroni figure for both groups of the set (alpha 0.025 each)" \
  grep -Eq '^testing both groups of the set at once \(Bonferroni, alpha 0\.025 each\): about [0-9]{1,3},[0-9]{3} events' "$WORK/p.txt"
check "the assumptions: points in one area each, independent, one group at alpha; more for split or clustered" bash -c "
  tr -s ' \n' ' ' <'$WORK/p.txt' | grep -q 'This assumes events at points, each in one area, independent of one another, biased as the planted model is, and one group tested at alpha 0.05, not several at once. Requests split over many areas (large radii) or clustered at few places carry less information per event and need more events than this'"
"$SL" power --group black --effect 1.2 --areas nyc --json -s "$DB" >"$WORK/p.json"
check "JSON: assumptions, groups_in_set, bonferroni_alpha and its events (more than at 0.05)" python3 - "$WORK/p.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ok = r["groups_in_set"] == 2 and r["bonferroni_alpha"] == 0.025 and r["bonferroni_analytic_events"] > r["analytic_events"]
ok = ok and r["assumptions"].startswith("This assumes events at points")
sys.exit(0 if ok else 1)
PY
"$SL" power --group black --effect 3 --areas nyc -s "$DB" 2>"$WORK/three.err"
check "--effect 3: a usage error naming the largest ratio reachable (m2/m1^2, 2.38 here)" bash -c "
  [ $? -ne 0 ] && grep -q 'no planted bias gives ratio 3 for Black residents here: it reaches ratios from 0.538 up to, not including, 2.38' '$WORK/three.err'"
finish
