// serve_directory_browser.mjs — the directory and the organisers' area of `sightline
// serve` in Debian's chromium (headless, through playwright-core): a search
// typed into the form gives the listings and a map of clustered markers; a
// listing's page from a click; hostile names show as text and run nothing;
// without JavaScript the search still works; "near my location" sends the
// browser's point once, as the search's lat/lon; an organiser logs in with
// the token, approves a suggestion and sees it listed; no console error, no
// request leaves the server; axe-core finds nothing at 1440 and 390 px, and
// nothing scrolls sideways on a phone. Screenshots go to WORK_DIR.
// usage: node serve_directory_browser.mjs BASE_URL WORK_DIR ADMIN_TOKEN
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = require('axe-core').source;
const [, , base, work, token] = process.argv;
const origin = new URL(base).origin;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };

const context = await chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), {
  executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1440, height: 900 },
  geolocation: { latitude: 40.8075, longitude: -73.9456 }, permissions: ['geolocation'],
});
const errors = [], outside = [], dialogs = [];
context.on('request', (r) => { const u = r.url(); if (!u.startsWith(origin + '/') && !u.startsWith('data:')) outside.push(u); });
const page = await context.newPage();
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
page.on('pageerror', (e) => errors.push(String(e)));
page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });

const heading = () => page.locator('#h-results').innerText();
const names = () => page.locator('ol.listings li > a').allInnerTexts();
async function mapReady() {
  await page.waitForSelector('#dir-map[data-markers]', { timeout: 20000 });
  await page.waitForTimeout(300);
}
async function axeClean(what) {
  await page.evaluate(axeSource);
  const ax = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const v = ax.violations;
  check(v.length === 0, `axe-core, ${what}: no violation ${v.map((x) => `${x.impact} ${x.id} (${x.nodes.length}): ${x.nodes[0].target}`).join('; ')}`);
}
async function noSideScroll(what) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  check(w <= 392, `${what}: nothing scrolls sideways at 390 px (page ${w} px wide)`);
  // targets of at least 24 px, but for a link inside a sentence (WCAG 2.5.8's inline exception)
  const small = await page.evaluate(() => {
    const vis = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
    const inline = (e) => e.tagName === 'A' && e.parentElement.tagName === 'P' && e.parentElement.textContent.trim() !== e.textContent.trim()
      && !e.parentElement.classList.contains('meta');
    return [...document.querySelectorAll('input:not([type=hidden]), select, button, a[href], .leaflet-control-zoom a')].filter(vis)
      .filter((e) => !inline(e) && !e.closest('.skip')).filter((e) => { const r = e.getBoundingClientRect(); return r.width < 24 || r.height < 24; })
      .map((e) => `${e.tagName} ${e.id || e.className || e.textContent.slice(0, 20)}`);
  });
  check(small.length === 0, `${what}: targets are at least 24 px (${small.join(', ')})`);
}

