#!/usr/bin/env bash
# serve_directory.sh — the directory and the organisers' area of `sightline
# serve` (issue #16 points 5 and 6), over curl on loopback: search by words,
# category, state and near a county or a point return the expected listings
# of a small fixture, in pages; a listing's page shows hostile names as text
# and never links a javascript: website; /admin refuses without a session,
# from another machine (unless --admin-bind) and with a wrong token; the
# login sets an HttpOnly, SameSite=Strict cookie; POSTs need the Origin and
# the CSRF token; the export is formula-safe with consented signers only;
# find shows a signer by address (never the name); erasure leaves no row holding the address (on SQLite no byte
# of it in the store file); an approved
# suggestion appears in /directory; no email reaches the access log.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: curl missing" >&2; exit 77; }
command -v sqlite3 >/dev/null || { echo "SKIPPED: sqlite3 missing" >&2; exit 77; }
FX=$SL_FIXTURES/directory
cd "$WORK" || exit 1
DB=$(store d)
"$SL" import businesses "$FX/businesses.csv" -s "$DB" >/dev/null || { echo "import failed"; exit 1; }
"$SL" import areas "$FX/counties.geojson" --set counties --id id --name name -s "$DB" >/dev/null || exit 1
"$SL" campaign init --config "$SL_FIXTURES/campaign/campaign.conf" -s "$DB" >/dev/null || exit 1
NOW=$(date +%s)
pledge() { printf '%s' "$1" >form.txt; "$SL" campaign pledge --form form.txt --now "$NOW" -s "$DB" >/dev/null; }
confirm() { # confirm EMAIL: the token of its newest link
  local t; t=$(store_sql "$DB" "SELECT o.body FROM outbox o JOIN pledges p ON p.id=o.pledge_id WHERE p.email='$1'
    ORDER BY o.id DESC LIMIT 1" | grep -o 'token=[A-Za-z0-9_-]*' | cut -d= -f2)
  "$SL" campaign confirm --token "$t" --now "$NOW" -s "$DB" >/dev/null
}
pledge "email=ann.consent%40example.org&name=Ann+Adams&state=NY&county=36061&commitment=cancel-ring&consent=on"
pledge "email=bob.noconsent%40example.org&name=Bob+Brown&state=NY&county=36061"
pledge "email=cat.unconfirmed%40example.org&name=Cat+Cole&state=IL&county=17031&consent=on"
pledge "email=dan.formula%40example.org&name=%3Dcmd%7C%27+%2FC+calc%27%21A0&state=IL&county=17031&consent=on"
confirm ann.consent@example.org; confirm bob.noconsent@example.org; confirm dan.formula@example.org
# the suggester's own words hold their address and markup: for the
# organisers' eyes, never a public page
printf 'name=Tea+House+Pending&category=Cafe&address=12+Elm+St&city=Chicago&state=IL&zip=60601&phone=312-555-0199&verification=I+know+the+owner%%2C+email+me+at+carol%%40example.com&note=%%3Cb%%3Ehi%%3C%%2Fb%%3E&lat=41.88&lon=-87.63' >sug.txt
"$SL" campaign suggest --form sug.txt -s "$DB" >/dev/null || exit 1
printf 'name=Corner+Bakery+Nowhere&category=Bakery&city=Chicago&state=IL&verification=I+shop+there' >sug2.txt
"$SL" campaign suggest --form sug2.txt -s "$DB" >/dev/null || exit 1
# "ZZ" is two letters and no state: it was thanked and queued
printf 'name=Nowhere+Shop&category=Cafe&state=ZZ&verification=x' >sug3.txt
"$SL" campaign suggest --form sug3.txt -s "$DB" >/dev/null 2>sug3.err
check "a suggestion with state ZZ is refused, naming a postal code" bash -c "
  [ $? = 1 ] && grep -q 'two-letter postal code' sug3.err && [ \"\$(store_sql '$DB' \"SELECT count(*) FROM business_suggestions WHERE name='Nowhere Shop'\")\" = 0 ]"
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)
export TOKEN
check "campaign token prints a 43-character token and stores only its hash" bash -c "
  [ \${#TOKEN} = 43 ] && store_text '$DB' >rows0.txt && grep -q admin_token_sha256 rows0.txt && ! grep -qaF -- '$TOKEN' rows0.txt &&
  [ \"\$(store_sql '$DB' \"SELECT value FROM meta WHERE key='admin_token_sha256'\")\" = \"\$(printf %s '$TOKEN' | sha256sum | cut -c1-64)\" ]"

serve_start "$DB" || exit 1
names() { # names QUERY: the listing names of /directory?QUERY, one per line
  curl -s --max-time 20 "$U/directory?$1" | sed -n 's|.*<li><a href="/directory/[0-9]*">\(.*\)</a> <span.*|\1|p'
}
h2() { curl -s --max-time 20 "$U/directory?$1" | sed -n 's|.*<h2 id="h-results">\(.*\)</h2>.*|\1|p'; }
sorts() { curl -s --max-time 20 "$U/directory?$1" | sed -n 's|.*<select id="d-sort" name="sort">\(.*\)</select>.*|\1|p' | grep -o '>[^<]*</option>' | tr '\n' '|'; }
export U; export -f names h2 status sorts  # for the checks run by bash -c

# ---- search --------------------------------------------------------------
check "the Order menu offers no two alike: one choice without a search, two with words or a place" bash -c "
  [ \"\$(sorts '')\" = '>By name</option>|' ] && [ \"\$(sorts 'q=bak')\" = '>Best match first</option>|>By name</option>|' ] &&
  [ \"\$(sorts 'county=17031&km=30')\" = '>Nearest first</option>|>By name</option>|' ]"
check "words: 'harlem' finds Harlem Books alone" test "$(names 'q=harlem')" = "Harlem Books"
check "words as prefixes: 'bak' finds 24 bakeries (22 + 2 formula/sisters), first page of 20" \
  bash -c "[ \"\$(h2 'q=bak')\" = '24 listings' ] && [ \$(names 'q=bak' | wc -l) = 20 ]"
check "page 2 holds the rest" test "$(names 'q=bak&page=2' | wc -l)" = 4
check "category is a whole value: Hardware gives the two hardware stores by name" \
  test "$(names 'category=hardware' | tr '\n' '|')" = "Kings Hardware|South Side Hardware|"
check "state: CA gives the two California listings" \
  test "$(names 'state=CA' | tr '\n' '|')" = "Crenshaw Coffee|Mobile Barber|"
check "near a county: within 30 km of Cook County, nothing of New York" bash -c "
  n=\$(names 'county=17031&km=30'); [[ \"\$n\" == *'South Side Hardware'* ]] && [[ \"\$n\" != *Brooklyn* ]] && [[ \"\$n\" != *Sisters* ]]"
check "near a county is its polygon, not its centre: inside first (a listing 42 km from the centre included), then 5.8 km past the edge; 13.3 km out is not" bash -c "
  n=\$(names 'county=17031&km=10'); [ \"\$(printf '%s\\n' \"\$n\" | tail -1)\" = 'Lakeshore Tailor' ] &&
  [[ \"\$n\" == *'Palatine Florist'* ]] && [[ \"\$n\" == *'South Side Hardware'* ]] && [[ \"\$n\" != *Grocer* ]] &&
  curl -s --max-time 20 \"\$U/directory?county=17031&km=10\" | grep -q 'Lakeshore Tailor</a> <span.*· 5\\.8 km' &&
  curl -s --max-time 20 \"\$U/directory?county=17031&km=10\" | grep -q 'Palatine Florist</a> <span.*· in the county<' &&
  [ \"\$(h2 'county=17031&km=14')\" = '6 listings within 14 km of Cook County' ]"
check "sightline businesses --county gives the same listings and distances as the page" bash -c "
  \"\$SL\" businesses --county 17031 --km 10 --json -s '$DB' >cli.json &&
  python3 -c \"
import json; d=json.load(open('cli.json')); b=d['businesses']
assert d['query']['near']=={'set':'counties','area':'17031','km':10.0}, d['query']
assert [x['distance_km'] for x in b[:-1]]==[0]*(len(b)-1) and b[-1]['name']=='Lakeshore Tailor' and abs(b[-1]['distance_km']-5.82)<0.01, b
assert 'Palatine Florist' in [x['name'] for x in b]\" &&
  [ \"\$(python3 -c \"import json; print(json.load(open('cli.json'))['count'])\") listings within 10 km of Cook County\" = \"\$(h2 'county=17031&km=10')\" ]"
check "--county: an unknown area, or with --near, is a usage error (without --km it is within 25 km: cli_counts.sh)" bash -c "
  \"\$SL\" businesses --county 99999 --km 5 -s '$DB' >/dev/null 2>&1; [ \$? = 2 ] &&
  { \"\$SL\" businesses --county 17031 --near 41,-87 --km 5 -s '$DB' >/dev/null 2>&1; [ \$? = 2 ]; }"
check "the page says what near a county means" bash -c "curl -s --max-time 20 \"\$U/directory\" | grep -q 'inside the county or within the chosen distance of its border'"
check "near a county names it in the heading" bash -c "h2 'county=36047&km=10' | grep -q 'within 10 km of Kings County'"
check "near a point (the browser's location): nearest first" \
  test "$(names 'lat=40.8075&lon=-73.9456&km=2' | head -1)" = "Harlem Books"
check "a listing without coordinates is never near anything" bash -c "! names 'state=CA&lat=37.8&lon=-122.27&km=50' | grep -q Barber"
check "sort=name orders by name" bash -c "names 'q=fulton&sort=name' | head -3 | tr '\n' '|' | grep -q '^Fulton Bakery No. 01|Fulton Bakery No. 02|Fulton Bakery No. 03|$'"
check "a bad parameter is 400, an unknown one too" bash -c "[ \$(status '/directory?lat=95&lon=0') = 400 ] && [ \$(status '/directory?colour=red') = 400 ]"
check "an unknown county is 400" test "$(status '/directory?county=99999')" = 400
curl -s "$U/api/directory?category=hardware" >map.json
check "/api/directory gives the map's points" python3 -c "
import json; d=json.load(open('map.json'))
assert d['count']==2 and sorted(b['name'] for b in d['businesses'])==['Kings Hardware','South Side Hardware'], d
assert all(set(b)=={'id','name','category','lat','lon','approximate'} for b in d['businesses'])"
curl -s "$U/api/directory" >all.json
check "/api/directory leaves out listings without coordinates" python3 -c "
import json; d=json.load(open('all.json')); assert d['count']==33 and 'Mobile Barber' not in [b['name'] for b in d['businesses']]"
check "FTS5 syntax typed into the search is plain words, never an error" test "$(status '/directory?q=NEAR(%22x%22+OR)+*+name:')" = 200
check "a search that finds nothing says so" test "$(h2 'q=zzqqxx')" = "No listing matches"
# ... and what to try: "No listing matches" alone reads as a broken search.
curl -s --max-time 20 "$U/directory?q=bakry" >none.html
curl -s --max-time 20 "$U/directory?state=ZZ&category=hardware" >none2.html
check "... with what to try: shorter words or another spelling, all listings, a suggestion" bash -c "
  grep -q '<p class=\"no-match\">Every word must match the start of a word in a listing' none.html &&
  grep -q 'try fewer or shorter words, or another spelling' none.html && grep -q '<a href=\"/directory\">See all 34 listings</a>' none.html &&
  grep -q 'href=\"/directory/suggest\">Suggest it' none.html && ! grep -q 'category, state or distance' none.html"
check "... and, with filters and no words, that the filters may rule the rest out" bash -c "
  grep -q 'The category, state or distance chosen may rule the rest out' none2.html && ! grep -q 'Every word must' none2.html"

# ---- a listing's page ----------------------------------------------------
id_of() { store_sql "$DB" "SELECT id FROM businesses WHERE substr(name, 1, length('$1')) = '$1' ORDER BY id LIMIT 1"; }
curl -s "$U/directory/$(id_of '<script>')" >script.html
curl -s "$U/directory/$(id_of '">')" >img.html
curl -s "$U/directory/$(id_of 'Sisters')" >sisters.html
check "the hostile names are listings of their own" bash -c "grep -q '<h1>&lt;script&gt;' script.html && grep -q '<h1>&quot;&gt;&lt;img' img.html"
check "a name holding <script> is text" bash -c "grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; Cafe' script.html && ! grep -qF '<script>alert' script.html"
check "a name holding an <img onerror> is text" bash -c "grep -qF '&quot;&gt;&lt;img src=x onerror=alert(2)&gt;' img.html && ! grep -q '<img' img.html"
check "a javascript: website is shown, never linked" bash -c "grep -qF 'javascript:alert(1) <span' script.html && ! grep -qi 'href=\"javascript' script.html"
check "the way back reads 'Back to the directory', its arrow hidden from a screen reader" \
  grep -qF '<a href="/directory"><span aria-hidden="true">← </span>Back to the directory</a>' sisters.html
check "an http(s) website is a link with rel=noopener" grep -qF '<a href="https://sisters.example" rel="noopener noreferrer nofollow">' sisters.html
check "the listing page shows category, address, phone, verification and source" bash -c "
  grep -q '<dd>Bakery</dd>' sisters.html && grep -q '12 Main St, Brooklyn, NY 11201' sisters.html &&
  grep -q '555-0100' sisters.html && grep -q '<dd>owner interview</dd>' sisters.html && grep -q 'Fictional test list' sisters.html"
check "no listing: 404; a number that is not one: 404" bash -c "[ \$(status /directory/9999) = 404 ] && [ \$(status /directory/1x) = 404 ]"
curl -sI "$U/directory" >head.txt
check "pages carry the CSP default-src 'self' and nosniff" bash -c "grep -qi \"^content-security-policy: default-src 'self'\" head.txt && grep -qi '^x-content-type-options: nosniff' head.txt"
check "the directory's pages have no inline script or style" bash -c "! grep -Eq '<script>|<style|style=\"| on[a-z]+=\"' sisters.html"
check "a POST to the directory is 405" test "$(status /directory -X POST -d q=x)" = 405

# ---- the organisers' area ------------------------------------------------
O=(-H "Origin: $U")
check "without a session /admin sends to the login" bash -c "curl -s -o /dev/null -w '%{http_code} %{redirect_url}' '$U/admin' | grep -q '^303 .*/admin/login$'"
check "without a session the export is refused" test "$(status /admin/export.csv)" = 403
check "without a session an erase is refused" test "$(status /admin/erase -X POST "${O[@]}" -d email=ann.consent%40example.org)" = 403
check "a wrong token is refused" test "$(status /admin/login -X POST "${O[@]}" -d token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA)" = 403
check "the right token from another site (Origin) is refused" \
  test "$(status /admin/login -X POST -H 'Origin: https://evil.example' --data-urlencode "token=$TOKEN")" = 403
check "the right token without an Origin is refused" test "$(status /admin/login -X POST --data-urlencode "token=$TOKEN")" = 403
curl -s -D login.h -o /dev/null -c jar -X POST "${O[@]}" --data-urlencode "token=$TOKEN" "$U/admin/login"
check "login sets an HttpOnly, SameSite=Strict cookie scoped to /admin" \
  grep -Eqi '^set-cookie: sl_admin=[A-Za-z0-9_-]{43}; Path=/admin; HttpOnly; SameSite=Strict' login.h
check "admin answers are never cached" bash -c "grep -qi '^cache-control: no-store' login.h &&
  curl -s -D - -o /dev/null -b jar '$U/admin' | grep -qi '^cache-control: no-store'"
curl -s -b jar "$U/admin" >admin.html
CSRF=$(sed -n 's|.*name="csrf" value="\([^"]*\)".*|\1|p' admin.html | head -1)
export CSRF
check "the admin page lists the pending suggestion with the CSRF token" bash -c "grep -q 'Tea House Pending' admin.html && [ \${#CSRF} = 43 ]"
check "the admin page shows all the suggester sent: address, ZIP, phone, their words and note (escaped)" bash -c "
  grep -qF '12 Elm St, Chicago, IL 60601' admin.html && grep -qF '312-555-0199' admin.html &&
  grep -qF 'I know the owner, email me at carol@example.com' admin.html && grep -qF '&lt;b&gt;hi&lt;/b&gt;' admin.html &&
  ! grep -qF '<b>hi' admin.html"
check "a suggestion without coordinates is said to stay off the map and 'near' searches until some are added" \
  bash -c "grep 'Corner Bakery Nowhere' admin.html | grep -q 'No coordinates: once approved, not on the map' &&
  ! grep 'Tea House Pending' admin.html | grep -q 'No coordinates'"
curl -s -b jar -D exp.h "$U/admin/export.csv" >export.csv
check "export: consented confirmed signers only, with CRM columns" python3 - <<'PY'
import csv
rows = list(csv.reader(open('export.csv')))
assert rows[0][:3] == ['email', 'first_name', 'last_name'], rows[0]
emails = sorted(r[0] for r in rows[1:])
assert emails == ['ann.consent@example.org', 'dan.formula@example.org'], emails
PY
check "export: a name that is a formula is neutralised" bash -c "grep -q \"'=cmd\" export.csv && ! grep -q ',=cmd' export.csv"
check "export is an attachment, never cached" bash -c "grep -qi '^content-disposition: attachment' exp.h && grep -qi '^cache-control: no-store' exp.h"
check "a POST without the CSRF token is refused" \
  test "$(status /admin/erase -b jar -X POST "${O[@]}" -d email=ann.consent%40example.org)" = 403
check "a POST with a wrong CSRF token is refused" \
  test "$(status /admin/erase -b jar -X POST "${O[@]}" -d "csrf=${CSRF}x&email=ann.consent%40example.org")" = 403
check "a POST with the session but from another Origin is refused" \
  test "$(status /admin/erase -b jar -X POST -H 'Origin: http://evil.example' -d "csrf=$CSRF&email=ann.consent%40example.org")" = 403
check "the refused POSTs erased nothing" test "$(store_sql "$DB" "SELECT count(*) FROM pledges WHERE email='ann.consent@example.org'")" = 1
curl -s -b jar -X POST "${O[@]}" --data-urlencode "csrf=$CSRF" --data-urlencode "email=ANN.consent@example.org" "$U/admin/find" >find.html
check "find: the signer of an address in any case, with an erase button, and never their name" bash -c "
  grep -q '<dd>ann.consent@example.org</dd>' find.html && grep -q 'action=\"/admin/erase\"' find.html && ! grep -q 'Adams' find.html"
check "find names the signer's county as the export does, not its code" grep -q '<dt>State, county</dt><dd>NY, New York County</dd>' find.html
check "find: an unknown address says so" bash -c "curl -s -b jar -X POST -H 'Origin: $U' --data-urlencode 'csrf=$CSRF' \
  --data-urlencode 'email=nobody@example.org' '$U/admin/find' | grep -q 'No pledge has this address'"
curl -s -b jar -X POST "${O[@]}" --data-urlencode "csrf=$CSRF" --data-urlencode "email=Ann.Consent@Example.org" "$U/admin/erase" >erase.html
check "erase reports the signer erased" grep -q 'pledge and messages are erased' erase.html
check "erase leaves the address and the name in no row of the store" bash -c "
  store_text '$DB' >rows.txt && grep -qaF 'Tea House Pending' rows.txt && ! grep -qaiF 'ann.consent' rows.txt && ! grep -qaF 'Ann Adams' rows.txt"
if sqlite_only "no byte of an erased address in the store file (PostgreSQL overwrites a deleted row's space at VACUUM)"; then
  check "erase leaves no byte of the address or the name in the store file" bash -c "
    ! grep -qaiF 'ann.consent' '$DB' '$DB-wal' 2>/dev/null && ! grep -qaF 'Ann Adams' '$DB' '$DB-wal' 2>/dev/null"
fi
check "the erasure is logged, without personal data" test "$(store_sql "$DB" "SELECT count(*) FROM erasures")" = 1
check "erasing an unknown address changes nothing and says so" bash -c "
  curl -s -b jar -X POST -H 'Origin: $U' --data-urlencode 'csrf=$CSRF' --data-urlencode 'email=nobody@example.org' '$U/admin/erase' | grep -q 'No pledge has this address'"
SUG=$(store_sql "$DB" "SELECT id FROM business_suggestions WHERE name='Tea House Pending'")
check "before approval the suggestion is not in the directory" test -z "$(names 'q=tea+house')"
curl -s -b jar -X POST "${O[@]}" -d "csrf=$CSRF&id=$SUG&action=approve" "$U/admin/decide" >decide.html
check "approve: the suggestion appears in /directory" bash -c "grep -q 'Approved: “Tea House Pending” is listing' decide.html && [ \"\$(names 'q=tea+house')\" = 'Tea House Pending' ]"
TID=$(id_of 'Tea House Pending')
check "... and the page names the listing ($TID) with a link to edit it (to add coordinates)" bash -c "
  grep -q 'Approved: “Tea House Pending” is listing $TID of the directory. <a href=\"/admin/listing?id=$TID\">Edit listing $TID</a>' decide.html"
SUG2=$(store_sql "$DB" "SELECT id FROM business_suggestions WHERE name='Corner Bakery Nowhere'")
curl -s -b jar -X POST "${O[@]}" -d "csrf=$CSRF&id=$SUG2&action=approve" "$U/admin/decide" >decide2.html
BID=$(id_of 'Corner Bakery Nowhere')
check "approving the one without coordinates links its listing ($BID) too, whose edit form opens" bash -c "
  grep -q '<a href=\"/admin/listing?id=$BID\">Edit listing $BID</a>' decide2.html &&
  curl -s -b jar '$U/admin/listing?id=$BID' | grep -q 'value=\"Corner Bakery Nowhere\"'"
check "campaign approve names the listing too" bash -c "
  printf 'name=Cli+Cafe&category=Cafe&city=Chicago&state=IL&verification=I+shop+there' >sug3.txt &&
  '$SL' campaign suggest --form sug3.txt -s '$DB' >/dev/null &&
  id=\$(store_sql '$DB' \"SELECT id FROM business_suggestions WHERE name='Cli Cafe'\") &&
  '$SL' campaign approve \$id -s '$DB' | grep -Eq \"^suggestion \$id approved: it is in the directory as listing [0-9]+\\\$\""
for p in "/directory/$TID" '/directory?q=tea+house' '/directory' '/directory?state=IL' '/directory?q=carol' '/directory?q=owner'; do
  curl -s --max-time 20 "$U$p"; done >public.html
check "approved, the listing shows the organisers' words, not the suggester's address or note on any public page" bash -c "
  [ -n '$TID' ] && grep -q 'Suggested by a reader; ownership checked by the organisers' public.html &&
  ! grep -qiE 'carol@|example\.com|know the owner|hi&lt;|<b>hi' public.html"
LID=$(id_of 'Kings Hardware')
curl -s -b jar "$U/admin/listing?id=$LID" >edit.html
check "the edit form holds the listing's fields" grep -q 'value="Kings Hardware"' edit.html
curl -s -b jar -X POST "${O[@]}" --data-urlencode "csrf=$CSRF" -d "id=$LID&name=Nostrand+Tools&category=Hardware&city=Brooklyn&state=NY&lat=40.687&lon=-73.978&website=javascript%3Aalert(1)" "$U/admin/listing" >bad-edit.html
check "an edit with a javascript: website is saved as the importer keeps one: text, said so, never a link" bash -c "
  grep -q 'is not a web address: its page shows it as text, never as a link' bad-edit.html &&
  [ \"\$(names 'q=nostrand')\" = 'Nostrand Tools' ] && curl -s '$U/directory/$LID' | grep -qF 'javascript:alert(1) <span' &&
  ! curl -s '$U/directory/$LID' | grep -qi 'href=\"javascript'"
curl -s -b jar -X POST "${O[@]}" --data-urlencode "csrf=$CSRF" -d "id=$LID&name=Nostrand+Tools&category=Hardware&city=Brooklyn&state=NY&lat=40.687&lon=-73.978&website=https%3A%2F%2Ftools.example" "$U/admin/listing" >edit2.html
check "an edit is saved and searchable by its new name" bash -c "
  grep -q 'listing is saved' edit2.html && [ \"\$(names 'q=tools')\" = 'Nostrand Tools' ] && [ -z \"\$(names 'q=kings')\" ] &&
  curl -s '$U/directory/$LID' | grep -q 'Fictional test list'"
# Rotating the token ends the sessions opened with the old one, at once
# and in every serve process of the store (`campaign token` runs apart).
TOKEN2=$("$SL" campaign token -s "$DB" 2>/dev/null)
check "after the token is rotated, the old session's export is refused and /admin sends to the login" bash -c "
  [ \"\$(status /admin/export.csv -b jar)\" = 403 ] &&
  curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b jar '$U/admin' | grep -q '^303 .*/admin/login$'"
check "... and its POSTs too (a find with its CSRF token)" \
  test "$(status /admin/find -b jar -X POST "${O[@]}" -d "csrf=$CSRF&email=dan.formula%40example.org")" = 403
check "the old token no longer logs in" test "$(status /admin/login -X POST "${O[@]}" --data-urlencode "token=$TOKEN")" = 403
curl -s -o /dev/null -c jar -X POST "${O[@]}" --data-urlencode "token=$TOKEN2" "$U/admin/login"
CSRF=$(curl -s -b jar "$U/admin" | sed -n 's|.*name="csrf" value="\([^"]*\)".*|\1|p' | head -1)
check "the new token logs in and its session exports" test "$(status /admin/export.csv -b jar)" = 200
curl -s -b jar -X POST "${O[@]}" -d "csrf=$CSRF" "$U/admin/logout" >/dev/null
check "after logout the session no longer works" test "$(status /admin/export.csv -b jar)" = 403
check "no email address ever reaches the access log" bash -c "! grep -qi 'example.org' '$SLOG' && grep -q 'POST /admin/erase 200' '$SLOG'"
serve_stop

# ---- another machine -------------------------------------------------------
# A non-loopback address of this machine, if it has one: the client then
# connects from it, which is not loopback.
OTHER=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$' | grep -v '^127\.' | head -1)
if [ -n "$OTHER" ]; then
  serve_start "$DB" --bind 0.0.0.0 || exit 1
  R="http://$OTHER:$PORT"
  check "from another address, /admin/login is refused (loopback only)" \
    test "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$R/admin/login")" = 403
  check "... while the directory answers" test "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$R/directory")" = 200
  serve_stop
  serve_start "$DB" --bind 0.0.0.0 --admin-bind || exit 1
  R="http://$OTHER:$PORT"
  check "with --admin-bind, /admin/login answers another address" \
    test "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$R/admin/login")" = 200
  serve_stop
else
  not_ok "this machine has no non-loopback IPv4 address: the loopback-only rule of /admin is untested"
fi

# ---- an empty directory ------------------------------------------------------
E=$(store empty)
"$SL" import areas "$FX/counties.geojson" --set counties --id id --name name -s "$E" >/dev/null || exit 1
serve_start "$E" || exit 1
check "an empty directory says it has no listings yet, not that a search found none, and where to suggest one" bash -c "
  [ \"\$(h2 '')\" = 'No listings yet' ] && curl -s --max-time 20 \"\$U/directory\" | grep -q 'href=\"/directory/suggest\">Suggest it</a>.</p>'"
serve_stop
finish
