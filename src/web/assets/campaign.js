// campaign.js — what JavaScript adds to /campaign (the page works without
// it): the county lists narrowed to the state picked, a place's figures
// fetched without a reload, and the counter (which moves once an hour) refreshed
// every 30 seconds.
// Nothing here sends anything but the state and county a signer picked.
'use strict';
(function () {
  var allOptions = {}; // county select id -> [{node, state}]: its options as the server wrote them

  function narrow(stateSel) {
    var county = document.getElementById(stateSel.getAttribute('data-county'));
    if (!county) return;
    // a county's state is the label of its group (the page lists every
    // county twice; a state on each option weighed 100 kB more)
    if (!allOptions[county.id])
      allOptions[county.id] = Array.prototype.map.call(county.querySelectorAll('option'), function (o) {
        var g = o.parentNode;
        return { node: o.cloneNode(true), state: g && g.tagName === 'OPTGROUP' ? g.label : '' };
      });
    var st = stateSel.value, keep = county.value;
    county.textContent = '';
    allOptions[county.id].forEach(function (o) {
      if (!o.node.value || !st || !o.state || o.state === st) county.appendChild(o.node.cloneNode(true));
    });
    county.value = keep;
    if (county.value !== keep) county.value = '';
  }

  function text(tag, s, cls) {
    var e = document.createElement(tag);
    e.textContent = s;
    if (cls) e.className = cls;
    return e;
  }

  function showFacts(j) {
    var box = document.getElementById('facts');
    box.textContent = '';
    box.appendChild(text('h3', (j.county ? j.county.name + ', ' : '') + j.state));
    var dl = document.createElement('dl');
    dl.className = 'figures';
    function row(k, v) { dl.appendChild(text('dt', k)); dl.appendChild(text('dd', String(v))); }
    // "18,702", as campaign_page.c writes it
    function thousands(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
    // the first figures are the state's (the county's own list follows); DC
    // is no state, nor Guam: "in DC", "in the territory", as campaign_page.c
    // says it (the server's state_word)
    var inPlace = j.state_word;
    // DC, Guam: the county is the whole place, its figures said once, as campaign_page.c does
    var one = j.one_county === true;
    // only Ring's rows are partnerships with a start, as campaign_page.c says it
    row('Police agencies in ' + inPlace + ' with a surveillance technology on record', thousands(j.partnered_agencies));
    row('of them in a Ring (Amazon) partnership', thousands(j.ring_agencies));
    if (j.ring_first_year) row('Year ' + inPlace + '\'s first Ring partnership started', j.ring_first_year);
    (j.share || []).filter(function (s) { return s.agencies > 0; }).forEach(function (s) {
      // no record of the state linked (DC, the territories): no measurement, as campaign_page.c says it
      row('Share of ' + s.denominator + ' in ' + inPlace, j.share_known === false
        ? 'not known' // unlinked_note, under the shares, says why
        : (100 * s.share).toFixed(1) + '% (' + thousands(s.partnered) + ' of ' + thousands(s.agencies) + ')');
    });
    // rows left out of the shares, as campaign_page.c says it
    if (j.unlinked_note) dl.appendChild(text('dd', j.unlinked_note, 'note'));
    if (j.requests) {
      row('Police requests for footage in ' + inPlace, thousands(j.requests.state));
      if (typeof j.requests.located_in_county === 'number' && !one) row('in the county', thousands(j.requests.located_in_county));
      if (j.requests.county !== null) row('made by agencies of the county, wherever they asked', thousands(j.requests.county));
    }
    // the same words as the page without JavaScript (campaign_page.c, site_figure)
    function sites(label, key) {
      if (typeof j.sites[key] !== 'number') return;
      var by = (j.sites.categories || []).filter(function (c) { return c[key] > 0; })
        .map(function (c) { return c.category + ' ' + c[key]; });
      row(label, j.sites[key] + (by.length ? ' (' + by.join(', ') + ')' : ''));
    }
    if (j.sites) {
      sites('Sensitive sites on record in ' + inPlace, 'state');
      if (!one || typeof j.sites.state !== 'number')
        sites(typeof j.sites.state === 'number' ? 'in the county' : 'Sensitive sites on record in the county', 'county');
    }
    box.appendChild(dl);
    // no record of the place: what its 0s mean, as campaign_page.c says it
    if (j.none_note) box.appendChild(text('p', j.none_note, 'note'));
    if (j.county) {
      if (!j.county_agencies.length) {
        box.appendChild(text('p', 'No surveillance technology of an agency of ' + (one ? inPlace : 'this county') +
                                  ' is in the data.'));
      } else {
        var wrap = document.createElement('div');
        wrap.className = 'scroll';
        var t = document.createElement('table');
        t.appendChild(text('caption', 'Surveillance technologies of agencies in ' + (one ? inPlace : 'the county')));
        var head = document.createElement('tr');
        ['Agency', 'Technology', 'Date'].forEach(function (h) {
          var th = text('th', h);
          th.scope = 'col';
          head.appendChild(th);
        });
        var thead = document.createElement('thead');
        thead.appendChild(head);
        t.appendChild(thead);
        var body = document.createElement('tbody'), several = 0;
        j.county_agencies.forEach(function (r) {
          var tr = document.createElement('tr'), td = text('td', r.agency);
          if (r.counties > 1) {
            td.appendChild(document.createTextNode(' '));
            td.appendChild(text('span', '(' + r.counties + ' counties)', 'note'));
            several++;
          }
          tr.appendChild(td);
          tr.appendChild(text('td', r.technology));
          // a date is a start for Ring's rows only (dated_by_source)
          tr.appendChild(text('td', r.since ? (r.dated_by_source ? 'dated ' : 'started ') + r.since : 'not dated', 'nowrap'));
          body.appendChild(tr);
        });
        t.appendChild(body);
        wrap.appendChild(t);
        box.appendChild(wrap);
        if (j.dated_note) box.appendChild(text('p', j.dated_note, 'note'));
        // the same words as the page without JavaScript (campaign_page.c, local_facts)
        if (several) box.appendChild(text('p', 'An agency whose records name several counties is listed in each of them: ' +
                                               'county lists do not add up to ' + inPlace + '\'s figures.', 'note'));
      }
      // records naming no county of the map: a county's 'none' is not the whole truth
      if (j.unplaced_note) box.appendChild(text('p', j.unplaced_note, 'note'));
    }
    // the same words as the page without JavaScript (campaign_page.c, local_facts)
    box.appendChild(text('p', 'The partnership records of ' + j.snapshot +
                              (j.sites ? '; sensitive sites are the clinics, schools, detention facilities and other ' +
                                'such places on the campaign\'s list of them' : '') + '.', 'note'));
  }

  function fetchFacts(ev) {
    var st = document.getElementById('l-state').value;
    var co = document.getElementById('l-county').value;
    if (!st) return;
    if (ev) ev.preventDefault();
    var q = 'state=' + encodeURIComponent(st) + (co ? '&county=' + encodeURIComponent(co) : '');
    fetch('/api/campaign/local?' + q).then(function (r) {
      return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || r.status); return j; });
    }).then(function (j) {
      showFacts(j);
      // the pledge form follows the place picked
      var ps = document.getElementById('p-state'), pc = document.getElementById('p-county');
      ps.value = st;
      narrow(ps);
      pc.value = co;
      history.replaceState(null, '', '/campaign?' + q + '#local');
      // the title names the place, as the server's page for this address does
      var base = document.title.replace(/^.*: the figures — /, '');
      document.title = (j.county ? j.county.name + ', ' : '') + j.state + ': the figures — ' + base;
    }).catch(function (e) {
      var box = document.getElementById('facts');
      box.textContent = '';
      box.appendChild(text('p', 'The figures could not be loaded: ' + e.message, 'status error'));
    });
  }

  // 1 when (x, y) lies inside RING (GeoJSON [lon, lat] pairs), by the
  // parity of the ring's edges crossing the ray towards +x.
  function inRing(ring, x, y) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }

  function inGeometry(g, x, y) {
    var polys = !g ? [] : g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    return polys.some(function (p) {
      return inRing(p[0], x, y) && !p.slice(1).some(function (h) { return inRing(h, x, y); });
    });
  }

  // The distance (degrees, as the outlines are simplified) from (x, y) to
  // the nearest edge of geometry G.
  function edgeDistance(g, x, y) {
    var polys = !g ? [] : g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    var best = Infinity;
    polys.forEach(function (p) {
      p.forEach(function (ring) {
        for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          var ax = ring[j][0], ay = ring[j][1], dx = ring[i][0] - ax, dy = ring[i][1] - ay, l = dx * dx + dy * dy;
          var t = l ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l)) : 0;
          best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
        }
      });
    });
    return best;
  }

  // A county picked: the pickers, the facts, and the note saying so.
  function pickCounty(c, how) {
    var ls = document.getElementById('l-state');
    ls.value = c.state;
    narrow(ls);
    var lc = document.getElementById('l-county');
    lc.value = c.id;
    document.getElementById('geo-note').textContent = how + lc.options[lc.selectedIndex].text + ', ' + c.state +
      '. Change it above if it is wrong.';
    fetchFacts(null);
  }

  // Near a border the outlines cannot tell: the counties it may be in,
  // one button each (the one the outlines hold it in first); nothing is
  // picked until she presses one.
  function askCounty(cands) {
    var note = document.getElementById('geo-note'), pick = document.getElementById('geo-pick');
    if (!pick) {
      pick = document.createElement('div');
      pick.id = 'geo-pick';
      pick.className = 'geo-pick';
      pick.setAttribute('role', 'group');
      pick.setAttribute('aria-labelledby', 'geo-note');
      note.parentNode.insertBefore(pick, note.nextSibling);
    }
    pick.textContent = '';
    note.textContent = 'Your location, read in your browser only, is near a border of ' + cands.length +
      ' counties, closer than the map\'s outlines can tell apart: which is yours?';
    cands.forEach(function (c) {
      var b = text('button', c.name + ', ' + c.state);
      b.type = 'button';
      b.addEventListener('click', function () {
        pick.remove();
        pickCounty(c, 'Picked by you, near your location: ');
      });
      pick.appendChild(b);
      pick.appendChild(document.createTextNode(' '));
    });
    pick.firstChild.focus();
  }

  // The county holding the browser's location, found in the browser: the
  // counties whose boxes (exact, to 0.01 degree) hold the point, then the
  // ones whose map shape holds it or lies within the outlines' tolerance of
  // it. The shapes alone picked the wrong county near a border (Camden,
  // NJ gave Philadelphia, PA; a street on the Kansas City line, none):
  // there the signer is asked which. The location is never sent: only the
  // public shapes are fetched.
  function useLocation() {
    var note = document.getElementById('geo-note'), old = document.getElementById('geo-pick');
    if (old) old.remove();
    navigator.geolocation.getCurrentPosition(function (pos) {
      var lat = pos.coords.latitude, lon = pos.coords.longitude;
      fetch('/api/campaign/places').then(function (r) { return r.json(); }).then(function (j) {
        var boxed = {}, n = 0;
        j.states.forEach(function (g) {
          g.counties.forEach(function (c) {
            var b = c.box;
            if (lon >= b[0] - 0.01 && lon <= b[2] + 0.01 && lat >= b[1] - 0.01 && lat <= b[3] + 0.01) {
              boxed[c.id] = { state: g.state, id: c.id, name: c.name };
              n++;
            }
          });
        });
        if (!n || !j.set) return [];
        return fetch('/api/areas/' + encodeURIComponent(j.set) + '.geojson').then(function (r) { return r.json(); })
          .then(function (fc) {
            /* how far the served outlines may lie from the true edges (the
             * server's simplification, said in the answer) */
            var cands = [], tol = fc.simplified_deg || 0;
            fc.features.forEach(function (f) {
              var c = boxed[f.properties.id];
              if (!c) return;
              var inside = inGeometry(f.geometry, lon, lat), d = edgeDistance(f.geometry, lon, lat);
              if (inside || d <= tol) cands.push({ state: c.state, id: c.id, name: c.name, inside: inside, d: d });
            });
            cands.sort(function (a, b) { return (b.inside - a.inside) || (a.d - b.d); });
            return cands;
          });
      }).then(function (cands) {
        if (!cands.length) {
          note.textContent = 'Your location is in none of the campaign\'s counties; please pick your state and county.';
          return;
        }
        if (cands.length === 1)
          pickCounty(cands[0], cands[0].inside ? 'Picked from your location, in your browser only: '
            : 'The county nearest your location (read in your browser only): ');
        else askCounty(cands);
      }).catch(function () {
        note.textContent = 'Your county could not be found from your location; please pick your state and county.';
      });
    }, function (e) {
      note.textContent = 'Your location could not be read (' + e.message + '); please pick your state and county.';
    }, { maximumAge: 600000, timeout: 15000 });
  }

  // The map of confirmed pledges (the table above says the same without
  // JavaScript): the campaign's counties, shaded by the counts the public
  // API shows; folded counties grey.
  function drawMap() {
    var fig = document.getElementById('pledge-map-fig');
    if (!fig || !window.L) return;
    Promise.all([fetch('/api/campaign/places').then(function (r) { return r.json(); }),
                 fetch('/api/campaign/counts').then(function (r) { return r.json(); })]).then(function (got) {
      var set = got[0].set, counts = {}, max = 1;
      if (!set) return;
      got[1].states.forEach(function (s) {
        s.counties.forEach(function (c) { counts[c.county] = c.pledges; if (c.pledges > max) max = c.pledges; });
      });
      return fetch('/api/areas/' + encodeURIComponent(set) + '.geojson').then(function (r) { return r.json(); }).then(function (fc) {
        fig.hidden = false;
        var map = L.map('pledge-map', { attributionControl: false, zoomSnap: 0.25 });
        window.slQuietSurfaces(map);
        var shown = fc.features.filter(function (f) { return counts[f.properties.id]; }), few = shown.length <= 12;
        var layer = L.geoJSON(fc, {
          style: function (f) {
            var n = counts[f.properties.id];
            return n ? { color: '#1a5491', weight: 1, fillColor: '#1a5491', fillOpacity: 0.25 + 0.6 * n / max }
                     : { color: '#999', weight: 0.5, fillColor: '#ddd', fillOpacity: 0.5 };
          },
          onEachFeature: function (f, l) {
            var n = counts[f.properties.id];
            // a few shaded counties carry their name and count on the map
            // (no base map names them); many would only cover each other
            var said = f.properties.name + ': ' + (n ? n + ' confirmed pledge' + (n === 1 ? '' : 's') : 'counted in its state');
            l.bindTooltip(said, few && n ? { permanent: true, direction: 'center', className: 'county-label' } : {});
            l.slSaid = said;
          }
        });
        layer.addTo(map);
        // a small set is shown whole, the folded counties too; a large one
        // (the country's counties) opens where the pledges are
        map.fitBounds(shown.length && fc.features.length > 50 ?
                      L.geoJSON({ type: 'FeatureCollection', features: shown }).getBounds() : layer.getBounds(),
                      { padding: [10, 10] });
        // (the shapes exist once the map has a view) A county whose tooltip
        // opens on hover takes the keyboard's focus too (Leaflet listens for
        // it), and a screen reader met an unnamed shape there: each says its
        // name and count, as its tooltip does.
        layer.eachLayer(function (l) {
          var el = l.getElement && l.getElement();
          if (el) { el.setAttribute('role', 'img'); el.setAttribute('aria-label', l.slSaid); }
        });
        // the permanent labels say the same words: read once, from the shapes
        map.getPane('tooltipPane').setAttribute('aria-hidden', 'true');
        // on paper the view is refitted to the paper's frame (campaign.css),
        // as the dashboard's map is: a national set was cut at the right
        // (paper.js, loaded before this script on a page with a map)
        if (window.slPaper) window.slPaper(map);
        fig.slMap = map; /* (the browser checks read its view) */
      });
    }).catch(function () { fig.hidden = true; });
  }

  // The counts move once an hour (pledges confirmed before its start,
  // counted_before): the counter and the hours of the note beside it.
  function refreshCounter() {
    fetch('/api/campaign/counts').then(function (r) { return r.ok ? r.json() : null; }).then(function (j) {
      if (!j) return;
      document.getElementById('counter').textContent = String(j.confirmed);
      var h = parseInt(String(j.counted_before || '').slice(11, 13), 10), before = document.getElementById('count-before'),
          next = document.getElementById('count-next');
      function hh(n) { return (n < 10 ? '0' : '') + n + ':00'; }
      if (isNaN(h) || !before || !next) return;
      before.textContent = hh(h);
      next.textContent = hh((h + 1) % 24);
    }).catch(function () {});
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('select[data-county]'), function (s) {
      narrow(s);
      s.addEventListener('change', function () { narrow(s); });
    });
    var form = document.getElementById('local-form');
    if (form) form.addEventListener('submit', fetchFacts);
    var geo = document.getElementById('geo');
    if (geo && navigator.geolocation) {
      document.getElementById('geo-field').hidden = false;
      document.getElementById('geo-note').hidden = false;
      geo.addEventListener('click', useLocation);
    }
    if (document.getElementById('counter')) setInterval(refreshCounter, 30000);
    // on paper the form is of no use: its place says where to sign (campaign.css)
    var pledge = document.querySelector('form.pledge');
    if (pledge) pledge.setAttribute('data-at', location.origin + location.pathname);
    drawMap();
  });
})();
