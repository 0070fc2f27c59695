"""Planning targets: indicator definitions from the project, evaluated on the layers.

Every metric is computed in a metric CRS (the project's ``measure_crs``) on whole shapely
arrays — lengths, areas, buffers, STRtree distance queries — never in degrees and never in
a Python loop over features. A result carries the value, the status (met / missed / no
data), and the features responsible (the hardened shoreline segments, the buildings outside
park coverage, the stations above the limit), so the map can point at them.
"""

from __future__ import annotations

import dataclasses
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

import numpy as np
import pyproj
import shapely

from . import validate
from .crs import parse_crs
from .project import Project, localized
from .sources import FeatureTable
from .words import STATUSES, WORDS


@dataclass(frozen=True)
class Metric:
    """A way to evaluate a target: ``evaluate(target, context, table, rows, present)`` gives
    (value, responsible rows per layer, rows measured); ``needs`` are the target keys it
    cannot do without (checked when the project is read, see ``NEEDS``)."""

    name: str
    evaluate: Callable
    needs: tuple[str, ...] = ()
    #: measures a raster layer (``evaluate`` gets the RasterTable; rows and present are None)
    raster: bool = False
    #: the keys it reads when present (the target editor offers these besides ``needs``)
    optional: tuple[str, ...] = ()


#: every metric a target can name: adding one is one ``@metric`` function (and its test)
METRICS: dict[str, Metric] = {}


def metric(
    name: str, needs: tuple[str, ...] = (), raster: bool = False, optional: tuple[str, ...] | None = None
):
    """Register the decorated function as metric ``name``; ``optional`` are the keys it reads
    when given (default: ``where`` for a vector metric, ``zones_where`` and ``band`` for a
    raster one)."""
    if optional is None:
        optional = ("zones_where", "band") if raster else ("where",)

    def register(evaluate: Callable) -> Callable:
        if name in METRICS:
            raise ValueError(f"metric {name!r} registered twice")
        METRICS[name] = Metric(name, evaluate, needs, raster, tuple(optional))
        return evaluate

    return register


OPS = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": lambda a, b: abs(a - b) <= 1e-9 * max(1.0, abs(b)),
}
#: a coverage distance beyond this (100 km: the whole Eco-City many times over) is a typo
MAX_DISTANCE = 100_000.0
OP_SIGNS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "="}
STATUS_MET, STATUS_MISSED, STATUS_NO_DATA, STATUS_ERROR = "met", "missed", "no-data", "error"
#: the one status palette of the page, the panel, the strip and the report (each readable as
#: text on white: contrast 4.5:1 or more)
STATUS_COLORS = {"met": "#1a7f3c", "missed": "#d73027", "no-data": "#757575", "error": "#757575"}
#: how a status reads on the map, in exports and in the panel's language
STATUS_WORDS = {lang: {s: WORDS[lang][s] for s in STATUSES} for lang in WORDS}


def _is_distance(value: Any) -> bool:
    try:
        validate.number(value, 0, MAX_DISTANCE)
    except ValueError:
        return False
    return True


#: what a metric's ``needs`` mean: key → (check of the value, how the error says it)
NEEDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "field": (lambda v: isinstance(v, str), "a 'field'"),
    "of": (lambda v: isinstance(v, str), "'of' (a layer id)"),
    "distance": (_is_distance, f"'distance' in metres (0 to {MAX_DISTANCE:,.0f})"),
    "population_layer": (lambda v: isinstance(v, str), "'population_layer'"),
    "zones": (lambda v: isinstance(v, str), "'zones' (a polygon layer id)"),
    "condition": (
        lambda v: (
            isinstance(v, dict)
            and v.get("op") in OPS
            and isinstance(v.get("value"), (int, float))
            and not isinstance(v.get("value"), bool)
            and math.isfinite(v["value"])
        ),
        "a 'condition' like { op = \">\", value = 0.3 }",
    ),
}
_KNOWN_KEYS = {
    "series",
    "series_field",
    "series_since",
    "id",
    "title",
    "metric",
    "layer",
    "field",
    "where",
    "weight",
    "within",
    "distance",
    "of",
    "of_where",
    "population_layer",
    "op",
    "target",
    "unit",
    "year",
    "source",
    "verified",
    "anchor",
    "note",
    "visible",
    "zones",
    "zones_where",
    "condition",
    "band",
}


