#!/usr/bin/env bash
# report_story.sh — the report reads as a story on the real data (Atlas of
# Surveillance, FBI registry, US counties, ICE facilities) and is honest on
# the demo: a lead sentence with figure, both denominators, date, sources
# (the registry's year), lower bounds and the count dated only to a month,
# before the map; headlines in quotable sentences; the sites named by
# category and source; no camera sentence without cameras; states sorted by partnered agencies with a rate per 100 agencies;
# area rates in units that read (no "0.00"); "Not measured" in plain words;
# no disparity methods when no disparity ran; partnered agencies counted per
# county for the map, the dots' legend saying they are not the since
# count; disparity headlines name every group in a fixed order
# and a p-value at the floor of the placebo draws reads "p < 0.0005"; the
# methods note is rendered from Markdown (cmark), not shown raw.
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
real_and_demo_reports

PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" <<'PY'
import json, re, sys
from report_page import map_data
w = sys.argv[1]
from checks import need, done

s = json.load(open(f"{w}/real/summary.json"))
html = open(f"{w}/real/report.html").read()
lead, notes = s.get("lead", ""), s.get("lead_notes", "")
# the share with its numerator and denominator: "among them 9.9% of the city
# and county agencies" read as 9.9% of the 1,498 (copy editor's walk)
need(lead == "By 7 October 2020, 1,498 law enforcement agencies had partnered with Ring, including 1,477 of the 14,894 city and "
     "county agencies in the agency registry (9.9%). 212 of the partnerships began on or after 25 May 2020 (170 of them dated only "
     "to a month or year).", f"a lead short enough to quote, the month-dated count inside it: {lead!r}")
need("<h1>Police partnerships with Ring</h1>" in html, "the title names the subject")
# "1,481 linked" beside "1,498 agencies" read as agencies, where the share in the lead counts 1,478 (copy editor's walk)
need("Snapshot 2020-10-07: 1,501 partnership rows by 1,498 agencies; 1,481 rows linked to the agency registry, 20 not; 0 undated." in html,
     "the partnerships' line says its linked count is of rows, not agencies")
need(0 <= html.find('id="lead"') < html.find('id="lead-notes"') < html.find('id="map-section"'),
     "the lead, then its notes, come before the map")
need(html.count("212 Ring partnerships began on or after") == 0, "the lead is not repeated as a headline")
# the notes under the lead name its sources (the registry with its year),
# give the counts behind the share and the table by state's denominator
# beside it, call the shares lower bounds when rows are unlinked, and say
# where the month-only dates come from
need("Sources: Electronic Frontier Foundation and University of Nevada, Reno: Atlas of Surveillance, data of 2020 (partnerships); "
     "FBI Crime Data Explorer" in notes and "data of 2018 (agency registry)" in notes,
     f"the notes name the sources and the registry's year: {notes!r}")
need("The 9.9% is 1,477 of the registry's 14,894 city and county agencies; of all its 18,702 agencies, 1,478 (7.9%), "
     "the measure of the table by state." in notes, "the notes give both denominators side by side")
need("Both shares are lower bounds: 20 of the 1,498 agencies (20 partnership rows) are not linked to the registry and count in neither." in notes, "the notes say the shares are lower bounds, in agencies as the lead counts")
need(s["partnerships"]["since"].get("month_or_year") == 170
     and "The 170 dated only to a month or year are read from the summary text where the date column gives no day." in notes,
     "the notes say where the 170 month dates come from")
heads = [x["text"] for x in s["headlines"] if "figures" in x and "share" in x["figures"]]
need(heads and heads[0].startswith("212 Ring partnerships began on or after 25 May 2020; 170 of them are dated only")
     and "(ring)" not in heads[0] and "more possibly" not in heads[0]
     and heads[0].endswith("As of 7 October 2020, 1,477 of the 14,894 city and county agencies in the registry (9.9%) had partnered with Ring."),
     f"the partnership headline reads as sentences: {heads[:1]}")
