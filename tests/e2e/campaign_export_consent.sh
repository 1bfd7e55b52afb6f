#!/usr/bin/env bash
# campaign_export_consent.sh — the list of addresses an organiser exports
# for her organisation's own mailings (not another organisation's: the
# consent names hers alone). On the demo campaign (20 pledges: 17 confirmed, 8 of them
# consented to contact), `campaign export` and /admin's export hold the 8
# confirmed signers who consented, no one else, and every row says what
# the file holds for whoever reads it: the campaign, what its signer
# consented to (the box's words: "ORGANISATION may email me about the
# campaign", no other organisation) and when it was made (a signer erased
# later is still in it); the command says on standard error that the
# consent reaches no other organisation. The CRM columns stay first. Each
# export is recorded (when, how many rows), and `campaign show` and
# `campaign erase --all` name them: copies no erasure reaches.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
PY=/usr/bin/python3
cd "$WORK" || exit 1
DB=$(store cx)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
NOW=1800000000 # 2027-01-15T08:00:00Z
"$SL" campaign export --now $NOW -o export.csv -s "$DB" 2>export.err; rc=$?
check "export: exit 0, the 8 confirmed signers who consented, the CRM columns first" bash -c "
  [ $rc = 0 ] && [ \$(tail -n +2 export.csv | wc -l) = 8 ] &&
  head -1 export.csv | grep -q '^email,first_name,last_name,state,county_id,county,commitments,public_listing,signed_utc,confirmed_utc,'"
check "... exactly those the store holds as confirmed and consented" bash -c "
  [ \"\$(cut -d, -f1 export.csv | tail -n +2 | sort)\" = \"\$(store_sql '$DB' 'SELECT email FROM pledges WHERE confirmed IS NOT NULL AND consent = 1 ORDER BY email')\" ]"
check "every row names the campaign, what its signer consented to and when the file was made" $PY - <<'PY'
import csv
rows = list(csv.DictReader(open('export.csv')))
assert list(rows[0])[-3:] == ['campaign', 'consented_to', 'exported_utc'], list(rows[0])
for r in rows:
    assert r['campaign'] == 'Break Up With Ring (fictional demo campaign)', r
    assert r['consented_to'] == 'Demo Neighbours United (fictional) may email me about the campaign', r
    assert r['exported_utc'] == '2027-01-15T08:00:00Z', r
PY
check "the command says the consent reaches no other organisation, and that a later erasure stays in the file" bash -c "
  grep -q '^sightline: exported 8 confirmed pledges of signers who consented to contact' export.err &&
  grep -q 'another organisation mailing them needs their consent' export.err &&
  grep -q 'signers erased after now stay in the file' export.err"

TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)
serve_start "$DB" || exit 1
curl -s -o /dev/null -c jar -X POST -H "Origin: $U" --data-urlencode "token=$TOKEN" "$U/admin/login"
curl -s -b jar "$U/admin/export.csv" >admin.csv
check "/admin's export: the same 8 signers, the same three columns on every row" $PY - <<'PY'
import csv
a = list(csv.DictReader(open('admin.csv')))
c = list(csv.DictReader(open('export.csv')))
assert [r['email'] for r in a] == [r['email'] for r in c], (a, c)
assert all(r['consented_to'].endswith(' may email me about the campaign') and r['exported_utc'].endswith('Z') for r in a), a
PY
check "county_id keeps its leading zero in the file, and --help and README say a spreadsheet drops it and how not to" bash -c "
  cut -d, -f5 export.csv | tail -n +2 | grep -q '^0[0-9]\{4\}$' &&
  '$SL' campaign export --help | tr '\n' ' ' | grep -q 'county_id is a FIPS code (06037): a spreadsheet opening the file drops its leading zero; import the column as text' &&
  tr '\n' ' ' <'$SL_SOURCE/README.md' | grep -q 'Data > From Text/CSV, that column.s type Text'"
"$SL" campaign show -s "$DB" >show.txt
check "each export is recorded, when and how many rows, nothing of a signer; campaign show names them" bash -c "
  [ \"\$(store_sql '$DB' 'SELECT rows FROM campaign_exports ORDER BY id' | tr '\n' ' ')\" = '8 8 ' ] &&
  [ \"\$(store_sql '$DB' 'SELECT made FROM campaign_exports ORDER BY id LIMIT 1')\" = $NOW ] &&
  grep -q '^exports of addresses: 2, the last on 20' show.txt"
"$SL" campaign close -s "$DB" >/dev/null
"$SL" campaign erase --all --confirm 17 -s "$DB" >erase.txt 2>&1
check "erase --all names the exports it cannot reach" grep -q '^2 exports of addresses were made, the last on 20' erase.txt
finish
