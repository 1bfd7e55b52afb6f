#!/usr/bin/env bash
# pipeline_cron.sh — sightline run unattended, as a newsroom's nightly job
# runs it (cron: no terminal, output to a log, a script reading --json).
# - info --json and --csv give each import's whole sha256, as `sha256sum`
#   and `partnerships --json` give it; a script comparing them matched
#   nothing against the 12-character prefix the field held.
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/registry
cd "$WORK" || exit 1
DB=$(store nightly)
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$DB" >/dev/null

# Night 1 (its snapshot given here, as a past "today" would have dated it).
cp "$F/atlas-sample-2020-10-07.csv" atlas.csv
"$SL" import partnerships atlas.csv --preset atlas --snapshot 2026-12-05 -s "$DB" >/dev/null 2>&1
# info's sha256 is the file's, whole.
sum=$(sha256sum atlas.csv | cut -d' ' -f1)
check "info --json: the import's sha256 is sha256sum's" \
  test "$("$SL" info --json -s "$DB" | jq -r '.sources[] | select(.kind == "partnerships") | .sha256')" = "$sum"
check "info --csv: the same whole sha256" \
  bash -c "'$SL' info --csv -s '$DB' | python3 -c 'import csv,sys; print([r[\"sha256\"] for r in csv.DictReader(sys.stdin) if r[\"kind\"] == \"partnerships\"][0])' | grep -qx '$sum'"
check "info's table: its first 12 characters" bash -c "'$SL' info -s '$DB' | grep -q '  atlas.csv  *${sum:0:12}  '"

finish
