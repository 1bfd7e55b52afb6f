/*
 * hexes.js — the serve page's density hexagons of posts (loaded after
 * chart.js, before app.js). Only the map's view is asked of /api/density
 * and asked again when the map moves: a national layer of millions of
 * posts would be thousands of cells. A view that would hold more than
 * MAX_HEXES cells is not asked at all; the note says to zoom in. app.js
 * holds the page's state and passes what this needs.
 */
(function () {
  'use strict';

  var fmt = window.slChart.fmt;
  /* More hexagons than this in a view are more than a map can draw or a
   * reader tell apart: the page asks to zoom in instead. */
  var MAX_HEXES = 40000;
  var RAMP = ['#edf8fb', '#b3cde3', '#8c96c6', '#8856a7', '#810f7c'];

  /* About how many hexagons of edge HEX_M metres cover BOX (W,S,E,N). */
  function cellsInView(box, hexM) {
    var b = box.split(',').map(Number), midLat = (b[1] + b[3]) / 2 * Math.PI / 180;
    var km2 = (b[2] - b[0]) * 111.32 * Math.cos(midLat) * (b[3] - b[1]) * 110.57;
    return Math.round(km2 / (2.598 * hexM * hexM / 1e6));
  }

  /* The hexagon layer of MAP (in its pane "hexes"): API is the page's GET,
   * NOTE(text) says what the hexagons show or why none, FAILED(what) the
   * page's handler of a refused request. */
  function hexes(map, api, note, failed) {
    var layer = null, asked = ''; /* the last "edge|box" asked: an older answer is dropped */

    function clear() {
      if (layer) { map.removeLayer(layer); layer = null; }
      asked = '';
    }

    function draw(fc) {
      if (layer) map.removeLayer(layer);
      var max = 1;
      (fc.features || []).forEach(function (f) { max = Math.max(max, f.properties.count || 0); });
      layer = L.geoJSON(fc, {
        pane: 'hexes',
        style: function (f) {
          var i = Math.min(RAMP.length - 1, Math.floor((f.properties.count || 0) / max * RAMP.length));
          return { color: '#4d004b', weight: 0.5, fillColor: RAMP[i], fillOpacity: 0.8, interactive: false };
        }
      }).addTo(map);
    }

    /* Hexagons of edge HEX (metres, a string) over BOX; K the server's
     * smallest count shown, EXACT the server's --exact. */
    function load(hex, box, k, exact) {
      var key = hex + '|' + box, cells = cellsInView(box, Number(hex));
      asked = key;
      if (cells > MAX_HEXES) {
        if (layer) { map.removeLayer(layer); layer = null; }
        note('Density: zoom in to draw hexagons of ' + fmt(Number(hex)) + ' m (this view would hold about ' + fmt(cells) + ' of them).');
        return Promise.resolve();
      }
      /* a national layer's first map is seconds of work on the server (6.5 s
       * at ten million posts, run of 2026-12-06): said while it comes */
      note('Density: loading hexagons of ' + fmt(Number(hex)) + ' m… (the first map of millions of posts takes seconds)');
      return api('/api/density', { points: 'posts', hex: hex, bbox: box }).then(function (fc) {
        if (asked !== key) return;
        draw(fc);
        /* the map's totals are the whole layer's: how much the withheld
         * hexagons hold, which no drawn hexagon shows */
        var t = fc.totals || {}, held = typeof t.points === 'number' ? ': ' + fmt(t.suppressed_points) + ' of all ' +
          fmt(t.points) + ' posts lie in them' : '';
        note('Density: ' + fmt((fc.features || []).length) + ' hexagons of posts in view with an edge of ' + fmt(Number(hex)) + ' m' +
          (exact ? ' (EXACT: no hexagon withheld)' : ' (hexagons with fewer than ' + fmt(k) + ' camera locations are withheld, as in the report' + held + ')') + '.');
      }, failed('Density'));
    }

    return {
      load: load,
      clear: clear,
      shown: function () { return !!layer; },
      box: function () { return asked ? asked.slice(asked.indexOf('|') + 1) : ''; }
    };
  }

  hexes.RAMP = RAMP;
  window.slHexes = hexes;
})();
