"""A target's trend as a chart, worked out without Qt: the series' points, the least-squares
line from the first year to the target's year, the goal, the projection, the axes' ranges
and ticks, the colour and the arrow of the trend, and the words, in Chinese or English.

Every picture of a trend is drawn from this one description: the window's chart
(QtCharts) and the targets panel's sparklines, the report's charts (QPainter, vector in a
PDF) and the map page's inline SVG (our page script, from this as JSON). So all of them
show the same numbers, and each is tested here without a screen.
"""

from __future__ import annotations

import math

from .targets import NOT_BEFORE, OP_SIGNS, STATUS_COLORS, TargetResult, ols_line, with_unit

TREND_COLORS = {
    "on-track": STATUS_COLORS["met"],
    "off-track": STATUS_COLORS["missed"],
    "no-data": STATUS_COLORS["no-data"],
}

TREND_WORDS = {
    "zh": {
        "on-track": "有望达标",
        "off-track": "进度滞后",
        "no-data": "无趋势",
        "goal": "目标",
        "projection": "{year}年预测：{value}",
        "crossing": "预计{year}年达到目标",
        "since": "{year}年起已达到目标",
        "away": "正偏离目标",
        "never": "2100年前达不到目标",
        "trend": "趋势",
        "series": "历年数值",
        "fit": "趋势线",
        "target_year": "目标年份",
    },
    "en": {
        "on-track": "on track",
        "off-track": "off track",
        "no-data": "no trend",
        "goal": "goal",
        "projection": "projected for {year}: {value}",
        "crossing": "meets the goal in {year}",
        "since": "meets the goal since {year}",
        "away": "moving away from the goal",
        "never": "not before 2100",
        "trend": "Trend",
        "series": "yearly values",
        "fit": "trend line",
        "target_year": "target year",
    },
}


def trend_words(lang: str) -> dict[str, str]:
    return TREND_WORDS["zh" if lang == "zh" else "en"]


def arrow(slope: float | None, years: float, scale: float) -> str:
    """↗ rising, ↘ falling, → flat or no line: what a callout shows beside its value. Flat
    is a line that changes by less than 1 % of ``scale`` (the series' largest value, in
    size) over the series' ``years``."""
    if slope is None or not math.isfinite(slope) or abs(slope) * max(years, 1.0) < 0.01 * scale:
        return "→"
    return "↗" if slope > 0 else "↘"


def nice_step(span: float, most: int) -> float:
    """The smallest 1, 2 or 5 × 10^k step that cuts ``span`` into at most ``most`` parts."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / most
    exp = math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        step = m * 10.0**exp
        if span / step <= most + 1e-9:
            return step
    return 10.0 ** (exp + 1)


def _ticks(lo: float, hi: float, step: float) -> list[float]:
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    return [_sig(k * step) for k in range(first, last + 1)]


def _sig(value: float) -> float:
    """``value`` to 9 significant digits (small values keep their size, unlike decimals)."""
    return float(f"{value:.9g}")


def tick_decimals(step: float) -> int:
    """Decimals that tell ticks ``step`` apart: 0 for 5, 1 for 0.5, 3 for 0.005."""
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step > 0 else 0


def moving_away(op: str, slope: float) -> bool:
    """Whether a line of ``slope`` moves away from a goal that must be ``op`` it."""
    return (op in ("<", "<=") and slope > 0) or (op in (">", ">=") and slope < 0)


def trend_chart(result: TargetResult, lang: str = "zh") -> dict | None:
    """The chart of ``result``'s series (None for a target without one): JSON-ready."""
    points = [(int(y), float(v)) for y, v in result.series if v is not None and math.isfinite(v)]
    if not points:
        return None
    try:
        return _chart(result, points, lang)
    except (OverflowError, ValueError, ZeroDivisionError):  # numbers no chart can hold
        return None


def _chart(result: TargetResult, points: list[tuple[int, float]], lang: str) -> dict | None:
    t = result.target
    w = trend_words(lang)
    years = [y for y, _ in points]
    x0 = min(years + ([t.year] if t.year else []))  # the target's year is on the chart
    x1 = max(years + ([t.year] if t.year else []))
    if x1 == x0:
        x1 = x0 + 1
    fit = None
    slope = None
    if len(points) >= 2:
        slope, intercept, xmean = ols_line(points)
        fit = [[x0, intercept + slope * (x0 - xmean)], [x1, intercept + slope * (x1 - xmean)]]
    values = [v for _, v in points] + [t.target]
    if fit:
        values += [fit[0][1], fit[1][1]]
    if result.projection is not None:
        values.append(result.projection)
    if not all(math.isfinite(v) for v in values):
        return None
    lo, hi = min(values), max(values)
    if hi - lo < 1e-9:
        lo, hi = lo - 1.0, hi + 1.0
    step = nice_step(hi - lo, 4)
    y0, y1 = math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step
    xstep = max(1, int(nice_step(x1 - x0, 5)))
    crossing = result.crossing_year
    if slope is not None and t.op != "==" and moving_away(t.op, slope) and abs(slope) > 0:
        crossing_text = w["away"]  # (met now or not: the line leaves the goal behind)
    elif crossing == NOT_BEFORE:
        crossing_text = w["never"]
    elif isinstance(crossing, int) and crossing <= max(years):
        crossing_text = w["since"].format(year=crossing)
    elif crossing is not None:
        crossing_text = w["crossing"].format(year=crossing)
    else:
        crossing_text = ""
    projection = result.projection
    scale = max([abs(v) for _, v in points] + [1e-300])
    decimals = tick_decimals(step)
    yticks = _ticks(y0, y1, step)
    return {
        "points": [[y, _sig(v)] for y, v in points],
        "fit": [[x, _sig(float(v))] for x, v in fit] if fit else None,
        "goal": t.target,
        "goal_text": f"{w['goal']} {with_unit(f'{OP_SIGNS[t.op]} {t.target:g}', t.unit)}",
        "year": t.year,
        "projection": None if projection is None else _sig(projection),
        "projection_text": ""
        if projection is None
        else w["projection"].format(year=t.year, value=with_unit(f"{projection:,.1f}", t.unit)),
        "trend": result.trend,
        "trend_text": w[result.trend] if result.trend in w else result.trend,
        "color": TREND_COLORS.get(result.trend, TREND_COLORS["no-data"]),
        "arrow": arrow(slope, max(years) - min(years), scale),
        "crossing": crossing,
        "crossing_text": crossing_text,
        "x": [x0, x1],
        "y": [_sig(y0), _sig(y1)],
        "xticks": [int(x) for x in _ticks(x0, x1, xstep)],
        "yticks": yticks,
        # every renderer writes the ticks alike: as many decimals as the step needs
        "yticks_text": [f"{v:.{decimals}f}" for v in yticks],
        "decimals": decimals,
        "unit": t.unit,
    }


def chart_map(chart: dict, x: float, y: float, w: float, h: float):
    """A function from (year, value) to (x, y) in the box x, y, w, h (y down)."""
    (cx0, cx1), (cy0, cy1) = chart["x"], chart["y"]

    def to(year: float, value: float) -> tuple[float, float]:
        return (
            x + (year - cx0) / (cx1 - cx0) * w,
            y + h - (value - cy0) / (cy1 - cy0) * h,
        )

    return to


__all__ = ["TREND_COLORS", "TREND_WORDS", "arrow", "chart_map", "nice_step", "trend_chart", "trend_words"]
