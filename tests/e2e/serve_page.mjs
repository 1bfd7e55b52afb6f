// serve_page.mjs — what the dashboard's browser checks share (not a test
// itself): waiting until `sightline serve`'s page has drawn its figures.

/* Wait until PAGE has no request in flight and its figures are drawn: the
 * page says so through window.__slPage (app.js), twice, 150 ms apart, as
 * one answer may start the next request. */
export async function settle(page) {
  await page.waitForFunction(() => window.__slPage && window.__slPage.ready() && window.__slPage.idle(), null, { timeout: 30000 });
  await page.waitForTimeout(150);
  await page.waitForFunction(() => window.__slPage.idle(), null, { timeout: 30000 });
}
