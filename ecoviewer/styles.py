"""Layer symbology: single colour, categorized by a field, graduated by a numeric field.

A style is data (the ``style`` table of a project layer). ``resolve_style`` checks it and
turns it into the small dictionary the page's JavaScript uses to look a feature's symbol up
by its class — one lookup per feature in JS, never one generated ``case`` per feature — and
``classify`` computes each feature's class index in Python with whole-array NumPy.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import validate
from .project import LayerSpec, localized

PALETTE = [
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#666666",
    "#1f78b4",
    "#b2df8a",
]
DEFAULT_COLOR = "#3388ff"
SYMBOL_KEYS = ("color", "stroke", "weight", "fill_opacity", "opacity", "radius", "dash")
KINDS = ("single", "categorized", "graduated")


_RANGES = {"weight": (0, 100), "fill_opacity": (0, 1), "opacity": (0, 1), "radius": (0, 200)}


class StyleError(ValueError):
    """A style the project asks for that cannot be applied (message names the layer)."""


@dataclass
class LegendEntry:
    label: str
    color: str
    shape: str  # "polygon", "line" or "point"


@dataclass
class ResolvedStyle:
    kind: str
    field: str | None
    base: dict  # symbol keys shared by every class
    classes: list[dict]  # per class: symbol overrides + "label" (zh/en or text)
    values: list[Any] = field(default_factory=list)  # categorized: value(s) of each class
    #: categorized: the class of "all other values" (its index), None when there is none
    other: int | None = None
    breaks: list[float] = field(default_factory=list)  # graduated: upper bound of each class
    label_field: str | None = None
    label_where: dict = field(default_factory=dict)
    tooltip: list[str] = field(default_factory=list)

    def to_page(self, lang: str) -> dict:
        """The JSON the page's ``ecoviewer.addLayer`` reads."""
        return {
            "base": self.base,
            "classes": [{k: v for k, v in c.items() if k != "label"} for c in self.classes],
            "tooltip": self.tooltip,
        }

    def legend(self, shape: str, lang: str) -> list[LegendEntry]:
        out = []
        for cls in self.classes:
            color = cls.get("color") or self.base.get("color", DEFAULT_COLOR)
            out.append(LegendEntry(localized(cls.get("label"), lang), color, shape))
        return out


def _symbol(raw: dict, where: str) -> dict:
    out = {}
    for key in SYMBOL_KEYS:
        if key in raw:
            value = raw[key]
            try:
                if key in ("color", "stroke"):
                    value = validate.color(value)
                elif key == "dash":
                    value = validate.dash(value)
                else:
                    value = validate.number(value, *_RANGES[key])
            except ValueError as exc:
                raise StyleError(f"{where}: '{key}' {exc}") from None
            out[key] = value
    return out


