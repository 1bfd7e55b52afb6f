#!/usr/bin/env bash
# bench/run.sh — the point-in-polygon join benchmark (`make bench`).
#
# Makes SL_BENCH_POINTS (default 10M) uniform random points once per polygon
# layer (NYC census tracts; US counties from npm us-atlas), runs sightline's
# join and every peer on the same point file, checks that all per-area
# counts agree, and writes bench/RESULTS.md (machine, date, seconds,
# points/s, peak RSS, ratios).
#
# Peers: geos_peer (GEOS C API, always), and executables bench/peers/NAME,
# called as
#   bench/peers/NAME check                                   -> exit 0 if it can run
#   bench/peers/NAME run POLYGONS LAYER|- IDFIELD|- POINTS.csv COUNTS.csv
# which must print "join_s X" and "join_cpu_s X" (optionally "file_s X", the
# tool's own file-to-answer time when its process does more, e.g. starting a
# database) and write "area,count" rows in polygon-file order ending with
# "(outside),N", like bench_join. SL_BENCH_FULL_PEERS (default postgis-peer)
# run on the full point files; SL_BENCH_PEERS (opt-in, e.g. geopandas-peer,
# or "all") on their own smaller files of SL_BENCH_PEER_POINTS points.
#
# Then "file to answer" through the CLI: `sightline import posts` of the same
# CSV into a fresh store (areas imported before, timed apart) and `sightline
# join --csv`, against the GEOS peer's whole process reading that CSV.
# Then bench/resources.sh (SL_BENCH_RESOURCES): a 2 GB points file, a
# 1M-vertex polygon and 1M tiny polygons, imported and joined. Last,
# bench/pg_store.sh and bench/pg_views.sh (SL_BENCH_PG=0 skips both): import and join of the same
# points into an SQLite and a PostgreSQL store, written to bench/PG.md; the
# PostgreSQL point views and directory search, written to bench/PG_VIEWS.md.
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
started=$(date -u +%H:%MZ)
load_begin=$(cut -d' ' -f1-3 /proc/loadavg)
cmake --build "$BUILD" --target sightline bench_points bench_join geos_peer -j 2 >/dev/null
B=$BUILD/bench
SL=$BUILD/sightline
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
  sync # no tool waits on the disk for the one before it (PostGIS writes ~1 GB)
  if ! /usr/bin/time -v -o "$tv" "$@" >"$log" 2>"$out/$ds-$tool.err"; then
    echo "bench: $ds: $tool FAILED (see $out/$ds-$tool.err)" >&2
    status=1
    return
  fi
  local inside
  inside=$(awk -F, '$1 != "area" && $1 != "(outside)" { s += $2 } END { print s + 0 }' "$counts")
  local file_s
  file_s=$(field file_s "$log")
  [ -n "$file_s" ] || file_s=$(wall_s "$tv")
  rows+=("$ds|$tool|$threads|$(field join_s "$log")|$(field join_cpu_s "$log")|$file_s|$(rss_mb "$tv")|$inside")
  if [ "$tool" != sightline ] && ! cmp -s "$counts" "$out/$ds-sightline.counts"; then
    echo "bench: $ds: $tool counts DIFFER from sightline's" >&2
    diff "$out/$ds-sightline.counts" "$counts" | head -5 >&2 || true
    status=1
  fi
}

run_peers() { # dataset polygons layer idfield points peers...
  local ds=$1 poly=$2 layer=$3 id=$4 pts=$5; shift 5
  local want=" $* "
  for peer in "$here"/peers/*; do
    [ -x "$peer" ] || continue
    local pn
    pn=$(basename "$peer" | sed 's/\..*//')
    case "$want" in *" $pn "*|*" all "*) ;; *) continue ;; esac
    if ! "$peer" check >"$out/$ds-$pn.check" 2>&1; then
      echo "bench: $ds: peer $pn skipped: $(head -1 "$out/$ds-$pn.check")" >&2
      skipped+=("$pn on $ds: $(head -1 "$out/$ds-$pn.check")")
      continue
    fi
    run_tool "$ds" "$pn" 1 "$out/$ds-$pn.counts" \
      "$peer" run "$poly" "$layer" "$id" "$pts" "$out/$ds-$pn.counts"
  done
}

