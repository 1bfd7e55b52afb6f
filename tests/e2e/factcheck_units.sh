#!/usr/bin/env bash
# factcheck_units.sh — the words beside a figure say what it is a figure of.
# The fact-check of the run of 2026-12-07 (seventh), on the real data as
# `make demo-real` imports it: the report's table of ICE sites per county
# gives Cameron, TX "5.3" per 1,000 km² and said nothing of which km²: her
# recomputation over the Census Bureau's land area (2,307 km²) gave 6.1;
# sightline's is the outline as imported (2,642 km², inland water
# included). The page now says so under every table of rates per 1,000 km².
# The data README called partnerships_by_state.csv's 56 rows "one row per
# state": they are the 50 states, DC and 5 territories (AS, GU, MP, PR, VI).
# Montana's report (no Ring row there) said under Key figures "The store
# holds nothing to measure yet", over a store holding the Atlas, the
# registry (115 Montana agencies) and Montana's counties and ICE sites.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }

DB=$(store real)
import_real "$DB"
check "audit of the real data" "$SL" audit -s "$DB" -o "$WORK/real" --tech ring --since 2020-05-25 --quiet

PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK/real" <<'PY'
import csv, html, re, sys
from checks import need, done
d = sys.argv[1]
page = open(f"{d}/report.html", encoding="utf-8").read()
text = html.unescape(re.sub(r"<[^>]+>", "", page))
cam = [r for r in csv.DictReader(open(f"{d}/data/areas_counties.csv", encoding="utf-8")) if r["id"] == "48061"][0]
rate = int(cam["sites"]) / float(cam["area_km2"]) * 1000
need(cam["sites"] == "14" and f"{rate:.1f}" == "5.3", f"Cameron: 14 sites over area_km2 {cam['area_km2']}: {rate:.2f}")
need(re.search(r"48061\s*Cameron, TX\s*14\s*5\.3\s*3\.3", text) is not None, "the sites table prints Cameron's 5.3")
i = text.find("Areas with the most sites")
note = text.find("Per 1,000 km² of each area's outline as imported (area_km2 in data/", i)
need(i >= 0 and note > i and text.find("Not measured", i) > note,
     "under the sites table, a note says the km² are the outline's as imported")
need("not an official land area" in text[note:note + 300], "... and not an official land area")
rows = list(csv.DictReader(open(f"{d}/data/partnerships_by_state.csv", encoding="utf-8")))
others = sorted(r["state"] for r in rows if r["state"] in ("DC", "AS", "GU", "MP", "PR", "VI"))
need(len(rows) == 56 and others == ["AS", "DC", "GU", "MP", "PR", "VI"], f"56 rows: 50 states, DC and 5 territories: {others}")
readme = open(f"{d}/README.md", encoding="utf-8").read()
need("56 rows: one row per state (or DC, or a territory such as PR or GU, where the areas hold one;" in readme,
     "the data README says the rows are states, DC and territories")
done()
PY
[ $? = 0 ] && ok "the km² of the rates and the rows by state are said as they are" ||
  not_ok "the km² of the rates and the rows by state are said as they are"
check "audit of Montana alone" "$SL" audit -s "$DB" -o "$WORK/mt" --tech ring --since 2020-05-25 --state MT --quiet
check "Montana's page does not say the store holds nothing" bash -c "! grep -q 'holds nothing to measure' '$WORK/mt/report.html'"
check "... it points to what was not measured, and why" \
  grep -q '<li>No key figure: <a href="#skipped">Not measured</a> says what this report could not count, and why.</li>' "$WORK/mt/report.html"
finish
