"""Raster tiles for big layers, drawn with whole-array NumPy (no Qt, no per-feature loop).

A browser cannot hold a million Leaflet paths; it can show a few dozen 256×256 images. For a
layer above ``TILE_THRESHOLD`` features the page shows XYZ tiles that this module draws on
demand from the layer's geometry:

* features smaller than a pixel are splatted: each adds its area (in pixels²) to the
  coverage of the pixel holding its centre — a faithful density picture at city scale;
* larger polygons are filled exactly by a vectorised scan-line (non-zero winding, pixel
  centres, 2×2 supersampled for smooth edges), with outlines once they are big enough;
* lines are sampled at sub-pixel steps and stamped with their width; points as discs.

Edges are kept per feature in float32 relative to a local origin (metre precision is
millimetres), and an STRtree over the features' boxes picks what a tile needs.
"""

from __future__ import annotations

import copy
import struct
import zlib
from dataclasses import dataclass

import numpy as np
import shapely

from .sources import LINE_KINDS, POINT_KINDS, POLYGON_KINDS
from .styles import ResolvedStyle, classify

TILE = 256
TILE_THRESHOLD = 5_000  # features; above this a layer is drawn as tiles (canvas redraws of
# more paths than this take longer than a planner will wait for a toggle)
R = 6378137.0
HALF = np.pi * R  # half the Web Mercator world, metres


def lonlat_to_mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lat = np.clip(lat, -85.05112878, 85.05112878)
    x = np.radians(lon) * R
    y = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) * R
    return x, y


def mercator_to_lonlat(x: float, y: float) -> tuple[float, float]:
    return float(np.degrees(x / R)), float(np.degrees(2 * np.arctan(np.exp(y / R)) - np.pi / 2))


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float, float]:
    """(minx, miny, maxx, maxy, metres per pixel) of an XYZ tile in Web Mercator."""
    res = 2 * HALF / (TILE * 2**z)
    minx = -HALF + x * TILE * res
    maxy = HALF - y * TILE * res
    return minx, maxy - TILE * res, minx + TILE * res, maxy, res


def _rgb(hex_colour: str) -> np.ndarray:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return np.array([int(h[i : i + 2], 16) for i in (0, 2, 4)], dtype=np.float32) / 255.0


def encode_png(rgba: np.ndarray) -> bytes:
    """A minimal PNG writer (RGBA, 8 bit) — zlib does the work."""
    h, w, _ = rgba.shape
    raw = np.empty((h, w * 4 + 1), dtype=np.uint8)
    raw[:, 0] = 0
    raw[:, 1:] = rgba.reshape(h, w * 4)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw.tobytes(), 3))
        + chunk(b"IEND", b"")
    )


EMPTY_PNG = encode_png(np.zeros((TILE, TILE, 4), dtype=np.uint8))


@dataclass
class _Symbol:
    fill: np.ndarray  # rgb
    stroke: np.ndarray
    fill_opacity: float
    opacity: float
    weight: float
    radius: float


