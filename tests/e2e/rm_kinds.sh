#!/usr/bin/env bash
# rm_kinds.sh — `info` and `rm` for every kind of import, not only the
# versioned ones (agencies, partnership rows, baselines): `info` counts the
# listings the source of approved suggestions holds (it said 0), and
# `info --json` gives its sha256 as it is ("moderated", not padded with NUL
# bytes read past its end); `rm` says per import what went (directory
# listings, areas, points, link corrections), and prints how many
# partnership rows are linked only when the links' inputs changed; the
# listings approved from suggestions, which no file brings back, are
# removed only with --approved; an id once given is never given again.
. "$(dirname "$0")/lib.bash"
FX=$SL_FIXTURES
cd "$WORK" || exit 1
db=$(store k)
"$SL" import businesses "$FX/directory/businesses.csv" -s "$db" >/dev/null || exit 1            # 1
"$SL" import areas "$FX/campaign/counties.geojson" --set counties --id id --name name -s "$db" >/dev/null || exit 1 # 2
printf 'name=Tea+House&category=Cafe&city=Chicago&state=IL&verification=I+know+the+owner&lat=41.88&lon=-87.63' >s1.txt
printf 'name=Corner+Bakery&category=Bakery&city=Chicago&state=IL&verification=I+shop+there' >s2.txt
"$SL" campaign suggest --form s1.txt -s "$db" >/dev/null && "$SL" campaign suggest --form s2.txt -s "$db" >/dev/null || exit 1
for id in $(store_sql "$db" "SELECT id FROM business_suggestions ORDER BY id"); do
  "$SL" campaign approve "$id" -s "$db" >/dev/null || exit 1
done
SUG=$(store_sql "$db" "SELECT id FROM sources WHERE kind='suggestions'")
LISTINGS=$(store_sql "$db" "SELECT count(*) FROM businesses WHERE source_id=1")

"$SL" info -s "$db" >info.txt
check "info counts the two listings the approved suggestions' source holds" \
  grep -Eq "^ +$SUG  suggestions +moderation queue +moderated +2  " info.txt
"$SL" info --json -s "$db" >info.json
check "info --json: the suggestions' sha256 is 'moderated', its rows 2; a file's sha256 is whole (64 hex)" python3 - "$SUG" <<'PY'
import json, sys
j = json.load(open('info.json'))
s = {x['id']: x for x in j['sources']}
sug = s[int(sys.argv[1])]
assert sug['sha256'] == 'moderated' and sug['rows'] == 2, sug
assert len(s[1]['sha256']) == 64 and all(c in '0123456789abcdef' for c in s[1]['sha256']), s[1]
PY
check "no NUL escape anywhere in info --json" bash -c "! grep -q 'u0000' info.json"

before=$(store_dump "$db")
"$SL" rm "$SUG" -s "$db" >out.txt 2>err.txt
rc=$?
check "rm of the approved suggestions without --approved is refused (exit 2), saying what and how" bash -c "
  [ $rc = 2 ] && grep -q 'holds 2 directory listings approved from readers. suggestions' err.txt && grep -q -- '--approved' err.txt"
check "... and changes nothing" test "$before" = "$(store_dump "$db")"
check "rm --help documents --approved" bash -c "'$SL' rm --help | grep -q -- '--approved'"
file_of() { store_sql "$db" "SELECT file_name FROM sources WHERE id = $1"; } # rm names it, as --replace does
f=$(file_of "$SUG")
"$SL" rm "$SUG" --approved -s "$db" >out.txt
check "rm --approved removes them and says so, naming the import's file" test "$(cat out.txt)" = "removed import $SUG, $f (2 directory listings)"
check "... they are gone from the directory" test "$(store_sql "$db" "SELECT count(*) FROM businesses WHERE name IN ('Tea House', 'Corner Bakery')")" = 0

f=$(file_of 1)
"$SL" rm 1 -s "$db" >out.txt
check "rm of a businesses import names its listings, and no link line" \
  test "$(cat out.txt)" = "removed import 1, $f ($(thousands "$LISTINGS") directory listings)"
AREAS=$(store_sql "$db" "SELECT count(*) FROM areas")
f=$(file_of 2)
"$SL" rm 2 -s "$db" >out.txt
check "rm of an area set names its areas" test "$(cat out.txt)" = "removed import 2, $f ($AREAS areas)"

last() { store_sql "$db" "SELECT max(id) FROM sources"; }
"$SL" import cameras "$FX/points/cameras.geojson" -s "$db" >/dev/null 2>&1 || exit 1
id=$(last)
"$SL" rm "$id" -s "$db" >out.txt
check "rm of a point layer names its file and points" test "$(cat out.txt)" = "removed import $id, cameras.geojson (3 points)"

"$SL" import agencies "$FX/registry/fbi-cde-sample.csv" --preset fbi-cde -s "$db" >/dev/null 2>&1 || exit 1
"$SL" import partnerships "$FX/registry/atlas-sample-2020-10-07.csv" --preset atlas -s "$db" >/dev/null 2>&1 || exit 1
printf 'record_id,ori\nAOS1,none\n' >cw.csv
"$SL" import links cw.csv -s "$db" >/dev/null || exit 1
id=$(last)
"$SL" rm "$id" -s "$db" >out.txt
check "rm of link corrections names them, then the partnership rows linked" \
  test "$(cat out.txt)" = "$(printf 'removed import %s, cw.csv (1 link correction)\npartnership rows linked to the registry: 3 of 3' "$id")"

# ids are never given again: the last import removed, the next one is not
# its id (a note citing `rm ID` must never reach another file)
"$SL" import links cw.csv -s "$db" >/dev/null || exit 1
check "an import after rm of the last one gets a new id, not the removed one's ($id)" test "$(last)" = $((id + 1))
"$SL" rm $((id + 1)) -s "$db" >/dev/null
"$SL" import cameras "$FX/points/cameras.geojson" -s "$db" >/dev/null 2>&1
check "... also after rm again, and for another kind" test "$(last)" = $((id + 2))
check "the imports left are the registry's two and the cameras' new one" \
  test "$(store_sql "$db" "SELECT id FROM sources ORDER BY id" | tr '\n' ' ')" = "$((id - 2)) $((id - 1)) $((id + 2)) "
finish
