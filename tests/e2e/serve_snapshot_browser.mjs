// serve_snapshot_browser.mjs — the dashboard's Snapshot select (see
// serve_snapshot_browser.sh). usage: node serve_snapshot_browser.mjs BASE BASE_ONE BASE_THREE WORK
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { settle as settleOn } from './serve_page.mjs';

const [, , base, baseOne, baseThree, work] = process.argv;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const OLD = '2020-01-15', NEW = '2020-10-07';

const context = await chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), {
  executablePath: '/usr/bin/chromium', headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'],
  viewport: { width: 1440, height: 900 },
});
const errors = [];
const page = await context.newPage();
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));
const asked = [];
page.on('request', (r) => asked.push(r.url()));
const settle = (p = page) => settleOn(p);
const api = async (path) => (await context.request.get(base + path)).json();
const big = async (id) => (await page.locator(`#${id} .big`).textContent()).trim();
const stamps = async () => page.locator('.snap-of').allTextContents();

const newest = await api('/api/partnerships?by=state');
const older = await api(`/api/partnerships?by=state&snapshot=${OLD}`);
check(newest.snapshot === NEW && older.snapshot === OLD && newest.agencies !== older.agencies,
  `the API's two snapshots differ: ${newest.agencies} agencies on ${NEW}, ${older.agencies} on ${OLD}`);

// Opened without ?snapshot: the newest, named by the select and every section.
await page.goto(base + '/', { waitUntil: 'load' });
await settle();
const options = await page.locator('#f-snapshot option').evaluateAll((os) => os.map((o) => o.value));
check(await page.locator('#f-snapshot').isVisible() && JSON.stringify(options) === JSON.stringify([NEW, OLD]),
  `a Snapshot select lists the store's snapshots, newest first: ${JSON.stringify(options)}`);
check(await page.locator('#f-snapshot').inputValue() === NEW, 'the newest is the default');
check(await big('fig-agencies') === String(newest.agencies), `the headline gives the newest snapshot's ${newest.agencies} agencies`);
check((await stamps()).every((t) => t === `(snapshot ${NEW})`), `every partnership section names the snapshot: ${JSON.stringify(await stamps())}`);
check(/^Snapshot 2020-10-07 \(the newest of 2\): /.test(await page.locator('#figures-query').textContent()), 'the headline says it is the newest of 2');
{
  const files = await api(`/api/partnerships/diff?from=${OLD}&to=${NEW}`);
  check(files.from_file && files.to_file && (await page.locator('#diff-note').textContent())
    .startsWith(`From the snapshot of ${OLD} (${files.from_file}) to that of ${NEW} (${files.to_file}), the one the figures show: `),
    `the diff says which two snapshots it compares, and the file of each: ${await page.locator('#diff-note').textContent()}`);
}

// A state filter: the changes are the state's (`partnerships diff --state`),
// not the nation's under a note saying "every state".
{
  const whole = await api(`/api/partnerships/diff?from=${OLD}&to=${NEW}`);
  const st = ['new', 'ended', 'changed'].flatMap((k) => whole[k].map((r) => r.state)).find(Boolean);
  const mine = await api(`/api/partnerships/diff?from=${OLD}&to=${NEW}&state=${st}`);
  const sp = await context.newPage();
  await sp.goto(base + '/?state=' + st, { waitUntil: 'load' });
  await settle(sp);
  const note = await sp.locator('#diff-note').textContent();
  const rows = await sp.locator('#t-diff tbody tr:not(:has(td[colspan]))').count();
  const n = ['new', 'ended', 'changed'].reduce((t, k) => t + mine[k].length, 0);
  check(note.includes(`${mine.counts.new} new, ${mine.counts.ended} ended, ${mine.counts.changed} changed (every technology, agencies in ${st})`) &&
    rows === n && n < ['new', 'ended', 'changed'].reduce((t, k) => t + whole[k].length, 0),
    `?state=${st}: the changes between snapshots are ${st}'s, ${n} rows of the API's diff with state=${st}, and the note says so: ${note}`);
  await sp.close();
}

// The older snapshot: every partnership figure moves to the API's figures of it.
asked.length = 0;
await page.selectOption('#f-snapshot', OLD);
await settle();
check(new URL(page.url()).searchParams.get('snapshot') === OLD, `the URL keeps the snapshot: ${page.url()}`);
check(await big('fig-agencies') === String(older.agencies), `the headline moves to ${OLD}'s ${older.agencies} agencies (${await big('fig-agencies')})`);
check(/^Snapshot 2020-01-15 \(an earlier one; the newest is 2020-10-07\): /.test(await page.locator('#figures-query').textContent()),
  `the headline says the snapshot is an earlier one: ${await page.locator('#figures-query').textContent()}`);
