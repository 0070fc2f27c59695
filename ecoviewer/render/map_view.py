"""The map view: a QWebEngineView on the page built by ``ecoviewer.web``, a request blocker
that keeps the page offline, and the QWebChannel bridge the page reports through."""

from __future__ import annotations

import ctypes
import json
import logging
import math
import secrets
import sys
from contextlib import contextmanager
from itertools import count

from PySide6.QtCore import QEventLoop, QObject, QPoint, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView

from .tile_scheme import (
    SCHEME,
    BasemapTileSource,
    RasterTileSource,
    StreamTileSource,
    TileSchemeHandler,
    TileSource,
)

log = logging.getLogger("ecoviewer.network")


def _pin_none() -> None:
    """PySide6 (seen with 6.12.0) drops a reference to ``None`` on every
    ``QWebEnginePage.runJavaScript`` call — two without a callback, one with. Every layer
    toggle, theme and export is such a call: after some ten thousand of them (a long meeting,
    a batch export) CPython frees ``None`` and aborts the process ("deallocating None").
    ``None`` is given references it can never lose — what CPython 3.12 does for it anyway
    (immortal objects). A reference to ``None`` too many is harmless; one too few is fatal."""
    if sys.implementation.name == "cpython" and sys.version_info < (3, 12):
        ctypes.c_ssize_t.from_address(id(None)).value += NONE_PIN


#: 2^40 references: a trillion page calls before the PySide bug could matter again
NONE_PIN = 1 << 40
_pin_none()

#: what a page may load: its own scheme (page and tiles), inline data. Not file: the page
#: must not read local files; not qrc: Qt's web channel script is inlined into the page.
LOCAL_SCHEMES = frozenset({"data", "blob", "about", "ecoviewer"})


def tile_source(table, style, base=None):
    """The tile source of a layer drawn as tiles: a big vector layer's, or a raster's
    (``base``: the source it replaces, whose drawing of the same features is reused)."""
    if getattr(table, "kind", "") == "raster":
        return RasterTileSource(table)
    if getattr(table, "kind", "") == "streamed":
        return StreamTileSource(table, style)
    built = getattr(base, "_renderer", None) or getattr(base, "_base", None)
    return TileSource(table.geometry, style, table.fields, base=built)


def basemap_sources(project) -> dict:
    """The project's basemaps that open, as tile sources (by id)."""
    from ..basemaps import BasemapError, opened

    out = {}
    for spec in project.basemaps:
        try:
            out[spec.id] = BasemapTileSource(opened(spec))
        except BasemapError:
            continue
    return out


class RequestBlocker(QWebEngineUrlRequestInterceptor):
    """Blocks and logs every request that would leave the machine."""

    blocked = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.blocked_urls: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if url.scheme().lower() not in LOCAL_SCHEMES:
            info.block(True)
            text = url.toString()
            self.blocked_urls.append(text)
            log.warning("blocked non-local request: %s", text)
            self.blocked.emit(text)


_PROFILE: QWebEngineProfile | None = None
_BLOCKER: RequestBlocker | None = None
_TILES: TileSchemeHandler | None = None
_TOKENS = count(1)


def shared_profile() -> tuple[QWebEngineProfile, RequestBlocker]:
    """The process's web profile (Qt's default one, which Qt tears down after every page),
    with the blocker installed and nothing kept on disk."""
    global _PROFILE, _BLOCKER, _TILES
    if _PROFILE is None:
        _PROFILE = QWebEngineProfile.defaultProfile()
        _PROFILE.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        _PROFILE.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
        _BLOCKER = RequestBlocker(_PROFILE)
        _PROFILE.setUrlRequestInterceptor(_BLOCKER)
        _TILES = TileSchemeHandler(_PROFILE)
        _PROFILE.installUrlSchemeHandler(SCHEME, _TILES)
        settings = _PROFILE.settings()
        # every remote attempt reaches the interceptor, to be blocked *and logged* there
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
        # pages are served from the ecoviewer: scheme and never read local files
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalStorageEnabled, False)
    return _PROFILE, _BLOCKER


_CHANNEL_JS: str | None = None


