"""The GDAL reader: any vector file GDAL reads, through pyogrio, into whole shapely arrays
(the catch-all of the reader registry in ``sources.py``).

Files sent by others are vetted before GDAL sees them and GDAL/PROJ never reach the network
(``gdal_safety``); curved geometries are linearized (``curves``); the encoding of DBFs is
detected (``encoding``); damaged text, bad geometries and a missing CRS are problems said in
one line each, never a traceback.
"""

from __future__ import annotations

import os
import re
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pyogrio
import pyproj
import shapely
from pyogrio import raw
from pyogrio.errors import DataLayerError, DataSourceError

from .. import gdal_safety
from ..crs import (
    LONLAT,
    crs_label,
    from_offset_datum,
    is_lonlat_range,
    offset_datum,
    parse_crs,
    transform_geometries,
)
from ..encoding import detect_dbf_encoding
from ..gdal_safety import clean_message
from ..geometry_build import check_transformed, geometries_from_wkb, resolve_crs
from ..sources import (
    FeatureTable,
    LayerError,
    Reader,
    register_reader,
)

CSV_OPTIONS = {
    "GEOM_POSSIBLE_NAMES": "wkt,WKT,geometry,geom,the_geom",
    "X_POSSIBLE_NAMES": "lon,lng,longitude,Longitude,LON,x,X,经度",
    "Y_POSSIBLE_NAMES": "lat,latitude,Latitude,LAT,y,Y,纬度",
    "AUTODETECT_TYPE": "YES",  # (not KEEP_GEOM_COLUMNS=NO: see _drop_csv_geometry_columns)
}
DAMAGED_TEXT = ("\ufffd", "锟斤拷")


# -- opening ----------------------------------------------------------------------------------

MAX_FILE_BYTES = 4 * 2**30  # a layer file (or a zip's expanded contents) above this is refused

# GDAL's advice about its own config options means nothing to a planner
_GDAL_ADVICE = re.compile(
    r"[.;,]?\s*(To avoid|You may|It might help|Set (the )?[A-Z_]{4,}|"
    r"set (the )?[A-Z_]{4,})[^.;]*(config(uration)? option|open option|"
    r"[A-Z_]{6,})[^.;]*[.;]?",
    re.S,
)


def _short(message: str) -> str:
    """The first useful line of a GDAL/pyogrio message, without GDAL's driver advice, without
    junk bytes (U+FFFD, control characters) and not too long."""
    text = str(message).strip()
    line = text.splitlines()[0] if text else ""
    line = line.split("; It might help", 1)[0]
    line = _GDAL_ADVICE.sub("", line)
    line = clean_message(line).rstrip(".; ")
    return line or "unknown error"


def _open_error(display: str, path: Path, exc: BaseException) -> LayerError:
    text = str(exc)
    low = text.lower()
    if isinstance(exc, (FileNotFoundError,)) or not path.exists():
        return LayerError(f"{display}: file not found")
    if path.is_file() and path.stat().st_size == 0:
        return LayerError(f"{display}: empty file (0 bytes)")
    if isinstance(exc, DataSourceError) and "not recognized" in text:
        return LayerError(
            f"{display}: not a vector format GDAL can read (damaged, or not "
            "GeoJSON/GeoPackage/Shapefile/FlatGeobuf/KML/CSV)"
        )
    if isinstance(exc, (IndexError, DataLayerError)):
        return LayerError(f"{display}: no readable layer in the file (damaged or truncated)")
    if isinstance(exc, UnicodeDecodeError):
        return LayerError(
            f"{display}: text is not in the encoding {exc.encoding}; set "
            'encoding = "GBK" (or the right one) for this layer'
        )
    if isinstance(exc, MemoryError):
        return LayerError(f"{display}: too large to load in memory")
    if isinstance(exc, RecursionError) or "too many nested" in low:
        return LayerError(f"{display}: nested too deeply to read (damaged or hostile file)")
    if "unable to open" in low and ".shx" in low:
        return LayerError(f"{display}: {_MISSING_SHX}")
    if "malformed" in low or "not a database" in low or "sqlite3_" in low:
        return LayerError(f"{display}: damaged or truncated database file (GeoPackage/SQLite cannot read it)")
    if "network access is disabled" in low:
        return LayerError(
            f"{display}: points at data on the network; EcoViewer reads only files on this computer"
        )
    return LayerError(f"{display}: {_short(text)}")


