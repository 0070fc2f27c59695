"""The Planning targets panel and a target's selection: its row, its layers turned on, its
responsible features highlighted on the map, its value in the status bar, its trend charted
under the table.

A part of the main window (mixed into ``MainWindow``; ``self`` is the window)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter

from .targets_panel import TargetsView, status_text
from .trend_chart import TrendPanel


class TargetsMixin:
    def _build_targets_dock(self) -> None:
        dock = self._dock("Planning targets", "targets", Qt.DockWidgetArea.RightDockWidgetArea)
        self.targets_view = TargetsView(self.target_model)
        self.targets_view.target_selected.connect(self.select_target)
        self.trend_panel = TrendPanel()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.targets_view)
        split.addWidget(self.trend_panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.targets_split = split
        dock.setWidget(split)
        # evaluated again (an edit, a theme, the language): the chart follows
        self.target_model.modelReset.connect(self._show_trend)
        self.resizeDocks([dock], [450], Qt.Orientation.Horizontal)
        self.targets_dock = dock

    def select_target(self, target_id: str) -> None:
        """Show the target's responsible features (turning their layers on) and zoom to them."""
        result = self.session.select(target_id)
        self.trend_panel.show_result(result, self.lang)
        if result is None:
            return
        for layer_id in self.session.measured_layers(result):
            self.project.set_visible(layer_id, True)
        try:
            self.project.set_target_visible(target_id, True)
        except KeyError:
            pass
        self.map.highlight(target_id)
        t = result.target
        self.statusBar().showMessage(
            f"{t.display_title(self.lang)}: {result.value_with_unit()} "
            f"({result.target_text()}) — {status_text(result.status)}",
            8000,
        )

    def _show_trend(self) -> None:
        """The selected target's chart, from the results the table shows."""
        model = self.target_model
        selected = self.session.selected
        result = model.result_at(model.row_of(selected)) if selected else None
        self.trend_panel.show_result(result, self.lang)

    def _target_clicked(self, target_id: str) -> None:
        """A callout clicked on the map: its row in the targets panel, its features shown."""
        self.targets_view.select_target(target_id)
        self.select_target(target_id)

    def clear_target(self) -> None:
        """Esc: leave presentation; else drop the selection, the measurement and compare."""
        if self.presenting:
            self.leave_presentation()
            return
        self.targets_view.clearSelection()
        self.session.select(None)
        self.trend_panel.show_result(None, self.lang)
        self.map.highlight(None)
        self.use_map_tool("identify")
        self.end_compare()
