#!/usr/bin/env bash
# synth_source.sh — `synth` writes a source of its own (kind synthetic),
# never mixed into a real import: listed by info, removable by rm, stored
# once per set of parameters; the audit marks only the sections whose
# figures rest on it. Real data: US counties with QuickFacts, the 538
# points as posts; real requests from the disparity fixture.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
DB=$(store s)
check "import counties with demographics" import_counties "$DB"
check "import the 538 points as posts" "$SL" import posts "$SL_SHARED_DATA/points/police-killings-2015-fivethirtyeight.csv" -s "$DB"
check "import real requests" "$SL" import requests "$SL_FIXTURES/disparity/requests.csv" -s "$DB"
count() { "$SL" info --json -s "$DB" | python3 -c "import json,sys; print(json.load(sys.stdin)['requests']['count'])"; }
real=$(count)
out1=$("$SL" synth --areas counties --layer requests --count 200 --group black --beta 1 --seed 9 -s "$DB")
check "first synth run adds its requests" [ "$(count)" -eq $((real + 200)) ]
out2=$("$SL" synth --areas counties --layer requests --count 200 --group black --beta 1 --seed 9 -s "$DB")
check "second run of the same seed exits 0" [ $? -eq 0 ]
check "second run says nothing changed" grep -q "generated before (source #[0-9]*, same parameters): nothing changed" <<<"$out2"
check "second run stored nothing" [ "$(count)" -eq $((real + 200)) ]
"$SL" info --json -s "$DB" > "$WORK/info.json"
check "info lists one synthetic source, named with layer, set and seed" python3 - "$WORK/info.json" <<'PY'
import json, sys
srcs = json.load(open(sys.argv[1]))["sources"]
syn = [s for s in srcs if s["kind"] == "synthetic"]
real = [s for s in srcs if s["kind"] == "requests"]
ok = len(syn) == 1 and syn[0]["file"] == "synthetic-requests-counties-seed9" and syn[0]["rows"] == 200
ok = ok and len(real) == 1 and not real[0]["file"].startswith("synthetic")
opts = json.loads(syn[0]["options"]) if isinstance(syn[0]["options"], str) else syn[0]["options"]
ok = ok and opts.get("seed") == "9" and opts.get("group") == "black" and opts.get("layer") == "requests"
sys.exit(0 if ok else 1)
PY
"$SL" synth --areas counties --layer requests --count 800 --seed 10 -s "$DB" >/dev/null
check "another seed is another source" [ "$(count)" -eq $((real + 1000)) ]

# The audit marks the sections resting on synthetic requests, and only those.
"$SL" audit -o "$WORK/out" --quiet --bootstrap 200 -s "$DB" >/dev/null
check "audit runs" [ $? -eq 0 ]
check "summary.json: synthetic per section, no blanket flag" python3 - "$WORK/out/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
sec = s["synthetic_sections"]
files = {"synthetic-requests-counties-seed9", "synthetic-requests-counties-seed10"}
ok = s["synthetic"] is False
ok = ok and set(sec.get("disparity", [])) == files and set(sec.get("areas", [])) == files
ok = ok and "cameras" not in sec and "filters" not in sec and "partnerships" not in sec
sys.exit(0 if ok else 1)
PY
html=$WORK/out/report.html
section_has_note() { # section_has_note ID: the section's text carries the synthetic note
  python3 - "$html" "$1" <<'PY'
import re, sys
h = open(sys.argv[1]).read()
m = re.search(r'<section id="%s">(.*?)</section>' % re.escape(sys.argv[2]), h, re.S)
sys.exit(0 if m and "synthetic-note" in m.group(1) else 1)
PY
}
check "headlines: exactly those resting on synthetic requests say so" python3 - "$WORK/out/summary.json" <<'PY'
import json, sys
hs = json.load(open(sys.argv[1]))["headlines"]
marked = [h for h in hs if "synthetic data: synthetic-requests-counties-seed" in h["text"]]
posts = [h for h in hs if " posts come from " in h["text"] or "text filter" in h["text"]]
ok = marked and all(h["figures"].get("events") == "requests" and h.get("synthetic") for h in marked)
ok = ok and posts and all("synthetic" not in h["text"] and "synthetic" not in h for h in posts)
sys.exit(0 if ok else 1)
PY
check "headlines: counts of a thousand and more carry separators" python3 - "$WORK/out/summary.json" <<'PY'
import json, re, sys
hs = [h["text"] for h in json.load(open(sys.argv[1]))["headlines"]]
big = [t for t in hs if re.search(r"; \d{1,3}(,\d{3})+ events\)", t)]
# no bare run of four or more digits, dates, seeds and years aside
bare = [t for t in hs if re.search(r"(?<![\d,.\-])\d{4,}(?![\d\-])", re.sub(r"\d{4}-\d{2}-\d{2}|seed\d+|\b(19|20)\d\d\b", "", t))]
print(big[:1], bare[:2])
sys.exit(0 if big and not bare else 1)
PY
check "report: no whole-report synthetic banner" bash -c "! grep -q 'id=\"synthetic-banner\"' '$html'"
check "report: the disparity section says it rests on synthetic data" section_has_note disparity
check "report: the areas section says so" section_has_note areas
# a disparity CSV lifted out of data/ still says what it compares with and
# that it rests on invented rows
check "data/disparity_counties_requests.csv: set, events, baseline_is, seed and the synthetic imports on every row" python3 - "$WORK/out/data/disparity_counties_requests.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
ok = rows and all(r["set"] == "counties" and r["events_kind"] == "requests" and
                  r["baseline_is"] == "population of the study areas" and r["seed"] == "2018" and
                  "synthetic-requests-counties-seed9" in r["synthetic"] for r in rows)
