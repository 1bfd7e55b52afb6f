/*
 * colours.js — the serve page's choropleth classes (loaded before app.js):
 * which colour an area's figure gets and what the legend says of each
 * class. Pure functions of the figures, so they read and test on their own;
 * app.js asks for the figures and draws.
 */
(function () {
  'use strict';

  var NODATA = '#bdbdbd';
  var OUTSIDE = '#eeeeee';
  /* An area of few residents under a rate per resident (sl_few_residents):
   * a park's handful of points over two residents would top every class. */
  var FEW = '#dadaeb';
  var SEQ = ['#fee8c8', '#fdbb84', '#fc8d59', '#e34a33', '#b30000'];
  var ZERO = '#fff7ec';
  /* Shares of registry agencies: fixed breaks, so colours compare across filters. */
  var SHARE_BREAKS = [0.1, 0.25, 0.5, 0.75, 1];
  /* Location quotients are neutral at 1: a diverging ramp centred there. */
  var DIV = ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'];
  var DIV_BREAKS = [0.5, 0.8, 0.95, 1.05, 1.25, 2, Infinity];

  /* The classes of METRIC over VALUES (area id → figure): shares and
   * location quotients on fixed breaks, counts and rates on quantiles of
   * the positive figures (zero its own class). FEW (optional): {under: N
   * residents, ids: {area id: true}}, areas whose rate is left out of the
   * classes and drawn apart. */
  function classesFor(metric, values, few) {
    if (metric === 'partners') return { breaks: SHARE_BREAKS, colours: SEQ, zero: true, share: true };
    var fewIds = (few && few.ids) || {}, fewN = Object.keys(fewIds).length, fewUnder = few ? few.under : 0;
    if (/^lq_/.test(metric)) return { breaks: DIV_BREAKS, colours: DIV, zero: false, lq: true, few: fewN, fewUnder: fewUnder };
    var vals = Object.keys(values).filter(function (k) { return !fewIds[k]; }).map(function (k) { return values[k]; })
      .filter(function (v) { return typeof v === 'number' && isFinite(v); }).sort(function (a, b) { return a - b; });
    var pos = vals.filter(function (v) { return v > 0; }), breaks = [];
    for (var i = 1; i <= SEQ.length && pos.length; i++) {
      var b = pos[Math.min(pos.length - 1, Math.ceil(i * pos.length / SEQ.length) - 1)];
      if (!breaks.length || b > breaks[breaks.length - 1]) breaks.push(b);
    }
    return { breaks: breaks, colours: SEQ.slice(SEQ.length - breaks.length), zero: pos.length < vals.length,
      integer: vals.every(function (v) { return v === Math.round(v); }), few: fewN, fewUnder: fewUnder };
  }

  /* The colour of figure V in classes C: undefined is outside the filter,
   * anything not a number has no figure; FEW: the area is one of the
   * classes' few-resident areas. */
  function colourOf(v, c, few) {
    if (v === undefined) return OUTSIDE;
    if (few && c.few) return FEW;
    if (typeof v !== 'number' || !isFinite(v)) return NODATA;
    if (c.zero && v === 0) return ZERO;
    for (var i = 0; i < c.breaks.length; i++) if (v <= c.breaks[i]) return c.colours[i];
    return c.colours[c.colours.length - 1];
  }

  /* The legend's entries of classes C, [text, colour] each, numbers written by FMT. */
  function keysOf(c, fmt) {
    var out = [], lo = null;
    if (c.zero) out.push([c.share ? '0%' : '0', ZERO]);
    c.breaks.forEach(function (b, i) {
      var text;
      if (c.lq) text = i === 0 ? 'under ' + b : b === Infinity ? 'over ' + c.breaks[i - 1] : c.breaks[i - 1] + '–' + b;
      else if (c.share) text = (i === 0 ? 'up to ' : Math.round(100 * c.breaks[i - 1]) + '–') + Math.round(100 * b) + '%';
      else if (c.integer) { var from = i === 0 ? (c.zero ? 1 : null) : lo; text = from === null || from === b ? fmt(b) : fmt(from) + '–' + fmt(b); }
      else text = (i === 0 ? 'up to ' : fmt(lo) + '–') + fmt(b);
      out.push([text, c.colours[i]]);
      lo = c.integer ? b + 1 : b;
    });
    if (c.few) out.push(['fewer than ' + fmt(c.fewUnder) + ' residents (' + fmt(c.few) + (c.few === 1 ? ' area' : ' areas') +
      '): a ' + (c.lq ? 'quotient' : 'rate') + ' there rests on few people, so it is not coloured', FEW]);
    out.push(['no figure', NODATA]);
    return out;
  }

  /* OVER: the ramp's classes over 1, hatched on paper (paper.js), where blue and red print as one grey */
  window.slColours = { classesFor: classesFor, colourOf: colourOf, keysOf: keysOf, NODATA: NODATA, OUTSIDE: OUTSIDE, FEW: FEW,
    OVER: DIV.slice(4), OVER_FROM: DIV_BREAKS[3] };
})();
