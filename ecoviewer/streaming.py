"""Vector layers bigger than memory: drawn, identified, paged and measured straight from the
file's spatial index, never held whole.

A file of more than ``STREAM_ABOVE`` features whose driver answers a bounding box through an
index (GeoPackage R-tree, FlatGeobuf, a shapefile with .qix/.sbn) becomes a ``StreamedTable``
instead of a ``FeatureTable``. What stays in memory is its **overview**: per feature its box
and area in Web Mercator, its kind and its FID — 26 bytes, 260 MB for 10M footprints, kept
in ``.npy`` files beside the project and mapped, not read (the page cache holds them, shared
and clean). The overview is built once per file by one streaming pass (progress and cancel),
cached under a name made of the file's path, size and modification time, and built again
when the file changes; nothing is ever written into the source.

Drawing a tile (``StreamRenderer``): the overview's grid finds the features that reach into
it. Those smaller than 1.5 pixels are splatted from the overview — exactly what the in-memory
renderer does with them — so a zoomed-out frame of 10M footprints reads nothing from the
file. Only the features big enough to show their shape are read, by FID, and drawn by the
ordinary ``TileRenderer``. The classes come from the style's field, read once as a column
(text dictionary-encoded) and cached beside the overview.

Targets on a streamed layer are evaluated in chunks of ``BATCH`` features in file order
(``chunked_value``): the same sums, counts and extremes as the in-memory metrics, constant
memory.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import shutil
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import shapely

from .crs import LONLAT, crs_label
from .sources import LINE_KINDS, POINT_KINDS, POLYGON_KINDS, to_plain
from .tiles import (
    EMPTY_PNG,
    HALF,
    TILE,
    R,
    TileRenderer,
    _over,
    _ranges,
    _stroke,
    discs,
    encode_png,
    fill_coverage,
    lonlat_to_mercator,
    mercator_to_lonlat,
    tile_bounds,
    to_png,
)

#: features; a file layer above this streams (when its driver has a spatial index). Below it
#: the whole layer is read: at 1M footprints that is 1.5 GB and the fastest toggles.
STREAM_ABOVE = int(os.environ.get("ECOVIEWER_STREAM_ABOVE", "2000000"))
#: tiles drawn between two releases of the overview's mapped pages (see StreamRenderer.render)
RELEASE_EVERY = 16
BATCH = 250_000  # features per read when streaming a whole layer (overview, targets)
PER_CELL = 64  # the overview's grid: about this many features per cell
CACHE_DIR = ".ecoviewer-cache"
OVERVIEW_VERSION = 4
#: a polygon of at most this many vertices (one ring, no holes) keeps its ring in the
#: overview, quantized in its box: drawn from there at every zoom, never read again
MAX_RING = 32
MAX_SHAPES = 60_000  # features read and drawn as shapes for one tile, at most
#: features under this many pixels are drawn from the overview (their area spread over
#: their box); up to outline size, from their oriented envelopes; beyond, read and drawn
SPREAD_PX = 3.0
#: zoomed out to this level and beyond, a big streamed layer is drawn from coverage
#: rasters (``Pyramid``) of at most PYRAMID_BYTES (a shallower top when its classes need more)
PYRAMID_TOP = 14
PYRAMID_BYTES = 160 * 2**20
PYRAMID_ABOVE = 500_000  # features; smaller streamed layers draw every tile from the overview
#: a level's envelopes up to outline size are filled into its rasters when at most this many
#: (~3 s a million, once per style); beyond, each tile fills its own
PYRAMID_QUADS = 2_000_000


class StreamError(Exception):
    """A streamed read that failed (the file changed or vanished); one line."""


class CancelledError(Exception):
    """The overview build was cancelled."""


# -- reading ------------------------------------------------------------------------------
# Reads run on these threads only: PROJ objects are made per thread and never cross threads
# (Qt's tile workers hand their reads over and wait).
_READERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="ecoviewer-stream")
_LOCAL = threading.local()


def _transformer(src: pyproj.CRS, dst: pyproj.CRS) -> pyproj.Transformer | None:
    """This thread's transformer from ``src`` to ``dst`` (None when they are the same)."""
    if src == dst:
        return None
    cache = getattr(_LOCAL, "transformers", None)
    if cache is None:
        cache = _LOCAL.transformers = {}
    key = (src.to_wkt(), dst.to_wkt())
    if key not in cache:
        cache[key] = pyproj.Transformer.from_crs(src, dst, always_xy=True)
    return cache[key]


def _lonlat(geoms: np.ndarray, crs: pyproj.CRS) -> np.ndarray:
    tr = _transformer(crs, LONLAT)
    if tr is None or len(geoms) == 0:
        return geoms

    def fn(xy):
        x, y = tr.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    with np.errstate(invalid="ignore", over="ignore"):
        return shapely.transform(geoms, fn)


@dataclass
class FieldInfo:
    name: str
    numeric: bool