sys.exit(0 if ok else 1)
PY
# the Areas section mixes the real partnered agencies with the synthetic
# requests: its note names the layer it is about and says the others are real
check "... naming the invented layer, the others real" grep -q "Synthetic data: this section's figures of requests rest on invented records (synthetic-requests-counties-seed[0-9]*, synthetic-requests-counties-seed[0-9]*), not on observations; the others are real." "$html"
section_lacks_note() { ! section_has_note "$1"; }
check "report: the cameras section (real posts only) does not" section_lacks_note cameras
check "report: the text filters section (real posts only) does not" section_lacks_note filters

# The CLI says so under figures resting on synthetic rows, in every format,
# and only there.
"$SL" join --points requests --areas counties --top 1 -s "$DB" >/dev/null 2>"$WORK/join.err"
check "join over synthetic requests: a caution names each synth import and its rm" bash -c "
  tr -s ' \n' ' ' <'$WORK/join.err' | grep -q 'caution: The 200 requests of import [0-9]* (synthetic-requests-counties-seed9) were invented by .sightline synth.: figures resting on them are not findings; .sightline rm [0-9]*. removes them.' &&
  grep -q 'The 800 requests of import' '$WORK/join.err'"
check "... with --json too, on stderr only" bash -c "
  '$SL' join --points requests --areas counties --json -s '$DB' 2>'$WORK/json.err' | python3 -c 'import json,sys; json.load(sys.stdin)' &&
  grep -q 'caution: The 200 requests' '$WORK/json.err'"
check "... and none over the real posts" bash -c "
  '$SL' join --points posts --areas counties --top 1 -s '$DB' 2>&1 >/dev/null | { ! grep -q caution; }"
# rm of the synthetic sources leaves the real requests.
"$SL" info --json -s "$DB" | python3 -c "
import json,sys; print(' '.join(str(s['id']) for s in json.load(sys.stdin)['sources'] if s['kind'] == 'synthetic'))" > "$WORK/ids"
check "rm the synthetic sources" "$SL" rm $(cat "$WORK/ids") -s "$DB"
check "the real requests remain, and only they" [ "$(count)" -eq "$real" ]
check "info lists no synthetic source" bash -c "! '$SL' info --json -s '$DB' | grep -q '\"synthetic\"'"
check "... and join over the real requests left has no caution" bash -c "
  '$SL' join --points requests --areas counties --top 1 -s '$DB' 2>&1 >/dev/null | { ! grep -q caution; }"

# Synthetic requests alone (no file of real ones): the audit draws their
# disparity, marked, rather than skipping it as "no requests supplied".
ONLY=$(store only)
import_counties "$ONLY" >/dev/null 2>&1
"$SL" synth --areas counties --layer requests --count 300 --seed 11 -s "$ONLY" >/dev/null
"$SL" audit -o "$WORK/only" --quiet --bootstrap 200 -s "$ONLY" >/dev/null
check "synthetic requests alone: their disparity is drawn and marked, not skipped" python3 - "$WORK/only/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
req = [d for d in s["disparity"] if d["events_kind"] == "requests"]
skipped = [k["analysis"] for k in s.get("skipped", [])]
print(len(req), skipped)
sys.exit(0 if len(req) == 1 and req[0]["events"] == 300 and "request disparity" not in skipped
         and s["synthetic_sections"].get("disparity") == ["synthetic-requests-counties-seed11"] else 1)
PY
check "... its tiny exposures per 100,000 residents read with two significant digits, not 0.00" python3 - "$WORK/only/report.html" <<'PY'
import re, sys
h = open(sys.argv[1]).read()
cells = []
for m in re.finditer(r'events per 100,000 residents where the group lives</th>', h):
    cells += re.findall(r'<td class="num"[^>]*>([^<]*)</td></tr>', h[m.start():h.find('</table>', m.start())])
print(cells)
sys.exit(0 if cells and all(re.fullmatch(r"0\.0*[1-9]\d", c) for c in cells) else 1)
PY
finish