top = html[:html.find("</header>")]
need("Camera and post locations" not in top, "no word of camera locations in the standfirst of a report without them")
mapsec = html[html.find('<section id="map-section"'):html.find('</section>', html.find('<section id="map-section"'))]
need("Cameras and posts appear only" not in mapsec and "No map tiles are loaded" in mapsec, "... nor in the map's note")
need("Areas with the most sites of category “ice”, from University of Washington Center for Human Rights" in html,
     "the sites are named by category and source in the areas' heading")
# the list holds every place ICE detained people in its FOIA records, last
# used from 1987 to 2017 (947 of the 1,522 located before 2017): "ICE
# detention facilities" alone read as those in use. The label is make
# demo-real's, and lib.bash imports with it.
import re as _re
mk = _re.search(r'import sites .*?--publisher "([^"]*)"', open(f"{__import__('os').environ['SL_SOURCE']}/Makefile").read(), _re.S)
need(mk and "at any time from 1980 to 2017" in mk.group(1) and f"sites of category “ice”, from {mk.group(1)}</h3>" in html,
     f"the ICE sites' heading says their years, in make demo-real's words: {mk and mk.group(1)!r}")
need(map_data(html).get("sites_label", "").startswith("sites of category “ice”, from University of Washington"),
     "the map legend's sites label names category and source")
# the agency dots are every Ring partner of the snapshot, not the report lead's
# since count: the legend says so beside a lead that counts since a date
need(map_data(html).get("agencies_label") == "agencies with a “ring” partnership by 7 October 2020, whatever its start "
     "(not only those since 25 May 2020)", f"the legend says which agencies are dotted: {map_data(html).get('agencies_label')!r}")

states = s.get("agencies_by_state", [])
need(len(states) >= 50, f"{len(states)} states with registry denominators")
need([r["partnered"] for r in states] == sorted((r["partnered"] for r in states), reverse=True), "states sorted by partnered agencies")
# none linked but rows there (New Hampshire's one, a New Jersey department filed under NH): no rate, not 0
need(all((r["per_100_agencies"] is None) if not r["partnered"] and r.get("unlinked_rows") else
         abs(r["per_100_agencies"] - 100 * r["partnered"] / r["agencies"]) < 1e-9 for r in states if r["agencies"]),
     "rate per 100 agencies, none where no partnered agency is linked: " +
     str([r["state"] for r in states if r["per_100_agencies"] is None]))
need(sum(r["partnered"] for r in states) == [x for x in s["partnerships"]["share"] if x["denominator"] == "all registry agencies"][0]["partnered"],
     "partnered agencies per state add up to the registry share")
sec = html[html.find('<section id="partnerships"'):html.find('<section id="areas"')]
need("per 100 agencies" in sec and '<th scope="row">IL</th>' in sec, "state table shows the rate per 100 agencies")
# the Atlas lists three agencies twice: 1,501 rows are 1,498 partnerships (as
# the diff's note says), so the count is of rows ("1,501 partnerships" before)
need("Snapshot 2020-10-07: 1,501 partnership rows by 1,498 agencies; 1,481 rows linked" in sec
     and "1,501 partnerships by" not in html, "the snapshot's count says rows, not partnerships")
need("<figcaption>1,501 partnership rows dated to the month are drawn. Source: " in sec
     and "1,501 partnerships dated" not in html, "... and so does the chart's caption")
need("<th scope=\"col\">year</th><th scope=\"col\">partnership rows</th>" in sec,
     "... and the table by year heads its counts 'partnership rows'")
# 2020 ends on the snapshot's day: 739 against 2019's 703 is no year's growth
yr = sec[sec.find("<h3>By year the partnership started</h3>"):]
need(yr.find('<th scope="row">2020</th>') < yr.find("<p class=\"note\">2020 runs only to 7 October 2020, the snapshot's date: "
                                        "not a whole year") < yr.find("<h3>By state"),
     "under the table by year, a note that 2020 ends on 7 October")

areas = html[html.find('<section id="areas"'):html.find('</section>', html.find('<section id="areas"'))]
need("Areas with the most sites" in areas and "per 100,000 residents" in areas and ">0.00<" not in areas,
     "area rates in units that read (per 100,000 residents; no 0.00)")
