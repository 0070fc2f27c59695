// -- compare: two themes on one map, a draggable divider (swipe) ------------------------
function compareLabel(cls, title, rows) {
  // the theme's name, then the targets whose value differs between the two sides
  var box = el("div", "ev-compare-label " + cls);
  box.appendChild(el("div", "ev-compare-title", title));
  (rows || []).forEach(function (r) {
    var row = el("div", "ev-compare-target ev-status-" + r.status);
    row.appendChild(el("span", "ev-compare-target-title", r.title + " "));
    row.appendChild(el("b", null, r.value + " "));
    row.appendChild(el("span", "ev-compare-status", r.status_text));
    if (r.trend_text) {  // this side's projection at the target's year, and its trend
      row.appendChild(el("div", "ev-compare-trend " + (TREND_CLASSES[r.trend] || "ev-trend-none"),
                         r.trend_text));
    }
    box.appendChild(row);
  });
  return box;
}

function compare(rightIds, leftLabel, rightLabel, fraction, leftRows, rightRows, rightTargets) {
  endCompare();
  ["evRightBg", "evRightTiles", "evRight"].forEach(function (name, i) {
    if (!map.getPane(name)) map.createPane(name).style.zIndex = String(450 + i * 5);
  });
  map.getPane("evRightBg").style.pointerEvents = "none";
  var bg = L.DomUtil.create("div", "ev-compare-bg", map.getPane("evRightBg"));
  bg.style.background = options.background || "#eef1ec";
  cmp = { x: Math.round(map.getSize().x * (fraction || 0.5)), layers: [], bg: bg,
          renderer: canvas({ pane: "evRight", padding: 0.5 }) };
  rightIds.forEach(function (id) {
    var layer = layers[id];
    if (!layer) return;
    var copy;
    if (layer.tiles) {
      copy = tileCanvas(layer.meta.tiles, { pane: "evRightTiles", opacity: layer.opacity });
      copy.on("loading", function () { copy.loading = true; });
      copy.on("load", function () { copy.loading = false; tilesSettled(); });
    } else if (layer.features) {
      var features = [];
      layer.features.eachLayer(function (l) { features.push(l.feature); });
      copy = L.geoJSON({ type: "FeatureCollection", features: features }, {
        style: function (f) {
          var st = pathStyle(layer, f.properties._c); st.renderer = cmp.renderer; return st; },
        pointToLayer: function (f, ll) {
          var st = pathStyle(layer, f.properties._c); st.renderer = cmp.renderer;
          return L.circleMarker(ll, st); },
        interactive: false });
    }
    if (copy) { copy.addTo(map); cmp.layers.push(copy); }
  });
  var bar = el("div", "ev-compare-bar");
  var handle = el("div", "ev-compare-handle", "⟷");
  bar.appendChild(handle);
  var left = compareLabel("ev-compare-left", leftLabel, leftRows);
  var right = compareLabel("ev-compare-right", rightLabel, rightRows);
  [bar, left, right].forEach(function (n) { map.getContainer().appendChild(n); });
  cmp.bar = bar; cmp.labels = [left, right];
  L.DomEvent.disableClickPropagation(bar);
  handle.addEventListener("mousedown", function (e) {
    e.preventDefault();
    map.dragging.disable();
    function move(ev) {
      var r = map.getContainer().getBoundingClientRect();
      cmp.x = Math.max(0, Math.min(r.width, ev.clientX - r.left));
      clip();
    }
    function up() {
      document.removeEventListener("mousemove", move);
      document.removeEventListener("mouseup", up);
      map.dragging.enable();
      changed();
    }
    document.addEventListener("mousemove", move);
    document.addEventListener("mouseup", up);
  });
  // the right side's callouts: its own evaluation (a plan theme reads its plan layers)
  if (Array.isArray(rightTargets)) {
    cmp.callouts = makeCallouts(rightTargets, "evRightCallouts");
    cmp.callouts.group.addTo(map);
  }
  map.on("move zoomend resize", clip);
  clip();
  placeCallouts();
  changed();
  return cmp.layers.length;
}

function clip() {
  if (!cmp) return;
  var size = map.getSize();
  var nw = map.containerPointToLayerPoint([cmp.x, 0]);
  var se = map.containerPointToLayerPoint(size);
  var rect = "rect(" + [nw.y, se.x, se.y, nw.x].join("px,") + "px)";
  ["evRightBg", "evRightTiles", "evRight"].forEach(function (name) {
    map.getPane(name).style.clip = rect;
  });
  cmp.bg.style.left = nw.x + "px"; cmp.bg.style.top = nw.y + "px";
  cmp.bg.style.width = (se.x - nw.x) + "px"; cmp.bg.style.height = (se.y - nw.y) + "px";
  cmp.bar.style.left = cmp.x + "px";
  // each side's callouts are clipped to their side (and placed inside it)
  map.getPane(calloutPane("evCallouts")).style.clip =
    "rect(" + [nw.y, nw.x, se.y, map.containerPointToLayerPoint([0, 0]).x].join("px,") + "px)";
  map.getPane(calloutPane("evRightCallouts")).style.clip = rect;
  calloutsDirty = true;
}

function setDivider(fraction) {
  if (!cmp) return false;
  cmp.x = Math.round(map.getSize().x * Math.max(0, Math.min(1, fraction)));
  clip();
  changed();
  return true;
}

function setCanvasPadding(p) {
  // presentation mode draws just the screen (no drag to pre-draw for): a smaller canvas
  // to fill and to hand to the compositor on every change
  renderer.options.padding = p;
  if (leafletPrivate.mapOf(renderer)) leafletPrivate.update(renderer);
  changed();
  return p;
}

function moveDivider(step) {
  // from wherever it is now (dragged or moved by keys) by a share of the map's width
  if (!cmp) return null;
  setDivider(cmp.x / map.getSize().x + step);
  return cmp.x / map.getSize().x;
}

function endCompare() {
  if (!cmp) return false;
  cmp.layers.forEach(function (l) { map.removeLayer(l); });
  if (cmp.callouts) map.removeLayer(cmp.callouts.group);
  if (leafletPrivate.mapOf(cmp.renderer)) map.removeLayer(cmp.renderer);  // (it was left on the map)
  map.getPane(calloutPane("evCallouts")).style.clip = "";
  [cmp.bar].concat(cmp.labels).forEach(function (n) { n.remove(); });
  cmp.bg.remove();
  map.off("move zoomend resize", clip);
  cmp = null;
  calloutsDirty = true;  // the whole map is the left side's again
  changed();
  return true;
}
