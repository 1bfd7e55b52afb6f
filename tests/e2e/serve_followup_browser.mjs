// serve_followup_browser.mjs — the dashboard's since figure, its changes'
// files and its disparity's residents' year (serve_followup_browser.sh).
// usage: node serve_followup_browser.mjs FOLLOWUP_URL VINTAGE_URL
import { chromium } from 'playwright-core';

const [, , followup, vintage] = process.argv;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
const settle = (page) => page.waitForFunction(() => window.__slPage && window.__slPage.ready() && window.__slPage.idle(), null, { timeout: 30000 });

try {
  for (const width of [1440, 390]) {
    const page = await browser.newPage({ viewport: { width, height: width === 390 ? 844 : 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(followup + '/?tech=ring&since=2020-10-08');
    await settle(page);
    const since = (await page.textContent('#fig-since')).replace(/\s+/g, ' ').trim();
    check(/^3 partnerships started on or after 2020-10-08; 1 further row dated on or after it belongs to a partnership that began before it or is listed twice$/.test(since),
      `${width}: the headline counts the 3 partnerships the report's lead and the diff count, and says the further row (${since})`);
    await page.waitForFunction(() => /^From the snapshot/.test(document.getElementById('diff-note').textContent), null, { timeout: 20000 });
    const note = await page.textContent('#diff-note');
    check(note.startsWith('From the snapshot of 2020-10-07 (atlas-followup-2020-10-07.csv) to that of 2021-10-07 (atlas-2021-10-07.csv), the one the figures show: '),
      `${width}: "Between snapshots" names each snapshot's file (${note.slice(0, 160)})`);
    check(!errors.length, `${width}: no page errors (${errors})`);
    await page.close();
  }
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(vintage + '/?areas=counties&events=requests');
  await settle(page);
  await page.waitForFunction(() => / police requests? in /.test(document.getElementById('disparity-note').textContent), null, { timeout: 30000 });
  const d = (await page.textContent('#disparity-note')).replace(/\s+/g, ' ');
  check(d.includes('against the population of the study areas (data of 2014; the foreign-born shares are of column POP645213, which its QuickFacts code dates 2013: ' +
    'the American Community Survey\'s estimate over the five years 2009–2013, not 2014); dissimilarity'),
    `the disparity's sentence gives the residents' year and the foreign-born shares' own (${d.slice(0, 300)})`);
  await page.close();
} finally {
  await browser.close();
}
if (failures.length) { console.log(`${failures.length} failed`); process.exit(1); }
