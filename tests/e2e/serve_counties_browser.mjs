// serve_counties_browser.mjs — the county lists of the dashboard and of the
// campaign page (with JavaScript) on the real data: Harris, TX holds Houston
// PD, whose records name three counties; each list is the CLI's rows (see
// serve_counties_browser.sh). usage: node serve_counties_browser.mjs BASE WORK
import { chromium } from 'playwright-core';
import { readFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { settle as settleOn } from './serve_page.mjs';

const [, , base, work] = process.argv;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const ring = JSON.parse(readFileSync(join(work, 'ring_links.json'), 'utf8'));
const all = JSON.parse(readFileSync(join(work, 'all_links.json'), 'utf8'));
const inArea = (links, id) => links.rows.filter((r) => r.areas.split(' ').includes(id));

const context = await chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), {
  executablePath: '/usr/bin/chromium', headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'],
  viewport: { width: 1440, height: 900 },
});
const errors = [];
const page = await context.newPage();
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));
const settle = () => settleOn(page);

// The dashboard under ?tech=ring: "Find an area" -> Harris, TX.
await page.goto(base + '/?tech=ring', { waitUntil: 'load' });
await settle();
await page.fill('#m-area', 'Harris, TX');
await page.locator('#m-area').dispatchEvent('change');
await settle();
const want = inArea(ring, '48201');
const box = page.locator('#area-body .county-agencies');
const panel = await box.textContent();
check(want.length === 9, `the CLI puts 9 Ring rows in Harris (${want.length})`);
check(panel.includes(`${want.length} partnership rows`), `the panel counts the CLI's ${want.length} rows: ${panel.slice(0, 120)}`);
check(panel.includes('Houston Police Department — Ring/Neighbors Partnership') && /\[3 counties\]/.test(panel),
  'the panel lists Houston PD, marked as naming 3 counties');
check(/name several counties and count in each: county figures do not add up to the state/.test(panel),
  'the panel says an agency naming several counties counts in each');
const basics = await page.locator('#area-body dl').first().textContent();
check(/Residents\s*4,441,370 \(us-counties-quickfacts-2014\.csv, data of 2014\)/.test(basics),
  `the panel's residents name their table and year: ${basics}`);
const listed = await box.locator('li').allTextContents();
check(listed.length === want.length && want.every((r) => listed.some((t) => t.startsWith(`${r.agency} — ${r.technology}`))),
  `the panel's agencies are the CLI's (${listed.length} listed)`);

// Fort Bend holds Houston too.
await page.fill('#m-area', 'Fort Bend, TX');
await page.locator('#m-area').dispatchEvent('change');
await settle();
check((await page.locator('#area-body .county-agencies').textContent()).includes(`${inArea(ring, '48157').length} partnership rows`) &&
  inArea(ring, '48157').some((r) => r.agency === 'Houston Police Department'), 'Fort Bend, TX also holds Houston PD');

// The campaign page with JavaScript: pick Texas, Harris; the figures come from /api/campaign/local.
const camp = await context.newPage();
camp.on('pageerror', (e) => errors.push(String(e)));
await camp.goto(base + '/campaign', { waitUntil: 'load' });
await camp.selectOption('#l-state', 'TX');
await camp.selectOption('#l-county', '48201');
await Promise.all([camp.waitForResponse((r) => r.url().includes('/api/campaign/local')), camp.locator('#local button[type=submit], #local input[type=submit]').first().click()]);
await camp.waitForTimeout(300);
const facts = await camp.locator('#facts').textContent();
const cells = await camp.locator('#facts tbody tr td:first-child').allTextContents();
const allHarris = inArea(all, '48201');
check(cells.length === allHarris.length, `the campaign's Harris list has the CLI's ${allHarris.length} rows (${cells.length})`);
check(cells.includes('Houston Police Department (3 counties)'), 'the campaign lists Houston PD, marked "(3 counties)"');
check(facts.includes('An agency whose records name several counties is listed in each of them'), 'the campaign says so');
// DC's Atlas rows are not linked to the registry: its 0% says why, on the
// dashboard's panel and on the campaign page with JavaScript.
const DC_NOTE = '7 records in DC are not linked to the agency registry, so no share counts them: “sightline import links” links them.';
// the campaign page says it to a signer, who runs no command (places2_words.sh)
const DC_SIGNER_NOTE = '7 records in DC could not be matched to an agency of the registry, so no share counts them.';
await page.goto(base + '/', { waitUntil: 'load' });
await settle();
await page.fill('#m-area', 'District of Columbia, DC');
await page.locator('#m-area').dispatchEvent('change');
await settle();
const dcPanel = await page.locator('#area-body').textContent();
// none of DC's rows linked: its share is not known, not 0 of 3 (as the campaign page says)
check(/Share not known of the 3 registry agencies with any technology on record: none of its rows is linked to the registry/.test(dcPanel) &&
  !/0 of 3/.test(dcPanel) && dcPanel.includes(DC_NOTE), 'the dashboard says DC\'s share is not known, for none of its 7 rows is linked');
