#!/usr/bin/env bash
# audit_site_rows.sh — each site on the audit's map carries its own
# figures: sites are found by category and id together (two categories may
# reuse the same ids), the same counts in data/sites.csv as in
# summary.json's sites rows; and the audit's two radii, measured together
# (each site's nearest camera searched once), equal two runs of `near`.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
cd "$WORK"

# Four sites, two ids reused across two categories, 1 km apart; 3, 0, 1 and
# 2 cameras within 80 m of them. A third category repeats an id within
# itself and leaves two ids empty (as the Post's school list does for a
# school of several incidents, and for schools without an NCES id): at the
# same four places, each must still carry its own figures.
printf 'id,lat,lon,name\ns1,41.8800,-87.6500,North school\ns2,41.8890,-87.6500,South school\n' >schools.csv
printf 'id,lat,lon,name\ns1,41.8980,-87.6500,East clinic\ns2,41.9070,-87.6500,West clinic\n' >clinics.csv
printf 'id,lat,lon\n' >cams.csv
for i in 1 2 3; do printf 'a%s,41.8801%s,-87.6500\n' "$i" "$i" >>cams.csv; done
printf 'b1,41.89801,-87.6500\nc1,41.90701,-87.6500\nc2,41.90702,-87.6500\n' >>cams.csv
"$SL" import cameras cams.csv -s "$(store s)" >/dev/null 2>&1 || not_ok "import cameras"
"$SL" import sites schools.csv --category school -s "$(store s)" >/dev/null 2>&1 || not_ok "import schools"
"$SL" import sites clinics.csv --category clinic -s "$(store s)" >/dev/null 2>&1 || not_ok "import clinics"
printf 'id,lat,lon,name\nx1,41.8800,-87.6500,A\nx1,41.9070,-87.6500,B\n,41.8980,-87.6500,C\n,41.8890,-87.6500,D\n' >incidents.csv
"$SL" import sites incidents.csv --category incident --id id --text name -s "$(store s)" >imp.out 2>imp.err || not_ok "import incidents"
check "the import warns of ids that name no single site" bash -c "grep -q 'warnings 2\$' imp.out &&
  grep -q \"warning: 2 sites of category incident share their id with another (e.g. 'x1')\" imp.err &&
  grep -q 'warning: 2 sites of category incident have an empty id' imp.err"
# Sites with neither id nor label are nameless rows in every table: said, with how to name them.
printf 'lat,lon,school_name\n41.95,-87.65,Lane\n41.96,-87.65,Tech\n' >nameless.csv
"$SL" import sites nameless.csv --category nameless -s "$(store s)" >imp3.out 2>imp3.err
check "the import warns when no site of the category has an id or a label" bash -c "grep -q 'warnings 1\$' imp3.out &&
  grep -q 'warning: none of the 2 sites of category nameless has an id or a label (no column named id, and no --text): tables list them unnamed; --id COL and --text COL name them' imp3.err"
