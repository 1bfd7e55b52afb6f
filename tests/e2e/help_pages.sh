#!/usr/bin/env bash
# help_pages.sh — a subcommand's --help is its own page: `import KIND
# --help` gives that kind's usage and section (each printed the whole
# import page), `campaign init|edit|show|counts --help` theirs (they printed
# the whole campaign page), and so do pledge, confirm, purge, erase,
# export, suggest, approve, reject and token, while `import --help` and `campaign --help`
# still give every kind; serve --help's paragraph on density maps stands
# apart, not inside the --no-cache entry. No store is involved.
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
"$SL" import --help >all.txt
for kind in partnerships agencies requests baseline links businesses; do
  "$SL" import $kind --help >k.txt 2>&1; rc=$?
  others=$(grep -o '^  [a-z]* ' all.txt | sort -u | tr -d ' ' | grep -vx "$kind" | grep -v '^areas$')
  check "import $kind --help: its own usage line and section, no other kind's" bash -c "
    [ $rc = 0 ] && head -1 k.txt | grep -qx 'usage: sightline import $kind FILE \[options\]' &&
    grep -q '^  $kind ' k.txt && grep -q -- '--store' k.txt &&
    ! grep -qE '^  ($(echo $others | tr ' ' '|')) ' k.txt"
done
check "import --help still lists every kind" bash -c "
  for k in partnerships agencies requests baseline links businesses areas; do grep -q \"^  \$k \" all.txt || exit 1; done"

"$SL" campaign --help >camp.txt
"$SL" campaign init --help >init.txt; rc=$?
check "campaign init --help: the content options alone" bash -c "
  [ $rc = 0 ] && head -1 init.txt | grep -q '^usage: sightline campaign init|edit ' && grep -q -- '--sender ADDRESS' init.txt &&
  ! grep -q 'erase' init.txt && ! grep -q 'counts prints' init.txt"
check "campaign edit --help is the same page" bash -c "'$SL' campaign edit --help | cmp -s - init.txt"
"$SL" campaign counts --help >counts.txt; rc=$?
check "campaign counts --help: counts alone, with --k and the output options" bash -c "
  [ $rc = 0 ] && head -1 counts.txt | grep -q '^usage: sightline campaign counts ' && grep -q -- '--k K' counts.txt &&
  grep -q -- '--format' counts.txt && ! grep -q -- '--title' counts.txt && ! grep -q 'erase' counts.txt"
check "campaign show --help: show alone" bash -c "
  '$SL' campaign show --help | head -1 | grep -q '^usage: sightline campaign show ' && ! '$SL' campaign show --help | grep -q -- '--title'"
# the organisers' commands printed the whole campaign page too
for sub in pledge confirm purge erase export suggest approve reject token; do
  "$SL" campaign $sub --help >sub.txt 2>&1; rc=$?
  check "campaign $sub --help: its own usage line and section" bash -c "
    [ $rc = 0 ] && head -1 sub.txt | grep -qE '^usage: sightline campaign ([a-z]+\|)?$sub' &&
    grep -q -- '--store' sub.txt && ! grep -q -- '--title' sub.txt && ! grep -q 'counts prints' sub.txt &&
    [ \$(grep -c '^usage' sub.txt) = 1 ]"
done
check "campaign erase --help says the erase overwrites the store's files" bash -c "'$SL' campaign erase --help | grep -q 'overwrite'"
check "campaign --help is still the whole page" bash -c "grep -q -- '--sender' camp.txt && grep -q 'erase deletes' camp.txt && grep -q 'counts prints' camp.txt"

"$SL" serve --help >serve.txt
check "serve --help: the --no-cache entry ends before --admin-bind, density maps are a paragraph of their own" bash -c "
  grep -A2 -- '^  --no-cache' serve.txt | tail -1 | grep -q '^  --admin-bind' && grep -q '^Density maps: ' serve.txt"
finish
