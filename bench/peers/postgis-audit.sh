#!/usr/bin/env bash
# postgis-audit.sh — the PostGIS peer of the national audit (issue 18, goal 5),
# for bench/audit.sh: the audit's questions as a competent PostGIS user answers
# them, on a throwaway PostgreSQL 15 + PostGIS 3 cluster (tests/e2e/pg_lib.bash:
# loopback and a private socket, stopped and removed at exit).
#
#   postgis-audit.sh check
#   postgis-audit.sh run COUNTIES.json QUICKFACTS.csv POSTS.csv SITES.csv REQUESTS.csv OUT.csv
#
# Inputs are the files bench/audit.sh gives the GeoPandas peer: the us-atlas
# counties (TopoJSON), the QuickFacts county table, posts and sites as
# "lon,lat" CSV, requests as "id,agency,date,lat,lon,radius_m" CSV.
#
#  load     counties with ogr2ogr -makevalid (the GEOS MakeValid sightline
#           applies) and a GiST index; the QuickFacts CSV with \copy, the
#           demographic columns cast to numbers; posts, sites and requests
#           with \copy into UNLOGGED tables, GiST indexes, ANALYZE.
#  posts    posts per county: ST_Contains driven from the counties (each
#           county probes the posts' index, so PostGIS's prepared-geometry
#           cache hits; bench/peers/postgis-peer says why); a post inside
#           several counties counts for the lowest, as in sightline.
#  near     cameras are the distinct post locations; per site the cameras
#           within 400 m by ST_DWithin on geography with use_spheroid=false:
#           the great-circle distance sightline uses (on the spheroid two of
#           the 910 site-camera pairs of the 1M-post bench are past 400 m).
#  split    each request of radius r a polygon of 64 vertices at geodesic
#           distance r (ST_Project on the spheroid, as sightline builds it;
#           ST_Buffer on geography draws it in a projected plane, its area
#           0.1% off and its weights up to 2e-4 off on 5,000 requests); its
#           weight in a county is 1 when the county covers it, else the
#           ground area (ST_Area on geography: the ellipsoid) of
#           ST_Intersection(circle, county) over the circle's. A request
#           without a radius counts whole in the county holding it.
#  shares   per group (black, hispanic, foreign_born, white_nh) the posts' and
#           requests' event-weighted shares sum_a w_a p_ga / sum_a w_a and the
#           population share, over counties whose figures are known
#           (docs/methodology.md).
#
# Prints "<step>_s X" wall seconds for each step, "file_s X" (all of them:
# from the files to the answers; the cluster's start is not counted),
# "server_cpu_s X" (user + system of the cluster's processes), "client_cpu_s
# X" (ogr2ogr and psql) and "cpu_s X" (both), then the
# figures: posts_in_counties, cameras, sites_with_camera, cameras_within,
# requests_in_counties, share_posts_G, share_requests_G, baseline_G. Writes
# OUT.csv: id,posts,requests per county (weights at full precision).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")

check() {
  [ -x /usr/lib/postgresql/15/bin/initdb ] || { echo "PostgreSQL 15 is not installed"; return 1; }
  [ -f /usr/share/postgresql/15/extension/postgis.control ] || { echo "PostGIS 3 is not installed"; return 1; }
  command -v ogr2ogr >/dev/null || { echo "ogr2ogr (gdal-bin) is not installed"; return 1; }
  return 0
}

now() { date +%s.%N; }
T=$(now)
# step NAME: print the wall seconds since the previous step ended.
step() {
  local t; t=$(now)
  awk -v a="$T" -v b="$t" -v n="$1" 'BEGIN { printf "%s_s %.3f\n", n, b - a }'
  T=$t
}

run() {
  local counties=$1 qf=$2 posts=$3 sites=$4 reqs=$5 out=$6
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/sightline-postgis-audit.XXXXXX")
  # shellcheck source=../../tests/e2e/pg_lib.bash
  . "$root/tests/e2e/pg_lib.bash"
  PG_OPTS="-c shared_buffers=1GB -c work_mem=256MB -c maintenance_work_mem=1GB -c max_wal_size=4GB \
           -c autovacuum=off -c jit=off -c max_parallel_workers_per_gather=2" pg_start
  echo "postgis-audit: cluster in $PG_DIR (removed at exit)" >&2
  local pm; pm=$(head -1 "$PG_DIR/data/postmaster.pid")
  local psql=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -d sightline)
  # CPU from here on: the cluster's (the postmaster's own and its reaped
  # backends') and this script's children (ogr2ogr, psql).
  local srv0; srv0=$(server_ticks "$pm")
  times >"$WORK/times0" # in this shell: a subshell's children times start at 0
  local start; start=$(now)
  T=$start

  # ---- load: the county table, then the events ----
  ogr2ogr -f PostgreSQL "PG:host=$PG_HOST port=$PG_PORT dbname=sightline user=$(id -un)" "$counties" counties \
    -a_srs EPSG:4326 -makevalid -nlt PROMOTE_TO_MULTI -nln areas -preserve_fid \
    -lco FID=fid -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST -lco LAUNDER=NO -lco PRECISION=NO >&2
  local cols
  cols=$(awk -F, -v RS='[\r\n]+' 'NR == 1 { for (i = 1; i <= NF; i++) printf "%s\"%s\" text", (i > 1 ? ", " : ""), tolower($i); exit }' "$qf")
  "${psql[@]}" >/dev/null <<SQL
