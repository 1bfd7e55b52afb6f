#!/usr/bin/env bash
# disparity_mc_error.sh — every p states its Monte Carlo error, and a p the
# draws cannot place on either side of 0.05 says so, with the draws that
# would. The case of the statistician's check (run of 2026-12-05): 500
# unbiased synthetic requests over the 2,166 real New York City tracts
# (synth seed 67), whose Black p was 0.051 at seed 2018, 0.04998 at seed 2
# and 0.057 at seed 1, with nothing said.
. "$(dirname "$0")/lib.bash"
need_shared
DB=$(store nyc)
"$SL" import areas "$SL_SHARED_DATA/census/nyc-tracts-acs2008-12.shp" --set nyc --id '{borocode}{ct2010:06}' \
  --pop poptot --black african --hispanic hispanic -s "$DB" >/dev/null
"$SL" synth --areas nyc --layer requests --count 500 --group black --beta 0 --seed 67 -s "$DB" >/dev/null
D=(disparity --events requests --areas nyc --groups black)

for seed in 2018 2 1; do
  "$SL" "${D[@]}" --seed "$seed" -s "$DB" 2>/dev/null >"$WORK/t$seed.txt"
  check "seed $seed: the table says the draws cannot place Black's p on either side of 0.05" bash -c "
    tr -s ' \n' ' ' <'$WORK/t$seed.txt' | grep -q 'caution: The p-value of Black (0\.0[0-9]*) lies within two Monte Carlo standard errors .* of 0\.05: the draws cannot tell on which side of 0\.05 it lies.*--permutations 20000'"
done
check "the footnote gives the Monte Carlo error of a p near 0.05 (0.0049 with 2,000 draws)" bash -c "
  tr -s ' \n' ' ' <'$WORK/t1.txt' | grep -q '(2,000 draws; another seed moves p by its Monte Carlo error sqrt(p(1 - p) / draws), about 0\.0049 at p = 0\.05)'"
"$SL" "${D[@]}" --seed 1 --permutations 20000 -s "$DB" 2>/dev/null >"$WORK/many.txt"
check "20,000 draws decide it (0.057 is 4 errors of 0.0016 from 0.05): no such caution" \
  bash -c "! grep -q 'Monte Carlo standard errors' '$WORK/many.txt' && grep -q 'about 0.0015 at p = 0.05' '$WORK/many.txt'"
"$SL" "${D[@]}" --seed 1 --json -s "$DB" 2>/dev/null >"$WORK/t.json"
check "JSON: p_mc_se beside p_value, sqrt(p(1-p)/draws)" python3 - "$WORK/t.json" <<'PY'
import json, math, sys
r = json.load(open(sys.argv[1]))
g = r["groups"][0]
ok = abs(g["p_mc_se"] - math.sqrt(g["p_value"] * (1 - g["p_value"]) / r["permutations"])) < 1e-9
ok = ok and "Monte Carlo standard errors" in r["caveat"]
print(g["p_value"], g["p_mc_se"])
sys.exit(0 if ok else 1)
PY
"$SL" "${D[@]}" --seed 1 --csv -s "$DB" 2>/dev/null >"$WORK/t.csv"
check "CSV: a column p_mc_se" python3 -c "
import csv,sys; rows=list(csv.DictReader(open('$WORK/t.csv'))); sys.exit(0 if float(rows[0]['p_mc_se']) > 0.005 else 1)"
"$SL" audit -o "$WORK/out" --quiet -s "$DB" >/dev/null 2>&1
check "report: the section's caution says it" grep -q 'Caution:</strong>.*lies within two Monte Carlo standard errors' "$WORK/out/report.html"
check "... and the headline points to the caution" grep -q 'read the caution under “Who is watched”' "$WORK/out/summary.json"
finish
