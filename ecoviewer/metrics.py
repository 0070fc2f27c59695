"""The target metrics, one ``@metric`` function each (the registry is in ``targets.py``):
what a target's value is, which features are responsible when it is missed, which rows were
measured. Every measure is taken in the project's metric CRS, on whole shapely arrays.

A new metric is one function here (``@metric("name", needs=(...))``) and its test.
"""

from __future__ import annotations

import numpy as np
import shapely

from .sources import POINT_KINDS, POLYGON_KINDS
from .targets import OPS, Target, TargetError, _Context, _fails, _share_responsible, metric


def field_statistic(t: Target, ctx: _Context, table, rows, reduce) -> tuple:
    """A statistic of a numeric field over the matching features; the features that fail
    the goal on their own are responsible (not for a sum)."""
    values = ctx.column(t, table, t.field, numeric=True)
    use = rows & np.isfinite(values)
    if not use.any():
        return None, {}, use
    v = values[use]
    value = reduce(v, use)
    bad = np.zeros(len(table), dtype=bool)
    if t.metric != "sum":
        bad[use] = _fails(t.op, v, t.target)
    return value, {t.layer: np.flatnonzero(bad)}, use


@metric("mean", needs=("field",), optional=("where", "weight"))
def _mean(t, ctx, table, rows, present):
    def reduce(v, use):
        if not t.weight:
            return float(v.mean())
        w = ctx.column(t, table, t.weight, numeric=True)[use]
        ok = np.isfinite(w)
        return float(np.sum(v[ok] * w[ok]) / np.sum(w[ok])) if np.sum(w[ok]) > 0 else None

    return field_statistic(t, ctx, table, rows, reduce)


@metric("min", needs=("field",))
def _min(t, ctx, table, rows, present):
    return field_statistic(t, ctx, table, rows, lambda v, use: float(v.min()))


@metric("max", needs=("field",))
def _max(t, ctx, table, rows, present):
    return field_statistic(t, ctx, table, rows, lambda v, use: float(v.max()))


@metric("sum", needs=("field",), optional=("where", "weight"))
def _sum(t, ctx, table, rows, present):
    def reduce(v, use):
        w = ctx.column(t, table, t.weight, numeric=True)[use] if t.weight else 1.0
        return float(np.nansum(v * w))

    return field_statistic(t, ctx, table, rows, reduce)


@metric("count_share", optional=("where", "weight"))
def _count_share(t, ctx, table, rows, present):
    # the share is of the features the layer has; `where` says which count as matching
    considered = np.ones(len(table), dtype=bool)
    w = ctx.column(t, table, t.weight, numeric=True) if t.weight else np.ones(len(table))
    w = np.where(np.isfinite(w), w, 0.0)
    total = w.sum()
    if total <= 0:
        return None, {}, considered & False
    value = float(100.0 * w[rows].sum() / total)
    return value, {t.layer: np.flatnonzero(_share_responsible(t.op, rows, considered))}, considered


def _size_share(t, ctx, table, rows, present, measure) -> tuple:
    considered = present
    geoms = ctx.metric(table)
    size = np.zeros(len(table))
    size[present] = measure(geoms[present])
    total = size[considered].sum()
    if total <= 0:
        return None, {}, considered & False
    value = float(100.0 * size[considered & rows].sum() / total)
    return value, {t.layer: np.flatnonzero(_share_responsible(t.op, rows, considered))}, considered


@metric("length_share")
def _length_share(t, ctx, table, rows, present):
    return _size_share(t, ctx, table, rows, present, shapely.length)


@metric("area_share", optional=("where", "within"))
def _area_share(t, ctx, table, rows, present):
    if t.within is None:
        return _size_share(t, ctx, table, rows, present, shapely.area)
    # with `within`: the share of the layer's area that lies inside another layer
    other = ctx.table(t, t.within, "within layer")
    considered = rows & present
    geoms = ctx.metric(table)
    area = np.zeros(len(table))
    area[considered] = shapely.area(geoms[considered])
    if area.sum() <= 0:
        return None, {}, considered & False
    other_geoms = ctx.metric(other)
    frac = _covered_fraction(geoms, considered, other_geoms[~shapely.is_missing(other_geoms)], 0.0)
    value = float(100.0 * np.sum(frac * area) / area.sum())
    bad = considered & (frac < 1.0 - 1e-6)
    return value, {t.layer: np.flatnonzero(bad)}, considered


