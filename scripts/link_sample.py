#!/usr/bin/env python3
"""Draw the hand-check sample of linked Atlas Ring rows (tests/fixtures/link-sample-100.csv).

Input on stdin: one linked row per line, tab-separated, as the linker produced
them: aos_id, atlas_agency, atlas_city, atlas_county, state, method, score,
fbi_ori, fbi_name, fbi_county, fbi_type. Rows with method "none" are skipped.
Stratified so the weak methods are over-represented: 40 fuzzy links (or all
when fewer), every tiebreak link, the rest exact, each stratum drawn with
random.Random(20201007). Verdict and note are left empty for the human check.
"""
import csv, random, sys

rows = [l.rstrip("\n").split("\t") for l in sys.stdin if l.strip()]
by = {"exact": [], "tiebreak": [], "fuzzy": []}
for r in rows:
    if r[5] in by:
        by[r[5]].append(r)
rng = random.Random(20201007)
fuzzy = rng.sample(by["fuzzy"], min(40, len(by["fuzzy"])))
tie = list(by["tiebreak"])
exact = rng.sample(by["exact"], 100 - len(fuzzy) - len(tie))
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["aos_id", "atlas_agency", "atlas_city", "atlas_county", "state", "method", "score",
              "fbi_ori", "fbi_name", "fbi_county", "fbi_type", "verdict", "note"])
for r in sorted(fuzzy + tie + exact, key=lambda r: r[0]):
    out.writerow(r[:11] + ["", ""])
