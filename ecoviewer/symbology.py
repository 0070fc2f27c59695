"""Making a layer's style from its data, the way QGIS's symbology panel does: a sensible first
style for a new layer, a field's unique values with their counts (categorized), class breaks
by equal interval, quantile or natural breaks (graduated — computed by mapclassify), colours
from a ramp, and the histogram of a numeric field.

Every function returns the same ``style = { … }`` table a project file holds (styles.py reads
it), so what the window builds is what a file says and saves back unchanged.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .raster_style import ramp_colors
from .sources import to_plain, to_text
from .styles import PALETTE

#: graduated classification methods: key → mapclassify classifier (see ``breaks``)
METHODS = ("equal_interval", "quantile", "natural_breaks")
#: mapclassify's advice for Fisher-Jenks on a large field (its ``FisherJenksSampled``): classify
#: a random sample of 1,000 values; ours is drawn with a fixed seed so a style is reproducible
JENKS_SAMPLE = 1000
#: a text field with at most this many distinct values gets a categorized first style
FIRST_CATEGORIES = 12
#: the ramp a graduated style starts with (ColorBrewer, sequential)
DEFAULT_GRADUATED_RAMP = "ylorrd"
#: ramps offered in the window (ColorBrewer and matplotlib names of rio-tiler's tables)
RAMPS = ("ylorrd", "ylgn", "blues", "greens", "reds", "purples", "rdylgn", "rdylbu", "spectral", "viridis")

_ID_NAMES = {"id", "fid", "ogc_fid", "objectid", "gid", "osm_id", "oid"}


def numeric_values(col: np.ndarray) -> np.ndarray | None:
    """The finite numbers of a column as floats, or None when the column is not numeric
    (text, dates, mixed — a column whose non-empty cells are not all numbers)."""
    if col.dtype.kind in "iuf":
        values = np.asarray(col, dtype=float)
        return values[np.isfinite(values)]
    if col.dtype.kind == "b":
        return None
    if col.dtype == object:
        cells = [v for v in col.tolist() if v is not None]
        if not cells or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in cells):
            return None
        values = np.asarray(cells, dtype=float)
        return values[np.isfinite(values)]
    return None


def is_numeric(col: np.ndarray) -> bool:
    return numeric_values(col) is not None


def unique_counts(col: np.ndarray) -> list[tuple[Any, int]]:
    """A field's distinct non-empty values with how many features have each, sorted by value
    (numbers by number, text by text); the "classify" button of QGIS's categorized renderer."""
    cells = [to_plain(v) for v in col.tolist()]
    counts: dict[Any, int] = {}
    for v in cells:
        if v is None or v == "" or (isinstance(v, float) and math.isnan(v)):
            continue
        if not isinstance(v, (str, int, float, bool)):  # a list or a table in a GeoJSON cell
            v = to_text(v)
        counts[v] = counts.get(v, 0) + 1

    def order(item):
        v = item[0]
        return (
            (0, float(v), "") if isinstance(v, (int, float)) and not isinstance(v, bool) else (1, 0.0, str(v))
        )

    return sorted(counts.items(), key=order)


def category_key(value: Any) -> str:
    """How a category's value is written in a project (TOML keys are text): ``120116`` and
    ``"120116"`` are one category, as styles.classify compares text."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def colours(n: int, ramp: str | list | None = None) -> list[str]:
    """``n`` colours: from a ramp, or the qualitative palette (categories) when none."""
    if n <= 0:
        return []
    if ramp is None:
        return [PALETTE[i % len(PALETTE)] for i in range(n)]
    if n == 1:
        return ramp_colors(ramp, 3)[1:2]
    return ramp_colors(ramp, n)


def categorized(
    field: str, col: np.ndarray, ramp: str | list | None = None, symbol: dict | None = None
) -> dict:
    """A categorized style: one class per distinct value (with the palette or a ramp)."""
    values = [v for v, _ in unique_counts(col)]
    cats = {category_key(v): {"color": c} for v, c in zip(values, colours(len(values), ramp))}
    return {"kind": "categorized", "field": field, **(symbol or {}), "categories": cats}


def breaks(values: np.ndarray, method: str, k: int) -> list[float]:
    """Upper bounds of ``k`` classes over ``values`` (the last is the maximum), as mapclassify
    makes them: ``EqualInterval`` and ``Quantiles`` (closed forms, computed here the same way —
    a test holds them to mapclassify's), or its ``FisherJenks`` (natural breaks, Jenks's
    optimum) on a fixed-seed sample of ``JENKS_SAMPLE`` values for a bigger field, as its
    ``FisherJenksSampled`` advises. Repeated bounds (few distinct values) are merged."""
    if method not in METHODS:
        raise ValueError(f"unknown classification '{method}' (one of {', '.join(METHODS)})")
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if len(values) == 0:
        raise ValueError("the field has no numbers to classify")
    k = max(1, min(int(k), 32))
    lo, hi = float(values.min()), float(values.max())
    distinct = np.unique(values)
    if len(distinct) <= k:
        return [float(v) for v in distinct]
    if method == "equal_interval":  # mapclassify.EqualInterval's bins, without its import
        bins = lo + (hi - lo) / k * np.arange(1, k + 1)
    elif method == "quantile":  # mapclassify.Quantiles's bins (its percentiles), likewise
        bins = np.percentile(values, np.linspace(100.0 / k, 100.0, k))
    else:
        sample = values
        if len(values) > JENKS_SAMPLE:
            rng = np.random.default_rng(0)
            sample = rng.choice(values, JENKS_SAMPLE, replace=False)
            sample[:2] = lo, hi  # the range is the field's, not the sample's
        bins = _mapclassify().FisherJenks(sample, k=k).bins
    out: list[float] = []
    for b in [float(b) for b in bins[:-1]] + [hi]:
        b = _round(b, hi - lo)
        if not out or b > out[-1]:
            out.append(b)
    out[-1] = hi
    return out


def _mapclassify():
    """mapclassify, imported on first use: its import (pandas, SciPy, scikit-learn, and numba
    compiling Fisher-Jenks) takes 2–4 s, so the window warms it up on a worker thread when the
    style panel opens (``warm_up``) and a layer added needs none of it."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Numba not installed" where it is not: same result
        import mapclassify
    return mapclassify


