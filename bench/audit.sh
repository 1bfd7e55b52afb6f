#!/usr/bin/env bash
# bench/audit.sh — the national audit (issue 18, goals 1 and 4), run by
# bench/run.sh (`make bench`) after the request split; alone:
# bench/audit.sh BUILD (a Release build is what the goals are stated for).
#
# One store per size in SL_BENCH_AUDIT_POSTS (default "1000000 10000000"):
# the 3,231 us-atlas counties with QuickFacts demographics and the ICE sites
# (the import lines of `make demo-real`), 100,000 police requests of radius
# 200-1,600 m placed by population (`synth --layer requests`, radii drawn
# afresh), and N synthetic posts (`synth --layer posts`, timed). Then
# `sightline audit` on each, wall clock and peak RSS from /usr/bin/time -v.
# Stores live in a temporary directory (ten million posts are ~1 GB), removed
# at the end. Prints the Markdown section bench/run.sh appends to RESULTS.md.
#
# Peer (goal 5): on the store of SL_BENCH_AUDIT_PEER_POSTS posts (default
# 1000000; 0 skips), two of the audit's questions (posts per county, cameras
# within 400 m of each site) answered by bench/peers/geopandas-audit.py from
# a posts CSV, the counties and a sites CSV, against sightline answering them
# from the same CSV: `import posts` into the store holding the counties and
# sites, `join --points posts --areas counties`, `near --radius 400`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
BUILD=${1:-${BUILD:-$root/build}}
SL=$BUILD/sightline
DATA=${SL_SHARED_DATA:-$root/../shared/data}
SIZES=${SL_BENCH_AUDIT_POSTS:-1000000 10000000}
REQUESTS=${SL_BENCH_AUDIT_REQUESTS:-100000}
counties=$here/node/node_modules/us-atlas/counties-10m.json
[ -f "$counties" ] || counties=$root/node_modules/us-atlas/counties-10m.json
[ -f "$counties" ] || npm install --silent --no-audit --no-fund --prefix "$here/node" us-atlas@3.0.1 >&2
[ -f "$counties" ] || counties=$here/node/node_modules/us-atlas/counties-10m.json
work=$(mktemp -d "${TMPDIR:-/tmp}/sightline-audit-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

wall_s() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
  for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$1"; }
cpu_s() { awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$1"; }
rss_mb() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }

echo "bench: audit stores in $work ..." >&2
base=$work/base.db
"$SL" import areas "$counties" --layer counties --set counties --id id --name name \
  --demographics "$DATA/census/us-counties-quickfacts-2014.csv" --key fips --key-width 5 --pop PST045214 \
  --black RHI225214 --hispanic RHI725214 --white-nh RHI825214 --foreign-born POP645213 --percent -s "$base" >/dev/null 2>&1
"$SL" import sites "$DATA/sites/ice-detention-facilities-uwchr.psv.gz" --category ice --id detloc --text name \
  -s "$base" >/dev/null 2>&1
# Requests where people live, each with its own radius (synth gives one radius).
cp "$base" "$work/req.db"
"$SL" synth --areas counties --layer requests --count "$REQUESTS" --radius 800 --seed 7 -s "$work/req.db" >/dev/null
{
  echo "id,agency,date,lat,lon,radius_m"
  sqlite3 -csv "$work/req.db" "SELECT id, lat, lon FROM requests ORDER BY id" |
    awk -F, 'BEGIN { srand(18) } { printf "r%s,Bench Police Department %d,2020-%02d-%02d,%s,%s,%.0f\n",
             $1, $1 % 500, 1 + $1 % 12, 1 + $1 % 28, $2, $3, 200 + 1400 * rand() }'
} >"$work/requests.csv"
"$SL" import requests "$work/requests.csv" -s "$base" >/dev/null

