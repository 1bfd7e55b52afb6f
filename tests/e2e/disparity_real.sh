#!/usr/bin/env bash
# Disparity on real geography: US counties (npm us-atlas) with 2014 QuickFacts
# demographics, against the ACS 2018 national baseline. Requests are planted
# with a known bias toward Black residents; the analysis must find it, and
# must not find one when none was planted.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
D=$SL_SHARED_DATA/census
DB=$(store c)
check "import counties with demographics" import_counties "$DB"
check "import the ACS 2018 national baseline" "$SL" import baseline "$D/acs1-2018-us-DP05.csv" --dp02 "$D/acs1-2018-us-DP02.csv" -s "$DB"
NULLDB=$(store_copy "$DB" null)
"$SL" synth --areas counties --layer requests --count 1500 --group black --beta 1.5 --radius 1500 --seed 11 --json -s "$DB" > "$WORK/synth.json"
check "synth planted requests" [ $? -eq 0 ]
check "synth unbiased posts" "$SL" synth --areas counties --layer posts --count 1500 --seed 12 -s "$NULLDB"
"$SL" disparity --events requests --areas counties --baseline national --bootstrap 1000 --permutations 1000 --json -s "$DB" > "$WORK/nat.json"
"$SL" disparity --events requests --areas counties --bootstrap 1000 --permutations 1000 --json -s "$DB" > "$WORK/areas.json"
"$SL" disparity --events posts --areas counties --bootstrap 1000 --permutations 1000 --json -s "$NULLDB" > "$WORK/null.json"
"$SL" disparity --events requests --areas counties --baseline "$D/acs1-2018-us-DP05.csv" --groups black --json -s "$DB" > "$WORK/file.json"
"$SL" power --group black --effect 1.2 --areas counties --json -s "$DB" > "$WORK/power.json"
python3 - "$WORK" "$D" <<'PY'
import csv, json, sys
w, d = sys.argv[1], sys.argv[2]
nat, areas, null, fil, power, synth = (json.load(open(f"{w}/{n}.json")) for n in ("nat", "areas", "null", "file", "power", "synth"))
dp05 = next(csv.DictReader(open(f"{d}/acs1-2018-us-DP05.csv")))
black_nat = float(dp05["DP05_0038E"]) / float(dp05["DP05_0001E"])
g = {x["group"]: x for x in nat["groups"]}
ga = {x["group"]: x for x in areas["groups"]}
gn = {x["group"]: x for x in null["groups"]}
checks = [
    ("national baseline is ACS 2018 Black share", abs(g["black"]["baseline"] - black_nat) < 1e-9),
    ("file baseline equals the imported one", abs(fil["groups"][0]["baseline"] - black_nat) < 1e-9),
    ("county population Black share near ACS (12-14%)", 0.12 < ga["black"]["baseline"] < 0.14),
    ("planted bias found: ratio > 1", ga["black"]["ratio"] > 1),
    ("planted bias found: p < 0.05", ga["black"]["p_value"] < 0.05),
    ("interval covers the planted expected share", ga["black"]["ci_low"] <= synth["expected_share"] <= ga["black"]["ci_high"]),
    ("every request weighed in (inside + outside)", nat["events"] + nat["events_outside"] == 1500),
    ("no bias planted: p >= 0.05 for black", gn["black"]["p_value"] >= 0.05),
    ("no bias planted: interval covers population share", gn["black"]["ci_low"] <= gn["black"]["population_share"] <= gn["black"]["ci_high"]),
    ("power: simulation close to the normal approximation", abs(power["events"] - power["analytic_events"]) / power["analytic_events"] < 0.1),
    ("power: achieved >= 0.8", power["achieved_power"] >= 0.8),
]
for n, ok in checks: print(("ok   - " if ok else "FAIL - ") + n)
print(f"     black: share {ga['black']['share']:.4f} vs {ga['black']['baseline']:.4f}, ratio {ga['black']['ratio']:.3f}, p {ga['black']['p_value']:.4f}; power n={power['events']}")
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY
check "real-data disparity figures" [ $? -eq 0 ]
# Against the national baseline the interval and p answer two questions (p
# is always against the study areas): the table says which carries a finding
# about the baseline; against the study areas' own residents it need not.
"$SL" disparity --events requests --areas counties --baseline national --bootstrap 200 --permutations 200 -s "$DB" >"$WORK/nat.txt" 2>/dev/null
"$SL" disparity --events requests --areas counties --bootstrap 200 --permutations 200 -s "$DB" >"$WORK/own.txt" 2>/dev/null
check "the national table says the interval and p answer two questions; the study areas' does not" bash -c "
  tr '\n' ' ' <'$WORK/nat.txt' | grep -q 'With this baseline the interval and p answer two questions:.*A finding about the baseline rests on the interval; it says how the places where the events are differ from the baseline, not where the events fall within the study areas.' &&
  ! grep -q 'answer two questions' '$WORK/own.txt'"
finish
