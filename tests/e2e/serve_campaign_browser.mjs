// serve_campaign_browser.mjs — /campaign in Debian's chromium (headless,
// playwright-core) against a running server holding the demo's fictional
// campaign: with JavaScript, picking a place fetches its figures and
// narrows the pledge form's counties, and signing shows the confirmation
// page; without JavaScript the same place is asked with the GET form and
// the pledge is signed by a plain POST; a form posted from another origin
// (the second server) is refused 403; with geolocation allowed, "use my
// location once" picks the county in the browser and no request carries
// the location; a refused pledge comes back with what was typed kept; no console error, no request off the server; axe-core finds nothing at 1440 and 390 px on the page, the reply
// and the suggestion form; nothing scrolls sideways at 390 px; the map of
// pledges shades the counties the public counts show, folded ones grey.
// A confirmation link opens a page whose one button confirms without
// JavaScript, and opened again says the pledge is confirmed already. The
// counter's refresh moves the hours of the note beside it.
// usage: node serve_campaign_browser.mjs BASE_URL WORK_DIR OTHER_BASE_URL TOKEN,TOKEN
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = require('axe-core').source;
const [, , base, work, other, tokenList = '', hookBase = ''] = process.argv;
const [token, token2] = tokenList.split(',');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
const errors = [], outside = [];
let jsFacts, jsOhio = null;

async function context(js, width) {
  const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width, height: width > 500 ? 900 : 844 } });
  ctx.on('request', (r) => { const u = r.url(); if (!u.startsWith(base + '/') && !u.startsWith(other + '/')) outside.push(u); });
  ctx.on('page', (p) => {
    p.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
    p.on('pageerror', (e) => errors.push(String(e)));
  });
  return ctx;
}

async function axe(page, what) {
  await page.evaluate(axeSource);
  const r = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => `${v.id} (${v.nodes.length}): ${v.help}`));
  check(r.length === 0, `axe-core: no violation on ${what}${r.length ? ' — ' + r.join('; ') : ''}`);
}

