#!/usr/bin/env bash
# researcher_since.sh — `partnerships --tech ring --since 2020-01-01` read
# "distinct agencies 739" under "started since 2020-01-01", where 737 of
# them began then: two (Oviedo FL, Madison WI) began in 2019 and count by a
# further 2020 row (run of 2026-12-07, eighth). The first line now says how
# many of its agencies began within, as the line under the count says of
# the partnerships.
. "$(dirname "$0")/lib.bash"
need_shared
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }

DB=$(store real)
import_atlas "$DB"

# --since: the agencies of the rows, and those whose partnership began then
"$SL" partnerships -s "$DB" --tech ring --since 2020-01-01 >"$WORK/since.txt"
"$SL" partnerships -s "$DB" --tech ring --since 2020-01-01 --json >"$WORK/since.json"
check "--since's first line says of its 739 agencies how many began on or after the day (737)" \
  grep -q '^  rows 739, distinct agencies 739 (737 of them began on or after 2020-01-01), linked to the registry 730, unlinked 9$' "$WORK/since.txt"
check "... 737 is the JSON's since.partnerships.count, 739 its agencies" python3 -c "
import json; j = json.load(open('$WORK/since.json'))
assert j['agencies'] == 739 and j['since']['partnerships']['count'] == 737 and j['since']['partnerships']['further_rows'] == 2"
"$SL" partnerships -s "$DB" --tech ring --since 2020-05-25 >"$WORK/since_may.txt"
check "no such note where no further row is among them (since 2020-05-25: 212 of 212)" \
  grep -q '^  rows 212, distinct agencies 212, linked to the registry 211, unlinked 1$' "$WORK/since_may.txt"

finish
