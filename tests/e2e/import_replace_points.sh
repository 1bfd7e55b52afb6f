#!/usr/bin/env bash
# import_replace_points.sh — `import sites|posts|cameras --replace` of a
# corrected copy of a file (other bytes, the same ids or places and times).
# A nightly job re-imported its corrected sites file with --replace and was
# refused ("in the store already, from import 1 (rs.csv) ... remove it
# first"): --replace only took the same bytes imported with other options,
# so the job had to look the import's id up and `rm` it. Now --replace
# takes the layer's earlier imports (sites: of the category) of a file of
# the same name, as `rm` would, and imports the file, in one transaction;
# records shared with an import of another file are refused as before, and
# any refusal leaves the store as it was. The refusal of a copy under the
# same name (no --replace) offers --replace; removals past the eight the
# summary names are counted. A refused import no longer prints "N records
# skipped" (nothing was imported, so nothing was skipped).
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
DB=$(store rp)
sources() { store_sql "$DB" "SELECT id || ' ' || kind || ' ' || file_name || ' ' || rows FROM sources ORDER BY id" | tr '\n' ';'; }

printf 'id,name,lat,lon\na,One,47.6,-122.3\nb,Two,47.7,-122.4\nx,No place,,\n' >rs.csv
"$SL" import sites rs.csv --category ice --id id -s "$DB" >/dev/null 2>&1
printf 'id,lat,lon\nk1,47.6001,-122.3\nk2,47.71,-122.4001\n' >cams.csv
"$SL" import cameras cams.csv -s "$DB" >/dev/null 2>&1
printf 'id,name,lat,lon\na,One,47.6,-122.3\nb,Two fixed,47.71,-122.4\nc,Three,47.5,-122.1\nx,No place,,\n' >rs.csv

# Without --replace the corrected copy is refused, as before, the store untouched.
before=$(store_dump "$DB")
"$SL" import sites rs.csv --category ice --id id -s "$DB" >out.txt 2>err.txt
check "without --replace: refused, exit 1" test $? = 1
check "... with the message naming the import and \`sightline rm 1\`" \
  grep -q "2 of the 3 sites of category ice in this file are in the store already, from import 1 (rs.csv).*sightline rm 1" err.txt
check "... the store as it was" test "$(store_dump "$DB")" = "$before"
check "... the same file name: the message names --replace too" \
  grep -q "then import this file) or import this file with --replace, which does both; if these" err.txt
check "... and no 'records skipped' line: nothing was imported" bash -c "! grep -q skipped err.txt"

# With --replace: import 1 goes, as rm says it, and the file comes in.
"$SL" import sites rs.csv --category ice --id id --replace -s "$DB" >out.txt 2>err.txt
check "--replace of the corrected copy: exit 0" test $? = 0
check "... the first line names the import replaced" test "$(head -1 out.txt)" = "removed import 1, rs.csv (2 points)"
check "... then the import's summary" grep -q "^rs.csv: imported 3 sites of category ice from 4 records" out.txt
check "... info lists one sites import, of 3 rows, and the cameras'" \
  test "$(sources)" = "2 cameras cams.csv 2;3 sites rs.csv 3;"
"$SL" info -s "$DB" >info.txt 2>&1
check "... info counts the new file's sites" grep -q "sites, category ice: 3 points" info.txt
"$SL" near --radius 500 --csv -s "$DB" >near.csv
check "... near counts the new file's sites and cameras (b moved beside k2)" \
  test "$(tail -1 near.csv | cut -d, -f1-5)" = "ice,3,2,2,2"

# Another file holding one of these ids: --replace does not take it; the
# refusal comes after the earlier rs.csv import was removed, and rolls it back.
printf 'id,name,lat,lon\nc,Three elsewhere,47.4,-122.2\n' >other.csv
"$SL" import sites other.csv --category clinic --id id -s "$DB" >/dev/null 2>&1
printf 'id,name,lat,lon\nz,Zed,47.3,-122.0\n' >ice2.csv
"$SL" import sites ice2.csv --category ice --id id -s "$DB" >/dev/null 2>&1
printf 'id,name,lat,lon\na,One,47.6,-122.3\nz,Zed,47.3,-122.0\n' >rs.csv
before=$(store_dump "$DB")
"$SL" import sites rs.csv --category ice --id id --replace -s "$DB" >out.txt 2>err.txt
check "--replace: records shared with another file's import are refused, exit 1" test $? = 1
check "... with the message as before, naming that import" \
  grep -q "1 of the 2 sites of category ice in this file are in the store already, from import 5 (ice2.csv).*sightline rm 5" err.txt
