#!/usr/bin/env bash
# backup.sh — `sightline backup`: a copy taken while `sightline serve`
# accepts pledges is whole (SQLite's integrity check says ok) and holds every
# pledge the server had acknowledged before it began; --share leaves no
# signer's email or name, no admin token hash and no form secret in the
# copy, whose info, partnerships and audit give the original's figures; an
# OUT that exists, or is the store, is refused (exit 2) and nothing is
# written; an OUT in a directory not yet made is refused, naming that
# directory (exit 1); a backup stopped by SIGTERM mid-way leaves no OUT and no
# temporary file, and the temporary copy a backup killed outright leaves (the
# whole store) is removed by the next backup into that directory, which says
# so. On PostgreSQL, backup refuses (exit 2) and names the
# pg_dump command, with the tables --share leaves out.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
cd "$WORK" || exit 1
db=$(store s)

if [ "$SL_TEST_BACKEND" = pg ]; then
  "$SL" backup -s "$db" out.copy >out.txt 2>err.txt; rc=$?
  check "a PostgreSQL store: exit 2, the pg_dump command named, nothing written ($rc)" bash -c "
    [ $rc = 2 ] && grep -q 'pg_dump --format=custom' err.txt && [ ! -e out.copy ] && ! ls out.copy.partial-* 2>/dev/null"
  "$SL" backup --share -s "$db" out.copy >out.txt 2>err.txt; rc=$?
  check "... and with --share, the tables whose rows to leave out and the secrets to delete ($rc)" bash -c "
    [ $rc = 2 ] && grep -q -- '--exclude-table-data=sightline.pledges' err.txt &&
    grep -q -- '--exclude-table-data=sightline.outbox' err.txt && grep -q \"'form_secret'\" err.txt &&
    grep -q -- '--exclude-table-data=sightline.manage_links' err.txt &&
    grep -q -- '--exclude-table-data=sightline.pledge_changes' err.txt &&
    grep -q \"'admin_token_sha256'\" err.txt && [ ! -e out.copy ]"
  finish; exit
fi

command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
"$SL" demo --campaign -s "$db" >/dev/null
"$SL" campaign token -s "$db" >/dev/null 2>&1

# ---- a backup while serve writes pledges ----
serve_start "$db" --rate-email 1000 --rate-forms 100000 || exit 1
curl -s --max-time 20 "$U/campaign" >page.html
csrf=$(grep -o 'name="csrf" value="[^"]*"' page.html | head -1 | sed 's/.*value="//; s/"$//')
: >acked.txt
( for i in $(seq 1 100000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 -H "Origin: $U" \
      --data-binary "csrf=$csrf&email=signer$i%40example.org&name=Signer+Number$i&state=OH&county=39990" \
      "$U/campaign/pledge")
    [ "$code" = 200 ] && echo "signer$i@example.org" >>acked.txt
    [ -e stop ] && break
  done ) &
