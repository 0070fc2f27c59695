"""Report exports of the sample project, rendered for real: PNG pixel sizes and DPI, the
layout's elements found in the pixels, the scale bar measured off the image against
pyproj.Geod, PDF text extracted with poppler (Chinese included), offline HTML loaded with
the network blocked, batch export of every scene, failed exports keeping earlier files."""

from __future__ import annotations

import re
import shutil
import subprocess

import numpy as np
import pytest
from pyproj import Geod
from PySide6.QtGui import QColor, QImage

from ecoviewer.export.layout import STATUS_COLORS
from ecoviewer.render.snapshot import ExportError, ExportOptions, export_batch, export_page, select

WATER = "水系：河湖湾海 Water system"
POPPLER = shutil.which("pdftotext") and shutil.which("pdffonts") and shutil.which("pdfimages")


@pytest.fixture(scope="module")
def water(qapp, sample_tables, tmp_path_factory):
    """The water-system scene as a 1600×1000 PNG page and an A3 landscape PDF at 300 dpi."""
    project, tables = sample_tables
    folder = tmp_path_factory.mktemp("export")
    sel = select(project, scene=WATER)
    png = export_page(project, tables, folder / "water.png", ExportOptions(size=(1600, 1000)), selection=sel)
    pdf = export_page(
        project, tables, folder / "water.pdf", ExportOptions(paper="A3", dpi=300), selection=sel
    )
    return png, pdf


def as_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    ptr = image.constBits()
    return (
        np.frombuffer(ptr, np.uint8)
        .reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
        .reshape(image.height(), image.width(), 4)[..., 2::-1]
        .copy()
    )


def region(arr, rect):
    x, y, w, h = (round(v) for v in rect)
    return arr[y : y + h, x : x + w]


def has_colour(arr, colour: str, tol: int = 30) -> bool:
    c = QColor(colour)
    want = np.array([c.red(), c.green(), c.blue()])
    return bool((np.abs(arr.astype(int) - want).sum(axis=2) <= tol).any())


def test_png_page_size_and_dpi(water):
    png, _ = water
    image = QImage(str(png.path))
    assert (image.width(), image.height()) == (1600, 1000)
    assert round(image.dotsPerMeterX() * 0.0254) == 96 == round(image.dotsPerMeterY() * 0.0254)


def test_layout_elements_are_drawn_where_planned(water, sample_tables):
    png, _ = water
    geo = png.geometry
    arr = as_array(QImage(str(png.path)))
    # header: the title is dark text on white
    header = region(arr, geo.header)
    assert (header.sum(axis=2) < 150).sum() > 2000
    # north arrow: a black and a white half in the map's top-right corner
    mx, my, mw, _mh = geo.map
    corner = region(arr, (mx + mw - geo.mm(20), my, geo.mm(20), geo.mm(25)))
    assert (corner.sum(axis=2) < 150).sum() > 150 and (corner.sum(axis=2) >= 750).sum() > 1000
    # legend swatches in the panel: the sea-facing shoreline's green and the lake's blue
    project, _tables = sample_tables
    panel = region(arr, geo.panel)
    style = project.layer("shoreline").style
    for colour in (
        style["categories"]["ecological"]["color"],
        project.layer("water_network").style["categories"]["lake"]["color"],
    ):
        assert has_colour(panel, colour, 12), colour
    # targets table: met (green) and missed (red) status dots
    assert has_colour(panel, STATUS_COLORS["met"], 12) and has_colour(panel, STATUS_COLORS["missed"], 12)
    # the map itself is drawn (the lake), and nothing of it spills into the panel's margin
    assert has_colour(
        region(arr, geo.map), project.layer("water_network").style["categories"]["lake"]["color"], 40
    )


def test_scale_bar_length_matches_geod_at_the_map_centre(water):
    png, _ = water
    geo, bar, view = png.geometry, png.bar, png.view
    arr = as_array(QImage(str(png.path)))
    mx, my, mw, mh = geo.map
    # the bar is pure black blocks and outline in the map's lower-left corner
    box = region(arr, (mx, my + mh - geo.mm(15), mw / 2, geo.mm(15)))
    black = box.sum(axis=2) == 0
    row = int(np.argmax(black.sum(axis=1)))  # the bar's outline row
    cols = np.flatnonzero(black[row])
    measured = cols[-1] - cols[0] + 1
    assert measured == pytest.approx(bar.pixels, abs=2)
    # Leaflet's own view: the map's west/east edges over its CSS width give degrees per pixel
    west, _south, east, _north = view["bounds"]
    deg_per_px = (east - west) / view["size"][0]
    lat = view["center"][1]
    _, _, ground = Geod(ellps="WGS84").inv(117.8, lat, 117.8 + measured / geo.pixel_ratio * deg_per_px, lat)
    assert ground == pytest.approx(bar.metres, rel=0.01)
    assert bar.label == f"{bar.metres / 1000:g} km"


