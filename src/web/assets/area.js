/*
 * area.js — the serve page's area panel, its first part (loaded after
 * chart.js, before app.js): the area's id, residents (with the table and
 * year they come from) and size, then what each point layer counts in it,
 * as `join` counts it (/api/join; from outside, posts and cameras as the
 * report publishes them), in the units of the report's and the CLI's
 * tables. app.js holds the page's state and passes what this
 * needs; county.js draws the partnership lists under it.
 */
(function () {
  'use strict';

  var C = window.slChart, el = C.el, fmt = C.fmt, dl = C.dl;

  /* " (quickfacts-2014.csv, data of 2014)": residents quoted with the table
   * and year the import of area set SET recorded, from INFO (/api/info) */
  function residentsSource(info, set) {
    var a = ((info && info.area_sets) || []).filter(function (x) { return x.name === set; })[0];
    var src = a && ((info.sources || []).filter(function (x) { return x.id === a.source_id; })[0]);
    var file = src && src.options && src.options.demographics;
    if (!file) return '';
    return ' (' + file + (src.year ? ', data of ' + src.year : '') + ')';
  }

  /* The area's id, residents and size (properties P of set SET) into BODY. */
  function basics(body, p, info, set) {
    var pairs = [['Id', p.id]];
    if (typeof p.pop === 'number') pairs.push(['Residents', fmt(p.pop) + residentsSource(info, set)]);
    if (typeof p.area_km2 === 'number') pairs.push(['Area', fmt(p.area_km2) + ' km²']);
    dl(body, pairs);
  }

  /* What each of O.layers counts in area O.id of set O.set, into a new
   * block of BODY, once every answer is in and O.current() still holds.
   * Posts and cameras the server keeps exact to its own machine come, to a
   * visitor from outside, as the published report counts them
   * (outside.js: a count under k camera locations withheld), and the
   * heading says so; a failure says why once and the others still show.
   * Police requests are split over the areas they overlap, so a count may
   * be fractional. O: {api, layers, set, id, names (layer -> label), heads
   * (layer -> words of the heading), current, failed}. */
  function figures(body, o) {
    var figs = el('div');
    body.appendChild(figs);
    Promise.all(o.layers.map(function (l) {
      return window.slOutside.join(o.api, l, o.set).catch(function (e) { return { error: e.message }; });
    })).then(function (joins) {
      if (!o.current()) return;
      var pairs = [], kinds = [], refused = joins.filter(function (j) { return j.error; })[0];
      var published = joins.some(function (j) { return j.published; });
      if (refused) figs.appendChild(el('p', refused.error, 'note'));
      joins.forEach(function (j, i) {
        var row = (j.areas || []).filter(function (a) { return a.id === o.id; })[0];
        if (!row) return;
        var l = o.layers[i], held = window.slOutside.withheld(row, j.k);
        var few = row.few_residents ? '; fewer than ' + fmt(j.few_residents_under) + ' residents: the rate rests on few people' : '';
        kinds.push(o.heads[l] || l);
        /* the API gives per 1,000 and per km² */
        pairs.push([o.names[l] || l, held || fmt(row.count) + ' (' + fmt(100 * row.per_1000) + ' per 100,000 residents, ' +
          fmt(1000 * row.per_km2) + ' per 1,000 km²)' + few]);
      });
      /* the heading names what the store holds: "Sensitive sites in this area" where it has sites alone */
      var what = kinds.length > 1 ? kinds.slice(0, -1).join(', ') + ' and ' + kinds[kinds.length - 1] : kinds[0] || '';
      if (!pairs.length) return;
      figs.appendChild(el('h4', what.charAt(0).toUpperCase() + what.slice(1) + ' in this area' +
        (published ? ' (as the published report gives them)' : ' (exact, for analysis)')));
      dl(figs, pairs);
    }, o.failed);
  }

  window.slArea = { basics: basics, figures: figures };
})();
