"""The export dialog's form: format, what to export (view, theme, scene), size (pixels or
paper and dpi), the page's elements, the output file; and the options it makes.

A part of the export dialog (mixed into ``ExportDialog``; ``self`` is the dialog)."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
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
)
from ..project import localized
from ..render.snapshot import (
    FORMATS,
    ExportError,
    ExportOptions,
    Selection,
    select,
)
from .i18n import tr
from .plaintext import make_plain

PREVIEW_SIZE = (520, 380)  # the preview's box, logical pixels
DEFAULT_SIZE = (1600, 1000)
DEFAULT_DPI = {"pixels": 96, "paper": 300}
ERROR_COLOR = "#c62828"


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


class ExportFormMixin:
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
