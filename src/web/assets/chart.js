/*
 * chart.js — the serve page's drawing helpers (loaded before app.js): elements
 * made from text (textContent only, never markup), number formats, tables and
 * the timeline chart in SVG. No state; app.js holds the page.
 */
(function () {
  'use strict';

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  /* EL with TEXT appended as the CLI writes its sentences: a span between
   * backticks (a command to type, such as `sightline rm 7`) as <code>, the
   * rest as text; never markup. The report draws them so too (report.js). */
  function prose(e, text) {
    e.textContent = '';
    String(text).split(/\x60([^\x60]+)\x60/).forEach(function (part, i) {
      if (i % 2) e.appendChild(el('code', part));
      else if (part) e.appendChild(document.createTextNode(part));
    });
    return e;
  }

  function fmt(v) {
    if (typeof v !== 'number' || !isFinite(v)) return v === null || v === undefined ? '—' : String(v);
    var a = Math.abs(v);
    /* A small rate keeps two significant digits rather than reading 0. */
    if (a > 0 && a < 0.01) return v.toLocaleString('en-US', { maximumSignificantDigits: 2 });
    return v.toLocaleString('en-US', { maximumFractionDigits: a === 0 || a >= 100 ? 0 : a >= 1 ? 1 : 2 });
  }

  /* Ratios near 1 are the finding: two decimals always. */
  function fix2(v) { return typeof v === 'number' && isFinite(v) ? v.toFixed(2) : '—'; }

  function plural(n, one, many) { return fmt(n) + ' ' + (n === 1 ? one : many); }

  function pct(v) { return typeof v === 'number' && isFinite(v) ? (100 * v).toFixed(1) + '%' : '—'; }

  var SVGNS = 'http://www.w3.org/2000/svg';
  function svgEl(parent, tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (a) { e.setAttribute(a, attrs[a]); });
    if (text !== undefined) e.textContent = String(text);
    parent.appendChild(e);
    return e;
  }

  /* Every period from FIRST to LAST: years "2019" or months "2019-04". */
  function periods(first, last) {
    var out = [];
    if (first.length === 4) { for (var y = Number(first); y <= Number(last); y++) out.push(String(y)); return out; }
    var yy = Number(first.slice(0, 4)), mm = Number(first.slice(5, 7));
    for (var k = first; k <= last && out.length < 1200; k = yy + '-' + (mm < 10 ? '0' : '') + mm) {
      out.push(k);
      if (++mm > 12) { mm = 1; yy++; }
    }
    return out;
  }

  /* Draw in BOX the bars of SR ({by, unc, none, unit, dated}: counts by period,
   * those that may predate SINCE, those without a period, 'year' or 'month',
   * true when the dates are cited sources' rather than starts) at the
   * box's own pixel width so text keeps its size on a phone; the uncertain
   * stack lighter. Returns the caption. */
  function timeline(box, sr, since) {
    box.textContent = '';
    var what = sr.dated ? 'Records by the ' + sr.unit + ' of their date' : 'Partnerships by the ' + sr.unit + ' they started';
    var before = sr.dated ? 'may be dated before ' : 'may have started before ';
    var by = sr.by, unc = sr.unc;
    var keys = Object.keys(by).concat(Object.keys(unc)).filter(function (y, i, a) { return a.indexOf(y) === i; }).sort();
    if (!keys.length) {
      box.appendChild(el('p', 'No dated partnership matches the filters.', 'note'));
      return what + ': none.';
    }
    var all = periods(keys[0], keys[keys.length - 1]);
    var W = Math.max(280, box.clientWidth || 600), H = 220, L = 40, R = 8, T = 18, B = 26;
    var max = 1;
    all.forEach(function (k) { max = Math.max(max, (by[k] || 0) + (unc[k] || 0)); });
    /* Each bar's count must fit its slot (12px digits are ~7px wide): on a
     * phone 2019's "1,329" ran into 2020's "2,141". Where they do not fit,
     * the chart keeps its width and scrolls, shown at its newest end. */
    var slot = String(fmt(max)).length * 7 + 6, fit = L + R + all.length * slot, scrolls = fit > W && all.length <= 60;
    if (scrolls) W = fit;
    /* A screen reader reads this label, not the bars: their counts (the
     * caption gives the uncertain part), or past 24 bars the busiest. */
    var count = function (k) { return by[k] || 0; };
    var peak = all.reduce(function (p, k) { return count(k) > count(p) ? k : p; }, all[0]);
    var figures = all.length <= 24 ? all.map(function (k) { return k + ': ' + fmt(count(k)); }).join(', ')
      : 'most in ' + peak + ' (' + fmt(count(peak)) + ')';
    if (scrolls) box.appendChild(el('p', '← Earlier ' + sr.unit + 's: scroll the chart sideways', 'note scroll-note'));
    var frame = scrolls ? el('div', null, 'chart-scroll') : box;
    if (scrolls) { frame.tabIndex = 0; frame.setAttribute('role', 'region'); frame.setAttribute('aria-label', what); box.appendChild(frame); }
    var svg = svgEl(frame, 'svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img',
      'aria-label': what + ', ' + all[0] + ' to ' + all[all.length - 1] + ': ' + figures });
    if (scrolls) { svg.style.width = W + 'px'; svg.style.maxWidth = 'none'; }
    var step = Math.pow(10, Math.floor(Math.log10(max)));
    if (max / step < 3) step /= 2;
    step = Math.max(1, Math.round(step));
    var yOf = function (v) { return T + (H - T - B) * (1 - v / max); };
    for (var v = 0; v <= max; v += step) {
      svgEl(svg, 'line', { x1: L, x2: W - R, y1: yOf(v), y2: yOf(v), class: 'grid' + (v === 0 ? ' zero' : '') });
      svgEl(svg, 'text', { x: L - 6, y: yOf(v) + 4, 'text-anchor': 'end', class: 'tick' }, fmt(v));
    }
    var bw = (W - L - R) / all.length, every = Math.ceil(all.length / Math.max(1, Math.floor((W - L - R) / (sr.unit === 'year' ? 44 : 64))));
    all.forEach(function (k, i) {
      var c = by[k] || 0, u = unc[k] || 0, x = L + i * bw + bw * 0.12, w = bw * 0.76;
      var bar = svgEl(svg, 'rect', { x: x, y: yOf(c), width: w, height: yOf(0) - yOf(c), class: 'bar', 'data-period': k, 'data-count': c });
      svgEl(bar, 'title', {}, k + ': ' + (sr.dated ? plural(c, 'record', 'records') : plural(c, 'partnership', 'partnerships')));
      if (u) {
        var ub = svgEl(svg, 'rect', { x: x, y: yOf(c + u), width: w, height: yOf(0) - yOf(u), class: 'bar uncertain', 'data-period': k, 'data-count': u });
        svgEl(ub, 'title', {}, k + ': ' + u + ' more that ' + before + since);
      }
      if (c + u && w >= 14) svgEl(svg, 'text', { x: x + w / 2, y: yOf(c + u) - 4, 'text-anchor': 'middle', class: 'value' }, fmt(c + u));
      if (i % every === 0) svgEl(svg, 'text', { x: x + w / 2, y: H - 8, 'text-anchor': 'middle', class: 'label' }, k);
    });
    if (scrolls) frame.scrollLeft = frame.scrollWidth; /* the newest years first */
    var total = keys.reduce(function (t, k) { return t + (by[k] || 0); }, 0);
    return what + ': ' + fmt(total) + ' dated' +
      (sr.none ? ', ' + fmt(sr.none) + ' without a ' + (sr.unit === 'year' ? 'date' : 'month') : '') +
      (Object.keys(unc).length ? '; the light part of a bar ' + before + since : '') + '.' +
      (sr.dated ? ' Only Ring rows carry a start; the Atlas dates other technologies by the source it cites.' : '') +
      partial(sr, keys);
  }

  /* The bar of the snapshot's own year (or month) ends on the snapshot's
   * day: 2020's 2,141 rows (to 7 October) beside 2019's 1,329 read as a
   * year's growth that nine months do not show. Said as the CLI says it
   * under its table of years (partnerships.c, partial_year_note). */
  function partial(sr, keys) {
    var snap = String(sr.snapshot || '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(snap)) return '';
    var d = new Date(snap + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + 1);
    var key = sr.unit === 'year' ? snap.slice(0, 4) : snap.slice(0, 7);
    var ends = sr.unit === 'year' ? d.getUTCMonth() === 0 && d.getUTCDate() === 1 : d.getUTCDate() === 1;
    if (ends || keys.indexOf(key) < 0) return '';
    return ' ' + key + ' runs only to ' + snap + ', the snapshot\'s date: not a whole ' + sr.unit +
      ', so its count is not comparable with a whole ' + sr.unit + '\'s.';
  }

  /* Fill table T: HEAD the column titles, ROWS arrays of cells (numbers
   * formatted), NUMERIC per column 1 for a number column or a class name.
   * The cell of column HEADER (the first unless given; -1 none) names its
   * row (th scope=row): a screen reader moving down a column of figures
   * says whose each is (the state, the area, the group). */
  function table(t, head, rows, numeric, empty, limit, header) {
    var rh = header === undefined ? 0 : header;
    t.textContent = '';
    /* Past LIMIT rows the rest waits behind a button: 427 schools would
     * push every later section ten screens down. */
    var shown = limit && rows.length > limit + 5 ? rows.slice(0, limit) : rows;
    var thead = el('thead'), tr = el('tr');
    head.forEach(function (h, i) { var th = el('th', h, numeric[i] === 1 ? 'num' : numeric[i] || ''); th.scope = 'col'; tr.appendChild(th); });
    thead.appendChild(tr);
    t.appendChild(thead);
    var tb = el('tbody');
    shown.forEach(function (r) {
      var row = el('tr');
      r.forEach(function (c, i) {
        var cell = el(i === rh ? 'th' : 'td', typeof c === 'number' ? fmt(c) : c, numeric[i] === 1 ? 'num' : numeric[i] || '');
        if (i === rh) cell.scope = 'row';
        row.appendChild(cell);
      });
      tb.appendChild(row);
    });
    if (!rows.length) { var e = el('tr'); var td = el('td', empty || 'Nothing matches the filters.'); td.colSpan = head.length; e.appendChild(td); tb.appendChild(e); }
    t.appendChild(tb);
    if (shown.length < rows.length) {
      var foot = el('tfoot'), fr = el('tr'), cell = el('td'), all = el('button', 'Show all ' + fmt(rows.length) + ' rows');
      all.type = 'button';
      all.addEventListener('click', function () { table(t, head, rows, numeric, empty, 0, header); });
      cell.colSpan = head.length;
      cell.appendChild(document.createTextNode('The first ' + fmt(limit) + ' of ' + fmt(rows.length) + ' rows. '));
      cell.appendChild(all);
      fr.appendChild(cell);
      foot.appendChild(fr);
      t.appendChild(foot);
    }
  }

  /* What a disparity D (/api/disparity) leaves out, in parentheses after
   * its count of events: those wholly outside every area ("2 more": not
   * among the count), and for requests
   * split by overlap the part of them outside, which is in no share. */
  function eventsOutside(d) {
    var partOut = (d.events || 0) - (d.weight || 0),
      none = (d.no_residents_note ? '; ' + d.no_residents_note : '') + (d.no_location_note ? '; ' + d.no_location_note : '');
    if (partOut >= 0.05)
      return ' (' + fmt(d.events_outside || 0) + ' more wholly outside every area; pieces adding up to ' + fmt(partOut) +
        ' events lie outside, by overlap' + none + ')';
    return d.events_outside || none ? ' (' + fmt(d.events_outside || 0) + ' more outside every area' + none + ')' : '';
  }

  /* A placebo p-value P of DRAWS draws as the CLI and the report write it
   * (sl_format_p): two significant digits, and at the floor 1 / (DRAWS + 1)
   * only its bound, "< 0.0005", never the floor as if it were measured. */
  function pValue(p, draws) {
    if (typeof p !== 'number' || !isFinite(p)) return 'n/a';
    var floor = draws > 0 ? 1 / (draws + 1) : 0;
    if (floor > 0 && p <= floor * (1 + 1e-9)) {
      var unit = Math.pow(10, Math.floor(Math.log10(floor)) - 1), bound = Math.ceil(floor / unit * (1 - 1e-12)) * unit;
      var d = -Math.floor(Math.log10(unit) + 1e-12);
      return '< ' + bound.toFixed(d > 0 ? Math.min(d, 12) : 0).replace(/\.?0+$/, '');
    }
    if (p >= 0.1) return p.toFixed(2);
    /* two significant digits, counted on the value rounded to them (0.0010, not 0.00100) */
    return p.toFixed(Math.min(12, Math.ceil(-Math.log10(Number(p.toPrecision(2))) - 1e-9) + 1));
  }

  /* A definition list of PAIRS [term, text] appended to PARENT. */
  function dl(parent, pairs) {
    var d = el('dl');
    pairs.forEach(function (p) { d.appendChild(el('dt', p[0])); d.appendChild(el('dd', p[1])); });
    parent.appendChild(d);
  }

  /* A list of ITEMS (strings) appended to PARENT under SAID, a sentence
   * that counts them. Past ten items the list folds into a <details>
   * whose summary is SAID and SHOW ("show the agencies"): a state of
   * hundreds of rows would otherwise push the rest of the panel away. */
  function foldedList(parent, items, said, show) {
    var ul = el('ul');
    items.forEach(function (t) { ul.appendChild(el('li', t)); });
    if (items.length <= 10) { parent.appendChild(el('p', said + ':', 'note')); parent.appendChild(ul); return; }
    var more = el('details');
    more.appendChild(el('summary', said + ': ' + show));
    more.appendChild(ul);
    parent.appendChild(more);
  }

  /* A legend's key appended to PARENT: a swatch of COLOUR (of class CLS,
   * if given: the sites' key is black on paper, app.css), then TEXT. */
  function key(parent, text, colour, cls) {
    var span = el('span', null, 'key'), sw = el('i', null, cls);
    sw.style.background = colour;
    span.appendChild(sw);
    span.appendChild(document.createTextNode(text));
    parent.appendChild(span);
  }

  /* A table wider than its box says it scrolls sideways (app.css,
   * .scrolls): each box is marked whenever it or its table changes size,
   * as when rows arrive or a hidden section is shown. */
  if (window.ResizeObserver) {
    var watch = new ResizeObserver(function (entries) {
      entries.forEach(function (e) {
        var box = e.target.closest('.scroll');
        if (box) box.classList.toggle('scrolls', box.scrollWidth > box.clientWidth + 1);
      });
    });
    document.querySelectorAll('.scroll').forEach(function (box) {
      watch.observe(box);
      if (box.firstElementChild) watch.observe(box.firstElementChild);
    });
  }

  /* true when the rows of ANSWER (of /api/partnerships, its links or its
   * agencies layer) are Ring's partnerships and their agencies partnered:
   * the server says so (rows_are_partnerships, tracker_tech.c's rule), so the
   * page words its figures as the CLI and the report do. The rows of another
   * technology, or of every one, are records and their agencies "on record"
   * (a face recognition row is no partnership). */
  function partnered(answer) {
    return !!(answer && answer.rows_are_partnerships);
  }

  window.slChart = { partnered: partnered, el: el, fmt: fmt, fix2: fix2, pValue: pValue, plural: plural, pct: pct, table: table, timeline: timeline, dl: dl,
    foldedList: foldedList, key: key, eventsOutside: eventsOutside, prose: prose };
})();
