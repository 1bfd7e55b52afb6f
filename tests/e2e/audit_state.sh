#!/usr/bin/env bash
# audit_state.sh — `audit --state IL` is a report of Illinois only: on the
# real data (as make demo-real builds it) its partnership figures are those
# of `partnerships --state IL` and of counts made here from the files
# themselves, its registry denominators Illinois's agencies, its counties
# the 102 whose FIPS ids open with 17, its ICE sites those inside them (the
# rest counted as left out), and its title, lead, headlines and
# summary.json ("scope") say "Illinois (IL) only". On a small fixture: a set
# whose ids are no FIPS codes is left out and said, a state with no row is
# said and not a lead of zeros, a state with nothing is refused, and so are
# --state California (told CA), an unknown code and a store of posts (exit
# 2, nothing written).
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
need_shared
need_us_atlas

# ---- the real data -------------------------------------------------------
DB=$(store real)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$DB" >/dev/null 2>&1
"$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$DB" >/dev/null 2>&1
import_counties "$DB"
"$SL" import sites "$SL_SHARED_DATA/sites/ice-detention-facilities-uwchr.psv.gz" --category ice --id detloc --text name \
  -s "$DB" >/dev/null 2>&1
check "audit --state il of the real data" "$SL" audit -s "$DB" -o "$WORK/il" --tech ring --since 2020-05-25 --state il --quiet
"$SL" partnerships --tech ring --state IL --json -s "$DB" >"$WORK/p.json"
"$SL" partnerships --tech ring --state IL --since 2020-05-25 --json -s "$DB" >"$WORK/ps.json"
"$SL" join --points sites --areas counties --json -s "$DB" >"$WORK/join.json"

PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" "$SL_SHARED_DATA" "$US_ATLAS" <<'PY'
import csv, json, os, re, sys
from checks import need, done
from report_page import map_data
w, data, atlas = sys.argv[1:4]
s = json.load(open(f"{w}/il/summary.json"))
html = open(f"{w}/il/report.html").read()
p, ps = json.load(open(f"{w}/p.json")), json.load(open(f"{w}/ps.json"))

need(s.get("scope", {}).get("states") == ["IL"] and s["scope"].get("label") == "Illinois (IL) only",
     f"summary.json carries the scope: {s.get('scope')}")
t = s.get("partnerships", {})
for k in ("snapshot", "total", "agencies", "linked", "unlinked", "by_year", "share"):
    need(t.get(k) == p.get(k), f"partnerships.{k} is `partnerships --state IL`'s: {t.get(k)!r} / {p.get(k)!r}")
need(t.get("since", {}).get("count") == ps["since"]["count"] and t["since"].get("month_or_year") == ps["since"]["month_or_year"],
     f"the count since 25 May 2020 is `partnerships --state IL --since`'s: {t.get('since')}")
# independently, from the files: the Atlas's Illinois rows of Ring, the
# registry's Illinois agencies
rows = [r for r in csv.DictReader(open(f"{data}/partnerships/atlas-of-surveillance-2020-10-07.csv", encoding="utf-8-sig"))
        if r["State"].strip().upper() == "IL" and re.search(r"\bring\b", r["Technology"], re.I)]
need(t.get("total") == len(rows) == 163, f"163 Atlas rows of Ring in IL: {t.get('total')} / {len(rows)}")
reg = [r for r in csv.DictReader(open(f"{data}/agencies/fbi-cde-agencies-2018.csv", encoding="utf-8-sig")) if r["state_abbr"] == "IL"]
cc = [r for r in reg if r["agency_type_name"] in ("City", "County")]
share = {x["denominator"]: x for x in t.get("share", [])}
need(share.get("all registry agencies", {}).get("agencies") == len(reg) == 934
     and share.get("city and county agencies", {}).get("agencies") == len(cc),
     f"the shares are over the registry's Illinois agencies ({len(reg)}, {len(cc)} city and county): {t.get('share')}")
by_state = s.get("agencies_by_state", [])
need([r["state"] for r in by_state] == ["IL"] and by_state[0]["agencies"] == len(reg)
     and by_state[0]["partnered"] == share["all registry agencies"]["partnered"],
     f"the table by state is Illinois's row alone, its partnered agencies the share's: {by_state}")
need(s.get("partnership_rows_by_state") == {"IL": 163}, f"rows by state: IL only: {s.get('partnership_rows_by_state')}")

