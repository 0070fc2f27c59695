"""Keep GDAL (through pyogrio) and PROJ off the network, and tell hostile files apart before
GDAL opens them.

A planner opens files sent by others: nothing in a file may reach the network, run a program
or make GDAL read other files behind the user's back. GDAL has no single "network off"
switch (``CPLHTTPFetchEx`` in ``port/cpl_http.cpp`` goes straight to libcurl), so three
layers are used, each enough for the cases it covers:

1. **Config options** (``GDAL_CONFIG``, set once through ``pyogrio.set_gdal_config_options``):
   ``CPL_VSIL_CURL_ALLOWED_FILENAME`` makes every ``/vsicurl/``-family file system
   (``/vsicurl/``, ``/vsicurl_streaming/``, ``/vsis3/``, ``/vsigs/``…) refuse any file name but
   one that cannot occur (``IsAllowedFilename`` in ``port/cpl_vsil_curl.cpp``: when set, only
   an exact match is allowed); an unsupported proxy scheme makes libcurl fail before DNS for
   whatever still goes through ``CPLHTTPSetOptions``; no ``.netrc`` credentials, no retries,
   1 s timeouts; GML does not download WFS schemas; no ``.aux.xml`` files are written.
2. **A refusing HTTP callback** installed with ``CPLHTTPSetFetchCallback`` (GDAL's documented
   hook for "an alternate network layer", ``port/cpl_http.h``), so every ``CPLHTTPFetch`` — a
   GeoJSON ``crs`` of type ``link``, the HTTP/WFS drivers named in a VRT — returns an error
   without a socket being opened. The proxy option above is defeated by a ``NO_PROXY``
   environment variable; this callback is not. PROJ's network is switched off both in
   pyproj and in the PROJ copy inside pyogrio's GDAL (``OSRSetPROJEnableNetwork``).
3. **Before GDAL sees a path** (``check_source``): URLs, ``/vsi…`` paths and ``DRIVER:``
   connection strings are refused; files that only point elsewhere (OGR VRT, GDALG
   pipelines, WFS descriptions, raster VRT), also inside a zip, are refused unless the caller
   allows indirection; FIFOs/devices, folders, unreadable and oversized files and zip bombs
   are refused with one clear line.
"""

from __future__ import annotations

import contextlib
import ctypes
import glob
import os
import re
import stat
import sys
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

NO_NETWORK_FILENAME = "/nonexistent/ecoviewer-has-no-network-access"
NO_NETWORK_PROXY = "ecoviewer-no-network://"  # a scheme libcurl does not know: fails before DNS

GDAL_CONFIG = {
    # /vsicurl/ and the cloud file systems built on it: only this exact name would be allowed
    "CPL_VSIL_CURL_ALLOWED_FILENAME": NO_NETWORK_FILENAME,
    # anything else that builds a libcurl handle through CPLHTTPSetOptions()
    "GDAL_HTTP_PROXY": NO_NETWORK_PROXY,
    "GDAL_HTTPS_PROXY": NO_NETWORK_PROXY,
    "GDAL_HTTP_NETRC": "NO",  # never send the user's ~/.netrc passwords anywhere
    "GDAL_HTTP_MAX_RETRY": "0",
    "GDAL_HTTP_TIMEOUT": "1",
    "GDAL_HTTP_CONNECTTIMEOUT": "1",
    "CPL_CURL_ENABLE_VSIMEM": "NO",  # GDAL's default; kept explicit
    "GML_DOWNLOAD_WFS_SCHEMA": "NO",
    "GDAL_VRT_ENABLE_PYTHON": "NO",  # Python pixel functions of raster VRTs
    "GDAL_PAM_ENABLED": "NO",  # no .aux.xml written beside the user's files
}

