// watchdog_dashboard_browser.mjs — checks of watchdog_dashboard_browser.sh.
// usage: node watchdog_dashboard_browser.mjs BASE WORK
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { settle } from './serve_page.mjs';

const [, , base, work] = process.argv;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const context = await chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), {
  executablePath: '/usr/bin/chromium', headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'],
  viewport: { width: 1440, height: 900 },
});
const errors = [];
const page = await context.newPage();
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));
const api = await (await context.request.get(base + '/api/partnerships/diff?from=2020-10-07&to=2021-10-07&tech=ring')).json();

for (const [w, h] of [[1440, 900], [390, 844]]) {
  await page.setViewportSize({ width: w, height: h });
  await page.goto(base + '/?tech=ring', { waitUntil: 'load' });
  await settle(page);
  await page.waitForFunction(() => /^From the snapshot/.test(document.getElementById('diff-note').textContent), null, { timeout: 20000 });
  const note = (await page.textContent('#diff-note')).replace(/\s+/g, ' ');
  check(note.includes('3 new, 2 ended, 2 changed'), `${w}: the counts (3 new, 2 ended, 2 changed)`);
  check(note.includes('Registry agencies: 8; partnered: 5 (62.5%) on 2020-10-07, 6 (75.0%) on 2021-10-07.'),
    `${w}: the denominator: 8 registry agencies, 5 then 6 partnered, with their shares`);
  check(note.includes('Of the 3 new, by their start dates: 3 began after 2020-10-07, 0 on or before it (listed late), 0 not known.'),
    `${w}: when the new rows began`);
  check(note.includes('"Ended" means listed in the snapshot of 2020-10-07 and not in that of 2021-10-07') &&
    note.includes('Neither list says why'), `${w}: what "ended" means`);
  const head = await page.locator('#t-diff thead th').allTextContents();
  check(['ORI', 'Record', 'Began'].every((c) => head.includes(c)), `${w}: the table heads ORI, Record and Began: ${head.join(', ')}`);
  const rows = await page.locator('#t-diff tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const want = [...api.new, ...api.ended, ...api.changed].filter((r) => r.ori).map((r) => r.ori + ' ' + r.record_id);
  const got = rows.map((r) => r[head.indexOf('ORI')] + ' ' + r[head.indexOf('Record')]);
  check(want.length > 0 && want.every((x) => got.includes(x)), `${w}: each row's ORI and record as the API gives them (${want.join('; ')})`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= w, `${w}: the page does not scroll sideways (${wide} px)`);
}
check(errors.length === 0, `no console errors${errors.length ? ': ' + errors.join(' | ') : ''}`);
await context.close();
if (failures.length) { console.log(`${failures.length} failed`); process.exit(1); }
console.log('all passed');
