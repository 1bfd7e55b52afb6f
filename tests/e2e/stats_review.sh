#!/usr/bin/env bash
# stats_review.sh — what a statistician reviewing the methods before
# publication checked in the words around the disparity's figures: the
# report's multiplicity note counts the groups the set has (it said "with
# four" over a set of one), p is said two-sided and a large p not "no
# gap", the baseline names the year of its residents, a CSV of
# `disparity` carries the seed and draws that make it again, data/'s areas
# mark the areas of few residents, and `power` prints the ratio asked
# (1.104, not "1.1").
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
F=$SL_FIXTURES/disparity

# A set of one group (the fixture's toy areas, Black only), and the demo's four.
ONE=$(store one)
"$SL" import areas "$F/areas.geojson" --set toy --id id --pop pop --black black -s "$ONE" >/dev/null 2>&1
"$SL" import requests "$F/requests.csv" -s "$ONE" >/dev/null 2>&1
"$SL" audit -s "$ONE" -o "$WORK/one" --bootstrap 200 --quiet >/dev/null 2>&1
check "one group: the report's note does not speak of four groups" bash -c "
  grep -q 'id=\"disparity\"' '$WORK/one/report.html' && ! grep -q 'with four, one of them' '$WORK/one/report.html' &&
  ! grep -q 'groups tested at once' '$WORK/one/report.html'"
check "... and says each p is two-sided and a large p is no proof of no gap" bash -c "
  grep -q 'Each p-value is two-sided (a gap either way) and tests one group' '$WORK/one/report.html' &&
  grep -q 'not that the events follow the residents' '$WORK/one/report.html'"
"$SL" disparity -s "$ONE" --events requests --areas toy --bootstrap 200 --permutations 200 >"$WORK/one.txt" 2>/dev/null
check "one group: the table says two-sided, and no Bonferroni" bash -c "
  tr '\n' ' ' <'$WORK/one.txt' | grep -q 'Each p is two-sided (a gap either way) and tests one group. A p above 0.05' &&
  ! grep -q Bonferroni '$WORK/one.txt'"

DEMO=$(store demo)
"$SL" demo -s "$DEMO" >/dev/null 2>&1
"$SL" audit -s "$DEMO" -o "$WORK/demo" --bootstrap 200 --quiet >/dev/null 2>&1
check "four groups: the report holds a finding chosen among them to 0.05 / 4" \
  grep -q 'With four groups tested at once, one of them reaches p ≤ 0.05 by chance more often than one time in twenty: a finding for one group chosen after seeing all four should be held to p ≤ 0.0125 (0.05 / 4, Bonferroni)' "$WORK/demo/report.html"
check "... and says what its intervals are: 95%, percentile, of the events" \
  grep -q 'seed 2018; 95% intervals (percentile) from 200 bootstrap resamples of the events, p from 200 placebo draws' "$WORK/demo/report.html"
check "... and gives the rate of all residents beside the groups' rates, which have no interval" python3 - "$WORK/demo" <<'PY'
import json, re, sys
d = sys.argv[1]
html = open(f"{d}/report.html").read()
said = re.findall(r"Events per 100,000 residents of all the study areas: ([0-9.,]+)\. Those where each group lives have no interval", html)
want = [f"{100 * r['exposure_per_1000']:.2f}" for r in json.load(open(f"{d}/summary.json"))["disparity"]]
print("    ", said, want)
sys.exit(0 if said and said == want else 1)
PY
"$SL" disparity -s "$DEMO" --events requests --areas demo-tracts --bootstrap 200 --permutations 200 >"$WORK/four.txt" 2>/dev/null
check "four groups: the table gives the Bonferroni threshold" bash -c "
  tr '\n' ' ' <'$WORK/four.txt' | grep -q 'with these 4 at once, .* to p <= 0.0125 (0.05/4, Bonferroni)'"
"$SL" disparity -s "$DEMO" --events requests --areas demo-tracts --bootstrap 10 --permutations 10 --json >"$WORK/four.json" 2>/dev/null
check "... and, as the report, the ratios its events detect four times in five" python3 - "$WORK/four.txt" "$WORK/four.json" <<'PY'
import json, sys
text = " ".join(open(sys.argv[1]).read().split())
g = {x["group"]: x for x in json.load(open(sys.argv[2]))["groups"]}
want = f"is Black <= {g['black']['detectable_ratio_low']:.2f} or >= {g['black']['detectable_ratio_high']:.2f}; Hispanic <="
sys.exit(0 if "What 160 events can show: the test finds a gap (p <= 0.05) four times in five" in text and want in text else 1)
PY