CREATE UNLOGGED TABLE qf ($cols);
\\copy qf FROM '$qf' WITH (FORMAT csv, HEADER true, ENCODING 'LATIN1')
CREATE FUNCTION num(t text) RETURNS float8 IMMUTABLE LANGUAGE sql
  AS \$\$ SELECT CASE WHEN t ~ '^-?[0-9]+(\\.[0-9]*)?\$' THEN t::float8 END \$\$;
-- Group counts from QuickFacts percentages of the 2014 population. Two
-- counties renamed since are keyed by their former FIPS codes (Wade Hampton
-- 02270 is Kusilvak 02158; Shannon 46113 is Oglala Lakota 46102), as
-- sightline's import matches them (sl_fips_former).
CREATE TABLE demo AS
  SELECT CASE lpad(fips, 5, '0') WHEN '02270' THEN '02158' WHEN '46113' THEN '46102' ELSE lpad(fips, 5, '0') END AS id,
         num(pst045214) AS pop,
         num(rhi225214) / 100 * num(pst045214) AS black, num(rhi725214) / 100 * num(pst045214) AS hispanic,
         num(pop645213) / 100 * num(pst045214) AS foreign_born, num(rhi825214) / 100 * num(pst045214) AS white_nh
  FROM qf;
CREATE UNIQUE INDEX ON demo (id);
-- A county whose outline vanished at this scale (Falls Church, VA, in
-- counties-10m) is no study area: sightline skips it too.
DELETE FROM areas WHERE geom IS NULL OR ST_IsEmpty(geom);
ANALYZE areas;
SQL
  "${psql[@]}" >/dev/null <<SQL
CREATE UNLOGGED TABLE posts (lon float8, lat float8,
  geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_Point(lon, lat, 4326)) STORED);
\\copy posts (lon, lat) FROM '$posts' WITH (FORMAT csv, HEADER true)
CREATE INDEX ON posts USING gist (geom);
ANALYZE posts;
CREATE UNLOGGED TABLE sites (sid serial, lon float8, lat float8,
  geog geography(Point, 4326) GENERATED ALWAYS AS (ST_Point(lon, lat, 4326)::geography) STORED);
\\copy sites (lon, lat) FROM '$sites' WITH (FORMAT csv, HEADER true)
ANALYZE sites;
CREATE UNLOGGED TABLE req (id text, agency text, date text, lat float8, lon float8, radius_m float8);
\\copy req FROM '$reqs' WITH (FORMAT csv, HEADER true)
ANALYZE req;
SQL
  step load

  # ---- posts per county ----
  "${psql[@]}" >/dev/null <<'SQL'
SET enable_seqscan = off;
CREATE TABLE post_counts AS
WITH ar AS MATERIALIZED (SELECT fid, geom FROM areas)
SELECT area AS fid, count(*)::float8 AS n FROM (
  SELECT min(a.fid) AS area FROM ar a JOIN posts p ON ST_Contains(a.geom, p.geom) GROUP BY p.ctid) s
GROUP BY area;
SQL
  step posts

  # ---- cameras within 400 m of each site ----
  "${psql[@]}" >/dev/null <<'SQL'
CREATE UNLOGGED TABLE cams AS SELECT ST_Point(lon, lat, 4326)::geography AS geog FROM posts GROUP BY lon, lat;
CREATE INDEX ON cams USING gist (geog);
ANALYZE cams;
CREATE TABLE near AS
  SELECT s.sid, count(c.geog) AS n FROM sites s LEFT JOIN cams c ON ST_DWithin(c.geog, s.geog, 400, false)
  GROUP BY s.sid;
SQL
  step near

  # ---- requests split over counties ----
  "${psql[@]}" >/dev/null <<'SQL'
