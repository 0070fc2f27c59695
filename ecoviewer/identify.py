"""Identify: which features lie under a click, on every visible layer, at any zoom.

Runs in Python on the layers' full geometry (an STRtree per layer, built once), so it is
exact whether the page drew a layer as paths or as tiles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from .sources import FeatureTable

TOLERANCE_PX = 5


@dataclass
class Hit:
    layer_id: str
    row: int
    distance: float  # degrees; 0 inside a polygon
    attributes: dict[str, Any]


def degrees_per_pixel(zoom: float) -> float:
    """Longitude degrees one screen pixel spans at a Web Mercator zoom level."""
    return 360.0 / (256.0 * 2.0**zoom)


def identify(
    tables: dict[str, FeatureTable],
    layer_ids: list[str],
    lon: float,
    lat: float,
    zoom: float,
    tolerance_px: float = TOLERANCE_PX,
    limit: int = 50,
) -> list[Hit]:
    """Features within ``tolerance_px`` screen pixels of (lon, lat) on the given layers,
    listed top layer first (``layer_ids`` in drawing order, bottom first), nearest first.
    A raster layer answers with the pixel value(s) under the point, in its own units
    (row -1; "band N" fields, None for nodata); outside it, nothing."""
    point = shapely.Point(lon, lat)
    tolerance = tolerance_px * degrees_per_pixel(zoom)
    hits: list[Hit] = []
    for layer_id in reversed(layer_ids):
        table = tables.get(layer_id)
        if getattr(table, "kind", "") == "raster":
            values = table.values_at(lon, lat)
            if values is not None:
                hits.append(Hit(layer_id, -1, 0.0, raster_attributes(table, values)))
            continue
        if getattr(table, "kind", "") == "streamed":  # read around the point from the file
            from .streaming import StreamError
            from .streaming import identify as identify_streamed

            try:
                found = identify_streamed(table, lon, lat, tolerance, limit - len(hits))
            except StreamError:
                found = []
            hits += [Hit(layer_id, row, dist, attrs) for row, dist, attrs in found]
            if len(hits) >= limit:
                return hits
            continue
        if table is None or len(table) == 0:
            continue
        rows = table.tree().query(point, predicate="dwithin", distance=tolerance)
        if len(rows) == 0:
            continue
        dist = shapely.distance(table.geometry[rows], point)
        for i in np.lexsort((rows, dist)):  # nearest first, then file order
            row = int(rows[i])
            hits.append(Hit(layer_id, row, float(dist[i]), table.attributes(row)))
            if len(hits) >= limit:
                return hits
    return hits


def raster_attributes(table, values: list) -> dict[str, Any]:
    """A raster's pixel values as Identify lists them: "band 1" (or the band's unit) → value."""
    unit = table.style.unit if table.style is not None and table.style.unit else ""
    out: dict[str, Any] = {}
    for i, value in enumerate(values):
        band_unit = unit or (table.units[i] if i < len(table.units) else "")
        name = f"band {i + 1}" + (f" ({band_unit})" if band_unit else "")
        out[name] = None if value is None else round(float(value), 6)
    return out
