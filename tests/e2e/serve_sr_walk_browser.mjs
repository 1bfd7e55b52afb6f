// serve_sr_walk_browser.mjs — the pages of `sightline serve` through
// Chromium's accessibility tree (CDP Accessibility.getFullAXTree), as a
// screen reader hears them, and by keyboard: the pledge form's State and
// County, the boxes of /campaign/manage and /admin's close are not
// "invalid" before anyone answers them (a refused field is); the
// directory map's clusters say what they hold and a marker reached with
// Tab has a ring that shows; "Use my location once" and "Near my
// location" say their answer in a live region; Enter on a marker puts the
// focus on its popup's link and Escape brings it back; a directory search's page
// title says what it found; a contrast theme keeps the map legend's
// swatches; no map's drawing surface reads as an unnamed image; a
// place's figures on /campaign are titled with the place. Screenshots of the focused states go to WORK_DIR.
// usage: node serve_sr_walk_browser.mjs BASE_URL WORK_DIR MANAGE_KEY ADMIN_TOKEN
import { chromium } from 'playwright-core';
import { join } from 'node:path';

const [, , base, work, key, token] = process.argv;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });

// The accessibility tree's nodes, each {role, name, invalid, live, dom}:
// what a screen reader reads of the page.
async function axNodes(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const prop = (n, k) => (n.properties || []).find((p) => p.name === k)?.value.value;
  return nodes.filter((n) => !n.ignored).map((n) => ({ role: n.role?.value, name: n.name?.value || '',
    invalid: prop(n, 'invalid'), live: prop(n, 'live'), dom: n.backendDOMNodeId }));
}
// the AX node of the element SELECTOR
async function axOf(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  if (!nodeId) { await cdp.detach(); return null; }
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
  await cdp.detach();
  const n = nodes[0];
  const prop = (k) => (n.properties || []).find((p) => p.name === k)?.value.value;
  return { role: n.role?.value, name: n.name?.value || '', invalid: prop('invalid') };
}
// the live region (aria-live, or a role that is one) holding SELECTOR
const inLiveRegion = (page, selector) => page.evaluate((s) => {
  const e = document.querySelector(s);
  const live = e && e.closest('[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]');
  return live ? (live.getAttribute('aria-live') || live.getAttribute('role')) : null;
}, selector);