CREATE UNLOGGED TABLE circ AS
  SELECT r.id, ST_MakePolygon(ST_MakeLine(ARRAY(
           SELECT ST_Project(ST_Point(r.lon, r.lat, 4326)::geography, r.radius_m, radians(360.0 * (k % 64) / 64))::geometry
           FROM generate_series(0, 64) k ORDER BY k))) AS geom
  FROM req r WHERE r.radius_m > 0;
CREATE INDEX ON circ USING gist (geom);
ANALYZE circ;
SET enable_seqscan = off;
CREATE TABLE split AS
WITH ar AS MATERIALIZED (SELECT fid, geom FROM areas)
SELECT c.id, a.fid,
       CASE WHEN ST_Covers(a.geom, c.geom) THEN 1.0
            ELSE ST_Area(ST_CollectionExtract(ST_Intersection(a.geom, c.geom), 3)::geography)
                 / ST_Area(c.geom::geography) END AS w
FROM ar a JOIN circ c ON ST_Intersects(a.geom, c.geom);
INSERT INTO split
  SELECT p.id, min(a.fid), 1.0 FROM req p JOIN areas a ON ST_Contains(a.geom, ST_Point(p.lon, p.lat, 4326))
  WHERE p.radius_m IS NULL OR p.radius_m <= 0 GROUP BY p.id;
CREATE TABLE req_weights AS SELECT fid, sum(w) AS w FROM split WHERE w > 0 GROUP BY fid;
SQL
  step split

  # ---- shares by group ----
  "${psql[@]}" -At -F' ' >"$WORK/shares.txt" <<'SQL'
WITH t AS (
  SELECT coalesce(pc.n, 0) AS np, coalesce(rw.w, 0) AS nr, d.pop, g.name, g.cnt
  FROM areas a LEFT JOIN demo d ON d.id = a.id
  LEFT JOIN post_counts pc ON pc.fid = a.fid LEFT JOIN req_weights rw ON rw.fid = a.fid,
  LATERAL (VALUES ('black', d.black), ('hispanic', d.hispanic), ('foreign_born', d.foreign_born),
                  ('white_nh', d.white_nh)) AS g(name, cnt)
  WHERE d.pop > 0 AND g.cnt IS NOT NULL AND g.cnt <> 'NaN'::float8)
SELECT name, sum(np * cnt / pop) / sum(np), sum(nr * cnt / pop) / sum(nr), sum(cnt) / sum(pop)
FROM t GROUP BY name ORDER BY name;
SQL
  step shares
  awk -v a="$start" -v b="$T" 'BEGIN { printf "file_s %.3f\n", b - a }'

  # ---- the figures, not timed ----
  "${psql[@]}" -At -F, >"$WORK/figures.csv" <<'SQL'
SELECT 'posts_in_counties', sum(n)::bigint FROM post_counts;
SELECT 'cameras', count(*) FROM cams;
SELECT 'sites_with_camera', count(*) FILTER (WHERE n > 0) FROM near;
SELECT 'cameras_within', sum(n) FROM near;
SELECT 'requests_in_counties', round(sum(w)::numeric, 6) FROM req_weights;
SQL
  tr , ' ' <"$WORK/figures.csv"
  awk '{ printf "share_posts_%s %.12g\nshare_requests_%s %.12g\nbaseline_%s %.12g\n", $1, $2, $1, $3, $1, $4 }' "$WORK/shares.txt"
  {
    echo "id,posts,requests"
    "${psql[@]}" -At -F, -c "SELECT a.id, coalesce(pc.n, 0)::bigint, coalesce(rw.w, 0)::text
      FROM areas a LEFT JOIN post_counts pc ON pc.fid = a.fid LEFT JOIN req_weights rw ON rw.fid = a.fid ORDER BY a.fid"
  } >"$out"
  # Every session above has ended; a pause lets the postmaster reap the last.
  sleep 0.5
  local srv1; srv1=$(server_ticks "$pm")
  times >"$WORK/times1"
  awk -v a="$srv0" -v b="$srv1" -v c="$(client_s "$WORK/times0")" -v d="$(client_s "$WORK/times1")" -v h="$(getconf CLK_TCK)" 'BEGIN {
    printf "server_cpu_s %.3f\nclient_cpu_s %.3f\ncpu_s %.3f\n", (b - a) / h, d - c, (b - a) / h + d - c }'
}

# server_ticks PID: CPU ticks of the postmaster and of its reaped children.
server_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$1/stat"; }
# client_s FILE: user + system seconds of the finished children in FILE, `times`'s output.
client_s() { awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] } print s }' "$1"; }

case "${1:-}" in
  check) check ;;
  run) [ $# = 7 ] || { echo "usage: $0 run COUNTIES.json QUICKFACTS.csv POSTS.csv SITES.csv REQUESTS.csv OUT.csv" >&2; exit 2; }
       shift; run "$@" ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
esac
