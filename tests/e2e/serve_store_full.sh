#!/usr/bin/env bash
# serve_store_full.sh — `serve` taking pledges on a store it cannot write
# (a full disk; here a file-size limit, ulimit -f, whose writes fail with
# EFBIG as a full disk's do, without root). The signer got her form back
# (503, "could not be saved"), but the organisers' log said only
# "POST /campaign/pledge 503": on a full laptop pledges were lost for hours
# without a word of why. The log now says the store failed a write and why,
# once a minute at most, never with an address. SQLite only
# (pg_excluded.txt): on PostgreSQL the server writes the files.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store s)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "FAIL - demo"; exit 1; }
# No pledge yet, so the server writes nothing of its own before the first form.
store_sql "$DB" "PRAGMA foreign_keys=ON; DELETE FROM outbox; DELETE FROM pledge_links; DELETE FROM pledge_changes;
  DELETE FROM pledges; VACUUM" || { echo "FAIL - emptying the pledges"; exit 1; }
REAL=$SL
printf '#!/usr/bin/env bash\ntrap "" XFSZ\nulimit -f 100\nexec "%s" "$@"\n' "$REAL" >limited.sh
chmod +x limited.sh
SL=$WORK/limited.sh serve_start "$DB" --rate-forms 1000 || exit 1
SL=$REAL
curl -s --max-time 20 "$U/campaign" >page.html
csrf=$(grep -o 'name="csrf" value="[^"]*"' page.html | head -1 | sed 's/.*value="//; s/"$//')
post() { curl -s -o "reply$1.html" -w '%{http_code}' --max-time 20 -H "Origin: $U" \
  --data-binary "csrf=$csrf&email=full$1%40example.net&name=Full+Signer&state=OH&county=39990" "$U/campaign/pledge"; }
c1=$(post 1)
c2=$(post 2)
serve_stop
check "two pledges on a store that cannot be written: 503, each form back to send again, nothing stored" \
  bash -c "[ $c1 = 503 ] && [ $c2 = 503 ] && grep -q 'could not be saved' reply1.html &&
    [ \"\$(store_sql '$DB' 'SELECT count(*) FROM pledges')\" = 0 ]"
check "the server's log says the store failed a write and why (the file-size limit), with nothing recorded" \
  grep -Eq '^store: a write failed and nothing of it was recorded \(a form in it was answered 503, its page asking to send it again\): saving a pledge: a limit on the size of files this process may write' "$SLOG"
check "... once for the two (at most once a minute), and never an address or a name" \
  bash -c "[ \$(grep -c '^store: a write failed' '$SLOG') = 1 ] && ! grep -Eq 'full[12]|example\.net|Full Signer' '$SLOG'"
finish
