#!/usr/bin/env bash
# researcher_dictionary.sh — a researcher loading the CLI's CSVs asked where
# their columns are defined, with units and what an empty cell means (run of
# 2026-12-07, eighth): the audit's files have a data dictionary in the README
# beside them, the commands' CSVs had none (a few --help lines each). Now
# docs/outputs.md names every column; this check runs every command's CSV
# forms and fails on a column the dictionary does not name.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
C="$SL_SHARED_DATA/census"
DB=$(store real)
import_real "$DB"
"$SL" synth --areas counties --layer posts --count 1000 --group black --beta 1 -s "$DB" >/dev/null 2>&1
"$SL" synth --areas counties --layer requests --count 300 --group black --beta 1 -s "$DB" >/dev/null 2>&1
"$SL" import baseline "$C/acs1-2018-us-DP05.csv" --dp02 "$C/acs1-2018-us-DP02.csv" --name national -s "$DB" >/dev/null 2>&1
FU=$(store followup)
import_followup "$FU" "$SL_SOURCE/tests/fixtures/followup/atlas-followup-2021-10-07.csv"
n=0
csv() { n=$((n + 1)); "$SL" "$@" --csv 2>/dev/null | head -1 >"$WORK/h$n.txt"; echo "$*" >"$WORK/c$n.txt"; }
csv partnerships -s "$DB"
csv partnerships -s "$DB" --tech ring --by state
csv partnerships -s "$DB" --tech ring --since 2020-05-25 --until 2020-09-30 --state il,ca --by state
csv partnerships -s "$DB" --since 2020-01-01 --type police --by month
csv partnerships -s "$DB" --by type
csv partnerships -s "$DB" --by tech
csv partnerships -s "$DB" --links --tech ring --method fuzzy --areas counties
csv partnerships -s "$DB" --unmatched --tech ring
csv partnerships diff --from 2020-10-07 --to 2021-10-07 -s "$FU"
csv partnerships diff --from 2020-10-07 --to 2021-10-07 --by state -s "$FU"
csv join --points sites --areas counties --category ice --where jail -s "$DB"
csv near --radius 2000 --areas counties -s "$DB"
csv disparity --events requests --areas counties --permutations 50 --bootstrap 50 -s "$DB"
csv disparity --events requests --areas counties --baseline national --permutations 50 --bootstrap 50 -s "$DB"
csv info -s "$DB"
PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" "$n" "$SL_SOURCE/docs/outputs.md" <<'PY'
import re, sys
from checks import need, done
w, n, doc = sys.argv[1], int(sys.argv[2]), open(sys.argv[3], encoding="utf-8").read()
named = set(re.findall(r"`([a-z_0-9]+)`", doc))
for i in range(1, n + 1):
    cmd = re.sub(r" -s \S+", "", open(f"{w}/c{i}.txt").read().strip())
    head = open(f"{w}/h{i}.txt").read().strip().split(",")
    missing = [c for c in head if c not in named]
    need(len(head) > 1 and not missing, f"{cmd}: its {len(head)} columns named in docs/outputs.md" +
         (f" (not: {', '.join(missing)})" if missing else ""))
done()
PY
[ $? = 0 ] && ok "the dictionary (python checks above)" || not_ok "the dictionary (python checks above)"
check "README points to docs/outputs.md" grep -q 'docs/outputs.md' "$SL_SOURCE/README.md"
finish