#: crossings or samples drawn at once (bounds a dense tile's memory: ~60 bytes each)
CROSSINGS = 500_000


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenated ``arange(s, s + c)`` for every (s, c), without a Python loop."""
    counts = np.asarray(counts, dtype=np.int64)
    nz = counts > 0
    starts, counts = np.asarray(starts, dtype=np.int64)[nz], counts[nz]
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(counts)
    out = np.ones(total, dtype=np.int64)
    out[0] = starts[0]
    out[ends[:-1]] = starts[1:] - (starts[:-1] + counts[:-1] - 1)
    return np.cumsum(out)


class TileRenderer:
    """Draws one layer's features into PNG tiles. Thread-safe for concurrent ``render``."""

    def __init__(
        self,
        geometry: np.ndarray,
        style: ResolvedStyle,
        fields: dict[str, np.ndarray],
        highlight: str = "#00e5ff",
    ):
        n = len(geometry)
        self.geometry = geometry  # identity only: which data this renderer draws
        present = ~shapely.is_missing(geometry)
        self.index = np.flatnonzero(present)  # renderer feature k = table row index[k]
        geoms = geometry[present]
        self.cls = classify(style, fields, n)[present]
        self.symbols = self._symbols(style)
        self.highlight = _rgb(highlight)
        kinds = shapely.get_type_id(geoms)
        self.poly = np.isin(kinds, POLYGON_KINDS)
        self.line = np.isin(kinds, LINE_KINDS)
        self.point = np.isin(kinds, POINT_KINDS)
        # everything else (collections) is drawn through its parts' kinds below
        b = shapely.bounds(geoms)
        mx0, my0 = lonlat_to_mercator(b[:, 0], b[:, 1])
        mx1, my1 = lonlat_to_mercator(b[:, 2], b[:, 3])
        self.origin = (float(np.nanmin(mx0)) if n else 0.0, float(np.nanmin(my0)) if n else 0.0)
        self.tree = shapely.STRtree(geoms)  # over the lon/lat envelopes; queried in lon/lat
        self.size_m = np.maximum(mx1 - mx0, my1 - my0)
        # the centre of the box stands in for the centroid of features under 1.5 pixels
        self.cx = (mx0 + mx1) / 2 - self.origin[0]
        self.cy = (my0 + my1) / 2 - self.origin[1]
        # polygon areas in Web Mercator m² for the coverage splat: one degree² at latitude φ
        # is (R·π/180)² · sec φ there (x is not stretched, y is, by sec φ)
        lat = np.radians((b[:, 1] + b[:, 3]) / 2)
        self.area_m2 = shapely.area(geoms) * (R * np.pi / 180.0) ** 2 / np.cos(lat)
        self._edges(geoms)

    def restyled(self, style: ResolvedStyle, fields: dict[str, np.ndarray]) -> TileRenderer:
        """The same features drawn with another style: only the classes and symbols are made
        again — the index, boxes and edges are shared (a restyle of 1M footprints costs a
        classification, not a rebuild)."""
        twin = copy.copy(self)
        twin.cls = classify(style, fields, len(self.geometry))[self.index]
        twin.symbols = self._symbols(style)
        return twin

    @staticmethod
    def _symbols(style: ResolvedStyle) -> list[_Symbol]:
        out = []
        for cls in (style.classes or [{}]) + [{}]:  # last entry: features in no class (-1)
            s = dict(style.base)
            s.update({k: v for k, v in cls.items() if k != "label"})
            out.append(
                _Symbol(
                    fill=_rgb(s.get("color", "#3388ff")),
                    stroke=_rgb(s.get("stroke", s.get("color", "#3388ff"))),
                    fill_opacity=float(s.get("fill_opacity", 0.5)),
                    opacity=float(s.get("opacity", 1.0)),
                    weight=float(s.get("weight", 1.0)),
                    radius=float(s.get("radius", 4.0)),
                )
            )
        return out

    def _edges(self, geoms: np.ndarray) -> None:
        """Every segment of every ring / line, grouped by feature, relative to the origin."""
        n = len(geoms)
        coords, path_offsets, path_feature, path_is_ring, path_hole = _paths(geoms)
        x, y = lonlat_to_mercator(coords[:, 0], coords[:, 1])
        x -= self.origin[0]
        y -= self.origin[1]
        path_len = np.diff(path_offsets)
        path_of_coord = np.repeat(np.arange(len(path_len)), path_len)
        same = path_of_coord[1:] == path_of_coord[:-1]
        bad = ~(np.isfinite(x) & np.isfinite(y))
        if bad.any():  # a ring or line with a missing coordinate is left out whole (an open
            # ring would fill a streak to the tile's edge)
            broken = np.bincount(path_of_coord[bad], minlength=len(path_len)) > 0
            same &= ~broken[path_of_coord[:-1]]
        self.ex0 = x[:-1][same].astype(np.float32)
        self.ey0 = y[:-1][same].astype(np.float32)
        self.ex1 = x[1:][same].astype(np.float32)
        self.ey1 = y[1:][same].astype(np.float32)
        edge_path = path_of_coord[:-1][same]
        # one orientation for every ring (outer rings anticlockwise, holes clockwise), so
        # that the non-zero fill of a class is the union of its polygons: two overlapping
        # polygons drawn the other way round would otherwise cancel where they meet
        twice_area = np.bincount(
            edge_path,
            weights=self.ex0.astype(np.float64) * self.ey1 - self.ex1.astype(np.float64) * self.ey0,
            minlength=len(path_len),
        )
        flip = (path_is_ring & ((twice_area < 0) != path_hole))[edge_path]
        self.ex0[flip], self.ex1[flip] = self.ex1[flip], self.ex0[flip].copy()
        self.ey0[flip], self.ey1[flip] = self.ey1[flip], self.ey0[flip].copy()
        self.edge_ring = path_is_ring[edge_path]
        edge_feature = path_feature[edge_path]
        self.edge_start = np.searchsorted(edge_feature, np.arange(n)).astype(np.int64)
        self.edge_count = (
            np.searchsorted(edge_feature, np.arange(n), side="right") - self.edge_start
        ).astype(np.int64)

    # -- drawing -----------------------------------------------------------------------------
    def render(self, z: int, x: int, y: int, only: np.ndarray | None = None, scale: float = 1.0) -> bytes:
        """The PNG of tile (z, x, y); ``only`` limits it to those table rows, drawn in the
        highlight colour (the responsible features of a selected target). ``scale`` > 1
        draws the same ground at ``scale`` times the pixels, strokes and dots as many times
        wider (a print export zoomed to 300 dpi asks for 3.125)."""
        minx, miny, maxx, maxy, res = tile_bounds(z, x, y)
        size = max(1, round(TILE * scale))
        res = res * TILE / size
        # strokes and point symbols reach beyond their boxes: 16 CSS pixels of ground (the
        # widest dot is 12), whatever the scale
        pad = res * 16 * size / TILE
        lon0, lat0 = mercator_to_lonlat(minx - pad, miny - pad)
        lon1, lat1 = mercator_to_lonlat(maxx + pad, maxy + pad)
        hits = self.tree.query(shapely.box(lon0, lat0, lon1, lat1))
        if only is not None:
            hits = hits[np.isin(self.index[hits], only)]
        if len(hits) == 0:
            return EMPTY_PNG if size == TILE else encode_png(np.zeros((size, size, 4), np.uint8))
        hits = np.sort(hits)
        ox, oy = minx - self.origin[0], maxy - self.origin[1]
        img = np.zeros((size, size, 3), dtype=np.float32)
        alpha = np.zeros((size, size), dtype=np.float32)
        k = size / TILE
        classes = self.cls[hits] if only is None else np.zeros(len(hits), dtype=np.int32)
        classes = np.where(classes < 0, len(self.symbols) - 1, classes)
        for c in np.unique(classes):
            sel = hits[classes == c]
            sym = self.symbols[c]
            fill = self.highlight if only is not None else sym.fill
            stroke = self.highlight if only is not None else sym.stroke
            fo = 0.9 if only is not None else sym.fill_opacity
            cov = self._fill(sel, ox, oy, res, size)
            if cov is not None:
                _over(img, alpha, fill, cov * fo)
            width = (3.0 if only is not None else sym.weight) * k
            outline = self._strokes(sel, ox, oy, res, width, size)
            if outline is not None:
                _over(img, alpha, stroke, outline * sym.opacity)
            dots = self._points(sel, ox, oy, res, sym.radius * k, size)
            if dots is not None:
                _over(img, alpha, fill, dots * max(fo, 0.8))
        return to_png(img, alpha)

    def _fill(self, sel, ox, oy, res, size=TILE):
        """Coverage (0–1) of the polygons in ``sel``."""
        sel = sel[self.poly[sel]]
        if len(sel) == 0:
            return None
        cov = np.zeros((size, size), dtype=np.float32)
        small = self.size_m[sel] < 1.5 * res
        tiny = sel[small]
        if len(tiny):  # splat: area in pixels² onto the pixel of the centre
            px = np.floor((self.cx[tiny] - ox) / res).astype(np.int64)
            py = np.floor((oy - self.cy[tiny]) / res).astype(np.int64)
            ok = (px >= 0) & (px < size) & (py >= 0) & (py < size)
            np.add.at(cov, (py[ok], px[ok]), (self.area_m2[tiny][ok] / (res * res)).astype(np.float32))
        big = sel[~small]
        if len(big):
            idx = _ranges(self.edge_start[big], self.edge_count[big])
            idx = idx[self.edge_ring[idx]]
            cov += fill_coverage(
                self.ex0[idx], self.ey0[idx], self.ex1[idx], self.ey1[idx], ox, oy, res, size
            )
        return np.minimum(cov, 1.0)

    def _strokes(self, sel, ox, oy, res, width, size=TILE):
        """Coverage of the outlines of polygons big enough to show them, and of lines."""
        show = self.line[sel] | (self.poly[sel] & (self.size_m[sel] > 6 * res * size / TILE))
        sel = sel[show]
        if len(sel) == 0 or width <= 0:
            return None
        idx = _ranges(self.edge_start[sel], self.edge_count[sel])
        if len(idx) == 0:
            return None
        return _stroke(self.ex0[idx], self.ey0[idx], self.ex1[idx], self.ey1[idx], ox, oy, res, width, size)

    def _points(self, sel, ox, oy, res, radius, size=TILE):
        sel = sel[self.point[sel]]
        if len(sel) == 0:
            return None
        return discs(self.cx[sel], self.cy[sel], ox, oy, res, radius, size)