// JavaScript on, 1440 px
{
  const ctx = await context(true, 1440);
  const page = await ctx.newPage();
  const resp = await page.goto(base + '/campaign');
  check(resp.status() === 200, '/campaign is 200');
  check((await page.textContent('h1')).includes('fictional demo campaign'), 'the title says the campaign is fictional');
  check(await page.isVisible('.banner.synthetic'), 'the fictional-campaign banner shows');
  await axe(page, '/campaign at 1440 px');
  await page.selectOption('#l-state', 'VA');
  const counties = await page.$$eval('#l-county option', (os) => os.map((o) => o.value).filter(Boolean));
  check(counties.length === 1 && counties[0] === '51990', `picking VA narrows the counties to VA's (${counties})`);
  await page.selectOption('#l-county', '51990');
  const api = await page.evaluate(async () => (await fetch('/api/campaign/local?state=VA&county=51990')).json());
  await Promise.all([page.waitForResponse((r) => r.url().includes('/api/campaign/local')), page.click('#local-form button[type=submit]')]);
  await page.waitForSelector('#facts h3');
  check((await page.textContent('#facts h3')).startsWith('Ashgrove County'), 'the figures of the county show without a reload');
  const dd = await page.$$eval('#facts dd', (d) => d.map((x) => x.textContent));
  check(dd[0] === String(api.partnered_agencies) && dd[1] === String(api.ring_agencies),
    `the figures are the API's (${dd[0]}, ${dd[1]} = ${api.partnered_agencies}, ${api.ring_agencies})`);
  jsFacts = await page.textContent('#facts dl');
  check(jsFacts.includes('Sensitive sites'), 'the figures include the sensitive sites of the place');
  check(page.url().includes('state=VA') && page.url().includes('county=51990'), 'the URL carries the place');
  check(await page.inputValue('#p-county') === '51990', 'the pledge form follows the place picked');
  await page.waitForSelector('#pledge-map path.leaflet-interactive', { timeout: 15000 });
  const fills = await page.$$eval('#pledge-map path.leaflet-interactive', (ps) => ps.map((p) => p.getAttribute('fill')));
  check(fills.length === 4 && fills.filter((f) => f === '#1a5491').length === 2,
    `the map shades the 2 counties the counts show and greys the 2 folded (${fills})`);
  await page.screenshot({ path: join(work, 'campaign-1440.png'), fullPage: true });
  await page.fill('#p-email', 'browser-js@example.org');
  await page.fill('#p-name', 'Jay Script');
  await page.check('#p-c0');
  check(!(await page.isChecked('#p-consent')), 'consent is unticked by default');
  // what happens to her address, and how to withdraw, is said before Sign
  const said = await page.evaluate(() => {
    const note = document.querySelector('#p-privacy'), sign = document.querySelector('form.pledge button[type=submit]');
    return note && sign && note.compareDocumentPosition(sign) & Node.DOCUMENT_POSITION_FOLLOWING ?
      note.textContent + ' | ' + note.querySelector('a[href="#methods"]')?.textContent + ' | ' + sign.getAttribute('aria-describedby') : '';
  });
  check(/only the organisers see it/.test(said) && /To stop the emails, leave the public list or erase your pledge at any time, without writing to anyone/.test(said) && /Manage your pledge/.test(said) &&
        said.includes('| What is stored, and for how long |') && said.endsWith('| p-privacy'),
        `before Sign, the form says who sees the address, how to withdraw, and links the details: ${said}`);
  // a county left unpicked (the browser's own check set aside, as an old
  // browser would): the form comes back with everything kept, the county marked
  await page.selectOption('#p-county', '');
  await page.evaluate(() => { document.querySelector('form.pledge').noValidate = true; });
  const [refused] = await Promise.all([page.waitForNavigation(), page.click('form.pledge button[type=submit]')]);
  check(refused.status() === 400 && (await page.textContent('#form-error')).includes('Please pick your county'),
    `a county left unpicked brings the form back saying so (${refused.status()})`);
  check(await page.inputValue('#p-email') === 'browser-js@example.org' && await page.inputValue('#p-name') === 'Jay Script' &&
    await page.isChecked('#p-c0') && await page.inputValue('#p-state') === 'VA',
    'the form comes back with the address, name, state and commitment kept');
  check(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'p-county' &&
    await page.getAttribute('#p-county', 'aria-invalid') === 'true', 'the county is marked and has the focus');
  await axe(page, 'the refused pledge');
  await page.selectOption('#p-county', '51990');
  await Promise.all([page.waitForNavigation(), page.click('form.pledge button[type=submit]')]);
  check((await page.textContent('h1')).includes('Check your email'), 'signing with JavaScript shows the confirmation page');
  check((await page.textContent('strong.address')) === 'browser-js@example.org', 'the reply names the address the link goes to');
  check(await page.isVisible('.banner.synthetic'), 'the reply carries the fictional-campaign banner');
  await axe(page, 'the reply page');
  // a state whose county lists a technology other than Ring: its date is a
  // cited source's, "dated", never a start (sl_tracker_dated_by_source)
  await page.goto(base + '/campaign');
  await page.selectOption('#l-state', 'OH');
  await page.selectOption('#l-county', '39990');
  await Promise.all([page.waitForResponse((r) => r.url().includes('/api/campaign/local')), page.click('#local-form button[type=submit]')]);
  await page.waitForSelector('#facts table');
  jsOhio = await page.textContent('#facts');
  const dates = await page.$$eval('#facts td.nowrap', (d) => d.map((x) => x.textContent));
  check(dates.some((d) => d.startsWith('dated ')) && dates.every((d) => /^(dated|started) |^not dated$/.test(d)) &&
    !jsOhio.includes('Since') && !jsOhio.includes('first partnership began') && jsOhio.includes('first Ring partnership started') &&
    jsOhio.includes('say when a source reported them'),
    `with JavaScript, a non-Ring row is "dated", a Ring row "started", with the note (${dates})`);
  await page.goto(base + '/directory/suggest');
  await axe(page, '/directory/suggest');
  // a form on another origin posting here: the browser sends that Origin
  await page.goto(base + '/campaign');
  const csrf = await page.inputValue('input[name=csrf]');
  await page.goto(other + '/');
  await page.evaluate(([target, token]) => {
    const f = document.createElement('form');
    f.method = 'post';
    f.action = target;
    for (const [k, v] of [['csrf', token], ['email', 'forged@example.org'], ['state', 'VA'], ['county', '51990']]) {
      const i = document.createElement('input');
      i.name = k; i.value = v; i.type = 'hidden';
      f.appendChild(i);
    }
    document.body.appendChild(f);
    f.submit();
  }, [base + '/campaign/pledge', csrf]);
  await page.waitForLoadState('load');
  check((await page.textContent('h1')).includes('another site'), 'a form posted from another origin is refused');
  await ctx.close();
}

// the location, opted in: used once in the browser, never sent
{
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, permissions: ['geolocation'],
    geolocation: { latitude: 38.61, longitude: -78.17 } });
  const urls = [];
  ctx.on('request', (r) => { urls.push(r.url()); if (!r.url().startsWith(base + '/')) outside.push(r.url()); });
  const page = await ctx.newPage();
  await page.goto(base + '/campaign');
  check(await page.isVisible('#geo'), 'with JavaScript and geolocation the page offers "Use my location once"');
  await page.click('#geo');
  await page.waitForFunction(() => (document.querySelector('#facts h3') || {}).textContent?.startsWith('Ashgrove'), null, { timeout: 15000 });
  check(await page.inputValue('#l-county') === '51990', 'the location picks the county that holds it');
  const leaked = urls.filter((u) => /38\.6|78\.1|lat|lon/.test(decodeURIComponent(u)));
  check(leaked.length === 0, `no request carries the location${leaked.length ? ': ' + leaked.join(' ') : ''}`);
  await ctx.close();
}