def warm_up() -> None:
    """Import mapclassify now (called on a worker thread)."""
    try:
        _mapclassify()
    except Exception:  # a broken install shows when natural breaks are asked for
        pass


def _round(value: float, span: float) -> float:
    """A break rounded to a few significant digits of the field's range (as QGIS shows them)."""
    if span <= 0 or not math.isfinite(value):
        return value
    digits = max(0, 3 - math.floor(math.log10(span)))
    return round(value, digits)


def graduated(
    field: str,
    values: np.ndarray,
    method: str = "quantile",
    k: int = 5,
    ramp: str | list = DEFAULT_GRADUATED_RAMP,
    symbol: dict | None = None,
) -> dict:
    """A graduated style: classes by ``method`` coloured along ``ramp``, labelled "lo – hi"."""
    bounds = breaks(values, method, k)
    lo = float(np.nanmin(np.asarray(values, dtype=float)))
    classes = []
    for i, (hi, colour) in enumerate(zip(bounds, colours(len(bounds), ramp))):
        start = lo if i == 0 else bounds[i - 1]
        classes.append({"max": hi, "color": colour, "label": f"{_text(start)} – {_text(hi)}"})
    return {"kind": "graduated", "field": field, **(symbol or {}), "method": method, "classes": classes}


def _text(v: float) -> str:
    return f"{v:g}" if abs(v) < 1e6 else f"{v:.0f}"


def histogram(values: np.ndarray, bins: int = 24) -> tuple[list[int], list[float]]:
    """Counts and bin edges of a numeric field (the graduated panel's histogram)."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if len(values) == 0:
        return [], []
    counts, edges = np.histogram(values, bins=bins)
    return [int(c) for c in counts], [float(e) for e in edges]


def _id_like(name: str, col: np.ndarray) -> bool:
    if name.lower() in _ID_NAMES or name.lower().endswith("_id"):
        return True
    if col.dtype.kind in "iu" and len(col) > 10:
        return len(np.unique(col)) == len(col)  # every feature its own number: a key, not a measure
    return False


def first_style(fields: dict[str, np.ndarray], shape: str) -> dict:
    """The style a layer gets when added to a new project: categorized on the first text field
    with 2–12 distinct values that repeat (not a name per feature), else graduated (quantiles)
    on the first numeric field that is not an id, else a single colour. Tooltips show the first
    fields; a line is a little thicker."""
    symbol: dict[str, Any] = {"fill_opacity": 0.6 if shape == "polygon" else 0.9}
    if shape == "line":
        symbol["weight"] = 2.5
    tooltip = [n for n in fields if not _id_like(n, fields[n])][:6]
    for name, col in fields.items():
        if is_numeric(col) or _id_like(name, col):
            continue
        counts = unique_counts(col)
        # a few values that repeat: a classification (names, each its own, are not)
        if 2 <= len(counts) <= FIRST_CATEGORIES and len(counts) < sum(c for _, c in counts):
            return {**categorized(name, col, symbol=symbol), "tooltip": tooltip}
    for name, col in fields.items():
        values = numeric_values(col)
        if values is None or _id_like(name, col) or len(np.unique(values)) < 3:
            continue
        return {**graduated(name, values, "quantile", 5, symbol=symbol), "tooltip": tooltip}
    return {"kind": "single", "color": PALETTE[0], **symbol, "tooltip": tooltip}