bench_dataset() { # name polygons layer idfield points peers...
  local name=$1 poly=$2 layer=$3 id=$4 n=$5; shift 5
  [ -f "$poly" ] || return 0
  local ds=$name
  [ "$n" = "$N" ] || ds="$name@$n"
  local pts=$out/$name-$n.csv
  [ -s "$pts" ] || "$B/bench_points" "$poly" "$layer" "$n" "$pts" >&2
  run_tool "$ds" sightline "$THREADS" "$out/$ds-sightline.counts" \
    "$B/bench_join" "$poly" "$layer" "$id" "$pts" "$THREADS" "$out/$ds-sightline.counts"
  run_tool "$ds" geos 1 "$out/$ds-geos.counts" \
    "$B/geos_peer" "$poly" "$layer" "$id" "$pts" "$out/$ds-geos.counts"
  [ $# = 0 ] || run_peers "$ds" "$poly" "$layer" "$id" "$pts" "$@"
}

# `import posts` three times, each into a copy of the store holding only the
# areas, keeping the run of median wall time as $name-cli-import.time (one
# run is at the mercy of this shared VM: the same import varies by ±25%).
# The store is left with the posts imported.
import_median() { # name db points.csv
  local name=$1 db=$2 pts=$3 k walls=()
  cp "$db" "$db.areas" || return 1
  for k in 1 2 3; do
    cp "$db.areas" "$db" && rm -f "$db-journal" && sync || return 1
    /usr/bin/time -v -o "$out/$name-cli-import.$k.time" "$SL" import posts "$pts" -s "$db" \
      >"$out/$name-cli-import.txt" 2>&1 || return 1
    walls+=("$(wall_s "$out/$name-cli-import.$k.time") $k")
  done
  rm -f "$db.areas"
  local mid
  mid=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 2p | cut -d' ' -f2)
  cp "$out/$name-cli-import.$mid.time" "$out/$name-cli-import.time"
  printf '%s\n' "${walls[@]}" | sort -n | cut -d' ' -f1 | paste -sd/ >"$out/$name-cli-import.runs"
}

# From file to answer through the CLI, on the full point file of dataset NAME:
# import the areas (timed apart), then `import posts` + `join` into a fresh
# store; the per-area counts must equal bench_join's.
file_to_answer() { # name polygons layer id-field by-id(0|1)
  local name=$1 poly=$2 layer=$3 idf=$4 db=$out/$1-cli.db
  local pts=$out/$name-$N.csv
  [ -s "$out/$name-sightline.counts" ] || return 0
  rm -f "$db" "$db-journal" "$db-wal"
  local larg=()
  [ "$layer" = - ] || larg=(--layer "$layer")
  echo "bench: $name: sightline import posts + join ..." >&2
  sync
  if ! /usr/bin/time -v -o "$out/$name-cli-areas.time" "$SL" import areas "$poly" "${larg[@]}" \
         --set bench --id "$idf" -s "$db" >"$out/$name-cli-areas.txt" 2>&1 ||
     ! import_median "$name" "$db" "$pts" ||
     ! /usr/bin/time -v -o "$out/$name-cli-join.time" "$SL" join --points posts --areas bench \
         --threads "$THREADS" --csv -s "$db" >"$out/$name-cli-join.csv" 2>"$out/$name-cli-join.err"; then
    echo "bench: $name: sightline CLI FAILED (see $out/$name-cli-*)" >&2
    status=1
    return
  fi
  # Same counts: by area id when bench_join named areas by the same field,
  # else in file order (import areas drops features without geometry, which
  # hold no points).
  local same=yes
  if ! awk -F, -v by_id="$5" '
      NR == FNR { if (FNR > 1 && $1 != "(outside)") { c[$1] = $2; if ($2 > 0) order[++n] = $2 } next }
      FNR == 1 { next }
      by_id == 1 { if (!($1 in c) || c[$1] != $3) bad = 1; delete c[$1]; next }
      $3 > 0 { if (order[++k] != $3) bad = 1 }
      END { if (by_id == 1) { for (i in c) if (c[i] != 0) bad = 1 } else if (k != n) bad = 1
            exit bad }' "$out/$name-sightline.counts" "$out/$name-cli-join.csv"; then
    echo "bench: $name: CLI join counts DIFFER from bench_join's" >&2
    same=no
    status=1
  fi
  local geos
  geos=$(printf '%s\n' "${rows[@]}" | awk -F'|' -v d="$name" '$1 == d && $2 == "geos" { print $6 }')
  cli_rows+=("$name|$(wall_s "$out/$name-cli-import.time")|$(wall_s "$out/$name-cli-join.time")|$(wall_s "$out/$name-cli-areas.time")|$geos|$same|$(rss_mb "$out/$name-cli-import.time")|$(rss_mb "$out/$name-cli-join.time")|$(stat -c %s "$pts")|$(cat "$out/$name-cli-import.runs")")
  rm -f "$db"
}