// the location in a county whose box overlaps its neighbour's, nearer the
// neighbour's box centre (Camden, NJ and Philadelphia, PA): the county whose
// shape holds it is picked, and said
if (hookBase) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, permissions: ['geolocation'],
    geolocation: { latitude: 38.1, longitude: -77.3 } });
  const page = await ctx.newPage();
  await page.goto(hookBase + '/campaign');
  await page.click('#geo');
  await page.waitForFunction(() => /^Picked from your location/.test(document.querySelector('#geo-note')?.textContent || ''), null, { timeout: 15000 });
  check(await page.inputValue('#l-county') === '51991', 'the location picks the county whose shape holds it, not the nearest box');
  const note = await page.textContent('#geo-note');
  check(note.includes('Hook County (test), VA') && note.includes('Change it above if it is wrong'),
    `the page says which county it picked: ${note}`);
  await ctx.close();
  // a new context: the page accepts a position up to ten minutes old
  const far = await browser.newContext({ viewport: { width: 390, height: 844 }, permissions: ['geolocation'],
    geolocation: { latitude: 45.0, longitude: -100.0 } });
  const farPage = await far.newPage();
  await farPage.goto(hookBase + '/campaign');
  await farPage.click('#geo');
  await farPage.waitForFunction(() => /none of the campaign/.test(document.querySelector('#geo-note')?.textContent || ''), null, { timeout: 15000 });
  check(await farPage.inputValue('#l-county') === '', 'a location in none of the counties says so, and picks none');
  await far.close();
}