def discs(cx, cy, ox: float, oy: float, res: float, radius: float, size: int = TILE) -> np.ndarray:
    """Coverage of point symbols (discs ``radius`` pixels wide, at most 12 a tile's worth)
    centred at (cx, cy), on a ``size``² grid whose top-left corner is (ox, oy)."""
    r = int(max(1, min(12 * size / TILE, round(radius))))
    m = max(16, r + 1)  # margin: discs centred just outside still reach in
    cov = np.zeros((size + 2 * m, size + 2 * m), dtype=np.float32)
    px = np.floor((cx - ox) / res).astype(np.int64) + m
    py = np.floor((oy - cy) / res).astype(np.int64) + m
    dy, dx = np.mgrid[-r : r + 1, -r : r + 1]
    disc = (dx * dx + dy * dy) <= r * r + 0.5
    for ddy, ddx in zip(dy[disc], dx[disc]):
        yy, xx = py + ddy, px + ddx
        ok = (xx >= 0) & (xx < cov.shape[1]) & (yy >= 0) & (yy < cov.shape[0])
        cov[yy[ok], xx[ok]] = 1.0
    return cov[m:-m, m:-m]


def to_png(img: np.ndarray, alpha: np.ndarray) -> bytes:
    """The PNG of premultiplied colour ``img`` (h, w, 3) and its coverage ``alpha``."""
    h, w = alpha.shape
    rgba = np.empty((h, w, 4), dtype=np.uint8)
    with np.errstate(invalid="ignore", divide="ignore"):
        rgb = np.where(alpha[..., None] > 0, img / alpha[..., None], 0)
    rgba[..., :3] = np.clip(rgb * 255 + 0.5, 0, 255)
    rgba[..., 3] = np.clip(alpha * 255 + 0.5, 0, 255)
    return encode_png(rgba)


