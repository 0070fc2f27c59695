// -- planning targets ---------------------------------------------------------------------
function calloutElement(t) {
  var box = el("div", "ev-callout ev-" + t.status);
  box.appendChild(el("div", "ev-callout-title", t.title));
  var line = el("div", "ev-callout-value", t.value);
  line.appendChild(el("span", "ev-callout-target", " / " + t.target + (t.year ? " · " + t.year : "")));
  var arrow = trendArrow(t);
  if (arrow) line.appendChild(arrow);
  box.appendChild(line);
  var status = el("div", "ev-callout-status", t.status_text);
  if (!t.verified) status.appendChild(el("span", "ev-unverified", " " + t.unverified_text));
  box.appendChild(status);
  box.addEventListener("click", function (e) {
    L.DomEvent.stopPropagation(e);
    highlight(t.id);
    send("targetClicked", t.id);
    if (!options.bridge) showTrendChart(t);
  });
  return box;
}

// Callouts live in a pane of their own (above features and labels), their leader lines
// drawn there too: in compare mode each side's pane is clipped to its side of the divider
function calloutPane(name) {
  if (!map.getPane(name)) {
    var pane = map.createPane(name);
    pane.style.zIndex = "640";
    pane.style.pointerEvents = "none";  // boxes take clicks themselves (.ev-callout)
  }
  return name;
}

function makeCallouts(list, paneName) {
  // one set of callouts: {targets, order, group, renderer}
  if (!calloutRenderers[paneName]) {
    calloutRenderers[paneName] = L.svg({ pane: calloutPane(paneName), padding: 0.5 });
  }
  var set = { targets: table(), order: [], group: L.layerGroup(),
              renderer: calloutRenderers[paneName] };
  list.forEach(function (t) {
    var group = L.layerGroup(), leader = null;
    if (t.focus && (t.focus[0] !== t.anchor[0] || t.focus[1] !== t.anchor[1])) {
      leader = L.polyline([[t.anchor[1], t.anchor[0]], [t.focus[1], t.focus[0]]], {
        color: "#555", weight: 1.2, dashArray: "4 4", interactive: false,
        renderer: set.renderer, pane: paneName });
      group.addLayer(leader);
      group.addLayer(L.circleMarker([t.focus[1], t.focus[0]], {
        radius: 3, color: "#555", weight: 1, fillColor: "#fff", fillOpacity: 1,
        interactive: false, renderer: set.renderer, pane: paneName }));
    }
    var node = calloutElement(t);
    var marker = L.marker([t.anchor[1], t.anchor[0]], {
      icon: L.divIcon({ html: node, className: "ev-callout-icon", iconSize: null }),
      keyboard: false, zIndexOffset: 1000, pane: paneName });
    group.addLayer(marker);
    set.targets[t.id] = { data: t, group: group, node: node, leader: leader,
                          visible: t.visible !== false, shown: false };
    set.order.push(t.id);
  });
  return set;
}

function setTargets(list) {
  if (targetGroup) map.removeLayer(targetGroup);
  var set = makeCallouts(list, "evCallouts");
  targets = set.targets;
  targetOrder = set.order;
  targetGroup = set.group.addTo(map);
  placeCallouts();
  refreshLegend();
  if (started) changed();
}

// A callout is on the map while what it measures (its focus, else its anchor) is in view,
// and its box is kept inside the map (inside its side of the divider when comparing), the
// leader line following it: a view zoomed in on one district shows that district's
// targets whole, not others' boxes cut at the edge.
function placeCallouts() {
  calloutsDirty = false;
  if (!map || !targetGroup) return;
  var size = map.getSize(), placed = [];
  // the map's own controls (zoom, legend, scale, switcher) and compare labels are taken
  var frame = map.getContainer().getBoundingClientRect();
  map.getContainer().querySelectorAll(".leaflet-control, .ev-compare-label").forEach(function (c) {
    var b = c.getBoundingClientRect();
    if (b.width && b.height) {
      placed.push([b.left - frame.left + b.width / 2, b.top - frame.top + b.height / 2,
                   b.width, b.height]);
    }
  });
  var split = cmp ? cmp.x : null;
  placeSet({ targets: targets, order: targetOrder, group: targetGroup },
           0, split === null ? size.x : split, placed);
  if (cmp && cmp.callouts) placeSet(cmp.callouts, split, size.x, placed);
}

