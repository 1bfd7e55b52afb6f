#!/usr/bin/env bash
# info_rm.sh — inventory and undo (issue #13 point 1; #19 point 8): `info`
# lists every import with its id, options and record counts, and area sets
# with how many areas lack each figure; `rm ID` takes an import back out with
# everything it brought and relinks. A newcomer's mistake — counties
# imported without their demographics — is undone with `rm` and imported
# again right. (The mistake of #13, QuickFacts without --key-width, which
# left 406 counties without demographics, is now refused: import_mistakes.sh.)
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
D=$SL_SHARED_DATA
QF=$D/census/us-counties-quickfacts-2014.csv
cd "$WORK" || exit 1
db=$(store s)
"$SL" import agencies "$D/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s $db >/dev/null
"$SL" import partnerships "$D/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s $db >/dev/null
counties() {
  "$SL" import areas "$US_ATLAS" --layer counties --set counties --id id --name name --demographics "$QF" \
    --key fips --pop PST045214 --black RHI225214 --hispanic RHI725214 --white-nh RHI825214 \
    --foreign-born POP645213 --percent -s $db "$@" >/dev/null 2>&1
}
# the mistake: the boundaries alone, no --demographics
"$SL" import areas "$US_ATLAS" --layer counties --set counties --id id --name name -s $db >/dev/null 2>&1
"$SL" info -s $db >info.txt
check "info lists the three imports with ids" \
  bash -c "grep -Eq '^ +1  agencies ' info.txt && grep -Eq '^ +2  partnerships ' info.txt && grep -Eq '^ +3  areas ' info.txt"
check "info gives counts with thousands separators" grep -q "agency registry: 18,702 agencies" info.txt
check "info shows the areas that lack demographics" grep -Eq "area set 'counties' \(import 3\): 3,230 areas.*pop [0-9,]+" info.txt
"$SL" info --json -s $db >info.json
check "info --json is one object with sources, agencies, partnerships, area_sets" python3 - <<'PY'
import json
j = json.load(open('info.json'))
assert [s['kind'] for s in j['sources']] == ['agencies', 'partnerships', 'areas'], j['sources']
assert j['agencies']['count'] == 18702
assert j['partnerships'][0]['rows'] == 5783 and j['partnerships'][0]['linked'] > 5000
assert j['area_sets'][0]['missing']['pop'] >= 400, j['area_sets'][0]
PY
missing_before=$(python3 -c "import json;print(json.load(open('info.json'))['area_sets'][0]['missing']['pop'])")

before=$(store_dump $db)
"$SL" rm 99 -s $db 2>err.txt
check "rm of an unknown id exits 1 and says so: removed already or never made, nothing removed" bash -c "[ $? -eq 1 ] && grep -q 'no import 99 in the store: removed already (by you or a colleague), or never made; nothing was removed' err.txt"
"$SL" rm 3 99 -s $db 2>/dev/null
check "... and a list with one unknown id changes nothing" test "$before" = "$(store_dump $db)"
"$SL" rm 1 -s "$(store_missing nostore)" 2>err.txt
check "rm on a missing store exits 1, says so and creates nothing" \
  bash -c "[ $? -eq 1 ] && grep -q '$NO_STORE_SAYS' err.txt" && ! store_exists "$(store_missing nostore)"
"$SL" rm abc -s $db 2>/dev/null
check "rm of a non-number is a usage error" test $? -eq 2

check "rm 3 removes the counties" "$SL" rm 3 -s $db
check "... no area set, no import 3" \
  test "$(store_sql $db "SELECT count(*) FROM area_sets; SELECT count(*) FROM areas; SELECT count(*) FROM sources WHERE id=3")" = "$(printf '0\n0\n0')"
counties --key-width 5
missing_after=$("$SL" info --json -s $db | python3 -c "import json,sys;print(json.load(sys.stdin)['area_sets'][0]['missing']['pop'])")
check "imported again with --key-width 5: $missing_before areas without population become $missing_after" \
  test "$missing_after" -lt "$missing_before"

linked=$(store_sql $db "SELECT count(*) FROM partnerships WHERE agency_id IS NOT NULL")
"$SL" rm 1 -s $db >out.txt
check "rm of the registry unlinks every partnership row and says so" \
  bash -c "grep -q 'linked to the registry: 0 of 5,783' out.txt && [ \"\$(store_sql $db 'SELECT count(*) FROM agencies; SELECT count(*) FROM partnerships WHERE agency_id IS NOT NULL')\" = \"\$(printf '0\n0')\" ]"
"$SL" import agencies "$D/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s $db >/dev/null
check "importing the registry again links the same $linked rows" \
  test "$(store_sql $db "SELECT count(*) FROM partnerships WHERE agency_id IS NOT NULL")" -eq "$linked"
"$SL" rm 2 -s $db >/dev/null
check "rm of the Atlas leaves the registry" \
  test "$(store_sql $db "SELECT count(*) FROM partnerships; SELECT count(*) FROM agencies")" = "$(printf '0\n18702')"

# An organiser's directory sits beside the evidence: info names it, with its
# count, in the table and the JSON (it said nothing of it).
printf 'name,category,city,state\nSweet Alder Bakery,Bakery,Alderbrook,VA\nMills Barbers,Barber,Richmond,VA\n' >dir.csv
"$SL" import businesses dir.csv -s $db >/dev/null 2>&1
check "info counts the directory's listings" bash -c "
  '$SL' info -s $db | grep -qx 'directory: 2 listings (\`sightline businesses\` searches them)' &&
  [ \"\$('$SL' info --json -s $db | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"directory\"][\"listings\"])')\" = 2 ]"
check "... and, with no campaign set up, no campaign line" bash -c "! '$SL' info -s $db | grep -q '^campaign'"

# A campaign's totals too, counts only: the demo's 20 pledges, 17 confirmed,
# and the 3 mails waiting; no address, name or place of a signer.
camp=$(store camp)
"$SL" demo -s "$camp" --campaign >/dev/null 2>&1
"$SL" info -s "$camp" >camp.txt
"$SL" info --json -s "$camp" >camp.json
check "info gives the campaign's pledges, confirmed and waiting, and the mail to send" bash -c "
  grep -qx 'campaign: 20 pledges, 17 confirmed, 3 awaiting confirmation (\`sightline campaign show\`)' camp.txt &&
  grep -qx 'campaign mail: 3 messages waiting to be sent (\`sightline campaign send\`)' camp.txt &&
  python3 -c 'import json; c = json.load(open(\"camp.json\"))[\"campaign\"]; assert c == {\"closed\": None, \"set_up\": True, \"pledges\": 20, \"confirmed\": 17, \"outbox_pending\": 3}, c'"
check "... and no signer's address in info" bash -c "! grep -q '@example' camp.txt camp.json || ! grep -q '@' camp.json"
finish