def web_channel_script() -> str:
    """Qt's qwebchannel.js (from Qt's resources), to inline into the page: the page loads
    nothing from qrc: or file:."""
    global _CHANNEL_JS
    if _CHANNEL_JS is None:
        from PySide6.QtCore import QFile, QIODevice

        f = QFile(":/qtwebchannel/qwebchannel.js")
        if not f.open(QIODevice.OpenModeFlag.ReadOnly):
            raise RuntimeError("Qt's qwebchannel.js resource is missing")
        _CHANNEL_JS = bytes(f.readAll().data()).decode("utf-8")
        f.close()
    return _CHANNEL_JS


class _Page(QWebEnginePage):
    console = Signal(str)

    def javaScriptConsoleMessage(self, level, message, line, source):
        logging.getLogger("ecoviewer.page").debug("%s:%s %s", source, line, message)
        self.console.emit(message)

    def acceptNavigationRequest(self, url, nav_type, is_main_frame) -> bool:
        """Only the view itself loads a page (``load`` of our own ``ecoviewer:`` page). Back,
        forward, reload, links, forms and redirects are refused: the page holds every layer
        the window sent it, and a reload or a step back showed a map with nothing on it."""
        ok = (
            is_main_frame
            and nav_type == QWebEnginePage.NavigationType.NavigationTypeTyped
            and url.scheme() == SCHEME.decode()
            and url.path().startswith("/page/")
        )
        if not ok:
            logging.getLogger("ecoviewer.page").info(
                "refused navigation (%s) to %s", nav_type.name, url.toString()[:200]
            )
        return ok


