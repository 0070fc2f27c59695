// -- measuring ---------------------------------------------------------------------------
function setMeasure(points, closed, label) {
  if (!measureGroup) measureGroup = L.layerGroup().addTo(map);
  measureGroup.clearLayers();
  var lls = points.map(function (p) { return [p[1], p[0]]; });
  var style = { color: "#111", weight: 2.5, dashArray: "6 4", fillColor: "#ffd400",
                fillOpacity: 0.25, interactive: false, renderer: renderer };
  if (lls.length > 1) {
    measureGroup.addLayer(closed && lls.length > 2 ? L.polygon(lls, style) : L.polyline(lls, style));
  }
  lls.forEach(function (ll) {
    measureGroup.addLayer(L.circleMarker(ll, { radius: 4, color: "#111", weight: 1.5,
      fillColor: "#ffd400", fillOpacity: 1, interactive: false, renderer: renderer }));
  });
  if (typeof label === "string" && label && lls.length > 1) {
    // the result on the map, beside the last point (text, never HTML)
    measureGroup.addLayer(L.marker(lls[lls.length - 1], {
      icon: L.divIcon({ html: el("div", "ev-measure-label", label.slice(0, 120)),
                        className: "ev-measure-icon", iconSize: null }),
      interactive: false, keyboard: false, zIndexOffset: 2000 }));
  }
  changed();
  return lls.length;
}

// -- note pins ---------------------------------------------------------------------------
function notePane() {
  // the planners' own notes sit above the callouts (and are never clipped by compare)
  if (!map.getPane("evNotes")) map.createPane("evNotes").style.zIndex = "645";
  return "evNotes";
}

function noteElement(n) {
  var box = el("div", "ev-note");
  var pin = el("span", "ev-note-pin");
  pin.style.background = n.color;
  box.appendChild(pin);
  var text = el("span", "ev-note-text", n.text);
  text.style.borderColor = n.color;
  box.appendChild(text);
  box.addEventListener("click", function (e) {
    L.DomEvent.stopPropagation(e);
    send("noteClicked", n.id);
  });
  return box;
}

function setNote(n) {
  if (!noteGroup) noteGroup = L.layerGroup().addTo(map);
  if (notes[n.id]) noteGroup.removeLayer(notes[n.id].marker);
  var marker = L.marker([n.lat, n.lon], {
    icon: L.divIcon({ html: noteElement(n), className: "ev-note-icon", iconSize: null }),
    keyboard: false, zIndexOffset: 2000, pane: notePane() });
  notes[n.id] = { data: n, marker: marker };
  noteGroup.addLayer(marker);
  if (started) changed();
}

function setNotes(list) { list.forEach(setNote); }

function removeNote(id) {
  if (!notes[id]) return false;
  noteGroup.removeLayer(notes[id].marker);
  delete notes[id];
  changed();
  return true;
}

function lonLatAt(x, y) {
  // the map position under a point of the map's container (CSS pixels)
  if (!isFinite(x) || !isFinite(y)) return null;
  var ll = map.containerPointToLatLng([x, y]);
  return [ll.lng, ll.lat];
}

function panTo(lon, lat) {
  if (![lon, lat].every(function (v) { return typeof v === "number" && isFinite(v); })) return false;
  map.panTo([lat, lon], { animate: false });
  changed();
  return true;
}

function containerPoint(lon, lat) {
  var p = map.latLngToContainerPoint([lat, lon]);
  return [p.x, p.y];
}