def _paths(geoms: np.ndarray):
    """(coordinates, path offsets, feature of each path, path is a ring, path is a hole) for
    all rings and lines of ``geoms``, in feature order — from shapely's ragged arrays (no per-geometry
    objects) when the layer has one kind of geometry, from its parts otherwise."""
    from shapely import GeometryType as G

    n = len(geoms)
    kinds = shapely.get_type_id(geoms)
    simple_polys = bool(np.all(kinds == G.POLYGON)) and not shapely.get_num_interior_rings(geoms).any()
    if simple_polys or bool(np.all(kinds == G.LINESTRING)):
        # the common case (footprints without holes, plain lines): one ring or line per
        # feature, so coordinates and their feature index are all we need — fastest path
        coords, which = shapely.get_coordinates(geoms, return_index=True)
        offsets = np.concatenate([[0], np.cumsum(np.bincount(which, minlength=n))])
        return coords, offsets, np.arange(n), np.full(n, simple_polys), np.zeros(n, bool)
    try:
        kind, coords, offsets = shapely.to_ragged_array(geoms)
    except ValueError:  # mixed kinds: the slower, general way
        kind = None
    if kind == G.POLYGON:
        ring_off, geom_off = offsets
        feature = np.repeat(np.arange(n), np.diff(geom_off))
        return coords, ring_off, feature, np.ones(len(feature), bool), _holes(geom_off, len(feature))
    if kind == G.MULTIPOLYGON:
        ring_off, poly_off, geom_off = offsets
        poly_feature = np.repeat(np.arange(n), np.diff(geom_off))
        feature = np.repeat(poly_feature, np.diff(poly_off))
        return coords, ring_off, feature, np.ones(len(feature), bool), _holes(poly_off, len(feature))
    if kind == G.LINESTRING:
        (geom_off,) = offsets
        return coords, geom_off, np.arange(n), np.zeros(n, bool), np.zeros(n, bool)
    if kind == G.MULTILINESTRING:
        line_off, geom_off = offsets
        feature = np.repeat(np.arange(n), np.diff(geom_off))
        return coords, line_off, feature, np.zeros(len(feature), bool), np.zeros(len(feature), bool)
    if kind in (G.POINT, G.MULTIPOINT):
        return (
            np.zeros((0, 2)),
            np.zeros(1, dtype=np.int64),
            np.zeros(0, np.int64),
            np.zeros(0, bool),
            np.zeros(0, bool),
        )
    parts, part_of = shapely.get_parts(geoms, return_index=True)
    part_kind = shapely.get_type_id(parts)
    polys = part_kind == G.POLYGON
    rings, ring_of = shapely.get_rings(parts[polys], return_index=True)
    hole = np.ones(len(rings), bool)  # each polygon's first ring is its outer one
    hole[np.unique(ring_of, return_index=True)[1]] = False
    lines = np.isin(part_kind, (int(G.LINESTRING), int(G.LINEARRING)))
    paths = np.concatenate([rings, parts[lines]])
    feature = np.concatenate([part_of[polys][ring_of], part_of[lines]]).astype(np.int64)
    is_ring = np.concatenate([np.ones(len(rings), bool), np.zeros(int(lines.sum()), bool)])
    is_hole = np.concatenate([hole, np.zeros(int(lines.sum()), bool)])
    order = np.argsort(feature, kind="stable")
    paths, feature, is_ring, is_hole = paths[order], feature[order], is_ring[order], is_hole[order]
    coords, which = shapely.get_coordinates(paths, return_index=True)
    path_offsets = np.concatenate([[0], np.cumsum(np.bincount(which, minlength=len(paths)))])
    return coords, path_offsets, feature, is_ring, is_hole