rows=()
load=$(cut -d' ' -f1-3 /proc/loadavg)
for n in $SIZES; do
  store=$work/posts-$n.db
  cp "$base" "$store"
  echo "bench: synth $n posts ..." >&2
  sync
  /usr/bin/time -v "$SL" synth --areas counties --layer posts --count "$n" -s "$store" >/dev/null 2>"$work/synth-$n.time"
  echo "bench: audit of $n posts ..." >&2
  sync
  /usr/bin/time -v "$SL" audit -s "$store" -o "$work/out-$n" --quiet >/dev/null 2>"$work/audit-$n.time"
  html=$(stat -c %s "$work/out-$n/report.html")
  rows+=("$n|$(wall_s "$work/synth-$n.time")|$(cpu_s "$work/synth-$n.time")|$(wall_s "$work/audit-$n.time")|$(cpu_s "$work/audit-$n.time")|$(rss_mb "$work/audit-$n.time")|$html")
  [ "$n" = "${SL_BENCH_AUDIT_PEER_POSTS:-1000000}" ] && peer_store=$work/peer.db && mv "$store" "$peer_store"
  rm -rf "$store" "$work/out-$n"
done

# ---- the GeoPandas peer on the same posts (goal 5) ----
peer_row=""
PY=/usr/bin/python3
if [ -n "${peer_store:-}" ] && "$PY" "$here/peers/geopandas-audit.py" check >/dev/null 2>&1; then
  echo "bench: GeoPandas peer on ${SL_BENCH_AUDIT_PEER_POSTS:-1000000} posts ..." >&2
  # The inputs as files, as a GeoPandas user would have them (not timed).
  "$PY" - "$peer_store" "$work/posts.csv" "$work/sites.csv" <<'PY'
import sqlite3, sys, numpy
db = sqlite3.connect(sys.argv[1])
def coords(layer):
    lon, lat = [], []
    for n, x, y in db.execute("SELECT c.count, d.lon, d.lat FROM point_chunks c JOIN point_chunk_data d "
                              "ON d.chunk_id = c.id WHERE c.layer = ? ORDER BY c.chunk_no", (layer,)):
        for blob, out in ((x, lon), (y, lat)):  # doubles, or int32 of 1e-7 degrees
            out.append(numpy.frombuffer(blob, "<f8") if len(blob) == 8 * n else numpy.frombuffer(blob, "<i4") / 1e7)
    return numpy.concatenate(lon), numpy.concatenate(lat)
for layer, path in (("posts", sys.argv[2]), ("sites", sys.argv[3])):
    lon, lat = coords(layer)
    numpy.savetxt(path, numpy.column_stack([lon, lat]), fmt="%.17g", delimiter=",", header="lon,lat", comments="")
PY
  sync
  /usr/bin/time -v "$PY" "$here/peers/geopandas-audit.py" run "$counties" "$work/posts.csv" "$work/sites.csv" \
    >"$work/peer.out" 2>"$work/peer.time"
  # sightline from the same CSV: the store of counties and sites, posts imported, both questions.
  cp "$base" "$work/sl-peer.db"
  sync
  t0=$(date +%s.%N)
  /usr/bin/time -v "$SL" import posts "$work/posts.csv" -s "$work/sl-peer.db" >/dev/null 2>"$work/sl-import.time"
  /usr/bin/time -v "$SL" join --points posts --areas counties --json -s "$work/sl-peer.db" >"$work/sl-join.json" \
    2>"$work/sl-join.time"
  /usr/bin/time -v "$SL" near --radius 400 --json -s "$work/sl-peer.db" >"$work/sl-near.json" 2>"$work/sl-near.time"
  t1=$(date +%s.%N)
  sl_cpu=$(awk '/User time|System time/ { split($0, p, ": "); s += p[2] } END { printf "%.2f", s }' \
    "$work/sl-import.time" "$work/sl-join.time" "$work/sl-near.time")
  same=$("$PY" - "$work/peer.out" "$work/sl-join.json" "$work/sl-near.json" <<'PY'
import json, sys
peer = dict(l.split() for l in open(sys.argv[1]) if len(l.split()) == 2)
join, near = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
inside = round(sum(a["count"] for a in join["areas"]))
with_cam = sum(c["sites_with_camera"] for c in near["categories"])
within = sum(c["cameras_within"] for c in near["categories"])
pairs = [(inside, int(peer["posts_in_counties"])), (near["cameras"], int(peer["cameras"])),
         (with_cam, int(peer["sites_with_camera"])), (within, int(peer["cameras_within"]))]
print("yes" if all(a == b for a, b in pairs) else "no: " + ", ".join(f"{a} vs {b}" for a, b in pairs))
PY
)
  peer_row="${SL_BENCH_AUDIT_PEER_POSTS:-1000000}|$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')|$sl_cpu|$(awk '/^file_s/ { print $2 }' "$work/peer.out")|$(cpu_s "$work/peer.time")|$(rss_mb "$work/peer.time")|$same"
