function tilesLoading() {
  var busy = order.some(function (id) {
    var l = layers[id];
    return l.visible && l.tiles && l.loading;
  });
  return busy || basemapLoading() || highlighted.some(function (h) { return h[2] === "tiles" && h[1].loading; })
    || (cmp !== null && cmp.layers.some(function (l) { return l.loading; }));
}

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

// device pixels per CSS pixel of the map's canvas (exports check their print zoom with it)
function canvasScale() {
  var c = leafletPrivate.canvasOf(renderer);
  return c && c.clientWidth ? c.width / c.clientWidth : null;
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
           canvasScale: canvasScale() };
}

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
    // the switcher (top) and the legend (bottom) share the right edge: each keeps its half
    map.getContainer().classList.add("ev-with-switcher");
    buildSwitcher();
  }
  buildLegend();
  changed();
}

window.ecoviewer = {
  init: init, ready: ready, addLayer: addLayer, removeLayer: removeLayer,
  replaceLayer: replaceLayer, setOrder: setOrder,
  setVisible: setVisible, setOpacity: setOpacity, fitLayer: fitLayer, fitBounds: fitBounds,
  fitAll: fitAll, setView: setView, state: state, containerPoint: containerPoint,
  lonLatAt: lonLatAt, panTo: panTo, holdView: holdView,
  refresh: function () { changed(); return seq; },
  setMeasure: setMeasure, selectRows: selectRows, compare: compare, endCompare: endCompare,
  setDivider: setDivider, moveDivider: moveDivider, setCanvasPadding: setCanvasPadding,
  setBasemaps: setBasemaps, showBasemap: showBasemap, setBasemapLook: setBasemapLook,
  basemapState: function () {
    var b = shownBasemap ? basemaps[shownBasemap] : null;
    return { shown: shownBasemap, loading: basemapLoading(),
             attribution: attributionBox ? attributionBox.textContent : "",
             grey: !!(b && b.meta.grey), opacity: b ? b.meta.opacity : null };
  },
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