def resolve_style(spec: LayerSpec, columns: list[str] | None = None) -> ResolvedStyle:
    """Check a layer's style table; ``columns`` (when known) are the layer's field names."""
    raw = spec.style or {}
    where = f"layer '{spec.id}' style"
    kind = raw.get("kind", "single")
    if kind not in KINDS:
        raise StyleError(f"{where}: unknown kind '{kind}' (one of {', '.join(KINDS)})")
    base = {"color": DEFAULT_COLOR, "weight": 1.5, "fill_opacity": 0.5, "radius": 5}
    base.update(_symbol(raw, where))
    fld = raw.get("field")
    if kind != "single":
        if not isinstance(fld, str):
            raise StyleError(f"{where}: kind '{kind}' needs a 'field'")
        if columns is not None and fld not in columns:
            raise StyleError(
                f"{where}: no field '{fld}' in the layer (it has {', '.join(columns[:12]) or 'no fields'})"
            )
    tooltip = raw.get("tooltip", [])
    if not isinstance(tooltip, list) or not all(isinstance(t, str) for t in tooltip):
        raise StyleError(f"{where}: 'tooltip' must be a list of field names, like [\"name\"]")
    if raw.get("label") is not None and not isinstance(raw.get("label"), str):
        raise StyleError(f"{where}: 'label' must be a field name (text)")
    label_where = raw.get("label_where", {})
    if not isinstance(label_where, dict):
        raise StyleError(f"{where}: 'label_where' must be a table of field = value(s)")
    if columns is not None:
        tooltip = [t for t in tooltip if t in columns]
    else:
        tooltip = list(tooltip)
    label_field = raw.get("label")
    if label_field is not None and columns is not None and label_field not in columns:
        label_field = None
    common = dict(
        field=fld if kind != "single" else None,
        base=base,
        label_field=label_field,
        label_where=dict(label_where),
        tooltip=tooltip,
    )

    if kind == "single":
        title = spec.title or spec.id
        return ResolvedStyle(kind=kind, classes=[{"label": title}], **common)
    if kind == "categorized":
        cats = raw.get("categories", {})
        if not isinstance(cats, dict):
            raise StyleError(f"{where}: 'categories' must be a table of value = {{ color = … }}")
        classes, values = [], []
        for i, (value, sym) in enumerate(cats.items()):
            if sym is not None and not isinstance(sym, (dict, str)):
                raise StyleError(f"{where}, category '{value}': must be a colour or {{ color = … }}")
            sym = sym if isinstance(sym, dict) else {"color": sym}
            if "label" in sym:
                try:
                    validate.title(sym["label"])
                except ValueError as exc:
                    raise StyleError(f"{where}, category '{value}': label {exc}") from None
            cls = _symbol(sym, f"{where}, category '{value}'")
            cls.setdefault("color", PALETTE[i % len(PALETTE)])
            cls["label"] = sym.get("label", value)
            classes.append(cls)
            merged = sym.get("values", [])  # more values drawn as this class (merged classes)
            if not isinstance(merged, list) or not all(isinstance(v, (str, int, float)) for v in merged):
                raise StyleError(f"{where}, category '{value}': 'values' must be a list of values")
            values.append([value, *(str(v) for v in merged)] if merged else value)
        other = None
        if raw.get("other") is not None:  # "all other values" (QGIS's empty-value category)
            sym = raw["other"] if isinstance(raw["other"], dict) else {"color": raw["other"]}
            cls = _symbol(sym, f"{where}, other values")
            cls.setdefault("color", "#bdbdbd")
            try:
                cls["label"] = (
                    validate.title(sym["label"]) if "label" in sym else {"zh": "其他", "en": "Other"}
                )
            except ValueError as exc:
                raise StyleError(f"{where}, other values: label {exc}") from None
            other = len(classes)
            classes.append(cls)
        return ResolvedStyle(kind=kind, classes=classes, values=values, other=other, **common)
    # graduated
    items = raw.get("classes", [])
    if not isinstance(items, list) or not items:
        raise StyleError(f"{where}: kind 'graduated' needs 'classes' = [ {{ max = …, color = … }} ]")
    classes, breaks = [], []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise StyleError(f"{where}: class {i + 1} needs a numeric 'max'")
        try:
            validate.number(item.get("max"))
            if "label" in item:
                validate.title(item["label"])
        except ValueError as exc:
            raise StyleError(f"{where}: class {i + 1}: 'max' or 'label' {exc}") from None
        cls = _symbol(item, f"{where}, class {i + 1}")
        cls.setdefault("color", PALETTE[i % len(PALETTE)])
        cls["label"] = item.get("label", f"≤ {item['max']}")
        classes.append(cls)
        breaks.append(float(item["max"]))
    if breaks != sorted(breaks):
        raise StyleError(f"{where}: class 'max' values must increase")
    return ResolvedStyle(kind=kind, classes=classes, breaks=breaks, **common)


def style_or_default(spec: LayerSpec, columns: list[str]) -> tuple[ResolvedStyle, str | None]:
    """The layer's style for its data, or — when the project's style cannot be applied (a
    typo, a missing field) — the default style and one line saying why. The project keeps
    its style as written; only the drawing falls back (check, the window, every export)."""
    try:
        return resolve_style(spec, columns), None
    except StyleError as exc:
        default = resolve_style(dataclasses.replace(spec, style={}), columns)
        return default, f"{spec.path}: {exc}; drawn with the default style"


