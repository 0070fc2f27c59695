"""Curved geometries (ISO WKB CircularString, CompoundCurve, CurvePolygon, MultiCurve,
MultiSurface — also inside collections) as straight-segment geometries shapely can use.

GDAL's Arrow stream hands GeoPackage curves over as they are stored, and shapely/GEOS cannot
read them (``from_wkb`` raises, or, nested in a collection, later operations do). Each arc
is drawn through its three points with at most ``MAX_ANGLE`` of turn per segment, the way
QGIS segmentizes curves for display; the arc's end points are kept exactly. Triangles,
polyhedral surfaces and TINs become polygons and multipolygons.
"""

from __future__ import annotations

import math
import struct

import numpy as np
import shapely

MAX_ANGLE = math.radians(1.0)
MAX_DEPTH = 32

CURVE_CODES = frozenset({8, 9, 10, 11, 12, 13, 14})  # ISO base codes (code % 1000)
LINEARIZABLE = CURVE_CODES | {15, 16, 17}


class WKBError(ValueError):
    pass


def base_code(value: bytes | None) -> int:
    """The top-level ISO type code of a WKB value (flags and Z/M thousands removed), -1 if
    it cannot be read."""
    if value is None or len(value) < 5 or value[0] not in (0, 1):
        return -1
    code = int.from_bytes(value[1:5], "little" if value[0] == 1 else "big")
    return (code & 0x0FFFFFFF) % 1000


def has_curve(value: bytes) -> bool:
    """Whether a WKB value holds a curve anywhere (e.g. a CircularString in a collection)."""
    try:
        _Reader(value).read(0, probe=True)
    except _CurveFoundError:
        return True
    except (WKBError, struct.error, ValueError, IndexError):
        return False
    return False


def linearize(value: bytes, max_angle: float = MAX_ANGLE):
    """A shapely geometry with every arc replaced by straight segments (None if the WKB cannot
    be read)."""
    try:
        return _Reader(value, max_angle).read(0)
    except (WKBError, struct.error, ValueError, IndexError, shapely.errors.GEOSException):
        return None


class _CurveFoundError(Exception):
    pass


class _Reader:
    def __init__(self, data: bytes, max_angle: float = MAX_ANGLE):
        self.data = bytes(data)
        self.pos = 0
        self.max_angle = max(float(max_angle), 1e-3)

    # -- low level -----------------------------------------------------------------------
    def _uint(self, order: str) -> int:
        if self.pos + 4 > len(self.data):
            raise WKBError("truncated")
        (value,) = struct.unpack_from(order + "I", self.data, self.pos)
        self.pos += 4
        return value

    def _points(self, order: str, dims: int, count: int | None = None) -> np.ndarray:
        n = self._uint(order) if count is None else count
        size = n * dims * 8
        if size > len(self.data) - self.pos:
            raise WKBError("point count larger than the data")
        arr = np.frombuffer(self.data, dtype=order + "f8", count=n * dims, offset=self.pos)
        self.pos += size
        return arr.reshape(n, dims)[:, :2].astype(float)

    def _header(self) -> tuple[str, int, int]:
        if self.pos >= len(self.data):
            raise WKBError("truncated")
        byte = self.data[self.pos]
        if byte not in (0, 1):
            raise WKBError("bad byte order")
        self.pos += 1
        order = "<" if byte == 1 else ">"
        code = self._uint(order)
        dims = 2
        if code & 0x80000000:  # EWKB flags
            dims += 1
        if code & 0x40000000:
            dims += 1
        if code & 0x20000000:
            self._uint(order)  # SRID
        code &= 0x0FFFFFFF
        thousands, base = divmod(code, 1000)
        dims += {0: 0, 1: 1, 2: 1, 3: 2}.get(thousands, 0)
        return order, base, dims

    # -- geometry ------------------------------------------------------------------------
    def read(self, depth: int, probe: bool = False):
        if depth > MAX_DEPTH:
            raise WKBError("nested too deeply")
        order, base, dims = self._header()
        if probe and base in CURVE_CODES:
            raise _CurveFoundError
        if base == 1:
            xy = self._points(order, dims, 1)[0]
            return None if probe else (shapely.Point() if np.isnan(xy).all() else shapely.Point(xy))
        if base in (2, 8, 9):
            xy = self._curve(order, base, dims, depth)
            return None if probe else _line(xy)
        if base in (3, 10, 17):
            rings = self._rings(order, base, dims, depth)
            return None if probe else _polygon(rings)
        if base in (4, 5, 6, 7, 11, 12, 15, 16):
            n = self._uint(order)
            if n > len(self.data) - self.pos:
                raise WKBError("part count larger than the data")
            parts = [self.read(depth + 1, probe) for _ in range(n)]
            if probe:
                return None
            return _collection(base, parts)
        raise WKBError(f"unsupported WKB type {base}")

    def _curve(self, order: str, base: int, dims: int, depth: int) -> np.ndarray:
        if base == 2:
            return self._points(order, dims)
        if base == 8:
            return _arcs(self._points(order, dims), self.max_angle)
        n = self._uint(order)  # CompoundCurve: LineStrings and CircularStrings end to end
        if n > len(self.data) - self.pos:
            raise WKBError("part count larger than the data")
        pieces = []
        for _ in range(n):
            sub_order, sub_base, sub_dims = self._header()
            if sub_base not in (2, 8):
                raise WKBError("bad CompoundCurve member")
            xy = self._curve(sub_order, sub_base, sub_dims, depth + 1)
            if pieces and len(xy) and len(pieces[-1]) and np.array_equal(pieces[-1][-1], xy[0]):
                xy = xy[1:]
            pieces.append(xy)
        return np.concatenate(pieces) if pieces else np.empty((0, 2))

    def _rings(self, order: str, base: int, dims: int, depth: int) -> list[np.ndarray]:
        n = self._uint(order)
        if n > len(self.data) - self.pos:
            raise WKBError("ring count larger than the data")
        rings = []
        for _ in range(n):
            if base == 10:  # CurvePolygon: each ring is a full curve with its own header
                sub_order, sub_base, sub_dims = self._header()
                if sub_base not in (2, 8, 9):
                    raise WKBError("bad CurvePolygon ring")
                rings.append(self._curve(sub_order, sub_base, sub_dims, depth + 1))
            else:
                rings.append(self._points(order, dims))
        return rings


