#!/usr/bin/env bash
# organiser3_admin.sh — the campaign's organiser on an ordinary day in
# /admin (run of 2026-12-07, sixth), over curl: (1) a suggestion's Approve
# and Reject buttons were named "Approve suggestion 3" for a screen reader,
# and the answer said "Approved: the suggestion is listing 7" or
# "Rejected: the suggestion stays out": an organiser who pressed the wrong
# row's button was not told which business she had published. Each names
# the business now (escaped). (2) /admin counted no signer who agreed to be
# emailed, the rows of the export it offers (`campaign show` counts them),
# and said how many exports were made but not when the last was: both are
# there, equal to `campaign show --json` and to the export's rows. (3)
# `campaign show` printed "pledges: 1600 (1600 confirmed, 1067 …" beside
# /admin's 1,600: its counts have thousands separators too. (4) Beside
# "Close the campaign" the box said "the 0 unconfirmed pledges and their
# messages are deleted" with none waiting, and "1001" without a separator.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store organiser3)
campaign_fixture "$DB" || exit 1
many_signers "$DB" 1600
store_sql "$DB" "UPDATE pledges SET consent = 0 WHERE id % 3 = 0" >/dev/null
printf 'name=%%3Cimg+src%%3Dx+onerror%%3Dalert(1)%%3E+Cafe&category=Cafe&city=Camden&state=NJ' >s1.txt
printf 'name=Good+Books&category=Bookstore&city=Chicago&state=IL' >s2.txt
"$SL" campaign suggest --form s1.txt -s "$DB" >/dev/null && "$SL" campaign suggest --form s2.txt -s "$DB" >/dev/null || exit 1
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)
serve_start "$DB" --quiet || exit 1
O=(-H "Origin: $U")
curl -s -o /dev/null -c jar -X POST "${O[@]}" --data-urlencode "token=$TOKEN" "$U/admin/login"
curl -s -b jar "$U/admin" >admin.html
CSRF=$(sed -n 's|.*name="csrf" value="\([^"]*\)".*|\1|p' admin.html | head -1)
check "each suggestion's buttons name its business, escaped" bash -c "
  grep -qF 'aria-label=\"Approve Good Books\">Approve</button>' admin.html &&
  grep -qF 'aria-label=\"Reject &lt;img src=x onerror=alert(1)&gt; Cafe\">Reject</button>' admin.html &&
  ! grep -q 'aria-label=\"[^\"]*<img' admin.html"
BOOKS=$(store_sql "$DB" "SELECT id FROM business_suggestions WHERE name = 'Good Books'")
CAFE=$(store_sql "$DB" "SELECT id FROM business_suggestions WHERE name LIKE '<img%'")
curl -s -b jar -X POST "${O[@]}" -d "csrf=$CSRF&id=$BOOKS&action=approve" "$U/admin/decide" >approved.html
LISTING=$(store_sql "$DB" "SELECT id FROM businesses WHERE name = 'Good Books'")
check "Approve says which business it published, and as which listing" \
  grep -qF "Approved: “Good Books” is listing $LISTING of the directory." approved.html
curl -s -b jar -X POST "${O[@]}" -d "csrf=$CSRF&id=$CAFE&action=reject" "$U/admin/decide" >rejected.html
check "Reject says which it kept out, its name escaped" bash -c "
  grep -qF 'Rejected: “&lt;img src=x onerror=alert(1)&gt; Cafe” stays out of the directory.' rejected.html &&
  ! grep -q '<img src=x' rejected.html"
curl -s -b jar "$U/admin/export.csv" -o export.csv
curl -s -b jar "$U/admin" >admin.html
"$SL" campaign show --json -s "$DB" >show.json
figure() { grep -o "<dt>$1</dt><dd>[^<]*" admin.html | sed 's/.*<dd>//; s/ $//'; }
WANT=$(python3 -c 'import json; print(json.load(open("show.json"))["totals"]["consented"])')
ROWS=$(($(wc -l <export.csv) - 1))
check "'Agreed to be emailed' is campaign show's count and the export's rows ($WANT, $ROWS), with a thousands separator" bash -c "
  [ $WANT = 1067 ] && [ $ROWS = 1067 ] && [ '$(figure 'Agreed to be emailed')' = 1,067 ]"
check "the exports made say when the last was" bash -c "
  grep -o '<dt>Exports of addresses made</dt><dd>1 <span class=\"note\">the last on $(date -u +%Y-%m-%d) [0-9:]* UTC' admin.html"
"$SL" campaign show -s "$DB" >show.txt
check "campaign show's counts with thousands separators, as /admin's" \
  grep -q '^pledges: 1,600 (1,600 confirmed, 1,067 of them consented to contact, 0 listed publicly)$' show.txt
close_box() { grep -o 'name="understood"[^>]*> The page keeps its counts and list and takes no pledge; [^<]*' admin.html | sed 's/.*no pledge; //'; }
check "with none waiting, the close box says none is deleted" bash -c "[ '$(close_box)' = 'no pledge waits for confirmation, so none is deleted' ]"
store_sql "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1001)
  INSERT INTO pledges(id, email, name, state, county, commitments, consent, listed, created)
  SELECT 200000 + i, 'wait' || i || '@example.net', 'Wait Signer', 'OH', '39990', '', 1, 0, $(date +%s) FROM n" >/dev/null
curl -s -b jar "$U/admin" >admin.html
check "with 1,001 waiting, it counts them with a separator" bash -c "
  [ '$(close_box)' = 'the 1,001 unconfirmed pledges and their messages are deleted' ]"
serve_stop
finish
