// serve_density_wait_browser.mjs — while /api/density is on its way (held
// back 2 s here, as a national store's first map takes seconds), the note
// under the map says the hexagons are loading; then it says what they show.
// usage: node serve_density_wait_browser.mjs BASE
import { chromium } from 'playwright-core';
import { settle } from './serve_page.mjs';

const [, , base] = process.argv;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(base + '/');
  await settle(page);
  await page.route('**/api/density*', async (route) => { await new Promise((r) => setTimeout(r, 2000)); await route.continue(); });
  await page.selectOption('#m-hex', '500');
  await page.waitForTimeout(500);
  const waiting = (await page.locator('.hex-note').allTextContents()).join(' ');
  check(/Density: loading hexagons of 500 m…/.test(waiting), `while /api/density comes, the note says the hexagons are loading (${waiting})`);
  await page.waitForFunction(() => /hexagons of posts in view/.test(document.querySelector('.hex-note')?.textContent || ''),
    null, { timeout: 15000 }).catch(() => {});
  const done = (await page.locator('.hex-note').allTextContents()).join(' ');
  check(/hexagons of posts in view with an edge of 500 m/.test(done) && !/loading/.test(done),
    `then it says what they show, and no longer loading (${done})`);
  // the report's words for the k rule: hexagons, camera locations, withheld (a copy editor's walk, run of 2026-12-06)
  check(/\(hexagons with fewer than 5 camera locations are withheld, as in the report: /.test(done) && !/cells with under/.test(done),
    `the note says what is withheld in the report's words (${done})`);
  // ... and how many posts the withheld hexagons hold, of all: the map's
  // totals, which no drawn hexagon shows (run of 2026-12-08)
  const t = (await page.evaluate(() => fetch('/api/density?points=posts&hex=500').then((r) => r.json()))).totals || {};
  const say = (n) => Number(n).toLocaleString('en-US');
  check(t.points > t.suppressed_points && t.suppressed_points > 0 &&
    done.includes(`: ${say(t.suppressed_points)} of all ${say(t.points)} posts lie in them).`),
    `the note says how many of all the posts the withheld hexagons hold (${done}; totals ${JSON.stringify(t)})`);
} finally {
  await browser.close();
}
console.log(failures.length ? `${failures.length} failed` : 'all passed');
process.exit(failures.length ? 1 : 0);
