/* paper.js — the dashboard's map on paper. Paper is narrower than a desk's
 * screen: the map printed at the screen's zoom lost its east and north (New
 * England, Washington). Before printing, the view the reader had is fitted
 * to the paper's frame (app.css: html.sl-paper, and the print styles, which
 * do not apply yet at beforeprint), and comes back after. */
(function () {
  'use strict';
  window.slPaper = function (map) {
    var was = null;
    function toPaper() {
      if (was) return;
      was = { b: map.getBounds(), c: map.getCenter(), z: map.getZoom() };
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
