// serve_city_browser.mjs — a city's store in the dashboard: the note under
// the headline figures names the state the areas lie in, and its button
// shows that state's figures, the CLI's, which the status line (role
// status) says (see serve_city_browser.sh).
// usage: node serve_city_browser.mjs BASE WORK
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { settle } from './serve_page.mjs';

const [, , base, work] = process.argv;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const il = JSON.parse(readFileSync(join(work, 'il.json'), 'utf8'));
const near = JSON.parse(readFileSync(join(work, 'near.json'), 'utf8'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  for (const [w, h] of [[1440, 900], [390, 844]]) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base + '/');
    await settle(page);
    const metrics = await page.$$eval('#m-metric option', (os) => os.map((o) => o.value));
    check(await page.locator('#m-metric').inputValue() === 'lq_posts' && metrics[metrics.length - 1] === 'partners',
      `${w}px: the map opens on the posts, the state's share (one colour over the city) last (${metrics})`);
    const sitesNote = await page.locator('#sites-note').textContent();
    const siteRows = await page.locator('#t-sites tbody tr').count();
    check(siteRows === near.sites.length && near.sites.length === 6 &&
      sitesNote.includes(`Only the sites inside this store’s areas, a city’s or a county’s, are measured: the ${near.sites_outside.toLocaleString('en-US')} elsewhere`),
      `${w}px: the sites table holds the ${near.sites.length} sites inside the tracts (near --areas tracts) and says why (${siteRows} rows; ${sitesNote})`);
    const note = page.locator('#local-state');
    check(await note.isVisible(), `${w}px: a note under the headline figures`);
    const text = await note.textContent();
    check(/areas \(“tracts”\) are a city’s or a county’s, in IL: the figures below are of the whole list until State is IL\./.test(text),
      `${w}px: … says they are the whole list's and names IL (${text})`);
    const first = async () => (await page.locator('#headlines li .big').first().textContent() || '').replace(/,/g, '');
    const whole = await first();
    const button = note.getByRole('button', { name: 'Show IL only' });
    check(await button.isVisible(), `${w}px: … with a button "Show IL only"`);
    const box = await button.boundingBox();
    check(box && box.x >= 0 && box.x + box.width <= w, `${w}px: … inside the page (${JSON.stringify(box)})`);
    check(await page.evaluate(() => document.documentElement.scrollWidth) <= w, `${w}px: no sideways scroll`);
    await button.click();
    await settle(page);
    check(await page.locator('#f-state').inputValue() === 'IL', `${w}px: the button sets State to IL`);
    check(new URL(page.url()).searchParams.get('state') === 'IL', `${w}px: … and the URL carries it`);
    check(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'f-state',
      `${w}px: … focus on the State filter, not lost with the button`);
    const shown = await first();
    check(shown === String(il.agencies) && shown !== whole,
      `${w}px: the headline gives IL's ${il.agencies} partnered agencies (partnerships --state IL), not the whole list's ${whole} (${shown})`);
    const status = await page.locator('#status').textContent();
    const n = (x) => x.toLocaleString('en-US');
    check(status.endsWith(`in IL in the snapshot of ${il.snapshot}: ${n(il.agencies)} agencies, ${n(il.total)} records.`), // no technology picked: records, not rows of partnerships
      `${w}px: the status line a screen reader hears gives the new counts (${status})`);
    check(/^Showing IL, the state this store’s areas \(“tracts”\) lie in\.$/.test(await note.textContent()),
      `${w}px: the note says it shows IL (${await note.textContent()})`);
    await page.locator('#f-reset').click();
    await settle(page);
    check(await note.getByRole('button', { name: 'Show IL only' }).isVisible(), `${w}px: Clear filters brings the button back`);
    /* an unnamed tract is found and headed as join names it ("Census Tract 8424, IL"), not by its GEOID */
    await page.locator('#m-area').fill('Census Tract 8424');
    await page.locator('#m-area').press('Enter');
    await settle(page);
    const tract = await page.locator('#area-body .area-name').textContent().catch(() => '');
    check(tract === 'Census Tract 8424, IL', `${w}px: "Census Tract 8424" finds the tract 17031842400, headed as join names it (${tract})`);
    check(errors.length === 0, `${w}px: no console errors ${errors.join('; ')}`);
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failures.length ? 1 : 0);
