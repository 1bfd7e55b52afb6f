#!/usr/bin/env bash
# researcher_info.sh — `info` listed a baseline by its DP05 file alone,
# though its foreign-born share is read from the DP02 file given beside it
# (run of 2026-12-07, eighth): a researcher citing the store's inputs by
# their sha256 could not name the second file. The import now records it
# in its options, as an area set's demographics file, and `info --csv`,
# which had no options column, has one.
. "$(dirname "$0")/lib.bash"
need_shared
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }

DB=$(store base)

# info: a baseline's DP02 file beside its DP05 file
C="$SL_SHARED_DATA/census"
"$SL" import baseline "$C/acs1-2018-us-DP05.csv" --dp02 "$C/acs1-2018-us-DP02.csv" --name us -s "$DB" >"$WORK/imp.out" 2>&1
check "the import's line names both files it read" \
  grep -qx "imported baseline 'us' from $C/acs1-2018-us-DP05.csv and $C/acs1-2018-us-DP02.csv" "$WORK/imp.out"
"$SL" info -s "$DB" >"$WORK/info.txt"
"$SL" info -s "$DB" --json >"$WORK/info.json"
dp02_sha=$(sha256sum "$C/acs1-2018-us-DP02.csv" | cut -d' ' -f1)
check "info: the baseline's line names its DP02 file and that file's sha256" \
  grep -qE "baseline +acs1-2018-us-DP05\.csv .*\"dp02\":\"acs1-2018-us-DP02\.csv\",\"dp02_sha256\":\"$dp02_sha\"" "$WORK/info.txt"
check "info --json: the baseline source's options give dp02 and dp02_sha256" python3 -c "
import json; s = [x for x in json.load(open('$WORK/info.json'))['sources'] if x['kind'] == 'baseline']
assert len(s) == 1 and s[0]['options'] == {'dp02': 'acs1-2018-us-DP02.csv', 'dp02_sha256': '$dp02_sha'}, s"
"$SL" info -s "$DB" --csv >"$WORK/info.csv"
check "info --csv: an options column, the baseline's giving its DP02 file and sha256 (the CSV had no options)" python3 -c "
import csv, json; s = [x for x in csv.DictReader(open('$WORK/info.csv', newline='')) if x['kind'] == 'baseline']
assert len(s) == 1 and json.loads(s[0]['options']) == {'dp02': 'acs1-2018-us-DP02.csv', 'dp02_sha256': '$dp02_sha'}, s"
"$SL" import baseline "$C/acs1-2018-us-DP05.csv" --name us05 -s "$DB" >/dev/null 2>&1
"$SL" info -s "$DB" --json >"$WORK/info2.json"
check "info --json: a baseline of DP05 alone names no DP02 file" python3 -c "
import json; s = [x for x in json.load(open('$WORK/info2.json'))['sources'] if x['snapshot'] == 'us05']
assert len(s) == 1 and s[0]['options'] == {}, s"

finish
