"""Snapshots for reports: a PNG or PDF page (map with title, legend, scale bar, north
arrow, targets table and footer — or the bare map), or one offline HTML file; for the
project as it is, one of its themes or scenes, or every scene in one go.

The map is drawn by the same page as the window, offscreen, zoomed to the output's dpi so
that it is sharp in print, and captured only after the page reports the frame complete
(every layer, tile, label and callout drawn) — never after a fixed sleep. Every file goes
through ``atomic_path``: a failed export leaves any earlier file as it was and says why.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_path, atomic_write
from ..export.layout import (
    SCREEN_DPI,
    LayoutError,
    PageGeometry,
    ScaleBar,
    layout_content,
    paper_pixels,
    plan_page,
    scale_bar,
    scene_slug,
)
from ..export.pdf_text import fix_tounicode
from ..project import Project, localized
from ..sources import FeatureTable
from ..targets import evaluate_targets, results_shown_as
from ..web.page import build_page

FORMATS = (".png", ".pdf", ".html")


class ExportError(Exception):
    """An export that could not be written (one line naming the file). ``template`` and
    ``values`` let a UI say it in its own language (the window translates the template)."""

    def __init__(self, template: str, *values):
        self.template, self.values = template, values
        super().__init__(template.format(*values))


@dataclass
class ExportOptions:
    """How the page looks: ``size`` in pixels, or ``paper`` (A4/A3) at ``dpi``."""

    size: tuple[int, int] | None = None
    paper: str | None = None
    landscape: bool = True
    dpi: int | None = None
    title: str | None = None
    map_only: bool = False
    lang: str = "zh"

    def page(self) -> tuple[int, int, int]:
        """Width and height in pixels, and the dpi."""
        if self.paper:
            dpi = self.dpi or 300
            w, h = paper_pixels(self.paper, dpi, self.landscape)
            return w, h, dpi
        w, h = self.size or (1600, 1000)
        return w, h, self.dpi or SCREEN_DPI


@dataclass
class ExportInfo:
    path: Path
    geometry: PageGeometry | None = None
    bar: ScaleBar | None = None
    view: dict | None = None  # the map page's state when captured (centre, zoom, size)
    seconds: float = 0.0


@dataclass
class Selection:
    """What one export shows: a copy of the project with a theme applied, a subtitle and
    the view to fit (``None``: the project's saved view)."""

    project: Project
    subtitle: str = ""
    bounds: list[float] | None = None
    name: str = ""


def select(
    project: Project, *, theme: str | None = None, scene: str | int | None = None, lang: str = "zh"
) -> Selection:
    """The project as ``theme`` or scene ``scene`` (its title, or its 1-based number) shows
    it. Unknown names raise ``ExportError`` listing the known ones."""
    work = project.detached()
    bounds = None
    subtitle = ""
    name = ""
    if scene is not None:
        found = None
        for i, s in enumerate(project.scenes, 1):
            if scene in (s.get("title"), i, str(i)):
                found = (i, s)
                break
        if found is None:
            titles = "; ".join(str(s.get("title")) for s in project.scenes) or "none"
            raise ExportError("no scene {0!r} in the project (scenes: {1})", scene, titles)
        index, s = found
        theme = s.get("theme") or theme
        if s.get("bookmark"):
            try:
                bounds = list(project.bookmark(s["bookmark"])["bounds"])
            except KeyError:
                raise ExportError("scene {0!r}: no bookmark {1!r}", s.get("title"), s["bookmark"]) from None
        subtitle = str(localized(s.get("title"), lang))
        name = scene_slug(index, subtitle)
    if theme is not None:
        try:
            work.apply_theme(theme)
        except KeyError:
            names = "; ".join(t["name"] for t in project.themes) or "none"
            raise ExportError("no theme {0!r} in the project (themes: {1})", theme, names) from None
        if not subtitle:
            subtitle = theme
            name = scene_slug(1 + [t["name"] for t in project.themes].index(theme), theme)
    if bounds is not None:
        work.view = {"bounds": bounds}
    return Selection(work, subtitle, bounds, name)


# -- offline HTML ------------------------------------------------------------------------------


def export_html(
    project: Project,
    tables: dict[str, FeatureTable],
    out: str | Path,
    *,
    layer_ids: list[str] | None = None,
    lang: str = "zh",
    targets=None,
    title: str | None = None,
) -> Path:
    """One self-contained offline HTML file (Leaflet, styles, data and target callouts
    inlined). ``targets``: evaluated results; None evaluates the project's targets now."""
    targets = evaluate_targets(project, tables) if targets is None else targets
    html = build_page(
        project,
        tables,
        lang=lang,
        bridge=False,
        layer_ids=layer_ids,
        targets=results_shown_as(project, targets),
        title=title,
    )
    try:
        return atomic_write(out, html)
    except OSError as exc:
        raise ExportError("{0}: cannot write ({1})", out, exc.strerror) from None


# -- the map, offscreen ------------------------------------------------------------------------


class MapRenderer:
    """One offscreen map view, reused for every page of an export command."""

    def __init__(self, timeout_ms: int = 180000):
        from .qtenv import application

        application()
        from PySide6.QtCore import Qt

        from .map_view import MapView

        self.view = MapView()
        # drawn and grabbed like a shown window, but never put on the user's screen
        self.view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.timeout_ms = timeout_ms

    def render(
        self,
        project: Project,
        tables,
        size: tuple[int, int],
        ratio: float,
        *,
        results=None,
        lang: str = "zh",
        bounds=None,
    ):
        """The map at ``size`` output pixels, ``ratio`` output pixels per CSS pixel; returns
        (QImage, page state)."""
        view = self.view
        try:
            view.setZoomFactor(ratio)
            view.resize(*size)
            view.show()
            # the layout draws legend and scale bar itself; nothing pans, so no canvas margin
            view.show_project(
                project,
                tables,
                targets=results,
                zoom_buttons=False,
                lang=lang,
                legend="none",
                scale_bar=False,
                canvas_padding=0,
            )
            if not view.wait_rendered(0, self.timeout_ms):
                raise ExportError("the map page did not finish drawing")
            if abs(view.zoomFactor() - ratio) > 1e-6:
                view.setZoomFactor(ratio)
            self._wait_for_layout(size, ratio)
            seq = view.last_rendered
            if bounds is not None:
                view.fit_bounds(bounds)
            elif not (project.view or {}).get("bounds"):
                view.fit_all()
            else:
                view.fit_bounds(project.view["bounds"])
            image = view.grab_drawn(seq, self.timeout_ms)
            state = view.evaluate("ecoviewer.state()", self.timeout_ms)
        except TimeoutError as exc:
            raise ExportError("{0}", exc) from None
        if image.width() != size[0] or image.height() != size[1]:
            from PySide6.QtCore import Qt

            image = image.scaled(
                size[0],
                size[1],
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        return image, state

    def _wait_for_layout(self, size: tuple[int, int], ratio: float) -> None:
        """Until the page is laid out at ``size`` / ``ratio`` CSS pixels (a zoom factor
        reaches the page a little later), then let the map take that size at once."""
        from PySide6.QtCore import QEventLoop, QTimer

        factor = self.view.zoomFactor()  # what Qt applied (it keeps to 0.25–5)
        if abs(factor - ratio) > 1e-6:
            raise ExportError("the map cannot be drawn at {0:g}× (the web view zooms 0.25–5×)", ratio)
        want = [size[0] / factor, size[1] / factor]
        loop = QEventLoop()
        for _ in range(100):
            got = self.view.evaluate("[window.innerWidth, window.innerHeight]", self.timeout_ms)
            if all(abs(g - w) <= 1.5 for g, w in zip(got, want)):
                break
            QTimer.singleShot(20, loop.quit)
            loop.exec()
        self.view.evaluate("ecoviewer.resized()", self.timeout_ms)

    def close(self) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent

        self.view.close()
        self.view.deleteLater()  # the page must go before the shared profile does at exit
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# -- PNG and PDF pages ---------------------------------------------------------------------


def export_page(
    project: Project,
    tables: dict[str, FeatureTable],
    out: str | Path,
    options: ExportOptions | None = None,
    *,
    selection: Selection | None = None,
    results=None,
    renderer: MapRenderer | None = None,
    evaluated: dt.datetime | None = None,
) -> ExportInfo:
    """Write ``out`` (.png, .pdf or .html) showing ``selection`` (default: the project as
    it is). ``results``: evaluated targets (None evaluates them now)."""
    started = time.perf_counter()
    out = Path(out)
    options = options or ExportOptions()
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError("{0}: the output must end in .png, .pdf or .html", out.name)
    if not out.parent.is_dir():
        raise ExportError("{0}: folder {1} does not exist", out, out.parent)
    selection = selection or Selection(project.detached())
    if results is None or selection.project.substitute != project.substitute:
        # a plan theme's targets read its plan layers: evaluated for this page
        evaluated = dt.datetime.now()
        results = evaluate_targets(selection.project, tables)
    results = results_shown_as(selection.project, results)
    if suffix == ".html":
        export_html(selection.project, tables, out, lang=options.lang, targets=results, title=options.title)
        return ExportInfo(out, seconds=time.perf_counter() - started)
    try:
        width, height, dpi = options.page()
        geo = plan_page(width, height, dpi, options.map_only)
    except LayoutError as exc:
        err = ExportError("{0}: {1}", out.name, exc)
        err.layout, err.name = exc, out.name  # the UI translates the layout problem itself
        raise err from None
    own = renderer is None
    renderer = renderer or MapRenderer()
    try:
        map_size = (max(16, round(geo.map[2])), max(16, round(geo.map[3])))
        image, state = renderer.render(
            selection.project,
            tables,
            map_size,
            geo.pixel_ratio,
            results=results,
            lang=options.lang,
            bounds=selection.bounds,
        )
    finally:
        if own:
            renderer.close()
    bar = content = None
    if not options.map_only:
        zoom = float(state["zoom"])
        lat = float(state["center"][1])
        bar = scale_bar(lat, zoom, geo.pixel_ratio, geo.map[2] * 0.22)
        content = layout_content(
            selection.project,
            tables,
            results,
            lang=options.lang,
            title=options.title,
            subtitle=selection.subtitle,
            evaluated=evaluated,
        )
    from .layout_paint import page_image, write_pdf

    try:
        from ..atomic import verify_pdf, verify_png, write_all

        # Qt reports no short write: the file is checked whole before it replaces ``out``
        with atomic_path(out, verify=verify_png if suffix == ".png" else verify_pdf) as tmp:
            if suffix == ".png":
                page = page_image(geo, content, image, bar)
                if not page.save(str(tmp), "PNG"):
                    raise ExportError("{0}: the PNG could not be written", out)
            else:
                write_pdf(
                    str(tmp),
                    geo,
                    content,
                    image,
                    bar,
                    title=content.title if content else selection.project.name,
                )
                data = tmp.read_bytes()
                if not data.startswith(b"%PDF"):
                    raise ExportError("{0}: the PDF could not be written", out)
                write_all(tmp, fix_tounicode(data))
    except OSError as exc:
        raise ExportError("{0}: cannot write ({1})", out, exc.strerror or exc) from None
    return ExportInfo(out, geo, bar, state, time.perf_counter() - started)


def export_png(
    project: Project,
    tables: dict[str, FeatureTable],
    out: str | Path,
    *,
    size: tuple[int, int] = (1600, 1000),
    layer_ids: list[str] | None = None,
    lang: str = "zh",
    targets=None,
    map_only: bool = False,
) -> Path:
    """A PNG page of the project as it is (``layer_ids``: only these layers visible)."""
    work = project.detached()
    if layer_ids is not None:
        for spec in work.layers:
            spec.visible = spec.id in layer_ids
    return export_page(
        work, tables, out, ExportOptions(size=size, lang=lang, map_only=map_only), results=targets
    ).path


def _batch_items(project: Project, kind: str) -> list:
    return (
        list(range(1, len(project.scenes) + 1)) if kind == "scenes" else [t["name"] for t in project.themes]
    )


def batch_names(project: Project, suffix: str, kind: str = "scenes", lang: str = "zh") -> list[str]:
    """The file names ``export_batch`` writes, in order (to ask before replacing any)."""
    key = "scene" if kind == "scenes" else "theme"
    return [select(project, lang=lang, **{key: item}).name + suffix for item in _batch_items(project, kind)]


def export_batch(
    project: Project,
    tables: dict[str, FeatureTable],
    folder: str | Path,
    suffix: str = ".png",
    options: ExportOptions | None = None,
    *,
    kind: str = "scenes",
    results=None,
    progress=None,
    evaluated: dt.datetime | None = None,
) -> list[ExportInfo]:
    """Every scene (``kind="scenes"``) or theme (``"themes"``) to its own file in ``folder``:
    ``01-<title>.png`` … One offscreen view serves them all. ``progress(i, n, name)`` is
    called before each; a failure stops the batch and names the file. ``evaluated``: when
    ``results`` were evaluated (the footer says so; default: now)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ExportError("{0}: folder does not exist", folder)
    options = options or ExportOptions()
    items = _batch_items(project, kind)
    if not items:
        raise ExportError(
            "the project has no scenes to export"
            if kind == "scenes"
            else "the project has no themes to export"
        )
    if results is None:
        evaluated, results = dt.datetime.now(), evaluate_targets(project, tables)
    infos = []
    renderer = MapRenderer() if suffix != ".html" else None
    try:
        for n, item in enumerate(items, 1):
            sel = (
                select(project, scene=item, lang=options.lang)
                if kind == "scenes"
                else select(project, theme=item, lang=options.lang)
            )
            out = folder / f"{sel.name}{suffix}"
            if progress:
                progress(n, len(items), out.name)
            infos.append(
                export_page(
                    project,
                    tables,
                    out,
                    options,
                    selection=sel,
                    results=results,
                    renderer=renderer,
                    evaluated=evaluated,
                )
            )
    finally:
        if renderer is not None:
            renderer.close()
    return infos


__all__ = [
    "ExportError",
    "ExportInfo",
    "ExportOptions",
    "MapRenderer",
    "Selection",
    "export_batch",
    "export_html",
    "export_page",
    "export_png",
    "select",
]
