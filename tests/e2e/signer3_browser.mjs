// signer3_browser.mjs — DC's figures with JavaScript and the state picker
// at 390 px (see signer3_browser.sh). usage: node signer3_browser.mjs BASE WORK
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

// the picker: the option's text, in the select's own font, within the select's box
await page.selectOption('#l-state', 'MP');
const fit = await page.evaluate(() => {
  const s = document.getElementById('l-state'), cs = getComputedStyle(s);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  const text = s.options[s.selectedIndex].text;
  // the arrow of a select takes some 24 px of its box
  const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 24;
  return { text, need: Math.ceil(ctx.measureText(text).width), room: Math.floor(room), width: s.clientWidth };
});
console.log(`     at 390 px: "${fit.text}" needs ${fit.need} px, the picker (${fit.width} px) has ${fit.room}`);
check(fit.text === 'Northern Mariana Islands (MP)' && fit.need <= fit.room, 'at 390 px the state picker shows "Northern Mariana Islands (MP)" whole');

await page.selectOption('#l-state', 'DC');
await page.selectOption('#l-county', '11001');
await Promise.all([page.waitForResponse((r) => r.url().includes('/api/campaign/local')),
  page.locator('#local button[type=submit]').first().click()]);
await page.waitForTimeout(300);
const dc = await page.locator('#facts').innerText();
console.log(`     DC: ${dc.replace(/\s+/g, ' ').slice(0, 400)}`);
check(/Sensitive sites on record in DC\s+2/.test(dc) && !dc.includes('in the county'),
  'DC with JavaScript: its sites said once, in DC\'s words, no "in the county"');
check(dc.includes('Surveillance technologies of agencies in DC'), '... its table titled "agencies in DC"');
check(errors.length === 0, `no console or page error (${errors.join('; ')})`);
await context.close();
console.log(`${failures.length ? failures.length + ' failed' : 'all passed'}`);
process.exit(failures.length ? 1 : 0);
