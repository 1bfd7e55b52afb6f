#!/usr/bin/env bash
# serve_campaign_cache.sh — the campaign's local figures are kept by the
# server while the imports stay the same (src/web/local_cache.c): a pledge
# written to the store keeps them, an import changes them at once, `rm` of
# that import brings the first answer back byte for byte, and a campaign
# edit is seen too. The answers always equal a fresh server's.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
db=$(store s)
campaign_demo "$db"
Q="/api/campaign/local?state=NY&county=36061"
site_count() { python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['sites']; print(s['county'] if s else 0)" "$1"; }

serve_start $db || exit 1
curl -s -o first.json "$U$Q"
curl -s -o again.json "$U$Q"
check "the local figures answer (200, JSON with the county)" grep -q '"name": *"New York County"' first.json
check "a second request gives the same bytes" cmp -s first.json again.json

# a form file ends with a line break, as an editor or echo writes it
printf 'email=cache%%40example.org&name=Cache+Test&state=NY&county=36061&consent=on&commitment=cancel-ring\n' >form.txt
"$SL" campaign pledge --form form.txt -s $db >/dev/null 2>&1 || not_ok "campaign pledge"
curl -s -o pledged.json "$U$Q"
check "a pledge written to the store leaves the figures as they were" cmp -s first.json pledged.json

printf 'id,lat,lon,name\nc1,40.95,-73.75,Cache Clinic\n' >sites.csv
"$SL" import sites sites.csv --category clinic --id id --text name -s $db >/dev/null 2>&1 || not_ok "import sites"
curl -s -o imported.json "$U$Q"
before=$(site_count first.json) after=$(site_count imported.json)
check "an import is seen at once: the county's sites go from $before to $after" test "$after" = "$((before + 1))"
serve_stop
serve_start $db || exit 1
curl -s -o fresh.json "$U$Q"
check "the kept answer equals a fresh server's" cmp -s imported.json fresh.json

id=$("$SL" info -s $db | awk '$2 == "sites" && $3 == "sites.csv" { print $1 }')
"$SL" rm "$id" -s $db >/dev/null 2>&1 || not_ok "rm $id"
curl -s -o removed.json "$U$Q"
check "rm of that import brings back the first answer byte for byte" cmp -s first.json removed.json

"$SL" campaign edit --area-set demo-tracts -s $db >/dev/null 2>&1 || not_ok "campaign edit"
code=$(curl -s -o edited.json -w '%{http_code}' "$U$Q")
check "a campaign edit (another area set) is seen: county 36061 is no longer one of its areas ($code)" \
  bash -c "[ $code = 400 ] && grep -q 36061 edited.json"
serve_stop
finish
