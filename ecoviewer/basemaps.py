"""Offline basemaps: raster tiles in Web Mercator from an MBTiles file (SQLite, what QGIS and
Chinese tile downloaders write), a PMTiles archive (the ``pmtiles`` package), or a folder of
``{z}/{x}/{y}.png|jpg|jpeg|webp`` tiles (XYZ, or TMS as gdal2tiles writes them).

``open_basemap`` reads the metadata (zoom range, bounds, attribution, tile format) and says
in one line what is wrong with a file that cannot serve; ``Basemap.tile(z, x, y)`` returns
a tile's bytes (None where the basemap has no tile: the map shows the ground through, and
beyond the deepest level the page scales the last one). Tile bytes are checked to be the
image they claim to be before the page gets them. Nothing here reaches the network.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .sources import LayerError

TILE_FORMATS = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}
_MAGIC = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"RIFF", "webp"))
WEB_MERCATOR_LAT = 85.0511287798066


class BasemapError(LayerError):
    """A basemap that cannot be shown; the message is one line naming the file."""


def image_format(data: bytes) -> str | None:
    """ "png", "jpg" or "webp" from a tile's first bytes; None for anything else."""
    for magic, name in _MAGIC:
        if data.startswith(magic) and (name != "webp" or data[8:12] == b"WEBP"):
            return name
    return None


def tile_lonlat_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) of an XYZ tile, in degrees."""
    n = 2.0**z

    def lat(row: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * row / n))))

    return x / n * 360.0 - 180.0, lat(y + 1), (x + 1) / n * 360.0 - 180.0, lat(y)


@dataclass
class Basemap:
    """An opened basemap: its metadata and a way to fetch tiles."""

    id: str
    path: str  # as the project wrote it (messages, check)
    kind: str  # "mbtiles", "pmtiles", "folder"
    format: str  # "png", "jpg", "webp"
    minzoom: int
    maxzoom: int
    bounds: tuple[float, float, float, float]  # west, south, east, north (degrees)
    attribution: str = ""
    name: str = ""
    scheme: str = "xyz"
    problems: list[str] = field(default_factory=list)
    _fetch: object = None  # (z, x, y) -> bytes | None, in XYZ numbering
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _bad_tiles: int = 0

    @property
    def mime(self) -> str:
        return TILE_FORMATS[self.format]

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile's bytes (XYZ numbering), or None: outside the zoom range or the bounds,
        a hole, or bytes that are not an image (counted in ``bad_tiles``)."""
        if not (self.minzoom <= z <= self.maxzoom) or not (0 <= x < 2**z and 0 <= y < 2**z):
            return None
        w, s, e, n = tile_lonlat_bounds(z, x, y)
        bw, bs, be, bn = self.bounds
        if e <= bw or w >= be or n <= bs or s >= bn:
            return None
        try:
            data = self._fetch(z, x, y)
        except Exception:  # whatever a damaged or hostile file provokes: no tile, never a crash
            data = None
        if not data:
            return None
        if data[:2] == b"\x1f\x8b":  # a gzip-compressed tile (PMTiles allows it)
            data = _gunzip(data)
        if image_format(data) is None:
            with self._lock:
                self._bad_tiles += 1
            return None
        return data

    @property
    def bad_tiles(self) -> int:
        """Tiles served so far whose bytes were not an image (left out)."""
        return self._bad_tiles


#: no tile is bigger than this once decompressed (a gzip bomb stops here)
MAX_TILE_BYTES = 16 * 2**20


def _gunzip(data: bytes) -> bytes:
    """A gzip-compressed tile, decompressed up to ``MAX_TILE_BYTES``; b"" if it is damaged
    or would be bigger."""
    try:
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = inflate.decompress(data, MAX_TILE_BYTES)
    except zlib.error:
        return b""
    return b"" if inflate.unconsumed_tail else out


def _clamp_bounds(b) -> tuple[float, float, float, float]:
    w, s, e, n = (float(v) for v in b)
    if not all(math.isfinite(v) for v in (w, s, e, n)) or w >= e or s >= n:
        raise ValueError("bounds")
    return (
        max(-180.0, w),
        max(-WEB_MERCATOR_LAT, s),
        min(180.0, e),
        min(WEB_MERCATOR_LAT, n),
    )


