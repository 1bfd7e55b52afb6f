#!/usr/bin/env bash
# old_store_credits.sh — the credits an older sightline did not record.
# A store it made has no publisher, URL or licence for its imports, so the
# report's Sources said "Publisher not recorded" and left out the Atlas's
# CC BY credit. Importing the same file again with its --preset records
# them, but said "nothing changed". Now it says it recorded who published
# it and that nothing else changed; `info` and the audit name each import
# whose preset gives a credit it lacks, with the command that records it.
# On SQLite the store of tests/fixtures/old-store (made by sightline
# 8cbe8b8, which had no credits table); on both backends a store whose
# credits are deleted, as an older store lacks them.
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/registry
cd "$WORK" || exit 1
HINT='no credit recorded (an older sightline kept none)'
records() { # records DB: every agency and partnership row with its import and line (the columns an older store has)
  store_sql "$1" "SELECT * FROM agencies ORDER BY id; SELECT id, source_id, line, snapshot, record_id, agency, city,
                  county, state, agency_type, technology, vendor, summary, start_date, start_raw, start_precision,
                  agency_id, link_method, link_score FROM partnerships ORDER BY id"
}
older_store() { # older_store DB: the checks on a store whose imports 1..4 have no credit
  local db=$1
  "$SL" info -s "$db" >info.txt
  check "info says under the Atlas import how to record its credit" \
    grep -qF "        $HINT: \`sightline import partnerships atlas-sample-2020-10-07.csv --preset atlas\` again records it, changing nothing else" info.txt
  check "... and under each of the four" test "$(grep -c "$HINT" info.txt)" = 4
  rm -rf aud
  "$SL" audit -s "$db" -o aud --quiet >/dev/null 2>err.txt
  check "the audit notes the imports without their credit, with the command that records it" \
    grep -qF "sightline: audit: note: import 2: $HINT, so the report's Sources name no publisher for it: \`sightline import partnerships atlas-sample-2020-10-07.csv --preset atlas\` again records it, changing nothing else" err.txt
  check "... its report names no publisher" grep -q "Publisher not recorded" aud/report.html
  before=$(records "$db")
  "$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas -s "$db" >out.txt
  check "the same Atlas file again with --preset atlas says it recorded the credit, and nothing else changed" \
    test "$(cat out.txt)" = "$F/atlas-sample-2020-10-07.csv was imported before (source #2, 3 rows, same sha256): recorded who published it (publisher, URL, licence, year); nothing else changed"
  check "... which is so: every record is as it was" \
    test "$before" = "$(records "$db")"
  check "... and import 2 has the Atlas's publisher" \
    bash -c "'$SL' info --json -s '$db' | grep -q 'Electronic Frontier Foundation and University of Nevada'"
  "$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas -s "$db" >out.txt
  check "once more, it says nothing changed" grep -q ": nothing changed$" out.txt
  "$SL" info -s "$db" >info.txt
  check "info no longer says how to record it for import 2, still for the other three" \
    bash -c "[ \$(grep -c '$HINT' info.txt) = 3 ] && ! grep -q 'import partnerships atlas-sample-2020-10-07.csv' info.txt"
  rm -rf aud
  "$SL" audit -s "$db" -o aud --quiet >/dev/null 2>err.txt
  check "the report credits the Electronic Frontier Foundation (CC BY 4.0), and the note is gone for import 2" \
    bash -c "grep -q 'CC BY 4.0 (credit the Electronic Frontier Foundation)' aud/report.html && ! grep -q 'import 2:' err.txt"
}

if sqlite_only "a store made by sightline 8cbe8b8 (its SQL dump)"; then
  db=$(store fixture)
  sqlite3 "$db" <"$SL_FIXTURES/old-store/store-8cbe8b8.sql"
  # its imports kept no skipped count and no importer: "-", where a blank read as 0 skipped
  "$SL" info -s "$db" >info0.txt
  check "info gives '-' for the skipped count and the importer an older sightline did not keep" \
    grep -qE '^ +1  agencies +[^ ]+ +[0-9a-f]+ +[0-9,]+ +- +[0-9T:-]+Z  - ' info0.txt
  older_store "$db"
fi

db=$(store old)
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$db" >/dev/null
"$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas -s "$db" >/dev/null
"$SL" import agencies "$F/fbi-cde-sample-fix.csv" --preset fbi-cde -s "$db" >/dev/null
"$SL" import partnerships "$F/atlas-sample-fix-2020-10-07.csv" --preset atlas -s "$db" >/dev/null
check "a new store records the presets' credits, and info says nothing of recording them" \
  bash -c "! '$SL' info -s '$db' | grep -q '$HINT'"
store_sql "$db" "DELETE FROM source_credits"
older_store "$db"
"$SL" import sites "$SL_FIXTURES/points/repeat_a.csv" --category ice --id id -s "$db" >/dev/null 2>&1
"$SL" import sites "$SL_FIXTURES/points/repeat_a.csv" --category ice --id id --publisher "A desk" -s "$db" >out.txt 2>/dev/null
check "a layer imported again with --publisher says it recorded who published it" \
  grep -q "with the same options; recorded who published it (publisher, URL, licence, year); nothing else changed" out.txt

# The demo's files are invented: no publisher to credit, so neither info nor
# the audit tells a newcomer to credit the FBI or the EFF for them.
demo=$(store demo)
"$SL" demo -s "$demo" >/dev/null 2>&1
"$SL" info -s "$demo" >demo_info.txt 2>&1
"$SL" audit -s "$demo" -o demo_out --quiet >/dev/null 2>demo_audit.txt
check "a fresh demo store: no credit hint from info or audit" bash -c "! grep -q 'no credit recorded' demo_info.txt demo_audit.txt"
finish
