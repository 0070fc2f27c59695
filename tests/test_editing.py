"""Issue 15, done when: a planner builds, from an empty window and the sample's data files
alone, the green-building style and the shoreline and PM2.5 targets through the UI, saves,
reopens — and the map and ``ecoviewer targets --json`` match the bundled sample's for those;
undo walks all of it back; a .qml round-trips through QGIS's XML shape."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from ecoviewer.project import load_project
from ecoviewer.qml import parse_qml
from tests.conftest import SAMPLE, opened_window

DATA = Path(__file__).parent / "data"
SAMPLE_DATA = SAMPLE.parent / "data"
GB_COLOURS = {  # the bundled sample's green-building classes: colour and Chinese legend
    "passive": ("#d95f02", "被动式"),
    "prefabricated": ("#e7298a", "装配式"),
    "zero_energy": ("#fdae61", "零能耗"),
    "certified": ("#f46d43", "绿色认证"),
    "conventional": ("#636363", "常规建筑"),
}
GB_TOOLTIP = ["name", "category", "stars", "floors", "floor_area", "year", "district"]


@pytest.fixture
def empty_window(qapp):
    from ecoviewer.app.main_window import MainWindow

    win = MainWindow(lang="zh")
    win.resize(1200, 800)
    win.show()
    assert win.new_project("新项目")
    yield win
    win.dirty = False
    win.target_editor.shutdown()
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _copy_data(folder: Path) -> Path:
    data = folder / "data"
    data.mkdir(parents=True)
    for name in ("green_buildings.gpkg", "shoreline.fgb", "air_stations.csv"):
        shutil.copy(SAMPLE_DATA / name, data / name)
    return data


def _style_green_buildings(win) -> None:
    """Through the styling panel, as a planner clicks and types."""
    win.show_styling("green_buildings")
    panel = win.style_panel
    assert panel.layer_id == "green_buildings"
    panel.kind.setCurrentIndex(panel.kind.findData("categorized"))
    panel.field.setCurrentText("category")
    values = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]
    assert sorted(values) == sorted(GB_COLOURS)  # the classify: the field's values
    counts = {
        panel.table.item(r, 0).text(): panel.table.item(r, 2).text() for r in range(panel.table.rowCount())
    }
    assert sum(int(c.replace(",", "")) for c in counts.values()) == len(win.tables["green_buildings"])
    # the legend in the sample's order, by moving rows
    for want_row, value in enumerate(GB_COLOURS):
        row = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())].index(value)
        panel.table.setCurrentCell(row, 1)
        while row > want_row:
            panel.move_class(-1)
            row -= 1
    for r in range(panel.table.rowCount()):
        colour, label = GB_COLOURS[panel.table.item(r, 0).text()]
        panel.table.item(r, 3).setText(colour)
        panel.table.item(r, 1).setText(label)
    panel.fill_opacity.setValue(0.9)
    panel.weight.setValue(0.5)
    panel.stroke_color.setText("#5a3d2b")
    # tooltip: the sample's fields, in its order
    tips = panel.tooltip_list
    for i in range(tips.count()):
        tips.item(i).setCheckState(
            Qt.CheckState.Checked if tips.item(i).text() in GB_TOOLTIP else Qt.CheckState.Unchecked
        )
    for want, name in enumerate(GB_TOOLTIP):
        row = [tips.item(i).text() for i in range(tips.count())].index(name)
        tips.setCurrentRow(row)
        for _ in range(row - want):
            panel._move_tip(-1)
    assert panel.problem.text() == ""


def _target(win, **form) -> None:
    """Through the target editor: New, fill the form, Save."""
    win.show_target_editor()
    ed = win.target_editor
    ed.new_button.click()
    w = ed.widgets
    w["id"].setText(form["id"])
    w["title_zh"].setText(form["zh"])
    w["title_en"].setText(form["en"])
    w["metric"].setCurrentIndex(w["metric"].findData(form["metric"]))
    w["layer"].setCurrentIndex(w["layer"].findData(form["layer"]))
    if "field" in form:
        w["field"].setCurrentIndex(w["field"].findData(form["field"]))
    if "where" in form:
        field, values = form["where"]
        w["where"].choose(field, values)
    w["op"].setCurrentIndex(w["op"].findData(form["op"]))
    w["target"].setText(str(form["target"]))
    w["unit"].setText(form["unit"])
    w["year"].setText(str(form["year"]))
    w["source"].setText(form["source"])
    w["verified"].setChecked(True)
    ed.refresh_pickers()  # layers finishing loading meanwhile: what was typed stays
    assert w["id"].text() == form["id"] and w["target"].text() == str(form["target"])
    assert ed.wait()
    said = {k: label.text() for k, (_l, _c, label) in ed.rows.items() if label.text()}
    assert ed.save_button.isEnabled(), (ed.general.text(), said, ed.raw())
    assert ed.save()


def _map_of(path: Path, out: Path) -> np.ndarray:
    """The green buildings alone (no basemap, no callouts, no legend), zoomed in on the
    start-up area."""
    from PySide6.QtGui import QImage

    from ecoviewer.render.snapshot import export_png
    from ecoviewer.sources import read_project_layers

    project = load_project(path)
    tables, _ = read_project_layers(project)
    project.show_basemap(None)
    project.view = {"bounds": [117.735, 39.105, 117.765, 39.125]}  # close in: the fills show
    export_png(
        project, tables, out, size=(700, 560), layer_ids=["green_buildings"], targets=[], map_only=True
    )
    image = QImage(str(out)).convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    arr = rows.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 3]
    return arr.reshape(image.height(), image.width(), 3).copy()


def _targets_json(path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "ecoviewer", "targets", "--json", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return {t["id"]: t for t in json.loads(out.stdout)}


def test_a_planner_builds_the_sample_from_its_files_saves_reopens_and_undoes(empty_window, tmp_path):
    win = empty_window
    data = _copy_data(tmp_path)
    added = win.add_layer_files(
        [str(data / "green_buildings.gpkg"), str(data / "shoreline.fgb"), str(data / "air_stations.csv")]
    )
    assert added == 4  # the GeoPackage has two layers: the buildings and the eco-cells
    assert [s.id for s in win.project.layers] == ["green_buildings", "eco_cells", "shoreline", "air_stations"]
    # first styles from the data, and the measure CRS from where the data lies
    assert win.project.layer("shoreline").style["kind"] == "categorized"
    assert win.project.layer("air_stations").style["kind"] == "graduated"
    assert win.project.measure_crs == "EPSG:4548"
    assert any("EPSG:4548" in win.messages.item(i).text() for i in range(win.messages.count()))

    _style_green_buildings(win)
    _target(win, id="shoreline_retention", zh="生态岸线保有率", en="Ecological shoreline retention",
            metric="length_share", layer="shoreline", where=("type", ["ecological"]), op=">=", target=100,
            unit="%", year=2025, source="indicator system 2.0")  # fmt: skip
    _target(win, id="pm25", zh="PM2.5年均浓度", en="PM2.5 annual mean", metric="mean", layer="air_stations",
            field="pm25_2025", op="<", target=43, unit="µg/m³", year=2025, source="mission text")  # fmt: skip
    steps = win.undo_stack.count()
    assert steps >= 10 and win.dirty

    saved = tmp_path / "built.toml"
    assert win.save_to(saved)
    assert not win.dirty and win.undo_stack.isClean()
    text = saved.read_text(encoding="utf-8")
    assert 'path = "data/green_buildings.gpkg"' in text  # relative: the folder can be sent whole

    # the project reads back with the sample's style and targets
    built, sample = load_project(saved), load_project(SAMPLE)
    gb, sgb = built.layer("green_buildings").style, sample.layer("green_buildings").style
    for key in ("kind", "field", "stroke", "weight", "fill_opacity", "tooltip"):
        assert gb[key] == sgb[key], key
    assert list(gb["categories"]) == list(sgb["categories"])
    assert {k: v["color"] for k, v in gb["categories"].items()} == {
        k: v["color"] for k, v in sgb["categories"].items()
    }
    ours, theirs = _targets_json(saved), _targets_json(SAMPLE)
    for tid in ("shoreline_retention", "pm25"):
        for key in ("metric", "value", "unit", "op", "target", "year", "status", "title"):
            assert ours[tid][key] == theirs[tid][key], (tid, key)

    # the map: the reopened project's green buildings, pixel for pixel the sample's — both
    # drawn by the exporter (which waits for the frame) at the sample's view
    a, b = _map_of(saved, tmp_path / "built.png"), _map_of(SAMPLE, tmp_path / "sample.png")
    assert a.shape == b.shape
    differ = np.abs(a.astype(int) - b.astype(int)).max(axis=2) > 8
    assert differ.mean() < 0.002, differ.mean()
    # passive buildings drawn in the sample's #d95f02 at fill opacity 0.9 over the ground
    ground = a[5, 5].astype(float)
    passive = 0.9 * np.array([217, 95, 2]) + 0.1 * ground
    assert (np.abs(a.astype(float) - passive).sum(axis=2) < 30).sum() > 200
    # and the reopened project shows in a window
    with opened_window(saved) as again:
        assert [s.id for s in again.project.layers] == [
            "green_buildings",
            "eco_cells",
            "shoreline",
            "air_stations",
        ]
        assert (
            again.project.layer("green_buildings").style == load_project(saved).layer("green_buildings").style
        )

    # undo walks every step back to the empty project; redo brings it all again
    while win.undo_stack.canUndo():
        win.undo_stack.undo()
    assert win.project.layers == [] and win.project.targets == [] and win.tables == {}
    assert win.dirty
    while win.undo_stack.canRedo():
        win.undo_stack.redo()
    assert not win.dirty  # back at the saved state: clean again
    assert [s.id for s in win.project.layers] == ["green_buildings", "eco_cells", "shoreline", "air_stations"]
    assert win.project.layer("green_buildings").style == gb
    assert {r.id: r.status for r in win.results} == {"shoreline_retention": "missed", "pm25": "met"}


def test_a_bad_colour_is_said_next_to_the_field_and_not_drawn(window):
    window.show_styling("districts")
    panel = window.style_panel
    before = window.project.layer("districts").style
    steps = window.undo_stack.count()
    panel.table.item(0, 3).setText("#12345")
    assert panel.problem.text() == "category '起步区'：“#12345”不是颜色（请用 #rrggbb、rgb(…) 或颜色名）"
    assert window.project.layer("districts").style == before  # the map keeps the last good style
    assert window.undo_stack.count() == steps
    panel.table.item(0, 3).setText("#123456")
    assert panel.problem.text() == ""
    assert window.project.layer("districts").style["categories"]["起步区"]["color"] == "#123456"
    window.undo_stack.undo()
    assert window.project.layer("districts").style == before
    panel.project_changed()
    assert panel.table.item(0, 3).text() == "#f2e6c9"


def test_breaks_out_of_order_are_refused_in_words(window):
    window.show_styling("air_stations")
    panel = window.style_panel
    assert panel.kind.currentData() == "graduated"
    panel.table.item(0, 0).setText("50")  # above the next class's 43
    assert panel.problem.text() == "各级的上限须递增"
    panel.table.item(0, 0).setText("35")
    assert panel.problem.text() == ""


def test_graduated_natural_breaks_through_the_panel(window):
    window.show_styling("districts")
    panel = window.style_panel
    panel.kind.setCurrentIndex(panel.kind.findData("graduated"))
    panel.field.setCurrentText("population")
    panel.classes.setValue(2)
    panel.method.setCurrentIndex(panel.method.findData("natural_breaks"))
    style = window.project.layer("districts").style
    assert style["kind"] == "graduated" and style["method"] == "natural_breaks"
    pops = sorted(float(v) for v in window.tables["districts"].fields["population"])
    assert [c["max"] for c in style["classes"]][-1] == pops[-1]
    assert panel.histogram.counts and sum(panel.histogram.counts) == len(pops)
    while window.undo_stack.canUndo() and window.project.layer("districts").style["kind"] != "categorized":
        window.undo_stack.undo()
    assert window.project.layer("districts").style == load_project(SAMPLE).layer("districts").style


def test_target_editor_shows_only_the_metrics_inputs_and_says_problems_in_place(window):
    window.show_target_editor("pm25")
    ed = window.target_editor
    assert ed.wait()
    assert ed.result.text().startswith("40.3 µg/m³")
    rows = ed.shown_rows()
    assert "field" in rows and "where" in rows and "distance" not in rows and "zones" not in rows
    ed.widgets["metric"].setCurrentIndex(ed.widgets["metric"].findData("coverage"))
    assert {"of", "distance", "of_where"} <= set(ed.shown_rows())
    ed.widgets["metric"].setCurrentIndex(ed.widgets["metric"].findData("mean"))
    ed.widgets["target"].setText("四十三")
    problem = ed.rows["target"][2]
    assert problem.text() == "目标值须为数字" and not problem.isHidden()
    assert not ed.save_button.isEnabled()
    ed.widgets["year"].setText("2025年")
    ed.widgets["target"].setText("40")
    assert ed.rows["year"][2].text() == "年份须为四位年份，例如 2035"
    ed.widgets["year"].setText("2025")
    assert ed.wait()
    assert "40.3 µg/m³" in ed.result.text() and "< 40" in ed.result.text()
    # a live value is never overwritten by an older one: many edits, the last one shown
    for v in ("41", "42", "39", "44"):
        ed.widgets["target"].setText(v)
    assert ed.wait() and "< 44" in ed.result.text()
    ed.load("pm25")  # revert: nothing was saved
    assert window.project.target("pm25")["target"] == 43


def test_join_dialog_counts_then_joins_into_styles_and_targets(window, tmp_path):
    csv = tmp_path / "stats.csv"
    csv.write_bytes(
        "片区,绿地率,备注\n起步区,41.5,甲\n中部片区,38,乙\n中部片区,39,重复\n南部片区,30,丙\n".encode("gbk")
    )
    dialog = window.join_dialog("districts")
    dialog.set_file(str(csv))
    dialog.key.setCurrentIndex(dialog.key.findData("name"))
    dialog.table_key.setCurrentIndex(dialog.table_key.findData("片区"))
    assert dialog.summary.text() == "4 个要素中 2 个找到对应行；1 个表格关键值没有对应要素；1 个重复关键值"
    assert (
        dialog.problem.text()
        == "stats.csv：“片区”中有 1 个重复关键值（'中部片区' ×2）；每个关键值取第一行连接"
    )
    steps = window.undo_stack.index()
    dialog.join()
    assert window.project.joins[-1]["table_key"] == "片区"
    table = window.tables["districts"]
    assert (
        "绿地率" in table.joined
        and table.fields["绿地率"][list(table.fields["name"]).index("起步区")] == 41.5
    )
    assert window.undo_stack.index() == steps + 1
    # the joined field in the panel's field list and in a target
    window.show_styling("districts")
    assert window.style_panel.field.findText("绿地率") >= 0
    window.show_target_editor()
    ed = window.target_editor
    ed.new_button.click()
    ed.widgets["layer"].setCurrentIndex(ed.widgets["layer"].findData("districts"))
    ed.widgets["field"].setCurrentIndex(ed.widgets["field"].findData("绿地率"))
    ed.widgets["target"].setText("40")
    assert ed.wait()
    assert ed.result.text().startswith("39.8")  # (41.5 + 38) / 2, the first row of each key
    window.undo_stack.undo()
    assert window.project.joins == [] and "绿地率" not in window.tables["districts"].fields


def test_qml_import_then_export_through_the_window(window, tmp_path):
    before = window.project.layer("green_buildings").style
    left = window.import_style("green_buildings", DATA / "green_buildings.qml")
    assert left == []
    style = window.project.layer("green_buildings").style
    assert style["label"] == "name" and style["categories"] == before["categories"]  # zh/en labels kept
    out = tmp_path / "out.qml"
    left = window.export_style("green_buildings", out)
    assert left == ["tooltip fields are not part of a QGIS style (QGIS's map tip is an HTML template)"]
    again = parse_qml(out.read_bytes()).style
    assert again["field"] == "category" and again["label"] == "name"
    assert {k: v["color"] for k, v in again["categories"].items()} == {
        k: v["color"] for k, v in before["categories"].items()
    }
    window.undo_stack.undo()
    assert window.project.layer("green_buildings").style == before
    bad = tmp_path / "rules.qml"
    bad.write_text("<qgis version='3.34'><renderer-v2 type='RuleRenderer'/></qgis>", encoding="utf-8")
    assert window.import_style("green_buildings", bad) == []
    last = window.messages.item(window.messages.count() - 1).text()
    assert last == "rules.qml：使用 QGIS 的 rule-based 渲染器；EcoViewer 只导入单一符号、分类和分级渲染器"


def test_layer_order_notes_and_themes_are_undone_too(window):
    ids = [s.id for s in window.project.layers]
    window.tree.setCurrentIndex(window.model.index_of("transit"))
    window.move_current_layer(-1)
    moved = [s.id for s in window.project.layers]
    assert moved != ids and moved.index("transit") == ids.index("transit") - 1
    assert window.map.evaluate(
        "ecoviewer.state().visible.indexOf('transit') < ecoviewer.state().visible.indexOf('green_buildings')"
    )
    window.edit("note", lambda: window.project.add_note(117.75, 39.12, "看这里"))
    window.edit("theme", lambda: window.project.capture_theme("试验"))
    window.undo_stack.undo()
    assert all(t["name"] != "试验" for t in window.project.themes)
    window.undo_stack.undo()
    assert all(n["text"] != "看这里" for n in window.project.annotations)
    window.undo_stack.undo()
    assert [s.id for s in window.project.layers] == ids
    window.undo_stack.redo()
    assert [s.id for s in window.project.layers] == moved
    window.undo_stack.undo()


def test_save_as_elsewhere_then_undo_keeps_the_files_found(qapp, tmp_path):
    folder = tmp_path / "one"
    data = _copy_data(folder)
    (data / "stats.csv").write_text("category,分数\npassive,1\ncertified,2\n", encoding="utf-8")
    from ecoviewer.app.main_window import MainWindow

    win = MainWindow(lang="zh")
    win.resize(1000, 700)
    win.show()
    try:
        assert win.new_project("p")
        win.add_layer_files([str(data / "green_buildings.gpkg")])
        join = {"layer": "green_buildings", "path": str(data / "stats.csv"), "key": "category"}
        win.add_join({**join, "table_key": "category"})
        assert win.save_to(folder / "p.toml")
        assert load_project(folder / "p.toml").joins[0]["path"] == "data/stats.csv"  # inside: relative
        other = tmp_path / "two" / "deeper"
        other.mkdir(parents=True)
        assert win.save_to(other / "p.toml")  # Save As into another folder
        assert load_project(other / "p.toml").joins[0]["path"] == "../../one/data/stats.csv"
        win.undo_stack.undo()  # the join
        win.undo_stack.redo()
        assert "分数" in win.tables["green_buildings"].fields  # the table found from the new folder
        assert win.project.layer("green_buildings").source.is_file()
        assert win.save()
        again = load_project(other / "p.toml")
        assert again.layer("green_buildings").source.resolve() == (data / "green_buildings.gpkg").resolve()
    finally:
        win.dirty = False
        win.target_editor.shutdown()
        win.close()


def test_a_geojson_with_list_cells_gets_a_first_style(empty_window, tmp_path):
    path = tmp_path / "odd.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "features": ['
        '{"type": "Feature", "properties": {"tags": ["a", "b"], "k": "x"}, "geometry": {"type": "Point", "coordinates": [117.7, 39.1]}},'
        '{"type": "Feature", "properties": {"tags": ["a", "b"], "k": "x"}, "geometry": {"type": "Point", "coordinates": [117.8, 39.1]}}]}',
        encoding="utf-8",
    )
    assert empty_window.add_layer_files([str(path)]) == 1
    assert empty_window.project.layers[0].style["kind"] in ("categorized", "single")
    assert empty_window.undo_stack.canUndo()


def test_the_measure_crs_drives_the_status_bar_and_undo(window):
    window.set_measure_crs("EPSG:4549")
    x, _y = window._to_metric.transform(117.75, 39.13)
    assert window.project.measure_crs == "EPSG:4549" and x < 350_000  # 117.75°E is 2.25° west of CM 120°E
    window.undo_stack.undo()
    x, _y = window._to_metric.transform(117.75, 39.13)
    assert window.project.measure_crs == "EPSG:4548" and 500_000 < x < 600_000
    assert window.set_measure_crs(
        "EPSG:4326"
    ) == "EPSG:4326 is not metric (lengths and areas need metres)" or "不是米制" in window.set_measure_crs(
        "EPSG:4326"
    )
