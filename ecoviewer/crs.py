"""Coordinate reference systems: parse what users write, label what files carry, and build the
one transformer per layer that takes it to lon/lat for display."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pyproj
from pyproj.exceptions import CRSError

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
    return pyproj.Transformer.from_crs(pyproj.CRS.from_wkt(src_wkt), pyproj.CRS.from_wkt(dst_wkt),
                                       always_xy=True)


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
