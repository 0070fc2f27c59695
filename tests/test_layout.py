"""The export layout without a screen: paper sizes, page plan, scale bar, what the legend,
the targets table and the footer say, scene file names, searchable PDF text."""

from __future__ import annotations

import datetime as dt

import pytest
from pyproj import Geod

from ecoviewer.export.layout import (
    LayoutError,
    layout_content,
    metres_per_css_pixel,
    nice_length,
    paper_pixels,
    plan_page,
    scale_bar,
    scene_slug,
)
from ecoviewer.export.pdf_text import fix_tounicode
from ecoviewer.render.snapshot import ExportError, ExportOptions, select
from ecoviewer.targets import evaluate_targets


def test_paper_sizes_in_pixels():
    assert paper_pixels("A3", 300) == (4961, 3508)
    assert paper_pixels("A3", 300, landscape=False) == (3508, 4961)
    assert paper_pixels("a4", 150, landscape=False) == (1240, 1754)
    assert ExportOptions(paper="A3").page() == (4961, 3508, 300)  # 300 dpi by default on paper
    assert ExportOptions().page() == (1600, 1000, 96)
    with pytest.raises(LayoutError) as err:
        paper_pixels("Letter", 300)
    assert str(err.value) == "paper must be one of A4, A3, not 'Letter'"
    with pytest.raises(LayoutError) as err:
        paper_pixels("A4", 1200)
    assert str(err.value) == "dpi must be between 72 and 480, not 1200"


def test_nice_scale_lengths():
    assert [nice_length(v) for v in (2400, 999, 1, 7.3, 5000, 0.42)] == [2000, 500, 1, 5, 5000, 0.2]


def test_scale_bar_matches_the_geodesic_ground_distance():
    geod = Geod(ellps="WGS84")
    lat, zoom = 39.135, 12.75  # the Eco-City, as the water-system scene shows it
    deg_per_css_px = 360 / (256 * 2**zoom)
    for ratio in (1.0, 300 / 96):
        bar = scale_bar(lat, zoom, ratio, 400)
        css = bar.pixels / ratio
        _, _, metres = geod.inv(117.8, lat, 117.8 + css * deg_per_css_px, lat)
        assert metres == pytest.approx(bar.metres, rel=1e-6)
        assert bar.pixels <= 400 and bar.pixels > 400 / 2.5 - 1  # the longest nice length
    assert scale_bar(lat, zoom, 1.0, 400).label == "5 km"
    # one CSS pixel shrinks with latitude (cos φ) on the ellipsoid
    assert metres_per_css_pixel(60, 10) / metres_per_css_pixel(0, 10) == pytest.approx(0.5018, abs=1e-3)


def _inside(rect, page):
    x, y, w, h = rect
    return x >= 0 and y >= 0 and x + w <= page.width + 1e-6 and y + h <= page.height + 1e-6


def _overlap(a, b):
    return not (a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1])


def test_page_plans():
    land = plan_page(4961, 3508, 300)
    rects = [land.header, land.map, land.panel, land.footer]
    assert all(_inside(r, land) for r in rects)
    assert not any(_overlap(a, b) for i, a in enumerate(rects) for b in rects[i + 1 :])
    assert land.panel[0] > land.map[0] + land.map[2]  # landscape: panel right of the map
    assert land.map[2] > 0.6 * land.width
    assert land.pixel_ratio == pytest.approx(3.125)
    assert land.pt(72) == pytest.approx(300)
    port = plan_page(1240, 1754, 150)
    assert port.panel[1] > port.map[1] + port.map[3]  # portrait: panel under the map
    bare = plan_page(1600, 1000, 96, map_only=True)
    assert bare.map == (0, 0, 1600, 1000) and bare.panel is None and bare.header is None
    with pytest.raises(LayoutError) as err:
        plan_page(200, 120, 300)
    assert "too small for a layout" in str(err.value)


def test_layout_content_of_the_water_scene(sample_tables):
    project, tables = sample_tables
    sel = select(project, scene="水系：河湖湾海 Water system")
    assert sel.subtitle == "水系：河湖湾海 Water system" and sel.name == "02-水系-河湖湾海-Water-system"
    assert sel.bounds == project.bookmark("海岸 Coast")["bounds"]
    results = evaluate_targets(sel.project, tables)
    when = dt.datetime(2026, 11, 27, 10, 5)
    c = layout_content(
        sel.project, tables, results, lang="zh", subtitle=sel.subtitle, evaluated=when, today=when.date()
    )
    shown = [s.id for s in sel.project.layers if s.visible]
    assert [g.title or g.items[0].label for g in c.legend] == [
        sel.project.layer(i).display_title("zh") for i in reversed(shown)
    ]
    shoreline = next(g for g in c.legend if g.title == "海岸线")
    assert [(i.label, i.shape) for i in shoreline.items] == [("生态岸线", "line"), ("硬化岸线", "line")]
    theme = project.theme("水系 Water system")
    assert [r.title for r in c.targets] == [
        t.display_title("zh") for t in (r.target for r in results) if t.id in theme["targets"]
    ]
    shore = next(r for r in c.targets if r.title == "生态岸线保有率")
    assert (shore.value, shore.goal, shore.year, shore.status, shore.status_text) == (
        "85.7%",
        "≥\u00a0100%",
        "2025",
        "missed",
        "未达标",
    )
    assert c.date == "制图日期 2026-11-27"
    assert c.footer[1].startswith(
        "坐标系: 显示 WGS 84 (EPSG:4326)，量算 EPSG:4548 · 指标计算于 2026-11-27 10:05"
    )
    assert c.footer[-1] == "示意数据，非测绘成果"  # the sample says schematic = true
    en = layout_content(sel.project, tables, results, lang="en", evaluated=when, today=when.date())
    assert en.words["legend"] == "Legend" and en.footer[-1] == "Schematic data — not survey data"
    assert en.title == project.name