check((await stamps()).every((t) => t === `(snapshot ${OLD})`), `every section names ${OLD}`);
const stateRows = await page.locator('#t-state tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.cells[0].textContent, Number(tr.cells[1].textContent.replace(/,/g, ''))]));
const wantRows = Object.entries(older.by).filter(([, n]) => n > 0);
check(stateRows.length === wantRows.length && wantRows.every(([s, n]) => stateRows.some((r) => r[0] === s && r[1] === n)),
  `the by-state table is ${OLD}'s: ${JSON.stringify(stateRows)}`);
const agencyLayer = await api(`/api/layers/agencies.geojson?snapshot=${OLD}`);
const dots = await page.evaluate(() => window.__slPage.points().agencies);
check(dots === agencyLayer.features.length, `the agency dots are ${OLD}'s (${dots} = ${agencyLayer.features.length})`);
check((await page.locator('#legend').textContent()).includes(`in the snapshot of ${OLD}`), 'the legend dates the agency dots');
const partAsks = asked.filter((u) => /\/api\/(partnerships(\?|\/links)|layers\/agencies)/.test(u));
check(partAsks.length > 0 && partAsks.every((u) => new URL(u).searchParams.get('snapshot') === OLD),
  `every partnership question after the choice names ${OLD}: ${partAsks.length} asked`);
// the oldest snapshot shown: the changes run from it to the one after it, the
// API's diff, and the select offers that one as "later"
const laterNote = await page.locator('#diff-note').textContent();
const laterWant = await api(`/api/partnerships/diff?from=${OLD}&to=${NEW}`);
const laterRows = await page.locator('#t-diff tbody tr').count();
const laterOpts = await page.locator('#d-from option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
check(laterNote.startsWith(`From the snapshot of ${OLD} (${laterWant.from_file}), the one the figures show, to that of ${NEW} (${laterWant.to_file}), a later one: `) &&
  laterRows === ['new', 'ended', 'changed'].reduce((t, k) => t + laterWant[k].length, 0) &&
  JSON.stringify(laterOpts) === JSON.stringify([[NEW, `${NEW} (later)`]]) && await page.locator('#d-from-field').isVisible(),
  `the oldest snapshot shown is compared with the later one (${laterRows} rows): ${laterNote.slice(0, 90)}`);

// Reloaded, and after "Clear filters": still the older snapshot.
await page.reload({ waitUntil: 'load' });
await settle();
check(await page.locator('#f-snapshot').inputValue() === OLD && await big('fig-agencies') === String(older.agencies),
  'a reload of the URL shows the older snapshot again');
await page.click('#f-reset');
await settle();
check(new URL(page.url()).searchParams.get('snapshot') === OLD, '"Clear filters" keeps the snapshot (it is which list, not a filter)');

// A date between snapshots reads as the one in force then, and the URL says which.
await page.goto(base + '/?snapshot=2020-06-30', { waitUntil: 'load' });
await settle();
check(new URL(page.url()).searchParams.get('snapshot') === OLD && await page.locator('#f-snapshot').inputValue() === OLD,
  `?snapshot=2020-06-30 shows the snapshot in force then, ${OLD}, and the URL names it: ${page.url()}`);

// The phone: the select fits, no sideways scroll.
const phone = await context.newPage();
await phone.setViewportSize({ width: 390, height: 844 });
await phone.goto(base + `/?snapshot=${OLD}`, { waitUntil: 'load' });
await settle(phone);
const sw = await phone.evaluate(() => document.documentElement.scrollWidth);
const box = await phone.locator('#f-snapshot').boundingBox();
check(sw <= 390 && box && box.x + box.width <= 390, `at 390 px the select fits and the page does not scroll sideways (${sw})`);

// One snapshot: nothing to choose, the headline still names it.
const one = await context.newPage();
one.on('pageerror', (e) => errors.push(String(e)));
await one.goto(baseOne + '/', { waitUntil: 'load' });
await settle(one);
check(await one.locator('#f-snapshot-field').isHidden() && /^Snapshot 2020-10-07: /.test(await one.locator('#figures-query').textContent()),
  'a store of one snapshot shows no select; the headline names the snapshot');
// Three snapshots: the changes run to the one shown from the one before it,
// or from an earlier one picked under "Compare with", which the URL keeps.
const three = await context.newPage();
three.on('pageerror', (e) => errors.push(String(e)));
await three.goto(baseThree + '/', { waitUntil: 'load' });
await settle(three);
const froms = await three.locator('#d-from option').evaluateAll((os) => os.map((o) => o.value));
check(JSON.stringify(froms) === JSON.stringify([NEW, OLD]) && (await three.locator('#diff-note').textContent()).startsWith(`From the snapshot of ${NEW} (`) &&
  (await three.locator('#diff-note').textContent()).includes(`to that of 2021-01-01 (ring-map-export.csv)`),
  `"Compare with" offers the earlier snapshots, the one before first: ${JSON.stringify(froms)}`);
await three.selectOption('#d-from', OLD);
await settle(three);
const want = await (await context.request.get(`${baseThree}/api/partnerships/diff?from=${OLD}&to=2021-01-01`)).json();
const shown = await three.locator('#t-diff tbody tr').count();
check(/^From the snapshot of \d{4}-\d\d-\d\d \([^)]+\) to that of 2021-01-01 \(/.test(await three.locator('#diff-note').textContent()) &&
  (await three.locator('#diff-note').textContent()).startsWith(`From the snapshot of ${OLD} (`) &&
  shown === ['new', 'ended', 'changed'].reduce((t, k) => t + want[k].length, 0) && new URL(three.url()).searchParams.get('vs') === OLD,
  `picked, ${OLD}: the diff is the API's ${shown} rows and the URL keeps vs=${OLD}`);
await three.selectOption('#f-snapshot', NEW);
await settle(three);
check((await three.locator('#diff-note').textContent()).startsWith(`From the snapshot of ${OLD} (`) &&
  (await three.locator('#diff-note').textContent()).includes(`to that of ${NEW} (`),
  'the snapshot shown moved back: the diff runs to it from the one picked');
check(errors.length === 0, `no console or page error (${errors.join('; ')})`);
await context.close();
if (failures.length) { console.log(`${failures.length} failed`); process.exit(1); }
