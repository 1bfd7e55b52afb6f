/* paper.js — the pages' maps and the dashboard on paper (app.js is past 800
 * lines, so what printing alone needs lives here).
 * - slPaper(map): paper is narrower than a desk's screen: the map printed
 *   at the screen's zoom lost its east and north (New England, Washington).
 *   Before printing, the view the reader had is fitted to the paper's frame
 *   (html.sl-paper in the page's CSS, as the print styles do not apply yet
 *   at beforeprint), and comes back after.
 * - slPaper(map, true), the dashboard: a torn page says what it is of,
 *   when, and which page of how many (@page margin boxes, as the report's);
 *   and each select prints as "Label: value" text, not a form control.
 * Everything comes back after printing: the screen does not change. */
(function () {
  'use strict';

  /* Each shown select's choice as text beside its label. */
  function selectsAsText() {
    Array.prototype.forEach.call(document.querySelectorAll('main .field > select'), function (s) {
      var v = s.nextElementSibling;
      if (!v || !v.classList.contains('paper-value')) {
        v = document.createElement('span');
        v.className = 'paper-value';
        v.setAttribute('aria-hidden', 'true');
        s.parentNode.insertBefore(v, s.nextSibling);
      }
      var o = s.options[s.selectedIndex];
      v.textContent = o ? o.textContent : '';
    });
  }

  /* A CSS string of TEXT: quotes, backslashes and controls escaped. */
  function cssString(text) {
    return '"' + String(text).replace(/[\\"\x00-\x1f\x7f]/g, function (c) { return '\\' + c.charCodeAt(0).toString(16) + ' '; }) + '"';
  }
  /* The running title, date and page number in every page's margin (the
   * dashboard's only: app.css serves the campaign's pages too). */
  var rule = null;
  function margins() {
    var sheet = Array.prototype.filter.call(document.styleSheets, function (s) { return /\/assets\/app\.css$/.test(s.href || ''); })[0];
    if (!sheet) return;
    var snap = document.querySelector('.snap-of'), when = snap ? snap.textContent.replace(/[()]/g, '').trim() : '';
    var what = 'sightline, live view of ' + location.host + location.pathname + location.search +
      (when ? ' \u2014 ' + when : '') + ' \u2014 printed ' + new Date().toISOString().slice(0, 10);
    var synthetic = document.getElementById('synthetic-banner'), font = 'font: 8pt system-ui, sans-serif; color: #444; ';
    var css = '@media print { @page { margin: 16mm 14mm 14mm; @bottom-left { content: ' + cssString(what) + '; ' + font + '} ' +
      '@top-right { content: "page " counter(page) " of " counter(pages); ' + font + '} ' +
      (synthetic && !synthetic.hidden ? '@top-center { content: "SYNTHETIC DEMO DATA \u2014 fictional agencies, places and people"; ' +
        font + 'font-weight: bold; color: #000; } ' : '') + '} }';
    if (rule !== null) sheet.deleteRule(rule);
    rule = sheet.insertRule(css, sheet.cssRules.length);
  }

  window.slPaper = function (map, page) {
    var was = null;
    function toPaper() {
      if (was) return;
      was = { b: map.getBounds(), c: map.getCenter(), z: map.getZoom() };
      if (page) {
        margins();
        selectsAsText();
      }
      document.documentElement.classList.add('sl-paper');
      map.invalidateSize({ animate: false });
      map.fitBounds(was.b, { animate: false });
    }
    function toScreen() {
      if (!was) return;
      document.documentElement.classList.remove('sl-paper');
      map.invalidateSize({ animate: false });
      map.setView(was.c, was.z, { animate: false });
      was = null;
    }
    window.addEventListener('beforeprint', toPaper);
    window.addEventListener('afterprint', toScreen);
    var paper = window.matchMedia ? window.matchMedia('print') : null;
    if (paper && paper.addEventListener) paper.addEventListener('change', function (e) { if (e.matches) toPaper(); else toScreen(); });
  };
})();
