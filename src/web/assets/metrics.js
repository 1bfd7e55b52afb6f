/*
 * metrics.js — the dashboard map's colourings (loaded after outside.js,
 * before app.js): which ones a store offers, and each area's figure for a
 * location quotient or a count of points. Functions of what app.js passes
 * them (the store's /api/info, the area set shown, the API), so the page's
 * state stays in app.js; the partnership share is app.js's own (it reads
 * the partnership answer and the state filter).
 */
(function () {
  'use strict';

  var fmt = function (n) { return window.slChart.fmt(n); };

  /* The colourings for the area set of O: [value, label, legend title?]
   * each. O: {info (/api/info), fips (the set's ids are US FIPS codes),
   * kinds (the events a disparity can weigh here), layers (the point
   * layers), names (layer -> label)}. */
  function list(o) {
    var info = o.info, out = [], state = o.fips && info.partnerships && info.partnerships.length;
    var share = partnersLabel(o.part);
    /* a city's tracts all lie in one state: its share, one colour, is no first view */
    if (state && !info.local_areas) out.push(['partners', share]);
    o.kinds.forEach(function (k) {
      /* from outside the quotients are the published ones, of posts grouped into cameras (outside.js), as the disparity's select says */
      var n = (k === 'requests' ? 'Police requests' : k === 'posts' && !window.slOutside.here() ? 'Posts (as the report’s cameras)' :
        o.names[k] || k) + ': location quotient';
      out.push(['lq_' + k, n, n + ' (1 = as many as residents)']); /* the select is short on a phone: the legend says it all */
    });
    o.layers.forEach(function (l) {
      var n = o.names[l] || l;
      out.push([l + '_per_100k', n + ' per 100,000 residents']); /* the unit of the area panel and the report */
      out.push([l + '_count', n]);
    });
    /* requests counted as `join --points requests` counts them, as the report does */
    if (info.requests && info.requests.count)
      out.push(['requests_per_100k', 'Police requests per 100,000 residents'], ['requests_count', 'Police requests (split by overlap)']);
    return state && info.local_areas ? out.concat([['partners', share]]) : out;
  }

  /* Each area's figure for METRIC (a location quotient, "lq_EVENTS", or a
   * count of a layer, "LAYER_count" or "LAYER_per_100k") over SET through
   * API, from outside as the report publishes it (outside.js): a promise
   * of {values (area id -> figure), few (areas of few residents), of (what
   * a rate is of), caveat (the legend's caution), withheld (why an area
   * has no figure)}; of {values: {}} for a metric it does not know. */
  function values(api, metric, set) {
    var out = {}, lq = /^lq_(.*)$/.exec(metric);
    if (lq) return window.slOutside.disparity(api, lq[1], set).then(function (d) {
      var few = { under: d.few_residents_under, ids: {} };
      (d.areas || []).forEach(function (a) { out[a.id] = a.lq; if (a.few_residents) few.ids[a.id] = true; });
      return { values: out, caveat: window.slOutside.mapNote(d, lq[1]) || d.caveat, few: few };
    });
    var m = /^(.*)_(per_100k|count)$/.exec(metric);
    if (!m) return Promise.resolve({ values: {} });
    var rate = m[2] !== 'count';
    return window.slOutside.join(api, m[1], set).then(function (j) {
      var few = { under: j.few_residents_under, ids: {} }, of = {}, held = {};
      (j.areas || []).forEach(function (a) {
        out[a.id] = !rate ? a.count : typeof a.per_1000 === 'number' ? 100 * a.per_1000 : null; /* the API's per 1,000 */
        if (rate) of[a.id] = a.count_suppressed ? '' : fmt(a.count) + ' in ' + (typeof a.population === 'number' ? fmt(a.population) + ' residents' : 'no count of residents');
        if (rate && a.few_residents) few.ids[a.id] = true;
        if (a.count_suppressed) held[a.id] = window.slOutside.withheld(a, j.k);
      });
      return { values: out, few: few, of: rate ? of : null, caveat: window.slOutside.joinNote(j, m[1]) || null, withheld: held };
    });
  }

  /* The state colouring's name for PART, the answer of /api/partnerships
   * the figures are of: Ring's agencies partnered; another technology's, or
   * any, on record (a face recognition row is no partnership;
   * slChart.partnered). */
  function partnersLabel(part) {
    var tech = part && part.query && part.query.tech;
    return 'State: share of its agencies ' + (window.slChart.partnered(part) ? 'partnered' :
      tech ? 'with it on record' : 'with any technology on record');
  }

  /* The state colouring's values for FEATURES (the areas drawn; STATEOF
   * names an area's state) under PART, the answer of /api/partnerships by
   * state: each area's state's share of its registry agencies, undefined
   * outside the states CHOSEN (null: every one). A state whose share the
   * answer gives as null (none of its rows linked to the registry, as DC's:
   * the server's rule, sl_tracker_share_known, read here, not repeated), or
   * that the registry lacks, has no figure, not a share of 0, and the
   * legend's caution says why. */
  function partners(part, features, stateOf, chosen) {
    var reg = (part && part.by_registry) || {}, by = (part && part.by) || {}, out = {}, of = {}, none = {};
    features.forEach(function (f) {
      var id = f.properties.id, st = stateOf(f.properties), r = reg[st];
      if (chosen && chosen.indexOf(st) < 0) out[id] = undefined;
      else if (r && r.share === null) { out[id] = null; none[st] = r.unlinked || by[st] || 0; }
      else if (r) { out[id] = r.share; of[id] = fmt(r.partnered) + ' of ' + fmt(r.agencies) + ' agencies in ' + st; }
      else if (by[st]) { out[id] = null; none[st] = by[st]; }
      else out[id] = 0;
    });
    return { values: out, of: of, caveat: noShare(none, window.slChart.partnered(part)) };
  }

  /* Why the states of NONE (state -> its rows counted; RING: they are
   * partnership rows) have no figure: "No figure for DC: none of its 7
   * records is linked to the agency registry, so the share of its agencies
   * is not known." */
  function noShare(none, ring) {
    var sts = Object.keys(none).sort(), n = 0;
    if (!sts.length) return null;
    sts.forEach(function (st) { n += none[st]; });
    var rows = ring ? (n === 1 ? 'partnership row' : 'partnership rows') : (n === 1 ? 'record' : 'records');
    var its = sts.length === 1 ? 'its' : 'their';
    return 'No figure for ' + sts.join(', ') + ': ' + (n === 1 ? its + ' one ' + rows + ' is not' : 'none of ' + its + ' ' + fmt(n) + ' ' + rows + ' is') +
      ' linked to the agency registry, so the share of ' + its + ' agencies is not known.';
  }

  window.slMetrics = { list: list, values: values, partnersLabel: partnersLabel, partners: partners };
})();
