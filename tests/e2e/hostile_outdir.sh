#!/usr/bin/env bash
# hostile_outdir.sh — `audit -o DIR` replaces only what it wrote (issue #19,
# points 1 and 14): a directory of the user's, the working directory, the
# store's folder and ".", "..", "/" are refused with exit 2 and left intact;
# a report with a file added to it is refused; a report (with or without the
# manifest of older versions) and an empty directory are replaced; a second
# audit to a locked target is refused and leaves the first one's files alone.
. "$(dirname "$0")/lib.bash"
mkdir "$WORK/w" && cd "$WORK/w" || exit 1 # logs go to $WORK, outside the trees compared
"$SL" demo -s d.db >/dev/null || { echo "demo failed"; exit 1; }

tree_sum() { find "$1" -printf '%P %s\n' | sort | sha256sum; }
refused() { # refused WHAT DIR ARGS...: exit 2, a sentence, DIR unchanged
  local what=$1 dir=$2; shift 2
  local before after rc
  before=$(tree_sum "$dir")
  "$SL" audit -s d.db --quiet "$@" >"$WORK/out.txt" 2>"$WORK/err.txt"
  rc=$?
  after=$(tree_sum "$dir")
  if [ "$rc" -eq 2 ] && grep -q "sightline: " "$WORK/err.txt" && [ "$before" = "$after" ]; then
    ok "$what (exit 2: $(head -c 90 "$WORK/err.txt"))"
  else
    not_ok "$what: exit $rc, $(cat "$WORK/err.txt"), tree changed: $([ "$before" = "$after" ] && echo no || echo yes)"
  fi
}

mkdir -p mydocs/sub && echo thesis >mydocs/thesis.txt && echo notes >mydocs/sub/notes.txt
refused "a directory of the user's" mydocs -o mydocs
check "the user's files are still there" test -f mydocs/thesis.txt -a -f mydocs/sub/notes.txt

mkdir proj && cp d.db proj/store.db
refused "the directory holding the store" proj -s proj/store.db -o proj
refused "-o ." . -o .
refused "-o .." . -o ..
refused "-o the working directory" . -o "$PWD"
mkdir -p deep/er && (cd deep/er && "$SL" audit -s ../../d.db --quiet -o .. >/dev/null 2>&1; echo $? >../../rc.txt)
check "-o an ancestor of the working directory is refused" grep -qx 2 rc.txt
"$SL" audit -s d.db --quiet -o / >/dev/null 2>err.txt
check "-o / is a usage error" test $? -eq 2
echo notes >afile
refused "a plain file" . -o afile

check "a new directory receives a report" "$SL" audit -s d.db --quiet -o rep
check "the report carries its manifest" grep -qx 'report.html' rep/.sightline-report
check "the report is replaced by the next run" "$SL" audit -s d.db --quiet -o rep
echo mine >rep/data/mine.csv
refused "a report with a file added to it" rep -o rep
check "the added file survives" test -f rep/data/mine.csv
rm rep/data/mine.csv
rm rep/.sightline-report rep/README.md # the shape of a report before the manifest (and before README.md)
check "a report from before the manifest is replaced" "$SL" audit -s d.db --quiet -o rep
check "... and now carries a manifest" test -f rep/.sightline-report
mkdir empty
check "an empty directory receives a report" "$SL" audit -s d.db --quiet -o empty
check "no lock or temporary directory is left" bash -c '! ls -a | grep -q "^\.rep\.\|^\.empty\."'

# Point 14: another audit holds the target's lock (flock(1) stands in for a
# long audit). The running audit's temporary directory must survive.
mkdir .rep.tmp-AbC123
touch .rep.tmp-AbC123/half-written
flock -n .rep.lock bash -c 'for _ in $(seq 100); do [ -e release ] && exit; sleep 0.1; done' &
holder=$!
for _ in $(seq 50); do [ -e .rep.lock ] && break; sleep 0.1; done
sleep 0.2
"$SL" audit -s d.db --quiet -o rep >/dev/null 2>err.txt
rc=$?
check "a second audit to a locked target exits 1" test "$rc" -eq 1
check "... and says another audit is writing" grep -q "another audit is writing" err.txt
check "... and leaves the running audit's temporary directory" test -f .rep.tmp-AbC123/half-written
touch release; wait "$holder"; rm release
check "with the lock free, the audit runs" "$SL" audit -s d.db --quiet -o rep
check "... and clears what a killed run left" test ! -e .rep.tmp-AbC123

# Two real audits at once: both end, one report at the target, nothing left.
"$SL" audit -s d.db --quiet -o twice >/dev/null 2>e1.txt &
p1=$!
"$SL" audit -s d.db --quiet -o twice >/dev/null 2>e2.txt &
p2=$!
wait "$p1"; r1=$?
wait "$p2"; r2=$?
check "two audits at once: at least one succeeds, a refusal says why" \
  bash -c "[ $r1 -eq 0 -o $r2 -eq 0 ] && { [ $r1 -eq 0 ] || grep -q 'another audit' e1.txt; } && { [ $r2 -eq 0 ] || grep -q 'another audit' e2.txt; }"
check "... the report is whole" python3 -c "import json; json.load(open('twice/summary.json'))"
check "... nothing left beside it" bash -c '! ls -a | grep -q "^\.twice\."'
finish
