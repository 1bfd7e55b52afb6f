# pg_lib.bash — a throwaway PostgreSQL 15 + PostGIS cluster for the tests of
# the PostgreSQL store (sourced after lib.bash, not a test itself).
#
# pg_start makes a cluster in a temporary directory with Debian's initdb and
# pg_ctl, listening on a free loopback port and on a unix socket in that
# directory, creates database "sightline" with PostGIS, and sets PG_URL to
# reach it. The cluster is stopped and removed at exit. A test that cannot
# start it fails loudly: CI needs nothing running beforehand, so a missing
# package is a broken machine, not a reason to skip. fsync is off for speed
# (PG_FSYNC=on for benchmarks, where durability must match SQLite's).
# PG_OPTS adds server settings (-c name=value ...), for benchmarks that tune
# memory or parallelism as their users would.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DIR=""
PG_URL=""

pg_fail() { echo "FAIL - throwaway PostgreSQL: $*" >&2; [ -n "$PG_DIR" ] && cat "$PG_DIR/log" >&2 2>/dev/null; exit 1; }

# As root, initdb refuses to run: the cluster then belongs to the system's
# postgres user (created by the Debian package), and its superuser role is
# named after us so that we connect without a password over the socket.
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_stop() {
  [ -n "$PG_DIR" ] || return 0
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
}

pg_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pg_start() {
  [ -x "$PG_BIN/initdb" ] || pg_fail "no $PG_BIN/initdb (apt-get install postgresql-15 postgresql-15-postgis-3; scripts/deps.sh)"
  [ -f /usr/share/postgresql/15/extension/postgis.control ] || pg_fail "PostGIS 3 for PostgreSQL 15 missing (apt-get install postgresql-15-postgis-3)"
  PG_DIR=$(mktemp -d /tmp/sightline-pg.XXXXXX) || pg_fail "mktemp"
  trap 'pg_stop; rm -rf "$WORK"' EXIT
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  local me port
  me=$(id -un)
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$me" --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; pg_fail "initdb failed"; }
  for _ in 1 2 3; do # a port found free may be taken before the server binds it: try another
    port=$(pg_free_port)
    if pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$PG_DIR -c fsync=${PG_FSYNC:-off} ${PG_OPTS:-}" start >/dev/null 2>&1; then
      PG_URL="postgresql:///sightline?host=$PG_DIR&port=$port"
      PG_HOST=$PG_DIR
      PG_PORT=$port
      break
    fi
  done
  [ -n "$PG_URL" ] || pg_fail "pg_ctl start failed"
  pg_sql postgres "CREATE DATABASE sightline" || pg_fail "CREATE DATABASE"
  pg_sql sightline "CREATE EXTENSION postgis" || pg_fail "CREATE EXTENSION postgis"
}

# pg_sql DB SQL: run SQL in database DB of the throwaway cluster, quietly.
pg_sql() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -d "$1" -Atc "$2"
}

# pg_e2e_template: make database "sightline" the template of the stores the
# end-to-end scripts make with SL_TEST_BACKEND=pg (lib.bash), with SQLite's
# group_concat(x) as an aggregate, so that their checks in SQL (store_sql)
# read the same on both backends. The stores themselves never use it.
pg_e2e_template() {
  pg_sql sightline "CREATE FUNCTION public.sl_test_concat(text, anyelement) RETURNS text LANGUAGE sql IMMUTABLE
      AS \$\$ SELECT CASE WHEN \$2 IS NULL THEN \$1 WHEN \$1 IS NULL THEN \$2::text ELSE \$1 || ',' || \$2::text END \$\$;
    CREATE AGGREGATE public.group_concat(anyelement) (SFUNC = public.sl_test_concat, STYPE = text)" ||
    pg_fail "the template database of the stores"
}