# the counties: those of us-atlas whose FIPS id opens with 17
topo = json.load(open(atlas))
il_ids = [g["id"] for g in topo["objects"]["counties"]["geometries"] if str(g.get("id", "")).startswith("17")]
areas = {e["set"]: e for e in s.get("areas", [])}
c = areas.get("counties", {})
need(c.get("areas") == len(il_ids) == 102, f"102 Illinois counties measured: {c.get('areas')} / {len(il_ids)}")
need(c.get("areas", 0) + c.get("areas_left_out_of_scope", 0) == 3230, f"the rest are counted as left out: {c.get('areas_left_out_of_scope')}")
need(s.get("scope", {}).get("area_sets") == ["counties"], "the scope names the sets it kept")
# the sites: those inside Illinois's counties, as `join --points sites` counts them per county
j = json.load(open(f"{w}/join.json"))
in_il = sum(r["count"] for r in j["areas"] if r["id"].startswith("17"))
sites = c.get("joins", {}).get("sites", {})
need(sites.get("points") == in_il == s["scope"].get("sites") and in_il > 0,
     f"the sites in Illinois's counties ({in_il}) are the report's: {sites.get('points')}, {s['scope'].get('sites')}")
need(s["scope"].get("sites") + s["scope"].get("sites_left_out") == j["points"] == 1522,
     f"the sites left out are counted: {s['scope']}")
m = map_data(html)
need(len(m.get("sites", [])) == in_il, f"the map draws Illinois's sites only: {len(m.get('sites', []))}")
ids = [f["properties"]["id"] for a in m.get("areas", []) for f in a["features"]["features"]]
need(len(ids) == 102 and all(str(i).startswith("17") for i in ids), f"the map draws Illinois's counties only: {len(ids)}")
need(f"Only the areas in Illinois (IL) are counted: 3,128 more of the set lie elsewhere and are left out, and so are "
     f"the {1522 - in_il:,} sensitive sites outside them ({in_il} are inside)." in html, "the page says what it left out")

# the scope, said wherever a figure could be quoted
need(s.get("lead", "").startswith("Illinois (IL) only: by 7 October 2020, 163 law enforcement agencies had partnered with Ring"),
     f"the lead opens on the scope: {s.get('lead')!r}")
need("The 19.3% is 163 of the registry's 845 city and county agencies in Illinois (IL); of all its 934 agencies, 163 "
     "(17.5%)" in s.get("lead_notes", ""), f"the notes under the lead name the state's denominators: {s.get('lead_notes')!r}")
need(s["headlines"] and all(h["text"].startswith("Illinois (IL) only: ") for h in s["headlines"]),
     f"every headline says the scope: {[h['text'][:40] for h in s['headlines']]}")
readme = open(f"{w}/il/README.md", encoding="utf-8").read() if os.path.exists(f"{w}/il/README.md") else ""
need("**Illinois (IL) only:** every file holds the partnerships, agencies, areas and sites of Illinois (IL) alone" in readme,
     "data/'s README.md says the scope, for a file passed on alone")
need("\n1 row: one row per state" in readme and "Every partnership row is linked to the registry." in readme
     and "The 0 partnership rows" not in readme, "... and counts its rows in words: 1 row, no '0 partnership rows'")
need("<title>sightline audit — Illinois (IL) only</title>" in html, "the page's title says the scope")
need(re.search(r'<h1>Police partnerships with Ring: <span class="scope" id="scope">Illinois \(IL\) only</span></h1>', html),
     "the heading says the scope")
bs = list(csv.DictReader(open(f"{w}/il/data/partnerships_by_state.csv")))
need([(r["state"], r.get("filter_state")) for r in bs] == [("IL", "IL")],
     f"data/partnerships_by_state.csv is Illinois's row, and says its filter: {[(r['state'], r.get('filter_state')) for r in bs]}")
need("--state IL" in s.get("command", ""), f"the command that remakes the report keeps --state: {s.get('command')}")
done()
PY
[ $? = 0 ] && ok "the IL report's figures are partnerships --state IL's and the files'" || not_ok "the IL report's figures"

# a state the list has no Ring row of: said, no lead of zeros
check "audit --state AS of the real data" "$SL" audit -s "$DB" -o "$WORK/as" --tech ring --state AS --quiet
check "American Samoa's report says it holds no Ring row, and has no lead" python3 -c "
import json, sys
s = json.load(open('$WORK/as/summary.json'))
why = [x['why'] for x in s['skipped'] if x['analysis'] == 'partnerships']
sys.exit(0 if 'lead' not in s and 'partnerships' not in s and why and 'holds no row of “ring” in American Samoa (AS)' in why[0]
         and '\`sightline partnerships --tech ring --state AS\`' in why[0] else 1)"

