"""Layers as the app holds them, and the readers that make them.

``read_layer`` returns a ``FeatureTable``: geometries in lon/lat for display (one vectorised
PROJ call per layer), attribute columns as NumPy arrays, the source CRS and encoding, and a
list of problems (repaired or skipped geometries, assumed CRS, damaged text) for the UI to
report. Failures raise ``LayerError`` with one line that names the file and the problem.

Readers are registered (``register_reader``): each module of ``ecoviewer/readers/`` adds its
own, and the GDAL one (``readers/gdal.py``, any vector file GDAL reads, through pyogrio) takes
whatever no other reader does. A new reader is one file there plus its test.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import shapely

from . import gdal_safety
from .crs import (
    LONLAT,
    crs_label,
    parse_crs,
    transform_geometries,
)

gdal_safety.install()  # GDAL and PROJ off the network before any file is opened


class LayerError(Exception):
    """A layer that cannot be read; the message is one line naming the file."""


@dataclass
class FeatureTable:
    """The features of one layer, ready for display and measurement."""

    id: str
    path: str  # as shown to the user
    layer: str | None
    driver: str | None
    geometry: np.ndarray  # shapely geometries in lon/lat (EPSG:4326); None where missing
    fields: dict[str, np.ndarray]
    crs: pyproj.CRS  # the source CRS
    crs_assumed: bool = False
    encoding: str | None = None
    encoding_how: str = ""
    problems: list[str] = field(default_factory=list)
    datum: str | None = None  # "GCJ-02" / "BD-09" when converted from a web map's offset
    joined: list[str] = field(default_factory=list)  # fields added by the project's [[joins]]
    join_problems: list[str] = field(default_factory=list)  # what the joins said (redone each time)
    _metric: dict = field(default_factory=dict, repr=False)
    _tree: Any = field(default=None, repr=False)
    _kinds: Any = field(default=None, repr=False)
    _box: Any = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.geometry)

    @property
    def crs_label(self) -> str | None:
        return f"{self.datum} (converted to WGS 84)" if self.datum else crs_label(self.crs)

    @property
    def geometry_types(self) -> list[str]:
        # worked out once: a layer's geometry does not change once read (a restyle of 1M
        # footprints asks again)
        if self._kinds is None or self._kinds[0] is not self.geometry:
            present = self.geometry[~shapely.is_missing(self.geometry)]
            kinds = sorted({_TYPE_NAMES[int(t)] for t in np.unique(shapely.get_type_id(present))})
            self._kinds = (self.geometry, kinds)
        return list(self._kinds[1])

    @property
    def shape(self) -> str:
        """How the layer is symbolised: "polygon" if it has any polygons, else "line" if it
        has lines, else "point" ("polygon" for a layer without geometry)."""
        types = self.geometry_types
        if any("Polygon" in t for t in types):
            return "polygon"
        if any("Line" in t for t in types):
            return "line"
        return "point" if types else "polygon"

    def shapes_of(self, classes: np.ndarray, count: int) -> list[str]:
        """The shape each of ``count`` style classes is drawn as, from the features in it
        (``classes``: each feature's class index): a layer mixing pipes, monitors and
        lakes has line, point and polygon classes. A class without features takes the
        layer's shape."""
        kinds = shapely.get_type_id(self.geometry)  # -1: missing
        out = []
        for i in range(count):
            here = kinds[classes == i]
            if np.isin(here, POLYGON_KINDS).any():
                out.append("polygon")
            elif np.isin(here, LINE_KINDS).any():
                out.append("line")
            elif np.isin(here, POINT_KINDS).any():
                out.append("point")
            else:
                out.append(self.shape)
        return out

    @property
    def bounds(self) -> list[float] | None:
        """[min lon, min lat, max lon, max lat] of the drawn features, None when there are none."""
        if self._box is None or self._box[0] is not self.geometry:
            self._box = (self.geometry, self.bounds_of(None))
        return None if self._box[1] is None else list(self._box[1])

    def bounds_of(self, rows) -> list[float] | None:
        """[min lon, min lat, max lon, max lat] of the drawn features among ``rows`` (all
        when None); None when none of them has a geometry."""
        geoms = self.geometry if rows is None else self.geometry[np.asarray(rows, dtype=np.int64)]
        present = geoms[~shapely.is_missing(geoms)]
        if len(present) == 0:
            return None
        b = shapely.total_bounds(present)
        return [float(v) for v in b] if np.all(np.isfinite(b)) else None

    def metric_geometry(self, crs: pyproj.CRS | str) -> np.ndarray:
        """The geometries reprojected to a metric CRS for measurement (cached per CRS)."""
        crs = parse_crs(crs)
        key = crs.to_wkt()
        if key not in self._metric:
            self._metric[key] = transform_geometries(self.geometry, LONLAT, crs)
        return self._metric[key]

    def tree(self) -> shapely.STRtree:
        """An STRtree over the lon/lat geometry, built on first use."""
        if self._tree is None:
            self._tree = shapely.STRtree(self.geometry)
        return self._tree

    def attributes(self, index: int) -> dict[str, Any]:
        return {name: to_plain(col[index]) for name, col in self.fields.items()}


#: shapely's geometry kinds by name (no magic numbers next to shapely.GeometryType)
POINT_KINDS = (int(shapely.GeometryType.POINT), int(shapely.GeometryType.MULTIPOINT))
LINE_KINDS = (
    int(shapely.GeometryType.LINESTRING),
    int(shapely.GeometryType.LINEARRING),
    int(shapely.GeometryType.MULTILINESTRING),
)
POLYGON_KINDS = (int(shapely.GeometryType.POLYGON), int(shapely.GeometryType.MULTIPOLYGON))

_TYPE_NAMES = {
    0: "Point",
    1: "LineString",
    2: "LinearRing",
    3: "Polygon",
    4: "MultiPoint",
    5: "MultiLineString",
    6: "MultiPolygon",
    7: "GeometryCollection",
}


def to_plain(value: Any) -> Any:
    """A JSON-friendly Python value for one attribute cell."""
    if value is None:
        return None
    if isinstance(value, np.ndarray):
        return [to_plain(v) for v in value.tolist()]
    if isinstance(value, (np.floating, float)):
        f = float(value)
        return None if not np.isfinite(f) else f
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (np.datetime64,)):
        return None if np.isnat(value) else str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, (list, dict, str, int, bool)):
        return value
    return str(value)


