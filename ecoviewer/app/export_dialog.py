"""File → Export…: one PNG, PDF or offline HTML file of the current view, a theme or a scene
(or every scene into a folder), with a preview of the page.

The preview is cheap: the page is planned at the chosen size and dpi, shrunk to a thumbnail
and painted with the window's current map pixels as its map — no web page is loaded until
the export itself. ``options()``, ``export_to()`` and ``export_all()`` do the work without
any modal file dialog, so they are tested directly."""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..export.layout import (
    MAX_DPI,
    MAX_PIXELS,
    MIN_DPI,
    MIN_PIXELS,
    PAPER_MM,
    LayoutError,
    PageGeometry,
    layout_content,
    plan_page,
    scale_bar,
)
from ..project import Project, localized
from ..render.layout_paint import page_image
from ..render.snapshot import (
    FORMATS,
    ExportError,
    ExportInfo,
    ExportOptions,
    MapRenderer,
    Selection,
    _results_for,
    batch_names,
    export_batch,
    export_page,
    select,
)
from ..targets import evaluate_targets
from .i18n import tr
from .plaintext import make_plain, plain_label, question, tooltip

PREVIEW_SIZE = (520, 380)  # the preview's box, logical pixels
PREVIEW_DELAY_MS = 150  # redraw the preview this long after the last change
PREVIEW_TIMEOUT_MS = 15000  # a preview map that takes longer is left out
DEFAULT_SIZE = (1600, 1000)
DEFAULT_DPI = {"pixels": 96, "paper": 300}
ERROR_COLOR = "#c62828"


class _CancelledError(Exception):
    """The user pressed Cancel in the progress dialog of "Export all scenes"."""


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


def export_folder() -> Path:
    """Where exports go unless the planner says otherwise: the folder used last, else the
    user's Documents folder, else home."""
    last = QSettings().value("export/folder")
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def remember_export_folder(folder: Path) -> None:
    QSettings().setValue("export/folder", str(folder))


