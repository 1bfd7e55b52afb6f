// nojs_browser.mjs — the dashboard and the report with JavaScript off, in
// Debian's chromium (headless, playwright-core), as a visitor in Tor Browser
// at "Safest" meets them: the dashboard says in plain words that it needs
// JavaScript and links to the campaign, the directory and the JSON; its
// never-ending "Loading the store…", its empty map box and empty controls are
// gone. The report keeps its headlines and tables, and where its map box
// would stand empty it says what the map is and that data/ holds its layers.
// With JavaScript on, neither note shows and both maps are there. Nothing
// scrolls sideways at 390 px.
// usage: node nojs_browser.mjs BASE_URL REPORT_HTML WORK_DIR
import { chromium } from 'playwright-core';
import { join } from 'node:path';

const [, , base, report, work] = process.argv;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
const open = async (js, width, url) => {
  const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width, height: width > 500 ? 900 : 844 } });
  const page = await ctx.newPage();
  await page.goto(url);
  return { ctx, page };
};
const textOf = (page, sel) => page.locator(sel).first().textContent({ timeout: 1000 }).catch(() => '');
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

for (const width of [1440, 390]) {
  const { ctx, page } = await open(false, width, base + '/');
  check(await page.isVisible('.nojs h2'), `${width} px, no JavaScript: the dashboard says it needs JavaScript`);
  const text = await textOf(page, '.nojs');
  check(/JavaScript is off/.test(text) && /report\.html/.test(text) && /data\//.test(text),
    `${width} px: the note says JavaScript is off and points to report.html and its data/`);
  for (const href of ['/campaign', '/directory', '/api/partnerships?by=state'])
    check(await page.locator(`.nojs a[href="${href}"]`).isVisible(), `${width} px: the note links to ${href}`);
  check(!(await page.isVisible('#store-meta')), `${width} px: no "Loading the store…" that never ends`);
  check(!(await page.isVisible('#map')) && !(await page.isVisible('#filters')),
    `${width} px: no empty map box, no filters that do nothing`);
  check(!(await sideways(page)), `${width} px: the dashboard does not scroll sideways`);
  await page.screenshot({ path: join(work, `nojs-dashboard-${width}.png`), fullPage: true });
  const api = await page.goto(base + '/api/partnerships?by=state');
  check(api.status() === 200, `${width} px: the JSON it links to opens (${api.status()})`);
  await ctx.close();
}
{
  const { ctx, page } = await open(true, 1440, base + '/');
  await page.waitForSelector('#headlines li', { timeout: 15000 });
  check(!(await page.isVisible('.nojs')) && await page.isVisible('#map'), 'with JavaScript the note is gone and the map is there');
  await ctx.close();
}

for (const width of [1440, 390]) {
  const { ctx, page } = await open(false, width, 'file://' + report);
  check(await page.isVisible('#map-section .nojs'), `${width} px, no JavaScript: the report's map section says what the map is`);
  const text = await textOf(page, '#map-section .nojs');
  check(/JavaScript is off/.test(text) && /data\//.test(text) && /GeoJSON/.test(text),
    `${width} px: it says JavaScript is off and that data/ holds the layers`);
  check(!(await page.isVisible('#map')), `${width} px: no empty map box`);
  check(!(await page.isVisible('#map-section select')), `${width} px: no empty "Colour areas by" select`);
  check(await page.isVisible('#headlines') && (await page.$$('table')).length >= 3,
    `${width} px: the headlines and tables are all there (${(await page.$$('table')).length} tables)`);
  check(!(await sideways(page)), `${width} px: the report does not scroll sideways`);
  await page.locator('#map-section').screenshot({ path: join(work, `nojs-report-map-${width}.png`) });
  await ctx.close();
}
{
  const { ctx, page } = await open(true, 1440, 'file://' + report);
  await page.waitForSelector('#map .leaflet-container, #map.leaflet-container', { timeout: 15000 });
  check(!(await page.isVisible('#map-section .nojs')) && await page.isVisible('#map'),
    "with JavaScript the report's note is gone and the map is there");
  await ctx.close();
}
await browser.close();
console.log(failures.length ? `${failures.length} check(s) failed` : 'all checks passed');
process.exit(failures.length ? 1 : 0);
