"""Text from a project or a data file is data, never markup.

Qt decides by itself whether a string is rich text (``Qt::mightBeRichText``): a layer title,
an attribute value or a file name that starts with ``<b>`` or ``<img src="file:///…">``
would be drawn as HTML — and would load a local image — in a label, a message box or a
tooltip. So:

- labels and message boxes built here show their text as plain text
  (``Qt.TextFormat.PlainText``);
- tooltips (``setToolTip``, ``Qt.ItemDataRole.ToolTipRole``) always go through Qt's guess,
  so their text is escaped and wrapped in a paragraph that keeps line breaks and spaces:
  Qt then reads it as rich text whose only content is the literal text;
- message boxes asked through the static ``QMessageBox.question`` get the same escaped
  paragraph (the static call has no text-format parameter).

Tooltips are also bounded: at most ``TIP_CHARS`` characters and ``TIP_LINES`` lines (a
10,000-character attribute would otherwise make a tooltip wider and taller than the screen),
and a word longer than ``TIP_WORD`` characters is given break opportunities so the tooltip
wraps it instead of growing to its length.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

TIP_CHARS = 500  # characters of a tooltip, at most
TIP_LINES = 20  # lines of a tooltip, at most
TIP_WORD = 40  # a longer run without a space gets invisible break opportunities
ELLIPSIS = "…"
_ZWSP = "\u200b"  # zero-width space: a line may break there, nothing is drawn
_LONG_WORD = re.compile(rf"\S{{{TIP_WORD + 1},}}")


def clip(text: object, chars: int = TIP_CHARS, lines: int = TIP_LINES) -> str:
    """``text`` cut to ``chars`` characters and ``lines`` lines, "…" marking a cut."""
    text = "" if text is None else str(text)
    cut = False
    rows = text.split("\n")
    if len(rows) > lines:
        text, cut = "\n".join(rows[:lines]), True
    if len(text) > chars:
        text, cut = text[: max(0, chars - 1)], True  # with the "…", ``chars`` at most
    return text.rstrip() + ELLIPSIS if cut else text


def rich(text: object) -> str:
    """``text`` as rich text that shows exactly ``text``: escaped, in a paragraph that keeps
    its line breaks and spaces. Empty text stays empty (no tooltip)."""
    text = "" if text is None else str(text)
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"


def _breakable(text: str) -> str:
    return _LONG_WORD.sub(
        lambda m: _ZWSP.join(m.group(0)[i : i + TIP_WORD] for i in range(0, len(m.group(0)), TIP_WORD)), text
    )


def tooltip(text: object, chars: int = TIP_CHARS, lines: int = TIP_LINES) -> str:
    """A tooltip (``setToolTip`` or ``ToolTipRole``) that shows ``text`` literally, cut to
    ``chars`` characters and ``lines`` lines; "" for no text (no tooltip)."""
    return rich(_breakable(clip(text, chars, lines)))


def plain_label(text: object = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows its text as plain text, whatever it looks like."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText("" if text is None else str(text))
    return label


def make_plain(*labels: QLabel) -> None:
    """Make existing labels show their text as plain text."""
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)


def question(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons=QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    default=QMessageBox.StandardButton.NoButton,
) -> QMessageBox.StandardButton:
    """``QMessageBox.question`` with ``text`` shown literally (it holds project and file
    names). Called through the class attribute, so a test can answer it by replacing
    ``QMessageBox.question``."""
    return QMessageBox.question(parent, title, rich(text), buttons, default)


def message_box(
    parent: QWidget | None,
    title: str,
    text: str,
    icon=QMessageBox.Icon.Information,
    buttons=QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    """A message box (not shown) whose text is plain text: for ``open()`` or ``exec()``."""
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


__all__ = [
    "ELLIPSIS",
    "TIP_CHARS",
    "TIP_LINES",
    "clip",
    "make_plain",
    "message_box",
    "plain_label",
    "question",
    "rich",
    "tooltip",
]
