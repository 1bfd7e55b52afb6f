// print_pages.mjs — the report, the dashboard, the directory and the
// campaign page printed to PDF as Chromium's print dialog does (Letter and
// A4, no background graphics), checked under print media and in the PDFs'
// text (see print_pages.sh). usage: node print_pages.mjs BASE WORK
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { settle } from './serve_page.mjs';

const [, , base, work] = process.argv;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const pages = (pdf) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
const text = (pdf, p) => execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' });
const whole = (pdf) => execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

/* What shows on paper: the elements of SEL that print media lays out. */
function shownOnPaper(sel) {
  return [...document.querySelectorAll(sel)].filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
    .map((e) => e.id || e.name || e.textContent.trim().slice(0, 30) || e.tagName);
}
/* The legend's colour swatches that an unticked "Background graphics" leaves empty. */
function blankSwatches(sel) {
  return [...document.querySelectorAll(sel)].filter((i) => !i.classList.contains('outline'))
    .filter((i) => getComputedStyle(i).printColorAdjust !== 'exact').length;
}
const black = (sel) => [...document.querySelectorAll(sel)].map((e) => getComputedStyle(e).backgroundColor);

async function printed(page, name) {
  await page.emulateMedia({ media: 'print' });
  await page.waitForTimeout(200);
  const out = {};
  for (const format of ['Letter', 'A4']) {
    out[format] = join(work, `${name}-${format}.pdf`);
    await page.pdf({ path: out[format], format, printBackground: false, timeout: 60000 });
  }
  return out;
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  ctx.setDefaultTimeout(30000);

  /* the report: its legend, its sites, and each page's margin */
  let page = await ctx.newPage();
  await page.goto(pathToFileURL(join(work, 'report', 'report.html')).href, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('#legend i').length > 0);
  let pdf = await printed(page, 'report');
  check(await page.evaluate(blankSwatches, '#legend i') === 0, 'report: every legend swatch prints without background graphics');
  const sites = await page.evaluate(black, '#legend i.key-sites');
  check(sites.length === 1 && sites[0] === 'rgb(0, 0, 0)', `report: on paper the sites' key is black, not the agencies' grey (${sites})`);
  for (const [format, file] of Object.entries(pdf)) {
    const n = pages(file);
    check(n >= 2 && n <= 40, `report ${format}: ${n} pages`);
    const torn = [...Array(n).keys()].map((i) => text(file, i + 1).replace(/\s+/g, ' '));
    const bare = torn.map((t, i) => (t.includes(`page ${i + 1} of ${n}`) &&
      t.includes('Agencies with surveillance technology on record — partnership list of 7 October 2020') ? 0 : i + 1)).filter(Boolean);
    check(bare.length === 0, `report ${format}: every page says what it is of and when, and "page N of ${n}" (not: ${bare.join(', ')})`);
  }
  /* the methods note, an appendix: whole, in small type and two columns
  ** (17 of 29 Letter pages in one column of body type; 11 in two columns
  ** once exclusions and the published disparity were described, run of
  ** 2026-12-07: the bound is the two columns', not a count to keep) */
  for (const [format, file] of Object.entries(pdf)) {
    const n = pages(file), torn = [...Array(n).keys()].map((i) => text(file, i + 1));
    const from = torn.findIndex((t) => /^Methods$/m.test(t)), to = torn.findIndex((t) => /^Sources$/m.test(t));
    const all = torn.join(' ').replace(/\s+/g, ' ');
    check(from > 0 && to >= from && to - from + 1 <= 12 && all.includes('Limitations (read before publishing)') && all.includes('Output fields'),
      `report ${format}: the methods note printed whole in at most 12 pages (pages ${from + 1} to ${to + 1} of ${n})`);
  }
  await page.close();

  /* "no data" on paper: hatched, not a grey as light as the first class in black and white */
  page = await ctx.newPage();
  await page.goto(pathToFileURL(join(work, 'report', 'report.html')).href, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('#legend i').length > 0);
  const fills = () => {
    const m = window.__slMap, out = [];
    m.areaLayers.forEach((l) => l.eachLayer((a) => { if (a._path && a.feature.properties.partners_per_100k == null) out.push(getComputedStyle(a._path).fill); }));
    const key = document.querySelector('#legend i.key-nodata');
    return { areas: out, key: key && getComputedStyle(key).backgroundImage, keyExact: key && getComputedStyle(key).printColorAdjust };
  };
  await page.evaluate(() => {
    const s = document.getElementById('metric'), m = window.__slMap;
    s.value = 'partners_per_100k';
    s.dispatchEvent(new Event('change'));
    m.areaLayers.forEach((l) => { if (!m.map.hasLayer(l)) m.map.addLayer(l); }); /* the counties hold the areas without residents */
  });
  const onScreen = await page.evaluate(fills);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  await page.waitForTimeout(200);
  const onPaper = await page.evaluate(fills);
  check(onPaper.areas.length > 0 && onPaper.areas.every((f) => f.includes('#sl-nodata-hatch')) && /repeating-linear-gradient/.test(onPaper.key) && onPaper.keyExact === 'exact',
    `report: "no data" hatched on paper, its areas (${onPaper.areas.length}: ${[...new Set(onPaper.areas)]}) and its key (${onPaper.key})`);
  check(onScreen.areas.length > 0 && onScreen.areas.every((f) => f === 'rgb(189, 189, 189)'), `report: "no data" stays grey on screen (${[...new Set(onScreen.areas)]})`);
  await page.close();

  /* the dashboard: nothing to click on paper, a legend that prints */
  page = await ctx.newPage();
  await page.goto(base + '/');
  await settle(page);
  await page.waitForFunction(() => document.querySelectorAll('#legend i').length > 0);
  /* the view the reader had, as Chromium prints: beforeprint under the screen's styles, then print media */
  const had = await page.evaluate(() => { const b = window.__slPage.map().getBounds(); return [[b.getNorth(), b.getWest()], [b.getSouth(), b.getEast()]]; });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 720, height: 960 }); /* the paper's width less margins, at 96 dpi */
  await page.waitForTimeout(300);
  const frame = await page.evaluate((had) => {
    const m = window.__slPage.map(), c = m.getContainer();
    return { w: c.clientWidth, h: c.clientHeight, pts: had.map((p) => m.latLngToContainerPoint(p)) };
  }, had);
  check(frame.w <= 650 && frame.pts.every((p) => p.x >= -2 && p.y >= -2 && p.x <= frame.w + 2 && p.y <= frame.h + 2),
    `dashboard: the view on screen is whole in the printed map (${frame.pts.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`).join(' ')} in ${frame.w}x${frame.h})`);
  /* the quotient's two ends, one grey in black and white: the areas over 1.05 and their keys hatched */
  const overFills = () => {
    const over = window.slColours.OVER || [], out = { over: 0, hatched: 0, keys: 0 };
    window.__slPage.map().eachLayer((l) => {
      if (!l.feature || !l._path) return;
      const f = l._path.getAttribute('fill');
      if (/^url\(#sl-hatch-/.test(f)) out.hatched++;
      if (over.includes(f)) out.over++;
    });
    out.keys = [...document.querySelectorAll('.legend i')].filter((i) => /repeating-linear-gradient/.test(getComputedStyle(i).backgroundImage)).length;
    out.note = (document.querySelector('.legend .paper-note') || {}).textContent || '';
    return out;
  };
  const lqPaper = await page.evaluate(overFills); /* (page.pdf ends with afterprint: looked at before) */
  check(lqPaper.hatched > 0 && lqPaper.over === 0 && lqPaper.keys === 3 && lqPaper.note.includes('Hatched: over 1.05'),
    `dashboard: on paper the quotient's areas over 1.05 and their 3 keys are hatched, and a line says so (${JSON.stringify(lqPaper)})`);
  pdf = await printed(page, 'dashboard');
  const controls = await page.evaluate(shownOnPaper, 'main button, main input, #filters, .leaflet-control-container');
  check(controls.length === 0, `dashboard: no button, field or map control on paper (${controls.join(', ')})`);
  check(await page.evaluate(blankSwatches, '#legend i') === 0, 'dashboard: every legend swatch prints without background graphics');
  const dsites = await page.evaluate(black, '#legend i.key-sites');
  check(dsites.length === 1 && dsites[0] === 'rgb(0, 0, 0)', `dashboard: on paper the sites' key is black (${dsites})`);
  check(whole(pdf.Letter).includes('Showing every record in the snapshot of 2020-10-07'),
    'dashboard: what the filters chose is printed in words');
  /* a torn page says what it is of, when, and which page of how many */
  const today = new Date().toISOString().slice(0, 10);
  for (const [format, file] of Object.entries(pdf)) {
    const n = pages(file);
    const bare = [...Array(n).keys()].map((i) => text(file, i + 1).replace(/\s+/g, ' ')).map((t, i) =>
      (t.includes(`page ${i + 1} of ${n}`) && t.includes(`sightline, live view of ${new URL(base).host}/`) &&
       t.includes(`snapshot 2020-10-07 — printed ${today}`) && t.includes('SYNTHETIC DEMO DATA') ? 0 : i + 1)).filter(Boolean);
    check(bare.length === 0, `dashboard ${format}: every page says what it is of, when, and "page N of ${n}" (not: ${bare.join(', ')})`);
  }
  /* the choices as words, not form controls */
  const selects = await page.evaluate(shownOnPaper, 'main select');
  const dt = whole(pdf.Letter);
  const said = ['Areas: demo-tracts (36)', 'Colour by: Police requests: location quotient', 'Bars by: year', 'Events: Police requests', 'Sites: every category'];
  check(selects.length === 0 && said.every((w) => dt.includes(w)),
    `dashboard: each select prints as "Label: value" (controls: ${selects.join(', ')}; missing: ${said.filter((w) => !dt.includes(w)).join('; ')})`);
  await page.emulateMedia({ media: 'screen' });
  await page.waitForTimeout(200);
  const lqScreen = await page.evaluate(overFills);
  check(lqScreen.hatched === 0 && lqScreen.over === lqPaper.hatched && lqScreen.keys === 0 && !lqScreen.note,
    `dashboard: back on screen the colours are as they were (${JSON.stringify(lqScreen)})`);
  await page.close();
  /* printed from a phone, where "Where these data come from" is folded */
  page = await ctx.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + '/');
  await settle(page);
  check(await page.evaluate(() => !document.getElementById('sources').open), 'dashboard 390px: the sources are folded on screen');
  pdf = await printed(page, 'dashboard-phone');
  check(whole(pdf.Letter).includes('File synthetic-agencies.csv (import 1)'), 'dashboard 390px: the sources print unfolded');
  await page.close();

  /* the directory as a handout: how to reach each listing */
  page = await ctx.newPage();
  await page.goto(base + '/directory');
  pdf = await printed(page, 'directory');
  const dirControls = await page.evaluate(shownOnPaper, 'main form, main input, main select, main button, .leaflet-control-container');
  check(dirControls.length === 0, `directory: no search form or map control on paper (${dirControls.join(', ')})`);
  const listed = JSON.parse(readFileSync(join(work, 'businesses.json'), 'utf8')).businesses;
  for (const [format, file] of Object.entries(pdf)) {
    const t = whole(file);
    const missing = listed.filter((b) => !(t.includes(b.name) && t.includes(b.address) && t.includes(b.phone))).map((b) => b.name);
    check(listed.length > 0 && missing.length === 0, `directory ${format}: each of the ${listed.length} listings with its address and phone (not: ${missing.join('; ')})`);
    check(pages(file) <= 3, `directory ${format}: ${pages(file)} pages for ${listed.length} listings`);
    const last = text(file, pages(file));
    check(listed.some((b) => last.includes(b.name)), `directory ${format}: the last page holds a listing, not the footer alone (${last.replace(/\s+/g, ' ').slice(0, 60)})`);
  }
  await page.close();
  /* one listing's page: its details, not the way back */
  page = await ctx.newPage();
  const one = listed[0];
  await page.goto(`${base}/directory/${one.id}`);
  pdf = await printed(page, 'listing');
  const lt = whole(pdf.Letter);
  check(lt.includes(one.address) && lt.includes(one.phone) && !lt.includes('Back to the directory'),
    `listing ${one.id}: its address and phone printed, not "Back to the directory"`);
  await page.close();

  /* the campaign as a flyer: where to sign, not a form */
  page = await ctx.newPage();
  await page.goto(base + '/campaign');
  await page.waitForLoadState('load');
  /* the pledge map as the reader saw it, whole in the paper's frame (as the dashboard's) */
  const drawn = await page.waitForFunction(() => { const f = document.getElementById('pledge-map-fig'); return f && f.slMap && window.slPaper; },
    null, { timeout: 10000 }).then(() => true, () => false);
  const pledged = drawn && await page.evaluate(() => { const b = document.getElementById('pledge-map-fig').slMap.getBounds(); return [[b.getNorth(), b.getWest()], [b.getSouth(), b.getEast()]]; });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 720, height: 960 });
  await page.waitForTimeout(300);
  const pframe = drawn ? await page.evaluate((had) => {
    const m = document.getElementById('pledge-map-fig').slMap, c = m.getContainer();
    return { w: c.clientWidth, h: c.clientHeight, pts: had.map((p) => m.latLngToContainerPoint(p)) };
  }, pledged) : { w: 0, h: 0, pts: [{ x: -99, y: -99 }] }; /* no map, or no refit for paper */
  check(drawn && pframe.w <= 650 && pframe.pts.every((p) => p.x >= -2 && p.y >= -2 && p.x <= pframe.w + 2 && p.y <= pframe.h + 2),
    `campaign: the pledge map's view on screen is whole in the printed map (${pframe.pts.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`).join(' ')} in ${pframe.w}x${pframe.h})`);
  pdf = await printed(page, 'campaign');
  const fields = await page.evaluate(shownOnPaper, 'main input:not([type=hidden]), main select, main button, .leaflet-control-container');
  check(fields.length === 0, `campaign: no field or button on paper (${fields.join(', ')})`);
  for (const [format, file] of Object.entries(pdf)) {
    const t = whole(file);
    check(t.includes(`Sign the pledge at ${base}/campaign`), `campaign ${format}: says where to sign (${base}/campaign)`);
    check(t.includes('Cancel my Ring subscription'), `campaign ${format}: the pledge's steps are printed`);
  }
  await page.close();
} finally {
  await browser.close();
}
if (failures.length) { console.error(`FAIL: ${failures.length} print checks failed`); process.exit(1); }
console.log('every print check passed');