def classify(style: ResolvedStyle, fields: dict[str, np.ndarray], n: int) -> np.ndarray:
    """Each feature's class index (int array); -1 = no class (drawn with the base symbol).
    The last few results are kept (the page and a big layer's tiles classify the same
    column with the same style one after the other)."""
    if style.kind == "single":
        return np.zeros(n, dtype=np.int32)
    col = fields[style.field]
    key = (id(col), style.kind, repr(style.values), repr(style.breaks), style.other, n)
    with _CLASSES_LOCK:
        hit = _CLASSES.get(key)
        if hit is not None and hit[0] is col:
            return hit[1]
    out = _categorize(style, col, n) if style.kind == "categorized" else _graduate(style, col)
    out.flags.writeable = False
    with _CLASSES_LOCK:
        _CLASSES[key] = (col, out)
        while len(_CLASSES) > 8:
            _CLASSES.pop(next(iter(_CLASSES)))
    return out


_CLASSES: dict = {}
_CLASSES_LOCK = threading.Lock()


def _categorize(style: ResolvedStyle, col: np.ndarray, n: int) -> np.ndarray:
    """Categories by a value's text, type-tolerant: a value matches as NumPy writes it or, a
    whole number, as an integer (a CSV's or a join's 120116.0 is the category "120116")."""
    lookup: dict[str, int] = {}
    for i, value in enumerate(style.values):
        for v in value if isinstance(value, list) else [value]:
            lookup.setdefault(str(v), i)
    miss = -1 if style.other is None else style.other
    if col.dtype == object:  # one dict lookup per cell: 1M cells in ~0.1 s
        get = lookup.get
        return np.fromiter(
            (get(v, miss) if type(v) is str else _lookup_value(get, v, miss) for v in col.tolist()),
            dtype=np.int32,
            count=n,
        )
    uniques, inverse = np.unique(col, return_inverse=True)  # few distinct values, many rows
    cls = np.array([_lookup_value(lookup.get, u.item(), miss, str(u)) for u in uniques], dtype=np.int32)
    return cls[inverse.reshape(-1)] if len(uniques) else np.full(n, miss, dtype=np.int32)


def _lookup_value(get, v, miss: int, text: str | None = None) -> int:
    """A cell's class by its text as NumPy writes it, as Python writes it (a float32's
    0.10000000149011612), or — a whole number — as an integer."""
    if v is None:
        return miss
    found = get(text if text is not None else str(v))
    if found is None and text is not None:
        found = get(str(v))
    if found is None and isinstance(v, float) and v.is_integer():
        found = get(str(int(v)))
    return miss if found is None else found


def _graduate(style: ResolvedStyle, col: np.ndarray) -> np.ndarray:
    values = (
        np.asarray(col, dtype=float)
        if col.dtype != object
        else np.array([v if isinstance(v, (int, float)) else np.nan for v in col.tolist()], dtype=float)
    )
    idx = np.searchsorted(np.asarray(style.breaks), values, side="left").astype(np.int32)
    idx[~np.isfinite(values) | (idx >= len(style.breaks))] = -1
    return idx


def label_mask(style: ResolvedStyle, fields: dict[str, np.ndarray], n: int) -> np.ndarray:
    """Which features carry a permanent label."""
    if not style.label_field:
        return np.zeros(n, dtype=bool)
    mask = np.ones(n, dtype=bool)
    for fld, allowed in style.label_where.items():
        if fld not in fields:
            return np.zeros(n, dtype=bool)
        allowed = allowed if isinstance(allowed, list) else [allowed]
        match = ResolvedStyle(kind="categorized", field=fld, base={}, classes=[{}], values=[list(allowed)])
        mask &= _categorize(match, fields[fld], n) == 0  # matched as categories are (120116.0 is "120116")
    return mask
