// serve_counts_outside_browser.mjs — the dashboard's map coloured by posts
// (per 100,000 residents, and the count), an area's panel and the cameras
// near sensitive sites, as a board member meets them from outside (the
// proxy's X-Forwarded-For on every request), and on this machine. Checks
// for serve_counts_outside_browser.sh.
// usage: node serve_counts_outside_browser.mjs BASE_URL WORK_DIR [SHOTS_DIR]
import { chromium } from 'playwright-core';
import { settle } from './serve_page.mjs';

const [, , base, , shots] = process.argv;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
const XFF = { 'X-Forwarded-For': '203.0.113.7' };

/* The page opened on PATH with HEADERS: its legend, status line, map
 * colours, the map's table and the area panel; the published answer. */
async function look(headers, path, width, shot) {
  const ctx = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 }, extraHTTPHeaders: headers });
  const page = await ctx.newPage(), errors = [], consoleErrors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  await page.goto(base + path, { waitUntil: 'load' });
  await settle(page);
  const out = await page.evaluate(() => ({
    legend: document.getElementById('legend').innerText,
    status: document.getElementById('status').innerText,
    colours: window.__slPage.colours(),
    table: Array.from(document.querySelectorAll('#t-areas tbody tr')).map((tr) => Array.from(tr.cells).map((td) => td.textContent)),
    area: document.getElementById('area-body').innerText,
    sitesNote: document.getElementById('sites-note').innerText,
    outsideMeta: ((e) => (!e || e.hidden ? '' : e.innerText))(document.getElementById('outside-meta')),
    radiusTool: document.getElementById('m-radius-tool').disabled,
    zoneEmpty: document.getElementById('zone-empty').innerText,
    sitesHead: Array.from(document.querySelectorAll('#t-sites thead th')).map((th) => th.innerText),
    sites: Array.from(document.querySelectorAll('#t-sites tbody tr')).map((tr) => Array.from(tr.cells).map((td) => td.textContent)),
  }));
  if (shots && shot) {
    await page.locator('#legend').screenshot({ path: `${shots}/${shot}-${width}-legend.png` });
    await page.locator('#area-body').screenshot({ path: `${shots}/${shot}-${width}-area.png` });
  }
  await ctx.close();
  return { ...out, errors, consoleErrors };
}
const answer = async (u, headers) => (await fetch(base + u, { headers })).json();
const pub = await answer('/api/join?points=posts&areas=demo-tracts&published=1', XFF);
const exact = await answer('/api/join?points=posts&areas=demo-tracts', {});
const held = pub.areas.filter((a) => a.count_suppressed);
const shown = pub.areas.filter((a) => !a.count_suppressed);
check(held.length > 0 && shown.length > 0, `the demo's tracts have withheld and published counts (${held.length} of ${pub.areas.length} withheld)`);

