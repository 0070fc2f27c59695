"""The Layers panel: the layer tree, opacity, zoom to layer, Layer properties (from the
core's one description of a layer, ``describe.py``) and attribute tables docked under the map.

A part of the main window (mixed into ``MainWindow``; ``self`` is the window)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QTreeView,
    QWidget,
)

from ..describe import describe_spec
from ..project import LayerSpec, localized
from .attribute_table import AttributeTable
from .i18n import tr
from .problems_zh import localize as localize_problem
from .window_common import menu_text


class LayersMixin:
    def _build_layer_dock(self) -> None:
        dock = self._dock("Layers", "layers", Qt.DockWidgetArea.LeftDockWidgetArea)
        panel, box = self._panel()
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        self.tree.doubleClicked.connect(lambda idx: self.zoom_to_layer())
        self.model.modelReset.connect(self.tree.expandAll)
        self.model.modelReset.connect(self._sync_opacity)
        self.tree.expandAll()
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._sync_opacity())
        box.addWidget(self.tree)
        row = QHBoxLayout()
        opacity_label = QLabel()
        self._text(opacity_label.setText, "Opacity")
        row.addWidget(opacity_label)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(100)
        self.opacity.setEnabled(False)
        self.opacity.valueChanged.connect(self._opacity_changed)
        row.addWidget(self.opacity)
        box.addLayout(row)
        row = QHBoxLayout()
        for text, slot in (("Zoom to layer", self.zoom_to_layer), ("Properties…", self.show_properties)):
            button = QPushButton()
            self._text(button.setText, text)
            button.clicked.connect(slot)
            row.addWidget(button)
        box.addLayout(row)
        box.addWidget(self._build_basemap_box())
        dock.setWidget(panel)
        self.layer_dock = dock

    # -- the basemap under the layers: which one (or none), its opacity, grey for print -----
    def _build_basemap_box(self) -> QWidget:
        self.basemap_box = QWidget()
        grid = QGridLayout(self.basemap_box)
        grid.setContentsMargins(0, 6, 0, 0)
        label = QLabel()
        self._text(label.setText, "Basemap")
        self.basemap_combo = QComboBox()
        self.basemap_combo.currentIndexChanged.connect(self._basemap_chosen)
        label.setBuddy(self.basemap_combo)
        self.basemap_opacity = QSlider(Qt.Orientation.Horizontal)
        self.basemap_opacity.setRange(0, 100)
        self.basemap_opacity.valueChanged.connect(self._basemap_look_changed)
        self.basemap_grey = QCheckBox()
        self._text(self.basemap_grey.setText, "Grey (for printing)")
        self.basemap_grey.toggled.connect(self._basemap_look_changed)
        grid.addWidget(label, 0, 0)
        grid.addWidget(self.basemap_combo, 0, 1)
        grid.addWidget(self.basemap_opacity, 1, 1)
        grid.addWidget(self.basemap_grey, 2, 1)
        self.basemap_box.hide()
        return self.basemap_box

    def open_basemaps(self) -> list:
        """Open the project's basemaps (quick: metadata only); one line for each that cannot
        be shown — the others and every layer still load. Returns those that opened."""
        from ..basemaps import BasemapError, opened

        ok = []
        for spec in self.project.basemaps:
            try:
                base = opened(spec)
            except BasemapError as exc:
                self.report(str(exc))
                continue
            ok.append(base)
            for problem in base.problems:
                self.report(f"{spec.path}: {problem}")
        self._fill_basemaps()
        return ok

    def _fill_basemaps(self) -> None:
        """The picker shows the project's basemaps (hidden when it has none)."""
        combo = self.basemap_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("None"), None)
        for spec in self.project.basemaps:
            combo.addItem(spec.display_title(self.lang), spec.id)
        shown = self.project.shown_basemap
        combo.setCurrentIndex(combo.findData(shown.id) if shown else 0)
        combo.blockSignals(False)
        self._sync_basemap_look()
        self.basemap_box.setVisible(bool(self.project.basemaps))

    def _sync_basemap_look(self) -> None:
        shown = self.project.shown_basemap
        for widget in (self.basemap_opacity, self.basemap_grey):
            widget.blockSignals(True)
            widget.setEnabled(shown is not None)
        self.basemap_opacity.setValue(round(shown.opacity * 100) if shown else 100)
        self.basemap_grey.setChecked(bool(shown and shown.grey))
        for widget in (self.basemap_opacity, self.basemap_grey):
            widget.blockSignals(False)

    def _basemap_chosen(self, index: int) -> None:
        self.project.show_basemap(self.basemap_combo.itemData(index))

    def _basemap_look_changed(self, *_args) -> None:
        shown = self.project.shown_basemap
        if shown is not None:
            self.project.set_basemap_look(
                shown.id, opacity=self.basemap_opacity.value() / 100, grey=self.basemap_grey.isChecked()
            )

    def basemap_changed(self, what: str, spec) -> None:
        """The project's basemap changed (picker, theme, scene, undo): the map and the picker follow."""
        if what == "basemap":
            self.map.show_basemap(spec.id if spec is not None else None)
            index = self.basemap_combo.findData(spec.id) if spec is not None else 0
            self.basemap_combo.blockSignals(True)
            self.basemap_combo.setCurrentIndex(max(0, index))
            self.basemap_combo.blockSignals(False)
            self._sync_basemap_look()
        elif what == "basemap_look":
            self.map.set_basemap_look(spec.id, spec.opacity, spec.grey)
            self._sync_basemap_look()

    def current_layer(self) -> LayerSpec | None:
        return self.model.layer_at(self.tree.currentIndex())

    def zoom_to_layer(self) -> None:
        spec = self.current_layer()
        if spec is not None:
            self.map.fit_layer(spec.id)

    def _sync_opacity(self) -> None:
        spec = self.current_layer()
        self.opacity.setEnabled(spec is not None)
        # no layer chosen: disabled, at full opacity (it read 0, as if layers were hidden)
        self.opacity.blockSignals(True)
        self.opacity.setValue(round(spec.opacity * 100) if spec is not None else 100)
        self.opacity.blockSignals(False)

    def _opacity_changed(self, value: int) -> None:
        spec = self.current_layer()
        if spec is not None:
            self.project.set_opacity(spec.id, value / 100.0)

    def _tree_menu(self, pos) -> None:
        index = self.tree.indexAt(pos)
        spec = self.model.layer_at(index)
        if spec is None:
            return
        self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(tr("Zoom to layer"), self.zoom_to_layer)
        menu.addAction(tr("Properties…"), self.show_properties)
        menu.addAction(tr("Attribute table"), lambda: self.open_attribute_table(spec.id))
        menu.addAction(tr("Layer styling"), lambda: self.show_styling(spec.id))
        menu.addAction(tr("Join a table…"), lambda: self.join_dialog(spec.id))
        for i, join in enumerate(self.project.joins):
            if isinstance(join, dict) and join.get("layer") == spec.id:
                name = menu_text(Path(str(join.get("path", ""))).name)
                menu.addAction(tr("Remove join {0}").format(name), lambda i=i: self.remove_join(i))
        menu.addSeparator()
        menu.addAction(tr("Remove layer"), lambda: self.remove_layer(spec.id))
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def layer_properties(self, spec: LayerSpec) -> list[tuple[str, str]]:
        """Layer properties as (label, value) rows: the core's report of the layer, laid out."""
        r = describe_spec(spec, self.tables.get(spec.id), self.model.errors.get(spec.id, tr("not loaded")))
        rows = [
            (tr("Title"), f"{localized(spec.title, 'zh')} / {localized(spec.title, 'en')}"),
            (tr("Source"), spec.location + (f" [{spec.layer}]" if spec.layer else "")),
        ]
        if not r.ok:
            return [*rows, (tr("Error"), localize_problem(r.error, self.lang))]
        return [
            *rows,
            (tr("Format"), r.driver),
            (tr("CRS"), (r.crs or "") + (tr(" (assumed)") if r.crs_assumed else "")),
            (tr("Encoding"), f"{r.encoding or '—'} ({r.encoding_how})"),
            (tr("Features"), f"{r.features:,}"),
            (tr("Geometry"), ", ".join(r.geometry_types) or "—"),
            (tr("Extent"), ", ".join(f"{v:.5f}" for v in r.bounds) if r.bounds else "—"),
            (tr("Fields"), ", ".join(r.fields) or "—"),
            (tr("Problems"), "\n".join(localize_problem(p, self.lang) for p in r.problems) or tr("none")),
        ]

    def show_properties(self) -> QDialog | None:
        """Layer properties of the current layer, in a dialog (returned; None: no layer)."""
        spec = self.current_layer()
        if spec is None:
            return None
        dialog = QDialog(self)
        dialog.setWindowTitle(tr("Layer properties — {0}").format(spec.display_title(self.lang)))
        form = QFormLayout(dialog)
        for key, value in self.layer_properties(spec):
            if "\n" in value or len(value) > 80:
                text = QPlainTextEdit(value)
                text.setReadOnly(True)
                text.setMaximumHeight(90)
                form.addRow(key, text)
            else:
                label = QLabel(value)
                label.setTextFormat(Qt.TextFormat.PlainText)  # attribute text is never HTML
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                form.addRow(key, label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        dialog.open()
        self._properties_dialog = dialog  # kept alive while it is open
        return dialog

    def open_attribute_table(self, layer_id: str | None = None):
        spec = self.project.layer(layer_id) if layer_id else self.current_layer()
        if spec is None or spec.id not in self.tables:
            return None
        if getattr(self.tables[spec.id], "kind", "") == "raster":  # pixels, not rows
            self.statusBar().showMessage(tr("A raster layer has no attribute table"), 5000)
            return None
        dialog = AttributeTable(spec.id, spec.display_title(self.lang), self.tables[spec.id], self)
        dialog.rows_selected.connect(self._rows_selected)
        # docked under the map (beside Messages), not a window over the map where "Zoom to
        # selection" shows its result; it can be floated like any panel
        dialog.setWindowFlags(Qt.WindowType.Widget)
        dock = QDockWidget(dialog.windowTitle(), self)
        dock.setObjectName(f"attributes-{spec.id}")
        dock.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dock.setWidget(dialog)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.tabifyDockWidget(self.message_dock, dock)
        dock.show()
        dock.raise_()
        self.resizeDocks([dock], [260], Qt.Orientation.Vertical)
        dialog.dock = dock
        dialog.finished.connect(lambda *_: dock.close())  # its own Close/Esc close the panel
        dock.destroyed.connect(
            lambda *_: self.attribute_tables.remove(dialog) if dialog in self.attribute_tables else None
        )
        self.attribute_tables.append(dialog)
        return dialog

    def _rows_selected(self, layer_id: str, rows, zoom: int) -> None:
        if len(rows):
            self.project.set_visible(layer_id, True)
        self.map.select_rows(layer_id, rows, self.tables[layer_id], zoom)
