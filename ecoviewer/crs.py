"""Coordinate reference systems: parse what users write, label what files carry, and build the
one transformer per layer that takes it to lon/lat for display."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pyproj
import pyproj.network
from pyproj.exceptions import CRSError

# PROJ may fetch transformation grids from cdn.proj.org when its network is on (PROJ_NETWORK=ON
# or proj.ini): EcoViewer works offline, whatever the environment says. (The PROJ inside
# pyogrio's GDAL is switched off in gdal_safety.)
pyproj.network.set_network_enabled(False)

LONLAT = pyproj.CRS.from_epsg(4326)


def parse_crs(text: str | int | pyproj.CRS) -> pyproj.CRS:
    """Parse an EPSG code (``4548`` or ``"EPSG:4548"``), WKT or a PROJ string.

    Raises ``ValueError`` with a one-line message when PROJ cannot make sense of it.
    """
    if isinstance(text, pyproj.CRS):
        return text
    try:
        if isinstance(text, int) or (isinstance(text, str) and text.strip().isdigit()):
            return pyproj.CRS.from_epsg(int(text))
        return pyproj.CRS.from_user_input(text)
    except CRSError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "unknown CRS"
        shown = text if len(str(text)) <= 60 else str(text)[:57] + "…"
        raise ValueError(f"cannot understand CRS {shown!r} ({first})") from None


def crs_label(crs: pyproj.CRS | None) -> str | None:
    """``"EPSG:4548"`` when the CRS is identified with confidence, else its name."""
    if crs is None:
        return None
    auth = crs.to_authority(min_confidence=70)
    if auth:
        return f"{auth[0]}:{auth[1]}"
    return crs.name or crs.to_wkt()[:60]


def is_lonlat_range(bounds: tuple[float, float, float, float] | None) -> bool:
    if bounds is None or not np.all(np.isfinite(bounds)):
        return False
    minx, miny, maxx, maxy = bounds
    return -180.0 <= minx <= maxx <= 180.0 and -90.0 <= miny <= maxy <= 90.0


@lru_cache(maxsize=64)
def _transformer(src_wkt: str, dst_wkt: str) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(
        pyproj.CRS.from_wkt(src_wkt), pyproj.CRS.from_wkt(dst_wkt), always_xy=True
    )


def transformer(src: pyproj.CRS, dst: pyproj.CRS) -> pyproj.Transformer | None:
    """An ``always_xy`` transformer from ``src`` to ``dst`` (None when they are the same)."""
    if src == dst:
        return None
    return _transformer(src.to_wkt(), dst.to_wkt())


def transform_geometries(geoms: np.ndarray, src: pyproj.CRS, dst: pyproj.CRS) -> np.ndarray:
    """Reproject a whole array of shapely geometries with one vectorised PROJ call."""
    import shapely

    tr = transformer(src, dst)
    if tr is None or len(geoms) == 0:
        return geoms

    def fn(xy: np.ndarray) -> np.ndarray:
        x, y = tr.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geoms, fn)


# -- GCJ-02 and BD-09: the offset "datums" of Chinese web maps -------------------------------
# GCJ-02 (AMap/Gaode, Tencent, DataV GeoAtlas) shifts WGS 84 lon/lat by an obfuscation
# function, here about 545 m east and 110 m north; BD-09 (Baidu) adds a further shift on top.
# Neither has an EPSG code and PROJ cannot convert them. The forward function is public; it
# is inverted here by fixed-point iteration (to ~1e-9°, millimetres), whole arrays at once.

_GCJ_A = 6378245.0
_GCJ_EE = 0.00669342162296594323
OFFSET_DATUMS = {
    "GCJ-02": ("gcj-02", "gcj02", "gcj", "火星坐标", "国测局坐标"),
    "BD-09": ("bd-09", "bd09", "bd", "百度坐标"),
}


def offset_datum(text: str | None) -> str | None:
    """ "GCJ-02" or "BD-09" when ``text`` names one of them (any common spelling), else None."""
    if not isinstance(text, str):
        return None
    key = text.strip().lower()
    for name, spellings in OFFSET_DATUMS.items():
        if key in spellings:
            return name
    return None


def _in_china(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    return (lon > 72.004) & (lon < 137.8347) & (lat > 0.8293) & (lat < 55.8271)


def wgs84_to_gcj02(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The public GCJ-02 forward function (unchanged outside China's box)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    x, y = lon - 105.0, lat - 35.0
    pi = np.pi
    dlat = (
        -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * np.sqrt(np.abs(x))
        + (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
        + (20.0 * np.sin(y * pi) + 40.0 * np.sin(y / 3.0 * pi)) * 2.0 / 3.0
        + (160.0 * np.sin(y / 12.0 * pi) + 320 * np.sin(y * pi / 30.0)) * 2.0 / 3.0
    )
    dlon = (
        300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * np.sqrt(np.abs(x))
        + (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
        + (20.0 * np.sin(x * pi) + 40.0 * np.sin(x / 3.0 * pi)) * 2.0 / 3.0
        + (150.0 * np.sin(x / 12.0 * pi) + 300.0 * np.sin(x / 30.0 * pi)) * 2.0 / 3.0
    )
    rad = lat / 180.0 * pi
    magic = 1 - _GCJ_EE * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_GCJ_A * (1 - _GCJ_EE)) / (magic * sqrt_magic) * pi)
    dlon = (dlon * 180.0) / (_GCJ_A / sqrt_magic * np.cos(rad) * pi)
    inside = _in_china(lon, lat)
    return np.where(inside, lon + dlon, lon), np.where(inside, lat + dlat, lat)


def gcj02_to_wgs84(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Invert GCJ-02 by fixed-point iteration: w ← w − (gcj(w) − g)."""
    g_lon = np.asarray(lon, dtype=float)
    g_lat = np.asarray(lat, dtype=float)
    w_lon, w_lat = g_lon.copy(), g_lat.copy()
    for _ in range(30):
        f_lon, f_lat = wgs84_to_gcj02(w_lon, w_lat)
        d_lon, d_lat = f_lon - g_lon, f_lat - g_lat
        w_lon -= d_lon
        w_lat -= d_lat
        with np.errstate(invalid="ignore"):
            if not (
                np.nanmax(np.abs(d_lon), initial=0) > 1e-10 or np.nanmax(np.abs(d_lat), initial=0) > 1e-10
            ):
                break
    return w_lon, w_lat


