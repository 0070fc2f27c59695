"""From what a reader got to a ``FeatureTable``'s geometry: WKB to shapely (curves
linearized, invalid geometries repaired, non-finite ones dropped, each counted as a
problem), the source CRS resolved (or assumed, and said), and the reprojection to lon/lat
checked. Shared by every reader that gets WKB."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyproj
import shapely

from . import curves
from .crs import LONLAT, crs_label, is_lonlat_range, parse_crs
from .gdal_safety import clean_message
from .sources import LayerError


def _in_threads(fn, arr: np.ndarray, min_size: int = 200_000) -> np.ndarray:
    """Run a GIL-releasing shapely function on halves of a big array on two cores."""
    workers = min(4, os.cpu_count() or 1)
    if len(arr) < min_size or workers < 2:
        return fn(arr)

    with ThreadPoolExecutor(workers) as pool:
        return np.concatenate(list(pool.map(fn, np.array_split(arr, workers))))


def _from_wkb_each(wkb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One by one (the slow path, for layers GEOS refuses as a whole): geometries, and where
    GEOS refused a value (curve types)."""
    geoms = np.full(len(wkb), None, dtype=object)
    refused = np.zeros(len(wkb), bool)
    for i, value in enumerate(wkb):
        if value is None:
            continue
        try:
            geoms[i] = shapely.from_wkb(value, on_invalid="ignore")
        except Exception:
            refused[i] = True
    return geoms, refused


def geometries_from_wkb(wkb: np.ndarray | None, n: int, problems: list[str]) -> np.ndarray:
    """WKB → shapely, 2D, with null/empty/unparseable counted, curves linearized, non-finite
    coordinates dropped and invalid geometries repaired."""
    if wkb is None:
        if n:
            problems.append(f"{n} features without geometry (not drawn)")
        return np.full(n, None, dtype=object)
    null_in = np.equal(wkb, None)
    try:
        geoms = shapely.from_wkb(wkb, on_invalid="ignore")
        curved = np.zeros(len(wkb), bool)
    except Exception:  # GEOS refuses curve (and polyhedral) types outright
        geoms, curved = _from_wkb_each(wkb)
    # GEOS reads a curve nested in a collection, then fails on it later: find those, too
    collections = np.flatnonzero(shapely.get_type_id(geoms) == 7)
    for i in collections:
        if curves.has_curve(wkb[i]):
            curved[i] = True
    linearized = 0
    for i in np.flatnonzero(curved):
        geoms[i] = curves.linearize(wkb[i])
        linearized += geoms[i] is not None
    if linearized:
        problems.append(
            f"{linearized} curved geometries linearized (arcs drawn as straight segments of at most 1°)"
        )
    unparsed = shapely.is_missing(geoms) & ~null_in
    if shapely.has_z(geoms).any():
        geoms = shapely.force_2d(geoms)
    empty = ~shapely.is_missing(geoms) & shapely.is_empty(geoms)
    geoms[empty] = None
    if null_in.any() or empty.any():
        problems.append(
            f"{int(null_in.sum() + empty.sum())} features without geometry "
            "(null or empty; kept in the table, not drawn)"
        )
    if unparsed.any():
        problems.append(f"{int(unparsed.sum())} geometries could not be decoded (skipped)")
    present = ~shapely.is_missing(geoms)
    invalid = np.zeros(len(geoms), bool)
    invalid[present] = ~_in_threads(shapely.is_valid, geoms[present])
    # GEOS calls a NaN or infinite coordinate invalid: look for those among the invalid only
    nonfinite = np.zeros(len(geoms), bool)
    if invalid.any():
        nonfinite[invalid] = _nonfinite(geoms[invalid])
    if nonfinite.any():
        geoms[nonfinite] = None
        invalid &= ~nonfinite
        problems.append(f"{int(nonfinite.sum())} geometries have NaN or infinite coordinates (not drawn)")
    if invalid.any():
        idx = np.flatnonzero(invalid)
        # "structure" keeps polygons polygonal (no stray boundary lines from collapsed parts)
        geoms[idx] = shapely.make_valid(geoms[idx], method="structure", keep_collapsed=False)
        shown = ", ".join(str(i) for i in idx[:5]) + (" …" if len(idx) > 5 else "")
        problems.append(f"{len(idx)} invalid geometries repaired with make_valid (features {shown})")
    return geoms


def _nonfinite(geoms: np.ndarray) -> np.ndarray:
    """Where a geometry has a NaN or infinite coordinate."""
    out = np.zeros(len(geoms), bool)
    present = np.flatnonzero(~shapely.is_missing(geoms))
    if len(present) == 0:
        return out
    if np.isfinite(shapely.get_coordinates(geoms[present])).all():  # the usual case, fast
        return out
    coords, index = shapely.get_coordinates(geoms[present], return_index=True)
    bad = ~np.isfinite(coords).all(axis=1)
    out[present[np.unique(index[bad])]] = True
    return out


def _fmt(value: float) -> str:
    return f"{value:.0f}" if abs(value) < 1e9 else f"{value:.3g}"


def resolve_crs(
    file_crs: str | None, override: str | None, geoms: np.ndarray, display: str, problems: list[str]
) -> tuple[pyproj.CRS, bool]:
    if override:
        try:
            return parse_crs(override), False
        except ValueError as exc:
            raise LayerError(f"{display}: {clean_message(str(exc))}") from None
    if file_crs:
        try:
            return parse_crs(file_crs), False
        except ValueError:
            problems.append("the file's CRS could not be parsed")
    present = geoms[~shapely.is_missing(geoms)]
    bounds = tuple(shapely.total_bounds(present)) if len(present) else None
    if bounds is None or is_lonlat_range(bounds):
        problems.append(
            "no CRS in the file; coordinates look like lon/lat, assumed EPSG:4326 "
            "(set crs for this layer if that is wrong)"
        )
        return LONLAT, True
    raise LayerError(
        f"{display}: no CRS (.prj) and coordinates are not lon/lat "
        f'(x {_fmt(bounds[0])}…{_fmt(bounds[2])}); set crs = "EPSG:4548" (or the right one) '
        "for this layer"
    )


def check_transformed(lonlat: np.ndarray, display: str, src: pyproj.CRS, problems: list[str]) -> None:
    """Features that land off the globe after reprojection are dropped from display."""
    missing = shapely.is_missing(lonlat)
    if missing.all():
        return
    b = shapely.bounds(lonlat)
    with np.errstate(invalid="ignore"):
        bad = ~missing & (
            ~np.all(np.isfinite(b), axis=1)
            | (b[:, 0] < -180)
            | (b[:, 2] > 180)
            | (b[:, 1] < -90)
            | (b[:, 3] > 90)
        )
    if bad.sum() == (~missing).sum():
        raise LayerError(
            f"{display}: coordinates do not fit {crs_label(src)} (nothing lands on "
            "Earth after reprojection); check the layer's crs"
        )
    if bad.any():
        lonlat[bad] = None
        problems.append(f"{int(bad.sum())} features fall outside lon/lat after reprojection (not drawn)")