# Formats whose content is a pointer to other data (files, URLs, programs), not data.
INDIRECTION_MARKERS = (
    (re.compile(rb"<\s*OGRVRTDataSource", re.I), "an OGR VRT file (it points GDAL at other files or URLs)"),
    (re.compile(rb"<\s*VRTDataset", re.I), "a GDAL VRT file (it points GDAL at other files)"),
    (re.compile(rb'"gdal_streamed_alg"'), "a GDALG pipeline (it runs GDAL commands)"),
    (re.compile(rb"<\s*OGRWFSDataSource", re.I), "a WFS connection file (it points at a web service)"),
    (re.compile(rb"WFS_Capabilities"), "a WFS capabilities document (it points at a web service)"),
    (re.compile(rb"<\s*GDAL_WMS", re.I), "a WMS connection file (it points at a web service)"),
)
SNIFF_BYTES = 64 * 1024  # GDAL identifies these from the first 1 KiB; a wide margin
MAX_ZIP_MEMBERS = 10_000
ZIP_SNIFF_MEMBERS = 200  # members whose start is read to look for indirection
ARCHIVE_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"

# URL schemes GDAL/pyogrio understand (also "http:/x", as Path() leaves it)
_URL = re.compile(
    r"^(?:[a-z0-9]+\+)*(?:https?|ftps?|file|s3|gs|gcs|az|abfs|adl|oss|swift|"
    r"webhdfs|hdfs|zip|tar|gzip|sftp|ws|wss|memory):/",
    re.I,
)
_CONNECTION = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]+:")  # PG:, WFS:, GPKG:, CSV:, ESRIJSON:…
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
_UNC = re.compile(r"^(\\\\|//)" if sys.platform == "win32" else r"^\\\\")
_LOCAL_DEVICE = re.compile(r"^[\\/]{2}[?.][\\/][A-Za-z]:")  # \\?\C:\… is a local long path


class UnsafeSourceError(Exception):
    """The problem, without the file name (the caller adds its display name)."""


# -- 1 + 2: configure GDAL and PROJ once ---------------------------------------------------------


@dataclass
class Status:
    config: bool = False
    http_callback: bool = False
    gdal_proj_network_off: bool = False
    pyproj_network_off: bool = False
    rasterio_http_callback: bool = False
    notes: list[str] = field(default_factory=list)


STATUS = Status()
_lock = threading.Lock()
_installed = False
_local = threading.local()
_keep: list = []  # ctypes callbacks and library handles must outlive every GDAL call


class _CPLHTTPResult(ctypes.Structure):  # port/cpl_http.h; only the leading members are set
    _fields_ = [
        ("nStatus", ctypes.c_int),
        ("pszContentType", ctypes.c_void_p),
        ("pszErrBuf", ctypes.c_void_p),
        ("nDataLen", ctypes.c_int),
        ("nDataAlloc", ctypes.c_int),
        ("pabyData", ctypes.c_void_p),
        ("papszHeaders", ctypes.c_void_p),
        ("nMimePartCount", ctypes.c_int),
        ("pasMimePart", ctypes.c_void_p),
    ]


_FETCH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_void_p,
    ctypes.c_char_p,
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_void_p,
)


def _gdal_library() -> ctypes.CDLL | None:
    """The libgdal pyogrio has loaded (never another copy on the system)."""
    import pyogrio  # (makes sure its libgdal is mapped)

    candidates = []
    if sys.platform.startswith("linux"):
        try:
            with open("/proc/self/maps") as fh:
                for line in fh:
                    path = line.rsplit(" ", 1)[-1].strip()
                    if "libgdal" in os.path.basename(path) and path not in candidates:
                        candidates.append(path)
        except OSError:
            pass
    base = Path(pyogrio.__file__).resolve().parent
    for pattern in ("../pyogrio.libs/*gdal*", ".dylibs/*gdal*", "../pyogrio.libs/*gdal*.dll"):
        candidates += [p for p in sorted(glob.glob(str(base / pattern))) if p not in candidates]
    for path in candidates:
        try:
            lib = ctypes.CDLL(path)
            lib.CPLHTTPSetFetchCallback  # noqa: B018  (an attribute error if not GDAL)
            return lib
        except (OSError, AttributeError):
            continue
    return None