class TargetError(ValueError):
    """A target that cannot be evaluated; the message names the target."""


@dataclass
class Target:
    id: str
    title: str | dict
    metric: str
    layer: str
    op: str
    target: float
    unit: str = ""
    year: int | None = None
    field: str | None = None
    where: dict = dc_field(default_factory=dict)
    weight: str | None = None
    within: str | None = None
    distance: float | None = None
    of: str | None = None
    of_where: dict = dc_field(default_factory=dict)
    population_layer: str | None = None
    source: str = ""
    verified: bool = False
    anchor: tuple[float, float] | None = None
    visible: bool = True
    zones: str | None = None
    zones_where: dict = dc_field(default_factory=dict)
    condition: dict | None = None
    band: int = 1
    #: the metric over time: a field per year, or a field holding each row's year
    series: dict[int, str] = dc_field(default_factory=dict)
    series_field: str | None = None
    #: the field holding the year each feature came to match (certified, restored)
    series_since: str | None = None
    series_problem: str | None = None  # a series that cannot be read: said, the value stands

    def display_title(self, lang: str = "zh") -> str:
        return localized(self.title, lang) or self.id

    @property
    def has_series(self) -> bool:
        """Whether the target asks for a series (a bad one included: it is said)."""
        return bool(self.series or self.series_field or self.series_since or self.series_problem)


@dataclass
class TargetResult:
    target: Target
    value: float | None
    status: str
    responsible: dict[str, np.ndarray] = dc_field(default_factory=dict)  # layer id → row indices
    anchor: tuple[float, float] | None = None  # lon, lat of the callout
    error: str | None = None
    focus: tuple[float, float] | None = None  # lon, lat: centre of the measured features
    #: the series: (year, value or None) in year order; its OLS projection at the target's
    #: year, the trend ("on-track" / "off-track" / "no-data") and the year the line meets
    #: the goal (or "not before 2100"); what was wrong with the series, if anything
    series: list[tuple[int, float | None]] = dc_field(default_factory=list)
    projection: float | None = None
    trend: str = "no-data"
    crossing_year: int | str | None = None
    series_error: str | None = None

    @property
    def id(self) -> str:
        return self.target.id

    def to_json(self) -> dict[str, Any]:
        t = self.target
        return {
            "id": t.id,
            "title": t.title,
            "metric": t.metric,
            "value": None if self.value is None else round(self.value, 1),
            "unit": t.unit,
            "op": t.op,
            "target": t.target,
            "year": t.year,
            "status": self.status,
            "series": [{"year": y, "value": None if v is None else round(v, 1)} for y, v in self.series],
            "projection": None if self.projection is None else round(self.projection, 1),
            "trend": self.trend,
            "crossing_year": self.crossing_year,
        }

    def value_with_unit(self) -> str:
        """The value the one way EcoViewer writes it: "85.7%", "40.3 µg/m³", "—"."""
        return "—" if self.value is None else with_unit(self.value_text(), self.target.unit)

    def value_text(self) -> str:
        if self.value is None:
            return "—"
        return f"{self.value:,.1f}"

    def target_text(self) -> str:
        t = self.target
        return with_unit(f"{OP_SIGNS[t.op]} {t.target:g}", t.unit)


# -- parsing ---------------------------------------------------------------------------------


def with_unit(number: str, unit: str) -> str:
    """A number and its unit: the percent sign joined ("85.7%"), other units after a space
    ("40.3 µg/m³")."""
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def _where(raw: Any, tid: str, key: str) -> dict:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise TargetError(f"target '{tid}': '{key}' must be a table of field = value(s)")
    return {str(k): (v if isinstance(v, list) else [v]) for k, v in raw.items()}


