"""The window as a planner meets it (issue 12): our own right-click menu on the map and no
way to navigate the page away, and the first hour's defects, each tested on the real
widgets (pytest-qt, offscreen)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from pyproj import Transformer
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWidgets import QApplication

from .conftest import SAMPLE, opened_window


def action(menu, text):
    found = [a for a in menu.actions() if a.text() == text]
    assert found, [a.text() for a in menu.actions()]
    return found[0]


def right_click(window, qtbot, point: QPoint):
    window.map_context = None
    proxy = window.map.focusProxy() or window.map
    QTest.mouseClick(proxy, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, point)
    qtbot.waitUntil(lambda: window.map_context is not None and window.map_context.isVisible())
    return window.map_context


def test_right_click_opens_our_map_menu(window, qtbot):
    assert window.map.settle()
    w, h = window.map.width(), window.map.height()
    point = QPoint(w // 2 + 40, h // 2 - 30)
    lon, lat = window.map.evaluate(f"ecoviewer.lonLatAt({point.x()}, {point.y()})")
    menu = right_click(window, qtbot, point)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "识别此处要素",
        "复制坐标（经度, 纬度）",
        "复制坐标（EPSG:4548）",
        "在此处添加注记…",
        "地图以此处为中心",
    ]
    # the web engine's own menu (Back, Forward, Reload, View source…) is nowhere
    assert not any("Reload" in t or "重新加载" in t or "Back" in t for t in texts)
    action(menu, "复制坐标（经度, 纬度）").trigger()
    assert QApplication.clipboard().text() == f"{lon:.6f}, {lat:.6f}"
    menu = right_click(window, qtbot, point)
    action(menu, "复制坐标（EPSG:4548）").trigger()
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:4548", always_xy=True).transform(lon, lat)
    assert QApplication.clipboard().text() == f"{x:.2f}, {y:.2f}"
    menu.close()


def test_map_menu_identifies_and_centres_where_it_was_opened(window, qtbot):
    table = window.tables["districts"]
    centre = table.geometry[0].representative_point()  # inside the start-up district
    assert window.map.evaluate(f"ecoviewer.setView({centre.y}, {centre.x}, 13)")
    assert window.map.settle()
    x, y = window.map.evaluate(f"ecoviewer.containerPoint({centre.x}, {centre.y})")
    window.identify_tree.clear()
    menu = right_click(window, qtbot, QPoint(round(x), round(y)))
    action(menu, "识别此处要素").trigger()
    titles = [
        window.identify_tree.topLevelItem(i).text(0) for i in range(window.identify_tree.topLevelItemCount())
    ]
    assert "片区" in titles
    # centre the map on a point 150 px left of the centre
    px, py = window.map.width() // 2 - 150, window.map.height() // 2
    lon, lat = window.map.evaluate(f"ecoviewer.lonLatAt({px}, {py})")
    menu = right_click(window, qtbot, QPoint(px, py))
    seq = window.map.last_rendered
    action(menu, "地图以此处为中心").trigger()
    window.map.wait_rendered(seq)
    state = window.map.evaluate("ecoviewer.state()")
    assert state["center"] == pytest.approx([lon, lat], abs=1e-6)


def test_map_menu_adds_a_note_where_it_was_opened(window, qtbot, monkeypatch):
    from ecoviewer.app import notes

    monkeypatch.setattr(notes.NoteDialog, "exec", lambda self: 1)
    monkeypatch.setattr(notes.NoteDialog, "text", lambda self: "此处拟建公园")
    before = len(window.project.annotations)
    point = QPoint(window.map.width() // 2, window.map.height() // 2)
    lon, lat = window.map.evaluate(f"ecoviewer.lonLatAt({point.x()}, {point.y()})")
    menu = right_click(window, qtbot, point)
    action(menu, "在此处添加注记…").trigger()
    assert len(window.project.annotations) == before + 1
    note = window.project.annotations[-1]
    assert (note["lon"], note["lat"]) == pytest.approx((lon, lat), abs=1e-6)
    window.project.remove_note(note["id"])


def test_the_page_cannot_be_reloaded_or_navigated_away(window, qtbot, caplog):
    """Reload and Back (the web engine's menu offered them; keys and mouse buttons trigger
    them too) used to reload the bare page: layers ticked, nothing drawn."""
    assert window.map.settle()
    drawn = window.map.evaluate("ecoviewer.state().visible")
    assert drawn
    window.map.evaluate("(window.__still_here = 42)")
    caplog.set_level(logging.INFO, logger="ecoviewer.page")
    page = window.map.page()
    for web_action in (QWebEnginePage.WebAction.Reload, QWebEnginePage.WebAction.ReloadAndBypassCache):
        caplog.clear()
        page.triggerAction(web_action)
        qtbot.waitUntil(lambda: any("refused navigation" in r.getMessage() for r in caplog.records))
    page.runJavaScript("location.href = 'ecoviewer:/page/other/map.html'")
    qtbot.waitUntil(lambda: any("ecoviewer:/page/other" in r.getMessage() for r in caplog.records))
    assert window.map.evaluate("window.__still_here") == 42
    assert window.map.evaluate("ecoviewer.state().visible") == drawn
    assert window.map.url().path().startswith("/page/")


def test_sample_is_open(window):
    assert window.project.path == SAMPLE


@pytest.fixture
def fresh(qapp, tmp_path):
    from PySide6.QtCore import QEvent

    from ecoviewer.app.main_window import MainWindow

    win = MainWindow(lang="zh")
    win.resize(1000, 700)
    win.show()
    yield win
    win.dirty = False
    win.close()
    win.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)


DISTRICTS = SAMPLE.parent / "data" / "districts.geojson"


def drawn_colours(win) -> int:
    image = win.map.grab_drawn(0)
    return len({image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)})


def test_after_a_failed_open_layers_added_still_draw(fresh, tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text("version = 2\n[project\n", encoding="utf-8")
    assert not fresh.open_project(bad)
    assert fresh.messages.item(fresh.messages.count() - 1).text().startswith("broken.toml：")
    assert fresh.add_layer_files([str(DISTRICTS)]) == 1
    assert fresh.map.settle(20000), "the map never drew (no page was ever loaded)"
    assert fresh.map.evaluate("ecoviewer.state().visible") == ["districts"]
    assert drawn_colours(fresh) >= 4


def test_a_layer_file_opens_as_a_new_unsaved_project(fresh):
    assert fresh.open_project(DISTRICTS)
    assert fresh.project.path is None and [s.id for s in fresh.project.layers] == ["districts"]
    assert fresh.project.name == "districts" and not fresh.dirty
    assert fresh.windowTitle().startswith("districts")
    assert fresh.map.settle(20000)
    assert fresh.map.evaluate("ecoviewer.state().visible") == ["districts"]
    assert drawn_colours(fresh) >= 4


def test_a_layer_dropped_on_an_empty_window_draws(fresh, qtbot):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(DISTRICTS))])
    event = QDropEvent(
        QPointF(300, 300),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    fresh.dropEvent(event)
    qtbot.waitUntil(lambda: [s.id for s in fresh.project.layers] == ["districts"])
    assert fresh.map.settle(20000)
    assert fresh.map.evaluate("ecoviewer.state().visible") == ["districts"]


def test_new_and_close_project_leave_an_empty_live_map(fresh, qtbot):
    keys = dict(fresh.shortcuts())
    assert keys.get("Ctrl+Shift+N") == "新建项目" and keys.get("Ctrl+W") == "关闭项目"
    assert fresh.open_project(SAMPLE) and fresh.wait_loaded()
    fresh.activateWindow()
    qtbot.waitUntil(fresh.isActiveWindow)
    qtbot.keyClick(fresh, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert fresh.project.path is None and fresh.project.layers == []
    assert fresh.project.name == "未命名项目" and fresh.tables == {}
    assert fresh.add_layer_files([str(DISTRICTS)]) == 1
    assert fresh.map.settle(20000)
    assert fresh.map.evaluate("ecoviewer.state().visible") == ["districts"]


def test_saving_from_the_window_keeps_the_file_and_stores_a_moved_view(qapp, tmp_path, qtbot):
    import shutil

    from ecoviewer.project import load_project

    shutil.copytree(SAMPLE.parent, tmp_path / "layers", ignore=shutil.ignore_patterns("*.py"))
    path = tmp_path / "layers" / SAMPLE.name
    before = path.read_bytes()
    with opened_window(path, (1200, 800)) as win:
        qtbot.waitUntil(lambda: "bounds" in win.view_state)
        assert win.save()
        assert path.read_bytes() == before  # nothing changed: not one byte rewritten
        # the planner pans to the north-east corner and saves: that view reopens
        assert win.map.evaluate("ecoviewer.setView(39.19, 117.83, 15)")
        assert win.map.settle()
        qtbot.waitUntil(lambda: win.view_state.get("zoom") == 15)
        assert win.save()
        saved = load_project(path).view["bounds"]
        assert saved == pytest.approx(win.view_state["bounds"], abs=1e-6)
        w, s, e, n = saved
        assert w < 117.83 < e and s < 39.19 < n
        text = path.read_text(encoding="utf-8")
        assert "SCHEMATIC DATA" in text and len(text.splitlines()) == len(before.splitlines())


@pytest.mark.parametrize(
    "target_id, needed",
    [
        ("park_5min", {"green_buildings", "garden_zones"}),  # of = parks
        ("wetland_protection", {"garden_zones", "protected_areas"}),  # within
        ("green_space_per_capita", {"garden_zones", "districts"}),  # population_layer
    ],
)
def test_selecting_a_target_shows_what_it_is_measured_against(window, target_id, needed):
    for layer_id in needed:
        window.project.set_visible(layer_id, False)
    window.select_target(target_id)
    visible = {s.id for s in window.project.layers if s.visible}
    assert needed <= visible
    assert window.map.settle()
    assert needed <= set(window.map.evaluate("ecoviewer.state().visible"))
    window.clear_target()


def test_nothing_of_the_previous_project_stays(fresh, qtbot):
    assert fresh.open_project(SAMPLE) and fresh.wait_loaded()
    table = fresh.tables["districts"]
    p = table.geometry[0].representative_point()
    assert fresh.identify_at(p.x, p.y)
    assert fresh.identify_tree.topLevelItemCount() > 0
    assert fresh.open_project(DISTRICTS)
    assert fresh.identify_tree.topLevelItemCount() == 0


def test_esc_ends_a_measurement_and_its_result(window, qtbot):
    window.measure_distance.trigger()
    window.measure_click(117.72, 39.10)
    text = window.measure_click(117.75, 39.12)
    assert text.startswith("距离：") and window.measure_label.text() == text
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.measure_kind is None and window.measure_label.text() == ""
    assert window.statusBar().currentMessage() == ""


def test_a_theme_or_a_comparison_forgets_the_scene(window):
    window.go_to_scene(1)
    assert window.scene_list.currentRow() == 1
    window.apply_theme("绿色交通 Green transport")
    assert window.scene_list.currentRow() == -1 and not window.scene_list.selectedItems()
    window.go_to_scene(2)
    window.compare_themes("水系 Water system", "绿色交通 Green transport")
    assert window.scene_list.currentRow() == -1 and not window.scene_list.selectedItems()
    window.end_compare()


def test_leaving_presentation_restores_the_view_from_before(window, qtbot):
    assert window.map.evaluate("ecoviewer.setView(39.15, 117.76, 14.25)")
    assert window.map.settle()
    qtbot.waitUntil(lambda: window.view_state.get("zoom") == 14.25)
    before = window.map.evaluate("ecoviewer.state()")
    window.enter_presentation()
    assert window.map.settle()
    assert window.map.evaluate("ecoviewer.state()")["zoom"] != 14.25  # the scene's framing
    window.leave_presentation()
    assert window.map.settle()
    qtbot.waitUntil(lambda: window.map.evaluate("ecoviewer.state()")["size"] == before["size"])
    assert window.map.settle()
    after = window.map.evaluate("ecoviewer.state()")
    assert after["zoom"] == 14.25
    assert after["center"] == pytest.approx(before["center"], abs=1e-4)  # within a pixel


CALLOUTS_BY_SIDE = """(function () {
    var frame = document.querySelector('.leaflet-container').getBoundingClientRect();
    return ['evCallouts', 'evRightCallouts'].map(function (pane) {
        var p = document.querySelector('.leaflet-' + pane + '-pane');
        if (!p) return [];
        return Array.from(p.querySelectorAll('.ev-callout')).map(function (e) {
            var r = e.getBoundingClientRect();
            return [e.querySelector('.ev-callout-title').textContent,
                    e.querySelector('.ev-callout-value').textContent, e.className,
                    r.left - frame.left, r.right - frame.left]; }); }); })()"""


def test_compare_callouts_belong_to_their_side(window, qtbot):
    """Today's water system left, the 2025 plan right: the right side's shoreline callout
    reads the plan's 100 % (it read today's 85.7 % under a label saying 100 %)."""
    window.apply_theme("水系 Water system")
    window.map.fit_all()
    window.compare_themes("水系 Water system", "水系 2025 规划 Water plan 2025", fraction=0.5)
    assert window.map.settle()
    divider = window.map.evaluate("ecoviewer.state()")["divider"] * window.map.width()
    left, right = window.map.evaluate(CALLOUTS_BY_SIDE)
    shore_left = [c for c in left if c[0] == "生态岸线保有率"]
    shore_right = [c for c in right if c[0] == "生态岸线保有率"]
    assert shore_left and shore_right
    assert shore_left[0][1].startswith("85.7%") and "ev-missed" in shore_left[0][2]
    assert shore_right[0][1].startswith("100.0%") and "ev-met" in shore_right[0][2]
    # each side's boxes are placed inside its side of the divider
    assert all(c[4] <= divider + 1 for c in left), (divider, left)
    assert all(c[3] >= divider - 1 for c in right), (divider, right)
    # and clipped to it: the panes' clip rectangles (top, right, bottom, left, in the map
    # pane's coordinates) meet at the divider
    clips, size = window.map.evaluate("""[['evCallouts', 'evRightCallouts'].map(
        function (p) { return document.querySelector('.leaflet-' + p + '-pane').style.clip; }),
        ecoviewer.state().size]""")
    shift = window.map.evaluate("""(function () {
        var s = document.querySelector('.leaflet-map-pane').style.transform;
        var m = /translate3d\\((-?[\\d.]+)px, (-?[\\d.]+)px/.exec(s) || [0, 0, 0];
        return [Number(m[1]), Number(m[2])]; })()""")
    numbers = [[float(v) for v in re.findall(r"-?[\d.]+", c)] for c in clips]
    x0, y0 = -shift[0], -shift[1]  # the container's corner in the map pane's coordinates
    cut = x0 + round(0.5 * size[0])
    assert numbers[0] == pytest.approx([y0, cut, y0 + size[1], x0], abs=0.5)  # left of it
    assert numbers[1] == pytest.approx([y0, x0 + size[0], y0 + size[1], cut], abs=0.5)
    window.map.evaluate("ecoviewer.setDivider(0.6)")
    assert window.map.settle()
    divider = 0.6 * window.map.width()
    left, right = window.map.evaluate(CALLOUTS_BY_SIDE)
    assert all(c[4] <= divider + 1 for c in left) and all(c[3] >= divider - 1 for c in right)
    # a side narrower than a box: the box starts at the divider (its end is clipped)
    window.map.evaluate("ecoviewer.setDivider(0.9)")
    assert window.map.settle()
    divider = 0.9 * window.map.width()
    _left, right = window.map.evaluate(CALLOUTS_BY_SIDE)
    assert right and all(c[3] >= divider - 1 for c in right)
    window.end_compare()
    left, right = window.map.evaluate(CALLOUTS_BY_SIDE)
    assert right == [] and left
    assert window.map.evaluate("document.querySelector('.leaflet-evCallouts-pane').style.clip") == ""


LEGEND = """(function () {
    var box = document.querySelector('.ev-legend'), t = box.querySelector('.ev-legend-title');
    var frame = document.querySelector('.leaflet-container').getBoundingClientRect();
    var b = box.getBoundingClientRect(), r = t.getBoundingClientRect();
    var calls = Array.from(document.querySelectorAll('.ev-callout')).map(function (e) {
        var c = e.getBoundingClientRect();
        return [c.left - frame.left, c.top - frame.top, c.right - frame.left, c.bottom - frame.top]; });
    return {folded: box.classList.contains('ev-collapsed'),
            box: [b.left - frame.left, b.top - frame.top, b.right - frame.left, b.bottom - frame.top],
            title: [r.left - frame.left + r.width / 2, r.top - frame.top + r.height / 2],
            callouts: calls}; })()"""


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_the_legend_keeps_its_state_and_callouts_avoid_it(window, qtbot):
    with opened_window(SAMPLE, (1600, 1000)) as win:
        legend = win.map.evaluate(LEGEND)
        assert legend["folded"], "the sample's tall legend starts folded"
        # a scene and a theme with fewer layers: it stays folded (it used to unfold itself)
        win.go_to_scene(1)
        assert win.map.settle() and win.map.evaluate(LEGEND)["folded"]
        win.apply_theme("绿色交通 Green transport")
        assert win.map.settle() and win.map.evaluate(LEGEND)["folded"]
        win.apply_theme("水系 Water system")
        assert win.map.settle() and win.map.evaluate(LEGEND)["folded"]
        # the user opens it with a real click on its title: not a map click
        clicks = []
        win.map.clicked.connect(lambda *a: clicks.append(a))
        x, y = win.map.evaluate(LEGEND)["title"]
        QTest.mouseClick(
            win.map.focusProxy(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            QPoint(round(x), round(y)),
        )
        qtbot.waitUntil(lambda: not win.map.evaluate(LEGEND)["folded"])
        assert win.map.settle()
        assert clicks == []
        legend = win.map.evaluate(LEGEND)
        assert legend["callouts"], "no callout on the map: nothing tested"
        assert not any(overlaps(c, legend["box"]) for c in legend["callouts"]), legend
        # another scene: it stays open, and callouts still keep clear of it
        win.go_to_scene(2)
        assert win.map.settle()
        legend = win.map.evaluate(LEGEND)
        assert not legend["folded"]
        assert not any(overlaps(c, legend["box"]) for c in legend["callouts"]), legend


def test_one_click_or_enter_applies_a_scene(window, qtbot):
    window.apply_theme("绿色交通 Green transport")
    item = window.scene_list.item(1)
    rect = window.scene_list.visualItemRect(item)
    qtbot.mouseClick(window.scene_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.scene_index == 1
    scene = window.project.scenes[1]
    theme = window.project.theme(scene["theme"])
    assert {s.id for s in window.project.layers if s.visible} == {
        k for k, v in theme["layers"].items() if v.get("visible", True)
    }
    window.scene_list.setCurrentRow(2)
    window.scene_list.setFocus()
    qtbot.keyClick(window.scene_list, Qt.Key.Key_Return)
    assert window.scene_index == 2


def test_the_targets_dock_shows_status_without_scrolling(qapp, qtbot):
    with opened_window(SAMPLE, (1600, 1000)) as win:
        view = win.targets_view
        qtbot.waitUntil(lambda: view.model().rowCount() > 0)
        for col in (4, 1, 2, 3):  # status (shown second), value, goal, year
            right = view.columnViewportPosition(col) + view.columnWidth(col)
            assert 0 <= view.columnViewportPosition(col) and right <= view.viewport().width(), col
        assert view.horizontalScrollBar().value() == 0
        assert view.columnWidth(0) >= 120  # the title keeps a readable width
        # the title column is elided; its whole text is the tooltip
        index = view.model().index(0, 0)
        assert view.model().data(index, Qt.ItemDataRole.ToolTipRole)


def test_the_opacity_slider_without_a_layer(fresh):
    assert not fresh.opacity.isEnabled() and fresh.opacity.value() == 100
    assert fresh.open_project(SAMPLE) and fresh.wait_loaded()
    index = fresh.model.index_of("districts") if hasattr(fresh.model, "index_of") else None
    if index is None:
        group = fresh.model.index(0, 0)
        index = fresh.model.index(0, 0, group)
    fresh.tree.setCurrentIndex(index)
    assert fresh.opacity.isEnabled()
    fresh.new_project()
    assert not fresh.opacity.isEnabled() and fresh.opacity.value() == 100


def test_attribute_table_beside_the_map_in_file_order(window, qtbot):
    from PySide6.QtCore import QRect

    table = window.tables["green_buildings"]
    dialog = window.open_attribute_table("green_buildings")
    try:
        qtbot.waitUntil(dialog.isVisible)
        qtbot.waitUntil(lambda: window.map.height() > 0)
        top_left = dialog.mapTo(window, QPoint(0, 0))
        mine = QRect(top_left, dialog.size())
        the_map = QRect(window.map.mapTo(window, QPoint(0, 0)), window.map.size())
        assert not mine.intersects(the_map), (mine, the_map)
        # rows in the file's order and no sort arrow until a header is clicked
        header = dialog.view.horizontalHeader()
        assert header.sortIndicatorSection() == -1
        names = [
            dialog.model.data(dialog.model.index(r, dialog.model.columns.index("name"))) for r in range(5)
        ]
        assert names == [str(v) for v in table.fields["name"][:5]]
        floor = dialog.model.columns.index("floor_area")
        qtbot.mouseClick(
            header.viewport(),
            Qt.MouseButton.LeftButton,
            pos=QPoint(header.sectionViewportPosition(floor) + 5, 5),
        )
        assert header.sortIndicatorSection() == floor
        first = float(dialog.model.data(dialog.model.index(0, floor)))
        assert first == table.fields["floor_area"].min()
        # filtering keeps the sort the arrow shows
        dialog.field.setCurrentIndex(dialog.field.findData("category"))
        dialog.value.setText("conventional")
        conventional = table.fields["floor_area"][table.fields["category"] == "conventional"]
        assert float(dialog.model.data(dialog.model.index(0, floor))) == conventional.min()
    finally:
        dialog.close()
    qtbot.waitUntil(lambda: dialog not in window.attribute_tables)  # its panel went too


def test_one_compare_dialog_names_both_sides(window, qtbot):
    window.apply_theme("水系 Water system")
    dialog = window.compare_dialog()
    try:
        labels = [dialog.layout().itemAt(i, dialog.layout().ItemRole.LabelRole) for i in range(2)]
        assert [w.widget().text() for w in labels] == ["分隔线左侧", "分隔线右侧"]
        # the map's theme on the left, the project's plan on the right
        assert dialog.sides() == ("水系 Water system", "水系 2025 规划 Water plan 2025")
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        dialog.right.setCurrentText("水系 Water system")
        assert not ok.isEnabled() and dialog.problem.text() == "请选择两个不同的专题"
        dialog.right.setCurrentText("绿色交通 Green transport")
        assert ok.isEnabled() and dialog.problem.text() == ""
    finally:
        dialog.reject()


def test_compare_frames_what_differs(window):
    """Started zoomed in on the north, far from the coast: the plan changes only the
    shoreline, so the comparison frames the shoreline of both sides."""
    window.apply_theme("水系 Water system")
    assert window.map.evaluate("ecoviewer.setView(39.20, 117.73, 16)")
    assert window.map.settle()
    window.compare_themes("水系 Water system", "水系 2025 规划 Water plan 2025")
    assert window.map.settle()
    w, s, e, n = window.map.evaluate("ecoviewer.state()")["bounds"]
    for layer_id in ("shoreline", "shoreline_2025"):
        bw, bs, be, bn = window.tables[layer_id].bounds
        assert w <= bw and s <= bs and e >= be and n >= bn, layer_id
    window.end_compare()


def test_the_measured_result_is_labelled_on_the_map(window, qtbot):
    window.measure_distance.trigger()
    window.measure_click(117.72, 39.10)
    text = window.measure_click(117.75, 39.12)
    assert window.map.settle()
    labels = window.map.evaluate(
        "Array.from(document.querySelectorAll('.ev-measure-label')).map(e => e.textContent)"
    )
    assert labels == [text]
    window.clear_target()
    assert window.map.settle()
    assert window.map.evaluate("document.querySelectorAll('.ev-measure-label').length") == 0


def test_exports_default_to_the_last_folder_not_the_sample_folder(window, tmp_path):
    from PySide6.QtCore import QSettings

    QSettings().remove("export/folder")
    dialog = window.export_dialog()
    try:
        first = Path(dialog.output.text())
        assert first.parent != SAMPLE.parent  # (the app's own folder when installed)
        assert first.name == "ecocity.png"
        dialog.pixels_radio.setChecked(True)
        dialog.width_spin.setValue(320)
        dialog.height_spin.setValue(240)
        target = tmp_path / "reports" / "x.png"
        target.parent.mkdir()
        assert dialog.export_to(target) is not None
    finally:
        dialog.reject()
    again = window.export_dialog()
    try:
        assert Path(again.output.text()).parent == tmp_path / "reports"
    finally:
        again.reject()
        QSettings().remove("export/folder")


def test_a_long_title_shrinks_to_fit_a_narrow_page(qapp, sample_tables, tmp_path):
    """An 800-px page cut the sample's bilingual name ("… Eco-City (sa…"); the title now
    shrinks to fit, in the export and in its preview (the same painter)."""
    import shutil
    import subprocess

    from ecoviewer.render.layout_paint import fit_title
    from ecoviewer.render.snapshot import ExportOptions, export_page

    project, tables = sample_tables
    text, px = fit_title(project.name, 760, 26.7)
    assert text == project.name and px < 26.7
    short, px = fit_title("水系", 760, 26.7)
    assert short == "水系" and px == 26.7
    cut, px = fit_title("很长" * 80, 760, 26.7)
    assert cut.endswith("…") and px == pytest.approx(26.7 * 0.6)
    assert shutil.which("pdftotext"), "poppler-utils is missing (.ci/setup installs it)"
    info = export_page(project, tables, tmp_path / "narrow.pdf", ExportOptions(size=(800, 600)))
    text = subprocess.run(
        ["pdftotext", "-layout", str(info.path), "-"], capture_output=True, text=True
    ).stdout
    assert project.name in text


def test_a_center_and_zoom_view_is_kept_when_the_map_did_not_move(qapp, tmp_path, qtbot):
    import shutil

    shutil.copytree(SAMPLE.parent, tmp_path / "layers", ignore=shutil.ignore_patterns("*.py"))
    path = tmp_path / "layers" / SAMPLE.name
    text = path.read_text(encoding="utf-8").replace(  # the view's bounds (the first)
        "bounds = [117.705, 39.076, 117.845, 39.212]\n",
        "center = [117.77, 39.14]\nzoom = 12\n",
        1,
    )
    assert "zoom = 12" in text
    path.write_text(text, encoding="utf-8")
    with opened_window(path, (1200, 800)) as win:
        assert win.map.evaluate("ecoviewer.setView(39.14, 117.77, 12)")  # as it opened
        qtbot.waitUntil(lambda: "bounds" in win.view_state)
        assert win.save()
        assert path.read_text(encoding="utf-8") == text


def test_the_page_uses_the_one_status_palette(window):
    from PySide6.QtGui import QColor

    from ecoviewer.targets import STATUS_COLORS

    assert window.map.settle()
    got = window.map.evaluate("""['ev-met', 'ev-missed'].map(function (k) {
        var e = document.querySelector('.ev-callout.' + k);
        return e ? getComputedStyle(e).borderLeftColor : null; })""")
    for css, status in zip(got, ("met", "missed"), strict=True):
        assert css is not None, status
        c = QColor(STATUS_COLORS[status])
        assert css == f"rgb({c.red()}, {c.green()}, {c.blue()})", (status, css)
