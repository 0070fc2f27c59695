"""The state of one open project, Qt-free: the project, the tables read for it, what could not
be read, the targets' results and when they were evaluated, the map's view and the
comparison shown. The window, its panels and its dialogs are adapters: they subscribe to the
signals below and show what the session holds; they do not keep their own copies.

Signals (psygnal: typed, synchronous, no Qt needed, so the core is tested without a screen):

========================  =====================================================================
``project_changed``       (project) — another project was opened or made; all state was reset
``layer_loaded``          (layer id, FeatureTable) — a layer was read
``layer_failed``          (layer id, one-line reason) — a layer could not be read
``targets_evaluated``     (results, when) — the targets were (re-)evaluated
``view_changed``          (state) — the map moved (the page's ``ecoviewer.state()``)
``compare_changed``       ((left, right) or None) — a comparison started or ended
``selection_changed``     (target id or None) — a target was selected (its features shown)
========================  =====================================================================

The project's own edits (layer visibility, opacity, notes, themes) are announced by
``Project.subscribe``; the session carries what is not in the project file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from psygnal import Signal

from .project import Project
from .sources import FeatureTable
from .targets import TargetResult
from .trends import trend_chart

#: how a target's status is marked in the presentation strip
STATUS_MARKS = {"met": "✓", "missed": "✗", "no-data": "–", "error": "!"}


@dataclass(frozen=True)
class Difference:
    """A target whose value or status differs between the two sides of a comparison."""

    target_id: str
    left_value: float | None
    left_status: str
    right_value: float | None
    right_status: str
    #: each side's projection at the target's year and trend (a plan layer has its own series)
    left_projection: float | None = None
    right_projection: float | None = None
    left_trend: str = "no-data"
    right_trend: str = "no-data"

    def as_tuple(self) -> tuple:
        return (self.target_id, self.left_value, self.left_status, self.right_value, self.right_status)


class Session:
    project_changed = Signal(object)
    layer_loaded = Signal(str, object)
    layer_failed = Signal(str, str)
    targets_evaluated = Signal(list, object)
    view_changed = Signal(dict)
    compare_changed = Signal(object)
    selection_changed = Signal(object)

    def __init__(self, project: Project | None = None):
        self.project = project or Project()
        self.tables: dict[str, FeatureTable] = {}
        self.errors: dict[str, str] = {}  # layer id → why it could not be read
        self.results: list[TargetResult] = []
        self.evaluated_at: dt.datetime | None = None
        self.view: dict = {}
        self.comparing: tuple[str, str] | None = None
        self.differences: list[Difference] = []
        self.selected: str | None = None  # the selected target's id

    # -- state changes (each announced once) ----------------------------------------------
    def open(self, project: Project) -> None:
        """Another project: everything of the previous one goes."""
        self.project = project
        self.tables = {}
        self.errors = {}
        self.results = []
        self.evaluated_at = None
        self.comparing = None
        self.differences = []
        self.selected = None
        self.project_changed.emit(project)

    def add_table(self, layer_id: str, table: FeatureTable) -> None:
        self.tables[layer_id] = table
        self.errors.pop(layer_id, None)
        self.layer_loaded.emit(layer_id, table)

    def fail_layer(self, layer_id: str, message: str) -> None:
        self.errors[layer_id] = message
        self.layer_failed.emit(layer_id, message)

    def drop_layer(self, layer_id: str) -> FeatureTable | None:
        self.errors.pop(layer_id, None)
        return self.tables.pop(layer_id, None)

    def set_results(self, results: list[TargetResult], when: dt.datetime | None = None) -> None:
        self.results = list(results)
        self.evaluated_at = when or dt.datetime.now()
        self.targets_evaluated.emit(self.results, self.evaluated_at)

    def set_view(self, state: dict) -> None:
        self.view = dict(state)
        self.view_changed.emit(self.view)

    def start_compare(
        self,
        left: str,
        right: str,
        left_results: list[TargetResult],
        right_results: list[TargetResult],
        shown: set[str],
    ) -> list[Difference]:
        """Compare ``left`` and ``right``: the targets in ``shown`` whose value (as written)
        or status differ between the two sides' results."""
        self.comparing = (left, right)
        self.differences = compare_results(left_results, right_results, shown)
        self.compare_changed.emit(self.comparing)
        return self.differences

    def end_compare(self) -> bool:
        if self.comparing is None:
            return False
        self.comparing = None
        self.differences = []
        self.compare_changed.emit(None)
        return True

    def select(self, target_id: str | None) -> TargetResult | None:
        """Select a target (None: no selection); returns its result, None if it has none."""
        result = next((r for r in self.results if r.id == target_id), None)
        self.selected = result.id if result is not None else None
        self.selection_changed.emit(self.selected)
        return result

    def measured_layers(self, result: TargetResult) -> list[str]:
        """Every loaded layer a target reads: the one it measures and the ones it is measured
        against (``within``, ``of``, ``population_layer``, ``zones``), as the shown theme substitutes
        them, then the layers of its responsible features; each once, in that order."""
        t = result.target
        substitute = self.project.substitute
        ids = [
            substitute.get(lid, lid) for lid in (t.layer, t.within, t.of, t.population_layer, t.zones) if lid
        ]
        ids += list(result.responsible)
        return [lid for lid in dict.fromkeys(ids) if lid in self.tables]

    # -- what the floors above show ----------------------------------------------------------
    def scene_strip(self, index: int, lang: str) -> str:
        """The presentation strip: "n/N  title    target value ✓ · …" for the targets the
        project shows."""
        scene = self.project.scenes[index]
        shown = {t["id"] for t in self.project.targets if isinstance(t, dict) and t.get("visible", True)}
        parts = [
            f"{r.target.display_title(lang)} {r.value_with_unit()} {STATUS_MARKS.get(r.status, '?')}"
            + _arrow(r, lang)
            for r in self.results
            if r.id in shown
        ]
        head = f"{index + 1}/{len(self.project.scenes)}  {scene['title']}"
        return head + ("    " + "  ·  ".join(parts) if parts else "")


def _arrow(result: TargetResult, lang: str) -> str:
    """' ↘' after a target with a trend line (its way over the years), '' without one."""
    chart = trend_chart(result, lang)
    return f" {chart['arrow']}" if chart and chart["fit"] else ""


def compare_results(left: list[TargetResult], right: list[TargetResult], shown: set[str]) -> list[Difference]:
    """The targets in ``shown`` whose value (as written), status, projection (to 0.1) or
    trend differs between sides."""

    def written(r: TargetResult) -> tuple:
        projection = None if r.projection is None else f"{r.projection:.1f}"
        return (r.value_text(), r.status, projection, r.trend)

    out = []
    for a, b in zip(left, right, strict=False):
        if a.id not in shown or written(a) == written(b):
            continue
        out.append(
            Difference(
                a.id, a.value, a.status, b.value, b.status, a.projection, b.projection, a.trend, b.trend
            )
        )
    return out