def _line(xy: np.ndarray):
    if len(xy) == 0:
        return shapely.LineString()
    return shapely.LineString(xy)


def _polygon(rings: list[np.ndarray]):
    rings = [r for r in rings if len(r)]
    if not rings:
        return shapely.Polygon()
    closed = [r if np.array_equal(r[0], r[-1]) else np.vstack([r, r[:1]]) for r in rings]
    return shapely.Polygon(closed[0], closed[1:])


def _collection(base: int, parts: list):
    parts = [p for p in parts if p is not None]
    if base == 4:
        return shapely.MultiPoint([p for p in parts if not p.is_empty])
    if base in (5, 11):
        return shapely.MultiLineString([p for p in parts if not p.is_empty])
    if base in (6, 12, 15, 16):
        polys = []
        for p in parts:
            polys += list(p.geoms) if p.geom_type == "MultiPolygon" else [p]
        return shapely.MultiPolygon([p for p in polys if not p.is_empty])
    return shapely.GeometryCollection(parts)


def _arcs(points: np.ndarray, max_angle: float) -> np.ndarray:
    """A CircularString's points (p0 p1 p2 [p3 p4 …]) as a polyline."""
    if len(points) < 3:
        return points
    out = [points[:1]]
    for i in range(0, len(points) - 2, 2):
        out.append(_arc(points[i], points[i + 1], points[i + 2], max_angle)[1:])
    return np.concatenate(out)


def _arc(p0: np.ndarray, p1: np.ndarray, p2: np.ndarray, max_angle: float) -> np.ndarray:
    """The arc from p0 through p1 to p2 (a full circle when p0 == p2)."""
    if not (np.isfinite(p0).all() and np.isfinite(p1).all() and np.isfinite(p2).all()):
        return np.array([p0, p1, p2])
    if np.array_equal(p0, p2):  # full circle: p1 is diametrically opposite
        centre = (p0 + p1) / 2.0
        radius = float(np.hypot(*(p0 - centre)))
        if radius == 0.0:
            return np.array([p0, p2])
        start = math.atan2(p0[1] - centre[1], p0[0] - centre[0])
        sweep = 2.0 * math.pi
    else:
        ax, ay = p0
        bx, by = p1
        cx, cy = p2
        d = 2.0 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
        scale = max(abs(ax), abs(ay), abs(bx), abs(by), abs(cx), abs(cy), 1.0)
        span = max(np.ptp([ax, bx, cx]), np.ptp([ay, by, cy]))
        if span == 0.0 or abs(d) <= 1e-12 * scale * span:  # collinear: a straight path
            return np.array([p0, p1, p2])
        ux = (
            (ax * ax + ay * ay) * (by - cy)
            + (bx * bx + by * by) * (cy - ay)
            + (cx * cx + cy * cy) * (ay - by)
        ) / d
        uy = (
            (ax * ax + ay * ay) * (cx - bx)
            + (bx * bx + by * by) * (ax - cx)
            + (cx * cx + cy * cy) * (bx - ax)
        ) / d
        centre = np.array([ux, uy])
        radius = float(np.hypot(ax - ux, ay - uy))
        start = math.atan2(ay - uy, ax - ux)
        end = math.atan2(cy - uy, cx - ux)
        ccw = (bx - ax) * (cy - by) - (by - ay) * (cx - bx) > 0
        if ccw:
            sweep = (end - start) % (2.0 * math.pi)
        else:
            sweep = -((start - end) % (2.0 * math.pi))
    steps = max(2, math.ceil(abs(sweep) / max_angle))
    steps = min(steps, 100_000)
    angles = start + sweep * np.linspace(0.0, 1.0, steps + 1)
    xy = np.column_stack([centre[0] + radius * np.cos(angles), centre[1] + radius * np.sin(angles)])
    xy[0] = p0
    xy[-1] = p2
    return xy
