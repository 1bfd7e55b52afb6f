#!/usr/bin/env bash
# The linker's rules for rows it left unlinked before the run of 2026-12-07
# (invented agencies, tests/fixtures/registry/*-unlinked*): a campus force
# is its school ("Texas Tech Police Department" / "Texas Tech University:
# Lubbock"), a tribal force its tribe ("Gun Lake Tribal"), a city-county's sheriff written without "County" is the
# registry's ("Carson City Sheriff's Office"), and four misspellings of the
# Atlas's are their words. Each new link is the only registry agency that
# fits; the rows where two fit, or where the school's county is not the
# row's, stay unlinked.
. "$(dirname "$0")/lib.bash"
FX="$(dirname "$0")/../fixtures/registry"
DB=$(store u)
"$SL" import agencies "$FX/fbi-cde-unlinked.csv" --preset fbi-cde -s "$DB" >/dev/null
"$SL" import partnerships "$FX/atlas-unlinked-2020-10-07.csv" --preset atlas -s "$DB" >/dev/null
"$SL" partnerships -s "$DB" --links --csv >"$WORK/links.csv"
want() { # want DESCRIPTION RECORD_ID ORI METHOD
  check "$1" python3 - "$WORK/links.csv" "$2" "$3" "$4" <<'PY'
import csv, sys
f, rid, ori, method = sys.argv[1:]
rows = [r for r in csv.DictReader(open(f)) if r["record_id"] == rid]
got = [(r["ori"], r["method"]) for r in rows]
print(got) if got != [(ori, method)] else None
sys.exit(0 if got == [(ori, method)] else 1)
PY
}
want "a Tech's police is its Tech University, campus its city" U1 ZZ4000100 fuzzy
want "a university's police is the campus in its city" U2 ZZ0800100 fuzzy
want "a row naming its campus is that campus, wherever its city" U3 ZZ0800200 fuzzy
want "a Department of Public Safety of a university of no campus" U4 ZZ4100100 fuzzy
want "a school of no county is not taken for a row that gives one" U5 "" none
want "a town's police is not the university of its name" U6 "" none
want "two campuses that fit: none taken" U7 "" none
want "a campus named after a county is the row's county" U8 ZZ1700100 fuzzy
want "a Tech in another county than its campus: none" U9 "" none
want "a tribal force is its tribe (the registry gives no county)" T1 ZZDI00100 fuzzy
want "a town's police is not the tribe of its name" T2 "" none
want "two tribes that fit: none taken" T3 "" none
want "a city-county's sheriff without County" S1 ZZ3200000 fuzzy
want "a city's sheriff the registry lacks stays unlinked" S2 "" none
want "Deparment is Department" M1 ZZ0600100 exact
want "Saftey is Safety" M2 ZZ4000300 exact
want "Seriff is Sheriff" M3 ZZ1700000 exact
want "Poilce is Police" M4 ZZ18ISP00 exact
check "the campus and tribal links are reviewed with --method fuzzy" bash -c "
  '$SL' partnerships -s '$DB' --links --method fuzzy --csv | grep -c ',fuzzy,' | grep -qx 7"
finish