fi

echo
echo "## National audit (bench/audit.sh), run of $(date -u +%Y-%m-%d)"
echo
echo "\`sightline audit\` from start to a written report: the 3,231 us-atlas counties with QuickFacts demographics, the ICE sites, $REQUESTS requests of radius 200-1,600 m placed by population, and N synthetic posts placed by population (\`synth --layer posts\`); $(nproc) cores, $(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo), load average at the start $load. *CPU s* is user + system time of all threads: on this shared machine the wall time depends on what else runs."
echo
echo "| posts | synth wall s | synth CPU s | audit wall s | audit CPU s | audit peak RSS MB | report.html MB | audit CPU ÷ previous row's |"
echo "|---|---|---|---|---|---|---|---|"
prev=""
for r in "${rows[@]}"; do
  IFS='|' read -r n sw sc aw ac rss html <<<"$r"
  ratio=-
  [ -n "$prev" ] && ratio=$(awk -v a="$ac" -v b="$prev" 'BEGIN { printf "%.2fx", a / b }')
  awk -v n="$n" -v sw="$sw" -v sc="$sc" -v aw="$aw" -v ac="$ac" -v rss="$rss" -v html="$html" -v r="$ratio" \
    'BEGIN { printf "| %d | %s | %s | %s | %s | %s | %.1f | %s |\n", n, sw, sc, aw, ac, rss, html / 1048576, r }'
  prev=$ac
done
if [ -n "$peer_row" ]; then
  echo
  echo "Peer (goal 5): posts per county and cameras (distinct post locations) within 400 m of each site, from a posts CSV, the counties and a sites CSV. GeoPandas: \`bench/peers/geopandas-audit.py\` (read the files, \`sjoin\` within counties, sites buffered in EPSG:5070 then great-circle distances), whole process. sightline: \`import posts\` into the store of counties and sites, \`join --points posts --areas counties\`, \`near --radius 400\`, three processes. *same figures*: posts in counties, cameras, sites with a camera, cameras within 400 m all equal."
  echo
  echo "| posts | sightline wall s | sightline CPU s | GeoPandas wall s | GeoPandas CPU s | GeoPandas peak RSS MB | GeoPandas ÷ sightline (wall) | same figures |"
  echo "|---|---|---|---|---|---|---|---|"
  IFS='|' read -r n sw sc gw gc grss same <<<"$peer_row"
  awk -v n="$n" -v sw="$sw" -v sc="$sc" -v gw="$gw" -v gc="$gc" -v r="$grss" -v same="$same" \
    'BEGIN { printf "| %d | %s | %s | %.2f | %s | %s | %.1fx | %s |\n", n, sw, sc, gw, gc, r, gw / sw, same }'
fi
echo
echo "Goals (issue 18): the 10M-post audit in ≤ 10 s wall and ≤ 2 GB peak RSS on 2 cores, report.html under 10 MB; 10× the posts ≤ 10.5× the audit time; sightline ≥ 20× GeoPandas and PostGIS end to end."
