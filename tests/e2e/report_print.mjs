// report_print.mjs — report.html on paper (usage: node report_print.mjs
// REPORT_DIR OUT.pdf): prints with chromium's print-to-PDF after checking,
// under print media, what the printed page must be: the banner in the flow
// (not fixed over the content), no scroll box cutting a table or chart, no
// controls, the map refitted to the paper, links followed by their URL.
// Prints one JSON line of facts for report_publish.sh; exits 1 on a failed check.
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [, , dir, pdfPath] = process.argv;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 680, height: 960 }); /* A4 less margins, at 96 dpi */
  await page.waitForTimeout(400);
  const f = await page.evaluate(() => {
    const banner = document.querySelector('.banner');
    const cut = [...document.querySelectorAll('.scroll, figure.chart, table, svg')]
      .filter((e) => !e.closest('#map') && e.scrollWidth > e.clientWidth + 2 && getComputedStyle(e).overflowX !== 'visible')
      .map((e) => e.id || e.className.baseVal || e.className || e.tagName);
    const wide = [...document.querySelectorAll('main table, main figure')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 2).length;
    const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== 'none' && e.getClientRects().length);
    const links = [...document.querySelectorAll('a[href^="http"]')];
    const m = window.__slMap && window.__slMap.map, b = m && m.getBounds();
    return {
      banner: banner ? { position: getComputedStyle(banner).position, text: banner.textContent } : null,
      cut, wide, controls: shown('.map-controls, .map-jump, .leaflet-control-container'),
      printNote: shown('.print-only'),
      links: links.length,
      linkUrls: links.filter((a) => getComputedStyle(a, '::after').content.includes(a.getAttribute('href'))).length,
      view: b ? { west: b.getWest(), east: b.getEast(), south: b.getSouth(), north: b.getNorth() } : null,
      mapWidth: document.getElementById('map').getBoundingClientRect().width,
      h1: document.querySelector('h1').textContent,
      lead: (document.getElementById('lead') || { textContent: '' }).textContent,
    };
  });
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
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
  console.log(JSON.stringify({ h1: f.h1, lead: f.lead, banner: f.banner && f.banner.text, links: f.links }));
} finally {
  await browser.close();
}
if (failures.length) { console.error(`FAIL: ${failures.length} print checks failed`); process.exit(1); }
