/*
 * find.js — an area of the map by what a person types in "Find an area":
 * any case, its title ("Cook, IL"), its id, its bare name when only one
 * area has it, or a part of one title. Ambiguity is said, not guessed: 31
 * US counties are called Washington.
 */
(function () {
  'use strict';

  /* The area of Leaflet layer group LAYER that TEXT names (TITLE(properties)
   * gives an area's title): {feature, layer}, or {many: N, some: [...]}
   * when no area or N areas fit, SOME holding the first ten of them by
   * title ({title, feature, layer}) for the reader to pick from. */
  function area(layer, text, title) {
    var t = text.toLowerCase(), exact = null, named = [], part = [];
    if (layer) layer.eachLayer(function (l) {
      var p = l.feature.properties, name = title(p).toLowerCase();
      if (name === t || String(p.id).toLowerCase() === t) exact = exact || l;
      else if (String(p.name || '').toLowerCase() === t) named.push(l);
      else if (name.indexOf(t) >= 0) part.push(l);
    });
    var some = named.length ? named : part, l = exact || (some.length === 1 ? some[0] : null);
    if (l) return { feature: l.feature, layer: l };
    var list = some.map(function (m) { return { title: title(m.feature.properties), feature: m.feature, layer: m }; });
    list.sort(function (a, b) { return a.title < b.title ? -1 : a.title > b.title ? 1 : 0; });
    return { many: some.length, some: list.slice(0, 10) };
  }

  window.slFind = { area: area };
})();
