#!/usr/bin/env bash
# businesses_replace.sh — a corrected copy of the directory keeps each
# listing's address (run of 2026-12-07, fifth). An organiser updating her
# directory from the month's spreadsheet had one way: `rm` the import and
# import the new file, and every listing got a new number, so each
# /directory/N address shared on posters and in messages said "This listing
# was removed". Now `import businesses FILE --replace` replaces the imports
# of a file of that name (as `rm` removes them), and each business the new
# file still holds (the same name, address, city and state) keeps its
# number, its edit of a phone or a website too; a business it no longer
# holds has its page say it was removed, and a new one gets a number never
# given. An import with listings edited in /admin is refused, nothing
# changed, as `rm` refuses it. Both backends.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
cd "$WORK" || exit 1
db=$(store s)
FIX="$SL_SOURCE/tests/fixtures/directory/businesses.csv"
mkdir -p v1 v2 v3
cp "$FIX" v1/directory.csv
# the month after: Harlem Books' phone changed, Kings Hardware closed, a new
# bakery opened; the rest as they were (one row spelt in other case)
python3 - "$FIX" v2/directory.csv <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
out = [rows[0]]
for r in rows[1:]:
    if r[0] == 'Kings Hardware': continue
    if r[0] == 'Harlem Books': r[9] = '555-0199'
    if r[0] == 'South Side Hardware': r[0] = 'SOUTH SIDE HARDWARE'
    out.append(r)
out.append(['Bed-Stuy Bread', 'Bakery', '9 Nostrand Ave', 'Brooklyn', 'NY', '11216', '40.68', '-73.95', '', '', 'owner interview', 'Fictional test list'])
csv.writer(open(sys.argv[2], 'w', newline='')).writerows(out)
PY
id_of() { store_sql "$db" "SELECT id FROM businesses WHERE lower(name) = lower('$1')"; }

"$SL" import businesses v1/directory.csv -s "$db" >i1.txt 2>&1 || { cat i1.txt; echo "first import failed"; exit 1; }
harlem=$(id_of 'Harlem Books'); kings=$(id_of 'Kings Hardware'); south=$(id_of 'South Side Hardware')
last=$(store_sql "$db" "SELECT max(id) FROM businesses")

"$SL" import businesses v2/directory.csv -s "$db" >i2.txt 2>&1; rc=$?
check "the corrected copy without --replace is refused as before, naming --replace now ($rc)" bash -c "
  [ $rc != 0 ] && grep -q 'in the directory already' i2.txt && grep -q 'import it with --replace' i2.txt"

"$SL" import businesses v2/directory.csv --replace -s "$db" >i3.txt 2>&1; rc=$?
check "with --replace: exit 0, the earlier import removed and said ($rc: $(head -c 300 i3.txt))" bash -c "
  [ $rc = 0 ] && grep -qi 'removed import 1' i3.txt"
check "the import says how many listings keep their address and how many went" \
  grep -qF "listings kept at their /directory/ address: 33 listings of the replaced import (the same name, address, city and state); 1 no longer in the file: its page now says it was removed" i3.txt
check "Harlem Books keeps its number ($harlem), with its new phone" \
  [ "$(store_sql "$db" "SELECT id || ' ' || phone FROM businesses WHERE name = 'Harlem Books'")" = "$harlem 555-0199" ]
check "South Side Hardware, spelt in capitals, keeps its number ($south)" [ "$(id_of 'South Side Hardware')" = "$south" ]
check "every business of both files keeps its number: 33 listings with the same ids as before" \
  [ "$(store_sql "$db" "SELECT count(*) FROM businesses WHERE id <= $last")" = 33 ]
new=$(id_of 'Bed-Stuy Bread')
check "the new bakery gets a number never given ($new > $last)" [ "$new" -gt "$last" ]
check "the search finds Harlem Books under its number" bash -c "
  \"$SL\" businesses --q harlem --json -s '$db' | grep -q '\"id\": $harlem,'"

serve_start "$db" || exit 1
check "/directory/$harlem is Harlem Books' page" bash -c "[ \"\$(curl -s -o h.html -w '%{http_code}' '$U/directory/$harlem')\" = 200 ] && grep -q 'Harlem Books' h.html"
check "/directory/$kings (Kings Hardware, closed) says it was removed" bash -c "
  curl -s '$U/directory/$kings' | grep -q 'This listing was removed from the directory'"
serve_stop

# an edit in /admin since the import: refused, nothing changed
store_sql "$db" "INSERT INTO business_edits(id, edited) VALUES($harlem, 1)" >/dev/null 2>&1 ||
  store_sql "$db" "CREATE TABLE IF NOT EXISTS business_edits(id INTEGER PRIMARY KEY, edited INTEGER NOT NULL); INSERT INTO business_edits(id, edited) VALUES($harlem, 1)" >/dev/null
cp v2/directory.csv v3/directory.csv
echo 'Another Cafe,Cafe,1 New St,Brooklyn,NY,11201,,,,,owner interview,Fictional test list' >> v3/directory.csv
before=$(store_sql "$db" "SELECT count(*), max(id) FROM businesses")
"$SL" import businesses v3/directory.csv --replace -s "$db" >i4.txt 2>&1; rc=$?
check "listings edited in /admin: --replace is refused, naming rm --discard-edits, nothing changed ($rc)" bash -c "
  [ $rc != 0 ] && grep -q 'edited in /admin' i4.txt && grep -q -- '--discard-edits' i4.txt &&
  [ \"\$(store_sql '$db' 'SELECT count(*), max(id) FROM businesses')\" = '$before' ]"
finish