@metric("coverage", needs=("of", "distance"), optional=("where", "of_where", "weight"))
def _coverage(t, ctx, table, rows, present):
    of_table = ctx.table(t, t.of, "'of' layer")
    of_rows = ctx.mask(t, of_table, t.of_where) & ~shapely.is_missing(of_table.geometry)
    considered = rows & present
    if not considered.any():
        return None, {}, considered
    geoms = ctx.metric(table)
    weight = ctx.column(t, table, t.weight, numeric=True) if t.weight else None
    of_geoms = ctx.metric(of_table)[of_rows]
    frac = _covered_fraction(geoms, considered, of_geoms, t.distance or 0.0)
    if weight is not None:
        w = np.where(np.isfinite(weight), weight, 0.0)
    else:
        kinds = shapely.get_type_id(geoms[considered])
        if np.all(np.isin(kinds, POLYGON_KINDS)):
            w = np.zeros(len(table))
            w[considered] = shapely.area(geoms[considered])
        elif np.all(
            np.isin(kinds, (int(shapely.GeometryType.LINESTRING), int(shapely.GeometryType.MULTILINESTRING)))
        ):
            w = np.zeros(len(table))
            w[considered] = shapely.length(geoms[considered])
        else:
            w = np.ones(len(table))
    w = np.where(considered, w, 0.0)
    if w.sum() <= 0:
        return None, {}, considered & False
    value = float(100.0 * np.sum(w * frac) / w.sum())
    bad = considered & (frac < 1.0 - 1e-6)
    return value, {t.layer: np.flatnonzero(bad)}, considered


@metric("per_capita", needs=("field", "population_layer"))
def _per_capita(t, ctx, table, rows, present):
    # m² of the layer (where-filtered, overlaps counted once) per person
    pop_table = ctx.table(t, t.population_layer, "population_layer")
    people = ctx.column(t, pop_table, t.field, numeric=True)
    people = people[np.isfinite(people)].sum()
    considered = rows & present
    if people <= 0 or not considered.any():
        return None, {}, considered & False
    area = shapely.area(shapely.union_all(ctx.metric(table)[considered]))
    return float(area / people), {}, considered


def _zonal(t: Target, ctx: _Context, raster, condition=None) -> tuple:
    """The zones a raster target measures, and per zone the valid area, the area-weighted
    sum and the area where ``condition`` holds (m², in the project's metric CRS)."""
    zones = ctx.table(t, t.zones, "zones layer")
    if getattr(zones, "kind", "") == "raster":
        raise TargetError(f"target '{t.id}': zones '{t.zones}' is a raster; zones are polygons")
    keep = ctx.mask(t, zones, t.zones_where) & ~shapely.is_missing(zones.geometry)
    if t.band > raster.count:
        raise TargetError(f"target '{t.id}': band {t.band} of '{raster.id}', which has {raster.count}")
    idx = np.flatnonzero(keep)
    area, weighted, held = raster.zonal(zones.geometry[idx], ctx.crs, band=t.band, condition=condition)
    return zones, keep, idx, area, weighted, held


@metric("raster_mean", needs=("zones",), raster=True)
def _raster_mean(t, ctx, raster, _rows, _present):
    """The mean of the raster's valid pixels inside the zones, each pixel weighted by the
    area of its overlap with them; zones whose own mean fails the goal are responsible."""
    zones, keep, idx, area, weighted, _ = _zonal(t, ctx, raster)
    if area.sum() <= 0:
        return None, {}, keep
    with np.errstate(invalid="ignore", divide="ignore"):
        per_zone = np.where(area > 0, weighted / area, np.nan)
    return float(weighted.sum() / area.sum()), {zones.id: idx[_fails(t.op, per_zone, t.target)]}, keep