def parse_target(raw: dict, index: int = 0) -> Target:
    """Check one ``[[targets]]`` table (shape only; layers and fields are checked when it is
    evaluated, against the data)."""
    tid = raw.get("id") if isinstance(raw, dict) else None
    if not isinstance(tid, str) or not tid:
        raise TargetError(f"targets[{index}] needs a text 'id'")
    unknown = sorted(set(raw) - _KNOWN_KEYS)
    if unknown:
        raise TargetError(f"target '{tid}': unknown key '{unknown[0]}'")
    metric = raw.get("metric")
    if not isinstance(metric, str) or metric not in METRICS:
        raise TargetError(f"target '{tid}': unknown metric {metric!r} (one of {', '.join(METRICS)})")
    if not isinstance(raw.get("layer"), str):
        raise TargetError(f"target '{tid}': needs a 'layer'")
    op = raw.get("op", ">=")
    if not isinstance(op, str) or op not in OPS:
        raise TargetError(f"target '{tid}': op must be one of < <= > >= ==, not {op!r}")
    value = raw.get("target")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise TargetError(f"target '{tid}': 'target' must be a number")
    for key in ("title",):
        if key in raw:
            try:
                validate.title(raw[key])
            except ValueError as exc:
                raise TargetError(f"target '{tid}': '{key}' {exc}") from None
    for key in ("unit", "source", "field", "weight", "within", "of", "population_layer", "note", "zones"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise TargetError(f"target '{tid}': '{key}' must be text")
    year = raw.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200):
        raise TargetError(f"target '{tid}': 'year' must be a year like 2035")
    for key in ("verified", "visible"):
        if key in raw and not isinstance(raw[key], bool):
            raise TargetError(f"target '{tid}': '{key}' must be true or false")
    for key in METRICS[metric].needs:
        check, what = NEEDS[key]
        if not check(raw.get(key)):
            raise TargetError(f"target '{tid}': metric '{metric}' needs {what}")
    band = raw.get("band", 1)
    if isinstance(band, bool) or not isinstance(band, int) or not 1 <= band <= 65535:
        raise TargetError(f"target '{tid}': 'band' must be a band number (1, 2, …)")
    anchor = raw.get("anchor")
    if anchor is not None:
        try:
            anchor = validate.lonlat(anchor)
        except ValueError as exc:
            raise TargetError(f"target '{tid}': anchor {exc}") from None
    try:
        series, series_problem = _series_spec(raw, tid), None
    except TargetError as exc:  # the current value is still evaluated and shown
        series, series_problem = {}, str(exc)
    return Target(
        id=tid,
        title=raw.get("title", tid),
        metric=metric,
        layer=raw["layer"],
        op=op,
        target=float(value),
        unit=str(raw.get("unit", "")),
        year=raw.get("year"),
        field=raw.get("field"),
        where=_where(raw.get("where"), tid, "where"),
        weight=raw.get("weight"),
        within=raw.get("within"),
        distance=None if raw.get("distance") is None else float(raw["distance"]),
        of=raw.get("of"),
        of_where=_where(raw.get("of_where"), tid, "of_where"),
        population_layer=raw.get("population_layer"),
        source=str(raw.get("source", "")),
        verified=bool(raw.get("verified", False)),
        anchor=anchor,
        visible=bool(raw.get("visible", True)),
        zones=raw.get("zones"),
        zones_where=_where(raw.get("zones_where"), tid, "zones_where"),
        condition=dict(raw["condition"]) if isinstance(raw.get("condition"), dict) else None,
        band=band,
        series=series,
        series_field=raw.get("series_field") if series_problem is None else None,
        series_since=raw.get("series_since") if series_problem is None else None,
        series_problem=series_problem,
    )


def _series_spec(raw: dict, tid: str) -> dict[int, str]:
    """``series = { 2019 = "pm25_2019", … }`` checked: whole years (TOML writes them as
    keys, so as text), each once, each naming a field; ``series_field`` and
    ``series_since`` text; one of the three at most."""
    spec = raw.get("series")
    given = [k for k in ("series", "series_field", "series_since") if raw.get(k) is not None]
    for key in ("series_field", "series_since"):
        name = raw.get(key)
        if name is not None and (not isinstance(name, str) or not name):
            raise TargetError(f"target '{tid}': '{key}' must be a field name")
    if len(given) > 1:
        raise TargetError(f"target '{tid}': give only one of {' and '.join(repr(k) for k in given)}")
    if spec is None:
        return {}
    if not isinstance(spec, dict):
        raise TargetError(f"target '{tid}': 'series' must be a table of year = field")
    out: dict[int, str] = {}
    for key, name in spec.items():
        text = str(key).strip()
        if not text.isascii() or not text.isdigit() or not 1900 <= int(text) <= 2200:
            raise TargetError(f"target '{tid}': series year '{key}' is not a year like 2019")
        year = int(text)
        if year in out:
            raise TargetError(f"target '{tid}': series has the year {year} twice")
        if not isinstance(name, str) or not name:
            raise TargetError(f"target '{tid}': series year {year} must name a field")
        out[year] = name
    return dict(sorted(out.items()))


