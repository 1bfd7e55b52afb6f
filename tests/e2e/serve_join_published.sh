#!/usr/bin/env bash
# serve_join_published.sh — a board member on the published dashboard (from
# outside: a proxy's X-Forwarded-For, or the --host name) colours the map by
# posts per 100,000 residents, or opens an area. The exact counts of posts
# per area stay 403 there; /api/join?points=posts&areas=SET&published=1
# answers what the report of `sightline audit` publishes, and no more: its
# rows are summary.json's join of posts for SET (posts counted through the
# cameras they make), each area withheld where the report withholds it
# (every count shown k or more), the same bytes to every client. A category
# or text filter with published=1 (one more view of an area's exact count)
# is refused. This machine's own answer stays exact, as `join --json`.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
published_fixture
for set in demo-tracts; do
  P="/api/join?points=posts&areas=$set"
  curl -s --max-time 60 "${XFF[@]}" "$U$P&published=1" >"pub_$set.json"
  check "from outside, published=1 over $set answers 200" test "$(status "$P&published=1" "${XFF[@]}")" = 200
  check "... the report's figures: summary.json's join of posts over $set, row for row, withheld where it withholds" \
    python3 - "$set" <<'PY'
import json, sys
st = sys.argv[1]
p = json.load(open(f'pub_{st}.json'))
s = json.load(open('rep/summary.json'))
r = [a for a in s['areas'] if a['set'] == st][0]['joins']['posts']
def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) <= 1e-8 * max(1, abs(a))
    if isinstance(a, dict): return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list): return isinstance(b, list) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b
extra = set(p) - set(r)
bad = [k for k in r if not same(r[k], p.get(k))]
withheld = [a for a in p['areas'] if a.get('count_suppressed')]
shown = [a for a in p['areas'] if not a.get('count_suppressed')]
print('   keys beyond the report:', sorted(extra), '; differing:', bad,
      f"; {len(withheld)} of {len(p['areas'])} areas withheld")
ok = extra == {'published', 'k'} and not bad and p['k'] == 5 and p['published'] is True \
    and all(a['count'] is None and a['per_1000'] is None and a['per_km2'] is None for a in withheld)
sys.exit(0 if ok else 1)
PY
done
P="/api/join?points=posts&areas=demo-tracts"
check "over the tracts some areas are withheld, and none shown holds fewer than 5 posts' cameras' worth" python3 - <<'PY'
import json, sys
p = json.load(open('pub_demo-tracts.json'))
sys.exit(0 if any(a.get('count_suppressed') for a in p['areas']) and any(not a.get('count_suppressed') for a in p['areas']) else 1)
PY
curl -s --max-time 60 -H "Host: $NAME" "$U$P&published=1" >pub_host.json
curl -s --max-time 60 "$U$P&published=1" >pub_local.json
check "... the same bytes under the --host name and on this machine (one answer for everyone)" \
  bash -c 'cmp -s pub_demo-tracts.json pub_host.json && cmp -s pub_demo-tracts.json pub_local.json'
check "from outside, the exact join of posts is still 403, and its message names published=1" \
  bash -c "test \"\$(curl -s -o o.json -w '%{http_code}' -H 'X-Forwarded-For: 203.0.113.7' '$U$P')\" = 403 && grep -qF 'published=1' o.json"
for extra in "where=door" "category=ice"; do
  check "published=1 with $extra (a filtered count, another view of the exact one) is refused, from outside and here" \
    bash -c "test \"\$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 1.2.3.4' '$U$P&published=1&$extra')\" = 400 && test \"\$(curl -s -o /dev/null -w '%{http_code}' '$U$P&published=1&$extra')\" = 400"
done
check "published=1 of sites is refused (their counts are public, and exact)" \
  test "$(status "/api/join?points=sites&areas=demo-tracts&published=1")" = 400
check "published=2 is refused" test "$(status "$P&published=2")" = 400
curl -s --max-time 60 "$U$P" >exact.json
"$SL" join --points posts --areas demo-tracts --json -s "$db" >cli.json
check "on this machine the answer is exact, as \`sightline join --json\`, no row withheld" \
  bash -c 'cmp -s exact.json cli.json && ! grep -q suppressed exact.json'
serve_stop
finish