def _install_http_callback(lib: ctypes.CDLL) -> None:
    lib.CPLCalloc.restype = ctypes.c_void_p
    lib.CPLCalloc.argtypes = [ctypes.c_size_t, ctypes.c_size_t]
    lib.CPLStrdup.restype = ctypes.c_void_p
    lib.CPLStrdup.argtypes = [ctypes.c_char_p]
    lib.CPLHTTPSetFetchCallback.restype = None
    lib.CPLHTTPSetFetchCallback.argtypes = [_FETCH_CALLBACK, ctypes.c_void_p]

    def refuse(url, _options, _progress, _progress_arg, _write, _write_arg, _user):
        try:
            text = (url or b"").decode("utf-8", "replace")
            record = getattr(_local, "blocked", None)
            if record is not None and len(record) < 100:
                record.append(text)
            if len(STATUS_BLOCKED) < 1000:
                STATUS_BLOCKED.append(text[:200])
        except Exception:  # never let an exception cross into C
            pass
        # a fresh CPLHTTPResult that GDAL frees with CPLHTTPDestroyResult(): failed, no data
        result = lib.CPLCalloc(1, ctypes.sizeof(_CPLHTTPResult))
        if not result:
            return None
        res = _CPLHTTPResult.from_address(result)
        res.nStatus = 1
        res.pszErrBuf = lib.CPLStrdup(b"network access is disabled in EcoViewer")
        return result

    callback = _FETCH_CALLBACK(refuse)
    _keep.extend([lib, callback])
    lib.CPLHTTPSetFetchCallback(callback, None)


STATUS_BLOCKED: list[str] = []  # every URL refused in this process (for diagnostics)


def install() -> Status:
    """Configure GDAL and PROJ for offline, pointer-free reading (idempotent)."""
    global _installed
    with _lock:
        if _installed:
            return STATUS
        _installed = True
        import pyogrio

        try:
            pyogrio.set_gdal_config_options(dict(GDAL_CONFIG))
            STATUS.config = True
        except Exception as exc:  # pragma: no cover - pyogrio without the function
            STATUS.notes.append(f"GDAL config options not set: {exc}")
        try:
            import pyproj.network

            pyproj.network.set_network_enabled(False)
            STATUS.pyproj_network_off = not pyproj.network.is_network_enabled()
        except Exception as exc:  # pragma: no cover
            STATUS.notes.append(f"pyproj network not switched off: {exc}")
        lib = _gdal_library()
        if lib is None:
            STATUS.notes.append(
                "pyogrio's libgdal not found; HTTP callback not installed "
                "(config options and path checks still apply)"
            )
            return STATUS
        try:
            _install_http_callback(lib)
            STATUS.http_callback = True
        except Exception as exc:  # pragma: no cover
            STATUS.notes.append(f"HTTP callback not installed: {exc}")
        try:
            lib.OSRSetPROJEnableNetwork.argtypes = [ctypes.c_int]
            lib.OSRSetPROJEnableNetwork(0)
            lib.OSRGetPROJEnableNetwork.restype = ctypes.c_int
            STATUS.gdal_proj_network_off = lib.OSRGetPROJEnableNetwork() == 0
        except Exception as exc:  # pragma: no cover
            STATUS.notes.append(f"PROJ network inside GDAL not switched off: {exc}")
        return STATUS


_rasterio_done = False
RASTER_BLOCK_CACHE_MB = 128


def install_rasterio() -> bool:
    """The same for rasterio's own copy of GDAL (its wheel bundles one): the configuration
    set as environment defaults (every GDAL reads them, and ``rasterio.Env`` sets them per
    read), its HTTP fetches refused, PROJ's network off. Returns whether the HTTP callback
    is in place (idempotent)."""
    global _rasterio_done
    install()
    with _lock:
        if _rasterio_done:
            return STATUS.rasterio_http_callback
        _rasterio_done = True
        for key, value in GDAL_CONFIG.items():
            os.environ.setdefault(key, value)
        # rasterio's block cache, set before its first read (GDAL reads it once; set per read
        # it would empty the cache every time): GDAL's default, 5 % of the machine's memory,
        # let a 1.6 GB GeoTIFF's tiles grow the process by 300 MB
        os.environ.setdefault("GDAL_CACHEMAX", str(RASTER_BLOCK_CACHE_MB))
        import rasterio

        base = Path(rasterio.__file__).resolve().parent
        candidates = sorted(glob.glob(str(base.parent / "rasterio.libs" / "*gdal*"))) + sorted(
            glob.glob(str(base / ".dylibs" / "*gdal*"))
        )
        for path in candidates:
            try:
                lib = ctypes.CDLL(path)
                lib.CPLHTTPSetFetchCallback  # noqa: B018
            except (OSError, AttributeError):
                continue
            try:
                _install_http_callback(lib)
                lib.OSRSetPROJEnableNetwork.argtypes = [ctypes.c_int]
                lib.OSRSetPROJEnableNetwork(0)
                STATUS.rasterio_http_callback = True
            except Exception as exc:  # pragma: no cover
                STATUS.notes.append(f"rasterio's GDAL: HTTP callback not installed: {exc}")
            break
        else:  # a rasterio built against the system's GDAL: the one pyogrio's install covered
            STATUS.rasterio_http_callback = STATUS.http_callback
        return STATUS.rasterio_http_callback


