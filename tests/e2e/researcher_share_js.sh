#!/usr/bin/env bash
# researcher_share_js.sh — the dashboard's map and area panel decided "share
# not known" by a copy of the server's rule (partnered 0 while rows are
# unlinked: sl_tracker_share_known) where the answer gives such a share as
# null (run of 2026-12-07, eighth). They now read the null: one rule.
. "$(dirname "$0")/lib.bash"
command -v node >/dev/null || { echo "SKIP: needs node" >&2; exit 77; }

# The dashboard's scripts read the answer's null share, the server's rule
A="$SL_SOURCE/src/web/assets"
check "metrics.js: a state the answer gives a null share has no figure and is named in the caution; one given 0 is 0" \
  node -e "
const vm = require('vm'), fs = require('fs');
const window = { slChart: { fmt: n => String(n), partnered: () => true } };
vm.runInNewContext(fs.readFileSync('$A/metrics.js', 'utf8'), { window });
const part = { query: { tech: 'ring' }, by: { XA: 5, XB: 3 }, by_registry: {
  XA: { agencies: 10, partnered: 2, share: null, unlinked: 3 },   /* the server: not known */
  XB: { agencies: 10, partnered: 0, share: 0, unlinked: 3 } } };   /* the server: 0 of 10 */
const f = [{ properties: { id: 'a', st: 'XA' } }, { properties: { id: 'b', st: 'XB' } }];
const r = window.slMetrics.partners(part, f, p => p.st, null);
const ok = r.values.a === null && !r.of.a && /No figure for XA: none of its 3 partnership rows/.test(r.caveat || '') &&
  r.values.b === 0 && !/XB/.test(r.caveat || '');
if (!ok) { console.error(JSON.stringify(r)); process.exit(1); }"
check "app.js: the area panel's 'Share not known' is the answer's null share, not a copy of the rule" \
  bash -c "grep -q 'var known = !r || r.share !== null;' '$A/app.js' && ! grep -Eq 'r\.partnered (>|===) 0 (\|\||&&) .*r\.unlinked' '$A/app.js' '$A/metrics.js'"

finish
