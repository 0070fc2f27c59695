"""What the window's parts share: menu texts, the recent-projects list, key sequences of
the action table, small Qt helpers, the undo command for removing a layer."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence

LAYER_FILTER = (
    "Layers (*.geojson *.json *.gpkg *.shp *.zip *.fgb *.kml *.csv *.tif *.tiff *.img *.asc *.jp2);;"
    "Vector layers (*.geojson *.json *.gpkg *.shp *.zip *.fgb *.kml *.csv);;"
    "Raster layers (*.tif *.tiff *.img *.asc *.jp2 *.nc);;All files (*)"
)
BASEMAP_FILTER = "Basemaps (*.mbtiles *.pmtiles);;All files (*)"


def plain_text(label: str) -> str:
    """A menu text without its mnemonic: "&Export…" and "导出(&E)…" → "Export…", "导出…"."""
    return re.sub(r"\(&\w\)", "", label).replace("&", "")


AUTOSAVE_MS = 15_000
MAX_RECENT = 8


#: bumped when the docks change, so an old saved layout is not applied to new docks
LAYOUT_VERSION = 2  # 2: the styling panel and the target editor (issue 15)


def recent_projects(settings) -> list[str]:
    """The recent-projects list as QSettings gives it back: a one-item list returns as a
    plain string (it was walked letter by letter), anything else malformed is dropped."""
    value = settings.value("recent")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return []
    return [v for v in value if isinstance(v, str) and v]


def menu_text(text: str) -> str:
    """A name from data as a menu item's text: "&" shown, not taken as a shortcut mark."""
    return str(text).replace("&", "&&")


class _EnterKey(QObject):
    """Calls ``action`` when Return or Enter is pressed in the watched widget."""

    def __init__(self, action, parent=None):
        super().__init__(parent)
        self.action = action

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.action()
            return True
        return False


def _key_sequence(keys: str) -> QKeySequence:
    """A key sequence of the action table: "Ctrl+E", or "std:Open" for a standard key."""
    if keys.startswith("std:"):
        return QKeySequence(getattr(QKeySequence.StandardKey, keys[4:]))
    return QKeySequence(keys)
