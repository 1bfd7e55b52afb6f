// serve_board_browser.mjs — the real store's dashboard as a board member
// reads it: where its data come from, and the timeline's partial last year
// (see serve_board_browser.sh).
// usage: node serve_board_browser.mjs BASE WORK
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { settle } from './serve_page.mjs';

const [, , base, work] = process.argv;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const info = JSON.parse(readFileSync(join(work, 'info.json'), 'utf8'));
const ring = JSON.parse(readFileSync(join(work, 'ring.json'), 'utf8'));
const joined = JSON.parse(readFileSync(join(work, 'join.json'), 'utf8'));
const partial = readFileSync(join(work, 'ring.txt'), 'utf8').split('\n').map((l) => l.trim())
  .find((l) => l.startsWith('2020 runs only to'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  for (const [w, h] of [[1440, 900], [390, 844]]) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base + '/?tech=ring');
    await settle(page);

    /* from where, of when, under which licence: one line per import */
    const sum = page.locator('#sources summary');
    check(await sum.isVisible() && /^Where these data come from \(4 imports\)$/.test(await sum.textContent()),
      `${w}px: under the title, "Where these data come from (4 imports)" (${await sum.count() ? await sum.textContent() : 'none'})`);
    if (!(await page.locator('#sources').evaluate((d) => d.open).catch(() => false))) await sum.click().catch(() => {});
    const items = await page.locator('#sources-list li').allTextContents();
    for (const s of info.sources) {
      const li = items.find((t) => t.includes(`(import ${s.id})`)) || '';
      const want = s.publisher ? [s.publisher, `data of ${s.year}`, `Licence: ${s.licence}`, s.url]
        : ['publisher, year and licence not recorded at import'];
      check(want.every((x) => li.includes(x)) && li.includes(s.file),
        `${w}px: import ${s.id} (${s.kind}, ${s.file}) names ${want.join(' | ')} (${li})`);
    }
    const ice = info.sources.find((s) => s.kind === 'sites');
    check(items.some((t) => t.includes(`${ice.rows.toLocaleString('en-US')} records (${ice.skipped} more skipped: ${ice.skipped_why})`)),
      `${w}px: the sites' line counts the ${ice.skipped} records the import skipped`);
    check(items.some((t) => t.startsWith('Partnerships, snapshot 2020-10-07: Electronic Frontier Foundation')),
      `${w}px: the Atlas's line gives its snapshot`);
    /* the headline's agencies and the share's numerator differ by the agencies not in the registry: said there */
    const fmt = (n) => n.toLocaleString('en-US');
    const figA = await page.locator('#fig-agencies').textContent(), share0 = await page.locator('#fig-share-0').textContent();
    const other = fmt(ring.agencies - ring.unlinked_agencies);
    check(ring.unlinked_agencies > 0 && figA.includes(`; ${fmt(ring.unlinked_agencies)} of them linked to no registry agency, so a share below can count only the other ${other}`) &&
      share0.includes(`(${other} of `), `${w}px: the headline says why its agencies are not the share's (${figA} | ${share0})`);
    const href = await page.locator('#sources-list a').first().getAttribute('href').catch(() => null);
    check(href === 'https://cde.ucr.cjis.gov', `${w}px: the registry's address is a link (${href})`);
    check(await page.evaluate(() => document.documentElement.scrollWidth) <= w, `${w}px: no sideways scroll`);

    /* a table's scroll box is a tab stop so that a keyboard scrolls it; an
     * empty one (one snapshot: no changes; no cameras: no sites' table) read nothing */
    const stops = await page.$$eval('.scroll[tabindex="0"]', (es) => es.filter((e) => e.offsetParent !== null &&
      !(e.querySelector('table') || {}).childElementCount).map((e) => e.getAttribute('aria-labelledby') || e.getAttribute('aria-label')));
    check(stops.length === 0, `${w}px: no empty table is a tab stop (${stops})`);

    /* her city on a map of counties: the county its agencies are in */
    await page.locator('#m-area').fill('Chicago');
    await page.locator('#m-area').press('Enter');
    const said = await page.locator('#area-empty').textContent();
    check(said.startsWith('No area of counties is called “Chicago”. Partnered agencies named so are in these areas'),
      `${w}px: "Chicago" on a map of counties points to the agencies' counties (${said})`);
    const cook = page.locator('#area-body button', { hasText: 'Cook, IL (Chicago Police Department' });
    check(await cook.count() === 1, `${w}px: ... a button "Cook, IL (Chicago Police Department)" (${await page.locator('#area-body button').allTextContents()})`);
    if (await cook.count()) {
      await cook.click();
      await settle(page);
      const title = await page.locator('#area-body .area-name').textContent().catch(() => '');
      check(title === 'Cook, IL' && await page.locator('#m-area').inputValue() === 'Cook, IL',
        `${w}px: ... which opens Cook, IL's figures (${title})`);
      /* the store holds sites alone: the heading names them, not "points and requests" */
      const heads = await page.locator('#area-body h4').allTextContents();
      check(heads.includes('Sensitive sites in this area (exact, for analysis)') && !heads.some((h) => /Points and requests/.test(h)),
        `${w}px: ... its figures headed by what the store holds, sensitive sites (${heads})`);
    }
    await page.locator('#m-area').fill('Nowhereville');
    await page.locator('#m-area').press('Enter');
    const none = await page.locator('#area-empty').textContent();
    check(/^No area of counties is called “Nowhereville”\. Type an area’s name or id as “The map as a table” lists them, or click the map\.$/.test(none) &&
      await page.locator('#area-body button').count() === 0, `${w}px: a name nobody has says where the names are (${none})`);
    /* the map as a table: each share or rate beside what it is of */
    const all = async () => { const b = page.locator('details.area-table button', { hasText: /^Show all/ }); if (await b.count()) await b.click(); };
    const row = async (name) => page.locator('#t-areas tbody tr', { has: page.locator('th:first-child', { hasText: new RegExp(`^${name}$`) }) })
      .first().locator('th, td').allTextContents().catch(() => []);
    await page.locator('#area-table-sum').click();
    await all();
    for (const st of ['HI', 'IL']) {
      const r = ring.by_registry[st], cells = await row(st === 'HI' ? 'Maui, HI' : 'Cook, IL');
      check(cells[2] === `${r.partnered.toLocaleString('en-US')} of ${r.agencies.toLocaleString('en-US')} agencies in ${st}`,
        `${w}px: the map's table gives ${st}'s share with its partnered and registry agencies (partnerships --by state) (${cells})`);
    }
    await page.selectOption('#m-metric', 'sites_per_100k');
    await settle(page);
    await all();
    const ck = joined.areas.find((a) => a.id === '17031'), cc = await row('Cook, IL');
    check(cc[2] === `${ck.count} in ${ck.population.toLocaleString('en-US')} residents`,
      `${w}px: ... and Cook's sites per 100,000 residents with its ${ck.count} sites in ${ck.population} residents (join) (${cc})`);
    await page.selectOption('#m-metric', 'partners');
    await settle(page);

    /* the snapshot's year is not a whole year: said as the CLI says it */
    const cap = await page.locator('#timeline-caption').textContent();
    check(!!partial && cap.includes(partial), `${w}px: the timeline's caption says "${partial}" (${cap})`);
    await page.locator('#f-until').fill('2019-12-31');
    await page.locator('#f-until').dispatchEvent('change');
    await settle(page);
    const cap2 = await page.locator('#timeline-caption').textContent();
    check(!cap2.includes('runs only to'), `${w}px: ... and nothing of it when the bars end in 2019 (${cap2})`);
    await page.goto(base + '/');
    await settle(page);
    /* every technology's bars, 2006 to 2020: every bar's count readable: no two touch (on a phone 1,329 ran into
     * 2,141); where they cannot fit the chart scrolls, at its newest end */
    const boxes = await page.locator('#timeline-chart text.value').evaluateAll((ts) => ts.map((t) => {
      const b = t.getBBox(); return [b.x, b.x + b.width, t.textContent]; }));
    const touching = boxes.filter((b, i) => i && b[0] < boxes[i - 1][1] + 2).map((b) => b[2]);
    check(boxes.length >= 15 && touching.length === 0, `${w}px: the timeline's ${boxes.length} counts do not touch (${touching})`);
    const scrolled = await page.locator('#timeline-chart .chart-scroll').evaluateAll((f) => f.map((x) =>
      x.scrollWidth > x.clientWidth && x.scrollLeft + x.clientWidth >= x.scrollWidth - 1));
    check(w === 390 ? scrolled.length === 1 && scrolled[0] && await page.locator('#timeline-chart .scroll-note').count() === 1
      : scrolled.length === 0, `${w}px: ... ${w === 390 ? 'the chart scrolls, shown at 2020' : 'the chart fits, no scroll'} (${scrolled})`);

    check(errors.length === 0, `${w}px: no console errors ${errors.join('; ')}`);
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failures.length ? 1 : 0);
