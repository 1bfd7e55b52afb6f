// serve_browser.mjs — `sightline serve`'s page in Debian's chromium (headless,
// through playwright-core), against a running server: each filter changes
// the map, the timeline, the headline figures and the tables to exactly what
// the JSON API answers for the same filters; the URL carries the filters and
// a reload restores them; an area click and the radius tool show the API's
// figures; density hexagons are the API's; no console error, no request
// leaves the server, no CSP violation; axe-core finds nothing at all; at
// 390 px nothing scrolls sideways, targets are >= 24 px and text >= 11 px.
// usage: node serve_browser.mjs BASE_URL WORK_DIR EXACT_BASE_URL BARE_BASE_URL
// (the store: demo + counties; the second server runs with --exact; the
// third serves a store holding a single site)
import { chromium } from 'playwright-core';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { settle } from './serve_page.mjs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = require('axe-core').source;
const [, , base, work, exactBase, bareBase, fewBase, postlessBase] = process.argv;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const origin = new URL(base).origin;
const exactOrigin = exactBase ? new URL(exactBase).origin : origin;
const bareOrigin = bareBase ? new URL(bareBase).origin : origin;
const postlessOrigin = postlessBase ? new URL(postlessBase).origin : origin;
const fewOrigin = fewBase ? new URL(fewBase).origin : origin;

const context = await chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), {
  executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1440, height: 900 },
});
const errors = [], outside = [];
let linkRequests = 0;
context.on('request', (r) => { if (new URL(r.url()).pathname === '/api/partnerships/links') linkRequests++; });
context.on('request', (r) => { const u = r.url(); if (!u.startsWith(origin + '/') && !u.startsWith(exactOrigin + '/') && !u.startsWith(bareOrigin + '/') && !u.startsWith(postlessOrigin + '/') && !u.startsWith(fewOrigin + '/') &&
  !u.startsWith('data:')) outside.push(u); });

async function open(page, path) {
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const resp = await page.goto(base + path, { waitUntil: 'load' });
  await settle(page);
  return resp;
}

// The page's own files: no inline script, style or handler for the CSP to refuse.
const assets = new URL('../../src/web/assets/', import.meta.url);
const html = readFileSync(new URL('index.html', assets), 'utf8');
check(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), 'index.html: no inline <script>');
check(!/\sstyle=|<style|\son[a-z]+=/i.test(html), 'index.html: no style attribute, <style> or on* handler');
/* every script of the page's own (not the vendored Leaflet): a new file is checked without being listed */
for (const js of readdirSync(assets).filter((f) => f.endsWith('.js') && !/^(leaflet|markercluster)/.test(f)))
  check(!/innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(readFileSync(new URL(js, assets), 'utf8')),
    `${js}: no innerHTML, outerHTML, insertAdjacentHTML or document.write`);


const api = (page, path) => page.evaluate(async (p) => (await fetch(p)).json(), path);
const fmt = (v) => v.toLocaleString('en-US', { maximumFractionDigits: Math.abs(v) === 0 || Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 1 ? 1 : 2 });
const STATES = { '01': 'AL', '02': 'AK', '04': 'AZ', '05': 'AR', '06': 'CA', '08': 'CO', '09': 'CT', '10': 'DE', '11': 'DC',
  '12': 'FL', '13': 'GA', '15': 'HI', '16': 'ID', '17': 'IL', '18': 'IN', '19': 'IA', '20': 'KS', '21': 'KY', '22': 'LA',
  '23': 'ME', '24': 'MD', '25': 'MA', '26': 'MI', '27': 'MN', '28': 'MS', '29': 'MO', '30': 'MT', '31': 'NE', '32': 'NV',
  '33': 'NH', '34': 'NJ', '35': 'NM', '36': 'NY', '37': 'NC', '38': 'ND', '39': 'OH', '40': 'OK', '41': 'OR', '42': 'PA',
  '44': 'RI', '45': 'SC', '46': 'SD', '47': 'TN', '48': 'TX', '49': 'UT', '50': 'VT', '51': 'VA', '53': 'WA', '54': 'WV',
  '55': 'WI', '56': 'WY', '60': 'AS', '66': 'GU', '69': 'MP', '72': 'PR', '78': 'VI' };