LOOP=$!
for _ in $(seq 100); do [ "$(wc -l <acked.txt)" -ge 20 ] && break; sleep 0.1; done
cp acked.txt before.txt # every pledge acknowledged before the backup began
"$SL" backup -s "$db" live.copy >live.txt 2>live.err; rc=$?
sleep 0.5
touch stop; wait $LOOP
serve_stop
n=$(wc -l <before.txt)
check "a backup while serve takes pledges ($n before it began): exit 0, SQLite's integrity check ok ($rc)" bash -c "
  [ $rc = 0 ] && [ $n -ge 20 ] && [ \"\$(sqlite3 live.copy 'PRAGMA integrity_check')\" = ok ]"
sqlite3 live.copy 'SELECT email FROM pledges' | sort >live.emails
check "... the copy holds every pledge acknowledged before it began" bash -c "[ -z \"\$(sort before.txt | comm -23 - live.emails)\" ]"
check "... it says what it copied, with thousands separators, and that the copy holds personal data" bash -c "
  grep -Eq '^copied .* to live.copy: 11 imports \(901 records\), [0-9,]+ pledges; [0-9]{1,3}(,[0-9]{3})+ bytes' live.txt &&
  grep -q 'holds signers. emails and names' live.txt"
check "... and leaves no temporary file" bash -c "[ -s live.copy ] && ! ls live.copy.partial-* 2>/dev/null"

# ---- --share ----
"$SL" backup --share -s "$db" share.copy >share.txt 2>share.err; rc=$?
check "backup --share: exit 0, says how many pledges it left out ($rc)" bash -c "
  [ $rc = 0 ] && grep -q '^left out: [0-9,]* pledges' share.txt && [ \"\$(sqlite3 share.copy 'PRAGMA integrity_check')\" = ok ]"
sqlite3 share.copy .dump >share.dump
sqlite3 "$db" "SELECT email FROM pledges UNION SELECT name FROM pledges WHERE name != ''
  UNION SELECT name FROM pledge_links WHERE name != ''" >personal.txt
hash=$(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'admin_token_sha256'")
secret=$(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'form_secret'")
check "... no signer's email or name in the copy's dump ($(wc -l <personal.txt) of them)" bash -c "
  [ \$(wc -l <personal.txt) -ge 40 ] && grep -q 'CREATE TABLE pledges' share.dump && ! grep -qF -f personal.txt share.dump"
check "... nor the admin token's hash, nor the form secret" bash -c "
  [ ${#hash} = 64 ] && [ -n '$secret' ] && grep -q 'INSERT INTO meta' share.dump && ! grep -qF -e '$hash' -e '$secret' share.dump &&
  ! grep -q -e admin_token -e form_secret share.dump"
check "... nor the hashes of the links to manage a pledge, nor the log of changes to pledges" bash -c "
  [ \$(sqlite3 '$db' 'SELECT count(*) FROM manage_links') -ge 1 ] && [ \$(sqlite3 share.copy 'SELECT count(*) FROM manage_links') = 0 ] &&
  [ \$(sqlite3 share.copy 'SELECT count(*) FROM pledge_changes') = 0 ]"
check "... nor any deleted row in the file's free pages" bash -c "
  [ -s share.copy ] && ! grep -qaF -f personal.txt share.copy && [ \$(sqlite3 share.copy 'PRAGMA freelist_count') = 0 ]"
"$SL" info --json -s "$db" | public_info >info.orig; "$SL" info --json -s share.copy | public_info >info.share
"$SL" partnerships --json -s "$db" >part.orig; "$SL" partnerships --json -s share.copy >part.share
"$SL" audit -s "$db" -o audit.orig >/dev/null 2>&1; "$SL" audit -s share.copy -o audit.share >/dev/null 2>&1
check "... the copy's info and partnerships are the original's" bash -c "
  [ -s info.orig ] && cmp -s info.orig info.share && [ -s part.orig ] && cmp -s part.orig part.share"
check "... and its audit's figures too (summary.json, but for when and which store)" bash -c "
  [ -s audit.orig/summary.json ] && diff <(grep -v -e '\"generated_at\"' -e '\"store\"' audit.orig/summary.json) \
    <(grep -v -e '\"generated_at\"' -e '\"store\"' audit.share/summary.json) >/dev/null"

# ---- refusals ----
echo keep >taken.copy
before=$(store_dump "$db")
"$SL" backup -s "$db" taken.copy >out.txt 2>err.txt; rc=$?
check "an OUT that exists: exit 2, 'remove it or pick another name', the file untouched ($rc)" bash -c "
  [ $rc = 2 ] && grep -q 'remove it or pick another name' err.txt && [ \"\$(cat taken.copy)\" = keep ] &&
  ! ls taken.copy.partial-* 2>/dev/null"
"$SL" backup -s "$db" "$db" >out.txt 2>err.txt; rc=$?
check "OUT the store itself: exit 2, said so, the store unchanged ($rc)" bash -c "
  [ $rc = 2 ] && grep -q 'is the store itself' err.txt && [ '$(store_dump "$db")' = '$before' ] &&
  ! ls $WORK/*.partial-* 2>/dev/null"
"$SL" backup -s "$WORK/none.db" none.copy >out.txt 2>err.txt; rc=$?
check "a missing store: refused, said so, no copy written ($rc)" bash -c "[ $rc = 1 ] && grep -q 'no store at' err.txt && [ ! -e none.copy ] && [ ! -e $WORK/none.db ]"
"$SL" backup -s "$db" backups/2026-12-06.db >out.txt 2>err.txt; rc=$?
check "OUT in a directory not yet made (README's backups/): exit 1, the directory named, none made ($rc)" bash -c "
  [ $rc = 1 ] && grep -q 'there is no directory backups (make it first)' err.txt && [ ! -e backups ]"

# ---- interrupted ----
# a store big enough that the copy takes a while: ballast the copy must carry
sqlite3 "$db" "CREATE TABLE ballast(b BLOB);
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
  INSERT INTO ballast SELECT randomblob(100000) FROM n"
"$SL" backup -s "$db" cut.copy >cut.txt 2>cut.err &
BK=$!
for _ in $(seq 2000); do ls cut.copy.partial-* >/dev/null 2>&1 && break; sleep 0.005; done
kill -STOP $BK; kill -TERM $BK; kill -CONT $BK
wait $BK; rc=$?
check "a backup stopped by SIGTERM mid-way: exit 143, no OUT, no temporary file ($rc)" bash -c "
  [ $rc = 143 ] && [ ! -e cut.copy ] && ! ls cut.copy.partial-* 2>/dev/null && grep -q 'backup interrupted' cut.err"
# ---- killed outright ----
# SIGKILL leaves the temporary copy (the whole store, pledges too); the next
# backup into the directory removes it and says so, but not the copy of a
# backup still running, nor a file of that shape that is no SQLite file.
"$SL" backup -s "$db" running.copy >running.txt 2>running.err &
RUN=$!
# pages written: the copy's lock is taken before its first page
for _ in $(seq 2000); do [ -s "$(ls running.copy.partial-* 2>/dev/null | head -1)" ] && break; sleep 0.005; done
kill -STOP $RUN # a backup under way, holding its copy's lock
"$SL" backup -s "$db" killed.copy >/dev/null 2>&1 &
BK=$!
for _ in $(seq 2000); do ls killed.copy.partial-* >/dev/null 2>&1 && break; sleep 0.005; done
kill -KILL $BK; wait $BK 2>/dev/null
left=$(ls killed.copy.partial-* 2>/dev/null | grep -v -- '-journal$' | head -1)
check "a backup killed outright leaves its temporary copy (what the next backup removes)" test -n "$left"
echo "not a copy" >notes.partial-Ab12Cd
"$SL" backup -s "$db" next.copy >next.txt 2>next.err; rc=$?
kill -CONT $RUN
wait $RUN; rrc=$?
check "the next backup removes the killed one's copy and says so ($rc)" bash -c "
  [ $rc = 0 ] && [ -s next.copy ] && ! ls killed.copy.partial-* 2>/dev/null &&
  grep -q 'note: removed $left, the copy of a backup killed before it finished' next.err"
check "... but not the copy of a backup still running, which then finishes ($rrc)" bash -c "
  [ $rrc = 0 ] && [ -s running.copy ] && ! ls running.copy.partial-* 2>/dev/null && ! grep -q running next.err"
check "... nor a file of that name that is no SQLite file" grep -qx 'not a copy' notes.partial-Ab12Cd
finish
