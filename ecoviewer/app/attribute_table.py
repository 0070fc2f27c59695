"""The attribute table of a layer: a Qt model over the layer's columns (not a filled table
widget), sorted and filtered with NumPy so 100k rows stay responsive; selected rows are
painted on the map and can be zoomed to."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ..sources import FeatureTable, to_text
from .i18n import tr
from .plaintext import make_plain, tooltip


class AttributeModel(QAbstractTableModel):
    def __init__(self, table: FeatureTable, parent=None):
        super().__init__(parent)
        self.table = table
        self.columns = list(table.fields)
        self.order = np.arange(len(table))  # the rows shown, in display order
        self._text: dict[str, np.ndarray] = {}
        self._lower: dict[str, np.ndarray] = {}  # lower-cased text columns, for the filter

    def text_column(self, name: str) -> np.ndarray:
        """The column as display text (built once per column, on first need)."""
        if name not in self._text:
            self._text[name] = np.array([to_text(v) for v in self.table.fields[name].tolist()], dtype=object)
        return self._text[name]

    # -- Qt --------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return tooltip(self.columns[section])  # a long field name is elided in the header
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section]
        return str(int(self.order[section]) + 1)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        value = self.table.fields[self.columns[index.column()]][self.order[index.row()]]
        if role == Qt.ItemDataRole.ToolTipRole:
            # Qt reads a tooltip as HTML when it looks like HTML: escaped, and cut short
            return tooltip(to_text(value)) or None
        return to_text(value)  # plain text: the item delegate draws it as text

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        if not 0 <= column < len(self.columns):  # no sort column: the file's order
            self.layoutAboutToBeChanged.emit()
            self.order = np.sort(self.order)
            self.layoutChanged.emit()
            return
        col = self._values(self.columns[column])
        keys = col[self.order]
        if col.dtype.kind in "iufb":
            idx = np.argsort(keys, kind="stable")
        else:
            idx = np.argsort(self.text_column(self.columns[column])[self.order].astype(str), kind="stable")
        if order == Qt.SortOrder.DescendingOrder:
            idx = idx[::-1]
        self.layoutAboutToBeChanged.emit()
        self.order = self.order[idx]
        self.layoutChanged.emit()

    def _values(self, name: str) -> np.ndarray:
        """A column whole (sorting needs every value)."""
        return self.table.fields[name]

    def set_filter(self, text: str = "", field: str | None = None, value: str = "") -> int:
        """Rows containing ``text`` in any column (case-insensitive) and, when ``field`` is
        given, whose ``field`` equals ``value``. Returns how many are shown."""
        keep = np.ones(len(self.table), dtype=bool)
        needle = text.strip().lower()
        if needle:
            any_col = np.zeros(len(self.table), dtype=bool)
            for name in self.columns:
                if name not in self._lower:  # built once per column: typing stays quick
                    self._lower[name] = np.char.lower(self.text_column(name).astype(str))
                any_col |= np.char.find(self._lower[name], needle) >= 0
            keep &= any_col
        if field:
            keep &= self.text_column(field).astype(str) == value
        self.beginResetModel()
        self.order = np.flatnonzero(keep)
        self.endResetModel()
        return len(self.order)


class StreamedAttributeModel(AttributeModel):
    """The attribute table of a layer streamed from its file: rows are read a page at a time
    as they scroll into view (by FID, so the last page costs what the first does) and the
    last pages kept. Sorting and "field equals value" read that one column whole (once);
    the free-text filter over every column is not offered (it would read the layer)."""

    PAGE = 500
    KEEP = 40  # pages kept

    def __init__(self, table, parent=None):
        super().__init__(table, parent)
        self._pages: dict[int, dict] = {}
        self.failed: str | None = None

    def text_column(self, name: str) -> np.ndarray:
        if name not in self._text:
            col = self.table.column(name)
            if col.dtype == object:
                self._text[name] = col  # already text (one object per distinct value)
            else:
                self._text[name] = np.array([to_text(v) for v in col.tolist()], dtype=object)
        return self._text[name]

    def _page(self, number: int) -> dict:
        page = self._pages.get(number)
        if page is None:
            from ..streaming import StreamError

            try:
                _, page = self.table.page(number * self.PAGE, self.PAGE)
                self.failed = None
            except StreamError as exc:
                self.failed = str(exc)
                page = {}
            self._pages[number] = page
            while len(self._pages) > self.KEEP:
                self._pages.pop(next(iter(self._pages)))
        return page

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = int(self.order[index.row()])
        page = self._page(row // self.PAGE)
        col = page.get(self.columns[index.column()])
        at = row % self.PAGE
        value = col[at] if col is not None and at < len(col) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(to_text(value)) or None
        return to_text(value)

    def _values(self, name: str) -> np.ndarray:
        return self.table.column(name)  # read once by streaming, then kept

    def set_filter(self, text: str = "", field: str | None = None, value: str = "") -> int:
        if not field:
            if len(self.order) != len(self.table):
                self.beginResetModel()
                self.order = np.arange(len(self.table))
                self.endResetModel()
            return len(self.order)
        col = self.table.column(field)
        text_col = col if col.dtype == object else self.text_column(field)
        keep = np.asarray(text_col == value, dtype=bool)
        self.beginResetModel()
        self.order = np.flatnonzero(keep)
        self.endResetModel()
        return len(self.order)


class AttributeTable(QDialog):
    """Non-modal: the planner keeps it open beside the map."""

    rows_selected = Signal(str, object, int)  # layer id, table rows, zoom (1/0)

    def __init__(self, layer_id: str, title: str, table: FeatureTable, parent=None):
        super().__init__(parent)
        self.layer_id = layer_id
        self.setWindowTitle(tr("Attribute table — {0}").format(title))
        self.resize(900, 500)
        streamed = getattr(table, "kind", "") == "streamed"
        self.model = StreamedAttributeModel(table, self) if streamed else AttributeModel(table, self)
        box = QVBoxLayout(self)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Filter: text in any field"))
        if streamed:  # a search through every column would read the whole file
            self.search.setEnabled(False)
            self.search.setPlaceholderText(tr("Streamed layer: filter by one field's value"))
        self.field = QComboBox()
        self.field.addItem(tr("(any field)"), None)
        for name in self.model.columns:
            self.field.addItem(name, name)
        self.value = QLineEdit()
        self.value.setPlaceholderText(tr("equals value"))
        for widget in (self.search, self.field, self.value):
            row.addWidget(widget)
        self.search.textChanged.connect(self.apply_filter)
        self.field.currentIndexChanged.connect(self.apply_filter)
        self.value.textChanged.connect(self.apply_filter)
        box.addLayout(row)
        self.view = QTableView()
        self.view.setModel(self.model)
        # rows in the file's order, and no sort arrow claiming otherwise, until a header is
        # clicked (enabling sorting used to sort by the first column at once)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selected(0))
        box.addWidget(self.view)
        row = QHBoxLayout()
        self.count = QLabel()
        make_plain(self.count)
        zoom = QPushButton(tr("Zoom to selection"))
        zoom.clicked.connect(lambda: self._selected(1))
        row.addWidget(self.count)
        row.addStretch(1)
        row.addWidget(zoom)
        box.addLayout(row)
        self.apply_filter()

    def apply_filter(self) -> None:
        shown = self.model.set_filter(self.search.text(), self.field.currentData(), self.value.text())
        header = self.view.horizontalHeader() if hasattr(self, "view") else None
        if header is not None and header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.count.setText(tr("{0} of {1} features").format(shown, len(self.model.table)))

    def selected_rows(self) -> np.ndarray:
        """Table rows of the selection, from its ranges (select-all on 100k rows is one
        range, not 100k indexes)."""
        ranges = [np.arange(r.top(), r.bottom() + 1) for r in self.view.selectionModel().selection()]
        if not ranges:
            return np.zeros(0, dtype=np.int64)
        return np.sort(self.model.order[np.unique(np.concatenate(ranges))])

    def _selected(self, zoom: int) -> None:
        self.rows_selected.emit(self.layer_id, self.selected_rows(), int(zoom))