# Kusilvak, AK and Oglala Lakota, SD are matched by their former FIPS codes
# (QuickFacts 2014): 8,010 and 14,218 residents more than before
need("318,843,455 residents" in areas, "residents with thousands separators")
# Puerto Rico's 78 counties have residents: QuickFacts has no row for them
need("counties</b>: 3,230 areas, 318,843,455 residents (data of 2014), with demographics; 89 of them with no population figure in the data "
     "(78 in PR, 4 in MP, 3 in AS, 3 in VI, 1 in GU)." in areas and "without residents" not in areas,
     "the areas with no population figure said, not hidden by \"with demographics\", nor called empty")
import csv
by_state = {r["state"]: r for r in csv.DictReader(open(f"{w}/real/data/partnerships_by_state.csv"))}
need(by_state["AK"]["residents"] == "736732" and by_state["SD"]["residents"] == "853175",
     f"Alaska's and South Dakota's residents count Kusilvak and Oglala Lakota: {by_state['AK']['residents']}, {by_state['SD']['residents']}")
# a top 15 cut inside a tie says so, ties listed by id as `join --top` lists them
need('<td>12086</td><th scope="row">Miami-Dade, FL</th><td class="num">13</td>' in areas
     and "1 more area also holds 13, not listed" in areas, "the cut inside the 13s: Miami-Dade listed, the one left out said")
need('<td>12011</td><th scope="row">Broward, FL</th>' in areas and "<td>48201</td>" not in areas
     and "2 more areas also hold 7, not listed" in areas, "the ICE sites' cut inside the 7s said")
need("Areas with the most partnered agencies" in areas and '<th scope="row">Cook, IL</th>' in areas and '<th scope="row">Los Angeles, CA</th>' in areas,
     "counties with the most partnered agencies, named with their state")

skipped = html[html.find('<section id="skipped"'):html.find('</section>', html.find('<section id="skipped"'))]
need(skipped and "--" not in skipped and "zone" in skipped.lower(), "Not measured in plain words, no command-line flags")
need(all("--" not in x["why"] for x in s["skipped"]), "summary.skipped without command-line flags")
need(not s["disparity"] and "Placebo test" not in html and "How these figures were made" in html,
     "no disparity methods when no disparity ran")

m = map_data(html)
feats = m["areas"][0]["features"]["features"]
total = sum(f["properties"].get("partners", 0) for f in feats)
placed = s["agencies_map"]["partnered_placed"]
need(placed - 30 <= total <= placed, f"partnered agencies counted per county for the map ({total} of {placed} placed)")
la = [f["properties"] for f in feats if f["properties"]["id"] == "06037"][0]
need(la["partners"] > 10 and abs(la["partners_per_100k"] - 1e5 * la["partners"] / la["pop"]) < 1e-6, "Los Angeles County partners and rate")

d = json.load(open(f"{w}/demo/summary.json"))
dh = open(f"{w}/demo/report.html").read()
need("Camera and post locations are shown only as hexagons" in dh[:dh.find("</header>")], "the demo, with posts, keeps the camera sentence")
need("Cameras and posts appear only as counts per hexagon" in dh, "... and the map's note")
dp = [x["text"] for x in d["headlines"] if "figures" in x and "share" in x["figures"]]
need(dp and dp[0].startswith("9 surveillance technology records are dated on or after 7 October 2019 (a Ring row by when")
     and "(any technology)" not in dp[0] and "4 more may be" in dp[0], f"the demo's partnership headline reads as sentences: {dp[:1]}")
