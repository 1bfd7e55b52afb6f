// organiser3_location_browser.mjs — a signer's and a directory reader's
// location, in chromium with geolocation granted at real places (see
// organiser3_location_browser.sh). usage: node organiser3_location_browser.mjs BASE WORK
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';

const [, , base, work] = process.argv;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const errors = [];

// /campaign's "Use my location once" at LAT, LON: what the note says, the
// buttons offered, the pickers, and every request made after the click
async function locate(lat, lon, width = 390) {
  const ctx = await browser.newContext({ viewport: { width, height: 844 }, geolocation: { latitude: lat, longitude: lon },
    permissions: ['geolocation'] });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + '/campaign', { waitUntil: 'load' });
  const sent = [];
  page.on('request', (r) => sent.push(r.url() + ' ' + (r.postData() || '')));
  await page.click('#geo');
  await page.waitForFunction(() => !/^If you ask/.test(document.getElementById('geo-note').textContent), null, { timeout: 20000 });
  await page.waitForTimeout(500);
  const got = {
    page, ctx, sent,
    note: await page.locator('#geo-note').innerText(),
    choices: await page.locator('#geo-pick button').allInnerTexts(),
    county: await page.inputValue('#l-county'),
    pledgeCounty: await page.inputValue('#p-county'),
  };
  // the point, in any form a script could write it, leaves in no request
  const marks = [lat, lon].flatMap((v) => [v.toFixed(2), v.toFixed(3), v.toFixed(4), String(v)]);
  got.leaked = sent.filter((u) => marks.some((m) => u.includes(m)));
  return got;
}

// Camden, NJ, a kilometre from the Delaware: the map's outline of
// Philadelphia holds it, so it was picked, and the pledge form followed
let r = await locate(39.9259, -75.1196);
console.log(`     Camden: "${r.note}" [${r.choices.join(' / ')}] county ${r.county || '-'}`);
check(r.county !== '42101' && r.pledgeCounty !== '42101', 'Camden, NJ: Philadelphia, PA is not picked for the signer');
check(r.choices.includes('Camden, NJ') && r.choices.includes('Philadelphia, PA') && /which is yours\?/.test(r.note),
  '... she is asked which county, Camden, NJ among the choices');
await r.page.click('#geo-pick button:has-text("Camden, NJ")');
await r.page.waitForResponse((x) => x.url().includes('/api/campaign/local'));
await r.page.waitForTimeout(300);
check(await r.page.inputValue('#l-county') === '34007' && await r.page.inputValue('#p-county') === '34007' &&
  /Camden, NJ/.test(await r.page.locator('#geo-note').innerText()), '... pressing it picks Camden for the figures and the pledge');
check(r.leaked.length === 0, `... no request carries the location (${r.leaked.join('; ')})`);
await r.ctx.close();

// a street on the Kansas City line: neither outline held it
r = await locate(39.0997, -94.6078);
console.log(`     Kansas City: "${r.note}" [${r.choices.join(' / ')}]`);
check(r.choices.includes('Wyandotte, KS') && r.choices.includes('Jackson, MO'),
  'on the Kansas City line: asked Wyandotte, KS or Jackson, MO, not "in none of the counties"');
check(r.leaked.length === 0, '... no request carries the location');
await r.ctx.close();

// far from any border: picked at once, and said so
r = await locate(34.84, -116.18, 1440);
console.log(`     Mojave: "${r.note}"`);
check(r.county === '06071' && r.pledgeCounty === '06071' && /^Picked from your location, in your browser only: San Bernardino, CA/.test(r.note),
  'the Mojave desert: San Bernardino, CA picked and said, for the figures and the pledge');
check(r.leaked.length === 0 && r.sent.some((u) => u.includes('/api/campaign/local?state=CA&county=06071')),
  '... only the county picked is requested');
await r.ctx.close();

// at sea: no county
r = await locate(36.0, -70.0);
check(/in none of the campaign's counties/.test(r.note) && !r.county && r.choices.length === 0, 'the Atlantic: in none of the counties, nothing picked');
await r.ctx.close();

// permission refused
{
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  await page.goto(base + '/campaign', { waitUntil: 'load' });
  await page.click('#geo');
  await page.waitForFunction(() => /could not be read/.test(document.getElementById('geo-note').textContent), null, { timeout: 20000 });
  check(/please pick your state and county/.test(await page.locator('#geo-note').innerText()), 'permission refused: said, and asked to pick');
  await ctx.close();
}

// /directory's "Near my location": a search, the point rounded to a hundredth of a degree
{
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 },
    geolocation: { latitude: 40.692812, longitude: -73.990311 }, permissions: ['geolocation'] });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + '/directory', { waitUntil: 'load' });
  const note = await page.locator('#d-locate-note').innerText();
  check(/rounded to about a kilometre/.test(note) && /browser's history/.test(note) && !/sent as a search and kept nowhere/.test(note),
    `the directory's note says the point is sent rounded and stays in the address (${note})`);
  await Promise.all([page.waitForNavigation(), page.click('#d-locate')]);
  const u = new URL(page.url());
  check(u.searchParams.get('lat') === '40.69' && u.searchParams.get('lon') === '-73.99', `the search's point: 40.69, -73.99 (${u.search})`);
  check(/Sisters Bakery/.test(await page.locator('main').innerText()), '... and it still finds the listing nearby');
  await ctx.close();
}
check(errors.length === 0, `no page error (${errors.join('; ')})`);
await browser.close();
console.log(`${failures.length ? failures.length + ' failed' : 'all passed'}`);
process.exit(failures.length ? 1 : 0);
