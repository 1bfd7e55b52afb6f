#!/usr/bin/env bash
# serve_campaign_list_hourly.sh — the public list of signers moves with the
# hour, as the counts do. The counts wait for the hour "so that nobody
# watching them can tell who has just signed"; the opted-in list named a
# signer, with her county, the minute she confirmed, so a poller learnt when
# she signed. On the demo campaign a listed signer's confirmation is set to
# this hour: /api/campaign/signers and /campaign leave her out; set back
# before the hour's start, both name her. /admin's list (the organisers',
# for unlisting spam before anyone sees it) names her at once.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store l)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)
# a run that would straddle the hour's turn starts just after it
m=$(date -u +%M); s=$(date -u +%S)
if [ $((10#$m)) -ge 58 ]; then sleep $(( (60 - 10#$m) * 60 - 10#$s + 2 )); fi
NOW=$(date -u +%s)
HOUR_START=$(( NOW / 3600 * 3600 ))
# the newest listed signer, and her name as the list gives it ("Ann S.")
ID=$(store_sql "$DB" "SELECT id FROM pledges WHERE confirmed IS NOT NULL AND listed = 1 ORDER BY confirmed DESC, id DESC LIMIT 1")
FULL=$(store_sql "$DB" "SELECT name FROM pledges WHERE id = $ID")
SHOWN=$(printf '%s' "$FULL" | awk '{ if (NF > 1) printf "%s %s.", $1, substr($NF, 1, 1); else printf "%s", $1 }')
[ -n "$ID" ] && [ -n "$SHOWN" ] || { not_ok "the demo has a listed signer ($ID, $FULL)"; finish; exit 1; }

serve_start "$DB" || exit 1
listed() { curl -s --max-time 20 "$U/api/campaign/signers" | grep -c "\"$SHOWN\""; }
on_page() { curl -s --max-time 20 "$U/campaign" | sed -n '/id="signers-h"/,/<\/section>/p' | grep -c "$SHOWN"; }
check "before: $SHOWN, confirmed in an earlier hour, is on the public list and the page" \
  bash -c "[ $(listed) -ge 1 ] && [ $(on_page) -ge 1 ]"
check "the page says a name is listed from the hour after its signer confirmed" \
  bash -c "curl -s --max-time 20 '$U/campaign' | grep -q 'A name is listed from the hour after its signer confirmed, as the counts are.'"

store_sql "$DB" "UPDATE pledges SET confirmed = $NOW WHERE id = $ID" >/dev/null
check "confirmed this hour: /api/campaign/signers leaves her out" test "$(listed)" = 0
check "... and so does the page's list" test "$(on_page)" = 0
curl -s -o /dev/null -c jar -X POST -H "Origin: $U" --data-urlencode "token=$TOKEN" "$U/admin/login"
check "... while /admin's list, behind its login, names her at once" \
  bash -c "curl -s --max-time 20 -b jar '$U/admin' | grep -q '$SHOWN'"

store_sql "$DB" "UPDATE pledges SET confirmed = $(( HOUR_START - 1 )) WHERE id = $ID" >/dev/null
check "confirmed before the hour's start: listed again, on the API and the page" \
  bash -c "[ $(listed) -ge 1 ] && [ $(on_page) -ge 1 ]"
serve_stop
check "the server stopped cleanly" test "$SRC" = 0
finish
