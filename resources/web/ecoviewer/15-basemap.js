// -- basemaps: offline tiles under every layer (MBTiles, PMTiles, tile folders) -------------
// One basemap shows at a time. Its tiles come from the application (ecoviewer:/basemap/…),
// or, in an offline HTML file, from the tiles inlined into it. Beyond the file's deepest
// level Leaflet scales that level (maxNativeZoom); on a print-zoomed page (300 dpi) the
// level that fits the device pixels is asked for, as Leaflet's detectRetina does for 2×.
// The attribution is text in a box of our own (Leaflet's control would take it as HTML).

var EMPTY_TILE = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";

var InlineTiles = L.TileLayer.extend({
  getTileUrl: function (c) {
    var key = this._getZoomForUrl() + "/" + c.x + "/" + c.y;
    return this.options.inline[key] || EMPTY_TILE;
  }
});

function basemapPane() {
  if (!map.getPane("evBasemap")) map.createPane("evBasemap").style.zIndex = "150";
  return "evBasemap";
}

function basemapLayer(b) {
  // tiles of 256 / 2^k CSS pixels from level zoom + k: sharp at 2^k device pixels per CSS px
  var k = Math.max(0, Math.min(3, Math.round(Math.log2(window.devicePixelRatio || 1))));
  k = Math.min(k, b.maxZoom);
  var opts = {
    tileSize: 256 / Math.pow(2, k), zoomOffset: k,
    minNativeZoom: Math.max(0, b.minZoom - k), maxNativeZoom: b.maxZoom - k,
    // zoomed far out of the file's levels the basemap rests (its shallowest level would be
    // thousands of tiles on one screen)
    minZoom: Math.max(0, b.minZoom - 2), maxZoom: 24, opacity: b.opacity, pane: basemapPane(),
    bounds: L.latLngBounds([[b.bounds[1], b.bounds[0]], [b.bounds[3], b.bounds[2]]]),
    className: "ev-basemap", keepBuffer: 1, updateWhenZooming: false
  };
  var layer;
  if (b.inline) { opts.inline = b.inline; layer = new InlineTiles("", opts); }
  else layer = L.tileLayer(b.url + "{z}/{x}/{y}.png", opts);
  layer.evLoading = false;
  layer.on("loading", function () { layer.evLoading = true; });
  layer.on("load", function () { layer.evLoading = false; tilesSettled(); });
  return layer;
}

function setBasemaps(list) {
  basemapOrder.forEach(function (id) { if (basemaps[id].layer) map.removeLayer(basemaps[id].layer); });
  basemaps = table();
  basemapOrder = [];
  (list || []).forEach(function (b) {
    basemaps[b.id] = { meta: b, layer: null };
    basemapOrder.push(b.id);
  });
  var shown = basemapOrder.filter(function (id) { return basemaps[id].meta.visible; })[0];
  showBasemap(shown || null);
}

function showBasemap(id) {
  basemapOrder.forEach(function (other) {
    var b = basemaps[other];
    if (other !== id && b.layer) { map.removeLayer(b.layer); b.layer = null; }
  });
  shownBasemap = basemaps[id] ? id : null;
  if (shownBasemap) {
    var b = basemaps[shownBasemap];
    if (!b.layer) { b.layer = basemapLayer(b.meta); b.layer.addTo(map); }
    applyBasemapLook(b);
  }
  setAttribution();
  changed();
  return shownBasemap;
}

function applyBasemapLook(b) {
  if (!b.layer) return;
  b.layer.setOpacity(b.meta.opacity);
  var c = b.layer.getContainer();
  if (c) c.style.filter = b.meta.grey ? "grayscale(1)" : "";
}

function setBasemapLook(id, opacity, grey) {
  var b = basemaps[id];
  if (!b) return false;
  if (typeof opacity === "number" && isFinite(opacity)) b.meta.opacity = Math.max(0, Math.min(1, opacity));
  b.meta.grey = !!grey;
  applyBasemapLook(b);
  changed();
  return true;
}

function setAttribution() {
  if (options.legend === "none") return;  // a report page says it in its footer
  if (!attributionBox) {
    var Box = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () { attributionBox = el("div", "ev-attribution"); return attributionBox; }
    });
    new Box().addTo(map);
  }
  var b = shownBasemap ? basemaps[shownBasemap].meta : null;
  attributionBox.textContent = b && b.attribution ? b.attribution : "";
  attributionBox.style.display = attributionBox.textContent ? "" : "none";
}

function basemapLoading() {
  var b = shownBasemap ? basemaps[shownBasemap] : null;
  return !!(b && b.layer && b.layer.evLoading);
}
