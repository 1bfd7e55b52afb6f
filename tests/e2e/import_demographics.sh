#!/usr/bin/env bash
# Demographics tables as spreadsheets save them (fixtures/demographics/):
# US thousands separators ("2,773") are read, not lost as "not numbers"; a
# European "2.773" beside 168 Black residents, a group over its population
# and white non-Hispanic plus Hispanic over it (counts or percentages) are
# refused at their line, naming the columns and the fix, storing nothing;
# the warning of missing values names the first one, escaped.
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/demographics
DB=$(store d)
areas() { # areas SET TABLE [OPTIONS...]: tracts.geojson joined to TABLE by GEOID
  local set=$1 table=$2; shift 2
  "$SL" import areas "$F/tracts.geojson" --set "$set" --id id --demographics "$F/$table" --key GEOID \
    --pop 'Total Pop' --black Black --hispanic Hispanic --white-nh 'White NH' -s "$DB" "$@"
}
set_pop() { store_sql "$DB" "SELECT CAST(sum(pop) AS INTEGER) || ' ' || CAST(sum(black) AS INTEGER) || ' ' || sum(white_nh) FROM areas WHERE set_name = '$1'"; }
no_set() { ! "$SL" info -s "$DB" 2>/dev/null | grep -q "area set '$1'"; }
export DB SL; export -f no_set

areas us us.csv >"$WORK/o" 2>"$WORK/e"
check "US separators (\"2,773\", \"8,000.5\"): imported, population 16,177, no value missing" \
  bash -c "[ $? -eq 0 ] && grep -q 'imported 3 areas.*population 16,177$' '$WORK/o' && ! grep -q 'missing' '$WORK/e'"
check "... stored as numbers: population 16,177, Black 3,181, white non-Hispanic 9,700.5" \
  test "$(set_pop us)" = "16177 3181 9700.5"

areas eu eu.csv >"$WORK/o" 2>"$WORK/e"
check "European '2.773' beside 168 Black residents: refused (exit 1) at its line, naming both columns" \
  bash -c "[ $? -eq 1 ] && grep -q \"^sightline: $F/eu.csv:2: Black 168 (column 'Black') is more than the population, 2.773 (column 'Total Pop')\" '$WORK/e'"
check "... saying '.' may be the thousands separator, and what to do" \
  grep -q "(and 1 more rows so); .*suggests '.' as a thousands separator (2.773 for 2,773): save the table with no thousands separators" "$WORK/e"
check "... no 'imported' line, no area set stored" bash -c "! grep -q imported '$WORK/o' && no_set eu"

areas over group_over.csv >/dev/null 2>"$WORK/e"
check "912 Black residents of 900: refused at line 4, asking to check --pop" \
  bash -c "[ $? -eq 1 ] && grep -q \"group_over.csv:4: Black 912 (column 'Black') is more than the population, 900 (column 'Total Pop'): a group cannot outnumber the people of its area; check that --pop names the total population\" '$WORK/e' && no_set over"

areas wh white_hispanic.csv >/dev/null 2>"$WORK/e"
check "800 white non-Hispanic + 140 Hispanic of 900: refused at line 4, naming --white-nh's column and the fix" \
  bash -c "[ $? -eq 1 ] && grep -q \"white_hispanic.csv:4: white non-Hispanic (column 'White NH', 800) and Hispanic (column 'Hispanic', 140) add up to 940, more than the population 900, yet the two groups share no one: White NH is likely white alone, Hispanic included; give --white-nh a column of white alone, not Hispanic or Latino, or leave it out\" '$WORK/e' && no_set wh"

areas pct percent.csv --percent >"$WORK/o" 2>"$WORK/e"
check "percentages adding white non-Hispanic and Hispanic to 100.4% (rounding): imported" \
  bash -c "[ $? -eq 0 ] && grep -q 'imported 3 areas' '$WORK/o'"
areas pct2 percent_over.csv --percent >/dev/null 2>"$WORK/e"
check "... to 101.6%: refused at line 2, in percent" \
  bash -c "[ $? -eq 1 ] && grep -q \"percent_over.csv:2: white non-Hispanic (column 'White NH', 58.8%) and Hispanic (column 'Hispanic', 42.8%) add up to 101.6% of the population, yet\" '$WORK/e' && no_set pct2"

areas miss missing.csv >"$WORK/o" 2>"$WORK/e"
check "values missing: imported (exit 0), the warning naming the first one's line, column and text, escaped" \
  bash -c "[ $? -eq 0 ] && grep -qF \"sightline: $F/missing.csv:3: warning: 2 demographic values missing or not numbers (the first: column 'Hispanic' holds 'n/a \\x1b[31m', not a number)\" '$WORK/e'"
check "... no raw escape byte on the terminal" bash -c "! grep -q $'\x1b' '$WORK/e'"

# The layer's own fields are read by the same rule.
"$SL" import areas "$F/tracts.geojson" --set own --id id --pop pop --black black --hispanic hisp -s "$DB" >"$WORK/o" 2>"$WORK/e"
check "the layer's text fields: \"2,773\" read, population 16,177" \
  bash -c "[ $? -eq 0 ] && grep -q 'population 16,177$' '$WORK/o'"
check "... the one missing value named by its field and area" \
  grep -q "tracts.geojson: warning: 1 demographic value missing or not numbers (the first: field 'hisp' of area '2' holds 'n/a', not a number)$" "$WORK/e"
finish
