"""The ``ecoviewer:`` URL scheme: the map pages themselves and the map tiles of big layers,
drawn on worker threads.

``ecoviewer:/page/<page token>/map.html`` — a view's page, served from memory. The page is
not a ``file://`` document, so it cannot read local files (with the scheme not flagged
local-access, Chromium refuses ``file:`` from it), whatever script a hostile file might
smuggle in.

``ecoviewer:/tiles/<page token>/<layer id>/<z>/<x>/<y>.png[?only=<target id>]`` — the page
token keeps the layers of different views (the window, an export) apart. A raster layer's
tiles come the same way (warped and coloured by ``rasters.py``), and a basemap's from
``ecoviewer:/basemap/<page token>/<basemap id>/<z>/<x>/<y>`` (the file's own PNG, JPEG or
WebP bytes, as it stores them). A renderer is
built the first time a layer's tile is asked for, on a worker, so neither the page nor the
UI waits for it. Every request is answered: a zoom above ``MAX_ZOOM`` or a tile outside the
zoom's grid fails at once.
"""

from __future__ import annotations

import logging
import re
import threading
import weakref
from itertools import count
from urllib.parse import parse_qs, unquote

import numpy as np
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRunnable,
    QThreadPool,
    QUrl,
    Signal,
)
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from ..styles import ResolvedStyle
from ..tiles import TileRenderer

log = logging.getLogger("ecoviewer.tiles")
SCHEME = b"ecoviewer"
_PATH = re.compile(r"^/(tiles|basemap)/([\w-]+)/(.+)/(\d{1,3})/(\d{1,9})/(\d{1,9})\.png$")
_PAGE = re.compile(r"^/page/([\w-]+)/map\.html$")
#: the deepest tile zoom served (Leaflet's maxZoom for our tile layers is 22)
MAX_ZOOM = 24


def register_scheme() -> None:
    """Must run before the QApplication exists (Qt's rule for custom schemes)."""
    if QWebEngineUrlScheme.schemeByName(SCHEME).name() == SCHEME:
        return
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Path)
    # not LocalAccessAllowed: pages of this scheme must not reach file: URLs
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.CorsEnabled)
    QWebEngineUrlScheme.registerScheme(scheme)


_SHARED: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
_SHARED_LOCK = threading.Lock()


class TileSource:
    """One big layer of one page: its table and style, and highlight sets for targets.

    The renderer is built on first use and shared by every page showing the same data with
    the same style (the window and its export need one copy, not two)."""

    def __init__(self, geometry: np.ndarray, style: ResolvedStyle, fields: dict, base=None):
        self._args = (geometry, style, fields)
        #: the renderer of the same features under an earlier style (a restyle reuses its
        #: index and edges, see ``TileRenderer.restyled``)
        self._base = base
        self._key = (
            id(geometry),
            repr(style.to_page("zh")),
            repr(style.values),
            repr(style.breaks),
            style.field,
            id(fields.get(style.field)) if style.field else 0,  # (a join can replace the column)
        )
        self._renderer: TileRenderer | None = None
        self._lock = threading.Lock()
        self.highlights: dict[str, np.ndarray] = {}  # target id → table rows

    def renderer(self) -> TileRenderer:
        with self._lock:
            if self._renderer is None:
                with _SHARED_LOCK:
                    shared = _SHARED.get(self._key)
                    if shared is not None and shared.geometry is self._args[0]:
                        self._renderer = shared
                if self._renderer is None:
                    base = self._base
                    if base is not None and base.geometry is self._args[0]:
                        self._renderer = base.restyled(self._args[1], self._args[2])
                    else:
                        self._renderer = TileRenderer(*self._args)
                    self._base = None
                    with _SHARED_LOCK:
                        _SHARED[self._key] = self._renderer
            return self._renderer


class StreamTileSource:
    """A streamed layer of one page (``streaming.StreamedTable``): its renderer reads the
    style's column once and draws from the overview and the file. A read that fails (the
    file changed, the database went away) is told once through ``on_problem`` and its tile
    left empty; the first tile drawn after that tells ``on_problem(None)`` (recovered)."""

    def __init__(self, table, style: ResolvedStyle, base=None):
        self.table = table
        self.style = style
        self.highlights: dict[str, np.ndarray] = {}
        self._renderer = None
        self._lock = threading.Lock()
        self.on_problem = None  # callable(message or None), set by the map view
        self.failing = False

    def renderer(self):
        with self._lock:
            if self._renderer is None:
                from ..streaming import StreamRenderer

                key = (
                    id(self.table),
                    repr(self.style.to_page("zh")),
                    repr(self.style.values),
                    repr(self.style.breaks),
                )
                with _SHARED_LOCK:  # the window and its export draw with one renderer
                    shared = _SHARED.get(key)
                    if shared is not None and shared.table is self.table:
                        self._renderer = shared
                if self._renderer is None:
                    self._renderer = StreamRenderer(self.table, self.style)
                    with _SHARED_LOCK:
                        _SHARED[key] = self._renderer
            return self

    def render(self, z: int, x: int, y: int, only=None, scale: float = 1.0) -> bytes:
        from ..streaming import StreamError

        try:
            data = self._renderer.render(z, x, y, only=only, scale=scale)
        except StreamError as exc:
            if not self.failing:
                self.failing = True
                if self.on_problem is not None:
                    self.on_problem(str(exc))
            return b""
        if self.failing:
            self.failing = False
            if self.on_problem is not None:
                self.on_problem(None)
        return data