def _zoom(value, what: str, display: str) -> int:
    try:
        z = int(str(value).strip())
    except (TypeError, ValueError):
        raise BasemapError(f"{display}: {what} is not a zoom level ({str(value)[:40]!r})") from None
    if not 0 <= z <= 24:
        raise BasemapError(f"{display}: {what} {z} is outside 0–24")
    return z


# -- MBTiles ------------------------------------------------------------------------------------


#: how long one SQLite statement of a basemap may run, s: a hostile file (a ``tiles`` view over
#: an endless recursive query) is cut off instead of hanging the window or a tile worker
SQL_BUDGET_S = 2.0


class _Db:
    """A read-only SQLite connection whose statements each get ``SQL_BUDGET_S``."""

    def __init__(self, uri: str):
        self.con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self.deadline = float("inf")
        self.con.set_progress_handler(lambda: time.monotonic() > self.deadline, 10_000)

    def one(self, sql: str, args: tuple = ()):
        self.deadline = time.monotonic() + SQL_BUDGET_S
        try:
            return self.con.execute(sql, args).fetchone()
        finally:
            self.deadline = float("inf")

    def all(self, sql: str, args: tuple = ()) -> list:
        self.deadline = time.monotonic() + SQL_BUDGET_S
        try:
            return self.con.execute(sql, args).fetchmany(10_000)
        finally:
            self.deadline = float("inf")

    def close(self) -> None:
        self.con.close()


def _open_mbtiles(path: Path, display: str) -> Basemap:
    if path.stat().st_size == 0:
        raise BasemapError(f"{display}: the file is empty (0 bytes)")
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise BasemapError(f"{display}: not an MBTiles file (not an SQLite database)")
    # read-only and immutable: no journal or lock file is written beside the user's file
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    try:
        db = _Db(uri)
    except sqlite3.Error as exc:
        raise BasemapError(f"{display}: not a readable MBTiles file ({exc})") from None
    try:
        return _mbtiles_from(db, display)
    except BasemapError:
        db.close()
        raise
    except sqlite3.OperationalError as exc:
        db.close()
        why = "a query took too long (a damaged or hostile file)" if "interrupt" in str(exc) else str(exc)
        raise BasemapError(f"{display}: its tiles cannot be read ({why})") from None
    except sqlite3.Error as exc:
        db.close()
        raise BasemapError(f"{display}: not a readable MBTiles file ({exc})") from None


