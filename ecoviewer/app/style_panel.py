"""The Layer styling panel (QGIS's styling dock is the yardstick): single, categorized or
graduated symbols, classes made from the data (unique values with their counts; equal
interval, quantile or natural breaks with a histogram), colour ramps, fill, stroke, opacity,
width, dash and point size, the label field with a filter, the tooltip's fields in order.

Every change is applied at once (one undo step per control, see ``window_editing``); a value
that cannot be drawn — a colour typed as ``#12345``, class bounds out of order — is said in
words under the controls and the map keeps the last good style. Only widgets here: the style
tables are made by ``symbology.py`` and checked by ``styles.py``.
"""

from __future__ import annotations

import copy
import threading

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import symbology, validate
from ..project import localized
from ..styles import PALETTE
from .i18n import tr
from .plaintext import make_plain
from .problems_zh import localize_known

KINDS = (("single", "Single symbol"), ("categorized", "Categorized"), ("graduated", "Graduated"))
METHODS = (("quantile", "Quantile (equal count)"), ("equal_interval", "Equal interval"),
           ("natural_breaks", "Natural breaks (Jenks)"))  # fmt: skip
VALUE, LABEL, COUNT, COLOUR = range(4)
_SYMBOL_KEYS = ("color", "stroke", "weight", "fill_opacity", "opacity", "radius", "dash")


