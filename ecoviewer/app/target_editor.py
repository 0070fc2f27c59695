"""The target editor: create, edit, duplicate and delete planning targets in a form made from
the metric registry (a metric's ``needs`` and ``optional`` keys are its only inputs), with
layer and field pickers from the data, a where-builder that offers a field's real values, and
the value and status evaluated live as you type — off the UI thread, a stale result never
overwriting a newer one. What is wrong is said in words under the field it concerns.
"""

from __future__ import annotations

import copy
import re
import threading
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .. import symbology
from ..project import localized
from ..targets import (
    METRICS,
    OP_SIGNS,
    OPS,
    STATUS_COLORS,
    STATUS_WORDS,
    TargetError,
    evaluate_target,
    parse_target,
)
from .i18n import tr
from .plaintext import make_plain
from .problems_zh import localize_known

#: rows every target has, whatever its metric
COMMON = ("id", "title", "metric", "layer", "op", "target", "unit", "year", "source", "verified")
#: the layer a where-builder's field belongs to
WHERE_LAYER = {"where": "layer", "of_where": "of", "zones_where": "zones"}
LAYER_KEYS = ("layer", "within", "of", "population_layer", "zones")
#: the keys the form writes (the others a target has — anchor, note, visible — are kept)
FORM_KEYS = (*COMMON, "field", "where", "weight", "within", "distance", "of", "of_where",
             "population_layer", "zones", "zones_where", "condition", "band")  # fmt: skip


class WhereBuilder(QWidget):
    """``{ field = [values] }`` built from a field picker and the field's real values."""

    changed = Signal()

    def __init__(self):
        super().__init__()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.field = QComboBox()
        self.values = QListWidget()
        self.values.setMaximumHeight(100)
        box.addWidget(self.field)
        box.addWidget(self.values)
        self.table = None
        self.field.currentIndexChanged.connect(lambda _i: self._fill([]))
        self.field.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.values.itemChanged.connect(lambda _item: self.changed.emit())

    def set_table(self, table, where: dict) -> None:
        self.table = table
        self.field.blockSignals(True)
        self.field.clear()
        self.field.addItem(tr("(every feature)"), "")
        for name in list(table.fields) if table is not None and hasattr(table, "fields") else []:
            self.field.addItem(name, name)
        name = next(iter(where), "") if where else ""
        if name and self.field.findData(name) < 0:
            self.field.addItem(str(name), name)  # a field the layer does not have: shown, and said
        self.field.setCurrentIndex(max(0, self.field.findData(name)))
        self.field.blockSignals(False)
        chosen = where.get(name, []) if name else []
        self._fill([symbology.category_key(v) for v in (chosen if isinstance(chosen, list) else [chosen])])

    def _fill(self, checked: list[str]) -> None:
        self.values.blockSignals(True)
        self.values.clear()
        name = self.field.currentData()
        if self.table is not None and name and name in getattr(self.table, "fields", {}):
            for value, n in symbology.unique_counts(self.table.fields[name])[:300]:
                item = QListWidgetItem(f"{symbology.category_key(value)}  ({n})")
                item.setData(Qt.ItemDataRole.UserRole, value)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                on = symbology.category_key(value) in checked
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                self.values.addItem(item)
        self.values.blockSignals(False)

    def choose(self, field: str, values: list) -> None:
        """Pick a field and tick these of its values (as a planner would)."""
        self.field.setCurrentIndex(max(0, self.field.findData(field)))
        keys = {symbology.category_key(v) for v in values}
        for i in range(self.values.count()):
            item = self.values.item(i)
            on = symbology.category_key(item.data(Qt.ItemDataRole.UserRole)) in keys
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def where(self) -> dict:
        name = self.field.currentData()
        if not name:
            return {}
        chosen = [self.values.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.values.count())
                  if self.values.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip
        if not chosen:
            return {}
        return {name: chosen[0] if len(chosen) == 1 else chosen}


class _Results(QObject):
    done = Signal(int, object)  # generation, TargetResult or the problem (str)


