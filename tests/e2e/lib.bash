# lib.bash — helpers the end-to-end tests share (sourced, not a test itself).
set -u
: "${SL:?SL must point at the sightline binary}"
WORK=$(mktemp -d /tmp/sightline-e2e.XXXXXX)
# Where the stores live: SQLite files, or with SL_TEST_BACKEND=pg PostgreSQL
# databases (the pg.e2e.* ctests run the same scripts so; see store below).
SL_TEST_BACKEND=${SL_TEST_BACKEND:-sqlite}
lib_cleanup() { # what every test leaves behind: its stores, its directory (a trap of a test's own calls it too)
  local rc=${1:-$?} # the status the test exits with (a trap that ran commands first passes it)
  if [ "$SL_TEST_BACKEND" = pg ]; then
    # A run on PostgreSQL must have been one: a script that wrote SQLite
    # files, or made no database, fails (it would pass as a run on both).
    if [ $rc = 0 ]; then
      local files
      files=$(find "$WORK" -maxdepth 2 -name '*.db' 2>/dev/null | head -3)
      [ -z "$files" ] || { echo "FAIL - SL_TEST_BACKEND=pg, yet SQLite stores were written: $files"; rc=1; }
      [ -n "$(pg_sql postgres "SELECT 1 FROM pg_database WHERE starts_with(datname, '$PG_STORE_TAG') LIMIT 1")" ] ||
        { echo "FAIL - SL_TEST_BACKEND=pg, yet no PostgreSQL store was made"; rc=1; }
    fi
    pg_drop_stores
    pg_stop
  fi
  rm -rf "$WORK"
  exit $rc
}
trap lib_cleanup EXIT
FAILS=0
PASSES=0

