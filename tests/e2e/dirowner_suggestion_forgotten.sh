#!/usr/bin/env bash
# dirowner_suggestion_forgotten.sh — a Black business owner who runs her
# shop from home suggests it for the directory (run of 2026-12-07,
# seventh). The form says "Nothing about you is asked or kept", yet every
# suggestion stayed in the store for ever once decided: approved, her
# street, flat number, phone and her note ("I run it from my home; call me
# at …, nia@…") stayed after an organiser removed the listing at her
# request; rejected, all of it stayed though nothing was published. No page
# ever shows a decided suggestion again. Now a decision empties it of what
# she sent (an approved one lives on as its listing only; its number and
# status stay, never given again), pending ones stay, older stores'
# decided rows are emptied at the next decision, and a listing removed in
# /admin leaves her street and phone nowhere in the SQLite file.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store dirowner)
campaign_demo "$DB" || exit 1
printf '%s' 'name=Nia%27s+Hair+Studio&category=Hair+salon&address=12+Maple+Court%2C+Apt+3&city=Alderbrook&state=VA&zip=22001&phone=555-0199&verification=I+am+the+owner&note=I+run+it+from+my+home%3B+call+me+at+555-0199+or+nia%40example.com' >nia.txt
printf '%s' 'name=Quilt+Corner&category=Crafts&address=4410+Cottage+Lane&city=Alderbrook&state=VA&phone=555-0142&note=My+aunt+quilts+at+home%2C+aunt.q%40example.net' >quilt.txt
printf '%s' 'name=Still+Waiting+Books&category=Books&city=Alderbrook&state=VA&note=waiting+note' >wait.txt
for f in nia quilt wait; do "$SL" campaign suggest --form $f.txt -s "$DB" >/dev/null || exit 1; done
sid() { store_sql "$DB" "SELECT id FROM business_suggestions WHERE name = '$1'"; }
NIA=$(sid "Nia''s Hair Studio") QUILT=$(sid 'Quilt Corner')
"$SL" campaign approve "$NIA" -s "$DB" >/dev/null && "$SL" campaign reject "$QUILT" -s "$DB" >/dev/null || exit 1
store_text "$DB" >after_decisions.txt
check "approved: her note (phone, address) is no longer in the store, the listing holds what is published" bash -c "
  ! grep -q 'nia@example.com' after_decisions.txt && ! grep -q 'I am the owner' after_decisions.txt &&
  [ \"\$(store_sql '$DB' \"SELECT count(*) FROM businesses WHERE name = 'Nia''s Hair Studio'\")\" = 1 ]"
check "rejected: nothing of it is in the store (its street, phone, note)" bash -c "
  ! grep -qE 'Quilt Corner|4410 Cottage|555-0142|aunt.q@' after_decisions.txt"
check "a pending suggestion stays, with its note, for the organisers to decide" \
  [ "$(store_sql "$DB" "SELECT status || ':' || note FROM business_suggestions WHERE note IS NOT NULL")" = "pending:waiting note" ]
# a store of an older sightline: a decided row it kept goes at the next decision
store_sql "$DB" "INSERT INTO business_suggestions(id, created, decided, status, name, note) SELECT max(id) + 1, 1, 2, 'rejected', 'Old Decided Shop', 'old-note-at-home' FROM business_suggestions" >/dev/null || exit 1
"$SL" campaign reject "$(sid 'Still Waiting Books')" -s "$DB" >/dev/null || exit 1
check "an older store's decided suggestion is emptied at the next decision" \
  [ "$(store_sql "$DB" "SELECT count(*) FROM business_suggestions WHERE note IS NOT NULL OR name <> ''")" = 0 ]
"$SL" campaign suggest --form wait.txt -s "$DB" >/dev/null || exit 1
check "a suggestion made after them gets a number never given (a stale Approve cannot reach it)" \
  [ "$(sid 'Still Waiting Books')" -gt "$(store_sql "$DB" "SELECT max(id) FROM business_suggestions WHERE status <> 'pending'")" ]
LISTING=$(store_sql "$DB" "SELECT id FROM businesses WHERE name = 'Nia''s Hair Studio'")
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)
serve_start "$DB" --quiet || exit 1
O=(-H "Origin: $U")
curl -s -o /dev/null -c jar -X POST "${O[@]}" --data-urlencode "token=$TOKEN" "$U/admin/login"
CSRF=$(curl -s -b jar "$U/admin" | sed -n 's|.*name="csrf" value="\([^"]*\)".*|\1|p' | head -1)
curl -s -b jar -X POST "${O[@]}" -d "csrf=$CSRF&id=$LISTING&confirm=yes" "$U/admin/remove" >removed.html
check "the organiser removes her listing at her request" grep -q 'is removed from the directory' removed.html
serve_stop
if sqlite_only "the removed listing's bytes in the SQLite file"; then
  check "... and her street and phone are left nowhere in the store's file (the suggestion emptied, the listing overwritten)" bash -c "
    ! grep -aq 'Maple Court' '$DB' && ! grep -aq '555-0199' '$DB' && [ ! -s '$DB-wal' ]"
fi
finish
