#!/usr/bin/env bash
# bad_corpus.sh — every file in tests/bad (driven by tests/bad/MANIFEST.tsv)
# against the importer it names: a rejected file gives exit status 1, a
# message `sightline: FILE:LINE: ...` (or `sightline: FILE: ...` for a
# whole-file problem, manifest line '-'), leaves the store byte-for-byte as it
# was (sqlite3 .dump hash) and writes nothing in the working directory. Rows
# with exit 0 are accepted by design and must print their warning. Two 100 MB
# single-line files are generated here (never committed).
. "$(dirname "$0")/lib.bash"
command -v sqlite3 >/dev/null || { echo "SKIPPED: needs sqlite3" >&2; exit 77; }
BAD=${SL_SOURCE:?}/tests/bad
DB=$(store store)
OUT=$WORK/out
mkdir -p "$OUT"
"$SL" demo -s "$DB" >/dev/null || { echo "demo failed"; exit 1; }
printf 'id,lat,lon\na,38.8,-78.5\n' > "$WORK/good.csv"
"$SL" import posts "$WORK/good.csv" -s "$DB" >/dev/null || { echo "good import failed"; exit 1; }
PRISTINE=$(store_copy "$DB" pristine)

run_case() { # run_case FILE EXIT LINE ARGS NOTE
  local file=$1 want_rc=$2 line=$3 args=$4 note=$5
  local before; before=$(store_dump "$DB")
  local outdir_before; outdir_before=$(ls -A "$OUT" | sha256sum)
  local argv=(${args//\{\}/$file})
  (cd "$OUT" && "$SL" "${argv[@]}" -s "$DB" >"$WORK/stdout" 2>"$WORK/err"); local rc=$?
  local name; name=$(basename "$file")
  if [ "$want_rc" = 0 ]; then
    if [ $rc -eq 0 ] && grep -qF -- "$note" "$WORK/stdout" "$WORK/err"; then ok "$name accepted with '$note'"
    else not_ok "$name: exit $rc (wanted 0 and '$note'): $(cat "$WORK/stdout" "$WORK/err" | head -3)"; fi
    store_copy "$PRISTINE" store >/dev/null
    return
  fi
  local want="sightline: $file: "; [ "$line" != - ] && want="sightline: $file:$line: "
  local why=""
  [ $rc -eq "$want_rc" ] || why="exit $rc, wanted $want_rc; "
  grep -qF -- "$want" "$WORK/err" || why="${why}no '$want'; "
  [ "$before" = "$(store_dump "$DB")" ] || why="${why}store changed; "
  [ "$outdir_before" = "$(ls -A "$OUT" | sha256sum)" ] || why="${why}wrote into the working directory; "
  grep -q "AddressSanitizer\|runtime error" "$WORK/err" && why="${why}sanitizer report; "
  if [ -z "$why" ]; then ok "$name: $(head -c 160 "$WORK/err" | head -1)"
  else not_ok "$name: $why stderr: $(head -c 300 "$WORK/err")"; store_copy "$PRISTINE" store >/dev/null; fi
}

n=0
while IFS=$'\t' read -r file rc line args note; do
  case $file in '#'*|'') continue ;; esac
  run_case "$BAD/$file" "$rc" "$line" "$args" "$note"
  n=$((n + 1))
done < "$BAD/MANIFEST.tsv"

# 100 MB on one line, made here: a header with no usable column, and a
# coordinate cell of 100 MB that is no number.
big=$WORK/one-line-100mb.csv
head -c 100000000 /dev/zero | tr '\0' 'x' > "$big"
run_case "$big" 1 1 "import partnerships {} --preset atlas --snapshot 2020-10-07" ""
run_case "$big" 1 1 "import agencies {} --preset fbi-cde" ""
{ printf 'lat,lon\n1,'; head -c 100000000 /dev/zero | tr '\0' '9'; printf '\n'; } > "$WORK/one-cell-100mb.csv"
run_case "$WORK/one-cell-100mb.csv" 1 - "import posts {}" ""
rm -f "$big" "$WORK/one-cell-100mb.csv"
echo "$((n + 3)) cases"
finish
