#!/usr/bin/env bash
# serve_campaign_signers_pages.sh — the public list, page by page. /campaign
# shows the newest 100 names of those who chose to be listed; with 258
# listed, a signer among the older 158 could not find her own name, nor a
# friend check that hers was there. /campaign/signers?page=N has them, newest
# first, with the same hour's delay and nothing else of a signer.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
cd "$WORK" || exit 1
DB=$(store p)
campaign_demo "$DB" || { echo "FAIL - demo"; exit 1; }
# 250 listed signers, confirmed long ago, Signer1 the oldest
store_sql "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250)
  INSERT INTO pledges(id, email, name, state, county, commitments, consent, listed, created, confirmed)
  SELECT 100000 + i, 'many' || i || '@example.net', 'Signer' || i || ' Person', 'NY', '36061', '', 0, 1,
    1765000000 + i, 1765000100 + i FROM n" >/dev/null || { echo "FAIL - adding pledges"; exit 1; }
all=$(store_sql "$DB" "SELECT count(*) FROM pledges WHERE listed = 1 AND confirmed IS NOT NULL AND confirmed < $(( $(date +%s) / 3600 * 3600 ))")
serve_start "$DB" || exit 1
curl -s --max-time 20 "$U/campaign" >camp.html
get() { curl -s --max-time 20 -o "$2" -w '%{http_code}' "$U/campaign/signers?$1"; }
c2=$(get page=2 p2.html)
c3=$(get page=3 p3.html)
check "/campaign: the newest 100 of the $all listed, and a link to the older names" bash -c "
  grep -q 'The newest 100 of the $all signers who chose to be listed; the older names follow on the next pages' camp.html &&
  grep -q '<a href=\"/campaign/signers?page=2\" rel=\"next\">Older names</a>' camp.html &&
  grep -q '<li>Signer250 P., New York County' camp.html && ! grep -q '<li>Signer150 P\.' camp.html"
check "page 2: names 101 to 200, newest first (Signer150 to Signer51), links to the newer and the older" bash -c "
  [ $c2 = 200 ] && grep -q '<h1>Who signed publicly: names 101 to 200 of $all</h1>' p2.html &&
  [ \"\$(grep -o '<li>Signer[0-9]* P\.' p2.html | head -1)\" = '<li>Signer150 P.' ] &&
  [ \$(grep -o '<li>Signer[0-9]* P\.' p2.html | wc -l) = 100 ] &&
  grep -q 'href=\"/campaign#signers-h\" rel=\"prev\">Newer names' p2.html &&
  grep -q 'href=\"/campaign/signers?page=3\" rel=\"next\">Older names' p2.html"
check "the last page: the oldest names, Signer1 among them, and no older page" bash -c "
  [ $c3 = 200 ] && grep -q '<li>Signer1 P., New York County' p3.html && ! grep -q 'Older names' p3.html &&
  grep -q 'href=\"/campaign/signers?page=2\" rel=\"prev\">Newer names' p3.html"
check "... nothing of a signer but the listed name and county: no address" bash -c "! grep -q '@example' p2.html p3.html"
c4=$(get page=4 p4.html); c1=$(get page=1 p1.html); cx=$(get 'page=x' px.html)
check "a page past the list is 404 saying how many pages there are; page 1, a word or none is 400" bash -c "
  [ $c4 = 404 ] && grep -q 'this page has none' p4.html && [ $c1 = 400 ] && [ $cx = 400 ] &&
  [ \$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 '$U/campaign/signers') = 400 ]"
serve_stop
finish
