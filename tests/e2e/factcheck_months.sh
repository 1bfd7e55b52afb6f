#!/usr/bin/env bash
# factcheck_months.sh — a table by month says which rows have no month: the
# undated ones, and those dated only to a year, each named so. The
# fact-check of the run of 2026-12-07 (seventh): `partnerships --by month`
# over the real Atlas printed "undated 2,309" where its own years table
# said "undated 801": by hand, 801 rows have no date and 1,508 carry a bare
# year (the Atlas's "2020" in Link 1 Date). The table and the CSV now say
# "year only" and "undated 801". Of those with a bare year, 16 of other
# technologies were dated by a summary's month of another year, which the
# cell's year now wins over: 1,524 dated only to a year.
. "$(dirname "$0")/lib.bash"
need_shared
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }

DB=$(store real)
import_atlas "$DB"
"$SL" partnerships -s "$DB" --by month --top 200 >"$WORK/months.txt"
"$SL" partnerships -s "$DB" --by month --csv >"$WORK/months.csv"
"$SL" partnerships -s "$DB" --by month --since 2020-01-01 --top 200 >"$WORK/since.txt"

# From the raw Atlas (rows exported twice counted once): a day in Link 1 Date,
# else a "<Month> <YYYY>" of the Summary, else a bare year or m/yyyy of the cell.
read -r YEAR UNDATED YEAR2020 OTHER < <(python3 - "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" "$WORK/years.want" <<'PY'
import csv, re, sys
M = "January February March April May June July August September October November December".split()
seen, rows = set(), []
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")):
    if tuple(r.values()) not in seen:
        seen.add(tuple(r.values())); rows.append(r)
def precision(r):
    d = r["Link 1 Date"].strip()
    if re.fullmatch(r"\d{1,2}/\d{1,2}/(\d{2}|\d{4})", d) or re.fullmatch(r"(%s) \d{1,2}, \d{4}" % "|".join(M), d) \
            or re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}", d):
        return "day", None
    # a summary's month counts only where the cell gives no year, or the same year
    m = re.search(r"\b(%s),? (\d{4})\b" % "|".join(M), r["Summary"])
    if (m and not (re.fullmatch(r"\d{4}", d) and d != m.group(2))) or re.fullmatch(r"\d{1,2}/\d{4}", d):
        return "month", None
    if re.fullmatch(r"\d{4}", d):
        return "year", d
    return "none", None
p = [precision(r) for r in rows]
# the start year of each row, by the same rule: the cell's year, a summary's month of that year (or of a row whose
# cell has no year), written to the years table the CLI's --by year must equal
def year(r, kind):
    d = r["Link 1 Date"].strip()
    m = re.search(r"\b(%s),? (\d{4})\b" % "|".join(M), r["Summary"])
    if kind == "day":
        y = re.search(r"(\d{4})$", d) or re.search(r"/(\d{2})$", d)
        return y.group(1) if len(y.group(1)) == 4 else str(2000 + int(y.group(1)) if int(y.group(1)) < 70 else 1900 + int(y.group(1)))
    if kind == "month":
        return m.group(2) if m and not re.fullmatch(r"\d{1,2}/\d{4}", d) else d[-4:]
    return d if kind == "year" else "undated"
from collections import Counter
years = Counter(year(r, k) for r, (k, _) in zip(rows, p))
with open(sys.argv[2], "w") as f:
    for y in sorted(years): f.write(f"{y},{years[y]}\n")
other = sum(1 for r in rows if re.fullmatch(r"\d{4}", r["Link 1 Date"].strip())
            and (m := re.search(r"\b(%s),? (\d{4})\b" % "|".join(M), r["Summary"])) and m.group(2) != r["Link 1 Date"].strip())
print(sum(k == "year" for k, _ in p), sum(k == "none" for k, _ in p), sum(k == "year" and y >= "2020" for k, y in p), other)
PY
)
check "by hand: 1,524 rows dated only to a year, 801 undated" test "$YEAR $UNDATED" = "1524 801"
# 16 rows of other technologies give a bare year in the cell (the cited source's date) and a summary's month of
# another year ("began using … in December 2013" beside 2014): the import dated them by the summary, a year off
check "by hand: 16 rows' summaries name a month of another year than their cell" test "$OTHER" = 16
"$SL" partnerships -s "$DB" --by year --csv | tail -n +2 | cut -d, -f1,2 | sort >"$WORK/years.got"
check "--by year counts each row in its cell's year, a summary's month only within it" diff "$WORK/years.want" "$WORK/years.got"
check "the years table says undated 801" grep -Eq "^  undated +$(thousands "$UNDATED")$" "$WORK/months.txt"
check "the month table says year only $(thousands "$YEAR")" grep -Eq "^  year only +$(thousands "$YEAR")$" "$WORK/months.txt"
check "the month table's undated row is the 801, as the years table's" \
  bash -c "[ \$(grep -Ec '^  undated +$(thousands "$UNDATED")$' '$WORK/months.txt') = 2 ]"
check "no 'undated 2,309'" bash -c "! grep -q '2,309' '$WORK/months.txt'"
check "the CSV's rows: year only and undated" bash -c "grep -q '^year only,$YEAR,' '$WORK/months.csv' && grep -q '^undated,$UNDATED,' '$WORK/months.csv'"
check "since 2020-01-01: the year-only rows of 2020 ($(thousands "$YEAR2020")), no undated row" \
  bash -c "grep -Eq '^  year only +$(thousands "$YEAR2020") +0$' '$WORK/since.txt' && ! grep -q '^  undated' '$WORK/since.txt'"
finish
