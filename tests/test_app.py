"""The desktop window (pytest-qt, offscreen): the layer tree mirrors the project and drives
the page; properties, add layer, messages and the cursor position work without a traceback."""

import os

import numpy as np
import pytest
from PySide6.QtCore import Qt
from shapely.geometry import box

from .conftest import SAMPLE, write_layer


def page_visible(win):
    return set(win.map.evaluate("ecoviewer.state().visible"))


def test_tree_is_grouped_and_mirrors_the_project(window):
    model = window.model
    groups = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert groups == ["建筑", "交通", "水系", "绿地", "背景"]
    gb = model.index_of("green_buildings")
    assert model.data(gb).startswith("绿色建筑  (1,")
    assert model.data(gb, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    cells = model.index_of("eco_cells")
    assert model.data(cells, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.data(cells.parent(), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    assert page_visible(window) == {s.id for s in window.project.layers if s.visible}


def test_checkbox_toggles_model_and_page_without_reload(window, qtbot):
    window.map.evaluate("window.__same_page = 42")
    idx = window.model.index_of("transit")
    seq = window.map.last_rendered
    window.model.setData(idx, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert window.project.layer("transit").visible is False
    assert window.map.wait_rendered(seq)
    assert "transit" not in page_visible(window)
    # group checkbox: every layer of the group
    water = window.model.index_of("water_network").parent()
    window.model.setData(water, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert not window.project.layer("shoreline").visible
    assert not window.project.layer("water_network").visible
    window.model.setData(water, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    window.model.setData(idx, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    seq = window.map.last_rendered
    assert window.map.wait_rendered(seq - 1)
    qtbot.waitUntil(lambda: {"transit", "water_network", "shoreline"} <= page_visible(window))
    assert window.map.evaluate("window.__same_page") == 42


def test_keyboard_space_toggles_the_current_layer(window, qtbot):
    window.tree.setFocus()
    window.tree.setCurrentIndex(window.model.index_of("districts"))
    qtbot.keyClick(window.tree, Qt.Key.Key_Space)
    assert window.project.layer("districts").visible is False
    qtbot.keyClick(window.tree, Qt.Key.Key_Space)
    assert window.project.layer("districts").visible is True


def test_opacity_slider_edits_the_project(window, qtbot):
    window.tree.setCurrentIndex(window.model.index_of("garden_zones"))
    assert window.opacity.isEnabled() and window.opacity.value() == 100
    window.opacity.setValue(40)
    assert window.project.layer("garden_zones").opacity == pytest.approx(0.4)
    qtbot.waitUntil(lambda: window.map.evaluate("ecoviewer.state().opacity.garden_zones") == 0.4)
    window.opacity.setValue(100)


def test_layer_properties(window):
    rows = dict(window.layer_properties(window.project.layer("garden_zones")))
    assert rows["坐标系"] == "EPSG:4490"
    assert rows["编码"] == "GB18030 (detected)"
    assert rows["格式"] == "ESRI Shapefile"
    assert rows["要素数"] == str(len(window.tables["garden_zones"])) == "37"
    assert rows["问题"] == "无"
    assert "category" in rows["字段"]


def test_add_layer_without_reload_and_bad_file_message(window, tmp_path):
    window.map.evaluate("window.__same_page = 7")
    path = write_layer(
        tmp_path / "新地块.geojson",
        [box(117.76, 39.14, 117.77, 39.15)],
        {"name": np.array(["新地块"], dtype=object)},
    )
    seq = window.map.last_rendered
    assert window.add_layer_files([str(path)]) == 1
    assert window.map.wait_rendered(seq)
    assert window.project.layers[-1].title == "新地块"
    new_id = window.project.layers[-1].id
    assert window.model.index_of(new_id).isValid()
    assert new_id in page_visible(window)
    assert window.map.evaluate("window.__same_page") == 7
    bad = tmp_path / "broken.geojson"
    bad.write_bytes(b"")
    assert window.add_layer_files([str(bad)]) == 0
    last = window.messages.item(window.messages.count() - 1).text()
    assert last == f"{bad}：空文件（0 字节）"  # the reader's English, said in the window's Chinese
    window.project.remove_layer(new_id)
    assert not window.model.index_of(new_id).isValid()


def test_status_bar_shows_lonlat_and_epsg4548(window):
    window.map.mouse_moved.emit(117.775, 39.148)
    text = window.position.text()
    assert text.startswith("117.775000°E  39.148000°N")
    assert "EPSG:4548  E 566,995.8  N 4,335,220.6 m" in text


def test_bad_project_is_a_message_not_a_crash(window, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("version = [", encoding="utf-8")
    name_before = window.project.name
    assert window.open_project(bad) is False
    assert window.messages.item(window.messages.count() - 1).text().startswith("bad.toml：不是有效的 TOML")
    assert window.project.name == name_before


def test_targets_panel_selects_on_the_map(window, qtbot):
    view, model = window.targets_view, window.target_model
    assert model.rowCount() == len(window.project.targets)
    row = model.row_of("shoreline_retention")
    assert model.data(model.index(row, 4)) == "未达标"  # missed, in the UI language
    assert model.data(model.index(row, 2)) == "≥ 100%"
    seq = window.map.last_rendered
    view.setCurrentIndex(view.proxy.mapFromSource(model.index(row, 0)))
    assert window.map.wait_rendered(seq)
    qtbot.waitUntil(lambda: window.map.evaluate("ecoviewer.targetState().selected") == "shoreline_retention")
    hardened = int((window.tables["shoreline"].fields["type"] == "hardened").sum())
    assert window.map.evaluate("ecoviewer.targetState().highlighted") == hardened
    # a click on a callout ON THE PAGE (real mouse events; the page calls the bridge's
    # targetClicked) selects the row
    from .test_plaintext import click_callout, whole_view

    whole_view(window)
    qtbot.waitUntil(lambda: "pm25" in window.map.evaluate("ecoviewer.targetState().onMap"))
    click_callout(window, qtbot, "pm25")
    qtbot.waitUntil(
        lambda: view.proxy.data(view.currentIndex().siblingAtColumn(0), Qt.ItemDataRole.UserRole) == "pm25"
    )
    qtbot.waitUntil(lambda: window.map.evaluate("ecoviewer.targetState().selected") == "pm25")
    # sorting by status keeps the model intact
    view.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    from ecoviewer.app.targets_panel import SORT_ROLE

    statuses = [view.proxy.data(view.proxy.index(r, 4), SORT_ROLE) for r in range(view.proxy.rowCount())]
    assert statuses == sorted(statuses)
    window.clear_target()


def test_target_callouts_shown_and_hidden_like_layers(window, qtbot):
    model = window.target_model
    row = model.row_of("pm25")
    model.setData(model.index(row, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert window.project.target("pm25")["visible"] is False
    qtbot.waitUntil(lambda: "pm25" not in window.map.evaluate("ecoviewer.targetState().visible"))
    model.setData(model.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: "pm25" in window.map.evaluate("ecoviewer.targetState().visible"))


def test_note_pins_live_in_the_project_and_on_the_page(window, qtbot):
    note = window.project.add_note(117.76, 39.15, "此处拟建公园", "#2171b5")
    texts = (
        "Array.from(document.querySelectorAll('.ev-note-text')).map(function (e) { return e.textContent; })"
    )
    qtbot.waitUntil(lambda: "此处拟建公园" in window.map.evaluate(texts))
    window.project.update_note(note["id"], text="改为湿地")
    qtbot.waitUntil(lambda: window.map.evaluate(texts) == ["改为湿地"])
    window.project.remove_note(note["id"])
    qtbot.waitUntil(lambda: window.map.evaluate(texts) == [])


def test_drop_a_note_by_clicking_the_map_then_edit_and_delete_it(window, monkeypatch):
    import ecoviewer.app.map_tools as tools

    class FakeDialog:
        answers = []

        def __init__(self, *args, **kwargs):
            self.answer = FakeDialog.answers.pop(0)
            self.deleted = self.answer == "delete"

        def exec(self):
            return True

        def text(self):
            return self.answer

        def color(self):
            return "#756bb1"

    monkeypatch.setattr(tools, "NoteDialog", FakeDialog)
    before = len(window.project.annotations)
    FakeDialog.answers = ["should not be used"]
    window.map_clicked(117.75, 39.14)  # not in note mode: a click is just a click
    assert len(window.project.annotations) == before
    window.note_action.trigger()  # the note tool: the next click places a note
    FakeDialog.answers = ["会议记录：此处加密公交站"]
    window.map_clicked(117.75, 39.14)
    assert not window.note_action.isChecked()
    note = window.project.annotations[-1]
    assert (note["text"], note["color"], note["lon"], note["lat"]) == (
        "会议记录：此处加密公交站",
        "#756bb1",
        117.75,
        39.14,
    )
    FakeDialog.answers = ["改过的记录"]
    window.edit_note(note["id"])
    assert window.project.note(note["id"])["text"] == "改过的记录"
    FakeDialog.answers = ["delete"]
    window.edit_note(note["id"])
    assert len(window.project.annotations) == before


def test_loading_runs_off_the_ui_thread_and_can_be_cancelled(qapp, tmp_path):
    from ecoviewer.app.main_window import MainWindow

    data = SAMPLE.parent / "data"
    project = tmp_path / "p.toml"
    project.write_text(
        "version = 1\n"
        + "".join(
            f'[[layers]]\nid = "l{i}"\npath = "{(data / "green_buildings.gpkg").as_posix()}"\n'
            f'layer = "green_buildings"\n'
            for i in range(6)
        )
        + '[[layers]]\nid = "broken"\npath = "missing.geojson"\n',
        encoding="utf-8",
    )
    win = MainWindow(lang="zh")  # one UI language per application
    win.show()
    win.open_project(project)
    assert win.loader.running and win.progress_bar.isVisible()  # returned at once
    assert win.wait_loaded()
    assert set(win.tables) == {f"l{i}" for i in range(6)}
    assert win.model.errors["broken"] == "missing.geojson: file not found"
    assert not win.progress_bar.isVisible()
    win.open_project(project)
    win.cancel_loading()
    assert win.wait_loaded()
    assert win.messages.item(win.messages.count() - 1).text().startswith("已取消加载：")
    assert len(win.tables) < 6  # stopped before the last of the six layers
    win.close()


def test_click_identifies_every_feature_under_it_as_plain_text(window):
    table = window.tables["green_buildings"]
    row = 7
    centre = table.geometry[row].representative_point()
    window.zoom = 17
    window.identify_tree.clear()
    window.map_clicked(centre.x, centre.y)  # a plain click (not in note mode) identifies
    assert window.identify_tree.topLevelItemCount() > 0
    hits = window.identify_at(centre.x, centre.y)
    assert ("green_buildings", row) in [(h.layer_id, h.row) for h in hits]
    # buildings sit inside a district: both are listed, the top layer first
    layers = [h.layer_id for h in hits]
    assert layers.index("green_buildings") < layers.index("districts")
    top = window.identify_tree.topLevelItem(layers.index("green_buildings"))
    assert top.text(0) == "绿色建筑"
    fields = {top.child(i).text(0): top.child(i).text(1) for i in range(top.childCount())}
    assert fields["name"] == table.fields["name"][row]
    assert fields["floor_area"] == str(table.fields["floor_area"][row]).rstrip("0").rstrip(".")


def test_theme_applies_instantly_to_model_and_pixels(window, qtbot):
    project = window.project
    project.show_basemap(None)  # the layers' own pixels (the basemap has its lake too)
    for spec in project.layers:
        project.set_visible(spec.id, spec.id in ("water_network", "shoreline", "districts"))
    project.capture_theme("水系")
    for spec in project.layers:
        project.set_visible(spec.id, spec.id != "eco_cells")
    project.capture_theme("总览")
    window.map.evaluate("window.__same_page = 'theme'")
    # Jing Lake is water-blue under the water theme; hidden by a theme without water
    water = window.tables["water_network"]
    lake = water.geometry[list(water.fields["kind"]).index("lake")]
    probe = lake.representative_point()
    w, s_, e, n = lake.bounds
    window.map.js(f"ecoviewer.fitBounds([[{s_}, {w}], [{n}, {e}]])")  # the lake fills the view
    window.apply_theme_index([t["name"] for t in project.themes].index("水系"))  # Ctrl+Alt+n
    assert (
        window.model.data(window.model.index_of("green_buildings"), Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Unchecked
    )
    assert window.map.settle()
    qtbot.waitUntil(
        lambda: (
            set(window.map.evaluate("ecoviewer.state().visible"))
            == {"water_network", "shoreline", "districts"}
        )
    )
    image = window.map.grab_drawn(0)
    x, y = window.map.evaluate(f"ecoviewer.containerPoint({probe.x}, {probe.y})")
    assert 0 <= x < image.width() and 0 <= y < image.height()
    from PySide6.QtGui import QColor

    lake_colour = QColor(image.pixel(round(x), round(y)))
    assert lake_colour.blue() > lake_colour.red() + 40
    project.set_visible("water_network", False)
    assert window.map.settle()
    image = window.map.grab_drawn(0)
    hidden = QColor(image.pixel(round(x), round(y)))
    assert hidden.blue() < hidden.red() + 30  # no longer water-blue
    window.apply_theme("总览")
    assert window.project.layer("green_buildings").visible
    project.show_basemap("schematic")
    assert window.map.evaluate("window.__same_page") == "theme"


def test_bookmark_restores_the_view(window, qtbot):
    assert window.map.settle()
    qtbot.waitUntil(lambda: "bounds" in window.view_state)
    window.map.js("ecoviewer.fitBounds([[39.144, 117.748], [39.148, 117.754]])")
    qtbot.waitUntil(lambda: window.view_state.get("zoom", 0) >= 15)
    zoom = window.view_state["zoom"]
    mark = window.add_bookmark("生态岛")
    window.map.fit_all()
    qtbot.waitUntil(lambda: window.view_state.get("zoom", 99) < zoom - 1)
    window.go_to_bookmark("生态岛")
    qtbot.waitUntil(lambda: abs(window.view_state.get("zoom", 0) - zoom) < 0.3)
    w, s, e, n = window.view_state["bounds"]
    mw, ms, me, mn = mark["bounds"]
    assert abs((w + e) / 2 - (mw + me) / 2) < 1e-3 and abs((s + n) / 2 - (ms + mn) / 2) < 1e-3


def test_measure_distance_and_area_are_geodesic(window):
    import pyproj

    geod = pyproj.Geod(ellps="GRS80")
    pts = [(117.74, 39.13), (117.76, 39.13), (117.76, 39.15)]
    window.measure_distance.trigger()
    assert window.measure_kind == "distance"
    for lon, lat in pts:
        window.map_clicked(lon, lat)  # clicks measure instead of identifying
    expected = geod.inv(*pts[0], *pts[1])[2] + geod.inv(*pts[1], *pts[2])[2]
    assert window.measure_label.text() == f"距离：{expected / 1000:,.3f} km"
    window.measure_area.trigger()
    assert window.measure_kind == "area" and not window.measure_distance.isChecked()
    for lon, lat in pts:
        window.map_clicked(lon, lat)
    area = abs(geod.polygon_area_perimeter(*zip(*pts))[0])
    assert window.measure_label.text().startswith(f"面积：{area / 1_000_000:,.3f} km²")
    window.clear_target()
    assert window.measure_kind is None


def test_help_lists_every_shortcut(window):
    keys = dict(window.shortcuts())
    for key in ("Ctrl+O", "Ctrl+S", "Ctrl+E", "Ctrl+N", "Ctrl+M", "F1", "Esc", "Ctrl+Alt+1…9"):
        assert key in keys, key


def test_unsaved_changes_survive_a_crash(qapp, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from ecoviewer.app.main_window import MainWindow
    from ecoviewer.project import load_project, save_project
    from ecoviewer.recovery import recovery_path

    from . import conftest

    path = save_project(load_project(SAMPLE), tmp_path / "城市.toml")  # layer paths follow
    before = path.read_bytes()
    first = MainWindow(lang="zh")
    first.recovery_folder = tmp_path / "recovery"
    first.open_project(path)
    assert first.wait_loaded()
    first.project.set_visible("green_buildings", False)
    first.project.add_note(117.75, 39.14, "会后补充")
    assert first.dirty and first.isWindowModified()
    first.write_recovery()  # what the autosave timer does every few seconds
    recovery = recovery_path(path, first.recovery_folder)
    assert recovery.exists() and path.read_bytes() == before  # the project file untouched
    first.dirty = False  # the "crash": the window goes without a word
    first.deleteLater()

    second = MainWindow(lang="zh")
    second.recovery_folder = tmp_path / "recovery"
    conftest.ANSWERS.append(QMessageBox.StandardButton.Yes)  # "Recover them?" — yes
    second.open_project(path)
    assert second.wait_loaded()
    assert second.project.layer("green_buildings").visible is False
    assert [n["text"] for n in second.project.annotations] == ["会后补充"]
    assert second.dirty
    assert second.save()
    assert not recovery.exists() and not second.dirty
    again = load_project(path)
    assert again.layer("green_buildings").visible is False
    assert again.layer("green_buildings").source.exists()
    second.close()


def test_a_format_1_project_opens_and_says_it_will_be_upgraded(qapp, tmp_path):
    from ecoviewer.app.main_window import MainWindow

    data = (SAMPLE.parent / "data" / "districts.geojson").as_posix()
    path = tmp_path / "旧项目.toml"
    path.write_text(f'version = 1\n[[layers]]\nid = "d"\npath = "{data}"\n', encoding="utf-8")
    win = MainWindow(lang="zh")
    assert win.open_project(path)
    assert win.wait_loaded() and set(win.tables) == {"d"}
    assert (
        win.messages.item(win.messages.count() - 1).text()
        == "旧项目.toml：项目格式版本 1；保存时将写为版本 2"
    )
    win.dirty = False
    win.close()


def test_a_viewer_killed_mid_meeting_loses_nothing(qapp, tmp_path):
    """A real forced kill (SIGKILL, no clean-up of any kind) of a viewer with unsaved
    changes: the project file is untouched and the next start offers the changes back."""
    import signal
    import subprocess
    import sys
    import textwrap

    from PySide6.QtWidgets import QMessageBox

    from ecoviewer.app.main_window import MainWindow
    from ecoviewer.project import load_project, save_project

    from . import conftest

    path = save_project(load_project(SAMPLE), tmp_path / "会议.toml")
    before = path.read_bytes()
    state = tmp_path / "state"
    script = textwrap.dedent(f"""
        import os, signal
        from ecoviewer.render.qtenv import prepare_environment
        prepare_environment(headless=True)
        import ecoviewer.app.main_window as mw
        mw.AUTOSAVE_MS = 200  # the 15 s autosave, sped up
        from ecoviewer.render.qtenv import application
        from PySide6.QtCore import QTimer
        app = application()
        win = mw.MainWindow(lang="zh")
        win.open_project({str(path)!r})
        win.wait_loaded()
        win.project.set_visible("transit", False)
        win.project.add_note(117.76, 39.15, "会上决定：保留湿地")
        from ecoviewer.recovery import recovery_path
        written = recovery_path(win.project.path, win.recovery_folder)
        # killed as soon as the autosave has written (polled, not a fixed wait)
        poll = QTimer()
        poll.timeout.connect(lambda: written.exists() and os.kill(os.getpid(), signal.SIGKILL))
        poll.start(20)
        app.exec()
    """)
    env = {**os.environ, "XDG_STATE_HOME": str(state), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    proc = subprocess.run(
        [sys.executable, "-c", script], env=env, timeout=120, capture_output=True, text=True
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    assert path.read_bytes() == before  # nothing half-written into the project
    win = MainWindow(lang="zh")
    win.recovery_folder = state / "ecoviewer" / "recovery"
    conftest.ANSWERS.append(QMessageBox.StandardButton.Yes)  # "Recover them?" — yes
    assert win.open_project(path) and win.wait_loaded()
    assert win.project.layer("transit").visible is False
    assert [n["text"] for n in win.project.annotations] == ["会上决定：保留湿地"]
    assert win.dirty
    win.dirty = False
    win.close()


def test_attribute_table_filters_sorts_and_selects_on_the_map(window, qtbot):
    table = window.tables["green_buildings"]
    dialog = window.open_attribute_table("green_buildings")
    model = dialog.model
    assert model.rowCount() == len(table)
    dialog.search.setText("和畅")
    expected = sum("和畅" in n for n in table.fields["name"])
    assert model.rowCount() == expected > 0
    dialog.search.setText("")
    dialog.field.setCurrentIndex(dialog.field.findData("category"))
    dialog.value.setText("conventional")
    assert model.rowCount() == int((table.fields["category"] == "conventional").sum())
    assert dialog.count.text() == f"{len(table)} 个要素中的 {model.rowCount()} 个"
    floor = model.columns.index("floor_area")
    model.sort(floor, Qt.SortOrder.DescendingOrder)
    conventional = table.fields["floor_area"][table.fields["category"] == "conventional"]
    assert float(model.data(model.index(0, floor))) == conventional.max()
    dialog.view.selectRow(0)
    dialog.view.selectionModel().select(
        model.index(1, 0),
        dialog.view.selectionModel().SelectionFlag.Select | dialog.view.selectionModel().SelectionFlag.Rows,
    )
    rows = dialog.selected_rows()
    assert len(rows) == 2 and set(table.fields["category"][rows]) == {"conventional"}
    qtbot.waitUntil(lambda: window.map.evaluate("ecoviewer.targetState().highlighted") == 2)
    dialog.close()


def test_scenes_and_presentation_mode_from_the_keyboard(window, qtbot):
    project = window.project
    assert len(project.scenes) >= 4  # the sample ships a meeting
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts go to the active window
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_F5)
    assert window.presenting and window.strip.isVisible()
    assert not window.menuBar().isVisible() and not window.layer_dock.isVisible()
    assert window.scene_index == 0
    assert window.strip.text().startswith(f"1/{len(project.scenes)}  {project.scenes[0]['title']}")
    seq = window.map.last_rendered
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.scene_index == 1
    water = project.scenes[1]
    theme = project.theme(water["theme"])
    assert {s.id for s in project.layers if s.visible} == {
        k for k, v in theme["layers"].items() if v.get("visible", True)
    }
    assert window.map.wait_rendered(seq)
    qtbot.waitUntil(
        lambda: (
            set(window.map.evaluate("ecoviewer.state().visible"))
            == {s.id for s in project.layers if s.visible}
        )
    )
    # the strip names the scene and the status of the targets the theme shows
    assert "生态岸线保有率 85.7% ✗" in window.strip.text()
    # presenting, the canvas covers just the screen (no margin drawn ahead for dragging)
    canvas_over_map = (
        "document.querySelector('.leaflet-overlay-pane canvas').width / "
        "window.devicePixelRatio / ecoviewer.state().size[0]"
    )
    # (Leaflet resizes its canvas 200 ms after the window goes full screen)
    qtbot.waitUntil(lambda: window.map.evaluate(canvas_over_map) == pytest.approx(1.0, abs=0.01))
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.scene_index == 2
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    assert window.scene_index == 1
    first = window.model.ordered_ids()[0]
    before = project.layer(first).visible
    qtbot.keyClick(window, Qt.Key.Key_1)
    assert project.layer(first).visible is (not before)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presenting and window.menuBar().isVisible()
    assert not window.strip.isVisible()
    qtbot.waitUntil(lambda: window.map.evaluate(canvas_over_map) == pytest.approx(1.2, abs=0.01))
    window.go_to_scene(0)


def test_switching_language_changes_menus_panels_and_titles(window):
    menus = lambda: [a.text() for a in window.menuBar().actions()]  # noqa: E731
    window.set_language("en")
    assert menus()[0] == "&File" and window.layer_dock.windowTitle() == "Layers"
    assert window.model.data(window.model.index(0, 0)) == "Buildings"
    assert window.model.data(window.model.index_of("green_buildings")).startswith("Green buildings")
    assert window.target_model.headerData(0, Qt.Orientation.Horizontal) == "Target"
    window.set_language("zh")
    assert menus()[:3] == ["文件(&F)", "编辑(&E)", "视图(&V)"]
    assert window.layer_dock.windowTitle() == "图层"
    assert window.targets_dock.windowTitle() == "规划目标"
    assert window.target_model.headerData(0, Qt.Orientation.Horizontal) == "目标"
    assert window.cancel_button.text() == "取消"
    assert window.model.data(window.model.index(0, 0)) == "建筑"
    # the menus were rebuilt twice: each shortcut still belongs to exactly one live action
    # (two would make Qt treat it as ambiguous and fire neither)
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QAction, QKeySequence

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    save = [
        a for a in window.findChildren(QAction) if a.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    ]
    assert len(save) == 1 and save[0].text() == "保存项目(&S)"
    # a new window follows the saved choice
    from ecoviewer.app.i18n import preferred_language

    assert preferred_language() == "zh"


def test_a_window_in_the_saved_language_titles_panels_in_it(qapp):
    from PySide6.QtCore import QSettings

    from ecoviewer.app.main_window import MainWindow

    saved = QSettings().value("language")
    QSettings().setValue("language", "en")
    try:
        win = MainWindow()  # no language given: the saved choice
        assert win.lang == win.model.lang == win.target_model.lang == "en"
        assert win.model.headerData(0, Qt.Orientation.Horizontal) == "Layers"
        assert win.target_model.headerData(0, Qt.Orientation.Horizontal) == "Target"
        win.close()
        win.deleteLater()
    finally:
        QSettings().setValue("language", saved or "zh")
        from ecoviewer.app.i18n import install_language

        install_language("zh")


def test_compare_two_themes_with_a_swipe_divider(window, qtbot):
    from PySide6.QtGui import QColor

    project = window.project
    water = window.tables["water_network"]
    lake = water.geometry[list(water.fields["kind"]).index("lake")]
    w, s_, e, n = lake.bounds
    # left: the water system; right: green transport (no water layer); then zoomed to a lake
    window.compare_themes("水系 Water system", "绿色交通 Green transport", fraction=0.5)
    window.map.js(f"ecoviewer.fitBounds([[{s_}, {w}], [{n}, {e}]])")
    assert window.comparing == ("水系 Water system", "绿色交通 Green transport")
    assert project.layer("water_network").visible  # the left theme is the project's state
    assert window.map.settle()
    image = window.map.grab_drawn(0)
    labels = window.map.evaluate(
        "Array.from(document.querySelectorAll('.ev-compare-label')).map(e => e.textContent)"
    )
    assert labels == ["水系 Water system", "绿色交通 Green transport"]
    _, cy = window.map.evaluate(f"ecoviewer.containerPoint({lake.centroid.x}, {lake.centroid.y})")
    half = image.width() / 2

    # probe a row of the lake on each side of the divider, away from lines drawn over it
    def water_share(xs):
        cols = [QColor(image.pixel(round(x), round(cy))) for x in xs]
        return sum(c.blue() > c.red() + 40 for c in cols) / len(cols)

    left_xs = [half - 60 + i for i in range(0, 50, 5)]
    right_xs = [half + 10 + i for i in range(0, 50, 5)]
    assert water_share(left_xs) >= 0.6
    assert water_share(right_xs) <= 0.2
    # the keyboard moves the divider (Ctrl+Alt+→, a tenth of the map a press) …
    window.activateWindow()
    window.setFocus()
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(window, Qt.Key.Key_Right, keys)
    qtbot.waitUntil(lambda: window.map.evaluate("ecoviewer.state()")["divider"] > 0.55)
    assert window.map.evaluate("ecoviewer.state()")["divider"] == pytest.approx(0.6, abs=0.01)
    # … and dragging it (here: setting it) moves the boundary
    assert window.map.evaluate("ecoviewer.setDivider(0.9)")
    image = window.map.grab_drawn(0)
    assert water_share(right_xs) >= 0.6
    # a key press then moves on from where the drag left it, not from the last key press
    qtbot.keyClick(window, Qt.Key.Key_Left, keys)
    qtbot.waitUntil(lambda: window.map.evaluate("ecoviewer.state()")["divider"] < 0.85)
    assert window.map.evaluate("ecoviewer.state()")["divider"] == pytest.approx(0.8, abs=0.01)
    window.end_compare()
    assert window.map.evaluate("document.querySelectorAll('.ev-compare-bar').length") == 0


def test_compare_today_with_the_2025_plan_evaluates_targets_per_side(window, qtbot):
    """Existing water system vs the 2025 plan: the shoreline target reads today's layer on
    the left and the plan layer on the right; the labels say so, in the pixels' page."""
    window.compare_themes("水系 Water system", "水系 2025 规划 Water plan 2025")
    today = next(r for r in window.results if r.id == "shoreline_retention")
    assert today.status == "missed" and today.value_text() == "85.7"
    assert window.compare_differences == [
        ("shoreline_retention", today.value, "missed", pytest.approx(100.0), "met")
    ]
    assert window.map.settle()
    rows = window.map.evaluate("""Array.from(document.querySelectorAll('.ev-compare-label'))
        .map(function (e) { return Array.from(e.querySelectorAll('.ev-compare-target'))
        .map(function (r) { return r.textContent; }); })""")
    # each side with its own projection for 2025 (today's series, the plan's)
    (diff,) = window.session.differences
    assert rows == [
        [f"生态岸线保有率 85.7% 未达标↗ 2025年预测：{diff.left_projection:.1f}% · 进度滞后"],
        [f"生态岸线保有率 100.0% 达标↗ 2025年预测：{diff.right_projection:.1f}% · 进度滞后"],
    ]
    # only the plan layer is drawn right of the divider, only today's left of it
    assert "shoreline" in window.map.evaluate("ecoviewer.state()")["visible"]
    window.end_compare()
    # applying the plan theme alone re-evaluates the map's and panel's targets on the plan
    window.apply_theme("水系 2025 规划 Water plan 2025")
    plan = next(r for r in window.results if r.id == "shoreline_retention")
    assert plan.status == "met" and plan.target.layer == "shoreline_2025"
    window.map.fit_all()  # callouts are on the map while what they measure is in view
    shore_callout = """Array.from(document.querySelectorAll('.ev-callout')).filter(function (e) {
        return e.querySelector('.ev-callout-title').textContent === '生态岸线保有率'; })
        .map(function (e) { return [e.className, e.querySelector('.ev-callout-value').textContent]; })"""
    assert window.map.settle()
    [(cls, value)] = window.map.evaluate(shore_callout)
    assert "ev-met" in cls.split() and value.startswith("100.0%")
    window.apply_theme("水系 Water system")
    assert next(r for r in window.results if r.id == "shoreline_retention").status == "missed"
    assert window.map.settle()
    [(cls, value)] = window.map.evaluate(shore_callout)
    assert "ev-missed" in cls.split() and value.startswith("85.7%")


def test_ctrl_alt_digit_applies_a_theme(window, qtbot):
    names = [t["name"] for t in window.project.themes]
    water = names.index("水系 Water system")
    window.fill_themes_menu()  # built, as after a user opened the Themes menu once
    from PySide6.QtGui import QAction, QKeySequence

    key = QKeySequence(f"Ctrl+Alt+{water + 1}")
    assert len([a for a in window.findChildren(QAction) if a.shortcut() == key]) == 1
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tree.setFocus()
    qtbot.keyClick(
        window.tree,
        Qt.Key(Qt.Key.Key_1.value + water),
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    theme = window.project.theme(names[water])
    assert {s.id for s in window.project.layers if s.visible} == {
        k for k, v in theme["layers"].items() if v.get("visible", True)
    }
