"""Finding one's way: go to (coordinates, names), the scale box, the map's right-click menu,
copying positions, undo of layer removal.

A part of the main window (mixed into ``MainWindow``; ``self`` is the window)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QMenu,
)

from .. import goto
from ..crs import parse_crs, transformer
from ..sources import LONLAT
from .i18n import tr
from .window_common import (
    menu_text,
)


class NavigationMixin:
    def coordinates_text(self, lon: float, lat: float, metric: bool = False) -> str:
        """What "Copy coordinates" puts on the clipboard: lon, lat in degrees, or x, y in
        metres in the project's metric CRS."""
        if metric and self._to_metric is not None:
            x, y = self._to_metric.transform(lon, lat)
            return f"{x:.2f}, {y:.2f}"
        return f"{lon:.6f}, {lat:.6f}"

    def map_menu(self, lon: float, lat: float, where=None) -> QMenu:
        """The map's right-click menu (the web engine's own — Back, Reload — never shows)."""
        if self.map_context is not None:
            self.map_context.close()
            self.map_context.deleteLater()
        menu = QMenu(self)
        menu.addAction(tr("Identify here"), lambda: self.identify_at(lon, lat))
        menu.addSeparator()
        copy = QApplication.clipboard()
        menu.addAction(
            tr("Copy coordinates (lon, lat)"), lambda: copy.setText(self.coordinates_text(lon, lat))
        )
        if self._to_metric is not None:
            menu.addAction(
                menu_text(tr("Copy coordinates ({0})").format(self._metric_label)),
                lambda: copy.setText(self.coordinates_text(lon, lat, metric=True)),
            )
        menu.addSeparator()
        menu.addAction(tr("Add a note here…"), lambda: self.add_note_at(lon, lat))
        menu.addAction(tr("Centre the map here"), lambda: self.map.call("panTo", lon, lat))
        self.map_context = menu
        if where is not None:
            menu.popup(where)
        return menu

    # -- go to, scale, copy position ----------------------------------------------------------
    def _build_scale_box(self) -> None:
        """An editable 1:N box in the status bar: shows the map's scale (at its centre, on a
        96-dpi screen) and takes one typed or picked."""
        self.scale_box = QComboBox()
        self.scale_box.setEditable(True)
        self.scale_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.scale_box.setMinimumContentsLength(9)
        for n in (1000, 2000, 5000, 10000, 25000, 50000, 100000, 250000):
            self.scale_box.addItem(f"1:{n:,}")
        self.scale_box.setCurrentIndex(-1)
        self.scale_box.lineEdit().returnPressed.connect(lambda: self.set_scale(self.scale_box.currentText()))
        self.scale_box.activated.connect(lambda i: self.set_scale(self.scale_box.itemText(i)))
        self.statusBar().addPermanentWidget(self.scale_box)

    def set_scale(self, text: str) -> bool:
        scale = goto.parse_scale(text)
        centre = self.view_state.get("center")
        if scale is None or not (isinstance(centre, list) and len(centre) == 2):
            self.statusBar().showMessage(tr("Type a scale like 1:5000"), 5000)
            return False
        zoom = max(0.0, min(22.0, goto.zoom_for_scale(scale, centre[1])))
        self.map.call("setView", float(centre[1]), float(centre[0]), float(zoom))
        return True

    def _show_scale(self) -> None:
        centre, zoom = self.view_state.get("center"), self.view_state.get("zoom")
        if isinstance(centre, list) and len(centre) == 2 and isinstance(zoom, (int, float)):
            if not self.scale_box.lineEdit().hasFocus():
                self.scale_box.setEditText(f"1:{round(goto.scale_of(zoom, centre[1])):,}")

    def _build_goto_bar(self) -> None:
        """Go to: coordinates (lon/lat or the metric CRS) or a name from the project's own
        layers, with the matching names offered while typing."""
        from PySide6.QtCore import QStringListModel
        from PySide6.QtWidgets import QCompleter, QLineEdit, QToolBar

        bar = QToolBar(self)
        bar.setObjectName("goto")
        self._text(bar.setWindowTitle, "Go to")
        self.goto_box = QLineEdit()
        self._text(self.goto_box.setPlaceholderText, "Go to: lon, lat · x, y in the project's CRS · a name")
        self.goto_box.setClearButtonEnabled(True)
        self.goto_box.setMaximumWidth(420)
        self._goto_names = QStringListModel(self)
        completer = QCompleter(self._goto_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self.go_to)
        self.goto_box.setCompleter(completer)
        self.goto_box.textEdited.connect(self._offer_names)
        self.goto_box.returnPressed.connect(lambda: self.go_to(self.goto_box.text()))
        bar.addWidget(self.goto_box)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.goto_bar = bar
        self._goto_places: dict[str, goto.Place] = {}

    def _offer_names(self, text: str) -> None:
        places = (
            goto.search(self.project, self.tables, text, limit=30)
            if len(text) >= 1 and goto.parse_coordinates(text) is None
            else []
        )
        self._goto_places = {}
        for place in places:
            title = self.project.layer(place.layer_id).display_title(self.lang)
            self._goto_places.setdefault(f"{place.text} — {title}", place)
        self._goto_names.setStringList(list(self._goto_places))

    def go_to(self, text: str) -> str | None:
        """Centre the map on typed coordinates, or show and select the feature of a name.
        Returns what was found (for the status bar), None when nothing was."""
        text = (text or "").strip()
        to_lonlat = None
        if self._to_metric is not None:
            to_lonlat = transformer(parse_crs(self.project.measure_crs), LONLAT)
        where = goto.parse_coordinates(text, to_lonlat)
        if where is not None:
            lon, lat = where
            zoom = max(float(self.view_state.get("zoom") or 0), 16.0)
            self.map.call("setView", lat, lon, zoom)
            found = f"{lon:.6f}°E  {lat:.6f}°N"
        else:
            place = self._goto_places.get(text)
            if place is None:
                places = goto.search(self.project, self.tables, text, limit=1)
                place = places[0] if places else None
            if place is None:
                self.statusBar().showMessage(tr("Nothing called {0} in this project").format(text), 6000)
                return None
            self.project.set_visible(place.layer_id, True)
            self.map.select_rows(place.layer_id, [place.row], self.tables[place.layer_id], zoom=True)
            found = f"{place.text} — {self.project.layer(place.layer_id).display_title(self.lang)}"
        self.statusBar().showMessage(tr("Went to {0}").format(found), 6000)
        return found

    def _focus_goto(self) -> None:
        self.goto_bar.show()
        self.goto_box.setFocus()
        self.goto_box.selectAll()

    def copy_cursor_position(self) -> str:
        """Edit → Copy cursor position: where the pointer last was on the map (lon, lat)."""
        if self.cursor_lonlat is None:
            return ""
        text = self.coordinates_text(*self.cursor_lonlat)
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage(tr("Copied {0}").format(text), 4000)
        return text

    # -- undo --------------------------------------------------------------------------------
    def remove_layer(self, layer_id: str) -> None:
        """Remove a layer, as one undo step: Edit → Undo brings it back with its table (kept
        aside, not read again), its place, its joins and the plan themes that named it."""
        self.end_compare()
        spec = self.project.layer(layer_id)
        self.edit(
            tr("Remove layer {0}").format(spec.display_title(self.lang)),
            lambda: self.project.remove_layer(layer_id),
        )
        self._goto_places = {}
        self.model.refresh()

    def show_position(self, lon: float, lat: float) -> None:
        self.cursor_lonlat = (lon, lat)
        text = f"{lon:.6f}°E  {lat:.6f}°N"
        if self._to_metric is not None:
            x, y = self._to_metric.transform(lon, lat)
            text += f"   |   {self._metric_label}  E {x:,.1f}  N {y:,.1f} m"
        self.position.setText(text)
