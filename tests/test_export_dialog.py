"""File → Export… (pytest-qt, offscreen): the controls make the right ExportOptions and
Selection, the preview follows them without loading a page, one file or every scene is
written at the chosen size and dpi, and a bad page is one red line, not a file."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence


@pytest.fixture
def dialog(window):
    dlg = window.export_dialog()
    yield dlg
    dlg.reject()


def set_pixels(dlg, width, height, dpi=96):
    dlg.pixels_radio.setChecked(True)
    dlg.width_spin.setValue(width)
    dlg.height_spin.setValue(height)
    dlg.dpi.setValue(dpi)


def last_message(win):
    return win.messages.item(win.messages.count() - 1).text()


def test_options_map_the_controls(window, dialog):
    assert dialog.windowTitle() == "导出" and dialog.export_button.text() == "导出(&E)"
    assert dialog.export_button.isDefault()  # Enter = Export
    suffix, options, sel = dialog.options()
    assert suffix == ".png" and options.paper is None and options.dpi == 96
    assert options.size == (window.map.width(), window.map.height())
    assert options.title == window.project.name and options.lang == "zh"
    assert sel.subtitle == "" and sel.bounds == window.view_state["bounds"]
    dialog.format.setCurrentIndex(dialog.format.findData(".pdf"))
    dialog.paper_radio.setChecked(True)
    dialog.paper.setCurrentIndex(dialog.paper.findData("A3"))
    dialog.orientation.setCurrentIndex(dialog.orientation.findData(True))
    assert dialog.dpi.value() == 300  # paper starts at print resolution
    dialog.title.setText("  会议材料  ")
    dialog.map_only.setChecked(True)
    suffix, options, _ = dialog.options()
    assert suffix == ".pdf" and dialog.output.text().endswith(".pdf")
    assert (options.paper, options.landscape, options.dpi) == ("A3", True, 300)
    assert options.page() == (4961, 3508, 300)
    assert options.title == "会议材料" and options.map_only
    dialog.orientation.setCurrentIndex(dialog.orientation.findData(False))
    assert dialog.options()[1].page() == (3508, 4961, 300)
    dialog.pixels_radio.setChecked(True)  # back to pixels: its own dpi again
    assert dialog.dpi.value() == 96 and dialog.options()[1].paper is None


def test_preview_follows_the_options_without_a_web_page(qapp, dialog, qtbot):
    from ecoviewer.render.map_view import MapView

    views = len([w for w in qapp.allWidgets() if isinstance(w, MapView)])
    set_pixels(dialog, 1600, 1000)
    qtbot.waitUntil(
        lambda: (
            dialog.preview_image is not None and dialog.preview_image.width() > dialog.preview_image.height()
        )
    )
    wide = dialog.preview.pixmap().toImage()
    assert wide.width() / wide.height() == pytest.approx(1.6, abs=0.02)
    dialog.paper_radio.setChecked(True)
    dialog.paper.setCurrentIndex(dialog.paper.findData("A4"))
    dialog.orientation.setCurrentIndex(dialog.orientation.findData(False))
    qtbot.waitUntil(lambda: dialog.preview_image.height() > dialog.preview_image.width())
    tall = dialog.preview.pixmap().toImage()
    assert tall.height() / tall.width() == pytest.approx(297 / 210, abs=0.02)
    assert dialog.error_text() == ""
    # the thumbnail is painted from the window's pixels: no offscreen map view was made
    assert len([w for w in qapp.allWidgets() if isinstance(w, MapView)]) == views


def test_preview_of_a_plan_theme_shows_the_plan_targets(window, dialog):
    def retention():
        rows = dialog.preview_content.targets
        return next(r.value for r in rows if r.title.startswith("生态岸线保有率"))

    set_pixels(dialog, 1600, 1000)
    dialog.refresh_preview()
    assert retention() == "85.7%"  # today's shoreline, as the window evaluated it
    plan = next(t["name"] for t in window.project.themes if t.get("data"))
    dialog.theme_radio.setChecked(True)
    dialog.themes.setCurrentIndex(dialog.themes.findData(plan))
    dialog.refresh_preview()
    assert dialog.preview_content.subtitle == plan
    assert retention() == "100.0%"  # the plan layer stands in for the shoreline
    assert window.project.substitute == {}  # the open project is untouched


def test_export_png_at_the_chosen_size_and_dpi(window, dialog, tmp_path):
    set_pixels(dialog, 640, 400, dpi=120)
    info = dialog.export_to(tmp_path / "x.png")
    assert info is not None and info.path == tmp_path / "x.png"
    image = QImage(str(info.path))
    assert (image.width(), image.height()) == (640, 400)
    assert image.dotsPerMeterX() == pytest.approx(120 / 0.0254, abs=1)
    assert dialog.error_text() == ""
    assert last_message(window).startswith(f"已导出 {info.path}（640×400 像素，")


def test_scene_selection_is_the_subtitle_of_the_page(window, dialog, tmp_path):
    from pypdf import PdfReader

    title = "水系：河湖湾海 Water system"
    dialog.scene_radio.setChecked(True)
    dialog.scenes.setCurrentIndex(dialog.scenes.findText(title))
    _, _, sel = dialog.options()
    assert sel.subtitle == title
    scene = next(s for s in window.project.scenes if s["title"] == title)
    assert sel.bounds == window.project.bookmark(scene["bookmark"])["bounds"]
    theme = window.project.theme(scene["theme"])
    assert {s.id for s in sel.project.layers if s.visible} == {
        k for k, v in theme["layers"].items() if v.get("visible", True)
    }
    assert dialog.output.text().endswith("02-水系-河湖湾海-Water-system.png")
    dialog.format.setCurrentIndex(dialog.format.findData(".pdf"))
    dialog.paper_radio.setChecked(True)
    dialog.dpi.setValue(72)
    info = dialog.export_to(tmp_path / "scene.pdf")
    assert info is not None
    text = PdfReader(str(info.path)).pages[0].extract_text()
    assert "河湖湾海" in text and "Water system" in text


def test_export_all_writes_one_file_per_scene(window, dialog, tmp_path):
    from ecoviewer.export.layout import scene_slug

    set_pixels(dialog, 480, 320)
    infos = dialog.export_all(tmp_path)
    scenes = window.project.scenes
    assert len(scenes) == 5 and len(infos) == 5
    expected = sorted(f"{scene_slug(i, s['title'])}.png" for i, s in enumerate(scenes, 1))
    assert sorted(p.name for p in tmp_path.iterdir()) == expected
    for info in infos:
        image = QImage(str(info.path))
        assert (image.width(), image.height()) == (480, 320)
    assert last_message(window).startswith(f"已将 5 个场景导出到 {tmp_path}")


def test_cancelling_export_all_stops_before_the_next_scene(window, dialog, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QProgressDialog

    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    set_pixels(dialog, 480, 320)
    assert dialog.export_all(tmp_path) == []
    assert list(tmp_path.iterdir()) == []
    assert last_message(window) == f"导出已取消：5 个场景中已有 0 个写入 {tmp_path}"


def test_a_bad_page_is_one_red_line_and_no_file(window, dialog, qtbot, tmp_path):
    set_pixels(dialog, 400, 300, dpi=480)
    qtbot.waitUntil(lambda: dialog.error_text() != "")  # the preview says so at once
    assert dialog.preview_image is None
    messages = window.messages.count()
    out = tmp_path / "bad.png"
    assert dialog.export_to(out) is None
    assert not out.exists() and list(tmp_path.iterdir()) == []
    error = dialog.error_text()
    assert "400×300" in error and "480 dpi" in error and "\n" not in error
    assert error.endswith("400×300 像素、480 dpi 的页面放不下版式（请选择仅地图、更大的尺寸或更低的分辨率）")
    assert dialog.error.text()  # shown (elided to the width of the dialog)
    assert window.messages.count() == messages  # nothing reported as exported
    dialog.dpi.setValue(96)
    assert dialog.export_to(tmp_path / "missing" / "x.png") is None
    assert dialog.error_text() == f"{tmp_path / 'missing' / 'x.png'}：文件夹 {tmp_path / 'missing'} 不存在"
    dialog.refresh_preview()
    assert dialog.error_text() == "" and dialog.preview_image is not None


def test_menu_keys_open_the_dialog(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    keys = dict(window.shortcuts())
    assert keys["Ctrl+E"] == "导出…" and keys["Ctrl+Shift+E"] == "导出全部场景…"
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: asked.append(a) or "")
    )
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.export_window is not None and window.export_window.isVisible())
    assert not asked
    qtbot.keyClick(window.export_window, Qt.Key.Key_Escape)
    assert not window.export_window.isVisible()
    export_all = next(
        a
        for a in window.menuBar().actions()[0].menu().actions()
        if a.shortcut() == QKeySequence("Ctrl+Shift+E")
    )
    export_all.trigger()
    qtbot.waitUntil(lambda: len(asked) == 1)  # straight on to the folder; cancelled there
    assert window.export_window.isVisible()
    window.export_window.reject()


def test_enter_exports_and_closes(window, dialog, qtbot, tmp_path):
    set_pixels(dialog, 320, 240)
    dialog.map_only.setChecked(True)
    dialog.output.setText(str(tmp_path / "enter"))  # the extension follows the format
    dialog.title.setFocus()
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted
    assert QImage(str(tmp_path / "enter.png")).size().toTuple() == (320, 240)


def test_the_dialog_speaks_the_window_language(window):
    window.set_language("en")
    try:
        dlg = window.export_dialog()
        assert dlg.windowTitle() == "Export" and dlg.export_button.text() == "&Export"
        assert dlg.format.itemText(0) == "PNG image"
        assert dict(window.shortcuts())["Ctrl+Shift+E"] == "Export all scenes…"
        dlg.reject()
    finally:
        window.set_language("zh")
        assert window.map.settle()
    dlg = window.export_dialog()
    assert dlg.windowTitle() == "导出" and dlg.format.itemText(0) == "PNG 图片"
    dlg.reject()


def test_cancel_counts_the_files_already_written(window, dialog, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QProgressDialog

    calls = []
    monkeypatch.setattr(
        QProgressDialog, "wasCanceled", lambda self: calls.append(1) or len(calls) >= 2
    )  # Cancel at scene 2
    set_pixels(dialog, 320, 240)
    assert dialog.export_all(tmp_path) == []
    assert len(list(tmp_path.iterdir())) == 1
    assert last_message(window) == f"导出已取消：5 个场景中已有 1 个写入 {tmp_path}"


def test_a_busy_dialog_stays_until_its_export_ends(window, dialog):
    dialog.busy = True  # as while export_to runs its nested event loops
    try:
        dialog.reject()
        assert dialog.isVisible()
        assert window.export_dialog() is dialog  # Ctrl+E again: the same dialog, raised
    finally:
        dialog.busy = False
    dialog.reject()
    assert not dialog.isVisible()


def test_export_all_asks_before_replacing_files(window, dialog, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from ecoviewer.render.snapshot import batch_names

    from . import conftest

    names = batch_names(window.project, ".png")
    (tmp_path / names[1]).write_bytes(b"last week's map")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path)))
    set_pixels(dialog, 320, 240)
    conftest.ANSWERS.append(QMessageBox.StandardButton.No)
    dialog.choose_folder()
    assert (tmp_path / names[1]).read_bytes() == b"last week's map"
    assert [p.name for p in tmp_path.iterdir()] == [names[1]]
    conftest.ANSWERS.append(QMessageBox.StandardButton.Yes)
    dialog.choose_folder()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)
    assert QImage(str(tmp_path / names[1])).width() == 320


def test_the_footer_says_when_the_window_evaluated_the_targets(window, tmp_path):
    import datetime
    import shutil
    import subprocess

    assert shutil.which("pdftotext"), "poppler-utils is missing (.ci/setup installs it)"
    saved = window.evaluated_at
    # the targets evaluated at the meeting's start (the session says when)
    window.session.set_results(window.results, datetime.datetime(2026, 11, 20, 9, 30))
    try:
        dlg = window.export_dialog()
        dlg.format.setCurrentIndex(dlg.format.findData(".pdf"))
        set_pixels(dlg, 900, 600)
        info = dlg.export_to(tmp_path / "footer.pdf")
        dlg.reject()
    finally:
        window.session.set_results(window.results, saved)
    text = subprocess.run(
        ["pdftotext", str(info.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "指标计算于 2026-11-20 09:30" in text


def test_the_preview_of_a_scene_draws_that_scene(window, qtbot):
    """A scene's preview is that scene's map (its layers, its view), drawn small offscreen at
    the export's layout size — not the window's current picture."""
    import numpy as np

    from .test_export import as_array, has_colour

    window.apply_theme("总览 Overview")  # the window shows the green buildings …
    window.map.fit_all()
    assert window.project.layer("green_buildings").visible and window.map.settle()
    window.map.grab_drawn(0)
    dialog = window.export_dialog()
    set_pixels(dialog, 1600, 1000)
    dialog.scene_radio.setChecked(True)
    dialog.scenes.setCurrentIndex(dialog.scenes.findText("水系：河湖湾海 Water system"))
    qtbot.waitUntil(lambda: len(dialog.drawn_maps) == 1, timeout=30000)
    dialog.refresh_preview()
    picture, state = dialog.drawn_maps[0]
    arr = as_array(picture)
    style = window.project.layer("water_network").style["categories"]
    assert has_colour(arr, style["lake"]["color"], 40)  # … the scene's map has the lake
    buildings = window.project.layer("green_buildings").style["categories"]
    assert not any(
        has_colour(arr, buildings[k]["color"], 10) for k in ("passive", "prefabricated")
    )  # … and no buildings (not in the theme)
    bounds = window.project.bookmark("海岸 Coast")["bounds"]
    west, south, east, north = state["bounds"]
    assert (
        west <= bounds[0] + 0.01
        and south <= bounds[1] + 0.01
        and east >= bounds[2] - 0.01
        and north >= bounds[3] - 0.01
    )  # the scene's bookmark …
    assert state["bounds"] != window.view_state["bounds"]  # … not the window's view
    assert dialog.preview_content.subtitle == "水系：河湖湾海 Water system"
    assert np.asarray(arr.shape[:2]).min() > 50
    dialog.reject()
    assert not dialog.drawing_offscreen  # its offscreen view goes with the dialog


def test_a_closed_dialog_draws_no_more_previews(window, qapp):
    """A preview timer that fires after the dialog closed makes no offscreen view (each one
    would be a hidden browser page left behind)."""
    from ecoviewer.render.map_view import MapView

    views = len([w for w in qapp.allWidgets() if isinstance(w, MapView)])
    dlg = window.export_dialog()
    dlg.scene_radio.setChecked(True)  # a scene: its preview needs an offscreen view …
    dlg.reject()  # … but the dialog closes before the timer fires
    dlg.refresh_preview()
    assert dlg._renderer is None
    assert len([w for w in qapp.allWidgets() if isinstance(w, MapView)]) == views
