#!/usr/bin/env bash
# factcheck_words.sh — the lead and the headline say a count of 0 or 1 and
# an "all" as a story prints them. A state's report of the real data
# counted one partnered agency as "1 law enforcement agencies" (Vermont,
# Hawaii, New Hampshire), one partnership as "1 Ring partnerships began",
# none as "0 of the partnerships began" (now, of Vermont's one, "Its
# partnership began before 25 May 2020"), New Hampshire's one unlinked
# agency as "1 of the 1 agencies", and Ring's 129 partnerships since 15
# June 2020, every one dated only to a month, as "129 of them" (read as
# some). Without --tech, or of face recognition or drones, the lead said
# "law enforcement agencies had partnered with Face": the Atlas's 360
# agencies with face recognition hold 34 motor vehicle departments, and
# its rows are no partnerships; now "360 agencies had Face Recognition on
# record". New Hampshire's share, with its one agency not linked, said
# "0 of the 187 city and county agencies (0.0%)" where its table by state
# says "—"; now it is not known. A small registry gives the 1 without
# ../shared/data.
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }

F=$WORK/fx
mkdir -p "$F"
cat >"$F/fbi.csv" <<'EOF'
,agency_name,agency_type_name,county_name,division_name,latitude,longitude,nibrs,ori,region_desc,region_name,state_abbr,state_name
0,Town01 Police Department,City,WINDSOR,New England,43.61,-72.5,1.0,VT0000100,Region I,Northeast,VT,Vermont
1,Town02 Police Department,City,WINDSOR,New England,43.62,-72.5,1.0,VT0000200,Region I,Northeast,VT,Vermont
EOF
cat >"$F/atlas-2020-10-07.csv" <<'EOF'
"AOSNUMBER","City","County","State","Agency","Type of LEA","Summary","Type of Juris","Technology","Vendor","Link 1 Date"
"AOS1","Town01","Windsor County","VT","Town01 Police Department","Police","The Town01 Police Department signed an agreement with Ring in June 2020.","Municipal","Ring/Neighbors Partnership","Ring",""
EOF
DB=$(store one)
"$SL" import agencies "$F/fbi.csv" --preset fbi-cde -s "$DB" >/dev/null 2>&1
"$SL" import partnerships "$F/atlas-2020-10-07.csv" --preset atlas -s "$DB" >/dev/null 2>&1
check "audit of one partnership" "$SL" audit -s "$DB" -o "$WORK/one" --tech ring --since 2020-05-25 --quiet

PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK/one" <<'PY'
import json, sys
from checks import need, done
s = json.load(open(f"{sys.argv[1]}/summary.json"))
lead, head = s.get("lead", ""), s["headlines"][0]["text"] if s.get("headlines") else ""
need("1 law enforcement agency had partnered with Ring" in lead, f"one agency is 'agency': {lead}")
need(head.startswith("1 Ring partnership began on or after 25 May 2020; it is dated only to a month or year"),
     f"one partnership is 'partnership', its month 'it': {head}")
need(s["partnerships"]["since"].get("month_or_year_note") == "dated only to a month or year",
     f"the note beside a count of 1: {s['partnerships']['since']}")
need("Its partnership began on or after 25 May 2020 (dated only to a month or year)." in lead and "1 of them" not in lead
     and "1 of the partnerships" not in lead, f"the lead of a list of one: {lead}")
done()
PY
[ $? = 0 ] && ok "a count of one is said in the singular" || not_ok "a count of one is said in the singular"

if [ -d "${SL_SHARED_DATA:-/nonexistent}" ]; then
  REAL=$(store real)
  "$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$REAL" >/dev/null 2>&1
  "$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$REAL" >/dev/null 2>&1
  for st in VT NH; do
    check "audit --state $st of the real data" "$SL" audit -s "$REAL" -o "$WORK/$st" --tech ring --since 2020-05-25 --state $st --quiet
  done
  check "audit since 15 June 2020 of the real data" "$SL" audit -s "$REAL" -o "$WORK/june" --tech ring --since 2020-06-15 --quiet
  check "audit --tech face of the real data" "$SL" audit -s "$REAL" -o "$WORK/face" --tech face --since 2020-01-01 --quiet
  check "audit of every technology of the real data" "$SL" audit -s "$REAL" -o "$WORK/any" --quiet
  check "audit --tech drone --state VT of the real data" "$SL" audit -s "$REAL" -o "$WORK/vtdrone" --tech drone --state VT --quiet
  "$SL" partnerships -s "$REAL" --tech ring --since 2020-06-15 >"$WORK/june.txt"
  PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" "$SL_SHARED_DATA" <<'PY'
