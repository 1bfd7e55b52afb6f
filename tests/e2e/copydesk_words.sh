#!/usr/bin/env bash
# copydesk_words.sh — operator words on the campaign's public pages, read
# as the organisation's copy editor reads them before launch (run of
# 2026-12-07, fifth): a signer met "this store's sites layer", "the same
# figures as sightline partnerships --state OH", "counted as sightline join
# --points sites counts them", "the public data in this store ... the
# same numbers the sightline commands print", a footer "Served by
# sightline from its store" and, with no campaign, "This server's store
# holds no campaign (sightline campaign init creates one)". Every public
# page of the campaign (with its county figures shown without JavaScript),
# the directory's suggestion form and the no-campaign answer, in words without markup,
# names no command, store, layer nor snapshot; campaign.js builds the same
# figures' note and is read for the same words. So do /directory and a
# listing, whose footer (page.c) said "served from this machine's store".
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
words() { /usr/bin/python3 -c '
import html, re, sys
t = open(sys.argv[1], encoding="utf-8").read()
t = re.sub(r"<(script|style)\b.*?</\1>", " ", t, flags=re.S)
t = re.sub(r"<[^>]+>", " ", t)
print(re.sub(r"\s+", " ", html.unescape(t)))' "$1"; }
operator() { grep -o -i -E "\bstore\b|\bstore.s\b|\blayer\b|\bsnapshot\b|\bcommands?\b|sightline (partnerships|join|campaign|import)\b|\bimport\b" "$@"; }
export -f words operator
EMPTY=$(store e)
"$SL" demo -s "$EMPTY" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
serve_start "$EMPTY" --rate-forms 1000 || exit 1
for p in /campaign /campaign/signers /campaign/manage; do curl -s --max-time 20 "$U$p" >"none$(echo "$p" | tr / _).html"; done
check "with no campaign, its pages name no store nor command" bash -c '
  for f in none_*.html; do words "$f" >"$f.txt"; done; ! operator none_*.html.txt'
serve_stop
DB=$(store d)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
serve_start "$DB" --rate-forms 1000 || exit 1
i=0
for p in "/campaign" "/campaign?state=OH&county=39990" "/campaign/signers" "/campaign/manage" \
         "/campaign/confirm?token=x" "/campaign/manage?key=x" "/directory/suggest" "/directory" "/directory/2"; do
  i=$((i + 1)); curl -s --max-time 20 "$U$p" >"p$i.html"
done
check "the county's figures are shown without JavaScript" grep -q 'Fairhaven Mills Police Department' p2.html
check "no public page of the campaign, nor the directory's, names a store, layer, snapshot or command" bash -c '
  for f in p*.html; do words "$f" >"$f.txt"; done; ! operator p*.html.txt'
check "campaign.js's note on a county's figures names none either" bash -c "
  ! grep -n -E \"store's|sites layer|sightline partnerships|sightline join|'Snapshot \" '$SL_SOURCE/src/web/assets/campaign.js'"
finish
