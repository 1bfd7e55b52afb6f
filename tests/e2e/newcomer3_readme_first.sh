#!/usr/bin/env bash
# newcomer3_readme_first.sh — README's "First commands, on the real data",
# copied and run as written, from a checkout with ../shared/data beside it
# (run of 2026-12-07, sixth). Every command runs (the diff of the real
# data's one snapshot exits 1, as README says it has one), and what the
# reporter then reads names its sources: README's counties were imported
# without a year or publisher, so every join and disparity said "year not
# recorded at import" and the report's Sources "Publisher not recorded"
# for the census figures.
# Left out: the three lines on files of her own (corrections.csv, ours.csv)
# and `rm 3`, which README shows as examples.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
CO="$WORK/checkout"
mkdir -p "$CO/build"
ln -s "$SL" "$CO/build/sightline"
mkdir -p "$WORK/shared" && ln -s "$SL_SHARED_DATA" "$WORK/shared/data"
mkdir -p "$CO/node_modules" && ln -s "$(dirname "$US_ATLAS")" "$CO/node_modules/us-atlas"
# The section's indented lines, a command with its continuation lines joined,
# comments cut; run in one shell as she would paste them, each followed by its status.
python3 - "$SL_SOURCE/README.md" >"$WORK/first.sh" <<'PY'
import re, shlex, sys
text = open(sys.argv[1], encoding="utf-8").read()
sec = text.split("\n## First commands, on the real data\n", 1)[1].split("\n## ", 1)[0]
cmds, cur = [], ""
for line in sec.splitlines():
    if not line.startswith("    ") or line.strip().startswith("#"):
        continue
    cur += re.sub(r"\s+#.*$", "", line.strip())
    if cur.endswith("\\"):
        cur = cur[:-1].rstrip() + " "
        continue
    cmds.append(cur); cur = ""
skip = ("corrections.csv", "ours.csv", "sightline rm ")
for c in cmds:
    if not any(s in c for s in skip):
        print("echo %s; %s 2>&1; echo rc=$?" % (shlex.quote("### " + c), c))
PY
check "README's section gives the commands to run (PATH, D, two imports ... power, join)" bash -c "
  head -2 '$WORK/first.sh' | grep -q 'export PATH=\$PWD/build:\$PATH' && [ \$(grep -c '^echo .### sightline ' '$WORK/first.sh') -ge 18 ]"
(cd "$CO" && bash "$WORK/first.sh" >"$WORK/log" 2>&1)
check "every command but the diffs exits 0" bash -c "
  ! awk '/^### /{c=\$0} /^rc=/{ if (\$0 != \"rc=0\" && c !~ /partnerships diff/) { print c, \$0; bad=1 } } END{exit bad}' '$WORK/log' | grep ."
check "the diffs exit 1 on the one snapshot of the real data, saying so" bash -c "
  [ \$(awk '/^### /{c=\$0} /^rc=1\$/ && c ~ /partnerships diff/' '$WORK/log' | wc -l) = 2 ] &&
  grep -q 'a diff compares two snapshots of the partnership data, and this store holds one, of 2020-10-07' '$WORK/log'"
check "the Ring share README opens with: 1,478 of 18,702 registry agencies" grep -q "all registry agencies *1,478 / 18,702 = *7.90%" "$WORK/log"
check "no join or disparity says its residents' year was not recorded" bash -c "! grep -n 'year not recorded' '$WORK/log'"
(cd "$CO" && "$SL" audit -o report --quiet >/dev/null 2>&1)
check "the report's Sources credit the census figures: no 'Publisher not recorded' for the counties" python3 - "$CO/report/report.html" <<'PY'
import html, re, sys
t = open(sys.argv[1], encoding="utf-8").read()
t = re.sub(r"<(script|style)\b.*?</\1>", " ", t, flags=re.S)
t = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", t)))
src = t.split(" Sources ", 1)[1] if " Sources " in t else ""
i = src.find("counties-10m.json")
sys.exit(0 if i > 0 and "Publisher not recorded" not in src[max(0, i - 160):i] and "US Census Bureau" in src[max(0, i - 400):i] else 1)
PY
check "... nor for any other of README's imports (the ICE list, the ACS baselines)" python3 - "$CO/report/report.html" <<'PY'
import html, re, sys
t = open(sys.argv[1], encoding="utf-8").read()
t = re.sub(r"<(script|style)\b.*?</\1>", " ", t, flags=re.S)
t = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", t)))
src = t.split(" Sources ", 1)[1] if " Sources " in t else ""
sys.exit(0 if src and "ice-detention" in src and "Publisher not recorded" not in src else 1)
PY
[ -n "${KEEP_LOG:-}" ] && cp "$WORK/log" "$KEEP_LOG"
finish