def _mbtiles_from(db: _Db, display: str) -> Basemap:
    names = {r[0] for r in db.all("SELECT name FROM sqlite_master WHERE type IN ('table','view')")}
    if "tiles" not in names:
        raise BasemapError(f"{display}: not an MBTiles file (it has no 'tiles' table)")
    meta: dict[str, str] = {}
    if "metadata" in names:
        try:
            meta = {str(k): str(v) for k, v in db.all("SELECT name, value FROM metadata")}
        except sqlite3.Error:
            meta = {}
    lock = threading.Lock()

    def fetch(z: int, x: int, y: int) -> bytes | None:
        with lock:  # one connection, shared by the tile workers
            row = db.one(
                "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                (z, x, (1 << z) - 1 - y),  # MBTiles rows count from the south (TMS)
            )
        return bytes(row[0]) if row and row[0] is not None else None

    if "minzoom" in meta and "maxzoom" in meta:
        zooms = (meta["minzoom"], meta["maxzoom"])
    else:
        zooms = db.one("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles")
        if zooms is None or zooms[0] is None:
            raise BasemapError(f"{display}: the MBTiles file has no tiles")
    first = db.one("SELECT tile_data FROM tiles LIMIT 1")
    if first is None:
        raise BasemapError(f"{display}: the MBTiles file has no tiles")
    minzoom = _zoom(meta.get("minzoom", zooms[0]), "minzoom", display)
    maxzoom = _zoom(meta.get("maxzoom", zooms[1]), "maxzoom", display)
    minzoom, maxzoom = min(minzoom, maxzoom), max(minzoom, maxzoom)
    problems = []
    fmt = meta.get("format", "").lower().replace("jpeg", "jpg")
    sniffed = image_format(bytes(first[0])) if first[0] is not None else None
    if fmt == "pbf":
        raise BasemapError(f"{display}: vector tiles (pbf) are not supported; raster tiles are")
    if fmt not in TILE_FORMATS:
        if sniffed is None:
            raise BasemapError(f"{display}: its tiles are not PNG, JPEG or WebP images")
        fmt = sniffed
    try:
        bounds = _clamp_bounds(meta["bounds"].split(","))
    except (KeyError, ValueError, IndexError):
        # no bounds in the metadata: the extent of its tiles at the shallowest level (the
        # whole world would have the page ask for every tile of that level)
        box = db.one(
            "SELECT MIN(tile_column), MAX(tile_column), MIN(tile_row), MAX(tile_row) FROM tiles "
            "WHERE zoom_level=?",
            (minzoom,),
        )
        if box and None not in box:
            n = 1 << minzoom
            w, _, _, top = tile_lonlat_bounds(minzoom, int(box[0]), n - 1 - int(box[3]))
            _, bottom, e, _ = tile_lonlat_bounds(minzoom, int(box[1]), n - 1 - int(box[2]))
            bounds = _clamp_bounds((w, bottom, e, top))
        else:
            bounds = (-180.0, -WEB_MERCATOR_LAT, 180.0, WEB_MERCATOR_LAT)
        if "bounds" in meta:
            problems.append(f"bounds {meta['bounds'][:60]!r} not understood; taken from its tiles")
    return Basemap(
        id="",
        path=display,
        kind="mbtiles",
        format=fmt,
        minzoom=minzoom,
        maxzoom=maxzoom,
        bounds=bounds,
        attribution=meta.get("attribution", ""),
        name=meta.get("name", ""),
        problems=problems,
        _fetch=fetch,
    )


# -- PMTiles ------------------------------------------------------------------------------------


def _open_pmtiles(path: Path, display: str) -> Basemap:
    from pmtiles.reader import MmapSource, Reader
    from pmtiles.tile import Compression, TileType

    if path.stat().st_size == 0:
        raise BasemapError(f"{display}: the file is empty (0 bytes)")
    fh = open(path, "rb")
    try:
        reader = Reader(MmapSource(fh))
        header = reader.header()
    except Exception as exc:  # the package raises its own classes, or struct/index errors
        fh.close()
        why = {
            "MagicNumberNotFound": "not a PMTiles file",
            "SpecVersionUnsupported": "a PMTiles version other than 3",
        }
        raise BasemapError(f"{display}: {why.get(type(exc).__name__, 'a damaged PMTiles header')}") from None
    tile_type = header["tile_type"]
    formats = {TileType.PNG: "png", TileType.JPEG: "jpg", TileType.WEBP: "webp"}
    if tile_type == TileType.MVT:
        raise BasemapError(f"{display}: vector tiles (MVT) are not supported; raster tiles are")
    if tile_type not in formats:
        raise BasemapError(f"{display}: its tiles are not PNG, JPEG or WebP images")
    meta = {}
    problems = []
    try:
        meta = reader.metadata() if header["metadata_length"] else {}
        if not isinstance(meta, dict):
            meta = {}
    except Exception:
        problems.append("its metadata could not be read (no attribution)")
    size = path.stat().st_size
    if header["tile_data_offset"] + header["tile_data_length"] > size:
        raise BasemapError(f"{display}: the file is truncated (its tiles end past the end of the file)")
    try:
        bounds = _clamp_bounds(
            [header[k] / 1e7 for k in ("min_lon_e7", "min_lat_e7", "max_lon_e7", "max_lat_e7")]
        )
    except ValueError:
        bounds = (-180.0, -WEB_MERCATOR_LAT, 180.0, WEB_MERCATOR_LAT)
    gz = header["tile_compression"] == Compression.GZIP

    def fetch(z: int, x: int, y: int) -> bytes | None:
        data = reader.get(z, x, y)
        return _gunzip(data) if data and gz else data

    return Basemap(
        id="",
        path=display,
        kind="pmtiles",
        format=formats[tile_type],
        minzoom=_zoom(header["min_zoom"], "min_zoom", display),
        maxzoom=_zoom(header["max_zoom"], "max_zoom", display),
        bounds=bounds,
        attribution=str(meta.get("attribution", "")),
        name=str(meta.get("name", "")),
        problems=problems,
        _fetch=fetch,
    )


