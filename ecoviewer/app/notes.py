"""The note-pin dialog: text and colour of a free annotation, with Delete when editing."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QPlainTextEdit

from .i18n import tr

NOTE_COLOURS = [
    ("#e6550d", "Orange"),
    ("#d73027", "Red"),
    ("#1a9850", "Green"),
    ("#2171b5", "Blue"),
    ("#756bb1", "Purple"),
    ("#636363", "Grey"),
]


class NoteDialog(QDialog):
    def __init__(
        self, parent=None, *, title: str = "", text: str = "", color: str = "#e6550d", deletable: bool = False
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.deleted = False
        form = QFormLayout(self)
        self.edit = QPlainTextEdit(text)
        self.edit.setMaximumHeight(90)
        form.addRow(tr("Text"), self.edit)
        self.colours = QComboBox()
        for value, name in NOTE_COLOURS:
            pix = QPixmap(12, 12)
            pix.fill(QColor(value))
            self.colours.addItem(QIcon(pix), tr(name), value)
        if self.colours.findData(color) < 0:
            self.colours.addItem(color, color)
        self.colours.setCurrentIndex(self.colours.findData(color))
        form.addRow(tr("Colour"), self.colours)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        if deletable:
            delete = buttons.addButton(tr("Delete"), QDialogButtonBox.ButtonRole.DestructiveRole)
            delete.clicked.connect(self._delete)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _delete(self) -> None:
        self.deleted = True
        self.accept()

    def text(self) -> str:
        return self.edit.toPlainText()

    def color(self) -> str:
        return self.colours.currentData()
