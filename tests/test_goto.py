"""Go to (coordinates in lon/lat or the metric CRS, names from the project's own layers), the
scale box and undo of a removed layer: the core Qt-free, then the window."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pyproj import Transformer
from PySide6.QtCore import Qt

from ecoviewer import goto

from .conftest import SAMPLE, opened_window

TO_LONLAT = Transformer.from_crs("EPSG:4548", "EPSG:4326", always_xy=True)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("117.75, 39.13", (117.75, 39.13)),
        ("117.75 39.13", (117.75, 39.13)),
        ("117.75°E 39.13°N", (117.75, 39.13)),
        ("117.75，39.13", (117.75, 39.13)),
        ("39.13, 117.75", (117.75, 39.13)),  # latitude first: no longitude fits
        ("39.13°N 117.75°E", (117.75, 39.13)),
        ("117°W 39°S", (-117.0, -39.0)),  # west and south are negative
        ("117 N 39 E", None),
        ("abc", None),
        ("117.75", None),
        ("1e400, 3", None),
    ],
)
def test_coordinates_in_lon_lat(text, expected):
    assert goto.parse_coordinates(text) == expected


def test_coordinates_in_the_metric_crs():
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:4548", always_xy=True).transform(117.75, 39.13)
    lon, lat = goto.parse_coordinates(f"{x:.2f}, {y:.2f}", TO_LONLAT)
    assert (lon, lat) == pytest.approx((117.75, 39.13), abs=1e-6)
    assert goto.parse_coordinates(f"{x:.2f}, {y:.2f}") is None  # no CRS given: not lon/lat


@pytest.mark.parametrize(
    "text, n",
    [("1:5000", 5000), ("1：25,000", 25000), ("5000", 5000), ("1:0", None), ("x", None), ("1:-5", None)],
)
def test_scale_text(text, n):
    assert goto.parse_scale(text) == n


def test_scale_and_zoom_agree_with_a_hand_computed_value():
    # zoom 15 at 39.13° N: 2πR/256 · cos(lat) / 2^15 metres per pixel, 96 px per inch
    m_per_px = 2 * math.pi * 6378137 / 256 * math.cos(math.radians(39.13)) / 2**15
    assert goto.scale_of(15, 39.13) == pytest.approx(m_per_px / (0.0254 / 96))
    assert goto.scale_of(15, 39.13) == pytest.approx(14_016, rel=1e-3)
    assert goto.zoom_for_scale(goto.scale_of(13.25, 39.13), 39.13) == pytest.approx(13.25)


def test_names_are_found_in_the_projects_layers(sample_tables):
    project, tables = sample_tables
    places = goto.search(project, tables, "静湖")
    assert places and places[0].text == "静湖"
    assert places[0].layer_id == "water_network"
    assert tables["water_network"].fields["name"][places[0].row] == "静湖"
    # exact names before names that only contain the text
    some = goto.search(project, tables, "公园")
    assert some and all("公园" in p.text for p in some)
    assert goto.search(project, tables, "no such place anywhere") == []


def test_the_window_goes_to_names_and_coordinates(window, qtbot):
    assert window.map.settle()
    found = window.go_to("静湖")
    assert found.startswith("静湖 — ")
    assert window.map.settle()
    table = window.tables["water_network"]
    row = list(table.fields["name"]).index("静湖")
    w, s, e, n = window.map.evaluate("ecoviewer.state()")["bounds"]
    bw, bs, be, bn = table.bounds_of([row])
    assert w <= bw and s <= bs and e >= be and n >= bn  # framed
    assert window.map.evaluate("ecoviewer.targetState().highlighted") == 1
    window.clear_target()
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:4548", always_xy=True).transform(117.76, 39.15)
    assert window.go_to(f"{x:.1f}, {y:.1f}")
    assert window.map.settle()
    centre = window.map.evaluate("ecoviewer.state()")["center"]
    assert centre == pytest.approx([117.76, 39.15], abs=1e-4)
    assert window.go_to("no such place anywhere") is None
    assert window.statusBar().currentMessage() == "本项目中没有名为 no such place anywhere 的要素"


def test_the_scale_box_shows_and_sets_the_scale(window, qtbot):
    assert window.map.evaluate("ecoviewer.setView(39.13, 117.75, 15)")
    qtbot.waitUntil(lambda: window.view_state.get("zoom") == 15)
    assert window.scale_box.currentText() == f"1:{round(goto.scale_of(15, 39.13)):,}"
    assert window.set_scale("1:5000")
    qtbot.waitUntil(lambda: window.view_state.get("zoom") != 15)
    zoom = window.view_state["zoom"]
    # Leaflet snaps to a quarter zoom level: the nearest one to 1:5000
    assert abs(zoom - goto.zoom_for_scale(5000, 39.13)) <= 0.125 + 1e-9


def test_removing_a_layer_can_be_undone(qapp, qtbot):
    with opened_window(SAMPLE, (1200, 800)) as win:
        order = [s.id for s in win.project.layers]
        plan = win.project.theme("水系 2025 规划 Water plan 2025")["data"]
        win.remove_layer("shoreline_2025")
        assert "shoreline_2025" not in [s.id for s in win.project.layers]
        assert "data" not in win.project.theme("水系 2025 规划 Water plan 2025")
        assert win.map.settle()
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
        qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert [s.id for s in win.project.layers] == order
        assert win.project.theme("水系 2025 规划 Water plan 2025")["data"] == plan
        assert "shoreline_2025" in win.tables
        assert win.map.settle()
        assert win.undo_stack.canRedo() and win.undo_stack.redoText().startswith("移除图层")
        # a theme renamed after the removal: undo takes back the rename, then the removal
        win.undo_stack.redo()
        win.edit("rename", lambda: win.project.rename_theme("水系 2025 规划 Water plan 2025", "规划 Plan"))
        win.undo_stack.undo()
        assert "data" not in win.project.theme("水系 2025 规划 Water plan 2025")
        win.undo_stack.undo()
        assert win.project.theme("水系 2025 规划 Water plan 2025")["data"] == plan
        assert "shoreline_2025" in win.tables
        # another project: nothing to undo (it would put this layer into that project)
        assert win.open_project(SAMPLE) and win.wait_loaded()
        assert not win.undo_stack.canUndo() and not win.undo_stack.canRedo()
        win.remove_layer("shoreline_2025")
        win.undo_stack.undo()
        # the layer draws again when a theme shows it
        win.apply_theme("水系 2025 规划 Water plan 2025")
        assert win.map.settle()
        assert "shoreline_2025" in win.map.evaluate("ecoviewer.state().visible")


def test_copy_cursor_position(window):
    from PySide6.QtWidgets import QApplication

    window.show_position(117.7512345, 39.1298765)
    assert window.copy_cursor_position() == "117.751234, 39.129877"
    assert QApplication.clipboard().text() == "117.751234, 39.129877"


def test_an_exact_name_is_found_behind_many_partial_ones(sample_tables):
    from ecoviewer.project import LayerSpec, Project
    from ecoviewer.sources import FeatureTable

    _project, tables = sample_tables
    base = tables["districts"]
    names = np.array([f"湖{i}" for i in range(50)] + ["湖"], dtype=object)
    table = FeatureTable(
        id="lakes",
        path="x.geojson",
        layer=None,
        driver=None,
        geometry=np.repeat(base.geometry[:1], 51),
        fields={"name": names},
        crs=base.crs,
    )
    mini = Project(name="m")
    mini.add_layer(LayerSpec(id="lakes", path="x.geojson", title="x"))
    [first] = goto.search(mini, {"lakes": table}, "湖", limit=1)
    assert first.text == "湖" and first.row == 50
