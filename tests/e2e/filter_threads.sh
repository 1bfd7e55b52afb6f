#!/usr/bin/env bash
# filter_threads.sh — a text filter matches a chunk of posts on a thread
# while the next chunk is read, this thread joining in when it has read it
# (both claim slices of texts), and keeps the matches in the order of the
# posts. 140,000 posts in three chunks of up to 65,536; from post 65,530
# on about half mention a child or a teen, so the first matches straddle
# the first two chunks. The audit's children filter counts what python3's
# re counts, and the texts it shows with --exact (data/filter_children_posts.csv)
# are the first 25 matches in import order.
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
DB=$(store s)
python3 - "$WORK/posts.csv" <<'PY'
import random, sys
random.seed(11)
words = ["my kid", "the children", "teens outside", "a package", "the dog", "a car", "nothing", "boys and girls"]
with open(sys.argv[1], "w") as f:
    f.write("id,lat,lon,text\n")
    for i in range(140000):
        w = random.choice(words) if i >= 65530 else "a parcel"  # the first matches straddle two chunks
        f.write(f"p{i},{random.uniform(41.6, 42.0):.6f},{random.uniform(-87.9, -87.5):.6f},{w} {i}\n")
PY
check "posts imported" "$SL" import posts "$WORK/posts.csv" --text text -s "$DB"
check "audit" "$SL" audit -s "$DB" -o "$WORK/out" --bootstrap 200 --quiet --exact --filter 'none=zzzz\b'
python3 - "$WORK/posts.csv" "$WORK/out" <<'PY'
import csv, json, re, sys
pat = re.compile(r"\b(child|children|kid|kids|teen|teens|boy|girl)s?\b", re.I)
rows = list(csv.DictReader(open(sys.argv[1])))
want = [r["id"] for r in rows if pat.search(r["text"])]
s = json.load(open(f"{sys.argv[2]}/summary.json"))
f = next(x for x in s["filters"] if x["name"] == "children")
shown = [r["id"] for r in csv.DictReader(open(f"{sys.argv[2]}/data/filter_children_posts.csv"))]
checks = [
    (f"the filter counts {f['posts']} posts, python3 {len(want)}", f["posts"] == len(want) and len(want) > 30000),
    (f"the texts shown are the first 25 matches in import order ({shown[:3]}...)", shown == want[:25]),
]
# report.html: the listing's heading says how many it shows of how many; a
# filter that matched nothing (none=zzzz) gets no empty table under its 0.
html = open(f"{sys.argv[2]}/report.html").read()
n = f"{len(want):,}"
checks.append((f"heading: the first 25 of {n}", f"Posts matching “children” (the first 25 of {n}; no locations)</h3>" in html))
checks.append(("no listing for a filter with no match", "Posts matching “none”" not in html and
               re.search(r"<t[dh][^>]*>none</t[dh]><td><code>[^<]*</code></td><td class=\"num\">0</td>", html) is not None))
for c, ok in checks: print(("ok   " if ok else "FAIL ") + c)
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY
