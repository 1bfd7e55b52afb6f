/*
 * outside.js — the disparity panel for a visitor from outside (a request a
 * proxy forwarded, or under a --host name): a disparity of posts or cameras
 * there answers 403, as its per-area counts are exact. The panel then shows
 * what the report of `sightline audit` publishes instead (/api/disparity
 * ?published=1: the cameras, posts grouped into cameras, each area's count
 * under 5 camera locations withheld), and says so in the report's words; a
 * failure empties the table, so no earlier events' figures stand under the
 * events now chosen. The map's colouring by a location quotient takes the
 * same published answer (mapNote says so in its legend); so do its
 * colouring by posts or cameras per area and the area panel's counts
 * (/api/join?published=1, joinNote and withheld), and the table of
 * cameras near each site (/api/near?published=1, nearNote).
 */
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var fmt = function (n) { return window.slChart.fmt(n); }; /* 3,230, as every count on the page */

  /* Whether this visitor gets exact figures (/api/client, asked once at
   * the start): from outside, the published answers are asked first, so
   * no refused request lands in the browser's console. Until it is known,
   * and should it be wrong, a 403 still turns to the published answer. */
  var here = true;
  function client(c) {
    here = !c || c.exact_figures !== false;
    $('outside-meta').hidden = here;
    if (here) return;
    /* the radius tool counts exactly, and the report publishes no circle of one's choosing */
    $('m-radius-tool').disabled = true;
    $('zone-empty').textContent = 'The radius tool counts the posts and cameras in a circle exactly, so it works only on the ' +
      'machine running sightline; the map, its table and the sections below give the published figures.';
  }

  /* PATH with PARAMS through API: the exact answer, or, from outside or
   * where it is refused, the published one (PUBLISHED's params). */
  function either(api, path, params, published) {
    if (!here) return api(path, published);
    return api(path, params).catch(function (e) {
      if (e.status !== 403) throw e;
      return api(path, published);
    });
  }

  /* The answer for events EV over SET through API (app.js's): the exact
   * one, or, where that is refused to this visitor, the published one. */
  function disparity(api, ev, set) {
    if (ev !== 'posts' && ev !== 'cameras') return api('/api/disparity', { events: ev, areas: set });
    return either(api, '/api/disparity', { events: ev, areas: set }, { events: 'cameras', areas: set, published: 1 });
  }

  /* Under the sentence: what the published answer D withholds and why,
   * for events EV asked (posts are published as the cameras they make). */
  function note(d, ev) {
    var p = $('disparity-published');
    p.hidden = !d.published;
    if (!d.published) { p.textContent = ''; return; }
    var areas = d.areas || [], withheld = areas.filter(function (a) { return a.events_suppressed; }),
      few = withheld.filter(function (a) { return !a.withheld_to_protect; }).length, k = d.k || 5;
    p.textContent = 'These are the figures the published report gives, not this dashboard’s exact ones: exact counts of ' +
      (ev === 'posts' ? 'posts' : 'cameras') + ' by area answer only on the machine running sightline. ' +
      (ev === 'posts' ? 'The report weighs cameras (posts grouped into cameras), not posts, so the table is of cameras. ' : '') +
      'The shares by group rest on every camera; each area’s count and ratio are withheld to protect residents where ' +
      'it holds < ' + k + ' camera locations (' + fmt(few) + ' of ' + fmt(areas.length) + ' areas here)' +
      (withheld.length > few ? ', and in ' + fmt(withheld.length - few) + ' more so that the others cannot be worked out ' +
        'from the total' : '') + '. The report (sightline audit), “Who is watched”, gives the same figures.';
  }

  /* A failed answer: the panel says it, with no table left from before. */
  function failed(e, ev) {
    $('t-disparity').textContent = '';
    $('disparity-caution').hidden = true;
    $('disparity-published').hidden = true;
    $('disparity-note').textContent = 'No figures for ' + (ev === 'requests' ? 'police requests' : ev) + ': ' + e.message;
  }

  /* The map coloured by a location quotient from outside: the published
   * answer D's quotients, whose withheld areas have none, said in the
   * legend (its caution line) for events EV asked; '' for an exact D. */
  function mapNote(d, ev) {
    if (!d.published) return '';
    var withheld = (d.areas || []).filter(function (a) { return a.lq_suppressed || a.events_suppressed; }).length;
    return 'these are the quotients the published report gives, of cameras' + (ev === 'posts' ? ' (posts grouped into cameras)' : '') +
      ', not this dashboard’s exact ones; ' + fmt(withheld) + ' of ' + fmt((d.areas || []).length) + ' areas are withheld to protect ' +
      'residents (< ' + (d.k || 5) + ' camera locations, or so that they cannot be worked out from the total) and drawn as “no figure”.';
  }

  /* The count of LAYER in each area of SET through API: the exact one, or,
   * where that is refused to this visitor, the report's (/api/join
   * ?published=1: each count under k camera locations withheld). */
  function join(api, layer, set) {
    if (layer !== 'posts' && layer !== 'cameras') return api('/api/join', { points: layer, areas: set });
    return either(api, '/api/join', { points: layer, areas: set }, { points: layer, areas: set, published: 1 });
  }

  /* What a withheld row ROW of a published answer says in place of its
   * figure; '' for a figure given. */
  function withheld(row, k) {
    if (!row || !row.count_suppressed) return '';
    return row.withheld_to_protect ? 'withheld, so that the others cannot be worked out from the total'
      : 'withheld to protect residents (< ' + (k || 5) + ' camera locations)';
  }

  /* The map coloured by a count of posts or cameras from outside: the
   * legend's caution line for the published answer J; '' for an exact J. */
  function joinNote(j, layer) {
    if (!j.published) return '';
    var rows = j.areas || [], held = rows.filter(function (a) { return a.count_suppressed; }).length;
    return 'these are the counts of ' + layer + ' the published report gives, not this dashboard’s exact ones' +
      (layer === 'posts' ? ' (each camera’s posts counted where the camera is)' : '') + '; ' + fmt(held) + ' of ' + fmt(rows.length) +
      ' areas are withheld to protect residents (< ' + (j.k || 5) + ' camera locations, or so that they cannot be worked ' +
      'out from the total) and drawn as “no figure”.';
  }

  /* The cameras near each site through API with PARAMS (/api/near's): the
   * exact ones, or, where refused to this visitor, the report's table at
   * its larger radius (/api/near?published=1, every category: the
   * category asked is chosen from its rows here). */
  var PUBLISHED_NEAR_M = 400;
  function near(api, params) {
    return either(api, '/api/near', params, { radius: PUBLISHED_NEAR_M, published: 1 }).then(function (n) {
      if (!n.published || !params.sites) return n;
      var out = Object.assign({}, n);
      out.sites = (n.sites || []).filter(function (s) { return s.category === params.sites; });
      return out;
    });
  }

  /* What the sites' table says above a published answer N (the report's
   * words), for radius ASKED on the page; '' for an exact N. */
  function nearNote(n, asked) {
    if (!n.published) return '';
    return 'Cameras (' + (n.cameras_from || 'cameras layer') + ', ' + fmt(n.cameras) + ' in all) within ' + fmt(n.radius_m) +
      ' m of each site, as the published report gives them, not this dashboard’s exact figures' +
      (asked !== n.radius_m ? ' (the radius above the map, ' + fmt(asked) + ' m, gives exact figures only on the machine running sightline)' : '') +
      '. A site is public, so a count about the cameras around one could point at a camera the map hides: a site’s count is ' +
      'withheld when its circle holds fewer than ' + (n.k || 5) + ' camera locations or overlaps another site’s circle' +
      (n.radius_m > 80 ? ', or when fewer than ' + (n.k || 5) + ' lie between it and the report’s 80 m circle' : '') +
      '; no site’s nearest camera is given.';
  }

  window.slOutside = { client: client, here: function () { return here; }, disparity: disparity, note: note, failed: failed, mapNote: mapNote, join: join, joinNote: joinNote,
    withheld: withheld, near: near, nearNote: nearNote };
})();
