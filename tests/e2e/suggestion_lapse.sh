#!/usr/bin/env bash
# suggestion_lapse.sh — a suggestion for the directory that nobody decides
# is not kept for ever. The form promised its words "deleted once they
# have decided", and a decided one is emptied at once; but one no
# organiser ever opened kept the suggester's note ("call me at …, my
# email …") and a home business's street in the store without end, and
# `campaign erase --all` at the campaign's end left them unsaid. Now a
# suggestion waits 90 days: `campaign purge` (cron) and `serve` (at start
# and every hour) delete it unread after them, its number never given
# again; /admin says when each goes, the form says so, and erase --all
# names the ones still waiting.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store lapse)
campaign_demo "$DB" || exit 1
NOW=$(date +%s) DAY=86400
printf '%s' 'name=Old+Home+Bakery&category=Bakery&address=9+Quiet+Lane&city=Alderbrook&state=VA&note=I+bake+at+home%3B+old-note%40example.com' >old.txt
printf '%s' 'name=Recent+Books&category=Books&city=Alderbrook&state=VA&note=recent-note' >recent.txt
printf '%s' 'name=Later+Shop&category=Crafts&city=Alderbrook&state=VA&note=later-note' >later.txt
printf '%s' 'name=Serve+Gone+Shop&category=Crafts&city=Alderbrook&state=VA&note=serve-gone-note' >servegone.txt
"$SL" campaign suggest --form recent.txt --now $((NOW - 89 * DAY)) -s "$DB" >/dev/null || exit 1
"$SL" campaign suggest --form old.txt --now $((NOW - 91 * DAY)) -s "$DB" >/dev/null || exit 1
sid() { store_sql "$DB" "SELECT id FROM business_suggestions WHERE name = '$1'"; }
OLD=$(sid 'Old Home Bakery')

"$SL" campaign purge --purge-after 7 -s "$DB" >purge.out 2>&1 || { cat purge.out; exit 1; }
check "campaign purge says it deleted one suggestion nobody decided in 90 days" \
  grep -qx '1 suggestion for the directory deleted unread: nobody decided it in 90 days' purge.out
store_text "$DB" >after_purge.txt
check "the 91-day-old suggestion is gone: its street and note are nowhere in the store" bash -c "
  ! grep -qE 'Old Home Bakery|9 Quiet Lane|old-note@example.com' after_purge.txt"
check "the 89-day-old one waits, with its note, for the organisers" \
  [ "$(store_sql "$DB" "SELECT status || ':' || note FROM business_suggestions WHERE name = 'Recent Books'")" = "pending:recent-note" ]
"$SL" campaign purge --purge-after 7 -s "$DB" >purge2.out 2>&1
check "a purge with nothing of them due says nothing of suggestions (cron mails what is printed)" \
  bash -c "! grep -q suggestion purge2.out"
"$SL" campaign suggest --form later.txt -s "$DB" >/dev/null || exit 1
check "a suggestion made after gets a number never given (the lapsed one's is not reused)" \
  [ "$(sid 'Later Shop')" -gt "$OLD" ]
if sqlite_only "the lapsed suggestion's bytes in the SQLite file"; then
  check "... and its bytes are overwritten in the SQLite file" bash -c "! grep -aq 'old-note@example.com' '$DB'"
fi

# serve deletes them too, as it starts (and every hour), and logs a count, never a field
"$SL" campaign suggest --form servegone.txt --now $((NOW - 95 * DAY)) -s "$DB" >/dev/null || exit 1
serve_start "$DB" || exit 1
for _ in $(seq 50); do grep -q 'suggestion for the directory' "$SLOG" && break; sleep 0.1; done
check "serve deletes a suggestion nobody decided in 90 days as it starts, and logs the count" \
  grep -q 'server: deleted 1 suggestion for the directory unread: nobody decided it in 90 days' "$SLOG"
check "... naming nothing of it" bash -c "! grep -qE 'Serve Gone|serve-gone-note' '$SLOG'"
check "... and it is gone from the store" [ -z "$(sid 'Serve Gone Shop')" ]
curl -s "$U/directory/suggest" >form.html
check "the suggestion form says its words are deleted unread after 90 days if nobody decides" \
  grep -q 'deleted once they have decided, or unread 90 days after you send them if nobody has' form.html
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)
curl -s -o /dev/null -c jar -X POST -H "Origin: $U" --data-urlencode "token=$TOKEN" "$U/admin/login"
curl -s -b jar "$U/admin" >admin.html
SENT=$(date -u -d @$((NOW - 89 * DAY)) +%F) ENDS=$(date -u -d @$((NOW + DAY)) +%F)
check "/admin's queue says when each waiting suggestion was sent and when it goes unread" \
  grep -q "Sent $SENT; deleted unread on $ENDS if not decided" admin.html
check "/admin says the rule above the queue" grep -q 'Undecided, it is deleted unread 90 days after it was sent.' admin.html
serve_stop

# at the campaign's end, erase --all names what still waits (no signer's; an organiser may still decide them)
"$SL" campaign close -s "$DB" >/dev/null || exit 1
N=$(store_sql "$DB" "SELECT count(*) FROM pledges")
"$SL" campaign erase --all --confirm "$N" -s "$DB" >erase.out 2>&1 || { cat erase.out; exit 1; }
LAST=$(date -u -d @$(( $(store_sql "$DB" "SELECT max(created) FROM business_suggestions WHERE status = 'pending'") + 90 * DAY )) +%F)
check "erase --all names the suggestions still waiting and until when their words are kept" \
  grep -q "not erased by this: 2 suggestions for the directory wait for a decision in /admin; what they sent is deleted unread 90 days after sending (the last on $LAST" erase.out
finish
