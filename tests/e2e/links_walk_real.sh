#!/usr/bin/env bash
# The rows of the Atlas of 2020-10-07 that the linker left unlinked until
# the run of 2026-12-07 and links now, each to the registry agency a person
# checked (tests/fixtures/link-walk-2026-12-07.csv, from the walk of the 535
# unlinked rows): campus and tribal forces, Carson City's sheriff, four
# misspellings.
# The rows the walk judged ambiguous or a matter for a crosswalk (Savannah,
# Chester and Montgomery NY, the University of Maryland, Baltimore, Penn
# State) stay unlinked, and no row linked before changes its link.
. "$(dirname "$0")/lib.bash"
need_shared
DB=$(store w)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$DB" >/dev/null
"$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$DB" >/dev/null
"$SL" partnerships -s "$DB" --links --csv >"$WORK/links.csv"
check "every row of the walk links to the agency checked by hand, or to none" python3 - \
  "$WORK/links.csv" "$(dirname "$0")/../fixtures/link-walk-2026-12-07.csv" <<'PY'
import csv, sys
rows = {r["record_id"]: r for r in csv.DictReader(open(sys.argv[1]))}
bad = []
for w in csv.DictReader(open(sys.argv[2])):
    r = rows[w["record_id"]]
    ori = r["ori"] or "none"
    if (ori, r["method"]) != (w["ori"], w["method"]):
        bad.append((w["record_id"], w["agency"], ori, r["registry_name"], r["method"]))
print(*bad, sep="\n") if bad else None
sys.exit(1 if bad else 0)
PY
check "535 rows were unlinked, 456 are: 409 of 3,945 agencies" bash -c "
  '$SL' partnerships -s '$DB' | grep -qxF '  rows 5,783, distinct agencies 3,945, linked to the registry 5,327, unlinked 456' &&
  '$SL' partnerships -s '$DB' | grep -qxF '  409 of the 3,945 agencies are linked to no registry agency: a share can count only the other 3,536'"
finish
