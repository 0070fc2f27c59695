"""A target's trend drawn (issue 17): the one chart description (known numbers, by hand),
the report's trend column and vector charts, the map page's arrows, sparklines and the
offline page's SVG chart, the window's sparklines and QtCharts chart, and compare mode's
projection for both sides."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from ecoviewer.targets import STATUS_COLORS, evaluate_target
from ecoviewer.trends import arrow, chart_map, nice_step, trend_chart

from .test_export import as_array, has_colour
from .test_series import PM25 as SERIES_PM25

POPPLER = shutil.which("pdftotext") and shutil.which("pdfimages")


# the core's hand example (PM2.5 falling 50 → 46 → 44 over 2019, 2021, 2023), with a
# title and a unit to show
PM25 = {**SERIES_PM25, "title": {"zh": "PM2.5年均浓度", "en": "PM2.5 annual mean"}, "unit": "µg/m³"}


def test_the_chart_by_hand(stations):
    c = trend_chart(evaluate_target(PM25, {"s": stations}), "zh")
    assert c["points"] == [[2019, 50.0], [2021, 46.0], [2023, 44.0]]
    # the line (x̄ = 2021, ȳ = 46.667, slope −1.5) from the first year to the target's year
    (x0, y0), (x1, y1) = c["fit"]
    assert (x0, x1) == (2019, 2025)
    assert (y0, y1) == (pytest.approx(49.6667, abs=1e-4), pytest.approx(40.6667, abs=1e-4))
    assert c["projection"] == pytest.approx(40.6667, abs=1e-4)
    # values 40.67 … 50 (goal 43 inside): steps of 5 (1 and 2 cut 9.3 into more than 4)
    assert (c["x"], c["y"], c["yticks"]) == ([2019, 2025], [40.0, 50.0], [40.0, 45.0, 50.0])
    assert c["xticks"] == [2020, 2022, 2024]  # every 2 years (1 would be 6 steps)
    assert (c["arrow"], c["trend"], c["color"]) == ("↘", "on-track", STATUS_COLORS["met"])
    assert c["trend_text"] == "有望达标"
    assert c["projection_text"] == "2025年预测：40.7 µg/m³"
    assert c["goal_text"] == "目标 < 43 µg/m³"
    assert c["crossing_text"] == "预计2024年达到目标"
    en = trend_chart(evaluate_target(PM25, {"s": stations}), "en")
    assert (en["trend_text"], en["projection_text"], en["crossing_text"]) == (
        "on track",
        "projected for 2025: 40.7 µg/m³",
        "meets the goal in 2024",
    )
    # the mapping every painter uses: the box's corners are the ranges' ends
    to = chart_map(c, 10, 20, 600, 100)
    assert to(2019, 50.0) == (10, 20) and to(2025, 40.0) == (610, 120)


def test_off_track_flat_and_no_series(stations):
    rising = {**PM25, "series": {"2019": "pm25_2023", "2021": "pm25_2021", "2023": "pm25_2019"}}
    c = trend_chart(evaluate_target(rising, {"s": stations}), "en")
    assert (c["arrow"], c["trend"], c["color"]) == ("↗", "off-track", STATUS_COLORS["missed"])
    assert c["crossing_text"] == "moving away from the goal" and c["crossing"] == "not before 2100"
    flat = {**PM25, "series": {"2019": "pm25_2021", "2021": "pm25_2021"}}
    assert trend_chart(evaluate_target(flat, {"s": stations}), "en")["arrow"] == "→"
    assert trend_chart(evaluate_target({**PM25, "series": None}, {"s": stations}), "en") is None
    one = trend_chart(evaluate_target({**PM25, "series": {"2019": "pm25_2019"}}, {"s": stations}), "en")
    assert one["fit"] is None and one["trend"] == "no-data" and one["arrow"] == "→"
    assert (nice_step(9.33, 4), nice_step(100, 4), nice_step(6, 5)) == (5.0, 50.0, 2.0)
    assert arrow(0.0, 4, 50) == "→" and arrow(-0.1, 4, 50) == "→" and arrow(-1, 4, 50) == "↘"


def _result(series, op="<", goal=43.0, year=2025):
    from ecoviewer.targets import TargetResult, parse_target, trend_of

    t = parse_target({**PM25, "op": op, "target": goal, "year": year})
    r = TargetResult(t, series[-1][1], "met", series=series)
    r.projection, r.trend, r.crossing_year = trend_of(series, t)
    return r


def test_edge_lines_say_what_they_do():
    # met now but drifting away: off track for 2025, and said so (not "meets the goal in 2019")
    away = trend_chart(_result([(2019, 40.0), (2021, 41.0)]), "en")
    assert (away["trend"], away["crossing_text"]) == ("off-track", "moving away from the goal")
    since = trend_chart(_result([(2019, 40.0), (2021, 39.0)]), "en")
    assert since["crossing_text"] == "meets the goal since 2019"
    # an exact goal is reached where the line passes it: 50, 48, 46 … 44 in 2022, 42 in 2023
    exact = _result([(2019, 50.0), (2020, 48.0)], op="==", goal=43.0)
    assert exact.crossing_year == 2023
    # a target year before the series: on the chart, its projection inside the range
    early = trend_chart(_result([(2016, 60.0), (2023, 88.0)], op=">=", goal=100, year=2015), "en")
    assert early["x"] == [2015, 2023] and early["fit"][0][0] == 2015
    assert (
        early["projection"] == pytest.approx(56.0) and early["y"][0] <= early["projection"] <= early["y"][1]
    )
    # numbers too large for a line: no trend, no chart, no exception
    huge = _result([(2019, 1.7e308), (2021, -1.7e308)], goal=-1.7e308)
    assert (huge.projection, huge.trend) == (None, "no-data") and trend_chart(huge, "en") is None
    # ticks written with the decimals the step needs, the same in every renderer
    # (0.301 … 0.309: steps of 0.002, which 0.3 / 0.3 / 0.31 would not tell apart)
    fine = trend_chart(_result([(2019, 0.301), (2021, 0.309)], op=">", goal=0.305, year=2021), "en")
    assert fine["yticks_text"] == ["0.300", "0.302", "0.304", "0.306", "0.308", "0.310"]
    # tiny values keep their size (not rounded to 0)
    tiny = trend_chart(_result([(2019, 1e-8), (2021, 2e-8)], op=">", goal=3e-8), "en")
    assert tiny["points"] == [[2019, 1e-8], [2021, 2e-8]] and tiny["projection"] == pytest.approx(4e-8)
    # the arrow goes by the values, not by a goal far away: +10 % is a rise
    big = trend_chart(_result([(2019, 200000.0), (2021, 220000.0)], op=">", goal=5e6), "en")
    assert big["arrow"] == "↗"


def test_a_series_of_fields_needs_a_metric_that_reads_its_field(stations):
    raw = dict(
        id="c",
        metric="count_share",
        layer="s",
        field="pm25_2019",
        where={"pm25_2019": [50.0]},
        series={"2019": "pm25_2019", "2021": "pm25_2021"},
        op=">=",
        target=50,
        year=2025,
    )
    r = evaluate_target(raw, {"s": stations})
    assert r.series_error == "target 'c': metric 'count_share' has no field to take year by year"
    assert r.value == pytest.approx(100 / 3) and r.trend == "no-data"


def test_a_layer_part_is_matched_but_never_kept(stations):
    import dataclasses

    from ecoviewer.targets import _Context, parse_crs

    ctx = _Context({"s": stations}, parse_crs("EPSG:4548"))
    t = evaluate_target(PM25, {"s": stations}).target
    part = dataclasses.replace(
        stations, geometry=stations.geometry[:2], fields={k: v[:2] for k, v in stations.fields.items()}
    )
    assert ctx.mask(t, part, {"label": ["x"]}).tolist() == [False, True]
    assert ctx._masks == {}  # a streamed chunk or a year's rows is not held by the context
    assert ctx.mask(t, stations, {"label": ["x"]}).tolist() == [False, True, False]
    assert len(ctx._masks) == 1


def test_the_report_chart_is_drawn_where_the_numbers_say(stations):
    from ecoviewer.render.layout_paint import paint_chart

    c = trend_chart(evaluate_target(PM25, {"s": stations}), "en")
    image = QImage(400, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    box = QRectF(20, 20, 360, 160)
    paint_chart(p, c, box, line=2.0)
    p.end()
    arr = as_array(image)
    to = chart_map(c, box.x(), box.y(), box.width(), box.height())

    def near(year, value, colour, r=3, tol=60):
        x, y = (round(v) for v in to(year, value))
        return has_colour(arr[y - r : y + r + 1, x - r : x + r + 1], colour, tol)

    for year, value in c["points"]:  # the series' dots, dark
        assert near(year, value, "#333333"), (year, value)
    assert near(2025, c["projection"], STATUS_COLORS["met"], r=2)  # the projection, on-track green
    assert not near(2025, 50.0, STATUS_COLORS["met"], r=6)  # (nothing green where no line goes)
    assert near(2020, 43.0, "#555555", r=1)  # the goal's dashes at 43
    # a one-point series in the small chart: its dot (a polyline of one point draws nothing)
    one = trend_chart(_result([(2019, 50.0)]), "en")
    image.fill(QColor("white"))
    p = QPainter(image)
    paint_chart(p, one, box, small=True, line=2.0)
    p.end()
    to = chart_map(one, box.x(), box.y(), box.width(), box.height())
    x, y = (round(v) for v in to(2019, 50.0))
    assert has_colour(as_array(image)[y - 2 : y + 3, x - 2 : x + 3], "#333333", 60)


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdfimages) not installed")
def test_the_report_has_a_trend_column_with_vector_charts(sample_tables, tmp_path):
    from ecoviewer.render.snapshot import ExportOptions, export_page
    from ecoviewer.targets import evaluate_targets

    project, tables = sample_tables
    info = export_page(project, tables, tmp_path / "r.pdf", ExportOptions(paper="A4", dpi=300))
    text = subprocess.run(
        ["pdftotext", "-layout", str(info.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for phrase in ("趋势", "↘ 有望达标", "↗ 有望达标", "↗ 进度滞后"):
        assert phrase in text, phrase
    assert text.count("进度滞后") == 2  # the shoreline and the green buildings
    assert text.count("有望达标") == 3  # PM2.5, tap water, green space per person
    # every target has its row on the A4 panel (the text steps down to fit), none left out
    assert "未能排入" not in text
    for r in evaluate_targets(project, tables):
        assert r.target.display_title("zh")[:5] in text.replace("\n", ""), r.id
    images = subprocess.run(
        ["pdfimages", "-list", str(info.path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(images) == 1  # the map: the five charts are strokes, sharp at any zoom


def _page(map_view, qtbot, html):
    with qtbot.waitSignal(map_view.loadFinished, timeout=30000):
        map_view.set_html(html)

    def drawn():
        try:
            return bool(map_view.evaluate("document.documentElement.getAttribute('data-rendered')"))
        except ValueError:
            return False

    qtbot.waitUntil(drawn, timeout=30000)


def test_offline_page_arrows_sparklines_and_the_chart_of_a_clicked_callout(
    map_view, sample_tables, tmp_path, qtbot
):
    from ecoviewer.render.snapshot import export_page
    from ecoviewer.targets import evaluate_targets

    project, tables = sample_tables
    out = tmp_path / "sample.html"
    export_page(project, tables, out)
    before = len(map_view.blocker.blocked_urls)
    _page(map_view, qtbot, out.read_text(encoding="utf-8"))
    arrows = map_view.evaluate("""Array.from(document.querySelectorAll('.ev-callout')).filter(
        function (e) { return e.querySelector('.ev-callout-trend'); }).map(function (e) {
        var a = e.querySelector('.ev-callout-trend');
        return [e.querySelector('.ev-callout-title').textContent, a.textContent.trim(), a.className,
                getComputedStyle(a).color]; })""")
    met, missed = QColor(STATUS_COLORS["met"]), QColor(STATUS_COLORS["missed"])
    rgb = lambda c: f"rgb({c.red()}, {c.green()}, {c.blue()})"  # noqa: E731
    assert sorted(arrows) == sorted(
        [
            ["PM2.5年均浓度", "↘", "ev-callout-trend ev-trend-on", rgb(met)],
            ["水喉水达标率", "↗", "ev-callout-trend ev-trend-on", rgb(met)],
            ["生态岸线保有率", "↗", "ev-callout-trend ev-trend-off", rgb(missed)],
            ["绿色建筑比例", "↗", "ev-callout-trend ev-trend-off", rgb(missed)],
            ["人均公共绿地", "↘", "ev-callout-trend ev-trend-on", rgb(met)],
        ]
    )
    # the legend's sparklines: one polyline vertex per year of the series
    by_id = {r.id: r for r in evaluate_targets(project, tables)}
    sparks = map_view.evaluate("""Array.from(document.querySelectorAll('.ev-legend-target')).filter(
        function (r) { return r.querySelector('svg'); }).map(function (r) {
        return r.querySelector('svg polyline').getAttribute('points').split(' ').length; })""")
    assert sorted(sparks) == sorted(len(r.series) for r in by_id.values() if r.series)
    # a callout clicked: its chart, drawn by the page script as inline SVG
    map_view.evaluate("""Array.from(document.querySelectorAll('.ev-callout')).filter(function (e) {
        return e.querySelector('.ev-callout-title').textContent === 'PM2.5年均浓度'; })[0].click()""")
    box = map_view.evaluate("""(function () { var b = document.querySelector('.ev-trend-box');
        return b && { text: b.textContent, dots: b.querySelectorAll('circle.ev-chart-point').length,
            ticks: Array.from(b.querySelectorAll('text')).map(function (t) { return t.textContent; }),
            fit: b.querySelector('line.ev-chart-fit') !== null,
            projection: b.querySelectorAll('circle.ev-chart-projection').length }; })()""")
    pm25 = trend_chart(by_id["pm25"], "zh")
    assert box["dots"] == 7 and box["fit"] and box["projection"] == 1
    assert box["ticks"] == pm25["yticks_text"] + [str(x) for x in pm25["xticks"]]
    assert pm25["yticks_text"] == ["35", "40", "45", "50", "55"]
    for phrase in ("PM2.5年均浓度", "↘ 有望达标", "2025年预测：38.9 µg/m³", "2023年起已达到目标"):
        assert phrase in box["text"], phrase
    assert map_view.blocker.blocked_urls[before:] == []


def test_a_chart_with_file_text_shows_it_as_text(map_view, stations, tmp_path, qtbot):
    import json

    from ecoviewer.project import load_project
    from ecoviewer.targets import evaluate_targets
    from ecoviewer.web.page import build_page

    evil = "<img src=x onerror=\"document.title='pwned'\">{{7*7}}"
    (tmp_path / "p.toml").write_text(
        '[[layers]]\nid = "s"\npath = "s.geojson"\n\n[[targets]]\nid = "pm25"\nmetric = "mean"\n'
        f'layer = "s"\nfield = "pm25_2025"\ntitle = {json.dumps(evil)}\nunit = {json.dumps(evil)}\n'
        'series = { 2019 = "pm25_2019", 2021 = "pm25_2021", 2023 = "pm25_2023" }\n'
        'op = "<"\ntarget = 43\nyear = 2025\nanchor = [117.75, 39.13]\n',
        encoding="utf-8",
    )
    project = load_project(tmp_path / "p.toml")
    results = evaluate_targets(project, {"s": stations})
    _page(map_view, qtbot, build_page(project, {"s": stations}, bridge=False, targets=results))
    map_view.evaluate("document.querySelector('.ev-callout').click()")
    text = map_view.evaluate("document.querySelector('.ev-trend-box').textContent")
    assert text.count(evil) >= 3  # the title, the goal's and the projection's units
    assert map_view.evaluate("document.querySelectorAll('.ev-trend-box img').length") == 0
    assert map_view.evaluate("document.title") != "pwned"


def test_the_window_charts_the_selected_target_and_draws_sparklines(window, qtbot):
    from ecoviewer.app.targets_panel import TREND_COLUMN

    window.targets_view.select_target("pm25")
    window.select_target("pm25")
    panel = window.trend_panel
    pm25 = next(r for r in window.results if r.id == "pm25")
    assert panel.data == trend_chart(pm25, "zh") and panel.view.isVisible()
    series = {s.name(): s for s in panel.chart.series()}
    yearly = series["历年数值"]
    assert [(p.x(), round(p.y(), 1)) for p in yearly.points()] == [(y, round(v, 1)) for y, v in pm25.series]
    assert series["目标 &lt; 43 µg/m³"].points()[0].y() == 43  # QtCharts labels are HTML: escaped
    assert [p.y() for p in series["2025年预测：38.9 µg/m³"].points()] == [pytest.approx(pm25.projection)]
    assert panel.words.text().startswith("↘ 有望达标 · 2025年预测：38.9 µg/m³")
    # a target without a series says so; none selected, the panel asks for one
    window.targets_view.select_target("wetland_protection")
    window.select_target("wetland_protection")
    assert not panel.view.isVisible() and "series" in panel.words.text()
    window.clear_target()
    assert panel.data is None and not panel.view.isVisible()
    # the sparklines: the trend column drawn in each target's trend colour
    view = window.targets_view
    model = window.target_model

    def cell_pixels(target_id):
        index = view.proxy.mapFromSource(model.index(model.row_of(target_id), TREND_COLUMN))
        view.scrollTo(index)
        return as_array(view.viewport().grab(view.visualRect(index)).toImage())

    assert has_colour(cell_pixels("pm25"), STATUS_COLORS["met"], 40)
    assert not has_colour(cell_pixels("pm25"), STATUS_COLORS["missed"], 40)
    assert has_colour(cell_pixels("shoreline_retention"), STATUS_COLORS["missed"], 40)
    assert has_colour(cell_pixels("tap_water"), STATUS_COLORS["met"], 40)  # rising, on track
    assert not has_colour(cell_pixels("wetland_protection"), STATUS_COLORS["met"], 40)  # no series


def test_compare_shows_each_sides_projection(window, qtbot):
    """Today's shoreline left, the 2025 plan right: the plan restores the last hardened
    segments in 2025, so its series ends at 100 % and its line rises faster; the least-
    squares line still projects below 100 % for 2025 (off track, by the issue's definition)."""
    window.compare_themes("水系 Water system", "水系 2025 规划 Water plan 2025")
    assert window.map.settle()
    today = next(r for r in window.results if r.id == "shoreline_retention")
    (diff,) = window.session.differences
    assert (diff.left_trend, diff.right_trend) == ("off-track", "off-track")
    assert diff.left_projection == pytest.approx(today.projection)
    assert today.projection < diff.right_projection < 100
    trends = window.map.evaluate("""Array.from(document.querySelectorAll('.ev-compare-label'))
        .map(function (e) { return Array.from(e.querySelectorAll('.ev-compare-trend'))
        .map(function (r) { return r.textContent; }); })""")
    assert trends == [
        [f"↗ 2025年预测：{today.projection:.1f}% · 进度滞后"],
        [f"↗ 2025年预测：{diff.right_projection:.1f}% · 进度滞后"],
    ]
    # the right side's callout carries the plan's own arrow
    arrows = window.map.evaluate("""Array.from(document.querySelectorAll(
        '.leaflet-evRightCallouts-pane .ev-callout-trend')).map(function (a) { return a.className; })""")
    assert "ev-callout-trend ev-trend-off" in arrows
    window.end_compare()


def test_the_report_table_steps_its_text_down_to_fit(sample_tables, qapp):
    from ecoviewer.export.layout import layout_content, plan_page
    from ecoviewer.render.layout_paint import SMALLEST_TABLE_PT, TABLE_PT, _Painter, _table, table_points
    from ecoviewer.targets import evaluate_targets

    project, tables = sample_tables
    content = layout_content(project, tables, evaluate_targets(project, tables), lang="zh")
    geo = plan_page(3508, 2480, 300)  # A4 landscape at 300 dpi
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    p = QPainter(image)
    try:
        d = _Painter(p, geo)
        # room enough: the usual 7.5 pt; an 84-mm panel: smaller, never below 5.5 pt, and
        # then the table's rows fit the room they were given
        assert table_points(d, content, geo.mm(250), geo.mm(150)) == TABLE_PT
        narrow = table_points(d, content, geo.mm(84), geo.mm(120))
        assert SMALLEST_TABLE_PT <= narrow < TABLE_PT
        assert _table(d, content, 0.0, 0.0, geo.mm(84), float("inf"), draw=False, pt=narrow) <= geo.mm(120)
        # no targets: the table says "none" at the usual size
        empty = layout_content(project, tables, [], lang="zh")
        assert table_points(d, empty, geo.mm(84), geo.mm(120)) == TABLE_PT
        assert 0 < _table(d, empty, 0.0, 0.0, geo.mm(84), float("inf"), draw=False) < geo.mm(20)
    finally:
        p.end()


def test_a_callout_clicked_in_the_window_charts_its_target(window, qtbot):
    """The map's callout, clicked: the page tells the window, which selects the target and
    charts it under the table (the page itself draws no chart box when it has a window)."""
    window.clear_target()
    window.map.fit_all()
    assert window.map.settle()
    window.map.evaluate("""Array.from(document.querySelectorAll('.ev-callout')).filter(function (e) {
        return e.querySelector('.ev-callout-title').textContent === '生态岸线保有率'; })[0].click()""")
    qtbot.waitUntil(lambda: window.trend_panel.data is not None, timeout=5000)
    shore = next(r for r in window.results if r.id == "shoreline_retention")
    assert window.trend_panel.data == trend_chart(shore, "zh")
    assert window.trend_panel.words.text().startswith("↗ 进度滞后 · 2025年预测：90.8%")
    assert window.map.evaluate("document.querySelectorAll('.ev-trend-box').length") == 0
    window.clear_target()
