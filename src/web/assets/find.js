/*
 * find.js — an area of the map by what a person types in "Find an area":
 * any case, its title ("Cook, IL"), its id, its bare name when only one
 * area has it, or a part of one title. Ambiguity is said, not guessed: 31
 * US counties are called Washington. A name no area has (a city on a map
 * of counties) is looked up among the partnered agencies' names: their
 * registry counties are offered.
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

  /* A board member of Chicago types "Chicago" into a map of counties: no
   * county is called so, and "No area is called" left her stuck. The
   * partnered agencies whose name holds TEXT (AGENCIES: the map's dots, the
   * registry's county and state on each) name the counties they are in:
   * those areas of LAYER, as {title, feature, layer, why}, at most ten. */
  function byAgency(layer, text, title, agencies) {
    var t = text.toLowerCase(), byTitle = {}, out = [], seen = {};
    if (!layer || t.length < 3) return out;
    layer.eachLayer(function (l) { byTitle[title(l.feature.properties).toLowerCase()] = l; });
    (agencies || []).forEach(function (f) {
      var p = f.properties || {};
      if (String(p.name || '').toLowerCase().indexOf(t) < 0 || !p.county || !p.state) return;
      var l = byTitle[(p.county + ', ' + p.state).toLowerCase()];
      if (!l || out.length >= 10) return;
      var key = title(l.feature.properties);
      if (seen[key]) { seen[key].why.push(p.name); return; }
      out.push(seen[key] = { title: key, feature: l.feature, layer: l, why: [p.name] });
    });
    return out;
  }

  /* One button per area of SOME into BODY, each to PICK (and INPUT's text). */
  function buttons(body, some, input, pick) {
    var picks = window.slChart.el('ul', null, 'area-picks');
    some.forEach(function (m) {
      var b = window.slChart.el('button', m.title + (m.why ? ' (' + m.why.join('; ') + ')' : ''));
      b.type = 'button';
      b.addEventListener('click', function () { input.value = m.title; pick(m); });
      picks.appendChild(window.slChart.el('li')).appendChild(b);
    });
    body.appendChild(picks);
  }

  /* What EMPTY says when no area is called V: the agencies' counties
   * (VIA, from byAgency) to pick from, or where the names and ids are. */
  function none(v, set, via) {
    if (via.length) return 'No area of ' + set + ' is called “' + v + '”. Partnered agencies named so are in ' +
      (via.length === 1 ? 'this area' : 'these areas') + ' (by the registry’s county): pick one.';
    return 'No area of ' + set + ' is called “' + v + '”. Type an area’s name or id as “The map as a table” lists ' +
      'them, or click the map.';
  }

  /* "Find an area" itself: on a committed INPUT, the area FIND(text) names
   * goes to PICK; else EMPTY says why under the field (SET() names the
   * area set) and BODY offers the matches as buttons, or, when none,
   * the areas VIA(text) gives (byAgency). */
  function bind(input, empty, body, find, set, pick, via) {
    var fmt = window.slChart.fmt;
    input.addEventListener('change', function () {
      var v = input.value.trim(), hit = find(v);
      if (!v) return;
      if (hit.layer) { pick(hit); return; }
      /* said under the field, where the eye is */
      empty.dataset.hint = empty.dataset.hint || empty.textContent;
      empty.hidden = false;
      body.textContent = '';
      var near = hit.many ? [] : (via ? via(v) : []);
      empty.textContent = hit.many ? fmt(hit.many) + ' areas of ' + set() + ' match “' + v + '”' +
        (hit.many > hit.some.length ? ': type more of the name, or pick one of the first ' + hit.some.length + '.' : ': pick one.')
        : none(v, set(), near);
      /* one button per match: a name shared by 31 counties needs its state */
      buttons(body, hit.many ? hit.some : near, input, pick);
    });
  }

  window.slFind = { area: area, bind: bind, byAgency: byAgency };
})();
