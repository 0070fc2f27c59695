function symbolOf(layer, cls) {
  var base = layer.meta.style.base, c = (cls >= 0 && layer.meta.style.classes[cls]) || {};
  var s = {}, k;
  for (k in base) s[k] = base[k];
  for (k in c) s[k] = c[k];
  return s;
}

function pathStyle(layer, cls) {
  // color: the fill of polygons and points, the colour of lines; stroke: their outline
  var s = symbolOf(layer, cls), o = layer.opacity, line = layer.meta.shape === "line";
  return {
    color: (!line && s.stroke) || s.color, weight: s.weight,
    opacity: (s.opacity === undefined ? 1 : s.opacity) * o,
    fillColor: s.color, fillOpacity: (s.fill_opacity === undefined ? 0.5 : s.fill_opacity) * o,
    dashArray: s.dash || null, radius: s.radius, renderer: renderer
  };
}

function tooltipFor(layer, i) {
  // The layer title and a row per tooltip field, as text. Bounded: a value is cut to
  // TIP_VALUE characters, all values together to TIP_TOTAL, at most TIP_ROWS rows ("…"
  // marks a cut); ecoviewer.css bounds its width (a 10,000-character value made a
  // 77 × 240,042 px tooltip, and longer ones froze the page).
  var TIP_VALUE = 500, TIP_TOTAL = 1500, TIP_ROWS = 20, TIP_KEY = 60;
  var props = layer.data.props, keys = layer.meta.style.tooltip;
  function cut(text, n) {
    text = String(text);
    if (text.length <= n) return text;
    var end = n - 1;
    var code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end -= 1;  // not half a surrogate pair
    return text.slice(0, end) + "…";
  }
  var box = el("div", "ev-tip");
  box.appendChild(el("div", "ev-tip-title", cut(fmt(layer.meta.title), 200)));
  var table = el("table"), rows = 0, budget = TIP_TOTAL, more = false;
  keys.forEach(function (k) {
    var v = props[k] ? props[k][i] : null;
    if (v === null || v === undefined || v === "") return;
    if (rows >= TIP_ROWS || budget <= 0) { more = true; return; }
    var text = cut(fmt(v), Math.min(TIP_VALUE, Math.max(budget, 1)));
    budget -= text.length;
    var tr = el("tr");
    var th = el("th");
    th.appendChild(el("div", "ev-tip-key", cut(k, TIP_KEY)));
    tr.appendChild(th);
    tr.appendChild(el("td", null, text));
    table.appendChild(tr);
    rows += 1;
  });
  if (more) {
    var last = el("tr");
    last.appendChild(el("th", null, "…"));
    last.appendChild(el("td"));
    table.appendChild(last);
  }
  box.appendChild(table);
  return box;
}

function addTiledLayer(layer) {
  // a big layer: raster tiles drawn by the application (ecoviewer: scheme), not paths
  var meta = layer.meta;
  layer.tiles = tileCanvas(meta.tiles, { opacity: layer.opacity, className: "ev-tiles" });
  layer.loading = false;
  layer.tiles.on("loading", function () { layer.loading = true; });
  layer.tiles.on("load", function () { layer.loading = false; tilesSettled(); });
  layer.group = L.layerGroup([layer.tiles]);
  layer.features = null;
}

function rasterImage(layer) {
  // a raster in an offline page: one image (made by the application, a data: URL) over its box
  var b = layer.meta.image.bounds;
  layer.image = L.imageOverlay(layer.meta.image.url, [[b[1], b[0]], [b[3], b[2]]],
    { opacity: layer.opacity, interactive: false, className: "ev-raster" });
  return layer.image;
}