class MapView(QWebEngineView):
    """Shows the map page; drives it with small JS calls, never by reloading it."""

    rendered = Signal(int)
    mouse_moved = Signal(float, float)
    clicked = Signal(float, float)
    view_changed = Signal(dict)
    target_clicked = Signal(str)
    note_clicked = Signal(str)
    load_failed = Signal(str)
    #: a streamed layer's reads failed (layer id, one line) or work again (layer id, "")
    layer_problem = Signal(str, str)
    #: right-click on the map: lon, lat under the pointer, and where to show a menu (global)
    context_requested = Signal(float, float, QPoint)

    def __init__(self, parent=None):
        super().__init__(parent)
        profile, self.blocker = shared_profile()
        self._page = _Page(profile, self)
        self.setPage(self._page)
        self.bridge = _JsBridge(self)
        self.channel = QWebChannel(self._page)
        self.channel.registerObject("bridge", self.bridge)
        self._page.setWebChannel(self.channel)
        self.last_rendered = 0
        self._seq_base = 0
        self._loaded = False
        self._batched: list[str] | None = None
        self._queued: list[tuple[str, object]] = []
        self.loadFinished.connect(self._on_load)
        # not guessable: a page cannot ask for another view's page or tiles
        self.token = f"v{next(_TOKENS)}{secrets.token_hex(8)}"
        self.tiles = _TILES
        self.destroyed.connect(
            lambda *_, t=self.token: (
                _TILES.pages.pop(t, None),
                _TILES.scales.pop(t, None),
                _TILES.documents.pop(t, None),
                _TILES.basemaps.pop(t, None),
            )
        )

    def contextMenuEvent(self, event) -> None:
        """Our own map menu instead of the web engine's (whose Back and Reload wiped the
        map): the page says where the pointer is, the window builds the menu."""
        event.accept()
        if not self._loaded:
            return
        factor = self.zoomFactor() or 1.0
        where = QPoint(event.globalPos())

        def located(text) -> None:
            try:
                value = json.loads(text) if isinstance(text, str) else None
            except ValueError:
                value = None
            if (
                isinstance(value, list)
                and len(value) == 2
                and all(isinstance(v, (int, float)) and math.isfinite(v) for v in value)
            ):
                self.context_requested.emit(float(value[0]), float(value[1]), where)

        from ..web.page import js_call

        # arrays do not survive runJavaScript's conversion in PySide: the value comes as JSON
        self.js(
            "JSON.stringify(" + js_call("lonLatAt", event.pos().x() / factor, event.pos().y() / factor) + ")",
            located,
        )

    # -- the project's page ------------------------------------------------------------------
    def show_project(self, project, tables, *, targets=None, **page_options) -> None:
        """Build the project's page (big layers as tiles served to this view) and show it."""
        from ..web.page import build_page

        tiled: dict = {}
        html = build_page(
            project,
            tables,
            targets=targets,
            tile_url=self.tile_url(),
            tiled=tiled,
            basemap_url=self.basemap_url(),
            **page_options,
        )
        sources = {}
        for layer_id, (table, style) in tiled.items():
            sources[layer_id] = tile_source(table, style)
        self.tiles.basemaps[self.token] = basemap_sources(project)
        for r in targets or []:
            for layer_id, rows in r.responsible.items():
                if layer_id in sources:
                    sources[layer_id].highlights[r.id] = rows
        self.tiles.pages[self.token] = sources
        # tiles drawn at the view's zoom factor stay sharp in print exports (300 dpi = 3.125)
        self.tiles.scales[self.token] = max(1.0, float(self.zoomFactor()))
        for source in sources.values():
            self.tiles.prepare(source)
        self.set_html(html)

    def select_rows(self, layer_id: str, rows, table, zoom: bool = False) -> None:
        """Paint rows of a layer in the highlight colour (tiles for a big layer)."""
        import numpy as np

        rows = np.asarray(rows, dtype=np.int64)
        source = self.tiles.pages.get(self.token, {}).get(layer_id)
        if source is not None:
            source.highlights["__selection__"] = rows
        bounds = table.bounds_of(rows) if len(rows) else None
        self.call("selectRows", layer_id, rows.tolist(), bounds, bool(zoom))

    def set_targets(self, results, tables, lang: str = "zh") -> None:
        """Show evaluated targets (callouts, legend) on the page already shown."""
        from ..web.page import target_payload

        sources = self.tiles.pages.get(self.token, {})
        for r in results:
            for layer_id, rows in r.responsible.items():
                if layer_id in sources:
                    sources[layer_id].highlights[r.id] = rows
        payload = [target_payload(r, lang, tables) for r in results if r.anchor is not None]
        self.call("setTargets", payload)

    def add_tiled_layer(self, layer_id: str, table, style) -> None:
        old = self.tiles.pages.get(self.token, {}).get(layer_id)
        source = tile_source(table, style, base=old)
        if old is not None:  # a restyle: the selection and the targets' features stay lit
            source.highlights.update(old.highlights)
        if isinstance(source, StreamTileSource):  # told from tile workers: a queued signal
            source.on_problem = lambda message, lid=layer_id: self.layer_problem.emit(lid, message or "")
        self.tiles.pages.setdefault(self.token, {})[layer_id] = source
        self.tiles.prepare(source)

    def tile_url(self) -> str:
        return f"{SCHEME.decode()}:/tiles/{self.token}/"

    def basemap_url(self) -> str:
        return f"{SCHEME.decode()}:/basemap/{self.token}/"

    def set_basemaps(self, project, lang: str = "zh") -> None:
        """The project's basemaps on the page already shown (one added, or its file changed)."""
        from ..web.page import basemap_payloads

        self.tiles.basemaps[self.token] = basemap_sources(project)
        self.call("setBasemaps", basemap_payloads(project, lang, self.basemap_url()))

    def show_basemap(self, basemap_id: str | None) -> None:
        self.call("showBasemap", basemap_id)

    def set_basemap_look(self, basemap_id: str, opacity: float, grey: bool) -> None:
        self.call("setBasemapLook", basemap_id, float(opacity), bool(grey))

    # -- page --------------------------------------------------------------------------------
    def set_html(self, html: str) -> None:
        """Show a page, served from memory by the ``ecoviewer:`` scheme (``setHtml`` silently
        fails over 2 MB; a ``file://`` page could read local files)."""
        from ..web.page import QWEBCHANNEL_TAG

        # the page may load nothing from qrc: — Qt's channel script goes in inline (it is
        # Qt's own code; the tag is our constant, placed by the page builder)
        inline = "<script>" + web_channel_script().replace("</script", "<\\/script") + "</script>"
        html = html.replace(QWEBCHANNEL_TAG, inline, 1)
        self.tiles.documents[self.token] = html.encode("utf-8")
        # frame numbers of the new page start above the old page's, so that neither a late
        # report nor a stale grab of the old page passes for the new one
        self._seq_base = (self.last_rendered // 1000 + 1) * 1000
        self.last_rendered = self._seq_base
        self._loaded = False
        self._queued = []
        url = QUrl(f"{SCHEME.decode()}:/page/{self.token}/map.html")
        url.setQuery(f"base={self._seq_base}")
        self.load(url)

    def _on_load(self, ok: bool) -> None:
        if not ok:
            self.load_failed.emit("the map page failed to load")
            return
        self._loaded = True
        queued, self._queued = self._queued, []
        for code, callback in queued:
            self.js(code, callback)

    @contextmanager
    def batch(self):
        """Send every JS call made inside as one script: one task in the page, so a theme
        or a scene (many toggles and a move) is drawn once, not once per call."""
        if self._batched is not None:  # nested: the outer batch sends
            yield
            return
        self._batched = []
        try:
            yield
        finally:
            calls, self._batched = self._batched, None
            if calls:
                self.js(";\n".join(calls))

    def call(self, function: str, *arguments, callback=None) -> None:
        """Call ``ecoviewer.function`` on the page with JSON arguments — the only way values
        reach the page's script (never pasted into its source as text)."""
        from ..web.page import js_call

        self.js(js_call(function, *arguments), callback)

    def js(self, code: str, callback=None) -> None:
        """Run JS on the page; calls made while the page is still loading wait for it."""
        if self._batched is not None and callback is None:
            self._batched.append(code)
            return
        if not self._loaded:
            self._queued.append((code, callback))
        elif callback is None:
            self._page.runJavaScript(code)
        else:
            self._page.runJavaScript(code, 0, callback)

    def evaluate(self, code: str, timeout_ms: int = 5000):
        """Run a JS expression and wait for its value (for tests and exports, not for UI
        paths). The value travels as JSON, so arrays and objects arrive intact."""
        result: dict = {}
        loop = QEventLoop()

        def done(value):
            result["value"] = value
            loop.quit()

        wrapped = (
            "(function () { var v = (" + code + "); return v === undefined ? 'null' : JSON.stringify(v); })()"
        )
        self._page.runJavaScript(wrapped, 0, done)
        QTimer.singleShot(timeout_ms, loop.quit)
        if "value" not in result:
            loop.exec()
        if "value" not in result:
            raise TimeoutError(f"page did not answer within {timeout_ms} ms: {code[:60]}")
        return json.loads(result["value"]) if isinstance(result["value"], str) else None

    def wait_rendered(self, after: int = 0, timeout_ms: int = 30000) -> bool:
        """Block (running the event loop) until the page reports a frame newer than ``after``
        (0, or any number from before the current page, means the page's first frame)."""
        after = max(after, self._seq_base)
        if self.last_rendered > after:
            return True
        loop = QEventLoop()

        def check(seq: int) -> None:
            if seq > after:
                loop.quit()

        self.rendered.connect(check)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(timeout_ms)
        loop.exec()
        self.rendered.disconnect(check)
        return self.last_rendered > after

    def settle(self, timeout_ms: int = 60000) -> bool:
        """Wait until everything asked of the page so far is drawn (tiles included)."""
        if not self.wait_rendered(0, timeout_ms):
            return False
        mark = self.evaluate("ecoviewer.refresh()", timeout_ms)
        return self.wait_rendered(int(mark) - 1, timeout_ms)

    # -- the page API ------------------------------------------------------------------------
    def set_visible(self, layer_id: str, on: bool) -> None:
        self.call("setVisible", layer_id, bool(on))

    def set_opacity(self, layer_id: str, value: float) -> None:
        self.call("setOpacity", layer_id, float(value))

    def fit_layer(self, layer_id: str) -> None:
        self.call("fitLayer", layer_id)

    def fit_bounds(self, bounds) -> None:
        """Fit ``[west, south, east, north]`` (finite numbers, checked: ``ValueError``)."""
        w, s_, e, n = (float(v) for v in bounds)
        self.call("fitBounds", [[s_, w], [n, e]])

    def fit_all(self) -> None:
        self.call("fitAll")

    def remove_layer(self, layer_id: str) -> None:
        self.call("removeLayer", layer_id)

    def highlight(self, target_id: str | None, zoom: bool = True) -> None:
        if target_id is None:
            self.call("clearHighlight")
        else:
            self.call("highlight", target_id, bool(zoom))

    def set_target_visible(self, target_id: str, on: bool) -> None:
        self.call("setTargetVisible", target_id, bool(on))

    def set_note(self, note: dict) -> None:
        from ..web.page import note_payload

        self.call("setNote", note_payload(note))

    def remove_note(self, note_id: str) -> None:
        self.call("removeNote", note_id)

    def grab_drawn(self, after: int = 0, timeout_ms: int = 30000) -> QImage:
        """The view's pixels once the page has drawn a frame newer than ``after``.

        The page's "rendered" report comes before Chromium's compositor frame reaches the
        widget; the page also writes its frame number into a corner pixel, so we grab until
        that pixel shows the reported frame (or a later one). The corner pixel is then
        repainted from its neighbour."""
        if not self.wait_rendered(after, timeout_ms):
            raise TimeoutError("the map page did not report a rendered frame")
        # everything asked of the page before this call is covered by a frame numbered
        # at least `mark` (JS calls run in order); a report in flight from earlier is not
        mark = int(self.evaluate("ecoviewer.refresh()", timeout_ms))
        if not self.wait_rendered(mark - 1, timeout_ms):
            raise TimeoutError("the map page did not report a rendered frame")
        want = self.last_rendered
        loop = QEventLoop()
        for _ in range(max(1, timeout_ms // 20)):
            image = self.grab().toImage()
            ahead = (_frame_mark(image) - want) & 0xFFFF  # frames past the one we want
            if image.width() > 1 and ahead < 500 and not _is_blank(image):
                k = max(1, math.ceil(self.zoomFactor()))  # the mark is one CSS pixel
                for y in range(k):
                    for x in range(k):
                        image.setPixel(x, y, image.pixel(k, y))
                return image
            QTimer.singleShot(20, loop.quit)
            loop.exec()
        raise TimeoutError("the map view did not show the rendered page")


def _frame_mark(image: QImage) -> int:
    """The frame number the page wrote into pixel (0, 0); -1 when there is none."""
    c = image.pixel(0, 0)
    if c & 0xFF != 7:
        return -1
    return ((c >> 16) & 0xFF) | (((c >> 8) & 0xFF) << 8)


def _is_blank(image: QImage) -> bool:
    """True for the white surface the view shows before its first compositor frame."""
    w, h = image.width(), image.height()
    if w == 0 or h == 0:
        return True
    for x, y in ((w // 2, h // 2), (1, 1), (w - 2, h - 2), (w // 3, h // 3), (2 * w // 3, h // 4)):
        if image.pixel(x, y) & 0xFFFFFF != 0xFFFFFF:
            return False
    return True


class _JsBridge(QObject):
    """Receives the page's reports and re-emits them on the MapView."""

    def __init__(self, view: MapView):
        super().__init__(view)
        self._view = view

    @Slot(int)
    def rendered(self, seq: int) -> None:
        self._view.last_rendered = max(self._view.last_rendered, int(seq))
        self._view.rendered.emit(int(seq))

    @Slot(float, float)
    def mouseMoved(self, lon: float, lat: float) -> None:
        self._view.mouse_moved.emit(lon, lat)

    @Slot(float, float)
    def clicked(self, lon: float, lat: float) -> None:
        self._view.clicked.emit(lon, lat)

    @Slot(str)
    def targetClicked(self, target_id: str) -> None:
        """A click on a target's callout (the page has highlighted it already)."""
        self._view.target_clicked.emit(str(target_id))

    @Slot(str)
    def noteClicked(self, note_id: str) -> None:
        """A click on a note pin."""
        self._view.note_clicked.emit(str(note_id))

    @Slot(str)
    def viewChanged(self, state: str) -> None:
        try:
            self._view.view_changed.emit(json.loads(state))
        except ValueError:
            pass