# -- tile folders -------------------------------------------------------------------------------

_NUMBER = re.compile(r"^\d{1,7}$")
_TILE_NAME = re.compile(r"^(\d{1,9})\.(png|jpg|jpeg|webp)$", re.I)


def _open_folder(path: Path, display: str, scheme: str | None) -> Basemap:
    levels = sorted(int(p.name) for p in path.iterdir() if p.is_dir() and _NUMBER.match(p.name))
    levels = [z for z in levels if z <= 24]
    if not levels:
        raise BasemapError(f"{display}: not a tile folder (no {{z}}/{{x}}/{{y}}.png folders in it)")
    ext = None
    for z in levels:
        for col in sorted((path / str(z)).iterdir()):
            if col.is_dir() and _NUMBER.match(col.name):
                for tile in col.iterdir():
                    m = _TILE_NAME.match(tile.name)
                    if m:
                        ext = m.group(2)
                        break
            if ext:
                break
        if ext:
            break
    if ext is None:
        raise BasemapError(f"{display}: the tile folder has no .png, .jpg or .webp tiles")
    fmt = ext.lower().replace("jpeg", "jpg")
    meta: dict = {}
    for name in ("metadata.json", "tilejson.json"):
        if (path / name).is_file():
            try:
                meta = json.loads((path / name).read_text(encoding="utf-8")[:1_000_000])
                meta = meta if isinstance(meta, dict) else {}
            except (OSError, ValueError):
                meta = {}
            break
    if scheme is None:  # gdal2tiles writes TMS with a tilemapresource.xml beside the tiles
        scheme = str(meta.get("scheme", "")).lower() or (
            "tms" if (path / "tilemapresource.xml").is_file() else "xyz"
        )
    if scheme not in ("xyz", "tms"):
        raise BasemapError(f"{display}: scheme {scheme!r} is not xyz or tms")
    top = levels[-1]
    cols = [int(c.name) for c in (path / str(top)).iterdir() if c.is_dir() and _NUMBER.match(c.name)]
    rows = [
        int(m.group(1))
        for c in (path / str(top)).iterdir()
        if c.is_dir() and _NUMBER.match(c.name)
        for t in c.iterdir()
        if (m := _TILE_NAME.match(t.name))
    ]
    try:
        bounds = _clamp_bounds(meta["bounds"])
    except (KeyError, ValueError, TypeError):
        if cols and rows:
            if scheme == "tms":
                rows = [(1 << top) - 1 - r for r in rows]
            w, _, _, n = tile_lonlat_bounds(top, min(cols), min(rows))
            _, s, e, _ = tile_lonlat_bounds(top, max(cols), max(rows))
            bounds = (w, s, e, n)
        else:
            bounds = (-180.0, -WEB_MERCATOR_LAT, 180.0, WEB_MERCATOR_LAT)
    suffixes = [fmt] + (["jpeg"] if fmt == "jpg" else [])
    root = path.resolve()

    def fetch(z: int, x: int, y: int) -> bytes | None:
        row = (1 << z) - 1 - y if scheme == "tms" else y
        for suffix in suffixes:
            tile = root / str(z) / str(x) / f"{row}.{suffix}"
            if tile.is_file():
                if tile.stat().st_size > 16 * 2**20:  # no tile is that big: not a tile
                    return None
                return tile.read_bytes()
        return None

    return Basemap(
        id="",
        path=display,
        kind="folder",
        format=fmt,
        minzoom=levels[0],
        maxzoom=levels[-1],
        bounds=bounds,
        attribution=str(meta.get("attribution", "")),
        name=str(meta.get("name", "")),
        scheme=scheme,
        _fetch=fetch,
    )


