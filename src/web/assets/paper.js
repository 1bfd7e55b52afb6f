/* paper.js — the pages' maps and the dashboard on paper (app.js is past 800
 * lines, so what printing alone needs lives here).
 * - slPaper(map): paper is narrower than a desk's screen: the map printed
 *   at the screen's zoom lost its east and north (New England, Washington).
 *   Before printing, the view the reader had is fitted to the paper's frame
 *   (html.sl-paper in the page's CSS, as the print styles do not apply yet
 *   at beforeprint), and comes back after. The dashboard and the campaign's
 *   pledge map use it.
 * - slPaper(map, true), the dashboard: a torn page says what it is of,
 *   when, and which page of how many (@page margin boxes, as the report's);
 *   each select prints as "Label: value" text, not a form control; and a
 *   location quotient's two ends, one grey in black and white, are told
 *   apart: the areas over 1 (and their keys) are hatched on paper.
 * Everything comes back after printing: the screen does not change. */
(function () {
  'use strict';

  /* Areas coloured as over 1 in colours.js's diverging ramp. */
  function overColours() {
    return ((window.slColours && window.slColours.OVER) || []).map(function (c) { return c.toLowerCase(); });
  }
  function dark(hex) {
    var n = parseInt(hex.slice(1), 16);
    return 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255) < 110;
  }
  /* COLOUR with thin diagonal lines over it, white on a dark colour: a
   * pattern a canvas fills with, or an SVG pattern's url(). */
  var made = {};
  function hatch(colour, canvas) {
    var line = dark(colour) ? '#fff' : '#000', k = (canvas ? 'c' : 's') + colour;
    if (made[k]) return made[k];
    if (canvas) {
      var c = document.createElement('canvas'), x = c.getContext('2d');
      c.width = c.height = 6;
      x.fillStyle = colour;
      x.fillRect(0, 0, 6, 6);
      x.strokeStyle = line;
      x.beginPath();
      x.moveTo(0, 6); x.lineTo(6, 0); x.moveTo(-1, 1); x.lineTo(1, -1); x.moveTo(5, 7); x.lineTo(7, 5);
      x.stroke();
      return (made[k] = x.createPattern(c, 'repeat'));
    }
    var ns = 'http://www.w3.org/2000/svg', svg = document.getElementById('sl-paper-patterns');
    var add = function (parent, name, attrs) {
      var e = document.createElementNS(ns, name);
      Object.keys(attrs).forEach(function (a) { e.setAttribute(a, attrs[a]); });
      return parent.appendChild(e);
    };
    if (!svg) {
      svg = add(document.body, 'svg', { id: 'sl-paper-patterns', 'aria-hidden': 'true', width: 0, height: 0 });
      svg.style.position = 'absolute';
    }
    var id = 'sl-hatch-' + colour.slice(1), p = add(svg, 'pattern', { id: id, width: 6, height: 6, patternUnits: 'userSpaceOnUse' });
    add(p, 'rect', { width: 6, height: 6, fill: colour });
    add(p, 'path', { d: 'M0 6L6 0M-1 1L1 -1M5 7L7 5', stroke: line });
    return (made[k] = 'url(#' + id + ')');
  }

  /* The areas over 1 hatched, and their keys, with a line that says so. */
  function hatchOver(map) {
    var over = overColours(), kept = [];
    if (!over.length) return kept;
    map.eachLayer(function (l) {
      var f = l.options && typeof l.options.fillColor === 'string' && l.options.fillColor.toLowerCase();
      if (!l.setStyle || !l.feature || over.indexOf(f) < 0) return;
      kept.push([l, l.options.fillColor]);
      l.setStyle({ fillColor: hatch(f, l.options.renderer instanceof L.Canvas) });
    });
    var rgb = over.map(function (c) {
      var n = parseInt(c.slice(1), 16);
      return 'rgb(' + (n >> 16) + ', ' + ((n >> 8) & 255) + ', ' + (n & 255) + ')';
    });
    var keys = document.querySelectorAll('.legend i'), marked = 0;
    Array.prototype.forEach.call(keys, function (i) {
      var at = rgb.indexOf(i.style.backgroundColor);
      if (at < 0) return;
      var line = dark(over[at]) ? '#fff' : '#000';
      i.style.backgroundImage = 'repeating-linear-gradient(45deg, transparent 0 3px, ' + line + ' 3px 4px)';
      i.classList.add('paper-over');
      marked++;
    });
    var lg = document.querySelector('.legend');
    if (marked && lg) {
      var note = document.createElement('div');
      note.className = 'paper-note';
      note.textContent = 'Hatched: over ' + window.slColours.OVER_FROM + ', more than the residents would predict ' +
        '(in black and white the two ends of the scale print as one grey).';
      lg.appendChild(note);
    }
    return kept;
  }
  function unhatch(kept) {
    kept.forEach(function (k) { k[0].setStyle({ fillColor: k[1] }); });
    Array.prototype.forEach.call(document.querySelectorAll('.legend i.paper-over'), function (i) {
      i.style.backgroundImage = '';
      i.classList.remove('paper-over');
    });
    Array.prototype.forEach.call(document.querySelectorAll('.legend .paper-note'), function (n) { n.remove(); });
  }

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
    var sheet = Array.prototype.filter.call(document.styleSheets, function (s) { return /\/assets\/app\.css(\?|$)/.test(s.href || ''); })[0];
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
    var was = null, kept = [];
    function toPaper() {
      if (was) return;
      was = { b: map.getBounds(), c: map.getCenter(), z: map.getZoom() };
      if (page) {
        margins();
        selectsAsText();
        kept = hatchOver(map);
      }
      document.documentElement.classList.add('sl-paper');
      map.invalidateSize({ animate: false });
      map.fitBounds(was.b, { animate: false }); /* (redraws a canvas at once, hatches and all) */
    }
    function toScreen() {
      if (!was) return;
      unhatch(kept);
      kept = [];
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
