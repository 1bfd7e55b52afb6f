/*
 * county.js — the partnership lists of the serve page's area panel (loaded
 * after chart.js, before app.js): a county's partnered agencies, and its
 * state's changes between two snapshots. The Atlas and the FBI registry
 * spell a county differently ("Cook County" and "Cook", "St. Louis" and
 * "Saint Louis"), so the rows of /api/partnerships/links are indexed under
 * both spellings, reduced to compare, once per technology filter: a click
 * is then a look-up. app.js fetches the rows and holds the page's state.
 */
(function () {
  'use strict';

  var el = window.slChart.el, fmt = window.slChart.fmt;

  /* A county's name reduced to compare. */
  function countyKey(name) {
    return String(name || '').toLowerCase().replace(/\bsaint\b/g, 'st.').replace(/\bst\b(?!\.)/g, 'st.')
      .replace(/\s+(county|parish|borough|census area|city and borough|municipality)$/, '').replace(/\s+/g, ' ').trim();
  }

  /* The answer of /api/partnerships/links as {snapshot, byCounty}, its rows
   * under "ST|county" for the Atlas's and the registry's county name. */
  function index(links) {
    var byCounty = {};
    (links.rows || []).forEach(function (r) {
      var a = countyKey(r.county), b = countyKey(r.registry_county);
      [a, b].forEach(function (k, i) {
        if (!k || (i === 1 && b === a)) return;
        (byCounty[r.state + '|' + k] = byCounty[r.state + '|' + k] || []).push(r);
      });
    });
    return { snapshot: links.snapshot, byCounty: byCounty };
  }

  /* Into BOX: the partnership rows of county NAME in state ST from the
   * INDEX, under the heading of TITLE (TECH: the technology filter, or ''). */
  function draw(box, idx, st, name, title, tech) {
    var rows = idx.byCounty[st + '|' + countyKey(name)] || [];
    box.appendChild(el('h4', 'Partnered agencies in ' + title + (tech ? ' (technology containing “' + tech + '”)' : '')));
    if (!rows.length) { box.appendChild(el('p', 'None in the snapshot of ' + idx.snapshot + '.')); return; }
    var said = fmt(rows.length) + ' partnership row' + (rows.length === 1 ? '' : 's') + ', snapshot ' + idx.snapshot;
    /* A county of dozens (Cook: 66) would push the state's figures off the panel. */
    window.slChart.foldedList(box, rows.map(function (r) {
      return r.agency + (r.technology ? ' — ' + r.technology : '') + (r.ori ? ' (' + r.ori + ')' : '');
    }), said, 'show the agencies');
  }

  /* Into BODY: the partnership changes in state ST of DIFF (/api/diff),
   * folded past ten (a state of hundreds would bury the panel). */
  function changes(body, diff, st) {
    var names = [];
    ['new', 'ended', 'changed'].forEach(function (k) {
      (diff[k] || []).forEach(function (a) { if (a.state === st) names.push([k, a]); });
    });
    if (!names.length) return;
    var box = el('div', null, 'state-changes');
    body.appendChild(box);
    window.slChart.foldedList(box, names.map(function (n) {
      return n[1].agency + ' — ' + n[0] + (n[1].technology ? ', ' + n[1].technology : '') + (n[1].start ? ', since ' + n[1].start : '');
    }), window.slChart.plural(names.length, 'change', 'changes') + ' in ' + st + ' between ' + diff.from + ' and ' + diff.to, 'show them');
  }

  window.slCounty = { index: index, draw: draw, changes: changes };
})();
