/* EcoViewer page API — draws layers with data-driven styles and answers the desktop window.
 *
 * window.ecoviewer.setVisible(id, on) · setOpacity(id, value) · fitBounds([[s,w],[n,e]])
 * · fitLayer(id) · setView(lat, lon, zoom) · addLayer(meta, data) · state()
 * Reports through QWebChannel (when present): rendered(seq), mouseMoved(lon, lat),
 * clicked(lon, lat), viewChanged(json), targetClicked(id), noteClicked(id).
 *
 * Every attribute value reaches the DOM through textContent, never innerHTML.
 */
(function () {
  "use strict";
  var map = null, renderer = null, options = {}, bridge = null, queued = [];
  // frame numbers continue across reloads of one view (the application passes ?base=N)
  var seq = Number(new URLSearchParams(window.location.search).get("base")) || 0;
  // ids come from files: tables without a prototype, so that "toString" or "__proto__"
  // is an id like any other, not Object.prototype's
  function table() { return Object.create(null); }
  var layers = table(), order = [], legendBox = null, pending = false, started = false;
  var targets = table(), targetOrder = [], targetGroup = null, highlighted = [], selected = null;
  var notes = table(), noteGroup = null, legendChosen = false, frameMark = null;

  function send(name) {
    var args = Array.prototype.slice.call(arguments, 1);
    if (bridge) { bridge[name].apply(bridge, args); } else if (options.bridge) { queued.push([name, args]); }
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function fmt(v) {
    if (v === null || v === undefined) return "";
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
    if (typeof v === "object") return JSON.stringify(v);
    return String(v);
  }

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

  function addLayer(meta, data) {
    if (layers[meta.id]) removeLayer(meta.id);
    var layer = { meta: meta, data: data, opacity: meta.opacity, visible: meta.visible, byRow: {} };
    if (meta.tiles || meta.omitted) {
      if (meta.tiles) addTiledLayer(layer); else layer.group = L.layerGroup();
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
  var pendingShow = new Set();
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
  var restackFrom = Infinity;

  function restack() {
    // keep the project's drawing order when a layer comes back (only the layers from the
    // lowest one added upwards move; those under it are already in place)
    var from = restackFrom === Infinity ? 0 : restackFrom;
    restackFrom = Infinity;
    order.slice(from).forEach(function (id) {
      var l = layers[id];
      if (l.visible && l.features && l.features.bringToFront) l.features.bringToFront();
    });
    highlighted.forEach(function (h) { if (h[1].bringToFront) h[1].bringToFront(); });
  }

  function applyOpacity(layer) {
    if (layer.tiles) { layer.tiles.setOpacity(layer.opacity); return; }
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

  // a one-point layer or project has zero-size bounds: without a cap the zoom that "fits"
  // it is infinite (a dead map); fitting never goes past street level
  var FIT_MAX_ZOOM = 18;
  // A fit holds until the user moves the map: a view that changes size afterwards (the
  // window going full screen for a presentation, which on a real desktop arrives after the
  // scene was fitted) is fitted again, instead of keeping the old top-left corner. A map
  // without a size yet fits once it has one.
  var stickyFit = null, fitting = false;
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

  var legendDirty = false, restackDirty = false;
  function refreshLegend() {
    // rebuilt once per frame, however many layers a theme toggles (each rebuild reads the
    // legend's height, which forces a layout)
    legendDirty = true;
    if (!started) buildLegend();
  }

  function buildLegend() {
    legendDirty = false;
    syncSwitcher();
    if (!legendBox) return;
    legendBox.textContent = "";
    var title = el("div", "ev-legend-title", options.legendTitle || "Legend");
    title.addEventListener("click", function () {
      legendChosen = true;
      legendBox.classList.toggle("ev-collapsed");
      calloutsDirty = true;  // callouts make room for the opened legend, or take its place
      changed();
    });
    legendBox.appendChild(title);
    order.slice().reverse().forEach(function (id) {
      var layer = layers[id];
      if (!layer.visible) return;
      var sec = el("div", "ev-legend-layer");
      var head = el("div", "ev-legend-head", layer.meta.title);
      if (layer.meta.title_en && layer.meta.title_en !== layer.meta.title) {
        head.appendChild(el("span", "ev-legend-en", " " + layer.meta.title_en));
      }
      sec.appendChild(head);
      if (layer.meta.omitted) sec.appendChild(el("div", "ev-legend-en", options.omittedText || "left out"));
      if (layer.meta.legend.length > 1 || layer.meta.style.classes.length > 1) {
        layer.meta.legend.forEach(function (e) {
          var row = el("div", "ev-legend-row");
          var shape = e.shape || layer.meta.shape;  // a class is what its features are
          var sw = el("span", "ev-swatch ev-" + shape);
          sw.style.background = shape === "line" ? "transparent" : e.color;
          sw.style.borderColor = e.color;
          row.appendChild(sw);
          row.appendChild(el("span", null, e.label));
          sec.appendChild(row);
        });
      } else {
        var s = el("span", "ev-swatch ev-" + layer.meta.shape);
        var c = layer.meta.legend.length ? layer.meta.legend[0].color : "#3388ff";
        s.style.background = layer.meta.shape === "line" ? "transparent" : c;
        s.style.borderColor = c;
        head.insertBefore(s, head.firstChild);
      }
      legendBox.appendChild(sec);
    });
    var shown = targetOrder.filter(function (id) { return targets[id].visible; });
    if (shown.length) {
      var sec = el("div", "ev-legend-layer ev-legend-targets");
      sec.appendChild(el("div", "ev-legend-head", options.targetsTitle || "Targets"));
      shown.forEach(function (id) {
        var t = targets[id].data;
        var row = el("div", "ev-legend-row ev-legend-target");
        row.appendChild(el("span", "ev-status-dot ev-" + t.status));
        row.appendChild(el("span", null, t.title + " " + t.value + " (" + t.status_text + ")"));
        sec.appendChild(row);
      });
      legendBox.appendChild(sec);
    }
    legendBox.style.display = legendBox.childNodes.length > 1 ? "" : "none";
    var rows = legendBox.querySelectorAll(".ev-legend-row, .ev-legend-head").length;
    legendBox.classList.toggle("ev-two-col", rows * 17 > map.getSize().y - 120);
    if (options.legend === "auto" && !legendChosen
        && legendBox.offsetHeight > 0.5 * map.getSize().y) {
      // in the window, a legend taller than half the map folds itself (click to open). It
      // never unfolds itself: a theme or a scene that shows fewer layers used to open it
      // over the callouts. Once the user folds or opens it, it keeps that state.
      legendBox.classList.add("ev-collapsed");
    }
    calloutsDirty = true;  // its box may have grown or shrunk
  }

  // -- planning targets ---------------------------------------------------------------------
  function calloutElement(t) {
    var box = el("div", "ev-callout ev-" + t.status);
    box.appendChild(el("div", "ev-callout-title", t.title));
    var line = el("div", "ev-callout-value", t.value);
    line.appendChild(el("span", "ev-callout-target", " / " + t.target + (t.year ? " · " + t.year : "")));
    box.appendChild(line);
    var status = el("div", "ev-callout-status", t.status_text);
    if (!t.verified) status.appendChild(el("span", "ev-unverified", " " + t.unverified_text));
    box.appendChild(status);
    box.addEventListener("click", function (e) {
      L.DomEvent.stopPropagation(e);
      highlight(t.id);
      send("targetClicked", t.id);
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

  var calloutRenderers = table();  // one SVG renderer per callout pane, reused
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
  var calloutsDirty = false;
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
    var hl = tileCanvas(layer.meta.tiles + "?" + query, { className: "ev-tiles-highlight" });
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
  var selectionSeq = 0;

  // -- compare: two themes on one map, a draggable divider (swipe) ------------------------
  var cmp = null;
  function compareLabel(cls, title, rows) {
    // the theme's name, then the targets whose value differs between the two sides
    var box = el("div", "ev-compare-label " + cls);
    box.appendChild(el("div", "ev-compare-title", title));
    (rows || []).forEach(function (r) {
      var row = el("div", "ev-compare-target ev-status-" + r.status);
      row.appendChild(el("span", "ev-compare-target-title", r.title + " "));
      row.appendChild(el("b", null, r.value + " "));
      row.appendChild(el("span", "ev-compare-status", r.status_text));
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
    if (renderer._map) renderer._update();
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
    if (cmp.renderer._map) map.removeLayer(cmp.renderer);  // (it was left on the map)
    map.getPane(calloutPane("evCallouts")).style.clip = "";
    [cmp.bar].concat(cmp.labels).forEach(function (n) { n.remove(); });
    cmp.bg.remove();
    map.off("move zoomend resize", clip);
    cmp = null;
    calloutsDirty = true;  // the whole map is the left side's again
    changed();
    return true;
  }

  // -- measuring ---------------------------------------------------------------------------
  var measureGroup = null;
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

  function tilesLoading() {
    var busy = order.some(function (id) {
      var l = layers[id];
      return l.visible && l.tiles && l.loading;
    });
    return busy || highlighted.some(function (h) { return h[2] === "tiles" && h[1].loading; })
      || (cmp !== null && cmp.layers.some(function (l) { return l.loading; }));
  }

  var waitingForTiles = false;
  function tilesSettled() {
    if (waitingForTiles && !tilesLoading()) { waitingForTiles = false; changed(); }
  }

  function changed() {
    // "rendered" = two animation frames after the change (the canvas renderer has drawn)
    // and no visible tile layer still loading
    seq += 1;
    var mine = seq;
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      if (restackDirty) { restackDirty = false; restack(); }
      // the legend first: callouts are placed around its new box
      if (legendDirty) buildLegend();
      if (calloutsDirty) placeCallouts();
      requestAnimationFrame(function () {
        pending = false;
        if (tilesLoading()) { waitingForTiles = true; return; }
        window.ecoviewer.renderedSeq = seq;
        // a 1-pixel mark in the corner carries the frame number into the pixels, so the
        // application can tell a grab of this frame from a stale one (exports repaint it)
        if (frameMark) frameMark.style.background = "rgb(" + (seq & 255) + "," + ((seq >> 8) & 255) + ",7)";
        document.documentElement.setAttribute("data-rendered", String(seq));
        send("rendered", seq);
        if (mine !== seq) { /* later changes in the same frames are covered by this signal */ }
      });
    });
  }

  function state() {
    var c = map.getCenter(), b = map.getBounds();
    var vis = order.filter(function (id) { return layers[id].visible; });
    var opacity = {};
    order.forEach(function (id) { opacity[id] = layers[id].opacity; });
    return { center: [c.lng, c.lat], zoom: map.getZoom(), visible: vis, opacity: opacity,
             bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
             size: [map.getSize().x, map.getSize().y], renderedSeq: window.ecoviewer.renderedSeq,
             pixelRatio: window.devicePixelRatio,
             divider: cmp ? cmp.x / map.getSize().x : null,
             canvasScale: renderer && renderer._container && renderer._container.clientWidth ?
               renderer._container.width / renderer._container.clientWidth : null };
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

  // Leaflet's canvas draws at 2× at most; exports zoom the page up to 5× (300 dpi = 3.125×),
  // so our renderer sizes its bitmap by the real device pixel ratio to stay sharp in print
  var SharpCanvas = L.Canvas.extend({
    _update: function () {
      if (this._map._animatingZoom && this._bounds) { return; }
      L.Renderer.prototype._update.call(this);
      var b = this._bounds, container = this._container, size = b.getSize(),
          m = Math.max(1, window.devicePixelRatio || 1);
      L.DomUtil.setPosition(container, b.min);
      container.width = Math.round(m * size.x);
      container.height = Math.round(m * size.y);
      container.style.width = size.x + "px";
      container.style.height = size.y + "px";
      this._ctx.setTransform(m, 0, 0, m, 0, 0);
      this._ctx.translate(-b.min.x, -b.min.y);
      this.fire("update");
    }
  });
  function canvas(opts) { return new SharpCanvas(opts); }

  // A big layer's tiles composed on one canvas, each tile in a rectangle whose edges are
  // rounded to device pixels and shared with its neighbours. Leaflet's tile layer places
  // 256-px images at fractional device pixels under a fractional zoom (zoomSnap 0.25 scales
  // them to 215 px) or a print zoom factor (3.125): the antialiased edges of two tiles then
  // both let the background through and every tile edge shows as a faint light line.
  var TILE = 256;
  var TileCanvas = L.Layer.extend({
    options: { pane: "tilePane", opacity: 1, className: "", maxNativeZoom: 22, cacheSize: 160 },

    initialize: function (url, opts) {
      L.setOptions(this, opts);
      this._url = url;
      this._cache = new Map();  // "z/x/y" → {img, ok, failed}, oldest first
      this._waiting = 0;
      this._frame = null;
    },

    onAdd: function () {
      var c = L.DomUtil.create("canvas", "ev-tile-canvas " + this.options.className);
      c.style.pointerEvents = "none";
      c.style.opacity = String(this.options.opacity);
      if (this._zoomAnimated) L.DomUtil.addClass(c, "leaflet-zoom-animated");
      this._canvas = c;
      this.getPane().appendChild(c);
      this._draw();
    },

    onRemove: function () {
      if (this._frame !== null) { L.Util.cancelAnimFrame(this._frame); this._frame = null; }
      this._cache.forEach(function (t) { if (!t.ok && !t.failed) { t.img.onload = t.img.onerror = null; t.img.src = ""; } });
      this._cache.clear();
      if (this._waiting) { this._waiting = 0; this.fire("load"); }
      L.DomUtil.remove(this._canvas);
      this._canvas = null;
    },

    getEvents: function () {
      var events = { viewreset: this._draw, zoom: this._schedule, move: this._schedule,
                     moveend: this._draw, resize: this._draw, zoomend: this._draw };
      if (this._zoomAnimated) events.zoomanim = this._animateZoom;
      return events;
    },

    setOpacity: function (value) {
      this.options.opacity = value;
      if (this._canvas) this._canvas.style.opacity = String(value);
      return this;
    },

    bringToFront: function () { if (this._canvas) L.DomUtil.toFront(this._canvas); return this; },
    bringToBack: function () { if (this._canvas) L.DomUtil.toBack(this._canvas); return this; },

    _schedule: function () {
      if (this._frame === null) this._frame = L.Util.requestAnimFrame(this._draw, this);
    },

    _animateZoom: function (e) {
      // like Leaflet's renderers: scale the last drawing towards the new zoom meanwhile
      if (!this._drawnZoom && this._drawnZoom !== 0) return;
      var map = this._map, scale = map.getZoomScale(e.zoom, this._drawnZoom),
          offset = map._latLngToNewLayerPoint(this._drawnTopLeft, e.zoom, e.center);
      L.DomUtil.setTransform(this._canvas, offset, scale);
    },

    _tile: function (z, x, y, load) {
      var key = z + "/" + x + "/" + y, t = this._cache.get(key), self = this;
      if (t || !load) return t;
      t = { img: new Image(), ok: false, failed: false };
      this._cache.set(key, t);
      if (this._waiting++ === 0) this.fire("loading");
      var settle = function () {
        t.img.onload = t.img.onerror = null;
        self._waiting -= 1;
        if (!self._map) return;
        if (self._waiting !== 0) { self._schedule(); return; }
        self._draw();  // (the view may have moved meanwhile: this draw can start new loads)
        if (self._waiting === 0) self.fire("load");
      };
      t.img.onload = function () { t.ok = true; settle(); };
      t.img.onerror = function () { t.failed = true; settle(); };
      t.img.src = L.Util.template(this._url, { z: z, x: x, y: y });
      return t;
    },

    _fallback: function (z, x, y) {
      // a loaded ancestor's part of this tile, while this one loads (zooming in)
      for (var k = 1; k <= 4 && z - k >= 0; k++) {
        var t = this._tile(z - k, x >> k, y >> k, false);
        if (t && t.ok) {
          // tiles come at the page's print scale (3.125 × 256 px at 300 dpi)
          var part = (t.img.naturalWidth || TILE) / (1 << k);
          return [t.img, (x - ((x >> k) << k)) * part, (y - ((y >> k) << k)) * part, part];
        }
      }
      return null;
    },

    _draw: function () {
      if (this._frame !== null) { L.Util.cancelAnimFrame(this._frame); this._frame = null; }
      var map = this._map, c = this._canvas;
      if (!map || !c || map._animatingZoom) return;
      var size = map.getSize(), m = Math.max(1, window.devicePixelRatio || 1);
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      var zoom = map.getZoom();
      var tz = Math.max(0, Math.min(this.options.maxNativeZoom, Math.round(zoom)));
      var scale = map.getZoomScale(zoom, tz);  // CSS pixels per pixel of the tile level
      // the canvas's top-left corner in pixels of the tile level
      var o = topLeft.add(map.getPixelOrigin()).divideBy(scale);
      L.DomUtil.setPosition(c, topLeft);
      this._drawnTopLeft = map.layerPointToLatLng(topLeft);
      this._drawnZoom = zoom;
      var w = Math.round(size.x * m), h = Math.round(size.y * m);
      if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
      c.style.width = size.x + "px";
      c.style.height = size.y + "px";
      var ctx = c.getContext("2d");
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, w, h);
      var n = Math.pow(2, tz), f = scale * m, wanted = new Set();
      var x0 = Math.max(0, Math.floor(o.x / TILE)), y0 = Math.max(0, Math.floor(o.y / TILE));
      var x1 = Math.min(n - 1, Math.floor((o.x + size.x / scale) / TILE));
      var y1 = Math.min(n - 1, Math.floor((o.y + size.y / scale) / TILE));
      for (var y = y0; y <= y1; y++) {
        // edges in device pixels, rounded once: the next tile starts where this one ends
        var top = Math.round((y * TILE - o.y) * f), bottom = Math.round(((y + 1) * TILE - o.y) * f);
        for (var x = x0; x <= x1; x++) {
          var left = Math.round((x * TILE - o.x) * f), right = Math.round(((x + 1) * TILE - o.x) * f);
          wanted.add(tz + "/" + x + "/" + y);
          var t = this._tile(tz, x, y, true);
          if (t.ok) {
            ctx.drawImage(t.img, left, top, right - left, bottom - top);
          } else if (!t.failed) {
            var p = this._fallback(tz, x, y);
            if (p) ctx.drawImage(p[0], p[1], p[2], p[3], p[3], left, top, right - left, bottom - top);
          }
        }
      }
      this._evict(wanted);
    },

    _evict: function (wanted) {
      var extra = this._cache.size - Math.max(this.options.cacheSize, wanted.size), cache = this._cache;
      if (extra <= 0) return;
      var drop = [];
      cache.forEach(function (t, key) {
        if (drop.length < extra && !wanted.has(key) && (t.ok || t.failed)) drop.push(key);
      });
      drop.forEach(function (key) { cache.delete(key); });
    }
  });
  function tileCanvas(url, opts) { return new TileCanvas(url, opts); }

  function init(m, opts) {
    map = m;
    options = opts || {};
    if (!isFinite(map.getMaxZoom())) map.setMaxZoom(22);  // no base tiles: Leaflet sets none
    if (!isFinite(map.getMinZoom())) map.setMinZoom(0);
    renderer = canvas({ padding: options.canvasPadding == null ? 0.1 : options.canvasPadding });
    frameMark = el("div", "ev-frame-mark");
    document.body.appendChild(frameMark);
    map.getContainer().style.background = options.background || "#eef1ec";
    // the one status palette (targets.STATUS_COLORS), as CSS variables: colours only
    var palette = options.statusColors || {};
    ["met", "missed", "no-data"].forEach(function (k) {
      if (typeof palette[k] === "string" && /^#[0-9a-fA-F]{6}$/.test(palette[k])) {
        document.documentElement.style.setProperty("--ev-" + k, palette[k]);
      }
    });
    if (options.scaleBar !== false) {
      L.control.scale({ imperial: false, maxWidth: 160, position: "bottomleft" }).addTo(map);
    }
    if (options.zoomButtons === false && map.zoomControl) map.removeControl(map.zoomControl);
    var Legend = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        legendBox = el("div", "ev-legend leaflet-bar");
        L.DomEvent.disableScrollPropagation(legendBox);
        L.DomEvent.disableClickPropagation(legendBox);  // folding it is not a map click
        return legendBox;
      }
    });
    if (options.legend !== "none") new Legend().addTo(map);
    if (options.legend === "none" && map.attributionControl) map.removeControl(map.attributionControl);
    map.attributionControl && map.attributionControl.setPrefix(false);
    map.on("mousemove", function (e) { send("mouseMoved", e.latlng.lng, e.latlng.lat); });
    map.on("click", function (e) { send("clicked", e.latlng.lng, e.latlng.lat); });
    map.on("moveend", function () { placeCallouts(); send("viewChanged", JSON.stringify(state())); changed(); });
    var openTip = null;
    map.on("tooltipopen", function (e) { openTip = e.tooltip; });
    map.on("tooltipclose", function (e) { if (openTip === e.tooltip) openTip = null; });
    // a pan or zoom by the user (not one of our fits) ends the fit's hold on the view
    map.on("movestart", function () { if (!fitting) stickyFit = null; });
    map.on("resize", function () {
      // a new size (full screen, a docked panel): a hover tooltip from before is stale
      if (openTip) { map.closeTooltip(openTip); openTip = null; }
      applySticky();
      placeCallouts();
    });
    if (options.bridge && window.QWebChannel && window.qt && qt.webChannelTransport) {
      new QWebChannel(qt.webChannelTransport, function (channel) {
        bridge = channel.objects.bridge;
        queued.forEach(function (q) { bridge[q[0]].apply(bridge, q[1]); });
        queued = [];
      });
    }
  }

  // -- the layer switcher of offline HTML files (the window has its layer panel instead) --
  var switcherBox = null;
  function buildSwitcher() {
    if (!switcherBox) return;
    switcherBox.textContent = "";
    var title = el("div", "ev-switch-title", options.layersTitle || "Layers");
    title.addEventListener("click", function () { switcherBox.classList.toggle("ev-collapsed"); });
    switcherBox.appendChild(title);
    function row(text, on, disabled, kind, id, toggle) {
      var label = el("label", "ev-switch-row");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = on;
      box.disabled = !!disabled;
      box.setAttribute("data-" + kind, id);
      box.addEventListener("change", function () { toggle(id, box.checked); });
      label.appendChild(box);
      label.appendChild(el("span", null, text));
      switcherBox.appendChild(label);
    }
    order.slice().reverse().forEach(function (id) {
      var layer = layers[id];
      row(layer.meta.title, layer.visible, layer.meta.omitted, "layer", id, setVisible);
    });
    if (targetOrder.length) {
      switcherBox.appendChild(el("div", "ev-switch-head", options.targetsTitle || "Targets"));
      targetOrder.forEach(function (id) {
        row(targets[id].data.title, targets[id].visible, false, "target", id, setTargetVisible);
      });
    }
  }
  function syncSwitcher() {
    if (!switcherBox) return;
    switcherBox.querySelectorAll("input[data-layer]").forEach(function (b) {
      var l = layers[b.getAttribute("data-layer")];
      if (l) b.checked = l.visible;
    });
    switcherBox.querySelectorAll("input[data-target]").forEach(function (b) {
      var t = targets[b.getAttribute("data-target")];
      if (t) b.checked = t.visible;
    });
  }

  function ready() {
    started = true;
    if (options.fit) { fitBounds([[options.fit[1], options.fit[0]], [options.fit[3], options.fit[2]]]); }
    if (options.switcher) {
      var Switcher = L.Control.extend({
        options: { position: "topright" },
        onAdd: function () {
          switcherBox = el("div", "ev-switcher leaflet-bar");
          L.DomEvent.disableClickPropagation(switcherBox);
          L.DomEvent.disableScrollPropagation(switcherBox);
          return switcherBox;
        }
      });
      new Switcher().addTo(map);
      buildSwitcher();
    }
    buildLegend();
    changed();
  }

  window.ecoviewer = {
    init: init, ready: ready, addLayer: addLayer, removeLayer: removeLayer,
    setVisible: setVisible, setOpacity: setOpacity, fitLayer: fitLayer, fitBounds: fitBounds,
    fitAll: fitAll, setView: setView, state: state, containerPoint: containerPoint,
    lonLatAt: lonLatAt, panTo: panTo, holdView: holdView,
    refresh: function () { changed(); return seq; },
    setMeasure: setMeasure, selectRows: selectRows, compare: compare, endCompare: endCompare,
    setDivider: setDivider, moveDivider: moveDivider, setCanvasPadding: setCanvasPadding,
    // the window was resized or zoomed: take the new size now (Leaflet waits a frame)
    resized: function () { map.invalidateSize({ pan: false }); placeCallouts(); changed(); return [map.getSize().x, map.getSize().y]; },
    setTargets: setTargets, setTargetVisible: setTargetVisible, highlight: highlight,
    clearHighlight: clearHighlight, setNote: setNote, setNotes: setNotes, removeNote: removeNote,
    targetState: function () {
      return { selected: selected, highlighted: highlighted.length,
               visible: targetOrder.filter(function (id) { return targets[id].visible; }),
               onMap: targetOrder.filter(function (id) { return targets[id].shown; }) };
    },
    tooltipElement: function (id, i) { return layers[id] ? tooltipFor(layers[id], i) : null; },
    tileState: function () {
      return order.filter(function (id) { return layers[id].tiles; }).map(function (id) {
        return [id, layers[id].visible, !!layers[id].loading]; });
    },
    layerBounds: function (id) { var b = layerBounds(id); return b ? [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] : null; },
    renderedSeq: 0
  };
})();