def _holes(ring_of_polygon: np.ndarray, rings: int) -> np.ndarray:
    """Which rings are holes, from the offsets of each polygon's rings (its first is outer)."""
    hole = np.ones(rings, bool)
    starts = np.asarray(ring_of_polygon[:-1], dtype=np.int64)
    hole[starts[starts < np.asarray(ring_of_polygon[1:])]] = False
    return hole


def _over(img: np.ndarray, alpha: np.ndarray, rgb: np.ndarray, a: np.ndarray) -> None:
    """Premultiplied "source over" of a flat colour with per-pixel alpha ``a``."""
    a = np.clip(a, 0.0, 1.0)
    img *= (1.0 - a)[..., None]
    img += a[..., None] * rgb
    alpha *= 1.0 - a
    alpha += a


def fill_coverage(x0, y0, x1, y1, ox, oy, res, size) -> np.ndarray:
    """Coverage (0–1) of the polygons whose ring edges are given, on a ``size``² grid of
    pixels ``res`` wide: the non-zero fill sampled 2×2 in each pixel (how every shape of a
    tile is filled)."""
    ss = 2
    return (
        _scanfill(x0, y0, x1, y1, ox, oy, res / ss, size * ss).reshape(size, ss, size, ss).mean(axis=(1, 3))
    )


