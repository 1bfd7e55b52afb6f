#!/usr/bin/env bash
# places2_words.sh — what the campaign page says to a signer of DC or a
# territory, on the real data (run of 2026-12-07, fifth); the page with
# JavaScript in places2_words_browser.sh:
# - Beside DC's share the page said "... so no share counts them:
#   “sightline import links” links them.": a command, to a signer who runs
#   none. The page and its JSON say it in her words; the CLI keeps the
#   command for whoever runs it.
# - DC is no state, nor Puerto Rico: "Police agencies in the state",
#   "Share of ... in the state", "Sensitive sites on record in the state"
#   read "in DC" and "in the territory" there, "in the state" in a state.
# - American Samoa and the Northern Mariana Islands read 0 everywhere with
#   nothing saying why: the Atlas holds no record there and the FBI's
#   registry of 2018 lists no agency there (checked in the files
#   themselves); the page now says so, and that a 0 is nothing recorded.
# - The picker listed postal codes only: a signer of the Northern Mariana
#   Islands looked for her place between "MO" and "MS". Each is named now,
#   "Northern Mariana Islands (MP)", in the order of the names.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
real_campaign words real
"$SL" partnerships --state DC -s "$db" >dc_cli.txt 2>&1
serve_start "$db" --quiet || exit 1
for q in DC:11001 PR:72053 GU:66010 AS:60010 MP:69110 IL:17031; do
  curl -s --max-time 60 "$U/api/campaign/local?state=${q%:*}&county=${q#*:}" >"${q%:*}.json"
  curl -s --max-time 60 "$U/campaign?state=${q%:*}&county=${q#*:}" >"${q%:*}.html"
done
serve_stop

check "DC: the page and its JSON say why the share is not known in a signer's words, no command; the CLI keeps it" \
  python3 - <<'PY'
import json, sys, html
j = json.load(open("DC.json"))
page = html.unescape(open("DC.html").read())
note = "7 records in DC could not be matched to an agency of the registry, so no share counts them."
cli = open("dc_cli.txt").read()
print(f"     JSON: {j['unlinked_note']}")
sys.exit(0 if j["unlinked_note"] == note and note in page and "import links" not in page
         and "“sightline import links” links them" in cli else 1)
PY
check "DC reads 'in DC', Puerto Rico and Guam 'in the territory', Illinois 'in the state'; no 'in the state' in DC or a territory" \
  python3 - <<'PY'
import re, sys, html
ok = True
for st, word in (("DC", "DC"), ("PR", "the territory"), ("GU", "the territory"), ("IL", "the state")):
    page = html.unescape(open(st + ".html").read())
    labels = re.findall(r"<dt>([^<]*)</dt>", page)
    print(f"     {st}: {[l for l in labels if ' in ' in l]}")
    ok = ok and f"Police agencies in {word} with a surveillance technology on record" in labels
    ok = ok and f"Share of all registry agencies in {word}" in labels
    ok = ok and f"Sensitive sites on record in {word}" in labels
    ok = ok and (word == "the state" or not any("the state" in l for l in labels))
pr = html.unescape(open("PR.html").read())
ok = ok and "the territory's figures above count them" in pr and "the state's figures" not in pr
sys.exit(0 if ok else 1)
PY
# the files themselves: no Atlas row and no registry agency in AS or MP
python3 - "$SL_SHARED_DATA" >files.json <<'PY'
import csv, json, sys
d = sys.argv[1]
atlas = list(csv.DictReader(open(d + "/partnerships/atlas-of-surveillance-2020-10-07.csv", encoding="utf-8", errors="replace", newline="")))
fbi = list(csv.DictReader(open(d + "/agencies/fbi-cde-agencies-2018.csv", encoding="utf-8", errors="replace", newline="")))
print(json.dumps({st: [sum(r["State"] == st for r in atlas), sum(r["state_abbr"] == st for r in fbi)] for st in ("AS", "MP", "GU")}))
PY
check "American Samoa and the Northern Mariana Islands: their 0s say that nothing is recorded, nor any agency listed" \
  python3 - <<'PY'
import json, sys, html
files = json.load(open("files.json"))
ok = files["AS"] == [0, 0] and files["MP"] == [0, 0]
want = ("The partnership data hold no record of an agency in the territory, and the agency registry lists no police "
        "agency there, so no share can be given. A 0 here means that nothing was recorded, not that no police "
        "surveillance technology is used there.")
for st in ("AS", "MP"):
    j = json.load(open(st + ".json"))
    page = html.unescape(open(st + ".html").read())
    print(f"     {st}: Atlas rows, FBI agencies {files[st]}; note {j.get('none_note')!r:.60}")
    ok = ok and j.get("none_note") == want and want in page
for st in ("GU", "IL", "DC"):
    ok = ok and json.load(open(st + ".json")).get("none_note", 0) is None
sys.exit(0 if ok else 1)
PY
check "the state picker names each place, in name order: 'Northern Mariana Islands (MP)' selected, 'Guam (GU)'" python3 - <<'PY'
import re, sys, html
page = open("MP.html").read()
pick = page[page.find('<select id="l-state"'):]
pick = pick[:pick.find("</select>")]
names = [html.unescape(n) for n in re.findall(r'<option value="[A-Z]{2}"[^>]*>([^<]*)</option>', pick)]
print(f"     {len(names)} places: {names[:4]} ... {names[-3:]}")
sys.exit(0 if len(names) >= 56 and names == sorted(names) and "Guam (GU)" in names
         and '<option value="MP" selected>Northern Mariana Islands (MP)</option>' in pick else 1)
PY
finish
