"""Help: the keyboard shortcuts (every row of the action table, the presentation keys and
the panel keys) and About.

A part of the main window (mixed into ``MainWindow``; ``self`` is the window)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from .actions import ACTIONS, PANEL_KEYS, PRESENTATION_KEYS
from .i18n import tr
from .window_common import _key_sequence, plain_text


class HelpMixin:
    def shortcuts(self) -> list[tuple[str, str]]:
        """Every keyboard shortcut, for Help → Keyboard shortcuts: the action table's rows
        (as the keys read on this system), the presentation keys and the panel keys."""
        rows = []
        for spec in ACTIONS:
            if not spec.keys:
                continue
            keys = (
                spec.keys
                if spec.repeat
                else _key_sequence(spec.keys).toString(QKeySequence.SequenceFormat.NativeText)
            )
            rows.append((keys, plain_text(tr(spec.text))))
        for _names, shown, text in PRESENTATION_KEYS:
            rows.append((shown, tr(text)))
        for shown, text in PANEL_KEYS:
            rows.append((tr(shown), tr(text)))
        # one row per thing done: its keys together ("Ctrl+Alt+Left / Ctrl+Alt+Right")
        grouped: dict[str, list[str]] = {}
        for keys, text in rows:
            if keys not in grouped.setdefault(text, []):
                grouped[text].append(keys)
        return [(" / ".join(keys), text) for text, keys in grouped.items()]

    def show_shortcuts(self) -> None:
        text = "\n".join(f"{key:>16}   {what}" for key, what in self.shortcuts())
        box = QMessageBox(self)
        box.setWindowTitle(tr("Keyboard shortcuts"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.open()
        self._shortcuts_box = box

    def _about(self) -> None:
        QMessageBox.about(
            self,
            tr("About EcoViewer"),
            tr(
                "EcoViewer — offline planning viewer for the Sino-Singapore Tianjin Eco-City.\n"
                "Works with no network: every map asset is local."
            ),
        )
