// report_print.mjs — report.html on paper (usage: node report_print.mjs
// REPORT_DIR OUT.pdf [S,W,N,E]): prints with chromium's print-to-PDF (A4 to
// OUT.pdf, Letter to OUT-letter.pdf) after checking,
// under print media, what the printed page must be: the banner in the flow
// (not fixed over the content), no scroll box cutting a table or chart, no
// controls, the map refitted to the paper (with S,W,N,E: that box wholly in
// the printed frame), the map section free to start on page 1, links
// followed by their URL.
// Prints one JSON line of facts for report_publish.sh; exits 1 on a failed check.
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [, , dir, pdfPath, whole] = process.argv;
const box = whole ? whole.split(',').map(Number) : null; /* S,W,N,E */
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  /* As chromium prints: beforeprint comes while the screen styles still
  ** apply, then the print media; a map fitted in beforeprint to the
  ** screen's size was cut off on paper (New England, Florida). */
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 680, height: 960 }); /* A4 less margins, at 96 dpi */
  await page.waitForTimeout(400);
  const f = await page.evaluate((box) => {
    const banner = document.querySelector('.banner');
    const cut = [...document.querySelectorAll('.scroll, figure.chart, table, svg')]
      .filter((e) => !e.closest('#map') && e.scrollWidth > e.clientWidth + 2 && getComputedStyle(e).overflowX !== 'visible')
      .map((e) => e.id || e.className.baseVal || e.className || e.tagName);
    const wide = [...document.querySelectorAll('main table, main figure')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 2).length;
    const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== 'none' && e.getClientRects().length);
    const links = [...document.querySelectorAll('a[href^="http"]')];
    const m = window.__slMap && window.__slMap.map, b = m && m.getBounds();
    /* where the lower 48's corners are drawn in the printed frame, as laid
    ** out (not the map's own idea of its size, which a refit updates) */
    const frame = document.getElementById('map');
    const corners = m && box
      ? [[box[2], box[1]], [box[0], box[3]]].map((c) => m.latLngToContainerPoint(c))
          .map((p) => ({ x: p.x, y: p.y, inside: p.x >= -1 && p.y >= -1 && p.x <= frame.clientWidth + 1 && p.y <= frame.clientHeight + 1 }))
      : null;
    return {
      banner: banner ? { position: getComputedStyle(banner).position, text: banner.textContent } : null,
      cut, wide, controls: shown('.map-controls, .map-jump, .leaflet-control-container'),
      printNote: shown('.print-only'),
      links: links.length,
      linkUrls: links.filter((a) => getComputedStyle(a, '::after').content.includes(a.getAttribute('href'))).length,
      view: b ? { west: b.getWest(), east: b.getEast(), south: b.getSouth(), north: b.getNorth() } : null,
      mapWidth: document.getElementById('map').getBoundingClientRect().width,
      corners, sectionWhole: getComputedStyle(document.getElementById('map-section')).breakInside,
      legend: (document.getElementById('legend') || { innerText: '' }).innerText,
      metaWhole: [...document.querySelectorAll('p.meta')].map((e) => getComputedStyle(e).breakInside),
      h1: document.querySelector('h1').textContent,
      lead: (document.getElementById('lead') || { textContent: '' }).textContent,
    };
  }, box);
  check(errors.length === 0, `no script errors ${errors.join('; ')}`);
  check(!f.banner || f.banner.position === 'static', `the banner is in the flow, not fixed over the content (${f.banner && f.banner.position})`);
  check(f.cut.length === 0, `no scroll box cuts a table or chart on paper (${f.cut.join(', ')})`);
  check(f.wide === 0, `no table or chart wider than the paper (${f.wide})`);
  check(!f.controls, 'no map controls or buttons on paper');
  check(f.printNote, 'a note says what the printed map shows');
  check(f.linkUrls === f.links, `every link shows its URL (${f.linkUrls} of ${f.links})`);
  check(f.mapWidth <= 680, `the map fits the paper (${Math.round(f.mapWidth)} px)`);
  if (f.view) check(f.view.east - f.view.west < 120 && f.view.west > -180,
    `the printed map is refitted to the paper (${f.view.west.toFixed(1)}..${f.view.east.toFixed(1)})`);
  if (f.corners) check(f.corners.every((c) => c.inside),
    `the whole lower 48 is inside the printed map (${f.corners.map((c) => `${Math.round(c.x)},${Math.round(c.y)}`).join(' ')} in ${Math.round(f.mapWidth)} px)`);
  /* a map section that must not break went whole to page 2, leaving page 1
  ** with the title and lead only; the map and its legend keep together */
  check(f.sectionWhole !== 'avoid', `the map section may start under the lead (break-inside: ${f.sectionWhole})`);
  /* paper cannot zoom: "numbered circles count those nearby until you zoom
  ** in" and "rings ... when zoomed in" are the screen's */
  check(!/zoom/.test(f.legend), `the printed legend says nothing of zooming (${f.legend.replace(/\s+/g, ' ').slice(0, 160)})`);
  /* the closing line with the command: a last page held only its end */
  check(f.metaWhole.length > 0 && f.metaWhole.every((b) => b === 'avoid'), `the closing line keeps together (${f.metaWhole})`);
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.pdf({ path: pdfPath.replace(/\.pdf$/, '-letter.pdf'), format: 'Letter', printBackground: true, preferCSSPageSize: true });
  console.log(JSON.stringify({ h1: f.h1, lead: f.lead, banner: f.banner && f.banner.text, links: f.links }));
} finally {
  await browser.close();
}
if (failures.length) { console.error(`FAIL: ${failures.length} print checks failed`); process.exit(1); }