# ---- refusals -----------------------------------------------------------
out=$("$SL" audit -s "$DB" -o "$WORK/ca" --state California 2>&1); rc=$?
refused() { # refused WHAT RC WANT TEXT DIR WORDS: RC is WANT, TEXT holds WORDS and DIR was not written
  if [ "$2" = "$3" ] && grep -qF -- "$6" <<<"$4" && [ ! -e "$5" ]; then ok "$1"; else not_ok "$1 (exit $2: $4)"; fi
}
refused "--state California: exit 2, told --state CA, as partnerships tells it" $rc 2 "$out" "$WORK/ca" "not 'California': --state CA"
check "partnerships gives the same words" bash -c "'$SL' partnerships --state California -s '$DB' 2>&1 | grep -qF \"not 'California': --state CA\""
"$SL" audit -s "$DB" -o "$WORK/zz" --state IL,ZZ >/dev/null 2>&1; rc=$?
check "--state IL,ZZ: exit 2, nothing written" bash -c "[ $rc = 2 ] && [ ! -e '$WORK/zz' ] && ! ls -a '$WORK' | grep -q '^\.zz'"

# ---- a small fixture ------------------------------------------------------
F=$SL_FIXTURES/state_report
FX=$(store fx)
"$SL" import agencies "$F/fbi.csv" --preset fbi-cde -s "$FX" >/dev/null 2>&1
"$SL" import partnerships "$F/atlas-2020-10-07.csv" --preset atlas -s "$FX" >/dev/null 2>&1
"$SL" import areas "$F/counties.geojson" --set counties --id id --name name --pop pop --black black -s "$FX" >/dev/null 2>&1
"$SL" import areas "$F/wards.geojson" --set wards --id id --name name --pop pop --black black -s "$FX" >/dev/null 2>&1
"$SL" import sites "$F/sites.csv" --category ice --id id --text name -s "$FX" >/dev/null 2>&1
check "audit --state IL of the fixture" "$SL" audit -s "$FX" -o "$WORK/fil" --tech ring --state IL --quiet
check "fixture: IL's 2 Ring rows over IL's 4 agencies (3 city and county), Cook and DuPage, 2 sites kept and 2 left out, the wards left out and said" python3 -c "
import json, sys
s = json.load(open('$WORK/fil/summary.json'))
sh = {x['denominator']: (x['partnered'], x['agencies']) for x in s['partnerships']['share']}
areas = {e['set']: e for e in s['areas']}
why = ' '.join(x['why'] for x in s['skipped'] if x['analysis'] == 'areas')
ok = (s['partnerships']['total'] == 2 and sh == {'all registry agencies': (2, 4), 'city and county agencies': (2, 3)}
      and list(areas) == ['counties'] and areas['counties']['areas'] == 2 and areas['counties']['areas_left_out_of_scope'] == 1
      and s['scope']['sites'] == 2 and s['scope']['sites_left_out'] == 2
      and '“wards” are not US FIPS codes' in why and 'cannot be known' in why
      and [r['state'] for r in s['agencies_by_state']] == ['IL'])
print(json.dumps([s['partnerships']['total'], sh, {k: (e['areas'], e.get('areas_left_out_of_scope')) for k, e in areas.items()}, s['scope'], why]), file=sys.stderr)
sys.exit(0 if ok else 1)"
check "fixture: a report of no --state is of every state, and says so" bash -c "
  '$SL' audit -s '$FX' -o '$WORK/fall' --tech ring --quiet &&
  python3 -c \"import json,sys; s=json.load(open('$WORK/fall/summary.json')); sys.exit(0 if s['scope'] == {'states': None, 'label': 'every state in the store'} and s['partnerships']['total'] == 4 else 1)\""
check "fixture: IN has no drone row: said, no lead; its county is measured" bash -c "
  '$SL' audit -s '$FX' -o '$WORK/fin' --tech drone --state IN --quiet &&
  python3 -c \"import json,sys; s=json.load(open('$WORK/fin/summary.json')); sys.exit(0 if 'lead' not in s and [e['areas'] for e in s['areas']] == [1] else 1)\""
out=$("$SL" audit -s "$FX" -o "$WORK/fwy" --state WY 2>&1); rc=$?
refused "fixture: WY has no row and no area: refused (exit 1), nothing written" $rc 1 "$out" "$WORK/fwy" \
  "no partnership row and no area in Wyoming (WY)"
POSTS=$(store_copy "$FX" fposts)
"$SL" import posts "$SL_FIXTURES/few_residents/posts.csv" -s "$POSTS" >/dev/null 2>&1
out=$("$SL" audit -s "$POSTS" -o "$WORK/fposts" --state IL 2>&1); rc=$?
refused "fixture with posts: --state is refused (exit 2), nothing written" $rc 2 "$out" "$WORK/fposts" \
  "holds posts, which a state's report does not yet keep to Illinois (IL)"
finish
