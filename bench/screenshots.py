"""Screenshots of the window on a real X server, for the README: the sample in Chinese and in
English, the map's right-click menu, compare (today | 2025 plan), presentation mode, the
styling panel, the target editor and the join dialog; a target's trend in the window (the
chart under the targets, the sparklines, the callout's arrow), in the report (A4 at 300 dpi,
the targets table cut out) and in the offline HTML (a callout clicked).

Run:  Xvfb :9 -screen 0 1600x1000x24 &
      DISPLAY=:9 QT_QPA_PLATFORM=xcb .venv/bin/python bench/screenshots.py resources/screenshots
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ecoviewer.render.qtenv import prepare_environment

prepare_environment(headless=False)

from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from ecoviewer import SAMPLE_PROJECT  # noqa: E402
from ecoviewer.app.main_window import MainWindow  # noqa: E402
from ecoviewer.render.qtenv import application  # noqa: E402


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def until(pred, seconds: float = 10) -> None:
    end = time.monotonic() + seconds
    while not pred() and time.monotonic() < end:
        wait(30)


def shot(app, out: Path, name: str) -> None:
    image = app.primaryScreen().grabWindow(0).toImage()
    image = image.scaledToWidth(1200, Qt.TransformationMode.SmoothTransformation)
    image.save(str(out / name), quality=85)
    print("wrote", out / name)


def main(out: Path) -> None:
    app = application()
    out.mkdir(parents=True, exist_ok=True)
    win = MainWindow(lang="zh")
    screen = win.screen().geometry()
    win.setGeometry(screen)
    win.show()
    assert win.open_project(SAMPLE_PROJECT) and win.wait_loaded() and win.map.settle()
    wait(500)
    shot(app, out, "window-zh.jpg")
    # targets over time: PM2.5 selected, its chart under the table
    win.targets_view.select_target("pm25")
    win.select_target("pm25")
    assert win.map.settle()
    wait(500)
    shot(app, out, "trend.jpg")
    win.clear_target()
    win.go_to_scene(0)
    assert win.map.settle()
    # the map's own right-click menu
    proxy = win.map.focusProxy() or win.map
    QTest.mouseClick(
        proxy,
        Qt.MouseButton.RightButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(win.map.width() // 2, win.map.height() // 2),
    )
    until(lambda: win.map_context is not None and win.map_context.isVisible())
    wait(300)
    shot(app, out, "context-menu.jpg")
    win.map_context.close()
    # today | the 2025 plan
    win.compare_themes("水系 Water system", "水系 2025 规划 Water plan 2025")
    assert win.map.settle()
    wait(300)
    shot(app, out, "compare.jpg")
    win.end_compare()
    # presentation (F5) on the water scene
    win.go_to_scene(1)
    win.enter_presentation()
    until(lambda: win.map.width() >= screen.width() - 2)
    assert win.map.settle()
    wait(500)
    shot(app, out, "presentation.jpg")
    win.leave_presentation()
    until(lambda: win.map.width() < screen.width() - 100)
    # making a map (issue 15): the styling panel on a graduated layer, the target editor, a join
    win.go_to_scene(0)
    win.show_styling("air_stations")
    panel = win.style_panel
    panel.method.setCurrentIndex(panel.method.findData("natural_breaks"))
    assert win.map.settle()
    wait(500)
    shot(app, out, "styling.jpg")
    win.undo_stack.undo()
    win.show_target_editor("shoreline_retention")
    win.target_editor.wait()
    wait(300)
    shot(app, out, "target-editor.jpg")
    import tempfile

    table = Path(tempfile.mkdtemp()) / "片区统计.csv"
    table.write_bytes(
        "片区,绿地率,常住人口\n起步区,41.5,118000\n中部片区,38.0,96000\n临海新城,35.2,40000\n".encode("gbk")
    )
    dialog = win.join_dialog("districts")
    dialog.set_file(str(table))
    dialog.key.setCurrentIndex(dialog.key.findData("name"))
    dialog.table_key.setCurrentIndex(dialog.table_key.findData("片区"))
    wait(400)
    shot(app, out, "join.jpg")
    dialog.reject()
    win.identify_dock.raise_()
    win.set_language("en")
    win.go_to_scene(0)
    assert win.map.settle()
    wait(500)
    shot(app, out, "window-en.jpg")
    win.set_language("zh")
    win.dirty = False
    exports(app, win, out)
    win.close()


def exports(app, win, out: Path) -> None:
    """The report's targets table (A4 landscape, 300 dpi) and the offline HTML's chart."""
    import tempfile

    from PySide6.QtGui import QImage

    from ecoviewer.render.snapshot import ExportOptions, export_page

    folder = Path(tempfile.mkdtemp())
    info = export_page(win.project, win.tables, folder / "r.png", ExportOptions(paper="A4", dpi=300))
    x, y, w, h = info.geometry.panel
    image = QImage(str(info.path))
    table = image.copy(round(x), round(y + h * 0.35), round(w), round(h * 0.65))  # the table's share
    table.scaledToWidth(1100, Qt.TransformationMode.SmoothTransformation).save(
        str(out / "trend-report.jpg"), quality=88
    )
    print("wrote", out / "trend-report.jpg")
    # the offline HTML as a browser shows it: the page alone, the whole screen
    from ecoviewer.render.map_view import MapView

    export_page(win.project, win.tables, folder / "p.html")
    page = MapView()
    page.setGeometry(win.screen().geometry())
    page.show()
    page.set_html((folder / "p.html").read_text(encoding="utf-8"))

    def drawn() -> bool:
        try:
            return bool(page.evaluate("document.documentElement.getAttribute('data-rendered')"))
        except ValueError:
            return False

    until(drawn, 20)
    page.evaluate(
        "Array.from(document.querySelectorAll('.ev-callout')).filter(function (e) {"
        " return e.querySelector('.ev-callout-title').textContent === 'PM2.5年均浓度'; })[0].click()"
    )
    wait(800)
    shot(app, out, "trend-html.jpg")
    page.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
    sys.stdout.flush()
    import os

    os._exit(0)
