"""Editing a project in the window, with undo: every edit (a style, a target, a join, a layer
added, removed or moved, themes, scenes, bookmarks, notes) goes through ``edit``, which keeps
the project's state before and after as one step on the window's QUndoStack; undo and redo
put a state back and the map, the panels and the targets follow. The dirty marker follows the
stack (undo back to the saved state and the window is clean again).

Also here: a layer's style set live (checked first: a style that cannot be drawn is said in
words and not applied), QGIS ``.qml`` import and export, joins, Project properties.

A part of the main window (mixed into ``MainWindow``; ``self`` is the window)."""

from __future__ import annotations

import logging
import zlib
from pathlib import Path

import shiboken6
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit

from ..atomic import atomic_write
from ..crs import crs_label, parse_crs, transformer
from ..joins import JoinReport, apply_joins
from ..project import same
from ..qml import QmlError, export_qml, keep_labels, parse_qml
from ..sources import LONLAT, LayerError, read_spec
from ..styles import StyleError, resolve_style
from ..targets import evaluate_targets
from ..web.page import layer_payload, replace_layer_js
from .i18n import tr
from .plaintext import make_plain
from .window_common import menu_text

log = logging.getLogger("ecoviewer.editing")

#: events of the project that an edit makes (kept on the undo stack); the others (visibility,
#: opacity, the basemap shown, a theme applied) mark the project changed without a step
TRACKED = {
    "style", "order", "targets", "joins", "restored", "added", "removed", "note_added",
    "note_changed", "note_removed", "themes", "scenes", "bookmarks", "basemaps",
}  # fmt: skip


class _ProjectEdit(QUndoCommand):
    """One edit: the project's state before and after. Edits with the same ``merge`` key in
    a row (dragging a slider, typing in a width) are one step."""

    def __init__(self, window, text: str, before: dict, after: dict, merge: str | None):
        super().__init__(menu_text(text))
        self.window, self.before, self.after, self.merge = window, before, after, merge
        self._done = True  # pushed after the change was made: the first redo does nothing

    def id(self) -> int:
        return (zlib.crc32(self.merge.encode("utf-8")) & 0x3FFFFFFF) + 1 if self.merge else -1

    def mergeWith(self, other) -> bool:
        if not isinstance(other, _ProjectEdit) or other.merge != self.merge or not self.merge:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.window.put_state(self.after, self.before)

    def undo(self) -> None:
        self.window.put_state(self.before, self.after)


