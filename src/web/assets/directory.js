/* directory.js — the directory's extras when JavaScript runs: the clustered
** map of the matches (/api/directory with the page's own query) or of one
** listing, and "near my location" (asked once, on a click; the point is
** sent, rounded to about a kilometre, as the search's lat/lon and kept
** nowhere by the site). The pages work without it. */
(function () {
  'use strict';
  var map = document.getElementById('dir-map');
  var locate = document.getElementById('d-locate');

  function pin() {
    return L.divIcon({ className: 'biz-pin', iconSize: [14, 14] });
  }

  /* a listing placed within about a kilometre: a hollow ring, not a pin */
  function approxPin() {
    return L.divIcon({ className: 'biz-pin approx', iconSize: [18, 18] });
  }

  /* the store's areas as a pale background (no tile server: nothing leaves this site) */
  function background(m) {
    var set = map.dataset.areas;
    if (!set) return;
    fetch('/api/areas/' + encodeURIComponent(set) + '.geojson')
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (g) {
        if (g) L.geoJSON(g, { interactive: false, style: { color: '#999', weight: 1, fillColor: '#eef2f5', fillOpacity: 0.6 } })
          .addTo(m).bringToBack();
      })
      .catch(function () { /* the markers alone */ });
  }

  /* A cluster's marker says what it holds: the plugin's own read "2, button"
  ** to a screen reader (its only text the count), and nothing said that
  ** Enter opens it. Its names are set as text, never as markup. */
  function clusterIcon(cluster) {
    var n = cluster.getChildCount(), names = cluster.getAllChildMarkers().map(function (m) { return m.options.title; });
    names.sort();
    var div = document.createElement('div'), span = document.createElement('span'), said = document.createElement('span');
    span.textContent = String(n);
    said.className = 'visually-hidden';
    said.textContent = ' listings here: ' + (n <= 3 ? names.join(', ') : names.slice(0, 2).join(', ') + ' and ' + (n - 2) + ' more') +
      ' (Enter zooms in)';
    span.appendChild(said);
    div.appendChild(span);
    return L.divIcon({ html: div, className: 'marker-cluster marker-cluster-' + (n < 10 ? 'small' : n < 100 ? 'medium' : 'large'),
      iconSize: L.point(40, 40) });
  }

  /* Enter on a marker opened its popup but left the focus on the marker:
  ** its link came only after every other marker, 16 presses of Tab on the
  ** demo. Opened from the keyboard, the popup takes the focus; closed
  ** (Escape, or its ×), the focus goes back to the marker. */
  function keyboardPopup(mk, link) {
    var fromKey = false;
    // Leaflet's own Escape listens on the map, not inside the popup
    link.addEventListener('keydown', function (e) { if (e.key === 'Escape') mk.closePopup(); });
    mk.on('popupopen', function () {
      var el = mk.getElement();
      fromKey = Boolean(el && document.activeElement === el);
      if (fromKey) link.focus();
    });
    mk.on('popupclose', function () {
      var el = mk.getElement();
      if (fromKey && el && (!document.activeElement || document.activeElement === document.body ||
                            el.closest('.leaflet-container').contains(document.activeElement))) el.focus();
      fromKey = false;
    });
  }

  /* a listing without a street is placed within about a kilometre
  ** (directory.c): a ring that size, never a pin that reads as its door */
  var APPROX_M = 700;

  function drawListing(lat, lon, approx) {
    map.hidden = false;
    // with no street map behind it, the view that says where the listing is
    // is its county and the neighbouring ones (the areas' outlines), not a street
    // (a ring at zoom 10 is a dot, read as a pin: closer, it reads as the area it is)
    var m = L.map(map, { scrollWheelZoom: false, maxZoom: approx ? 13 : 18, attributionControl: false })
      .setView([lat, lon], approx ? 12 : 10);
    window.slQuietSurfaces(m);
    if (approx) L.circle([lat, lon], { radius: APPROX_M, className: 'biz-approx', interactive: false }).addTo(m);
    else L.marker([lat, lon], { icon: pin(), keyboard: false }).addTo(m);
    background(m);
  }

  function drawSearch() {
    var params = new URLSearchParams(window.location.search);
    params.delete('page');
    params.delete('sort');
    fetch('/api/directory?' + params.toString())
      .then(function (r) { return r.ok ? r.json() : { businesses: [] }; })
      .then(function (d) {
        var rows = d.businesses || [];
        if (!rows.length) return;
        map.hidden = false; /* shown (and sized) before Leaflet measures it */
        var skip = document.querySelector('.skip-map');
        if (skip) skip.hidden = false; /* its markers are so many stops of Tab before the list */
        var m = L.map(map, { scrollWheelZoom: false, maxZoom: 18, attributionControl: false }); /* the clusters need a maximum */
        window.slQuietSurfaces(m);
        background(m);
        var group = L.markerClusterGroup ? L.markerClusterGroup({ showCoverageOnHover: false, iconCreateFunction: clusterIcon })
          : L.featureGroup();
        rows.forEach(function (b) {
          var said = b.approximate ? b.name + ' (within about a kilometre)' : b.name;
          var mk = L.marker([b.lat, b.lon], { icon: b.approximate ? approxPin() : pin(), title: said, alt: said });
          var a = document.createElement('a');
          a.href = '/directory/' + encodeURIComponent(b.id);
          a.textContent = b.name; /* text, never markup */
          mk.bindPopup(a);
          keyboardPopup(mk, a);
          group.addLayer(mk);
        });
        m.addLayer(group);
        m.fitBounds(group.getBounds(), { padding: [20, 20], maxZoom: 14 });
        map.setAttribute('data-markers', String(rows.length));
      })
      .catch(function () { map.hidden = true; });
  }

  if (map && window.L) {
    if (map.dataset.lat) drawListing(parseFloat(map.dataset.lat), parseFloat(map.dataset.lon), map.dataset.approx === '1');
    else drawSearch();
  }

  if (locate && navigator.geolocation) {
    locate.hidden = false;
    var note = document.getElementById('d-locate-note');
    if (note) note.hidden = false;
    locate.addEventListener('click', function () {
      locate.disabled = true;
      navigator.geolocation.getCurrentPosition(function (p) {
        var form = locate.form;
        ['lat', 'lon'].forEach(function (k) {
          var old = form.querySelector('input[type=hidden][name=' + k + ']');
          if (old) old.remove();
        });
        var county = form.querySelector('[name=county]');
        if (county) county.value = '';
        [['lat', p.coords.latitude], ['lon', p.coords.longitude]].forEach(function (kv) {
          var i = document.createElement('input');
          i.type = 'hidden';
          i.name = kv[0];
          i.value = kv[1].toFixed(2); /* about a kilometre: the search needs no more (directory.c rounds so too) */
          form.appendChild(i);
        });
        form.submit();
      }, function (e) {
        // said where the button is (a live region): a silent button left
        // a person who cannot see the page pressing it again and again
        locate.disabled = false;
        if (note) note.textContent = 'Your location could not be read (' + (e.message || 'refused') +
          '): choose a county or a state above instead. ';
      }, { timeout: 10000, maximumAge: 600000 });
    });
  }
})();
