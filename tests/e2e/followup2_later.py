"""A later Atlas export made by hand from the real one, for followup2_real.sh.

Reads the real export and the FBI registry, writes OUT: 20 Ring rows
dropped, 79 agencies of the registry the export does not name added as Ring
partners dated in 2021, 3 agencies renamed ("Police Department" as "Police
Dept.") under their Atlas numbers, and a second row of a listed partnership
dated 2021. Seeded: the same file every run. Prints what it changed, as
"renamed AOS..." and "second AOS..." lines.
"""
import csv
import random
import sys

src, fbi, out = sys.argv[1:4]
rows = list(csv.reader(open(src, newline="", encoding="utf-8")))
head, body = rows[0], rows[1:]
H = {h: i for i, h in enumerate(head)}
RING = "Ring/Neighbors Partnership"
ring = [r for r in body if r[H["Technology"]] == RING]
rnd = random.Random(7)
listed = {(r[H["State"]], r[H["Agency"]].lower()) for r in body}
drop = {id(r) for r in rnd.sample(ring, 20)}
keep = [r for r in body if id(r) not in drop]
renamed = rnd.sample([r for r in keep if r[H["Technology"]] == RING and "Police Department" in r[H["Agency"]]], 3)
for r in renamed:
    r[H["Agency"]] = r[H["Agency"]].replace("Police Department", "Police Dept.")
    print("renamed", r[H["AOSNUMBER"]], r[H["Agency"]])
agencies = list(csv.DictReader(open(fbi, newline="", encoding="utf-8")))
fresh = [a for a in agencies if a["agency_type_name"] == "City" and a["latitude"]
         and (a["state_abbr"], a["agency_name"].lower()) not in listed]
adds = []
for i, a in enumerate(rnd.sample(fresh, 79)):
    r = [""] * len(head)
    r[H["AOSNUMBER"]], r[H["State"]], r[H["Agency"]] = "AOS%05d" % (9001 + i), a["state_abbr"], a["agency_name"]
    r[H["City"]] = a["agency_name"].replace(" Police Department", "")
    r[H["County"]] = a["county_name"].title() + " County"
    r[H["Type of LEA"]], r[H["Summary"]], r[H["Type of Juris"]] = "Police", "Ring partnership", "Municipal"
    r[H["Technology"]], r[H["Vendor"]], r[H["Link 1 Date"]] = RING, "Ring", "%d/%d/21" % (1 + i % 9, 1 + i % 27)
    adds.append(r)
first = next(r for r in keep if r[H["Technology"]] == RING and r[H["Link 1 Date"]] and r not in renamed)
second = list(first)
second[H["AOSNUMBER"]], second[H["Link 1 Date"]] = "AOS09080", "3/3/21"
print("second", first[H["AOSNUMBER"]], first[H["Agency"]], first[H["State"]])
w = csv.writer(open(out, "w", newline="", encoding="utf-8"), quoting=csv.QUOTE_ALL)
w.writerow(head)
w.writerows(keep + adds + [second])
