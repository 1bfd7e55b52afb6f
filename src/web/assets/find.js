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

  /* "Find an area" itself: on a committed INPUT, the area FIND(text) names
   * goes to PICK; else EMPTY says why under the field (SET() names the
   * area set) and BODY offers the matches as buttons. */
  function bind(input, empty, body, find, set, pick) {
    var el = window.slChart.el, fmt = window.slChart.fmt;
    input.addEventListener('change', function () {
      var v = input.value.trim(), hit = find(v);
      if (!v) return;
      if (hit.layer) { pick(hit); return; }
      /* said under the field, where the eye is */
      empty.dataset.hint = empty.dataset.hint || empty.textContent;
      empty.hidden = false;
      body.textContent = '';
      empty.textContent = hit.many ? fmt(hit.many) + ' areas of ' + set() + ' match “' + v + '”' +
        (hit.many > hit.some.length ? ': type more of the name, or pick one of the first ' + hit.some.length + '.' : ': pick one.')
        : 'No area of ' + set() + ' is called “' + v + '”.';
      if (!hit.many) return;
      /* one button per match: a name shared by 31 counties needs its state */
      var picks = el('ul', null, 'area-picks');
      hit.some.forEach(function (m) {
        var b = el('button', m.title);
        b.type = 'button';
        b.addEventListener('click', function () { input.value = m.title; pick(m); });
        picks.appendChild(el('li')).appendChild(b);
      });
      body.appendChild(picks);
    });
  }

  window.slFind = { area: area, bind: bind };
})();
