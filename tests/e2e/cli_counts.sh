#!/usr/bin/env bash
# cli_counts.sh — counts printed with a noun take its number ("1 business
# found", "1 confirmed pledge", "imported 1 business"; they said "1
# businesses"; "imported 1 cameras", "1 sites, 0 outside"), and `businesses --km` says what it accepts and is optional
# as its help says: --county or --near without it search within the
# directory page's default 25 km, and --km 0 is refused with "more than 0
# and at most 20,000 km" (it said "from 0 to 20000 km, not '0'").
. "$(dirname "$0")/lib.bash"
FX=$SL_FIXTURES
cd "$WORK" || exit 1
db=$(store c)
"$SL" import businesses "$FX/directory/businesses.csv" -s "$db" >/dev/null || exit 1
"$SL" import areas "$FX/directory/counties.geojson" --set counties --id id --name name -s "$db" >/dev/null || exit 1
check "one listing found is '1 business found'" bash -c "'$SL' businesses --q harlem -s '$db' | head -1 | grep -qx '1 business found'"
check "several stay plural" bash -c "'$SL' businesses --q bak -s '$db' | head -1 | grep -qx '24 businesses found'"
head -2 "$FX/directory/businesses.csv" >one.csv
check "importing one listing says 'imported 1 business'" bash -c "'$SL' import businesses one.csv -s '$(store one)' | grep -q '^imported 1 business from one.csv$'"

"$SL" businesses --county 17031 --km 0 -s "$db" >out.txt 2>err.txt; rc=$?
check "--km 0 is a usage error that says what is accepted" bash -c "
  [ $rc = 2 ] && grep -q \"wants a radius of more than 0 and at most 20,000 km, not '0'\" err.txt"
check "--km past 20,000 too" bash -c "! '$SL' businesses --near 41.9,-87.6 --km 20001 -s '$db' 2>/dev/null"
"$SL" businesses --county 17031 -s "$db" >default.txt 2>err.txt; rc=$?
"$SL" businesses --county 17031 --km 25 -s "$db" >km25.txt
check "--county without --km searches within 25 km, as --km 25 does" bash -c "[ $rc = 0 ] && [ -s default.txt ] && cmp default.txt km25.txt"
check "--near without --km too" bash -c "
  '$SL' businesses --near 41.88,-87.63 -s '$db' >n1.txt && '$SL' businesses --near 41.88,-87.63 --km 25 -s '$db' >n2.txt && cmp n1.txt n2.txt"
check "the help says --km is optional, its range and its default" bash -c "
  '$SL' businesses --help | grep -q 'more than 0' && '$SL' businesses --help | grep -q 'default 25'"
check "--km alone still needs a place" bash -c "! '$SL' businesses --km 5 -s '$db' 2>/dev/null"

"$SL" campaign init --config "$FX/campaign/campaign.conf" -s "$db" >/dev/null || exit 1
printf 'email=ann%%40example.org&state=IL&county=17031' >f.txt
"$SL" campaign pledge --form f.txt -s "$db" >/dev/null
tok=$(store_sql "$db" "SELECT body FROM outbox" | grep -o 'token=[A-Za-z0-9_-]*' | cut -d= -f2)
"$SL" campaign confirm --token "$tok" -s "$db" >/dev/null
# counts gives the public figures, of pledges confirmed before the hour
# began: the confirmation is set back before it
store_sql "$db" "UPDATE pledges SET confirmed = $(( $(date +%s) / 3600 * 3600 - 1 ))" >/dev/null
check "one confirmed pledge is '1 confirmed pledge'" bash -c "'$SL' campaign counts -s '$db' | head -1 | grep -q '^1 confirmed pledge;'"
printf 'id,lat,lon\n1,40.7,-74.0\n' >pt.csv
check "one imported camera is '1 camera' (it was '1 cameras')" bash -c "
  '$SL' import cameras pt.csv -s '$db' | grep -q ': imported 1 camera from 1 record '"
check "one site of a category is '1 site'" bash -c "
  '$SL' import sites pt.csv --category x -s '$db' | grep -q ': imported 1 site of category x from 1 record '"
check "join over one site: '1 site, ...' (it was '1 sites')" bash -c "
  '$SL' join --points sites --areas counties -s '$db' | head -1 | grep -q '^1 site, '"
finish
