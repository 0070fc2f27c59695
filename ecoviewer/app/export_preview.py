"""The export dialog's preview: the page planned at the chosen size and dpi, shrunk to a
thumbnail, with the window's map pixels (or a theme's or scene's map, drawn offscreen once)
as its map.

A part of the export dialog (mixed into ``ExportDialog``; ``self`` is the dialog)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QApplication,
)

from ..export.layout import (
    LayoutError,
    PageGeometry,
    layout_content,
    plan_page,
    scale_bar,
)
from ..render.layout_paint import page_image
from ..render.snapshot import (
    ExportError,
    ExportOptions,
    MapRenderer,
    Selection,
)
from ..targets import evaluate_targets, results_shown_as
from .export_form import PREVIEW_SIZE
from .i18n import tr

PREVIEW_TIMEOUT_MS = 15000  # a preview map that takes longer is left out


def scaled_geometry(geo: PageGeometry, factor: float) -> PageGeometry:
    """``geo`` shrunk by ``factor``: the same page at ``factor`` × its dpi, so a thumbnail
    shows exactly the layout the export will have (text, margins and map in proportion)."""

    def rect(r):
        return None if r is None else tuple(v * factor for v in r)

    return dataclasses.replace(
        geo,
        width=max(1, round(geo.width * factor)),
        height=max(1, round(geo.height * factor)),
        dpi=geo.dpi * factor,
        map=rect(geo.map),
        header=rect(geo.header),
        panel=rect(geo.panel),
        footer=rect(geo.footer),
        margin=geo.margin * factor,
    )


def fill_image(image: QImage | None, width: int, height: int) -> tuple[QImage, float]:
    """``image`` scaled to cover ``width``×``height`` and cropped to it around its centre
    (never stretched); returns the picture and the scale factor used. No image: pale grey."""
    if image is None or image.isNull():
        blank = QImage(width, height, QImage.Format.Format_RGB32)
        blank.fill(QColor("#e8eaed"))
        return blank, 0.0
    factor = max(width / image.width(), height / image.height())
    big = image.scaled(
        max(width, round(image.width() * factor)),
        max(height, round(image.height() * factor)),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    x = (big.width() - width) // 2
    y = (big.height() - height) // 2
    return big.copy(x, y, width, height), factor


class ExportPreviewMixin:
    @property
    def drawn_maps(self) -> list[tuple]:
        """The theme and scene maps drawn for the preview so far: (picture, view state)."""
        return list(self._maps.values())

    @property
    def drawing_offscreen(self) -> bool:
        """Whether the offscreen map view that draws them is open."""
        return self._renderer is not None

    def refresh_preview(self) -> None:
        """Draw the preview now (the timer calls this shortly after the last change)."""
        self._timer.stop()
        if self._finished:  # closed: a timer that fired late draws nothing
            return
        self.preview_content = None
        try:
            suffix, options, sel = self.options()
            if suffix == ".html":
                image = self._map_preview()
                hint = tr(
                    "Offline HTML: the interactive map in one file, as the window shows "
                    "it; the page options do not apply."
                )
            else:
                image = self._page_preview(options, sel)
                hint = tr("The export redraws the map at full resolution.")
        except (ExportError, LayoutError) as exc:
            self.preview_image = None
            self.preview.setPixmap(QPixmap())
            self.preview.setText(tr("No preview"))
            self.hint.setText("")
            self.set_error(self._message(exc))
            return
        self.set_error("")
        self.preview_image = image
        self.preview.setText("")
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.hint.setText(hint)

    def _box(self) -> tuple[float, float, float]:
        ratio = max(1.0, self.devicePixelRatioF())
        w, h = PREVIEW_SIZE
        return (w - 8) * ratio, (h - 8) * ratio, ratio

    def _map_preview(self) -> QImage:
        box_w, box_h, ratio = self._box()
        if self.map_image is None or self.map_image.isNull():
            image, _ = fill_image(None, round(box_w), round(box_h * 0.6))
        else:
            image = self.map_image.scaled(
                round(box_w),
                round(box_h),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        image.setDevicePixelRatio(ratio)
        return image

    def _page_preview(self, options: ExportOptions, sel: Selection) -> QImage:
        width, height, dpi = options.page()
        geo = plan_page(width, height, dpi, options.map_only)
        box_w, box_h, ratio = self._box()
        small = scaled_geometry(geo, min(box_w / width, box_h / height))
        map_w, map_h = max(1, round(small.map[2])), max(1, round(small.map[3]))
        drawn = self._selection_map(sel, options, geo, map_w, map_h) if sel.subtitle else None
        if drawn is not None:  # a theme or scene: its own map, drawn small
            picture, state = drawn
            factor = None
        else:  # the current view: the window's pixels
            picture, factor = fill_image(self.map_image, map_w, map_h)
        content = bar = None
        if not options.map_only:
            content = layout_content(
                sel.project,
                self.tables,
                self._results_for(sel),
                lang=options.lang,
                title=options.title,
                subtitle=sel.subtitle,
            )
            if drawn is not None:
                bar = scale_bar(
                    float(state["center"][1]),
                    float(state["zoom"]),
                    map_w / max(1, state["size"][0]),
                    small.map[2] * 0.22,
                )
            else:
                bar = self._scale_bar(factor, small.map[2] * 0.22)
        self.preview_content = content
        image = page_image(small, content, picture, bar)
        image.setDevicePixelRatio(ratio)
        return image

    def _selection_map(
        self, sel: Selection, options: ExportOptions, geo: PageGeometry, width: int, height: int
    ):
        """(picture, page state) of a theme's or scene's map as the export will lay it out
        (same CSS size, so the same extent and zoom), drawn ``width``×``height`` by an
        offscreen view zoomed out; cached. None while another one is being drawn."""
        css_w, css_h = geo.map_css_size
        # the web view zooms between 0.25 and 5
        factor = min(5.0, max(0.25, min(width / css_w, height / css_h)))
        key = (sel.name, css_w, css_h, options.lang, round(factor, 4))
        if key in self._maps or self._finished:
            return self._maps.get(key)
        if self._drawing:  # the preview timer fired while a map is drawn: next time
            self._timer.start()
            return None
        self._drawing = True
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self._renderer is None:
                self._renderer = MapRenderer(timeout_ms=PREVIEW_TIMEOUT_MS)
            image, state = self._renderer.render(
                sel.project,
                self.tables,
                (round(css_w * factor), round(css_h * factor)),
                factor,
                results=self._results_for(sel),
                lang=options.lang,
                bounds=sel.bounds,
            )
        except ExportError:
            self._maps[key] = None  # not again for these options: the export will say why
            return None
        finally:
            QApplication.restoreOverrideCursor()
            self._drawing = False
            if self._finished:  # the dialog was closed meanwhile: its view goes now
                self._close_renderer()
        picture = image.scaled(
            width, height, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self._maps[key] = (picture, state)
        return self._maps[key]

    def _close_renderer(self, *_args) -> None:
        self._finished = True
        self._timer.stop()
        if self._drawing:  # still drawing in a nested loop: closed when that returns
            return
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None

    def _results_for(self, sel: Selection) -> list:
        """The targets as the page will show them: the window's results, or — for a plan
        theme, whose targets read its plan layers — evaluated once for that theme."""
        if sel.project.substitute == self.project.substitute:
            return results_shown_as(sel.project, self.results)
        key = tuple(sorted(sel.project.substitute.items()))
        if key not in self._evaluated:
            self._evaluated[key] = evaluate_targets(sel.project, self.tables)
        return results_shown_as(sel.project, self._evaluated[key])

    def _scale_bar(self, factor: float, max_pixels: float):
        """The scale bar of the preview's map: the window's view (zoom, centre) with the
        grabbed pixels shrunk by ``factor``; None when the view is not known."""
        zoom = self.view_state.get("zoom")
        center = self.view_state.get("center")
        if not (
            factor
            and self.map_image is not None
            and self.map_size
            and self.map_size[0]
            and isinstance(zoom, (int, float))
            and center
            and len(center) == 2
        ):
            return None
        per_css = factor * self.map_image.width() / self.map_size[0]  # preview px per CSS px
        try:
            return scale_bar(float(center[1]), float(zoom), per_css, max_pixels)
        except ValueError:
            return None
