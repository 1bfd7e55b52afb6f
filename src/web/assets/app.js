/*
 * app.js — the live page of `sightline serve`. Every figure comes from the
 * server's JSON API (the same objects the CLI prints with --json); the page
 * only asks its own server, draws with the embedded Leaflet on a blank
 * background (no tiles), and inserts every text from the data with
 * textContent, never as markup. The filters live in the URL's query string
 * so a view can be shared and reloaded.
 */
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var FILTERS = ['tech', 'state', 'type', 'since', 'until', 'snapshot'];
  var VIEW = ['step', 'areas', 'area', 'color', 'hex', 'radius', 'sites', 'events', 'vs'];
  var GROUPS = { black: 'Black', hispanic: 'Hispanic', white_nh: 'white non-Hispanic', foreign_born: 'foreign-born' };
  var SITE_COLOUR = '#1b7837', AGENCY_COLOUR = '#2166ac';
  var LAYER_NAMES = { posts: 'Posts', cameras: 'Cameras', sites: 'Sensitive sites', requests: 'Police requests (split by overlap)' };
  var HEAD_NAMES = { posts: 'posts', cameras: 'cameras', sites: 'sensitive sites', requests: 'police requests' };
  var VALID = {
    tech: /^[^\u0000-\u001f]{0,100}$/, state: /^[A-Za-z]{2}(,[A-Za-z]{2})*$/, type: /^[^\u0000-\u001f]{0,100}$/,
    since: /^\d{4}-\d{2}-\d{2}$/, until: /^\d{4}-\d{2}-\d{2}$/, snapshot: /^\d{4}-\d{2}-\d{2}$/, vs: /^\d{4}-\d{2}-\d{2}$/, areas: /^[^\u0000-\u001f/]{1,200}$/,
    step: /^month$/, area: /^[^\u0000-\u001f]{1,100}$/, events: /^(requests|posts|cameras)$/, color: /^[a-z_0-9]{1,40}$/, hex: /^\d{2,6}$/, radius: /^\d{1,5}$/, sites: /^[^\u0000-\u001f]{0,100}$/
  };

  var view = { tech: '', state: '', type: '', since: '', until: '', snapshot: '', vs: '', step: '', areas: '', area: '', events: '', color: '', hex: '', radius: '500', sites: '' };
  var info = null;
  var server = null;    /* /api/server: {version, exact, k} */
  var part = null;      /* the filtered partnerships, by state */
  var partType = null;  /* the same filters, by type */
  var partMonth = null; /* the same filters, by month (when the timeline shows months) */
  var diff = null, diffKey = null; /* the snapshot diff, and the technology|state|snapshot|from it was asked for */
  var areas = null;     /* {set, fc, fips} */
  var selected = null;  /* the feature clicked */
  var map = null, areaLayer = null, hexes = null, zoneLayer = null;
  var dots = null; /* the sites and agencies (points.js) */
  var radiusOn = false;
  var cache = {};
  /* how often the page asks whether the store's imports changed; a page
   * that sets window.slStoreWatchMs first (the browser tests) asks sooner */
  var STORE_WATCH_MS = window.slStoreWatchMs || 10000;
  var pending = 0, generation = 0, ready = false;

  /* ---- helpers ------------------------------------------------------------ */

  var C = window.slChart;
  var K = window.slColours;
  var el = C.el, fmt = C.fmt, fix2 = C.fix2, plural = C.plural, pct = C.pct, table = C.table, dl = C.dl, key = C.key;

  /* The status line: what the figures shown are (the filters, or why
   * none), then a note of what a select just redrew. The note is its own
   * span so that the filters' sentence stays on screen beside it, and a
   * screen reader (aria-atomic false) hears the note alone. */
  function setStatus(text, error) {
    $('status-line').textContent = text || '';
    $('status-note').textContent = '';
    $('status').className = 'status' + (error ? ' error' : '');
  }
  function tell(text) {
    if ($('status').classList.contains('error')) return; /* never over a refusal */
    $('status-note').textContent = ($('status-line').textContent ? ' ' : '') + text;
  }

  /* GET an API path; the parameters left empty are not sent. Resolves to the
   * parsed JSON; a 4xx/5xx rejects with the server's {"error"} message.
   * Answers are kept while the store's imports stay the same (watchStore
   * empties the cache when an import or rm changes them). */
  function api(path, params) {
    var q = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) { if (params[k] !== '' && params[k] !== null && params[k] !== undefined) q.set(k, params[k]); });
    var url = path + (q.toString() ? '?' + q.toString() : '');
    if (cache[url]) return cache[url];
    pending++;
    var p = fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) throw Object.assign(new Error((body && body.error) || (r.status + ' ' + r.statusText)), { status: r.status });
        return body;
      });
    });
    cache[url] = p;
    p.catch(function () { delete cache[url]; }).then(function () { pending--; });
    return p;
  }

  function failed(what) {
    return function (e) { setStatus(what + ': ' + e.message, true); };
  }

  function filters() {
    var f = {};
    FILTERS.forEach(function (k) { f[k] = view[k]; });
    return f;
  }

  /* ---- the URL ------------------------------------------------------------ */

  function readURL() {
    var q = new URLSearchParams(window.location.search);
    FILTERS.concat(VIEW).forEach(function (k) {
      var v = q.get(k);
      if (v !== null && VALID[k].test(v)) view[k] = k === 'state' ? v.toUpperCase() : v;
    });
  }

  function writeURL() {
    var q = new URLSearchParams();
    FILTERS.concat(VIEW).forEach(function (k) { if (view[k] !== '' && !(k === 'radius' && view[k] === '500')) q.set(k, view[k]); });
    var s = q.toString();
    window.history.replaceState(null, '', window.location.pathname + (s ? '?' + s : ''));
  }

  /* ---- controls ----------------------------------------------------------- */

  function option(select, value, text) {
    var o = el('option', text);
    o.value = value;
    select.appendChild(o);
    return o;
  }

  function ensureOption(select, value) {
    if (!value) return;
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) return;
    option(select, value, value);
  }

  function syncControls() {
    $('f-tech').value = view.tech;
    ensureOption($('f-state'), view.state);
    $('f-state').value = view.state;
    ensureOption($('f-type'), view.type);
    $('f-type').value = view.type;
    $('f-since').value = view.since;
    $('f-until').value = view.until;
    if (view.snapshot) window.slSnapshot.stamp(view.snapshot);
    $('m-hex').value = view.hex;
    $('t-step').value = view.step;
    $('m-radius').value = view.radius;
  }

  function bindControls() {
    [['f-tech', 'tech'], ['f-state', 'state'], ['f-type', 'type'], ['f-since', 'since'], ['f-until', 'until'], ['f-snapshot', 'snapshot']].forEach(function (b) {
      /* A search box's clear button fires "search", not "change". */
      if ($(b[0]).type === 'search') $(b[0]).addEventListener('search', function () { $(b[0]).dispatchEvent(new Event('change')); });
      $(b[0]).addEventListener('change', function () {
        if ($(b[0]).value.trim() === view[b[1]]) return;
        var v = $(b[0]).value.trim();
        if (v !== '' && !VALID[b[1]].test(v)) { setStatus('Not a valid ' + b[1] + ': ' + v, true); return; }
        view[b[1]] = v;
        writeURL();
        refresh();
        if (b[1] === 'state') fitView();
      });
    });
    $('filters').addEventListener('submit', function (e) { e.preventDefault(); });
    $('f-reset').addEventListener('click', function () {
      FILTERS.forEach(function (k) { if (k !== 'snapshot') view[k] = ''; }); /* the snapshot is which list, not a filter */
      syncControls();
      writeURL();
      refresh();
      fitView();
    });
    $('m-set').addEventListener('change', function () { view.areas = $('m-set').value; view.color = ''; view.area = ''; writeURL(); loadAreas(); });
    /* a select that redraws a map or a table says so in the status line:
     * a screen reader heard nothing of what changed (the walk of
     * 2026-12-07); only once drawn, and not over an error */
    var chosen = function (id) { var o = $(id).selectedOptions[0]; return o ? o.textContent : $(id).value; };
    var rowsOf = function (id) { /* the rows of a table, those behind its "Show all N rows" too; "Nothing matches" none */
      var all = /Show all ([\d,]+)/.exec((document.querySelector('#' + id + ' tfoot') || { textContent: '' }).textContent);
      return all ? Number(all[1].replace(/,/g, '')) : document.querySelectorAll('#' + id + ' tbody tr:not(:has(td[colspan]))').length;
    };
    $('m-metric').addEventListener('change', function () {
      view.color = $('m-metric').value; writeURL();
      colourMap().then(function (drawn) {
        if (drawn) tell('The map now colours the areas by ' + chosen('m-metric') + '; its legend and its table follow.');
      });
    });
    $('m-hex').addEventListener('change', function () { view.hex = $('m-hex').value; writeURL(); loadHexes(); });
    $('m-radius').addEventListener('change', function () {
      var v = String(Math.round(Number($('m-radius').value)));
      if (!VALID.radius.test(v) || Number(v) < 10) { setStatus('The radius is a number of meters, 10 to 50,000', true); return; }
      view.radius = v;
      writeURL();
      loadNear();
    });
    $('m-radius-tool').addEventListener('click', function () {
      radiusOn = !radiusOn;
      $('m-radius-tool').setAttribute('aria-pressed', String(radiusOn));
      $('map').classList.toggle('radius-on', radiusOn);
    });
    window.slFind.bind($('m-area'), $('area-empty'), $('area-body'), function (v) { return findArea(v); },
      function () { return view.areas; }, function (hit) { selectArea(hit.feature, hit.layer, true); },
      function (v) { return window.slFind.byAgency(areaLayer, v, areaTitle, dots ? dots.features('agencies') : []); });
    $('t-step').addEventListener('change', function () { view.step = $('t-step').value; writeURL(); refresh(); });
    window.slSnapshot.bindFrom(view, function () { writeURL(); loadDiff(); });
    $('d-events').addEventListener('change', function () {
      view.events = $('d-events').value; writeURL();
      loadDisparity().then(function (drawn) {
        if (drawn) tell('Who lives where the events are: the table now weighs ' + chosen('d-events') + ' (' +
          plural(rowsOf('t-disparity'), 'group', 'groups') + ').');
      });
    });
    $('s-category').addEventListener('change', function () {
      view.sites = $('s-category').value; writeURL();
      loadNear().then(function (drawn) {
        if (drawn) tell('Cameras near sensitive sites: the table now lists ' + (view.sites ? 'the ' + chosen('s-category') +
          ' sites' : 'the sites of every category') + ' (' + plural(rowsOf('t-sites'), 'site', 'sites') + ').');
      });
    });
    var t = null;
    window.addEventListener('resize', function () { clearTimeout(t); t = setTimeout(drawTimeline, 150); });
  }

  /* ---- the store ---------------------------------------------------------- */

  function pointLayers() {
    var seen = {}, out = [];
    (info.points || []).forEach(function (p) { if (!seen[p.layer]) { seen[p.layer] = true; out.push(p.layer); } });
    return out;
  }

  function markExact() {
    $('exact-banner').hidden = false;
    if (!$('m-hex').querySelector('option[value="50"]')) option($('m-hex'), '50', '50 m (exact mode)');
  }

  function showInfo() {
    var banner = window.slStore.syntheticBanner(info);
    $('synthetic-banner').textContent = banner;
    $('synthetic-banner').hidden = !banner;
    /* A server started with --exact says so at /api/server: the page then
     * never hides it. */
    if (server && server.exact === true) markExact();
    window.slStore.show(info);
    window.slSnapshot.control(info);
    var setSel = $('m-set');
    (info.area_sets || []).forEach(function (s) { option(setSel, s.name, s.name + ' (' + fmt(s.areas) + ')'); });
    if (!view.areas || !(info.area_sets || []).some(function (s) { return s.name === view.areas; })) {
      /* open on the finest set: a campaign's few counties are not the map to start from */
      var finest = (info.area_sets || []).reduce(function (best, s) { return !best || s.areas > best.areas ? s : best; }, null);
      view.areas = finest ? finest.name : '';
    }
    setSel.value = view.areas;
    if (pointLayers().indexOf('posts') < 0) $('m-hex').parentNode.hidden = true;
    /* nothing for the radius tool to count: say so, rather than offer a tool whose every click is refused */
    if (pointLayers().indexOf('posts') < 0 && pointLayers().indexOf('cameras') < 0) {
      $('m-radius-tool').parentNode.hidden = true;
      $('zone-how').hidden = true;
      $('zone-empty').textContent = 'The store holds no posts or cameras for the radius tool to count (sightline import posts FILE).';
    }
    var cats = (info.points || []).filter(function (p) { return p.layer === 'sites'; });
    if (cats.length) {
      $('sites-section').hidden = false;
      cats.forEach(function (c) { if (c.category) option($('s-category'), c.category, c.category); });
      ensureOption($('s-category'), view.sites);
      $('s-category').value = view.sites;
    }
  }

  /* The states and agency types in the newest snapshot, for the selects. */
  function fillChoices() {
    if (!hasPartnerships()) return Promise.resolve();
    return Promise.all([api('/api/partnerships', { by: 'state' }), api('/api/partnerships', { by: 'type' })]).then(function (r) {
      /* a state the registry knows: an Atlas row's mistyped "NA" would be a
       * choice the API refuses ("--state wants postal codes") */
      var reg = r[0].by_registry && Object.keys(r[0].by_registry).length ? r[0].by_registry : null;
      Object.keys(r[0].by || {}).sort().forEach(function (s) {
        if (s !== 'undated' && s !== '' && s !== 'unknown' && (!reg || reg[s])) option($('f-state'), s, s);
      });
      Object.keys(r[1].by || {}).sort().forEach(function (t) { if (t !== '') option($('f-type'), t, t); });
      syncControls();
    });
  }

  /* ---- partnerships: headlines, timeline, tables ---------------------------- */

  function hasPartnerships() { return !!(info && info.partnerships && info.partnerships.length); }

  /* A store without partnerships: said once, where their figures would be;
   * the filters, timeline and tables, which would only repeat it, are not
   * shown. */
  function noPartnerships() {
    $('figures-query').textContent = 'The store holds no partnerships yet: sightline import partnerships FILE adds them.';
    ['filters', 'timeline-section', 'tables-section'].forEach(function (id) { $(id).hidden = true; });
    setStatus('');
    return Promise.resolve();
  }

  /* The filters whose figures are shown, and the server's sentence when it
   * refused the ones asked after them (a start date past the snapshot: the
   * tracker's rule, the CLI's and the audit's). */
  var shownFilters = null, refused = null;

  function refresh() {
    if (!hasPartnerships()) return noPartnerships();
    var g = ++generation;
    setStatus('Loading…');
    var f = filters();
    loadAgencies();
    return Promise.all([
      api('/api/partnerships', Object.assign({ by: 'state' }, f)),
      api('/api/partnerships', Object.assign({ by: 'type' }, f)),
      view.step === 'month' ? api('/api/partnerships', Object.assign({ by: 'month' }, f)) : null
    ]).then(function (r) {
      if (g !== generation) return;
      part = r[0];
      partType = r[1];
      partMonth = r[2];
      drawHeadlines();
      drawTimeline();
      drawStateTable();
      drawTypeTable();
      var po = $('m-metric').querySelector('option[value="partners"]'); /* its name follows the technology filter */
      if (po) po.textContent = window.slMetrics.partnersLabel(part);
      colourMap();
      /* a date between snapshots reads as the one in force then, which the URL then names */
      if (view.snapshot && view.snapshot !== part.snapshot) { view.snapshot = part.snapshot; writeURL(); }
      window.slSnapshot.stamp(part.snapshot);
      if (diffKey !== [view.tech, view.state, part.snapshot, view.vs].join('|')) loadDiff();
      if (selected) showArea(selected);
      setStatus('Showing ' + describeFilters() + ' in the snapshot of ' + part.snapshot + ': ' + plural(part.agencies, 'agency', 'agencies') + ', ' + plural(part.total, C.partnered(part) ? 'row' : 'record', C.partnered(part) ? 'rows' : 'records') + '.');
      shownFilters = f;
      refused = null;
    }, function (e) {
      if (g !== generation) return;
      /* A refused filter: its figures would be none. The filters go back to
       * those of the figures shown (none at first), the dates first, as the
       * server refuses a date past the snapshot; the figures say why. */
      var back = shownFilters || {}, changed = function (k) { return view[k] !== (back[k] || ''); };
      var keys = ['since', 'until'].filter(changed);
      if (!keys.length) keys = FILTERS.filter(changed);
      if (!refused && keys.length) {
        refused = e.message.replace(/\.?$/, '.');
        keys.forEach(function (k) { view[k] = back[k] || ''; });
        syncControls();
        writeURL();
        return refresh();
      }
      failed('Partnerships')(e);
    });
  }

  /* Only Ring rows' dates are starts: the Atlas dates the other technologies
   * by the source it cites, another list by its date column (tracker.c,
   * dated_by_source). */
  function dated() { return !!(part && part.dated_by_source); }

  /* "partnerships with technology matching “ring”, started on or after 2019-01-01" */
  function describeFilters() {
    var d = [], when = [], verb = dated() ? 'dated' : 'started';
    if (view.tech) d.push('technology matching “' + view.tech + '”');
    if (view.state) d.push('agencies in ' + view.state);
    if (view.type) d.push('agency type containing “' + view.type + '”');
    if (view.since) when.push(verb + ' on or after ' + view.since);
    if (view.until) when.push(verb + ' on or before ' + view.until);
    /* drones, body cameras and face recognition are records, not partnerships (the report's word) */
    var noun = C.partnered(part) ? 'partnerships' : 'records';
    if (!d.length && !when.length) return 'every record';
    return noun + (d.length ? ' with ' + d.join(', ') : '') + (when.length ? (d.length ? ', ' : ' ') + when.join(', ') : '');
  }

  function drawHeadlines() {
    var ul = $('headlines');
    ul.textContent = '';
    /* every technology unless one is picked: said, or the count is quoted as Ring's */
    $('figures-query').textContent = window.slSnapshot.words(part.snapshot, info) + ': ' + describeFilters() + '.' +
      (view.tech ? '' : ' Every technology in the data counts here, not Ring alone: the Technology filter picks one.');
    /* a date the server refused, an until past the snapshot, a technology it
     * lacks: zeros, no finding (tracker.c) */
    var said = refused ? refused + ' The filters are set back to those of the figures shown.' : part.no_match || part.caveat;
    $('figures-caution').hidden = !said;
    C.prose($('figures-caution'), said ? 'Caution: ' + said : '');
    window.slTables.figures(ul, part);
  }

  /* The series the timeline draws: {by, unc, none, unit}. By month, rows
   * known only to a year count among those without a month. */
  function series() {
    if (view.step === 'month' && partMonth) {
      var by = {}, unc = {};
      Object.keys(partMonth.by || {}).forEach(function (k) { if (/^\d{4}-\d{2}$/.test(k)) by[k] = partMonth.by[k]; });
      Object.keys(partMonth.by_uncertain || {}).forEach(function (k) { if (/^\d{4}-\d{2}$/.test(k)) unc[k] = partMonth.by_uncertain[k]; });
      var pm = partMonth.by || {}; /* no month: the rows dated only to a year, and the undated */
      return { by: by, unc: unc, none: (pm['year only'] || 0) + (pm.undated || 0), unit: 'month', dated: dated(), snapshot: part.snapshot };
    }
    return { by: part.by_year || {}, unc: part.by_year_uncertain || {}, none: part.undated || 0, unit: 'year', dated: dated(), snapshot: part.snapshot };
  }

  function drawTimeline() {
    if (part) $('timeline-caption').textContent = C.timeline($('timeline-chart'), series(), view.since);
  }

  function drawStateTable() { window.slTables.byState($('t-state'), part); }

  function drawTypeTable() { window.slTables.byType($('t-type'), partType, view.since); }

  /* The changes between the snapshot shown and another (snapshot.js). */
  function loadDiff() {
    var to = part ? part.snapshot : '', key = diffKey = [view.tech, view.state, to, view.vs].join('|');
    diff = null; /* the area panel lists no changes of another snapshot meanwhile */
    return window.slSnapshot.diff(api, info, view, to, function () { return key === diffKey; }).then(function (d) {
      if (key !== diffKey) return;
      diff = d;
      if (selected) showArea(selected);
    }, failed('Snapshot diff'));
  }

  /* ---- the map ------------------------------------------------------------ */

  /* The state of a US area: the server names it from the FIPS id
   * (sl_fips_state) in /api/areas/SET.geojson. */
  function stateOf(p) {
    return (p && p.state) || null;
  }

  function metrics() {
    return window.slMetrics.list({ info: info, fips: areas && areas.fips, kinds: eventKinds(), layers: pointLayers(), names: LAYER_NAMES,
      part: part });
  }

  /* The events a disparity can weigh in the current set: none when the set
   * has no demographic figures. */
  function eventKinds() {
    var set = areas && (info.area_sets || []).filter(function (s) { return s.name === areas.set; })[0];
    if (!set || !set.missing || set.missing.pop >= set.areas) return [];
    var out = [];
    if (info.requests && info.requests.count) out.push('requests');
    pointLayers().forEach(function (l) { if (l === 'posts' || l === 'cameras') out.push(l); });
    return out;
  }

  function ensureMap() {
    if (map) return;
    if (!window.L) {
      if (!$('map').firstChild) {
        $('map').classList.add('empty');
        $('map').appendChild(el('p', 'No map: this build of sightline was made without Leaflet (npm). Every figure and table below is complete.', 'note'));
      }
      return;
    }
    /* On a phone one finger scrolls the page, two move the map. */
    map = L.map($('map'), { zoomSnap: 0.25, minZoom: 2, maxZoom: 16, attributionControl: false, dragging: !L.Browser.mobile })
      .setView([39, -98], 4);
    window.slQuietSurfaces(map);
    map.createPane('hexes').style.zIndex = 420;
    map.createPane('points').style.zIndex = 430;
    map.createPane('zone').style.zIndex = 450;
    L.control.scale({ maxWidth: 100 }).addTo(map);
    map.on('click', function (e) { if (radiusOn) zoneAt(e.latlng); });
    /* No point to click from a keyboard: Enter on the focused map counts around its middle (app.css rings it). */
    map.getContainer().addEventListener('keydown', function (e) {
      if (!radiusOn || e.target !== map.getContainer() || (e.key !== 'Enter' && e.key !== ' ')) return;
      e.preventDefault();
      zoneAt(map.getCenter());
    });
    map.on('moveend', function () { if (view.hex) loadHexes(true); });
    if (window.slPaper) window.slPaper(map, true); /* printed: the view fitted to the paper, margins, selects as text */
  }

  function loadAreas() {
    if (!view.areas) {
      $('map').classList.add('empty');
      $('map').appendChild(el('p', 'The store holds no area set to map: sightline import areas FILE adds one.', 'note'));
      /* no map: its controls and panels would have nothing to act on */
      $('map-controls').hidden = $('map-panels').hidden = true;
      return Promise.resolve();
    }
    var set = view.areas;
    return api('/api/areas/' + encodeURIComponent(set) + '.geojson').then(function (fc) {
      if (set !== view.areas) return;
      var feats = fc.features || [];
      areas = { set: set, fc: fc, fips: feats.length > 0 && feats.every(function (f) { return stateOf(f.properties); }) };
      selected = null;
      $('area-body').textContent = '';
      $('area-empty').hidden = false;
      if ($('area-empty').dataset.hint) $('area-empty').textContent = $('area-empty').dataset.hint;
      var sel = $('m-metric');
      sel.textContent = '';
      var ms = metrics();
      ms.forEach(function (m) { option(sel, m[0], m[1]); });
      if (!ms.some(function (m) { return m[0] === view.color; })) view.color = ms.length ? ms[0][0] : '';
      sel.value = view.color;
      ensureMap();
      if (!map) return;
      if (areaLayer) map.removeLayer(areaLayer);
      areaLayer = L.geoJSON(fc, {
        renderer: feats.length > 1000 ? L.canvas({ padding: 0.2, tolerance: 0 }) : L.svg(),
        style: function () { return { color: '#777', weight: 0.4, fillColor: K.NODATA, fillOpacity: 0.85 }; },
        onEachFeature: function (f, l) {
          l.on('click', function (e) {
            if (radiusOn) return;
            L.DomEvent.stopPropagation(e);
            selectArea(f, l);
          });
        }
      }).addTo(map);
      areaLayer.bringToBack();
      var list = $('area-list');
      list.textContent = '';
      feats.forEach(function (f) { option(list, areaTitle(f.properties), ''); });
      $('m-area').value = '';
      var keep = view.area && findArea(view.area);
      if (keep && keep.layer) selectArea(keep.feature, keep.layer, true);
      else { view.area = ''; writeURL(); fitView(); }
      loadDisparity();
      return colourMap();
    }, failed('Areas'));
  }

  /* the server's title (an unnamed tract: "Census Tract 8424, IL", as join says it), else NAME, ST */
  function areaTitle(p) {
    var st = areas && areas.fips ? stateOf(p) : null;
    return p.title || (p.name || p.id) + (st ? ', ' + st : '');
  }

  /* The area whose title or id is TEXT: {feature, layer} or null. */
  function findArea(text) { return window.slFind.area(areaLayer, text, areaTitle); }

  /* The whole set, or the states of the state filter on a county map; a
   * national set opens on the lower 48. */
  function fitView() {
    if (!map || !areaLayer) return;
    var b = L.latLngBounds([]), chosen = view.state && areas.fips ? view.state.split(',') : null;
    areaLayer.eachLayer(function (l) { if (!chosen || chosen.indexOf(stateOf(l.feature.properties)) >= 0) b.extend(l.getBounds()); });
    if (!b.isValid()) b = areaLayer.getBounds();
    if (!b.isValid()) return;
    var conus = areas.fips && b.getWest() < -130 && b.getEast() - b.getWest() > 60;
    map.fitBounds(conus ? [[24.4, -125], [49.5, -66.9]] : b, { padding: [6, 6] });
  }

  function selectArea(f, l, pan) {
    if (selected && selected.layer && areaLayer.hasLayer(selected.layer)) {
      selected.layer.setStyle({ color: '#777', weight: 0.4 });
      restyle(selected.layer);
    }
    selected = { feature: f, layer: l };
    view.area = String(f.properties.id);
    writeURL();
    $('m-area').value = areaTitle(f.properties);
    if (pan && l.getBounds) map.fitBounds(l.getBounds(), { padding: [20, 20], maxZoom: 11 });
    l.setStyle({ color: '#000', weight: 2.5 });
    if (l.bringToFront) l.bringToFront();
    showArea(selected);
  }

  /* The value of the colouring METRIC for every area, keyed by area id. */
  function metricValues(metric) {
    if (metric === 'partners')
      return Promise.resolve(window.slMetrics.partners(part, areas.fc.features, stateOf, view.state ? view.state.split(',') : null));
    return window.slMetrics.values(api, metric, areas.set);
  }

  var shownColours = { metric: null, values: {}, classes: null };
  function restyle(l) {
    var id = l.feature.properties.id;
    var few = shownColours.few && shownColours.few.ids[id];
    l.setStyle({ fillColor: K.colourOf(shownColours.values[id], shownColours.classes, few) });
  }

  function colourMap() {
    if (!areas || !view.color) return Promise.resolve();
    var metric = view.color, set = areas.set, g = generation;
    return metricValues(metric).then(function (got) {
      if (metric !== view.color || !areas || set !== areas.set || g !== generation) return;
      var values = got.values;
      shownColours = { metric: metric, values: values, classes: K.classesFor(metric, values, got.few), few: got.few,
        generation: g, caveat: got.caveat, of: got.of, withheld: got.withheld };
      if (areaLayer) areaLayer.eachLayer(function (l) {
        restyle(l);
        if (selected && l === selected.layer) l.setStyle({ color: '#000', weight: 2.5 });
      });
      drawLegend();
      return true; /* drawn: the select's change is said (above) */
    }, failed('Map'));
  }

  function drawLegend() {
    var lg = $('legend'), c = shownColours.classes;
    lg.textContent = '';
    if (!c) return;
    var label = metrics().filter(function (m) { return m[0] === shownColours.metric; })[0];
    lg.appendChild(el('div', 'Areas: ' + (label ? label[2] || label[1] : shownColours.metric) +
      (shownColours.metric === 'partners' && part ? ' (snapshot ' + part.snapshot + ')' : ''), 'legend-title'));
    /* quotients from a handful of events colour the map as surely as any */
    if (shownColours.caveat) lg.appendChild(C.prose(el('div', null, 'caution'), 'Caution: ' + shownColours.caveat));
    K.keysOf(c, fmt).forEach(function (k) { key(lg, k[0], k[1]); });
    window.slTables.areaFigures($('t-areas'), areas.fc.features, shownColours, label ? label[1] : shownColours.metric, areaTitle);
    if (shownColours.metric === 'partners' && view.state) key(lg, 'outside the state filter', K.OUTSIDE);
    if (hexes && hexes.shown()) key(lg, 'density hexagons of posts (darker: more)', window.slHexes.RAMP[3]);
    if (countPoints('sites')) key(lg, dots.label('sites'), SITE_COLOUR, 'key-sites');
    if (dots && dots.has('agencies')) key(lg, dots.label('agencies'), AGENCY_COLOUR);
  }

  /* The map's viewport, a tenth wider each way, as W,S,E,N for bbox=
   * (rounded so that a return to a view asks the same question). */
  function viewBox() {
    var b = map.getBounds(), w = b.getWest(), e = b.getEast(), s = b.getSouth(), n = b.getNorth();
    var dx = (e - w) / 10, dy = (n - s) / 10, r = function (v) { return Math.round(v * 1000) / 1000; };
    return [r(Math.max(-180, w - dx)), r(Math.max(-90, s - dy)), r(Math.min(180, e + dx)), r(Math.min(90, n + dy))].join(',');
  }

  /* ---- sites and agencies as dots (points.js) ------------------------------ */

  function countPoints(kind) { return dots ? dots.count(kind) : 0; }

  function ensureDots() {
    if (map && window.slPoints && !dots) dots = window.slPoints(map, { site: SITE_COLOUR, agency: AGENCY_COLOUR }, api);
    return dots;
  }

  /* The store's sensitive sites (no filter applies to them). */
  function loadPoints() {
    if (!ensureDots() || pointLayers().indexOf('sites') < 0) return Promise.resolve();
    return dots.load('sites', {}).then(drawLegend, failed('Sites'));
  }

  /* The partnered agencies the figures count under the filters, at their
   * registry location, asked again on every change of the filters: the
   * server picks them by the tracker's rule (the layer takes the filters of
   * /api/partnerships), so a map shot for "new since May 25" shows those
   * partners, not every one. */
  function loadAgencies() {
    if (!ensureDots() || !hasPartnerships() || !(info.agencies && info.agencies.located > 0)) return Promise.resolve();
    return dots.load('agencies', filters()).then(drawLegend, function (e) { drawLegend(); failed('Agencies')(e); });
  }

  /* Density hexagons of the viewport only (hexes.js): asked again when the map moves. */
  function loadHexes(moved) {
    if (!map) return Promise.resolve();
    if (!hexes) hexes = window.slHexes(map, api, hexNote, failed);
    if (!moved) hexes.clear();
    if (!view.hex) { drawLegend(); return Promise.resolve(); }
    return hexes.load(view.hex, viewBox(), server.k, !$('exact-banner').hidden);
  }

  /* What the hexagons show, or why none: under the map, where the eye is (the status line is far above it). */
  function hexNote(text) { drawLegend(); $('legend').appendChild(el('p', text, 'note hex-note')); tell(text); }

  /* ---- the selected area -------------------------------------------------- */

  function showArea(sel) {
    var p = sel.feature.properties, body = $('area-body'), st = areas.fips ? stateOf(p) : null;
    $('area-empty').hidden = true;
    body.textContent = '';
    body.appendChild(el('p', areaTitle(p), 'area-name'));
    window.slArea.basics(body, p, info, areas.set);
    window.slArea.figures(body, {
      api: api, layers: pointLayers().concat(info.requests && info.requests.count ? ['requests'] : []), set: areas.set,
      id: p.id, names: LAYER_NAMES, heads: HEAD_NAMES, current: function () { return selected === sel; }, failed: failed('Area figures')
    });
    if (!st || !part) return;
    if (p.id && String(p.id).length === 5) showCountyAgencies(sel, p);
    var r = (part.by_registry || {})[st];
    body.appendChild(el('h4', 'Agencies in ' + st + ' (' + describeFilters() + '; snapshot ' + part.snapshot + ')'));
    var ring = C.partnered(part), tech = part.query && part.query.tech; /* a face recognition row is no partnership */
    /* the answer's null share: none of its rows linked (DC, the territories), where 0 of N
       measures nothing, as /campaign says (the server's rule, sl_tracker_share_known) */
    var known = !r || r.share !== null;
    body.appendChild(el('p', r ? (known ? fmt(r.partnered) + ' of ' : 'Share not known of the ') + fmt(r.agencies) + ' registry agencies ' +
      (ring ? 'partnered' : tech ? 'with it on record' : 'with any technology on record') +
      (known ? ' (' + pct(r.share) + '); ' : ': none of its rows is linked to the registry; ') + plural((part.by || {})[st] || 0, ring ? 'partnership row' : 'record', ring ? 'partnership rows' : 'records') + '.' :
      (ring ? 'No partnership' : 'No record') + ' matches the filters in ' + st + '.'));
    /* rows the share leaves out, in the server's words (sl_tracker_unlinked_note) */
    if (r && r.unlinked_note) body.appendChild(el('p', r.unlinked_note, 'note'));
    if (diff) window.slCounty.changes(body, diff, st);
  }

  /* The partnered agencies of a county: the partnership rows (technology
   * filter applied) of the county's state whose county, as the Atlas or
   * the registry names it, is this one (or one of several it names). */
  function showCountyAgencies(sel, p) {
    var box = el('div', null, 'county-agencies');
    $('area-body').appendChild(box);
    var tech = view.tech;
    window.slCounty.links(api, tech, areas.set, part && part.snapshot).then(function (links) {
      if (selected === sel) window.slCounty.draw(box, links, p.id, areaTitle(p), tech);
    }, failed('County agencies'));
  }

  /* ---- disparity ---------------------------------------------------------- */

  function loadDisparity() {
    var kinds = eventKinds(), sel = $('d-events');
    $('disparity-section').hidden = kinds.length === 0;
    if (!kinds.length) return Promise.resolve();
    sel.textContent = '';
    /* from outside, posts are weighed as the report publishes them: grouped into cameras (outside.js) */
    var asCameras = !window.slOutside.here();
    kinds.forEach(function (k) {
      option(sel, k, k === 'requests' ? 'Police requests' : k === 'posts' && asCameras ? 'Posts (as the report’s cameras)' : LAYER_NAMES[k] || k);
    });
    if (kinds.indexOf(view.events) < 0) view.events = kinds[0];
    sel.value = view.events;
    var ev = view.events, set = areas.set;
    return window.slOutside.disparity(api, ev, set).then(function (d) { /* from outside: the report's (outside.js) */
      if (ev !== view.events || !areas || set !== areas.set) return;
      window.slTables.disparity(d, d.published ? 'cameras' : ev, set, GROUPS, LAYER_NAMES), window.slOutside.note(d, ev);
      return true;
    }, function (e) { window.slOutside.failed(e, ev), failed('Disparity')(e); });
  }

  /* ---- radius ------------------------------------------------------------- */

  function zoneAt(ll) {
    var lat = ll.lat.toFixed(5), lon = ll.lng.toFixed(5), m = view.radius;
    if (zoneLayer) map.removeLayer(zoneLayer);
    zoneLayer = L.circle([Number(lat), Number(lon)], { pane: 'zone', radius: Number(m), color: '#1b7837', weight: 2, fillOpacity: 0.1, interactive: false }).addTo(map);
    api('/api/zone', { circle: lat + ',' + lon + ',' + m }).then(function (z) {
      var body = $('zone-body');
      $('zone-empty').hidden = true;
      body.textContent = '';
      body.appendChild(el('p', 'Within ' + fmt(Number(m)) + ' m of ' + lat + ', ' + lon + ':'));
      var pairs = [['Posts', fmt(z.posts)], ['Unique cameras (from posts)', fmt(z.cameras)], ['Distinct post locations', fmt(z.post_locations)]];
      if (z.camera_points) pairs.push(['Cameras layer points', fmt(z.camera_points)]);
      pairs.push(['Circle area', fmt(z.area_km2) + ' km²']);
      dl(body, pairs);
      body.appendChild(el('p', 'Exact counts, for your own analysis: the audit publishes a zone only where it holds enough distinct camera locations.', 'note'));
    }, function (e) { $('zone-empty').hidden = true; $('zone-body').textContent = e.message; });
  }

  function loadNear() {
    if ($('sites-section').hidden) return Promise.resolve();
    var layers = pointLayers();
    if (layers.indexOf('posts') < 0 && layers.indexOf('cameras') < 0) {
      $('sites-note').textContent = 'The store holds no posts or cameras to measure the sites against.';
      return Promise.resolve();
    }
    var r = view.radius;
    var q = { sites: view.sites, radius: r, areas: info.local_areas ? info.local_areas.sets.join(',') : '' };
    return window.slOutside.near(api, q).then(function (n) {
      if (r !== view.radius) return;
      window.slTables.sites($('sites-note'), $('t-sites'), n, window.slOutside.nearNote(n, Number(r)));
      return true;
    }, function (e) { $('sites-note').textContent = e.message; $('t-sites').textContent = ''; });
  }

  /* ---- start -------------------------------------------------------------- */

  window.__slPage = {
    idle: function () { return pending === 0; },
    ready: function () { return ready; },
    view: view,
    partnerships: function () { return part; },
    colours: function () {
      var out = {};
      if (areaLayer) areaLayer.eachLayer(function (l) { out[l.feature.properties.id] = l.options.fillColor; });
      return { metric: shownColours.metric, values: shownColours.values, fills: out };
    },
    map: function () { return map; },
    hexBox: function () { return hexes ? hexes.box() : ''; },
    points: function () {
      return { sites: countPoints('sites'), agencies: countPoints('agencies'),
        clusters: document.querySelectorAll('#map .sl-cluster').length };
    }
  };

  /* The imports the figures are drawn from. Another person's import or rm
   * (a shared PostgreSQL store, or a file imported into while served)
   * changes them under the open page: it then says so, every later answer
   * is the new store's, and one button draws the page again (its view is
   * in the URL). A pledge or a campaign edit changes no import. */
  function importsOf(i) { return JSON.stringify((i && i.sources) || []); }
  function watchStore() {
    if (!ready || !$('store-changed').hidden) return;
    fetch('/api/info', { cache: 'no-store', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (fresh) {
        if (!fresh || importsOf(fresh) === importsOf(info)) return;
        cache = {};
        $('store-changed').hidden = false;
      })
      .catch(function () { /* the server is away: the next look tries again */ });
  }

  readURL();
  bindControls();
  $('store-reload').addEventListener('click', function () { writeURL(); window.location.reload(); });
  setInterval(watchStore, STORE_WATCH_MS);
  /* /api/client: exact figures here, or the published ones (outside.js) */
  Promise.all([api('/api/info'), api('/api/server'), api('/api/client').catch(function () { return null; })]).then(function (r) {
    info = r[0];
    server = r[1];
    window.slOutside.client(r[2]);
    showInfo();
    return fillChoices();
  }).then(function () {
    syncControls();
    writeURL();
    return Promise.all([loadAreas(), loadNear()]);
  }).then(function () {
    return Promise.all([refresh(), loadHexes(), loadPoints()]);
  }).catch(failed('Loading the store')).then(function () { ready = true; });
})();