def test_unknown_scene_or_theme_names_the_known_ones(sample_tables):
    project, _ = sample_tables
    with pytest.raises(ExportError) as err:
        select(project, scene="Harbour")
    assert str(err.value).startswith(
        "no scene 'Harbour' in the project (scenes: 总览：一岛三水六廊 Overview; "
    )
    with pytest.raises(ExportError) as err:
        select(project, theme="2035")
    assert str(err.value).startswith("no theme '2035' in the project (themes: 总览 Overview; ")
    assert project.scenes[0].get("theme") == "总览 Overview"  # the project itself is untouched


def test_scene_file_names():
    assert scene_slug(2, "水系：河湖湾海 Water system") == "02-水系-河湖湾海-Water-system"
    assert scene_slug(11, "a/b\\c:*?") == "11-a-b-c"
    assert scene_slug(1, "  ") == "01-scene"


def test_pdf_tounicode_maps_radicals_back_to_ideographs():
    pdf = (
        b"%PDF-1.4\nstream\n/CIDInit begincmap\n2 beginbfrange\n"
        b"<0001> <0004> [<4E2D> <2F63> <0009> <2F54>]\n<2F63> <2F63> <2F63>\nendbfrange\n"
        b"1 beginbfchar\n<0007> <F900>\nendbfchar\nendcmap\nendstream\n<2F63>"
    )
    fixed = fix_tounicode(pdf)
    assert len(fixed) == len(pdf)
    assert b"[<4E2D> <751F> <0020> <6C34>]" in fixed  # 生, space, 水
    assert b"\n<2F63> <2F63> <751F>\n" in fixed  # source codes stay, the destination is mended
    assert b"<0007> <8C48>" in fixed  # compatibility ideograph 豈 → unified
    supplement = fix_tounicode(
        b"begincmap\n1 beginbfrange\n<0001> <0003> [<2ED3> <2ECB> <2EC5>]\nendbfrange\nendcmap"
    )
    assert b"[<957F> <8F66> <89C1>]" in supplement  # ⻓ ⻋ ⻅ → 长 车 见 (simplified forms)
    assert fixed.endswith(b"endstream\n<2F63>")  # outside a ToUnicode map nothing changes


def test_legend_classes_are_drawn_as_what_their_features_are(sample_tables):
    """Pipes and creeks as lines, monitors and metro stations as points, lakes as boxes —
    in a layer that mixes them (the report legend drew every class as a box)."""
    from ecoviewer.export.layout import legend_groups

    project, tables = sample_tables
    groups = {g.title: g for g in legend_groups(project, tables, "en", ["water_network", "transit"])}
    water = {i.label: i.shape for i in groups["Water network"].items}
    assert water["Reclaimed-water pipe"] == "line" and water["Creek"] == "line"
    assert water["Tap-water monitor"] == "point" and water["Sponge facility"] == "point"
    assert water["Lake"] == "polygon" and water["River"] == "polygon"
    transit = {i.label: i.shape for i in groups["Transit"].items}
    assert transit["Metro Z4"] == "line" and transit["Metro station"] == "point"


def test_the_page_legend_swatches_follow_the_class_shapes(map_view, sample_tables):
    project, tables = sample_tables
    map_view.show_project(project, tables, lang="en")
    assert map_view.wait_rendered()
    rows = map_view.evaluate("""Array.from(document.querySelectorAll('.ev-legend-row'))
        .map(function (r) { return [r.textContent, r.querySelector('.ev-swatch').className]; })""")
    shapes = dict(rows)
    assert "ev-line" in shapes["Reclaimed-water pipe"].split()
    assert "ev-point" in shapes["Tap-water monitor"].split()
    assert "ev-polygon" in shapes["Lake"].split()


def test_one_catalogue_of_words_for_maps_and_pages():
    """The report, the map page and the statuses take their words from ecoviewer/words.py,
    and both languages say everything."""
    from ecoviewer.targets import STATUS_WORDS
    from ecoviewer.words import STATUSES, WORDS, words

    assert set(WORDS["zh"]) == set(WORDS["en"])
    assert words("zh")["legend"] == "图例" and words("fr")["legend"] == "Legend"
    assert STATUS_WORDS["zh"] == {s: WORDS["zh"][s] for s in STATUSES}
    assert STATUS_WORDS["zh"]["missed"] == "未达标"