def bd09_to_gcj02(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x_pi = np.pi * 3000.0 / 180.0
    x = np.asarray(lon, dtype=float) - 0.0065
    y = np.asarray(lat, dtype=float) - 0.006
    z = np.sqrt(x * x + y * y) - 0.00002 * np.sin(y * x_pi)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * x_pi)
    return z * np.cos(theta), z * np.sin(theta)


def from_offset_datum(geoms: np.ndarray, datum: str) -> np.ndarray:
    """Geometries in GCJ-02 or BD-09 lon/lat moved to WGS 84 lon/lat, whole arrays at once."""
    import shapely

    def fn(xy: np.ndarray) -> np.ndarray:
        lon, lat = xy[:, 0], xy[:, 1]
        if datum == "BD-09":
            lon, lat = bd09_to_gcj02(lon, lat)
        return np.column_stack(gcj02_to_wgs84(lon, lat))

    return shapely.transform(geoms, fn) if len(geoms) else geoms


def measure_crs_for(bounds: list[float] | None) -> str:
    """The metric CRS proposed for data at ``bounds`` (lon/lat): the CGCS2000 3-degree
    Gauss-Kruger zone whose central meridian is nearest the data's middle (EPSG:4534 for
    75°E … EPSG:4554 for 135°E; Tianjin's 117°E is EPSG:4548), as Chinese surveys use; outside
    China's zones, the WGS 84 UTM zone."""
    if not bounds:
        return "EPSG:4548"
    lon = (bounds[0] + bounds[2]) / 2
    lat = (bounds[1] + bounds[3]) / 2
    meridian = math.floor((lon + 1.5) / 3) * 3  # a zone runs from CM - 1.5° to CM + 1.5°
    if 75 <= meridian <= 135 and 0 <= lat <= 56:
        return f"EPSG:{4534 + (meridian - 75) // 3}"
    zone = min(60, max(1, int((lon + 180) // 6) + 1))
    return f"EPSG:{(32600 if lat >= 0 else 32700) + zone}"