class RasterTileSource:
    """A raster layer of one page: tiles warped and coloured by its ``RasterTable``."""

    mime = b"image/png"

    def __init__(self, table):
        self.table = table
        self.highlights: dict[str, np.ndarray] = {}  # (a raster has no features to pick)

    def renderer(self):
        return self

    def render(self, z: int, x: int, y: int, only=None, scale: float = 1.0) -> bytes:
        return self.table.tile(z, x, y, scale=scale)


class BasemapTileSource:
    """A basemap of one page: the file's tiles as they are stored (b"" where it has none:
    the page shows the ground there, and scales its deepest level beyond it)."""

    def __init__(self, basemap):
        self.basemap = basemap
        self.mime = basemap.mime.encode()
        self.highlights: dict[str, np.ndarray] = {}

    def renderer(self):
        return self

    def render(self, z: int, x: int, y: int, only=None, scale: float = 1.0) -> bytes:
        return self.basemap.tile(z, x, y) or b""


class _Build(QRunnable):
    def __init__(self, source: TileSource):
        super().__init__()
        self.source = source

    def run(self) -> None:
        try:
            self.source.renderer()
        except Exception:
            log.exception("building a tile renderer failed")


class _Done(QObject):
    finished = Signal(int, bytes)


class _Render(QRunnable):
    def __init__(
        self,
        job_id: int,
        source: TileSource,
        z: int,
        x: int,
        y: int,
        only: np.ndarray | None,
        done: _Done,
        scale: float = 1.0,
    ):
        super().__init__()
        self.args = (job_id, source, z, x, y, only, done, scale)

    def run(self) -> None:
        job_id, source, z, x, y, only, done, scale = self.args
        try:
            data = source.renderer().render(z, x, y, only=only, scale=scale)
        except Exception:  # a tile that fails is logged and left empty; the map goes on
            log.exception("tile %s/%s/%s failed", z, x, y)
            data = b""
        done.finished.emit(job_id, data)


class TileSchemeHandler(QWebEngineUrlSchemeHandler):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.pages: dict[str, dict[str, TileSource]] = {}
        self.scales: dict[str, float] = {}  # page token → device pixels per CSS pixel
        self._jobs: dict[int, QWebEngineUrlRequestJob] = {}
        self._ids = count(1)
        self._done = _Done()
        self._done.finished.connect(self._reply)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
        self.served = 0
        self.documents: dict[str, bytes] = {}  # page token → the page's HTML
        self.basemaps: dict[str, dict[str, BasemapTileSource]] = {}  # page token → id → source
        self._mimes: dict[int, bytes] = {}

    def prepare(self, source: TileSource) -> None:
        """Start building a renderer now, while the page loads, not at its first tile."""
        self.pool.start(_Build(source))

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        page = _PAGE.match(url.path())
        if page:
            html = self.documents.get(page.group(1))
            if html is None:
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
                return
            buffer = QBuffer(job)
            buffer.setData(QByteArray(html))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            job.reply(b"text/html;charset=utf-8", buffer)
            return
        # the encoded path: a layer id's "/" or "%" arrive as written by the page builder
        match = _PATH.match(url.path(QUrl.ComponentFormattingOption.FullyEncoded))
        source = None
        if match:
            z, x, y = (int(match.group(i)) for i in (4, 5, 6))
            kind = self.basemaps if match.group(1) == "basemap" else self.pages
            if z <= MAX_ZOOM and x < 2**z and y < 2**z:
                source = kind.get(match.group(2), {}).get(unquote(match.group(3)))
        if source is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        only = None
        wanted = parse_qs(url.query()).get("only")
        if wanted:
            only = source.highlights.get(wanted[0])
            if only is None:
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
                return
        job_id = next(self._ids)
        self._jobs[job_id] = job
        self._mimes[job_id] = getattr(source, "mime", b"image/png")
        job.destroyed.connect(lambda *_: self._jobs.pop(job_id, None))
        scale = self.scales.get(match.group(2), 1.0)
        self.pool.start(_Render(job_id, source, z, x, y, only, self._done, scale))

    def _reply(self, job_id: int, data: bytes) -> None:
        job = self._jobs.pop(job_id, None)
        mime = self._mimes.pop(job_id, b"image/png")
        if job is None:  # the page no longer wants it
            return
        if not data:
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        buffer = QBuffer(job)  # lives as long as the job
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime, buffer)
        self.served += 1
