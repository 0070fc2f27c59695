"""Layer → Join a table…: a CSV, XLSX or ODS table joined to a layer by a key field, with the
match counted before it is made (features without a row, table keys without a feature,
repeated keys) and the problem said in words when the table cannot be joined."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..joins import JoinError, join_table, read_table, sheets_of
from .i18n import tr
from .plaintext import make_plain
from .problems_zh import localize_known


class JoinDialog(QDialog):
    def __init__(self, window, layer_id: str | None = None):
        super().__init__(window)
        self.window = window
        self.setWindowTitle(tr("Join a table"))
        self.setMinimumWidth(560)
        self.joined = None  # the table read (joins.Table)
        form = QFormLayout(self)
        self.layer = QComboBox()
        for spec in window.project.layers:
            table = window.tables.get(spec.id)
            if table is not None and getattr(table, "kind", "") != "raster":
                self.layer.addItem(f"{spec.id} — {spec.display_title(window.lang)}", spec.id)
        if layer_id is not None:
            self.layer.setCurrentIndex(max(0, self.layer.findData(layer_id)))
        self.path = QLineEdit()
        browse = QPushButton(tr("Browse…"))
        row = QWidget()
        rbox = QHBoxLayout(row)
        rbox.setContentsMargins(0, 0, 0, 0)
        rbox.addWidget(self.path, 1)
        rbox.addWidget(browse)
        self.sheet = QComboBox()
        self.key = QComboBox()
        self.table_key = QComboBox()
        self.summary = QLabel("")
        self.problem = QLabel("")
        make_plain(self.summary, self.problem)
        for label in (self.summary, self.problem):
            label.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        form.addRow(tr("Layer"), self.layer)
        form.addRow(tr("Table file"), row)
        form.addRow(tr("Sheet"), self.sheet)
        form.addRow(tr("Layer key field"), self.key)
        form.addRow(tr("Table key column"), self.table_key)
        form.addRow(self.summary)
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form.addRow(self.buttons)
        browse.clicked.connect(self._browse)
        self.layer.currentIndexChanged.connect(lambda _i: self._layer_changed())
        self.path.editingFinished.connect(self._file_changed)
        self.sheet.currentIndexChanged.connect(lambda _i: self._read())
        self.key.currentIndexChanged.connect(lambda _i: self._preview())
        self.table_key.currentIndexChanged.connect(lambda _i: self._preview())
        self.buttons.accepted.connect(self.join)
        self.buttons.rejected.connect(self.reject)
        self._layer_changed()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Join a table"),
            str(self.window.project.base_dir),
            tr("Tables (*.csv *.tsv *.txt *.xlsx *.ods)"),
        )
        if path:
            self.set_file(path)

    def set_file(self, path: str) -> None:
        self.path.setText(path)
        self._file_changed()

    def _layer_changed(self) -> None:
        table = self.window.tables.get(self.layer.currentData())
        self.key.blockSignals(True)
        self.key.clear()
        for name in getattr(table, "fields", {}) or {}:
            if name not in getattr(table, "joined", []):
                self.key.addItem(name, name)
        self.key.blockSignals(False)
        self._preview()

    def _file_changed(self) -> None:
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for name in sheets_of(self.path.text().strip()):
            self.sheet.addItem(name, name)
        self.sheet.blockSignals(False)
        self._read()

    def _read(self) -> None:
        self.joined = None
        self.table_key.blockSignals(True)
        self.table_key.clear()
        self.table_key.blockSignals(False)
        path = self.path.text().strip()
        if not path:
            return self._preview()
        try:
            self.joined = read_table(path, self.sheet.currentData(), Path(path).name)
        except JoinError as exc:
            self.problem.setText(localize_known(str(exc), self.window.lang))
            self.summary.setText("")
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return None
        self.table_key.blockSignals(True)
        for name in self.joined.columns:
            self.table_key.addItem(name, name)
        # the column whose name is the layer's key, if there is one
        same = self.table_key.findData(self.key.currentData())
        if same >= 0:
            self.table_key.setCurrentIndex(same)
        self.table_key.blockSignals(False)
        return self._preview()

    def _preview(self) -> None:
        """Count the match before it is made."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        table = self.window.tables.get(self.layer.currentData())
        if (
            table is None
            or self.joined is None
            or not self.key.currentData()
            or not self.table_key.currentData()
        ):
            ok.setEnabled(False)
            self.summary.setText("")
            if self.joined is not None or not self.path.text().strip():
                self.problem.setText("")
            return
        try:
            _cols, report = join_table(
                table,
                self.joined,
                self.key.currentData(),
                self.table_key.currentData(),
                Path(self.path.text()).name,
            )
        except JoinError as exc:
            self.problem.setText(localize_known(str(exc), self.window.lang))
            ok.setEnabled(False)
            return
        self.summary.setText(
            tr("{0} of {1} features find a row; {2} table keys have no feature; {3} repeated keys").format(
                report.matched, len(table), report.table_unmatched, sum(report.duplicates.values())
            )
        )
        lines = [p for p in report.problems if "features joined" not in p]
        self.problem.setText("\n".join(localize_known(p, self.window.lang) for p in lines))
        ok.setEnabled(report.matched > 0)
        self.adjustSize()  # the counts and problems take the room they need

    def raw(self) -> dict:
        path = Path(self.path.text().strip())
        raw = {"layer": self.layer.currentData(), "path": str(path.resolve()), "key": self.key.currentData(),
               "table_key": self.table_key.currentData()}  # fmt: skip
        if self.sheet.currentData():
            raw["sheet"] = self.sheet.currentData()
        return raw

    def join(self) -> None:
        if not self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            return
        self.window.add_join(self.raw())
        self.accept()
