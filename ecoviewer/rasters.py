"""Raster layers: GeoTIFF (cloud-optimized or not) and any raster GDAL reads, through rasterio,
drawn as Web Mercator tiles from any CRS (CGCS2000 Gauss-Kruger zones included): each tile
reads the window it covers at the overview level that fits, and maps its pixels back into
it. Colour: one band through a colour ramp (rio-tiler's named tables — ColorBrewer and
matplotlib — or the project's own stops; continuous or classes, stretched by min/max or
percentiles), three or four bands as true colour; nodata is transparent.

rio-tiler's own tile reader was measured first: 450–600 ms per 256-px tile of a 20,000 ×
20,000 GeoTIFF with overviews (two ``transform_bounds`` and a ``calculate_default_transform``
per tile, then a WarpedVRT read), ten times the 60 ms goal; the direct read below takes
10–20 ms (bench/ground_bench.py).

``open_raster`` reads only the metadata and a small overview for the stretch (never the
whole array); ``RasterTable.tile`` draws one tile; ``values_at`` answers Identify in the
raster's own units; ``zonal`` weighs pixels by the area of their overlap with zones in a
metric CRS (the raster targets). GDAL's network access is off for every read
(``gdal_safety``), files that only point at other data are refused like vector ones.
"""

from __future__ import annotations

import contextlib
import math
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyproj
import shapely

from . import gdal_safety
from .crs import LONLAT, crs_label, is_lonlat_range, parse_crs, transformer
from .raster_style import RasterError, RasterStyle, parse_raster_style
from .tiles import TILE, encode_png

RASTER_SUFFIXES = (".tif", ".tiff", ".gtiff", ".geotiff", ".img", ".asc", ".nc", ".jp2")
#: a raster this big (pixels) without overviews is said to be slow, once
BIG_WITHOUT_OVERVIEWS = 4096 * 4096
#: the most pixels one zone's window is read at (a bigger window is read decimated)
MAX_ZONE_PIXELS = 4_000_000
MERCATOR = "EPSG:3857"
WORLD_M = 2 * math.pi * 6378137.0  # the width of the Web Mercator world, metres


