#!/usr/bin/env bash
# The tracker on the real Atlas of Surveillance export and FBI agency list,
# compared with figures computed independently by atlas_figures.py.
. "$(dirname "$0")/lib.bash"
need_shared
ATLAS=$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv
FBI=$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv
DB=$(store real)

"$SL" import partnerships "$ATLAS" --preset atlas -s "$DB" >"$WORK/atlas_import.txt"
check "import atlas: 5,783 rows, AOS5547's second identical line stored once and said" bash -c "
  grep -q '^imported 5,783 partnership rows' '$WORK/atlas_import.txt' &&
  grep -qF 'note: 1 row repeats every cell of an earlier row (first: line 5379, AOS5547, repeats line 5378); stored once, not counted again' '$WORK/atlas_import.txt' &&
  [ \"\$(store_sql '$DB' \"SELECT count(*) FROM partnerships WHERE record_id = 'AOS5547'\")\" = 1 ]"
check "... and the import keeps it as skipped: 5,783 rows of the file's 5,784, 1 a repeat, as info and the sources give it" bash -c "
  '$SL' info --json -s '$DB' | python3 -c '
import json, sys
s = [x for x in json.load(sys.stdin)[\"sources\"] if x[\"kind\"] == \"partnerships\"][0]
sys.exit(0 if (s[\"rows\"], s.get(\"skipped\"), s.get(\"skipped_why\")) == (5783, 1, \"a repeat of every cell of an earlier row, stored once\") else 1)'"
check "import fbi agencies" "$SL" import agencies "$FBI" --preset fbi-cde -s "$DB"
before=$(store_dump "$DB")
out=$("$SL" import partnerships "$ATLAS" --preset atlas -s "$DB")
check "second import says nothing changed" grep -q "nothing changed" <<<"$out"
check "second import leaves the store as it was" [ "$before" = "$(store_dump "$DB")" ]

# DC's 7 Atlas rows (the Metropolitan Police Department, "Washington Police
# Department" to the registry) are not linked: a share of 0 of 3 says so
# beside it, in the table, the breakdown and the JSON, until `import links`
# links them.
DC_NOTE="7 records in DC are not linked to the agency registry, so no share counts them: “sightline import links” links them."
check "partnerships --state DC says beside its 0% that its 7 rows are not linked" bash -c "
  '$SL' partnerships --state DC -s '$DB' | grep -A3 '^Share of registry agencies in DC' | grep -qF '  $DC_NOTE'"
check "partnerships --by state: a 'rows not linked' column (DC 7, PR 10) and the sentence under the table; their share n/a, not 0%" bash -c "
  out=\$('$SL' partnerships --by state --top 60 -s '$DB') &&
  grep -qE '^  DC +7 +0 +3 +n/a +7\$' <<<\"\$out\" && grep -qE '^  PR +10 +0 +1 +n/a +10\$' <<<\"\$out\" &&
  grep -qF '  $DC_NOTE' <<<\"\$out\" && grep -qF '10 records in PR are not linked' <<<\"\$out\" &&
  ! grep -q 'rows in IL are not linked' <<<\"\$out\""
check "the JSON carries the count and the sentence beside DC's share" python3 -c "
import json, subprocess, sys
r = json.loads(subprocess.run(['$SL', 'partnerships', '--by', 'state', '--json', '-s', '$DB'], capture_output=True, text=True).stdout)
dc = r['by_registry']['DC']
sys.exit(0 if dc['partnered'] == 0 and dc['share'] is None and dc['unlinked'] == 7 and dc['unlinked_note'] == '$DC_NOTE' and r['unlinked_by_state']['DC'] == 7 else 1)"
check "partnerships --state DC: no share of 0 (its police partners, under another name in the registry): n/a, saying why" bash -c "
  out=\$('$SL' partnerships --state DC -s '$DB') && grep -qE 'all registry agencies +0 / 3 += n/a \\(no partnered agency is linked\\)' <<<\"\$out\" &&
  grep -qE 'city and county agencies +0 / 1 += n/a \\(no partnered agency is linked\\)' <<<\"\$out\" && ! grep -q '0.00%' <<<\"\$out\""
FIXED=$(store_copy "$DB" dc_linked)
printf 'record_id,ori\nAOS0477,DCMPD0000\nAOS0852,DCMPD0000\nAOS2419,DCMPD0000\nAOS2806,DCMPD0000\nAOS3445,DCMPD0000\n' >"$WORK/dc.csv"
"$SL" import links "$WORK/dc.csv" -s "$FIXED" >/dev/null
check "after import links, DC's share counts the Metropolitan Police and the sentence the 2 rows left" bash -c "
  out=\$('$SL' partnerships --state DC -s '$FIXED') && grep -q 'all registry agencies *1 / 3 *= 33.33%' <<<\"\$out\" &&
  grep -qF '2 records in DC are not linked' <<<\"\$out\""

"$SL" partnerships -s "$DB" --tech ring --json > "$WORK/ring.json"
"$SL" partnerships -s "$DB" --tech ring --since 2020-05-25 --json > "$WORK/ring_since.json"
"$SL" partnerships -s "$DB" --tech FACE --json > "$WORK/face.json"
"$SL" partnerships -s "$DB" --json > "$WORK/all.json"
python3 "$(dirname "$0")/atlas_figures.py" "$ATLAS" "$FBI" > "$WORK/expected.json"

python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
ring, face, everything, since = (json.load(open(f"{w}/{n}.json")) for n in ("ring", "face", "all", "ring_since"))
exp = json.load(open(f"{w}/expected.json"))
fails = 0
def eq(what, got, want):
    global fails
    ok = got == want
    fails += not ok
    print(("ok   - " if ok else "FAIL - ") + f"{what}: got {got}, expected {want}")
eq("all rows", everything["total"], exp["total_rows"])
eq("ring rows", ring["total"], exp["ring_total"])
eq("ring by year", ring["by_year"], exp["ring_by_year"])
eq("ring undated", ring["undated"], exp["ring_undated"])
eq("ring since 2020-05-25", since["since"]["count"], exp["ring_since_2020_05_25"])
eq("ring uncertain", since["since"]["uncertain"], exp["ring_uncertain"])
eq("--since filters the total", since["total"], exp["ring_since_2020_05_25"])
eq("face rows (case-insensitive --tech)", face["total"], exp["face_total"])
eq("snapshot from file name", ring["snapshot"], "2020-10-07")
shares = {s["denominator"]: s for s in ring["share"]}
eq("denominator: registry", shares["all registry agencies"]["agencies"], exp["registry_all"])
eq("denominator: city+county", shares["city and county agencies"]["agencies"], exp["registry_city_county"])
linked = ring["linked"] / ring["total"]
eq("ring rows linked >= 97%", linked >= 0.97, True)
print(f"     ring rows linked: {ring['linked']} of {ring['total']} ({100*linked:.1f}%)")
p = shares["all registry agencies"]
eq("share = partnered / agencies", abs(p["share"] - p["partnered"] / p["agencies"]) < 1e-12, True)
eq("sources carry sha256", all(len(s["sha256"]) == 64 for s in ring["sources"]), True)
eq("distinct agencies <= rows", ring["agencies"] <= ring["total"], True)
sys.exit(1 if fails else 0)
PY
check "figures match the independent computation" [ $? -eq 0 ]
# The report's lead says 170 of the 212 are dated only to a month (read from
# the summary); the CLI's line said 212 alone. Now in the words of the report's lead.
check "--since 2020-05-25: 212 rows (170 of them dated only to a month or year), as the report's lead says" bash -c "
  '$SL' partnerships -s '$DB' --tech ring --since 2020-05-25 |
  grep -qF '  since 2020-05-25: 212 rows certainly started on or after it (170 of them dated only to a month or year); '"

# The agencies figure (3,946) and the share's numerator (3,466) sit a line
# apart; the 480 between them were said only as rows (535 unlinked; since the
# campus and tribal forces link, run of 2026-12-07: 409 of 3,945, 456 rows). Now in
# agencies, in one line, and the JSON's unlinked_agencies is that gap under
# every filter.
check "the agencies not in the registry, in one line: the agencies less them is the share's numerator" bash -c "
  '$SL' partnerships -s '$DB' | grep -qxF '  409 of the 3,945 agencies are linked to no registry agency: a share can count only the other 3,536'"
check "... and unlinked_agencies = agencies - the share's partnered, whole, Ring, IL, NY" bash -c "
  for f in '' '--tech ring' '--state IL' '--state NY --tech ring'; do
    '$SL' partnerships -s '$DB' --json \$f | python3 -c '
import json, sys
d = json.load(sys.stdin)
sys.exit(0 if d[\"agencies\"] - d[\"unlinked_agencies\"] == d[\"share\"][0][\"partnered\"] else 1)' || exit 1
  done"

# A date past the snapshot (2020-10-07): its 0 "since" is no finding. The
# CLI refuses it as the audit does (one rule, the tracker's), naming the
# snapshot, and prints no table; a date within it draws no caution.
"$SL" partnerships -s "$DB" --tech ring --since 2021-01-01 > "$WORK/late.txt" 2> "$WORK/late.err"
check "--since after the snapshot: a usage error (exit 2) naming the newest snapshot" bash -c "[ $? -eq 2 ] &&
  grep -q '^sightline: --since 2021-01-01 is after the newest snapshot (2020-10-07): a snapshot cannot show partnerships begun after it was taken; give a date up to 2020-10-07' '$WORK/late.err'"
check "... and nothing on standard output, for every format" bash -c "[ ! -s '$WORK/late.txt' ] &&
  ! '$SL' partnerships -s '$DB' --since 2021-01-01 --json 2>/dev/null | grep -q . &&
  ! '$SL' partnerships -s '$DB' --since 2021-01-01 --csv 2>/dev/null | grep -q ."
"$SL" audit -s "$DB" -o "$WORK/late-audit" --since 2021-01-01 --quiet > /dev/null 2> "$WORK/late-audit.err"
check "... the audit's message is the same sentence" bash -c "[ $? -eq 2 ] &&
  diff <(sed 's/^sightline: //' '$WORK/late.err') <(sed 's/^sightline: //' '$WORK/late-audit.err')"
"$SL" partnerships -s "$DB" --tech ring --until 2022-12-31 > "$WORK/until.txt"
check "--until after the snapshot: the counts end on its date" \
  grep -q 'caution: The snapshot of 2020-10-07 was taken before 2022-12-31: partnerships begun between them are' "$WORK/until.txt"
check "--since within the snapshot: no caution" bash -c "! grep -q caution <('$SL' partnerships -s '$DB' --tech ring --since 2020-10-07 --until 2020-10-07)"
# A --tech or --type that no row holds is a typo: exit 1, naming what there is,
# not a table of zeros; a state that is no postal code is a usage error.
# Only Ring rows carry a start ("Active Date"); the Atlas dates the other
# technologies by the source it cites ("began using ShotSpotter in 2017",
# dated 2020): those rows are "dated", never "started".
python3 - "$ATLAS" "$WORK" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", errors="replace")))
rows = list({tuple(r.values()): r for r in rows}.values())  # AOS5547's two identical lines: one record
face = sum(1 for r in rows if "face" in r["Technology"].lower() and r["Link 1 Date"].strip())
j, ring = json.load(open(f"{sys.argv[2]}/face.json")), json.load(open(f"{sys.argv[2]}/ring.json"))
ok = j["dated_by_source"] == face > 0 and ring["dated_by_source"] == 0
print(("ok   - " if ok else "FAIL - ") + f"dated_by_source: {j['dated_by_source']} face rows with a date ({face}), 0 Ring ({ring['dated_by_source']})")
sys.exit(0 if ok else 1)
PY
check "the face rows' dates are counted as their sources', Ring's as starts" [ $? -eq 0 ]
"$SL" partnerships -s "$DB" --tech ring --by month --since 2020-01-01 --json > "$WORK/months.json"
check "months, years and states in order in the JSON, not in the file's" python3 -c "
import json; d = json.load(open('$WORK/months.json'))
ks = [list(d[k]) for k in ('by', 'by_year', 'by_uncertain', 'by_year_uncertain')]
raise SystemExit(0 if all(k == sorted(k) for k in ks) and len(ks[0]) > 5 else 1)"
"$SL" partnerships -s "$DB" --tech face --since 2019-01-01 > "$WORK/face.txt"
check "--tech face: its rows are dated, not started" bash -c "grep -q 'dated since 2019-01-01' '$WORK/face.txt' &&
  grep -q '^Rows by the year of their date' '$WORK/face.txt' && grep -q 'the Atlas dates them by the source it cites' '$WORK/face.txt' &&
  ! grep -q started '$WORK/face.txt'"
"$SL" partnerships -s "$DB" --tech ring --since 2019-01-01 > "$WORK/ringt.txt"
check "--tech ring: its rows started" bash -c "grep -q 'started since 2019-01-01' '$WORK/ringt.txt' &&
  grep -q '^Rows by start year' '$WORK/ringt.txt' && ! grep -q 'cites' '$WORK/ringt.txt'"
"$SL" partnerships -s "$DB" --tech rnig >"$WORK/rnig.out" 2>"$WORK/rnig.err"
check "--tech rnig: exit 1, nothing on standard output" bash -c "[ $? -eq 1 ] && [ ! -s '$WORK/rnig.out' ]"
check "... the error lists the snapshot's technologies, most rows first" grep -q \
  '^sightline: No partnership in the snapshot of 2020-10-07 has a technology matching “rnig”. Its technologies: Ring/Neighbors Partnership (1,501 rows), Body-worn Cameras (1,378), Drones (1,079),' \
  "$WORK/rnig.err"
check "--tech rnig --json: the JSON, with its no_match, and exit 1" bash -c "
  '$SL' partnerships -s '$DB' --tech rnig --json 2>/dev/null >'$WORK/rnig.json'; [ \$? -eq 1 ] &&
  python3 -c 'import json,sys; sys.exit(0 if json.load(open(\"$WORK/rnig.json\"))[\"no_match\"].startswith(\"No partnership\") else 1)'"
"$SL" partnerships -s "$DB" --type shrif 2>"$WORK/shrif.err" >/dev/null
check "--type shrif: exit 1, its agency types, the first 12 and how many more" bash -c "[ $? -eq 1 ] &&
  grep -q 'has an agency type containing “shrif”. Its agency types: Police (4,280 rows), Sheriff (1,217),.* and [0-9]* more.\$' '$WORK/shrif.err'"
check "--tech ring --state AS: no row, but no error (each filter matches alone)" bash -c "
  '$SL' partnerships -s '$DB' --tech ring --state AS --json | python3 -c 'import json,sys; r=json.load(sys.stdin); sys.exit(0 if r[\"total\"]==0 and \"no_match\" not in r else 1)'"
check "... and its shares over no registry agencies read n/a, not 0.00%" bash -c "
  '$SL' partnerships -s '$DB' --tech ring --state AS | grep -q '^  all registry agencies  *0 / 0  *= n/a (no registry agencies)\$'"
# One spelling per state: the registry writes Nebraska NB and Guam GM, the
# Atlas has "FL " and "WI " beside FL and WI.
"$SL" partnerships -s "$DB" --by state --csv > "$WORK/states.csv"
check "Nebraska's 30 rows meet its 267 registry agencies under NE" grep -q '^NE,30,[0-9]*,267,' "$WORK/states.csv"
check "... and Guam's row its one registry agency under GU" grep -q '^GU,1,0,1,' "$WORK/states.csv"
check "no state twice, none in the registry's own codes" bash -c "
  ! cut -d, -f1 '$WORK/states.csv' | sort | uniq -d | grep -q . && ! grep -Eq '^(NB|GM|FL |WI )\"?,' '$WORK/states.csv'"
check "--state nb reads Nebraska as NE, its figures those of --state NE" bash -c "
  '$SL' partnerships -s '$DB' --tech ring --state nb --json > '$WORK/nb.json' &&
  '$SL' partnerships -s '$DB' --tech ring --state NE --json > '$WORK/ne.json' && cmp -s '$WORK/nb.json' '$WORK/ne.json' &&
  python3 -c 'import json,sys; r=json.load(open(\"$WORK/nb.json\")); sys.exit(0 if r[\"query\"][\"state\"]==\"NE\" and r[\"share\"][0][\"agencies\"]==267 else 1)'"
# A store imported before states were stored canonically still holds NB and
# "FL "; every reader sees them as NE and FL, with no import again.
OLD=$(store_copy "$DB" old_states)
store_sql "$OLD" "UPDATE agencies SET state = 'NB' WHERE state = 'NE'; UPDATE partnerships SET state = 'FL ' WHERE state = 'FL'" >/dev/null
check "an older store's NB and 'FL ' read as NE and FL" bash -c "
  [ \"\$(store_sql '$OLD' \"SELECT count(*) FROM agencies WHERE state = 'NB'\")\" = 267 ] &&
  '$SL' partnerships -s '$OLD' --by state --csv | cmp -s - '$WORK/states.csv'"
"$SL" partnerships -s "$DB" --state IL,ZZ 2>"$WORK/zz.err" >/dev/null
check "--state IL,ZZ: usage error naming ZZ" bash -c "[ $? -eq 2 ] && grep -q \"not 'ZZ'\" '$WORK/zz.err'"
check "the audit refuses a --tech that names nothing (exit 1, as partnerships)" bash -c "
  '$SL' audit -s '$DB' -o '$WORK/rnig-report' --tech rnig 2> '$WORK/audit-tech.err'; [ \$? -eq 1 ] &&
  grep -q 'technology matching “rnig”' '$WORK/audit-tech.err' && [ ! -e '$WORK/rnig-report/report.html' ]"
check "the audit refuses a headline date past the newest snapshot (exit 2)" bash -c "
  '$SL' audit -s '$DB' -o '$WORK/late-report' --since 2021-01-01 2> '$WORK/audit.err'; [ \$? -eq 2 ] &&
  grep -q 'since 2021-01-01 is after the newest snapshot (2020-10-07)' '$WORK/audit.err' && [ ! -e '$WORK/late-report/report.html' ]"

# A state's share is over that state's registry agencies (counted here from
# the FBI file itself), not over the nation's: IL's partnered agencies over
# all 18,702 printed a share ten times too small.
"$SL" partnerships -s "$DB" --state IL,in --json > "$WORK/il.json"
"$SL" partnerships -s "$DB" --by state --json > "$WORK/by_state.json"
check "--state: the share's denominators are the registry agencies of those states" python3 - "$WORK" "$FBI" <<'PY'
import csv, json, sys
w, fbi = sys.argv[1], sys.argv[2]
rows = [r for r in csv.DictReader(open(fbi, encoding="utf-8")) if r["state_abbr"] in ("IL", "IN")]
sh = {s["denominator"]: s for s in json.load(open(f"{w}/il.json"))["share"]}
reg = json.load(open(f"{w}/by_state.json"))["by_registry"]
want_all = len(rows)
want_cc = sum(r["agency_type_name"] in ("City", "County") for r in rows)
ok = sh["all registry agencies"]["agencies"] == want_all == reg["IL"]["agencies"] + reg["IN"]["agencies"]
ok = ok and sh["city and county agencies"]["agencies"] == want_cc
ok = ok and sh["all registry agencies"]["partnered"] == reg["IL"]["partnered"] + reg["IN"]["partnered"]
print(f"     IL+IN: {sh['all registry agencies']['partnered']} of {sh['all registry agencies']['agencies']} (file: {want_all}), city and county {sh['city and county agencies']['agencies']} (file: {want_cc})")
sys.exit(0 if ok else 1)
PY
check "--state: the text names the states of the denominator" \
  bash -c "'$SL' partnerships -s '$DB' --state IL | grep -q 'Share of registry agencies in IL'"

"$SL" partnerships -s "$DB" --tech ring --unmatched --json > "$WORK/unmatched.json"
check "--unmatched lists the unlinked ring rows" python3 -c "
import json,sys; u=json.load(open('$WORK/unmatched.json')); r=json.load(open('$WORK/ring.json'))
sys.exit(0 if u['count']==r['unlinked']==len(u['rows']) else 1)"
# The filters apply to --links and --unmatched too: --state DC lists DC's
# rows only (it listed every state's), --type sheriff only sheriffs'.
"$SL" partnerships -s "$DB" --links --state dc --json > "$WORK/links_dc.json"
"$SL" partnerships -s "$DB" --unmatched --state DC --json > "$WORK/unmatched_dc.json"
"$SL" partnerships -s "$DB" --links --type sheriff --json > "$WORK/links_sheriff.json"
"$SL" partnerships -s "$DB" --type sheriff --json > "$WORK/sheriff.json"
check "--links and --unmatched keep to --state and --type" python3 -c "
import json,sys
l=json.load(open('$WORK/links_dc.json')); u=json.load(open('$WORK/unmatched_dc.json'))
ls=json.load(open('$WORK/links_sheriff.json')); s=json.load(open('$WORK/sheriff.json'))
print('    ', l['count'], u['count'], ls['count'], s['total'])
ok = l['count'] > 0 and all(r['state'] == 'DC' for r in l['rows']) and 0 < u['count'] <= l['count']
ok = ok and all(r['state'] == 'DC' for r in u['rows']) and ls['count'] == s['total'] > 0
sys.exit(0 if ok else 1)"
# A type filter kept the shares over every agency: "208 / 14,894 = 1.40%"
# of city and county agencies, read as 1.4% of sheriffs' offices. The
# registry holds no count of sheriffs' offices, so no share is given.
check "--type sheriff: no share, and the reason (JSON)" python3 -c "
import json,sys; s=json.load(open('$WORK/sheriff.json'))
sys.exit(0 if s['share'] == [] and 'registry types agencies by what governs them' in s['share_withheld'] else 1)"
"$SL" partnerships -s "$DB" --type sheriff --by state >"$WORK/sheriff.txt"
check "--type sheriff: the table gives no share and no registry column" bash -c "
  grep -q 'so no share is given under an agency type filter' '$WORK/sheriff.txt' && ! grep -q ' = .*%' '$WORK/sheriff.txt' &&
  ! grep -q 'registry agencies  ' '$WORK/sheriff.txt'"
check "without --type the shares stand" bash -c "'$SL' partnerships -s '$DB' --tech ring | grep -q 'city and county agencies .* / 14,894 = '"
# Agency types differing only in case are one type: the Atlas's 55 'State
# Police' and 25 'State police' rows are one row of 80, in its commoner spelling.
"$SL" partnerships -s "$DB" --by type --json > "$WORK/by_type.json"
check "--by type: one row per type whatever its case" python3 -c "
import json,sys
b=json.load(open('$WORK/by_type.json'))['by']; low=[k.lower() for k in b]
print('    State Police', b.get('State Police'), 'State police', b.get('State police'))
sys.exit(0 if len(low) == len(set(low)) and b.get('State Police') == 80 and 'State police' not in b else 1)"
# ... and so are they in --links (and /api/partnerships/links), whose rows
# carry the type as --by type spells it.
"$SL" partnerships -s "$DB" --links --type "state police" --json > "$WORK/links_state_police.json"
check "--links: each row's agency type, one spelling per type" python3 -c "
import json,sys
r=json.load(open('$WORK/links_state_police.json'))['rows']; t=sorted({x.get('agency_type') for x in r})
print('    ', len(r), t)
sys.exit(0 if len(r) == 80 and t == ['State Police'] else 1)"
# A source mapped by columns, all one technology (a Ring agency-map export).
"$SL" import partnerships "$SL_FIXTURES/ring-map-export.csv" --name-col "Agency Name" --state-col State \
  --city-col City --date-col "Active Date" --date-format %m/%d/%Y --tech "Ring/Neighbors Partnership" \
  --snapshot 2020-11-01 -s "$DB" > "$WORK/map.out"
check "mapped import" [ $? -eq 0 ]
"$SL" partnerships -s "$DB" --json > "$WORK/map.json"
"$SL" partnerships diff -s "$DB" --from 2020-10-07 --to 2020-11-01 --tech ring --json > "$WORK/mapdiff.json"
python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
m, d = json.load(open(f"{w}/map.json")), json.load(open(f"{w}/mapdiff.json"))
ring = json.load(open(f"{w}/ring.json"))
checks = [
    ("newest snapshot is the mapped one", m["snapshot"] == "2020-11-01"),
    ("4 rows, by year from --date-format", m["total"] == 4 and m["by_year"] == {"2018": 1, "2019": 1, "2020": 2}),
    ("3 of 4 linked (the fictional one is not)", m["linked"] == 3),
    # Fort Worth is in the Atlas (started 2018-09-05): a changed start date,
    # and no vendor change although the export names none. Baltimore County,
    # Woodstock and the fictional agency are not Atlas Ring rows: new.
    ("diff: 3 new", sorted(r["agency"] for r in d["new"]) == ["Baltimore County Police Department", "Not A Real Police Department Anywhere", "Woodstock Police Department"]),
    # The diff compares distinct agency + technology pairs (a pair listed twice counts once).
    ("diff: the rest of the Atlas ended", d["counts"]["ended"] == ring["agencies"] - 1),
    ("diff: Fort Worth changed its start only", [list(c["changes"]) for c in d["changed"]] == [["start"]]),
    # its row's start is the new one: what_changed gives the old beside it
    ("diff: Fort Worth's what_changed is start: old -> new",
     [c.get("what_changed") for c in d["changed"]] == ["start: 2018-09-05 → 2019-12-03"]),
    # the Atlas lists three Ring partnerships twice: the diff says it counts
    # partnerships, not rows, so its counts are not read against row totals
    ("diff: rows beside partnerships, and the note saying which the diff counts",
     d["counts"]["rows_from"] == 1501 and d["counts"]["in_from"] == 1498 and
     d.get("rows_note", "").startswith("The diff compares partnerships (an agency and a technology), not rows: the "
                                       "1,501 rows of 2020-10-07 are 1,498 partnerships")),
]
for n, ok in checks: print(("ok   - " if ok else "FAIL - ") + n)
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY
check "mapped source figures and diff" [ $? -eq 0 ]
"$SL" partnerships diff -s "$DB" --from 2020-10-07 --to 2020-11-01 --tech ring --csv > "$WORK/mapdiff.csv"
"$SL" partnerships diff -s "$DB" --from 2020-10-07 --to 2020-11-01 --tech ring > "$WORK/mapdiff.txt"
check "diff table: the note that further rows of a partnership are neither new nor changed" \
  grep -q "A further row of a partnership already listed is neither new nor changed" "$WORK/mapdiff.txt"
check "diff CSV: Fort Worth's row says its old start beside the new" bash -c "
  grep -qxF 'changed,TX,Fort Worth Police Department,TX2201200,,Ring/Neighbors Partnership,2019-12-03,,start: 2018-09-05 → 2019-12-03,2020-10-07,atlas-of-surveillance-2020-10-07.csv,2020-11-01,ring-map-export.csv,ring' '$WORK/mapdiff.csv'"

# The table by year set 2020's 739 Ring rows (to 7 October) beside 2019's
# 703 with nothing to say 2020 was nine months (the report says it too).
"$SL" partnerships --tech ring --by year --snapshot 2020-10-07 -s "$DB" >"$WORK/years.txt"
check "the Ring table by year says 2020 runs only to the snapshot's date" bash -c "
  grep -q '^  2020 *739\$' '$WORK/years.txt' &&
  grep -q \"^  2020 runs only to 2020-10-07, the snapshot's date: not a whole year\" '$WORK/years.txt'"
"$SL" partnerships --tech ring --by year --snapshot 2020-10-07 --json -s "$DB" | grep -q "runs only to"
check "... in the table alone, not in the JSON" [ $? = 1 ]
finish