try {
  // ---- the pledge form, before anything is typed, and refused ----
  {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(base + '/campaign');
    for (const id of ['#p-state', '#p-county']) {
      const ax = await axOf(page, id);
      check(ax && ax.invalid === 'false', `/campaign: ${id} (${ax?.name}) is not announced invalid before the signer answers it (invalid=${ax?.invalid})`);
    }
    await page.fill('#p-email', 'walk@example.org');
    await page.selectOption('#p-state', 'VA');
    await page.evaluate(() => { document.querySelector('form.pledge').noValidate = true; });
    await Promise.all([page.waitForNavigation(), page.click('form.pledge button[type=submit]')]);
    const county = await axOf(page, '#p-county'), state = await axOf(page, '#p-state');
    check(county?.invalid === 'true' && state?.invalid === 'false',
      `a county left unpicked: the county is invalid, the state answered is not (${county?.invalid}, ${state?.invalid})`);
    // ---- the counts table: each row headed by its place, a county's with its state
    await page.goto(base + '/campaign');
    const heads = await page.$$eval('#count-table tbody tr', (rows) => rows.map((r) => {
      const h = r.cells[0];
      return { th: h.tagName === 'TH' && h.getAttribute('scope') === 'row', sub: h.classList.contains('sub') };
    }));
    check(heads.length > 2 && heads.every((h) => h.th), `/campaign's counts table: every row (${heads.length}) is headed by its place (th scope=row)`);
    const rowHeads = (await axNodes(page)).filter((n) => n.role === 'rowheader').map((n) => n.name);
    const subs = rowHeads.filter((n) => /count(y|ies)/i.test(n));
    check(subs.length > 0 && subs.every((n) => /(, | of )[A-Z]{2}$/.test(n)),
      `... a county's or "other counties" row header names its state: ${JSON.stringify(subs)}`);
    // ---- a place's figures: the title names the place, with JavaScript and without
    await page.goto(base + '/campaign');
    const plain = await page.title();
    await page.selectOption('#l-state', 'VA');
    await page.selectOption('#l-county', '51990');
    await Promise.all([page.waitForResponse((r) => r.url().includes('/api/campaign/local')), page.click('#local-form button[type=submit]')]);
    await page.waitForSelector('#facts h3');
    const withJs = await page.title();
    check(withJs === `Ashgrove County (synthetic), VA: the figures — ${plain}`, `the figures shown, the title names the place: ${withJs}`);
    const nojs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const np = await nojs.newPage();
    await np.goto(base + '/campaign?state=VA&county=51990');
    const served = await np.title();
    check(served === `Ashgrove County (synthetic), VA: the figures — ${plain}`,
      `without JavaScript the place's page has the same title (${served})`);
    await np.goto(base + '/campaign');
    check(await np.title() === plain, `/campaign alone keeps the campaign's title (${plain})`);
    await nojs.close();
    // ---- the map of pledges: a county reached with Tab has a name
    await page.goto(base + '/campaign');
    await page.waitForSelector('#pledge-map path.leaflet-interactive', { timeout: 15000 });
    await page.waitForTimeout(300);
    const shapes = (await axNodes(page)).filter((n) => ['image', 'graphics-symbol', 'img'].includes(n.role));
    const names = shapes.map((n) => n.name);
    check(shapes.length === 4 && names.every((x) => /County \(synthetic\): (\d+ confirmed pledges?|counted in its state)$/.test(x)),
      `the map's 4 counties each say their name and count (${names.map((x) => JSON.stringify(x)).join(', ')})`);
    const said = (await axNodes(page)).filter((n) => n.role === 'StaticText' && /confirmed pledges/.test(n.name) && /County/.test(n.name));
    check(said.length === 0, `the permanent labels are not read a second time (${said.length})`);
    // ---- "Use my location once", far from every county: said where a screen reader hears it
    const geo = await browser.newContext({ viewport: { width: 1440, height: 900 }, permissions: ['geolocation'],
      geolocation: { latitude: 45.0, longitude: -100.0 } });
    const gp = await geo.newPage();
    await gp.goto(base + '/campaign');
    check(Boolean(await inLiveRegion(gp, '#geo-note')), `/campaign: the note under "Use my location once" is a live region (${await inLiveRegion(gp, '#geo-note')})`);
    await gp.click('#geo');
    await gp.waitForFunction(() => /none of the campaign/.test(document.querySelector('#geo-note')?.textContent || ''), null, { timeout: 15000 });
    const text = await gp.textContent('#geo-note');
    check(/none of the campaign/.test(text) && Boolean(await inLiveRegion(gp, '#geo-note')),
      `a location in none of the counties is said in the live region: ${text}`);
    await geo.close();
    await ctx.close();
  }

  // ---- the dashboard under a contrast theme (forced colours): the map's key
  {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(base + '/');
    await page.waitForSelector('.legend i', { timeout: 20000 });
    await page.waitForTimeout(500);
    // as many different swatches on screen as colours they are given
    const colours = new Set(await page.$$eval('.legend i', (l) => l.map((i) => getComputedStyle(i).backgroundColor)));
    await page.emulateMedia({ forcedColors: 'active' });
    await page.waitForTimeout(300);
    const shots = new Set();
    for (const sw of await page.$$('.legend i')) shots.add((await sw.screenshot()).toString('base64'));
    check(colours.size >= 3 && shots.size >= colours.size,
      `with forced colours the dashboard legend's swatches of ${colours.size} colours look ${shots.size} ways: the map keeps its key`);
    await ctx.close();
  }

  // ---- the dashboard's selects that redraw a map or a table say so in the status line
  {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(base + '/');
    await page.waitForFunction(() => window.__slPage && window.__slPage.ready() && window.__slPage.idle(), null, { timeout: 20000 });
    await page.waitForSelector('.legend i', { timeout: 20000 });
    for (const [id, what] of [['#m-metric', /map now colours the areas by/], ['#d-events', /table now weighs .* \(\d+ groups?\)/],
      ['#s-category', /table now lists .* \(\d+ sites?\)/]]) {
      const options = await page.$$eval(`${id} option`, (o) => o.map((x) => ({ v: x.value, t: x.textContent })));
      const now = await page.$eval(id, (s) => s.value);
      const other = options.find((o) => o.v !== now);
      if (!other) { check(false, `${id} offers a second choice on the demo (${JSON.stringify(options)})`); continue; }
      await page.selectOption(id, other.v);
      await page.waitForFunction((t) => document.getElementById('status').textContent.includes(t), other.t, { timeout: 10000 }).catch(() => {});
      const said = await page.textContent('#status');
      check(what.test(said) && said.includes(other.t) && Boolean(await inLiveRegion(page, '#status')),
        `${id} set to “${other.t}”: the status line (a live region) says so: ${said}`);
      // the filters' sentence stays beside it: the figures are still of those filters
      const line = await page.textContent('#status-line');
      check(/^Showing .* in the snapshot of \d{4}-\d\d-\d\d: /.test(line) && said.startsWith(line),
        `${id}: the status line still says which filters the figures are of (${line})`);
      check(await page.$eval('#status', (e) => e.getAttribute('aria-atomic')) === 'false' &&
        (await page.textContent('#status-note')).includes(other.t),
        `${id}: a screen reader hears the note alone, not the filters' sentence again`);
    }
    await ctx.close();
  }

  // ---- the dashboard's tables of figures: each row headed by what it is of
  {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(base + '/');
    await page.waitForFunction(() => window.__slPage && window.__slPage.ready() && window.__slPage.idle(), null, { timeout: 20000 });
    await page.waitForSelector('#t-areas tbody tr', { state: 'attached', timeout: 20000 });
    await page.waitForSelector('#t-disparity tbody tr', { state: 'attached', timeout: 20000 });
    const tables = await page.$$eval('main table', (ts) => ts.filter((t) => t.tBodies.length && t.tBodies[0].rows.length).map((t) => {
      const rows = [...t.tBodies[0].rows].filter((r) => !r.querySelector('td[colspan]'));
      return { id: t.id, rows: rows.length, headed: rows.filter((r) => r.querySelector('th[scope=row]')).length,
        first: rows[0] && rows[0].querySelector('th[scope=row]')?.textContent };
    }));
    const bare = tables.filter((t) => t.rows && t.headed !== t.rows);
    check(tables.length >= 4 && bare.length === 0,
      `the dashboard's ${tables.length} tables head each row by what it is of (th scope=row; without: ${JSON.stringify(bare)}; e.g. ${JSON.stringify(tables.slice(0, 5).map((t) => [t.id, t.first]))})`);
    const heads = (await axNodes(page)).filter((n) => n.role === 'rowheader').map((n) => n.name);
    check(heads.includes('Black') && heads.some((n) => /^[A-Z]{2}$/.test(n)),
      `... a screen reader meets them as row headers: a group ("Black"), a state (${JSON.stringify(heads.slice(0, 6))})`);
    await ctx.close();
  }

  // ---- no unnamed image ("graphic") inside the maps: the drawing surfaces are not images
  {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    for (const [path, ready] of [['/', '#map path.leaflet-interactive'], ['/directory', '#dir-map[data-markers] .leaflet-marker-icon'],
      ['/directory/1', '#dir-map .biz-pin'], ['/campaign', '#pledge-map path.leaflet-interactive']]) {
      await page.goto(base + path);
      await page.waitForSelector(ready, { timeout: 20000 });
      await page.waitForTimeout(1000); /* the areas behind the directory's markers come after them */
      const unnamed = (await axNodes(page)).filter((n) => ['image', 'img', 'graphics-document'].includes(n.role) && !n.name.trim());
      check(unnamed.length === 0, `${path}: no unnamed image in the accessibility tree (${unnamed.length})`);
    }
    await ctx.close();
  }

  // ---- the signer's own page: its three boxes ----
  {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${base}/campaign/manage?key=${key}`);
    const boxes = (await axNodes(page)).filter((n) => n.role === 'checkbox');
    check(boxes.length === 3 && boxes.every((b) => b.invalid === 'false'),
      `/campaign/manage: its 3 boxes are not announced invalid before she ticks one (${boxes.map((b) => `${b.name}: ${b.invalid}`).join('; ')})`);
    // "Stop the emails" sent without its box (a browser that does not
    // enforce required): the box is marked, described and focused, the
    // sentence beside it as well as above the page
    await page.evaluate(() => document.querySelectorAll('form').forEach((f) => { f.noValidate = true; }));
    await Promise.all([page.waitForNavigation(), page.locator('form:has(#sure-consent) button[type=submit]').click()]);
    const box = await axOf(page, '#sure-consent');
    const focus = await page.evaluate(() => document.activeElement.id);
    const desc = await page.evaluate(() => {
      const d = document.getElementById(document.activeElement.getAttribute('aria-describedby') || 'none');
      if (!d) return '';
      const r = d.getBoundingClientRect();
      return (r.top >= 0 && r.bottom <= innerHeight ? 'in view: ' : 'out of view: ') + d.textContent;
    });
    check(box?.invalid === 'true' && focus === 'sure-consent' && /^in view: Nothing was changed: tick this box/.test(desc),
      `a change sent without its box: the box is invalid, has the focus and is described by a sentence beside it (${box?.invalid}, #${focus}, ${desc})`);
    const others = (await axNodes(page)).filter((n) => n.role === 'checkbox' && n.invalid === 'true');
    check(others.length === 1, `only that box is marked (${others.length})`);
    await ctx.close();
  }

  // ---- /admin: the box of "Close the campaign" ----
  {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(base + '/admin/login');
    await page.fill('#a-token', token);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    const close = (await axNodes(page)).filter((n) => n.role === 'checkbox' && /takes no pledge/.test(n.name));
    check(close.length === 1 && close[0].invalid === 'false',
      `/admin: the box before "Close the campaign" is not announced invalid before it is ticked (${close.map((b) => b.invalid)})`);
    await ctx.close();
  }

  // ---- the directory: its map by keyboard and screen reader, its titles ----
  {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(base + '/directory');
    await page.waitForSelector('#dir-map[data-markers] .marker-cluster', { timeout: 20000 });
    await page.waitForTimeout(500);
    const clusters = (await axNodes(page)).filter((n) => n.role === 'button' && /^\d/.test(n.name));
    check(clusters.length > 0 && clusters.every((c) => /^\d+ listings here: .+\(Enter zooms in\)$/.test(c.name)),
      `the map's clusters say what they hold, not a bare count (${clusters.map((c) => JSON.stringify(c.name)).join(', ')})`);
    // Tab to the first marker of the map: its ring is wide enough to see
    let ring = null;
    for (let i = 0; i < 40 && !ring; i++) {
      await page.keyboard.press('Tab');
      ring = await page.evaluate(() => {
        const e = document.activeElement;
        if (!e || !e.classList.contains('leaflet-marker-icon')) return null;
        const cs = getComputedStyle(e);
        return { width: parseFloat(cs.outlineWidth), style: cs.outlineStyle, cls: e.className };
      });
    }
    check(ring && ring.style !== 'none' && ring.width >= 2,
      `a marker reached with Tab shows a ring at least 2 px wide (${JSON.stringify(ring)})`);
    const r = await page.evaluate(() => { const b = document.activeElement.getBoundingClientRect(); return { x: b.x, y: b.y }; });
    await page.screenshot({ path: join(work, 'directory-marker-focus.png'), clip: { x: r.x - 80, y: r.y - 60, width: 200, height: 140 } });
    // Enter opens the marker's popup and puts the focus on its link;
    // Escape closes it and gives the focus back to the marker
    const pin = await page.evaluate(() => document.activeElement.title);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(400);
    const inPopup = await page.evaluate(() => { const e = document.activeElement; return e.closest('.leaflet-popup') ? e.textContent : null; });
    check(inPopup === pin, `Enter on the marker of ${pin} puts the focus on its popup's link (${inPopup})`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(400);
    const back = await page.evaluate(() => ({ popup: Boolean(document.querySelector('#dir-map .leaflet-popup')), title: document.activeElement.title }));
    check(!back.popup && back.title === pin, `Escape closes the popup and the focus is back on the marker (${JSON.stringify(back)})`);
    // a search's page title
    await page.goto(base + '/directory?q=bakery');
    const found = await page.title();
    check(/^\d+ listings? for “bakery”/.test(found), `a search's title says what it found: ${found}`);
    await page.goto(base + '/directory?q=zzzzqq');
    const none = await page.title();
    check(/^No listing matches for “zzzzqq”/.test(none), `a search that found nothing is titled so: ${none}`);
    await page.goto(base + '/directory');
    check(/^Directory of Black-owned businesses/.test(await page.title()), 'the directory unsearched keeps its name as title');
    await ctx.close();
    // "Near my location" refused by the browser: said, in a live region
    const denied = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const dp = await denied.newPage();
    await dp.goto(base + '/directory');
    await dp.evaluate(() => { // the browser's refusal, as a person who said no gets it
      navigator.geolocation.getCurrentPosition = (ok, fail) => setTimeout(() => fail({ code: 1, message: 'User denied Geolocation' }), 10);
    });
    await dp.click('#d-locate');
    await dp.waitForTimeout(300);
    const note = await dp.textContent('#d-locate-note');
    check(/could not be read/.test(note) && Boolean(await inLiveRegion(dp, '#d-locate-note')) && dp.url().endsWith('/directory'),
      `"Near my location" refused says so in a live region (${await inLiveRegion(dp, '#d-locate-note')}): ${note}`);
    await denied.close();
  }
  // ---- every page's title ends as the directory's do: " — sightline"
  {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    for (const path of ['/campaign/manage', '/campaign/manage?key=' + key, '/campaign/manage?key=not-a-key', '/directory/suggest']) {
      await page.goto(base + path);
      const t = await page.title();
      check(t.endsWith(' — sightline'), `${path.replace(key, 'KEY')}: the title ends " — sightline" (${t})`);
    }
    await ctx.close();
  }
} catch (e) {
  check(false, `the walk ran to its end: ${e.message}`);
}
await browser.close();
console.log(`${failures.length ? 'FAILED' : 'passed'}: ${failures.length} failure(s)`);
process.exit(failures.length ? 1 : 0);