_MISSING_SHX = "the .shx index file beside it is missing (a shapefile needs its .shp, .shx and .dbf together)"


def _open_kwargs(path: Path) -> dict:
    return dict(CSV_OPTIONS) if path.suffix.lower() in (".csv", ".tsv") else {}


def _drop_csv_geometry_columns(fields: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The columns GDAL built the geometry from (WKT, or X and Y), removed from the attributes.

    GDAL's own KEEP_GEOM_COLUMNS=NO does this, but GDAL 3.12 crashes the process (segfault)
    with it when two columns answer the same name list or a name repeats — found by fuzzing;
    so the columns are read and dropped here, the first match of each list as GDAL uses it."""

    def first(key: str) -> str | None:
        wanted = {n.casefold() for n in CSV_OPTIONS[key].split(",")}
        return next((name for name in fields if name.strip().casefold() in wanted), None)

    drop = [first("GEOM_POSSIBLE_NAMES")]
    x, y = first("X_POSSIBLE_NAMES"), first("Y_POSSIBLE_NAMES")
    if x and y:
        drop += [x, y]
    return {name: col for name, col in fields.items() if name not in drop}


def _vet(path: str | os.PathLike, display: str, allow_indirect: bool) -> gdal_safety.Checked:
    """Everything that must be refused before GDAL touches the file (see gdal_safety)."""
    try:
        return gdal_safety.check_source(path, allow_indirect=allow_indirect, max_bytes=MAX_FILE_BYTES)
    except gdal_safety.UnsafeSourceError as exc:
        raise LayerError(f"{display}: {exc}") from None


def _sibling(path: Path, suffix: str) -> Path | None:
    """The side file of a shapefile with ``suffix`` (any letter case), None when absent."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return None
    for name in names:
        candidate = path.parent / name
        if candidate.stem == path.stem and candidate.suffix.lower() == suffix:
            return candidate
    return None


def _blocked_problems(urls: list[str]) -> list[str]:
    if not urls:
        return []
    first = clean_message(urls[0], 80)
    more = f" and {len(set(urls)) - 1} more" if len(set(urls)) > 1 else ""
    return [
        f"the file asks for data from the network ({first}{more}); EcoViewer works "
        "offline and did not fetch it — check the layer's CRS and content"
    ]


def _list_layers_vetted(checked: gdal_safety.Checked, display: str) -> list[str]:
    name = gdal_safety.gdal_name(checked.path)
    try:
        with warnings.catch_warnings(), gdal_safety.record_blocked():
            warnings.simplefilter("ignore")
            layers = pyogrio.list_layers(name)
    except Exception as exc:
        raise _open_error(display, checked.path, exc) from None
    if len(layers) == 0:
        raise LayerError(f"{display}: GDAL finds no layers in it (damaged, or not a vector file)")
    return [str(name) for name in layers[:, 0]]


def _gdal_list_layers(
    path: str | os.PathLike, display: str | None = None, *, allow_indirect: bool = False
) -> list[str]:
    display = display or str(path)
    try:
        checked = _vet(path, display, allow_indirect)
        return _list_layers_vetted(checked, display)
    except LayerError:
        raise
    except Exception as exc:  # whatever a hostile file provokes, the caller gets one line
        raise _unexpected(display, exc) from None


def _unexpected(display: str, exc: BaseException) -> LayerError:
    if isinstance(exc, MemoryError):
        return LayerError(f"{display}: too large to load in memory")
    if isinstance(exc, RecursionError):
        return LayerError(f"{display}: nested too deeply to read (damaged or hostile file)")
    why = _short(str(exc)) if str(exc).strip() else type(exc).__name__
    return LayerError(f"{display}: could not be read ({why})")


def _has_shp(path: Path) -> bool:
    """A .shp file, or a zip with a .shp inside."""
    if path.suffix.lower() != ".zip":
        return path.suffix.lower() == ".shp"
    try:
        with zipfile.ZipFile(path) as zf:
            return any(n.lower().endswith(".shp") for n in zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _is_shapefile(path: Path) -> bool:
    return path.suffix.lower() in (".shp", ".dbf", ".zip")


def _gdal_read(
    path: str | os.PathLike,
    *,
    layer: str | None = None,
    crs: str | None = None,
    encoding: str | None = None,
    layer_id: str | None = None,
    display: str | None = None,
    allow_indirect: bool = False,
) -> FeatureTable:
    display = display or str(path)
    try:
        return _read_layer(
            path,
            layer=layer,
            crs=crs,
            encoding=encoding,
            layer_id=layer_id,
            display=display,
            allow_indirect=allow_indirect,
        )
    except LayerError:
        raise
    except Exception as exc:  # whatever a hostile file provokes, the caller gets one line
        raise _unexpected(display, exc) from None


def _read_layer(
    given: str | os.PathLike,
    *,
    layer: str | None,
    crs: str | None,
    encoding: str | None,
    layer_id: str | None,
    display: str,
    allow_indirect: bool,
) -> FeatureTable:
    problems: list[str] = []
    checked = _vet(given, display, allow_indirect)
    path = Path(given)
    source = gdal_safety.gdal_name(checked.path)
    if path.suffix.lower() == ".shp" and _sibling(checked.path, ".shx") is None:
        raise LayerError(f"{display}: {_MISSING_SHX}")
    names = _list_layers_vetted(checked, display)
    if layer is None:
        layer = names[0]
        if len(names) > 1:
            problems.append(
                f"has {len(names)} layers; showing '{layer}' (set layer = one of {', '.join(names[:6])})"
            )
    elif layer not in names:
        raise LayerError(f"{display}: no layer '{layer}' (it has {', '.join(names[:10])})")

    streamed = _streamed(source, path, layer, layer_id, display, crs, encoding, problems)
    if streamed is not None:
        return streamed
    _check_memory(source, checked, layer, display)
    enc_how = ""
    undetermined = False
    if encoding is not None:
        enc_how = "set in project"
    elif _is_shapefile(path):
        guess = detect_dbf_encoding(checked.path)
        encoding, enc_how = guess.encoding, guess.how
        if guess.how == "no DBF":
            if _has_shp(checked.path):
                problems.append("no .dbf beside it: the layer has no attributes (geometry only)")
        elif guess.how == "undetermined":
            undetermined = True
            encoding = "ISO-8859-1"  # GDAL's own default, said out loud (and always recoded)
        if guess.wrong_cpg:
            how = {"detected": "detected from the bytes", "from DBF header": "from the DBF header"}.get(
                guess.how, guess.how
            )
            read_as = f"read as {guess.encoding} ({how})" if guess.encoding else "read as ISO-8859-1"
            problems.append(
                f"the .cpg says {guess.wrong_cpg}, but the attribute text is not "
                f"{guess.wrong_cpg}; the .cpg is wrong and was ignored, {read_as}"
            )

    try:
        with warnings.catch_warnings(record=True) as caught, gdal_safety.record_blocked() as blocked:
            warnings.simplefilter("always")
            meta, wkb, fields = _read_arrow(source, layer, encoding, _open_kwargs(path))
    except Exception as exc:
        raise _open_error(display, checked.path, exc) from None
    if _open_kwargs(path):
        fields = _drop_csv_geometry_columns(fields)
    problems += _blocked_problems(blocked)
    for w in caught:
        msg = _short(str(w.message))
        if msg and msg != "unknown error" and msg not in problems:
            problems.append(msg)
    if undetermined:
        problems.append(_undetermined_problem(meta.get("non_ascii", {})))
    if not encoding:
        encoding, enc_how = meta.get("encoding"), enc_how or "from file"
    driver = meta.get("driver")
    if not driver:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                driver = pyogrio.read_info(source, layer=layer, encoding=encoding)["driver"]
        except Exception:
            driver = None

    n = len(next(iter(fields.values()))) if fields else (0 if wkb is None else len(wkb))

    geoms = geometries_from_wkb(wkb, n, problems)

    datum = offset_datum(crs)
    if datum:  # lon/lat shifted by a Chinese web map's obfuscation: undo it
        src_crs, assumed = LONLAT, False
        present = geoms[~shapely.is_missing(geoms)]
        if len(present) and not is_lonlat_range(tuple(shapely.total_bounds(present))):
            raise LayerError(
                f'{display}: crs = "{datum}" needs lon/lat coordinates, but x runs outside -180…180'
            )
        with np.errstate(invalid="ignore"):
            lonlat = from_offset_datum(geoms, datum)
        problems.append(f"coordinates converted from {datum} to WGS 84 (set in project)")
    else:
        src_crs, assumed = resolve_crs(meta.get("crs"), crs, geoms, display, problems)
        try:
            with np.errstate(invalid="ignore", over="ignore"):
                lonlat = transform_geometries(geoms, src_crs, LONLAT)
        except Exception as exc:
            raise LayerError(
                f"{display}: cannot reproject from {crs_label(src_crs)} to lon/lat ({_short(str(exc))})"
            ) from None
        if _looks_like_datav(fields) and src_crs == LONLAT:
            problems.append(
                "looks like DataV GeoAtlas data, which is in GCJ-02 (about 550 m "
                'off WGS 84 in China); set crs = "GCJ-02" for this layer to '
                "convert it"
            )
    check_transformed(lonlat, display, src_crs, problems)
    for name, count in meta.get("damaged_text", {}).items():
        problems.append(
            f"field '{name}': {count} values hold text already damaged in the file "
            "(U+FFFD / 锟斤拷); shown as stored"
        )
    for name, count in meta.get("undecodable", {}).items():
        problems.append(
            f"field '{name}': {count} values are not valid UTF-8 text; the "
            "undecodable bytes are shown as U+FFFD"
        )
    return FeatureTable(
        id=layer_id or Path(display).stem,
        path=display,
        layer=layer,
        driver=driver,
        geometry=lonlat,
        fields=fields,
        crs=src_crs,
        crs_assumed=assumed,
        encoding=encoding,
        encoding_how=enc_how,
        problems=problems,
        datum=datum,
    )


def _undetermined_problem(non_ascii: dict[str, int]) -> str:
    where = ""
    if non_ascii:
        parts = [f"{count} values in field '{name}'" for name, count in non_ascii.items()]
        where = f" ({', '.join(parts[:3])}{' …' if len(parts) > 3 else ''})"
    return (
        f"attribute text is neither UTF-8 nor GBK/GB18030{where}: damaged in the file or in "
        "another encoding; shown as ISO-8859-1 — set encoding for this layer if you know it"
    )


def _looks_like_datav(fields: dict) -> bool:
    """Alibaba DataV GeoAtlas boundaries carry ``adcode`` with ``acroutes`` or ``parent``."""
    names = {n.lower() for n in fields}
    return "adcode" in names and bool(names & {"acroutes", "parent", "childrennum"})


BYTES_PER_FEATURE = 700  # shapely geometry, attributes, display and tile copies (measured ~600)


def _streamed(source, path: Path, layer, layer_id, display, crs, encoding, problems):
    """A ``StreamedTable`` for a layer too big to hold whose driver reads a box through a
    spatial index (None: read it whole, as every other layer)."""
    from .. import streaming

    if _open_kwargs(path) or crs or encoding:  # CSVs, and layers the project re-declares
        return None
    if not os.path.isfile(source):  # inside a zip (/vsizip/…): read whole, as before
        return None
    if _is_shapefile(path):  # its text encoding found as for a whole read, or read whole
        guess = detect_dbf_encoding(Path(source))
        if guess.how in ("undetermined", "no DBF") or guess.wrong_cpg or not guess.encoding:
            return None
        encoding = guess.encoding
    try:
        with warnings.catch_warnings(), gdal_safety.record_blocked():
            warnings.simplefilter("ignore")
            info = pyogrio.read_info(source, layer=layer, force_total_bounds=True, encoding=encoding)
    except Exception:
        return None
    count = int(info.get("features") or -1)
    if count <= streaming.STREAM_ABOVE:
        return None
    if not info.get("capabilities", {}).get("fast_spatial_filter"):
        problems.append(
            f"{count:,} features and no spatial index: read whole (build one — GeoPackage "
            "R-tree, FlatGeobuf, or a .qix beside a shapefile — to have it streamed)"
        )
        return None
    if not info.get("crs"):
        return None  # a CRS to be guessed from coordinates: read whole, as before
    try:
        src_crs = parse_crs(info["crs"])
    except Exception:
        return None
    bounds = info.get("total_bounds")
    extent = None
    if bounds is not None and np.all(np.isfinite(bounds)):
        tr = pyproj.Transformer.from_crs(src_crs, LONLAT, always_xy=True)
        extent = [float(v) for v in tr.transform_bounds(*bounds, densify_pts=21)]
    kind = str(info.get("geometry_type") or "Unknown").replace(" Z", "").replace(" M", "")
    st = os.stat(source)
    return streaming.StreamedTable(
        id=layer_id or Path(display).stem,
        path=display,
        source=source,
        layer=layer,
        driver=info.get("driver"),
        crs=src_crs,
        count=count,
        field_info=[
            streaming.FieldInfo(str(name), str(dtype) not in ("object", "datetime64[ms]", "bool"))
            for name, dtype in zip(info["fields"], info["dtypes"])
        ],
        kinds=[kind] if kind != "Unknown" else ["Polygon"],
        extent=extent,
        encoding=encoding or info.get("encoding"),
        encoding_how="from file",
        problems=[
            *problems,
            f"{count:,} features: streamed from the file's spatial index, not held in memory",
        ],
        signature=(st.st_size, st.st_mtime_ns),
    )


def available_memory() -> int | None:
    """Bytes the system can still give us (Linux: MemAvailable), None when unknown."""
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _check_memory(source: str, checked: gdal_safety.Checked, layer: str | None, display: str) -> None:
    """Refuse, with a clear line, a layer that would not fit: better than an OOM kill."""
    free = available_memory()
    if free is None:
        return
    try:
        with warnings.catch_warnings(), gdal_safety.record_blocked():
            warnings.simplefilter("ignore")
            count = pyogrio.read_info(source, layer=layer)["features"]
    except Exception:  # the read itself will report what is wrong with the file
        return
    need = max(max(int(count), 0) * BYTES_PER_FEATURE, checked.size * 3)
    if need > 0.8 * free:
        raise LayerError(
            f"{display}: too large for this machine ({int(count):,} features need "
            f"about {need / 2**30:.1f} GB; {free / 2**30:.1f} GB free)"
        )


def _read_arrow(
    path: str, layer: str | None, encoding: str | None, kwargs: dict
) -> tuple[dict, np.ndarray | None, dict[str, np.ndarray]]:
    """GDAL's Arrow stream: an order of magnitude faster than feature-by-feature reading
    (1M footprints from a GeoPackage: 0.3 s instead of 4.7 s)."""
    meta, table = raw.read_arrow(path, layer=layer, encoding=encoding, **kwargs)
    geom_index = None
    for i in range(table.num_columns):
        ext = table.schema.field(i).metadata or {}
        if ext.get(b"ARROW:extension:name") == b"geoarrow.wkb":
            geom_index = i
    # GDAL's Arrow stream passes text through unrecoded when it does not know the encoding
    # (and UTF-8 "recoded" to UTF-8 is not checked): invalid UTF-8 must not reach pyarrow's
    # conversions, which fail on it ("Wrapping … failed") and drop the whole layer
    table, undecodable = _repair_utf8(table, geom_index)
    names = _unique_names(table.column_names)
    meta["undecodable"] = {names[i]: n for i, n in undecodable.items()}
    meta["damaged_text"] = {
        names[i]: n for i, n in _damaged_text(table, geom_index, skip=set(undecodable)).items()
    }
    meta["non_ascii"] = {names[i]: n for i, n in _non_ascii(table, geom_index).items()}
    wkb = None
    if geom_index is not None:
        wkb = table.column(geom_index).to_numpy(zero_copy_only=False)
    fields = {names[i]: _to_numpy(table.column(i)) for i in range(table.num_columns) if i != geom_index}
    return meta, wkb, fields


def _unique_names(names: list[str]) -> list[str]:
    """Column names made unique ("a", "a (2)") — a CSV may repeat a header."""
    seen: set[str] = set()
    out = []
    for name in (str(n) for n in names):
        unique, k = name, 2
        while unique in seen:
            unique, k = f"{name} ({k})", k + 1
        seen.add(unique)
        out.append(unique)
    return out


def _to_numpy(col) -> np.ndarray:
    """One Arrow column as a NumPy array; odd types fall back to Python objects."""
    try:
        return col.to_numpy(zero_copy_only=False)
    except Exception:
        pass
    try:
        return np.array([*col.to_pylist(), None], dtype=object)[:-1]
    except Exception:
        return np.full(len(col), None, dtype=object)


def _is_text(col) -> bool:
    import pyarrow as pa

    return pa.types.is_string(col.type) or pa.types.is_large_string(col.type)


def _repair_utf8(table, skip: int | None):
    """Replace invalid UTF-8 in text columns by U+FFFD; per column index, how many values
    had it."""
    import pyarrow as pa

    counts: dict[int, int] = {}
    for i in range(table.num_columns):
        col = table.column(i)
        if i == skip or not _is_text(col):
            continue
        try:
            for chunk in col.chunks:
                chunk.validate(full=True)
            continue
        except pa.ArrowInvalid:
            pass
        values = col.cast(
            pa.large_binary() if pa.types.is_large_string(col.type) else pa.binary()
        ).to_pylist()
        fixed, bad = [], 0
        for value in values:
            if value is None:
                fixed.append(None)
                continue
            try:
                fixed.append(value.decode("utf-8"))
            except UnicodeDecodeError:
                fixed.append(value.decode("utf-8", "replace"))
                bad += 1
        table = table.set_column(
            i, table.schema.field(i).with_type(pa.string()), pa.array(fixed, type=pa.string())
        )
        if bad:
            counts[i] = bad
    return table, counts


def _damaged_text(table, geom: int | None, skip: set[int] = frozenset()) -> dict[int, int]:
    """Per text column (index), how many values hold text destroyed before we read it."""
    import pyarrow.compute as pc

    counts = {}
    for i in range(table.num_columns):
        col = table.column(i)
        if i == geom or i in skip or not _is_text(col):
            continue
        hit = None
        for mark in DAMAGED_TEXT:
            found = pc.match_substring(col, mark)
            hit = found if hit is None else pc.or_(hit, found)
        n = pc.sum(hit).as_py() or 0
        if n:
            counts[i] = int(n)
    return counts


def _non_ascii(table, geom: int | None) -> dict[int, int]:
    """Per text column (index), how many values are not plain ASCII."""
    import pyarrow.compute as pc

    counts = {}
    for i in range(table.num_columns):
        col = table.column(i)
        if i == geom or not _is_text(col):
            continue
        n = pc.sum(pc.invert(pc.string_is_ascii(col))).as_py() or 0
        if n:
            counts[i] = int(n)
    return counts


register_reader(
    Reader("gdal", accepts=lambda path: True, list_layers=_gdal_list_layers, read=_gdal_read, catch_all=True)
)
