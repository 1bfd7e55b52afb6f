#!/usr/bin/env bash
# Link review (issue 13, point 9) on the real Atlas and FBI registry:
# `partnerships --links [--method M]` lists each link with method and score;
# `import links FILE` (record id -> ORI or none) overrides them, is a source
# like any other, and `rm` undoes it.
. "$(dirname "$0")/lib.bash"
need_shared
DB=$(store l)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$DB" >/dev/null
"$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$DB" >/dev/null
"$SL" partnerships -s "$DB" --links --json > "$WORK/all.json"
"$SL" partnerships -s "$DB" --links --method fuzzy --format csv > "$WORK/fuzzy.csv"
check "--links lists every row with its method and score; --method fuzzy keeps the fuzzy ones" python3 - "$WORK" <<'PY'
import csv, json, sys
w = sys.argv[1]
a = json.load(open(f"{w}/all.json"))
f = list(csv.DictReader(open(f"{w}/fuzzy.csv")))
ok = a["count"] == len(a["rows"]) == sum(a["methods"].values()) == 5783
ok &= len(f) == a["methods"]["fuzzy"] > 0 and all(r["method"] == "fuzzy" and 0 < float(r["score"]) <= 1 for r in f)
ok &= all(r["method"] == "none" and r["ori"] is None for r in a["rows"] if r["ori"] is None)
irv = [r for r in f if r["record_id"] == "AOS0020"]
ok &= len(irv) == 1 and irv[0]["ori"] == "NY0592700"  # the town's police linked to the village's
sys.exit(0 if ok else 1)
PY
printf 'record_id,ori,note\nAOS0020,none,"the town, not Irvington village"\nAOS0026,PA0391100,confirmed\n' > "$WORK/cw.csv"
check "import links" bash -c "\"$SL\" import links '$WORK/cw.csv' -s '$DB' | grep -q '2 decided by corrections'"
"$SL" partnerships -s "$DB" --links --json > "$WORK/after.json"
check "the corrections are applied: AOS0020 unlinked, AOS0026 by crosswalk" python3 - "$WORK/after.json" <<'PY'
import json, sys
rows = {r["record_id"]: r for r in json.load(open(sys.argv[1]))["rows"]}
ok = rows["AOS0020"]["ori"] is None and rows["AOS0020"]["method"] == "none"
ok &= rows["AOS0026"]["method"] == "crosswalk" and rows["AOS0026"]["ori"] == "PA0391100"
sys.exit(0 if ok else 1)
PY
check "the same corrections twice change nothing" \
  bash -c "\"$SL\" import links '$WORK/cw.csv' -s '$DB' | grep -q 'nothing changed'"
id=$("$SL" info -s "$DB" --json | python3 -c "import json,sys; print([s['id'] for s in json.load(sys.stdin)['sources'] if s['kind']=='links'][0])")
check "info lists the corrections as an import" [ -n "$id" ]
"$SL" rm "$id" -s "$DB" >/dev/null
"$SL" partnerships -s "$DB" --links --json > "$WORK/undone.json"
check "rm undoes them: the links are as before" \
  python3 -c "import json,sys; a=json.load(open('$WORK/all.json')); b=json.load(open('$WORK/undone.json')); sys.exit(a['rows']!=b['rows'])"
printf 'record_id,ori\nAOS_NOPE,none\n' > "$WORK/bad.csv"
"$SL" import links "$WORK/bad.csv" -s "$DB" >/dev/null 2>"$WORK/e"
check "an unknown record id is an error naming it" bash -c "[ $? -eq 1 ] && grep -q \"no partnership row has record id 'AOS_NOPE'\" '$WORK/e'"
printf 'record_id,ori\nAOS0020,ZZ9999999\n' > "$WORK/bad2.csv"
"$SL" import links "$WORK/bad2.csv" -s "$DB" >/dev/null 2>"$WORK/e"
check "an ORI the registry lacks is an error naming it" bash -c "[ $? -eq 1 ] && grep -q 'ZZ9999999' '$WORK/e'"
"$SL" partnerships -s "$DB" --links --method guess >/dev/null 2>&1; check "--method guess is a usage error" [ $? -eq 2 ]
# A file without the record id column said "a crosswalk needs ...": the
# word is the code's, and the file's columns went unnamed.
printf 'agency,ori\nA,IL0160000\n' >"$WORK/noid.csv"
"$SL" import links "$WORK/noid.csv" -s "$DB" >/dev/null 2>"$WORK/e"; rc=$?
check "links without a record id column: exit 1, names what is missing and the file's columns" bash -c "[ $rc -eq 1 ] &&
  grep -q 'a file of link corrections needs a column of partnership record ids (record_id, aos_id or id) (the columns are: agency, ori)' '$WORK/e' &&
  ! grep -q crosswalk '$WORK/e'"
finish