@pytest.mark.skipif(not POPPLER, reason="needs poppler-utils (installed by .ci/setup)")
def test_pdf_has_searchable_chinese_text_embedded_fonts_and_a_sharp_map(water):
    _, pdf = water
    path = str(pdf.path)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+119[01](\.\d+)? x 84[12](\.\d+)? pts \(A3\)", info), info
    text = subprocess.run(
        ["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    for phrase in (
        WATER,
        "图例",
        "规划指标",
        "生态岸线保有率",
        "未达标",
        "达标",
        "湿地保护率",
        "水喉水达标率",
        "生态岸线",
        "示意数据，非测绘成果",
        pdf.bar.label,
        "EPSG:4548",
    ):
        assert phrase in text, phrase
    assert not re.search("[\u2e80-\u2fdf]", text)  # no Kangxi radicals in place of 生, 水 …
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert any("CJK" in r[0] for r in rows)
    assert all(r[-5] == "yes" and r[-3] == "yes" for r in rows), fonts  # embedded, with Unicode
    images = subprocess.run(
        ["pdfimages", "-list", path], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(images) == 1
    cols = images[0].split()
    assert (int(cols[3]), int(cols[4])) == (round(pdf.geometry.map[2]), round(pdf.geometry.map[3]))
    assert int(cols[12]) == 300 == int(cols[13])  # x-ppi, y-ppi: the map at print resolution


def test_a3_png_at_300_dpi(sample_tables, tmp_path):
    project, tables = sample_tables
    info = export_page(
        project,
        tables,
        tmp_path / "a3.png",
        ExportOptions(paper="A3", dpi=300),
        selection=select(project, theme="水系 Water system"),
    )
    image = QImage(str(info.path))
    assert (image.width(), image.height()) == (4961, 3508)
    assert image.dotsPerMeterX() == round(300 / 0.0254)
    # the map is laid out in CSS pixels and drawn at 300 dpi (3.125 device pixels per CSS
    # pixel): the page's canvas bitmap has that many pixels, it is not a 96-dpi one upscaled
    assert info.view["size"][0] == round(info.geometry.map[2] / (300 / 96))
    assert info.view["pixelRatio"] == pytest.approx(3.125)
    assert info.view["canvasScale"] == pytest.approx(3.125, abs=0.01)


def test_map_only_is_the_bare_map(sample_tables, tmp_path):
    project, tables = sample_tables
    info = export_page(project, tables, tmp_path / "bare.png", ExportOptions(size=(900, 600), map_only=True))
    arr = as_array(QImage(str(info.path)))
    assert arr.shape[:2] == (600, 900)
    assert info.bar is None and info.geometry.map == (0, 0, 900, 600)
    # the page background of the map reaches the corners: no title, panel or footer
    assert not (arr[5:40, 5:300].sum(axis=2) < 150).any()


def test_batch_writes_one_file_per_scene(sample_tables, tmp_path):
    project, tables = sample_tables
    seen = []
    infos = export_batch(
        project,
        tables,
        tmp_path,
        ".png",
        ExportOptions(size=(800, 600)),
        progress=lambda i, n, name: seen.append((i, n, name)),
    )
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(infos) == len(project.scenes) == 5 == len(names)
    assert names[1] == "02-水系-河湖湾海-Water-system.png"
    assert [s[:2] for s in seen] == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    for info in infos:
        assert QImage(str(info.path)).size().width() == 800


def test_offline_html_of_a_scene_works_with_the_network_blocked(map_view, sample_tables, tmp_path, qtbot):
    project, tables = sample_tables
    out = tmp_path / "water.html"
    export_page(project, tables, out, selection=select(project, scene=WATER))
    html = out.read_text(encoding="utf-8")
    markup = re.sub(r"<script>.*?</script>", "", html, flags=re.S)  # (Leaflet's code has URLs in strings)
    assert "<script src=" not in markup
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", markup)
    assert not re.search(r"""url\(\s*["']?(?:https?:)?//""", markup)
    before = len(map_view.blocker.blocked_urls)
    # the file as written, shown the way the app shows pages (views load no file: URLs)
    with qtbot.waitSignal(map_view.loadFinished, timeout=30000):
        map_view.set_html(html)

    def drawn():
        try:  # while the page loads, the answer may be empty
            return bool(map_view.evaluate("document.documentElement.getAttribute('data-rendered')"))
        except ValueError:
            return False

    qtbot.waitUntil(drawn, timeout=30000)
    state = map_view.evaluate("ecoviewer.state()")
    theme = project.theme("水系 Water system")
    assert sorted(state["visible"]) == sorted(k for k, v in theme["layers"].items() if v["visible"])
    targets = map_view.evaluate("ecoviewer.targetState()")
    assert sorted(targets["visible"]) == sorted(theme["targets"])
    # the page's own switcher toggles layers and callouts (no Qt panel in a browser)
    boxes = map_view.evaluate("""Array.from(document.querySelectorAll('.ev-switcher input'))
        .map(function (b) { return [b.getAttribute('data-layer') || b.getAttribute('data-target'),
                                    b.checked]; })""")
    assert dict(boxes)["transit"] is False and dict(boxes)["shoreline_retention"] is True
    assert len(boxes) == len(project.layers) + len(project.targets)
    map_view.evaluate("document.querySelector('.ev-switcher input[data-layer=\"transit\"]').click()")
    assert "transit" in map_view.evaluate("ecoviewer.state()")["visible"]
    map_view.evaluate(
        "document.querySelector('.ev-switcher input[data-target=\"shoreline_retention\"]').click()"
    )
    assert "shoreline_retention" not in map_view.evaluate("ecoviewer.targetState()")["visible"]
    # a tooltip is built from the attribute text, as text
    tip = map_view.evaluate("ecoviewer.tooltipElement('water_network', 0).textContent")
    assert tables["water_network"].attributes(0)["name"] in tip
    linked = map_view.evaluate(
        "Array.from(document.querySelectorAll('[src], [href]'))"
        ".map(function (e) { return e.getAttribute('src') || e.getAttribute('href'); })"
    )
    assert not [u for u in linked if re.match(r"(?:https?:)?//", u)]
    assert map_view.blocker.blocked_urls[before:] == []


def test_failed_page_export_keeps_the_earlier_file(sample_tables, tmp_path, monkeypatch):
    import os

    project, tables = sample_tables
    out = tmp_path / "map.pdf"
    out.write_bytes(b"earlier export")
    with pytest.raises(ExportError) as err:
        export_page(project, tables, out, ExportOptions(paper="A4", dpi=1000))
    assert str(err.value) == "map.pdf: dpi must be between 72 and 480, not 1000"

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(ExportError) as err:
        export_page(project, tables, out, ExportOptions(size=(600, 400)))
    assert str(err.value) == f"{out}: cannot write (No space left on device)"
    assert out.read_bytes() == b"earlier export"
    assert [p.name for p in tmp_path.iterdir()] == ["map.pdf"]


@pytest.mark.skipif(not POPPLER, reason="needs poppler-utils (installed by .ci/setup)")
def test_a_table_too_long_for_the_page_says_so(sample_tables, tmp_path):
    project, tables = sample_tables
    out = tmp_path / "small.pdf"
    export_page(
        project,
        tables,
        out,
        ExportOptions(size=(640, 480), lang="en"),
        selection=select(project, theme="总览 Overview", lang="en"),
    )
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )  # cells wrap over lines
    match = re.search(r"(\d+) more targets do not fit \(use a larger page\)", text)
    assert match, text
    shown = len(re.findall(r"\b(?:met|missed)\b", text))  # one status cell per row drawn
    assert shown + int(match.group(1)) == 9 and shown >= 1


@pytest.mark.skipif(not POPPLER, reason="needs poppler-utils (installed by .ci/setup)")
def test_pdf_text_of_simplified_characters_that_share_glyphs_with_radicals(sample_tables, tmp_path):
    """长 门 车 马 见 … share their glyph with CJK radical-supplement code points (⻓ ⻔ ⻋ ⻢ ⻅)
    that sort lower; the PDF's text must still say 长江 and 车站, not ⻓江 and ⻋站."""
    project, tables = sample_tables
    title = "长度 门 车站 马 风 见 贝 页 鱼 鸟 龙 飞 齿 麦 黄 长江 生态 水系"
    out = tmp_path / "title.pdf"
    export_page(project, tables, out, ExportOptions(size=(900, 600), title=title))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert title in text
    assert not re.search("[\u2e80-\u2fdf]", text)