function addLayer(meta, data) {
  if (layers[meta.id]) removeLayer(meta.id);
  var layer = { meta: meta, data: data, opacity: meta.opacity, visible: meta.visible, byRow: {} };
  if (meta.tiles || meta.omitted || meta.image) {
    if (meta.tiles) addTiledLayer(layer);
    else if (meta.image) layer.group = L.layerGroup([rasterImage(layer)]);
    else layer.group = L.layerGroup();
    layers[meta.id] = layer;
    order.push(meta.id);
    if (layer.visible) layer.group.addTo(map);
    refreshLegend();
    if (started) changed();
    return meta.id;
  }
  var features = [];
  for (var i = 0; i < data.geometry.length; i++) {
    features.push({ type: "Feature", geometry: data.geometry[i], properties: { _i: i, _c: data.cls[i] } });
  }
  layer.features = L.geoJSON({ type: "FeatureCollection", features: features }, {
    style: function (f) { return pathStyle(layer, f.properties._c); },
    pointToLayer: function (f, latlng) { return L.circleMarker(latlng, pathStyle(layer, f.properties._c)); },
    onEachFeature: function (f, lyr) {
      layer.byRow[data.index[f.properties._i]] = lyr;
      if (meta.style.tooltip.length) {
        lyr.bindTooltip(function () { return tooltipFor(layer, f.properties._i); }, { sticky: true });
      }
    }
  });
  layer.group = L.layerGroup([layer.features]);
  if (data.labels && data.labels.length) {
    layer.labels = L.layerGroup(data.labels.map(function (l) {
      var node = el("span", "ev-label", l[2]);
      return L.marker([l[1], l[0]], {
        icon: L.divIcon({ html: node, className: "ev-label-icon", iconSize: null }),
        interactive: false, keyboard: false
      });
    }));
    layer.group.addLayer(layer.labels);
  }
  layers[meta.id] = layer;
  order.push(meta.id);
  if (layer.visible) layer.group.addTo(map);
  applyOpacity(layer);
  refreshLegend();
  if (started) changed();
  return meta.id;
}

function removeLayer(id) {
  var layer = layers[id];
  if (!layer) return;
  map.removeLayer(layer.group);
  delete layers[id];
  order = order.filter(function (x) { return x !== id; });
  refreshLegend();
  changed();
}

// A layer restyled in the window: drawn anew where it was in the drawing order (addLayer
// alone would put it on top)
function replaceLayer(meta, data) {
  var at = order.indexOf(meta.id);
  addLayer(meta, data);
  if (at >= 0 && at < order.length - 1) {
    order.splice(order.length - 1, 1);
    order.splice(at, 0, meta.id);
    restackFrom = Math.min(restackFrom, at);
    restack();
    refreshLegend();
  }
  return order.indexOf(meta.id);
}

// The project's drawing order changed (layers moved in the window, or undone): ids bottom first
function setOrder(ids) {
  var known = ids.filter(function (id) { return typeof id === "string" && layers[id]; });
  order.forEach(function (id) { if (known.indexOf(id) < 0) known.push(id); });
  order = known;
  restackFrom = 0;
  restack();
  refreshLegend();
  changed();
  return order.slice();
}

function setVisible(id, on) {
  var layer = layers[id];
  if (!layer) return false;
  on = !!on;
  if (layer.visible !== on) {
    layer.visible = on;
    if (on) { showSoon(layer); } else if (!pendingShow.delete(layer)) { map.removeLayer(layer.group); }
    refreshLegend();
  }
  changed();
  return true;
}

// Layers turned on are added to the map once the current script has run (a microtask,
// still before the next frame): a scene that turns layers on and moves the view then
// projects their features once, at the new view, not once here and again after the move.
function showSoon(layer) {
  if (!pendingShow.size) Promise.resolve().then(flushShows);
  pendingShow.add(layer);
}
function flushShows() {
  pendingShow.forEach(function (layer) {
    if (!layer.visible || layers[layer.meta.id] !== layer) return;  // hidden or removed since
    layer.group.addTo(map);
    // an added layer lands on top: the layers from it upwards are put back in order
    restackFrom = Math.min(restackFrom, order.indexOf(layer.meta.id));
    restackDirty = true;
  });
  pendingShow.clear();
  // restack now, in the same task: the canvas is then redrawn once, in the next frame,
  // already in order (restacking in that frame's callbacks cost a second redraw and a
  // second canvas upload in the frame after)
  if (restackDirty) { restackDirty = false; restack(); }
}

function restack() {
  // keep the project's drawing order when a layer comes back (only the layers from the
  // lowest one added upwards move; those under it are already in place)
  var from = restackFrom === Infinity ? 0 : restackFrom;
  restackFrom = Infinity;
  order.slice(from).forEach(function (id) {
    var l = layers[id], drawn = l.features || l.tiles || l.image;
    if (l.visible && drawn && drawn.bringToFront) drawn.bringToFront();
  });
  highlighted.forEach(function (h) { if (h[1].bringToFront) h[1].bringToFront(); });
}