# A CSV saved alone is made again from its own columns.
"$SL" disparity -s "$DEMO" --events requests --areas demo-tracts --seed 9 --bootstrap 300 --permutations 400 --csv >"$WORK/a.csv" 2>/dev/null
check "CSV: seed, bootstrap and permutations on every row" python3 - "$WORK/a.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
sys.exit(0 if len(rows) == 4 and all((r["seed"], r["bootstrap"], r["permutations"]) == ("9", "300", "400") for r in rows) else 1)
PY
read -r seed boot perm < <(python3 -c "
import csv; r = next(csv.DictReader(open('$WORK/a.csv'))); print(r['seed'], r['bootstrap'], r['permutations'])")
"$SL" disparity -s "$DEMO" --events requests --areas demo-tracts --seed "$seed" --bootstrap "$boot" --permutations "$perm" --csv >"$WORK/b.csv" 2>/dev/null
check "... which make the same file again, byte for byte" cmp -s "$WORK/a.csv" "$WORK/b.csv"

check "the report's data/disparity CSV carries its seed and draws too" python3 - "$WORK/demo/data/disparity_demo-tracts_requests.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
sys.exit(0 if rows and all((r["seed"], r["bootstrap"], r["permutations"]) == ("2018", "200", "200") for r in rows) else 1)
PY

# The real counties: a share of QuickFacts' 2014 residents says the year,
# and the foreign-born shares' own (followup2_vintage.sh).
C=$(store counties)
import_counties "$C"
"$SL" synth -s "$C" --areas counties --layer requests --count 300 --group black --beta 1 --seed 7 >/dev/null 2>&1
"$SL" audit -s "$C" -o "$WORK/c" --bootstrap 200 --quiet >/dev/null 2>&1
check "counties: the disparity's baseline names the year of its residents" \
  grep -q 'baseline: population of the study areas (data of 2014; the foreign-born shares are of column POP645213, which its QuickFacts code dates 2013' "$WORK/c/report.html"
check "... and so does its headline" grep -q 'baseline: population of the study areas, data of 2014; foreign-born 2009–2013; 300 events' "$WORK/c/summary.json"

check "... and what its 300 events could show: the ratios detected four times in five, per group, as summary.json gives them" \
  python3 - "$WORK/c" <<'PY'
import json, re, sys
d = sys.argv[1]
r = json.load(open(f"{d}/summary.json"))["disparity"][0]
label = {"black": "Black", "hispanic": "Hispanic", "foreign_born": "foreign-born", "white_nh": "white non-Hispanic"}
want = "; ".join(f"{label[g['group']]} ≤ {g['detectable_ratio_low']:.2f} or ≥ {g['detectable_ratio_high']:.2f}" for g in r["groups"])
html = open(f"{d}/report.html").read()
said = f"What 300 events can show: the test finds a gap (p ≤ 0.05) four times in five when the ratio is {want}. A smaller gap may be there unseen."
print("    ", want)
sys.exit(0 if said in html and all(g["detectable_ratio_low"] < 1 < g["detectable_ratio_high"] for g in r["groups"]) else 1)
PY
"$SL" disparity -s "$C" --events requests --areas counties --groups black --bootstrap 10 --permutations 10 --json >"$WORK/c.json" 2>/dev/null
hi=$(python3 -c "import json; print(json.load(open('$WORK/c.json'))['groups'][0]['detectable_ratio_high'])")
"$SL" power -s "$C" --group black --effect "$hi" --areas counties --json >"$WORK/cp.json" 2>/dev/null
check "... the ratio is power's: at it, power's closed form asks for these 300 events" python3 -c "
import json, sys; p = json.load(open('$WORK/cp.json')); print('    ', p['ratio'], p['analytic_events']); sys.exit(0 if p['analytic_events'] in (300, 301) else 1)"
"$SL" disparity -s "$C" --events requests --areas counties --by-place --bootstrap 10 --permutations 10 --json >"$WORK/cb.json" 2>/dev/null
check "... by place, none (the places are the sample, the closed form is of events)" python3 -c "
import json, sys; g = json.load(open('$WORK/cb.json'))['groups']; sys.exit(0 if all(x['detectable_ratio_low'] is None and x['detectable_ratio_high'] is None for x in g) else 1)"

# A reuser sorts data/areas_SET.csv by a rate: the areas under 500 residents
# are marked there as in the report's tables (a park of 40 topped it, bare).
P=$(store parks)
"$SL" import areas "$SL_FIXTURES/few_residents/areas.geojson" --set parks --id id --name name --pop pop --black black -s "$P" >/dev/null 2>&1
"$SL" import posts "$SL_FIXTURES/few_residents/posts.csv" -s "$P" >/dev/null 2>&1
"$SL" audit -s "$P" -o "$WORK/parks" --quiet >/dev/null 2>&1
check "data/areas_parks.csv: few_residents true for 40 and 499 residents only; the GeoJSON and README alike" \
  python3 - "$WORK/parks" <<'PY'
import csv, json, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(f"{d}/data/areas_parks.csv")))
few = {r["pop"]: r["few_residents"] for r in rows}
ok = few == {"40": "true", "500": "false", "3000": "false", "0": "false", "499": "true"}
header = open(f"{d}/data/areas_parks.csv").readline()
ok &= "few_residents" in header.rstrip().split(",")
feats = json.load(open(f"{d}/data/areas_parks.geojson"))["features"]
ok &= sorted(f["properties"]["id"] for f in feats if f["properties"]["few_residents"]) == sorted(r["id"] for r in rows if r["few_residents"] == "true")
ok &= "`few_residents`: true where the area has fewer than 500 residents" in open(f"{d}/README.md").read()
print("    ", few)
sys.exit(0 if ok else 1)
PY

"$SL" power -s "$DEMO" --group black --effect 1.104 --areas demo-tracts >"$WORK/power.txt" 2>&1
check "power prints the ratio asked (1.104, not 1.1) and says its test is two-sided" \
  grep -q '^to detect a ratio of 1.104 for Black residents in set demo-tracts at alpha 0.05 (two-sided) with power 0.8: about' "$WORK/power.txt"
finish
