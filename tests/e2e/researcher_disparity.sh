#!/usr/bin/env bash
# researcher_disparity.sh — `disparity --csv` as a researcher keeps it beside
# her paper (run of 2026-12-07, eighth): four group rows with shares,
# intervals and p, and the seed and draws, but no n (how many events the
# shares are of), nor the area set, the kind of events or the baseline: two
# runs' files could not be told apart by what they counted, where the
# audit's data/disparity_SET_EVENTS.csv names set, events_kind and
# baseline_is. Every row now ends with set, events_kind, events,
# baseline_is, seed, bootstrap, permutations; its figures are the JSON's.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
C="$SL_SHARED_DATA/census"
DB=$(store base)
import_counties "$DB"
"$SL" synth --areas counties --layer requests --count 400 --group black --beta 1 -s "$DB" >/dev/null 2>&1
"$SL" import baseline "$C/acs1-2018-us-DP05.csv" --dp02 "$C/acs1-2018-us-DP02.csv" --name national -s "$DB" >/dev/null 2>&1
for b in areas national; do
  "$SL" disparity --events requests --areas counties --baseline $b --permutations 200 --bootstrap 200 --csv -s "$DB" \
    >"$WORK/$b.csv" 2>/dev/null
  "$SL" disparity --events requests --areas counties --baseline $b --permutations 200 --bootstrap 200 --json -s "$DB" \
    >"$WORK/$b.json" 2>/dev/null
done
PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" <<'PY'
import csv, json, sys
from checks import need, done
w = sys.argv[1]
for b in ("areas", "national"):
    rows = list(csv.DictReader(open(f"{w}/{b}.csv", newline="")))
    j = json.load(open(f"{w}/{b}.json"))
    need(len(rows) == 4 and all(r.get("events") == "400" == str(j["events"]) for r in rows),
         f"{b}: every row gives the events counted, 400, the JSON's events")
    need(all(r.get("set") == "counties" and r.get("events_kind") == "requests" for r in rows),
         f"{b}: every row names the area set and the kind of events")
    need(all(r.get("baseline_is") == j["baseline"] for r in rows), f"{b}: every row names the baseline ({j['baseline']})")
    g = {x["group"]: x for x in j["groups"]}
    need(all(abs(float(r["share"]) - g[r["group"]]["share"]) < 1e-9 and abs(float(r["p_value"]) - g[r["group"]]["p_value"]) < 1e-9
             for r in rows), f"{b}: its shares and p are the JSON's")
    head = open(f"{w}/{b}.csv").readline().rstrip("\n")
    need(head.endswith(",set,events_kind,events,baseline_is,seed,bootstrap,permutations,synthetic"),
         f"{b}: the constant columns close the header, as the audit's file orders them")
done()
PY
[ $? = 0 ] && ok "disparity CSV (python checks above)" || not_ok "disparity CSV (python checks above)"
finish
