/*
 * points.js — the serve page's sites and partnered agencies as dots
 * (loaded after Leaflet and Leaflet.markercluster, before app.js): nearby
 * dots counted in one circle until the map is zoomed in, a popup of text
 * (textContent only) and a layer control to hide either. It draws every
 * feature it is given: app.js asks for the GeoJSON (/api/layers/KIND.geojson),
 * the agencies with the page's filters, which the server applies by the
 * partnership figures' own rule; no filter is decided here.
 */
(function () {
  'use strict';

  var el = window.slChart.el, fmt = window.slChart.fmt;

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

  /* The dots of MAP (which has a pane 'points'), coloured COLOURS.site and
   * .agency, their layers asked through ASK (the page's cached GET). */
  window.slPoints = function (map, colours, ask) {
    var data = {}, groups = {}, asked = {}, control = null;
    /* Ring's partnered agencies, or agencies with another technology (or
     * any) on record, as the layer's answer says: a face recognition row is
     * no partnership */
    function agencyWords(capital) {
      var w = window.slChart.partnered(data.agencies) ? 'partnered agencies' : 'agencies on record';
      return capital ? w.charAt(0).toUpperCase() + w.slice(1) : w;
    }
    function drop(kind) {
      data[kind] = null;
      if (groups[kind]) { map.removeLayer(groups[kind]); control.removeLayer(groups[kind]); delete groups[kind]; }
    }
    /* Draw KIND anew from its data; a layer the reader turned off stays off. */
    function draw(kind) {
      var old = groups[kind], on = !old || map.hasLayer(old), g = clusterGroup(kind);
      data[kind].features.forEach(function (f) {
        var c = f.geometry.coordinates;
        L.circleMarker([c[1], c[0]], { pane: 'points', radius: 5, weight: 1.5, color: '#fff', fillOpacity: 0.9,
          fillColor: kind === 'sites' ? colours.site : colours.agency, className: 'sl-' + kind })
          .bindPopup(popup(kind, f.properties)).addTo(g);
      });
      if (old) { map.removeLayer(old); control.removeLayer(old); }
      groups[kind] = g;
      if (on) g.addTo(map);
      if (!control) control = L.control.layers(null, null, { collapsed: L.Browser.mobile || window.innerWidth < 600 }).addTo(map);
      control.addOverlay(g, kind === 'sites' ? 'Sensitive sites' : agencyWords(true));
    }
    var self = {
      has: function (kind) { return !!groups[kind]; },
      count: function (kind) { return groups[kind] ? groups[kind].getLayers().length : 0; },
      /* the features drawn of KIND (find.js names an agency's county by them) */
      features: function (kind) { return (data[kind] || {}).features || []; },
      /* Ask for /api/layers/KIND.geojson with PARAMS and draw it. Only the
       * latest question of a kind is drawn; when it fails its dots are taken
       * off (none of another view stay) and the promise rejects. */
      load: function (kind, params) {
        var g = asked[kind] = (asked[kind] || 0) + 1;
        return ask('/api/layers/' + kind + '.geojson', params).then(function (fc) {
          if (g === asked[kind]) { data[kind] = fc; draw(kind); }
        }, function (e) {
          if (g !== asked[kind]) return;
          drop(kind);
          throw e;
        });
      },
      /* The legend's words for KIND. The agencies against the figure they
       * are drawn for, both from the layer's one answer, and why the rest
       * are no dot: "partnered agencies at their registry location (210 of
       * the 212 counted; 1 not linked to the registry, 1 without a registry
       * location)". */
      label: function (kind) {
        var n = self.count(kind), fc = data[kind] || {};
        if (kind === 'sites') return 'sensitive sites (' + fmt(n) + '; numbered circles count those nearby)';
        var why = [];
        if (fc.unlinked_agencies) why.push(fmt(fc.unlinked_agencies) + ' not linked to the registry');
        if (fc.without_location) why.push(fmt(fc.without_location) + ' without a registry location');
        return agencyWords(false) + ' at their registry location (' + fmt(n) + ' of the ' + fmt(fc.agencies || 0) +
          ' counted' + (fc.snapshot ? ' in the snapshot of ' + fc.snapshot : '') + (why.length ? '; ' + why.join(', ') : '') + ')';
      }
    };
    return self;
  };
})();
