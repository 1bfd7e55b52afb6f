/*
 * quiet.js — Leaflet's drawing surfaces made silent to a screen reader, for
 * every served map (the dashboard's, the campaign's pledges, the
 * directory's). An svg per pane read as an unnamed image ("graphic")
 * inside the map's region, whose figures its tables give: each is marked
 * drawing only (role none), as each layer is added, which keeps a named
 * shape inside it (the campaign's counties) as it is. The offline report
 * keeps its own copy: it is one file, with no asset of the server.
 */
(function () {
  'use strict';

  window.slQuietSurfaces = function (m) {
    function quiet() {
      Array.prototype.forEach.call(m.getContainer().querySelectorAll('.leaflet-pane > svg:not([role])'),
        function (s) { s.setAttribute('role', 'none'); });
    }
    m.on('layeradd', quiet);
    quiet();
  };
})();