// the Atlas leaves DC's County empty: in a state of one county its records are that county's,
// as the campaign's county list counts them (links.c, campaign_local.c), not "None"
check(/Records naming District of Columbia, DC/.test(dcPanel) && dcPanel.includes('Metropolitan Police Department') &&
  !/None in the snapshot/.test(dcPanel), 'the panel lists the records naming DC, whose County the Atlas leaves empty');
// ... its row of the table by state, and the headline's shares filtered to DC
const dcRow = await page.locator('#t-state tbody tr', { hasText: /^DC/ }).first().textContent();
check(/not known/.test(dcRow), `the table by state: DC's per 100 agencies is not known (${dcRow})`);
await page.goto(base + '/?state=DC', { waitUntil: 'load' });
await settle();
const dcShare = await page.locator('#fig-share-0').textContent();
check(/^\s*Not known:\s*the share of .*, for none of the rows is linked to the registry/.test(dcShare) && !/0\.0%/.test(dcShare),
  `filtered to DC, the headline's share is not known (${dcShare.trim()})`);
await page.goto(base + '/?color=partners', { waitUntil: 'load' });
await settle();
const shares = await page.evaluate(() => window.__slPage.colours());
check(shares.metric === 'partners' && shares.values['11001'] === null && typeof shares.values['17031'] === 'number',
  `the state colouring gives DC no figure, not a share of 0 (DC ${shares.values['11001']}, Cook ${shares.values['17031']})`);
const legend = await page.textContent('#legend');
check(/No figure for DC, GU, PR, VI: none of their \d+ records is linked to the agency registry, so the share of their agencies is not known\./.test(legend),
  `the legend says why DC and the territories have no figure (${legend.slice(0, 300)})`);
await page.goto(base + '/?state=DC', { waitUntil: 'load' });
await settle();
const dcAgencies = await page.locator('#fig-agencies').textContent();
check(/none of them is linked to a registry agency, so no share below counts them/.test(dcAgencies) && !/the other 0/.test(dcAgencies),
  `... and its count of agencies says none is linked, not "the other 0" (${dcAgencies.trim()})`);
await camp.selectOption('#l-state', 'DC');
await camp.selectOption('#l-county', '');
await Promise.all([camp.waitForResponse((r) => r.url().includes('/api/campaign/local')), camp.locator('#local button[type=submit]').first().click()]);
await camp.waitForTimeout(300);
const dcFacts = await camp.locator('#facts').textContent();
// none of DC's records is linked: the campaign's share is "not known", not 0.0% (serve_campaign_places.sh)
check(/Share of all registry agencies in DC\s*not known/.test(dcFacts) && !/0\.0%/.test(dcFacts) && dcFacts.includes(DC_SIGNER_NOTE),
  'the campaign page with JavaScript says DC\'s share is not known, and why');
check(errors.length === 0, `no console or page error (${errors.join('; ')})`);
await context.close();
if (failures.length) { console.log(`${failures.length} failed`); process.exit(1); }
