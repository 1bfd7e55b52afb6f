#!/usr/bin/env bash
# dirowner_words.sh — a Black business owner who runs her shop from home,
# and the organiser who publishes her suggestion (run of 2026-12-07,
# seventh). (1) No page of the directory said whom to ask to correct a
# listing or to have it taken off, nor when the change shows: the
# campaign's contact was on /campaign only. Each listing's page has "Is
# this your business?" naming the contact, the organisation and the
# listing's own address; /directory and the suggestion form say it too;
# without a campaign, "the people who run this site". (2) The suggestion
# form asked for a "Street address" and said "Nothing about you is asked or
# kept", never that approval publishes the street and phone to anyone: a
# flat number typed there went public. It says what is published, that a
# business run from home can leave its street out (the field says so
# too), and that the note is deleted once decided. (3) Its thanks said "It
# is listed in the directory once an organiser has checked it", whatever
# the decision, and nobody is told it. (4) /admin's queue did not say that
# Approve publishes the address and phone as given. (5) Its edit form did
# not say the coordinates are public to the metre: a home's listing with
# its street taken out still pinned the house. (6) Its "Edit or remove a
# listing" field took a number only (type=number): the address an owner's
# mail names (/directory/17, or the whole link) could not be pasted.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store dirwords)
campaign_demo "$DB" || exit 1
"$SL" import businesses "$SL_FIXTURES/directory/businesses.csv" -s "$DB" >/dev/null || exit 1
"$SL" campaign edit --contact 'hello@example.org <b>&</b>' -s "$DB" >/dev/null || exit 1
ID=$(store_sql "$DB" "SELECT min(id) FROM businesses")
printf 'name=Home+Braids&category=Salon&city=Alderbrook&state=VA&note=I+work+from+my+flat' >s.txt
"$SL" campaign suggest --form s.txt -s "$DB" >/dev/null || exit 1
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)
serve_start "$DB" --quiet || exit 1
text() { sed -e 's/<[^>]*>//g' "$1" | tr -s ' \n' ' '; } # the words a reader meets, without markup
curl -s "$U/directory/$ID" >listing.html
check "a listing's page: 'Is this your business?', whom to write to (escaped), this listing's address, when it shows" bash -c "
  grep -q '<h2 id=\"owner-h\">Is this your business?</h2>' listing.html &&
  grep -qF 'write to Example Neighbours United at <strong>hello@example.org &lt;b&gt;&amp;&lt;/b&gt;</strong>' listing.html &&
  grep -qF 'naming this listing: /directory/$ID.' listing.html &&
  grep -q 'as soon as an organiser makes it' listing.html && ! grep -q '<b>&</b>' listing.html"
curl -s "$U/directory" >directory.html
check "/directory says it too, for an owner who finds her business in the list" bash -c "
  grep -q 'Is your business here, or listed wrongly? To correct a listing or have it taken off the directory, write to Example Neighbours United at <strong>hello@example.org' directory.html"
curl -s "$U/directory/suggest" >form.html
text form.html >form.txt
check "the suggestion form says what approval publishes, that a home business can leave its street out, and whom to write to" bash -c "
  grep -q 'Once approved, what you give of the business is public: its name, category, street address, city, state, ZIP code, website and phone' form.txt &&
  grep -q 'A business run from home can leave the street address out' form.txt &&
  grep -q 'Street address (public; leave it out for a business run from home)' form.txt &&
  grep -q 'your note are read by the organisers only, and deleted once they have decided' form.txt &&
  grep -q 'write to Example Neighbours United at hello@example.org' form.txt && ! grep -q 'Nothing about you is asked or kept' form.txt"
c=$(grep -o 'name="csrf" value="[^"]*"' form.html | head -1 | sed 's/.*value="//; s/"$//')
curl -s -H "Origin: $U" --data-binary "csrf=$c&name=Corner+Books&category=Books&city=Alderbrook&state=VA" "$U/directory/suggest" >thanks.html
text thanks.html >thanks.txt
check "its thanks promise no listing, say no mail tells the decision, and name whom to write to" bash -c "
  grep -q 'if they approve it, it is listed in the directory. No mail says so either way' thanks.txt &&
  grep -q 'write to Example Neighbours United at hello@example.org' thanks.txt && ! grep -q 'It is listed in the directory once' thanks.txt"
O=(-H "Origin: $U")
curl -s -o /dev/null -c jar -X POST "${O[@]}" --data-urlencode "token=$TOKEN" "$U/admin/login"
curl -s -b jar "$U/admin" >admin.html
check "/admin's queue says Approve publishes the address and phone as given, and how to list a home business" bash -c "
  grep -q 'Approve publishes the name, category, address, city, state, ZIP code, website and phone as they are here, to anyone' admin.html &&
  grep -q 'A business run from home (its note may say so) is better listed without its street: approve, then edit the listing; without a street its map shows it only within about a kilometre' admin.html"
curl -s -b jar "$U/admin/listing?id=$ID" >edit.html
check "/admin's edit form says the coordinates are public to the metre with a street, about a kilometre without" \
  grep -q 'with a street, the coordinates put a pin on the map to the metre. Without a street (a business run from home), the public pages and map show the listing only within about a kilometre' edit.html
NAME=$(store_sql "$DB" "SELECT name FROM businesses WHERE id = $ID")
for given in "%2Fdirectory%2F$ID" "https%3A%2F%2Fcampaign.example.org%2Fdirectory%2F$ID%2F" "+$ID+"; do
  curl -s -b jar "$U/admin/listing?id=$given" >"paste.html"
  grep -qF "value=\"$NAME\"" paste.html || { not_ok "/admin's listing field takes '$given' as listing $ID"; continue; }
  ok "/admin's listing field takes '$given' as listing $ID (the address an owner's mail gives)"
done
check "... a text field that takes an address, and words that are no listing still ask which" bash -c "
  grep -q 'name=\"id\" type=\"text\"' admin.html &&
  [ \"\$(curl -s -o /dev/null -w '%{http_code}' -b jar '$U/admin/listing?id=%2Fdirectory%2Fbakery')\" = 400 ] &&
  [ \"\$(curl -s -o /dev/null -w '%{http_code}' -b jar '$U/admin/remove?id=-3')\" = 400 ]"
serve_stop
BARE=$(store dirbare)
printf 'name,category,city,state\nPlain Shop,Books,Columbus,OH\n' >plain.csv
"$SL" import businesses plain.csv -s "$BARE" >/dev/null || exit 1
serve_start "$BARE" --quiet || exit 1
check "without a campaign, a listing's page says to write to the people who run this site" bash -c "
  curl -s '$U/directory/$(store_sql "$BARE" "SELECT min(id) FROM businesses")' | grep -q 'write to the people who run this site'"
serve_stop
EMPTY=$(store dirempty)
campaign_fixture "$EMPTY" || exit 1
serve_start "$EMPTY" --quiet || exit 1
check "an empty directory says it has no listings, and asks nobody to correct one" bash -c "
  curl -s '$U/directory' >empty.html && grep -q 'No listings yet' empty.html && ! grep -q 'Is your business here' empty.html"
finish