class ExportDialog(QDialog):
    """Export options, a preview of the page, Export and Export all scenes."""

    def __init__(
        self,
        project: Project,
        tables: dict,
        results: list,
        *,
        lang: str = "zh",
        map_image: QImage | None = None,
        map_size: tuple[int, int] | None = None,
        view_state: dict | None = None,
        report: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.project = project
        self.tables = tables
        self.results = results
        self.lang = lang
        self.busy = False  # an export is running (nested event loops)
        self.evaluated = None  # when ``results`` were evaluated (None: unknown, say now)
        self.map_image = map_image
        self.map_size = map_size  # the window's map in CSS pixels (what map_image shows)
        self.view_state = dict(view_state or {})
        self._report = report or (lambda message: None)
        self.preview_image: QImage | None = None
        self.preview_content = None  # what the preview's page says (LayoutContent)
        self._evaluated: dict[tuple, list] = {}  # plan themes' targets, by substitution
        self._maps: dict[tuple, tuple] = {}  # theme / scene maps drawn for the preview
        self._renderer = None  # the offscreen map view that draws them (made on first need)
        self._drawing = False
        self._finished = False  # the dialog is single-use: once closed, it draws no more
        self.finished.connect(self._close_renderer)
        self._confirmed_path: str | None = None  # chosen with Browse…, overwrite confirmed
        self._path_edited = False
        self._page_mode = "pixels"
        self._dpi = dict(DEFAULT_DPI)
        self.setWindowTitle(tr("Export"))
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self._sync()
        self.refresh_preview()

    @classmethod
    def for_window(cls, window) -> ExportDialog:
        """The dialog for ``window`` (a MainWindow): what to export comes from its session
        (project, tables, evaluated targets and when, the view); the window gives its
        language, its map's current pixels and its message line."""
        session, view = window.session, window.map
        dialog = cls(
            session.project,
            session.tables,
            session.results,
            lang=window.lang,
            map_image=view.grab().toImage(),
            map_size=(view.width(), view.height()),
            view_state=session.view,
            report=window.report,
            parent=window,
        )
        dialog.evaluated = session.evaluated_at  # the footer's "targets evaluated" time
        return dialog

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.body = QWidget()
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.format = QComboBox()
        for suffix, text in (
            (".png", tr("PNG image")),
            (".pdf", tr("PDF document")),
            (".html", tr("Offline HTML (interactive map)")),
        ):
            self.format.addItem(text, suffix)
        form.addRow(tr("&Format"), self.format)

        # what the export shows
        show = QGroupBox(tr("Show"))
        grid = QGridLayout(show)
        self.show_group = QButtonGroup(self)
        self.current_radio = QRadioButton(tr("Current &view"))
        self.theme_radio = QRadioButton(tr("&Theme"))
        self.scene_radio = QRadioButton(tr("&Scene"))
        self.themes = QComboBox()
        for theme in self.project.themes:
            self.themes.addItem(theme["name"], theme["name"])
        self.scenes = QComboBox()
        for i, scene in enumerate(self.project.scenes, 1):
            self.scenes.addItem(localized(scene.get("title"), self.lang), i)
        for row, (radio, combo) in enumerate(
            ((self.current_radio, None), (self.theme_radio, self.themes), (self.scene_radio, self.scenes))
        ):
            self.show_group.addButton(radio)
            grid.addWidget(radio, row, 0)
            if combo is not None:
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
                combo.setMinimumContentsLength(14)
                grid.addWidget(combo, row, 1)
        grid.setColumnStretch(1, 1)
        self.current_radio.setChecked(True)
        self.theme_radio.setEnabled(bool(self.project.themes))
        self.scene_radio.setEnabled(bool(self.project.scenes))
        form.addRow(show)

        # the page
        page = QGroupBox(tr("Page"))
        grid = QGridLayout(page)
        self.page_group = QButtonGroup(self)
        self.pixels_radio = QRadioButton(tr("Pi&xels"))
        self.paper_radio = QRadioButton(tr("P&aper"))
        self.page_group.addButton(self.pixels_radio)
        self.page_group.addButton(self.paper_radio)
        width, height = self.map_size or DEFAULT_SIZE
        if width < MIN_PIXELS or height < MIN_PIXELS:
            width, height = DEFAULT_SIZE
        self.width_spin = self._spin(MIN_PIXELS, MAX_PIXELS, width, " px", tr("Width"))
        self.height_spin = self._spin(MIN_PIXELS, MAX_PIXELS, height, " px", tr("Height"))
        size_row = QHBoxLayout()
        size_row.addWidget(self.width_spin)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height_spin)
        size_row.addStretch(1)
        grid.addWidget(self.pixels_radio, 0, 0)
        grid.addLayout(size_row, 0, 1)
        self.paper = QComboBox()
        for name in PAPER_MM:
            self.paper.addItem(name, name)
        self.paper.setAccessibleName(tr("Paper size"))
        self.orientation = QComboBox()
        self.orientation.addItem(tr("Landscape"), True)
        self.orientation.addItem(tr("Portrait"), False)
        self.orientation.setAccessibleName(tr("Orientation"))
        paper_row = QHBoxLayout()
        paper_row.addWidget(self.paper)
        paper_row.addWidget(self.orientation)
        paper_row.addStretch(1)
        grid.addWidget(self.paper_radio, 1, 0)
        grid.addLayout(paper_row, 1, 1)
        self.dpi = self._spin(MIN_DPI, MAX_DPI, DEFAULT_DPI["pixels"], " dpi", tr("Resolution"))
        dpi_label = QLabel(tr("&Resolution"))
        dpi_label.setBuddy(self.dpi)
        dpi_row = QHBoxLayout()
        dpi_row.addWidget(self.dpi)
        dpi_row.addStretch(1)
        grid.addWidget(dpi_label, 2, 0)
        grid.addLayout(dpi_row, 2, 1)
        self.map_only = QCheckBox(tr("&Map only (no title, legend or targets)"))
        grid.addWidget(self.map_only, 3, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.pixels_radio.setChecked(True)
        self.page_box = page
        form.addRow(page)

        self.title = QLineEdit(self.project.name)
        self.title.setPlaceholderText(self.project.name)
        form.addRow(tr("T&itle"), self.title)

        self.output = QLineEdit(str(self._default_path(".png")))
        self.output.setMinimumWidth(300)
        self.browse = QPushButton(tr("&Browse…"))
        self.browse.setAutoDefault(False)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(self.browse)
        out_label = QLabel(tr("&Output file"))
        out_label.setBuddy(self.output)
        form.addRow(out_label, out_row)

        # the preview
        self.preview = QLabel()
        self.preview.setFixedSize(*PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setStyleSheet("QLabel { background: #9aa0a6; }")
        self.preview.setAccessibleName(tr("Preview"))
        self.hint = QLabel()
        make_plain(self.preview, self.hint)  # errors and hints name files: text only
        self.hint.setWordWrap(True)
        self.hint.setMaximumWidth(PREVIEW_SIZE[0])
        self.hint.setStyleSheet("color: #5f6368;")
        self.hint.setMinimumHeight(self.hint.fontMetrics().lineSpacing() * 2 + 4)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.addWidget(self.preview)
        right.addWidget(self.hint)
        right.addStretch(1)

        columns = QHBoxLayout()
        columns.addWidget(self.body, 1)
        columns.addSpacing(12)
        columns.addLayout(right)

        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error.setWordWrap(False)
        # one line, always there (the dialog does not jump), elided to its width
        self.error.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing() + 2)
        self._error_text = ""

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(tr("&Export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.all_button = self.buttons.addButton(
            tr("Export all s&cenes…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.all_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        self.export_button.setAutoDefault(True)
        self.export_button.setDefault(True)  # Enter = Export
        self.all_button.setEnabled(bool(self.project.scenes))
        self.all_button.setToolTip(tr("One file per scene, with the format and page above"))

        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        # keyboard: top to bottom, then the buttons
        chain = [
            self.format,
            self.current_radio,
            self.theme_radio,
            self.scene_radio,
            self.themes,
            self.scenes,
            self.pixels_radio,
            self.paper_radio,
            self.width_spin,
            self.height_spin,
            self.paper,
            self.orientation,
            self.dpi,
            self.map_only,
            self.title,
            self.output,
            self.browse,
            self.export_button,
            self.all_button,
            self.cancel_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.format.setFocus()

        # wiring
        for combo in (self.format, self.themes, self.scenes, self.paper, self.orientation):
            combo.currentIndexChanged.connect(self._changed)
        for spin in (self.width_spin, self.height_spin, self.dpi):
            spin.valueChanged.connect(self._changed)
        self.show_group.buttonToggled.connect(self._changed)
        self.page_group.buttonToggled.connect(self._changed)
        self.map_only.toggled.connect(self._changed)
        self.title.textChanged.connect(self._changed)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.output.textEdited.connect(self._output_edited)
        self.browse.clicked.connect(self.browse_output)
        self.export_button.clicked.connect(self.export_clicked)
        self.all_button.clicked.connect(self.choose_folder)
        self.buttons.rejected.connect(self.reject)

    @staticmethod
    def _spin(low: int, high: int, value: int, suffix: str, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        spin.setAccessibleName(name)
        spin.setKeyboardTracking(False)  # typing "300" is one change, not three
        return spin

    # -- state of the controls -----------------------------------------------------------------
    def _changed(self, *_args) -> None:
        self._sync()
        self._timer.start()

    def _sync(self) -> None:
        """Enable what applies; swap the dpi when the page switches pixels ⇄ paper."""
        html = self.format.currentData() == ".html"
        self.themes.setEnabled(self.theme_radio.isChecked())
        self.scenes.setEnabled(self.scene_radio.isChecked())
        mode = "paper" if self.paper_radio.isChecked() else "pixels"
        if mode != self._page_mode:
            self._dpi[self._page_mode] = self.dpi.value()
            self._page_mode = mode
            self.dpi.blockSignals(True)
            self.dpi.setValue(self._dpi[mode])
            self.dpi.blockSignals(False)
        self.page_box.setEnabled(not html)
        self.width_spin.setEnabled(mode == "pixels")
        self.height_spin.setEnabled(mode == "pixels")
        self.paper.setEnabled(mode == "paper")
        self.orientation.setEnabled(mode == "paper")
        if not self._path_edited:
            self.output.setText(str(self._default_path(self.format.currentData())))

    def _default_path(self, suffix: str) -> Path:
        """In the folder exported to last (else Documents, else home): the project's file
        name, or the scene's / theme's. Never the project's own folder by default — for the
        bundled sample that is the application's install folder."""
        stem = self.project.path.stem if self.project.path else "export"
        try:
            if self.theme_radio.isChecked() or self.scene_radio.isChecked():
                stem = self.selection().name or stem
        except ExportError:
            pass
        return export_folder() / f"{stem}{suffix}"

    def _format_changed(self, *_args) -> None:
        """The output file's extension follows the format."""
        text = self.output.text().strip()
        if text:
            self.output.setText(str(self._with_suffix(Path(text), self.format.currentData())))

    def _output_edited(self, _text: str) -> None:
        self._path_edited = True
        self._confirmed_path = None

    @staticmethod
    def _with_suffix(path: Path, suffix: str) -> Path:
        if path.suffix.lower() == suffix:
            return path
        if path.suffix.lower() in FORMATS:
            return path.with_suffix(suffix)
        return path.with_name(path.name + suffix)

    @staticmethod
    def _message(exc: Exception) -> str:
        """The error in the UI language (the engine gives its template and values; file
        names and the system's own error text stay as they are)."""
        layout = exc if isinstance(exc, LayoutError) else getattr(exc, "layout", None)
        if layout is not None:
            text = tr(layout.template).format(*layout.values)
            return f"{exc.name}: {text}" if layout is not exc else text
        if getattr(exc, "template", None):
            return tr(exc.template).format(*exc.values)
        return str(exc)

    def set_error(self, message: str) -> None:
        """One line in red under the options (empty: none); the whole text in its tooltip."""
        self._error_text = str(message).splitlines()[0] if message else ""
        self.error.setToolTip(tooltip(message or ""))  # file names and error text, escaped
        self._show_error()

    def error_text(self) -> str:
        """The error shown under the options (not elided); empty when there is none."""
        return self._error_text

    def _show_error(self) -> None:
        width = max(200, self.error.width())
        self.error.setText(
            self.error.fontMetrics().elidedText(self._error_text, Qt.TextElideMode.ElideMiddle, width)
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show_error()

    def page_options(self) -> tuple[str, ExportOptions]:
        """The format (".png", ".pdf" or ".html") and the page the controls describe."""
        paper = self.paper.currentData() if self.paper_radio.isChecked() else None
        options = ExportOptions(
            size=None if paper else (self.width_spin.value(), self.height_spin.value()),
            paper=paper,
            landscape=bool(self.orientation.currentData()),
            dpi=self.dpi.value(),
            title=self.title.text().strip() or None,
            map_only=self.map_only.isChecked(),
            lang=self.lang,
        )
        return self.format.currentData(), options

    def selection(self) -> Selection:
        """What the export shows; raises ExportError for an unknown theme or scene."""
        if self.theme_radio.isChecked() and self.themes.count():
            return select(self.project, theme=self.themes.currentData(), lang=self.lang)
        if self.scene_radio.isChecked() and self.scenes.count():
            return select(self.project, scene=self.scenes.currentData(), lang=self.lang)
        work = self.project.detached()
        bounds = self.view_state.get("bounds")
        bounds = [float(v) for v in bounds] if bounds and len(bounds) == 4 else None
        if bounds is not None:
            work.view = {"bounds": bounds}  # the offline HTML opens where the window is
        return Selection(work, "", bounds, self.project.path.stem if self.project.path else "")

    def options(self) -> tuple[str, ExportOptions, Selection]:
        """(suffix, ExportOptions, Selection) from the controls."""
        suffix, options = self.page_options()
        return suffix, options, self.selection()

    # -- preview -------------------------------------------------------------------------------
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
            return _results_for(sel.project, self.results)
        key = tuple(sorted(sel.project.substitute.items()))
        if key not in self._evaluated:
            self._evaluated[key] = evaluate_targets(sel.project, self.tables)
        return _results_for(sel.project, self._evaluated[key])

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

    # -- exporting -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def _busy(self):
        """Wait cursor, and no second click while the map is drawn offscreen. The export
        runs nested event loops: the dialog refuses to close meanwhile (``reject``)."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.busy = True
        self.body.setEnabled(False)
        self.buttons.setEnabled(False)
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()
            self.busy = False
            self.body.setEnabled(True)
            self.buttons.setEnabled(True)

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def closeEvent(self, event) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    def _target_path(self, path: str | Path, suffix: str) -> Path:
        path = Path(path).expanduser()
        if not path.is_absolute():
            path = export_folder() / path
        return self._with_suffix(path, suffix)

    def export_to(self, path: str | Path) -> ExportInfo | None:
        """Export one file to ``path`` (its extension follows the format); reports success
        to the window, shows a failure in the dialog; returns None on failure."""
        self.set_error("")
        try:
            suffix, options, sel = self.options()
            out = self._target_path(path, suffix)
            with self._busy():
                info = export_page(
                    self.project,
                    self.tables,
                    out,
                    options,
                    selection=sel,
                    results=self.results or None,
                    evaluated=self.evaluated if self.results else None,
                )
        except (ExportError, LayoutError) as exc:
            self.set_error(self._message(exc))
            return None
        remember_export_folder(info.path.parent)
        if info.geometry is not None:
            self._report(
                tr("Exported {0} ({1}×{2} px, {3:.1f} s)").format(
                    info.path, info.geometry.width, info.geometry.height, info.seconds
                )
            )
        else:
            self._report(tr("Exported {0} ({1:.1f} s)").format(info.path, info.seconds))
        return info

    def export_all(self, folder: str | Path) -> list[ExportInfo]:
        """Every scene to its own file in ``folder`` with the chosen format and page, a
        progress dialog meanwhile (Cancel stops after the file being drawn)."""
        self.set_error("")
        folder = Path(folder)
        suffix, options = self.page_options()
        total = len(self.project.scenes)
        progress = QProgressDialog(tr("Exporting scenes…"), tr("Cancel"), 0, total, self)
        label = plain_label(tr("Exporting scenes…"))  # its text names the scenes: plain text
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        progress.setLabel(label)
        progress.setWindowTitle(tr("Export all scenes"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        done = [0]

        def step(i: int, n: int, name: str) -> None:
            done[0] = i - 1  # files written so far
            if progress.wasCanceled():
                raise _CancelledError
            progress.setMaximum(n)
            progress.setLabelText(tr("Exporting {0} ({1} of {2})").format(name, i, n))
            progress.setValue(i - 1)

        started = time.perf_counter()
        try:
            progress.show()
            with self._busy():
                infos = export_batch(
                    self.project,
                    self.tables,
                    folder,
                    suffix,
                    options,
                    kind="scenes",
                    results=self.results or None,
                    progress=step,
                    evaluated=self.evaluated if self.results else None,
                )
        except _CancelledError:
            self._report(
                tr("Export cancelled: {0} of {1} scenes written to {2}").format(done[0], total, folder)
            )
            return []
        except (ExportError, LayoutError) as exc:
            self.set_error(self._message(exc))
            return []
        finally:
            progress.close()
            progress.deleteLater()
        if infos:
            remember_export_folder(Path(folder))
        for info in infos:
            size = f" ({info.geometry.width}×{info.geometry.height} px)" if info.geometry is not None else ""
            self._report(tr("Exported {0}").format(info.path) + size)
        self._report(
            tr("Exported {0} scenes to {1} ({2:.1f} s)").format(
                len(infos), folder, time.perf_counter() - started
            )
        )
        return infos

    # -- buttons -------------------------------------------------------------------------------
    def browse_output(self) -> None:
        suffix = self.format.currentData()
        filters = {
            ".png": tr("PNG image (*.png)"),
            ".pdf": tr("PDF document (*.pdf)"),
            ".html": tr("Offline HTML (*.html)"),
        }
        path, _ = QFileDialog.getSaveFileName(self, tr("Export to"), self.output.text(), filters[suffix])
        if path:
            path = str(self._with_suffix(Path(path), suffix))
            self.output.setText(path)
            self._path_edited = True
            self._confirmed_path = path  # the file dialog asked about replacing it

    def export_clicked(self) -> None:
        """Export: one file to the output path, then close."""
        text = self.output.text().strip()
        if not text:
            self.set_error(tr("Choose the file to export to"))
            self.output.setFocus()
            return
        out = self._target_path(text, self.format.currentData())
        if out.exists() and str(out) != self._confirmed_path:
            answer = question(
                self,
                tr("Replace file?"),
                tr("{0} already exists. Replace it?").format(out),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self.export_to(out) is not None:
            self.accept()

    def choose_folder(self) -> None:
        """Export all scenes…: ask for a folder, export every scene into it, then close."""
        if not self.project.scenes:
            self.set_error(tr("The project has no scenes"))
            return
        start = Path(self.output.text().strip() or self.project.base_dir).parent
        folder = QFileDialog.getExistingDirectory(self, tr("Export all scenes to folder"), str(start))
        if not folder:
            return
        names = batch_names(self.project, self.format.currentData(), "scenes", self.lang)
        existing = [n for n in names if (Path(folder) / n).exists()]
        if existing:
            answer = question(
                self,
                tr("Replace files?"),
                tr("{0} of the {1} files already exist in {2} ({3}). Replace them?").format(
                    len(existing),
                    len(names),
                    folder,
                    ", ".join(existing[:3]) + (" …" if len(existing) > 3 else ""),
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self.export_all(folder):
            self.accept()


__all__ = ["ExportDialog", "fill_image", "scaled_geometry"]
