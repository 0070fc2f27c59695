"""Snapshots: the map page rendered offscreen to PNG, or written as one offline HTML file.

Both go through ``atomic_path``: a failed export leaves any earlier file as it was.
"""

from __future__ import annotations

from pathlib import Path

from ..atomic import atomic_path, atomic_write
from ..project import Project
from ..sources import FeatureTable
from ..targets import evaluate_targets
from ..web.page import build_page

PNG_DPI = 96


class ExportError(Exception):
    """An export that could not be written (one line naming the file)."""


def _targets(project: Project, tables: dict[str, FeatureTable], targets):
    return evaluate_targets(project, tables) if targets is None else targets


def export_html(project: Project, tables: dict[str, FeatureTable], out: str | Path, *,
                layer_ids: list[str] | None = None, lang: str = "zh", targets=None) -> Path:
    """One self-contained offline HTML file (Leaflet, styles, data and target callouts
    inlined). ``targets``: evaluated results; None evaluates the project's targets now."""
    html = build_page(project, tables, lang=lang, bridge=False, layer_ids=layer_ids,
                      targets=_targets(project, tables, targets))
    try:
        return atomic_write(out, html)
    except OSError as exc:
        raise ExportError(f"{out}: cannot write ({exc.strerror})") from None


def render_project(project: Project, tables: dict[str, FeatureTable], size: tuple[int, int], *,
                   fit: bool = True, timeout_ms: int = 120000, **page_options):
    """Render the project's map offscreen at ``size`` and return its QImage once it is fully
    drawn (every visible tile loaded, every callout placed)."""
    from ..app.qtenv import application

    application()
    from ..app.map_view import MapView

    view = MapView()
    try:
        view.resize(*size)
        view.show()
        view.show_project(project, tables, **page_options)
        if not view.wait_rendered(0, timeout_ms):
            raise ExportError("the map page did not finish drawing")
        if fit:
            seq = view.last_rendered
            view.fit_all()
            image = view.grab_drawn(seq, timeout_ms)
        else:
            image = view.grab_drawn(0, timeout_ms)
        if image.size().width() != size[0] or image.size().height() != size[1]:
            image = image.scaled(*size)
        return image
    except TimeoutError as exc:
        raise ExportError(str(exc)) from None
    finally:
        from PySide6.QtCore import QCoreApplication, QEvent

        view.close()
        view.deleteLater()  # the page must go before the shared profile does at exit
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def export_png(project: Project, tables: dict[str, FeatureTable], out: str | Path, *,
               size: tuple[int, int] = (1600, 1000), layer_ids: list[str] | None = None,
               lang: str = "zh", targets=None) -> Path:
    image = render_project(project, tables, size, lang=lang, layer_ids=layer_ids,
                           targets=_targets(project, tables, targets), zoom_buttons=False)
    dots_per_metre = round(PNG_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    out = Path(out)
    try:
        with atomic_path(out) as tmp:
            if not image.save(str(tmp), "PNG"):
                raise ExportError(f"{out}: the PNG could not be written")
    except OSError as exc:
        raise ExportError(f"{out}: cannot write ({exc.strerror})") from None
    return out
