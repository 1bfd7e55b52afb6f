#!/usr/bin/env bash
# report_charts.sh — the report's charts stand alone on the demo: each has a
# title; the timeline has one labelled y-axis from zero with gridlines on
# whole numbers (no second, unlabelled scale and no floating "total" label);
# its caption counts the undated partnerships as the section's text does and
# names rows dated only to the year apart; the disparity chart has round
# percent ticks, an axis title with its unit and groups in reader words.
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
"$SL" demo -s "$(store demo)" >/dev/null
check "audit of the demo" "$SL" audit -s "$(store demo)" -o "$WORK/demo" --quiet
check "audit of the demo's Ring rows" "$SL" audit -s "$(store demo)" -o "$WORK/ring" --tech ring --quiet

PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" <<'PY'
import json, re, sys
w = sys.argv[1]
from checks import need, done

s = json.load(open(f"{w}/demo/summary.json"))
html = open(f"{w}/demo/report.html").read()
tl = re.search(r'<figure class="chart" id="timeline-chart"[^>]*>(.*?)</figure>', html, re.S)
need(tl is not None, "the timeline is drawn")
tl = tl.group(1) if tl else ""
# Only Ring rows' dates are starts; the demo's other technologies carry a
# cited source's date, so the chart says "dated", and --tech ring "started".
by_source = s["partnerships"].get("dated_by_source", 0)
need(by_source == 4 and 'class="chart-title">Records per month, by the date of their source<' in tl
     and "started" not in tl, f"the timeline's title says the records are dated, not started ({by_source} not Ring)")
need("4 of the dated records here are such" in html and "<h3>By the year of each record's date</h3>" in html,
     "the section says whose dates are not starts")
ring = open(f"{w}/ring/report.html").read()
rtl = re.search(r'<figure class="chart" id="timeline-chart"[^>]*>(.*?)</figure>', ring, re.S).group(1)
need('class="chart-title">Partnerships started per month<' in rtl and "<h3>By year the partnership started</h3>" in ring
     and "of the dated records here are such" not in ring, "with --tech ring, partnerships started")
need('class="axis-title"' in tl and '>records</text>' in tl, "the timeline's y-axis has a title")
need('class="grid zero"' in tl, "the y-axis starts at zero with a baseline")
ylabels = re.findall(r'<text [^>]*class="tick" text-anchor="end">([^<]*)</text>', tl)
need(len(ylabels) >= 2 and ylabels[0] == "0" and all(re.fullmatch(r"\d+", v) for v in ylabels)
     and len(set(ylabels)) == len(ylabels), f"y ticks are distinct whole numbers from 0: {ylabels}")
need(len(re.findall(r'<line class="grid', tl)) == len(ylabels), "one gridline per y tick")
need("cumulative" not in tl and "polyline" not in tl, "no second, unlabelled scale")
need(not re.search(r">total \d", tl), "no floating 'total N' label")
undated = s["partnerships"]["undated"]
cap = re.search(r"<figcaption>(.*?)</figcaption>", tl, re.S).group(1)
m = re.search(r"(\d+) undated", cap)
need(m is not None and int(m.group(1)) == undated, f"caption's undated count is the summary's ({undated}): {cap!r}")
text = re.search(r"(\d+) undated\.</p>", html)
need(text is not None and int(text.group(1)) == undated, "the section's text gives the same undated count")
yearly = s["partnerships"]["by"].get("year only", 0)  # apart from "undated" since the eighth run of 2026-12-07
need(f"{yearly} dated only to the year" in cap, f"rows dated only to the year counted apart ({yearly})")
drawn = sum(v for k, v in s["partnerships"]["by"].items() if re.fullmatch(r"\d{4}-\d\d", k))
need(cap.startswith(f"{drawn} records dated to the month are drawn"), "caption says how many bars' worth are drawn")
need("Source: " in cap, "the chart has a source line")

dc = re.search(r'<figure class="chart disparity-chart"[^>]*>(.*?)</figure>', html, re.S)
need(dc is not None, "the disparity chart is drawn")
dc = dc.group(1) if dc else ""
need('class="chart-title"' in dc, "the disparity chart has a title")
need("share of residents in the group (%)" in dc, "the disparity axis has a title with its unit")
# two drawings: the wide one, and one a phone shows whole (labels above the rows)
svgs = re.findall(r'<svg class="(wide|narrow)" viewBox="0 0 (\d+) \d+"(.*?)</svg>', dc, re.S)
need([k for k, _, _ in svgs] == ["wide", "narrow"] and int(svgs[1][1]) <= 390, f"a wide and a narrow drawing, the narrow one within 390 px: {[(k, w) for k, w, _ in svgs]}")
tick_sets = [[int(t) for t in re.findall(r'class="tick" text-anchor="middle">(\d+)%<', body)] for _, _, body in svgs]
need(len(tick_sets) == 2 and tick_sets[0] == tick_sets[1], "both drawings have the same axis")
dc = svgs[0][2] if svgs else dc
ticks = [int(t) for t in re.findall(r'class="tick" text-anchor="middle">(\d+)%<', dc)]
need(len(ticks) >= 3 and ticks[0] == 0 and all(t % 5 == 0 for t in ticks)
     and len({b - a for a, b in zip(ticks, ticks[1:])}) == 1, f"disparity ticks are round and even: {ticks}")
need(">white non-Hispanic</text>" in dc and "white_nh" not in dc, "groups are named in words, not keys")
done()
PY
[ $? -eq 0 ] && ok "charts" || not_ok "charts"

# The years under the monthly axes: the Atlas opens in November 2006, two
# months before 2007's label, where "2006" was drawn over "2007"; a span of
# 41 years is too narrow for a label a year. Each file lists its latest row
# first, as the Atlas does not keep the years in order.
for span in "2020-09-01 2006-11-03 2007-02-10" "2020-06-01 1980-01-15"; do
  name=$(echo "$span" | cut -d' ' -f2 | cut -c1-4)
  { echo "agency,state,technology,start"; for d in $span; do echo "Agency $d,IL,Ring,$d"; done; } >"$WORK/p$name.csv"
  "$SL" import partnerships "$WORK/p$name.csv" --name agency --state state --tech-col technology --date start \
    --snapshot 2020-10-07 -s "$(store "span$name")" >/dev/null
  "$SL" audit -s "$(store "span$name")" -o "$WORK/span$name" --quiet >/dev/null
  check "years under the monthly axes stand clear of each other (from $name)" python3 - "$WORK/span$name/report.html" <<'PY'
import re, sys
html = open(sys.argv[1]).read()
charts = re.findall(r'<figure class="chart" id="(?:timeline|total)-chart"[^>]*>(.*?)</figure>', html, re.S)
ok = len(charts) == 2
for c in charts:
    ticks = [(float(x), int(y)) for x, y in re.findall(r'<text x="([\d.]+)" y="[\d.]+" class="tick">(\d{4})</text>', c)]
    xs, years = [t[0] for t in ticks], [t[1] for t in ticks]
    print(years)
    ok = ok and len(ticks) >= 3 and years == sorted(set(years)) and all(b - a >= 30 for a, b in zip(xs, xs[1:]))
# The table by year runs in order, not in the order the rows met the years
# (the rows are "Ring": --tech ring counts them, so their dates are starts).
t = html[html.index("<h3>By year the partnership started</h3>"):]
rows = re.findall(r'<tr><th scope="row">(\d{4})</th>', t[:t.index('</table>')])
print(rows)
ok = ok and len(rows) >= 2 and rows == sorted(rows)
sys.exit(0 if ok else 1)
PY
done
finish