FULL_PEERS=${SL_BENCH_FULL_PEERS-postgis-peer}
PEERS=${SL_BENCH_PEERS:-}
PEER_N=${SL_BENCH_PEER_POINTS:-1000000}
skipped=()
cli_rows=() # "dataset|import_s|join_s|areas_s|geos_s|same"
for layer_args in "nyc|$nyc|-|-|cartodb_id" "counties|$counties|counties|id|id"; do
  IFS='|' read -r name poly layer id cli_id <<<"$layer_args"
  # shellcheck disable=SC2086 # FULL_PEERS is a list of names
  bench_dataset "$name" "$poly" "$layer" "$id" "$N" $FULL_PEERS
  [ -f "$poly" ] && file_to_answer "$name" "$poly" "$layer" "$cli_id" "$([ "$id" = "$cli_id" ] && echo 1 || echo 0)"
  # shellcheck disable=SC2086
  [ -n "$PEERS" ] && bench_dataset "$name" "$poly" "$layer" "$id" "$PEER_N" $PEERS
done

# ---- RESULTS.md --------------------------------------------------------
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# Point-in-polygon join benchmark"
  echo
  echo "Written by \`bench/run.sh\` (\`make bench\`); do not edit by hand."
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ) (run started $started)"
  echo "- machine: $(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }'), $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB RAM; load average at the start of the run: $load_begin; at the end: $load_at_start"
  echo "- points: $N uniform random points over each layer's bounding box, one CSV per layer read by every tool"
  echo "- layers: NYC census tracts (\`../shared/data/census/nyc-tracts-acs2008-12.shp\`), US counties (npm \`us-atlas@3.0.1\` counties-10m.json)"
  echo "- *join CPU* is the CPU time all the tool's threads (PostGIS: its backend and parallel workers) spent in the join: on this shared machine other jobs steal cores, so wall times vary from run to run while CPU times barely do; join CPU ÷ threads is what the join takes on idle cores."
  echo "- *join* is the in-tool (wall) time to assign every point to an area (index built, points in memory); *file to answer* is the whole process, wall clock (load polygons, build, read CSV, join, write counts; PostGIS: ogr2ogr load + COPY + GiST index + ANALYZE + join, without starting the server); peak RSS from \`/usr/bin/time -v\` (PostGIS: its client script only, the server's memory is not counted)."
  echo "- every timed command starts after \`sync\`, so none waits on the disk for dirty pages another left behind (the stores' own commits are synced and timed)"
  echo "- counts per area: $( [ $status = 0 ] && echo "identical for every tool" || echo "**DIFFER — see bench/out/**")"
  echo
  echo "| layer | tool | threads | join s | join CPU s | join points/s | file to answer s | peak RSS MB | points in an area | GEOS join ÷ this join | this join ÷ sightline join |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for r in "${rows[@]}"; do
    IFS='|' read -r ds tool th join cpu wall rss inside <<<"$r"
    geos=$(printf '%s\n' "${rows[@]}" | awk -F'|' -v d="$ds" '$1 == d && $2 == "geos" { print $4 }')
    sl=$(printf '%s\n' "${rows[@]}" | awk -F'|' -v d="$ds" '$1 == d && $2 == "sightline" { print $4 }')
    awk -v ds="$ds" -v tool="$tool" -v th="$th" -v j="$join" -v c="$cpu" -v w="$wall" -v m="$rss" \
        -v in_="$inside" -v n="$N" -v g="$geos" -v s="$sl" 'BEGIN {
      if (split(ds, at, "@") == 2) n = at[2]
      pps = j > 0 ? sprintf("%.2fM", n / j / 1e6) : "-"
      ratio = (g > 0 && j > 0) ? sprintf("%.3gx", g / j) : "-"
      slower = (s > 0 && j > 0) ? sprintf("%.3gx", j / s) : "-"
      printf "| %s | %s | %s | %.3f | %.3f | %s | %s | %s | %s | %s | %s |\n", ds, tool, th, j, c, pps, w, m, in_, ratio, slower }'
  done
  for sk in "${skipped[@]}"; do echo "- skipped: $sk"; done
  echo
  echo "A layer written \`name@n\` was run on its own file of n points (slow peers)."
  echo
  echo "## From file to answer through the CLI"
  echo
  echo "\`sightline import posts POINTS.csv -s fresh.db\` (three runs, each into a fresh copy of the store with only the areas; the table shows the median run, *import runs* all three) then \`sightline join --points posts --areas SET --threads $THREADS --csv -s fresh.db\`, two processes, wall clock; the areas were imported into that store just before (\`import areas\`, shown apart). Against the GEOS peer's whole process on the same CSV (load polygons, STRtree, read CSV, join, write counts)."
  echo
  echo "| layer | CSV MB | import posts s | import MB/s | import runs s | join s | import + join s | peak RSS import / join MB | import areas s | GEOS whole process s | GEOS ÷ (import + join) | GEOS ÷ (areas + import + join) | counts = bench_join |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for r in "${cli_rows[@]}"; do
    IFS='|' read -r ds imp join areas geos same rss_i rss_j bytes runs <<<"$r"
    awk -v ds="$ds" -v i="$imp" -v j="$join" -v a="$areas" -v g="$geos" -v same="$same" \
        -v ri="$rss_i" -v rj="$rss_j" -v b="$bytes" -v runs="$runs" 'BEGIN {
      printf "| %s | %.0f | %.2f | %.0f | %s | %.2f | %.2f | %s / %s | %.2f | %.2f | %.3gx | %.3gx | %s |\n",
        ds, b / 1e6, i, b / 1e6 / i, runs, j, i + j, ri, rj, a, g, g / (i + j), g / (a + i + j), same }'
  done
  echo
  echo "Goals (issue 3): sightline join ≥ 3x the GEOS loop and ≥ 10x PostGIS; 10M points joined in ≤ 0.5 s on 2 cores; CSV ingest ≥ 300 MB/s (bench/INGEST.md); file to answer (import posts + join) ≥ 3x the GEOS loop reading the same CSV."
  echo "The machine is shared with other builds, so single runs vary; \`SL_BENCH_POINTS=1000000 make bench\` for a quick run."
} >"$here/RESULTS.md"

# ---- the benchmarks with a script of their own, each appending its section
# to RESULTS.md; an environment variable set to 0 skips one:
#   SL_BENCH_REQUESTS    request split (issue 18), bench/requests.sh
#   SL_BENCH_SERVE       sightline serve against FastAPI + uvicorn (issue 15), bench/serve.sh
#   SL_BENCH_DENSITY_STORE  a store of many posts: serve.sh adds density viewports on a fresh server (bench/serve_density.sh)
#   SL_BENCH_PLEDGES     durable pledges through serve (issue 16), bench/pledges.sh
#   SL_BENCH_AUDIT_POSTS national audit (issue 18), bench/audit.sh (SL_BENCH_AUDIT_PEER_RUNS: its peers, by size)
section() { # skip-value script-name title
  [ "$1" != 0 ] || return 0
  if "$here/$2.sh" "$BUILD" >"$out/$2.md"; then
    cat "$out/$2.md" >>"$here/RESULTS.md"
  else
    echo "bench: $3 FAILED (see $out/$2.md)" >&2
    status=1
  fi
}
section "${SL_BENCH_REQUESTS:-1000000}" requests "request split"
section "${SL_BENCH_SERVE:-1}" serve "serve"
section "${SL_BENCH_PLEDGES:-1}" pledges "pledges"
section "${SL_BENCH_AUDIT_POSTS:-}" audit "national audit"

# ---- resources (issue 6): bench/resources.sh, each case at N/4 and N ----
# SL_BENCH_RESOURCES picks the cases (default all four: "points circle star
# tiny"; "none" skips them).
RES_CASES=${SL_BENCH_RESOURCES:-points circle star tiny}
if [ "$RES_CASES" != none ]; then
  echo "bench: resources ($RES_CASES) ..." >&2
  sync
  if (cd "$root" && CASES="$RES_CASES" OUT="$out/resources" bench/resources.sh "$BUILD") >"$out/resources.tsv"; then
    {
      echo
      echo "## Resources (bench/resources.sh)"
      echo
      echo "Wall time and peak RSS of whole \`sightline\` processes (\`/usr/bin/time -v\`). A points CSV of ~${POINTS_GB:-2} GB through \`import posts\` (streamed: memory should not follow the file); one polygon (a circle, and a star of alternating radii: the index's worst case) and a file of tiny squares, each at a quarter of the size and at full size, imported and then joined with 1M points. *× time* is the full size's time over the quarter size's: 4 means proportional to size."
      echo
      echo "| case | size | seconds | peak RSS MB | × time for 4× size |"
      echo "|---|---|---|---|---|"
      awk -F'\t' 'NR > 1 { r = "-"; if ($1 in prev) r = sprintf("%.2f", $3 / prev[$1]); prev[$1] = $3
                   printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, r }' "$out/resources.tsv"
    } >>"$here/RESULTS.md"
  else
    echo "bench: resources FAILED (see $out/resources.tsv)" >&2
    status=1
  fi
fi
# ---- the store backends (issue 17): bench/pg_store.sh writes bench/PG.md ----
# SL_BENCH_PG=0 skips it (it needs PostgreSQL 15 + PostGIS: scripts/deps.sh).
if [ "${SL_BENCH_PG:-1}" != 0 ]; then
  echo "bench: SQLite and PostgreSQL stores side by side ($N points) ..." >&2
  if ! BUILD="$BUILD" SL_SHARED_DATA="$DATA" "$here/pg_store.sh" "$N" >"$out/pg_store.txt" 2>&1; then
    echo "bench: store backends FAILED (see $out/pg_store.txt)" >&2
    status=1
  fi
  # the point layers' views and the directory's search: bench/PG_VIEWS.md
  echo "bench: PostgreSQL views and directory search ..." >&2
  if ! BUILD="$BUILD" "$here/pg_views.sh" >"$out/pg_views.txt" 2>&1; then
    echo "bench: PostgreSQL views FAILED (see $out/pg_views.txt)" >&2
    status=1
  fi
fi
cat "$here/RESULTS.md"
exit $status
