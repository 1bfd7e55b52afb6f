#!/usr/bin/env bash
# newcomer3_messages.sh — what README's first commands say to a reporter who
# repeats one or runs one from elsewhere (run of 2026-12-07, sixth).
# - README's first commands write ./sightline.db in the checkout; run from
#   another directory, `partnerships` and `rm` said "no store at
#   sightline.db (import something first, or check -s)": she had imported,
#   and nothing said where it had looked. The message names the directory.
# - The agency registry imported twice said "(source #1, 18702 rows, ...)":
#   a count without its thousands separator, as no other line prints one.
. "$(dirname "$0")/lib.bash"
need_shared
mkdir -p "$WORK/checkout" "$WORK/elsewhere"
sqlite_only "the default store ./sightline.db (a file)" && {
  (cd "$WORK/checkout" && "$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde >/dev/null 2>&1)
  for cmd in "partnerships --tech ring" "info" "rm 1" "audit -o r"; do
    (cd "$WORK/elsewhere" && "$SL" $cmd >out.txt 2>err.txt); rc=$?
    check "'$cmd' from another directory: exit 1, names the directory it looked in and what to do" bash -c "[ $rc = 1 ] &&
      grep -q '^sightline: no store at sightline.db in $WORK/elsewhere (import something first, or run from the directory you imported in, or give -s the store.s full path)\$' '$WORK/elsewhere/err.txt'"
  done
  check "nothing was created there" bash -c "[ ! -e '$WORK/elsewhere/sightline.db' ] && [ ! -e '$WORK/elsewhere/r' ]"
  (cd "$WORK/elsewhere" && "$SL" info -s ../checkout/sightline.db >/dev/null 2>&1); rc=$?
  check "-s with the relative path to it reads it ($rc)" [ $rc = 0 ]
}
"$SL" info -s "$WORK/none.db" >/dev/null 2>"$WORK/abs.err"; rc=$?
check "a full path that names no store: as before, the path alone ($rc)" bash -c "[ $rc = 1 ] &&
  grep -q '^sightline: no store at $WORK/none.db (import something first, or check -s)\$' '$WORK/abs.err'"
DB=$(store reg)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$DB" >/dev/null 2>&1
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$DB" >"$WORK/again.txt" 2>&1
check "the registry imported again: its rows counted with a separator, nothing changed" \
  grep -q "fbi-cde-agencies-2018.csv was imported before (source #1, 18,702 rows, same sha256): nothing changed\$" "$WORK/again.txt"
finish