def open_basemap(path: str | Path, display: str | None = None, scheme: str | None = None) -> Basemap:
    """Open a basemap; one-line ``BasemapError`` when it cannot be shown."""
    path = Path(path)
    display = display or str(path)
    try:
        if path.is_dir():
            return _open_folder(path, display, scheme)
        if not path.exists():
            raise BasemapError(f"{display}: file not found")
        suffix = path.suffix.lower()
        if suffix == ".pmtiles":
            return _open_pmtiles(path, display)
        if suffix in (".mbtiles", ".sqlite", ".db"):
            return _open_mbtiles(path, display)
        raise BasemapError(f"{display}: not a basemap (an .mbtiles or .pmtiles file, or a tile folder)")
    except BasemapError:
        raise
    except PermissionError:
        raise BasemapError(f"{display}: permission denied") from None
    except (OSError, ValueError, sqlite3.Error) as exc:
        raise BasemapError(f"{display}: could not be read ({type(exc).__name__}: {str(exc)[:120]})") from None


def is_basemap_path(path: str | Path) -> bool:
    """Whether a dropped or added path is a basemap (MBTiles, PMTiles, a z/x/y tile folder)."""
    path = Path(path)
    if path.is_dir():
        return any(p.is_dir() and _NUMBER.match(p.name) for p in path.iterdir())
    return path.suffix.lower() in (".mbtiles", ".pmtiles")


_OPENED: dict[tuple, Basemap] = {}
_OPENED_LOCK = threading.Lock()


def opened(spec) -> Basemap:
    """The project basemap ``spec`` (a ``BasemapSpec``) opened — once per file as it is now
    (its path, size and modification time): the window, its exports and the tile workers
    share one reader. One-line ``BasemapError`` when it cannot be shown."""
    source = spec.source
    try:
        st = source.stat()
        key = (str(source.resolve()), spec.scheme, st.st_size, st.st_mtime_ns)
    except OSError:
        key = (str(source), spec.scheme, -1, -1)
    with _OPENED_LOCK:
        base = _OPENED.get(key)
    if base is None:
        base = open_basemap(source, spec.path, spec.scheme)
        with _OPENED_LOCK:
            _OPENED[key] = base
    base.id = spec.id
    return base


def inline_tiles(base: Basemap, bounds, zoom: float, limit: int = 300) -> dict[str, str]:
    """Tiles of ``base`` over ``bounds`` (w, s, e, n) at the levels around ``zoom`` as data
    URIs keyed "z/x/y" — what an offline HTML file carries (at most ``limit`` tiles, the
    levels nearest the view's first)."""
    import base64

    bw, bs, be, bn = base.bounds  # the view's box, cut to the basemap's
    w, s, e, n = max(bounds[0], bw), max(bounds[1], bs), min(bounds[2], be), min(bounds[3], bn)
    if w >= e or s >= n:
        return {}
    out: dict[str, str] = {}
    z0 = max(base.minzoom, min(base.maxzoom, round(zoom)))  # deeper than the file: its deepest
    for z in sorted(range(base.minzoom, base.maxzoom + 1), key=lambda z: (abs(z - z0), z)):
        if z < z0 - 1 or z > z0 + 2:
            continue
        n_ = 2**z
        x0 = int((w + 180) / 360 * n_)
        x1 = int((e + 180) / 360 * n_)
        y0 = int((1 - math.asinh(math.tan(math.radians(n))) / math.pi) / 2 * n_)
        y1 = int((1 - math.asinh(math.tan(math.radians(s))) / math.pi) / 2 * n_)
        cells = [
            (x, y)
            for x in range(max(0, x0), min(n_ - 1, x1) + 1)
            for y in range(max(0, y0), min(n_ - 1, y1) + 1)
        ]
        if len(out) + len(cells) > limit:
            continue
        for x, y in cells:
            data = base.tile(z, x, y)
            if data:
                out[f"{z}/{x}/{y}"] = f"data:{base.mime};base64,{base64.b64encode(data).decode()}"
    return out