def to_text(value: Any) -> str:
    """One attribute cell as display text (lists and objects as compact JSON)."""
    value = to_plain(value)
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


# -- readers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reader:
    """A way to read layer files. ``accepts(path)`` says whether it reads that path (the first
    reader that does, in registration order, is used; a ``catch_all`` reader only when no
    other does); ``list_layers`` and ``read`` take the arguments of the module functions of
    those names and return the same things (a list of sub-layer names; a ``FeatureTable`` in
    lon/lat, or one-line ``LayerError``s)."""

    name: str
    accepts: Callable[[Path], bool]
    list_layers: Callable[..., list[str]]
    read: Callable[..., FeatureTable]
    catch_all: bool = False
    #: called with (table, spec) once a project layer is read (a raster's style); returns a
    #: one-line problem with the layer's settings, or None
    finish: Callable | None = None


#: the registered readers (``ecoviewer/readers/``, one module each)
READERS: list[Reader] = []


def register_reader(reader: Reader) -> Reader:
    if any(r.name == reader.name for r in READERS):
        raise ValueError(f"reader {reader.name!r} registered twice")
    READERS.append(reader)
    return reader


def load_readers() -> list[Reader]:
    """The registered readers; the first call imports ``ecoviewer.readers`` (every module
    in it registers its reader)."""
    from . import readers  # noqa: F401

    return READERS


def reader_for(path: str | os.PathLike) -> Reader:
    load_readers()
    path = Path(path)
    specific = (r for r in READERS if not r.catch_all and r.accepts(path))
    return next(specific, None) or next(r for r in READERS if r.catch_all and r.accepts(path))


def list_layers(
    path: str | os.PathLike, display: str | None = None, *, allow_indirect: bool = False
) -> list[str]:
    """The sub-layers of a file (GeoPackage tables, KML folders); one name for most files.

    ``allow_indirect`` lets files that only point at other data (OGR VRT, GDALG) through;
    network access stays off either way."""
    return reader_for(path).list_layers(path, display, allow_indirect=allow_indirect)


def read_layer(
    path: str | os.PathLike,
    *,
    layer: str | None = None,
    crs: str | None = None,
    encoding: str | None = None,
    layer_id: str | None = None,
    display: str | None = None,
    allow_indirect: bool = False,
) -> FeatureTable:
    """Read one layer of a file into a ``FeatureTable`` (geometry in lon/lat), with the
    reader that takes the path (``READERS``).

    ``crs`` and ``encoding`` override what the file says. ``display`` is the name used in
    messages (the path as the user wrote it). ``allow_indirect`` lets files that only point
    at other data (OGR VRT, GDALG pipelines) be opened; network access stays off either way.
    Any failure is a ``LayerError`` with one line naming ``display``.
    """
    return reader_for(path).read(
        path,
        layer=layer,
        crs=crs,
        encoding=encoding,
        layer_id=layer_id,
        display=display,
        allow_indirect=allow_indirect,
    )


def read_spec(spec, progress: Callable[[float], bool] | None = None) -> FeatureTable:
    """Read the layer a project entry (``LayerSpec``) points at, with its overrides (a
    database layer: its table or query). A layer streamed from its file comes with its
    overview, adopted from the cache or built (``progress(fraction)`` → False cancels)."""
    if getattr(spec, "is_database", False):
        from .readers.postgis import read as read_database

        table = read_database(
            spec.location, layer=spec.layer, sql=spec.sql, crs=spec.crs, layer_id=spec.id, display=spec.path
        )
    else:
        reader = reader_for(spec.source)
        table = reader.read(
            spec.source,
            layer=spec.layer,
            crs=spec.crs,
            encoding=spec.encoding,
            layer_id=spec.id,
            display=spec.path,
            allow_indirect=bool(getattr(spec, "allow_indirect", False)),
        )
        if reader.finish is not None:
            reader.finish(table, spec)
    if getattr(table, "kind", "") == "streamed":
        from . import streaming

        try:
            streaming.ensure_overview(table, spec.base_dir, progress)
        except streaming.CancelledError:
            raise LayerError(f"{spec.path}: not shown (its overview was not built: cancelled)") from None
        except streaming.StreamError as exc:
            raise LayerError(str(exc)) from None
        streaming.prepare(table, spec)  # the classes and zoomed-out rasters before the first tile
    return table


def read_project_layers(project) -> tuple[dict[str, FeatureTable], dict[str, str]]:
    """Every layer of a project: the tables that loaded, and one error line per layer that
    did not (the others still load)."""
    tables: dict[str, FeatureTable] = {}
    errors: dict[str, str] = {}
    from .joins import apply_joins

    for spec in project.layers:
        try:
            tables[spec.id] = read_spec(spec)
        except LayerError as exc:
            errors[spec.id] = str(exc)
            continue
        if getattr(project, "joins", None) and getattr(tables[spec.id], "kind", "") != "raster":
            apply_joins(project.joins, spec.id, tables[spec.id], project.base_dir)
    return tables, errors
