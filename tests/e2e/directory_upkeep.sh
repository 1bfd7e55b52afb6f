#!/usr/bin/env bash
# directory_upkeep.sh — keeping the directory of businesses over time, as
# organisers do (run of 2026-12-05): `rm` of a directory import
# whose listings were edited in /admin is refused, exit 1, naming how many
# and one, the store unchanged, until --discard-edits (also on a store made
# before edits were marked). A corrected copy of a directory is refused,
# exit 1, the store unchanged, when its rows name businesses another import
# lists (name, address, city and state with case, accents, spacing and
# punctuation folded), naming how many, one, the import and `sightline rm`;
# rows that repeat one another within a file are kept, with a warning
# naming the count, a line and the line it repeats. A removed listing's
# number is never given to another (also on a store made before the
# numbers were kept), and its old link answers 404 saying it was removed.
# One listing is removed in /admin: a button on its edit page opens a
# confirmation (a GET that changes nothing), whose POST needs the session's
# CSRF token and confirm=yes. A listing with a name only (no category,
# address, website or phone) is skipped at its line, as a bad latitude or a
# state that is no postal code is, the file's other rows imported (a file
# of such rows alone is refused); such an edit in /admin and a suggestion
# are refused.
# One reading of each field for the importer, the /admin edit, suggestions
# and the listing's page: HTTPS://X and www.x.org are web addresses
# (https://...), javascript:, data: and ftp: are kept as text, never linked,
# and counted in a warning (the edit saves them too, saying so); states are
# upper-cased and must be US postal codes (ZZ skips its row, named with its
# line: of 500 rows with 7 typos, 493 are imported and the first 5 named);
# names are trimmed; a refused edit keeps what was typed. Columns no
# field reads (description, email) are named at import.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: curl missing" >&2; exit 77; }
command -v sqlite3 >/dev/null || { echo "SKIPPED: sqlite3 missing" >&2; exit 77; }
cd "$WORK" || exit 1
cat >dir.csv <<'CSV'
name,category,address,city,state,zip,website,phone,verification,source
Zoë's Bakery,Bakery,12 Main St,Brooklyn,NY,11201,https://zoes.example,555-0100,owner interview,Test list
D'Angelo's Tailoring,Tailor,3 Court St,Brooklyn,NY,11201,,555-0101,owner interview,Test list
Smith & Wesson-free Hardware,Hardware,9 Fulton St,Chicago,IL,60601,,,chamber of commerce,Test list
CSV
DB=$(store u)
"$SL" import businesses dir.csv -s "$DB" >/dev/null || { echo "import failed"; exit 1; }
"$SL" import areas "$SL_FIXTURES/directory/counties.geojson" --set counties --id id --name name -s "$DB" >/dev/null || exit 1
"$SL" campaign init --config "$SL_FIXTURES/campaign/campaign.conf" -s "$DB" >/dev/null || exit 1
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)
id_of() { local q="'" n; n=${1//$q/$q$q}; store_sql "$DB" "SELECT id FROM businesses WHERE name = '$n' ORDER BY id LIMIT 1"; }
src_of() { store_sql "$DB" "SELECT max(id) FROM sources WHERE kind = 'businesses'"; }

admin_login() { # a session in ./jar and its CSRF token in $CSRF
  curl -s -o /dev/null -c jar -X POST -H "Origin: $U" --data-urlencode "token=$TOKEN" "$U/admin/login"
  CSRF=$(curl -s -b jar "$U/admin" | sed -n 's|.*name="csrf" value="\([^"]*\)".*|\1|p' | head -1)
}
admin_post() { # admin_post PATH FIELDS...: POST the urlencoded FIELDS with the session, the page on stdout
  local path=$1; shift
  local args=() f
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  curl -s -b jar -X POST -H "Origin: $U" --data-urlencode "csrf=$CSRF" "${args[@]}" "$U$path"
}

# ---- rm of an import whose listings were edited ----------------------------
# a store older than the edit marks: the first edit makes their table
store_sql "$DB" "DROP TABLE IF EXISTS business_edits" >/dev/null
serve_start "$DB" || exit 1
admin_login
ZOE=$(id_of "Zoë's Bakery")
admin_post /admin/listing "id=$ZOE" "name=Zoë's Bakery DUPLICATE" category=Bakery "address=12 Main St" city=Brooklyn \
  state=NY zip=11201 website=https://zoes.example phone=555-0100 "verification=owner interview" >edit.html
check "an edit in /admin is saved" grep -q 'The listing is saved.' edit.html
serve_stop
SRC=$(src_of)
before=$(store_dump "$DB")
"$SL" rm "$SRC" -s "$DB" >rm.out 2>rm.err
rc=$?
after=$(store_dump "$DB")
check "rm of the import whose listing was edited is refused (exit 1), naming how many, one, and --discard-edits" bash -c "
  [ $rc = 1 ] && grep -q 'import $SRC (dir.csv) holds 1 directory listing edited in /admin since it was imported' rm.err &&
  grep -qF \"listing $ZOE, \\\"Zoë's Bakery DUPLICATE\\\"\" rm.err && grep -q -- 'add --discard-edits' rm.err && [ ! -s rm.out ]"
check "... and changes nothing: the edit is still there" bash -c "
  [ '$before' = '$after' ] && [ \"\$(store_sql '$DB' \"SELECT name FROM businesses WHERE id = $ZOE\")\" = \"Zoë's Bakery DUPLICATE\" ]"
check "rm --help documents --discard-edits" bash -c "'$SL' rm --help | grep -q -- '--discard-edits'"
"$SL" rm "$SRC" --discard-edits -s "$DB" >rm.out 2>rm.err
check "rm --discard-edits removes the import, its listings and their edit marks" bash -c "
  grep -q '^removed import $SRC, dir.csv (3 directory listings)$' rm.out && [ \"\$(store_sql '$DB' 'SELECT count(*) FROM businesses')\" = 0 ] &&
  [ \"\$(store_sql '$DB' 'SELECT count(*) FROM business_edits')\" = 0 ]"
"$SL" import businesses dir.csv -s "$DB" >/dev/null || exit 1
SRC=$(src_of)
"$SL" rm "$SRC" -s "$DB" >rm.out 2>&1
check "an import whose listings nobody edited is removed without the option" grep -q "^removed import $SRC, dir.csv (3 directory listings)$" rm.out

# ---- a corrected copy, and rows repeated within a file -----------------------
cat >v1.csv <<'CSV'
name,category,address,city,state,zip,website,phone,verification,source
Zoë's Bakery,Bakery,12 Main St,Brooklyn,NY,11201,https://zoes.example,555-0100,owner interview,Test list
D'Angelo's Tailoring,Tailor,3 Court St,Brooklyn,NY,11201,,555-0101,owner interview,Test list
Smith & Wesson-free Hardware,Hardware,9 Fulton St,Chicago,IL,60601,,,chamber of commerce,Test list
Zoë's Bakery,Bakery,12 Main St,Brooklyn,NY,11201,https://zoes.example,555-0100,owner interview,Test list
Kwame's Restaurant,Restaurant,1 King Dr,Chicago,IL,60615,,555-0104,owner interview,Test list
CSV
"$SL" import businesses v1.csv -s "$DB" >v1.out 2>v1.err
V1=$(src_of)
check "rows repeated within a file are kept, with a warning naming the count, the line, the name and the line it repeats" bash -c "
  grep -q '^imported 5 businesses from v1.csv$' v1.out &&
  grep -qF \"v1.csv:5: warning: 1 row repeats an earlier row of this file (the same name, address, city and state; e.g. line 5, \\\"Zoë's Bakery\\\", as line 2): kept\" v1.err &&
  grep -q 'sightline rm $V1' v1.err && [ \"\$(store_sql '$DB' \"SELECT count(*) FROM businesses WHERE source_id = $V1\")\" = 5 ]"
# the corrected copy: one row dropped, case, accents, spacing and punctuation changed
cat >v2.csv <<'CSV'
name,category,address,city,state,zip,website,phone,verification,source
ZOE'S   BAKERY,Bakery,12 Main St.,brooklyn,ny,11201,https://zoes.example,555-0100,owner interview,Test list
D’Angelo’s Tailoring,Tailor,3 Court St,Brooklyn,NY,11201,,555-0101,owner interview,Test list
Smith and Wesson free Hardware,Hardware,9 Fulton St,Chicago,IL,60601,,555-0199,chamber of commerce,Test list
Kwame's Restaurant,Restaurant,1 King Dr,Evanston,IL,60201,,555-0104,owner interview,Test list
CSV
before=$(store_dump "$DB")
"$SL" import businesses v2.csv -s "$DB" >v2.out 2>v2.err
rc=$?
after=$(store_dump "$DB")
ZOE=$(id_of "Zoë's Bakery")
check "a corrected copy is refused (exit 1), the store unchanged: how many, one, the import and sightline rm" bash -c "
  [ $rc = 1 ] && [ '$before' = '$after' ] && [ ! -s v2.out ] &&
  grep -qF \"v2.csv: 3 of the 4 businesses in this file are in the directory already, from import $V1 (v1.csv)\" v2.err &&
  grep -qF \"(e.g. line 2, \\\"ZOE'S BAKERY\\\", listed as /directory/$ZOE)\" v2.err &&
  grep -qF 'nothing was imported' v2.err && grep -qF '\`sightline rm $V1\`, then import it' v2.err && grep -qF 'import it with --replace' v2.err"
check "import businesses --help says how listings already in the directory and repeats are treated" bash -c "
  '$SL' import businesses --help | grep -q 'refuses the file' && '$SL' import businesses --help | grep -q 'are kept, each a listing'"
"$SL" rm "$V1" -s "$DB" >/dev/null 2>&1
"$SL" import businesses v2.csv -s "$DB" >v2.out 2>v2.err
check "after rm of the earlier import the corrected copy imports, 4 listings, no warning" bash -c "
  grep -q '^imported 4 businesses from v2.csv$' v2.out && [ ! -s v2.err ] &&
  [ \"\$(store_sql '$DB' 'SELECT count(*) FROM businesses')\" = 4 ]"
printf 'name,category,address,city,state\nZoë’s Bakery,Bakery,12 Main St,Queens,NY\n' >other.csv
check "the same name in another city is another business: it imports" bash -c "'$SL' import businesses other.csv -s '$DB' >/dev/null 2>&1"
printf 'name,category,address,city,state\nቡና ቤት,Cafe,1 Selam St,Oakland,CA\n' >am1.csv
printf 'name,category,address,city,state\nሻይ ቤት,Cafe,1 Selam St,Oakland,CA\n' >am2.csv
check "two names in another script at one address are two businesses" bash -c "
  '$SL' import businesses am1.csv -s '$DB' >/dev/null 2>&1 && '$SL' import businesses am2.csv -s '$DB' >/dev/null 2>&1"

# ---- a removed listing's number is never given again -------------------------
R=$(store r)
"$SL" import businesses v1.csv -s "$R" >/dev/null 2>&1 || exit 1
# a store made before the largest number given was kept: it goes on from its largest
store_sql "$R" "DELETE FROM meta WHERE key = 'last_listing_id'" >/dev/null
store_sql "$R" "SELECT id || '|' || name FROM businesses ORDER BY id" >ids1.txt
"$SL" rm "$(store_sql "$R" "SELECT max(id) FROM sources")" -s "$R" >/dev/null
"$SL" import businesses v2.csv -s "$R" >/dev/null 2>&1 || exit 1
store_sql "$R" "SELECT id || '|' || name FROM businesses ORDER BY id" >ids2.txt
check "after rm and a re-import no listing has a removed listing's number (also on a store made before they were kept)" \
  bash -c "[ \$(wc -l <ids1.txt) = 5 ] && [ \$(wc -l <ids2.txt) = 4 ] &&
  [ -z \"\$(comm -12 <(cut -d'|' -f1 ids1.txt | sort) <(cut -d'|' -f1 ids2.txt | sort))\" ] &&
  [ \"\$(head -1 ids2.txt | cut -d'|' -f1)\" = 6 ]"
OLD=$(grep "|D'Angelo's Tailoring$" ids1.txt | cut -d'|' -f1)
NEW=$(head -1 ids2.txt | cut -d'|' -f1)
"$SL" rm "$(store_sql "$R" "SELECT max(id) FROM sources")" -s "$R" >/dev/null
"$SL" import businesses v2.csv -s "$R" >/dev/null 2>&1 || exit 1
check "... also when the removed listings were the newest ones" \
  test "$(store_sql "$R" "SELECT min(id) FROM businesses")" = 10
TOKEN=$("$SL" campaign token -s "$R" 2>/dev/null)
serve_start "$R" || exit 1
export U; export -f status
curl -s -D old.h "$U/directory/$OLD" >old.html
check "an old link ($OLD) answers 404, a page saying the listing was removed, not another business" bash -c "
  head -1 old.h | grep -q ' 404' && grep -q '<h1>This listing was removed from the directory</h1>' old.html &&
  ! grep -q 'Tailoring' old.html && grep -q 'href=\"/directory\"' old.html"
check "... as does the link of a listing removed with the newest ($NEW)" bash -c "
  curl -s '$U/directory/$NEW' | grep -q 'This listing was removed' && [ \$(status /directory/$NEW) = 404 ]"
check "a number never given is 'No such listing', 404" bash -c "
  [ \$(status /directory/999) = 404 ] && curl -s '$U/directory/999' | grep -q '<h1>No such listing</h1>'"
check "a listing now in the directory answers 200" test "$(status /directory/10)" = 200

# ---- removing one listing in /admin -------------------------------------------
DB=$R
admin_login
TAIL=$(id_of "Smith and Wesson free Hardware")
admin_post /admin/listing "id=$TAIL" "name=Smith and Wesson free Hardware" category=Hardware "address=9 Fulton St" \
  city=Chicago state=IL zip=60601 phone=555-0199 >/dev/null
curl -s -b jar "$U/admin/listing?id=$TAIL" >edit.html
check "the edit page has a Remove button, a GET to the confirmation" \
  grep -qF "<form method=\"get\" action=\"/admin/remove\"><input type=\"hidden\" name=\"id\" value=\"$TAIL\">" edit.html
curl -s -b jar "$U/admin/remove?id=$TAIL" >confirm.html
check "the confirmation names the listing and posts with the CSRF token and confirm=yes; opening it removes nothing" bash -c "
  grep -qF 'Remove listing $TAIL, <strong>Smith and Wesson free Hardware</strong> (Chicago, IL)' confirm.html &&
  grep -qF '<form method=\"post\" action=\"/admin/remove\"><input type=\"hidden\" name=\"csrf\" value=\"$CSRF\">' confirm.html &&
  grep -qF 'name=\"confirm\" value=\"yes\"' confirm.html && [ \$(status /directory/$TAIL) = 200 ]"
check "without a session the confirmation is refused" test "$(status "/admin/remove?id=$TAIL")" = 403
check "a removal without the CSRF token is refused (403), the listing kept" bash -c "
  [ \$(status /admin/remove -b jar -X POST -H 'Origin: $U' -d 'id=$TAIL&confirm=yes') = 403 ] && [ \$(status /directory/$TAIL) = 200 ]"
admin_post /admin/remove "id=$TAIL" >noconfirm.html
check "a removal without confirm=yes removes nothing and says so" bash -c "
  grep -q 'a removal is confirmed on its page; nothing was removed' noconfirm.html && [ \$(status /directory/$TAIL) = 200 ]"
admin_post /admin/remove "id=$TAIL" confirm=yes >removed.html
check "confirmed, the listing is removed and the page says which" bash -c "
  grep -qF 'Listing $TAIL, “Smith and Wesson free Hardware”, is removed from the directory' removed.html &&
  [ \$(status /directory/$TAIL) = 404 ] && curl -s '$U/directory/$TAIL' | grep -q 'This listing was removed' &&
  ! curl -s '$U/directory?q=wesson' | grep -q 'Wesson' && [ -z \"\$(store_sql '$DB' 'SELECT id FROM businesses WHERE id = $TAIL')\" ] &&
  [ \"\$(store_sql '$DB' 'SELECT count(*) FROM business_edits WHERE id = $TAIL')\" = 0 ]"
admin_post /admin/remove "id=$TAIL" confirm=yes >again.html
check "removing it again: no listing with this number" grep -q 'There is no listing with this number; nothing was removed.' again.html
check "businesses --help says how to remove a listing" bash -c "'$SL' businesses --help | grep -q 'Remove'"
serve_stop
"$SL" rm "$(store_sql "$R" "SELECT max(id) FROM sources")" -s "$R" >rm.out 2>&1
check "rm of its import then removes the other three, without asking (the edited one is gone)" grep -q 'removed import .* (3 directory listings)$' rm.out

# ---- a name alone is no listing ------------------------------------------------
N=$(store n)
printf 'name,category,city,state\nKept Shop,Food,Chicago,IL\n' >kept.csv
"$SL" import businesses kept.csv -s "$N" >/dev/null || exit 1
printf 'name,category,website\nLonely Name,,\nOther,,\n' >names.csv
before=$(store_dump "$N")
"$SL" import businesses names.csv -s "$N" >names.out 2>names.err
rc=$?
after=$(store_dump "$N")
check "a file of rows with a name only is refused, each named at its line (exit 1), nothing imported" bash -c "
  [ $rc = 1 ] && grep -qF \"names.csv:2: warning: row skipped: a listing needs a name and at least one of category, address, website or phone ('Lonely Name' has none of them)\" names.err &&
  grep -qF 'names.csv:3: warning: row skipped:' names.err &&
  grep -q '^sightline: names.csv:2: no business could be imported: all 2 rows of the file were refused' names.err &&
  [ ! -s names.out ] && [ '$before' = '$after' ]"
printf 'name,category,address,city,state,phone\nGood Shop,Food,1 A St,Chicago,IL,\nAlso Good,,,Chicago,IL,555-0100\n  Blank Row  ,  ,  ,Chicago,IL,  \n' >mixed.csv
"$SL" import businesses mixed.csv -s "$N" >/dev/null 2>mixed.err
rc=$?
check "... among good rows, white space counting as nothing: line 4 skipped, the good rows imported" bash -c "
  [ $rc = 0 ] && grep -q '^sightline: mixed.csv:4: warning: row skipped: a listing needs' mixed.err &&
  [ \"\$(store_sql '$N' 'SELECT name FROM businesses ORDER BY id' | tr '\n' '|')\" = 'Kept Shop|Good Shop|Also Good|' ]"
cat >names.geojson <<'JSON'
{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"Has One","category":"Cafe"},"geometry":null},
 {"type":"Feature","properties":{"name":"Name Only"},"geometry":{"type":"Point","coordinates":[-87.6,41.8]}}]}
JSON
"$SL" import businesses names.geojson -s "$N" >/dev/null 2>geo.err
check "... and in GeoJSON at its feature number" grep -q "^sightline: names.geojson:2: warning: row skipped: a listing needs" geo.err
printf 'name=Only+A+Name&city=Chicago&state=IL&verification=I+shop+there' >sug.txt
"$SL" campaign suggest --form sug.txt -s "$N" >/dev/null 2>sug.err
check "a suggestion with a name only is refused, saying what it needs" grep -q 'please give at least one of category, address, website or phone' sug.err
TOKEN=$("$SL" campaign token -s "$N" 2>/dev/null)
DB=$N
serve_start "$N" || exit 1
admin_login
KEPT=$(id_of "Kept Shop")
admin_post /admin/listing "id=$KEPT" "name=Kept Shop" category= city=Chicago state=IL >nameonly.html
check "an edit in /admin that leaves a name only is refused, the listing unchanged" bash -c "
  grep -q 'please give at least one of category, address, website or phone' nameonly.html &&
  [ \"\$(store_sql '$N' 'SELECT category FROM businesses WHERE id = $KEPT')\" = Food ]"
serve_stop

# ---- one reading of each field -------------------------------------------------
F=$(store f)
cat >messy.csv <<'CSV'
name,category,address,city,state,website
   Spaces   Galore  ,Books,1 Elm St,Baltimore,md,HTTPS://SPACES.EXAMPLE
Best Books,Books,2 Elm St,Baltimore,MD,www.bestbooks.example
B29 Diner,Food,3 Elm St,Baltimore,MD,b29.example/menu
Cookie Jar,Bakery,4 Elm St,Baltimore,MD,javascript:alert(document.cookie)
Data Shop,Shop,5 Elm St,Baltimore,MD,"data:text/html,<script>alert(1)</script>"
Files Inc,Shop,6 Elm St,Baltimore,MD,ftp://files.example
CSV
"$SL" import businesses messy.csv -s "$F" >messy.out 2>messy.err
check "websites that are no web address are kept, counted in a warning with the first line and one" bash -c "
  grep -q '^imported 6 businesses from messy.csv$' messy.out &&
  grep -qF \"messy.csv:5: warning: 3 websites are not web addresses (e.g. 'javascript:alert(document.cookie)'): kept, shown as text and never linked\" messy.err"
check "HTTPS://X and host names are web addresses, https:// put before a host; the others kept as typed" test \
  "$(store_sql "$F" "SELECT website FROM businesses ORDER BY id" | tr '\n' '|')" = \
  "https://SPACES.EXAMPLE|https://www.bestbooks.example|https://b29.example/menu|javascript:alert(document.cookie)|data:text/html,<script>alert(1)</script>|ftp://files.example|"
check "names are trimmed (inner runs one space), states upper-cased" bash -c "
  [ \"\$(store_sql '$F' 'SELECT name FROM businesses ORDER BY id LIMIT 1')\" = 'Spaces Galore' ] &&
  [ \"\$(store_sql '$F' 'SELECT DISTINCT state FROM businesses')\" = MD ]"
# a directory of 500 with 7 typo'd states: the 493 others are imported, the
# first 5 typos named at their lines, all 7 counted (in a store of its own)
Z=$(store z)
{ echo 'name,category,city,state'
  for i in $(seq 1 500); do
    case $i in 10|20|30|40|50|60|70) echo "Shop $i,Food,Chicago,ZZ" ;; *) echo "Shop $i,Food,Chicago,IL" ;; esac
  done; } >zz.csv
"$SL" import businesses zz.csv -s "$Z" >zz.out 2>zz.err
rc=$?
check "a state that is no US postal code skips its row: of 500 rows with 7 typos, 493 imported (exit 0), the first 5 named with their lines" bash -c "
  [ $rc = 0 ] && grep -qx 'imported 493 businesses from zz.csv; skipped 7 rows' zz.out &&
  grep -qF \"sightline: zz.csv:11: warning: row skipped: the state 'ZZ' is not a US postal code (IL, NY, PR...)\" zz.err &&
  [ \$(grep -c 'warning: row skipped:' zz.err) = 5 ] && grep -q 'zz.csv:51: warning: row skipped' zz.err &&
  ! grep -q 'zz.csv:61:' zz.err && grep -q 'zz.csv: warning: 7 rows skipped, each for a problem of its own (the first 5 above)' zz.err &&
  grep -q 'sightline rm [0-9]' zz.err && [ \$(store_sql '$Z' 'SELECT count(*) FROM businesses') = 493 ] &&
  [ \$(store_sql '$Z' \"SELECT count(*) FROM businesses WHERE name IN ('Shop 10', 'Shop 70')\") = 0 ]"
printf 'title,city,state\nA,Chicago,IL\n' >nodir.csv
before=$(store_dump "$Z")
"$SL" import businesses nodir.csv -s "$Z" >/dev/null 2>nodir.err
rc=$?
after=$(store_dump "$Z")
check "... while a file without a name column is still refused whole, the store unchanged" bash -c "
  [ $rc = 1 ] && grep -q '^sightline: nodir.csv:1: no name column' nodir.err && [ '$before' = '$after' ]"
# a listing of an older import, stored as it was given
store_sql "$F" "UPDATE businesses SET state = 'md', website = 'www.old.example' WHERE name = 'Best Books'" >/dev/null
TOKEN=$("$SL" campaign token -s "$F" 2>/dev/null)
DB=$F
serve_start "$F" || exit 1
export U; export -f status
check "the State menu offers MD once, though an older import stored md" test \
  "$(curl -s "$U/directory" | grep -o '<option value="[^"]*">[^<]*</option>' | grep -ci '>md<')" = 1
BEST=$(id_of "Best Books")
check "a listing's page links a host name as https://, a stored www. one too" \
  bash -c "curl -s '$U/directory/$BEST' | grep -qF '<a href=\"https://www.old.example\" rel=\"noopener noreferrer nofollow\">www.old.example</a>'"
check "... and never links ftp:, data: or javascript:" bash -c "
  for n in 'Files Inc' 'Data Shop' 'Cookie Jar'; do id=\$(store_sql '$F' \"SELECT id FROM businesses WHERE name = '\$n'\");
    curl -s \"$U/directory/\$id\" | grep -q 'not a web address; not linked' || exit 1; done
  ! curl -s '$U/directory?q=shop' | grep -qiE 'href=\"(ftp|data|javascript)'"
admin_login
SPACES=$(id_of "Spaces Galore")
admin_post /admin/listing "id=$SPACES" "name=  Spaces Galore  " category=Books "address=1 Elm St" city=Baltimore state=md \
  website=www.spaces.example >e1.html
check "the edit form takes what the importer takes: www. becomes https://, md becomes MD, the name trimmed" bash -c "
  grep -q 'The listing is saved.' e1.html &&
  [ \"\$(store_sql '$F' 'SELECT name, state, website FROM businesses WHERE id = $SPACES')\" = 'Spaces Galore|MD|https://www.spaces.example' ]"
admin_post /admin/listing "id=$SPACES" "name=Spaces Galore" category=Books city=Baltimore state=MD website=ftp://files.example >e2.html
check "... and saves an ftp: website as the importer keeps it, saying it is not linked" bash -c "
  grep -q 'Its website, “ftp://files.example”, is not a web address: its page shows it as text, never as a link.' e2.html &&
  [ \"\$(store_sql '$F' 'SELECT website FROM businesses WHERE id = $SPACES')\" = ftp://files.example ]"
curl -s -b jar "$U/admin/listing?id=$SPACES" >form.html
check "the website field is text, not a browser url field that refuses www." \
  grep -qF 'name="website" type="text" inputmode="url"' form.html
curl -s -o e3.html -w '%{http_code}' -b jar -X POST -H "Origin: $U" --data-urlencode "csrf=$CSRF" --data-urlencode "id=$SPACES" \
  --data-urlencode "name=Spaces Galore Renamed" --data-urlencode "category=Books & Maps" --data-urlencode "state=ZZ" \
  --data-urlencode "city=Baltimore" "$U/admin/listing" >e3.code
check "a refused edit (state ZZ) shows the form again with what was typed, the state marked, nothing saved" bash -c "
  [ \$(cat e3.code) = 400 ] && grep -q 'Not saved: a state is its two-letter postal code' e3.html &&
  grep -qF 'name=\"name\" type=\"text\" value=\"Spaces Galore Renamed\"' e3.html &&
  grep -qF 'name=\"category\" type=\"text\" value=\"Books &amp; Maps\"' e3.html &&
  grep -qF 'name=\"state\" type=\"text\" aria-invalid=\"true\" aria-describedby=\"form-error\" autofocus value=\"ZZ\"' e3.html &&
  [ \"\$(store_sql '$F' 'SELECT name FROM businesses WHERE id = $SPACES')\" = 'Spaces Galore' ]"
serve_stop
printf 'name=Upper+Case+Books&category=Books&state=il&website=HTTPS%%3A%%2F%%2FUPPER.EXAMPLE' >sug6.txt
"$SL" campaign suggest --form sug6.txt -s "$F" >/dev/null 2>sug6.err
check "a suggestion takes HTTPS://X and il as the importer does" test \
  "$(store_sql "$F" "SELECT state || ' ' || website FROM business_suggestions WHERE name = 'Upper Case Books'")" = "IL https://UPPER.EXAMPLE"

# Columns the directory does not keep are named at import, not dropped unsaid
# (CSV header and GeoJSON properties); a file of known columns draws no note.
printf 'name,category,city,state,description,Email,website\nCol Books,Books,Oakland,CA,A shop,owner@example.org,https://col.example\n' >cols.csv
C=$(store cols)
"$SL" import businesses cols.csv -s "$C" >/dev/null 2>cols.err
check "columns no field reads are named at import (description, Email), the listing kept" bash -c "
  grep -qF 'note: columns not read: description, Email. A listing keeps a name, category' cols.err &&
  [ \"\$(store_sql '$C' 'SELECT count(*) FROM businesses')\" = 1 ]"
printf '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"name":"Geo Books","category":"Books","hours":"9-5"}}]}' >cols.geojson
"$SL" import businesses cols.geojson -s "$C" >/dev/null 2>colsgeo.err
check "... and a GeoJSON's properties (hours)" grep -qF 'note: columns not read: hours.' colsgeo.err
D2=$(store known)
"$SL" import businesses dir.csv -s "$D2" >/dev/null 2>known.err
check "... while a file of known columns draws no note" bash -c "! grep -q 'columns not read' known.err"
finish
