// dirowner_keyboard_browser.mjs — /directory with a keyboard only, and zoomed
// to 400 % (see dirowner_keyboard_browser.sh). usage: node dirowner_keyboard_browser.mjs BASE
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = require('axe-core').source;
const [, , base] = process.argv;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} - ${what}`); };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  const r = e.getBoundingClientRect();
  return { tag: e.tagName, id: e.id, text: (e.textContent || '').trim().slice(0, 60),
    seen: r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth };
});

// the Tab presses from the "Suggest it" link to the list's first listing
async function walk(width, js = true) {
  const ctx = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: js, bypassCSP: true });
  const page = await ctx.newPage();
  await page.goto(`${base}/directory`, { waitUntil: 'load' });
  if (js) await page.waitForSelector('#dir-map[data-markers]', { timeout: 15000 });
  const first = await page.$eval('ol.listings a', (a) => a.textContent.trim());
  await page.focus('p.note a[href="/directory/suggest"]');
  let presses = 0, at;
  do { await page.keyboard.press('Tab'); presses++; at = await focused(page); } while (at.text !== first && presses < 80);
  await page.focus('p.note a[href="/directory/suggest"]');
  await page.keyboard.press('Tab');
  const next = await focused(page);
  return { ctx, page, first, presses, next };
}

{
  const { ctx, page, first, presses, next } = await walk(1440);
  check(next.tag === 'A' && next.text === 'Skip the map, to the list' && next.seen,
    `at 1440 px, the Tab after "Suggest it" is a visible "Skip the map, to the list" (got ${next.tag} "${next.text}"; the list's first listing was ${presses} presses away)`);
  await page.keyboard.press('Enter');
  const on = await focused(page);
  await page.keyboard.press('Tab');
  const after = await focused(page);
  check(on.id === 'listings' && after.text === first,
    `... Enter moves to the list: the next Tab is its first listing, "${first}" (focus was on ${on.tag}#${on.id}, then "${after.text}")`);
  await ctx.close();
}
{
  const { ctx, page, next } = await walk(320);
  check(next.text === 'Skip the map, to the list' && next.seen, 'at 320 px (1280 px at 400 %), the skip link shows whole when focused');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(wide <= 0, `... and the page does not scroll sideways with it focused (${wide} px too wide)`);
  await ctx.close();
}
{
  const { ctx, next, first } = await walk(1440, false);
  check(next.text !== 'Skip the map, to the list', `without JavaScript (no map) there is no skip link: the Tab after "Suggest it" is "${next.text}" (first listing "${first}")`);
  await ctx.close();
}
for (const width of [1440, 320]) {
  const ctx = await browser.newContext({ viewport: { width, height: 800 }, bypassCSP: true });
  const page = await ctx.newPage();
  await page.goto(`${base}/directory/1`, { waitUntil: 'load' });
  const h = await page.$$eval('h2', (hs) => hs.map((x) => x.textContent.trim()));
  await page.evaluate(axeSource);
  const v = (await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }))).violations;
  check(h.includes('Is this your business?') && v.length === 0,
    `a listing's page at ${width} px: "Is this your business?" is a heading a screen reader lists, and axe-core finds nothing ${v.map((x) => x.id).join(' ')}`);
  await ctx.close();
}
// with less motion asked, an arrow key on a map moves it at once: the map
// pane's transform sampled at every frame for 400 ms takes at most 2 values
async function glide(path, sel, motion) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: motion });
  const page = await ctx.newPage();
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
  await page.waitForSelector(`${sel} .leaflet-map-pane`, { state: 'attached', timeout: 20000 });
  await page.waitForTimeout(600);
  await page.focus(sel);
  await page.evaluate((sel) => {
    const pane = document.querySelector(`${sel} .leaflet-map-pane`);
    window.seen = new Set();
    const t0 = performance.now();
    (function frame() { window.seen.add(getComputedStyle(pane).transform); if (performance.now() - t0 < 400) requestAnimationFrame(frame); })();
  }, sel);
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(500);
  const n = await page.evaluate(() => window.seen.size);
  await ctx.close();
  return n;
}
for (const [path, sel] of [['/directory', '#dir-map'], ['/', '#map']]) {
  const still = await glide(path, sel, 'reduce'), moving = await glide(path, sel, 'no-preference');
  check(still <= 2 && moving > 2, `${path}: with less motion asked, an arrow key moves the map at once (${still} positions drawn; ${moving} without the wish)`);
}
await browser.close();
if (failures.length) { console.log(`${failures.length} failed`); process.exit(1); }
