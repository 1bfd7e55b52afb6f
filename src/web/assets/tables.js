/*
 * tables.js — the serve page's tables (loaded after chart.js, before
 * app.js): partnerships by state beside the registry's figures, by agency
 * type, the changes between two snapshots, the disparity by group, the
 * cameras near each site and the map's colours by area. Each draws one answer of the JSON API; app.js
 * holds the page's state and asks.
 */
(function () {
  'use strict';

  var C = window.slChart;

  /* As the CLI's and the report's by-state tables: the rows not linked to
   * the registry beside each share (they are in none). Under a type filter
   * the API gives no registry figures (tracker.c), and the table none. */
  function byState(box, part) {
    var by = part.by || {}, reg = part.by_registry;
    /* Ring's rows are partnerships; another technology's, or every one's, records (the report's words) */
    var ring = C.partnered(part), rowsHead = ring ? 'Partnership rows' : 'Records';
    var order = Object.keys(by).sort(function (a, b) { return by[b] - by[a] || (a < b ? -1 : 1); });
    if (!reg) {
      C.table(box, ['State', rowsHead], order.map(function (s) { return [s, by[s]]; }), [0, 1]);
      return;
    }
    /* "per 100 agencies", as the report's table by state gives the same figure */
    var rows = order.map(function (s) {
      var r = reg[s] || {};
      return [s, by[s], r.agencies === undefined ? '—' : r.agencies, r.partnered === undefined ? '—' : r.partnered,
        /* none of the state's rows linked (DC, the territories): 0 of N measures nothing */
        r.partnered === 0 && r.unlinked > 0 ? 'not known' :
          typeof r.share === 'number' && isFinite(r.share) ? (100 * r.share).toFixed(1) : '—', r.unlinked || 0];
    });
    C.table(box, ['State', rowsHead, 'Registry agencies', ring ? 'Partnered agencies' : 'Agencies on record', 'Per 100 agencies', rowsHead === 'Records' ? 'Records not linked' : 'Rows not linked'],
      rows, [0, 1, 1, 1, 1, 1]);
  }

  /* Rows by agency type; with SINCE, the rows that may predate it apart. */
  function byType(box, partType, since) {
    var by = partType.by || {}, unc = partType.by_uncertain || {};
    var keys = Object.keys(by).concat(Object.keys(unc)).filter(function (k, i, a) { return a.indexOf(k) === i; })
      .sort(function (a, b) { return (by[b] || 0) - (by[a] || 0) || (a < b ? -1 : 1); });
    var head = ['Agency type', C.partnered(partType) ? 'Partnership rows' : 'Records'], num = [0, 1];
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
        rows.push([k, r.agency || '', r.state || '', r.ori || '', r.record_id || '', r.technology || '', r.start || '',
          r.began || '', r.what_changed || '']);
      });
    });
    /* the agency names the row, not its kind of change; its ORI and record find it in the registry and the list */
    C.table(box, ['Change', 'Agency', 'State', 'ORI', 'Record', 'Technology', 'Start', 'Began', 'What changed'], rows,
      [0, 0, 0, 'nowrap', 'nowrap', 0, 'nowrap', 0, 'changed-what'], null, 25, 1);
  }

  /* The answer D of /api/disparity for events EV over area set SET: its
   * sentence (events, baseline, dissimilarity, how the intervals and p were
   * drawn), its caution when the analysis gives one, and the table by
   * group (GROUPS: the groups' names; NAMES: the layers'). */
  /* one resample gives no interval: "n/a", not "—–—" */
  function ratioInterval(g) {
    var ok = typeof g.ratio_ci_low === 'number' && typeof g.ratio_ci_high === 'number';
    return ok ? C.fix2(g.ratio_ci_low) + '–' + C.fix2(g.ratio_ci_high) : 'n/a';
  }

  /* how far another seed moves a p near 0.05 with DRAWS draws, its Monte
   * Carlo standard error sqrt(p(1 - p) / draws), as the CLI's footnote says */
  function mcError(draws) {
    return draws > 0 ? ' (another seed moves p by about ±' + Math.sqrt(0.05 * 0.95 / draws).toFixed(4) + ' near 0.05)' : '';
  }

  /* " (data of 2014; the foreign-born shares are of column POP645213, …
   * 2009–2013, not 2014)": the residents' year as the import recorded it,
   * and a group's own years where its column is of others (the report's and
   * the CLI's words, sl_disparity_residents_note) */
  function residentsYear(d) {
    var year = d.population_from && d.population_from.year;
    if (!year) return '';
    return ' (data of ' + year + (d.residents_note ? '; ' + d.residents_note : '') + ')';
  }

  function disparity(d, ev, set, GROUPS, NAMES) {
    var fmt = C.fmt, fix2 = C.fix2, pct = C.pct, $ = function (id) { return document.getElementById(id); };
    $('disparity-note').textContent = fmt(d.events) + ' ' + (ev === 'requests' ? 'police request' : ev.replace(/s$/, '')) +
      (d.events === 1 ? '' : 's') + ' in “' + set + '”' + C.eventsOutside(d) + ', against the ' + (d.baseline || 'baseline') +
      residentsYear(d) + '; dissimilarity ' + fmt(d.dissimilarity) + ' (' + (typeof d.dissimilarity_null === 'number' ?
      fmt(d.dissimilarity_null) + ' if placed by population' : d.dissimilarity_null_note || 'n/a') + '). Intervals: ' +
      Math.round(100 * (d.confidence || 0.95)) + '%, ' + fmt(d.bootstrap) + ' bootstrap resamples; p: placebo test, ' +
      fmt(d.permutations) + ' draws' + mcError(d.permutations) + '.';
    /* too few events to quote: the analysis says so, above the figures */
    var caution = $('disparity-caution');
    caution.hidden = !d.caveat;
    C.prose(caution, d.caveat ? 'Caution: ' + d.caveat : '');
    C.table($('t-disparity'), ['Group', 'Share where the events are', 'Baseline share', 'Ratio', 'Ratio interval', 'p'],
      (d.groups || []).map(function (g) {
        return [GROUPS[g.group] || g.group, pct(g.share), pct(g.baseline), fix2(g.ratio),
          ratioInterval(g), C.pValue(g.p_value, d.permutations)];
      }), [0, 1, 1, 1, 1, 1]);
    $('disparity-reading').textContent = reading(d, GROUPS);
  }

  /* How to read the p-values of disparity D, and what its events could
   * have shown (the groups' detectable_ratio_low/high), in the report's and
   * the CLI's words (html_tables.c): a p of 0.37 beside "1.13 or more" says
   * the events were too few for a smaller gap, not that there is none. */
  function reading(d, GROUPS) {
    var groups = d.groups || [], k = groups.length, out = [], can = [];
    if (!k) return '';
    var r2 = function (x) { return x.toFixed(2); };
    out.push('Each p is two-sided (a gap either way) and tests one group' + (k > 1 ? '; with these ' + k +
      ' at once, one reaches p ≤ 0.05 by chance more often than one time in twenty: hold a group chosen after seeing all ' +
      k + ' to p ≤ ' + Number((0.05 / k).toPrecision(4)) + ' (0.05/' + k + ', Bonferroni)' : '') +
      '. A p above 0.05 says a gap this size could be chance, not that there is none.');
    groups.forEach(function (g) {
      var lo = typeof g.detectable_ratio_low === 'number', hi = typeof g.detectable_ratio_high === 'number';
      if (lo || hi) can.push((GROUPS[g.group] || g.group) + ' ' + (lo ? '≤ ' + r2(g.detectable_ratio_low) : '') +
        (lo && hi ? ' or ' : '') + (hi ? '≥ ' + r2(g.detectable_ratio_high) : ''));
    });
    if (can.length) out.push('What ' + C.fmt(d.events) + ' events can show: the test finds a gap (p ≤ 0.05) four times in five ' +
      'when the ratio is ' + can.join('; ') + '. A smaller gap may be there unseen (sightline power gives the events a gap needs).');
    return out.join(' ');
  }

  /* The answer N of /api/near: its sentence into NOTE, and the sites into
   * BOX, the most watched first (most cameras within, then the nearest). */
  /* The cameras near each site of N (/api/near) into BOX, NOTE saying what
   * they are: PUBLISHED (outside.js), when N is the report's, says so in
   * its place, and the table then has no nearest distance (none is
   * published) and says "withheld" where the report does. */
  function sites(note, box, n, published) {
    var fmt = C.fmt;
    note.textContent = (published || 'Cameras (' + (n.cameras_from || 'cameras layer') + ', ' + fmt(n.cameras) + ' in all) within ' +
      fmt(n.radius_m) + ' m of each site; change the radius above the map.') + (n.sites_outside ? ' Only the sites inside ' +
      'this store’s areas, a city’s or a county’s, are measured: the ' + fmt(n.sites_outside) + ' elsewhere would measure ' +
      'how far they lie from the posts, not the cameras around them.' : '');
    var far = function (s) { return typeof s.nearest_m === 'number' ? s.nearest_m : Infinity; };
    var count = function (s) { return typeof s.within === 'number' ? s.within : -1; };
    var list = (n.sites || []).slice().sort(function (a, b) {
      return (count(b) - count(a)) || (far(a) < far(b) ? -1 : far(a) > far(b) ? 1 : 0);
    });
    var head = ['Site', 'Category', 'Cameras within ' + fmt(n.radius_m) + ' m'];
    var row = function (s) {
      return [s.name || s.id || '(unnamed)', s.category || '', s.within_suppressed ? 'withheld to protect residents' : s.within];
    };
    if (n.published) C.table(box, head, list.map(row), [0, 0, 1], null, 25);
    else C.table(box, head.concat(['Nearest camera (m)']), list.map(function (s) { return row(s).concat([s.nearest_m]); }), [0, 0, 1, 1], null, 25);
  }

  /* The headline figures of PART (/api/partnerships) as items of UL: the
   * agencies, each share, the count since a date with how many of it are
   * dated only to a month, the rows left out of the shares or the timeline,
   * and the dated rows of other technologies, in the server's words. */
  function figures(ul, part) {
    var fmt = C.fmt, pct = C.pct, plural = C.plural, el = C.el;
    function li(big, rest) {
      var l = el('li');
      l.appendChild(el('span', big, 'big'));
      l.appendChild(document.createTextNode(' ' + rest));
      ul.appendChild(l);
      return l;
    }
    /* the agencies and the share's numerator differ by those not in the registry: said here, not left to subtraction */
    var away = part.unlinked_agencies || 0;
    /* no technology picked: body cameras and drones count too, which "partnered" read as Ring's; nor is a
     * face recognition row a partnership (the report's words) */
    var tech = part.query && part.query.tech, any = !C.partnered(part);
    li(fmt(part.agencies), (part.agencies === 1 ? 'agency' : 'agencies') + (!any ? ' partnered (' +
      plural(part.total, 'partnership row', 'partnership rows') : (tech ? ' with technology matching “' + tech + '” on record (' :
      ' with at least one surveillance technology on record (') + plural(part.total, 'record', 'records')) + ')' +
      (away && away === part.agencies ? '; none of ' + (part.agencies === 1 ? 'it' : 'them') + ' is linked to a registry agency, so no share below counts ' +
        (part.agencies === 1 ? 'it' : 'them') : away ? '; ' + fmt(away) + ' of ' + (part.agencies === 1 ? 'it' : 'them') +
        ' linked to no registry agency, so a share below can count only the other ' + fmt(part.agencies - away) : '')).id = 'fig-agencies';
    var none = part.linked === 0 && part.unlinked > 0; /* no row linked (DC, the territories): no share measures anything */
    (part.share || []).forEach(function (s, i) {
      li(none ? 'Not known:' : pct(s.share), none ? 'the share of ' + s.denominator + ', for none of the rows is linked to the registry' :
        'of ' + s.denominator + ' (' + fmt(s.partnered) + ' of ' + fmt(s.agencies) + ')').id = 'fig-share-' + i;
    });
    if (part.share_withheld) li('No share:', part.share_withheld).id = 'fig-no-share';
    /* the count with how many of it are dated only to a month, in the server's
     * words (sl_tracker_coarse_note), as the report's lead and the CLI say it:
     * of partnerships (an agency and a technology, each begun with its
     * earliest row), as the diff's "new" counts them, where rows carry starts */
    if (part.since) {
      var sp = !part.dated_by_source && part.since.partnerships, since = sp || part.since, more = sp ? sp.further_rows : 0;
      li(fmt(since.count), (sp ? (since.count === 1 ? 'partnership' : 'partnerships') + ' started' : part.dated_by_source ? 'dated' : 'started') +
        ' on or after ' + since.date + (since.month_or_year_note ? ' (' + since.month_or_year_note + ')' : '') + (since.uncertain ?
        '; ' + fmt(since.uncertain) + ' more known only to a month or year that straddles it' : '') +
        (more ? '; ' + plural(more, 'further row dated', 'further rows dated') + ' on or after it ' + (more === 1 ? 'belongs' : 'belong') +
          ' to a partnership that began before it or is listed twice' : '')).id = 'fig-since';
    }
    var row = any ? 'record' : 'row', rows = any ? 'records' : 'rows';
    if (part.unlinked) li(fmt(part.unlinked), (part.unlinked === 1 ? row : rows) + ' not linked to the agency registry (left out of the shares, which are so lower bounds)');
    if (part.undated) li(fmt(part.undated), (part.undated === 1 ? row : rows) + ' without a date (not on the timeline)');
    /* the Atlas's caveat for the Atlas's rows; another list's carry its date column's day (tracker.h) */
    var byFile = part.dated_by_file || 0, byAtlas = (part.dated_by_source || 0) - byFile;
    if (byAtlas > 0) li(fmt(byAtlas), 'dated ' + (byAtlas === 1 ? row + ' is' : rows + ' are') +
      ' of technologies other than Ring: the Atlas dates them by the source it cites, which can come years after use began').id = 'fig-dated-by-source';
    if (byFile > 0) li(fmt(byFile), 'dated ' + (byFile === 1 ? row + ' is' : rows + ' are') +
      ' of technologies other than Ring from lists other than the Atlas: dated by the date column of the file they come from, which need not say when use began').id = 'fig-dated-by-file';
  }

  /* The map's colours as figures, for a reader who cannot see them or use
   * the map: each area's value of the colouring SHOWN ({metric, values}),
   * highest first, those without a figure last. LABEL names the colouring. */
  function areaFigures(t, feats, shown, label, title) {
    var m = shown.metric, show = /^lq_/.test(m) ? C.fix2 : m === 'partners' ? C.pct : C.fmt;
    var v = function (f) { var x = shown.values[f.properties.id]; return typeof x === 'number' && isFinite(x) ? x : null; };
    /* a share or a rate beside what it is of: Hawaii's 100% is 4 of 4 agencies */
    var of = shown.of, ofHead = m === 'partners' ? (/partnered$/.test(label) ? 'Partnered' : 'On record') + ' of the state’s registry agencies' : 'Count and residents';
    var rows = feats.slice().sort(function (a, b) { var x = v(a), y = v(b); return (x === null) - (y === null) || (y - x) || 0; })
      .map(function (f) {
        var held = shown.withheld && shown.withheld[f.properties.id];
        var row = [title(f.properties), v(f) !== null ? show(v(f)) : held || 'no figure'];
        return of ? row.concat([of[f.properties.id] || '']) : row;
      });
    var box = t.closest('details');
    box.querySelector('summary').textContent = 'The map as a table: ' + label + ', by area';
    box.hidden = false;
    C.table(t, of ? ['Area', label, ofHead] : ['Area', label], rows, of ? [0, 1, 1] : [0, 1], 'No area.', 50);
  }

  window.slTables = { byState: byState, byType: byType, changes: changes, disparity: disparity, sites: sites, figures: figures,
    areaFigures: areaFigures };
})();
