"""Geodesic measurement of what a planner clicks on the map: lengths and areas on the
ellipsoid (pyproj.Geod), never in degrees or Web Mercator."""

from __future__ import annotations

from collections.abc import Sequence

import pyproj

GEOD = pyproj.Geod(ellps="GRS80")  # the CGCS2000 ellipsoid (WGS 84 differs by 0.1 mm)


def path_length(points: Sequence[tuple[float, float]]) -> float:
    """Length in metres of the path through (lon, lat) points."""
    if len(points) < 2:
        return 0.0
    lons, lats = zip(*points, strict=True)
    return float(GEOD.line_length(lons, lats))


def polygon_area(points: Sequence[tuple[float, float]]) -> float:
    """Area in m² of the polygon with (lon, lat) vertices (closed automatically)."""
    if len(points) < 3:
        return 0.0
    lons, lats = zip(*points, strict=True)
    area, _ = GEOD.polygon_area_perimeter(lons, lats)
    return abs(float(area))


def format_length(metres: float) -> str:
    return f"{metres:,.1f} m" if metres < 1000 else f"{metres / 1000:,.3f} km"


def format_area(m2: float) -> str:
    if m2 < 10_000:
        return f"{m2:,.0f} m²"
    if m2 < 1_000_000:
        return f"{m2 / 10_000:,.2f} ha"
    return f"{m2 / 1_000_000:,.3f} km²"
