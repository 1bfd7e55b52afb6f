/*
 * county.js — the partnership lists of the serve page's area panel (loaded
 * after chart.js, before app.js): a county's partnered agencies, and its
 * state's changes between two snapshots. Which counties a row is in is the
 * server's rule (/api/partnerships/links?areas=SET gives each row the ids
 * of the counties its Atlas or registry county names, as the campaign page
 * and `partnerships --links --areas` count them); the rows are indexed by
 * those ids once per technology filter, so a click is a look-up. app.js
 * holds the page's state.
 */
(function () {
  'use strict';

  var el = window.slChart.el, fmt = window.slChart.fmt;

  /* The answer of /api/partnerships/links?areas=SET as {snapshot, byArea},
   * each row under every county id it names (Houston's under three). */
  function index(links) {
    var byArea = {};
    (links.rows || []).forEach(function (r) {
      var ids = String(r.areas || '').split(' ').filter(Boolean);
      ids.forEach(function (id) { (byArea[id] = byArea[id] || []).push({ row: r, counties: ids.length }); });
    });
    return { snapshot: links.snapshot, byArea: byArea, rows_are_partnerships: links.rows_are_partnerships };
  }

  var memo = {}; /* technology filter, area set and snapshot -> index */

  /* The rows of /api/partnerships/links for technology filter TECH with the
   * counties of area set SET each names, in SNAPSHOT (the one the page
   * shows; none: the newest), indexed (API: app.js's fetch of the JSON
   * API): fetched once per filter, set and snapshot. */
  function links(api, tech, set, snapshot) {
    var key = tech + '|' + set + '|' + (snapshot || '');
    if (memo[key]) return memo[key];
    var q = { areas: set };
    if (tech) q.tech = tech;
    if (snapshot) q.snapshot = snapshot;
    var p = api('/api/partnerships/links', q).then(index);
    memo[key] = p;
    p.catch(function () { delete memo[key]; });
    return p;
  }

  /* Into BOX: the partnership rows of county ID from the INDEX, under the
   * heading of TITLE (TECH: the technology filter, or ''). */
  function draw(box, idx, id, title, tech) {
    var rows = idx.byArea[id] || [];
    /* Rows naming the county, not agencies placed in it: the report's "areas
     * with the most partnered agencies" counts registry points inside the
     * outline (Cook: 74 rows here, 65 agencies there), so the panel says
     * which rule it counts by, and how many distinct agencies its rows are. */
    /* without a technology they are records of every one, as the report says */
    box.appendChild(el('h4', (window.slChart.partnered(idx) ? 'Partnership rows naming ' : 'Records naming ') + title +
      (tech ? ' (technology matching “' + tech + '”)' : ' (every technology)')));
    if (!rows.length) { box.appendChild(el('p', 'None in the snapshot of ' + idx.snapshot + '.')); return; }
    var agencies = {};
    rows.forEach(function (x) { agencies[x.row.ori || (x.row.agency + '|' + x.row.state)] = 1; });
    var nAg = Object.keys(agencies).length;
    box.appendChild(el('p', 'Counted by the county each Atlas row or its registry agency names. The report\'s ' +
      '“areas with the most partnered agencies” counts agencies by where the registry places them, so its figure ' +
      'can differ.', 'note'));
    var said = fmt(rows.length) + ' partnership row' + (rows.length === 1 ? '' : 's') + ' of ' +
      window.slChart.plural(nAg, 'agency', 'agencies') + ', snapshot ' + idx.snapshot;
    var several = rows.filter(function (x) { return x.counties > 1; }).length;
    if (several) box.appendChild(el('p', fmt(several) + ' of them name several counties and count in each: county ' +
      'figures do not add up to the state\'s.', 'note'));
    /* A county of dozens (Cook: 74) would push the state's figures off the panel. */
    window.slChart.foldedList(box, rows.map(function (x) {
      var r = x.row;
      return r.agency + (r.technology ? ' — ' + r.technology : '') + (r.ori ? ' (' + r.ori + ')' : '') +
        (x.counties > 1 ? ' [' + x.counties + ' counties]' : '');
    }), said, 'show the agencies');
  }

  /* One change K (new, ended, changed) of row A in DIFF, as a line. All the
   * data says of an end is that the row is in the snapshot of DIFF.from and
   * not in that of DIFF.to: "ended by" the later one, its start beside it
   * ("since" read as if it still ran). A date of any technology but Ring
   * is a cited source's (dated_by_source): "dated", not "started". */
  function changeLine(k, a, diff) {
    var tech = a.technology ? ', ' + a.technology : '', start = a.start ? ', ' + (a.dated_by_source ? 'dated ' : 'started ') + a.start : '';
    if (k === 'changed') return a.agency + ' — changed' + tech + (a.what_changed ? ': ' + a.what_changed : '');
    if (k === 'ended') return a.agency + ' — ended by ' + diff.to + tech + start + ' (listed on ' + diff.from + ')';
    return a.agency + ' — new' + tech + start;
  }

  /* Into BODY: the partnership changes in state ST of DIFF (/api/diff),
   * folded past ten (a state of hundreds would bury the panel). */
  function changes(body, diff, st) {
    var names = [];
    ['new', 'ended', 'changed'].forEach(function (k) {
      (diff[k] || []).forEach(function (a) { if (a.state === st) names.push(changeLine(k, a, diff)); });
    });
    if (!names.length) return;
    var box = el('div', null, 'state-changes');
    body.appendChild(box);
    window.slChart.foldedList(box, names,
      window.slChart.plural(names.length, 'change', 'changes') + ' in ' + st + ' between ' + diff.from + ' and ' + diff.to, 'show them');
  }

  window.slCounty = { links: links, draw: draw, changes: changes };
})();
