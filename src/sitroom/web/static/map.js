/* The maps: a place's events (data-markers), who claims to hold each settlement (data-control), over
   administrative boundaries shipped with sitroom (data-boundaries: URLs of GeoJSON on this server),
   so nothing is fetched from elsewhere; tiles only when data-tiles names a server. Popups are built
   from DOM text nodes, never HTML strings. Labels that would overlap an earlier one are hidden. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }

  function data(name) {
    try { return JSON.parse(el.getAttribute("data-" + name) || "[]"); } catch (e) { return []; }
  }
  var markers = data("markers"), control = data("control"), boundaries = data("boundaries");
  var tiles = el.getAttribute("data-tiles") || "";
  var colors = { claimed: "#c0392b", reported: "#1f5fa8", russia: "#b03a2e", ukraine: "#1f5fa8" };

  var map = L.map(el, { attributionControl: true, zoomSnap: 0.5 });
  map.attributionControl.setPrefix(false);
  if (tiles) {
    var host = "";
    try { host = new URL(tiles.replace(/[{}]/g, ""), location.href).host; } catch (e) { host = "provider"; }
    L.tileLayer(tiles, { maxZoom: 18, attribution: "map tiles: " + host }).addTo(map);
  }

  function node(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  function link(href, text) {
    var a = node("a", text);
    a.href = href;
    return a;
  }

  /* --- boundaries: countries, then oblasts, then raions (drawn from zoom 8) --- */
  var styles = {
    country: { color: "#4a5568", weight: 1.6, fill: true, fillColor: "#f4f1ea", fillOpacity: 1 },
    region: { color: "#7a8596", weight: 1, fill: false, dashArray: null },
    raion: { color: "#a7b0bd", weight: 0.6, fill: false, dashArray: "2 3" }
  };
  var raions = null, loaded = 0;
  ["country", "region", "raion"].forEach(function (level, k) {  // under the markers, countries lowest
    map.createPane("boundary-" + level).style.zIndex = String(200 + 10 * k);
  });
  boundaries.forEach(function (url) {
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (geo) {
        if (!geo) { return; }
        var level = (geo.features[0] && geo.features[0].properties.level) || "region";
        var layer = L.geoJSON(geo, {
          style: function () { return styles[level] || styles.region; },
          interactive: false,
          pane: "boundary-" + (styles[level] ? level : "region"),
          className: "boundary boundary-" + level
        });
        if (level === "raion") {
          raions = layer;
          if (map.getZoom() >= 8) { layer.addTo(map); }
        } else {
          layer.addTo(map);
        }
        if (level === "country") { map.attributionControl.addAttribution("boundaries: Natural Earth"); }
      })
      .catch(function () { /* a missing file leaves the map without that level */ })
      .then(function () {
        loaded += 1;
        if (loaded === boundaries.length) { el.setAttribute("data-boundaries-ready", "true"); }
      });
  });
  map.on("zoomend", function () {
    if (!raions) { return; }
    if (map.getZoom() >= 8) { raions.addTo(map); } else { map.removeLayer(raions); }
  });

  /* a popup headed by the place's name, linking to its page */
  function placeBox(name) {
    var box = node("div");
    var title = node("strong");
    title.appendChild(link("/places/" + encodeURIComponent(name), name));
    box.appendChild(title);
    return box;
  }

  /* --- a place's events --- */
  function eventPopup(m) {
    var box = placeBox(m.name);
    var list = node("ul");
    m.events.forEach(function (ev) {
      var li = node("li");
      var words = [ev.date || "undated", ev.type + (ev.subtype ? " (" + ev.subtype + ")" : ""), ev.status || ""];
      if (ev.claimed_by) { words.push("by " + ev.claimed_by); }
      li.appendChild(document.createTextNode(words.join(" · ") + " "));
      if (ev.claim_id) {
        li.appendChild(link("/claims/" + encodeURIComponent(ev.claim_id), "claim"));
      } else if (ev.article) {
        li.appendChild(link("/articles/" + encodeURIComponent(ev.article), ev.outlet || "article"));
      }
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  var group = L.featureGroup().addTo(map);
  var labelled = [];
  markers.forEach(function (m) {
    var claimed = m.events.filter(function (ev) { return ev.status === "claimed"; }).length;
    var status = claimed * 2 >= m.events.length ? "claimed" : "reported";
    var c = L.circleMarker([m.lat, m.lon], {
      radius: Math.min(6 + 2 * (m.events.length - 1), 18),
      color: colors[status], weight: 2, fillOpacity: 0.5,
      className: "sitroom-marker status-" + status
    }).bindPopup(eventPopup(m)).bindTooltip(m.name + " (" + m.events.length + ")",
      { permanent: true, direction: "right", offset: [8, 0], className: "map-label" }).addTo(group);
    labelled.push(c);
  });

  /* --- who claims to hold each settlement: the latest claim, by side and status --- */
  function controlPopup(p) {
    var box = placeBox(p.place);
    var list = node("ol");
    p.entries.slice().reverse().forEach(function (e) {
      var li = node("li");
      li.appendChild(node("span", e.holder, "side side-" + e.holder));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(link("/groups/" + encodeURIComponent(e.group), e.text));
      li.appendChild(document.createTextNode(" · " + e.status + " · " + (e.latest || "undated") + " · " +
        e.sources.length + " source" + (e.sources.length === 1 ? "" : "s")));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  control.forEach(function (p) {
    if (p.lat === null || p.lon === null || p.lat === undefined) { return; }
    var latest = p.latest;
    var contested = latest.status === "contested";
    var sources = latest.sources.length;
    var c = L.circleMarker([p.lat, p.lon], {
      radius: Math.min(6 + 2 * sources, 16),
      color: colors[latest.holder] || "#555", weight: contested ? 2 : 2.5, dashArray: contested ? "3 3" : null,
      fillColor: colors[latest.holder] || "#555", fillOpacity: latest.status === "confirmed across sides" ? 0.85 : 0.4,
      className: "control-marker holder-" + latest.holder + " status-" + latest.status.replace(/ /g, "-")
    }).bindPopup(controlPopup(p)).bindTooltip(p.place,
      { permanent: true, direction: "right", offset: [8, 0], className: "map-label" }).addTo(group);
    labelled.push(c);
  });

  /* labels: hide one that overlaps a label already shown (bigger markers first) */
  function declutter() {
    var shown = [];
    labelled.slice().sort(function (a, b) { return b.options.radius - a.options.radius; }).forEach(function (m) {
      var tip = m.getTooltip() && m.getTooltip().getElement();
      if (!tip) { return; }
      tip.classList.remove("label-hidden");
      var r = tip.getBoundingClientRect();
      var hit = shown.some(function (s) { return r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom; });
      if (hit) { tip.classList.add("label-hidden"); } else { shown.push(r); }
    });
    el.setAttribute("data-labels", String(shown.length));
  }
  map.on("zoomend moveend", declutter);

  var lat = parseFloat(el.getAttribute("data-lat"));
  var lon = parseFloat(el.getAttribute("data-lon"));
  if (group.getLayers().length) {
    map.fitBounds(group.getBounds().pad(0.3), { maxZoom: 10 });
  } else if (!isNaN(lat) && !isNaN(lon)) {
    map.setView([lat, lon], 9);
  } else {
    map.setView([49.0, 32.0], 5);
  }
  declutter();
  el.setAttribute("data-ready", String(group.getLayers().length));
})();