# -- evaluation ------------------------------------------------------------------------------


class _Context:
    """The layers and the metric CRS; metric geometries are cached per layer, and the rows
    a ``where`` matches for as long as the context lives (one target, its series included:
    a series' years test the same text column once, not once a year)."""

    def __init__(self, tables: dict[str, FeatureTable], measure_crs: pyproj.CRS):
        self.tables = tables
        self.crs = measure_crs
        self._masks: dict[tuple, np.ndarray] = {}

    def table(self, target: Target, layer_id: str | None, role: str) -> FeatureTable:
        if layer_id not in self.tables:
            raise TargetError(
                f"target '{target.id}': unknown {role} '{layer_id}' (not in the project, or it did not load)"
            )
        return self.tables[layer_id]

    def column(
        self, target: Target, table: FeatureTable, name: str | None, numeric: bool = False
    ) -> np.ndarray:
        if name not in table.fields:
            raise TargetError(
                f"target '{target.id}': no field '{name}' in layer '{table.id}' "
                f"(it has {', '.join(list(table.fields)[:12]) or 'no fields'})"
            )
        col = table.fields[name]
        if numeric:
            if col.dtype.kind in "iufb":
                return col.astype(float)
            try:
                return np.array([np.nan if v is None or v == "" else float(v) for v in col.tolist()])
            except (TypeError, ValueError):
                raise TargetError(
                    f"target '{target.id}': field '{name}' of layer '{table.id}' is not numeric"
                ) from None
        return col

    def mask(self, target: Target, table: FeatureTable, where: dict) -> np.ndarray:
        """Rows matching every ``field = value(s)`` of ``where`` (a fresh array each call)."""
        if self.tables.get(getattr(table, "id", None)) is not table:
            # a part of a layer (a streamed chunk, a year's rows): matched, never kept
            return self._match(target, table, where)
        key = (table.id, len(table), repr(sorted(where.items())))
        known = self._masks.get(key)
        if known is None:
            known = self._masks[key] = self._match(target, table, where)
        return known.copy()

    def _match(self, target: Target, table: FeatureTable, where: dict) -> np.ndarray:
        keep = np.ones(len(table), dtype=bool)
        for name, values in where.items():
            col = self.column(target, table, name)
            if col.dtype.kind in "iuf":
                nums = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
                keep &= np.isin(col.astype(float), np.array(nums, dtype=float))
            else:
                keep &= np.isin(col.astype(str), np.array([str(v) for v in values]))
        return keep

    def metric(self, table: FeatureTable) -> np.ndarray:
        return table.metric_geometry(self.crs)


def _fails(op: str, values: np.ndarray, target: float) -> np.ndarray:
    """Which per-feature values fail the target on their own (NaN never fails)."""
    with np.errstate(invalid="ignore"):
        if op == "==":
            return np.isfinite(values) & (np.abs(values - target) > 1e-9 * max(1.0, abs(target)))
        ok = OPS[op](values, target)
    return np.isfinite(values) & ~ok


def _share_responsible(op: str, matched: np.ndarray, considered: np.ndarray) -> np.ndarray:
    """A share that must be high is let down by the rows that do not match; a share that
    must be low, by the rows that do."""
    return considered & (~matched if op in (">", ">=", "==") else matched)


