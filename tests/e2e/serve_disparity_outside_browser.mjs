// serve_disparity_outside_browser.mjs — the dashboard's "Who lives where the
// events are" as a board member meets it from outside (the proxy's
// X-Forwarded-For on every request), and on this machine. Checks for
// serve_disparity_outside_browser.sh.
// usage: node serve_disparity_outside_browser.mjs BASE_URL WORK_DIR
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { settle } from './serve_page.mjs';

const [, , base, work] = process.argv;
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
const pct = (x) => (100 * x).toFixed(1) + '%';

async function panel(headers, events) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, extraHTTPHeaders: headers });
  const page = await ctx.newPage(), errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + '/', { waitUntil: 'load' });
  await settle(page);
  await page.selectOption('#d-events', events);
  await settle(page);
  const out = await page.evaluate(() => ({
    note: document.getElementById('disparity-note').innerText,
    published: (function (p) { return p && !p.hidden ? p.innerText : ''; })(document.getElementById('disparity-published')),
    first: Array.from(document.querySelectorAll('#t-disparity tbody tr:first-child :is(th, td)')).map((td) => td.innerText),
    option: ((s) => s.options[s.selectedIndex].text)(document.getElementById('d-events')),
  }));
  const api = await page.evaluate(async (u) => (await fetch(u)).json(), '/api/disparity?events=cameras&areas=demo-tracts&published=1');
  const exact = await page.evaluate(async (u) => { const r = await fetch(u); return r.ok ? r.json() : null; }, '/api/disparity?events=posts&areas=demo-tracts');
  await ctx.close();
  return { ...out, api, exact, errors };
}

const XFF = { 'X-Forwarded-For': '203.0.113.7' };
const o = await panel(XFF, 'posts');
console.log(`   outside, Posts: ${o.note.slice(0, 70)}… | ${o.published.slice(0, 60)}… | ${o.first.join(' ')}`);
check(!/police request/.test(o.note), 'from outside, Posts chosen: the sentence is no longer the police requests\' (they stood under "Posts")');
check(o.note.startsWith(`${o.api.events} cameras in “demo-tracts”`), '... it names the cameras the report weighs, and their count');
check(o.published.includes('withheld to protect residents') && o.published.includes('< 5'),
  '... and says in the report\'s words what is withheld and why ("withheld to protect residents", "< 5")');
const withheld = o.api.areas.filter((a) => a.events_suppressed).length;
check(o.published.includes(`${withheld} of ${o.api.areas.length} areas`), `... and how many areas (${withheld} of ${o.api.areas.length})`);
check(o.first[0] === 'Black' && o.first[1] === pct(o.api.groups[0].share),
  `... the table is the published answer's (${o.first[1]} = ${pct(o.api.groups[0].share)})`);
check(o.errors.length === 0, `no page error ${o.errors.join('; ')}`);
check(o.option === 'Posts (as the report’s cameras)', `... and the select says the posts are weighed as the report's cameras (${o.option})`);

// The map coloured by the posts' location quotient from outside: it asked the
// exact disparity, got 403 and coloured nothing, with the refusal in the red
// status line. Now it colours by the published quotients and says so.
async function lqMap(headers) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, extraHTTPHeaders: headers });
  const page = await ctx.newPage();
  await page.goto(base + '/', { waitUntil: 'load' });
  await settle(page);
  await page.selectOption('#m-metric', 'lq_posts');
  await settle(page);
  const out = await page.evaluate(() => ({
    option: document.querySelector('#m-metric option[value="lq_posts"]').textContent,
    legend: document.getElementById('legend').innerText,
    status: document.getElementById('status').innerText,
    fills: window.__slPage && window.__slPage.colours ? Object.keys(window.__slPage.colours().values).length : null,
  }));
  await ctx.close();
  return out;
}
const m = await lqMap(XFF);
console.log(`   outside, map by posts' quotient: ${m.legend.replace(/\s+/g, ' ').slice(0, 160)} | status: ${m.status}`);
check(!/answer only on the machine|403/.test(m.status), `from outside, the map by the posts' quotient is no refusal in the status line (${m.status})`);
check(m.legend.includes('the quotients the published report gives, of cameras') && m.legend.includes(`${withheld} of ${o.api.areas.length} areas are withheld to protect residents`),
  '... its legend says the quotients are the published report\'s, of cameras, and how many areas are withheld');
check(m.option === 'Posts (as the report’s cameras): location quotient',
  `... and the colouring's name says the quotient is of the report's cameras, not of posts (${m.option})`);
const lm = await lqMap({});
check(!lm.legend.includes('published report'), 'on this machine, the map by the posts\' quotient is the exact one, no such words');
check(lm.option === 'Posts: location quotient', `... named "Posts: location quotient" (${lm.option})`);

const l = await panel({}, 'posts');
check(l.exact && l.note.startsWith(`${l.exact.events} posts in`) && !l.published,
  'on this machine, Posts: the exact posts\' figures, no published note');
check(l.exact && l.first[1] === pct(l.exact.groups[0].share), '... the table is the exact answer\'s');
check(l.option === 'Posts', `... and the select says Posts (${l.option})`);
await browser.close();
console.log(`${failures.length ? 'FAILED' : 'all passed'} (${failures.length} failures)`);
process.exit(failures.length ? 1 : 0);
