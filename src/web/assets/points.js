/*
 * points.js — the serve page's sites and partnered agencies as dots
 * (loaded after Leaflet and Leaflet.markercluster, before app.js): nearby
 * dots counted in one circle until the map is zoomed in, a popup of text
 * (textContent only), a layer control to hide either, and the agencies kept
 * or left out by the page's technology and state filters. app.js holds the
 * page's state and asks for the GeoJSON (/api/layers/KIND.geojson).
 */
(function () {
  'use strict';

  var el = window.slChart.el, fmt = window.slChart.fmt;

  /* The agencies the filters keep: a technology containing the text, a state of the list. */
  function agencyShown(p, view) {
    var tech = (view.tech || '').toLowerCase(), states = view.state ? view.state.toUpperCase().split(',') : null;
    if (states && states.indexOf(String(p.state).toUpperCase()) < 0) return false;
    return !tech || (p.technologies || []).some(function (t) { return String(t).toLowerCase().indexOf(tech) >= 0; });
  }

  function popup(kind, p) {
    var box = el('div');
    box.appendChild(el('b', p.name || p.id || p.ori));
    if (kind === 'sites') box.appendChild(el('div', 'Sensitive site: ' + p.category));
    else {
      box.appendChild(el('div', [p.type, p.county, p.state].filter(Boolean).join(', ') + (p.ori ? ' (' + p.ori + ')' : '')));
      box.appendChild(el('div', 'Partnership: ' + (p.technologies || []).join('; ')));
    }
    return box;
  }

  /* Points of KIND in a group that counts nearby ones in one circle until
   * the map is zoomed in (Leaflet.markercluster, embedded like Leaflet). */
  function clusterGroup(kind) {
    if (!L.markerClusterGroup) return L.featureGroup();
    /* The numbered circles are no controls: as Leaflet's markers they were
     * 143 tab stops between the map's tools and the next section, each read
     * "2, button". The keyboard zooms the map itself; the tables hold the
     * figures. */
    L.MarkerCluster.mergeOptions({ keyboard: false });
    return L.markerClusterGroup({
      clusterPane: 'points', disableClusteringAtZoom: 11, showCoverageOnHover: false, spiderfyOnMaxZoom: false,
      chunkedLoading: true, maxClusterRadius: function (z) { return z < 5 ? 80 : z < 7 ? 55 : 35; },
      iconCreateFunction: function (c) {
        var k = c.getChildCount(), d = k < 10 ? 22 : k < 100 ? 26 : k < 1000 ? 32 : 40;
        var n = el('span', fmt(k));
        n.setAttribute('aria-hidden', 'true');
        return L.divIcon({ html: n, className: 'sl-cluster sl-cluster-' + kind, iconSize: [d, d] });
      }
    });
  }

  /* The dots of MAP (which has a pane 'points'), coloured COLOURS.site and .agency. */
  window.slPoints = function (map, colours) {
    var data = {}, groups = {}, control = null;
    return {
      set: function (kind, fc) { data[kind] = fc; },
      has: function (kind) { return !!groups[kind]; },
      count: function (kind) { return groups[kind] ? groups[kind].getLayers().length : 0; },
      /* Draw KIND anew for VIEW's filters; a layer the reader turned off stays off. */
      draw: function (kind, view) {
        if (!data[kind]) return;
        var old = groups[kind], on = !old || map.hasLayer(old), g = clusterGroup(kind);
        data[kind].features.forEach(function (f) {
          if (kind === 'agencies' && !agencyShown(f.properties, view)) return;
          var c = f.geometry.coordinates;
          L.circleMarker([c[1], c[0]], { pane: 'points', radius: 5, weight: 1.5, color: '#fff', fillOpacity: 0.9,
            fillColor: kind === 'sites' ? colours.site : colours.agency })
            .bindPopup(popup(kind, f.properties)).addTo(g);
        });
        if (old) { map.removeLayer(old); control.removeLayer(old); }
        groups[kind] = g;
        if (on) g.addTo(map);
        if (!control) control = L.control.layers(null, null, { collapsed: L.Browser.mobile || window.innerWidth < 600 }).addTo(map);
        control.addOverlay(g, kind === 'sites' ? 'Sensitive sites' : 'Partnered agencies');
      }
    };
  };
})();