@metric("raster_share", needs=("zones", "condition"), raster=True)
def _raster_share(t, ctx, raster, _rows, _present):
    """The share (%) of the zones' valid area where the pixel condition holds; zones whose
    own share fails the goal are responsible."""
    op, limit = OPS[t.condition["op"]], float(t.condition["value"])
    zones, keep, idx, area, _, held = _zonal(t, ctx, raster, condition=lambda v: op(v, limit))
    if area.sum() <= 0:
        return None, {}, keep
    with np.errstate(invalid="ignore", divide="ignore"):
        per_zone = np.where(area > 0, held / area * 100.0, np.nan)
    return float(held.sum() / area.sum() * 100.0), {zones.id: idx[_fails(t.op, per_zone, t.target)]}, keep


def _covered_fraction(
    geoms: np.ndarray, considered: np.ndarray, of_geoms: np.ndarray, distance: float
) -> np.ndarray:
    """Per feature, the fraction (0–1) lying within ``distance`` of any of ``of_geoms``:
    area for polygons, length for lines, 0/1 for points.

    One zone (the union of the buffers), prepared, answers "touches it at all" and "lies
    wholly inside" for every feature in two vectorised predicate calls; only the features
    the zone's edge cuts through are overlaid, tile by tile. (Per-feature nearest-neighbour
    queries cost 20 s for 500k footprints; this costs about one.)"""
    frac = np.zeros(len(geoms))
    if len(of_geoms) == 0 or not considered.any():
        return frac
    idx = np.flatnonzero(considered)
    sub = geoms[idx]
    if distance > 0:
        zone = shapely.union_all(shapely.buffer(of_geoms, distance, quad_segs=16))
    else:
        zone = shapely.union_all(of_geoms)
    if zone.is_empty:
        return frac
    shapely.prepare(zone)
    points = np.isin(shapely.get_type_id(sub), POINT_KINDS)
    touches = shapely.intersects(zone, sub)
    frac[idx[points & touches]] = 1.0  # (multi)points: in or out
    rest = np.flatnonzero(touches & ~points)
    if len(rest):
        whole = shapely.contains(zone, sub[rest])
        frac[idx[rest[whole]]] = 1.0
        part = rest[~whole]
        if len(part):
            frac[idx[part]] = _fraction_inside(sub[part], zone, distance)
    return frac


def _fraction_inside(g: np.ndarray, zone, distance: float) -> np.ndarray:
    """Share (0–1) of each geometry's area (polygons) or length (lines) inside ``zone``,
    overlaying with small tiles of the zone, not the whole zone: one GEOS overlay of a
    feature with a polygon of thousands of vertices costs milliseconds."""
    tiles = _tiles(zone, max(250.0, 2 * distance, _typical_size(zone)))
    pairs = shapely.STRtree(tiles).query(g, predicate="intersects")
    pieces = shapely.intersection(g[pairs[0]], tiles[pairs[1]])
    polys = np.isin(shapely.get_type_id(g), POLYGON_KINDS)
    size = np.where(polys, shapely.area(g), shapely.length(g))
    measure = np.where(polys[pairs[0]], shapely.area(pieces), shapely.length(pieces))
    inside = np.bincount(pairs[0], weights=measure, minlength=len(g))
    with np.errstate(invalid="ignore", divide="ignore"):
        f = np.where(size > 0, inside / size, 1.0)
    return np.clip(f, 0.0, 1.0)


def _typical_size(zone) -> float:
    """A tile edge giving at most ~10k tiles over the zone's extent."""
    minx, miny, maxx, maxy = zone.bounds
    return max(maxx - minx, maxy - miny) / 100.0


def _tiles(zone, size: float) -> np.ndarray:
    """The zone cut into non-overlapping square tiles (empty ones dropped)."""
    minx, miny, maxx, maxy = zone.bounds
    xs = np.arange(minx, maxx + size, size)
    ys = np.arange(miny, maxy + size, size)
    gx, gy = np.meshgrid(xs[:-1], ys[:-1])
    boxes = shapely.box(gx.ravel(), gy.ravel(), gx.ravel() + size, gy.ravel() + size)
    boxes = boxes[shapely.intersects(zone, boxes)]
    tiles = shapely.intersection(zone, boxes)
    return tiles[~shapely.is_empty(tiles)]