def _evaluate(
    t: Target, ctx: _Context, not_yet: np.ndarray | None = None
) -> tuple[float | None, dict[str, np.ndarray], np.ndarray]:
    """(value, responsible rows per layer, rows measured) for one target; the rows in
    ``not_yet`` do not match ``where`` (yet: a year of a ``series_since`` series)."""
    table = ctx.table(t, t.layer, "layer")
    is_raster = getattr(table, "kind", "") == "raster"
    if METRICS[t.metric].raster != is_raster:
        what = "a raster layer" if METRICS[t.metric].raster else "a vector layer"
        raise TargetError(
            f"target '{t.id}': metric '{t.metric}' needs {what}; '{table.id}' is "
            + ("a raster" if is_raster else "a vector layer")
        )
    if is_raster:
        return METRICS[t.metric].evaluate(t, ctx, table, None, None)
    for role in ("of", "within", "population_layer"):
        other = ctx.tables.get(getattr(t, role, None) or "")
        if getattr(other, "kind", "") == "streamed":
            raise TargetError(
                f"target '{t.id}': layer '{other.id}' is streamed; it can be measured, not measured against"
            )
    if getattr(table, "kind", "") == "streamed":  # chunk by chunk from the file
        from .streaming import StreamError, chunked_evaluate

        try:
            return chunked_evaluate(t, ctx, table)
        except StreamError as exc:
            raise TargetError(f"target '{t.id}': {exc}") from None
    rows = ctx.mask(t, table, t.where)
    if not_yet is not None:
        rows &= ~not_yet
    present = ~shapely.is_missing(table.geometry)
    return METRICS[t.metric].evaluate(t, ctx, table, rows, present)


def _focus(
    t: Target, tables: dict[str, FeatureTable], measured: np.ndarray, crs: pyproj.CRS
) -> tuple[float, float] | None:
    """Where a target's leader line points: the mean of the measured features' box centres
    (a display point, not a measurement — no reprojection of a million features for it)."""
    table = tables.get(t.zones if METRICS[t.metric].raster else t.layer)
    if table is None or not measured.any():
        return None
    if getattr(table, "kind", "") == "streamed":  # the overview's boxes
        from .streaming import mean_centre

        return mean_centre(table, measured)
    geoms = table.geometry[measured]
    b = shapely.bounds(geoms[~shapely.is_missing(geoms)])
    if len(b) == 0:
        return None
    x, y = np.nanmean((b[:, 0] + b[:, 2]) / 2), np.nanmean((b[:, 1] + b[:, 3]) / 2)
    return (round(float(x), 6), round(float(y), 6))


def evaluate_target(
    raw_or_target: dict | Target, tables: dict[str, FeatureTable], measure_crs: str | pyproj.CRS = "EPSG:4548"
) -> TargetResult:
    """Evaluate one target; raises ``TargetError`` for a target that cannot be evaluated."""
    t = raw_or_target if isinstance(raw_or_target, Target) else parse_target(raw_or_target)
    crs = parse_crs(measure_crs)
    if crs.is_geographic:
        raise TargetError(f"target '{t.id}': measure_crs {measure_crs} is not metric")
    ctx = _Context(tables, crs)
    value, responsible, measured = _evaluate(t, ctx)
    focus = _focus(t, tables, measured, crs)
    anchor = t.anchor or focus
    if value is None or not np.isfinite(value):
        result = TargetResult(t, None, STATUS_NO_DATA, {}, anchor, focus=focus)
    else:
        met = OPS[t.op](round(value, 9), t.target)
        responsible = {k: v for k, v in responsible.items() if len(v)}
        result = TargetResult(
            t, value, STATUS_MET if met else STATUS_MISSED, responsible, anchor, focus=focus
        )
    if t.series_problem:
        result.series_error = t.series_problem
    elif t.has_series:
        try:
            result.series = _series_values(t, ctx)
            known = sum(v is not None for _, v in result.series)
            if known < 2:
                result.series_error = (
                    f"target '{t.id}': the series has {known} year(s) with a value; a trend needs two or more"
                )
        except TargetError as exc:  # said in one line; the current value still stands
            result.series_error = str(exc)
        except Exception as exc:  # whatever a file holds: one line, the value still stands
            result.series_error = f"target '{t.id}': the series cannot be evaluated ({type(exc).__name__})"
        result.projection, result.trend, result.crossing_year = trend_of(result.series, t)
    return result


NOT_BEFORE = "not before 2100"
MAX_SERIES_YEARS = 100  # a series_since spanning more is a year typed wrong, not a series


