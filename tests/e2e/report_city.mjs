// report_city.mjs — the map of a city's report as its reader meets it
// (usage: node report_city.mjs REPORT_DIR). See report_city.sh.
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [, , dir] = process.argv;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  for (const [w, h] of [[1440, 900], [390, 844]]) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__slMap && window.__slMap.map, null, { timeout: 20000 });
    await page.waitForTimeout(500);
    check(errors.length === 0, `${w}px: no script errors ${errors.join('; ')}`);
    const v = await page.evaluate(() => {
      const b = window.__slMap.map.getBounds();
      return { west: b.getWest(), east: b.getEast(), north: b.getNorth(), south: b.getSouth() };
    });
    /* Chicago: about 41.64..42.03 N, 87.94..87.52 W */
    const onChicago = v.west > -89.5 && v.east < -86 && v.south > 40.5 && v.north < 43.2 && v.west < -87.8 && v.east > -87.6;
    check(onChicago, `${w}px: the map opens on the city's areas (${JSON.stringify(v)})`);
    const jumps = await page.locator('.map-jump button').allTextContents();
    check(jumps[0] === 'The areas' && jumps.includes('Lower 48') && jumps.includes('All'),
      `${w}px: buttons back to the areas, to the lower 48 and to everything (${jumps})`);
    await page.locator('.map-jump button', { hasText: 'Lower 48' }).click();
    await page.waitForTimeout(300);
    check(await page.evaluate(() => window.__slMap.map.getBounds().getEast() - window.__slMap.map.getBounds().getWest()) > 40,
      `${w}px: Lower 48 shows the country`);
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failures.length ? 1 : 0);
