#!/usr/bin/env bash
# bench/run.sh — the point-in-polygon join benchmark (`make bench`).
#
# Makes SL_BENCH_POINTS (default 10M) uniform random points once per polygon
# layer (NYC census tracts; US counties from npm us-atlas), runs sightline's
# join and every peer on the same point file, checks that all per-area
# counts agree, and writes bench/RESULTS.md (machine, date, seconds,
# points/s, peak RSS, ratios).
#
# Peers: geos_peer (GEOS C API, always) and the executables bench/peers/NAME
# named in SL_BENCH_PEERS (hooks for PostGIS, GeoPandas, ...), called as
#   bench/peers/NAME check                                   -> exit 0 if it can run
#   bench/peers/NAME run POLYGONS LAYER|- IDFIELD|- POINTS.csv COUNTS.csv
# and must print "join_s X" and "join_cpu_s X" and write "area,count" rows in polygon-file
# order ending with "(outside),N", like bench_join.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
BUILD=${BUILD:-$root/build}
N=${SL_BENCH_POINTS:-10000000}
THREADS=${SL_BENCH_THREADS:-2}
DATA=${SL_SHARED_DATA:-$root/../shared/data}
out=$here/out
mkdir -p "$out"

need_time() {
  [ -x /usr/bin/time ] && return 0
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  else
    echo "bench: /usr/bin/time missing; run: sudo apt-get install -y time" >&2
    exit 1
  fi
}

need_us_atlas() {
  local f=$here/node/node_modules/us-atlas/counties-10m.json
  [ -f "$f" ] || npm install --silent --no-audit --no-fund --prefix "$here/node" us-atlas@3.0.1 >&2
  echo "$f"
}

# key VALUE from a tool's "key value" output
field() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }
# wall seconds and peak RSS (MB) from /usr/bin/time -v
wall_s() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
  for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$1"; }
rss_mb() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }

need_time
cmake --build "$BUILD" --target bench_points bench_join geos_peer -j 2 >/dev/null
B=$BUILD/bench
counties=$(need_us_atlas)
nyc=$DATA/census/nyc-tracts-acs2008-12.shp
if [ ! -f "$nyc" ]; then
  echo "bench: $nyc not found (set SL_SHARED_DATA); NYC tracts skipped" >&2
fi

rows=()   # "dataset|tool|threads|join_s|join_cpu_s|wall_s|rss_mb|inside"
status=0

run_tool() { # dataset tool threads counts-file command...
  local ds=$1 tool=$2 threads=$3 counts=$4; shift 4
  local log=$out/$ds-$tool.txt tv=$out/$ds-$tool.time
  echo "bench: $ds: $tool ..." >&2
  if ! /usr/bin/time -v -o "$tv" "$@" >"$log" 2>"$out/$ds-$tool.err"; then
    echo "bench: $ds: $tool FAILED (see $out/$ds-$tool.err)" >&2
    status=1
    return
  fi
  local inside
  inside=$(awk -F, '$1 != "area" && $1 != "(outside)" { s += $2 } END { print s + 0 }' "$counts")
  rows+=("$ds|$tool|$threads|$(field join_s "$log")|$(field join_cpu_s "$log")|$(wall_s "$tv")|$(rss_mb "$tv")|$inside")
  if [ "$tool" != sightline ] && ! cmp -s "$counts" "$out/$ds-sightline.counts"; then
    echo "bench: $ds: $tool counts DIFFER from sightline's" >&2
    diff "$out/$ds-sightline.counts" "$counts" | head -5 >&2 || true
    status=1
  fi
}

bench_dataset() { # name polygons layer idfield points with-peers
  local name=$1 poly=$2 layer=$3 id=$4 n=$5 peers=$6
  [ -f "$poly" ] || return 0
  local ds=$name
  [ "$n" = "$N" ] || ds="$name@$n"
  local pts=$out/$name-$n.csv
  [ -s "$pts" ] || "$B/bench_points" "$poly" "$layer" "$n" "$pts" >&2
  run_tool "$ds" sightline "$THREADS" "$out/$ds-sightline.counts" \
    "$B/bench_join" "$poly" "$layer" "$id" "$pts" "$THREADS" "$out/$ds-sightline.counts"
  run_tool "$ds" geos 1 "$out/$ds-geos.counts" \
    "$B/geos_peer" "$poly" "$layer" "$id" "$pts" "$out/$ds-geos.counts"
  [ "$peers" = 1 ] || return 0
  for peer in "$here"/peers/*; do
    [ -x "$peer" ] || continue
    local pn
    pn=$(basename "$peer" | sed 's/\..*//')
    case " $PEERS " in *" $pn "*|*" all "*) ;; *) continue ;; esac
    if ! "$peer" check >"$out/$ds-$pn.check" 2>&1; then
      echo "bench: $ds: peer $pn skipped: $(head -1 "$out/$ds-$pn.check")" >&2
      skipped+=("$pn on $ds: $(head -1 "$out/$ds-$pn.check")")
      continue
    fi
    run_tool "$ds" "$pn" 1 "$out/$ds-$pn.counts" \
      "$peer" run "$poly" "$layer" "$id" "$pts" "$out/$ds-$pn.counts"
  done
}

