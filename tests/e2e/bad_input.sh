#!/usr/bin/env bash
# Malformed files: exit status 1, a message naming file and line, and the
# store exactly as it was before the attempt.
. "$(dirname "$0")/lib.bash"
BAD=$SL_FIXTURES/bad
DB=$(store store)
"$SL" demo -s "$DB" >/dev/null || { echo "demo failed"; exit 1; }
printf 'AOSNUMBER,Agency\n\0\1\2garbage\n' > "$WORK/binary.csv"

expect_rejected() { # expect_rejected FILE LINE ARGS...: LINE 0 means "no line"
  local file=$1 line=$2; shift 2
  local before; before=$(store_dump "$DB")
  "$SL" "$@" "$file" -s "$DB" >/dev/null 2>"$WORK/err"
  local rc=$?
  local want="sightline: $file:"; [ "$line" != 0 ] && want="sightline: $file:$line: "
  if [ $rc -eq 1 ] && grep -qF "$want" "$WORK/err" && [ "$before" = "$(store_dump "$DB")" ]; then
    ok "$(basename "$file") rejected: $(cat "$WORK/err")"
  else
    not_ok "$(basename "$file"): exit $rc, stderr: $(cat "$WORK/err") (wanted '$want', store unchanged)"
  fi
}

expect_rejected "$BAD/atlas-unclosed-quote.csv" 4 import partnerships --preset atlas
expect_rejected "$BAD/atlas-missing-agency-column.csv" 1 import partnerships --preset atlas
expect_rejected "$BAD/atlas-ragged-long-row.csv" 3 import partnerships --preset atlas
expect_rejected "$BAD/mapped-bad-date.csv" 3 import partnerships --name-col agency --state-col state --date-col started --tech Drones
expect_rejected "$BAD/mapped-empty-agency.csv" 3 import partnerships --name-col agency --state-col state --date-col started --tech Drones
expect_rejected "$BAD/empty.csv" 1 import partnerships --preset atlas
expect_rejected "$WORK/binary.csv" 1 import partnerships --preset atlas
expect_rejected "$BAD/agencies-bad-latitude.csv" 3 import agencies --preset fbi-cde
expect_rejected "$BAD/agencies-latitude-out-of-range.csv" 3 import agencies --preset fbi-cde
expect_rejected "$BAD/agencies-bad-latitude.csv" 1 import partnerships --preset atlas
expect_rejected "$WORK/does-not-exist.csv" 0 import agencies --preset fbi-cde

# A usage mistake is exit 2 and also leaves the store alone.
before=$(store_dump "$DB")
"$SL" import partnerships "$BAD/mapped-bad-date.csv" -s "$DB" >/dev/null 2>&1
check "import without mapping or preset is a usage error (2)" [ $? -eq 2 ]
check "store unchanged after the usage error" [ "$before" = "$(store_dump "$DB")" ]
if sqlite_only "a text file given as the store"; then
  echo "not a database, just text" > "$WORK/not.db"
  "$SL" partnerships -s "$WORK/not.db" >/dev/null 2>"$WORK/err"
  check "a store that is not SQLite is a clean error" [ $? -eq 1 ]
  check "...and the file is untouched" grep -q "not a database, just text" "$WORK/not.db"
fi
finish
