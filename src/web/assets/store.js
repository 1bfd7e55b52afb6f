/*
 * store.js — what the serve page says of the store as a whole (loaded after
 * chart.js, before app.js): the line under the title, and the banner over
 * synthetic data. The demo's store (`sightline demo`) is fiction
 * throughout, whatever real areas were added to it; a real store with a
 * `sightline synth` layer beside it is not, and a banner calling its
 * agencies fictional would be wrong, so that banner names the invented
 * layers and the `rm` that takes them out, as the report's sections do.
 * app.js fetches /api/info and holds the page.
 */
(function () {
  'use strict';

  var fmt = window.slChart.fmt;

  var LAYER_WORDS = {
    requests: 'police requests', posts: 'posts', cameras: 'cameras', sites: 'sites', areas: 'areas',
    agencies: 'agencies', partnerships: 'partnerships'
  };

  /* A file `sightline demo` wrote: the store is the demo, fiction throughout. */
  function demoFile(s) { return s.kind !== 'synthetic' && /^synthetic-/.test(s.file || ''); }

  /* What a `synth` run invented, in words (its layer is in the options). */
  function layerOf(s) {
    var layer = (s.options || {}).layer;
    if (layer === 'agencies') return 'agencies and their partnerships';
    return LAYER_WORDS[layer] || layer || 'rows';
  }

  /* The banner's text, or '' for a store with nothing invented. */
  function syntheticBanner(info) {
    var sources = info.sources || [];
    if (sources.some(demoFile))
      return 'SYNTHETIC DEMO DATA — fictional agencies, places and people; not a finding about any real place';
    var made = sources.filter(function (s) { return s.kind === 'synthetic'; });
    if (!made.length) return '';
    var what = made.map(function (s) { return s.id + ' (' + layerOf(s) + ')'; });
    var one = made.length === 1, ids = made.map(function (s) { return s.id; }).join(' ');
    var list = one ? what[0] : what.slice(0, -1).join(', ') + ' and ' + what[what.length - 1];
    return 'SYNTHETIC DATA IN THIS STORE — import' + (one ? ' ' : 's ') + list + (one ? ' was' : ' were') +
      ' invented by “sightline synth”: figures resting on ' + (one ? 'it' : 'them') + ' are not findings. “sightline rm ' +
      ids + '” removes ' + (one ? 'it' : 'them') + '.';
  }

  /* "The store holds 18,702 registry agencies · … · 2,000 police requests." */
  function describe(info) {
    var snaps = (info.partnerships || []).map(function (p) { return p.snapshot; });
    var parts = [];
    if (info.agencies && info.agencies.count) parts.push(fmt(info.agencies.count) + ' registry agencies');
    if (snaps.length) parts.push('partnership snapshot' + (snaps.length > 1 ? 's ' : ' ') + snaps.join(', '));
    (info.area_sets || []).forEach(function (s) { parts.push(fmt(s.areas) + ' areas in “' + s.name + '”'); });
    /* "1 site", not "1 sites" */
    var counted = function (n, plural) { return fmt(n) + ' ' + (n === 1 ? plural.replace(/s$/, '') : plural); };
    (info.points || []).forEach(function (p) { parts.push(counted(p.points, p.layer) + (p.category ? ' (' + p.category + ')' : '')); });
    if (info.requests && info.requests.count) parts.push(counted(info.requests.count, 'police requests'));
    if (!parts.length) return 'The store is empty: sightline import adds records (sightline import --help).';
    return 'The store holds ' + parts.join(' · ') + '.';
  }

  /* A city's or a county's store (info.local_areas, sl_local_study): the
   * headline figures are the whole list's, as the report's lead says, until
   * State picks the state the areas lie in; a button picks it. Areas in
   * more than three states (the demo's invented counties) get no note. */
  function localNote(info) {
    var local = info.local_areas, p = document.getElementById('local-state');
    var states = Object.keys((local && local.states) || {}).sort();
    if (!p || !states.length || states.length > 3 || !(info.partnerships || []).length) return;
    var sets = local.sets.map(function (s) { return '“' + s + '”'; }).join(' and ');
    var sel = document.getElementById('f-state');
    function pick(code) {
      if (!sel.querySelector('option[value="' + code + '"]')) {
        var o = document.createElement('option');
        o.value = o.textContent = code;
        sel.appendChild(o);
      }
      sel.value = code;
      sel.dispatchEvent(new Event('change'));
      sel.focus(); /* the button goes: focus stays on the filter it set */
    }
    function render() {
      var now = (new URLSearchParams(window.location.search).get('state') || '').toUpperCase();
      p.textContent = '';
      p.hidden = false;
      if (states.indexOf(now) >= 0) {
        p.textContent = 'Showing ' + now + ', the state this store’s areas (' + sets + ') lie in.';
        return;
      }
      p.appendChild(document.createTextNode('This store’s areas (' + sets + ') are a city’s or a county’s, in ' +
        states.join(' and ') + ': the figures below are of the whole list' +
        (states.length === 1 ? ' until State is ' + states[0] + '. ' : '. ')));
      states.forEach(function (code) {
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = 'Show ' + code + ' only';
        b.addEventListener('click', function () { pick(code); });
        p.appendChild(b);
      });
    }
    /* after app.js's own listeners, which write the URL this reads */
    sel.addEventListener('change', render);
    document.getElementById('f-reset').addEventListener('click', render);
    render();
  }

  /* What import S is of, in words: "Partnerships, snapshot 2020-10-07". */
  function kindWords(s) {
    var o = s.options || {};
    if (s.kind === 'agencies') return 'Agency registry';
    if (s.kind === 'partnerships') return 'Partnerships' + (s.snapshot ? ', snapshot ' + s.snapshot : '');
    if (s.kind === 'areas') return 'Areas' + (o.set ? ' “' + o.set + '”' : '');
    if (s.kind === 'synthetic') return 'Invented by “sightline synth” (' + layerOf(s) + ')';
    var k = LAYER_WORDS[s.kind] || s.kind || 'import';
    return k.charAt(0).toUpperCase() + k.slice(1) + (o.category ? ' (' + o.category + ')' : '');
  }

  /* "Where these data come from": each import of INFO as the CLI's
   * "Sources" names it, with the publisher, year, licence and address the
   * import recorded (a preset's, or --publisher, --year, --licence, --url),
   * so that a reader asks "from where, of when" of the page itself. All of
   * it is the importer's text: set as text, and a link only to http(s). */
  function sources(info) {
    var box = document.getElementById('sources'), ul = document.getElementById('sources-list');
    var all = (info.sources || []).filter(function (s) { return s.kind; });
    /* an owner's exclusion is no source: counted below, never placed or dated */
    var list = all.filter(function (s) { return s.kind !== 'exclusion'; });
    var withheld = all.length - list.length;
    if (!box || !ul) return;
    ul.textContent = '';
    box.hidden = !list.length;
    if (!list.length) return;
    document.getElementById('sources-sum').textContent = 'Where these data come from (' +
      window.slChart.plural(list.length, 'import', 'imports') + ')';
    var el = window.slChart.el;
    list.forEach(function (s) {
      var li = ul.appendChild(el('li'));
      li.appendChild(el('strong', kindWords(s) + ': '));
      if (s.publisher) {
        li.appendChild(document.createTextNode(s.publisher + (s.year ? ', data of ' + s.year : '') + '. ' +
          (s.licence ? 'Licence: ' + s.licence + '. ' : '')));
        if (/^https?:\/\//i.test(s.url || '')) {
          var a = li.appendChild(el('a', s.url));
          a.href = s.url;
          a.rel = 'noopener noreferrer';
          li.appendChild(document.createTextNode(' '));
        }
      } else {
        li.appendChild(document.createTextNode('publisher, year and licence not recorded at import. '));
      }
      /* the records an import skipped are part of the file's count (info_skipped.sh) */
      var skipped = s.skipped ? ' (' + fmt(s.skipped) + ' more skipped' + (s.skipped_why ? ': ' + s.skipped_why : '') + ')' : '';
      li.appendChild(el('span', 'File ' + s.file + ' (import ' + s.id + ')' +
        (s.rows != null ? ', ' + fmt(s.rows) + ' records' + skipped : '') + '.', 'note'));
    });
    if (withheld)
      ul.appendChild(el('li', 'Posts and cameras inside ' + window.slChart.plural(withheld, 'circle', 'circles') +
        ' were withheld at their owners\u2019 request: no figure here counts them, and where they are is not said.'));
    /* open where there is room; a phone keeps the figures near the top */
    if (window.matchMedia && window.matchMedia('(min-width: 700px)').matches) box.open = true;
  }

  /* The line under the title, its sources, and the local note under the headline. */
  function show(info) {
    document.getElementById('store-meta').textContent = describe(info);
    sources(info);
    localNote(info);
  }

  window.slStore = { syntheticBanner: syntheticBanner, describe: describe, show: show };
})();