@dataclass
class StreamedTable:
    """A vector layer read from its file on demand (see the module's notes). It answers the
    questions the app asks a layer — its fields, bounds, shape, a feature's attributes —
    without holding the features."""

    id: str
    path: str  # as shown
    source: str  # what GDAL opens
    layer: str | None
    driver: str | None
    crs: pyproj.CRS
    count: int
    field_info: list[FieldInfo]
    kinds: list[str]
    extent: list[float] | None  # lon/lat
    encoding: str | None = None
    problems: list[str] = field(default_factory=list)
    crs_assumed: bool = False
    encoding_how: str = ""
    datum: str | None = None
    joined: list[str] = field(default_factory=list)
    join_problems: list[str] = field(default_factory=list)
    kind: str = "streamed"
    overview: Overview | None = field(default=None, repr=False)
    signature: tuple = ()  # (size, mtime_ns) when opened: a changed file is noticed
    cache: Path | None = None  # the overview's folder, where read columns are kept too
    _columns: dict = field(default_factory=dict, repr=False)
    _lock: Any = field(default_factory=threading.Lock, repr=False)

    def __len__(self) -> int:
        return self.count

    # -- what the app asks of a layer ----------------------------------------------------
    @property
    def fields(self) -> Mapping[str, np.ndarray]:
        """The columns by name, each read whole on first use (a style's field, a target's)."""
        return _Columns(self)

    @property
    def crs_label(self) -> str | None:
        return crs_label(self.crs)

    @property
    def geometry_types(self) -> list[str]:
        return list(self.kinds)

    @property
    def shape(self) -> str:
        if any("Polygon" in t for t in self.kinds):
            return "polygon"
        if any("Line" in t for t in self.kinds):
            return "line"
        return "point" if self.kinds else "polygon"

    def shapes_of(self, classes, count: int) -> list[str]:
        return [self.shape] * count

    @property
    def bounds(self) -> list[float] | None:
        return None if self.extent is None else list(self.extent)

    def bounds_of(self, rows) -> list[float] | None:
        if rows is None:
            return self.bounds
        ov = self.overview
        rows = np.asarray(rows, dtype=np.int64)
        if ov is None or len(rows) == 0:
            return None
        rows = np.sort(np.asarray(ov.pos[rows]))
        if not np.isfinite(ov.x0[rows]).any():
            return None
        x0, y0 = mercator_to_lonlat(
            float(np.nanmin(ov.x0[rows])) + ov.origin[0], float(np.nanmin(ov.y0[rows])) + ov.origin[1]
        )
        x1, y1 = mercator_to_lonlat(
            float(np.nanmax(ov.x1[rows])) + ov.origin[0], float(np.nanmax(ov.y1[rows])) + ov.origin[1]
        )
        return [x0, y0, x1, y1]

    def cache_name(self) -> str:
        """The overview's name: the file's path, size and modification time."""
        source = Path(self.source).resolve()
        st = source.stat()
        where = hashlib.sha256(f"{source}|{self.layer}".encode("utf-8", "surrogatepass")).hexdigest()[:12]
        return f"{source.stem}-{where}-{st.st_size}-{st.st_mtime_ns}"

    def exact_count(self) -> int:
        """The feature count (a file's driver knows it; a database table may count it late)."""
        return self.count

    def fits(self, overview_rows: int) -> bool:
        """Whether an overview of that many features can be this data's (a shapefile counts
        its deleted records, which are not read)."""
        return self.count < 0 or overview_rows <= self.count

    def opened(self) -> None:
        """Its overview adopted or built: what is to be said about it once its count is known."""

    def changed(self) -> bool:
        """Whether the file on disk is no longer the one opened."""
        try:
            st = os.stat(self.source)
        except OSError:
            return True
        return (st.st_size, st.st_mtime_ns) != self.signature

    def _check(self) -> None:
        if self.changed():
            raise StreamError(
                f"{self.path}: the file changed on disk or is gone since it was opened; reopen the project"
            )

    # -- reads ---------------------------------------------------------------------------
    def _read(self, *, columns, geometry=True, **kw) -> tuple[np.ndarray, np.ndarray | None, dict]:
        """(fids, WKB or None, fields) through GDAL's Arrow stream (fids and boxes: ~3 µs a
        feature from a GeoPackage, ten times feature-by-feature reading)."""
        import pyogrio

        self._check()
        kw.pop("tolerance", None)  # a file sends what it holds
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                meta, table = pyogrio.raw.read_arrow(self.source, **self._arrow(columns, geometry), **kw)
            except Exception as exc:  # one line, whatever GDAL said
                raise self._cannot(exc) from None
        return _unpack(meta, table, columns, geometry)

    def _arrow(self, columns, geometry: bool) -> dict:
        """What every read of this layer asks GDAL's Arrow stream for."""
        return dict(
            layer=self.layer,
            encoding=self.encoding,
            columns=columns,
            read_geometry=geometry,
            return_fids=True,
        )

    def _cannot(self, exc: BaseException) -> StreamError:
        return StreamError(f"{self.path}: cannot read ({(str(exc).splitlines() or [''])[0][:160]})")

    def read_fids(self, fids: np.ndarray, columns: list[str] | None = None, tolerance: float | None = None):
        """(fids, lon/lat geometries, fields) of the features with these FIDs. ``tolerance``
        (ground metres) lets a server simplify what it sends (a file ignores it)."""
        fids = np.asarray(fids, dtype=np.int64)
        return _READERS.submit(self._read_fids, fids, columns, True, tolerance).result()

    def _read_fids(self, fids, columns, geometry=True, tolerance=None):
        if len(fids) == 0:
            return fids, np.empty(0, dtype=object), {name: np.empty(0) for name in columns or []}
        extra = {"tolerance": tolerance} if tolerance else {}
        got, wkb, fields = self._read(columns=columns or [], fids=fids, geometry=geometry, **extra)
        geoms = _lonlat(shapely.from_wkb(wkb), self.crs) if geometry else None
        return got, geoms, fields

    def read_box(
        self, lon0, lat0, lon1, lat1, columns: list[str] | None = None, tolerance: float | None = None
    ):
        """(fids, lon/lat geometries, fields) of the features whose boxes meet the lon/lat box,
        through the file's spatial index (a database's GiST index)."""
        return _READERS.submit(self._read_box, (lon0, lat0, lon1, lat1), columns, tolerance).result()

    def _read_box(self, box, columns, tolerance=None):
        tr = _transformer(LONLAT, self.crs)
        if tr is not None:
            box = tr.transform_bounds(*box, densify_pts=21)
        extra = {"tolerance": tolerance} if tolerance else {}
        fids, wkb, fields = self._read(columns=columns or [], bbox=tuple(box), **extra)
        geoms = _lonlat(shapely.from_wkb(wkb), self.crs)
        return fids, geoms, fields

    def page(self, offset: int, limit: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Rows ``offset`` … ``offset + limit`` in file order: (fids, fields) — the attribute
        table's page, read by FID (a page deep in the file costs what the first does)."""
        ov = self.overview
        if ov is None:
            raise StreamError(f"{self.path}: the layer's overview is not built yet")
        want = np.asarray(ov.fid_file[int(offset) : int(offset) + int(limit)], dtype=np.int64)
        fids, _, fields = _READERS.submit(
            self._read_fids, want, [f.name for f in self.field_info], False
        ).result()
        # in the asked order (a server may answer in any), a row gone since as empty
        where = {int(f): i for i, f in enumerate(fids.tolist())}
        at = np.array([where.get(int(f), -1) for f in want.tolist()], dtype=np.int64)
        out = {}
        for name, col in fields.items():
            col = np.asarray([*col.tolist(), None], dtype=object)
            out[name] = col[at]  # (index -1: the None added at the end)
        return want, out

    def attributes(self, row: int) -> dict[str, Any]:
        """The attributes of the feature at ``row`` (file order) — read by its FID."""
        fid = int(self.overview.fid_file[row]) if self.overview is not None else row
        _, _, fields = self.read_fids(np.array([fid]), [f.name for f in self.field_info])
        return {name: to_plain(col[0]) for name, col in fields.items() if len(col)}

    def find(self, field: str, text: str, limit: int) -> tuple[np.ndarray, list]:
        """(rows, values) of at most ``limit`` features whose ``field`` contains ``text``
        (case-insensitive), asked of the file (SQL ``LIKE``, the text escaped)."""
        if not text or field not in self.fields or self.overview is None:
            return np.zeros(0, dtype=np.int64), []
        try:
            fids, values = self.run(self._find, field, text, limit)
        except StreamError:
            return np.zeros(0, dtype=np.int64), []
        rows = _rows_of(self, fids)
        keep = [
            i
            for i, v in enumerate(values)
            if rows[i] >= 0 and isinstance(v, str) and text.casefold() in v.casefold()
        ]
        return rows[keep], [values[i] for i in keep]

    def _find(self, field: str, text: str, limit: int):
        # quotes and backslashes become "any one character" (the hits are checked again in
        # Python); "%" and "_" are escaped with "!" — no text of the user's ends the literal
        safe = re.sub(r"['\"\\]", "_", text.replace("!", "!!").replace("%", "!%").replace("_", "!_"))
        where = '"' + field.replace('"', '""') + '"' + f" LIKE '%{safe}%' ESCAPE '!'"
        fids, _, fields = self._read(columns=[field], geometry=False, where=where, max_features=int(limit))
        return fids, list(fields.get(field, []))

    def batches(self, columns: list[str], geometry: bool = True, with_fids: bool = False) -> Iterator[tuple]:
        """(first row, [fids,] lon/lat geometries or None, fields) for the whole layer,
        ``BATCH`` rows at a time in file order, in one pass of GDAL's Arrow stream — constant
        memory. Runs on the calling thread: call it from a reader task (``run``)."""
        import pyogrio

        self._check()
        start = 0
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with pyogrio.raw.open_arrow(
                    self.source, **self._arrow(columns, geometry), batch_size=BATCH, use_pyarrow=True
                ) as (meta, reader):
                    for batch in reader:
                        fids, wkb, fields = _unpack(meta, batch, columns, geometry)
                        geoms = _lonlat(shapely.from_wkb(wkb), self.crs) if geometry else None
                        out = (start, fids, geoms, fields) if with_fids else (start, geoms, fields)
                        yield out
                        start += len(fids)
        except StreamError:
            raise
        except Exception as exc:
            raise self._cannot(exc) from None

    def run(self, fn, *args):
        """``fn(*args)`` on a reader thread (where reads and PROJ belong), waited for."""
        return _READERS.submit(fn, *args).result()

    def column(self, name: str) -> np.ndarray:
        """One field for every feature (file order), read once by streaming and kept: numbers
        as numbers, text as it reads (a style's classes and a target's values need it)."""
        got = self._column(name)
        if isinstance(got, tuple):  # text: one object per distinct value, made once
            with self._lock:
                full = self._columns.get(("full", name))
                if full is None:
                    values, codes = got
                    full = self._columns[("full", name)] = values[np.asarray(codes)]
            return full
        return got

    def coded(self, name: str) -> tuple[np.ndarray, np.ndarray] | None:
        """A text field as (its distinct values, each row's code), None for numbers: a
        style classifies the few values, not the ten million rows."""
        got = self._column(name)
        return got if isinstance(got, tuple) else None

    def _column(self, name: str):
        with self._lock:
            if name in self._columns:
                return self._columns[name]
        if name not in {f.name for f in self.field_info}:
            raise KeyError(name)
        got = _load_column(self.cache, name)
        if got is None:
            parts = self.run(lambda: [fields[name] for _, _, fields in self.batches([name], geometry=False)])
            numeric = next((f.numeric for f in self.field_info if f.name == name), False)
            if numeric:
                parts = [np.asarray([np.nan if v is None else v for v in p.tolist()], dtype=float)
                         if p.dtype == object else p for p in parts]  # fmt: skip
            if not numeric and any(p.dtype == object for p in parts):  # text: coded batch by batch
                index: dict = {}
                codes = np.concatenate(
                    [
                        np.fromiter((index.setdefault(v, len(index)) for v in p.tolist()), np.int32, len(p))
                        for p in parts
                    ]
                )
                values = list(index)
                got = (np.asarray([*values, None], dtype=object)[:-1], codes)
                _save_text_column(self.cache, name, codes, values)
            else:
                got = np.concatenate(parts) if parts else np.empty(0)
                _save_column(self.cache, name, got)
        with self._lock:
            self._columns[name] = got
        return got


def _unpack(meta: dict, table, columns, geometry: bool) -> tuple[np.ndarray, np.ndarray | None, dict]:
    """(fids, WKB, fields) of an Arrow table or batch read by pyogrio."""
    names = list(table.schema.names)
    fid_name = meta.get("fid_column") or "OGC_FID"
    fid_i = names.index(fid_name) if fid_name in names else 0
    fids = table.column(fid_i).to_numpy().astype(np.int64)
    wkb = None
    if geometry:
        g = meta.get("geometry_name") or "wkb_geometry"
        gi = names.index(g) if g in names else len(names) - 1
        wkb = table.column(gi).to_numpy(zero_copy_only=False)
    wanted = [f for f in (meta.get("fields") if columns is None else columns) if f in names]
    fields = {name: _numpy(table.column(names.index(name))) for name in wanted}
    return fids, wkb, fields


def _numpy(col) -> np.ndarray:
    import pyarrow as pa

    if pa.types.is_integer(col.type) or pa.types.is_floating(col.type):
        if col.null_count:
            return col.to_numpy(zero_copy_only=False).astype(np.float64)
        return col.to_numpy(zero_copy_only=False)
    if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
        if hasattr(col, "combine_chunks"):
            col = col.combine_chunks()
        enc = col.dictionary_encode()  # one Python str per distinct value, not per row
        values = np.asarray([*enc.dictionary.to_pylist(), None], dtype=object)
        idx = enc.indices.fill_null(len(enc.dictionary)).to_numpy(zero_copy_only=False)
        return values[idx]
    from .readers.gdal import _to_numpy

    return _to_numpy(col)


def _column_files(folder: Path, name: str) -> tuple[Path, Path]:
    key = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return folder / f"column-{key}.npy", folder / f"column-{key}.json"


def _load_column(folder: Path | None, name: str) -> np.ndarray | None:
    """A column kept beside the overview (numbers mapped; text as codes and its values)."""
    if folder is None:
        return None
    data, text = _column_files(folder, name)
    try:
        arr = np.load(data, mmap_mode="r")
        if text.exists():
            values = json.loads(text.read_text(encoding="utf-8"))
            if values.get("name") != name:
                return None
            return np.asarray([*values["values"], None], dtype=object)[:-1], arr
        return arr
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def _save_column(folder: Path | None, name: str, col: np.ndarray) -> None:
    if folder is None or not folder.is_dir():
        return
    data, _ = _column_files(folder, name)
    try:
        _save_npy(data, np.asarray(col))
    except (OSError, ValueError, TypeError):
        return  # kept for this session only


def _save_text_column(folder: Path | None, name: str, codes: np.ndarray, values: list) -> None:
    """Text kept as its codes (int32 a row) and its distinct values (JSON)."""
    if folder is None or not folder.is_dir():
        return
    if not all(v is None or isinstance(v, (str, int, float, bool)) for v in values):
        return  # dates and the like: read again next time rather than changed to text
    data, text = _column_files(folder, name)
    try:
        tmp = text.with_suffix(".part")
        tmp.write_text(json.dumps({"name": name, "values": values}, ensure_ascii=False), encoding="utf-8")
        _save_npy(data, codes)
        os.replace(tmp, text)
    except (OSError, ValueError, TypeError):
        return


def _save_npy(path: Path, arr: np.ndarray) -> None:
    tmp = path.with_name(path.name + ".part.npy")
    np.save(tmp, arr)
    os.replace(tmp, path)


class _Columns(Mapping):
    def __init__(self, table: StreamedTable):
        self._table = table

    def __getitem__(self, name: str) -> np.ndarray:
        try:
            return self._table.column(name)
        except KeyError:
            raise KeyError(name) from None

    def __iter__(self):
        return iter([f.name for f in self._table.field_info])

    def __len__(self) -> int:
        return len(self._table.field_info)

    def __contains__(self, name) -> bool:
        return any(f.name == name for f in self._table.field_info)

    def items(self):
        """Each field's name and **type** (an empty array of it), not its values: what the
        pickers and first styles look through (a name per feature of 10M rows would be a
        gigabyte). Ask ``[name]`` for the values."""
        return [(f.name, np.empty(0, dtype=float if f.numeric else object)) for f in self._table.field_info]

    def values(self):
        return [col for _, col in self.items()]


# -- the overview ---------------------------------------------------------------------------
_ARRAYS = (
    "fid",
    "x0",
    "y0",
    "x1",
    "y1",
    "area",
    "kind",
    "quad",
    "row",
    "pos",
    "fid_file",
    "cell_start",
    "ring_start",
    "ring_xy",
)


@dataclass
class Overview:
    """Per feature, in **grid order** (the features of one grid cell side by side, so a
    tile's features are a few contiguous runs): FID, Web Mercator box relative to
    ``origin`` (float32), area in Web Mercator m², kind (0 polygon, 1 line, 2 point), the
    oriented envelope. ``row[p]`` is the file-order row of position ``p`` and ``pos[r]``
    the position of row ``r``; ``fid_file`` the FIDs in file order. The grid covers the
    first ``cell_start[-1]`` positions; the features wider than a cell come after them and
    are checked on every query. A simple polygon's ring (``MAX_RING`` vertices at most, one
    ring) is kept too: the vertices of position ``p`` are ``ring_xy[ring_start[p]:
    ring_start[p + 1]]``, each in 65535ths of the feature's box (none: read from the file)."""

    fid: np.ndarray
    x0: np.ndarray
    y0: np.ndarray
    x1: np.ndarray
    y1: np.ndarray
    area: np.ndarray
    kind: np.ndarray
    #: (n, 4) uint8: the oriented envelope's corners, each on one side of the box — where
    #: along the bottom, right, top and left side, in 255ths (255, 255, 255, 255: none)
    quad: np.ndarray
    row: np.ndarray
    pos: np.ndarray
    fid_file: np.ndarray
    cell_start: np.ndarray
    ring_start: np.ndarray
    ring_xy: np.ndarray
    origin: tuple[float, float]
    grid: tuple[float, float, float, int, int]  # x of left, y of bottom, cell size, columns, rows
    extent: list[float] | None = None  # lon/lat of the features' boxes

    def __len__(self) -> int:
        return len(self.fid)

    def query(self, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
        """Positions (sorted) of the features whose boxes meet the box given in Web Mercator
        metres relative to ``origin``."""
        return self.query_boxes(x0, y0, x1, y1)[0]

    def query_boxes(self, x0: float, y0: float, x1: float, y1: float):
        """(positions, x0, y0, x1, y1) of the features whose boxes meet the box: their boxes
        come along (gathered once, in contiguous runs)."""
        starts, ends = self.runs(x0, y0, x1, y1)
        found = _ranges(starts, ends - starts)
        gridded = int(self.cell_start[-1])
        if gridded < len(self.fid):
            found = np.concatenate([found, np.arange(gridded, len(self.fid))])
        return self.meeting(found.astype(np.int64), (x0, y0, x1, y1))

    def runs(self, x0: float, y0: float, x1: float, y1: float) -> tuple[np.ndarray, np.ndarray]:
        """[start, end) of the positions in the grid cells a query of the box looks at, one
        run per row of cells (a feature in the grid is at most one cell wide: its centre
        lies within a cell of the box); none outside the grid."""
        gx, gy, cell, nx, ny = self.grid
        if x1 + cell < gx or x0 - cell > gx + nx * cell or y1 + cell < gy or y0 - cell > gy + ny * cell:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        c0 = int(np.clip(np.floor((x0 - cell - gx) / cell), 0, nx - 1))
        c1 = int(np.clip(np.floor((x1 + cell - gx) / cell), 0, nx - 1))
        r0 = int(np.clip(np.floor((y0 - cell - gy) / cell), 0, ny - 1))
        r1 = int(np.clip(np.floor((y1 + cell - gy) / cell), 0, ny - 1))
        rows = np.arange(r0, r1 + 1)
        return np.asarray(self.cell_start[rows * nx + c0]), np.asarray(self.cell_start[rows * nx + c1 + 1])

    def meeting(self, found: np.ndarray, box) -> tuple:
        """(positions, x0, y0, x1, y1) of those of ``found`` whose boxes meet ``box``."""
        x0, y0, x1, y1 = box
        boxes = [np.asarray(getattr(self, n)[found]) for n in ("x0", "y0", "x1", "y1")]
        keep = (boxes[2] >= x0) & (boxes[0] <= x1) & (boxes[3] >= y0) & (boxes[1] <= y1)
        return (found[keep], *(b[keep] for b in boxes))

    @classmethod
    def load(cls, folder: Path) -> Overview | None:
        """The overview saved in ``folder``, mapped (not read); None when absent or stale."""
        try:
            meta = json.loads((Path(folder) / "overview.json").read_text())
            if meta.get("version") != OVERVIEW_VERSION:
                return None
            arrays = {name: _map(Path(folder) / f"{name}.npy") for name in _ARRAYS}
            g = meta["grid"]
            return cls(
                **arrays,
                origin=(float(meta["origin"][0]), float(meta["origin"][1])),
                grid=(float(g[0]), float(g[1]), float(g[2]), int(g[3]), int(g[4])),
                extent=[float(v) for v in meta["extent"]] if meta.get("extent") else None,
            )
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None


def _map(path: Path) -> np.ndarray:
    """A saved array, mapped; an empty one read (there is nothing to map)."""
    arr = np.load(path, mmap_mode="r")
    return np.asarray(arr) if arr.size == 0 else arr


def overview_folder(table: StreamedTable, cache_dir: Path) -> Path:
    """Where ``table``'s overview is cached: named after the data as it is now (a file's
    path, size and modification time) — changed data gets a new overview, never a stale one."""
    return Path(cache_dir) / f"{table.cache_name()}.overview"


def adopt_overview(table: StreamedTable, cache_dir: Path) -> bool:
    try:
        folder = overview_folder(table, cache_dir)
    except OSError:
        return False
    ov = Overview.load(folder)
    if ov is None or not table.fits(len(ov)):
        return False
    table.count = len(ov)  # (a shapefile's deleted records are counted, not read)
    table.overview = ov
    table.cache = folder
    table.extent = ov.extent or table.extent
    return True


def cache_dirs(base_dir: Path) -> list[Path]:
    """Where overviews are kept, in order: beside the project, else the user's cache (a
    project folder that cannot be written — a bundled sample, a read-only share)."""
    user = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ecoviewer" / "overviews"
    return [Path(base_dir) / CACHE_DIR, user]


def ensure_overview(table: StreamedTable, base_dir: Path, progress=None) -> None:
    """Adopt ``table``'s cached overview or build it (``progress(fraction)`` → False cancels,
    raising ``CancelledError``) into the first cache folder that can be written."""
    dirs = cache_dirs(base_dir)
    for d in dirs:
        if adopt_overview(table, d):
            table.opened()
            return
    table.exact_count()  # (a database table too big to count at opening)
    for d in dirs:
        try:
            d.mkdir(parents=True, exist_ok=True)
            probe = d / f".probe{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError:
            continue
        build_overview(table, d, progress)
        table.opened()
        return
    build_overview(table, None, progress)
    table.opened()


def prepare(table: StreamedTable, spec) -> None:
    """What the first frame needs, made while the layer is read: the style's column and
    the pyramid of the layer's style (both kept beside the overview)."""
    from .styles import style_or_default

    style, _ = style_or_default(spec, list(table.fields))
    if style.field and style.field in table.fields:
        table.coded(style.field)
    if len(table) >= PYRAMID_ABOVE:
        StreamRenderer(table, style).pyramid()


def build_overview(
    table: StreamedTable,
    cache_dir: Path | None = None,
    progress: Callable[[float], bool] | None = None,
) -> Overview:
    """One streaming pass over the file: the overview of ``table`` (also kept in
    ``cache_dir``). ``progress(fraction)`` returning False cancels (``CancelledError``)."""
    return table.run(_build, table, cache_dir, progress)


def _build(table, cache_dir, progress) -> Overview:
    """The overview written straight to its folder batch by batch (plain file writes: the
    page cache holds them, not this process — 10M features build in ~0.4 GB), indexed, and
    renamed into place only when complete."""
    n = table.count
    if cache_dir is not None:
        folder = overview_folder(table, cache_dir)
    else:  # no folder to keep it in: a private temporary one, for this session
        folder = Path(tempfile.mkdtemp(prefix="ecoviewer-overview-")) / "overview"
    folder.parent.mkdir(parents=True, exist_ok=True)
    # a folder of its own (two builds of one file — a reopen, two layers — do not meet)
    tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".part", dir=folder.parent))
    try:
        ov = _write(table, tmp, n, progress)
        loaded = Overview.load(folder)
        if loaded is not None and len(loaded) == table.count:
            shutil.rmtree(tmp, ignore_errors=True)  # another build finished first: its copy
        else:
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    loaded = Overview.load(folder)
    if loaded is None:
        raise StreamError(f"{table.path}: its overview could not be read back from {folder}")
    table.overview = loaded
    table.cache = folder
    table.extent = loaded.extent or table.extent
    del ov
    return loaded