function placeSet(set, x0, x1, placed) {
  // the set's callouts in the band x0…x1 of the map (container pixels)
  var size = map.getSize(), view = map.getBounds(), margin = 6;
  function clash(x, y, w, h) {
    for (var i = 0; i < placed.length; i++) {
      var r = placed[i];
      if (Math.abs(x - r[0]) * 2 < w + r[2] + 8 && Math.abs(y - r[1]) * 2 < h + r[3] + 8) return r;
    }
    return null;
  }
  var shown = [];
  set.order.forEach(function (id) {
    var t = set.targets[id], d = t.data;
    t.anchorLL = L.latLng(d.anchor[1], d.anchor[0]);
    t.focusLL = d.focus ? L.latLng(d.focus[1], d.focus[0]) : t.anchorLL;
    var show = t.visible && (view.contains(t.focusLL) || view.contains(t.anchorLL));
    if (show !== t.shown) {
      if (show) set.group.addLayer(t.group); else set.group.removeLayer(t.group);
      t.shown = show;
    }
    if (show) shown.push(t);
  });
  // read every box's size first, then move them: one layout, not one per callout
  var sizes = shown.map(function (t) { return [t.node.offsetWidth, t.node.offsetHeight]; });
  shown.forEach(function (t, i) {
    var focus = t.focusLL, p = map.latLngToContainerPoint(t.anchorLL);
    var w = sizes[i][0], h = sizes[i][1];
    var left = x0 + margin + w / 2, right = x1 - margin - w / 2;
    var x = Math.max(left, Math.min(right, p.x));
    var y = Math.max(margin + h / 2, Math.min(size.y - margin - h / 2, p.y));
    // a band narrower than the box: its start is shown, the rest clipped at the band's end
    if (left > right) { x = left; right = left; }
    if (h + 2 * margin > size.y) y = p.y;
    // a box in the way (another callout, a control): the nearest free place in the band,
    // searched on a 12-pixel grid (a few thousand rectangle tests: well under a millisecond)
    if (clash(x, y, w, h)) {
      var lo = margin + h / 2, hi = size.y - margin - h / 2, best = null;
      for (var gx = left; gx <= right; gx += 12) {
        for (var gy = lo; gy <= hi; gy += 12) {
          var dist = (gx - x) * (gx - x) + (gy - y) * (gy - y);
          if ((!best || dist < best[2]) && !clash(gx, gy, w, h)) best = [gx, gy, dist];
        }
      }
      if (best) { x = best[0]; y = best[1]; }  // (boxed in everywhere: it stays)
    }
    placed.push([x, y, w, h]);
    t.node.style.transform = "translate(calc(-50% + " + Math.round(x - p.x) + "px), calc(-50% + "
      + Math.round(y - p.y) + "px))";
    if (t.leader) t.leader.setLatLngs([map.containerPointToLatLng([x, y]), focus]);
  });
}

function setTargetVisible(id, on) {
  var t = targets[id];
  if (!t) return false;
  t.visible = !!on;
  calloutsDirty = true;  // placed once per frame, however many a theme switches
  if (!on && selected === id) clearHighlight();
  refreshLegend();
  changed();
  return true;
}

function highlightStyle(layer) {
  var c = options.highlight || "#00e5ff";
  return { color: c, fillColor: c, fillOpacity: 0.85, opacity: 1,
           weight: layer.meta.shape === "line" ? 7 : 3, dashArray: null };
}

function highlightTiles(layer, query) {
  // a second tile layer on top: the application draws just the chosen rows, highlighted
  var url = layer.meta.tiles + (layer.meta.tiles.indexOf("?") < 0 ? "?" : "&") + query;
  var hl = tileCanvas(url, { className: "ev-tiles-highlight" });
  hl.on("loading", function () { hl.loading = true; });
  hl.on("load", function () { hl.loading = false; tilesSettled(); });
  hl.addTo(map);
  highlighted.push([layer, hl, "tiles"]);
}

function clearHighlight() {
  highlighted.forEach(function (h) {
    if (h[2] === "tiles") { map.removeLayer(h[1]); return; }
    h[1].setStyle(pathStyle(h[0], h[1].feature.properties._c));
  });
  highlighted = [];
  if (selected && targets[selected]) targets[selected].node.classList.remove("ev-selected");
  selected = null;
  changed();
}

function highlight(id, zoom) {
  clearHighlight();
  var t = targets[id];
  if (!t) return 0;
  selected = id;
  t.node.classList.add("ev-selected");
  var bounds = null;
  Object.keys(t.data.responsible).forEach(function (lid) {
    var layer = layers[lid];
    if (!layer) return;
    if (layer.tiles) {  // big layer: the application draws the responsible features
      highlightTiles(layer, "only=" + encodeURIComponent(id));
      return;
    }
    t.data.responsible[lid].forEach(function (row) {
      var sub = layer.byRow[row];
      if (!sub) return;
      sub.setStyle(highlightStyle(layer));
      if (sub.bringToFront) sub.bringToFront();
      highlighted.push([layer, sub]);
      var b = sub.getBounds ? sub.getBounds() : L.latLngBounds([sub.getLatLng(), sub.getLatLng()]);
      bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
    });
  });
  if (t.data.bounds) {
    var tb = t.data.bounds;
    bounds = L.latLngBounds([tb[1], tb[0]], [tb[3], tb[2]]);
  }
  if (zoom !== false) {
    if (bounds) {
      bounds = bounds.extend([t.data.anchor[1], t.data.anchor[0]]);
      fitTo(bounds.pad(0.1), { animate: false, maxZoom: 16 });
    } else if (t.data.focus) {
      map.panTo([t.data.focus[1], t.data.focus[0]], { animate: false });
    }
  }
  changed();
  return t.data.responsible ? Object.keys(t.data.responsible).reduce(function (n, lid) {
    return n + (layers[lid] ? t.data.responsible[lid].length : 0); }, 0) : 0;
}