const heldId = held[0].id, shownRow = shown[0];
for (const width of [1440, 390]) {
  const o = await look(XFF, `/?areas=demo-tracts&color=posts_per_100k&area=${heldId}`, width, 'outside');
  console.log(`   outside ${width}: legend ${o.legend.replace(/\s+/g, ' ').slice(0, 200)}… | status: ${o.status}`);
  check(!/answer only on the machine|403/.test(o.status), `${width}: from outside, the map by posts per 100,000 is no refusal in the status line (${o.status})`);
  check(o.legend.includes('the counts of posts the published report gives') &&
    o.legend.includes(`${held.length} of ${pub.areas.length} areas are withheld to protect residents`),
    `${width}: its legend says the counts are the published report's and how many areas are withheld`);
  const coloured = shown.filter((a) => o.colours.values[a.id] === 100 * a.per_1000).length;
  check(coloured === shown.length, `${width}: each published area is coloured by the report's rate (${coloured} of ${shown.length})`);
  check(held.every((a) => o.colours.values[a.id] === null), `${width}: no withheld area has a figure on the map`);
  const heldRow = o.table.find((r) => r[1] && r[1].startsWith('withheld'));
  check(heldRow && /withheld (to protect residents \(< 5 camera locations\)|, so that the others)/.test(heldRow[1]),
    `${width}: the map's table says why an area has no figure (${heldRow && heldRow[1]})`);
  check(/Posts, .* in this area \(as the published report gives them\)/.test(o.area) && /Posts\s*withheld/.test(o.area),
    `${width}: the area panel of a withheld tract gives its posts as withheld, under the published report's heading`);
  check(!/answer only on the machine/.test(o.area), `${width}: ... and no refusal`);
  check(o.errors.length === 0, `${width}: no page error ${o.errors.join('; ')}`);
  // it asked each exact figure, got 403 and then the published one: a
  // console error per section; /api/client tells it first
  check(o.consoleErrors.length === 0, `${width}: no refused request in the console (${o.consoleErrors.length}: ${o.consoleErrors[0] || ''})`);
  check(o.outsideMeta.startsWith('Published figures: this page reaches you from outside'), `${width}: the page says under its title that its figures are the published ones`);
  check(o.radiusTool && /works only on the machine running sightline/.test(o.zoneEmpty), `${width}: the radius tool (exact counts) is off, saying why`);
}
const c = await look(XFF, `/?areas=demo-tracts&color=posts_count&area=${shownRow.id}`, 1440, 'outside-count');
check(shown.every((a) => c.colours.values[a.id] === a.count), 'from outside, the map by the count of posts colours each published area by its count');
check(c.area.includes(`${shownRow.count} (`), `the panel of a published tract gives its published count (${shownRow.count})`);

// The cameras near sensitive sites: from outside the section gave only the
// refusal; now the report's table at 400 m, said so, without distances.
const near = await answer('/api/near?radius=400&published=1', XFF);
const o = await look(XFF, '/?areas=demo-tracts', 1440, null);
console.log(`   outside, sites: ${o.sitesNote.slice(0, 120)}… | ${o.sitesHead.join(' | ')}`);
check(!/answer only on the machine/.test(o.sitesNote) && o.sitesNote.includes('as the published report gives them'),
  'from outside, the sites section is the published report\'s table, said so, not a refusal');
check(o.sitesHead.join('|') === 'Site|Category|Cameras within 400 m', '... at the report\'s 400 m, with no nearest camera column');
check(o.sites.length === near.sites.length && near.sites.every((x) => o.sites.some((r) => r[0] === x.name &&
  r[2] === (x.within_suppressed ? 'withheld to protect residents' : String(x.within)))),
  `... each site's row is the published answer's (${near.sites.length} sites, withheld where it withholds)`);
const cat = near.sites.find((x) => x.category === 'school').category;
const oc = await look(XFF, `/?areas=demo-tracts&sites=${cat}`, 390, 'outside-sites');
check(oc.sites.length === near.sites.filter((x) => x.category === cat).length && oc.sites.every((r) => r[1] === cat),
  `from outside at 390, the category ${cat} shows its sites only`);

// On this machine every figure stays exact, with no such words.
const l = await look({}, `/?areas=demo-tracts&color=posts_per_100k&area=${heldId}`, 1440, 'local');
check(!l.legend.includes('published report'), 'on this machine, the map by posts per 100,000 says nothing of the report');
const exactRow = exact.areas.find((a) => a.id === heldId);
check(l.colours.values[heldId] === 100 * exactRow.per_1000, `... and colours a tract the report withholds by its exact rate`);
check(/in this area \(exact, for analysis\)/.test(l.area) && l.area.includes(`${exactRow.count} (`), '... its panel gives the exact count');
check(!l.sitesNote.includes('published report') && l.sitesHead.includes('Nearest camera (m)'), '... and its sites table is exact, with the nearest camera');
check(!l.outsideMeta && !l.radiusTool && l.consoleErrors.length === 0, '... no "published figures" line, the radius tool on, no console error');
await browser.close();
console.log(`${failures.length ? 'FAILED' : 'all passed'} (${failures.length} failures)`);
process.exit(failures.length ? 1 : 0);
