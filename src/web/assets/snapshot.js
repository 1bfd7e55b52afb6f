/*
 * snapshot.js — which partnership snapshot the serve page shows (loaded
 * after chart.js and tables.js, before app.js): the Snapshot select of the
 * filters, the words that date every partnership figure, and the changes
 * between the snapshot shown and another, earlier or later. A board quoting a figure
 * of last year must be able to show it again, and say which list it came
 * from. The server picks the snapshot in force at ?snapshot=DATE by the
 * CLI's rule (--snapshot); app.js holds the page's state and asks.
 */
(function () {
  'use strict';

  var C = window.slChart, fmt = C.fmt;
  var $ = function (id) { return document.getElementById(id); };

  /* The store's snapshot dates (/api/info), newest first. */
  function dates(info) {
    var seen = {};
    return ((info && info.partnerships) || []).map(function (p) { return p.snapshot; })
      .filter(function (d) { if (!d || seen[d]) return false; seen[d] = true; return true; }).sort().reverse();
  }

  /* The Snapshot select, newest first and the newest the default. With one
   * snapshot there is nothing to choose: the field is hidden (the headline
   * still names the snapshot). */
  function control(info) {
    var all = dates(info), sel = $('f-snapshot');
    $('f-snapshot-field').hidden = all.length < 2;
    sel.textContent = '';
    all.forEach(function (d, i) {
      var o = C.el('option', d + (i === 0 ? ' (newest)' : ''));
      o.value = d;
      sel.appendChild(o);
    });
    if (all.length) sel.value = all[0];
  }

  /* "Snapshot 2020-01-15 (an earlier one; the newest is 2020-10-07)": the
   * list a figure comes from, and whether it is the newest. */
  function words(snapshot, info) {
    var all = dates(info), s = 'Snapshot ' + (snapshot || '—');
    if (all.length < 2 || !snapshot) return s;
    return s + (snapshot === all[0] ? ' (the newest of ' + all.length + ')' : ' (an earlier one; the newest is ' + all[0] + ')');
  }

  /* After each answer: the select shows the snapshot the figures are from,
   * and every heading marked .snap-of names it. */
  function stamp(snapshot) {
    if (!snapshot) return;
    var sel = $('f-snapshot');
    if (sel && Array.prototype.some.call(sel.options, function (o) { return o.value === snapshot; })) sel.value = snapshot;
    Array.prototype.forEach.call(document.querySelectorAll('.snap-of'), function (n) { n.textContent = '(snapshot ' + snapshot + ')'; });
  }

  /* "Compare with": the other snapshots, those before TO first (the one
   * just before it first), then the later ones (the one just after first,
   * marked "later"), VS chosen. */
  function fillFrom(others, to, vs) {
    var sel = $('d-from');
    sel.textContent = '';
    others.forEach(function (d) { var o = C.el('option', d + (d > to ? ' (later)' : '')); o.value = d; sel.appendChild(o); });
    sel.value = vs;
    $('d-from-field').hidden = others.length === 0;
  }

  /* The changes between TO, the snapshot the figures show, and VIEW.vs when
   * it is another snapshot of the store, else the one just before TO (the
   * one just after when TO is the first: a board showing last year's list
   * asks what has changed since), with technology VIEW.tech; always from
   * the earlier to the later, as the diff reads. Drawn into "Between
   * snapshots" while CURRENT() holds (a newer question may have been
   * asked). Resolves to the diff, or null when the store holds no other. */
  function diff(api, info, view, to, current) {
    var all = dates(info);
    var earlier = all.filter(function (d) { return to && d < to; }),
      later = all.filter(function (d) { return to && d > to; }).reverse(), others = earlier.concat(later);
    var vs = others.indexOf(view.vs) >= 0 ? view.vs : others[0];
    fillFrom(others, to, vs);
    $('h-diff').hidden = !to;
    if (!vs) {
      $('diff-note').textContent = to ? 'The store holds one snapshot, that of ' + to + ': nothing to compare it with.' :
        'The store holds no snapshot: nothing to compare.';
      $('diff-caution').hidden = true;
      $('t-diff').hidden = true;
      return Promise.resolve(null);
    }
    /* the state filter too, as `partnerships diff --state` takes it: a state's
     * reporter asked of her state was given the nation's changes */
    var tech = view.tech, state = view.state, after = vs > to;
    return api('/api/partnerships/diff', { from: after ? to : vs, to: after ? vs : to, tech: tech, state: state }).then(function (d) {
      if (!current()) return d;
      var c = d.counts || {};
      $('t-diff').hidden = false;
      /* the files too: "2021-10-07" alone does not tell an editor which export it is (diff.c) */
      var of = function (date, file) { return date + (file ? ' (' + file + ')' : ''); };
      $('diff-note').textContent = (after ? 'From the snapshot of ' + of(d.from, d.from_file) + ', the one the figures show, to that of ' +
        of(d.to, d.to_file) + ', a later one: ' : 'From the snapshot of ' + of(d.from, d.from_file) + ' to that of ' + of(d.to, d.to_file) +
        ', the one the figures show: ') +
        fmt(c.new) + ' new, ' + fmt(c.ended) + ' ended, ' + fmt(c.changed) + ' changed (' +
        (tech ? 'technology matching “' + tech + '”' : 'every technology') + ', ' + (state ? 'agencies in ' + state : 'every state') + ').' +
        (d.rows_note ? ' ' + d.rows_note : '') + /* partnerships, not rows (diff.c) */
        /* the denominator, when the new rows began, what "ended" says (diff.c), as the CLI prints them */
        ' Registry agencies' + (state ? ' in ' + state : '') + ': ' + fmt(c.agencies) + '; partnered: ' +
        fmt(c.partnered_from) + ' (' + C.pct(c.share_from) + ') on ' + d.from + ', ' + fmt(c.partnered_to) + ' (' +
        C.pct(c.share_to) + ') on ' + d.to + '.' +
        (c.new ? ' Of the ' + fmt(c.new) + ' new, by their start dates: ' + fmt(c.new_began_between) + ' began after ' +
          d.from + ', ' + fmt(c.new_began_before) + ' on or before it (listed late), ' + fmt(c.new_began_not_known) +
          ' not known.' : '') +
        (d.ended_note ? ' ' + d.ended_note : '');
      /* most "ended": the later snapshot may be a partial list (diff.c) */
      $('diff-caution').hidden = !d.caveat;
      C.prose($('diff-caution'), d.caveat ? 'Caution: ' + d.caveat : '');
      window.slTables.changes($('t-diff'), d);
      return d;
    });
  }

  /* The "Compare with" select: VIEW.vs, then ONCHANGE (app.js keeps the URL). */
  function bindFrom(view, onchange) {
    $('d-from').addEventListener('change', function () { view.vs = $('d-from').value; onchange(); });
  }

  window.slSnapshot = { dates: dates, control: control, words: words, stamp: stamp, diff: diff, bindFrom: bindFrom };
})();