for r in d["disparity"]:
    kind = "police request" if r["events_kind"] == "requests" else "camera"
    h = [x["text"] for x in d["headlines"] if f"the average {kind} sits" in x["text"]]
    need(len(h) == 1, f"one disparity headline for {kind}s")
    pos = [h[0].find(g) for g in ("Black", "Hispanic", "foreign-born", "white non-Hispanic")]
    need(h and all(p >= 0 for p in pos) and pos == sorted(pos), f"{kind} headline names every group in a fixed order")
    floor = 1 / (r["permutations"] + 1)
    for g in r["groups"]:
        if g["p_value"] is not None and g["p_value"] <= floor * (1 + 1e-9):
            need("p < 0.0005" in h[0], f"{g['group']}: a p-value at the floor of {r['permutations']} draws reads p < 0.0005")
need(re.search(r"(?<!&lt; )0\.0005", dh) is None and "&lt; 0.0005" in dh, "no p-value printed at the floor of the draws as a number")
one = [x["text"] for x in d["headlines"] if 'category “ice”' in x["text"]]
need(one == ['No count of cameras within 80 m of the 1 sensitive site of category “ice” is published: a count of fewer than 5 camera locations, '
            "or of a site whose circle overlaps another's, is withheld to protect residents. Within 400 m, its count is published "
            "(see the table). (synthetic demo data: sites and posts)"],
     f"one site: singular, its count under k withheld, no distance of one site, and its published 400 m count pointed to ({one})")
few = [x["text"] for x in d["headlines"] if 'category “clinic”' in x["text"]]
need(len(few) == 1 and "Within 400 m, the counts of 2 of them are published (at least 5 camera locations each; see the table)." in few[0],
     f"a category none of whose 80 m counts is published says how many of its 400 m counts are ({few})")
cams = dh[dh.find('<section id="cameras"'):dh.find('</section>', dh.find('<section id="cameras"'))]
need("hexagon edge (m)" in cams and "hex_m" not in cams and ">posts from one camera<" in cams and ">partnerships<" not in cams,
     "camera figures under readable labels, posts per camera not headed 'partnerships'")
meth = dh[dh.find('<section id="methods"'):dh.find('</section>', dh.find('<section id="methods"'))]
need("<strong>" in meth and "<code>" in meth and "<h3>" in meth and "**" not in meth and "`" not in meth,
     "methods rendered from Markdown (bold, code, headings; no raw ** or backticks)")
need(meth.find("src/") > meth.find("Reproducibility") > 0, "source files named only in the reproducibility notes, not where readers start")
reader = meth[:meth.find("Reproducibility")]
need(not re.search(r'^\s*\|', reader, re.M) and "|---" not in reader and "<li>5 events: 80%" in reader,
     "no Markdown table shown raw (cmark has none): the coverage by events is a list")
need("SL_" not in reader, "no source constant names where readers start")
need(re.search(r'Generated <time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">\d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d UTC</time>', dh),
     "the report's own date in words, as its other dates, the ISO form kept for machines")
# Sources: an areas file's skipped records are features, as its import says;
# the files as imported stack on a phone under each file's name, the hash
# across the block (in columns its 64 characters made every row 20 lines).
need("3,230 of the file’s 3,231 features imported; 1 skipped" in html
     and "1,522 of the file’s 1,532 records imported; 10 skipped" in html, "skipped features of areas, records of sites")
files = html[html.find("<h3>Files as imported</h3>"):]
files = files[:files.find("</table>")]
need('<table class="stack"' in files and '<th scope="col">file</th><th scope="col">kind</th>' in files
     and re.search(r'<tr class="file"><th scope="row">counties-10m\.json</th><td class="kind" data-label="kind">areas</td>', files)
     and files.count('<td class="sha" data-label="sha256"><code class="hash">') == len(s["inputs"]),
     "the files as imported stack under each file's name, with every hash labelled")
# a blank cell read as a figure lost (every non-partnership row's snapshot):
# a dash says the column does not apply
need(re.search(r'<td class="kind" data-label="kind">areas</td><td class="nowrap" data-label="snapshot">\u2013</td>', files)
     and '<td class="nowrap" data-label="snapshot"></td>' not in files and '<td class="num" data-label="rows"></td>' not in files,
     "no blank cell in the files as imported: a snapshot that does not apply is a dash")
done()
PY
check "summary and report read as a story" [ $? -eq 0 ]
finish
