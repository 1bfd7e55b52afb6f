// report_a11y.mjs — axe-core on an audit's report.html at desktop and phone
// sizes (usage: node report_a11y.mjs REPORT_DIR...). Prints every violation;
// fails on any of impact serious or critical, and on content outside every
// landmark (region: a banner a reader jumping by landmark would miss). axe
// is injected with CSP
// bypassed in the test browser only: the report itself stays script-locked.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const axe = require('axe-core').source;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
let bad = 0;
for (const dir of process.argv.slice(2)) {
  for (const [w, h] of [[1440, 900], [390, 844]]) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    await page.addScriptTag({ content: axe });
    const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    for (const v of r.violations) {
      const serious = v.impact === 'serious' || v.impact === 'critical' || v.id === 'region';
      bad += serious;
      console.log(`${serious ? 'FAIL' : 'note'} ${dir} ${w}px: ${v.id} (${v.impact}) x${v.nodes.length}: ${v.help}`);
      for (const n of v.nodes.slice(0, 3)) console.log(`       ${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1, 2).join('')}`);
    }
    console.log(`${dir} ${w}px: ${r.violations.length} axe violations`);
    await ctx.close();
  }
}
await browser.close();
process.exit(bad ? 1 : 0);
