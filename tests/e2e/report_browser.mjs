// report_browser.mjs — open an audit's report.html in Debian's chromium
// (headless, through playwright-core) and check what a reader would see:
// no console error, no request but the file itself and data: URLs, a map
// with drawn features, rendered charts, a screenshot that is not blank, and
// the payload post shown as literal text without ever running. Then the same
// page without Leaflet (nor its cluster plugin) must still draw its own SVG
// map, and printing works.
// usage: node report_browser.mjs REPORT_DIR WORK_DIR EXACT_REPORT_DIR (the same store, --exact)
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [, , reportDir, work, exactDir] = process.argv;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };

async function openReport(context, file) {
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const errors = [], requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { const u = r.url(); if (u !== url && !u.startsWith('data:')) requests.push(u); });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  return { page, errors, requests };
}

/* Pixel variance of a PNG screenshot, decoded by the browser from a data: URL. */
async function variance(page, png) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let n = 0, s = 0, s2 = 0;
    for (let i = 0; i < d.length; i += 4) { const v = (d[i] + d[i + 1] + d[i + 2]) / 3; n++; s += v; s2 += v * v; }
    return s2 / n - (s / n) * (s / n);
  }, png.toString('base64'));
}

const summary = JSON.parse(readFileSync(join(reportDir, 'summary.json'), 'utf8'));
const context = await chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), {
  executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1280, height: 900 },
});
try {
  const { page, errors, requests } = await openReport(context, join(reportDir, 'report.html'));
  const engine = await page.evaluate(() => window.__slMap && window.__slMap.engine);
  check(engine === 'leaflet' || engine === 'svg', `map engine: ${engine}`);
  if (engine === 'leaflet') {
    const shown = await page.evaluate(() => window.__slMap.areaLayers.map((l) => [window.__slMap.map.hasLayer(l), l.getLayers().length]));
    check(shown.length === 2 && shown.filter(([on]) => on).length === 1 && shown.find(([on]) => on)[1] === 36,
      `of the demo's two area sets only the finest (36 tracts) is drawn at first, the other a click away (${JSON.stringify(shown)})`);
  }
  const paths = await page.locator('#map path').count();
  check(paths > 36, `map draws features (${paths} SVG paths: 36 tracts + hexagons + rings)`);
  check(await page.locator('#timeline-chart rect.bar').count() > 0, 'partnership timeline chart has bars');
  if ((summary.disparity || []).length)
    check(await page.locator('.disparity-chart circle.share').count() > 0, 'disparity chart has points with intervals');
  check(await page.locator('#synthetic-banner').isVisible(), 'SYNTHETIC DEMO DATA banner visible');
  const shot = await page.screenshot();
  const v = await variance(page, shot);
  check(v > 100, `screenshot is not blank (pixel variance ${v.toFixed(0)})`);
  await page.locator('#map').scrollIntoViewIfNeeded();
  const mapShot = await page.locator('#map').screenshot();
  const mv = await variance(page, mapShot);
  check(mv > 50, `map screenshot is not blank (pixel variance ${mv.toFixed(0)})`);

  // Posts' texts are not published without --exact: no text cell, a note saying so.
  check(await page.locator('td.post-text').count() === 0 && /texts are not published here/.test(await page.locator('#filters').textContent()),
    'no post text in the report without --exact, and the filters section says why');
  // The payload post, in the --exact report that lists texts: literal text, never markup, never run.
  const ex = await openReport(context, join(exactDir, 'report.html'));
  const cell = ex.page.locator('td.post-text', { hasText: '<script>window.__pwned=1</script>' });
  check(await cell.count() >= 1 && await cell.first().isVisible(), 'payload <script> shown as visible text (--exact)');
  const text = (await cell.first().textContent()) || '';
  check(text.includes('<img src=x onerror="window.__pwned=1">'), 'payload <img onerror> shown as text');
  check(text.includes('javascript:alert(1)') && text.includes('href="javascript:'), 'payload javascript: shown as text');
  check(await cell.first().locator('img, script, a').count() === 0, 'payload made no element');
  check(await ex.page.locator('a[href^="javascript:"], img[src="x"]').count() === 0, 'no javascript: link or payload image anywhere');
  check(await ex.page.evaluate(() => window.__pwned) === undefined && ex.errors.length === 0 && ex.requests.length === 0,
    `--exact report: nothing ran, no console error or request ${JSON.stringify(ex.errors.concat(ex.requests))}`);
  await ex.page.close();
  // Clicking around the map opens popups built with textContent only.
  await page.locator('#map path').first().click({ force: true }).catch(() => {});
  await page.waitForTimeout(200);
  check(await page.evaluate(() => window.__pwned) === undefined, 'window.__pwned stays undefined');
  check(errors.length === 0, `no console errors ${errors.length ? JSON.stringify(errors) : ''}`);
  check(requests.length === 0, `no network requests ${requests.length ? JSON.stringify(requests) : ''}`);

  // On a phone the disparity chart is its narrow drawing, whole: every dot in view, no sideways scroll.
  await page.setViewportSize({ width: 390, height: 844 });
  const phone = await page.evaluate(() => [...document.querySelectorAll('.disparity-chart')].map((f) => {
    const wide = f.querySelector('svg.wide'), narrow = f.querySelector('svg.narrow'), box = f.getBoundingClientRect();
    const dots = [...narrow.querySelectorAll('circle.share')].map((c) => c.getBoundingClientRect());
    return { wideShown: getComputedStyle(wide).display !== 'none', narrowShown: getComputedStyle(narrow).display !== 'none',
      scrolls: f.scrollWidth > f.clientWidth + 1, dotsIn: dots.length > 0 && dots.every((d) => d.right <= box.right && d.left >= box.left) };
  }));
  check(phone.length > 0 && phone.every((c) => !c.wideShown && c.narrowShown && !c.scrolls && c.dotsIn),
    `390 px: each disparity chart shows its narrow drawing whole, every dot in view (${JSON.stringify(phone)})`);
  // Its table too: nothing past the box's edge, and every figure shown with its column's name.
  const tables = () => page.evaluate(() => [...document.querySelectorAll('#disparity .scroll')].map((box) => {
    const edge = box.getBoundingClientRect(), cells = [...box.querySelectorAll('tbody td')];
    const heads = [...box.querySelectorAll('thead th')].map((h) => h.textContent);
    return { scrolls: box.scrollWidth > box.clientWidth + 1,
      cellsIn: cells.every((c) => { const r = c.getBoundingClientRect(); return r.left >= edge.left - 1 && r.right <= edge.right + 1; }),
      headsShown: box.querySelector('thead').getBoundingClientRect().height > 2,
      labelled: cells.filter((c) => c.cellIndex > 0).every((c) => getComputedStyle(c, '::before').content === JSON.stringify(heads[c.cellIndex])) };
  }));
  const phoneTables = await tables();
  check(phoneTables.length > 0 && phoneTables.every((t) => !t.scrolls && t.cellsIn && (t.headsShown || t.labelled)),
    `390 px: each disparity table fits whole, every figure named (${JSON.stringify(phoneTables)})`);
  await page.setViewportSize({ width: 1280, height: 900 });
  const desk = await page.evaluate(() => [...document.querySelectorAll('.disparity-chart svg.narrow')].every((n) => getComputedStyle(n).display === 'none'));
  check(desk, '1280 px: the wide drawing alone');
  const deskTables = await tables();
  check(deskTables.every((t) => !t.scrolls && t.headsShown), `1280 px: each disparity table is a table under its header row (${JSON.stringify(deskTables)})`);

  // Printable: the print stylesheet applies and a PDF comes out.
  await page.emulateMedia({ media: 'print' });
  const pos = await page.evaluate(() => getComputedStyle(document.getElementById('synthetic-banner')).position);
  check(pos === 'static', `banner in the flow on paper, never over the content (${pos}); every page's margin repeats it (report_publish.sh)`);
  const pdf = await page.pdf({ format: 'A4' });
  check(pdf.length > 20000, `prints to PDF (${pdf.length} bytes)`);
  await page.close();

  // Without Leaflet (npm missing at build time) the report draws its own SVG map.
  const html = readFileSync(join(reportDir, 'report.html'), 'utf8');
  const noLeaflet = html.replace(/<script nonce="[0-9a-f]+">\n\/\* @preserve\n \* Leaflet[\s\S]*?<\/script>\n/, '')
    .replace(/<script nonce="[0-9a-f]+">\n\/\* Leaflet\.markercluster[\s\S]*?<\/script>\n/, '');
  if (noLeaflet !== html || engine === 'svg') {
    const file = join(work, 'report-svg.html');
    writeFileSync(file, noLeaflet);
    const r2 = await openReport(context, file);
    check(await r2.page.evaluate(() => window.__slMap && window.__slMap.engine) === 'svg', 'fallback: SVG map engine');
    check(await r2.page.locator('#map svg.svg-map path').count() > 36, 'fallback: SVG map draws features');
    check(r2.errors.length === 0 && r2.requests.length === 0, `fallback: no errors or requests ${JSON.stringify(r2.errors.concat(r2.requests))}`);
    check(await r2.page.evaluate(() => window.__pwned) === undefined, 'fallback: window.__pwned stays undefined');
  } else {
    check(false, 'could not strip Leaflet from the page to test the SVG fallback');
  }
} finally {
  await context.close();
}
if (failures.length) { console.error(`FAIL: ${failures.length} browser checks failed`); process.exit(1); }
console.log('PASS');
