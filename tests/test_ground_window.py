"""The ground on screen: the sample's basemap served from its MBTiles through the ecoviewer:
scheme (no network), its picker, grey look and attribution, themes that remember it; raster
layers drawn from their tiles, identified by pixel, left out of attribute tables."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from ecoviewer.project import load_project
from ecoviewer.web.page import BACKGROUND

from .conftest import SAMPLE
from .test_render import after, pixel_at, same

SEA = (117.83, 39.085)  # far out at sea: no layer there, only the basemap
SEA_COLOUR = QColor("#bed7e4")  # the sea of layers/make_ground.py


@pytest.fixture
def ground(map_view, sample_tables):
    project = load_project(SAMPLE)  # our own copy: the picker changes it
    _, tables = sample_tables
    served = map_view.tiles.served
    before = len(map_view.blocker.blocked_urls)
    map_view.show_project(project, tables, targets=[], legend="none")
    assert map_view.settle()
    yield project, tables, served, before


def test_the_basemap_is_served_from_its_file_with_no_network(map_view, ground):
    project, tables, served, before = ground
    state = map_view.evaluate("ecoviewer.basemapState()")
    assert state["shown"] == "schematic" and not state["loading"]
    assert state["attribution"] == ""  # legend "none": a report page says it in its footer
    assert map_view.tiles.served > served  # its tiles came through the scheme
    assert map_view.blocker.blocked_urls[before:] == []  # and nothing tried the network
    image = map_view.grab_drawn(0)
    assert same(pixel_at(map_view, image, *SEA), SEA_COLOUR, tol=6)
    # the attribution is text in the page (never HTML): markup in it stays characters
    base = project.basemap("schematic")
    from ecoviewer.basemaps import opened

    real = opened(base).attribution
    map_view.show_project(project, tables, targets=[], legend="auto")
    assert map_view.settle()
    shown = map_view.evaluate("ecoviewer.basemapState().attribution")
    assert shown.startswith("示意底图，由样例图层生成") and "not survey data" in shown
    try:
        opened(base).attribution = "<b>bold</b> & <img src=x onerror=alert(1)>"
        map_view.show_project(project, tables, targets=[], legend="auto")
        assert map_view.settle()
        box = "document.querySelector('.ev-attribution')"
        assert map_view.evaluate(f"{box}.textContent") == "<b>bold</b> & <img src=x onerror=alert(1)>"
        assert map_view.evaluate(f"{box}.children.length") == 0
    finally:
        opened(base).attribution = real


def test_beyond_its_deepest_level_the_basemap_is_scaled_not_blank(map_view, ground):
    # the sample's basemap stops at zoom 14; at 17 the page scales level 14's tiles
    map_view.evaluate(f"ecoviewer.setView({SEA[1]}, {SEA[0]}, 17)")
    assert map_view.settle()
    assert map_view.evaluate("ecoviewer.state().zoom") == 17
    image = map_view.grab_drawn(0)
    assert same(pixel_at(map_view, image, *SEA), SEA_COLOUR, tol=6)
    assert not map_view.evaluate("ecoviewer.basemapState().loading")


def test_none_grey_and_opacity(map_view, ground):
    image = after(map_view, lambda: map_view.show_basemap(None))
    assert same(pixel_at(map_view, image, *SEA), QColor(BACKGROUND), tol=3)
    assert map_view.evaluate("ecoviewer.basemapState().attribution") == ""
    image = after(map_view, lambda: map_view.show_basemap("schematic"))
    assert same(pixel_at(map_view, image, *SEA), SEA_COLOUR, tol=6)
    image = after(map_view, lambda: map_view.set_basemap_look("schematic", 1.0, True))
    grey = pixel_at(map_view, image, *SEA)
    assert max(grey.red(), grey.green(), grey.blue()) - min(grey.red(), grey.green(), grey.blue()) <= 3
    image = after(map_view, lambda: map_view.set_basemap_look("schematic", 0.5, False))
    half = pixel_at(map_view, image, *SEA)
    bg = QColor(BACKGROUND)
    for got, a, b in zip(half.getRgb()[:3], SEA_COLOUR.getRgb()[:3], bg.getRgb()[:3], strict=True):
        assert abs(got - (a + b) / 2) <= 4


def test_a_raster_layer_is_drawn_from_its_tiles(map_view, ground):
    project, tables, _, before = ground
    r = tables["pm25_surface"]
    for spec in project.layers:  # the raster over the basemap alone
        map_view.set_visible(spec.id, False)
    probe = (117.785, 39.175)  # near the station with the highest 2025 value (44.8)
    map_view.set_visible("pm25_surface", True)
    assert map_view.settle()  # its tiles drawn and on the page
    image = map_view.grab_drawn(0)
    assert ["pm25_surface", True, False] in map_view.evaluate("ecoviewer.tileState()")
    value = r.values_at(*probe)[0]
    # the colour of that value on the layer's ramp, at its 0.6 opacity over what is under it
    from ecoviewer.raster_style import ramp_table

    lo, hi = r.stretch(r.style, 1)
    want = ramp_table(r.style.ramp)[round((value - lo) / (hi - lo) * 255)]
    seen = pixel_at(map_view, image, *probe)
    assert seen.red() > seen.green() - 30  # towards the red end: > 43 µg/m³ there
    map_view.set_visible("pm25_surface", False)
    assert map_view.settle()
    under = pixel_at(map_view, map_view.grab_drawn(0), *probe)
    for got, w, u in zip(seen.getRgb()[:3], want, under.getRgb()[:3], strict=True):
        assert abs(got - (0.6 * w + 0.4 * u)) <= 8
    assert map_view.blocker.blocked_urls[before:] == []


def test_the_picker_themes_and_identify_in_the_window(window):
    project = window.project
    assert not window.basemap_box.isHidden()  # the project has a basemap: the picker shows
    assert [window.basemap_combo.itemData(i) for i in range(window.basemap_combo.count())] == [
        None,
        "schematic",
    ]
    window.basemap_combo.setCurrentIndex(0)  # none
    assert project.shown_basemap is None
    assert window.map.evaluate("ecoviewer.basemapState().shown") is None
    project.capture_theme("没有底图")
    window.basemap_combo.setCurrentIndex(1)
    assert project.shown_basemap.id == "schematic"
    window.basemap_grey.setChecked(True)
    assert project.basemap("schematic").grey and window.map.evaluate("ecoviewer.basemapState().grey")
    window.basemap_grey.setChecked(False)
    window.apply_theme("没有底图")  # a theme remembers the basemap (none)
    assert project.shown_basemap is None and window.basemap_combo.currentIndex() == 0
    project.delete_theme("没有底图")
    window.basemap_combo.setCurrentIndex(1)
    # Identify over a raster: the pixel value, in the raster's unit
    project.set_visible("pm25_surface", True)
    hits = window.identify_at(117.79, 39.18)
    pixel = next(h for h in hits if h.layer_id == "pm25_surface")
    (name, value), *_ = pixel.attributes.items()
    assert name == "band 1 (µg/m³)"
    assert value == pytest.approx(window.tables["pm25_surface"].values_at(117.79, 39.18)[0], abs=1e-6)
    assert window.open_attribute_table("pm25_surface") is None  # pixels, not rows
    project.set_visible("pm25_surface", False)


def test_exports_carry_the_basemap_and_its_attribution(sample_tables, tmp_path):
    import re
    import subprocess

    from ecoviewer.render.snapshot import ExportOptions, export_page

    _, tables = sample_tables
    project = load_project(SAMPLE)
    pdf = tmp_path / "a4.pdf"
    export_page(project, tables, pdf, ExportOptions(paper="A4", dpi=150))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "底图: 示意底图，由样例图层生成" in re.sub(r"\s+", " ", text).replace("底图 :", "底图:")
    html = tmp_path / "page.html"
    export_page(project, tables, html)
    page = html.read_text(encoding="utf-8")
    assert re.search(r"ecoviewer:/basemap/[\w-]+/", page) is None  # no tile server behind it:
    assert "data:image/png;base64," in page  # its tiles are inlined
    tiles = len(re.findall(r'"\d+/\d+/\d+":"data:image/png;base64,', page))
    assert 0 < tiles <= 300
    # a raster in an offline page: one image over its box (no tile server behind it)
    from ecoviewer.render.snapshot import select

    air = tmp_path / "air.html"
    export_page(project, tables, air, selection=select(project, scene="空气质量：PM2.5 Air quality"))
    image = r'"id":"pm25_surface".*?"image":\{"url":"data:image/png;base64,([A-Za-z0-9+/=]+)","bounds":\[([^\]]+)\]'
    found = re.search(image, air.read_text(), flags=re.S)
    assert found, "the PM2.5 surface is not in the page"
    import base64
    import io

    import rasterio

    with rasterio.MemoryFile(io.BytesIO(base64.b64decode(found.group(1)))) as mem, mem.open() as ds:
        rgba = ds.read()
    assert max(rgba.shape[1:]) == 1024 and (rgba[3] == 255).mean() > 0.95  # all but the corners
    assert [round(float(v), 3) for v in found.group(2).split(",")] == [
        round(v, 3) for v in tables["pm25_surface"].bounds
    ]


def test_the_picker_follows_the_language(window):
    try:
        window.set_language("en")
        assert window.basemap_combo.itemText(1) == "Schematic basemap"
        assert window.basemap_combo.itemText(0) == "None"
    finally:
        window.set_language("zh")
    assert window.basemap_combo.itemText(1) == "示意底图" and window.basemap_combo.itemText(0) == "无"
