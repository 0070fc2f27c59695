"""The layer tree: a thin Qt item model over the Qt-free ``Project`` (the napari pattern).

The model owns no layer state. It reads ``Project.layers`` and writes edits back through
``Project.set_visible``; it hears every change (from here, from the map, from code) through
``Project.subscribe`` and tells its views.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from ..project import GROUP_TITLES, GROUPS, LayerSpec, Project, localized
from .plaintext import tooltip

_GROUP_ID = 0  # internalId of group rows; layer rows carry (group row + 1)


class LayerTreeModel(QAbstractItemModel):
    def __init__(self, project: Project, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.lang = lang
        self.errors: dict[str, str] = {}  # layer id → why it did not load
        self.counts: dict[str, int] = {}  # layer id → feature count
        self.swatches: dict[str, str | list[str]] = {}  # layer id → legend colour (a ramp: colours)
        self._project = project
        self._groups: list[str] = []
        self._rows: dict[str, list[LayerSpec]] = {}
        project.subscribe(self._on_change)
        self._rebuild()

    # -- structure ---------------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        self.beginResetModel()
        self._project.unsubscribe(self._on_change)
        self._project = project
        project.subscribe(self._on_change)
        self.errors, self.counts, self.swatches = {}, {}, {}
        self._rebuild()
        self.endResetModel()

    def _rebuild(self) -> None:
        groups = {g: [] for g in GROUPS}
        for spec in self._project.layers:
            groups.setdefault(spec.group, []).append(spec)
        # the top of each group is drawn last (on top), as in QGIS
        self._rows = {g: list(reversed(specs)) for g, specs in groups.items() if specs}
        self._groups = [g for g in GROUPS if g in self._rows]

    def _on_change(self, what: str, spec) -> None:
        if not isinstance(spec, LayerSpec):
            return  # target and note events are not the layer tree's business
        if what in ("added", "removed"):
            self.beginResetModel()
            self._rebuild()
            self.endResetModel()
            return
        index = self.index_of(spec.id)
        if index.isValid():
            self.dataChanged.emit(index, index)
            group = index.parent()
            self.dataChanged.emit(group, group)

    def refresh(self) -> None:
        """Counts/errors/swatches changed (after loading): repaint every row."""
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    # -- lookup ------------------------------------------------------------------------------
    def layer_at(self, index: QModelIndex) -> LayerSpec | None:
        if not index.isValid() or index.internalId() == _GROUP_ID:
            return None
        group = self._groups[index.internalId() - 1]
        return self._rows[group][index.row()]

    def group_at(self, index: QModelIndex) -> str | None:
        if index.isValid() and index.internalId() == _GROUP_ID:
            return self._groups[index.row()]
        return None

    def ordered_ids(self) -> list[str]:
        """Layer ids in the order the panel lists them (top to bottom)."""
        return [spec.id for group in self._groups for spec in self._rows[group]]

    def index_of(self, layer_id: str) -> QModelIndex:
        for g, group in enumerate(self._groups):
            for r, spec in enumerate(self._rows[group]):
                if spec.id == layer_id:
                    return self.createIndex(r, 0, g + 1)
        return QModelIndex()

    # -- QAbstractItemModel ------------------------------------------------------------------
    def index(self, row, column, parent=QModelIndex()):
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _GROUP_ID) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != _GROUP_ID:
            return QModelIndex()
        rows = self._rows[self._groups[parent.row()]]
        return self.createIndex(row, 0, parent.row() + 1) if row < len(rows) else QModelIndex()

    def parent(self, index=QModelIndex()):  # type: ignore[override]
        if not index.isValid() or index.internalId() == _GROUP_ID:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP_ID)

    def rowCount(self, parent=QModelIndex()):
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP_ID and parent.column() == 0:
            return len(self._rows[self._groups[parent.row()]])
        return 0

    def columnCount(self, parent=QModelIndex()):
        return 1

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def _group_state(self, group: str) -> Qt.CheckState:
        vis = [s.visible for s in self._rows[group]]
        if all(vis):
            return Qt.CheckState.Checked
        if any(vis):
            return Qt.CheckState.PartiallyChecked
        return Qt.CheckState.Unchecked

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        group = self.group_at(index)
        if group is not None:
            if role == Qt.ItemDataRole.DisplayRole:
                return localized(GROUP_TITLES[group], self.lang)
            if role == Qt.ItemDataRole.CheckStateRole:
                return self._group_state(group)
            return None
        spec = self.layer_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            title = spec.display_title(self.lang)
            if spec.id in self.counts:
                return f"{title}  ({self.counts[spec.id]:,})"
            return title
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if spec.visible else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            other = localized(spec.title, "en" if self.lang == "zh" else "zh")
            tip = f"{other}\n{spec.path}" + (f" [{spec.layer}]" if spec.layer else "")
            if spec.id in self.errors:
                tip += "\n" + self.errors[spec.id]
            return tooltip(tip)  # titles, paths and errors are text, never HTML
        if role == Qt.ItemDataRole.ForegroundRole and spec.id in self.errors:
            return QColor("#b03030")
        if role == Qt.ItemDataRole.DecorationRole and spec.id in self.swatches:
            swatch = self.swatches[spec.id]
            pix = QPixmap(12, 12)
            if isinstance(swatch, list):  # a raster's ramp, left to right
                pix.fill(QColor(swatch[0]))
                painter = QPainter(pix)
                for i, colour in enumerate(swatch):
                    x0, x1 = round(12 * i / len(swatch)), round(12 * (i + 1) / len(swatch))
                    painter.fillRect(x0, 0, x1 - x0, 12, QColor(colour))
                painter.end()
            else:
                pix.fill(QColor(swatch))
            return QIcon(pix)
        if role == Qt.ItemDataRole.UserRole:
            return spec.id
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        group = self.group_at(index)
        specs = self._rows[group] if group is not None else [self.layer_at(index)]
        # (a click on a partly checked group arrives as Checked: Qt's views toggle
        # anything not Checked to Checked, as QGIS does)
        for spec in specs:
            self._project.set_visible(spec.id, on)
        return True

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return "图层" if self.lang == "zh" else "Layers"
        return None