check "... nothing said removed" bash -c "! grep -q removed out.txt"
check "... nor --replace offered, which would not take that import" bash -c "! grep -q 'with --replace' err.txt"
check "... the store as it was (import 3 of rs.csv back)" test "$(store_dump "$DB")" = "$before"

# A failure after the removal for the file's own reason: the store as it was.
printf 'id,name,lat,lon\na,One,-122.3,47.6\nb,Two,-122.4,47.7\n' >rs.csv
"$SL" import sites rs.csv --category ice --id id --replace -s "$DB" >out.txt 2>err.txt
check "--replace of a file refused (swapped coordinates): exit 1" test $? = 1
check "... the store as it was" test "$(store_dump "$DB")" = "$before"

# The same name in another category is another list: --replace leaves it.
printf 'id,name,lat,lon\nq,Clinic,47.2,-122.5\n' >rs.csv
"$SL" import sites rs.csv --category school --id id --replace -s "$DB" >out.txt 2>err.txt
check "--replace into another category: exit 0, nothing removed" bash -c "! grep -q removed out.txt"
check "... the ice sites stay" test "$(store_sql "$DB" "SELECT rows FROM sources WHERE id = 3")" = 3

# Posts without ids: the same place and time is the same record.
printf 'lat,lon,date\n40.1,-75.1,2020-01-01\n40.2,-75.2,2020-01-02\n' >posts.csv
"$SL" import posts posts.csv --date date -s "$DB" >/dev/null 2>&1
printf 'lat,lon,date\n40.1,-75.1,2020-01-01\n40.2,-75.2,2020-01-02\n40.3,-75.3,2020-01-03\n' >posts.csv
"$SL" import posts posts.csv --date date -s "$DB" >/dev/null 2>err.txt
check "posts without ids, corrected copy without --replace: refused" grep -q "the same place and time" err.txt
id=$(store_sql "$DB" "SELECT id FROM sources WHERE kind = 'posts'")
"$SL" import posts posts.csv --date date --replace -s "$DB" >out.txt 2>err.txt
check "... with --replace: the earlier import replaced" test "$(head -1 out.txt)" = "removed import $id, posts.csv (2 points)"
check "... one posts import, of 3 rows" test "$(store_sql "$DB" "SELECT count(*) || ' ' || sum(rows) FROM sources WHERE kind = 'posts'")" = "1 3"

# Ten nights of new cameras under one name, then --replace: every one goes,
# and each is said (the first eight by id, the rest counted).
M=$(store many)
for i in 1 2 3 4 5 6 7 8 9 10; do
  printf 'id,lat,lon\np%s,47.%s,-122\n' "$i" "$i" >n.csv
  "$SL" import cameras n.csv -s "$M" >/dev/null 2>&1
done
printf 'id,lat,lon\nq,47.5,-121\n' >n.csv
"$SL" import cameras n.csv --replace -s "$M" >out.txt 2>err.txt
check "--replace of ten imports of one name: eight named, the other two counted" \
  test "$(grep -c '^removed import' out.txt) $(grep '^removed 2 more' out.txt)" = \
  "8 removed 2 more imports of the same file (\`sightline info\` lists what stays)"
check "... one cameras import stays, the new file's" \
  test "$(store_sql "$M" "SELECT count(*) || ' ' || sum(rows) FROM sources")" = "1 1"

# A file of no usable point: its skipped records are why, and are said.
printf 'id,name,lat,lon\nx,No place,,\n' >none.csv
"$SL" import sites none.csv --category ice -s "$DB" >/dev/null 2>err.txt
check "no usable point: refused, its skipped record said" grep -q "none.csv:2: 1 record skipped: missing coordinates" err.txt

"$SL" import sites --help >help.txt
check "import sites --help says what --replace replaces" grep -q "of a file of the same name" help.txt
echo "$PASSES passed, $FAILS failed"
[ "$FAILS" = 0 ]
