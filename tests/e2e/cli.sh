#!/usr/bin/env bash
# The CLI's contract: --help everywhere, --version, exit codes, the demo and
# the snapshot diff on it.
. "$(dirname "$0")/lib.bash"
DB=$(store demo)

check "--version" bash -c "'$SL' --version | grep -q '^sightline [0-9]'"
check "--help" "$SL" --help
for cmd in import partnerships demo; do
  check "$cmd --help exits 0" bash -c "'$SL' $cmd --help | grep -q usage"
done
"$SL" nonsense >/dev/null 2>&1; check "unknown command exits 2" [ $? -eq 2 ]
"$SL" >/dev/null 2>&1; check "no command exits 2" [ $? -eq 2 ]
"$SL" partnerships --by >/dev/null 2>&1; check "missing option value exits 2" [ $? -eq 2 ]
"$SL" partnerships --bogus >/dev/null 2>&1; check "unknown option exits 2" [ $? -eq 2 ]
"$SL" partnerships diff --from 2020-01-01 >/dev/null 2>&1; check "diff without --to exits 2" [ $? -eq 2 ]
"$SL" import partnerships >/dev/null 2>&1; check "import without FILE exits 2" [ $? -eq 2 ]
# A misspelt command or option: one line naming the close one. The whole
# usage followed a command ("partnerhsips"), and no option was suggested.
"$SL" partnerhsips --tech ring >"$WORK/o" 2>"$WORK/e"
check "partnerhsips: exit 2, 'did you mean partnerships', two lines, nothing on stdout" bash -c "[ $? = 2 ] &&
  [ \"\$(cat '$WORK/e')\" = \"sightline: unknown command 'partnerhsips'; did you mean 'partnerships'?
Try 'sightline --help' for the commands.\" ] && [ ! -s '$WORK/o' ]"
"$SL" improt agencies x.csv 2>"$WORK/e"
check "improt: did you mean 'import' (two letters the wrong way round)" grep -q "did you mean 'import'?" "$WORK/e"
"$SL" partnerships --tehc ring 2>"$WORK/e"
check "partnerships --tehc: exit 2, did you mean '--tech'" bash -c "[ $? = 2 ] &&
  grep -qx \"sightline: unknown option '--tehc'; did you mean '--tech'?\" '$WORK/e'"
"$SL" near --raduis 80 2>"$WORK/e"
check "near --raduis: did you mean '--radius'" grep -qx "sightline: unknown option '--raduis'; did you mean '--radius'?" "$WORK/e"
"$SL" audit -o 2>"$WORK/e"
check "audit -o without a value: 'needs a value', not 'bad option or missing value'" bash -c "[ $? = 2 ] &&
  grep -qx \"sightline: option '-o' needs a value\" '$WORK/e'"

check "demo builds" "$SL" demo -s "$DB"
# The usage says every command takes -s: written before the command too.
check "-s PATH before the command" bash -c "'$SL' -s '$DB' partnerships --tech ring | grep -q '^Partnerships in snapshot'"
check "--store=PATH before the command" bash -c "'$SL' --store='$DB' info | grep -q '^imports'"
# ... also before a command's kind or subcommand, which it was read as:
# "unknown kind '-s' to import".
printf 'id,lat,lon\n1,40.7,-74.0\n' >"$WORK/pt.csv"
check "-s PATH before import KIND" bash -c "'$SL' -s '$DB' import cameras '$WORK/pt.csv' | grep -q 'imported 1 camera '"
check "-s PATH before campaign SUB, and before a '--'" bash -c "
  '$SL' -s '$DB' campaign show >/dev/null && ! '$SL' -s '$DB' campaign confirm -- -tok 2>&1 | grep -q 'unexpected argument'"
"$SL" -s "$DB" >/dev/null 2>"$WORK/nocmd.err"
check "-s PATH and no command: exit 2" [ $? -eq 2 ]
check "... saying a command is missing" grep -q '^sightline: no command' "$WORK/nocmd.err"
snap=$(store_dump "$DB")
"$SL" demo -s "$DB" >/dev/null 2>"$WORK/demo2.err"
check "demo into a store that holds imports is refused (exit 2) with a sentence" \
  bash -c "[ $? -eq 2 ] && grep -q 'the demo writes into a new store' '$WORK/demo2.err'"
check "... and leaves the store as it was" [ "$snap" = "$(store_dump "$DB")" ]
"$SL" partnerships -s "$DB" --by year >"$WORK/by_year.txt" 2>&1; check "--by year works" [ $? -eq 0 ]
check "... and prints the years table once" [ "$(grep -c '^Rows by' "$WORK/by_year.txt")" -eq 1 ]
"$SL" partnerships -s "$DB" --by decade >/dev/null 2>&1; check "--by decade is a usage error" [ $? -eq 2 ]
"$SL" partnerships -s "$DB" --since 2020-13-01 >/dev/null 2>&1; check "bad --since is a usage error" [ $? -eq 2 ]
"$SL" partnerships -s "$DB" --tech ring --json > "$WORK/t.json"
"$SL" partnerships -s "$DB" --tech ring --since 2020-05-25 --json > "$WORK/ts.json"
"$SL" partnerships diff -s "$DB" --from 2020-01-15 --to 2020-10-07 --json > "$WORK/d.json"
"$SL" partnerships diff -s "$DB" --from 2020-03-01 --to 2020-12-31 --json > "$WORK/d2.json"
python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
t, ts, d, d2 = (json.load(open(f"{w}/{n}.json")) for n in ("t", "ts", "d", "d2"))
checks = [
    ("demo ring rows in newest snapshot", t["total"] == 20),
    ("demo ring since 2020-05-25 (7 new, one known to the month)", ts["since"] == {"date": "2020-05-25", "count": 7, "uncertain": 0, "month_or_year": 1,
                                                                                  "month_or_year_note": "1 of them dated only to a month or year",
                                                                                  "partnerships": {"date": "2020-05-25", "count": 7, "uncertain": 0, "month_or_year": 1,
                                                                                                   "of": 20, "further_rows": 0,
                                                                                                   "linked_agencies": 7, "city_county_agencies": 7,
                                                                                                   "month_or_year_note": "1 of them dated only to a month or year"}}),
    ("--since filters every figure: 7 rows, all in 2020", ts["total"] == 7 and ts["by_year"] == {"2020": 7}),
    ("demo by_year", t["by_year"] == {"2018": 7, "2019": 6, "2020": 7}),
    ("demo rows all linked", t["linked"] == 20),
    ("diff new", [r["agency"].split(" Police")[0] for r in d["new"]] and d["counts"]["new"] == 7),
    ("diff ended", [r["agency"] for r in d["ended"]] == ["Dunmore Creek Police Department (synthetic)"]),
    ("diff changed vendor", len(d["changed"]) == 1 and d["changed"][0]["changes"]["vendor"]["to"] == "Vendor B (fictional)"),
    ("diff resolves dates to snapshots in force", d2["from"] == "2020-01-15" and d2["to"] == "2020-10-07"),
]
bad = [n for n, ok in checks if not ok]
for n, ok in checks: print(("ok   - " if ok else "FAIL - ") + n)
sys.exit(1 if bad else 0)
PY
check "demo figures" [ $? -eq 0 ]
"$SL" partnerships diff -s "$DB" --from 2019-01-01 --to 2020-01-01 >/dev/null 2>&1
check "diff before the first snapshot is a data error" [ $? -eq 1 ]

# The report's lead said how many of a count since a date are dated only to
# a month or year; the CLI's table left it out. Now in the same words.
check "--since: the count says how many of it are dated only to a month or year" bash -c "
  '$SL' partnerships -s '$DB' --tech ring --since 2020-05-25 | grep -qxF '  since 2020-05-25: 7 rows certainly started on or after it (1 of them dated only to a month or year); 0 more may have (date known only to the month or year), counted apart'"
check "... and says nothing of it when none is" bash -c "
  out=\$('$SL' partnerships -s '$DB' --tech ring --since 2020-09-01) && grep -q 'since 2020-09-01: 1 row certainly started on or after it; ' <<<\"\$out\" &&
  ! grep -q 'dated only to' <<<\"\$out\""

# A changed row said only its new start and vendor, and in the table and CSV
# not even what changed: "what changed" gives it, old -> new.
"$SL" partnerships diff -s "$DB" --from 2020-01-15 --to 2020-10-07 >"$WORK/diff.txt"
check "diff table: the changed row says what changed, old -> new" \
  grep -qE "^  changed  VA +Ashgrove County Sheriff's Office \(synthetic\) +ZZ0000100 +AOS0021 +Automated License Plate Readers +2019 +vendor: Vendor A \(fictional\) → Vendor B \(fictional\)$" "$WORK/diff.txt"
check "... under a 'what changed' heading; new and ended rows end after their start" bash -c "
  grep -qE '^  change +state +agency +ORI +record +technology +start +began +what changed$' '$WORK/diff.txt' &&
  grep -qE '^  ended +CA +Dunmore Creek Police Department \(synthetic\) +ZZ0000003 +AOS0004 +Ring/Neighbors Partnership +2019-04-22$' '$WORK/diff.txt'"
"$SL" partnerships diff -s "$DB" --from 2020-01-15 --to 2020-10-07 --csv >"$WORK/diff.csv"
check "diff CSV: a what_changed column, filled for the changed row" bash -c "
  head -1 '$WORK/diff.csv' | tr -d '\r' | grep -qx 'change,state,agency,ori,record_id,technology,start,began,what_changed,from_snapshot,from_file,to_snapshot,to_file' &&
  tr -d '\r' <'$WORK/diff.csv' | grep -qxF \"changed,VA,Ashgrove County Sheriff's Office (synthetic),ZZ0000100,AOS0021,Automated License Plate Readers,2019,,vendor: Vendor A (fictional) → Vendor B (fictional),2020-01-15,synthetic-partnerships-2020-01-15.csv,2020-10-07,synthetic-partnerships-2020-10-07.csv\" &&
  tr -d '\r' <'$WORK/diff.csv' | grep -qxF 'ended,CA,Dunmore Creek Police Department (synthetic),ZZ0000003,AOS0004,Ring/Neighbors Partnership,2019-04-22,,,2020-01-15,synthetic-partnerships-2020-01-15.csv,2020-10-07,synthetic-partnerships-2020-10-07.csv'"
check "diff JSON: what_changed beside changes" python3 -c "
import json; d=json.load(open('$WORK/d.json'))
assert d['changed'][0]['what_changed'] == 'vendor: Vendor A (fictional) → Vendor B (fictional)', d['changed'][0]"

# Dates turned round listed the ended partnership (Dunmore Creek) as new,
# exit 0: refused as --since after --until is, naming the order.
"$SL" partnerships diff -s "$DB" --from 2020-10-07 --to 2020-01-15 >"$WORK/rev.out" 2>"$WORK/rev.err"
check "diff --from later than --to is a usage error (exit 2) naming the order, and lists nothing" bash -c "[ $? -eq 2 ] &&
  grep -qxF 'sightline: --from 2020-10-07 is after --to 2020-01-15: the diff would list ended partnerships as new; give the earlier date as --from' '$WORK/rev.err' &&
  ! grep -q . '$WORK/rev.out'"
"$SL" partnerships diff -s "$DB" --from 2020-10-07 --to 2020-01-15 --json >/dev/null 2>&1
check "... with --json too" [ $? -eq 2 ]

# A date typed to ask something is YYYY-MM-DD only (sl_date_parse_day): a
# US 05/25/2020 was read as 25 May and echoed as typed, and 06/05/2020 as
# June 5 where a European means 6 May. Refused, showing the form wanted.
refused_date() { # refused_date OPTION VALUE ARGS...: exit 2 and the one sentence
  local opt=$1 val=$2; shift 2
  "$SL" "$@" "$opt" "$val" >"$WORK/date.out" 2>"$WORK/date.err"
  local rc=$?
  check "$* $opt $val is refused (exit 2) showing YYYY-MM-DD and an example" bash -c "[ $rc -eq 2 ] &&
    grep -qxF \"sightline: $opt wants a date YYYY-MM-DD (e.g. 2020-05-25), not '$val'\" '$WORK/date.err' &&
    ! grep -q . '$WORK/date.out'"
}
refused_date --since 05/25/2020 partnerships -s "$DB" --tech ring
refused_date --since 06/05/2020 partnerships -s "$DB"
refused_date --until 2020-6-5 partnerships -s "$DB"
refused_date --since 2020-05-25T00:00 partnerships -s "$DB"
refused_date --since 2020-05 partnerships -s "$DB"
refused_date --snapshot 10/07/2020 partnerships -s "$DB"
refused_date --from 1/15/2020 partnerships diff -s "$DB" --to 2020-10-07
refused_date --to "Oct 7, 2020" partnerships diff -s "$DB" --from 2020-01-15
refused_date --since 05/25/2020 audit -s "$DB" -o "$WORK/audit-us-date"
check "... and the refused audit wrote no report" [ ! -e "$WORK/audit-us-date" ]
refused_date --snapshot 10/07/2020 import partnerships "$SL_FIXTURES/ring-map-export.csv" -s "$DB" \
  --name-col "Agency Name" --state-col State --date-col "Active Date" --date-format %m/%d/%Y --tech Ring

# A --sort no column has: the counts were printed, then the refusal (exit 2).
"$SL" partnerships -s "$DB" --by state --sort nope >"$WORK/o" 2>"$WORK/e"
check "partnerships --sort nope: exit 2, the columns named, nothing on stdout" bash -c "[ $? = 2 ] &&
  grep -q \"^sightline: --sort wants one of state, rows, partnered, agencies, share_fraction, unlinked, not 'nope'\" '$WORK/e' &&
  [ ! -s '$WORK/o' ]"
check "... and --sort share still sorts" bash -c "'$SL' partnerships -s '$DB' --by state --sort share | grep -q '^Rows by state'"

# `sightline help import` printed the main usage: it is import's --help, as
# in git; `help import partnerships` the kind's; an unknown one is named.
"$SL" help import >"$WORK/h1" 2>&1; rc=$?
check "help import: import's own help, exit 0" bash -c "[ $rc = 0 ] && head -1 '$WORK/h1' | grep -q '^usage: sightline import KIND FILE'"
check "help import partnerships: the kind's help" bash -c "'$SL' help import partnerships | head -1 | grep -q '^usage: sightline import partnerships FILE'"
"$SL" help partnerhsips >"$WORK/h2" 2>&1; rc=$?
check "help of a misspelt command: exit 2, the close one named" bash -c "[ $rc = 2 ] && grep -q \"unknown command 'partnerhsips'; did you mean 'partnerships'\" '$WORK/h2'"
check "help alone: the main usage" bash -c "'$SL' help | head -1 | grep -q '^usage: sightline <command>'"

# `import -s t.db FILE` said "unknown kind '-s'", as if -s were misspelt.
"$SL" import -s "$WORK/k.db" "$SL_FIXTURES/ring-map-export.csv" >"$WORK/k" 2>&1; rc=$?
check "import without its kind: exit 2, says the kind comes first, names the kinds" bash -c "[ $rc = 2 ] &&
  grep -q 'the kind of data comes right after import, then the file and the options: sightline import KIND FILE' '$WORK/k' &&
  grep -q 'the kinds are: partnerships, agencies' '$WORK/k' && ! grep -q \"unknown kind\" '$WORK/k'"
"$SL" import --preset atlas "$SL_FIXTURES/ring-map-export.csv" -s "$WORK/k.db" >"$WORK/k" 2>&1; rc=$?
check "... and so with an option first" bash -c "[ $rc = 2 ] && grep -q 'the kind of data comes right after import' '$WORK/k'"
KDB=$(store kinds)
check "import -s DB KIND FILE: the store option before the kind is read as one" bash -c "
  '$SL' import -s '$KDB' cameras '$WORK/pt.csv' | grep -q 'imported 1 camera '"

# The campaign's commands said "bad option or missing value" for either.
"$SL" campaign init --titel x -s "$DB" >"$WORK/c1" 2>&1; rc=$?
check "campaign init --titel: exit 2, the close option named" bash -c "[ $rc = 2 ] &&
  grep -q \"unknown option '--titel'; did you mean '--title'?\" '$WORK/c1'"
"$SL" campaign unlist --now >"$WORK/c2" 2>&1
check "campaign unlist --now without a value: 'needs a value'" grep -q "option '--now' needs a value" "$WORK/c2"

# audit of a store of no import wrote a one-sentence report, exit 0.
EDB=$(store noimports)
"$SL" import cameras "$WORK/pt.csv" -s "$EDB" >/dev/null && "$SL" rm 1 -s "$EDB" >/dev/null
"$SL" audit -s "$EDB" -o "$WORK/empty-report" >"$WORK/ea" 2>&1; rc=$?
check "audit of a store of no import: exit 1, says there is nothing to audit and what to do, writes no report" bash -c "
  [ $rc = 1 ] && grep -q 'the store holds no import yet, so there is nothing to audit' '$WORK/ea' &&
  grep -q 'sightline demo' '$WORK/ea' && [ ! -e '$WORK/empty-report' ]"

# synth and power gave their ranges as "[1, 1e+08]" and "[1e-06, 1e+06]".
"$SL" synth --layer posts --areas demo-tracts --count 2,000 -s "$DB" >/dev/null 2>"$WORK/n1"; rc=$?
check "synth --count 2,000: exit 2, 'a whole number ... from 1 to 100,000,000 (digits only)'" bash -c "[ $rc = 2 ] &&
  grep -q \"\-\-count wants a whole number of events from 1 to 100,000,000 (digits only), not '2,000'\" '$WORK/n1'"
"$SL" power --group black --effect 20% --areas demo-tracts -s "$DB" >/dev/null 2>"$WORK/n2"
check "power --effect 20%: says a ratio, 1.2 for 20% more" grep -q "1.2 for 20% more" "$WORK/n2"

# --state California said only "wants postal codes".
"$SL" partnerships --state California -s "$DB" >/dev/null 2>"$WORK/st"; rc=$?
check "--state California: exit 2, and the code to write: --state CA" bash -c "[ $rc = 2 ] &&
  grep -q \"not 'California': --state CA\" '$WORK/st'"
"$SL" partnerships --state Californ -s "$DB" >/dev/null 2>"$WORK/st"
check "... a name that is no state's gets no code" bash -c "grep -q \"not 'Californ'\$\" '$WORK/st'"

# `rm 1 1` said "removed import 1" twice, the second "(it held no records)".
RMDB=$(store_copy "$DB" rmtwice)
"$SL" rm 1 1 -s "$RMDB" >"$WORK/rm2" 2>&1
check "rm 1 1: import 1 removed and told once" [ "$(grep -c '^removed import 1\b' "$WORK/rm2")" = 1 ]
finish
