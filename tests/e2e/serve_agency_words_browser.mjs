// serve_agency_words_browser.mjs — the dashboard's words for the agencies
// and rows it counts, under each technology filter: Ring's are partnered
// agencies and partnership rows; face recognition's, or every technology's,
// agencies on record and records (the table by state, the headline, the
// map's legend and its layer control).
// usage: node serve_agency_words_browser.mjs BASE_URL
import { chromium } from 'playwright-core';

const [, , base] = process.argv;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });

try {
  for (const [tech, ring] of [['face', false], ['', false], ['ring', true]]) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base + '/?areas=demo-counties' + (tech ? '&tech=' + tech : '')); // counties: the state colouring is offered
    await page.waitForFunction(() => window.__slPage && window.__slPage.ready() && window.__slPage.idle(), null, { timeout: 20000 });
    await page.waitForSelector('#t-state thead th', { timeout: 20000 });
    await page.waitForFunction(() => /at their registry location/.test(document.getElementById('legend').textContent), null, { timeout: 20000 })
      .catch(() => {});
    const name = tech || 'every technology';
    const heads = await page.$$eval('#t-state thead th', (t) => t.map((x) => x.textContent));
    const figure = (await page.textContent('#fig-agencies')).replace(/\s+/g, ' ');
    const legend = await page.textContent('#legend');
    const overlays = await page.$$eval('.leaflet-control-layers-overlays label', (l) => l.map((x) => x.textContent.trim()));
    if (ring) {
      check(heads.includes('Partnered agencies') && heads.includes('Partnership rows'), `${name}: the table by state counts partnered agencies and partnership rows (${heads})`);
      check(/ partnered \(\d+ partnership rows?\)/.test(figure), `${name}: the headline says partnered (${figure})`);
      check(/partnered agencies at their registry location/.test(legend), `${name}: the legend says partnered agencies`);
      check(overlays.includes('Partnered agencies'), `${name}: the layer is "Partnered agencies" (${overlays})`);
    } else {
      check(heads.includes('Agencies on record') && heads.includes('Records') && !heads.some((h) => /artner/.test(h)),
        `${name}: the table by state counts agencies on record and records (${heads})`);
      check(!/partner/i.test(figure) && (tech ? figure.includes(`with technology matching “${tech}” on record (1 record)`)
        : /with at least one surveillance technology on record \(\d+ records\)/.test(figure)), `${name}: the headline says on record (${figure})`);
      check(/agencies on record at their registry location/.test(legend) && !/partnered agencies/.test(legend), `${name}: the legend says agencies on record`);
      check(overlays.includes('Agencies on record') && !overlays.includes('Partnered agencies'), `${name}: the layer is "Agencies on record" (${overlays})`);
    }
    const status = await page.textContent('#status-line');
    const said = ring ? /^Showing partnerships with technology matching “ring” in the snapshot of [\d-]+: \d+ agencies, \d+ rows\.$/
      : tech ? /^Showing records with technology matching “face” in the snapshot of [\d-]+: 1 agency, 1 record\.$/
        : /^Showing every record in the snapshot of [\d-]+: \d+ agencies, \d+ records\.$/;
    check(said.test(status), `${name}: the status line counts ${ring ? 'partnerships' : 'records'} (${status})`);
    await page.waitForSelector('#m-metric option[value="partners"]', { state: 'attached', timeout: 10000 }).catch(() => {});
    const colouring = await page.$eval('#m-metric option[value="partners"]', (o) => o.textContent).catch(() => null);
    const want = 'State: share of its agencies ' + (ring ? 'partnered' : tech ? 'with it on record' : 'with any technology on record');
    check(colouring === want, `${name}: the state colouring is “${want}” (${colouring})`);
    if (tech === 'face') { // the filter changed on the page: the colouring's name follows it
      await page.fill('#f-tech', 'ring');
      await page.locator('#f-tech').dispatchEvent('change');
      await page.waitForFunction(() => window.__slPage.idle() && /partnered/.test(document.querySelector('#m-metric option[value="partners"]').textContent),
        null, { timeout: 10000 }).catch(() => {});
      const now = await page.$eval('#m-metric option[value="partners"]', (o) => o.textContent);
      check(now === 'State: share of its agencies partnered', `face, then ring typed: the state colouring follows (${now})`);
    }
    check(!errors.length, `${name}: no page errors (${errors})`);
    await page.close();
  }
  // The page words its figures by the server's answer (rows_are_partnerships),
  // not by a copy of the server's word rule: a store whose "neighbors" rows
  // the server calls partnerships is worded so, whatever the filter reads.
  {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.route(/\/api\/partnerships(\?|$)/, async (route) => {
      const r = await route.fetch();
      const j = await r.json();
      j.rows_are_partnerships = true;
      await route.fulfill({ response: r, json: j });
    });
    await page.goto(base + '/?areas=demo-counties&tech=face');
    await page.waitForFunction(() => window.__slPage && window.__slPage.ready() && window.__slPage.idle(), null, { timeout: 20000 });
    await page.waitForSelector('#t-state thead th', { timeout: 20000 });
    const heads = await page.$$eval('#t-state thead th', (t) => t.map((x) => x.textContent));
    const status = await page.textContent('#status-line');
    check(heads.includes('Partnership rows') && /^Showing partnerships with technology matching “face”.*\d+ rows?\.$/.test(status),
      `the server's rows_are_partnerships words the table and the status line, not the filter's words (${heads}; ${status})`);
    await page.close();
  }
} finally {
  await browser.close();
}
if (failures.length) { console.log(`${failures.length} failed`); process.exit(1); }
