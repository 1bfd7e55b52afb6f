/*
 * report.js — the interactive map of report.html (embedded at build time by
 * cmake/leaflet.cmake). Draws with Leaflet when it was embedded, else with a
 * small SVG map of its own. No tiles, no requests: areas, hexagons, sites and
 * agencies on a blank background. Data comes from the #sl-map JSON element;
 * every text from the data is inserted with textContent, never as markup.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('sl-map').textContent);
  var mapEl = document.getElementById('map');
  var select = document.getElementById('metric');
  var legend = document.getElementById('legend');
  var RAMP = ['#fff5eb', '#fdd0a2', '#fdae6b', '#fd8d3c', '#e6550d', '#a63603'];
  var HEX_RAMP = ['#edf8fb', '#b3cde3', '#8c96c6', '#8856a7', '#810f7c'];
  var PREFERRED = ['lq_requests', 'lq_cameras', 'posts_per_1000', 'posts', 'cameras', 'pop'];
  var SKIP = { area_km2: 1 };

  function escapeText(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function metricNames() {
    var seen = {};
    data.areas.forEach(function (set) {
      set.features.features.forEach(function (f) {
        Object.keys(f.properties).forEach(function (k) {
          if (typeof f.properties[k] === 'number' && !SKIP[k]) seen[k] = true;
        });
      });
    });
    return Object.keys(seen);
  }

  var names = metricNames();
  var metric = PREFERRED.filter(function (k) { return names.indexOf(k) >= 0; })[0] || names[0] || null;
  names.forEach(function (k) {
    var o = document.createElement('option');
    o.value = k;
    o.textContent = k;
    if (k === metric) o.selected = true;
    select.appendChild(o);
  });

  function maxOf(key) {
    var m = 0;
    data.areas.forEach(function (set) {
      set.features.features.forEach(function (f) {
        var v = f.properties[key];
        if (typeof v === 'number' && isFinite(v) && v > m) m = v;
      });
    });
    return m;
  }

  function colour(v, max, ramp) {
    if (typeof v !== 'number' || !isFinite(v) || max <= 0) return '#eeeeee';
    return ramp[Math.min(ramp.length - 1, Math.floor(v / max * ramp.length))];
  }

  var hexMax = 0;
  if (data.hexes) data.hexes.features.forEach(function (f) { hexMax = Math.max(hexMax, f.properties.cameras); });

  function areaFill(props) { return colour(metric ? props[metric] : null, metric ? maxOf(metric) : 0, RAMP); }
  function hexFill(props) { return colour(props.cameras, hexMax, HEX_RAMP); }

  /* A popup or tooltip body: a title and key/value rows, all as text. */
  /* A value as shown: a count the privacy rule withheld (null beside
   * "<key>_suppressed": true) reads "< k". */
  function shown(props, k) {
    if (props[k + '_suppressed']) return '< ' + data.k;
    var v = props[k];
    return typeof v === 'number' ? Math.round(v * 1000) / 1000 : v;
  }

  function describe(title, props) {
    var box = document.createElement('div');
    var h = document.createElement('b');
    h.textContent = title;
    box.appendChild(h);
    Object.keys(props).forEach(function (k) {
      var v = props[k];
      if (/_suppressed$/.test(k)) return;
      if (props[k + '_suppressed']) v = shown(props, k);
      if (v === null || typeof v === 'object') return;
      var row = document.createElement('div');
      row.textContent = k + ': ' + (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v);
      box.appendChild(row);
    });
    return box;
  }

  function drawLegend() {
    legend.textContent = '';
    var items = [];
    if (metric) items.push(['areas by ' + metric + ' (max ' + (Math.round(maxOf(metric) * 100) / 100) + ')', RAMP[4]]);
    if (data.hexes) items.push(['camera hexagons (at least k cameras; max ' + hexMax + ')', HEX_RAMP[3]]);
    if (data.sites.length) items.push(['sensitive sites, rings at ' + data.near_small_m + ' m and ' + data.near_large_m + ' m', '#1b7837']);
    if (data.agencies.length) items.push(['partnered agencies (registry location)', '#2166ac']);
    if (data.cameras_exact) items.push(['EXACT camera locations', '#d6004c']);
    items.forEach(function (it) {
      var span = document.createElement('span');
      span.className = 'key';
      var sw = document.createElement('i');
      sw.style.background = it[1];
      span.appendChild(sw);
      span.appendChild(document.createTextNode(it[0]));
      legend.appendChild(span);
    });
  }

  /* ---- Leaflet ---------------------------------------------------------- */

  function leafletMap() {
    /* A view first: layers added to a map without one wait, and circles
     * cannot give their bounds until they are on a loaded map. */
    var map = L.map(mapEl, { zoomSnap: 0.25, attributionControl: false }).setView([39, -98], 4);
    var overlays = {}, all = L.featureGroup();
    var areaLayers = data.areas.map(function (set) {
      var layer = L.geoJSON(set.features, {
        style: function (f) { return { color: '#555', weight: 0.6, fillColor: areaFill(f.properties), fillOpacity: 0.7 }; },
        onEachFeature: function (f, l) { l.bindPopup(function () { return describe(f.properties.name || f.properties.id, f.properties); }); }
      });
      overlays['Areas: ' + escapeText(set.set)] = layer;
      layer.addTo(map).addTo(all);
      return layer;
    });
    if (data.hexes) {
      var hex = L.geoJSON(data.hexes, {
        style: function (f) { return { color: '#4d004b', weight: 0.5, fillColor: hexFill(f.properties), fillOpacity: 0.8 }; },
        onEachFeature: function (f, l) { l.bindPopup(function () { return describe('hexagon', f.properties); }); }
      });
      overlays['Camera density (hexagons)'] = hex.addTo(map);
      hex.addTo(all);
    }
    var sites = L.featureGroup();
    data.sites.forEach(function (s) {
      L.circle([s.lat, s.lon], { radius: data.near_large_m, color: '#1b7837', weight: 1, fill: false, dashArray: '4' }).addTo(sites);
      L.circle([s.lat, s.lon], { radius: data.near_small_m, color: '#1b7837', weight: 1.5, fillOpacity: 0.1 }).addTo(sites);
      L.circleMarker([s.lat, s.lon], { radius: 4, color: '#1b7837', fillOpacity: 1 })
        .bindPopup(function () { return describe(s.name || s.id, s); }).addTo(sites);
    });
    if (data.sites.length) { overlays['Sensitive sites'] = sites.addTo(map); sites.addTo(all); }
    var agencies = L.featureGroup();
    data.agencies.forEach(function (a) {
      L.circleMarker([a.lat, a.lon], { radius: 5, color: '#2166ac', fillOpacity: 0.8 })
        .bindPopup(function () { return describe(a.name, a); }).addTo(agencies);
    });
    if (data.agencies.length) { overlays['Partnered agencies'] = agencies.addTo(map); agencies.addTo(all); }
    if (data.cameras_exact) {
      var exact = L.featureGroup();
      data.cameras_exact.forEach(function (p) { L.circleMarker([p[1], p[0]], { radius: 2, color: '#d6004c' }).addTo(exact); });
      overlays['EXACT cameras'] = exact.addTo(map);
    }
    L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    L.control.scale().addTo(map);
    var b = all.getBounds();
    if (b.isValid()) map.fitBounds(b, { padding: [10, 10] });
    select.addEventListener('change', function () {
      metric = select.value;
      areaLayers.forEach(function (l) { l.setStyle(function (f) { return { fillColor: areaFill(f.properties) }; }); });
      drawLegend();
    });
    window.__slMap = { engine: 'leaflet', layers: all.getLayers().length };
  }

  /* ---- plain SVG (no Leaflet) ------------------------------------------- */

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
    data.areas.forEach(function (set) {
      set.features.features.forEach(function (f) {
        var p = add('path', { d: pathOf(f.geometry), fill: areaFill(f.properties), stroke: '#555', 'stroke-width': 0.5, 'fill-rule': 'evenodd' },
          (f.properties.name || f.properties.id) + (metric ? ' — ' + metric + ': ' + shown(f.properties, metric) : ''));
        areaPaths.push([p, f.properties]);
      });
    });
    if (data.hexes) data.hexes.features.forEach(function (f) {
      add('path', { d: pathOf(f.geometry), fill: hexFill(f.properties), stroke: '#4d004b', 'stroke-width': 0.4, 'fill-opacity': 0.85 },
        f.properties.cameras + ' cameras, ' + f.properties.posts + ' posts');
    });
    var mPerDeg = 111320;
    data.sites.forEach(function (st) {
      [data.near_large_m, data.near_small_m].forEach(function (r) {
        add('circle', { cx: x(st.lon), cy: y(st.lat), r: Math.max(1, r / mPerDeg * scale).toFixed(1), fill: 'none', stroke: '#1b7837' });
      });
      add('circle', { cx: x(st.lon), cy: y(st.lat), r: 4, fill: '#1b7837' }, (st.name || st.id) + ' (' + st.category + ')');
    });
    data.agencies.forEach(function (a) {
      add('circle', { cx: x(a.lon), cy: y(a.lat), r: 5, fill: '#2166ac', 'fill-opacity': 0.8 }, a.name + (a.start ? ', since ' + a.start : ''));
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
