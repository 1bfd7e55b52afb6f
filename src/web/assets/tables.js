/*
 * tables.js — the serve page's partnership tables (loaded after chart.js,
 * before app.js): by state beside the registry's figures, by agency type,
 * and the changes between two snapshots. Each draws one answer of the JSON
 * API into a table element; app.js holds the page's state and asks.
 */
(function () {
  'use strict';

  var C = window.slChart;

  /* As the CLI's and the report's by-state tables: the rows not linked to
   * the registry beside each share (they are in none). Under a type filter
   * the API gives no registry figures (tracker.c), and the table none. */
  function byState(box, part) {
    var by = part.by || {}, reg = part.by_registry;
    var order = Object.keys(by).sort(function (a, b) { return by[b] - by[a] || (a < b ? -1 : 1); });
    if (!reg) {
      C.table(box, ['State', 'Partnership rows'], order.map(function (s) { return [s, by[s]]; }), [0, 1]);
      return;
    }
    var rows = order.map(function (s) {
      var r = reg[s] || {};
      return [s, by[s], r.agencies === undefined ? '—' : r.agencies, r.partnered === undefined ? '—' : r.partnered,
        C.pct(r.share), r.unlinked || 0];
    });
    C.table(box, ['State', 'Partnership rows', 'Registry agencies', 'Partnered agencies', 'Share partnered', 'Rows not linked'],
      rows, [0, 1, 1, 1, 1, 1]);
  }

  /* Rows by agency type; with SINCE, the rows that may predate it apart. */
  function byType(box, partType, since) {
    var by = partType.by || {}, unc = partType.by_uncertain || {};
    var keys = Object.keys(by).concat(Object.keys(unc)).filter(function (k, i, a) { return a.indexOf(k) === i; })
      .sort(function (a, b) { return (by[b] || 0) - (by[a] || 0) || (a < b ? -1 : 1); });
    var head = ['Agency type', 'Partnership rows'], num = [0, 1];
    if (Object.keys(unc).length) { head.push('Uncertain (may predate ' + since + ')'); num.push(1); }
    C.table(box, head, keys.map(function (k) {
      var r = [k || '(none)', by[k] || 0];
      if (head.length > 2) r.push(unc[k] || 0);
      return r;
    }), num, null, 25);
  }

  /* The changes of DIFF (/api/partnerships/diff), new, ended, changed. A
   * changed row's start is the new one: "What changed" says what it was,
   * in the server's words (diff.c, what_changed), as the CLI and report do. */
  function changes(box, d) {
    var rows = [];
    ['new', 'ended', 'changed'].forEach(function (k) {
      (d[k] || []).forEach(function (r) {
        rows.push([k, r.agency || '', r.state || '', r.technology || '', r.start || '', r.what_changed || '']);
      });
    });
    C.table(box, ['Change', 'Agency', 'State', 'Technology', 'Start', 'What changed'], rows, [0, 0, 0, 0, 'nowrap', 'changed-what'], null, 25);
  }

  window.slTables = { byState: byState, byType: byType, changes: changes };
})();