_LABELS = {
    "id": "Id", "title": "Title", "metric": "Metric", "layer": "Layer", "field": "Field",
    "where": "Where", "weight": "Weight", "within": "Within layer", "distance": "Distance",
    "of": "Of layer", "of_where": "Of where", "population_layer": "Population layer",
    "zones": "Zones", "zones_where": "Zones where", "condition": "Condition", "band": "Band",
    "op": "Goal", "target": "Target value", "unit": "Unit", "year": "Year", "source": "Source",
    "verified": "Verified",
}  # fmt: skip


class TargetEditor(QWidget):
    """The editor's widgets; ``window.put_target`` / ``remove_target`` make the edits."""

    def __init__(self, window):
        super().__init__()
        self.window = window
        self.original: str | None = None  # the id of the target being edited (None: new)
        self.base: dict = {}
        self._loading = False
        self.generation = 0
        self.shown_generation = 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="target-editor")
        self._results = _Results()
        self._results.done.connect(self._evaluated)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.chooser = QComboBox()
        self.chooser.setAccessibleName(tr("Target"))
        self.new_button = QPushButton(tr("New"))
        self.duplicate_button = QPushButton(tr("Duplicate"))
        self.delete_button = QPushButton(tr("Delete"))
        top.addWidget(self.chooser, 1)
        for b in (self.new_button, self.duplicate_button, self.delete_button):
            top.addWidget(b)
        outer.addLayout(top)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll, 1)
        body = QWidget()
        scroll.setWidget(body)
        self.form = QFormLayout(body)
        self.rows: dict[str, tuple[QLabel, QWidget, QLabel]] = {}
        w = self.widgets = self._make_widgets()
        title = QWidget()
        tbox = QHBoxLayout(title)
        tbox.setContentsMargins(0, 0, 0, 0)
        tbox.addWidget(w["title_zh"])
        tbox.addWidget(w["title_en"])
        condition = QWidget()
        cbox = QHBoxLayout(condition)
        cbox.setContentsMargins(0, 0, 0, 0)
        cbox.addWidget(w["condition_op"])
        cbox.addWidget(w["condition_value"], 1)
        holders = {"title": title, "condition": condition}
        for key, text in _LABELS.items():
            label = QLabel(tr(text))
            problem = QLabel("")
            make_plain(problem)
            problem.setWordWrap(True)
            problem.setStyleSheet("color: #b00020")
            problem.hide()
            cell = QWidget()
            cell_box = QVBoxLayout(cell)
            cell_box.setContentsMargins(0, 0, 0, 0)
            cell_box.addWidget(holders.get(key, w.get(key)))
            cell_box.addWidget(problem)
            label.setBuddy(holders.get(key, w.get(key)))
            self.form.addRow(label, cell)
            self.rows[key] = (label, cell, problem)
        self.result = QLabel("")
        self.general = QLabel("")
        make_plain(self.result, self.general)
        for label in (self.result, self.general):
            label.setWordWrap(True)
        self.general.setStyleSheet("color: #b00020")
        outer.addWidget(self.result)
        outer.addWidget(self.general)
        bottom = QHBoxLayout()
        self.save_button = QPushButton(tr("Save target"))
        self.revert_button = QPushButton(tr("Revert"))
        bottom.addStretch(1)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.save_button)
        outer.addLayout(bottom)
        self._connect()
        self.project_changed()

    @staticmethod
    def _make_widgets() -> dict:
        w: dict = {"id": QLineEdit(), "title_zh": QLineEdit(), "title_en": QLineEdit(), "metric": QComboBox()}
        w["title_zh"].setPlaceholderText("中文")
        w["title_en"].setPlaceholderText("English")
        for name in METRICS:
            w["metric"].addItem(name, name)
        for key in (*LAYER_KEYS, "field", "weight", "op", "condition_op"):
            w[key] = QComboBox()
        for key in WHERE_LAYER:
            w[key] = WhereBuilder()
        w["distance"] = QDoubleSpinBox()
        w["distance"].setRange(0, 100_000)
        w["distance"].setSuffix(" m")
        w["band"] = QSpinBox()
        w["band"].setRange(1, 65535)
        for op in OPS:
            w["op"].addItem(OP_SIGNS[op], op)
            w["condition_op"].addItem(OP_SIGNS[op], op)
        for key in ("condition_value", "target", "unit", "year", "source"):
            w[key] = QLineEdit()
        w["verified"] = QCheckBox(tr("checked against the source"))
        return w

    def _connect(self) -> None:
        w = self.widgets
        self.chooser.currentIndexChanged.connect(lambda _i: self._chosen())
        self.new_button.clicked.connect(lambda: self.new_target())
        self.duplicate_button.clicked.connect(lambda: self.duplicate())
        self.delete_button.clicked.connect(lambda: self.delete())
        self.save_button.clicked.connect(lambda: self.save())
        self.revert_button.clicked.connect(lambda: self.load(self.original))
        w["metric"].currentIndexChanged.connect(lambda _i: self._metric_changed())
        for key in LAYER_KEYS:
            w[key].currentIndexChanged.connect(lambda _i, k=key: self._layer_changed(k))
        for key in ("field", "weight", "op", "condition_op"):
            w[key].currentIndexChanged.connect(lambda _i: self.changed())
        for key in ("id", "title_zh", "title_en", "target", "unit", "year", "source", "condition_value"):
            w[key].textChanged.connect(lambda _t: self.changed())
        for key in WHERE_LAYER:
            w[key].changed.connect(self.changed)
        w["distance"].valueChanged.connect(lambda _v: self.changed())
        w["band"].valueChanged.connect(lambda _v: self.changed())
        w["verified"].toggled.connect(lambda _on: self.changed())

    # -- which target ------------------------------------------------------------------------------
    def project_changed(self, keep_typing: bool = False) -> None:
        """The project's targets or layers changed (an edit, undo, another project). With
        ``keep_typing`` (undo/redo) the form keeps what is typed unless the target it edits
        was itself changed or removed."""
        if keep_typing and self.original is not None:
            try:
                unchanged = self.window.project.target(self.original) == self.base
            except KeyError:
                unchanged = False
            if unchanged:
                self.refresh_pickers()
                return
        elif keep_typing and self.original is None and self.base:
            self.refresh_pickers()
            return
        self._loading = True
        self.chooser.clear()
        lang = self.window.lang
        for raw in self.window.project.targets:
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                self.chooser.addItem(
                    f"{raw['id']} — {localized(raw.get('title', raw['id']), lang)}", raw["id"]
                )
        self._loading = False
        if self.original is not None and self.chooser.findData(self.original) >= 0:
            self.load(self.original)
        elif self.original is None and self.base:
            self.load_raw(self.base, None)
        elif self.chooser.count():
            self.load(self.chooser.itemData(0))
        else:
            self.new_target()

    def refresh_pickers(self) -> None:
        """The layers were read: fill the pickers from the data, keeping what the form says
        (a target being typed is not lost)."""
        self._loading = True
        self.chooser.clear()
        for raw in self.window.project.targets:
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                title = localized(raw.get("title", raw["id"]), self.window.lang)
                self.chooser.addItem(f"{raw['id']} — {title}", raw["id"])
        self._loading = False
        base = self.base
        self.load_raw(self.raw(), self.original)
        self.base = base

    def _chosen(self) -> None:
        if not self._loading and self.chooser.currentData():
            self.load(self.chooser.currentData())

    def load(self, target_id: str | None) -> None:
        if target_id is None:
            self.load_raw(self.base or self._blank(), None)
            return
        try:
            raw = self.window.project.target(target_id)
        except KeyError:
            self.new_target()
            return
        self.load_raw(raw, target_id)

    def _blank(self) -> dict:
        layers = [s.id for s in self.window.project.layers]
        return {"id": self.window.project.free_target_id("target"), "metric": "mean",
                "layer": layers[0] if layers else "", "op": ">=", "target": 0}  # fmt: skip

    def new_target(self) -> None:
        """New: an empty target on the first layer (saved only with Save target)."""
        self.load_raw(self._blank(), None)

    def duplicate(self) -> None:
        raw = self.raw()
        raw["id"] = self.window.project.free_target_id(str(raw.get("id") or "target"))
        raw.pop("anchor", None)
        self.load_raw(raw, None)

    def delete(self) -> None:
        if self.original is not None:
            self.window.remove_target(self.original)
            self.original, self.base = None, {}
            self.project_changed()

    def load_raw(self, raw: dict, original: str | None) -> None:
        self.original, self.base = original, copy.deepcopy(raw)
        # a name that is not text (a hand-written file's mistake) is not shown in a picker:
        # the form then says what is missing
        raw = {k: v for k, v in raw.items() if k not in (*LAYER_KEYS, "field", "weight", "metric", "op")
               or isinstance(v, str)}  # fmt: skip
        self._loading = True
        w = self.widgets
        try:
            w["id"].setText(str(raw.get("id", "")))
            title = raw.get("title", "")
            w["title_zh"].setText(title.get("zh", "") if isinstance(title, dict) else str(title))
            w["title_en"].setText(title.get("en", "") if isinstance(title, dict) else "")
            w["metric"].setCurrentIndex(max(0, w["metric"].findData(raw.get("metric", "mean"))))
            for key in LAYER_KEYS:
                self._fill_layers(key, raw.get(key))
            self._fill_fields({**raw, "field": raw.get("field"), "weight": raw.get("weight")})
            for key, layer_key in WHERE_LAYER.items():
                where = raw.get(key) if isinstance(raw.get(key), dict) else {}
                w[key].set_table(self.window.tables.get(raw.get(layer_key)), where)
            distance = raw.get("distance", 0)
            w["distance"].setValue(float(distance) if isinstance(distance, (int, float)) else 0.0)
            cond = raw.get("condition") if isinstance(raw.get("condition"), dict) else {}
            w["condition_op"].setCurrentIndex(max(0, w["condition_op"].findData(cond.get("op", ">"))))
            value = cond.get("value")
            w["condition_value"].setText(
                f"{value:g}" if isinstance(value, (int, float)) else str(value or "")
            )
            w["band"].setValue(raw["band"] if isinstance(raw.get("band"), int) else 1)
            w["op"].setCurrentIndex(max(0, w["op"].findData(raw.get("op", ">="))))
            value = raw.get("target")
            w["target"].setText(f"{value:g}" if isinstance(value, (int, float)) else str(value or ""))
            w["unit"].setText(str(raw.get("unit", "")))
            w["year"].setText(str(raw.get("year", "")))
            w["source"].setText(str(raw.get("source", "")))
            w["verified"].setChecked(bool(raw.get("verified", False)))
            at = self.chooser.findData(original) if original is not None else -1
            self.chooser.setCurrentIndex(at)
        finally:
            self._loading = False
        self._rows_shown()
        self.changed()

    def _fill_layers(self, key: str, current: str | None) -> None:
        combo = self.widgets[key]
        combo.blockSignals(True)
        combo.clear()
        if key != "layer":
            combo.addItem(tr("(none)"), "")
        for spec in self.window.project.layers:
            combo.addItem(f"{spec.id} — {spec.display_title(self.window.lang)}", spec.id)
        if current and combo.findData(current) < 0:
            combo.addItem(str(current), current)  # a layer that is gone: shown, and said
        combo.setCurrentIndex(max(0, combo.findData(current or "")))
        combo.blockSignals(False)

    def _fill_fields(self, raw: dict) -> None:
        layer = self.window.tables.get(raw.get("layer"))
        per_capita = raw.get("metric") == "per_capita"
        field_layer = self.window.tables.get(raw.get("population_layer")) if per_capita else layer
        for key, table in (("field", field_layer), ("weight", layer)):
            combo = self.widgets[key]
            previous = combo.currentData()  # kept when the metric changes and back
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(tr("(none)"), "")
            fields = getattr(table, "fields", None) or {}
            for name, col in fields.items():
                combo.addItem(name if symbology.is_numeric(col) else f"{name} ({tr('text')})", name)
            current = raw.get(key, previous if previous in fields else None)
            if current and combo.findData(current) < 0:
                combo.addItem(str(current), current)
            combo.setCurrentIndex(max(0, combo.findData(current or "")))
            combo.blockSignals(False)

    def _metric_changed(self) -> None:
        if self._loading:
            return
        self._rows_shown()
        self._loading = True
        try:
            self._fill_fields(self.raw())
        finally:
            self._loading = False
        self.changed()

    def _layer_changed(self, key: str) -> None:
        if self._loading:
            return
        raw = self.raw()
        self._loading = True
        try:
            if key in ("layer", "population_layer"):
                self._fill_fields(raw)
            for wkey, layer_key in WHERE_LAYER.items():
                if layer_key == key:
                    self.widgets[wkey].set_table(self.window.tables.get(raw.get(key)), {})
        finally:
            self._loading = False
        self.changed()

    def _rows_shown(self) -> None:
        m = METRICS.get(self.widgets["metric"].currentData())
        shown = set(COMMON) | (set(m.needs) | set(m.optional) if m else set())
        for key, (label, cell, _problem) in self.rows.items():
            label.setVisible(key in shown)
            cell.setVisible(key in shown)

    def shown_rows(self) -> list[str]:
        """The form's rows for the chosen metric (tests, and what a screen reader meets)."""
        return [k for k, (label, _c, _p) in self.rows.items() if not label.isHidden()]

    # -- the target the form says ---------------------------------------------------------------
    def raw(self) -> dict:
        """The ``[[targets]]`` table the form says (keys it does not edit are kept)."""
        w = self.widgets
        m = METRICS.get(w["metric"].currentData())
        used = set(COMMON) | (set(m.needs) | set(m.optional) if m else set())
        out: dict = {"id": w["id"].text().strip()}
        zh, en = w["title_zh"].text().strip(), w["title_en"].text().strip()
        if zh and en:
            out["title"] = {"zh": zh, "en": en}
        elif zh or en:
            out["title"] = zh or en
        out["metric"] = w["metric"].currentData()
        out["layer"] = w["layer"].currentData() or ""
        for key in ("field", "weight", "within", "of", "population_layer", "zones"):
            if key in used and w[key].currentData():
                out[key] = w[key].currentData()
        for key in WHERE_LAYER:
            if key in used and w[key].where():
                out[key] = w[key].where()
        if "distance" in used:
            out["distance"] = w["distance"].value()
        if "condition" in used:
            out["condition"] = {
                "op": w["condition_op"].currentData(),
                "value": _number(w["condition_value"].text()),
            }
        if "band" in used and w["band"].value() != 1:
            out["band"] = w["band"].value()
        out["op"] = w["op"].currentData()
        out["target"] = _number(w["target"].text())
        if w["unit"].text().strip():
            out["unit"] = w["unit"].text().strip()
        year = w["year"].text().strip()
        if year:
            out["year"] = int(year) if re.fullmatch(r"\d{4}", year) else year
        if w["source"].text().strip():
            out["source"] = w["source"].text().strip()
        if w["verified"].isChecked():
            out["verified"] = True
        out.update({k: v for k, v in copy.deepcopy(self.base).items() if k not in FORM_KEYS})
        return out

    def problems(self, raw: dict) -> dict[str, str]:
        """What is wrong with ``raw``, by the form's row ("" for the target as a whole)."""
        out: dict[str, str] = {}
        tid = raw.get("id")
        if not tid:
            out["id"] = tr("an id is needed")
        elif tid != self.original and any(
            isinstance(t, dict) and t.get("id") == tid for t in self.window.project.targets
        ):
            out["id"] = tr("another target has the id '{0}'").format(tid)
        try:
            parse_target(raw)
        except TargetError as exc:
            out.setdefault(_key_of(str(exc)), localize_known(_words(str(exc)), self.window.lang))
        return out

    # -- live value ----------------------------------------------------------------------------------
    def changed(self) -> None:
        """A field changed: say what is wrong next to it, and evaluate the target off the UI
        thread (the result of an older edit is dropped when it comes late)."""
        if self._loading:
            return
        raw = self.raw()
        problems = self.problems(raw)
        for key, (_label, _cell, label) in self.rows.items():
            label.setText(problems.get(key, ""))
            label.setVisible(bool(problems.get(key)))
        self.general.setText(problems.get("", ""))
        self.save_button.setEnabled(not problems)
        self.generation += 1
        if problems:
            self.shown_generation = self.generation
            self.result.setText("")
            return
        gen = self.generation
        tables = dict(self.window.tables)
        crs = self.window.project.measure_crs
        self.result.setText(tr("Evaluating…"))
        self.result.setStyleSheet("font-size: 14px; color: #757575")

        def work():
            try:
                return evaluate_target(raw, tables, crs)
            except (TargetError, ValueError) as exc:
                return str(exc)
            except Exception as exc:  # a bad input must not kill the worker: one line
                return f"cannot be evaluated ({type(exc).__name__})"

        future = self._pool.submit(work)
        future.add_done_callback(lambda f, g=gen: self._results.done.emit(g, f.result()))

    def _evaluated(self, gen: int, result) -> None:
        if gen != self.generation:
            return  # a newer edit is being evaluated: this value is stale
        self.shown_generation = gen
        if isinstance(result, str):
            key = _key_of(result)
            label = self.rows[key][2] if key in self.rows else self.general
            label.setText(localize_known(_words(result), self.window.lang))
            label.setVisible(True)
            self.result.setText("")
            self.save_button.setEnabled(True)  # saved as it is (the panel says the same)
            return
        lang = self.window.lang
        status = STATUS_WORDS.get(lang, STATUS_WORDS["en"]).get(result.status, result.status)
        self.result.setText(f"{result.value_with_unit()} — {status}  ({result.target_text()})")
        colour = STATUS_COLORS.get(result.status, "#757575")
        self.result.setStyleSheet(f"font-size: 14px; font-weight: bold; color: {colour}")

    def wait(self, timeout: float = 10.0) -> bool:
        """Tests: wait until the latest edit's value is shown."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop

        deadline = QDeadlineTimer(int(timeout * 1000))
        while self.shown_generation != self.generation and not deadline.hasExpired():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            threading.Event().wait(0.005)
        return self.shown_generation == self.generation

    def save(self) -> bool:
        """Save target: the form's target into the project (one undo step)."""
        raw = self.raw()
        if self.problems(raw):
            return False
        self.window.put_target(raw, self.original)
        self.original, self.base = raw["id"], copy.deepcopy(raw)
        self.project_changed()
        return True

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _number(text: str):
    text = str(text).strip()
    try:
        value = float(text)
    except ValueError:
        return text  # said by the check: "'target' must be a number"
    return int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value


_KEYS = ("population_layer", "zones_where", "of_where", "condition", "distance", "weight", "within",
         "target", "metric", "layer", "field", "where", "zones", "year", "band", "unit", "source", "title",
         "of", "op", "id")  # fmt: skip
_ROLES = (("no field", "field"), ("unknown within layer", "within"), ("unknown 'of' layer", "of"),
          ("unknown population_layer", "population_layer"), ("unknown 'zones'", "zones"),
          ("unknown layer", "layer"), ("unknown metric", "metric"), ("op must", "op"))  # fmt: skip


def _key_of(message: str) -> str:
    """The form row a target's problem is about (by the key it names), "" when none."""
    text = _words(message)
    for start, key in _ROLES:
        if text.startswith(start):
            return key
    for key in _KEYS:
        if f"'{key}'" in text:
            return key
    return ""


def _words(message: str) -> str:
    """A problem without the "target 'x': " every core message starts with."""
    return re.sub(r"^target '[^']*': ", "", message)
