#!/usr/bin/env bash
# signer3_suggest.sh — /directory/suggest's refusals as a person who
# suggests a business meets them (run of 2026-12-07, sixth): (1) a field
# too long was refused with "A field longer than it may be.": which field,
# and how long may it be? The refusal names the field and its limit. (2)
# A suggestion of a name and a city was refused with "Please give at least
# one of category, address, website or phone", which the form had not
# said: it says so before she sends. Her text comes back in the form, and
# what she typed is escaped in it. (3) Over --rate-forms, the suggestion
# was answered "Too many forms sent" on a page of its own, and her ten
# fields were lost; as a pledge does, it comes back filled in, saying when
# to send it again.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store suggest)
campaign_demo "$DB"
serve_start "$DB" --rate-forms 1000 || exit 1
suggest() { # suggest OUT FIELDS: the form sent, its page in OUT; prints the status
  local c
  c=$(curl -s --max-time 20 "$U/directory/suggest" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -o "$1" -w '%{http_code}' --max-time 20 -H "Origin: $U" --data-binary "csrf=$c&$2" "$U/directory/suggest"
}
curl -s --max-time 20 "$U/directory/suggest" >form.html
check "the form says, before she sends, that a name wants one of category, address, website or phone" \
  grep -q 'Tell us its name and at least one of its category, address, website or phone' form.html
long=$(printf 'x%.0s' $(seq 201))
code=$(suggest long.html "name=$long&category=books")
check "a name of 201 characters: 400, the refusal names the field and its limit, the field marked" bash -c "
  [ $code = 400 ] && grep -q 'The business&#39;s name is longer than it may be: 200 characters at most.' long.html &&
  grep -q 'id=\"s-name\"[^>]*aria-invalid=\"true\"' long.html && ! grep -q 'A field longer than it may be' long.html"
code=$(suggest phone.html "name=Bakery&phone=$(printf '5%.0s' $(seq 41))")
check "... a phone of 41 digits names the phone number and 40 characters" bash -c "
  [ $code = 400 ] && grep -q 'The phone number is longer than it may be: 40 characters at most.' phone.html"
code=$(suggest city.html "name=%3Cb%3EBaker%3C%2Fb%3E&city=Chicago")
check "a name and a city only: refused, her text back in the form, escaped" bash -c "
  [ $code = 400 ] && grep -q 'Please give at least one of category, address, website or phone' city.html &&
  grep -q 'value=\"&lt;b&gt;Baker&lt;/b&gt;\"' city.html && grep -q 'value=\"Chicago\"' city.html && ! grep -q '<b>Baker' city.html"
serve_stop
serve_start "$DB" --rate-forms 2 || exit 1
suggest one.html "name=First+Bakery&category=bakery" >/dev/null
suggest two.html "name=Second+Bakery&category=bakery" >/dev/null
code=$(suggest three.html "name=Third+Bakery&category=bakery&city=Chicago&note=Open+on+Sundays")
check "over --rate-forms (2 a minute): 429, her suggestion back as she typed it, and when to send it again" bash -c "
  [ $code = 429 ] && grep -q 'This site takes 2 forms a minute from one address' three.html &&
  grep -q 'id=\"s-name\"[^>]*value=\"Third Bakery\"' three.html && grep -q 'value=\"Chicago\"' three.html &&
  grep -q '>Open on Sundays</textarea>' three.html && grep -q 'name=\"csrf\"' three.html"
finish