# Peers from bench/peers run only when named in SL_BENCH_PEERS ("all" for
# every one): GeoPandas needs minutes per million points. They use their own,
# smaller point file (SL_BENCH_PEER_POINTS), with sightline and GEOS re-run
# on it so the counts can still be compared.
PEERS=${SL_BENCH_PEERS:-}
PEER_N=${SL_BENCH_PEER_POINTS:-1000000}
skipped=()
for layer_args in "nyc|$nyc|-|-" "counties|$counties|counties|id"; do
  IFS='|' read -r name poly layer id <<<"$layer_args"
  if [ -z "$PEERS" ] || [ "$PEER_N" != "$N" ]; then
    bench_dataset "$name" "$poly" "$layer" "$id" "$N" 0
  fi
  [ -n "$PEERS" ] && bench_dataset "$name" "$poly" "$layer" "$id" "$PEER_N" 1
done

# ---- RESULTS.md --------------------------------------------------------
{
  echo "# Point-in-polygon join benchmark"
  echo
  echo "Written by \`bench/run.sh\` (\`make bench\`); do not edit by hand."
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- machine: $(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }'), $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB RAM; load average at start of the report: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- points: $N uniform random points over each layer's bounding box, one CSV per layer read by every tool"
  echo "- layers: NYC census tracts (\`../shared/data/census/nyc-tracts-acs2008-12.shp\`), US counties (npm \`us-atlas@3.0.1\` counties-10m.json)"
  echo "- *join CPU* is the CPU time all the tool's threads spent in the join: on this shared machine other builds steal cores, so wall times vary from run to run while CPU times barely do; join CPU ÷ threads is what the join takes on idle cores."
  echo "- *join* is the in-tool (wall) time to assign every point to an area (index built, points in memory); *file to answer* is the whole process, wall clock (load polygons, build, read CSV, join, write counts); peak RSS from \`/usr/bin/time -v\`."
  echo "- counts per area: $( [ $status = 0 ] && echo "identical for every tool" || echo "**DIFFER — see bench/out/**")"
  echo
  echo "| layer | tool | threads | join s | join CPU s | join points/s | file to answer s | peak RSS MB | points in an area | GEOS join ÷ this join |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for r in "${rows[@]}"; do
    IFS='|' read -r ds tool th join cpu wall rss inside <<<"$r"
    geos=$(printf '%s\n' "${rows[@]}" | awk -F'|' -v d="$ds" '$1 == d && $2 == "geos" { print $4 }')
    awk -v ds="$ds" -v tool="$tool" -v th="$th" -v j="$join" -v c="$cpu" -v w="$wall" -v m="$rss" \
        -v in_="$inside" -v n="$N" -v g="$geos" 'BEGIN {
      if (split(ds, at, "@") == 2) n = at[2]
      pps = j > 0 ? sprintf("%.2fM", n / j / 1e6) : "-"
      ratio = (g > 0 && j > 0) ? sprintf("%.3gx", g / j) : "-"
      printf "| %s | %s | %s | %.3f | %.3f | %s | %s | %s | %s | %s |\n", ds, tool, th, j, c, pps, w, m, in_, ratio }'
  done
  for sk in "${skipped[@]}"; do echo "- skipped: $sk"; done
  echo
  echo "A layer written \`name@n\` was run on its own file of n points (slow peers)."
  echo "Goals (issue 3): sightline join ≥ 3x the GEOS loop; 10M points joined in ≤ 0.5 s on 2 cores."
  echo "The machine is shared with other builds, so single runs vary; \`SL_BENCH_POINTS=1000000 make bench\` for a quick run."
} >"$here/RESULTS.md"
cat "$here/RESULTS.md"
exit $status
