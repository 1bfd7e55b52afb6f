#!/usr/bin/env bash
# serve_near_published.sh — a board member on the published dashboard (from
# outside: a proxy's X-Forwarded-For, or the --host name) looks at the
# cameras near sensitive sites. The exact counts and nearest distances stay
# 403 there; /api/near?radius=R&published=1 answers, at the report's radii
# (80 m and 400 m) only, summary.json's "sites" tables: each site's count
# withheld where the report withholds it, no nearest camera, the same bytes
# to every client. A choice of sites or areas with it is refused (the
# dashboard picks a category from its rows). This machine's own answer
# stays exact, as `near --json`.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
published_fixture
for r in 80 400; do
  P="/api/near?radius=$r"
  curl -s --max-time 60 "${XFF[@]}" "$U$P&published=1" >"pub_$r.json"
  check "from outside, published=1 at $r m answers 200" test "$(status "$P&published=1" "${XFF[@]}")" = 200
  check "... the report's table at $r m: summary.json's, site for site, withheld where it withholds, no nearest camera" \
    python3 - "$r" <<'PY'
import json, sys
r = int(sys.argv[1])
p = json.load(open(f'pub_{r}.json'))
s = json.load(open('rep/summary.json'))
want = [t for t in s['sites'] if t['radius_m'] == r][0]
got = {k: v for k, v in p.items() if k not in ('published', 'k')}
withheld = [x for x in p['sites'] if x.get('within_suppressed')]
print(f"   {len(withheld)} of {len(p['sites'])} sites withheld at {r} m")
ok = got == want and p['published'] is True and p['k'] == 5 \
    and not any('nearest_m' in x for x in p['sites']) and all(x['within'] is None for x in withheld)
sys.exit(0 if ok else 1)
PY
done
check "at 400 m the demo withholds some sites and shows others" python3 - <<'PY'
import json, sys
p = json.load(open('pub_400.json'))
sys.exit(0 if any(x.get('within_suppressed') for x in p['sites']) and any(not x.get('within_suppressed') for x in p['sites']) else 1)
PY
P="/api/near?radius=400"
curl -s --max-time 60 -H "Host: $NAME" "$U$P&published=1" >pub_host.json
curl -s --max-time 60 "$U$P&published=1" >pub_local.json
check "... the same bytes under the --host name and on this machine (one answer for everyone)" \
  bash -c 'cmp -s pub_400.json pub_host.json && cmp -s pub_400.json pub_local.json'
check "from outside, the exact table is still 403, and its message names published=1" \
  bash -c "test \"\$(curl -s -o o.json -w '%{http_code}' -H 'X-Forwarded-For: 203.0.113.7' '$U$P')\" = 403 && grep -qF 'published=1' o.json"
check "published=1 at another radius (500 m) is refused: the report publishes 80 m and 400 m" \
  test "$(status "/api/near?radius=500&published=1" "${XFF[@]}")" = 400
for extra in "sites=ice" "areas=demo-tracts"; do
  check "published=1 with $extra is refused, from outside and here" \
    bash -c "test \"\$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 1.2.3.4' '$U$P&published=1&$extra')\" = 400 && test \"\$(curl -s -o /dev/null -w '%{http_code}' '$U$P&published=1&$extra')\" = 400"
done
curl -s --max-time 60 "$U$P" >exact.json
"$SL" near --radius 400 --json -s "$db" >cli.json
check "on this machine the answer is exact, as \`sightline near --json\`, with nearest distances" \
  bash -c 'cmp -s exact.json cli.json && grep -q nearest_m exact.json && ! grep -q suppressed exact.json'
serve_stop
finish
