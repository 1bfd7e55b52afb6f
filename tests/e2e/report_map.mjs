// report_map.mjs — the map of an audit's report.html as a reader meets it
// (usage: node report_map.mjs REAL_REPORT_DIR DEMO_REPORT_DIR). See
// report_map.sh for what is checked and why.
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [, , realDir, demoDir, fewDir] = process.argv;
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

/* Zoomed in on Cook County, IL (where clusters have opened into dots), is
 * the topmost element at an agency's dot that dot? */
const agencyOnTop = async (page) => {
  await page.evaluate(() => { window.__slMap.map.setView([41.85, -87.75], 10, { animate: false }); });
  await page.waitForTimeout(400);
  return page.evaluate(() => {
    const s = window.__slMap, m = s.map, r = document.getElementById('map').getBoundingClientRect();
    let dot = null;
    s.overlays['Partnered agencies'].eachLayer((l) => {
      if (!dot && l.getElement && l.getElement() && m.getBounds().pad(-0.1).contains(l.getLatLng())) dot = l;
    });
    if (!dot) return false;
    const p = m.latLngToContainerPoint(dot.getLatLng());
    const el = document.elementFromPoint(r.left + p.x, r.top + p.y);
    return !!el && el === dot.getElement();
  });
};

/* What the opening view draws: cluster icons and single dots of points. */
const pointsDrawn = (page) => page.evaluate(() => ({
  clusters: document.querySelectorAll('#map .sl-cluster').length,
  clustered: [...document.querySelectorAll('#map .sl-cluster span')].reduce((n, e) => n + Number(e.textContent.replace(/,/g, '')), 0),
  dots: document.querySelectorAll('#map .leaflet-points-pane path.leaflet-interactive').length,
  focusable: document.querySelectorAll('#map .sl-cluster[tabindex], #map .sl-cluster[role="button"]').length,
}));

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
    // A box that scrolls sideways says so, and only such a box.
    const boxes = await page.evaluate(() => [...document.querySelectorAll('.scroll, figure.chart')].map((b) => ({
      wide: b.scrollWidth > b.clientWidth + 1, marked: b.classList.contains('scrolls'),
      hint: getComputedStyle(b, '::before').content })));
    const wide = boxes.filter((b) => b.wide).length;
    check(boxes.every((b) => b.wide === b.marked && (!b.marked || /Scroll sideways/.test(b.hint))) && (w === 1440 ? wide === 0 : wide > 0),
      `${w}px: ${wide} of ${boxes.length} tables and charts scroll sideways, each saying so`);
    if (w !== 1440) {
      check(await page.locator('.leaflet-control-layers-expanded').count() === 0, `${w}px: the layer panel is folded`);
      const chart = await page.locator('#timeline-chart svg').evaluate((e) => e.getBoundingClientRect().width);
      check(chart >= 640, `${w}px: the timeline keeps a legible width (${Math.round(chart)} px) in its own scrolling box`);
      await page.close();
      continue;
    }

    check(await page.locator('#metric').inputValue() === 'partners', 'areas coloured by partnered agencies by default');
    const drawn = await pointsDrawn(page);
    check(drawn.clusters > 20 && drawn.clusters + drawn.dots < 600 && drawn.clustered + drawn.dots > 2500,
      `the nation's points drawn as ${drawn.clusters} counted clusters and ${drawn.dots} dots`);
    // Each cluster was a tab stop read "2, button" (143 of them before the tables).
    check(drawn.focusable === 0, `no cluster is a tab stop or a button (${drawn.focusable} are)`);
    const outlines = await page.evaluate(() => {
      const o = window.__slMap.overlays['State outlines'];
      if (!o) return null;
      const pane = window.__slMap.map.getPane('outlines'), z = (n) => Number(getComputedStyle(window.__slMap.map.getPane(n)).zIndex);
      return { n: o.getLayers().length, paths: pane.querySelectorAll('path').length, above: z('outlines') > z('overlayPane'),
        below: z('outlines') < z('points'), clickThrough: getComputedStyle(pane).pointerEvents === 'none' };
    });
    check(outlines && outlines.n >= 50 && outlines.paths >= 50, `state outlines drawn as a basemap (${outlines && outlines.n} states)`);
    check(outlines && outlines.above && outlines.below && outlines.clickThrough,
      'outlines above the area colours, under the points, and not in the way of a click');
    const options = await page.locator('#metric option').allTextContents();
    check(options.length > 3 && options.every((o) => !/_/.test(o)), `human labels for the colourings: ${options.join(' | ')}`);
    const legend = await page.locator('#legend').textContent();
    check(await page.locator('#legend .key').count() >= 5 && /no data/.test(legend) && /Areas: Partnered agencies(?! per)/.test(legend) && !/police agencies/.test(legend),
      'classed legend with a title and a no-data key');
    // the dots beside the 1,498 of the lead: what became of the rest (a copy editor's walk, run of 2026-12-06)
    check(/at their registry location \(1,472 of the 1,498 counted; 20 not linked to the registry, 6 without a registry location[;)]/.test(legend),
      `the agencies' key says the 1,472 dots are of the 1,498 in the lead and why the rest are not there: ${legend.slice(legend.indexOf('at their registry'), legend.indexOf('at their registry') + 140)}`);
    await page.selectOption('#metric', 'share_black');
    const breaks = await page.locator('#legend .key').allTextContents();
    check(breaks.filter((t) => /\d–\d/.test(t)).length >= 3, `class breaks in the legend: ${breaks.join(' | ')}`);
    /* A rate per resident leaves the counties of under 500 residents (Loving, TX: 86) out of its classes. */
    await page.selectOption('#metric', 'partners_per_100k');
    const fewKey = await page.locator('#legend .key', { hasText: 'fewer than 500 residents' }).allTextContents();
    check(fewKey.length === 1 && /\(7 areas\)/.test(fewKey[0]), `rates: a legend key for the 7 counties of few residents (${fewKey})`);
    const fills = await page.evaluate(() => {
      const out = {};
      window.__slMap.areaLayers.forEach((g) => g.eachLayer((l) => {
        if (l.feature && ['48301', '48201'].includes(l.feature.properties.id)) {
          out[l.feature.properties.id] = l.options.fillColor;
          if (l.feature.properties.id === '48301') { l.openPopup(); out.popup = l.getPopup().getElement().textContent; l.closePopup(); }
        }
      }));
      return out;
    });
    check(fills['48301'] === '#dadaeb' && fills['48201'] !== '#dadaeb' && /Fewer than 500 residents/.test(fills.popup || ''),
      `Loving County, TX drawn apart and its popup says why; Harris County classed (${JSON.stringify(fills)})`);
    await page.selectOption('#metric', 'partners');
    check(await page.locator('#legend .key', { hasText: 'fewer than 500' }).count() === 0, 'counts: no few-residents key');

    await page.locator('#map').scrollIntoViewIfNeeded();
    await page.evaluate(() => { window.__slMap.map.setZoom(30); });
    check(await page.evaluate(() => window.__slMap.map.getZoom()) <= 16, 'cannot zoom to street-less depth');
    const scale = await page.locator('.leaflet-control-scale-line').first().textContent();
    check(!/^\s*[1-9] m\s*$/.test(scale), `scale bar at the deepest zoom: ${scale}`);
    check(await agencyOnTop(page), 'zoomed in, clusters open into dots, and an agency dot is on top of the areas');
    const cook = await page.evaluate(() => {
      let t = null;
      window.__slMap.areaLayers.forEach((g) => g.eachLayer((l) => {
        if (l.feature && l.feature.properties.id === '17031') { l.openPopup(); t = l.getPopup().getElement().querySelector('b').textContent; l.closePopup(); }
      }));
      return t;
    });
    check(/^Cook( County)?, IL$/.test(cook || ''), `a county's popup names its state from the audit's FIPS table (${cook})`);
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
  // 160 requests are enough to quote: the demo opens as it always has.
  const hexKey = (await page.locator('#legend .key', { hasText: 'camera hexagons' }).allTextContents()).join(' ');
  check(/camera hexagons \(at least 5 camera locations; most \d+ cameras\)/.test(hexKey),
    `demo: the hexagons' key says k counts camera locations, as the table does (${hexKey})`);
  const demoFirst = await page.locator('#metric').inputValue();
  check(demoFirst === 'partners', `demo: areas coloured by partnered agencies by default (${demoFirst})`);
  const lq = await page.locator('#metric option[value^="lq_"]').first().getAttribute('value');
  await page.selectOption('#metric', lq);
  const mid = await page.locator('#legend .key', { hasText: '0.95–1.05' }).locator('i').evaluate((i) => getComputedStyle(i).backgroundColor).catch(() => null);
  check(mid === 'rgb(247, 247, 247)', `location quotient on a diverging ramp with a neutral class at 1 (${mid})`);
  check(await page.locator('#legend .caution').count() === 0, 'demo: quotients of 160 requests need no caution');
  await page.close();

  const few = await open(fewDir, 1440, 900);
  // The page calls five requests too few to quote: it does not open on
  // their count, rate or quotients (it opened on their quotients).
  const fewFirst = await few.page.locator('#metric').inputValue();
  check(fewFirst === 'share_black', `five requests: the map opens on the share of Black residents, not on the requests (${fewFirst})`);
  check(await few.page.locator('#metric option[value="lq_requests"]').count() === 1, 'five requests: their quotients are still a colouring to choose');
  await few.page.selectOption('#metric', 'lq_requests');
  const caution = await few.page.locator('#legend .caution').allTextContents();
  check(caution.length === 1 && /^Caution \(toy\): Only 5 events lie inside the study areas/.test(caution[0]),
    `five requests: the legend of their quotients carries the caution (${caution})`);
  await few.page.close();
} finally {
  await browser.close();
}
if (failures.length) { console.error(`FAIL: ${failures.length} map checks failed`); process.exit(1); }
console.log('PASS');
