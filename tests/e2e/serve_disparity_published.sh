#!/usr/bin/env bash
# serve_disparity_published.sh — a board member on the published dashboard
# (from outside: a proxy's X-Forwarded-For, or the --host name) asks who
# lives where the cameras are. The exact disparity of posts or cameras stays
# 403 there; /api/disparity?events=cameras&areas=SET&published=1 answers
# what the report of `sightline audit` publishes, and no more: its figures
# are summary.json's disparity of cameras for SET (same events, shares,
# intervals, p), its per-area rows withheld where the report withholds them
# (each shown count k or more), the same bytes to every client. Every
# parameter that would give another view of the same exact counts (seed,
# baseline, groups, by_place, events=posts) is refused with published=1.
# This machine's own answer stays exact, as `sightline disparity --json`.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
published_fixture
P="/api/disparity?events=cameras&areas=demo-tracts"
curl -s --max-time 60 "${XFF[@]}" "$U$P&published=1" >pub.json
curl -s --max-time 60 -H "Host: $NAME" "$U$P&published=1" >pub_host.json
curl -s --max-time 60 "$U$P&published=1" >pub_local.json
curl -s --max-time 60 "$U$P" >exact.json
"$SL" disparity --events cameras --areas demo-tracts --json -s "$db" >cli.json

check "from outside, published=1 answers 200" test "$(status "$P&published=1" "${XFF[@]}")" = 200
check "... the report's figures: summary.json's disparity of cameras over demo-tracts, row for row, withheld where it withholds" \
  python3 - <<'PY'
import json, sys
p = json.load(open('pub.json'))
s = json.load(open('rep/summary.json'))
r = [d for d in s['disparity'] if d.get('events_kind') == 'cameras' and d['set'] == 'demo-tracts'][0]
def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) <= 1e-8 * max(1, abs(a))
    if isinstance(a, dict): return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list): return isinstance(b, list) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b
extra = set(p) - set(r)
bad = [k for k in r if not same(r[k], p.get(k))]
print('   keys beyond the report:', sorted(extra), '; differing:', bad)
withheld = [a for a in p['areas'] if a.get('events_suppressed')]
shown = [a for a in p['areas'] if not a.get('events_suppressed')]
print(f"   {len(withheld)} of {len(p['areas'])} areas withheld; smallest count shown: {min(a['events'] for a in shown) if shown else '-'}")
ok = extra == {'published', 'k'} and not bad and withheld and all(a['events'] is None and a['lq'] is None for a in withheld) \
    and all(a['events'] >= 5 for a in shown) and p['k'] == 5 and p['published'] is True
sys.exit(0 if ok else 1)
PY
check "... the same bytes under the --host name and on this machine (one answer for everyone, so no cache mixes them)" \
  bash -c 'cmp -s pub.json pub_host.json && cmp -s pub.json pub_local.json'
check "from outside, the exact disparity of cameras is still 403, and its message names published=1" \
  bash -c "test \"\$(curl -s -o o.json -w '%{http_code}' -H 'X-Forwarded-For: 203.0.113.7' '$U$P')\" = 403 && grep -qF 'published=1' o.json"
check "from outside, the exact disparity of posts is still 403" test "$(status "/api/disparity?events=posts&areas=demo-tracts" "${XFF[@]}")" = 403
for extra in "seed=7" "baseline=areas" "groups=black" "by_place=1" "by_place=0"; do
  check "published=1 with $extra (another view of the same counts) is refused, from outside and here" \
    bash -c "test \"\$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 1.2.3.4' '$U$P&published=1&$extra')\" = 400 && test \"\$(curl -s -o /dev/null -w '%{http_code}' '$U$P&published=1&$extra')\" = 400"
done
check "published=1 of posts is refused (the report publishes the cameras' disparity only)" \
  test "$(status "/api/disparity?events=posts&areas=demo-tracts&published=1" "${XFF[@]}")" = 400
check "published=2 is refused" test "$(status "$P&published=2")" = 400
check "on this machine the answer is exact, as \`sightline disparity --json\`, no row withheld" \
  bash -c 'cmp -s exact.json cli.json && ! grep -q suppressed exact.json'
serve_stop
serve_start "$db" --quiet --exact || exit 1
curl -s --max-time 60 "${XFF[@]}" "$U$P" >exact_outside.json
check "with --exact the exact answer reaches outside, as before" cmp -s exact_outside.json cli.json
serve_stop
finish