class _Column:
    """One ``.npy`` file written in order, by plain writes after its header."""

    def __init__(self, path: Path, dtype, shape: tuple):
        mm = np.lib.format.open_memmap(path, mode="w+", dtype=dtype, shape=shape)
        self.offset = mm.offset
        del mm
        self.fh = open(path, "r+b")  # closed in close()
        self.fh.seek(self.offset)
        self.row_bytes = int(np.dtype(dtype).itemsize * int(np.prod(shape[1:], dtype=np.int64)))

    def write(self, values: np.ndarray) -> None:
        self.fh.write(np.ascontiguousarray(values).tobytes())

    def close(self) -> None:
        self.fh.close()


def _write(table, folder: Path, n: int, progress) -> dict:
    if table.extent is not None:
        ex, ey = lonlat_to_mercator(np.array(table.extent[0:1]), np.array(table.extent[1:2]))
        origin = (float(ex[0]), float(ey[0]))
    else:
        origin = (0.0, 0.0)
    spec = {
        "fid": (np.int64, (n,)),
        "x0": (np.float32, (n,)),
        "y0": (np.float32, (n,)),
        "x1": (np.float32, (n,)),
        "y1": (np.float32, (n,)),
        "area": (np.float32, (n,)),
        "kind": (np.uint8, (n,)),
        "quad": (np.uint8, (n, 4)),
        "ring_len": (np.uint8, (n,)),
    }
    out = {name: _Column(folder / f"{name}.npy", dt, shape) for name, (dt, shape) in spec.items()}
    rings = open(folder / "ring_xy.raw", "wb")  # variable length, in file order; closed below
    lo = np.array([np.inf, np.inf])
    hi = np.array([-np.inf, -np.inf])
    filled = 0
    try:
        for start, fids, geoms, _ in table.batches([], with_fids=True):
            if start + len(fids) > n:  # more features than counted: the file grew under us
                raise StreamError(f"{table.path}: the file changed while its overview was built; reopen it")
            b = shapely.bounds(geoms)
            mx0, my0 = lonlat_to_mercator(b[:, 0], b[:, 1])
            mx1, my1 = lonlat_to_mercator(b[:, 2], b[:, 3])
            ok = np.isfinite(mx0) & np.isfinite(my0) & np.isfinite(mx1) & np.isfinite(my1)
            if ok.any():
                lo = np.minimum(lo, [mx0[ok].min(), my0[ok].min()])
                hi = np.maximum(hi, [mx1[ok].max(), my1[ok].max()])
            rel = [
                np.where(ok, v - o, np.nan).astype(np.float32)
                for v, o in ((mx0, origin[0]), (my0, origin[1]), (mx1, origin[0]), (my1, origin[1]))
            ]
            lat = np.radians((b[:, 1] + b[:, 3]) / 2)
            with np.errstate(invalid="ignore"):
                area = shapely.area(geoms) * (R * np.pi / 180.0) ** 2 / np.cos(lat)
            t = shapely.get_type_id(geoms)
            kind = np.where(
                np.isin(t, POLYGON_KINDS),
                0,
                np.where(np.isin(t, LINE_KINDS), 1, np.where(np.isin(t, POINT_KINDS), 2, 3)),
            ).astype(np.uint8)
            quad = _encode_quads(_quads(geoms), mx0, my0, mx1, my1)
            ring_len, ring_xy = _rings(geoms, mx0, my0, mx1, my1)
            out["ring_len"].write(ring_len)
            rings.write(ring_xy.tobytes())
            out["fid"].write(fids.astype(np.int64))
            for name, v in zip(("x0", "y0", "x1", "y1"), rel):
                out[name].write(v)
            out["area"].write(area.astype(np.float32))
            out["kind"].write(kind)
            out["quad"].write(quad)
            filled = start + len(fids)
            if progress is not None and progress(filled / max(n, 1)) is False:
                raise CancelledError()
    finally:
        for col in out.values():
            col.close()
        rings.close()
    if filled < n:  # fewer than counted (a shapefile's deleted records): the pass is right
        for name in spec:
            arr = np.load(folder / f"{name}.npy", mmap_mode="r")[:filled]
            np.save(folder / f"{name}.short.npy", np.ascontiguousarray(arr))
            del arr
            os.replace(folder / f"{name}.short.npy", folder / f"{name}.npy")
        table.count = n = filled
    return _write_index(folder, n, origin, lo, hi)


