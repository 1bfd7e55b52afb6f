#!/usr/bin/env bash
# disparity_chance_d.sh — dissimilarity's "by chance alone" is drawn from
# events of the kind D is computed on. Requests split by overlap had a
# chance figure drawn from points, which spread less ("Duncan D 0.246; by
# chance alone about 0.330" read as less concentrated than chance). Synthetic
# requests with no bias over the 2,166 real New York City tracts: at 300 m
# (about 3 tracts each) the chance figure places each piece by population
# and sits beside D (run of 2026-12-05: D 0.363, chance 0.349; from points
# it was 0.579); at 3 km (about 40 tracts) pieces placed apart no longer
# stand for footprints and no figure is given, with the reason, in the
# table, the JSON and the report.
. "$(dirname "$0")/lib.bash"
need_shared
import_nyc() {
  "$SL" import areas "$SL_SHARED_DATA/census/nyc-tracts-acs2008-12.shp" --set nyc --id '{borocode}{ct2010:06}' \
    --pop poptot --black african --hispanic hispanic -s "$1" >/dev/null
}
NEAR=$(store near)
WIDE=$(store wide)
import_nyc "$NEAR"
import_nyc "$WIDE"
"$SL" synth --areas nyc --layer requests --count 1000 --beta 0 --radius 300 --seed 4 -s "$NEAR" >/dev/null
"$SL" synth --areas nyc --layer requests --count 1000 --beta 0 --radius 3000 --seed 4 -s "$WIDE" >/dev/null
D=(disparity --events requests --areas nyc --bootstrap 200)

"$SL" "${D[@]}" --json -s "$NEAR" 2>/dev/null >"$WORK/near.json"
check "300 m, no bias: the chance figure is within 0.03 of D (points gave 0.58 beside 0.36)" python3 - "$WORK/near.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(r["dissimilarity"], r["dissimilarity_null"], r["footprint_areas"])
sys.exit(0 if 1 < r["footprint_areas"] <= 4 and abs(r["dissimilarity"] - r["dissimilarity_null"]) < 0.03
         and "dissimilarity_null_note" not in r else 1)
PY
"$SL" "${D[@]}" --json -s "$NEAR" 2>/dev/null >"$WORK/near2.json"
check "... the same seed, the same figure" cmp -s "$WORK/near.json" "$WORK/near2.json"
"$SL" "${D[@]}" -s "$NEAR" 2>/dev/null >"$WORK/near.txt"
check "... the table prints it" grep -q '^dissimilarity (Duncan D) 0\.[0-9]*; by chance alone about 0\.[0-9]*$' "$WORK/near.txt"

"$SL" "${D[@]}" --json -s "$WIDE" 2>/dev/null >"$WORK/wide.json"
check "3 km: no chance figure (null), and a note saying why" python3 - "$WORK/wide.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
note = r.get("dissimilarity_null_note", "")
print(r["dissimilarity"], r["dissimilarity_null"], note)
sys.exit(0 if r["dissimilarity_null"] is None and note.startswith("no figure by chance alone: these events are split over about")
         else 1)
PY
"$SL" "${D[@]}" -s "$WIDE" 2>/dev/null >"$WORK/wide.txt"
check "... the table says so in place of the figure" bash -c "
  tr -s ' \n' ' ' <'$WORK/wide.txt' | grep -q 'dissimilarity (Duncan D) 0\.[0-9]*; no figure by chance alone' &&
  ! grep -q 'by chance alone about' '$WORK/wide.txt'"
"$SL" audit -o "$WORK/out" --quiet --bootstrap 200 -s "$WIDE" >/dev/null 2>&1
check "... and the report" bash -c "
  grep -q 'dissimilarity 0\.[0-9]* (no figure by chance alone: these events are split' '$WORK/out/report.html' &&
  ! grep -q 'chance alone: 0\.' '$WORK/out/report.html'"
finish
