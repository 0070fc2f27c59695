"""Map tools, in QGIS's sense (``QgsMapTool``): what a click on the map does. One tool is
active at a time; Identify is the default one, and a tool that has done its job (a note
placed) or is ended (Esc) hands back to it.

- :class:`IdentifyTool` lists the features under the click in the Identify panel;
- :class:`MeasureTool` adds vertices of a geodesic distance or area;
- :class:`NoteTool` places one note and hands back to Identify.

:class:`MapToolsMixin` is the window's part (mixed into ``MainWindow``): the Identify panel,
the active tool, and the note dialogs. A new tool is one class here plus one row of the
action table (``use_map_tool`` with its name)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from ..identify import identify
from ..measure import format_area, format_length, path_length, polygon_area
from ..sources import to_text
from .i18n import tr
from .notes import NoteDialog


class MapTool:
    """What a click on the map does while the tool is active."""

    name = ""

    def __init__(self, window):
        self.window = window

    def activate(self) -> None:
        """Made the active tool."""

    def deactivate(self) -> None:
        """Another tool takes over, or the tool was ended (Esc): nothing of it stays."""

    def clicked(self, lon: float, lat: float) -> None:
        raise NotImplementedError


class IdentifyTool(MapTool):
    name = "identify"

    def clicked(self, lon: float, lat: float) -> None:
        self.window.identify_at(lon, lat)


class MeasureTool(MapTool):
    """Click vertices; the running geodesic length (or area and perimeter) shows on the map
    and in the status bar."""

    def __init__(self, window, kind: str):
        super().__init__(window)
        self.kind = kind  # "distance" or "area"
        self.name = f"measure_{kind}"
        self.points: list[tuple[float, float]] = []

    def activate(self) -> None:
        self.window.statusBar().showMessage(tr("Click points on the map; Esc ends"), 5000)

    def deactivate(self) -> None:
        self.points = []
        self.window.map.call("setMeasure", [], False)
        self.window.measure_label.setText("")  # Esc ends a measurement: its result goes too
        self.window.statusBar().clearMessage()

    def clicked(self, lon: float, lat: float) -> str:
        """Add a vertex; returns (and shows) the running length or area."""
        self.points.append((lon, lat))
        closed = self.kind == "area"
        if closed:
            ring = self.points + self.points[:1] if len(self.points) > 2 else []
            text = tr("Area: {0} (perimeter {1})").format(
                format_area(polygon_area(self.points)), format_length(path_length(ring) if ring else 0.0)
            )
        else:
            text = tr("Distance: {0}").format(format_length(path_length(self.points)))
        self.window.measure_label.setText(text)
        self.window.statusBar().showMessage(text)
        self.window.map.call("setMeasure", [list(p) for p in self.points], closed, text)
        return text


class NoteTool(MapTool):
    """The next click places a note there (its text asked for); then back to Identify."""

    name = "note"

    def clicked(self, lon: float, lat: float) -> None:
        self.window.use_map_tool("identify")
        self.window.add_note_at(lon, lat)


TOOLS = {
    "identify": IdentifyTool,
    "measure_distance": lambda window: MeasureTool(window, "distance"),
    "measure_area": lambda window: MeasureTool(window, "area"),
    "note": NoteTool,
}


#: the window's checkable action (its attribute) that shows a tool is active
ACTIONS_OF_TOOLS = {
    "measure_distance": "measure_distance",
    "measure_area": "measure_area",
    "note": "note_action",
}


class MapToolsMixin:
    map_tool: MapTool | None = None

    def _build_identify_dock(self) -> None:
        dock = self._dock("Identify", "identify", Qt.DockWidgetArea.RightDockWidgetArea)
        self.identify_tree = QTreeWidget()
        self.identify_tree.setColumnCount(2)
        self._text(lambda *t: self.identify_tree.setHeaderLabels(list(t)), "Feature / field", "Value")
        self.identify_tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        dock.setWidget(self.identify_tree)
        self.identify_dock = dock

    def use_map_tool(self, name: str, on: bool = True) -> MapTool:
        """Make the named tool (TOOLS) the active one; ``on=False`` ends it (Identify)."""
        if not on and (self.map_tool is None or self.map_tool.name == name):
            name = "identify"
        elif not on:
            return self.map_tool  # an action unchecked that was not the active tool
        if self.map_tool is not None:
            self.map_tool.deactivate()
        self.map_tool = TOOLS[name](self)
        for tool_name, attr in ACTIONS_OF_TOOLS.items():  # the menu shows the active tool
            action = getattr(self, attr, None)
            if action is not None:
                action.setChecked(tool_name == name)
        self.map_tool.activate()
        return self.map_tool

    @property
    def measure_kind(self) -> str | None:
        """ "distance" or "area" while measuring, else None."""
        return getattr(self.map_tool, "kind", None)

    def map_clicked(self, lon: float, lat: float) -> None:
        self.map_tool.clicked(lon, lat)

    def measure_click(self, lon: float, lat: float) -> str:
        """A vertex of the running measurement (a distance one is started if none is)."""
        if self.measure_kind is None:
            self.use_map_tool("measure_distance")
        return self.map_tool.clicked(lon, lat)

    def identify_at(self, lon: float, lat: float) -> list:
        """List every feature under the click on the visible layers (attribute values are
        plain text in the panel, never HTML)."""
        visible = [s.id for s in self.project.layers if s.visible and s.id in self.tables]
        hits = identify(self.tables, visible, lon, lat, self.zoom)
        self.identify_tree.clear()
        for hit in hits:
            spec = self.project.layer(hit.layer_id)
            label_field = (spec.style or {}).get("label") or next(
                (k for k, v in hit.attributes.items() if isinstance(v, str) and v), None
            )
            label = to_text(hit.attributes.get(label_field)) if label_field else ""
            if hit.row < 0:  # a raster's pixel: its (first) value
                label = to_text(next(iter(hit.attributes.values()), None))
            top = QTreeWidgetItem([spec.display_title(self.lang), label or f"#{hit.row + 1}"])
            for key, value in hit.attributes.items():
                top.addChild(QTreeWidgetItem([key, to_text(value)]))
            self.identify_tree.addTopLevelItem(top)
        if hits:
            self.identify_tree.topLevelItem(0).setExpanded(True)
            self.identify_dock.show()
            self.identify_dock.raise_()
        self.statusBar().showMessage(tr("{0} features here").format(len(hits)), 5000)
        return hits

    def add_note_at(self, lon: float, lat: float) -> None:
        dialog = NoteDialog(self, title=tr("New note"))
        if dialog.exec() and dialog.text().strip():
            text, color = dialog.text(), dialog.color()
            self.edit(tr("Add note"), lambda: self.project.add_note(lon, lat, text, color))

    def _note_clicked(self, note_id: str) -> None:
        """A note pin clicked on the map: edit it — after the page's call has returned (a
        modal dialog inside the web channel's dispatch would hold the page's messages)."""
        QTimer.singleShot(0, self, lambda: self.edit_note(note_id))

    def edit_note(self, note_id: str) -> None:
        try:
            note = self.project.note(note_id)
        except KeyError:
            return
        dialog = NoteDialog(
            self, title=tr("Edit note"), text=note["text"], color=note.get("color", "#e6550d"), deletable=True
        )
        if not dialog.exec():
            return
        if dialog.deleted:
            self.edit(tr("Delete note"), lambda: self.project.remove_note(note_id))
        else:
            text, color = dialog.text(), dialog.color()
            self.edit(tr("Edit note"), lambda: self.project.update_note(note_id, text=text, color=color))
