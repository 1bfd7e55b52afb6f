#!/usr/bin/env bash
# pg_cluster.bash start|stop STATE — one throwaway PostgreSQL 15 + PostGIS
# cluster shared by every pg.e2e.* test of a ctest run (not a test itself).
#
# ctest runs `start` as the setup of the fixture pg_cluster and `stop` as its
# cleanup, so a run of one pg.e2e test or of all of them starts the server
# once: starting a cluster (initdb and PostGIS) takes several seconds, and
# each of ~50 scripts doing it would cost minutes. `start` writes the
# cluster's directory, socket and port to STATE; tests/e2e/lib.bash reads it
# and gives each store of a test a database of its own, copied from the
# template database "sightline" (PostGIS installed), dropped when the test
# ends. `stop` stops the cluster and removes it, and so does a `start` that
# finds the STATE of an earlier run that never reached its cleanup.
set -u
[ $# -eq 2 ] || { echo "usage: pg_cluster.bash start|stop STATE" >&2; exit 2; }
WORK=$(mktemp -d /tmp/sightline-pgc.XXXXXX)
. "$(dirname "$0")/pg_lib.bash"
STATE=$2

stop_recorded() { # stop the cluster STATE names, if any
  [ -f "$STATE" ] || return 0
  PG_DIR=$(sed -n 's/^PG_DIR=//p' "$STATE")
  rm -f "$STATE"
  case $PG_DIR in /tmp/sightline-pg.*) pg_stop ;; esac
  PG_DIR=""
}

case $1 in
start)
  stop_recorded
  pg_start # fails loudly (exit 1) when it cannot start
  pg_e2e_template
  trap 'rm -rf "$WORK"' EXIT # from here the cluster outlives this script
  printf 'PG_DIR=%s\nPG_HOST=%s\nPG_PORT=%s\n' "$PG_DIR" "$PG_HOST" "$PG_PORT" >"$STATE.new" && mv "$STATE.new" "$STATE" ||
    { pg_stop; echo "FAIL - cannot write $STATE" >&2; exit 1; }
  echo "PostgreSQL cluster for pg.e2e.* in $PG_DIR, port $PG_PORT"
  ;;
stop)
  stop_recorded
  rm -rf "$WORK"
  echo "PostgreSQL cluster for pg.e2e.* stopped"
  ;;
*) echo "usage: pg_cluster.bash start|stop STATE" >&2; exit 2 ;;
esac
