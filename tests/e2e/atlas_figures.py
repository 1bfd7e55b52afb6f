#!/usr/bin/env python3
"""Independent figures from the real Atlas and FBI files, computed with the
standard library only, for tests/e2e/partnerships_real.sh to compare with."""
import csv, json, re, sys

atlas, fbi = sys.argv[1], sys.argv[2]
MONTHS = "January February March April May June July August September October November December".split()
rows = list(csv.DictReader(open(atlas, encoding="utf-8", errors="replace", newline="")))
# A row repeating every cell of an earlier one (AOS5547 on lines 5378 and
# 5379) is one record exported twice: sightline stores it once.
seen = set()
rows = [r for r in rows if not (tuple(r.values()) in seen or seen.add(tuple(r.values())))]
ring = [r for r in rows if "ring" in r["Technology"].lower()]

def start(r):
    d = r["Link 1 Date"].strip()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", d)
    if m:
        y = int(m.group(3)); y = y + 2000 if y < 70 else (y + 1900 if y < 100 else y)
        return (y, int(m.group(1)), int(m.group(2)))
    p = re.search(r"\b(%s),? (\d{4})\b" % "|".join(MONTHS), r["Summary"])
    if p:
        return (int(p.group(2)), MONTHS.index(p.group(1)) + 1, None)
    return None

by_year, undated, since, uncertain = {}, 0, 0, 0
for r in ring:
    s = start(r)
    if s is None:
        undated += 1; continue
    by_year[str(s[0])] = by_year.get(str(s[0]), 0) + 1
    if s[2] is not None:
        since += s >= (2020, 5, 25)
    elif (s[0], s[1]) > (2020, 5):
        since += 1
    elif (s[0], s[1]) == (2020, 5):
        uncertain += 1

agencies = list(csv.DictReader(open(fbi, encoding="utf-8", newline="")))
print(json.dumps({
    "total_rows": len(rows),
    "ring_total": len(ring),
    "ring_by_year": by_year,
    "ring_undated": undated,
    "ring_since_2020_05_25": since,
    "ring_uncertain": uncertain,
    "face_total": sum("face" in r["Technology"].lower() for r in rows),
    "registry_all": len(agencies),
    "registry_city_county": sum(a["agency_type_name"] in ("City", "County") for a in agencies),
}))