// JavaScript off, 390 px
{
  const ctx = await context(false, 390);
  const page = await ctx.newPage();
  await page.goto(base + '/campaign');
  await page.selectOption('#l-state', 'VA');
  await Promise.all([page.waitForNavigation(), page.click('#local-form button[type=submit]')]);
  check(page.url().includes('state=VA'), 'without JavaScript the place form is a plain GET');
  await page.selectOption('#l-county', '51990');
  await Promise.all([page.waitForNavigation(), page.click('#local-form button[type=submit]')]);
  check((await page.textContent('#facts h3')).startsWith('Ashgrove County'), 'the county figures are rendered by the server');
  const noJsFacts = await page.textContent('#facts dl');
  check(noJsFacts === jsFacts, `the server's figures read as the script's (${noJsFacts} | ${jsFacts})`);
  await page.goto(base + '/campaign?state=OH&county=39990');
  const noJsOhio = await page.textContent('#facts table');
  check(jsOhio.includes(noJsOhio) && noJsOhio.includes('dated 2019') && (await page.textContent('#facts')).includes('say when a source reported them'),
    `without JavaScript the rows' dates read as the script's (${noJsOhio})`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(wide <= 0, `nothing scrolls sideways at 390 px (${wide})`);
  // WCAG 2.2's least target for a finger: the boxes were 18-19 px
  const boxes = await page.$$eval('.check input', (l) => l.map((e) => { const r = e.getBoundingClientRect(); return Math.min(r.width, r.height); }));
  check(boxes.length > 0 && boxes.every((x) => x >= 24), `every checkbox is at least 24 px at 390 px (${boxes})`);
  await page.screenshot({ path: join(work, 'campaign-390.png'), fullPage: true });
  // a plain same-origin form POST, as chromium sends it under the page's
  // Referrer-Policy: its Origin must be the page's (not "null"), or the
  // server's same-site check would refuse the signer
  const policy = (await page.reload()).headers()['referrer-policy'];
  check(policy === 'same-origin', `/campaign asks for Referrer-Policy same-origin (${policy})`);
  const posted = async (path, submit) => {
    const [req] = await Promise.all([page.waitForRequest((r) => r.method() === 'POST' && r.url() === base + path),
      page.waitForNavigation(), page.click(submit)]);
    const h = await req.allHeaders();
    check(h.origin === base, `chromium's POST ${path} without JavaScript carries Origin ${h.origin} (wanted ${base})`);
    return (await req.response()).status();
  };
  await page.fill('#p-email', 'browser-nojs@example.org');
  await page.check('#p-c1');
  await page.check('#p-listed');
  const st = await posted('/campaign/pledge', 'form.pledge button[type=submit]');
  check(st === 200 && (await page.textContent('h1')).includes('Check your email'),
    `signing without JavaScript shows the confirmation page (${st})`);
  // Back and Sign again, as a signer tired of waiting does: the same page,
  // no second message (serve_campaign_browser.sh counts the outbox)
  await page.goBack();
  // the page is not cached (no-store): Back loads it anew, and the signer types again
  await page.fill('#p-email', 'browser-nojs@example.org');
  await page.check('#p-c1');
  await page.check('#p-listed');
  const again = await posted('/campaign/pledge', 'form.pledge button[type=submit]');
  check(again === 200 && (await page.textContent('strong.address')) === 'browser-nojs@example.org',
    `Back and Sign again answers the same, naming the address (${again})`);
  await page.screenshot({ path: join(work, 'campaign-reply-390.png'), fullPage: true });
  await page.goto(base + '/directory/suggest');
  await page.fill('#s-name', 'Browser Books (test)');
  await page.fill('#s-category', 'Books'); /* a name alone is no listing */
  await page.fill('#s-state', 'VA');
  const ss = await posted('/directory/suggest', 'form.pledge button[type=submit]');
  check(ss === 200 && (await page.textContent('h1')).includes('Thank you'), `a suggestion is sent without JavaScript (${ss})`);
  check(Boolean(token && token2), 'the store gave two confirmation links to open');
  await page.goto(`${base}/campaign/confirm?token=${token}`);
  check((await page.textContent('h1')).includes('Confirm your pledge'), 'opening the link shows a page with one button');
  const what = await page.textContent('main');
  check(what.includes('What you confirm') && what.includes('Public list of signers') && !/@example\.org/.test(what) &&
    await page.isVisible('.banner.synthetic'), 'the link\'s page shows what it confirms, not the address, under the banner');
  const sc = await posted('/campaign/confirm', 'form.pledge button[type=submit]');
  check(sc === 200 && (await page.textContent('h1')).includes('your pledge is confirmed'),
    `the button confirms without JavaScript (${sc})`);
  await page.goto(`${base}/campaign/confirm?token=${token}`);
  check((await page.textContent('h1')).includes('confirmed already'), 'opened again, the link says confirmed already');
  check(await page.isVisible('.banner.synthetic'), 'the confirmed page carries the banner');
  await ctx.close();
}

// axe at 390 px (it runs as a script, so in a context with JavaScript: the
// markup is the server's either way)
{
  const ctx = await context(true, 390);
  const page = await ctx.newPage();
  for (const path of ['/campaign?state=VA&county=51990', '/directory/suggest', '/campaign/confirm?token=expired',
    `/campaign/confirm?token=${token2}`]) {
    await page.goto(base + path);
    await axe(page, `${path} at 390 px`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(wide <= 0, `${path}: nothing scrolls sideways at 390 px (${wide})`);
  }
  await ctx.close();
}

// The counter refreshes every 30 s from /api/campaign/counts, whose figures
// move once an hour: the note beside it follows the hour the answer counts
// to (the answer is altered here, as the hour's turn would change it).
{
  const ctx = await context(true, 1440);
  const page = await ctx.newPage();
  await page.clock.install();
  await page.goto(base + '/campaign');
  const hours = () => page.evaluate(() => ['counter', 'count-before', 'count-next']
    .map((id) => document.getElementById(id).textContent).join(' '));
  const was = await hours();
  await page.route('**/api/campaign/counts', async (route) => {
    const r = await route.fetch();
    const j = await r.json();
    await route.fulfill({ response: r, json: { ...j, confirmed: 99, counted_before: '2030-01-01T23:00:00Z' } });
  });
  await page.clock.runFor(31000);
  await page.waitForFunction(() => document.getElementById('counter').textContent === '99', null, { timeout: 5000 })
    .catch(() => {});
  const now = await hours();
  check(/^17 \d\d:00 \d\d:00$/.test(was) && now === '99 23:00 00:00',
    `the refreshed counter moves the note's hours with it (${was} -> ${now})`);
  await ctx.close();
}

await browser.close();
// the unpicked county (400), the forged post (403) and the expired link
// (400) are refused on purpose: chromium logs their status
const unexpected = errors.filter((e) => !/Failed to load resource: the server responded with a status of 40[03]/.test(e));
check(errors.length === 3 && unexpected.length === 0,
  `no console error or warning but the three refusals asked for${unexpected.length ? ': ' + unexpected.join(' | ') : ''}`);
check(outside.length === 0, `no request leaves the servers${outside.length ? ': ' + outside.join(' ') : ''}`);
console.log(`${failures.length ? 'FAILED' : 'passed'}: ${failures.length} failure(s)`);
process.exit(failures.length ? 1 : 0);