class Histogram(QWidget):
    """Bars of a numeric field's values, with the class bounds drawn over them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts: list[int] = []
        self.edges: list[float] = []
        self.breaks: list[float] = []
        self.setMinimumHeight(70)

    def sizeHint(self) -> QSize:
        return QSize(240, 80)

    def set_data(self, values: np.ndarray | None, breaks: list[float]) -> None:
        self.counts, self.edges = symbology.histogram(values) if values is not None else ([], [])
        self.breaks = list(breaks)
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#ffffff"))
        if not self.counts:
            return
        w, h = self.width(), self.height() - 4
        top = max(self.counts) or 1
        bar = w / len(self.counts)
        for i, c in enumerate(self.counts):
            bh = h * c / top
            p.fillRect(int(i * bar) + 1, int(h - bh) + 2, max(1, int(bar) - 1), int(bh), QColor("#9ecae1"))
        lo, hi = self.edges[0], self.edges[-1]
        if hi > lo:
            p.setPen(QPen(QColor("#d7301f"), 1.5))
            for b in self.breaks[:-1]:
                x = int((b - lo) / (hi - lo) * w)
                p.drawLine(x, 0, x, self.height())


class StylePanel(QWidget):
    """The panel's widgets; ``window`` applies what they say (``set_layer_style``)."""

    def __init__(self, window):
        super().__init__()
        self.window = window
        self.layer_id: str | None = None
        self._loading = False
        self._where_shown = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        box = QVBoxLayout(body)
        self.title = QLabel("")
        make_plain(self.title)
        self.title.setStyleSheet("font-weight: bold")
        box.addWidget(self.title)
        form = QFormLayout()
        box.addLayout(form)
        self.kind = QComboBox()
        for key, text in KINDS:
            self.kind.addItem(tr(text), key)
        self.field = QComboBox()
        form.addRow(tr("Symbols"), self.kind)
        form.addRow(tr("Field"), self.field)

        # classes: the table of categories or ranges, and how they are made
        self.class_box = QGroupBox(tr("Classes"))
        cbox = QVBoxLayout(self.class_box)
        row = QHBoxLayout()
        self.method = QComboBox()
        for key, text in METHODS:
            self.method.addItem(tr(text), key)
        self.classes = QSpinBox()
        self.classes.setRange(2, 12)
        self.classes.setValue(5)
        self.classes.setAccessibleName(tr("Classes"))
        row.addWidget(self.method, 1)
        row.addWidget(self.classes)
        cbox.addLayout(row)
        row = QHBoxLayout()
        self.ramp = QComboBox()
        self.ramp.setAccessibleName(tr("Colour ramp"))
        self.ramp.addItem(tr("Default"), None)  # categories: the palette; graduated: YlOrRd
        for name in symbology.RAMPS:
            self.ramp.addItem(name, name)
        self.classify_button = QPushButton(tr("Classify"))
        row.addWidget(QLabel(tr("Colour ramp")))
        row.addWidget(self.ramp, 1)
        row.addWidget(self.classify_button)
        cbox.addLayout(row)
        self.histogram = Histogram()
        cbox.addWidget(self.histogram)
        self.table = QTableWidget(0, 4)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(160)
        cbox.addWidget(self.table)
        row = QHBoxLayout()
        self.colour_button = QPushButton(tr("Colour…"))
        self.merge_button = QPushButton(tr("Merge"))
        self.delete_button = QPushButton(tr("Delete"))
        self.class_up = QPushButton(tr("Up"))
        self.class_down = QPushButton(tr("Down"))
        for b in (self.colour_button, self.merge_button, self.delete_button, self.class_up, self.class_down):
            row.addWidget(b)
        cbox.addLayout(row)
        self.other = QCheckBox(tr("All other values"))
        cbox.addWidget(self.other)
        box.addWidget(self.class_box)

        # the symbol every class shares
        sym = QGroupBox(tr("Symbol"))
        sform = QFormLayout(sym)
        self.fill_color = QLineEdit()
        self.stroke_color = QLineEdit()
        self.stroke_color.setPlaceholderText(tr("as the fill"))
        self.fill_opacity = QDoubleSpinBox()
        self.fill_opacity.setRange(0, 1)
        self.fill_opacity.setSingleStep(0.05)
        self.weight = QDoubleSpinBox()
        self.weight.setRange(0, 100)
        self.weight.setSingleStep(0.5)
        self.dash = QLineEdit()
        self.dash.setPlaceholderText("6 3")
        self.radius = QDoubleSpinBox()
        self.radius.setRange(0, 200)
        self.radius.setSingleStep(1)
        sform.addRow(tr("Fill colour"), self.fill_color)
        sform.addRow(tr("Stroke colour"), self.stroke_color)
        sform.addRow(tr("Fill opacity"), self.fill_opacity)
        sform.addRow(tr("Stroke width"), self.weight)
        sform.addRow(tr("Dash"), self.dash)
        sform.addRow(tr("Point size"), self.radius)
        box.addWidget(sym)

        # labels and tooltips
        lab = QGroupBox(tr("Labels"))
        lform = QFormLayout(lab)
        self.label_field = QComboBox()
        self.label_where_field = QComboBox()
        self.label_where_values = QListWidget()
        self.label_where_values.setMaximumHeight(90)
        lform.addRow(tr("Label field"), self.label_field)
        lform.addRow(tr("Only where"), self.label_where_field)
        lform.addRow("", self.label_where_values)
        box.addWidget(lab)
        tip = QGroupBox(tr("Tooltip fields"))
        tbox = QVBoxLayout(tip)
        self.tooltip_list = QListWidget()
        self.tooltip_list.setMaximumHeight(130)
        tbox.addWidget(self.tooltip_list)
        row = QHBoxLayout()
        self.tip_up = QPushButton(tr("Up"))
        self.tip_down = QPushButton(tr("Down"))
        row.addWidget(self.tip_up)
        row.addWidget(self.tip_down)
        tbox.addLayout(row)
        box.addWidget(tip)

        row = QHBoxLayout()
        self.import_button = QPushButton(tr("Import QGIS style…"))
        self.export_button = QPushButton(tr("Export QGIS style…"))
        row.addWidget(self.import_button)
        row.addWidget(self.export_button)
        box.addLayout(row)
        self.problem = QLabel("")
        make_plain(self.problem)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        box.addWidget(self.problem)
        box.addStretch(1)

        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.field.currentIndexChanged.connect(lambda _i: self._field_changed())
        self.classify_button.clicked.connect(lambda: self.classify())
        self.method.currentIndexChanged.connect(lambda _i: self._reclassify("method"))
        self.classes.valueChanged.connect(lambda _v: self._reclassify("classes"))
        self.ramp.currentIndexChanged.connect(lambda _i: self._recolour())
        self.table.itemChanged.connect(self._item_changed)
        self.colour_button.clicked.connect(self.pick_colour)
        self.merge_button.clicked.connect(self.merge_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.class_up.clicked.connect(lambda: self.move_class(-1))
        self.class_down.clicked.connect(lambda: self.move_class(1))
        self.other.toggled.connect(lambda _on: self.apply("other"))
        for name in ("fill_color", "stroke_color", "dash"):
            getattr(self, name).textChanged.connect(lambda _t, n=name: self.apply(n))
        for name in ("fill_opacity", "weight", "radius"):
            getattr(self, name).valueChanged.connect(lambda _v, n=name: self.apply(n))
        self.label_field.currentIndexChanged.connect(lambda _i: self.apply("label"))
        self.label_where_field.currentIndexChanged.connect(lambda _i: self._where_field_changed())
        self.label_where_values.itemChanged.connect(lambda _item: self.apply("label_where"))
        self.tooltip_list.itemChanged.connect(lambda _item: self.apply("tooltip"))
        self.tip_up.clicked.connect(lambda: self._move_tip(-1))
        self.tip_down.clicked.connect(lambda: self._move_tip(1))
        self.import_button.clicked.connect(lambda: self.window.import_style_dialog())
        self.export_button.clicked.connect(lambda: self.window.export_style_dialog())
        self._classes_shown()
        self._warmed = False

    def warm_up(self) -> None:
        """Import natural breaks' library on a worker thread, once, when the panel is first
        shown (not at start-up: it costs seconds of CPU)."""
        if not self._warmed:
            self._warmed = True
            threading.Thread(target=symbology.warm_up, daemon=True).start()

    # -- what the panel shows --------------------------------------------------------------------
    def _table(self):
        return self.window.tables.get(self.layer_id) if self.layer_id else None

    def _spec(self):
        try:
            return self.window.project.layer(self.layer_id) if self.layer_id else None
        except KeyError:
            return None

    def project_changed(self) -> None:
        """The project changed under the panel (undo, a join, an import): show it again."""
        self.show_layer(self.layer_id if self._spec() is not None else None)

    def show_layer(self, layer_id: str | None) -> None:
        """Show a layer's style (None or a raster: nothing to edit)."""
        self.layer_id = layer_id
        spec, table = self._spec(), self._table()
        editable = spec is not None and table is not None and getattr(table, "kind", "") != "raster"
        self.setEnabled(editable)
        self.problem.setText("")
        if not editable:
            self.title.setText(tr("Choose a vector layer in the Layers panel") if spec is None else
                               tr("{0}: a raster's colours are set by its ramp in the project file")
                               .format(spec.display_title(self.window.lang)))  # fmt: skip
            return
        problem = self.window.style_problem(spec.id, spec.style or {})
        self._loading = True
        try:
            self._load(spec, table)
        except (TypeError, ValueError, KeyError, AttributeError):  # a style the file got wrong
            problem = problem or tr("the style in the project file cannot be shown here")
        finally:
            self._loading = False
        if problem:  # drawn with the default style meanwhile; a change here replaces it
            self.problem.setText(localize_known(problem, self.window.lang))

    def _load(self, spec, table) -> None:
        style = spec.style or {}
        lang = self.window.lang
        self.title.setText(spec.display_title(lang))
        kinds = [k for k, _ in KINDS]
        self.kind.setCurrentIndex(kinds.index(style["kind"]) if style.get("kind") in kinds else 0)
        names = list(table.fields)
        self.field.clear()
        self.field.addItems(names)
        if style.get("field") in names:
            self.field.setCurrentText(style["field"])
        self.method.setCurrentIndex(max(0, self.method.findData(style.get("method", "quantile"))))
        if style.get("kind") == "graduated":
            self.classes.setValue(max(2, min(12, len(style.get("classes", [])) or 5)))
        ramp = style.get("ramp")
        self.ramp.setCurrentIndex(max(0, self.ramp.findData(ramp)) if isinstance(ramp, str) else 0)
        self.fill_color.setText(str(style.get("color", PALETTE[0])))
        self.stroke_color.setText(str(style.get("stroke", "")))
        self.fill_opacity.setValue(float(style.get("fill_opacity", 0.5)))
        self.weight.setValue(float(style.get("weight", 1.5)))
        self.dash.setText(str(style.get("dash", "")))
        self.radius.setValue(float(style.get("radius", 5)))
        self.label_field.clear()
        self.label_field.addItem(tr("(no labels)"), "")
        for n in names:
            self.label_field.addItem(n, n)
        self.label_field.setCurrentIndex(max(0, self.label_field.findData(style.get("label") or "")))
        where = style.get("label_where") or {}
        self.label_where_field.clear()
        self.label_where_field.addItem(tr("(every feature)"), "")
        for n in names:
            self.label_where_field.addItem(n, n)
        wfield = next(iter(where), "")
        self._where_shown = wfield  # the one field of label_where the panel edits
        self.label_where_field.setCurrentIndex(max(0, self.label_where_field.findData(wfield)))
        allowed = where.get(wfield, []) if wfield else []
        self._fill_where_values([str(a) for a in (allowed if isinstance(allowed, list) else [allowed])])
        self.tooltip_list.clear()
        shown = [t for t in style.get("tooltip", []) if t in names]
        for n in shown + [n for n in names if n not in shown]:
            item = QListWidgetItem(n)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if n in shown else Qt.CheckState.Unchecked)
            self.tooltip_list.addItem(item)
        self._fill_table(style)
        self._classes_shown()

    def _fill_table(self, style: dict) -> None:
        kind = style.get("kind", "single")
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        lang = self.window.lang
        counts = self._value_counts()
        if kind == "categorized":
            self.table.setHorizontalHeaderLabels([tr("Value"), tr("Legend"), tr("Count"), tr("Colour")])
            for value, sym in (style.get("categories") or {}).items():
                sym = sym if isinstance(sym, dict) else {"color": sym}
                values = [value, *[str(v) for v in sym.get("values", [])]]
                n = sum(counts.get(v, 0) for v in values)
                self._add_row(" + ".join(values), sym, localized(sym.get("label", value), lang), n, values)
            other = style.get("other")
            self.other.blockSignals(True)
            self.other.setChecked(other is not None)
            self.other.blockSignals(False)
            if other is not None:
                other = other if isinstance(other, dict) else {"color": other}
                known = {k for r in range(self.table.rowCount()) for k in self._row_values(r)}
                n = sum(c for v, c in counts.items() if v not in known)
                label = localized(other.get("label", {"zh": "其他", "en": "Other"}), lang)
                self._add_row(tr("(all other values)"), other, label, n, None)
        elif kind == "graduated":
            self.table.setHorizontalHeaderLabels([tr("Up to"), tr("Legend"), tr("Count"), tr("Colour")])
            values = self._numbers()
            prev = -np.inf
            for cls in style.get("classes", []):
                hi = float(cls.get("max", 0))
                n = int(((values > prev) & (values <= hi)).sum()) if values is not None else 0
                prev = hi
                self._add_row(
                    f"{hi:g}", cls, localized(cls.get("label", f"≤ {hi:g}"), lang), n, None, editable=True
                )
        self.table.blockSignals(False)
        breaks = [float(c.get("max", 0)) for c in style.get("classes", [])] if kind == "graduated" else []
        self.histogram.set_data(self._numbers() if kind == "graduated" else None, breaks)

    def _add_row(self, value: str, sym: dict, label: str, count: int, values, editable: bool = False) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        first = QTableWidgetItem(value)
        first.setData(Qt.ItemDataRole.UserRole, {"sym": copy.deepcopy(sym), "values": values, "label": label})
        if not editable:
            first.setFlags(first.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(r, VALUE, first)
        self.table.setItem(r, LABEL, QTableWidgetItem(label))
        n = QTableWidgetItem(f"{count:,}")
        n.setFlags(n.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(r, COUNT, n)
        colour = QTableWidgetItem(str(sym.get("color", "")))
        self._paint(colour)
        self.table.setItem(r, COLOUR, colour)

    @staticmethod
    def _paint(item: QTableWidgetItem) -> None:
        try:
            c = QColor(validate.color(item.text()))
        except ValueError:
            c = QColor("#ffffff")
        if c.isValid():
            item.setBackground(c)
            item.setForeground(QColor("#000000") if c.lightness() > 128 else QColor("#ffffff"))

    def _row_values(self, r: int) -> list[str]:
        data = self.table.item(r, VALUE).data(Qt.ItemDataRole.UserRole) or {}
        return data.get("values") or []

    def _classes_shown(self) -> None:
        kind = self.kind.currentData()
        self.class_box.setVisible(kind != "single")
        self.field.setEnabled(kind != "single")
        graduated = kind == "graduated"
        for w in (self.method, self.classes, self.histogram):
            w.setVisible(graduated)
        for w in (self.merge_button, self.other, self.class_up, self.class_down):
            w.setVisible(kind == "categorized")
        self.fill_color.setEnabled(kind == "single")

    # -- the data behind it ----------------------------------------------------------------------
    def _column(self):
        table = self._table()
        name = self.field.currentText()
        return table.fields.get(name) if table is not None and name else None

    def _numbers(self) -> np.ndarray | None:
        col = self._column()
        return symbology.numeric_values(col) if col is not None else None

    def _value_counts(self) -> dict[str, int]:
        col = self._column()
        if col is None:
            return {}
        return {symbology.category_key(v): n for v, n in symbology.unique_counts(col)}

    # -- making classes --------------------------------------------------------------------------
    def classify(self, control: str = "classify") -> None:
        """Classify: a categorized layer's classes are its field's values (colours already
        given to a value are kept), a graduated one's are made by the chosen method."""
        col = self._column()
        kind = self.kind.currentData()
        if col is None or kind == "single":
            return
        style = self.build_style()
        ramp = self.ramp.currentData()
        if kind == "categorized":
            old = style.get("categories") or {}
            made = symbology.categorized(self.field.currentText(), col, ramp)["categories"]
            style["categories"] = {k: old.get(k, v) if ramp is None else {**old.get(k, {}), **v}
                                   for k, v in made.items()}  # fmt: skip
            style.pop("classes", None)
        else:
            values = symbology.numeric_values(col)
            if values is None or len(values) == 0:
                self.problem.setText(tr("'{0}' is not a numeric field: choose one for graduated symbols")
                                     .format(self.field.currentText()))  # fmt: skip
                return
            made = symbology.graduated(self.field.currentText(), values, self.method.currentData(),
                                       self.classes.value(),
                                       ramp or symbology.DEFAULT_GRADUATED_RAMP)  # fmt: skip
            style["classes"] = made["classes"]
            style["method"] = made["method"]
            style.pop("categories", None)
            style.pop("other", None)
        if ramp is not None:
            style["ramp"] = ramp
        else:
            style.pop("ramp", None)
        self._put(style, control, reload=True)

    def _reclassify(self, control: str) -> None:
        if not self._loading and self.kind.currentData() == "graduated":
            self.classify(control)

    def _recolour(self) -> None:
        if self._loading or self.kind.currentData() == "single":
            return
        ramp = self.ramp.currentData()
        style = self.build_style()
        key = "categories" if style["kind"] == "categorized" else "classes"
        items = list(style.get(key, {}).items()) if key == "categories" else style.get(key, [])
        colours = symbology.colours(len(items), ramp if ramp else None)
        if key == "categories":
            style[key] = {k: {**v, "color": c} for (k, v), c in zip(items, colours)}
        else:
            style[key] = [{**v, "color": c} for v, c in zip(items, colours)]
        if ramp:
            style["ramp"] = ramp
        else:
            style.pop("ramp", None)
        self._put(style, "ramp", reload=True)

    def _kind_changed(self) -> None:
        self._classes_shown()
        if self._loading:
            return
        kind = self.kind.currentData()
        if kind == "graduated" and self._numbers() is None:
            table = self._table()
            numeric = [n for n, c in table.fields.items() if symbology.is_numeric(c)] if table else []
            if numeric:
                self._loading = True
                self.field.setCurrentText(numeric[0])
                self._loading = False
        if kind == "single":
            self.apply("kind")
        else:
            self.classify("kind")

    def _field_changed(self) -> None:
        if not self._loading and self.kind.currentData() != "single":
            self.classify("field")

    # -- editing classes -------------------------------------------------------------------------
    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == COLOUR:
            self.table.blockSignals(True)
            self._paint(item)
            self.table.blockSignals(False)
        if not self._loading:
            self.apply(f"class:{item.row()}:{item.column()}")

    def pick_colour(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedItems()})
        if not rows:
            return
        start = QColor(self.table.item(rows[0], COLOUR).text())
        colour = QColorDialog.getColor(start if start.isValid() else QColor("#3388ff"), self, tr("Colour"))
        if colour.isValid():
            self.set_colours(rows, colour.name())

    def set_colours(self, rows: list[int], colour: str) -> None:
        """Give classes (table rows) one colour, as one step."""
        self.table.blockSignals(True)
        for r in rows:
            item = self.table.item(r, COLOUR)
            item.setText(colour)
            self._paint(item)
        self.table.blockSignals(False)
        self.apply("colour")

    def merge_selected(self) -> None:
        """Merge the selected categories into the first of them (its colour and label)."""
        rows = sorted({i.row() for i in self.table.selectedItems()})
        rows = [r for r in rows if self._row_values(r)]
        if len(rows) < 2:
            return
        style = self.build_style()
        keys = list(style["categories"])
        first = keys[rows[0]]
        merged = style["categories"][first]
        extra = [v for r in rows[1:] for v in [keys[r], *style["categories"][keys[r]].get("values", [])]]
        merged["values"] = [*merged.get("values", []), *extra]
        for r in rows[1:]:
            del style["categories"][keys[r]]
        self._put(style, "merge", reload=True)

    def move_class(self, step: int) -> None:
        """Move the current category up or down (the legend's order)."""
        row = self.table.currentRow()
        style = self.build_style()
        if style["kind"] != "categorized":
            return
        items = list(style["categories"].items())
        to = row + step
        if not (0 <= row < len(items) and 0 <= to < len(items)):
            return
        items.insert(to, items.pop(row))
        style["categories"] = dict(items)
        self._put(style, "order", reload=True)
        self.table.setCurrentCell(to, LABEL)

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedItems()}, reverse=True)
        if not rows:
            return
        style = self.build_style()
        if style["kind"] == "categorized":
            keys = list(style["categories"])
            for r in rows:
                if r < len(keys):
                    del style["categories"][keys[r]]
                else:
                    style.pop("other", None)
        elif style["kind"] == "graduated" and len(style["classes"]) > len(rows):
            for r in rows:
                del style["classes"][r]
        self._put(style, "delete", reload=True)

    def _where_field_changed(self) -> None:
        self._fill_where_values([])
        if not self._loading:
            self.apply("label_where")

    def _fill_where_values(self, checked: list[str]) -> None:
        self.label_where_values.blockSignals(True)
        self.label_where_values.clear()
        table = self._table()
        name = self.label_where_field.currentData()
        if table is not None and name and name in table.fields:
            for value, n in symbology.unique_counts(table.fields[name])[:200]:
                key = symbology.category_key(value)
                item = QListWidgetItem(f"{key}  ({n})")
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
                self.label_where_values.addItem(item)
        self.label_where_values.blockSignals(False)

    def _move_tip(self, step: int) -> None:
        row = self.tooltip_list.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < self.tooltip_list.count():
            return
        item = self.tooltip_list.takeItem(row)
        self.tooltip_list.insertItem(to, item)
        self.tooltip_list.setCurrentRow(to)
        self.apply("tooltip")

    # -- the style the widgets say ---------------------------------------------------------------
    def build_style(self) -> dict:
        """The ``style`` table the panel's widgets say (keys it does not edit are kept)."""
        spec = self._spec()
        old = copy.deepcopy(spec.style) if spec is not None and spec.style else {}
        kind = self.kind.currentData()
        edited = (
            *_SYMBOL_KEYS,
            "kind",
            "field",
            "categories",
            "classes",
            "other",
            "label",
            "label_where",
            "tooltip",
        )
        style = {k: v for k, v in old.items() if k not in edited}
        style["kind"] = kind
        if kind != "single" and self.field.currentText():
            style["field"] = self.field.currentText()
        if kind == "single":
            style["color"] = self.fill_color.text().strip()
        elif "color" in old:  # what features in no class are drawn with
            style["color"] = old["color"]
        if self.stroke_color.text().strip():
            style["stroke"] = self.stroke_color.text().strip()
        style["fill_opacity"] = round(self.fill_opacity.value(), 3)
        style["weight"] = round(self.weight.value(), 2)
        if self.dash.text().strip():
            style["dash"] = self.dash.text().strip()
        style["radius"] = round(self.radius.value(), 2)
        if "opacity" in old:
            style["opacity"] = old["opacity"]
        if kind == "categorized":
            cats, other = {}, None
            for r in range(self.table.rowCount()):
                data = self.table.item(r, VALUE).data(Qt.ItemDataRole.UserRole) or {}
                sym = dict(data.get("sym") or {})
                sym["color"] = self.table.item(r, COLOUR).text().strip()
                label = self.table.item(r, LABEL).text()
                if label != data.get("label"):
                    sym["label"] = label
                values = data.get("values")
                if values is None:
                    other = sym
                    continue
                if len(values) > 1:
                    sym["values"] = values[1:]
                if sym.get("label") == values[0]:
                    sym.pop("label")
                cats[values[0]] = sym
            style["categories"] = cats
            if self.other.isChecked():
                style["other"] = other or {"color": "#bdbdbd", "label": {"zh": "其他", "en": "Other"}}
        elif kind == "graduated":
            classes = []
            for r in range(self.table.rowCount()):
                data = self.table.item(r, VALUE).data(Qt.ItemDataRole.UserRole) or {}
                cls = dict(data.get("sym") or {})
                text = self.table.item(r, VALUE).text().strip()
                try:
                    cls["max"] = float(text)
                except ValueError:
                    cls["max"] = text  # said by the check: "'max' must be a number"
                cls["color"] = self.table.item(r, COLOUR).text().strip()
                label = self.table.item(r, LABEL).text()
                if label != data.get("label"):
                    cls["label"] = label
                classes.append(cls)
            style["classes"] = classes
        if self.label_field.currentData():
            style["label"] = self.label_field.currentData()
        wfield = self.label_where_field.currentData()
        old_where = old.get("label_where") if isinstance(old.get("label_where"), dict) else {}
        where = {k: v for k, v in old_where.items() if k != self._where_shown}  # fields not shown here
        if wfield:
            listed = {self.label_where_values.item(i).data(Qt.ItemDataRole.UserRole)
                      for i in range(self.label_where_values.count())}  # fmt: skip
            allowed = [self.label_where_values.item(i).data(Qt.ItemDataRole.UserRole)
                       for i in range(self.label_where_values.count())
                       if self.label_where_values.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip
            if wfield == self._where_shown:  # values beyond the list's first 200 stay chosen
                before = old_where.get(wfield, [])
                allowed += [v for v in (before if isinstance(before, list) else [before])
                            if symbology.category_key(v) not in listed]  # fmt: skip
            if allowed:
                where[wfield] = allowed
        if where:
            style["label_where"] = where
        tips = [self.tooltip_list.item(i).text() for i in range(self.tooltip_list.count())
                if self.tooltip_list.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip
        style["tooltip"] = tips
        return style

    def apply(self, control: str) -> str | None:
        """Apply what the widgets say (``control``: which one changed; steps of one control
        in a row are one undo step). Returns the problem in words, or None."""
        if self._loading or self.layer_id is None:
            return None
        return self._put(self.build_style(), control)

    def _put(self, style: dict, control: str, reload: bool = False) -> str | None:
        problem = self.window.set_layer_style(self.layer_id, style, merge=f"style:{self.layer_id}:{control}")
        self.problem.setText(localize_known(problem, self.window.lang) if problem else "")
        if reload and not problem:
            self.project_changed()
        elif not problem and style.get("kind") == "graduated":
            breaks = [c["max"] for c in style.get("classes", []) if isinstance(c.get("max"), float)]
            self.histogram.set_data(self._numbers(), breaks)
        return problem