MERCATOR_LAT = 85.0511287798066  # Web Mercator's edge (a square world)


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator metres of a lon/lat (latitude held inside Web Mercator's square)."""
    r = 6378137.0
    lat = max(-MERCATOR_LAT, min(MERCATOR_LAT, lat))
    return math.radians(lon) * r, math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * r


EMPTY_TILE = encode_png(np.zeros((TILE, TILE, 4), dtype=np.uint8))


def rasterio_module():
    import rasterio

    gdal_safety.install_rasterio()
    return rasterio


def read_env():
    """GDAL configuration for every rasterio read: no network, no side files written (the
    block cache is bounded once, in ``gdal_safety.install_rasterio``)."""
    return rasterio_module().Env(**gdal_safety.GDAL_CONFIG)


# -- the raster -------------------------------------------------------------------------------


@dataclass
class RasterTable:
    """An opened raster layer (metadata, its stretch statistics) — the pixels stay in the file."""

    id: str
    path: str  # as the project wrote it
    source: str  # the file
    driver: str
    width: int
    height: int
    count: int
    dtype: str
    crs: pyproj.CRS
    crs_assumed: bool
    nodata: float | None
    overviews: list[int]
    bounds: tuple[float, float, float, float] | None  # lon/lat
    native_bounds: tuple[float, float, float, float]
    transform: tuple
    units: list[str]
    stats: dict[int, tuple[float, float, float, float]]  # band → (min, max, p2, p98) of valid pixels
    problems: list[str] = field(default_factory=list)
    style: RasterStyle | None = None
    style_error: str | None = None  # the project's style did not fit (the default is drawn)
    crs_override: str | None = None
    #: the CRS as WKT text: what threads build their own transformers from (pyproj objects
    #: must not be shared between threads)
    crs_wkt: str = ""
    #: a pixel's width on the ground (m), and ground metres per Web Mercator metre at the
    #: raster's middle: worked out once, on opening (pyproj is not for the tile workers)
    pixel_m: float = 1.0
    ground_per_mercator_m: float = 1.0
    #: open datasets, lent to one thread at a time (rasterio datasets are not shared between
    #: threads; a QThreadPool worker's thread-locals do not outlive one task)
    _pool: list = field(default_factory=list, repr=False)
    _pool_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    kind = "raster"

    # what the app's layer plumbing reads of any layer
    def __len__(self) -> int:
        return 0

    @property
    def fields(self) -> dict:
        return {}

    @property
    def geometry_types(self) -> list[str]:
        return []

    @property
    def crs_label(self) -> str:
        return crs_label(self.crs)

    @property
    def encoding(self):
        return None

    @property
    def encoding_how(self) -> str:
        return "raster"

    # -- reading ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def dataset(self):
        """An open dataset of this raster for the calling thread, for the ``with`` block
        (then lent to the next caller: the file is opened once per concurrent reader, and
        its blocks stay in GDAL's cache). The project's CRS, where the file has none or the
        project overrides it, is applied when pixels are placed (``self.crs``)."""
        with self._pool_lock:
            ds = self._pool.pop() if self._pool else None
        if ds is None or ds.closed or ds.name != self.source:
            with read_env():
                ds = rasterio_module().open(self.source)
        try:
            yield ds
        finally:
            with self._pool_lock:
                self._pool.append(ds)

    def drop_datasets(self) -> None:
        """Close the open datasets (the file changed, or another copy is drawn from now on)."""
        with self._pool_lock:
            pool, self._pool = self._pool, []
        for ds in pool:
            ds.close()

    def _from_mercator(self, gx: np.ndarray, gy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Web Mercator metres → the raster's CRS, through rasterio's GDAL (the tile workers
        read with it already). Not pyproj: building pyproj objects on the tile workers
        crashed the process here (a segmentation fault in ``CRS.__init__``); GDAL keeps the
        transformation cached, 0.4 ms for the 17 × 17 grid."""
        from rasterio.warp import transform

        with read_env():
            xs, ys = transform(MERCATOR, self.crs_wkt or self.crs.to_wkt(), gx.ravel(), gy.ravel())
        return np.asarray(xs).reshape(gx.shape), np.asarray(ys).reshape(gy.shape)

    def stretch(self, style: RasterStyle, band: int) -> tuple[float, float]:
        lo, hi, p_lo, p_hi = self.stats.get(band, (0.0, 1.0, 0.0, 1.0))
        if style.stretch == "percentile":
            lo, hi = p_lo, p_hi
        lo = style.min if style.min is not None else lo
        hi = style.max if style.max is not None else hi
        if not hi > lo:
            hi = lo + 1.0
        return lo, hi

    def tile(self, z: int, x: int, y: int, scale: float = 1.0) -> bytes:
        """One Web Mercator tile as PNG (transparent where there is no data)."""
        size = max(64, min(1024, round(TILE * scale)))
        if z < 0 or not (0 <= x < 2**z and 0 <= y < 2**z):
            return EMPTY_TILE if size == TILE else encode_png(np.zeros((size, size, 4), np.uint8))
        tile_m = WORLD_M / 2**z
        left, top = -WORLD_M / 2 + x * tile_m, WORLD_M / 2 - y * tile_m
        # a print tile (scale > 1) need not have more than 4 output pixels per raster pixel:
        # the page scales it to its place. A 100-m surface at 300 dpi took 800-px tiles,
        # ~30 of them for an A3 page, most of the page's time
        ground_m = tile_m * self.ground_per_mercator_m  # the tile's width on the ground
        size = min(size, max(TILE, math.ceil(4 * ground_m / self.pixel_m)))
        return encode_png(self.render(left, top, left + tile_m, top - tile_m, size, size))

    def image(self, max_side: int = 1024) -> tuple[bytes, tuple[float, float, float, float]]:
        """The whole raster as one PNG in Web Mercator (at most ``max_side`` pixels a side)
        and its lon/lat bounds (w, s, e, n): what an offline HTML page lays over its map."""
        w, s, e, n = self.bounds
        s, n = max(s, -MERCATOR_LAT), min(n, MERCATOR_LAT)  # what a Web Mercator map shows
        x0, y0 = _mercator(w, n)
        x1, y1 = _mercator(e, s)
        k = max_side / max(x1 - x0, y0 - y1)
        width, height = max(1, round((x1 - x0) * k)), max(1, round((y0 - y1) * k))
        return encode_png(self.render(x0, y0, x1, y1, width, height)), (w, s, e, n)

    def render(self, left: float, top: float, right: float, bottom: float, width: int, height: int):
        """RGBA pixels of a Web Mercator box (transparent where the raster has no data). The
        box is cut to the raster's extent first (a world tile must not ask PROJ for points
        its CRS does not cover), then each output pixel is mapped back into the raster —
        the mapping computed exactly on a 17 × 17 grid and interpolated between, under a
        tenth of a pixel off at city zooms — and the window it covers is read at the
        overview level that matches (GDAL picks it for a decimated read), nearest
        neighbour, as QGIS draws by default."""
        out = np.zeros((height, width, 4), np.uint8)
        w, s, e, n = self.bounds
        rx0, ry0 = _mercator(w, n)
        rx1, ry1 = _mercator(e, s)
        dx, dy = (right - left) / width, (top - bottom) / height
        px0 = max(0, math.floor((rx0 - left) / dx))
        px1 = min(width, math.ceil((rx1 - left) / dx))
        py0 = max(0, math.floor((top - ry0) / dy))
        py1 = min(height, math.ceil((top - ry1) / dy))
        if px1 <= px0 or py1 <= py0:
            return out
        part = self._render_part(
            left + px0 * dx, top - py0 * dy, left + px1 * dx, top - py1 * dy, px1 - px0, py1 - py0
        )
        out[py0:py1, px0:px1] = part
        return out

    def _render_part(self, left, top, right, bottom, width: int, height: int) -> np.ndarray:
        style = self.style or RasterStyle(kind="rgb" if self.count >= 3 else "ramp")
        try:
            cols, rows = self._pixel_coordinates(left, top, right, bottom, width, height)
        except Exception:  # PROJ cannot place this box in the raster's CRS: nothing to draw
            return np.zeros((height, width, 4), np.uint8)
        with self.dataset() as ds:
            inside = (cols >= 0) & (cols < ds.width) & (rows >= 0) & (rows < ds.height)
            if not inside.any():
                return np.zeros((height, width, 4), np.uint8)
            c0, c1 = int(np.floor(cols[inside].min())), int(np.floor(cols[inside].max())) + 1
            r0, r1 = int(np.floor(rows[inside].min())), int(np.floor(rows[inside].max())) + 1
            w, h = c1 - c0, r1 - r0
            # source pixels per output pixel: read that much coarser (an overview serves it)
            step = max(1.0, min(w / width, h / height), max(w / width, h / height) / 1.5)
            ow, oh = max(1, math.ceil(w / step)), max(1, math.ceil(h / step))
            indexes = list(style.bands) if style.kind == "rgb" else [style.band]
            from rasterio.windows import Window

            with read_env():
                arr = ds.read(
                    indexes, window=Window(c0, r0, w, h), out_shape=(len(indexes), oh, ow), masked=True
                )
        cols = np.where(inside, cols, c0)  # (outside: any index, masked below)
        rows = np.where(inside, rows, r0)
        ci = np.clip(((cols - c0) * (ow / w)).astype(np.int32), 0, ow - 1)
        ri = np.clip(((rows - r0) * (oh / h)).astype(np.int32), 0, oh - 1)
        flat = ri * ow + ci  # one gather per band (two index arrays cost twice as much)
        bands = len(indexes)
        values = np.take(arr.data.reshape(bands, -1), flat, axis=1).astype(np.float32, copy=False)
        masked = np.take(np.ma.getmaskarray(arr).reshape(bands, -1), flat, axis=1).any(axis=0)
        valid = inside & ~masked & np.isfinite(values).all(axis=0)
        return self.colour(values, valid, style)

    def _pixel_coordinates(self, left, top, right, bottom, width: int, height: int):
        """(column, row) in the raster of every output pixel's centre of a Web Mercator box."""
        n = 16
        k = np.linspace(0.0, 1.0, n + 1)
        gx, gy = np.meshgrid(left + k * (right - left), top + k * (bottom - top))
        sx, sy = self._from_mercator(gx, gy)
        a, b, c, d, e, f = self.transform
        det = a * e - b * d
        col = (e * (sx - c) - b * (sy - f)) / det
        row = (-d * (sx - c) + a * (sy - f)) / det

        def weights(size: int) -> np.ndarray:  # coarse grid → every pixel centre, bilinear
            t = (np.arange(size) + 0.5) / size * n
            i = np.minimum(t.astype(int), n - 1)
            out = np.zeros((size, n + 1))
            out[np.arange(size), i] = 1 - (t - i)
            out[np.arange(size), i + 1] = t - i
            return out

        wy, wx = weights(height), weights(width)
        return wy @ col @ wx.T, wy @ row @ wx.T

    def colour(self, values: np.ndarray, valid: np.ndarray, style: RasterStyle) -> np.ndarray:
        """bands × h × w values (``valid``: h × w, False where nodata or outside) → RGBA."""
        h, w = values.shape[1:]
        rgba = np.zeros((h, w, 4), dtype=np.uint8)
        if style.kind == "rgb":
            for k, band in enumerate(style.bands):
                native = self.dtype == "uint8" and style.min is None and style.max is None
                lo, hi = (0.0, 255.0) if native else self.stretch(style, band)
                rgba[..., k] = _to_byte(values[k], lo, hi, valid)
        else:
            table = style.lookup()
            v = values[0]
            if style.breaks:
                n = len(style.breaks) + 1
                cls = np.searchsorted(np.asarray(style.breaks, dtype=np.float32), v, side="right")
                idx = np.round(cls * (255.0 / max(1, n - 1))).astype(np.uint8)
            else:
                idx = _to_byte(v, *self.stretch(style, style.band), valid)
            # the ramp as 256 RGBA words: one 4-byte gather per pixel
            words = np.concatenate([table, np.full((256, 1), 255, np.uint8)], axis=1).view(np.uint32).ravel()
            rgba = words[idx].view(np.uint8).reshape(h, w, 4)
            rgba[..., 3] *= valid
            return rgba
        rgba[..., 3] = valid * np.uint8(255)
        return rgba

    def values_at(self, lon: float, lat: float) -> list[float | None] | None:
        """The pixel values under a point (one per band; None for nodata); None outside."""
        with self.dataset() as ds:
            return self._values_at(ds, lon, lat)

    def _values_at(self, ds, lon: float, lat: float) -> list[float | None] | None:
        to_raster = transformer(LONLAT, self.crs)
        x, y = (lon, lat) if to_raster is None else to_raster.transform(lon, lat)
        try:
            row, col = ds.index(x, y)
        except Exception:
            return None
        if not (0 <= row < ds.height and 0 <= col < ds.width):
            return None
        from rasterio.windows import Window

        with read_env():
            arr = ds.read(window=Window(col, row, 1, 1), masked=True)
        out = []
        for k in range(arr.shape[0]):
            v = arr[k, 0, 0]
            out.append(None if np.ma.is_masked(v) else float(v))
        return out

    def zonal(
        self, zones: np.ndarray, metric_crs: pyproj.CRS, band: int = 1, condition=None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per zone (lon/lat polygons): the valid area, the area-weighted sum of values, and
        the area where ``condition`` (a function of values → bool array) holds, each pixel
        weighted by the area of its overlap with the zone, in ``metric_crs`` (m²)."""
        with self.dataset() as ds:
            return self._zonal(ds, zones, metric_crs, band, condition)

    def _zonal(self, ds, zones, metric_crs, band, condition):
        from rasterio.windows import Window, from_bounds

        # (transformers from the cache the vector layers use: building one costs ~0.1 s)
        to_raster = transformer(LONLAT, self.crs) or _Identity()
        # the raster already in the metric CRS (the sample's are): its pixel corners are metres
        same_crs = pyproj.CRS(metric_crs).equals(self.crs, ignore_axis_order=True)
        to_metric = None if same_crs else transformer(self.crs, pyproj.CRS(metric_crs))
        lonlat_to_metric = transformer(LONLAT, pyproj.CRS(metric_crs)) or _Identity()
        n = len(zones)
        area, weighted, held = np.zeros(n), np.zeros(n), np.zeros(n)
        for i, zone in enumerate(zones):
            if zone is None or shapely.is_empty(zone):
                continue
            zr = shapely.transform(zone, lambda c: np.column_stack(to_raster.transform(c[:, 0], c[:, 1])))
            zm = shapely.transform(
                zone, lambda c: np.column_stack(lonlat_to_metric.transform(c[:, 0], c[:, 1]))
            )
            zm = shapely.make_valid(zm)
            shapely.prepare(zm)
            win = from_bounds(*shapely.bounds(zr), transform=ds.transform)
            col0 = max(0, math.floor(win.col_off) - 1)
            row0 = max(0, math.floor(win.row_off) - 1)
            col1 = min(ds.width, math.ceil(win.col_off + win.width) + 1)
            row1 = min(ds.height, math.ceil(win.row_off + win.height) + 1)
            if col1 <= col0 or row1 <= row0:
                continue
            w, h = col1 - col0, row1 - row0
            step = max(1, math.ceil(math.sqrt(w * h / MAX_ZONE_PIXELS)))
            ow, oh = math.ceil(w / step), math.ceil(h / step)
            with read_env():
                arr = ds.read(band, window=Window(col0, row0, w, h), out_shape=(oh, ow), masked=True)
            values = np.ma.masked_invalid(arr.astype(float))
            # pixel corners in the raster's CRS, then in the metric CRS
            t = ds.transform
            cols = np.arange(ow + 1)
            rows = np.arange(oh + 1)
            cc, rr = np.meshgrid(cols, rows)
            sc, sr = w / ow, h / oh  # native pixels per read pixel (1 unless decimated)
            nc, nr = col0 + cc * sc, row0 + rr * sr  # native column and row of each corner
            gx = t.c + nc * t.a + nr * t.b
            gy = t.f + nc * t.d + nr * t.e
            mx, my = (
                (gx.ravel(), gy.ravel()) if to_metric is None else to_metric.transform(gx.ravel(), gy.ravel())
            )
            mx, my = mx.reshape(gx.shape), my.reshape(gy.shape)
            valid = ~np.ma.getmaskarray(values)
            r_idx, c_idx = np.nonzero(valid)
            if len(r_idx) == 0:
                continue
            # each pixel's corners in the metric CRS: its area by the shoelace formula. A
            # pixel whose four corners are all in the zone (or all out) and that
            # holds none of the zone's vertices is wholly in (or out): a straight edge
            # that enters it must leave through another side, between corners that differ.
            # Only the pixels the edge crosses are cut exactly (shapely): a few thousand,
            # where a polygon for every pixel took a second per zone.
            corners_in = shapely.intersects_xy(zm, mx, my)  # (a corner on the edge counts as in)
            c4 = np.stack(
                [
                    corners_in[r_idx, c_idx],
                    corners_in[r_idx, c_idx + 1],
                    corners_in[r_idx + 1, c_idx + 1],
                    corners_in[r_idx + 1, c_idx],
                ],
                1,
            )
            # … and whose centre agrees: corners lying on an edge (a zone drawn along the
            # pixel grid) fall either side by a rounding error; the centre catches that
            cx = (mx[r_idx, c_idx] + mx[r_idx + 1, c_idx + 1]) / 2
            cy = (my[r_idx, c_idx] + my[r_idx + 1, c_idx + 1]) / 2
            centre_in = shapely.intersects_xy(zm, cx, cy)
            mixed = (c4.any(1) & ~c4.all(1)) | (centre_in != c4[:, 0])
            # the zone's vertices: which read pixel each falls in (raster CRS → column, row)
            vx, vy = shapely.get_coordinates(zr).T
            det = t.a * t.e - t.b * t.d
            vcol = (t.e * (vx - t.c) - t.b * (vy - t.f)) / det
            vrow = (-t.d * (vx - t.c) + t.a * (vy - t.f)) / det
            gc, gr = (
                np.floor((vcol - col0) / sc).astype(np.int64),
                np.floor((vrow - row0) / sr).astype(np.int64),
            )
            on = (gc >= 0) & (gc < ow) & (gr >= 0) & (gr < oh)
            holds_vertex = np.zeros((oh, ow), dtype=bool)
            holds_vertex[gr[on], gc[on]] = True
            mixed |= holds_vertex[r_idx, c_idx]
            qx = np.stack(
                [mx[r_idx, c_idx], mx[r_idx, c_idx + 1], mx[r_idx + 1, c_idx + 1], mx[r_idx + 1, c_idx]], 1
            )
            qy = np.stack(
                [my[r_idx, c_idx], my[r_idx, c_idx + 1], my[r_idx + 1, c_idx + 1], my[r_idx + 1, c_idx]], 1
            )
            full = 0.5 * np.abs((qx * np.roll(qy, -1, 1) - np.roll(qx, -1, 1) * qy).sum(1))
            overlap = np.where(c4.all(1) & ~mixed, full, 0.0)
            if mixed.any():
                ring = np.stack([qx[mixed], qy[mixed]], -1)
                overlap[mixed] = shapely.area(shapely.intersection(shapely.polygons(ring), zm))
            v = values.data[r_idx, c_idx]
            area[i] = overlap.sum()
            weighted[i] = (overlap * v).sum()
            if condition is not None:
                held[i] = overlap[condition(v)].sum()
        return area, weighted, held


def _to_byte(v: np.ndarray, lo: float, hi: float, valid: np.ndarray) -> np.ndarray:
    """Values stretched from lo..hi to 0..255 (clipped; anything not valid → 0)."""
    out = (v - np.float32(lo)) * np.float32(255.0 / (hi - lo)) + np.float32(0.5)
    np.clip(out, 0, 255, out=out)
    out[~valid] = 0
    return out.astype(np.uint8)


def _pixel_size_m(transform, crs: pyproj.CRS, bounds) -> float:
    """A pixel's width on the ground, metres (degrees of longitude at the raster's middle for
    a geographic CRS)."""
    size = math.hypot(transform.a, transform.b)
    if crs.is_geographic:
        lat = (bounds[1] + bounds[3]) / 2
        return max(1e-6, size * 111_320.0 * max(0.01, math.cos(math.radians(lat))))
    factor = crs.axis_info[0].unit_conversion_factor if crs.axis_info else 1.0
    return max(1e-6, size * factor)


class _Identity:
    """A transformer that leaves coordinates as they are (source and target the same)."""

    @staticmethod
    def transform(x, y):
        return x, y


def _stats(ds, band: int) -> tuple[float, float, float, float]:
    """(min, max, 2nd and 98th percentile) of a band's valid pixels, from an overview-sized
    read (at most ~1M pixels: never the whole array of a big raster)."""
    step = max(1, math.ceil(math.sqrt(ds.width * ds.height / 1_000_000)))
    shape = (max(1, ds.height // step), max(1, ds.width // step))
    arr = ds.read(band, out_shape=shape, masked=True).astype(float)
    v = np.ma.masked_invalid(arr).compressed()
    if v.size == 0:
        return 0.0, 1.0, 0.0, 1.0
    p = np.percentile(v, [2, 98])
    return float(v.min()), float(v.max()), float(p[0]), float(p[1])


def is_raster_path(path: str | Path) -> bool:
    """A raster file by its name — and a .vrt by its content: a GDAL raster VRT, not an OGR
    vector VRT (both are refused unless the project allows files that point elsewhere)."""
    path = Path(path)
    if path.suffix.lower() in RASTER_SUFFIXES:
        return True
    if path.suffix.lower() == ".vrt":
        try:
            with open(path, "rb") as fh:
                return b"<VRTDataset" in fh.read(4096)
        except OSError:
            return False
    return False


def open_raster(
    path: str | Path,
    *,
    display: str | None = None,
    layer_id: str | None = None,
    crs: str | None = None,
    style: dict | None = None,
    allow_indirect: bool = False,
) -> RasterTable:
    """Open a raster layer (metadata and stretch statistics); one-line ``RasterError``."""
    path = Path(path)
    display = display or str(path)
    try:
        checked = gdal_safety.check_source(path, allow_indirect=allow_indirect, max_bytes=2**40)
    except gdal_safety.UnsafeSourceError as exc:
        raise RasterError(f"{display}: {exc}") from None
    except FileNotFoundError:
        raise RasterError(f"{display}: file not found") from None
    except PermissionError:
        raise RasterError(f"{display}: permission denied") from None
    except OSError as exc:
        raise RasterError(f"{display}: cannot be opened ({exc.strerror or exc})") from None
    source = str(getattr(checked, "path", path))
    if Path(source).is_file() and Path(source).stat().st_size == 0:
        raise RasterError(f"{display}: the file is empty (0 bytes)")
    rio = rasterio_module()
    problems: list[str] = []
    try:
        with read_env(), rio.open(source) as ds:
            if ds.count < 1:
                raise RasterError(f"{display}: has no raster bands")
            file_crs = ds.crs
            if crs:
                try:
                    the_crs = parse_crs(crs)
                except ValueError as exc:
                    raise RasterError(f"{display}: crs: {exc}") from None
                assumed = False
            elif file_crs:
                # by its EPSG code when it has one: the same CRS object text as the vector
                # layers' and the metric CRS, so the transformers built for them are reused
                epsg = file_crs.to_epsg(confidence_threshold=100)
                the_crs = pyproj.CRS.from_epsg(epsg) if epsg else pyproj.CRS.from_wkt(file_crs.to_wkt())
                assumed = False
            else:
                b = ds.bounds
                if ds.transform.is_identity:
                    raise RasterError(
                        f"{display}: has no CRS and no georeferencing; set crs (and a world file) for it"
                    )
                if is_lonlat_range((b.left, b.bottom, b.right, b.top)):
                    the_crs, assumed = pyproj.CRS("EPSG:4326"), True
                    problems.append("no CRS in the file; lon/lat (EPSG:4326) assumed — set crs if wrong")
                else:
                    raise RasterError(
                        f'{display}: has no CRS; set crs = "EPSG:4548" (or the right one) for this layer'
                    )
            overviews = ds.overviews(1)
            if not overviews and ds.width * ds.height > BIG_WITHOUT_OVERVIEWS:
                problems.append(
                    f"{ds.width:,} × {ds.height:,} pixels without overviews: zoomed out it draws slowly "
                    "(build overviews to speed it up)"
                )
            b = ds.bounds
            native = (b.left, b.bottom, b.right, b.top)
            try:
                to_ll = transformer(the_crs, LONLAT)  # (cached: one costs 0.14 s to build)
                w, s, e, n = native if to_ll is None else to_ll.transform_bounds(*native, densify_pts=21)
                bounds = (w, s, e, n) if all(map(math.isfinite, (w, s, e, n))) else None
            except Exception:
                bounds = None
            if bounds is None or not (-180 <= bounds[0] <= 180 and -90 <= bounds[1] <= 90):
                raise RasterError(
                    f"{display}: its coordinates do not fit {crs_label(the_crs)} "
                    "(nothing lands on Earth); check the layer's crs"
                )
            stats = {}
            wanted = range(1, min(ds.count, 4) + 1)
            for band in wanted:
                stats[band] = _stats(ds, band)
            table = RasterTable(
                id=layer_id or path.stem,
                path=display,
                source=source,
                driver=ds.driver,
                width=ds.width,
                height=ds.height,
                count=ds.count,
                dtype=str(ds.dtypes[0]),
                crs=the_crs,
                crs_assumed=assumed,
                nodata=None if ds.nodata is None else float(ds.nodata),
                overviews=list(overviews),
                bounds=bounds,
                native_bounds=native,
                transform=tuple(ds.transform)[:6],
                units=[u or "" for u in ds.units],
                stats=stats,
                problems=problems,
                crs_override=crs,
                crs_wkt=the_crs.to_wkt(),
                pixel_m=_pixel_size_m(ds.transform, the_crs, bounds),
                ground_per_mercator_m=max(0.01, math.cos(math.radians((bounds[1] + bounds[3]) / 2))),
            )
    except RasterError:
        raise
    except rio.errors.RasterioIOError as exc:
        raise RasterError(f"{display}: not a raster GDAL can read, or damaged ({_short(exc)})") from None
    except MemoryError:
        raise RasterError(f"{display}: too large to read") from None
    except Exception as exc:  # whatever a damaged or hostile file provokes: one line
        raise RasterError(f"{display}: could not be read ({_short(exc)})") from None
    table.style = parse_raster_style(style, table.count, display)
    return table


def _short(exc: BaseException) -> str:
    text = gdal_safety.clean_message(str(exc)) or type(exc).__name__
    return text.split("\n")[0][:160]
