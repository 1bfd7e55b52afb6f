#!/usr/bin/env bash
# campaign_unlist_asked.sh — a signer writes to the organisers: "take my
# name off the public list". `campaign unlist` was made for spam names: it
# keeps her choice to be listed, so the next organiser who runs `campaign
# relist` (to undo what looks like a mistaken unlisting) puts her back.
# `campaign unlist EMAIL --asked` also records her choice not to be listed,
# as her own unlisting at /campaign/manage does: relist leaves her off and
# says why, and the change is logged as the organiser's, without her
# address. An unlisting without --asked is undone by relist as before. On
# the demo campaign: signer04 and signer07, both confirmed and listed.
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
DB=$(store ua)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
listed() { store_sql "$DB" "SELECT listed FROM pledges WHERE email = '$1'"; }
check "precondition: signer04 and signer07 are listed" bash -c "[ $(listed signer04@example.org) = 1 ] && [ $(listed signer07@example.org) = 1 ]"
"$SL" campaign unlist signer04@example.org --asked -s "$DB" >u1.txt 2>&1; rc=$?
check "unlist --asked: exit 0, off the list, and it says relist leaves her off" bash -c "
  [ $rc = 0 ] && [ \$(store_sql '$DB' \"SELECT listed FROM pledges WHERE email = 'signer04@example.org'\") = 0 ] &&
  grep -q '^the signer is off the public list' u1.txt && grep -q 'campaign relist leaves them off' u1.txt"
"$SL" campaign relist signer04@example.org -s "$DB" >r1.txt 2>&1
check "... relist leaves her off, saying she chose not to be listed" bash -c "
  [ \$(store_sql '$DB' \"SELECT listed FROM pledges WHERE email = 'signer04@example.org'\") = 0 ] &&
  grep -q 'chose not to be listed' r1.txt"
check "... logged as the organiser's, without her address" bash -c "
  [ \"\$(store_sql '$DB' 'SELECT what, by FROM pledge_changes')\" = 'unlisted|organiser' ]"
"$SL" campaign unlist signer07@example.org -s "$DB" >/dev/null 2>&1
"$SL" campaign relist signer07@example.org -s "$DB" >r2.txt 2>&1
check "an unlisting without --asked (a spam name) is undone by relist, as before" bash -c "
  [ \$(store_sql '$DB' \"SELECT listed FROM pledges WHERE email = 'signer07@example.org'\") = 1 ] &&
  grep -q 'on the public list again' r2.txt"
"$SL" campaign relist signer07@example.org --asked -s "$DB" >r3.txt 2>&1; rc3=$?
check "--asked is for unlist only" bash -c "[ $rc3 = 2 ] && grep -q -- '--asked is for unlist' r3.txt"
"$SL" campaign unlist --help >help.txt 2>&1
check "campaign unlist --help says what --asked does" grep -q -- '--asked            the signer asked: relist will not list them again' help.txt
finish