def _series_values(t: Target, ctx: _Context) -> list[tuple[int, float | None]]:
    """The metric evaluated once per year: with that year's field, or on that year's rows."""
    if t.series:
        spec = METRICS.get(t.metric)
        if t.field is None or spec is None or "field" not in (*spec.needs, *spec.optional):
            raise TargetError(f"target '{t.id}': metric '{t.metric}' has no field to take year by year")
        out = []
        for year, name in t.series.items():
            value, _, _ = _evaluate(dataclasses.replace(t, field=name), ctx)
            out.append((year, None if value is None or not np.isfinite(value) else float(value)))
        return out
    table = ctx.table(t, t.layer, "layer")
    if t.series_since:
        return _since_values(t, ctx, table)
    years = _years(t, ctx, table, t.series_field, "series_field")
    out = []
    for year in sorted({int(y) for y in years.tolist() if y != -1}):
        # the year's rows as the layer: every metric (shares, per capita) measures that year
        rows = years == year
        part = dataclasses.replace(
            table,
            geometry=table.geometry[rows],
            fields={k: v[rows] for k, v in table.fields.items()},
            _metric={},
            _tree=None,
            _kinds=None,
            _box=None,
        )
        value, _, _ = _evaluate(t, _Context({**ctx.tables, t.layer: part}, ctx.crs))
        out.append((year, None if value is None or not np.isfinite(value) else float(value)))
    return out


def _years(t: Target, ctx: _Context, table, name: str, key: str) -> np.ndarray:
    """A field of whole years (1900–2200) as int64, -1 where empty; one line when it is not."""
    if getattr(table, "kind", "") == "raster":
        raise TargetError(f"target '{t.id}': {key} needs a vector layer")
    if getattr(table, "kind", ""):  # (before its column is read: a streamed layer is big)
        raise TargetError(f"target '{t.id}': {key} needs a layer held in memory (this one is streamed)")
    col = ctx.column(t, table, name)
    kinds = {type(v).__name__ for v in col.tolist() if v is not None and v == v}
    if col.dtype.kind in "iu":
        years = col.astype(np.int64)
    elif col.dtype.kind == "f" and np.all(np.isnan(col) | (col == np.round(col))):
        years = np.where(np.isnan(col), -1, col).astype(np.int64)
    elif col.dtype == object and kinds <= {"int"}:
        years = np.array([-1 if v is None else v for v in col.tolist()], dtype=np.int64)
    else:
        raise TargetError(
            f"target '{t.id}': {key} '{name}' must hold whole years "
            f"(it holds {', '.join(sorted(kinds)) or 'no values'})"
        )
    if getattr(table, "kind", ""):
        raise TargetError(f"target '{t.id}': {key} needs a layer held in memory (this one is streamed)")
    odd = sorted({int(y) for y in years.tolist() if y != -1 and not 1900 <= y <= 2200})
    if odd:
        raise TargetError(f"target '{t.id}': {key} '{name}' holds {odd[0]}, not a year like 2019")
    return years


def _since_values(t: Target, ctx: _Context, table) -> list[tuple[int, float | None]]:
    """``series_since``: every whole year from the field's first to its last, the metric
    evaluated with the features whose year is later not matching yet (a building certified
    in 2018 counts as green from 2018 on); a feature without a year always matched."""
    since = _years(t, ctx, table, t.series_since, "series_since")
    known = since[(since != -1) & ctx.mask(t, table, t.where)]  # the years that change a value
    if len(known) == 0:
        raise TargetError(f"target '{t.id}': series_since '{t.series_since}' holds no year")
    span = int(known.max()) - int(known.min()) + 1
    if span > MAX_SERIES_YEARS:
        raise TargetError(
            f"target '{t.id}': series_since '{t.series_since}' spans {span} years "
            f"({int(known.min())}–{int(known.max())}); at most {MAX_SERIES_YEARS}"
        )
    out = []
    for year in range(int(known.min()), int(known.max()) + 1):
        value, _, _ = _evaluate(t, ctx, not_yet=since > year)
        out.append((year, None if value is None or not np.isfinite(value) else float(value)))
    return out


def ols_line(points: list[tuple[int, float]]) -> tuple[float, float, float]:
    """(slope, value at the mean year, mean year) of the ordinary least-squares line through
    two or more (year, value) points (centred on the mean year: well conditioned)."""
    x = np.array([p[0] for p in points], dtype=float)
    y = np.array([p[1] for p in points], dtype=float)
    slope, intercept = np.polyfit(x - x.mean(), y, 1)
    return float(slope), float(intercept), float(x.mean())