try {
  // ---- search with JavaScript on ----
  await page.goto(base + '/directory', { waitUntil: 'load' });
  await mapReady();
  check((await heading()) === '34 listings', `the directory opens with every listing (${await heading()})`);
  await page.fill('#d-q', 'bak');
  await page.selectOption('#d-state', 'NY');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  await mapReady();
  check((await heading()) === '23 listings', `typing 'bak' and choosing NY: 23 listings (${await heading()})`);
  check((await names()).length === 20, 'the first page shows 20 of them');
  check(new URL(page.url()).searchParams.get('q') === 'bak', 'the search is in the URL');
  const clusters = await page.locator('#dir-map .marker-cluster').count();
  const markers = Number(await page.getAttribute('#dir-map', 'data-markers'));
  check(markers === 23 && clusters > 0, `the map holds the 23 located matches, drawn as clusters (${markers} markers, ${clusters} clusters)`);
  await page.screenshot({ path: join(work, 'directory-1440.png'), fullPage: true });
  await axeClean('search page at 1440 px');
  await Promise.all([page.waitForNavigation(), page.click('a[rel=next]')]);
  check((await names()).length === 3, 'Next shows the last 3');

  // a cluster opens into markers when clicked (zooms in)
  await page.goto(base + '/directory?q=fulton', { waitUntil: 'load' });
  await mapReady();
  const before = await page.locator('#dir-map .marker-cluster').count();
  let pins = 0;
  for (let i = 0; i < 6 && !pins; i++) { /* a cluster may open into smaller clusters first */
    await page.locator('#dir-map .marker-cluster').first().click();
    await page.waitForTimeout(900);
    pins = await page.locator('#dir-map .biz-pin').count();
  }
  check(before > 0 && pins > 0, `clicking a cluster spreads it into markers (${before} clusters, then ${pins} pins)`);

  // ---- near a county, near my location ----
  await page.goto(base + '/directory', { waitUntil: 'load' });
  await page.selectOption('#d-county', '17031');
  await page.fill('#d-km', '30');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  check(/within 30 km of Cook County/.test(await heading()), `near Cook County within 30 km (${await heading()})`);
  check((await names()).includes('South Side Hardware') && !(await names()).includes('Sisters Bakery'), 'Chicago listings, no Brooklyn one');
  await page.goto(base + '/directory', { waitUntil: 'load' });
  await page.fill('#d-km', '2');
  check(await page.isVisible('#d-locate'), 'with JavaScript the "Near my location" button shows');
  await Promise.all([page.waitForNavigation(), page.click('#d-locate')]);
  const u = new URL(page.url());
  check(u.searchParams.get('lat') === '40.81' && u.searchParams.get('lon') === '-73.95', `the browser's point goes as lat/lon of the search, to a hundredth of a degree (${u.search})`);
  check((await names())[0] === 'Harlem Books' && /your location/.test(await heading()), 'nearest first: Harlem Books');

  // ---- a listing's page, hostile names ----
  await page.goto(base + '/directory?q=sisters', { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation(), page.click('ol.listings a')]);
  check((await page.locator('h1').innerText()) === 'Sisters Bakery', 'a click opens the listing page');
  check(await page.locator('a[href="https://sisters.example"][rel~=noopener]').count() === 1, 'the website is a link with rel=noopener');
  await mapReady().catch(() => {});
  check(await page.locator('#dir-map .biz-pin').count() === 1, "the listing's map shows its one marker");
  await axeClean('listing page at 1440 px');
  await page.goto(base + '/directory?q=script', { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation(), page.click('ol.listings a')]);
  check((await page.locator('h1').innerText()) === '<script>alert(1)</script> Cafe', 'a name holding <script> reads as text');
  check(await page.locator('a[href^="javascript"]').count() === 0, 'its javascript: website is not a link');
  await page.goto(base + '/directory?q=img', { waitUntil: 'load' });
  check((await names())[0] === '"><img src=x onerror=alert(2)> Books', 'a name holding <img onerror> reads as text in the results');
  await Promise.all([page.waitForNavigation(), page.click('ol.listings a')]);
  await page.waitForTimeout(300);
  check(dialogs.length === 0 && await page.locator('main img').count() === 0, `no hostile name ran (dialogs: ${dialogs.join(', ')})`);

  // ---- a phone ----
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + '/directory?q=bak', { waitUntil: 'load' });
  await mapReady();
  await noSideScroll('search page');
  await page.screenshot({ path: join(work, 'directory-390.png'), fullPage: true });
  await axeClean('search page at 390 px');
  await page.goto(base + '/directory?q=img', { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation(), page.click('ol.listings a')]);
  await noSideScroll('hostile listing page');
  await axeClean('listing page at 390 px');
  await page.screenshot({ path: join(work, 'listing-390.png'), fullPage: true });

  // ---- the organisers: log in, approve, see it listed ----
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(base + '/admin', { waitUntil: 'load' });
  check(new URL(page.url()).pathname === '/admin/login', 'without a session /admin leads to the login');
  await axeClean('login page at 1440 px');
  await page.fill('#a-token', 'not-the-token');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  check(/not the admin token/.test(await page.locator('main').innerText()), 'a wrong token is refused with a sentence');
  // A screen reader lands on the field and hears why: focus there, the sentence tied to it.
  check(await page.evaluate(() => { const t = document.activeElement, d = document.getElementById(t.getAttribute('aria-describedby') || '-');
    return t.id === 'a-token' && t.getAttribute('aria-invalid') === 'true' && !!d && /not the admin token/.test(d.textContent); }),
  'the refused token field has the focus, aria-invalid and the sentence as its description');
  /* that refusal is a 403, which the browser reports on its console: the one error expected */
  const i403 = errors.findIndex((e) => /status of 403/.test(e));
  if (i403 >= 0) errors.splice(i403, 1);
  await page.fill('#a-token', token);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  check(new URL(page.url()).pathname === '/admin', 'the right token opens /admin');
  const cookies = await context.cookies(); /* all: the cookie's path is /admin */
  const c = cookies.find((x) => x.name === 'sl_admin');
  check(c && c.httpOnly && c.sameSite === 'Strict' && c.path === '/admin', 'the session cookie is HttpOnly, SameSite=Strict, Path=/admin');
  check(!(await page.evaluate(() => document.cookie)).includes('sl_admin'), "the page's script cannot read the session cookie");
  await page.screenshot({ path: join(work, 'admin-1440.png'), fullPage: true });
  /* a signer's Tick box sits on the line of its label and Unlist button, not raised above them */
  const tick = await page.evaluate(() => {
    const box = document.querySelector('label.tick input'), unlist = box && box.closest('td').querySelector('button');
    if (!box || !unlist) return null;
    const a = box.getBoundingClientRect(), b = unlist.getBoundingClientRect();
    return Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2);
  });
  check(tick !== null && tick <= 4, `a signer's Tick box is level with her Unlist button (${tick} px apart)`);
  await axeClean('admin page at 1440 px');
  await Promise.all([page.waitForNavigation(), page.click('button[aria-label="Approve Tea House Pending"]')]);
  check(/Approved: “Tea House Pending” is listing \d+ of the directory/.test(await page.locator('main').innerText()), 'approving says so');
  await page.screenshot({ path: join(work, 'admin-approved-1440.png'), fullPage: true });
  await axeClean('admin page after approving');
  const edit = page.locator('.message a');
  check(/^Edit listing \d+$/.test(await edit.innerText()), 'the message names the approved listing with a link to edit it');
  await Promise.all([page.waitForNavigation(), edit.click()]);
  check((await page.inputValue('input[name="name"]')) === 'Tea House Pending', 'the link opens the approved listing\'s edit form');
  await page.goto(base + '/directory?q=tea+house', { waitUntil: 'load' });
  check((await names()).join('|') === 'Tea House Pending', 'the approved suggestion is listed');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + '/admin', { waitUntil: 'load' });
  await noSideScroll('admin page');
  // The queue still holding a suggestion fits whole: no box scrolling sideways, every field named.
  const queue = await page.evaluate(() => [...document.querySelectorAll('main .scroll')]
    .filter((box) => box.querySelector('button[aria-label^="Approve"]')).map((box) => {
    const edge = box.getBoundingClientRect(), cells = [...box.querySelectorAll('tbody td')].filter((c) => c.getBoundingClientRect().height > 0);
    return { rows: box.querySelectorAll('tbody tr').length, scrolls: box.scrollWidth > box.clientWidth + 1,
      cellsIn: cells.every((c) => { const r = c.getBoundingClientRect(); return r.left >= edge.left - 1 && r.right <= edge.right + 1; }),
      named: cells.filter((c) => c.dataset.label).every((c) => getComputedStyle(c, '::before').content === JSON.stringify(c.dataset.label)) };
  }));
  check(queue.length === 1 && queue[0].rows === 1 && !queue[0].scrolls && queue[0].cellsIn && queue[0].named,
    `admin page at 390 px: the queue of suggestions fits whole, each field under its name (${JSON.stringify(queue)})`);
  await axeClean('admin page at 390 px');
  await page.screenshot({ path: join(work, 'admin-390.png'), fullPage: true });
} catch (e) {
  check(false, `the browser run went through: ${e}`);
}

// ---- without JavaScript ----
const nojs = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
const ctx2 = await nojs.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
const p2 = await ctx2.newPage();
try {
  await p2.goto(base + '/directory', { waitUntil: 'load' });
  await p2.fill('#d-q', 'harlem');
  await Promise.all([p2.waitForNavigation(), p2.click('button[type=submit]')]);
  check((await p2.locator('ol.listings li > a').allInnerTexts()).join('|') === 'Harlem Books', 'without JavaScript the search form works');
  check(!(await p2.isVisible('#d-locate')) && !(await p2.isVisible('#dir-map')), 'without JavaScript no dead button and no empty map');
  await p2.screenshot({ path: join(work, 'directory-nojs-390.png'), fullPage: true });
} catch (e) {
  check(false, `the run without JavaScript went through: ${e}`);
}
await nojs.close();
await context.close();

check(errors.length === 0, `no console error or warning (${errors.slice(0, 3).join(' | ')})`);
check(outside.length === 0, `no request leaves the server (${outside.slice(0, 3).join(', ')})`);
console.log(failures.length ? `${failures.length} failed` : 'all passed');
process.exit(failures.length ? 1 : 0);
