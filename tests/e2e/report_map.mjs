// report_map.mjs — the map of an audit's report.html as a reader meets it
// (usage: node report_map.mjs REAL_REPORT_DIR DEMO_REPORT_DIR). See
// report_map.sh for what is checked and why.
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [, , realDir, demoDir] = process.argv;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });

async function open(dir, width, height) {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
  await page.waitForTimeout(500);
  return { page, errors };
}

/* Is the topmost element at the first agency's dot part of that dot? */
const agencyOnTop = (page) => page.evaluate(() => {
  const s = window.__slMap, m = s.map;
  let dot = null;
  s.overlays['Partnered agencies'].eachLayer((l) => { if (!dot && m.getBounds().contains(l.getLatLng())) dot = l; });
  const p = m.latLngToContainerPoint(dot.getLatLng()), r = document.getElementById('map').getBoundingClientRect();
  const el = document.elementFromPoint(r.left + p.x, r.top + p.y);
  return !!el && el === dot.getElement();
});

try {
  for (const [w, h] of [[1440, 900], [390, 844]]) {
    const { page, errors } = await open(realDir, w, h);
    check(errors.length === 0, `${w}px: no script errors ${errors.join('; ')}`);
    const engine = await page.evaluate(() => window.__slMap && window.__slMap.engine);
    check(engine === 'leaflet', `${w}px: map drawn by Leaflet (${engine}; without npm leaflet at configure time the page has only its SVG map)`);
    if (engine !== 'leaflet') { await page.close(); continue; }
    const view = await page.evaluate(() => {
      const m = window.__slMap.map, b = m.getBounds();
      return { west: b.getWest(), east: b.getEast(), north: b.getNorth(), south: b.getSouth(), min: m.getMinZoom(), max: m.getMaxZoom() };
    });
    check(view.west > -135 && view.east < -55 && view.east - view.west < 80 && view.south < 39 && view.north > 39,
      `${w}px: opens on the lower 48 (${view.west.toFixed(1)}..${view.east.toFixed(1)}, ${view.south.toFixed(1)}..${view.north.toFixed(1)})`);
    check(view.min >= 2 && view.max <= 16, `${w}px: zoom bounded (${view.min}..${view.max})`);
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    check(sw <= w, `${w}px: no horizontal scroll (page ${sw} px wide)`);
    if (w !== 1440) {
      check(await page.locator('.leaflet-control-layers-expanded').count() === 0, `${w}px: the layer panel is folded`);
      const chart = await page.locator('#timeline-chart svg').evaluate((e) => e.getBoundingClientRect().width);
      check(chart >= 640, `${w}px: the timeline keeps a legible width (${Math.round(chart)} px) in its own scrolling box`);
      await page.close();
      continue;
    }

    check(await page.locator('#metric').inputValue() === 'partners', 'areas coloured by partnered agencies by default');
    const options = await page.locator('#metric option').allTextContents();
    check(options.length > 3 && options.every((o) => !/_/.test(o)), `human labels for the colourings: ${options.join(' | ')}`);
    const legend = await page.locator('#legend').textContent();
    check(await page.locator('#legend .key').count() >= 5 && /no data/.test(legend) && /Partnered police agencies/.test(legend),
      'classed legend with a title and a no-data key');
    await page.selectOption('#metric', 'share_black');
    const breaks = await page.locator('#legend .key').allTextContents();
    check(breaks.filter((t) => /\d–\d/.test(t)).length >= 3, `class breaks in the legend: ${breaks.join(' | ')}`);

    await page.locator('#map').scrollIntoViewIfNeeded();
    await page.evaluate(() => { window.__slMap.map.setZoom(30); });
    check(await page.evaluate(() => window.__slMap.map.getZoom()) <= 16, 'cannot zoom to street-less depth');
    const scale = await page.locator('.leaflet-control-scale-line').first().textContent();
    check(!/^\s*[1-9] m\s*$/.test(scale), `scale bar at the deepest zoom: ${scale}`);
    await page.evaluate(() => { window.__slMap.map.fitBounds([[24.4, -125], [49.5, -66.9]]); });
    await page.waitForTimeout(300);
    check(await agencyOnTop(page), 'an agency dot is on top of the areas');
    const box = page.locator('.leaflet-control-layers label', { hasText: 'Areas' }).locator('input');
    await box.uncheck(); await box.check(); await page.waitForTimeout(300);
    check(await agencyOnTop(page), 'turning Areas off and on keeps the areas under the dots');
    await page.getByRole('button', { name: 'Alaska' }).click();
    await page.waitForTimeout(300);
    check(await page.evaluate(() => window.__slMap.map.getBounds().getNorth()) > 60, 'Alaska is reachable');
    await page.close();
  }

  const { page, errors } = await open(demoDir, 1440, 900);
  check(errors.length === 0, `demo: no script errors ${errors.join('; ')}`);
  const lq = await page.locator('#metric option[value^="lq_"]').first().getAttribute('value');
  await page.selectOption('#metric', lq);
  const mid = await page.locator('#legend .key', { hasText: '0.95–1.05' }).locator('i').evaluate((i) => getComputedStyle(i).backgroundColor).catch(() => null);
  check(mid === 'rgb(247, 247, 247)', `location quotient on a diverging ramp with a neutral class at 1 (${mid})`);
  await page.close();
} finally {
  await browser.close();
}
if (failures.length) { console.error(`FAIL: ${failures.length} map checks failed`); process.exit(1); }
console.log('PASS');
