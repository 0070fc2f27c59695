"""The targets panel: a sortable table over the evaluated targets. The ✓ column shows or
hides a target's callout (stored in the project); selecting a row selects it on the map.
The trend column draws each target's series as a sparkline with its arrow, coloured by on
or off track (the chart of ``ecoviewer.trends``, painted as the report paints it)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QStyledItemDelegate, QTableView

from ..project import Project
from ..render.layout_paint import paint_chart
from ..targets import STATUS_COLORS, TargetResult
from ..trends import trend_chart
from .i18n import tr
from .plaintext import tooltip
from .problems_zh import localize_known

STATUS_COLOURS = STATUS_COLORS  # the one palette (targets.py)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CHART_ROLE = Qt.ItemDataRole.UserRole + 2  # the trend chart (dict) of the trend column
TREND_COLUMN = 7
SPARK_WIDTH = 40  # px of a sparkline


STATUS_TEXT = {"met": "met", "missed": "missed", "no-data": "no data", "error": "error"}


def status_text(status: str) -> str:
    return tr(STATUS_TEXT.get(status, status))


class TargetTableModel(QAbstractTableModel):
    COLUMNS = ("Target", "Value", "Goal", "Year", "Status", "Verified", "Source", "Trend")

    def __init__(self, project: Project, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.lang = lang
        self._project = project
        self._results: list[TargetResult] = []
        self._charts: list[dict | None] = []

    def set_results(self, project: Project, results: list[TargetResult]) -> None:
        self.beginResetModel()
        self._project = project
        self._results = list(results)
        self._charts = [trend_chart(r, self.lang) for r in self._results]
        self.endResetModel()

    def chart_at(self, row: int) -> dict | None:
        return self._charts[row] if 0 <= row < len(self._charts) else None

    def result_at(self, row: int) -> TargetResult | None:
        return self._results[row] if 0 <= row < len(self._results) else None

    def row_of(self, target_id: str) -> int:
        for i, r in enumerate(self._results):
            if r.id == target_id:
                return i
        return -1

    def target_changed(self, target_id: str) -> None:
        row = self.row_of(target_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._results)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.COLUMNS[section])
        return None

    def flags(self, index):
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def _visible(self, r: TargetResult) -> bool:
        try:
            return bool(self._project.target(r.id).get("visible", True))
        except KeyError:
            return True

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        r = self.result_at(index.row())
        if r is None:
            return None
        t, col = r.target, index.column()
        chart = self.chart_at(index.row())
        if role == CHART_ROLE and col == TREND_COLUMN:
            return chart
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            return Qt.CheckState.Checked if self._visible(r) else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            sort = role == SORT_ROLE
            if col == 0:
                return t.display_title(self.lang)
            if col == 1:
                if sort:
                    return -1e300 if r.value is None else r.value
                return r.value_with_unit()
            if col == 2:
                return t.target if sort else r.target_text()
            if col == 3:
                return t.year or 0 if sort else (str(t.year) if t.year else "")
            if col == 4:
                return r.status if sort else status_text(r.status)
            if col == 5:
                return int(t.verified) if sort else (tr("yes") if t.verified else tr("sample / unverified"))
            if col == 6:
                return r.error or t.source
            if col == TREND_COLUMN:
                order = {"on-track": 2, "off-track": 1}
                if sort:
                    return order.get(r.trend, 0) if chart else -1
                return f"{chart['arrow']} {chart['trend_text']}" if chart else ""
        if role == Qt.ItemDataRole.ForegroundRole and col == 4:
            return QColor(STATUS_COLOURS.get(r.status, "#888"))
        if role == Qt.ItemDataRole.ToolTipRole:  # text from the project: escaped, cut short
            lines = [
                t.display_title(self.lang),
                r.error or t.source,
                tr("yes") if t.verified else tr("sample / unverified"),
            ]
            if chart:
                lines += [
                    f"{chart['arrow']} {chart['trend_text']}",
                    chart["projection_text"],
                    chart["crossing_text"],
                ]
            if r.series_error:
                lines.append(localize_known(r.series_error, self.lang))
            return tooltip("\n".join(x for x in lines if x)) or None
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        r = self.result_at(index.row())
        if r is None or role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        on = Qt.CheckState(value) == Qt.CheckState.Checked
        try:
            self._project.set_target_visible(r.id, on)
        except KeyError:
            return False
        return True


class SparklineDelegate(QStyledItemDelegate):
    """The trend column: the series as a sparkline, then its arrow in the trend's colour."""

    def paint(self, painter, option, index):
        chart = index.data(CHART_ROLE)
        if not chart:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""  # the background and selection only; the chart instead of the words
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        r = option.rect.adjusted(3, 4, -3, -4)
        box = QRectF(r.x(), r.y(), min(SPARK_WIDTH, max(8, r.width() - 18)), r.height())
        paint_chart(painter, chart, box, small=True, line=1.0)
        painter.save()
        f = QFont(option.font)
        f.setBold(True)
        painter.setFont(f)
        painter.setPen(QColor(chart["color"]))
        text_box = QRectF(
            box.right() + 3, option.rect.y(), option.rect.right() - box.right() - 3, option.rect.height()
        )
        painter.drawText(
            text_box, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), chart["arrow"]
        )
        painter.restore()

    def sizeHint(self, option, index):
        base = super().sizeHint(option, index)
        if not index.data(CHART_ROLE):
            return base
        return QSize(SPARK_WIDTH + 20, max(base.height(), 22))


class TargetsView(QTableView):
    target_selected = Signal(str)

    def __init__(self, model: TargetTableModel, parent=None):
        super().__init__(parent)
        from PySide6.QtCore import QSortFilterProxyModel

        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        # value, goal, year and status sized to their contents and always in view; the
        # target's title takes what is left (elided, its whole text in the tooltip); the
        # source comes last (a long title pushed Goal, Year and Status out of a 420-px dock)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.moveSection(4, 1)  # shown as: target, status, value, goal, year
        # verified and source are in every row's tooltip (and the callouts say "sample /
        # unverified"): in a 420-px dock their columns left the title 40 px
        header.setSectionHidden(5, True)
        header.setSectionHidden(6, True)
        self.sparklines = SparklineDelegate(self)
        self.setItemDelegateForColumn(TREND_COLUMN, self.sparklines)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.selectionModel().currentRowChanged.connect(self._row_changed)

    def _row_changed(self, current, _previous) -> None:
        if current.isValid():
            self.target_selected.emit(self.proxy.data(current.siblingAtColumn(0), Qt.ItemDataRole.UserRole))

    def select_target(self, target_id: str) -> None:
        source = self.proxy.sourceModel()
        row = source.row_of(target_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(source.index(row, 0))
        self.selectionModel().blockSignals(True)
        self.setCurrentIndex(index)
        self.selectionModel().blockSignals(False)
        self.scrollTo(index)