def _write_index(folder: Path, n: int, origin, lo, hi) -> dict:
    """The grid over the features' box centres: ``order`` (sorted by cell), ``cell_start``,
    and ``large`` (features wider than a cell, checked on every query)."""
    if np.all(np.isfinite(lo)) and np.all(np.isfinite(hi)):
        gx, gy = float(lo[0] - origin[0]), float(lo[1] - origin[1])
        w, h = float(hi[0] - lo[0]), float(hi[1] - lo[1])
    else:
        gx = gy = 0.0
        w = h = 1.0
    arrays = {k: np.load(folder / f"{k}.npy", mmap_mode="r") for k in ("x0", "y0", "x1", "y1")}
    # cells of about PER_CELL features, and no narrower than 99 % of the features (a feature
    # is filed under the cell of its centre; wider ones are checked on every query)
    sample = np.linspace(0, n - 1, min(n, 200_000)).astype(np.int64) if n else np.zeros(0, np.int64)
    sx0, sy0, sx1, sy1 = (np.asarray(arrays[k][sample]) for k in ("x0", "y0", "x1", "y1"))
    sizes = np.maximum(sx1 - sx0, sy1 - sy0)
    sizes = sizes[np.isfinite(sizes)]
    wide = float(np.quantile(sizes, 0.99)) if len(sizes) else 0.0
    cells = max(1, n // PER_CELL)
    cell = max(np.sqrt(max(w * h, 1.0) / cells), wide, 1.0)
    nx = int(min(max(1, np.ceil(w / cell)), 4096))
    ny = int(min(max(1, np.ceil(h / cell)), 4096))
    cell = max(w / nx, h / ny, 1e-6)
    key = np.full(n, nx * ny, dtype=np.int64)  # past the grid: large features, then missing
    step = 1_000_000
    for s0 in range(0, n, step):
        x0, y0, x1, y1 = (arrays[k][s0 : s0 + step] for k in ("x0", "y0", "x1", "y1"))
        present = np.isfinite(x0) & np.isfinite(y0) & np.isfinite(x1) & np.isfinite(y1)
        size = np.maximum(x1 - x0, y1 - y0)
        grid = present & (size <= cell)
        cx = (x0 + x1) / 2 - gx
        cy = (y0 + y1) / 2 - gy
        col = np.clip(np.floor(np.nan_to_num(cx) / cell), 0, nx - 1).astype(np.int64)
        row = np.clip(np.floor(np.nan_to_num(cy) / cell), 0, ny - 1).astype(np.int64)
        key[s0 : s0 + step] = np.where(grid, row * nx + col, np.where(present, nx * ny, nx * ny + 1))
    del arrays
    order = np.argsort(key, kind="stable")  # position → file row
    counts = np.bincount(key, minlength=nx * ny + 2)[: nx * ny]
    del key
    np.save(folder / "cell_start.npy", np.concatenate([[0], np.cumsum(counts)]).astype(np.int64))
    np.save(folder / "row.npy", order.astype(np.int64))
    _write_rings(folder, n, order, step)
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = np.arange(n, dtype=np.int64)
    np.save(folder / "pos.npy", inverse)
    del inverse
    os.replace(folder / "fid.npy", folder / "fid_file.npy")
    for name in ("fid_file", "x0", "y0", "x1", "y1", "area", "kind", "quad"):
        src = np.load(folder / f"{name}.npy", mmap_mode="r")
        target = "fid" if name == "fid_file" else name
        out = np.lib.format.open_memmap(
            folder / f"{target}.g.npy", mode="w+", dtype=src.dtype, shape=src.shape
        )
        for s0 in range(0, n, step):
            out[s0 : s0 + step] = src[order[s0 : s0 + step]]
        out.flush()
        del out, src
        if name != "fid_file":
            os.replace(folder / f"{target}.g.npy", folder / f"{target}.npy")
        else:
            os.replace(folder / "fid.g.npy", folder / "fid.npy")
    del order
    extent = None
    if np.all(np.isfinite(lo)) and np.all(np.isfinite(hi)):
        extent = [
            *mercator_to_lonlat(float(lo[0]), float(lo[1])),
            *mercator_to_lonlat(float(hi[0]), float(hi[1])),
        ]
    meta = {
        "version": OVERVIEW_VERSION,
        "origin": list(origin),
        "grid": [gx, gy, float(cell), nx, ny],
        "extent": extent,
    }
    (folder / "overview.json").write_text(json.dumps(meta))
    return meta


def _write_rings(folder: Path, n: int, order: np.ndarray, step: int) -> None:
    """The rings written in file order (``ring_len``, ``ring_xy.raw``) put in grid order:
    ``ring_start`` (n + 1) and ``ring_xy`` (vertices, 2)."""
    length = np.load(folder / "ring_len.npy")  # uint8
    raw = folder / "ring_xy.raw"
    total = int(length.sum(dtype=np.int64))
    file_start = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(length, dtype=np.int64, out=file_start[1:])
    start = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(length[order], dtype=np.int64, out=start[1:])
    np.save(folder / "ring_start.npy", start)
    step = max(1, min(step, 4_000_000 // MAX_RING))  # at most 4M vertices gathered at once
    if total == 0:
        np.save(folder / "ring_xy.npy", np.zeros((0, 2), dtype=np.uint16))
    else:
        src = np.memmap(raw, dtype=np.uint16, mode="r", shape=(total, 2))
        out = np.lib.format.open_memmap(folder / "ring_xy.npy", mode="w+", dtype=np.uint16, shape=(total, 2))
        for s0 in range(0, n, step):
            rows = order[s0 : s0 + step]
            out[start[s0] : start[min(s0 + step, n)]] = src[_ranges(file_start[rows], length[rows])]
            del rows
        out.flush()
        del out, src
    raw.unlink()
    (folder / "ring_len.npy").unlink()


def _rings(geoms: np.ndarray, mx0, my0, mx1, my1) -> tuple[np.ndarray, np.ndarray]:
    """Per feature, the number of its ring's vertices kept (0: none — not a one-ring polygon
    of at most ``MAX_RING`` vertices) and those vertices in Web Mercator, each as two
    uint16 in 65535ths of the feature's box (a 2 km feature to 3 cm)."""
    n = len(geoms)
    length = np.zeros(n, dtype=np.uint8)
    t = shapely.get_type_id(geoms)
    ok = (t == 3) & np.isfinite(mx0) & np.isfinite(my0) & np.isfinite(mx1) & np.isfinite(my1)
    if ok.any():
        ok[ok] = shapely.get_num_interior_rings(geoms[ok]) == 0
    if ok.any():
        rings = geoms[ok]  # (one ring each: their coordinates are the outer ring's)
        count = shapely.get_num_coordinates(rings) - 1  # the closing vertex is not kept
        fits = (count >= 3) & (count <= MAX_RING)
        ok[ok] = fits
        rings, count = rings[fits], count[fits]
    if not ok.any():
        return length, np.zeros((0, 2), dtype=np.uint16)
    xy, which = shapely.get_coordinates(rings, return_index=True)
    first = np.concatenate([[0], np.cumsum(count + 1)[:-1]])
    keep = np.ones(len(xy), dtype=bool)
    keep[first + count] = False  # the closing vertices
    xy, which = xy[keep], which[keep]
    x, y = lonlat_to_mercator(xy[:, 0], xy[:, 1])
    # anticlockwise, as the in-memory renderer draws every outer ring (see ``TileRenderer``)
    nxt = np.arange(1, len(x) + 1)
    ends = np.cumsum(count)
    nxt[ends - 1] = ends - count
    f = np.flatnonzero(ok)[which]
    xr, yr = x - mx0[f], y - my0[f]  # (within its box: no cancellation in the products)
    twice_area = np.bincount(which, weights=xr * yr[nxt] - xr[nxt] * yr, minlength=len(count))
    cw = np.repeat(twice_area < 0, count)
    if cw.any():  # those rings' vertices in reverse
        at = np.arange(len(x))
        head = np.repeat(ends - count, count)
        tail = np.repeat(ends - 1, count)
        at = np.where(cw, head + tail - at, at)
        x, y, f = x[at], y[at], f[at]
    w = np.maximum(mx1[f] - mx0[f], 1e-9)
    h = np.maximum(my1[f] - my0[f], 1e-9)
    q = np.empty((len(x), 2), dtype=np.uint16)
    q[:, 0] = np.clip(np.round((x - mx0[f]) / w * 65535), 0, 65535)
    q[:, 1] = np.clip(np.round((y - my0[f]) / h * 65535), 0, 65535)
    length[ok] = count
    return length, q


def _ring_edges(ov: Overview, pos: np.ndarray, bx0, by0, bx1, by1):
    """The edges (x0, y0, x1, y1 relative to the overview's origin) of the kept rings of
    the features at overview positions ``pos`` (boxes given), and each edge's feature."""
    start = np.asarray(ov.ring_start[pos])
    count = np.asarray(ov.ring_start[pos + 1]) - start
    q = np.asarray(ov.ring_xy[_ranges(start, count)], dtype=np.float64) / 65535
    f = np.repeat(np.arange(len(pos)), count)
    x0, y0 = bx0.astype(np.float64)[f], by0.astype(np.float64)[f]
    x = x0 + q[:, 0] * (bx1.astype(np.float64)[f] - x0)
    y = y0 + q[:, 1] * (by1.astype(np.float64)[f] - y0)
    nxt = np.arange(1, len(x) + 1)
    ends = np.cumsum(count)
    nxt[ends[count > 0] - 1] = (ends - count)[count > 0]  # each ring closes on its first vertex
    return x, y, x[nxt], y[nxt], f


def _encode_quads(quad: np.ndarray, x0, y0, x1, y1) -> np.ndarray:
    """Corners (n, 8) of rectangles in their boxes as (n, 4) uint8: starting from the corner
    on the bottom side and going round anticlockwise (right, top, left side), each corner's
    place along its side in 255ths — 4 bytes a feature instead of 32."""
    n = len(quad)
    out = np.full((n, 4), 255, dtype=np.uint8)
    ok = np.isfinite(quad).all(axis=1) & np.isfinite(x0) & np.isfinite(y0)
    if not ok.any():
        return out
    q = quad[ok].reshape(-1, 4, 2)
    bx0, by0, bx1, by1 = x0[ok], y0[ok], x1[ok], y1[ok]
    w = np.maximum(bx1 - bx0, 1e-9)
    h = np.maximum(by1 - by0, 1e-9)
    i = np.arange(len(q))
    b = np.argmin(q[:, :, 1], axis=1)
    # anticlockwise from the bottom corner: the next one is on the right side
    forward = q[i, (b + 1) % 4, 0] >= q[i, (b + 3) % 4, 0]
    step = np.where(forward, 1, 3)
    corner = [q[i, (b + step * j) % 4] for j in range(4)]
    frac = np.stack(
        [
            (corner[0][:, 0] - bx0) / w,
            (corner[1][:, 1] - by0) / h,
            (corner[2][:, 0] - bx0) / w,
            (corner[3][:, 1] - by0) / h,
        ],
        axis=1,
    )
    out[ok] = np.clip(np.round(frac * 254), 0, 254).astype(np.uint8)
    return out


def _decode_quads(code: np.ndarray, x0, y0, x1, y1) -> np.ndarray:
    """(n, 8) corners from ``_encode_quads`` and the boxes."""
    f = code.astype(np.float32) / 254
    w = x1 - x0
    h = y1 - y0
    out = np.empty((len(code), 8), dtype=np.float32)
    out[:, 0], out[:, 1] = x0 + f[:, 0] * w, y0
    out[:, 2], out[:, 3] = x1, y0 + f[:, 1] * h
    out[:, 4], out[:, 5] = x0 + f[:, 2] * w, y1
    out[:, 6], out[:, 7] = x0, y0 + f[:, 3] * h
    return out


def _quads(geoms: np.ndarray) -> np.ndarray:
    """Each polygon's oriented envelope as 4 Web Mercator corners (x0 y0 … x3 y3): exact for
    a rectangular footprint (its own ring), the smallest enclosing rectangle otherwise —
    what a footprint a few pixels wide is drawn as (its shape is read beyond that)."""
    n = len(geoms)
    out = np.full((n, 8), np.nan)
    poly = np.isin(shapely.get_type_id(geoms), POLYGON_KINDS)
    if not poly.any():
        return out
    simple = poly & (shapely.get_num_coordinates(geoms) == 5) & (shapely.get_type_id(geoms) == 3)
    env = geoms.copy()
    rest = poly & ~simple
    if rest.any():
        env[rest] = shapely.oriented_envelope(geoms[rest])
    four = poly & (shapely.get_num_coordinates(env) == 5) & (shapely.get_type_id(env) == 3)
    coords = shapely.get_coordinates(env[four])  # (one ring of five: its coordinates are the ring's)
    xy = coords.reshape(-1, 5, 2)[:, :4, :]
    mx, my = lonlat_to_mercator(xy[..., 0].ravel(), xy[..., 1].ravel())
    q = np.empty((int(four.sum()), 8))
    q[:, 0::2] = mx.reshape(-1, 4)
    q[:, 1::2] = my.reshape(-1, 4)
    out[four] = q
    return out


# -- drawing --------------------------------------------------------------------------------
class StreamRenderer:
    """Draws a streamed layer's tiles: the overview for what is smaller than a pixel and a
    ``TileRenderer`` over the features read for the rest (see the module's notes)."""

    def __init__(self, table: StreamedTable, style, highlight: str = "#00e5ff"):
        from .styles import classify

        self.table = table
        self.style = style
        self.highlight = highlight
        self.ov = table.overview
        n = len(self.ov)
        if style.kind == "single":
            self.cls = np.zeros(n, dtype=np.int32)
        else:  # each feature's class, in the overview's (grid) order
            coded = table.coded(style.field)
            if coded is not None:  # the distinct values classified, then looked up
                values, codes = coded
                per_value = np.asarray(classify(style, {style.field: values}, len(values)))
                self.cls = per_value[np.asarray(codes)[np.asarray(self.ov.row)]]
                _release(self.ov.row, codes)
            else:
                self.cls = np.asarray(classify(style, {style.field: table.column(style.field)}, n))[
                    np.asarray(self.ov.row)
                ]
        from .tiles import TileRenderer as _Renderer

        self.symbols = _Renderer._symbols(style)
        self.geometry = table  # identity: which data this renderer draws
        self._pyramid = None
        self._pyramid_lock = threading.Lock()
        self._drawn = itertools.count()  # (next() of a count is atomic: tiles of two threads)

    def render(self, z: int, x: int, y: int, only: np.ndarray | None = None, scale: float = 1.0) -> bytes:
        try:
            return self._render(z, x, y, only, scale)
        finally:
            # every RELEASE_EVERY tiles, the overview's and the pyramid's pages the last views
            # read are given back: they stay in the page cache (shared, the kernel's to drop),
            # not in this process, which holds what the next tiles read — a long session of
            # pans over 10M footprints no longer accumulates the whole overview
            if next(self._drawn) % RELEASE_EVERY == RELEASE_EVERY - 1:
                self.release()

    def release(self) -> None:
        """Give back the mapped pages of the overview and the pyramid (read again on need)."""
        _release(*(getattr(self.ov, name) for name in _ARRAYS))
        pyramid = self._pyramid
        if pyramid is not None:
            _release(*(raster for _, _, raster in pyramid.levels.values()), *pyramid.rest.values())

    def _render(self, z: int, x: int, y: int, only: np.ndarray | None, scale: float) -> bytes:
        ov = self.ov
        minx, miny, maxx, maxy, res = tile_bounds(z, x, y)
        size = max(1, round(TILE * scale))
        res = res * TILE / size
        pad = res * 16 * size / TILE
        ox, oy = ov.origin
        box = (minx - pad - ox, miny - pad - oy, maxx + pad - ox, maxy + pad - oy)
        base = None
        pyramid = self.pyramid() if only is None and size == TILE else None
        if pyramid is not None and z <= pyramid.top and z in pyramid.levels:
            # zoomed out: what is at most a few pixels wide comes from the pyramid's coverage
            # rasters; only the rest of the features is looked at
            base, hits, bx0, by0, bx1, by1 = pyramid.tile(z, x, y, box)
        else:
            hits, bx0, by0, bx1, by1 = ov.query_boxes(*box)
        if only is not None:  # table rows → overview positions
            lit = np.isin(hits, np.asarray(ov.pos[np.asarray(only, dtype=np.int64)]))
            hits, bx0, by0, bx1, by1 = hits[lit], bx0[lit], by0[lit], bx1[lit], by1[lit]
        if len(hits) == 0 and (base is None or not base.any()):
            return EMPTY_PNG if size == TILE else encode_png(np.zeros((size, size, 4), np.uint8))
        kind = np.asarray(ov.kind[hits])
        extent = np.maximum(bx1 - bx0, by1 - by0)
        k = size / TILE
        points = kind == 2
        small = (extent < 1.5 * res) & ~points  # splatted at their centre, as in memory
        # polygons of a few pixels: their area spread over the pixels their box covers;
        # up to outline size: filled from their oriented envelopes
        spread = ~small & (kind == 0) & (extent < SPREAD_PX * res)
        mid = ~small & ~spread & (kind == 0) & (extent <= 6 * res * k)
        if mid.any():
            m = np.flatnonzero(mid)
            code = np.asarray(ov.quad[hits[m]])
            ok = ~(code == 255).all(axis=1)
            mid[m[~ok]] = False
            m = m[ok]
            quad = _decode_quads(code[ok], bx0[m], by0[m], bx1[m], by1[m])
        else:
            quad = np.zeros((0, 8), np.float32)
        read = ~small & ~spread & ~mid & ~points
        # what keeps its ring in the overview is drawn from there, never read — where the
        # ring is exact to a quarter pixel (65535ths of its box, and its box's float32 corners
        # relative to the origin: far from it, or zoomed far in, a feature is read instead)
        ringed = read & (np.asarray(ov.ring_start[hits + 1]) > np.asarray(ov.ring_start[hits]))
        if ringed.any():
            far = np.maximum(np.maximum(np.abs(bx0), np.abs(bx1)), np.maximum(np.abs(by0), np.abs(by1)))
            ringed &= extent / 65535 + np.spacing(far.astype(np.float32)) < 0.25 * res
        read &= ~ringed
        if ringed.any():
            r = np.flatnonzero(ringed)
            *ring_edges, ring_of = _ring_edges(ov, hits[r], bx0[r], by0[r], bx1[r], by1[r])
            ring_cls = self._classes(hits[r], only)[ring_of]
        shapes = hits[read]
        big = None
        if len(shapes) > MAX_SHAPES:  # too many to read for one tile: the biggest are read
            order = np.argsort(-extent[read], kind="stable")
            drop = np.flatnonzero(read)[order[MAX_SHAPES:]]
            small[drop] = True
            read[drop] = False
            shapes = hits[read]
        if len(shapes):
            # half a pixel on the ground: what a server may simplify away (PostGIS)
            lat = mercator_to_lonlat((minx + maxx) / 2, (miny + maxy) / 2)[1]
            tolerance = res * np.cos(np.radians(lat)) / 2
            if len(shapes) > 2000 and len(shapes) > 0.7 * len(hits):  # most of the tile: by box
                lon0, lat0 = mercator_to_lonlat(minx - pad, miny - pad)
                lon1, lat1 = mercator_to_lonlat(maxx + pad, maxy + pad)
                fids, geoms, _ = self.table.read_box(lon0, lat0, lon1, lat1, tolerance=tolerance)
            else:
                fids, geoms, _ = self.table.read_fids(ov.fid[shapes], tolerance=tolerance)
            # the positions of what came back, from what was asked (no look-up in the whole
            # layer's FIDs: 10M of them need not be in memory for a tile)
            asked = np.asarray(ov.fid[shapes])
            order = np.argsort(asked, kind="stable")
            at = np.minimum(np.searchsorted(asked, fids, sorter=order), len(asked) - 1)
            keep = asked[order[at]] == fids  # (a feature not asked for, or added since: not drawn)
            big = _Drawn(geoms[keep], shapes[order[at[keep]]], self)
        ox0, oy0 = minx - ox, maxy - oy  # tile's top-left, relative to the overview's origin
        img = np.zeros((size, size, 3), dtype=np.float32)
        alpha = np.zeros((size, size), dtype=np.float32)
        hl = None if only is None else _rgb_of(self.highlight)
        cls = self._classes(hits, only)
        cls_big = self._classes(big.rows, only) if big is not None else np.zeros(0, np.int32)
        cls_mid = cls[mid]
        classes = np.unique(np.concatenate([cls[~read], cls_big]))  # (ringed ones included)
        if base is not None:
            classes = np.union1d(classes, np.flatnonzero(base.reshape(len(base), -1).any(axis=1)))
        slot = np.full(len(self.symbols), -1, dtype=np.int64)
        slot[classes] = np.arange(len(classes))
        flat = np.zeros(len(classes) * size * size)  # per class: the splats and spreads
        if base is not None:
            flat += base[classes].ravel()
        if small.any() or spread.any():
            area = np.asarray(ov.area[hits])
            t = np.flatnonzero(small)
            if len(t):
                px = np.floor(((bx0[t] + bx1[t]) / 2 - ox0) / res).astype(np.int64)
                py = np.floor((oy0 - (by0[t] + by1[t]) / 2) / res).astype(np.int64)
                ok = (px >= 0) & (px < size) & (py >= 0) & (py < size)
                weight = np.array([sym.weight for sym in self.symbols])[cls[t]]
                amount = np.where(kind[t] == 1, extent[t] * weight * k / res, area[t] / (res * res))
                at = slot[cls[t]] * size * size + py * size + px
                flat += np.bincount(at[ok], weights=amount[ok], minlength=len(flat))
            t = np.flatnonzero(spread)
            if len(t):
                flat += _spread(
                    bx0[t],
                    by0[t],
                    bx1[t],
                    by1[t],
                    area[t] / (res * res),
                    slot[cls[t]],
                    ox0,
                    oy0,
                    res,
                    size,
                    len(classes),
                )
        flat = flat.reshape(len(classes), size, size).astype(np.float32)
        for c in classes:
            sym = self.symbols[c]
            fill = hl if hl is not None else sym.fill
            stroke = hl if hl is not None else sym.stroke
            fo = 0.9 if hl is not None else sym.fill_opacity
            cov = flat[slot[c]]
            mine = cls == c
            q = quad[cls_mid == c]
            if len(q):
                cov += _fill_quads(q, ox0, oy0, res, size)
            edges = None
            if ringed.any():
                e = ring_cls == c
                if e.any():
                    edges = [v[e] for v in ring_edges]
                    cov += fill_coverage(*edges, ox0, oy0, res, size)
            sel = None
            if big is not None:
                sel = np.flatnonzero(cls_big == c)
                if len(sel):
                    more = big.renderer._fill(
                        sel, ox0 + ox - big.renderer.origin[0], oy0 + oy - big.renderer.origin[1], res, size
                    )
                    if more is not None:
                        cov += more
            cov = np.minimum(cov, 1.0)
            if cov.any():
                _over(img, alpha, fill, cov * fo)
            width = (3.0 if hl is not None else sym.weight) * k
            outline = _stroke(*edges, ox0, oy0, res, width, size) if edges is not None and width > 0 else None
            if sel is not None and len(sel):
                bx, by = ox0 + ox - big.renderer.origin[0], oy0 + oy - big.renderer.origin[1]
                more = big.renderer._strokes(sel, bx, by, res, width, size)
                if more is not None:
                    outline = more if outline is None else np.maximum(outline, more)
            if outline is not None:
                _over(img, alpha, stroke, outline * sym.opacity)
            if sel is not None and len(sel):
                disc = big.renderer._points(sel, bx, by, res, sym.radius * k, size)
                if disc is not None:
                    _over(img, alpha, fill, disc * max(fo, 0.8))
            d = np.flatnonzero(points & mine)
            if len(d):
                disc = discs(
                    (bx0[d] + bx1[d]) / 2, (by0[d] + by1[d]) / 2, ox0, oy0, res, sym.radius * k, size
                )
                _over(img, alpha, fill, disc * max(fo, 0.8))
        return to_png(img, alpha)

    def pyramid(self) -> Pyramid | None:
        """The coverage rasters of the zoomed-out levels, made on first need (one pass over
        the overview); None for a layer too small to need them."""
        if len(self.ov) < PYRAMID_ABOVE:
            return None
        with self._pyramid_lock:
            if self._pyramid is None:
                folder = self.table.cache / f"pyramid-{self.style_key()}" if self.table.cache else None
                self._pyramid = Pyramid.load(folder, self.ov) if folder is not None else None
                if self._pyramid is None:
                    self._pyramid = Pyramid(self)
                    if folder is not None:
                        self._pyramid.save(folder)
                        # drawn from the saved copy, mapped: its pages can be given back
                        self._pyramid = Pyramid.load(folder, self.ov) or self._pyramid
            return self._pyramid

    def style_key(self) -> str:
        """What the pyramid depends on: the classes and their symbols."""
        st = self.style
        # (2: envelopes up to outline size are in the rasters)
        text = repr((2, st.kind, st.field, st.values, st.breaks, st.other, [vars(s) for s in self.symbols]))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def _classes(self, rows, only) -> np.ndarray:
        if only is not None:
            return np.zeros(len(rows), dtype=np.int32)
        c = np.asarray(self.cls[rows], dtype=np.int32)
        return np.where(c < 0, len(self.symbols) - 1, c)


class Pyramid:
    """Per class, the coverage of a streamed layer's features at the zoomed-out levels, as
    rasters on the tiles' own pixel grid: at each level from ``top`` down to 12, what is
    at most outline size there (splatted, spread and envelopes filled exactly as a tile
    would be); below 12, the level above halved (2×2 pixels summed and quartered — a pixel
    of zoom z is four of z+1). ``rest[z]``: the positions (sorted) of what is drawn per
    tile instead — at zooms 13 and 14 for 10M footprints, none of them.

    Made from the renderer's classes: a restyle makes a new one. A zoomed-out tile is then
    a slice of a raster, not 300,000 features."""

    def __init__(self, renderer: StreamRenderer):
        ov = renderer.ov
        self.ov = ov
        n = len(ov)
        planes = len(renderer.symbols)
        weights = np.array([sym.weight for sym in renderer.symbols], dtype=np.float64)
        lo = np.array([np.inf, np.inf])
        hi = -lo
        step = 1_000_000
        for s0 in range(0, n, step):
            b = [np.asarray(getattr(ov, k)[s0 : s0 + step]) for k in ("x0", "y0", "x1", "y1")]
            ok = np.isfinite(b[0])
            if ok.any():
                lo = np.minimum(lo, [b[0][ok].min(), b[1][ok].min()])
                hi = np.maximum(hi, [b[2][ok].max(), b[3][ok].max()])
        self.levels: dict[int, tuple[int, int, np.ndarray]] = {}  # z → (left px, top px, raster)
        self.rest: dict[int, np.ndarray] = {}
        self.top = -1
        if not np.all(np.isfinite(lo)):
            return
        ox, oy = ov.origin
        # the deepest level whose rasters stay within PYRAMID_BYTES
        top = PYRAMID_TOP
        while top > 12:
            res = 2 * HALF / (TILE * 2**top)
            w = (hi[0] - lo[0]) / res + 4
            h = (hi[1] - lo[1]) / res + 4
            if planes * w * h * 4 <= PYRAMID_BYTES:
                break
            top -= 1
        res = 2 * HALF / (TILE * 2**top)
        if planes * ((hi[0] - lo[0]) / res + 5) * ((hi[1] - lo[1]) / res + 5) * 4 > PYRAMID_BYTES:
            return  # a country-wide layer: drawn from the overview at every zoom
        for z in range(top, 11, -1):
            res = 2 * HALF / (TILE * 2**z)
            left = int(np.floor((lo[0] + ox + HALF) / res)) - 2
            top_px = int(np.floor((HALF - (hi[1] + oy)) / res)) - 2
            width = int(np.ceil((hi[0] - lo[0]) / res)) + 5
            height = int(np.ceil((hi[1] - lo[1]) / res)) + 5
            raster = np.zeros(planes * height * width, dtype=np.float32)
            rest, mids = [], []
            # the raster's top-left corner, relative to the overview's origin
            rx, ry = left * res - HALF - ox, HALF - top_px * res - oy
            for s0 in range(0, n, step):
                x0, y0, x1, y1 = (
                    np.asarray(getattr(ov, k)[s0 : s0 + step]) for k in ("x0", "y0", "x1", "y1")
                )
                kind = np.asarray(ov.kind[s0 : s0 + step])
                extent = np.maximum(x1 - x0, y1 - y0)
                present = np.isfinite(extent)
                small = present & (kind != 2) & (extent < 1.5 * res)
                spread = present & (kind == 0) & ~small & (extent < SPREAD_PX * res)
                # up to outline size: filled from the oriented envelope, as a tile would be
                mid = present & (kind == 0) & ~small & ~spread & (extent <= 6 * res)
                if mid.any():
                    mid &= ~(np.asarray(ov.quad[s0 : s0 + step]) == 255).all(axis=1)
                rest.append(np.flatnonzero(~small & ~spread & ~mid) + s0)
                mids.append(np.flatnonzero(mid) + s0)
                cls = renderer.cls[s0 : s0 + step]
                cls = np.where(cls < 0, planes - 1, cls).astype(np.int64)
                area = np.asarray(ov.area[s0 : s0 + step])
                t = np.flatnonzero(small)
                if len(t):
                    px = np.floor(((x0[t] + x1[t]) / 2 - rx) / res).astype(np.int64)
                    py = np.floor((ry - (y0[t] + y1[t]) / 2) / res).astype(np.int64)
                    amount = np.where(kind[t] == 1, extent[t] * weights[cls[t]] / res, area[t] / (res * res))
                    inside = (px >= 0) & (px < width) & (py >= 0) & (py < height)
                    at = cls[t] * height * width + py * width + px
                    np.add.at(raster, at[inside], amount[inside].astype(np.float32))
                t = np.flatnonzero(spread)
                if len(t):
                    _spread_into(
                        raster,
                        x0[t],
                        y0[t],
                        x1[t],
                        y1[t],
                        area[t] / (res * res),
                        cls[t],
                        rx,
                        ry,
                        res,
                        width,
                        height,
                    )
            raster = raster.reshape(planes, height, width)
            mids = np.concatenate(mids)
            if len(mids) <= PYRAMID_QUADS:
                _quads_into(raster, renderer, mids, rx, ry, res)
            else:  # too many to fill now (~3 s a million): drawn per tile, as before
                rest.append(mids)
            self.levels[z] = (left, top_px, raster)
            self.rest[z] = np.sort(np.concatenate(rest)).astype(np.int64)
        _release(ov.x0, ov.y0, ov.x1, ov.y1, ov.kind, ov.area, ov.quad)
        for z in range(11, -1, -1):  # halved from the level above
            left, top_px, above = self.levels[z + 1]
            if above.shape[1] < 2 and above.shape[2] < 2:
                break
            # align to even pixels, then sum 2×2 and quarter
            pl, pt = left % 2, top_px % 2
            h, w = above.shape[1] + pt, above.shape[2] + pl
            a = np.pad(above, ((0, 0), (pt, h % 2), (pl, w % 2)))
            half = a.reshape(planes, a.shape[1] // 2, 2, a.shape[2] // 2, 2).sum(axis=(2, 4)) / 4
            self.levels[z] = ((left - pl) // 2, (top_px - pt) // 2, half.astype(np.float32))
            self.rest[z] = self.rest[12]
        self.top = top

    def save(self, folder: Path) -> None:
        """Kept beside the overview (written aside, renamed into place); a folder that
        cannot be written keeps it for this session only."""
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".part", dir=folder.parent))
        except OSError:
            return
        try:
            meta = {"top": self.top, "levels": {}}
            for z, (left, top_px, raster) in self.levels.items():
                np.save(tmp / f"level{z}.npy", raster)
                meta["levels"][str(z)] = [left, top_px]
                if z >= 12:
                    np.save(tmp / f"rest{z}.npy", self.rest[z])
            (tmp / "pyramid.json").write_text(json.dumps(meta))
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(tmp, folder)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path, ov: Overview) -> Pyramid | None:
        try:
            meta = json.loads((folder / "pyramid.json").read_text())
            self = cls.__new__(cls)
            self.ov = ov
            self.top = int(meta["top"])
            self.levels, self.rest = {}, {}
            for key, (left, top_px) in meta["levels"].items():
                z = int(key)
                self.levels[z] = (int(left), int(top_px), np.load(folder / f"level{z}.npy", mmap_mode="r"))
            for z in sorted(self.levels, reverse=True):
                path = folder / f"rest{z}.npy"
                if path.exists():
                    self.rest[z] = np.load(path, mmap_mode="r")
                else:  # below 12: what is drawn on top at 12
                    self.rest[z] = self.rest[12]
            return self
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def tile(self, z: int, x: int, y: int, box):
        """(coverage planes of the tile, and the positions and boxes of the features drawn
        on top of it) for tile (z, x, y) — ``box``: the padded tile, relative to the origin."""
        left, top_px, raster = self.levels[z]
        planes = raster.shape[0]
        out = np.zeros((planes, TILE, TILE), dtype=np.float32)
        c0, r0 = x * TILE - left, y * TILE - top_px
        a0, b0 = max(c0, 0), max(r0, 0)
        a1, b1 = min(c0 + TILE, raster.shape[2]), min(r0 + TILE, raster.shape[1])
        if a1 > a0 and b1 > b0:
            out[:, b0 - r0 : b1 - r0, a0 - c0 : a1 - c0] = raster[:, b0:b1, a0:a1]
        rest = self.rest[z]
        ov = self.ov
        return (out, *ov.meeting(_rest_in(ov, rest, box), box))


def _quads_into(raster: np.ndarray, renderer: StreamRenderer, mids: np.ndarray, rx, ry, res) -> None:
    """Fill the oriented envelopes of the features at overview positions ``mids`` into
    ``raster`` (planes, height, width; top-left corner (rx, ry) relative to the origin), a
    block of TILE² pixels at a time — per class, the union of its envelopes, exactly as a
    tile on the same pixel grid fills them (``_fill_quads``)."""
    if len(mids) == 0:
        return
    ov = renderer.ov
    planes, height, width = raster.shape
    wanted = np.zeros(len(ov), dtype=bool)
    wanted[mids] = True
    for r0 in range(0, height, TILE):
        for c0 in range(0, width, TILE):
            bx0, by1 = rx + c0 * res, ry - r0 * res
            pos, x0, y0, x1, y1 = ov.query_boxes(bx0, by1 - TILE * res, bx0 + TILE * res, by1)
            keep = wanted[pos]
            if not keep.any():
                continue
            pos, x0, y0, x1, y1 = pos[keep], x0[keep], y0[keep], x1[keep], y1[keep]
            quad = _decode_quads(np.asarray(ov.quad[pos]), x0, y0, x1, y1)
            cls = np.asarray(renderer.cls[pos])
            cls = np.where(cls < 0, planes - 1, cls)
            h, w = min(TILE, height - r0), min(TILE, width - c0)
            for c in np.unique(cls):
                cov = _fill_quads(quad[cls == c], bx0, by1, res, TILE)
                raster[c, r0 : r0 + h, c0 : c0 + w] += cov[:h, :w]


def _rest_in(ov: Overview, rest: np.ndarray, box) -> np.ndarray:
    """The positions of ``rest`` (sorted) in the grid cells a query of ``box`` looks at,
    and every one past the grid."""
    starts, ends = (np.searchsorted(rest, r) for r in ov.runs(*box))
    tail = rest[np.searchsorted(rest, int(ov.cell_start[-1])) :]
    return np.concatenate([rest[_ranges(starts, ends - starts)], tail]).astype(np.int64)


def _spread_into(raster, x0, y0, x1, y1, amount, plane, rx, ry, res, width, height) -> None:
    """Add to ``raster`` (planes × height × width, flat; its top-left corner at (rx, ry))
    the coverage of features a few pixels wide: each one's area in pixels² (``amount``)
    shared among the pixels its box covers, by how much of the box lies in each — the density
    picture of the splat, a pixel or two wider (no shape is read for them)."""
    a0 = (x0 - rx) / res
    a1 = (x1 - rx) / res
    b0 = (ry - y1) / res
    b1 = (ry - y0) / res
    wx = np.maximum(a1 - a0, 1e-6)
    wy = np.maximum(b1 - b0, 1e-6)
    i0 = np.floor(a0).astype(np.int64)
    j0 = np.floor(b0).astype(np.int64)
    cols = np.floor(a1).astype(np.int64) - i0 + 1
    rows = np.floor(b1).astype(np.int64) - j0 + 1
    base = plane * height * width
    for di in range(int(cols.max())):
        f = np.flatnonzero(cols > di)
        col = i0[f] + di
        fx = (np.minimum(a1[f], col + 1) - np.maximum(a0[f], col)) / wx[f]
        okx = (col >= 0) & (col < width)
        for dj in range(int(rows[f].max())):
            g = np.flatnonzero(okx & (rows[f] > dj))
            ff = f[g]
            row = j0[ff] + dj
            fy = (np.minimum(b1[ff], row + 1) - np.maximum(b0[ff], row)) / wy[ff]
            ok = (row >= 0) & (row < height)
            at = base[ff] + row * width + col[g]
            np.add.at(raster, at[ok], (amount[ff] * fx[g] * fy)[ok].astype(np.float32))


def _fill_quads(quad: np.ndarray, ox: float, oy: float, res: float, size: int) -> np.ndarray:
    """Coverage of quadrilaterals (n, 8), filled as every shape of a tile is (``fill_coverage``)."""
    q = np.asarray(quad, dtype=np.float32)
    x0 = q[:, 0::2].ravel()
    y0 = q[:, 1::2].ravel()
    x1 = np.roll(q[:, 0::2], -1, axis=1).ravel()
    y1 = np.roll(q[:, 1::2], -1, axis=1).ravel()
    return fill_coverage(x0, y0, x1, y1, ox, oy, res, size)


def _spread(x0, y0, x1, y1, amount, slot, ox, oy, res, size, classes) -> np.ndarray:
    """Coverage (flat: ``classes`` planes of size²) of features a few pixels wide (see
    ``_spread_into``); ``slot``: each feature's plane."""
    out = np.zeros(classes * size * size, dtype=np.float32)
    _spread_into(out, x0, y0, x1, y1, amount, slot, ox, oy, res, size, size)
    return out


def _rgb_of(colour: str) -> np.ndarray:
    from .tiles import _rgb

    return _rgb(colour)


class _Drawn:
    """The features read for one tile, in a ``TileRenderer`` (its renderer feature k is
    overview row ``rows[k]``)."""

    def __init__(self, geoms: np.ndarray, rows: np.ndarray, owner: StreamRenderer):
        from .styles import ResolvedStyle

        single = ResolvedStyle(kind="single", field=None, base={}, classes=[])
        self.renderer = TileRenderer(geoms, single, {})
        # features without a geometry are not in the renderer
        self.rows = rows[self.renderer.index]


# -- identify -------------------------------------------------------------------------------
def identify(table: StreamedTable, lon: float, lat: float, tolerance_deg: float, limit: int = 50):
    """(row, distance in degrees, attributes) of the features within the tolerance, nearest
    first — read through the spatial index around the point."""
    t = tolerance_deg
    names = [f.name for f in table.field_info]
    fids, geoms, fields = table.read_box(lon - t, lat - t, lon + t, lat + t, names)
    if len(fids) == 0:
        return []
    point = shapely.Point(lon, lat)
    dist = shapely.distance(geoms, point)
    rows = _rows_of(table, fids)
    near = np.flatnonzero((dist <= t) & (rows >= 0))
    out = []
    for i in near[np.lexsort((rows[near], dist[near]))][:limit]:
        out.append((int(rows[i]), float(dist[i]), {name: to_plain(col[i]) for name, col in fields.items()}))
    return out


def _rows_of(table: StreamedTable, fids: np.ndarray) -> np.ndarray:
    """The overview rows (file order) of these FIDs."""
    ov = table.overview
    if ov is None:
        return fids
    fids = np.asarray(fids, dtype=np.int64)
    if len(ov.fid_file) == 0:
        return np.full(len(fids), -1, dtype=np.int64)
    sorter = np.argsort(ov.fid_file, kind="stable") if not _fid_sorted(ov) else None
    if sorter is None:
        at = np.minimum(np.searchsorted(ov.fid_file, fids), len(ov.fid_file) - 1)
    else:
        at = sorter[np.minimum(np.searchsorted(ov.fid_file, fids, sorter=sorter), len(sorter) - 1)]
    at = np.asarray(at, dtype=np.int64)
    # a feature the overview does not know (a row added to a table since): -1
    return np.where(np.asarray(ov.fid_file[at]) == fids, at, -1)


def _fid_sorted(ov: Overview) -> bool:
    hit = getattr(ov, "_fids_sorted", None)
    if hit is None:
        f = ov.fid_file
        hit = all(_ascending(f[i : i + 1_000_001]) for i in range(0, max(len(f) - 1, 0), 1_000_000))
        ov._fids_sorted = hit
        _release(f)
    return hit


def _ascending(a: np.ndarray) -> bool:
    return bool(np.all(a[1:] >= a[:-1]))


def _release(*arrays) -> None:
    """Give back the pages of mapped arrays read through once (they stay in the page cache,
    not in this process's memory)."""
    import mmap

    for arr in arrays:
        m = getattr(arr, "_mmap", None)
        if m is not None and hasattr(mmap, "MADV_DONTNEED"):
            try:
                m.madvise(mmap.MADV_DONTNEED)
            except (OSError, ValueError):
                pass


# -- targets --------------------------------------------------------------------------------
#: metrics a streamed layer is measured by, chunk by chunk
CHUNKED = ("mean", "min", "max", "sum", "count_share", "length_share", "area_share", "coverage")


def chunked_evaluate(t, ctx, table: StreamedTable):
    """(value, responsible rows, rows measured) of target ``t`` on a streamed layer: the
    metric's own function run on each ``BATCH`` of features, the parts combined by the
    metric's denominator (features, weights, lengths or areas) — the in-memory value, in
    constant memory."""
    from .sources import FeatureTable
    from .targets import METRICS, TargetError

    if t.metric not in CHUNKED:
        raise TargetError(
            f"target '{t.id}': metric '{t.metric}' is not measured on a streamed layer "
            f"('{table.id}' has {table.count:,} features; one of {', '.join(CHUNKED)})"
        )
    names = [n for n in dict.fromkeys([t.field, t.weight, *t.where]) if n]
    for name in names:
        if name not in table.fields:
            ctx.column(t, table, name)  # says which field is missing, as in memory
    geometry = t.metric in ("length_share", "area_share", "coverage")
    measured = np.zeros(table.count, dtype=bool)
    responsible: list[np.ndarray] = []
    top = 0.0
    bottom = 0.0
    extreme = None
    fn = METRICS[t.metric].evaluate

    def run():
        nonlocal top, bottom, extreme
        for start, geoms, fields in table.batches(names, geometry=geometry):
            k = len(next(iter(fields.values()))) if fields else (len(geoms) if geoms is not None else 0)
            if k == 0:
                continue
            chunk = FeatureTable(
                id=table.id,
                path=table.path,
                layer=table.layer,
                driver=table.driver,
                geometry=geoms if geoms is not None else np.full(k, shapely.Point(0, 0), dtype=object),
                fields=fields,
                crs=table.crs,
            )
            rows = ctx.mask(t, chunk, t.where)
            present = ~shapely.is_missing(chunk.geometry)
            value, resp, used = fn(t, ctx, chunk, rows, present)
            measured[start : start + k] = used
            for rows_of_layer in resp.values():
                responsible.append(np.asarray(rows_of_layer, dtype=np.int64) + start)
            if value is None:
                continue
            if t.metric in ("min", "max"):
                extreme = value if extreme is None else (min if t.metric == "min" else max)(extreme, value)
            elif t.metric == "sum":
                top += value
                bottom = 1.0
            else:
                w = _denominator(t, ctx, chunk, used)
                top += value * w
                bottom += w

    table.run(run)
    if t.metric in ("min", "max"):
        value = extreme
    else:
        value = top / bottom if bottom > 0 else None
    rows = np.concatenate(responsible) if responsible else np.zeros(0, dtype=np.int64)
    return value, ({t.layer: rows} if value is not None else {}), measured


def _denominator(t, ctx, chunk, used: np.ndarray) -> float:
    """What the metric divides by, for one chunk (so chunks combine as the whole would)."""
    if t.metric == "mean":
        if not t.weight:
            return float(used.sum())
        v = ctx.column(t, chunk, t.field, numeric=True)
        w = ctx.column(t, chunk, t.weight, numeric=True)
        ok = used & np.isfinite(w) & np.isfinite(v)
        return float(w[ok].sum())
    if t.metric == "count_share":
        w = ctx.column(t, chunk, t.weight, numeric=True) if t.weight else np.ones(len(chunk))
        return float(np.where(np.isfinite(w), w, 0.0).sum())
    geoms = ctx.metric(chunk)
    if t.metric == "length_share":
        return float(shapely.length(geoms[used]).sum())
    if t.metric == "area_share":
        return float(shapely.area(geoms[used]).sum())
    # coverage: the weight column, else areas of polygons, lengths of lines, or a count
    if t.weight:
        w = ctx.column(t, chunk, t.weight, numeric=True)
        return float(np.where(np.isfinite(w), w, 0.0)[used].sum())
    kinds = shapely.get_type_id(geoms[used])
    if np.all(np.isin(kinds, POLYGON_KINDS)):
        return float(shapely.area(geoms[used]).sum())
    if np.all(
        np.isin(kinds, (int(shapely.GeometryType.LINESTRING), int(shapely.GeometryType.MULTILINESTRING)))
    ):
        return float(shapely.length(geoms[used]).sum())
    return float(used.sum())


def mean_centre(table: StreamedTable, rows: np.ndarray) -> tuple[float, float] | None:
    """The mean of the box centres of ``rows`` (a target's leader line points there)."""
    ov = table.overview
    if ov is None:
        return None
    idx = np.flatnonzero(rows) if rows.dtype == bool else np.asarray(rows, dtype=np.int64)
    idx = np.sort(np.asarray(ov.pos[idx]))
    x = (ov.x0[idx] + ov.x1[idx]) / 2 + ov.origin[0]
    y = (ov.y0[idx] + ov.y1[idx]) / 2 + ov.origin[1]
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        return None
    lon, lat = mercator_to_lonlat(
        float(np.mean(x[ok], dtype=np.float64)), float(np.mean(y[ok], dtype=np.float64))
    )
    return (round(lon, 6), round(lat, 6))
