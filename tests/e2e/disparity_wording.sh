#!/usr/bin/env bash
# disparity_wording.sh — small things that misled (statistician's check, run
# of 2026-12-05): a group asked for that the set lacks was dropped in
# silence; "--bootstrap 0" was answered "0 wants a whole number"; the map's
# headline said "1 cells ... are suppressed". Hand-built areas of the
# disparity fixture (Black and Hispanic figures only).
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/disparity
DB=$(store w)
"$SL" import areas "$F/areas.geojson" --set toy --id id --pop pop --black black --hispanic hispanic -s "$DB" >/dev/null
"$SL" import requests "$F/requests.csv" -s "$DB" >/dev/null
"$SL" disparity --events requests --areas toy --groups black,foreign_born -s "$DB" >"$WORK/g.out" 2>"$WORK/g.err"
rc=$?
check "--groups black,foreign_born over a set without foreign born: exit 1, nothing printed" \
  bash -c "[ $rc -eq 1 ] && [ ! -s '$WORK/g.out' ]"
check "... naming the groups the set has" \
  grep -q "the areas of set 'toy' have no foreign_born figures: --groups can name black,hispanic" "$WORK/g.err"
check "--groups black,hispanic still answers" \
  "$SL" disparity --events requests --areas toy --groups black,hispanic --bootstrap 20 --permutations 20 --json -s "$DB"
for opt in bootstrap permutations seed; do
  "$SL" disparity --events requests --areas toy --$opt 0 -s "$DB" >/dev/null 2>"$WORK/$opt.err"
  check "--$opt 0: a usage error naming --$opt, not the value" grep -q "^sightline: --$opt wants a whole number" "$WORK/$opt.err"
done

# Twelve posts: ten at one spot (one hexagon shown), two at another (one
# cell withheld).
{ echo "id,date,lat,lon"
  for i in $(seq 0 9); do printf 'a%d,2020-01-01,%.5f,0.005\n' "$i" "$(echo "0.005 + $i * 0.00002" | bc -l)"; done
  for i in 0 1; do printf 'b%d,2020-01-01,0.005,%.5f\n' "$i" "$(echo "0.025 + $i * 0.00002" | bc -l)"; done
} >"$WORK/posts.csv"
"$SL" import posts "$WORK/posts.csv" -s "$DB" >/dev/null 2>&1
"$SL" audit -s "$DB" -o "$WORK/out" --quiet --bootstrap 200 >/dev/null 2>&1
check "the map's headline: 1 hexagon, 1 hexagon ... is withheld (not 1 hexagons ... are)" \
  grep -q "in 1 hexagon of [0-9.]* km²; 1 hexagon with fewer than 5 camera locations, holding [0-9]* cameras\\? at [0-9]* locations\\?, is withheld" \
  "$WORK/out/summary.json"
finish