def _scanfill(x0, y0, x1, y1, ox, oy, res, size) -> np.ndarray:
    """Non-zero winding fill of the polygons whose edges are given, sampled at pixel centres
    of a ``size``×``size`` grid whose top-left corner is (ox, oy) in the edges' units."""
    px0 = (x0 - ox) / res
    px1 = (x1 - ox) / res
    py0 = (oy - y0) / res
    py1 = (oy - y1) / res
    finite = np.isfinite(px0) & np.isfinite(px1) & np.isfinite(py0) & np.isfinite(py1)
    if not finite.all():  # (a missing coordinate: no crossing)
        px0, px1, py0, py1 = px0[finite], px1[finite], py0[finite], py1[finite]
    lo = np.minimum(py0, py1)
    hi = np.maximum(py0, py1)
    first = np.maximum(np.ceil(lo - 0.5), 0).astype(np.int64)  # first row centre ≥ lo
    last = np.minimum(np.ceil(hi - 0.5), size).astype(np.int64)  # rows whose centre < hi
    count = np.maximum(last - first, 0)
    keep = count > 0
    if not keep.any():
        return np.zeros((size, size), dtype=np.float32)
    px0, px1, py0, py1, first, count = (a[keep] for a in (px0, px1, py0, py1, first, count))
    dx, dy = px1 - px0, py1 - py0
    w = size + 1
    cells = size * w
    # each crossing is counted in a bin of its row and column: edges going down in the first
    # half of the bins, going up in the second (no weights, no masks: one integer count),
    # and the slots an edge does not use in one bin past both
    at = first * w + np.where(dy > 0, 0, cells)
    crossings = np.zeros(2 * cells + 1, dtype=np.int32)
    pending: list[np.ndarray] = []  # (counted a few hundred thousand at a time)
    held = 0

    def tally() -> None:
        # ufunc.at with a scalar of the bins' type (its fast path): as fast as a bincount for
        # millions, and it touches only the bins it counts — a bincount makes all of them,
        # 5M at print scale, for a sparse tile too
        np.add.at(crossings, np.concatenate(pending), np.int32(1))

    # short edges (most of a dense tile's) side by side, k rows each; long ones row by row.
    # A few hundred thousand crossings at a time: a dense tile has millions
    for k, whole in _buckets(count, (4, 8, 16, 32)):
        for part in _parts(count if k is None else np.full(len(count), k), CROSSINGS, whole):
            if k is None:
                edge = np.repeat(part, count[part])
                rows = _ranges(np.zeros(len(part), dtype=np.int64), count[part])
                t = ((first[edge] + rows) + 0.5 - py0[edge]) / dy[edge]
                xc = px0[edge] + t * dx[edge]
                base = at[edge] + rows * w
            else:
                rows = np.arange(k)
                t = ((first[part, None] + rows) + 0.5 - py0[part, None]) / dy[part, None]
                xc = px0[part, None] + t * dx[part, None]
                base = at[part, None] + rows * w
            np.ceil(xc - 0.5, out=xc)  # the first pixel centre right of the crossing
            np.clip(xc, 0, size, out=xc)
            idx = base + xc.astype(np.int64)
            if k is not None:
                idx[rows >= count[part, None]] = 2 * cells
            pending.append(idx.ravel())
            held += idx.size
            if held >= CROSSINGS:
                tally()
                pending, held = [], 0
    if pending:
        tally()
    diff = crossings[:cells] - crossings[cells : 2 * cells]
    winding = np.cumsum(diff.reshape(size, w), axis=1)[:, :size]
    return (winding != 0).astype(np.float32)


