/* EcoViewer page API — draws layers with data-driven styles and answers the desktop window.
 *
 * window.ecoviewer.setVisible(id, on) · setOpacity(id, value) · fitBounds([[s,w],[n,e]])
 * · fitLayer(id) · setView(lat, lon, zoom) · addLayer(meta, data) · replaceLayer(meta, data)
 * · setOrder(ids) · state()
 * Reports through QWebChannel (when present): rendered(seq), mouseMoved(lon, lat),
 * clicked(lon, lat), viewChanged(json), targetClicked(id), noteClicked(id).
 *
 * Every attribute value reaches the DOM through textContent, never innerHTML.
 *
 * The script is split like Leaflet plugins, one job per file, inlined in file-name order
 * into one function scope by ecoviewer/web/page.py:
 *   00-state      the page's state (every mutable variable, here and only here), helpers,
 *                 and the one helper through which Leaflet's private API is used
 *   10-renderers  the sharp canvas renderer and the tile canvas of big layers
 *   15-basemap    the offline basemap under the layers, its look and its attribution
 *   20-layers     layers: styles, tooltips, visibility, order, opacity, fitting, selected rows
 *   30-legend     the legend and the offline page's layer switcher
 *   40-targets    planning targets: callouts, their placement, highlights
 *   45-trends     a target's trend: callout arrows, legend sparklines, the offline chart
 *   50-compare    two themes on one map with a divider
 *   60-tools      measuring, note pins, coordinates under the pointer
 *   90-page       frames and state for the window, init, ready, window.ecoviewer
 */

// -- state --------------------------------------------------------------------------------
// ids come from files: tables without a prototype, so that "toString" or "__proto__"
// is an id like any other, not Object.prototype's
function table() { return Object.create(null); }

var map = null, renderer = null, options = {}, bridge = null, queued = [];
// frame numbers continue across reloads of one view (the application passes ?base=N)
var seq = Number(new URLSearchParams(window.location.search).get("base")) || 0;
var started = false;           // ready() ran: the page's first layers are in
var pending = false;           // a frame is scheduled (changed())
var frameMark = null;          // the element whose colour marks each drawn frame
var waitingForTiles = false;   // a frame waits for tiles being drawn
// the basemap
var basemaps = table(), basemapOrder = [], shownBasemap = null, attributionBox = null;
// layers
var layers = table(), order = [];          // id → layer; ids bottom to top
var pendingShow = new Set();               // layers turned on, added after this script ran
var restackFrom = Infinity;                // the lowest position whose order changed
var stickyFit = null, fitting = false;     // the fit that holds until the user moves the map
var selectionSeq = 0;                      // attribute-table selections (a newer one wins)
// the legend and the offline page's switcher
var legendBox = null, legendChosen = false, switcherBox = null;
var legendDirty = false, restackDirty = false;  // rebuilt once per frame
// planning targets
var targets = table(), targetOrder = [], targetGroup = null, highlighted = [], selected = null;
var calloutRenderers = table();            // one SVG renderer per callout pane, reused
var calloutsDirty = false;                 // callouts to place again in the next frame
var trendBox = null;                       // the offline page's chart of a target
// compare, measuring, notes
var cmp = null;                            // the comparison shown, or null
var measureGroup = null;                   // the measured line or polygon
var notes = table(), noteGroup = null;

// -- constants ------------------------------------------------------------------------------
// a one-point layer or project has zero-size bounds: without a cap the zoom that "fits"
// it is infinite (a dead map); fitting never goes past street level
var FIT_MAX_ZOOM = 18;
var TILE = 256;  // the tile size of big layers, CSS pixels

// -- Leaflet's private API, used only through this helper -------------------------------------
// Checked against Leaflet 1.9.3 (xstatic-leaflet 1.9.3.0: the minimum pyproject.toml allows,
// which the minimum-versions job installs, and the newest release there is).
// A Leaflet upgrade re-checks these, and SharpCanvas (10-renderers), which overrides the
// private L.Canvas#_update, and TileCanvas, which keeps its own _-prefixed fields.
var leafletPrivate = {
  // the <canvas> element a renderer draws on (L.Canvas#_container)
  canvasOf: function (r) { return r ? r._container : null; },
  // the map a layer is on, or null (L.Layer#_map)
  mapOf: function (layer) { return layer._map || null; },
  // redraw a renderer for the map's current view now (L.Renderer#_update)
  update: function (r) { r._update(); },
  // Leaflet's own renderer update, for a subclass that overrides it (L.Renderer#_update)
  baseUpdate: function (r) { L.Renderer.prototype._update.call(r); },
  // whether the map is in a zoom animation (L.Map#_animatingZoom)
  animatingZoom: function (m) { return !!m._animatingZoom; },
  // whether a layer takes part in zoom animations (L.Layer#_zoomAnimated)
  zoomAnimated: function (layer) { return !!layer._zoomAnimated; },
  // where a point will be on the layer pane after a zoom animation ends
  // (L.Map#_latLngToNewLayerPoint)
  newLayerPoint: function (m, latlng, zoom, center) { return m._latLngToNewLayerPoint(latlng, zoom, center); }
};

// -- helpers ------------------------------------------------------------------------------
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
