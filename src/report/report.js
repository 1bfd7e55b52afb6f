/*
 * report.js — the interactive map of report.html (embedded at build time by
 * cmake/leaflet.cmake). Draws with Leaflet when it was embedded, else with a
 * small SVG map of its own. No tiles, no requests: areas, hexagons, sites and
 * agencies on a blank background. Data comes from the #sl-map JSON element;
 * every text from the data is inserted with textContent, never as markup.
 * First, apart from the map: tables and charts wider than the screen are
 * marked, and say they scroll (report.css, .scrolls).
 */
(function () {
  'use strict';
  function markScrolling() {
    document.querySelectorAll('.scroll, figure.chart').forEach(function (box) {
      box.classList.toggle('scrolls', box.scrollWidth > box.clientWidth + 1);
    });
  }
  markScrolling();
  window.addEventListener('resize', markScrolling);
})();

(function () {
  'use strict';
  var data = unpack(JSON.parse(document.getElementById('sl-map').textContent));
  var mapEl = document.getElementById('map');
  var select = document.getElementById('metric');
  var legend = document.getElementById('legend');
  var SEQ = ['#fee8c8', '#fdbb84', '#fc8d59', '#e34a33', '#b30000'];
  var ZERO = '#fff7ec';
  /* Location quotients are neutral at 1: a diverging ramp centred there. */
  var DIV = ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'];
  var DIV_BREAKS = [0.5, 0.8, 0.95, 1.05, 1.25, 2];
  var NODATA = '#bdbdbd';
  /* Areas of few residents under a rate per resident: a park's 34 posts
   * over 2 residents would top every class, so they are left out of it. */
  var FEW = '#dadaeb';
  /* Counts the privacy rule withheld ("< k"): not "no data", which would
   * say the source gave nothing. */
  var WITHHELD = '#d9d0c1';
  var HEX_RAMP = ['#edf8fb', '#b3cde3', '#8c96c6', '#8856a7', '#810f7c'];
  var GROUPS = { black: 'Black', hispanic: 'Hispanic', white_nh: 'white non-Hispanic', foreign_born: 'foreign-born' };
  var LABELS = {
    partners: 'Partnered agencies', /* sheriffs and prosecutors too: the tables' word */
    partners_per_100k: 'Partnered agencies per 100,000 residents',
    posts: 'Posts', posts_per_100k: 'Posts per 100,000 residents', cameras: 'Cameras',
    cameras_per_100k: 'Cameras per 100,000 residents', sites: 'Sensitive sites',
    sites_per_100k: 'Sensitive sites per 100,000 residents', requests: 'Police requests (split by overlap)',
    requests_per_100k: 'Police requests per 100,000 residents',
    lq_requests: 'Police requests: location quotient (1 = as many as residents)',
    lq_cameras: 'Cameras: location quotient (1 = as many as residents)',
    cell: 'Cell (grid column and row)', camera_locations: 'Distinct camera locations',
    pop: 'Residents', area_km2: 'Area (km²)', name: 'Name', id: 'Id', type: 'Type', state: 'State',
    ori: 'ORI (FBI agency code)', county: 'County', start: 'Partnered since', technology: 'Technology', category: 'Category', lon: 'Longitude', lat: 'Latitude'
  };
  /* a report of another technology than Ring's, or of every one, counts
   * agencies with it on record: a face recognition row is no partnership */
  var AGENCIES = data.agencies_partnered === false ? 'Agencies on record' : 'Partnered agencies';
  LABELS.partners = AGENCIES;
  LABELS.partners_per_100k = AGENCIES + ' per 100,000 residents';
  if (data.agencies_partnered === false) LABELS.start = 'Earliest record';
  Object.keys(GROUPS).forEach(function (g) {
    LABELS[g] = GROUPS[g] + ' residents';
    LABELS['share_' + g] = 'Share of residents ' + GROUPS[g] + ' (%)';
  });
  /* The subject first; then rates; a raw population is never the default. */
  var PREFERRED = ['partners', 'partners_per_100k', 'lq_requests', 'lq_cameras', 'cameras_per_100k', 'posts_per_100k',
    'sites_per_100k', 'requests_per_100k', 'cameras', 'posts', 'sites', 'requests'];
  var SKIP = { area_km2: 1, lon: 1, lat: 1 };

  /* The page carries the map packed (html_map.c): lists of objects as keys
   * and rows, area rings as steps in whole 1/SCALE degrees. Back to plain
   * objects and GeoJSON before anything draws. */
  function unpack(d) {
    if (!d.packed) return d;
    function objects(t) {
      return t.rows.map(function (r) {
        var o = {};
        t.keys.forEach(function (k, i) { if (r[i] !== null) o[k] = r[i]; });
        return o;
      });
    }
    function ring(r) {
      var out = [], x = 0, y = 0;
      for (var i = 0; i + 1 < r.length; i += 2) { x += r[i]; y += r[i + 1]; out.push([x / d.packed, y / d.packed]); }
      return out;
    }
    function polygon(p) { return p.map(ring); }
    function geometry(g) {
      if (!g) return null;
      return g[0] === 'P' ? { type: 'Polygon', coordinates: polygon(g[1]) } : { type: 'MultiPolygon', coordinates: g[1].map(polygon) };
    }
    function areaSet(set) {
      var props = objects(set);
      return { set: set.set, features: { type: 'FeatureCollection', level: set.level, features: props.map(function (p, i) {
        return { type: 'Feature', properties: p, geometry: geometry(set.geoms[i]) };
      }) } };
    }
    d.areas = d.areas.map(areaSet);
    if (d.outlines) d.outlines = areaSet(d.outlines);
    ['sites', 'agencies', 'agencies_unlocated'].forEach(function (k) { if (d[k] && d[k].keys) d[k] = objects(d[k]); });
    return d;
  }

  /* Leaflet writes layer names as markup: names from the data are escaped. */
  function escapeText(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function label(k) {
    var f = /^filter_(.*)$/.exec(k);
    return LABELS[k] || (f ? 'Posts matching the filter “' + f[1] + '”' : k.replace(/_/g, ' '));
  }

  function fmt(v) {
    if (typeof v !== 'number' || !isFinite(v)) return String(v);
    var a = Math.abs(v);
    return v.toLocaleString('en-US', { maximumFractionDigits: a === 0 || a >= 100 ? 0 : a >= 1 ? 1 : 2 });
  }

  /* Group counts become shares of the area's residents: a count of people
   * says more about the size of a county than about who lives there. */
  data.areas.forEach(function (set) {
    set.features.features.forEach(function (f) {
      var p = f.properties;
      Object.keys(GROUPS).forEach(function (g) {
        if (typeof p[g] === 'number' && typeof p.pop === 'number' && p.pop > 0) p['share_' + g] = 100 * p[g] / p.pop;
      });
    });
  });

  /* "Name, ST" for US counties and tracts (the audit names the state of a
   * FIPS id: sl_fips_state), the name otherwise. */
  function areaTitle(p) {
    return (p.name || p.id) + (p.state ? ', ' + p.state : '');
  }

  function metricNames() {
    var seen = {};
    data.areas.forEach(function (set) {
      set.features.features.forEach(function (f) {
        Object.keys(f.properties).forEach(function (k) {
          if (typeof f.properties[k] === 'number' && !SKIP[k] && !GROUPS[k]) seen[k] = true;
        });
      });
    });
    var names = Object.keys(seen);
    /* areas finer than a jurisdiction carry no rate of agencies
     * (collect_spatial.c): their count of headquarters is no first colouring */
    var preferred = seen.partners_per_100k ? PREFERRED : PREFERRED.filter(function (k) { return k !== 'partners'; });
    return preferred.filter(function (k) { return seen[k]; })
      .concat(names.filter(function (k) { return preferred.indexOf(k) < 0 && k !== 'pop'; }))
      .concat(seen.pop ? ['pop'] : []);
  }

  /* The colouring the map opens with: the first of NAMES the page would
   * quote. Not a layer of too few events (data.too_few: the audit's rule,
   * the one its caution follows) in its count, rate or quotient, nor the
   * headquarters of areas finer than a jurisdiction; failing all, the
   * first but the population. */
  function firstColouring(names) {
    var few = data.too_few || [];
    var quoted = names.filter(function (k) {
      return k !== 'pop' && few.indexOf(k.replace(/^lq_/, '').replace(/_per_100k$/, '')) < 0 &&
        !(k === 'partners' && names.indexOf('partners_per_100k') < 0);
    });
    return quoted[0] || names.filter(function (k) { return k !== 'pop'; })[0] || null;
  }

  var names = metricNames();
  var metric = firstColouring(names);
  names.forEach(function (k) {
    var o = document.createElement('option');
    o.value = k;
    o.textContent = label(k);
    if (k === metric) o.selected = true;
    select.appendChild(o);
  });

  /* Class breaks for METRIC: fixed and centred on 1 for location quotients,
   * else quantiles of the values (zero, when common, is a class of its own).
   * Returns {breaks: upper bounds, colours, zero, integer}. */
  var classCache = {};
  function classes(key) {
    if (classCache[key]) return classCache[key];
    var c;
    if (/^lq_/.test(key)) c = { breaks: DIV_BREAKS, colours: DIV, zero: false, integer: false };
    else {
      var vals = [], integer = true;
      data.areas.forEach(function (set) {
        set.features.features.forEach(function (f) {
          var v = f.properties[key];
          if (isRate(key) && fewResidents(f.properties)) return;
          if (typeof v === 'number' && isFinite(v)) { vals.push(v); if (v !== Math.round(v)) integer = false; }
        });
      });
      vals.sort(function (a, b) { return a - b; });
      var pos = vals.filter(function (v) { return v > 0; });
      var zero = pos.length < vals.length;
      var breaks = [];
      for (var i = 1; i <= SEQ.length && pos.length; i++) {
        var b = pos[Math.min(pos.length - 1, Math.ceil(i * pos.length / SEQ.length) - 1)];
        if (!breaks.length || b > breaks[breaks.length - 1]) breaks.push(b);
      }
      c = { breaks: breaks, colours: SEQ.slice(SEQ.length - breaks.length), zero: zero, integer: integer };
    }
    classCache[key] = c;
    return c;
  }

  /* isRate: KEY is a figure per resident (a rate, a location quotient);
   * fewResidents: PROPS is an area of fewer than data.few_residents
   * residents (sl_few_residents), whose such figures are drawn apart. */
  function isRate(key) { return /_per_100k$|^lq_/.test(key || ''); }
  function fewResidents(props) {
    return typeof props.pop === 'number' && props.pop > 0 && props.pop < (data.few_residents || 0);
  }
  /* Whether the privacy rule withheld figure KEY of some area. */
  function anyWithheld(key) {
    return data.areas.some(function (set) {
      return set.features.features.some(function (f) { return f.properties[key + '_suppressed']; });
    });
  }
  function fewUnder(key) {
    var n = 0;
    if (isRate(key)) data.areas.forEach(function (set) {
      set.features.features.forEach(function (f) { if (fewResidents(f.properties)) n++; });
    });
    return n;
  }

  function classColour(v, c) {
    if (typeof v !== 'number' || !isFinite(v)) return NODATA;
    if (c.zero && v === 0) return ZERO;
    for (var i = 0; i < c.breaks.length; i++) if (v <= c.breaks[i]) return c.colours[i];
    return c.colours[c.colours.length - 1];
  }

  var hexMax = 0;
  if (data.hexes) data.hexes.features.forEach(function (f) { hexMax = Math.max(hexMax, f.properties.cameras); });

  function areaFill(props) {
    if (!metric) return '#f0f0f0';
    if (props[metric + '_suppressed']) return WITHHELD;
    return isRate(metric) && fewResidents(props) ? FEW : classColour(props[metric], classes(metric));
  }
  function hexFill(props) {
    return HEX_RAMP[Math.min(HEX_RAMP.length - 1, Math.floor(props.cameras / Math.max(hexMax, 1) * HEX_RAMP.length))];
  }

  /* A value as shown: a count the privacy rule withheld (null beside
   * "<key>_suppressed": true) reads "< k", or "withheld" when it holds k
   * or more and was withheld so that the others cannot be subtracted. */
  function shown(props, k) {
    if (props[k + '_protects']) return 'withheld';
    if (props[k + '_suppressed']) return '< ' + data.k;
    var v = props[k];
    return typeof v === 'number' ? fmt(v) : v;
  }

  /* A popup body: a title and labelled rows, all inserted as text.
   * WITHHELD (optional) is what a withheld count reads instead of "< k": a
   * site's count is withheld also where its circle overlaps another's
   * (collect_privacy.c), whatever the count. */
  function describe(title, props, withheld) {
    var box = document.createElement('div');
    var h = document.createElement('b');
    h.textContent = title;
    box.appendChild(h);
    Object.keys(props).forEach(function (k) {
      if (/_suppressed$/.test(k) || k === 'name' || k === 'lon' || k === 'lat' || k === 'located' || GROUPS[k]) return;
      if (k === 'state' && title === areaTitle(props)) return; /* already in the title */
      var v = props[k + '_suppressed'] ? withheld || shown(props, k) : props[k];
      if (v === null || v === undefined || v === '' || typeof v === 'object') return;
      var row = document.createElement('div');
      row.textContent = label(k) + ': ' + (typeof v === 'number' ? fmt(v) : v);
      box.appendChild(row);
    });
    if (fewResidents(props)) {
      var note = document.createElement('div');
      note.className = 'caution';
      note.textContent = 'Fewer than ' + fmt(data.few_residents) + ' residents: a rate per resident here rests on few people.';
      box.appendChild(note);
    }
    return box;
  }

  /* TEXT into EL as text, each span between backticks (a command, as the
   * CLI's sentences quote one) as a <code> element, as the page's own
   * sentences show one (sl_html_write_prose). The page holds no backtick
   * of its own: \x60 is one. */
  function prose(el, text) {
    String(text).split(/\x60([^\x60]+)\x60/).forEach(function (part, i) {
      if (i % 2) {
        var c = document.createElement('code');
        c.textContent = part;
        el.appendChild(c);
      } else if (part) el.appendChild(document.createTextNode(part));
    });
    return el;
  }

  /* TEXT is a string, or a list of strings and {hint: '...'}: a hint says
   * what zooming shows, which paper cannot (report.css hides it in print). */
  function key(text, colour, round, layer) {
    var span = document.createElement('span');
    span.className = 'key';
    var sw = document.createElement('i');
    sw.style.background = colour;
    if (round) sw.className = round === 'line' ? 'outline' : 'dot';
    if (layer) sw.classList.add(layer); /* the sites' key is black on paper (report.css) */
    span.appendChild(sw);
    [].concat(text).forEach(function (part) {
      if (typeof part === 'string') { span.appendChild(document.createTextNode(part)); return; }
      var h = document.createElement('span');
      h.className = 'legend-hint';
      h.textContent = part.hint;
      span.appendChild(h);
    });
    legend.appendChild(span);
  }

  /* The legend: the title of the colouring, one swatch per class with its
   * range, a swatch for areas without a value, then the point layers. */
  function drawLegend() {
    legend.textContent = '';
    if (metric) {
      var c = classes(metric), lo = null;
      var t = document.createElement('div');
      t.className = 'legend-title';
      t.textContent = 'Areas: ' + label(metric);
      legend.appendChild(t);
      /* when and whose the police requests are (collect_requests.c) */
      if ((data.notes || {})[metric]) {
        var n = document.createElement('div');
        n.className = 'legend-note';
        prose(n, data.notes[metric]);
        legend.appendChild(n);
      }
      /* quotients from a handful of events colour the map as surely as any */
      ((data.cautions || {})[metric] || []).forEach(function (c) {
        var p = document.createElement('div');
        p.className = 'caution';
        prose(p, 'Caution (' + c.set + '): ' + c.text);
        legend.appendChild(p);
      });
      if (c.zero) key('0', ZERO);
      c.breaks.forEach(function (b, i) {
        var from = i === 0 ? (c.zero ? (c.integer ? 1 : 0) : null) : lo;
        var text;
        if (/^lq_/.test(metric)) text = i === 0 ? 'under ' + b : lo + '–' + b;
        else if (c.integer) text = from === null || from === b ? fmt(b) : fmt(from) + '–' + fmt(b);
        else text = (from === null ? 'up to ' : fmt(from) + '–') + fmt(b);
        key(text, c.colours[i]);
        lo = c.integer ? b + 1 : b;
      });
      if (/^lq_/.test(metric)) key('over ' + c.breaks[c.breaks.length - 1], c.colours[c.colours.length - 1]);
      var few = fewUnder(metric);
      if (few) key('fewer than ' + fmt(data.few_residents) + ' residents (' + fmt(few) + (few === 1 ? ' area' : ' areas') +
        '): a ' + (/^lq_/.test(metric) ? 'quotient' : 'rate') + ' there rests on few people, so it is not coloured', FEW);
      if (anyWithheld(metric)) key('< ' + data.k + ': fewer than ' + data.k + ' distinct camera locations, withheld to ' +
        'protect residents', WITHHELD);
      key('no data (the source gives no figure for this area)', NODATA, false, 'key-nodata'); /* hatched on paper */
    }
    var pts = document.createElement('div');
    pts.className = 'legend-points';
    legend.appendChild(pts);
    var keep = legend;
    legend = pts;
    /* the k rule counts camera locations, as the table and the CSV do */
    if (data.hexes) key('camera hexagons (at least ' + data.k + ' camera locations; most ' + fmt(hexMax) + ' cameras)', HEX_RAMP[3]);
    function grouped(n) { return window.L && L.markerClusterGroup && n >= CLUSTER_AT ? '; numbered circles count those nearby until you zoom in' : ''; }
    if (data.sites.length) key(['sensitive ' + (data.sites_label || 'sites') + ' (' + fmt(data.sites.length),
      { hint: grouped(data.sites.length) + '; rings at ' + data.near_small_m + ' m and ' + data.near_large_m + ' m when zoomed in' }, ')'],
      '#1b7837', true, 'key-sites');
    /* the dots beside the count in the lead: what became of the rest */
    var away = data.agencies_unlinked || 0, unplaced = (data.agencies_unlocated || []).length;
    var of = data.agencies_counted && data.agencies_counted === data.agencies.length + away + unplaced && away + unplaced ?
      ' of the ' + fmt(data.agencies_counted) + ' counted; ' + [away ? fmt(away) + ' not linked to the registry' : '',
        unplaced ? fmt(unplaced) + ' without a registry location' : ''].filter(Boolean).join(', ') : '';
    if (data.agencies.length) key([(data.agencies_label || 'partnered agencies') + ', at their registry location (' + fmt(data.agencies.length) +
      of, { hint: grouped(data.agencies.length) }, ')'], '#2166ac', true);
    if (data.outlines) key((data.outlines.features.level === 'states' ? 'state' : 'county') + ' outlines', 'transparent', 'line');
    if (data.cameras_exact) key('EXACT camera locations', '#d6004c', true);
    legend = keep;
  }

  /* ---- Leaflet ---------------------------------------------------------- */

  var CONUS = [[24.4, -125], [49.5, -66.9]];
  var CLUSTER_AT = 300; /* points in a layer from which it is clustered */
  var JUMPS = [['Lower 48', CONUS], ['Alaska', [[51, -179.5], [71.5, -129]]], ['Hawaii', [[18.8, -160.3], [22.3, -154.7]]],
    ['Puerto Rico', [[17.8, -67.3], [18.6, -65.2]]]];

  function inConus(lat, lon) { return lat >= CONUS[0][0] && lat <= CONUS[1][0] && lon >= CONUS[0][1] && lon <= CONUS[1][1]; }

  /* National data (most points in the lower 48, some beyond) opens on the
   * lower 48, with buttons for the rest; anything else opens on its data. */
  function national(bounds) {
    var pts = data.sites.concat(data.agencies), inside = 0;
    pts.forEach(function (p) { if (inConus(p.lat, p.lon)) inside++; });
    var wide = bounds.getWest() < CONUS[0][1] - 1 || bounds.getEast() > CONUS[1][1] + 1;
    return wide && bounds.getEast() - bounds.getWest() > 40 && (!pts.length || inside >= pts.length / 2);
  }

  /* The bounds of the area sets when they are a city's or a county's (the
   * audit's rule, sl_local_study: its box is map.local_box, west, south,
   * east, north), else null: the reader who imported a city's tracts came
   * for them, whatever the national agencies around. */
  function localAreas() {
    var b = data.local_box;
    return b ? L.latLngBounds([b[1], b[0]], [b[3], b[2]]) : null;
  }

  function jumpControl(map, all, areas, nation) {
    var box = document.createElement('div');
    box.className = 'map-jump';
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', 'Show part of the map');
    (areas ? [['The areas', areas]] : []).concat(nation ? JUMPS : [], [['All', null]]).forEach(function (j) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = j[0];
      b.addEventListener('click', function () { map.fitBounds(j[1] || all.getBounds(), { padding: [4, 4] }); });
      box.appendChild(b);
    });
    mapEl.parentNode.insertBefore(box, mapEl);
  }

  /* "No data" on paper: black and white prints its grey as light as the
   * first class, so a printed map hatches it (its key too, report.css); the
   * screen keeps the grey. A canvas fills with a pattern, an SVG path with
   * one defined once in the page. The refit that follows redraws. */
  var hatches = {};
  function hatch(canvas) {
    if (canvas) {
      if (!hatches.canvas) {
        var c = document.createElement('canvas'), x = c.getContext('2d');
        c.width = c.height = 6;
        x.fillStyle = '#fff';
        x.fillRect(0, 0, 6, 6);
        x.strokeStyle = '#333';
        x.beginPath();
        x.moveTo(0, 6); x.lineTo(6, 0); x.moveTo(-1, 1); x.lineTo(1, -1); x.moveTo(5, 7); x.lineTo(7, 5);
        x.stroke();
        hatches.canvas = x.createPattern(c, 'repeat');
      }
      return hatches.canvas;
    }
    if (!hatches.svg) {
      var ns = 'http://www.w3.org/2000/svg', svg = document.createElementNS(ns, 'svg');
      var el = function (name, attrs, parent) {
        var e = document.createElementNS(ns, name);
        Object.keys(attrs).forEach(function (a) { e.setAttribute(a, attrs[a]); });
        return parent.appendChild(e);
      };
      svg.setAttribute('aria-hidden', 'true');
      svg.style.cssText = 'position:absolute;width:0;height:0';
      var p = el('pattern', { id: 'sl-nodata-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse' }, svg);
      el('rect', { width: 6, height: 6, fill: '#fff' }, p);
      el('path', { d: 'M0 6L6 0M-1 1L1 -1M5 7L7 5', stroke: '#333' }, p);
      document.body.appendChild(svg);
      hatches.svg = 'url(#sl-nodata-hatch)';
    }
    return hatches.svg;
  }
  function paperFills(layers, paper) {
    layers.forEach(function (l) {
      l.setStyle(function (f) {
        var fill = areaFill(f.properties);
        return { fillColor: paper && fill === NODATA ? hatch(l.options.renderer instanceof L.Canvas) : fill };
      });
    });
  }

  function leafletMap() {
    /* A view first: layers added to a map without one wait. Zoom is bounded:
     * the data is no finer than a street, nor wider than the world. */
    var map = L.map(mapEl, { zoomSnap: 0.25, minZoom: 2, maxZoom: 15, attributionControl: false }).setView([39, -98], 4);
    window.slQuietSurfaces(map); /* quiet.js, embedded before this script */
    map.createPane('points').style.zIndex = 450; /* above every area, whatever is toggled */
    /* Thousands of counties draw on a canvas (fast to zoom and recolour); a
     * city's few areas stay SVG paths. Points keep their own pane above. */
    var nAreas = 0;
    data.areas.forEach(function (set) { nAreas += set.features.features.length; });
    var areaRenderer = nAreas > 1000 ? L.canvas({ padding: 0.2, tolerance: 0 }) : L.svg();
    var pointRenderer = L.svg({ pane: 'points' });
    var overlays = {}, all = L.featureGroup(), areaLayers = [];
    /* One set drawn at first, the finest (the others a click away in the
     * layer control): a campaign's few counties over a city's tracts would
     * hide one colouring under the other. */
    var finest = finestSet();
    data.areas.forEach(function (set, i) {
      var layer = L.geoJSON(set.features, {
        renderer: areaRenderer,
        style: function (f) { return { color: '#777', weight: 0.4, fillColor: areaFill(f.properties), fillOpacity: 0.85 }; },
        onEachFeature: function (f, l) { l.bindPopup(function () { return describe(areaTitle(f.properties), f.properties); }); }
      });
      overlays['Areas: ' + escapeText(set.set)] = layer;
      layer.addTo(all);
      if (i === finest) layer.addTo(map);
      areaLayers.push(layer);
    });
    /* The basemap: state (or county) outlines dissolved from the areas
     * themselves, above the colours and under every point; not clickable. */
    if (data.outlines) {
      map.createPane('outlines').style.zIndex = 420;
      map.getPane('outlines').style.pointerEvents = 'none';
      var outlines = L.geoJSON(data.outlines.features, {
        pane: 'outlines', renderer: L.svg({ pane: 'outlines' }), interactive: false,
        style: function () { return { color: '#333', weight: 1.1, opacity: 0.9, fill: false }; }
      });
      overlays[data.outlines.features.level === 'states' ? 'State outlines' : 'County outlines'] = outlines.addTo(map);
    }
    if (data.hexes) {
      var hex = L.geoJSON(data.hexes, {
        renderer: areaRenderer,
        style: function (f) { return { color: '#4d004b', weight: 0.5, fillColor: hexFill(f.properties), fillOpacity: 0.8 }; },
        onEachFeature: function (f, l) { l.bindPopup(function () { return describe('Hexagon', f.properties); }); }
      });
      overlays['Camera density (hexagons)'] = hex.addTo(map);
      hex.addTo(all);
    }
    /* A nation's points as counted clusters until the reader zooms to a
     * region: 1,500 dots at a time bury the map they sit on. */
    function pointGroup(n, kind) {
      if (n < CLUSTER_AT || !L.markerClusterGroup) return L.featureGroup();
      /* numbered circles are no controls: as markers they were a tab stop
       * each (143 on the real data), read "2, button" */
      L.MarkerCluster.mergeOptions({ keyboard: false });
      return L.markerClusterGroup({
        clusterPane: 'points', disableClusteringAtZoom: 9, showCoverageOnHover: false,
        maxClusterRadius: function (z) { return z < 5 ? 80 : z < 7 ? 55 : 35; },
        spiderfyOnMaxZoom: false, chunkedLoading: true,
        iconCreateFunction: function (c) {
          var k = c.getChildCount(), d = k < 10 ? 20 : k < 100 ? 25 : k < 1000 ? 31 : 38;
          return L.divIcon({ html: '<span aria-hidden="true">' + fmt(k) + '</span>', className: 'sl-cluster sl-cluster-' + kind, iconSize: [d, d] });
        }
      });
    }
    var sites = pointGroup(data.sites.length, 'sites'), rings = L.featureGroup();
    data.sites.forEach(function (s) {
      L.circle([s.lat, s.lon], { pane: 'points', renderer: pointRenderer, radius: data.near_large_m, color: '#1b7837', weight: 1,
        fill: false, dashArray: '4', interactive: false }).addTo(rings);
      L.circle([s.lat, s.lon], { pane: 'points', renderer: pointRenderer, radius: data.near_small_m, color: '#1b7837', weight: 1,
        fillOpacity: 0.08, interactive: false }).addTo(rings);
      L.circleMarker([s.lat, s.lon], { pane: 'points', renderer: pointRenderer, radius: 3, color: '#fff', weight: 0.8,
        fillColor: '#1b7837', fillOpacity: 1, className: 'sl-site' })
        .bindPopup(function () { return describe(s.name || s.id, s, 'withheld'); }).addTo(sites);
    });
    if (data.sites.length) { overlays['Sensitive sites'] = sites.addTo(map); sites.addTo(all); }
    var agencies = pointGroup(data.agencies.length, 'agencies');
    data.agencies.forEach(function (a) {
      L.circleMarker([a.lat, a.lon], { pane: 'points', renderer: pointRenderer, radius: 3, color: '#fff', weight: 0.8,
        fillColor: '#2166ac', fillOpacity: 0.9 })
        .bindPopup(function () { return describe(a.name, a); }).addTo(agencies);
    });
    if (data.agencies.length) { overlays[AGENCIES] = agencies.addTo(map); agencies.addTo(all); }
    if (data.cameras_exact) {
      var exact = L.featureGroup();
      data.cameras_exact.forEach(function (p) {
        L.circleMarker([p[1], p[0]], { pane: 'points', renderer: pointRenderer, radius: 2, color: '#d6004c' }).addTo(exact);
      });
      overlays['EXACT cameras'] = exact.addTo(map);
    }
    /* The radii around sites mean something only at street scale. */
    function showRings() {
      var want = map.getZoom() >= 12 && map.hasLayer(sites);
      if (want && !map.hasLayer(rings)) rings.addTo(map);
      else if (!want && map.hasLayer(rings)) map.removeLayer(rings);
    }
    map.on('zoomend overlayadd overlayremove', showRings);
    /* Dots grow as the map does: at a nation's scale they must not bury
     * the areas they sit on. */
    function dotSize() {
      var z = map.getZoom(), r = z < 4 ? 1.5 : z < 6 ? 2.5 : z < 9 ? 3.5 : 4.5;
      /* (a cluster group's eachLayer reaches every point, clustered or not) */
      [sites, agencies].forEach(function (g) { g.eachLayer(function (l) { if (l.setRadius) l.setRadius(r); }); });
    }
    map.on('zoomend', dotSize);
    /* An area layer turned back on goes under the hexagons and points. */
    map.on('overlayadd', function () { areaLayers.forEach(function (l) { l.bringToBack(); }); });
    L.control.layers(null, overlays, { collapsed: window.innerWidth < 700 }).addTo(map);
    L.control.scale({ maxWidth: 100 }).addTo(map);
    /* The extent of the data, not of the layers alone: clustered points are
     * added in chunks, after this runs, so all's bounds may lack them yet. */
    var b = all.getBounds(), home = null, areas = localAreas();
    data.sites.concat(data.agencies).forEach(function (p) {
      b = b.isValid() ? b.extend([p.lat, p.lon]) : L.latLngBounds([p.lat, p.lon], [p.lat, p.lon]);
    });
    if (areas) {
      home = areas;
      if (b.isValid() && !areas.contains(b)) jumpControl(map, all, areas, national(b));
    } else if (b.isValid() && national(b)) {
      home = L.latLngBounds(CONUS);
      jumpControl(map, all, null, true);
    } else if (b.isValid()) home = b;
    if (home) map.fitBounds(home, { padding: [4, 4] });
    /* Paper has another size than the screen: the printed map is refitted
     * to the opening view, and the reader's own view comes back after. */
    /* beforeprint comes before the print styles apply: the class gives the
     * map its paper size (report.css) at once, so the fit is made for the
     * paper and not for the screen (New England and Florida were cut off). */
    var saved = null;
    function toPaper() {
      paperFills(areaLayers, true);
      if (!home) return;
      if (!saved) saved = { c: map.getCenter(), z: map.getZoom() };
      document.documentElement.classList.add('sl-paper');
      map.invalidateSize({ animate: false });
      map.fitBounds(home, { padding: [4, 4], animate: false });
    }
    function toScreen() {
      paperFills(areaLayers, false);
      if (!saved) return;
      document.documentElement.classList.remove('sl-paper');
      map.invalidateSize({ animate: false });
      map.setView(saved.c, saved.z, { animate: false });
      saved = null;
    }
    window.addEventListener('beforeprint', toPaper);
    window.addEventListener('afterprint', toScreen);
    var paper = window.matchMedia ? window.matchMedia('print') : null;
    if (paper && paper.addEventListener) paper.addEventListener('change', function (e) { if (e.matches) toPaper(); else toScreen(); });
    showRings();
    dotSize();
    select.addEventListener('change', function () {
      metric = select.value;
      areaLayers.forEach(function (l) { l.setStyle(function (f) { return { fillColor: areaFill(f.properties) }; }); });
      drawLegend();
    });
    window.__slMap = { engine: 'leaflet', layers: all.getLayers().length, map: map, areaLayers: areaLayers, overlays: overlays,
      clustered: !!(L.markerClusterGroup && (data.sites.length >= CLUSTER_AT || data.agencies.length >= CLUSTER_AT)) };
  }

  /* ---- plain SVG (no Leaflet) ------------------------------------------- */

  /* The index of the area set with the most areas, drawn first. */
  function finestSet() {
    var finest = 0;
    data.areas.forEach(function (set, i) { if (set.features.features.length > data.areas[finest].features.features.length) finest = i; });
    return finest;
  }

  function svgMap() {
    var NS = 'http://www.w3.org/2000/svg';
    var pts = [];
    function walk(c) { if (typeof c[0] === 'number') pts.push(c); else c.forEach(walk); }
    data.areas.forEach(function (s) { s.features.features.forEach(function (f) { if (f.geometry) walk(f.geometry.coordinates); }); });
    if (data.hexes) data.hexes.features.forEach(function (f) { walk(f.geometry.coordinates); });
    data.sites.concat(data.agencies).forEach(function (p) { pts.push([p.lon, p.lat]); });
    if (!pts.length) return;
    var w = Infinity, e = -Infinity, s = Infinity, n = -Infinity;
    pts.forEach(function (p) { w = Math.min(w, p[0]); e = Math.max(e, p[0]); s = Math.min(s, p[1]); n = Math.max(n, p[1]); });
    var k = Math.cos((s + n) / 2 * Math.PI / 180), W = 1000, scale = W / Math.max((e - w) * k, 1e-9);
    var H = Math.max(200, Math.min(1400, (n - s) * scale));
    scale = Math.min(scale, H / Math.max(n - s, 1e-9));
    function x(lon) { return ((lon - w) * k * scale).toFixed(1); }
    function y(lat) { return ((n - lat) * scale).toFixed(1); }
    var svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '-10 -10 ' + (W + 20) + ' ' + (H + 20));
    svg.setAttribute('class', 'svg-map');
    function ring(r) { return 'M' + r.map(function (p) { return x(p[0]) + ',' + y(p[1]); }).join('L') + 'Z'; }
    function pathOf(g) {
      if (!g) return '';
      var polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
      return polys.map(function (p) { return p.map(ring).join(''); }).join('');
    }
    function add(tag, attrs, title) {
      var el = document.createElementNS(NS, tag);
      Object.keys(attrs).forEach(function (a) { el.setAttribute(a, attrs[a]); });
      if (title) { var t = document.createElementNS(NS, 'title'); t.textContent = title; el.appendChild(t); }
      svg.appendChild(el);
      return el;
    }
    var areaPaths = [];
    /* a static map has no layer control: the finest set alone */
    data.areas.filter(function (set, i) { return i === finestSet(); }).forEach(function (set) {
      set.features.features.forEach(function (f) {
        var p = add('path', { d: pathOf(f.geometry), fill: areaFill(f.properties), stroke: '#555', 'stroke-width': 0.5, 'fill-rule': 'evenodd' },
          areaTitle(f.properties) + (metric ? ' — ' + label(metric) + ': ' + shown(f.properties, metric) : ''));
        areaPaths.push([p, f.properties]);
      });
    });
    if (data.outlines) data.outlines.features.features.forEach(function (f) {
      add('path', { d: pathOf(f.geometry), fill: 'none', stroke: '#333', 'stroke-width': 1.1, 'pointer-events': 'none' });
    });
    if (data.hexes) data.hexes.features.forEach(function (f) {
      add('path', { d: pathOf(f.geometry), fill: hexFill(f.properties), stroke: '#4d004b', 'stroke-width': 0.4, 'fill-opacity': 0.85 },
        f.properties.cameras + ' cameras, ' + f.properties.posts + ' posts');
    });
    var mPerDeg = 111320;
    data.sites.forEach(function (st) {
      /* Rings only where they can be told apart (a city, not a nation). */
      if (data.sites.length < 200) [data.near_large_m, data.near_small_m].forEach(function (r) {
        add('circle', { cx: x(st.lon), cy: y(st.lat), r: Math.max(1, r / mPerDeg * scale).toFixed(1), fill: 'none', stroke: '#1b7837' });
      });
      add('circle', { cx: x(st.lon), cy: y(st.lat), r: 2.5, fill: '#1b7837' }, (st.name || st.id) + ' (' + st.category + ')');
    });
    data.agencies.forEach(function (a) {
      add('circle', { cx: x(a.lon), cy: y(a.lat), r: 2.5, fill: '#2166ac', 'fill-opacity': 0.9 }, a.name + (a.start ? ', since ' + a.start : ''));
    });
    (data.cameras_exact || []).forEach(function (p) { add('circle', { cx: x(p[0]), cy: y(p[1]), r: 1.5, fill: '#d6004c' }); });
    mapEl.appendChild(svg);
    select.addEventListener('change', function () {
      metric = select.value;
      areaPaths.forEach(function (ap) { ap[0].setAttribute('fill', areaFill(ap[1])); });
      drawLegend();
    });
    window.__slMap = { engine: 'svg', layers: svg.childNodes.length };
  }

  if (window.L && L.map) leafletMap(); else svgMap();
  drawLegend();
})();
