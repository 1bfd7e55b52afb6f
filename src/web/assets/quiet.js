/*
 * quiet.js — every served map (the dashboard's, the campaign's pledges,
 * the directory's) made quiet: still for a reader who asks for less motion,
 * and its drawing surfaces silent to a screen reader. An svg per pane read
 * as an unnamed image ("graphic") inside the map's region, whose figures
 * its tables give: each is marked drawing only (role none), as each layer
 * is added, which keeps a named shape inside it (the campaign's counties)
 * as it is. The offline report embeds this same file before its own
 * script (cmake/leaflet.cmake): it asks the server for nothing.
 */
(function () {
  'use strict';

  /* A reader who asks for less motion: app.css stops Leaflet's CSS
  ** transitions (zoom, fade, clusters), but a pan within the view (the
  ** arrow keys on a map, an area picked, a search fitted) glided by script
  ** for a quarter second. Every map made after this moves at once. */
  if (window.L && window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
    L.Map.mergeOptions({ zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false, inertia: false });
    var panBy = L.Map.prototype.panBy;
    L.Map.include({ panBy: function (offset, options) { return panBy.call(this, offset, L.extend({}, options, { animate: false })); } });
    if (L.MarkerClusterGroup) L.MarkerClusterGroup.mergeOptions({ animate: false });
  }

  window.slQuietSurfaces = function (m) {
    function quiet() {
      Array.prototype.forEach.call(m.getContainer().querySelectorAll('.leaflet-pane > svg:not([role])'),
        function (s) { s.setAttribute('role', 'none'); });
    }
    m.on('layeradd', quiet);
    quiet();
  };
})();
