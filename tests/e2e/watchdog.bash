# watchdog.bash — the snapshots a watchdog compares, made from the real
# Atlas of 2020-10-07 (sourced by the watchdog_*.sh tests after lib.bash).
# The data holds one export; an earlier and a later one are made from it in
# $WORK, never kept in the repository:
#  - atlas-reconstructed-2020-06-30.csv: the export without its 129 Ring
#    rows dated (by their summary) to July, August or September 2020, which
#    the list of 30 June could not hold;
#  - atlas-variant-2020-12-31.csv: the export with Rolling Meadows IL
#    (AOS3804) gone, Manheim/Lancaster Township PA (AOS4063) gone and listed
#    anew as "Manheim Township Police Department" (AOS9001), Wood Dale IL
#    (AOS3849) spelt "Wood Dale Police Dept.", Aurora IL (AOS3741) as "Aurora
#    City Police Dept" and Peoria IL's (AOS3839) date 3/14/19 as 1/2/20.
watchdog_files() {
  python3 - "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" "$WORK" <<'PY'
import csv, sys
rd = csv.reader(open(sys.argv[1], newline='', encoding='utf-8'))
h = next(rd); body = list(rd); I = {k: i for i, k in enumerate(h)}
def write(name, rows):
    with open(sys.argv[2] + '/' + name, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL); w.writerow(h); w.writerows(rows)
late = ('in July 2020', 'in August 2020', 'in September 2020')
write('atlas-reconstructed-2020-06-30.csv',
      [r for r in body if not (r[I['Technology']] == 'Ring/Neighbors Partnership' and not r[I['Link 1 Date']].strip()
                               and any(m in r[I['Summary']] for m in late))])
out = []
for r in body:
    r = list(r); a = r[I['AOSNUMBER']]
    if a in ('AOS3804', 'AOS4063'): continue
    if a == 'AOS3849': r[I['Agency']] = 'Wood Dale Police Dept.'
    if a == 'AOS3741': r[I['Agency']] = 'Aurora City Police Dept'
    if a == 'AOS3839': r[I['Link 1 Date']] = '1/2/20'
    out.append(r)
m = list([r for r in body if r[I['AOSNUMBER']] == 'AOS4063'][0])
m[I['AOSNUMBER']], m[I['Agency']] = 'AOS9001', 'Manheim Township Police Department'
write('atlas-variant-2020-12-31.csv', out + [m])
PY
}
watchdog_store() { # watchdog_store NAME: a store of the registry and the three snapshots, its path echoed
  local db
  db=$(store "$1")
  [ -f "$WORK/atlas-variant-2020-12-31.csv" ] || watchdog_files
  import_atlas "$db"
  "$SL" import partnerships "$WORK/atlas-reconstructed-2020-06-30.csv" --preset atlas -s "$db" >/dev/null 2>&1
  "$SL" import partnerships "$WORK/atlas-variant-2020-12-31.csv" --preset atlas -s "$db" >/dev/null 2>&1
  echo "$db"
}
