/* The place map: markers from the #map element's data-markers (JSON), tiles from data-tiles.
   No tile URL: markers on a blank base. Popups are built from DOM text nodes, never HTML strings. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var markers = [];
  try { markers = JSON.parse(el.getAttribute("data-markers") || "[]"); } catch (e) { markers = []; }
  var tiles = el.getAttribute("data-tiles") || "";
  var colors = { claimed: "#c0392b", reported: "#1f5fa8" };

  var map = L.map(el, { attributionControl: Boolean(tiles), zoomSnap: 0.5 });
  if (tiles) {
    var host = "";
    try { host = new URL(tiles.replace(/[{}]/g, ""), location.href).host; } catch (e) { host = "provider"; }
    L.tileLayer(tiles, { maxZoom: 18, attribution: "map tiles: " + host }).addTo(map);
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function popup(m) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.appendChild(link("/places/" + encodeURIComponent(m.name), m.name));
    box.appendChild(title);
    var list = document.createElement("ul");
    m.events.forEach(function (ev) {
      var li = document.createElement("li");
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
  markers.forEach(function (m) {
    var claimed = m.events.filter(function (ev) { return ev.status === "claimed"; }).length;
    var status = claimed * 2 >= m.events.length ? "claimed" : "reported";
    L.circleMarker([m.lat, m.lon], {
      radius: Math.min(6 + 2 * (m.events.length - 1), 18),
      color: colors[status], weight: 2, fillOpacity: 0.5,
      className: "sitroom-marker status-" + status
    }).bindPopup(popup(m)).bindTooltip(m.name + " (" + m.events.length + ")").addTo(group);
  });

  var lat = parseFloat(el.getAttribute("data-lat"));
  var lon = parseFloat(el.getAttribute("data-lon"));
  if (markers.length) {
    map.fitBounds(group.getBounds().pad(0.3), { maxZoom: 10 });
  } else if (!isNaN(lat) && !isNaN(lon)) {
    map.setView([lat, lon], 9);
  } else {
    map.setView([49.0, 32.0], 5);
  }
  el.setAttribute("data-ready", String(markers.length));
})();
