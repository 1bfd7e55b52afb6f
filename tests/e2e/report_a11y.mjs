// report_a11y.mjs — axe-core on an audit's report.html at desktop and phone
// sizes (usage: node report_a11y.mjs REPORT_DIR...). Prints every violation;
// fails on any of impact serious or critical, and on content outside every
// landmark (region: a banner a reader jumping by landmark would miss); and
// when the page scrolls sideways at 320 px or at 390 px with text at 200%,
// or a table or the box it scrolls in has no name, or the map glides for a
// reader who asked for less motion (its zoom, or a pan by the arrow keys), or no link skips the map's stops, or a
// contrast theme (forced colours) empties the legend's swatches, or an
// image has no name (the map's drawing surfaces), or a chart the Tab
// reaches has no name or the same as another. axe
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
    if (w === 1440) { // asked for less motion, the map zooms without its glide
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const glide = await page.evaluate(() => {
        const m = document.querySelector('.leaflet-container'), z = m && m.querySelector('.leaflet-zoom-animated');
        if (!z) return 'no map';
        m.classList.add('leaflet-zoom-anim');
        const d = getComputedStyle(z).transitionDuration;
        m.classList.remove('leaflet-zoom-anim');
        return d;
      });
      bad += glide !== '0s' && glide !== 'no map';
      console.log(`${glide === '0s' || glide === 'no map' ? 'ok  ' : 'FAIL'} ${dir}: prefers-reduced-motion: the map's zoom transition lasts ${glide}`);
      await page.emulateMedia({ reducedMotion: 'no-preference' });
    }
    if (w === 1440) { // a contrast theme (forced colours) keeps the legend's swatches, the map's key
      // as many different swatches on screen as colours they are given
      const colours = new Set(await page.$$eval('#legend i:not(.outline)', (l) => l.map((i) => getComputedStyle(i).backgroundColor)));
      await page.emulateMedia({ forcedColors: 'active' });
      const shots = new Set();
      for (const sw of await page.$$('#legend i:not(.outline)')) shots.add((await sw.screenshot()).toString('base64'));
      const ok = colours.size >= 3 && shots.size >= colours.size;
      bad += !ok;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${dir}: with forced colours the legend's swatches of ${colours.size} colours look ${shots.size} ways`);
      await page.emulateMedia({ forcedColors: 'none' });
    }
    if (w === 1440) { // the map's drawing surfaces are no unnamed images ("graphic") to a screen reader
      const cdp = await ctx.newCDPSession(page);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      const unnamed = nodes.filter((n) => !n.ignored && ['image', 'img'].includes(n.role?.value) && !(n.name?.value || '').trim()).length;
      bad += unnamed > 0;
      console.log(`${unnamed ? 'FAIL' : 'ok  '} ${dir}: no unnamed image in the accessibility tree (${unnamed})`);
    }
    if (w === 1440) { // a chart the Tab lands on says what it shows, and no two charts say the same
      const cdp = await ctx.newCDPSession(page);
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const named = async (sel) => {
        const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: sel });
        const out = [];
        for (const nodeId of nodeIds) {
          const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
          if (nodes[0] && !nodes[0].ignored) out.push((nodes[0].name?.value || '').trim());
        }
        return out;
      };
      const figs = await named('figure.chart[tabindex]'), imgs = await named('figure.chart svg[role=img]');
      const ok = figs.length > 0 && figs.every(Boolean) && new Set(figs).size === figs.length && new Set(imgs).size === imgs.length;
      bad += !ok;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${dir}: the ${figs.length} charts the Tab reaches are named, each its own words (${JSON.stringify(figs)}; drawings ${imgs.length}, ${new Set(imgs).size} names)`);
    }
    if (w === 1440) { // a row of figures is headed by what it is of (th scope=row), so a column read down says whose each is
      const bare = await page.evaluate(() => [...document.querySelectorAll('main table')].filter((t) => t.tBodies.length &&
        [...t.tBodies[0].rows].some((r) => !r.querySelector('td[colspan]') && !r.querySelector('th[scope=row]')))
        .map((t) => t.getAttribute('aria-label') || t.id));
      const all = await page.evaluate(() => document.querySelectorAll('main table').length);
      bad += bare.length > 0;
      console.log(`${bare.length ? 'FAIL' : 'ok  '} ${dir}: every row of the ${all} tables has a row header${bare.length ? ` (${bare.length} tables without: ${bare.slice(0, 5).join('; ')})` : ''}`);
    }
    if (w === 1440) { // a keyboard reader passes the map's many stops in one step
      await page.focus('#metric');
      await page.keyboard.press('Tab');
      const on = await page.evaluate(() => document.activeElement.textContent);
      await page.keyboard.press('Enter');
      const at = await page.evaluate(() => document.activeElement.id);
      const ok = /Skip past the map/.test(on) && at === 'legend';
      bad += !ok;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${dir}: Tab after “Colour areas by” reaches “${on}”, and Enter moves focus to #${at}`);
    }
    if (w === 1440) { // a screen reader lists tables by name, and names what Tab lands on
      const unnamed = await page.evaluate(() => [...document.querySelectorAll('main table, main .scroll[tabindex]')]
        .filter((e) => !(e.getAttribute('aria-label') || '').trim() && !e.querySelector(':scope > caption'))
        .map((e) => `${e.tagName.toLowerCase()} after “${(e.closest('.scroll') || e).previousElementSibling?.textContent.slice(0, 40)}”`));
      bad += unnamed.length > 0;
      console.log(`${unnamed.length ? 'FAIL' : 'ok  '} ${dir}: every table and scrolling box has a name${unnamed.length ? ` (${unnamed.length} without: ${unnamed.slice(0, 4).join('; ')})` : ''}`);
    }
    await ctx.close();
  }
  // Reflow: at 320 px (a page zoomed to 400%) and on a 390 px phone with every
  // text twice its size, only tables, charts and code blocks scroll sideways,
  // in their own boxes; the page itself never does.
  for (const [w, h, big] of [[320, 568, 0], [390, 844, 1]]) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
    if (big) await page.evaluate(() => {
      const all = [...document.querySelectorAll('body, body *')];
      const px = all.map((e) => parseFloat(getComputedStyle(e).fontSize));
      all.forEach((e, i) => e.style.setProperty('font-size', `${px[i] * 2}px`, 'important'));
    });
    const wide = await page.evaluate((w) => ({ sw: document.documentElement.scrollWidth, out: [...document.querySelectorAll('main *')]
      .filter((e) => !e.closest('.scroll, figure, pre, .leaflet-container') && e.getBoundingClientRect().right > w + 1)
      .slice(0, 3).map((e) => `${e.tagName.toLowerCase()} “${e.textContent.slice(0, 40)}”`) }), w);
    const ok = wide.sw <= w + 1;
    bad += !ok;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${dir} ${w}px${big ? ', text at 200%' : ''}: the page is ${wide.sw} px wide${wide.out.length ? '; past the edge: ' + wide.out.join(', ') : ''}`);
    await ctx.close();
  }
  // An arrow key on the map, for a reader who asked for less motion, moves
  // it at once: the map pane's transform sampled at every frame for 400 ms
  // takes at most 2 values (without the wish it glides, as the check's own
  // proof that it sees a glide).
  const positions = async (motion) => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: motion });
    const page = await ctx.newPage();
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
    if (!(await page.$('.leaflet-container .leaflet-map-pane'))) { await ctx.close(); return -1; }
    await page.waitForTimeout(600);
    await page.focus('.leaflet-container');
    await page.evaluate(() => {
      const pane = document.querySelector('.leaflet-container .leaflet-map-pane');
      window.seen = new Set();
      const t0 = performance.now();
      (function frame() { window.seen.add(getComputedStyle(pane).transform); if (performance.now() - t0 < 400) requestAnimationFrame(frame); })();
    });
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(500);
    const n = await page.evaluate(() => window.seen.size);
    await ctx.close();
    return n;
  };
  const still = await positions('reduce'), moving = await positions('no-preference');
  const ok = still === -1 || (still <= 2 && moving > 2);
  bad += !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${dir}: with less motion asked, an arrow key moves the map at once (${still} positions drawn; ${moving} without the wish)`);
}
await browser.close();
process.exit(bad ? 1 : 0);