import csv, json, re, sys
from checks import need, done
w, data = sys.argv[1:3]
# the Atlas's face recognition is not all police's: 34 motor vehicle departments, a medical examiner, a school district
rows = list(csv.DictReader(open(f"{data}/partnerships/atlas-of-surveillance-2020-10-07.csv", encoding="utf-8")))
dmv = {(r["Agency"], r["State"]) for r in rows if r["Technology"] == "Face Recognition" and r["Type of LEA"] == "DMV"}
face = json.load(open(f"{w}/face/summary.json"))
need(len(dmv) == 34 and face["partnerships"]["agencies"] == 360, f"34 DMVs among the 360 agencies with face recognition: {len(dmv)}")
need(face["lead"].startswith("By 7 October 2020, 360 agencies had Face Recognition on record, including 261 of the 14,894 "
                             "city and county agencies in the agency registry (1.8%). 66 of the records are dated on or "
                             "after 1 January 2020 (the date of the source the Atlas cites, not when use began; 1 of them"),
     f"face recognition: no 'law enforcement', no 'partnered with Face', no Ring: {face['lead']}")
h = face["headlines"][0]["text"]
need(h.startswith("66 records of Face Recognition are dated on or after 1 January 2020 (by the date of the source the "
                  "Atlas cites, not when use began)") and h.endswith("(1.8%) had Face Recognition on record."),
     f"face recognition's headline: {h}")
need(face.get("partnership_rows_by_tech") == {"Face Recognition": 368}, f"which technologies --tech face matched: {face.get('partnership_rows_by_tech')}")
anyt = json.load(open(f"{w}/any/summary.json"))
need(anyt["lead"].startswith("By 7 October 2020, 3,945 agencies had at least one surveillance technology on record"),
     f"every technology: agencies, not all law enforcement: {anyt['lead']}")
# the table by state's rows not linked add up to 455 of the lead paragraph's 456: the Atlas writes "NA" for one row
# (AOS0851, Springfield Police Department, Hampden County): the notes say where the one is
na = [r["AOSNUMBER"] for r in rows if r["State"] == "NA"]
tab = sum(r["unlinked_rows"] for r in anyt["agencies_by_state"])
need(na == ["AOS0851"] and anyt["partnerships"]["unlinked"] == 456 and tab == 455
     and "1 of them names a state the registry does not hold (“NA”) and is in no row of the table by state." in anyt["lead_notes"],
     f"the one unlinked row of no state is said: table {tab}, lead {anyt['partnerships']['unlinked']}: {anyt['lead_notes']}")
vd = json.load(open(f"{w}/vtdrone/summary.json"))
need("Both records are dated on or after 7 October 2019 (the date of the source the Atlas cites, not when use began; "
     "both of them dated only to a month or year)." in vd["lead"] and "; both of them are dated only to a month or year"
     in vd["headlines"][0]["text"], f"Vermont's two drone records are 'both', not 'all 2': {vd['lead']}")
vt, nh, june = (json.load(open(f"{w}/{d}/summary.json")) for d in ("VT", "NH", "june"))
need(vt["lead"].startswith("Vermont (VT) only: by 7 October 2020, 1 law enforcement agency had partnered with Ring, "
                           "including 1 of the 71 city and county agencies of the agency registry there (1.4%). Its "
                           "partnership began before 25 May 2020."), f"Vermont's lead: {vt['lead']}")
need(vt["headlines"][0]["text"].startswith("Vermont (VT) only: No Ring partnerships began on or after 25 May 2020."),
     f"Vermont's headline: {vt['headlines'][0]['text']}")
need("The only agency (1 partnership row) is not linked to the registry." in nh["lead_notes"]
     and "1 of the 1 agencies" not in nh["lead_notes"], f"New Hampshire's notes: {nh['lead_notes']}")
# its share is not known, as the table by state's "—" says, not "0 of the 187 (0.0%)", a lower bound of nothing
need("How many of the 187 city and county agencies of the agency registry there partnered is not known: the only "
     "agency is not linked to the registry." in nh["lead"] and "0.0%" not in nh["lead"] and "0 of the" not in nh["lead"],
     f"New Hampshire's lead: {nh['lead']}")
need(nh["lead_notes"].count("0.0%") == 0 and "The share is not known, not 0%: none of the registry's 187 city and "
     "county agencies in New Hampshire (NH) is among the partnered, nor any of all its 200 agencies (the measure of the "
     "table by state, which shows “—”)." in nh["lead_notes"] and "lower bound" not in nh["lead_notes"],
     f"New Hampshire's notes say the share is not known: {nh['lead_notes']}")
h = nh["headlines"][0]["text"]
need(h.endswith("how many of the 187 city and county agencies in the registry had partnered with Ring is not known: "
                "the only agency is not linked to the registry.") and "0.0%" not in h, f"New Hampshire's headline: {h}")
h = june["headlines"][0]["text"]
need(h.startswith("129 Ring partnerships began on or after 15 June 2020; all 129 of them are dated only to a month or "
                  "year") and "41 more may have" in h, f"since 15 June 2020, all 129 month-only: {h}")
need("(all 129 of them dated only to a month or year)" in open(f"{w}/june.txt").read(), "the CLI says 'all 129 of them'")
done()
PY
  [ $? = 0 ] && ok "the real state reports say 1, 0 and all as a story does" || not_ok "the real state reports say 1, 0 and all as a story does"
else
  echo "note: ../shared/data not found: the real-data half is skipped" >&2
fi
finish
