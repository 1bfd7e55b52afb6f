// places2_words_browser.mjs — campaign.js's figures for Guam and American
// Samoa (see places2_words_browser.sh). usage: node places2_words_browser.mjs BASE WORK
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';

const [, , base, work] = process.argv;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const context = await chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), {
  executablePath: '/usr/bin/chromium', headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'],
  viewport: { width: 390, height: 844 },
});
const errors = [];
const page = await context.newPage();
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));
await page.goto(base + '/campaign', { waitUntil: 'load' });

async function pick(state, county) { // the figures' form, as a signer uses it: campaign.js fetches them
  await page.selectOption('#l-state', state);
  await page.selectOption('#l-county', county);
  await Promise.all([page.waitForResponse((r) => r.url().includes('/api/campaign/local')),
    page.locator('#local button[type=submit]').first().click()]);
  await page.waitForTimeout(300);
  return page.locator('#facts').textContent();
}

const gu = await pick('GU', '66010');
console.log(`     GU: ${gu.slice(0, 160)}`);
check(gu.includes('Police agencies in the territory with a surveillance technology on record') &&
  gu.includes('Share of all registry agencies in the territory') && gu.includes('Sensitive sites on record in the territory') &&
  !gu.includes('the state'), 'Guam with JavaScript: "in the territory", never "in the state"');
check(gu.includes('1 record in GU could not be matched to an agency of the registry, so no share counts it.') &&
  !gu.includes('sightline import links'), "Guam: why its share is not known, in a signer's words");
const as = await pick('AS', '60010');
check(as.includes('the agency registry lists no police agency there') && as.includes('A 0 here means that nothing was recorded'),
  'American Samoa with JavaScript: its 0s say nothing is recorded there');
check(errors.length === 0, `no console or page error (${errors.join('; ')})`);
await context.close();
if (failures.length) { console.log(`${failures.length} failed`); process.exit(1); }