@contextlib.contextmanager
def record_blocked():
    """``with record_blocked() as urls:`` — the URLs GDAL asked for (and was refused) in this
    thread while the block ran."""
    previous = getattr(_local, "blocked", None)
    _local.blocked = urls = []
    try:
        yield urls
    finally:
        _local.blocked = previous


# -- 3: before GDAL sees a path --------------------------------------------------------------------


def is_remote_or_virtual(text: str) -> str | None:
    """Why a path string is not a plain local file name (None when it is one)."""
    s = text.strip()
    if _URL.match(s):
        return "is a URL, not a local file; EcoViewer reads only files on this computer"
    if s.replace("\\", "/").lower().startswith("/vsi"):
        return "is a GDAL virtual file system path (/vsi…); not opened"
    if _UNC.match(s) and not _LOCAL_DEVICE.match(s):
        # opening \\host\share\… makes Windows connect to host (and offer the user's
        # credentials): a project file from someone else must not do that
        return (
            "is a network (UNC) path; EcoViewer reads only files on this computer (copy the file here first)"
        )
    if os.path.lexists(s):  # a local name like "notes:2024.geojson" is a file after all
        return None  # (GDAL gets its absolute path, which no driver reads as a prefix)
    if s.startswith(("<", "{")):
        return "is inline data, not a file name; not opened"
    if _CONNECTION.match(s) and not _DRIVE.match(s):
        return f"is a GDAL connection string ({s.split(':', 1)[0]}:…), not a local file; not opened"
    return None


def gdal_name(path: Path) -> str:
    """The string handed to pyogrio for a vetted local file: absolute, and for a .zip the
    /vsizip/ form built here (pyogrio would otherwise parse '!' and URL schemes in it)."""
    absolute = os.path.abspath(path)
    if path.suffix.lower() == ".zip":
        return "/vsizip/" + absolute.replace("\\", "/")
    return absolute


@dataclass
class Checked:
    path: Path  # absolute
    size: int
    head: bytes
    is_zip: bool