def trend_of(series: list[tuple[int, float | None]], t: Target) -> tuple[float | None, str, int | str | None]:
    """(projection at the target's year, trend, crossing year) of the ordinary least-squares
    line through the series' points. Fewer than two points: none of them. No year: no
    projection (so no trend), the crossing still. The crossing year is the first whole year
    from the series' first on which the line meets the goal — the first year itself when it
    already does, "not before 2100" when it does not by then (a line moving away, flat, or
    too slow); an exact goal (``==``) is met where the line reaches or passes it. Numbers too
    large to fit a line through give no trend."""
    points = [(y, v) for y, v in series if v is not None and math.isfinite(v)]
    if len(points) < 2:
        return None, "no-data", None
    try:
        with np.errstate(all="ignore"):
            slope, intercept, xmean = ols_line(points)
            years = np.arange(min(p[0] for p in points), 2101)
            line = intercept + slope * (years - xmean)
            projection = None if t.year is None else float(intercept + slope * (t.year - xmean))
    except (ValueError, np.linalg.LinAlgError):
        return None, "no-data", None
    if not (np.all(np.isfinite(line)) and (projection is None or math.isfinite(projection))):
        return None, "no-data", None  # numbers too large to fit a line through
    if t.op == "==":  # a line meets an exact goal where it reaches or passes it
        side = np.sign(np.round(line - t.target, 9))
        meets = (side == 0) | (side != side[0])
    else:
        meets = OPS[t.op](np.round(line, 9), t.target)
    crossing: int | str = int(years[np.argmax(meets)]) if meets.any() else NOT_BEFORE
    if projection is None:
        return None, "no-data", crossing
    trend = "on-track" if OPS[t.op](round(projection, 9), t.target) else "off-track"
    return projection, trend, crossing


def substituted(target: Target, data: dict[str, str]) -> Target:
    """The target reading plan layers where ``data`` (a theme's) puts them in place of the
    layers it names; the rows it reports then belong to the plan layers."""
    if not data:
        return target
    swap = {
        k: data.get(getattr(target, k), getattr(target, k))
        for k in ("layer", "within", "of", "population_layer", "zones")
        if getattr(target, k)
    }
    return dataclasses.replace(target, **swap)


def evaluate_targets(
    project: Project, tables: dict[str, FeatureTable], substitute: dict[str, str] | None = None
) -> list[TargetResult]:
    """Every target of the project. A bad target becomes a result with status "error" and a
    one-line message naming it; the others still evaluate. ``substitute`` (default: the
    project's, set by the applied theme) puts plan layers in place of existing ones."""
    data = project.substitute if substitute is None else substitute
    results = []
    for i, raw in enumerate(project.targets):
        try:
            target = parse_target(raw, i)
        except (TargetError, TypeError, ValueError) as exc:
            tid = raw.get("id", f"targets[{i}]") if isinstance(raw, dict) else f"targets[{i}]"
            title = raw.get("title", tid) if isinstance(raw, dict) else tid
            stub = Target(
                id=str(tid),
                title=title if isinstance(title, (str, dict)) else str(tid),
                metric=str(raw.get("metric", "")) if isinstance(raw, dict) else "",
                layer="",
                op=">=",
                target=0.0,
            )
            results.append(TargetResult(stub, None, STATUS_ERROR, error=str(exc)))
            continue
        target = substituted(target, data)
        try:
            results.append(evaluate_target(target, tables, project.measure_crs))
        except (TargetError, ValueError) as exc:
            results.append(TargetResult(target, None, STATUS_ERROR, error=str(exc)))
        except Exception as exc:  # a bad target must not stop the others
            results.append(
                TargetResult(
                    target,
                    None,
                    STATUS_ERROR,
                    error=(
                        f"target '{target.id}': cannot be evaluated ({type(exc).__name__}: "
                        f"{str(exc).splitlines()[0] if str(exc) else 'no detail'})"
                    ),
                )
            )
    return results


def results_shown_as(work, results: list[TargetResult]) -> list[TargetResult]:
    """The evaluated results with each target shown or hidden as ``work`` says (values do
    not depend on the theme, so targets are evaluated once per export command)."""
    shown = {t.get("id"): t.get("visible", True) for t in work.targets if isinstance(t, dict)}
    out = []
    for r in results:
        visible = bool(shown.get(r.target.id, True))
        if visible != getattr(r.target, "visible", True):
            r = dataclasses.replace(r, target=dataclasses.replace(r.target, visible=visible))
        out.append(r)
    return out


# every metric is one function in metrics.py; importing it registers them (in its order)
from . import metrics  # noqa: E402, F401
