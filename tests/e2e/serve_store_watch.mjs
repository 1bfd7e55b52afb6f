// serve_store_watch.mjs — the checks of serve_store_watch.sh in chromium:
// usage: node serve_store_watch.mjs BASE_URL WORK_DIR STORE (SL in the
// environment). Prints ok/FAIL lines; exits 1 on a failure.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { settle } from './serve_page.mjs';

const [, , base, work, store] = process.argv;
let failed = 0;
const check = (ok, what) => { if (!ok) failed++; console.log(`${ok ? 'ok  ' : 'FAIL'} - ${what}`); };
const sl = (...args) => execFileSync(process.env.SL, [...args, '-s', store], { cwd: work, stdio: ['ignore', 'ignore', 'ignore'] });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
await page.addInitScript(() => { window.slStoreWatchMs = 300; });
await page.goto(base + '/', { waitUntil: 'load' });
await settle(page);
const banner = page.locator('#store-changed');
check(await banner.isHidden(), 'the page opens without the notice');

sl('campaign', 'pledge', '--form', 'pledge.txt');
await page.waitForTimeout(1500);
check(await banner.isHidden(), 'a pledge written to the store (no import changed) brings up no notice');

const before = await page.evaluate(async () => (await (await fetch('/api/info')).json()).sources.length);
const metaBefore = await page.locator('#store-meta').textContent();
sl('import', 'sites', 'sites.csv', '--category', 'clinic', '--id', 'id', '--text', 'name');
let shown = false;
try { await banner.waitFor({ state: 'visible', timeout: 5000 }); shown = true; } catch { shown = false; }
check(shown, 'a colleague\'s import under the open page brings up the notice within moments');
check(/store changed since this page loaded/.test(await banner.textContent()), '... saying the store changed and figures may stand side by side');
await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('#store-reload').click()]);
await settle(page);
const after = await page.evaluate(async () => (await (await fetch('/api/info')).json()).sources.length);
check(after === before + 1 && await banner.isHidden(), `its button draws the page again from the store as it is now (${before} -> ${after} imports), the notice gone`);
const metaAfter = await page.locator('#store-meta').textContent();
check(metaAfter !== metaBefore, `... its line on the store is the new store's (${metaAfter})`);
check(errors.length === 0, `no error on the page (${errors.join('; ')})`);
await browser.close();
process.exit(failed ? 1 : 0);