def _stroke(x0, y0, x1, y1, ox, oy, res, width, size=TILE) -> np.ndarray:
    """Coverage of line segments ``width`` pixels wide (sampled at half-pixel steps)."""
    px0 = (x0 - ox) / res
    px1 = (x1 - ox) / res
    py0 = (oy - y0) / res
    py1 = (oy - y1) / res
    # each segment clipped to the tile and a margin (Liang–Barsky): a long one — a district's
    # edge zoomed in — is sampled where it shows, not thinned to dots across the whole of it
    lo, hi = -width - 2.0, size + width + 2.0
    dx, dy = px1 - px0, py1 - py0
    t0 = np.zeros(len(px0))
    t1 = np.ones(len(px0))
    keep = np.ones(len(px0), dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for d, q in ((-dx, px0 - lo), (dx, hi - px0), (-dy, py0 - lo), (dy, hi - py0)):
            r = q / d
            t0 = np.where(d < 0, np.maximum(t0, r), t0)
            t1 = np.where(d > 0, np.minimum(t1, r), t1)
            keep &= ~((d == 0) & (q < 0))
    keep &= (t0 <= t1) & np.isfinite(px0) & np.isfinite(py0) & np.isfinite(dx) & np.isfinite(dy)
    t0, t1, px0, py0, dx, dy = t0[keep], t1[keep], px0[keep], py0[keep], dx[keep], dy[keep]
    if len(px0) == 0:
        return np.zeros((size, size), dtype=np.float32)
    half = max(width, 1.0) / 2.0
    r = int(np.ceil(half - 0.5))
    offsets = [
        (dx, dy)
        for dy in range(-r, r + 1)
        for dx in range(-r, r + 1)
        if not (dx * dx + dy * dy > (half + 0.25) ** 2 and r > 0)
    ]
    # drawn on a canvas with a margin wider than the clip's and the pen's: every sample and
    # its pen lands on it (no bounds test per sample), and the tile is its middle
    m = int(np.ceil(width + 2.0)) + r + 2  # (one pixel more: a sample rounded past the clip)
    big = size + 2 * m
    # float32 from here: within a few pixels of the tile, exact to a millionth of a pixel
    # (and the samples of a dense tile take half the memory and time)
    # (held inside the clip box: ends far outside it, 1e18 pixels, lose more than the margin
    # to rounding)
    px0, px1 = (np.clip(px0 + t * dx, lo, hi).astype(np.float32) for t in (t0, t1))
    py0, py1 = (np.clip(py0 + t * dy, lo, hi).astype(np.float32) for t in (t0, t1))
    length = np.hypot(px1 - px0, py1 - py0)
    steps = np.minimum(np.ceil(length * 2).astype(np.int64) + 1, 4 * size)
    canvas = np.zeros((big, big), dtype=np.float32)
    flat = canvas.ravel()
    sx, sy = px1 - px0, py1 - py0
    batches = [
        (k, part)
        for k, whole in _buckets(steps, (8, 16, 32))
        # (k samples a segment in a bucket of k: so many in flight at once)
        for part in _parts(steps if k is None else np.full(len(steps), k), CROSSINGS, whole)
    ]
    for k, sel in batches:
        if k is None:  # long segments: their samples one after another
            seg = np.repeat(sel, steps[sel])
            t = _ranges(np.zeros(len(sel), dtype=np.int64), steps[sel]) / np.maximum(steps[seg] - 1, 1)
            xs = px0[seg] + t * sx[seg]
            ys = py0[seg] + t * sy[seg]
        else:  # short ones k samples each, side by side; those past a segment's own steps
            # repeat its end (a pixel set twice)
            last = np.maximum(steps[sel, None] - 1, 1).astype(np.float32)
            t = np.minimum(np.arange(k, dtype=np.float32) / last, np.float32(1))
            xs = (px0[sel, None] + t * sx[sel, None]).ravel()
            ys = (py0[sel, None] + t * sy[sel, None]).ravel()
        at = (np.floor(ys).astype(np.int32) + m) * big + (np.floor(xs).astype(np.int32) + m)
        for dx, dy in offsets:
            flat[at + (dy * big + dx)] = 1.0
    cov = np.ascontiguousarray(canvas[m : m + size, m : m + size])
    if width < 1.0:
        cov *= width
    return cov


def _parts(count: np.ndarray, limit: int, among: np.ndarray | None = None):
    """Consecutive runs of the indexes ``among`` (all by default) whose ``count`` sums to
    about ``limit`` (one index at least each)."""
    among = np.arange(len(count)) if among is None else among
    total = np.cumsum(count[among])
    if len(total) == 0 or total[-1] <= limit:
        if len(among):
            yield among
        return
    cuts = np.searchsorted(total, np.arange(limit, total[-1], limit), side="right")
    for a, b in zip(np.concatenate([[0], cuts]), np.concatenate([cuts, [len(among)]])):
        if b > a:
            yield among[a:b]


def _buckets(count: np.ndarray, limits: tuple[int, ...]):
    """(limit, indexes) of the entries of ``count`` grouped by the smallest limit holding
    them (none over 0), then (None, the rest)."""
    lo = 0
    for k in limits:
        sel = np.flatnonzero((count > lo) & (count <= k))
        if len(sel):
            yield k, sel
        lo = k
    sel = np.flatnonzero(count > lo)
    if len(sel):
        yield None, sel
