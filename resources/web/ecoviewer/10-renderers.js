// Leaflet's canvas draws at 2× at most; exports zoom the page up to 5× (300 dpi = 3.125×),
// so our renderer sizes its bitmap by the real device pixel ratio to stay sharp in print
var SharpCanvas = L.Canvas.extend({
  _update: function () {
    if (leafletPrivate.animatingZoom(leafletPrivate.mapOf(this)) && this._bounds) { return; }
    leafletPrivate.baseUpdate(this);
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
    if (leafletPrivate.zoomAnimated(this)) L.DomUtil.addClass(c, "leaflet-zoom-animated");
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
    if (leafletPrivate.zoomAnimated(this)) events.zoomanim = this._animateZoom;
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
    var map = leafletPrivate.mapOf(this), scale = map.getZoomScale(e.zoom, this._drawnZoom),
        offset = leafletPrivate.newLayerPoint(map, this._drawnTopLeft, e.zoom, e.center);
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
      if (!leafletPrivate.mapOf(self)) return;
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
    var map = leafletPrivate.mapOf(this), c = this._canvas;
    if (!map || !c || leafletPrivate.animatingZoom(map)) return;
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
