#!/usr/bin/env bash
# campaign_withdraw_consent.sh — a signer writes to the organisers: "no
# more email, but keep my pledge". Before, the only tool was `campaign
# erase`, which took her pledge too. `campaign withdraw-consent EMAIL` (any
# spelling of it) sets her consent off: the pledge stays confirmed, counted
# and listed as it was, `campaign export` leaves her out from now, and the
# change is logged (what, by whom, when) without her address. A second run
# and an address that never signed change nothing and say so; a signer who
# never consented is told apart. On the demo campaign: signer02 (confirmed,
# consented, not listed), signer04 (consented and listed), signer01 (no
# consent).
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
DB=$(store wc)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
row() { store_sql "$DB" "SELECT consent, listed, CASE WHEN confirmed IS NULL THEN 0 ELSE 1 END FROM pledges WHERE email = '$1'"; }
in_export() { "$SL" campaign export -s "$DB" 2>/dev/null | grep -c "^$1,"; }
n0=$("$SL" campaign export -s "$DB" 2>/dev/null | tail -n +2 | wc -l)
check "precondition: signer04 consented, listed, confirmed, and in the export" bash -c "
  [ '$(row signer04@example.org)' = '1|1|1' ] && [ $(in_export signer04@example.org) = 1 ]"
"$SL" campaign withdraw-consent ' Signer04@Example.ORG ' -s "$DB" >w1.txt 2>&1; rc=$?
check "withdraw-consent: exit 0, and it says what changed and what stays" bash -c "
  [ $rc = 0 ] && grep -q '^the signer.s consent to be emailed is withdrawn: exports leave the address out from now; the pledge still counts' w1.txt"
check "... her pledge stays confirmed and listed, without consent" test "$(row signer04@example.org)" = "0|1|1"
check "... campaign export leaves her out, and only her" bash -c "
  [ $(in_export signer04@example.org) = 0 ] && [ \$('$SL' campaign export -s '$DB' 2>/dev/null | tail -n +2 | wc -l) = $((n0 - 1)) ]"
check "... logged as the organiser's, without her address" bash -c "
  [ \"\$(store_sql '$DB' 'SELECT what, by FROM pledge_changes')\" = 'consent withdrawn|organiser' ] &&
  ! store_sql '$DB' 'SELECT * FROM pledge_changes' | grep -q signer04"
"$SL" campaign withdraw-consent signer04@example.org -s "$DB" >w2.txt 2>&1; rc2=$?
check "a second run changes nothing and says she had not consented" bash -c "
  [ $rc2 = 0 ] && grep -q '^the signer had not consented to be emailed; nothing changed' w2.txt &&
  [ \$(store_sql '$DB' 'SELECT count(*) FROM pledge_changes') = 1 ]"
"$SL" campaign withdraw-consent nobody@example.org -s "$DB" >w3.txt 2>&1
check "an address that never signed: nothing changed, said so" grep -q '^no pledge with this address; nothing changed' w3.txt
"$SL" campaign withdraw-consent 'not an address' -s "$DB" >w4.txt 2>&1; rc4=$?
check "a malformed address is a usage error" bash -c "[ $rc4 = 2 ] && grep -q 'not an address a pledge could have' w4.txt"
"$SL" campaign withdraw-consent --help >help.txt 2>&1
check "campaign withdraw-consent --help says what it does and what stays" bash -c "
  grep -q 'usage: sightline campaign withdraw-consent EMAIL' help.txt && grep -q 'the pledge stays, counted and listed' help.txt"
finish