class EditingMixin:
    def _build_editing(self) -> None:
        self._stash: dict = {}  # tables of layers taken out by undo (redo brings them back)
        self._untracked = False  # changed outside the undo stack (visibility, opacity …)
        self._editing = 0  # > 0 while an edit or an undo step changes the project
        self._style_version = 0
        self.undo_stack.cleanChanged.connect(lambda _clean: self._sync_dirty())
        self.undo_stack.indexChanged.connect(lambda _i: self._sync_dirty())

    # -- the one way an edit is made -------------------------------------------------------------
    def edit(self, text: str, change, merge: str | None = None):
        """Make ``change()`` to the project as one undoable step named ``text``; returns what
        ``change`` returns. Nothing is pushed when the project did not change."""
        if self._editing:  # inside another edit: part of its step
            return change()
        before = self.project.state()
        self._editing += 1
        try:
            return change()
        finally:  # what did change is one step even when the change failed halfway
            self._editing -= 1
            after = self.project.state()
            if not same(after, before):
                self.undo_stack.push(_ProjectEdit(self, text, before, after, merge))
                self._sync_dirty()

    def tracked_change(self, what: str) -> bool:
        """Whether a project event belongs to an undo step (else it marks the project changed)."""
        return what in TRACKED and self._editing > 0

    def _sync_dirty(self) -> None:
        # the stack's signals also come while the window is being destroyed: nothing to mark
        if not (shiboken6.isValid(self) and shiboken6.isValid(self.undo_stack)):
            return
        dirty = self._untracked or not self.undo_stack.isClean()
        if dirty != self.dirty:
            self.set_dirty(dirty)

    def mark_saved(self) -> None:
        self._untracked = False
        self.undo_stack.setClean()

    # -- the panels ------------------------------------------------------------------------------
    def _build_style_dock(self) -> None:
        from PySide6.QtCore import Qt

        from .style_panel import StylePanel

        self.style_dock = self._dock("Layer styling", "styling", Qt.DockWidgetArea.RightDockWidgetArea)
        self.style_panel = StylePanel(self)
        self.style_dock.setWidget(self.style_panel)
        self.tabifyDockWidget(self.identify_dock, self.style_dock)  # the right column's full height
        self.style_dock.hide()
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._style_follows())
        self.style_dock.visibilityChanged.connect(lambda on: on and self._style_follows())

    def _style_follows(self) -> None:
        """The styling panel shows the layer chosen in the Layers panel."""
        spec = self.current_layer()
        if self.style_dock.isVisible():
            self.style_panel.warm_up()
        if self.style_dock.isVisible() and (spec is None or spec.id != self.style_panel.layer_id):
            self.style_panel.show_layer(spec.id if spec else None)

    def show_styling(self, layer_id: str | None = None) -> None:
        """View → Layer styling (F7): the panel, on the current layer (or ``layer_id``)."""
        if layer_id is not None:
            self.tree.setCurrentIndex(self.model.index_of(layer_id))
        self.style_dock.show()
        self.style_dock.raise_()
        self.style_panel.warm_up()
        spec = self.current_layer()
        self.style_panel.show_layer(spec.id if spec else None)

    def _build_target_editor(self) -> None:
        from PySide6.QtCore import Qt

        from .target_editor import TargetEditor

        self.target_editor_dock = self._dock(
            "Target editor", "target_editor", Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.target_editor = TargetEditor(self)
        self.target_editor_dock.setWidget(self.target_editor)
        self.tabifyDockWidget(self.identify_dock, self.target_editor_dock)
        self.target_editor_dock.hide()

    def show_target_editor(self, target_id: str | None = None) -> None:
        """Layer → Target editor (Ctrl+T): on the selected target (or ``target_id``)."""
        self.target_editor_dock.show()
        self.target_editor_dock.raise_()
        chosen = target_id or getattr(self.session, "selected", None)
        if isinstance(chosen, str) and chosen != self.target_editor.original:
            self.target_editor.load(chosen)
        else:  # what is being typed stays
            self.target_editor.refresh_pickers()

    def join_dialog(self, layer_id: str | None = None):
        """Layer → Join a table… (Ctrl+J): the dialog, shown (returned for tests)."""
        from .join_dialog import JoinDialog

        spec = self.current_layer()
        dialog = JoinDialog(self, layer_id or (spec.id if spec else None))
        dialog.show()
        return dialog

    # -- undo and redo: a state put back, and everything that shows it follows ------------------
    def put_state(self, state: dict, other: dict) -> None:
        """Undo/redo: the project as ``state`` (``other``: the state it leaves)."""
        self.end_compare()
        self._editing += 1
        try:
            changed = self.project.restore(state)
        finally:
            self._editing -= 1
        if not changed:
            return
        old = {s.id: s for s in other["layers"]}
        if changed & {"layers", "joins"}:
            self._reconcile_tables()
        if "joins" in changed:
            for spec in self.project.layers:
                table = self.tables.get(spec.id)
                if table is not None and getattr(table, "kind", "") != "raster":
                    apply_joins(self.project.joins, spec.id, table, self.project.base_dir)
        ids = [s.id for s in self.project.layers]
        for spec in self.project.layers:
            was = old.get(spec.id)
            if spec.id not in self.tables:
                continue
            if "joins" in changed or was is None or (was.style, was.title) != (spec.style, spec.title):
                self.restyle_layer(spec.id)
            self.map.set_visible(spec.id, spec.visible)
            self.map.set_opacity(spec.id, spec.opacity)
        if "layers" in changed:
            self.map.call("setOrder", ids)
        if "annotations" in changed:
            from ..web.page import note_payload

            self.map.call("setNotes", [note_payload(n) for n in self.project.annotations])
        if "basemaps" in changed:
            self.map.set_basemaps(self.project, self.lang)
            self._fill_basemaps()
        if changed & {"themes", "scenes", "bookmarks"}:
            self._fill_scenes()
        self.model.refresh()
        if "measure_crs" in changed:
            self.measure_crs_changed()
        if changed & {"layers", "joins", "targets", "measure_crs"}:
            self.reevaluate()
        if hasattr(self, "style_panel"):
            self.style_panel.project_changed()
        if hasattr(self, "target_editor"):
            self.target_editor.project_changed(keep_typing=True)

    def _reconcile_tables(self) -> None:
        """The read tables follow the project's layers: a layer undone away keeps its table
        aside (redo brings it back without reading the file again)."""
        ids = {s.id for s in self.project.layers}
        for lid in list(self.tables):
            if lid not in ids:
                self._stash[lid] = self.session.drop_layer(lid)
                self.map.remove_layer(lid)
        for spec in self.project.layers:
            if spec.id in self.tables:
                continue
            table = self._stash.pop(spec.id, None)
            if table is None:
                try:
                    table = read_spec(spec)
                    if getattr(table, "kind", "") != "raster":
                        apply_joins(self.project.joins, spec.id, table, self.project.base_dir)
                except LayerError as exc:
                    self.model.errors[spec.id] = str(exc)
                    self.report(str(exc))
                    continue
            self.session.add_table(spec.id, table)  # the map adds it (window_loading)

    def reevaluate(self) -> None:
        """Evaluate the project's targets again (after an edit that changes what they read)."""
        if self.tables:
            self.session.set_results(evaluate_targets(self.project, self.tables))

    # -- styles --------------------------------------------------------------------------------
    def restyle_layer(self, layer_id: str) -> None:
        """Draw a layer again with its current style, in its place (a big layer's tiles are
        drawn anew: their URL carries a new version)."""
        spec = self.project.layer(layer_id)
        table = self.tables.get(layer_id)
        if table is None:
            return
        self._adopt(spec, table, quiet=True)
        payload = layer_payload(spec, table, self.lang, self.map.tile_url())
        self._style_version += 1
        if payload.tiles:
            self.map.add_tiled_layer(spec.id, table, payload.style)
        self.map.js(replace_layer_js(payload, self.lang, self._style_version))
        self.model.refresh()

    def style_problem(self, layer_id: str, style: dict) -> str | None:
        """Why ``style`` cannot be drawn on the layer (one line), or None."""
        import dataclasses

        spec = self.project.layer(layer_id)
        table = self.tables.get(layer_id)
        if getattr(table, "kind", "") == "raster":
            return None
        try:
            resolve_style(dataclasses.replace(spec, style=style), list(table.fields) if table else None)
        except StyleError as exc:
            text = str(exc)
            prefix = f"layer '{layer_id}' style"
            return text[len(prefix) :].lstrip(",: ") if text.startswith(prefix) else text
        return None

    def set_layer_style(self, layer_id: str, style: dict, merge: str | None = None) -> str | None:
        """Give a layer a style now (one undo step; ``merge`` joins steps of one control).
        A style that cannot be drawn is not applied: the problem is returned in words."""
        problem = self.style_problem(layer_id, style)
        if problem:
            return problem
        spec = self.project.layer(layer_id)
        if same(spec.style, style):
            return None
        title = tr("Style of {0}").format(spec.display_title(self.lang))
        self.edit(title, lambda: self.project.set_style(layer_id, style), merge)
        self.restyle_layer(layer_id)
        return None

    def import_style(self, layer_id: str, path: str | Path) -> list[str]:
        """Layer → Import QGIS style…: the .qml's style on the layer; returns what it could not
        take (also said in Messages). One line when it cannot be a style."""
        path = Path(path)
        try:
            data = path.read_bytes()
            result = parse_qml(data)
        except OSError as exc:
            self.report(f"{path.name}: {exc.strerror or exc}")
            return []
        except QmlError as exc:
            self.report(f"{path.name}: {exc}")
            return []
        spec = self.project.layer(layer_id)
        style = keep_labels(result.style, spec.style or {})
        problem = self.set_layer_style(layer_id, style)
        if problem:
            self.report(f"{path.name}: {problem}")
            return []
        for line in result.unsupported:
            self.report(f"{path.name}: {line}")
        if hasattr(self, "style_panel"):
            self.style_panel.project_changed()
        return result.unsupported

    def export_style(self, layer_id: str, path: str | Path) -> list[str]:
        """Layer → Export QGIS style…: a .qml of the layer's style; returns what it leaves out."""
        spec = self.project.layer(layer_id)
        table = self.tables.get(layer_id)
        shape = table.shape if table is not None and getattr(table, "kind", "") != "raster" else "polygon"
        try:
            text, left = export_qml(spec.style or {}, shape, self.lang)
        except QmlError as exc:
            self.report(f"{Path(path).name}: {exc}")
            return []
        try:
            atomic_write(Path(path), text)
        except OSError as exc:
            self.report(f"{Path(path).name}: {exc.strerror or exc}")
            return left
        for line in left:
            self.report(f"{Path(path).name}: {line}")
        return left

    def import_style_dialog(self) -> None:
        spec = self.current_layer()
        if spec is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Import QGIS style"), str(self.project.base_dir), tr("QGIS styles (*.qml)")
        )
        if path:
            self.import_style(spec.id, path)

    def export_style_dialog(self) -> None:
        spec = self.current_layer()
        if spec is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("Export QGIS style"),
            str(self.project.base_dir / f"{spec.id}.qml"),
            tr("QGIS styles (*.qml)"),
        )
        if path:
            self.export_style(spec.id, path if path.lower().endswith(".qml") else path + ".qml")

    # -- layer order ------------------------------------------------------------------------------
    def move_current_layer(self, step: int) -> None:
        """Layer → Raise/Lower layer (Ctrl+Up/Down): the current layer in the drawing order."""
        spec = self.current_layer()
        if spec is not None:
            self.move_layer(spec.id, step)

    def move_layer(self, layer_id: str, step: int) -> None:
        """Raise (+1) or lower (-1) a layer in the drawing order, as one undo step."""
        spec = self.project.layer(layer_id)
        index = self.project.layers.index(spec) + step
        self.edit(
            tr("Move {0}").format(spec.display_title(self.lang)),
            lambda: self.project.move_layer(layer_id, index),
        )
        self.map.call("setOrder", [s.id for s in self.project.layers])
        self.model.refresh()
        self.tree.setCurrentIndex(self.model.index_of(layer_id))

    # -- targets ------------------------------------------------------------------------------------
    def put_target(self, raw: dict, replace: str | None = None) -> None:
        """Add a target (or replace one), as one undo step; evaluated again at once."""
        text = tr("Edit target {0}") if replace else tr("Add target {0}")
        self.edit(text.format(raw.get("id", "")), lambda: self.project.put_target(raw, replace))
        self.target_model.set_results(self.project, self.results)
        self.reevaluate()

    def remove_target(self, target_id: str) -> None:
        self.edit(tr("Delete target {0}").format(target_id), lambda: self.project.remove_target(target_id))
        self.reevaluate()

    # -- joins --------------------------------------------------------------------------------------
    def add_join(self, raw: dict) -> JoinReport | None:
        """Join a table to a layer (one undo step): the fields join the layer at once, its
        targets are evaluated again; what did not match is said in Messages."""
        table = self.tables.get(raw.get("layer"))
        if table is None or getattr(table, "kind", "") == "raster":
            self.report(
                tr("{0}: only a loaded vector layer can have a table joined").format(raw.get("layer"))
            )
            return None
        self.edit(tr("Join {0}").format(Path(raw["path"]).name), lambda: self.project.add_join(raw))
        reports = apply_joins(self.project.joins, raw["layer"], table, self.project.base_dir)
        for line in table.join_problems:  # this join's lines (those of the others were said)
            if line.startswith(f"{raw['path']}: "):
                self.report(line)
        self.restyle_layer(raw["layer"])
        self.reevaluate()
        if hasattr(self, "style_panel"):
            self.style_panel.project_changed()
        return next((r for r in reversed(reports) if Path(r.display).name == Path(raw["path"]).name), None)

    def remove_join(self, index: int) -> None:
        raw = self.project.joins[index]
        self.edit(
            tr("Remove join {0}").format(Path(raw["path"]).name), lambda: self.project.remove_join(index)
        )
        table = self.tables.get(raw["layer"])
        if table is not None:
            apply_joins(self.project.joins, raw["layer"], table, self.project.base_dir)
            self.restyle_layer(raw["layer"])
        self.reevaluate()

    # -- the project's own properties ------------------------------------------------------------
    def set_measure_crs(self, text: str) -> str | None:
        """The metric CRS targets measure in (one undo step); the problem in words, or None."""
        try:
            crs = parse_crs(text)
        except ValueError as exc:
            return str(exc)
        if crs.is_geographic:
            return tr("{0} is not metric (lengths and areas need metres)").format(text)

        def change() -> None:
            self.project.measure_crs = text.strip()

        self.edit(tr("Measure CRS {0}").format(text.strip()), change)
        self.measure_crs_changed()
        self.reevaluate()
        return None

    def measure_crs_changed(self) -> None:
        """The status bar's metric coordinates and Copy coordinates follow the measure CRS."""
        try:
            crs = parse_crs(self.project.measure_crs)
        except ValueError:
            self._to_metric = None
            return
        self._to_metric = transformer(LONLAT, crs)
        self._metric_label = crs_label(crs)

    def project_properties(self) -> QDialog:
        """File → Project properties…: the project's name and its measure CRS."""
        dialog = QDialog(self)
        dialog.setWindowTitle(tr("Project properties"))
        form = QFormLayout(dialog)
        name = QLineEdit(self.project.name)
        crs = QLineEdit(self.project.measure_crs)
        crs_name = QLabel(self._crs_name(self.project.measure_crs))
        problem = QLabel("")
        problem.setStyleSheet("color: #b00020")
        make_plain(crs_name, problem)
        for label in (crs_name, problem):
            label.setWordWrap(True)
        crs.textChanged.connect(lambda t: crs_name.setText(self._crs_name(t)))
        form.addRow(tr("Name"), name)
        form.addRow(tr("Measure CRS"), crs)
        form.addRow("", crs_name)
        form.addRow("", problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form.addRow(buttons)

        def accept() -> None:
            why = self.set_measure_crs(crs.text()) if crs.text().strip() != self.project.measure_crs else None
            if why:
                problem.setText(why)
                return
            if name.text().strip() and name.text().strip() != self.project.name:
                new = name.text().strip()

                def rename() -> None:
                    self.project.name = new

                self.edit(tr("Rename project"), rename)
                self.set_dirty(self.dirty)
            dialog.accept()

        buttons.accepted.connect(accept)
        buttons.rejected.connect(dialog.reject)
        dialog.show()
        return dialog

    @staticmethod
    def _crs_name(text: str) -> str:
        try:
            return crs_label(parse_crs(text)) or ""
        except ValueError:
            return ""