ok() { PASSES=$((PASSES + 1)); echo "ok   - $*"; }
not_ok() { FAILS=$((FAILS + 1)); echo "FAIL - $*"; }
thousands() { # thousands N: N as sightline prints counts (1234567 -> 1,234,567), whatever the locale
  echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'
}
check() { # check DESCRIPTION COMMAND...: passes when the command succeeds
  local what=$1; shift
  if "$@"; then ok "$what"; else not_ok "$what"; fi
}
need_shared() { # skip (exit 77) loudly when ../shared/data is absent
  if [ ! -d "${SL_SHARED_DATA:-/nonexistent}" ]; then
    echo "SKIPPED: real data not found at ${SL_SHARED_DATA:-<unset>} (../shared/data)" >&2
    exit 77
  fi
}
public_info() { # `info --json` on standard input as /api/info gives it: without who made each import (a user
  # name is personal data) and the campaign's live totals (totals that move when a person signs or
  # confirms tell a watcher that she did); the dashboard is served to whoever reaches it
  grep -v '^      "imported_by": ' | grep -Ev '^    "(pledges|confirmed|outbox_pending)": [0-9]+,?$' |
    sed -E 's/^(    "set_up": (true|false)),$/\1/'
}
store_sql() { # store_sql STORE SQL: SQL's rows as `sqlite3 STORE SQL` prints them (a|b), on either backend
  case $1 in
  postgresql://*) PGOPTIONS="-c search_path=sightline,public" "${PG_BIN:-/usr/lib/postgresql/15/bin}/psql" -X -q -v ON_ERROR_STOP=1 -d "$1" -At -c "$2" ;;
  *) sqlite3 "$1" "$2" ;;
  esac
}
export -f store_sql # for the checks that run in bash -c
store_text() { # store_text STORE: every row of the store as text, to grep for what must not be stored
  case $1 in
  postgresql://*) "${PG_BIN:-/usr/lib/postgresql/15/bin}/pg_dump" --data-only --schema=sightline -d "$1" ;;
  *) sqlite3 "$1" .dump ;;
  esac
}
export -f store_text
store_dump() { # store_dump STORE [TABLE...]: a hash of everything in the store but the rows of each
  # TABLE named: equal before and after means unchanged
  local db=$1 skip t pat='^$'; shift
  skip=$(printf "'%s'," "$@" "")
  case $db in
  postgresql://*) # each table's columns, and its rows in a fixed order; one psql for them all
    PGOPTIONS="-c search_path=sightline,public" "${PG_BIN:-/usr/lib/postgresql/15/bin}/psql" -X -q -At -d "$db" \
      -v skip="${skip%,}" 2>/dev/null <<'SQL' | sha256sum ;;
SELECT format('SELECT %L, (SELECT string_agg(column_name || '' '' || data_type, '','' ORDER BY ordinal_position)
                 FROM information_schema.columns WHERE table_schema = ''sightline'' AND table_name = %L),
               count(*), md5(coalesce(string_agg(x::text, E''\n'' ORDER BY x::text), '''')) FROM sightline.%I x',
              table_name, table_name, table_name)
FROM information_schema.tables WHERE table_schema = 'sightline' AND table_type = 'BASE TABLE'
  AND table_name NOT IN (:skip) ORDER BY table_name
\gexec
SQL
  *) # a table left out keeps its CREATE; its INSERT lines go
    for t in "$@"; do pat="$pat|^INSERT INTO \"?$t\"? "; done
    sqlite3 "$db" .dump 2>/dev/null | grep -Ev "$pat" | sha256sum ;;
  esac
}
on_tty() { # on_tty OUT COMMAND...: run COMMAND with stdout and stderr on a terminal (`script`, util-linux)
  local out=$1; shift
  script -qec "$(printf '%q ' "$@")" /dev/null >"$out" 2>&1 </dev/null
}
# A progress line is drawn (\r ESC[K "COMMAND: WHAT"), and cleared (\r ESC[K
# with nothing after it on the line) before the first line of the result.
drawn_then_cleared() { # drawn_then_cleared FILE PATTERN RESULT
  python3 - "$@" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
pat, result = sys.argv[2], sys.argv[3]
draws = [m.start() for m in re.finditer("\r\x1b\\[K" + pat, data)]
res = data.find(result)
ok = bool(draws) and res > draws[-1] and data[res - 4:res] == "\r\x1b[K"
print(f"   {len(draws)} drawn, result at {res}, cleared before it: {ok}")
sys.exit(0 if ok else 1)
PY
}
finish() {
  echo "$PASSES passed, $FAILS failed"
  [ "$FAILS" -eq 0 ]
}
need_us_atlas() { # sets US_ATLAS to counties-10m.json, installing npm us-atlas@3.0.1 if needed; skips (77) loudly without npm
  US_ATLAS="$SL_SOURCE/node_modules/us-atlas/counties-10m.json"
  [ -f "$US_ATLAS" ] && return 0
  if ! command -v npm >/dev/null; then echo "SKIPPED: npm missing, cannot fetch us-atlas@3.0.1" >&2; exit 77; fi
  (cd "$SL_SOURCE" && npm install --no-save --no-package-lock --silent us-atlas@3.0.1) >/dev/null 2>&1 ||
    { echo "SKIPPED: npm install us-atlas@3.0.1 failed" >&2; exit 77; }
}
import_counties() { # import_counties DB: US counties + 2014 QuickFacts demographics as set 'counties'
  "$SL" import areas "$US_ATLAS" --layer counties --set counties --id id --name name \
    --demographics "$SL_SHARED_DATA/census/us-counties-quickfacts-2014.csv" --key fips --key-width 5 \
    --pop PST045214 --black RHI225214 --hispanic RHI725214 --white-nh RHI825214 --foreign-born POP645213 \
    --percent --publisher "US Census Bureau: county boundaries (npm us-atlas 3.0.1) and QuickFacts" \
    --url https://www.census.gov/quickfacts --licence "US government work, public domain" --year 2014 -s "$1" >/dev/null 2>&1
}
import_followup() { # import_followup DB [LATER...]: the follow-up fixture's registry and export of 2020-10-07, then each LATER export
  local db=$1 later
  shift
  "$SL" import agencies "$SL_SOURCE/tests/fixtures/followup/fbi-cde-followup.csv" --preset fbi-cde -s "$db" >/dev/null 2>&1
  "$SL" import partnerships "$SL_SOURCE/tests/fixtures/followup/atlas-followup-2020-10-07.csv" --preset atlas -s "$db" >/dev/null 2>&1
  for later in "$@"; do "$SL" import partnerships "$later" --preset atlas -s "$db" >/dev/null 2>&1; done
}
import_atlas() { # import_atlas DB: the FBI agency registry, then the Atlas of 2020-10-07 linked to it
  "$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$1" >/dev/null 2>&1
  "$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$1" >/dev/null 2>&1
}
campaign_over_counties() { # campaign_over_counties DB [TITLE]: a campaign over the "counties" set, the test's words
  "$SL" campaign init --title "${2:-Places}" --pledge "I pledge." --privacy "We keep your address to confirm your pledge." \
    --commitment cancel=Cancel --organisation "Test" --contact test@example.org --area-set counties \
    --base-url https://example.org/ --sender test@example.org -s "$1" >/dev/null
}
import_ice() { # import_ice DB: the UWCHR list of ICE detention sites, category ice, without its credits
  "$SL" import sites "$SL_SHARED_DATA/sites/ice-detention-facilities-uwchr.psv.gz" --category ice --id detloc --text name \
    -s "$1" >/dev/null 2>&1
}
import_real() { # import_real DB: the real data as make demo-real imports it, without the ICE list's credits
  import_atlas "$1"
  import_counties "$1"
  import_ice "$1"
}
real_and_demo_reports() { # the audit of the real data (as make demo-real) in $WORK/real, of the demo in $WORK/demo
  need_shared
  need_us_atlas
  local db demo
  db=$(store real)
  "$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$db" >/dev/null 2>&1
  "$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$db" >/dev/null 2>&1
  import_counties "$db"
  "$SL" import sites "$SL_SHARED_DATA/sites/ice-detention-facilities-uwchr.psv.gz" --category ice --id detloc --text name \
    --publisher "University of Washington Center for Human Rights: facilities ICE used for detention at any time from 1980 to 2017 (FOIA records)" \
    --url https://github.com/UWCHR/ice-facilities --licence "none stated (records released under FOIA)" -s "$db" >/dev/null 2>&1
  check "audit of the real data" "$SL" audit -s "$db" -o "$WORK/real" --tech ring --since 2020-05-25 --quiet
  demo=$(store demo)
  "$SL" demo -s "$demo" >/dev/null
  check "audit of the demo" "$SL" audit -s "$demo" -o "$WORK/demo" --quiet
}
need_browser() { # skip (77) loudly without chromium, node or the npm modules named (playwright-core and more)
  [ -x /usr/bin/chromium ] || { echo "SKIP: /usr/bin/chromium missing" >&2; exit 77; }
  command -v node >/dev/null || { echo "SKIP: node missing" >&2; exit 77; }
  local m
  for m in "$@"; do
    [ -d "$SL_SOURCE/node_modules/$m" ] || { echo "SKIP: npm $m missing (scripts/deps.sh)" >&2; exit 77; }
  done
}

# The PostgreSQL backend of the tests. Under ctest the pg_cluster fixture
# (tests/e2e/pg_cluster.bash) has started one cluster for the run and
# SL_TEST_PG_STATE names its state file; run by hand, a test starts a
# throwaway cluster of its own (pg_lib.bash), stopped at exit. Either way a
# cluster that cannot start fails the test: it is not skipped.
case $SL_TEST_BACKEND in
sqlite) ;;
pg)
  . "$(dirname "${BASH_SOURCE[0]}")/pg_lib.bash"
  if [ -n "${SL_TEST_PG_STATE:-}" ]; then
    [ -f "$SL_TEST_PG_STATE" ] || { echo "FAIL - no PostgreSQL cluster: $SL_TEST_PG_STATE missing (ctest starts it in pg.cluster.start)" >&2; exit 1; }
    PG_HOST=$(sed -n 's/^PG_HOST=//p' "$SL_TEST_PG_STATE")
    PG_PORT=$(sed -n 's/^PG_PORT=//p' "$SL_TEST_PG_STATE")
  else
    pg_start
    pg_e2e_template
  fi
  trap lib_cleanup EXIT
  ;;
*) echo "FAIL - SL_TEST_BACKEND is sqlite or pg, not '$SL_TEST_BACKEND'" >&2; exit 1 ;;
esac
PG_STORE_TAG=e2e_${WORK##*.}_ # this test's databases start so
store() { # store NAME: where the test keeps its store NAME ([A-Za-z0-9_]): $WORK/NAME.db, or a new database
  case $SL_TEST_BACKEND in
  sqlite) echo "$WORK/$1.db" ;;
  pg)
    [[ $1 =~ ^[A-Za-z0-9_]+$ ]] || { echo "FAIL - store name '$1'" >&2; exit 1; }
    local db=$PG_STORE_TAG$1
    if [ -z "$(pg_sql postgres "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      pg_sql postgres "CREATE DATABASE \"$db\" TEMPLATE sightline" >&2 || { echo "FAIL - CREATE DATABASE $db" >&2; exit 1; }
    fi
    # The socket directory in the host part, percent-encoded: no ? or & to
    # quote when a check passes the store to bash -c unquoted.
    echo "postgresql://${PG_HOST//\//%2F}:$PG_PORT/$db"
    ;;
  esac
}
store_missing() { # store_missing NAME: a store NAME that does not exist (no file; no database)
  case $SL_TEST_BACKEND in
  sqlite) echo "$WORK/$1.db" ;;
  pg) echo "postgresql://${PG_HOST//\//%2F}:$PG_PORT/$PG_STORE_TAG$1" ;;
  esac
}
store_exists() { # store_exists STORE: true when STORE exists (its file; its database)
  case $1 in
  postgresql://*) [ -n "$(pg_sql postgres "SELECT 1 FROM pg_database WHERE datname = '${1##*/}'")" ] ;;
  *) [ -e "$1" ] ;;
  esac
}
store_label() { # store_label NAME: how sightline names store NAME in reports and messages
  case $SL_TEST_BACKEND in
  sqlite) echo "$1.db" ;;
  pg) echo "PostgreSQL database $PG_STORE_TAG$1" ;;
  esac
}
# What sightline says of a store that does not exist (store_missing).
case $SL_TEST_BACKEND in
sqlite) NO_STORE_SAYS="no store at" ;;
*) NO_STORE_SAYS="does not exist" ;;
esac
sqlite_only() { # sqlite_only WHAT: true on SQLite; elsewhere says that the checks of WHAT are left out
  [ "$SL_TEST_BACKEND" = sqlite ] && return 0
  echo "note - on $SL_TEST_BACKEND, not checked: $1 (tests/e2e/pg_excluded.txt says why)"
  return 1
}
store_copy() { # store_copy FROM NAME: a copy of store FROM as store NAME (printed as store prints it)
  local to
  to=$(store "$2")
  case $to in
  postgresql://*)
    pg_sql postgres "DROP DATABASE \"$PG_STORE_TAG$2\"" &&
      pg_sql postgres "CREATE DATABASE \"$PG_STORE_TAG$2\" TEMPLATE \"${1##*/}\"" >&2 ||
      { echo "FAIL - store_copy $1 $2" >&2; exit 1; } ;;
  *) cp "$1" "$to" ;;
  esac
  echo "$to"
}
pg_drop_stores() { # drop the databases store made (a serve still connected is cut off)
  local d
  for d in $(pg_sql postgres "SELECT datname FROM pg_database WHERE starts_with(datname, '$PG_STORE_TAG')" 2>/dev/null); do
    pg_sql postgres "DROP DATABASE \"$d\" WITH (FORCE)" >/dev/null 2>&1
  done
}
hold_write_lock() { # hold_write_lock STORE SECONDS: another process holds STORE's write lock for SECONDS, from when ./held exists; its pid in HOLDER
  rm -f held
  case $1 in
  postgresql://*)
    "${PG_BIN:-/usr/lib/postgresql/15/bin}/psql" -X -q -d "$1" >/dev/null 2>&1 <<SQL &
SELECT pg_advisory_lock(1399409774);
\! touch held
SELECT pg_sleep($2);
SQL
    ;;
  *)
    python3 - "$1" "$2" <<'PY' &
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
open("held", "w").close()
time.sleep(float(sys.argv[2]))
con.execute("COMMIT")
PY
    ;;
  esac
  HOLDER=$!
  for _ in $(seq 100); do [ -e held ] && return 0; sleep 0.05; done
  not_ok "the lock was not taken by the holder"
}
stop_while_waiting() { # stop_while_waiting SIG STORE ARGS...: `sightline ARGS -s STORE`, waiting for the write lock another holds (3 s), sent SIG; its exit status, its output in stop.out and stop.err (needs set -m)
  local sig=$1 db=$2 pid rc; shift 2
  hold_write_lock "$db" 3
  "$SL" "$@" -s "$db" >stop.out 2>stop.err &
  pid=$!
  sleep 0.5 # it cannot have finished: the lock is held for 3 s
  kill -"$sig" "$pid"
  wait "$pid"
  rc=$?
  wait "$HOLDER"
  return $rc
}
file_size_limited() { # file_size_limited KB COMMAND...: COMMAND with files limited to KB kilobytes (bash's ulimit -f unit), which fails a write as a full disk does
  local kb=$1; shift
  (trap '' XFSZ; ulimit -f "$kb"; exec "$@")
}
many_signers() { # many_signers STORE N: N confirmed signers who consented, many1@example.net..., added to STORE's pledges
  store_sql "$1" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
    INSERT INTO pledges(id, email, name, state, county, commitments, consent, listed, created, confirmed)
    SELECT 100000 + i, 'many' || i || '@example.net', 'Many Signer', 'OH', '39990', '', 1, 0, 1765000000, 1765000100
    FROM n" >/dev/null
}