/* The page's figures, timeline, state table and map against the API's answer for FILTERS. */
async function compare(page, filters, what) {
  const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
  const want = await api(page, '/api/partnerships?' + new URLSearchParams([...q, ['by', 'state']]));
  const got = await page.evaluate(() => ({
    agencies: document.querySelector('#fig-agencies .big').textContent,
    shares: [...document.querySelectorAll('#headlines li[id^="fig-share-"] .big')].map((e) => e.textContent),
    noShare: (document.getElementById('fig-no-share') || {}).textContent || null,
    bars: [...document.querySelectorAll('#timeline-chart rect.bar:not(.uncertain)')].map((r) => [r.dataset.period, Number(r.dataset.count)]),
    states: [...document.querySelectorAll('#t-state tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent)),
    stateHead: [...document.querySelectorAll('#t-state thead th')].map((th) => th.textContent),
    colours: window.__slPage.colours(),
    url: window.location.search,
    caption: document.getElementById('timeline-caption').textContent,
    chartLabel: (document.querySelector('#timeline-chart svg') || { getAttribute: () => '' }).getAttribute('aria-label'),
    datedBySource: (document.querySelector('#fig-dated-by-source .big') || {}).textContent || null,
    since: (document.getElementById('fig-since') || {}).textContent || null,
  }));
  // A count since a date says how many of it are dated only to a month or
  // year, in the words of the report's lead and the CLI (month_or_year_note).
  const sn = want.since;
  check(sn ? got.since && got.since.startsWith(`${fmt(sn.count)} `) && (sn.month_or_year
    ? sn.month_or_year_note === `${fmt(sn.month_or_year)} of them dated only to a month or year` &&
      got.since.includes(` on or after ${sn.date} (${sn.month_or_year_note})`)
    : !got.since.includes('dated only to')) : got.since === null,
  `${what}: the since figure ${sn && sn.month_or_year ? 'says' : 'has no'} rows dated only to a month or year: ${got.since}`);
  // Only Ring rows' dates are starts (tracker.c dated_by_source): others are "dated".
  const bySource = want.dated_by_source || 0;
  check(bySource > 0 ? got.caption.startsWith('Records by the year of their date') && got.datedBySource === fmt(bySource)
    : got.caption.startsWith('Partnerships by the year they started') && got.datedBySource === null,
  `${what}: timeline says ${bySource ? 'dated' : 'started'} (${bySource} rows dated by a cited source): ${got.caption}`);
  check(got.agencies === fmt(want.agencies), `${what}: headline agencies ${got.agencies} = API ${want.agencies}`);
  const shares = (want.share || []).map((s) => (100 * s.share).toFixed(1) + '%');
  check(JSON.stringify(got.shares) === JSON.stringify(shares), `${what}: headline shares ${got.shares} = API ${shares}`);
  // Under a type filter the API gives no share (the registry has no such
  // denominator), and the page says why instead of a share of all agencies.
  check(want.share_withheld ? (got.noShare || '').includes(want.share_withheld) : got.noShare === null,
    `${what}: no share ${want.share_withheld ? 'and why' : 'note absent'}: ${got.noShare}`);
  const bars = Object.fromEntries(got.bars.filter(([, c]) => c > 0));
  check(JSON.stringify(bars) === JSON.stringify(want.by_year || {}) || (Object.keys(want.by_year || {}).length === 0 && got.bars.length === 0),
    `${what}: timeline bars ${JSON.stringify(bars)} = API by_year ${JSON.stringify(want.by_year)}`);
  // A screen reader reads the chart's label, not its bars: the label gives every year's count.
  const spoken = Object.entries(want.by_year || {}).map(([y, n]) => `${y}: ${fmt(n)}`);
  check(!spoken.length || spoken.every((t) => (got.chartLabel + ',').includes(t + ',')),
    `${what}: the timeline's label says each year's count (${spoken.join(', ')}): ${got.chartLabel}`);
  const rows = Object.keys(want.by || {}).sort((a, b) => want.by[b] - want.by[a] || (a < b ? -1 : 1)).map((s) => [s, String(want.by[s])]);
  check(JSON.stringify(got.states.filter((r) => r.length > 1).map((r) => r.slice(0, 2))) === JSON.stringify(rows),
    `${what}: state table = API by state ${JSON.stringify(rows)}`);
  // Each share's rows not linked beside it, as the CLI's and the report's tables give them.
  const unlinked = Object.keys(want.by || {}).sort((a, b) => want.by[b] - want.by[a] || (a < b ? -1 : 1))
    .map((s) => String(((want.by_registry || {})[s] || {}).unlinked || 0));
  check(!want.by_registry || JSON.stringify(got.states.filter((r) => r.length > 1).map((r) => r[5])) === JSON.stringify(unlinked),
    `${what}: the state table's rows not linked = API ${JSON.stringify(unlinked)}`);
  // The share per state in the report's unit, "per 100 agencies" (17.5, not 17.5%): one figure, one unit.
  const per100 = Object.keys(want.by || {}).sort((a, b) => want.by[b] - want.by[a] || (a < b ? -1 : 1))
    .map((s) => { const r = (want.by_registry || {})[s] || {}; return typeof r.share === 'number' ? (100 * r.share).toFixed(1) : '—'; });
  check(!want.by_registry || (got.stateHead[4] === 'Per 100 agencies' &&
    JSON.stringify(got.states.filter((r) => r.length > 1).map((r) => r[4])) === JSON.stringify(per100)),
    `${what}: the state table gives partnered agencies per 100 registry agencies, as the report: ${got.stateHead[4]} ${JSON.stringify(per100.slice(0, 3))}`);
  // The map: every county coloured by its state's share in this answer (or out of the filter).
  const chosen = filters.state ? filters.state.split(',') : null;
  let bad = 0, coloured = 0, n = 0;
  for (const [id, v] of Object.entries(got.colours.values)) {
    n++;
    const st = STATES[id.slice(0, 2)];
    const reg = (want.by_registry || {})[st];
    let expect;
    if (chosen && !chosen.includes(st)) expect = undefined;
    else if (reg) expect = reg.share;
    else expect = (want.by || {})[st] ? null : 0;
    if (v !== expect) bad++;
    if (typeof v === 'number' && v > 0) coloured++;
  }
  let fillBad = 0;
  for (const [id, v] of Object.entries(got.colours.values)) if ((v === undefined) !== (got.colours.fills[id] === '#eeeeee')) fillBad++;
  check(fillBad === 0, `${what}: counties out of the state filter, and only they, drawn as such (${fillBad} wrong)`);
  check(got.colours.metric === 'partners' && n > 3000 && bad === 0,
    `${what}: map colours ${n} counties by the API's state shares (${bad} wrong, ${coloured} with a partnered share)`);
  for (const [k, v] of Object.entries(filters)) if (v) check(new URLSearchParams(got.url).get(k) === v, `${what}: URL carries ${k}=${v}`);
  return { want, got };
}

/* The agency dots under FILTERS are the agencies the figures (WANT, the
 * API's answer for them) count that have a registry location: the layer
 * asked with the same filters, its figure the headline's, and the legend
 * says how many of the count are no dot, and why. Returns {dots, legend}. */
async function agencyDots(page, filters, want, what) {
  const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
  const layer = await api(page, '/api/layers/agencies.geojson?' + q);
  const dots = (await page.evaluate(() => window.__slPage.points())).agencies;
  const legend = await page.locator('#legend').textContent();
  const left = want.agencies - layer.features.length, u = layer.unlinked_agencies, w = layer.without_location;
  const why = [u ? `${fmt(u)} not linked to the registry` : '', w ? `${fmt(w)} without a registry location` : ''].filter(Boolean);
  // Ring's are partnered agencies; another technology's, or every one's, agencies on record
  const noun = /^ring$/i.test(filters.tech || '') ? 'partnered agencies' : 'agencies on record';
  const words = `${noun} at their registry location (${fmt(layer.features.length)} of the ${fmt(want.agencies)} counted in the snapshot of ${layer.snapshot}` +
    (why.length ? `; ${why.join(', ')})` : ')');
  check(layer.agencies === want.agencies && u + w === left && dots === layer.features.length && legend.includes(words) &&
    !/not filtered/.test(legend),
    `${what}: ${dots} agency dots = the layer's ${layer.features.length} under the same filters, of the ${want.agencies} the figures count; the legend says "${words}"`);
  return { dots, legend };
}

try {
  const page = await context.newPage();
  const resp = await open(page, '/?areas=counties&color=partners');
  const csp = resp.headers()['content-security-policy'] || '';
  check(/default-src 'self'/.test(csp), `/ is sent with CSP default-src 'self' (${csp})`);
  check(await page.locator('#synthetic-banner').isVisible(), 'SYNTHETIC DEMO DATA banner visible on the demo store');
  check(!(await page.locator('#exact-banner').isVisible()), 'no EXACT banner (server not started with --exact)');
  check(await page.evaluate(() => window.__slPage.map() && window.L && true) === true, 'Leaflet map from /assets/leaflet.js');
  const all = await compare(page, {}, 'no filter');
  // Every state the select offers is one the API takes (the Atlas's mistyped
  // "NA" was offered, and refused as no postal code).
  const stateOpts = await page.evaluate(() => [...document.querySelectorAll('#f-state option')].map((o) => o.value).filter(Boolean));
  const refused = [];
  for (const st of stateOpts) if ((await api(page, '/api/partnerships?state=' + encodeURIComponent(st))).error) refused.push(st);
  check(stateOpts.length > 0 && refused.length === 0, `the ${stateOpts.length} states offered are all accepted (refused: ${refused})`);
  // A row's date is a start for Ring only (tracker.c dated_by_source): the date filters say "dated".
  const dateLabels = await page.evaluate(() => ['f-since', 'f-until'].map((id) => document.querySelector(`label[for="${id}"]`).textContent));
  check(JSON.stringify(dateLabels) === JSON.stringify(['Dated on or after', 'Dated on or before']), `the date filters say dated: ${dateLabels}`);
  check(all.got.bars.length > 0, `timeline has bars (${all.got.bars.length})`);
  check(/Every technology in the data counts here, not Ring alone/.test(await page.locator('#figures-query').textContent()),
    'no technology picked: the figures say they count every technology, not Ring alone');
  // ... and call its agencies what the report calls them, not "partnered" (a copy editor's walk, run of 2026-12-06)
  const anyFig = await page.locator('#fig-agencies').textContent();
  check(/ agenc(y|ies) with at least one surveillance technology on record \([\d,]+ records?\)/.test(anyFig) && !/partnered \(/.test(anyFig),
    `no technology picked: agencies with a technology on record, not "partnered": ${anyFig}`);
  check(/: every record\. Every technology in the data counts here/.test(await page.locator('#figures-query').textContent()),
    'no technology picked: the figures are of every record, not "every partnership"');
  const figText = await page.locator('#headlines').textContent();
  check(!all.want.unlinked || /not linked to the agency registry \(left out of the shares, which are so lower bounds\)/.test(figText),
    'rows not linked: the shares called lower bounds, as the report calls them');
  check(!/\brows?\b/.test(figText.replace(/partnership rows?/g, '')) && /\d records? not linked/.test(figText),
    `no technology picked: every line of the figures says records, as the first does (${figText.slice(0, 300)})`);
  // Sites and partnered agencies as dots (clustered until zoomed in), from /api/layers/.
  const siteFC = await api(page, '/api/layers/sites.geojson');
  const agencyFC = await api(page, '/api/layers/agencies.geojson');
  const pts = await page.evaluate(() => window.__slPage.points());
  check(siteFC.features.length > 0 && pts.sites === siteFC.features.length, `sites on the map = API ${siteFC.features.length} (${pts.sites})`);
  check(agencyFC.features.length > 0 && pts.agencies === agencyFC.features.length && agencyFC.features.every((f) => f.properties.technologies.length),
    `partnered agencies on the map = API ${agencyFC.features.length} (${pts.agencies})`);
  check(pts.clusters > 0, `at the opening view nearby dots are counted in clusters (${pts.clusters})`);
  const mapShot = await page.locator('#map').screenshot();
  check(mapShot.length > 5000, `map draws (${mapShot.length} bytes of PNG)`);

  // Each filter in turn, through its control, as a reader would.
  const f = { tech: '', state: '', type: '', since: '', until: '' };
  const steps = [
    ['type', async () => page.selectOption('#f-type', 'Police'), 'Police'],
    ['tech', async () => { await page.fill('#f-tech', 'ring'); await page.locator('#f-tech').dispatchEvent('change'); }, 'ring'],
    ['state', async () => page.selectOption('#f-state', 'TX'), 'TX'],
    ['since', async () => { await page.fill('#f-since', '2018-06-01'); await page.locator('#f-since').dispatchEvent('change'); }, '2018-06-01'],
    ['until', async () => { await page.fill('#f-until', '2019-12-31'); await page.locator('#f-until').dispatchEvent('change'); }, '2019-12-31'],
  ];
  let before = all.want, shown = await agencyDots(page, f, all.want, 'no filter');
  for (const [k, act, v] of steps) {
    await act();
    f[k] = v;
    await settle(page);
    const r = await compare(page, { ...f }, `filter ${k}=${v}`);
    if (k === 'tech') check(!/Every technology/.test(await page.locator('#figures-query').textContent()), 'a technology picked: no "every technology" note');
    if (k === 'tech') check(/ partnered \([\d,]+ partnership rows?\)/.test(await page.locator('#fig-agencies').textContent()),
      'a technology picked: its agencies partnered, in partnership rows');
    // The agency dots follow every filter of the figures, dates and type too:
    // a map shot for "new since" shows those partners, not every one.
    const now = await agencyDots(page, f, r.want, `filter ${k}=${v}`);
    if (k === 'since') check(now.dots < shown.dots && now.legend !== shown.legend,
      `since=${v} takes the partners begun before it off the map: ${shown.dots} dots, then ${now.dots}`);
    shown = now;
    const stops = await page.evaluate(() => document.querySelectorAll('#map .sl-cluster[tabindex], #map .sl-cluster[role="button"]').length);
    check(stops === 0, `filter ${k}=${v}: no cluster of dots is a tab stop (${stops} are)`);
    check(JSON.stringify(r.want.by_year) !== JSON.stringify(before.by_year) || r.want.agencies !== before.agencies ||
      JSON.stringify(r.want.by) !== JSON.stringify(before.by), `filter ${k}=${v} changes the figures`);
    before = r.want;
  }
  // The timeline by month: the bars are the API's by=month breakdown for the same filters.
  await page.selectOption('#t-step', 'month');
  await settle(page);
  const months = await api(page, '/api/partnerships?' + new URLSearchParams({ ...f, by: 'month' }));
  const mBars = await page.locator('#timeline-chart rect.bar:not(.uncertain)').evaluateAll((rs) => rs.map((r) => [r.dataset.period, Number(r.dataset.count)]).filter(([, c]) => c > 0));
  const wantM = Object.entries(months.by).filter(([k]) => /^\d{4}-\d{2}$/.test(k)).sort();
  check(wantM.length > 0 && JSON.stringify(mBars) === JSON.stringify(wantM), `timeline by month = API by=month ${JSON.stringify(wantM)}`);
  check(new URL(page.url()).searchParams.get('step') === 'month', 'URL carries the timeline step');
  await page.selectOption('#t-step', '');
  await settle(page);
  // the technology and state filters (as `partnerships diff --tech --state`); the others are no diff's
  const diffRing = await api(page, '/api/partnerships/diff?' + new URLSearchParams({ from: '2020-01-15', to: '2020-10-07', tech: f.tech,
    ...(f.state ? { state: f.state } : {}) }));
  const diffRows = await page.locator('#t-diff tbody tr:not(:has(td[colspan]))').count();
  const wantRows = ['new', 'ended', 'changed'].reduce((t, k) => t + diffRing[k].length, 0);
  check(diffRows === wantRows && wantRows > 0, `snapshot diff follows the technology and state filters: ${diffRows} rows = API ${wantRows} (${f.tech}, ${f.state})`);
  const filteredShot = await page.screenshot({ path: join(work, 'serve-1440-filtered.png'), fullPage: false });
  check(filteredShot.length > 10000, 'filtered view screenshot');

  // The URL is the view: a reload in a new tab restores the filters and figures.
  const url = page.url();
  const page2 = await context.newPage();
  await open(page2, url.slice(origin.length));
  const restored = await page2.evaluate(() => ['f-tech', 'f-state', 'f-type', 'f-since', 'f-until'].map((id) => document.getElementById(id).value));
  check(JSON.stringify(restored) === JSON.stringify([f.tech, f.state, f.type, f.since, f.until]), `reload restores the filters ${restored}`);
  const again = await compare(page2, { ...f }, 'reloaded view');
  await agencyDots(page2, f, again.want, 'reloaded view');
  await page2.close();
  // A shared link of Ring partners since 2020-05-25 opens on those partners' dots alone.
  const page3 = await context.newPage();
  await open(page3, '/?areas=counties&color=partners&tech=ring&since=2020-05-25');
  const ring = await compare(page3, { tech: 'ring', since: '2020-05-25' }, 'opened on tech=ring&since=2020-05-25');
  const ringDots = await agencyDots(page3, { tech: 'ring', since: '2020-05-25' }, ring.want, 'opened on tech=ring&since=2020-05-25');
  check(ringDots.dots > 0 && ringDots.dots < agencyFC.features.length, `... ${ringDots.dots} dots, of ${agencyFC.features.length} partners in all`);
  await page3.close();

  // Clear the filters; click Los Angeles county: its figures and its state's agencies.
  await page.click('#f-reset');
  await settle(page);
  await compare(page, {}, 'cleared filters');
  check(new URL(page.url()).searchParams.get('tech') === null, 'clearing the filters clears them from the URL');
  const la = await page.evaluate(() => { const m = window.__slPage.map(); m.setView([34.2, -118.2], 8, { animate: false }); const p = m.latLngToContainerPoint([34.3, -118.2]); return [p.x, p.y]; });
  await page.waitForTimeout(400);
  await page.locator('#map').click({ position: { x: la[0], y: la[1] } });
  await settle(page);
  const areaText = await page.locator('#area-body').textContent();
  const ca = all.want.by_registry && all.want.by_registry.CA;
  check(/Los Angeles, CA/.test(areaText), `area click shows the county: ${areaText.slice(0, 60)}`);
  check(ca && areaText.includes(`${ca.partnered} of ${ca.agencies} registry agencies with any technology on record`), 'area panel gives its state\'s agencies on record (no filter: every technology) from the API');
  check(new URL(page.url()).searchParams.get('area') === '06037', 'URL carries the selected area');
  // The county's own partnered agencies: the rows of /api/partnerships/links that name Los Angeles (06037).
  const links = await api(page, '/api/partnerships/links?areas=counties');
  const laRows = (links.rows || []).filter((r) => r.areas.split(' ').includes('06037'));
  // no technology picked: records of every technology, as the report says (not "partnership rows")
  check(/Records naming Los Angeles, CA \(every technology\)/.test(areaText), 'area panel has a list of the county\'s records');
  // It said "Partnered agencies in" over a count of rows, beside the
  // report's agencies placed by the registry (Cook: 74 rows, 65 agencies).
  const laAgencies = new Set(laRows.map((r) => r.ori || r.agency + '|' + r.state)).size;
  check(laRows.length === 0 || (areaText.includes('Counted by the county each Atlas row or its registry agency names') &&
    areaText.includes(`${laRows.length.toLocaleString('en-US')} partnership row${laRows.length === 1 ? '' : 's'} of ${laAgencies.toLocaleString('en-US')} agenc`)),
    `the panel says its rule and counts rows of ${laAgencies} agencies`);
  const listed = await page.locator('#area-body .county-agencies li').count();
  check(laRows.length > 0 ? listed === laRows.length : /None in the snapshot of/.test(areaText),
        `the county's agencies are the API's: ${laRows.length} rows, ${listed} listed`);
  // Without a pointer: the area found by name.
  await page.fill('#m-area', 'Cook, IL');
  await page.locator('#m-area').dispatchEvent('change');
  await settle(page);
  check(/^Cook, IL/.test(await page.locator('#area-body').textContent()), 'an area found by name from the keyboard');
  // Typed as people type: any case, part of a name; too many or none said under the field.
  const typed = {};
  for (const t of ['loving, tx', 'Shenandoah, V', 'Washington', 'Atlantis']) {
    await page.fill('#m-area', t);
    await page.locator('#m-area').dispatchEvent('change');
    await settle(page);
    typed[t] = (await page.locator('#area-empty').isVisible() ? await page.locator('#area-empty').textContent() : await page.locator('#area-body .area-name').textContent());
  }
  check(typed['loving, tx'] === 'Loving, TX' && typed['Shenandoah, V'] === 'Shenandoah, VA' && /^\d+ areas of counties match “Washington”: type more/.test(typed.Washington) &&
    typed.Atlantis === 'No area of counties is called “Atlantis”. Type an area’s name or id as “The map as a table” lists them, or click the map.', `an area found whatever its case or by part of its name, else said why: ${JSON.stringify(typed)}`);
  // A name a few areas share: each offered by its title, one press away.
  await page.fill('#m-area', 'Cook');
  await page.press('#m-area', 'Enter'); /* as typed: Enter commits it, so leaving the field changes nothing more */
  await settle(page);
  const picks = await page.locator('#area-body .area-picks button').allTextContents();
  const cookSaid = await page.locator('#area-empty').textContent();
  await page.locator('#area-body .area-picks button', { hasText: 'Cook, IL' }).click();
  await settle(page);
  const picked = await page.locator('#area-body .area-name').textContent();
  check(/^3 areas of counties match “Cook”: pick one\.$/.test(cookSaid) && JSON.stringify(picks) === JSON.stringify(['Cook, GA', 'Cook, IL', 'Cook, MN']) &&
    picked === 'Cook, IL', `an ambiguous name lists its areas to pick from: ${cookSaid} ${JSON.stringify(picks)} → ${picked}`);
  // Another county under the same technology filter asks the server nothing more.
  const linksBefore = linkRequests;
  await page.fill('#m-area', 'Los Angeles, CA');
  await page.locator('#m-area').dispatchEvent('change');
  await settle(page);
  check(/Records naming Los Angeles, CA/.test(await page.locator('#area-body').textContent()) && linkRequests === linksBefore,
    `county panels under one technology filter fetch the links once (${linkRequests - linksBefore} more requests for a second county)`);
  // A county in a state that changed between the snapshots: the state's changes, as the API lists them.
  const changed = await api(page, '/api/partnerships/diff?' + new URLSearchParams({ from: '2020-01-15', to: '2020-10-07' }));
  const inVa = ['new', 'ended', 'changed'].reduce((t, k) => t + changed[k].filter((a) => a.state === 'VA').length, 0);
  await page.fill('#m-area', 'Shenandoah, VA');
  await page.locator('#m-area').dispatchEvent('change');
  await settle(page);
  const vaText = await page.locator('#area-body .state-changes').textContent();
  const vaListed = await page.locator('#area-body .state-changes li').count();
  check(inVa > 0 && vaListed === inVa && vaText.startsWith(`${inVa} changes in VA between ${changed.from} and ${changed.to}:`),
    `a county's panel lists its state's changes: ${vaListed} listed, API ${inVa}`);
  // A changed row said only its new start: it says what changed, old → new, in
  // the API's words (what_changed), in the panel and in "Between snapshots".
  const ash = changed.changed.find((a) => a.state === 'VA');
  const ashItem = await page.locator('#area-body .state-changes li', { hasText: 'Ashgrove' }).textContent();
  check(ash && ash.what_changed === 'vendor: Vendor A (fictional) → Vendor B (fictional)' &&
    ashItem === `${ash.agency} — changed, ${ash.technology}: ${ash.what_changed}`, `the panel says what changed: ${ashItem}`);
  const diffHead = await page.locator('#t-diff thead th').allTextContents();
  const ashRow = await page.locator('#t-diff tbody tr', { hasText: 'Ashgrove' }).locator('td').allTextContents();
  check(diffHead[diffHead.length - 1] === 'What changed' && ashRow[ashRow.length - 1] === ash.what_changed,
    `"Between snapshots" has a What changed column with the API's words: ${JSON.stringify(ashRow)}`);
  // An ended row read "Dunmore Creek … — ended, Ring/Neighbors Partnership,
  // since 2019-04-22", as if it still ran: it started then and is gone by the
  // later snapshot, which is all the data says of its end.
  await page.fill('#m-area', 'Los Angeles, CA');
  await page.locator('#m-area').dispatchEvent('change');
  await settle(page);
  const caItems = await page.locator('#area-body .state-changes li').allTextContents();
  const dunmore = changed.ended.find((a) => a.state === 'CA'), pine = changed.new.find((a) => /^Pinecrest/.test(a.agency));
  check(dunmore && caItems.includes(`${dunmore.agency} — ended by ${changed.to}, ${dunmore.technology}, started ${dunmore.start} (listed on ${changed.from})`) &&
    pine && caItems.includes(`${pine.agency} — new, ${pine.technology}, started ${pine.start}`) && !caItems.some((t) => / since /.test(t)),
    `the panel words an ended row by the snapshots, a new one by its start: ${JSON.stringify(caItems)}`);
  // Past ten items such a list folds, so a state of hundreds of changes does not push the panel away.
  const folds = await page.evaluate(() => [10, 11].map((n) => {
    const box = document.createElement('div');
    window.slChart.foldedList(box, Array.from({ length: n }, (_, i) => 'item ' + i), n + ' items', 'show them');
    const d = box.querySelector('details');
    return { details: !!d, items: box.querySelectorAll('li').length, summary: d ? d.querySelector('summary').textContent : box.textContent.slice(0, 9) };
  }));
  check(!folds[0].details && folds[0].items === 10 && folds[0].summary === '10 items:' &&
        folds[1].details && folds[1].items === 11 && folds[1].summary === '11 items: show them',
    `lists fold past ten items: ${JSON.stringify(folds)}`);

  // The tracts of the demo city: posts per 100,000 from /api/join's per 1,000 (the unit of the area panel
  // and the report), the radius tool from /api/zone.
  await page.selectOption('#m-set', 'demo-tracts');
  await settle(page);
  const joined = await api(page, '/api/join?points=posts&areas=demo-tracts');
  await page.selectOption('#m-metric', 'posts_per_100k');
  await settle(page);
  const col = await page.evaluate(() => window.__slPage.colours());
  const mism = joined.areas.filter((a) => col.values[a.id] !== 100 * a.per_1000).length;
  check(col.metric === 'posts_per_100k' && joined.areas.length === 36 && mism === 0, `tracts coloured by the API's posts per 1,000, given per 100,000 (${mism} differ)`);
  check((await page.locator('#m-metric option:checked').textContent()) === 'Posts per 100,000 residents', 'the metric is named per 100,000 residents, as the area panel gives it');
  check(new URL(page.url()).searchParams.get('areas') === 'demo-tracts', 'URL carries the area set');
  // The requests per 100,000 residents, split by overlap as `join --points requests` splits them.
  const reqJoined = await api(page, '/api/join?points=requests&areas=demo-tracts');
  await page.selectOption('#m-metric', 'requests_per_100k');
  await settle(page);
  const reqCol = await page.evaluate(() => window.__slPage.colours());
  const reqMism = reqJoined.areas.filter((a) => reqCol.values[a.id] !== 100 * a.per_1000).length;
  check(reqCol.metric === 'requests_per_100k' && reqJoined.split === 'overlap' && reqMism === 0,
    `tracts coloured by the API's requests per 1,000, given per 100,000 (${reqMism} differ)`);
  // A tract's panel gives its requests beside its points, as join counts them.
  const busiest = reqJoined.areas.slice().sort((a, b) => b.count - a.count)[0];
  await page.fill('#m-area', String(busiest.id));
  await page.press('#m-area', 'Enter');
  await settle(page);
  const tractText = await page.locator('#area-body').textContent();
  check(tractText.includes(`Police requests (split by overlap)${fmt(busiest.count)} (${fmt(100 * busiest.per_1000)} per 100,000 residents, ${fmt(1000 * busiest.per_km2)} per 1,000 km²`),
    `an area's panel gives its police requests (${fmt(busiest.count)} in ${busiest.id}): ${tractText.slice(0, 200)}`);
  // Disparity of the police requests: the table and the location quotients are the API's.
  const disp = await api(page, '/api/disparity?events=requests&areas=demo-tracts');
  const dispRows = await page.locator('#t-disparity tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  check(dispRows.length === disp.groups.length && dispRows.every((r, i) => r[3] === disp.groups[i].ratio.toFixed(2) && r[1] === (100 * disp.groups[i].share).toFixed(1) + '%'),
    `disparity table = API groups (ratios ${disp.groups.map((g) => g.ratio.toFixed(2))})`);
  // p: at the floor of the placebo draws only the bound ("< 0.0005" for 2,000), as the CLI and the report write it.
  const floor = 1 / (disp.permutations + 1);
  const atFloor = disp.groups.map((g, i) => [g.p_value <= floor * (1 + 1e-9), dispRows[i][5]]);
  check(atFloor.some(([f]) => f) && atFloor.every(([f, cell]) => f ? cell === '< 0.0005' : /^0\.\d+$/.test(cell) && !cell.startsWith('0.0005')),
    `disparity p column: the floor reads "< 0.0005", others two digits (${atFloor.map(([, c]) => c)})`);
  const dispNote = await page.locator('#disparity-note').textContent();
  const partOut = (disp.events - disp.weight).toLocaleString('en-US', { maximumFractionDigits: 2 });
  check(dispNote.includes(`(0 more wholly outside every area; pieces adding up to ${partOut} events lie outside, by overlap)`),
    `the disparity note gives the requests' part outside (${partOut}): ${dispNote.slice(0, 90)}`);
  // how to read its p-values and what its events can show, as the report and the CLI say (the statistician's review)
  const reading = await page.locator('#disparity-reading').textContent();
  const det = disp.groups.filter((g) => typeof g.detectable_ratio_high === 'number');
  const k = disp.groups.length;
  check(reading.startsWith('Each p is two-sided (a gap either way) and tests one group') &&
    reading.includes(`with these ${k} at once`) && reading.includes(`to p ≤ ${Number((0.05 / k).toPrecision(4))} (0.05/${k}, Bonferroni)`) &&
    reading.includes('A p above 0.05 says a gap this size could be chance, not that there is none') && det.length === k &&
    reading.includes(`What ${disp.events} events can show`) && det.every((g) => reading.includes(`≥ ${g.detectable_ratio_high.toFixed(2)}`)),
    `under the disparity table: p two-sided, the Bonferroni threshold of ${k} groups, and the API's detectable ratios: ${reading.slice(0, 120)}`);
  await page.selectOption('#m-metric', 'lq_requests');
  await settle(page);
  const lq = await page.evaluate(() => window.__slPage.colours());
  check(lq.metric === 'lq_requests' && disp.areas.every((a) => lq.values[a.id] === a.lq), 'tracts coloured by the API\'s location quotients of requests');
  check(new URL(page.url()).searchParams.get('color') === 'lq_requests', 'URL carries the colouring');
  // The map's colours as figures, for a reader who cannot see them: a table of every area, highest first.
  const figs = await page.evaluate(() => {
    const t = document.getElementById('t-areas');
    if (!t || t.closest('[hidden]')) return null;
    const s = t.closest('details').querySelector('summary');
    return { summary: s.textContent, named: t.getAttribute('aria-labelledby') === s.id,
      rows: [...t.querySelectorAll('tbody tr')].map((r) => [...r.cells].map((c) => c.textContent)) };
  });
  const lqSorted = disp.areas.filter((x) => typeof x.lq === 'number').sort((x, y) => y.lq - x.lq);
  check(figs && figs.named && /location quotient/.test(figs.summary) && figs.rows.length === disp.areas.length &&
    figs.rows[0][1] === lqSorted[0].lq.toFixed(2) && figs.rows[1][1] === lqSorted[1].lq.toFixed(2),
    `the map's colours as a table, named by the colouring, highest first: ${figs ? figs.summary + ' ' + JSON.stringify(figs.rows.slice(0, 2)) : 'none'}`);
  check(!disp.caveat && await page.locator('#disparity-caution').isHidden() && !/Caution/.test(await page.locator('#legend').textContent()),
    `${disp.events} requests: no caution on the table or the legend`);
  await page.fill('#m-radius', '3000');
  await page.locator('#m-radius').dispatchEvent('change');
  await settle(page);
  check(new URL(page.url()).searchParams.get('radius') === '3000', 'URL carries the radius');
  await page.click('#m-radius-tool');
  check(await page.getAttribute('#m-radius-tool', 'aria-pressed') === 'true', 'radius tool is a pressed toggle');
  // The middle of the busiest density hexagon: the radius there holds posts.
  const hexFC = await api(page, '/api/density?points=posts&hex=500');
  const top = hexFC.features.reduce((a, b) => (b.properties.count > a.properties.count ? b : a));
  const corners = top.geometry.coordinates[0];
  const mid = [corners.reduce((t, c) => t + c[1], 0) / corners.length, corners.reduce((t, c) => t + c[0], 0) / corners.length];
  const pt = await page.evaluate((ll) => { const m = window.__slPage.map(); m.setView(ll, 14, { animate: false }); const p = m.latLngToContainerPoint(ll); return [p.x, p.y]; }, mid);
  await page.waitForTimeout(300);
  await page.locator('#map').click({ position: { x: pt[0], y: pt[1] } });
  await settle(page);
  const zoneText = await page.locator('#zone-body').textContent();
  const m = /Within 3,000 m of (-?[\d.]+), (-?[\d.]+)/.exec(zoneText);
  if (m) {
    const z = await api(page, `/api/zone?circle=${m[1]},${m[2]},3000`);
    check(z.posts > 0 && zoneText.includes(`Posts${fmt(z.posts)}`) && zoneText.includes(`Unique cameras (from posts)${fmt(z.cameras)}`),
      `radius tool shows the API's zone at ${m[1]},${m[2]}: ${z.posts} posts, ${z.cameras} cameras`);
  } else check(false, `radius tool answered: ${zoneText}`);
  check(await page.locator('.leaflet-zone-pane path').count() === 1, 'radius drawn on the map');
  // Without a mouse: the arrow keys move the focused map, Enter counts around its middle.
  await page.focus('#map');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(400);
  await page.keyboard.press('Enter');
  await settle(page);
  const mid2 = await page.evaluate(() => { const c = window.__slPage.map().getCenter(); return [c.lat.toFixed(5), c.lng.toFixed(5)]; });
  const keyZone = await page.locator('#zone-body').textContent();
  check(keyZone.includes(`Within 3,000 m of ${mid2[0]}, ${mid2[1]}:`) && m && mid2[1] !== m[2],
    `radius tool from the keyboard: Enter on the map counts around its middle (${mid2}): ${keyZone.slice(0, 50)}`);
  check(await page.evaluate(() => { const d = document.getElementById(document.getElementById('m-radius-tool').getAttribute('aria-describedby') || '-'); return !!d && !d.hidden && /Enter/.test(d.textContent); }),
    'the radius tool says how to use it from the keyboard');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const glide = await page.evaluate(() => {
    const m = document.getElementById('map'), z = m.querySelector('.leaflet-zoom-animated');
    m.classList.add('leaflet-zoom-anim');
    const d = z ? getComputedStyle(z).transitionDuration : 'no layer';
    m.classList.remove('leaflet-zoom-anim');
    return d;
  });
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  check(glide === '0s', `prefers-reduced-motion: the map zooms without its glide (transition ${glide})`);
  const near = await api(page, '/api/near?radius=3000');
  const nearRows = await page.locator('#t-sites tbody tr td:nth-child(3)').allTextContents();
  const watched = near.sites.slice().sort((a, b) => b.within - a.within || a.nearest_m - b.nearest_m);
  check(JSON.stringify(nearRows) === JSON.stringify(watched.map((x) => fmt(x.within))),
    `sites table: cameras within 3,000 m = API, most first ${watched.map((x) => x.within)}`);
  // Hostile names from the store are text, never markup.
  const hostile = page.locator('#t-sites tbody :is(th, td)', { hasText: '<img src=x onerror="window.__pwned=1">' });
  check(await hostile.count() === 1 && await hostile.isVisible(), 'a site named <img onerror> shows as visible text');
  check(await page.locator('#t-sites td', { hasText: '<b>hostile</b>' }).count() === 1, 'a category named <b>hostile</b> shows as text');
  check(await page.locator('img[src="x"], #main b, #s-category b').count() === 0, 'the hostile names made no element');
  await page.selectOption('#m-hex', '500');
  await settle(page);
  // Only the viewport's cells are asked for (bbox=), and again when the map moves.
  const box = await page.evaluate(() => window.__slPage.hexBox());
  const dens = await api(page, '/api/density?points=posts&hex=500&bbox=' + box);
  const hexes = await page.locator('.leaflet-hexes-pane path').count();
  check(/^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/.test(box) && dens.features.length > 0 && hexes === dens.features.length,
    `density: ${hexes} hexagons drawn = API for the viewport ${box} (${dens.features.length})`);
  const whole = await api(page, '/api/density?points=posts&hex=500');
  await page.evaluate(() => window.__slPage.map().setView([38.2, -78.05], 10, { animate: false }));
  await settle(page);
  const box2 = await page.evaluate(() => window.__slPage.hexBox());
  const dens2 = await api(page, '/api/density?points=posts&hex=500&bbox=' + box2);
  const hexes2 = await page.locator('.leaflet-hexes-pane path').count();
  check(box2 !== box && hexes2 > 0 && hexes2 === dens2.features.length && dens2.features.length <= whole.features.length,
    `density follows the map: ${hexes2} hexagons for ${box2} (the whole layer has ${whole.features.length})`);
  let densityAsked = 0;
  const countDensity = (r) => { if (new URL(r.url()).pathname === '/api/density') densityAsked++; };
  page.on('request', countDensity);
  await page.evaluate(() => window.__slPage.map().setView([38.2, -78.05], 6, { animate: false }));
  await settle(page);
  const wide = await page.locator('#legend .hex-note').textContent();
  check(densityAsked === 0 && await page.locator('.leaflet-hexes-pane path').count() === 0 && /zoom in to draw hexagons of 500 m/.test(wide),
    `a view of more hexagons than a map can use asks nothing and says to zoom in, under the map: ${wide}`);
  page.off('request', countDensity);
  await page.evaluate(() => window.__slPage.map().setView([38.2, -78.05], 10, { animate: false }));
  await settle(page);
  await page.screenshot({ path: join(work, 'serve-1440.png'), fullPage: true });

  // axe-core, evaluated through the devtools protocol: the page's CSP stays on.
  await page.evaluate(axeSource);
  const ax = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const violations = ax.violations;
  check(violations.length === 0, `axe-core at 1440 px: no violation of any impact ${violations.map((v) => `${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes[0].target}`).join('; ')}`);

  const marked1440 = await page.evaluate(() => document.querySelectorAll('.scrolls').length);
  check(marked1440 === 0, `1440 px: no table says it scrolls sideways (${marked1440})`);
  // A phone: 390 x 844.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload({ waitUntil: 'load' });
  await settle(page);
  const phone = await page.evaluate(() => {
    const vis = (e) => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; };
    const small = [...document.querySelectorAll('input, select, button, a[href], .leaflet-control-zoom a')].filter(vis)
      .filter((e) => { const r = e.getBoundingClientRect(); return r.width < 24 || r.height < 24; }).map((e) => e.id || e.className || e.tagName);
    const tiny = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const n = walker.currentNode, p = n.parentElement;
      if (!n.textContent.trim() || !p || !vis(p) || p.closest('.skip')) continue;
      const size = parseFloat(getComputedStyle(p).fontSize);
      let scale = 1;
      const svg = p.closest('svg');
      if (svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width) scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      if (size * scale < 11) tiny.push(`${p.tagName}.${p.className.baseVal ?? p.className}: ${(size * scale).toFixed(1)}px`);
    }
    return { scroll: document.documentElement.scrollWidth, small, tiny: [...new Set(tiny)] };
  });
  check(phone.scroll <= 390, `390 px: no sideways scroll (page ${phone.scroll} px wide)`);
  check(phone.small.length === 0, `390 px: touch targets >= 24 px ${phone.small.join(', ')}`);
  check(phone.tiny.length === 0, `390 px: text >= 11 px ${phone.tiny.slice(0, 5).join(', ')}`);
  // A select cannot wrap: each "Colour by" choice must fit it whole (the
  // location quotient's "(1 = as many as residents)" lives in the legend).
  const cut = await page.$eval('#m-metric', (e) => {
    const c = document.createElement('canvas').getContext('2d');
    c.font = getComputedStyle(e).font;
    return [...e.options].filter((o) => c.measureText(o.textContent).width > e.clientWidth - 24).map((o) => o.textContent);
  });
  check(cut.length === 0, `390 px: every "Colour by" choice fits its select${cut.length ? ` (cut: ${cut.join('; ')})` : ''}`);
  // A table wider than the phone says it scrolls sideways, and only such a table.
  const boxes = await page.evaluate(() => [...document.querySelectorAll('.scroll')].filter((b) => b.clientWidth > 0).map((b) => ({
    id: (b.firstElementChild || {}).id, wide: b.scrollWidth > b.clientWidth + 1, marked: b.classList.contains('scrolls'),
    hint: getComputedStyle(b, '::before').content })));
  const wideBoxes = boxes.filter((b) => b.wide).map((b) => b.id);
  check(wideBoxes.length > 0 && boxes.every((b) => b.wide === b.marked && (!b.marked || /Scroll sideways/.test(b.hint))),
    `390 px: the tables wider than the phone (${wideBoxes.join(', ')}) say they scroll sideways, no other does`);
  await page.screenshot({ path: join(work, 'serve-390.png'), fullPage: true });
  await page.evaluate(axeSource);
  const ax2 = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const violations2 = ax2.violations;
  check(violations2.length === 0, `axe-core at 390 px: no violation of any impact ${violations2.map((v) => `${v.impact} ${v.id}: ${v.nodes[0].target}`).join('; ')}`);

  // A server started with --exact: the page says so before any density is drawn.
  if (exactBase) {
    const p3 = await context.newPage();
    p3.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`exact: ${m.type()}: ${m.text()}`); });
    await p3.goto(exactBase + '/?areas=demo-tracts&hex=500', { waitUntil: 'load' });
    await settle(p3);
    check(await p3.locator('#exact-banner').isVisible(), 'EXACT banner visible when the server runs with --exact');
    const ed = await api(p3, '/api/density?points=posts&hex=500&bbox=' + await p3.evaluate(() => window.__slPage.hexBox()));
    const eh = await p3.locator('.leaflet-hexes-pane path').count();
    check(eh === ed.features.length && ed.features.length > whole.features.length,
      `exact density: ${eh} hexagons drawn = API ${ed.features.length} (more than the ${whole.features.length} of the suppressed map)`);
    await p3.screenshot({ path: join(work, 'serve-1440-exact.png') });
    await p3.close();
  } else check(false, 'no --exact server to check the EXACT banner against');
  // A store with neither partnerships nor areas nor posts: the page says so and asks nothing that must fail.
  if (bareBase) {
    const p4 = await context.newPage();
    p4.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`bare: ${m.type()}: ${m.text()}`); });
    p4.on('pageerror', (e) => errors.push(`bare: ${e}`));
    await p4.goto(bareBase + '/', { waitUntil: 'load' });
    await settle(p4);
    check(/no partnerships yet/.test(await p4.locator('#figures-query').textContent()) && await p4.locator('#filters').isHidden() &&
      await p4.locator('#timeline-section').isHidden() && await p4.locator('#tables-section').isHidden(),
      'bare store: the page says once that it holds no partnerships, and shows no filters, timeline or tables');
    const said = await p4.evaluate(() => document.body.innerText.split('no partnerships yet').length - 1);
    check(said === 1, `bare store: "no partnerships yet" is said ${said} time(s), once expected`);
    check(/no area set/.test(await p4.locator('#map').textContent()) && await p4.locator('#map-controls').isHidden() &&
      await p4.locator('#map-panels').isHidden(), 'bare store: the map says there is no area set and shows no controls for it');
    const meta = await p4.locator('#store-meta').textContent();
    check(/^The store holds \d+ sites? \(clinic\)\.$/.test(meta), `bare store: the masthead names only what the store holds: "${meta}"`);
    await p4.close();
  } else check(false, 'no bare-store server to check an empty page against');
  // Areas and sites but no posts or cameras: the radius tool, whose every
  // click the API refuses ("nothing to measure"), is not offered; the panel says why.
  if (postlessBase) {
    const p5 = await context.newPage();
    p5.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`postless: ${m.type()}: ${m.text()}`); });
    p5.on('pageerror', (e) => errors.push(`postless: ${e}`));
    await p5.goto(postlessBase + '/', { waitUntil: 'load' });
    await settle(p5);
    check(await p5.locator('#m-radius-tool').isHidden() && await p5.locator('#zone-how').isHidden() &&
      /holds no posts or cameras for the radius tool to count/.test(await p5.locator('#zone-empty').textContent()),
      'a store without posts or cameras: no radius tool, and the Radius panel says why');
    await p5.close();
  } else check(false, 'no store without posts to check the radius panel against');
  // A start date past the snapshot: refused by the server, as the CLI and the
  // audit refuse it; the page says why and shows the figures without it.
  const p6 = await context.newPage();
  await open(p6, '/?since=2020-01-01');
  check(await p6.locator('#figures-caution').isHidden(), 'a start date within the snapshot: no caution');
  const logged = errors.length;
  await open(p6, '/?since=2099-01-01');
  // the refused answers are 400s, which the browser logs: those are expected, nothing else is
  errors.push(...errors.splice(logged).filter((e) => !/status of 400 \(Bad Request\)/.test(e)));
  const late = p6.locator('#figures-caution');
  check(await late.isVisible() && /^Caution: --since 2099-01-01 is after the newest snapshot \(\d{4}-\d\d-\d\d\): a snapshot cannot show .* The filters are set back to those of the figures shown\.$/.test(await late.textContent()),
    'a start date past the snapshot: the server\'s refusal is said over the figures');
  check(await p6.locator('#f-since').inputValue() === '' && !/since=/.test(p6.url()) &&
    /^Snapshot \d{4}-\d\d-\d\d \(the newest of 2\): every record\./.test(await p6.locator('#figures-query').textContent()),
    '... and the figures shown are those without the date, as the filters and the address say');
  await open(p6, '/?tech=rnig');
  check(/^Caution: No partnership in the snapshot of \d{4}-\d\d-\d\d has a technology matching “rnig”\. Its technologies: /.test(await late.textContent()),
    'a technology no row holds: the figures say so and list those there are');
  await p6.close();
  // Five requests over three areas: the page says they are too few to quote, beside the table and the map.
  if (fewBase) {
    const p5 = await context.newPage();
    p5.on('pageerror', (e) => errors.push(`few: ${e}`));
    await p5.goto(fewBase + '/?areas=toy&color=lq_requests', { waitUntil: 'load' });
    await settle(p5);
    const synth = await p5.locator('#synthetic-banner');
    check(await synth.isVisible() && /^SYNTHETIC DATA IN THIS STORE — import \d+ \(cameras\) was invented by “sightline synth”: figures resting on it are not findings\. “sightline rm \d+” removes it\.$/.test(await synth.textContent()),
      `real imports beside one synth layer: the banner names that import, not "fictional agencies" (${await synth.textContent()})`);
    // 40 nameless sites: the 25 most watched, named as such, and a button for the rest.
    const siteRows = await p5.locator('#t-sites tbody tr').count();
    const firstSite = await p5.locator('#t-sites tbody tr').first().locator('th, td').allTextContents();
    const showAll = p5.locator('#t-sites tfoot button');
    check(siteRows === 25 && /^The first 25 of 40 rows/.test(await p5.locator('#t-sites tfoot').textContent()) &&
      (await showAll.textContent()) === 'Show all 40 rows' && firstSite[0] === '(unnamed)' &&
      firstSite[3] === fmt(Math.min(...(await api(p5, '/api/near?radius=500')).sites.map((x) => x.nearest_m))),
      `40 sites: the 25 most watched first, unnamed ones said so, a button for all (${siteRows} rows; first ${firstSite})`);
    await showAll.click();
    check(await p5.locator('#t-sites tbody tr').count() === 40 && await p5.locator('#t-sites tfoot').count() === 0,
      '... which shows all 40');
    const caution = await p5.locator('#disparity-caution');
    check(await caution.isVisible() && /^Caution: Only 5 events lie inside the study areas: too few/.test(await caution.textContent()),
      'five requests: the disparity table comes with a caution not to quote it');
    check(/Caution: Only 5 events lie/.test(await p5.locator('#legend').textContent()),
      '... and so does the legend of the map coloured by their location quotients');
    // The CLI's sentences quote commands in backticks; the cautions showed them so.
    const proseHtml = await p5.evaluate(() =>
      window.slChart.prose(document.createElement('p'), 'Check `sightline info` <b>now</b>; a ` alone').innerHTML);
    check(proseHtml === 'Check <code>sightline info</code> &lt;b&gt;now&lt;/b&gt;; a ` alone',
      `a caution's quoted command is drawn as code, the rest as text (${proseHtml})`);
    // Posts per 100,000 residents: the park of 40 and the row of 499 are drawn apart, and the panel says why.
    await p5.goto(fewBase + '/?areas=parks&color=posts_per_100k&area=P', { waitUntil: 'load' });
    await settle(p5);
    const fewKey = await p5.locator('#legend .key', { hasText: 'fewer than 500 residents' }).allTextContents();
    check(fewKey.length === 1 && /\(2 areas\)/.test(fewKey[0]), `rates: a legend key for the 2 areas of few residents (${fewKey})`);
    const fills = await p5.evaluate(() => window.__slPage.colours().fills);
    check(fills.P === '#dadaeb' && fills.U === '#dadaeb' && fills.Q !== '#dadaeb' && fills.R !== '#dadaeb',
      `... drawn apart from the classes (${JSON.stringify(fills)})`);
    check(/Riverside Park[\s\S]*15,000 per 100,000 residents[^;]*; fewer than 500 residents: the rate rests on few people/.test(await p5.locator('#area-body').textContent()),
      '... and the park\'s panel says its rate rests on few people');
    // The posts' location quotients: the same two areas drawn apart, fixed classes kept.
    await p5.goto(fewBase + '/?areas=parks&color=lq_posts', { waitUntil: 'load' });
    await settle(p5);
    const lqKey = await p5.locator('#legend .key', { hasText: 'fewer than 500 residents' }).allTextContents();
    const lqFills = await p5.evaluate(() => window.__slPage.colours().fills);
    check(lqKey.length === 1 && /\(2 areas\): a quotient there rests on few people/.test(lqKey[0]) && lqFills.P === '#dadaeb' &&
      lqFills.U === '#dadaeb' && lqFills.R !== '#dadaeb', `location quotients: the same 2 areas drawn apart (${lqKey}; ${JSON.stringify(lqFills)})`);
    // The Airfield's 2 posts (0 residents) are in no share: the note says so.
    await p5.selectOption('#d-events', 'posts');
    await settle(p5);
    const fewNote = await p5.locator('#disparity-note').textContent();
    check(fewNote.includes('2 of the events lie in areas with no residents, so no share counts them'),
      `the disparity note says which events no share counts: ${fewNote.slice(0, 120)}`);
    await p5.close();
  } else check(false, 'no few-events server to check the caution against');
  check(await page.evaluate(() => window.__pwned) === undefined, 'window.__pwned stays undefined');
  check(errors.length === 0, `no console errors or CSP violations ${errors.length ? JSON.stringify(errors.slice(0, 5)) : ''}`);
  check(outside.length === 0, `no request leaves the server ${outside.length ? JSON.stringify(outside.slice(0, 5)) : ''}`);
} finally {
  await context.close();
}
if (failures.length) { console.error(`FAIL: ${failures.length} browser checks failed`); process.exit(1); }
console.log('PASS');