def check_source(path: str | os.PathLike, *, allow_indirect: bool, max_bytes: int) -> Checked:
    """Refuse what must not reach GDAL; raises ``UnsafeSourceError`` with the problem (without
    the file name)."""
    why = is_remote_or_virtual(os.fspath(path))
    if why:
        raise UnsafeSourceError(why)
    absolute = Path(os.path.abspath(path))
    why = is_remote_or_virtual(str(absolute))
    if why:
        raise UnsafeSourceError(why)
    if "!" in str(absolute) and absolute.suffix.lower() != ".zip":
        raise UnsafeSourceError(
            "has '!' in its path, which GDAL reads as an archive separator; rename the file or folder"
        )
    try:
        st = os.stat(absolute)
    except FileNotFoundError:
        raise UnsafeSourceError("file not found") from None
    except PermissionError:
        raise UnsafeSourceError("permission denied (cannot look at the file)") from None
    except OSError as exc:
        raise UnsafeSourceError(f"cannot look at the file ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise UnsafeSourceError("is a folder, not a layer file (open the .shp, .gpkg … inside it)")
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeSourceError("not a regular file (a pipe, device or socket); not opened")
    if st.st_size > max_bytes:
        raise UnsafeSourceError(
            f"too large ({human_size(st.st_size)}; EcoViewer reads layer files up to {human_size(max_bytes)})"
        )
    if not os.access(absolute, os.R_OK):
        raise UnsafeSourceError("permission denied (the file cannot be read)")
    _check_siblings(absolute)
    try:
        with open(absolute, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except PermissionError:
        raise UnsafeSourceError("permission denied (the file cannot be read)") from None
    except OSError as exc:
        raise UnsafeSourceError(f"cannot read the file ({exc.strerror or exc})") from None
    is_zip = head.startswith((ARCHIVE_MAGIC, EMPTY_ZIP_MAGIC))
    if absolute.suffix.lower() == ".zip" and not is_zip and head:
        raise UnsafeSourceError("is not a zip archive (damaged, or another format named .zip)")
    if is_zip:
        _check_zip(absolute, allow_indirect=allow_indirect, max_bytes=max_bytes)
    elif not allow_indirect:
        kind = sniff_indirection(head)
        if kind:
            raise UnsafeSourceError(f"is {kind}; not opened (a project layer can allow it)")
    return Checked(absolute, st.st_size, head, is_zip)


def sniff_indirection(head: bytes) -> str | None:
    for pattern, kind in INDIRECTION_MARKERS:
        if pattern.search(head):
            return kind
    return None


def _check_siblings(path: Path) -> None:
    """GDAL opens side files with the same stem (.shx, .dbf, .prj, .cpg, .csvt, .gfs…): a FIFO
    among them would block the read for ever."""
    stem = path.name.split(".", 1)[0]
    try:
        entries = os.scandir(path.parent)
    except OSError:
        return
    with entries:
        for entry in entries:
            if entry.name == path.name or entry.name.split(".", 1)[0] != stem:
                continue
            try:
                mode = entry.stat().st_mode
            except OSError:
                continue
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                raise UnsafeSourceError(
                    f"its side file {_shown_name(entry.name)} is not a "
                    "regular file (a pipe, device or socket); not opened"
                )


def _check_zip(path: Path, *, allow_indirect: bool, max_bytes: int) -> None:
    """A zip's central directory says how big each member expands: refuse bombs and members
    that only point elsewhere before GDAL's /vsizip/ opens anything."""
    later = "not opened (a project layer can allow it)"
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                raise UnsafeSourceError(f"zip archive with {len(infos):,} members; not opened")
            total = sum(max(info.file_size, 0) for info in infos)
            if total > max_bytes:
                raise UnsafeSourceError(
                    f"zip archive expands to {human_size(total)} (the limit "
                    f"is {human_size(max_bytes)}; a zip bomb?); not opened"
                )
            for info in infos:
                name = _shown_name(info.filename)
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > 1000 and info.file_size > 100 * 2**20:
                    raise UnsafeSourceError(
                        f"zip member {name} expands {ratio:,.0f} times (a zip bomb?); not opened"
                    )
                if not allow_indirect and info.filename.lower().endswith((".vrt", ".gdalg.json")):
                    raise UnsafeSourceError(
                        f"contains {name}, a file that points GDAL at other files or URLs; {later}"
                    )
            if allow_indirect:
                return
            for info in infos[:ZIP_SNIFF_MEMBERS]:
                if info.is_dir() or info.file_size == 0:
                    continue
                with zf.open(info) as fh:
                    kind = sniff_indirection(fh.read(SNIFF_BYTES))
                if kind:
                    raise UnsafeSourceError(f"contains {_shown_name(info.filename)}, {kind}; {later}")
    except UnsafeSourceError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        raise UnsafeSourceError(f"damaged zip archive ({_plain(exc)})") from None


def _shown_name(name: str) -> str:
    return clean_message(name, 80) or "a member"


def human_size(n: int) -> str:
    for unit, size in (("GB", 2**30), ("MB", 2**20), ("kB", 2**10)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} bytes"


def _plain(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
    return clean_message(text)


_JUNK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")


def clean_message(text: str, limit: int = 240) -> str:
    """One readable line from a library message: no U+FFFD, control characters, private-use
    characters or runs of undecodable junk; shortened to ``limit`` characters."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = " ".join(str(text).split())
    text = _JUNK.sub("", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text
