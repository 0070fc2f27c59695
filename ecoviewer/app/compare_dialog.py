"""View → Compare two themes: one dialog, a named picker for each side of the divider."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel

from .i18n import tr
from .plaintext import make_plain


class CompareDialog(QDialog):
    def __init__(
        self, names: list[str], plans: set[str] | None = None, current: str | None = None, parent=None
    ):
        super().__init__(parent)
        self.setWindowTitle(tr("Compare two themes"))
        form = QFormLayout(self)
        self.left = QComboBox()
        self.right = QComboBox()
        for box in (self.left, self.right):
            box.addItems(names)  # theme names from the project: item text is plain
        # defaults: what the map shows now on the left; a plan (or the next theme) on the right
        left = current if current in names else (names[0] if names else None)
        if left is not None:
            self.left.setCurrentText(left)
        right = next((n for n in names if n in (plans or set()) and n != left), None) or next(
            (n for n in names if n != left), None
        )
        if right is not None:
            self.right.setCurrentText(right)
        form.addRow(tr("Left of the divider"), self.left)
        form.addRow(tr("Right of the divider"), self.right)
        self.problem = QLabel()
        make_plain(self.problem)
        self.problem.setStyleSheet("color: #b2182b;")
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.left.currentIndexChanged.connect(self._check)
        self.right.currentIndexChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        same = self.left.currentText() == self.right.currentText()
        self.problem.setText(tr("Choose two different themes") if same else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not same and self.left.count() > 1)

    def sides(self) -> tuple[str, str]:
        return self.left.currentText(), self.right.currentText()