"$SL" import sites nameless.csv --category nameless --replace --text school_name -s "$(store s)" >imp3.out 2>imp3.err
check "... and not once --text names them" bash -c "grep -q 'warnings 0\$' imp3.out && ! grep -q warning imp3.err"
"$SL" rm "$("$SL" info --json -s "$(store s)" | python3 -c "import json,sys; print(json.load(sys.stdin)['sources'][-1]['id'])")" -s "$(store s)" >/dev/null
sed "s/school/clinic/" schools.csv >schools2.csv # other bytes: not the schools file again
"$SL" import sites schools2.csv --category school2 --id id -s "$(store s)" >imp2.out 2>imp2.err
check "... and not of ids that do (the same ids in another category)" bash -c "grep -q 'warnings 0\$' imp2.out && ! grep -q warning imp2.err"
"$SL" rm "$("$SL" info --json -s "$(store s)" | python3 -c "import json,sys; print(json.load(sys.stdin)['sources'][-1]['id'])")" -s "$(store s)" >/dev/null
"$SL" audit --exact -s "$(store s)" -o rep --quiet >/dev/null 2>err || { cat err; not_ok "audit"; }
check "each site has its own cameras within 80 m" python3 -c "
import csv,sys
got={(r['category'],r['id']):r['within_small'] for r in csv.DictReader(open('rep/data/sites.csv')) if r['category']!='incident'}
want={('school','s1'):'3',('school','s2'):'0',('clinic','s1'):'1',('clinic','s2'):'2'}
print(got); sys.exit(got!=want)"
check "... also where one category gives two sites one id, or none" python3 -c "
import csv,json,sys
got=[(r['name'],r['within_small']) for r in csv.DictReader(open('rep/data/sites.csv')) if r['category']=='incident']
rows=[(r['name'],str(r['within'])) for r in json.load(open('rep/summary.json'))['sites'][0]['sites'] if r['category']=='incident']
print(got, rows); sys.exit(got!=[('A','3'),('B','2'),('C','1'),('D','0')] or rows!=got)"
check "... the figures summary.json gives them" python3 -c "
import csv,json,sys
rows={(r['category'],r['id']):str(r['within']) for r in json.load(open('rep/summary.json'))['sites'][0]['sites'] if r['category']!='incident'}
got={(r['category'],r['id']):r['within_small'] for r in csv.DictReader(open('rep/data/sites.csv')) if r['category']!='incident'}
sys.exit(rows!=got)"
"$SL" near --json --radius 80 -s "$(store s)" >near80.json 2>err || { cat err; not_ok "near --radius 80"; }
"$SL" near --json --radius 400 -s "$(store s)" >near400.json 2>err || { cat err; not_ok "near --radius 400"; }
check "both radii at once equal near at each" python3 -c "
import json,sys
both=json.load(open('rep/summary.json'))['sites']
for got,f in zip(both,['near80.json','near400.json']):
    want=json.load(open(f))
    for k in ('radius_m','cameras','sites','categories'):
        if got[k]!=want[k]: print(f,k,got[k],want[k]); sys.exit(1)"
# 60 nameless sites 12-71 km north, imported in the wrong order. With
# --exact the report's table lists the first 50 by cameras within, then
# nearest camera, says "(unnamed)" and that 18 more are in the CSV; the
# published report ranks no withheld count (every count here is under 5)
# and gives no site's nearest camera.
python3 -c "
print('lat,lon')
for i in reversed(range(60)): print(f'{42.0 + i * 0.01:.4f},-87.6500')" >far.csv
"$SL" import sites far.csv --category far -s "$(store s)" >/dev/null 2>&1
"$SL" audit --exact -s "$(store s)" -o rep2 --quiet >/dev/null 2>err || { cat err; not_ok "audit with 60 nameless sites"; }
check "the report's site table (--exact): most cameras, then nearest first, '(unnamed)', separators, 'first 50 of 68'" python3 -c "
import re,sys
h=open('rep2/report.html').read()
t=h[h.index('Sites with the most cameras within'):]
t=t[:t.index('</table>')]
rows=[c for c in (re.findall(r'<t(?:d|h scope=.row.)[^>]*>([^<]*)</t[dh]>',r) for r in re.findall(r'<tr>(.*?)</tr>',t)) if len(c)==5]
far=[r for r in rows if r[2]=='far']
lo=[int(r[4].replace(',','')) for r in far]
print(len(rows),far[:2],lo[:3])
sys.exit(not(len(rows)==50 and far and all(r[1]=='(unnamed)' for r in far) and lo==sorted(lo) and
  re.fullmatch(r'1[0-9],[0-9]{3}',far[0][4]) and 'The first 50 of 68 sites; data/sites.csv lists every one.' in h))"
"$SL" audit -s "$(store s)" -o rep3 --quiet >/dev/null 2>err || { cat err; not_ok "audit with 60 nameless sites"; }
check "the published report: no site listed, the 68 withheld counted in a sentence" python3 -c "
import sys
h=open('rep3/report.html').read()
t=h[h.index('Sites with the most cameras within'):]
t=t[:t.index('</section>')]
sys.exit(not('68 sites hold fewer than 5 distinct camera locations within 80 m, or lie within 160 m of another site, '
  'whose circle overlaps: their counts are withheld, and not ranked here.' in t
  and '<table' not in t and 'nearest camera (m)' not in t))"
finish