function applyOpacity(layer) {
  if (layer.tiles) { layer.tiles.setOpacity(layer.opacity); return; }
  if (layer.image) { layer.image.setOpacity(layer.opacity); return; }
  if (!layer.features) return;
  layer.features.setStyle(function (f) { return pathStyle(layer, f.properties._c); });
  highlighted.forEach(function (h) { if (h[0] === layer) h[1].setStyle(highlightStyle(layer)); });
  if (layer.labels) {
    layer.labels.eachLayer(function (m) { m.setOpacity(layer.opacity); });
  }
}

function setOpacity(id, value) {
  var layer = layers[id];
  if (!layer) return false;
  layer.opacity = Math.max(0, Math.min(1, Number(value)));
  applyOpacity(layer);
  changed();
  return true;
}

function layerBounds(id) {
  var layer = layers[id];
  if (!layer) return null;
  if (!layer.features) {
    var m = layer.meta.bounds;
    return m ? L.latLngBounds([m[1], m[0]], [m[3], m[2]]) : null;
  }
  var b = layer.features.getBounds();
  return b.isValid() ? b : null;
}

// A fit holds until the user moves the map: a view that changes size afterwards (the
// window going full screen for a presentation, which on a real desktop arrives after the
// scene was fitted) is fitted again, instead of keeping the old top-left corner. A map
// without a size yet fits once it has one.
function fitTo(bounds, opts) {
  stickyFit = [bounds, opts];
  applySticky();
}

function applySticky() {
  var size = map.getSize();
  if (!stickyFit || !size.x || !size.y) return;  // every box "fits" at the deepest zoom: wait
  fitting = true;
  try {
    if (stickyFit[0] === "view") map.setView(stickyFit[1], stickyFit[2], { animate: false });
    else map.fitBounds(stickyFit[0], stickyFit[1]);
  } finally { fitting = false; }
}

function holdView(lat, lon, zoom) {
  // this centre and zoom, kept through the resizes that follow (leaving full screen)
  // until the user moves the map
  if (![lat, lon, zoom].every(function (v) { return typeof v === "number" && isFinite(v); })) return false;
  stickyFit = ["view", [lat, lon], zoom];
  applySticky();
  changed();
  return true;
}

function fitLayer(id) {
  var b = layerBounds(id);
  if (b) fitTo(b, { padding: [20, 20], animate: false, maxZoom: FIT_MAX_ZOOM });
  changed();
  return !!b;
}

function finiteBounds(b) {
  return Array.isArray(b) && b.length === 2 && b.every(function (p) {
    return Array.isArray(p) && p.length === 2 && p.every(function (v) {
      return typeof v === "number" && isFinite(v); }); });
}

function fitBounds(b) {
  // [[south, west], [north, east]] of finite numbers only (anything else is ignored)
  if (!finiteBounds(b)) return false;
  fitTo(L.latLngBounds(b), { padding: [20, 20], animate: false, maxZoom: FIT_MAX_ZOOM });
  changed();
  return true;
}
function setView(lat, lon, zoom) {
  if (![lat, lon, zoom].every(function (v) { return typeof v === "number" && isFinite(v); })) return false;
  map.setView([lat, lon], zoom, { animate: false });
  changed();
  return true;
}

function fitAll() {
  var total = null;
  order.forEach(function (id) {
    var b = layerBounds(id);
    if (b && layers[id].visible) total = total ? total.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
  });
  if (total) fitTo(total, { padding: [20, 20], animate: false, maxZoom: FIT_MAX_ZOOM });
  changed();
}


// -- selected rows (attribute table) -----------------------------------------------------
function selectRows(layerId, rows, bounds, zoom) {
  clearHighlight();
  var layer = layers[layerId];
  if (!layer || !rows.length) return 0;
  if (layer.tiles) {
    highlightTiles(layer, "only=__selection__&n=" + (++selectionSeq));
  } else {
    rows.forEach(function (row) {
      var sub = layer.byRow[row];
      if (!sub) return;
      sub.setStyle(highlightStyle(layer));
      if (sub.bringToFront) sub.bringToFront();
      highlighted.push([layer, sub]);
    });
  }
  if (zoom && bounds) {
    fitTo(L.latLngBounds([bounds[1], bounds[0]], [bounds[3], bounds[2]]).pad(0.2),
                  { animate: false, maxZoom: 17 });
  }
  changed();
  return rows.length;
}
