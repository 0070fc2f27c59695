"""The window on a real X server (Xvfb through pytest-xvfb, 1600×1000), where a full-screen
resize arrives after the code that asked for it has run — unlike the offscreen platform
the other tests use, which resizes at once. Each case runs the viewer in its own process
(the platform is chosen per process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from .conftest import ROOT, SAMPLE


def run_on_x(xvfb, tmp_path, script: str, *args) -> subprocess.CompletedProcess:
    """``script`` in a fresh Python on pytest-xvfb's X server (the xcb platform), with its
    own settings and state folders; fails the test when it does not end cleanly."""
    assert xvfb is not None, "Xvfb is not installed (.ci/setup installs it)"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": f":{xvfb.display}",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    run = subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return run


PRESENTATION = textwrap.dedent("""
    import json, sys
    from ecoviewer.render.qtenv import prepare_environment
    prepare_environment(headless=False)
    from ecoviewer.render.qtenv import application
    app = application()
    from PySide6.QtCore import QEventLoop, QTimer
    from ecoviewer.app.main_window import MainWindow

    def wait(ms):
        loop = QEventLoop(); QTimer.singleShot(ms, loop.quit); loop.exec()

    win = MainWindow(lang="zh")
    win.resize(1000, 700)
    win.show()
    assert win.open_project(sys.argv[1]) and win.wait_loaded() and win.map.settle()
    # a hover tooltip open before F5 (a mouse move over a feature on the canvas)
    win.map.evaluate('''(function () {
        var p = ecoviewer.containerPoint(117.73978, 39.10994);  // an air station
        var r = document.querySelector('.leaflet-container').getBoundingClientRect();
        var c = document.querySelector('.leaflet-container canvas');
        c.dispatchEvent(new MouseEvent('mousemove', {clientX: r.left + p[0],
            clientY: r.top + p[1], bubbles: true}));
        return true; })()''')
    wait(300)
    before = win.map.evaluate("document.querySelectorAll('.leaflet-tooltip').length")
    view_before = win.map.evaluate("ecoviewer.state()")
    win.enter_presentation()                    # F5
    screen = win.screen().geometry()
    for _ in range(200):                        # until the window manager's resize arrived
        wait(25)
        if win.map.width() >= screen.width() - 2:
            break
    assert win.map.settle()
    image = win.map.grab_drawn(0)
    state = win.map.evaluate("ecoviewer.state()")
    scene = win.project.scenes[0]
    w, s, e, n = win.project.bookmark(scene["bookmark"])["bounds"]
    x, y = win.map.evaluate(f"ecoviewer.containerPoint({(w + e) / 2}, {(s + n) / 2})")
    grab = win.screen().grabWindow(0)
    # the zoom a fit made now, at the full-screen size, would choose
    seq = win.map.last_rendered
    win.map.fit_bounds([w, s, e, n])
    win.map.grab_drawn(seq)
    refit = win.map.evaluate("ecoviewer.state()")
    print(json.dumps({
        "tooltips_before": before,
        "tooltips_after": win.map.evaluate("document.querySelectorAll('.leaflet-tooltip').length"),
        "screen": [screen.width(), screen.height()], "map": state["size"],
        "map_widget": [win.map.width(), win.map.height()],
        "bookmark_centre": [x, y], "grab": [grab.width(), grab.height()],
        "zoom": state["zoom"], "zoom_of_a_fit_now": refit["zoom"],
        "corner_background": hex(image.pixel(5, image.height() - 5) & 0xFFFFFF),
        "window": [win.geometry().x(), win.geometry().y(), win.width(), win.height()],
        "full": win.isFullScreen(),
    }))
    win.leave_presentation()                    # Esc: the window and its view come back
    for _ in range(200):                        # the window's size back, and the page's
        wait(25)
        if win.map.width() < screen.width() - 100 and win.map.evaluate(
                "ecoviewer.state().size[0]") == win.map.width():
            break
    assert win.map.settle()
    view_after = win.map.evaluate("ecoviewer.state()")
    print(json.dumps({"view_before": [view_before["center"], view_before["zoom"],
                                      view_before["size"]],
                      "view_after": [view_after["center"], view_after["zoom"],
                                     view_after["size"]]}))
    win.dirty = False
""")


def test_presentation_is_framed_after_the_full_screen_resize(xvfb, tmp_path):
    """F5 on a real X server: the scene's bookmark is centred in the full-screen map within
    a few pixels (the fit used to run before the resize, leaving the city at the right
    edge), and a hover tooltip from before does not survive the mode change."""
    run = run_on_x(xvfb, tmp_path, PRESENTATION, SAMPLE)
    got = json.loads(run.stdout.strip().splitlines()[-2])
    back = json.loads(run.stdout.strip().splitlines()[-1])
    assert got["screen"] == [1600, 1000] and got["grab"] == [1600, 1000]
    assert got["map_widget"][0] == 1600 and got["map"][0] == 1600
    cx, cy = got["bookmark_centre"]
    assert abs(cx - got["map"][0] / 2) <= 3 and abs(cy - got["map"][1] / 2) <= 3, got
    # framed for the full screen, not kept at the zoom of the window before F5
    assert got["zoom"] == got["zoom_of_a_fit_now"], got
    assert got["tooltips_before"] == 1, "the hover did not open a tooltip: nothing tested"
    assert got["tooltips_after"] == 0
    # Esc: the window's own view again, at the window's size (not the scene's framing)
    (centre, zoom, size), (centre2, zoom2, size2) = back["view_before"], back["view_after"]
    assert size2 == size and zoom2 == zoom, back
    pixel = 360 / (256 * 2**zoom)  # degrees of longitude per CSS pixel
    assert abs(centre2[0] - centre[0]) < pixel and abs(centre2[1] - centre[1]) < pixel, back


WINDOW_TASKS = textwrap.dedent("""
    import json, sys, time
    from ecoviewer.render.qtenv import prepare_environment
    prepare_environment(headless=False)
    from ecoviewer.render.qtenv import application
    app = application()
    from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
    from PySide6.QtGui import QImage
    from PySide6.QtTest import QTest
    from ecoviewer.app.main_window import MainWindow

    def wait(ms):
        loop = QEventLoop(); QTimer.singleShot(ms, loop.quit); loop.exec()

    def until(pred, ms=15000):
        end = time.monotonic() + ms / 1000
        while not pred():
            if time.monotonic() > end:
                return False
            wait(20)
        return True

    out = {}
    win = MainWindow(lang="zh")
    win.resize(1400, 900)
    win.show()
    assert win.open_project(sys.argv[1]) and win.wait_loaded() and win.map.settle()
    win.activateWindow()
    out["active"] = until(win.isActiveWindow)
    mouse = win.map.focusProxy()

    # 1. a hover tooltip 6 px from the map's right edge (real mouse events), over the
    #    start-up district
    lon, lat = 117.73978, 39.10994
    st = win.map.evaluate("ecoviewer.state()")
    w, h = st["size"]
    px, py = win.map.evaluate(f"ecoviewer.containerPoint({lon}, {lat})")
    shift = (w - 6 - px) * 360 / (256 * 2 ** st["zoom"])
    win.map.evaluate(f"ecoviewer.setView({st['center'][1]}, {st['center'][0] - shift}, {st['zoom']})")
    assert win.map.settle()
    px, py = win.map.evaluate(f"ecoviewer.containerPoint({lon}, {lat})")
    out["station_x"] = [px, w]
    QTest.mouseMove(mouse, QPoint(round(px) - 20, round(py)))
    wait(50)
    QTest.mouseMove(mouse, QPoint(round(px), round(py)))
    until(lambda: win.map.evaluate("document.querySelectorAll('.leaflet-tooltip').length") > 0, 5000)
    out["tooltip"] = win.map.evaluate('''(function () {
        var t = document.querySelector('.leaflet-tooltip');
        if (!t) return null;
        var r = t.getBoundingClientRect();
        var m = document.querySelector('.leaflet-container').getBoundingClientRect();
        return {left: r.left - m.left, right: r.right - m.left, top: r.top - m.top,
                bottom: r.bottom - m.top, width: r.width, height: r.height,
                map: [m.width, m.height], text: t.textContent}; })()''')
    QTest.mouseMove(mouse, QPoint(w // 2, 40))

    # 2. Ctrl+Alt+digit with the Themes menu built (an ambiguous shortcut fires nothing)
    names = [t["name"] for t in win.project.themes]
    water = names.index("水系 Water system")
    win.fill_themes_menu()
    win.tree.setFocus()
    QTest.keyClick(win.tree, Qt.Key(Qt.Key.Key_1.value + water),
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    theme = win.project.theme(names[water])
    want = sorted(k for k, v in theme["layers"].items() if v.get("visible", True))
    out["theme"] = [sorted(s.id for s in win.project.layers if s.visible), want]

    # 3. compare: the divider dragged with the mouse
    win.compare_themes("水系 Water system", "绿色交通 Green transport", fraction=0.5)
    assert win.map.settle()
    before = win.map.evaluate("ecoviewer.state()")
    hx, hy = win.map.evaluate('''(function () {
        var r = document.querySelector('.ev-compare-handle').getBoundingClientRect();
        var m = document.querySelector('.leaflet-container').getBoundingClientRect();
        return [r.left + r.width / 2 - m.left, r.top + r.height / 2 - m.top]; })()''')
    start = QPoint(round(hx), round(hy))
    QTest.mousePress(mouse, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 11):
        QTest.mouseMove(mouse, start + QPoint(15 * step, 0))
        wait(15)
    QTest.mouseRelease(mouse, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(150, 0))
    assert win.map.settle()
    after = win.map.evaluate("ecoviewer.state()")
    out["divider"] = [before["divider"], after["divider"], (hx + 150) / after["size"][0]]
    out["centre_moved"] = [before["center"], after["center"]]
    win.end_compare()

    # 4. File → Export… (Ctrl+E) on the real platform; Enter exports and closes
    QTest.keyClick(win, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    out["dialog"] = until(lambda: win.export_window is not None and win.export_window.isVisible(), 5000)
    dlg = win.export_window
    # its drop-down list as the screen shows it (xwd showed these as black boxes: xwd's
    # reading of that popup window, not the screen — Qt's grab and `import` show the list)
    wait(300)
    dlg.format.showPopup()
    popup = dlg.format.view().window()
    until(popup.isVisible, 3000)
    wait(300)
    g = popup.geometry()
    screen_image = win.screen().grabWindow(0, g.x(), g.y(), g.width(), g.height()).toImage()
    out["popup"] = [g.width(), g.height(), len({screen_image.pixel(x, y) & 0xFFFFFF
                    for x in range(0, screen_image.width(), 3)
                    for y in range(0, screen_image.height(), 3)}),
                    screen_image.pixel(g.width() // 2, g.height() - 5) & 0xFFFFFF]
    dlg.format.hidePopup()
    dlg.pixels_radio.setChecked(True)
    dlg.width_spin.setValue(800)
    dlg.height_spin.setValue(500)
    dlg.dpi.setValue(96)
    dlg.output.setText(sys.argv[2])
    dlg.title.setFocus()
    QTest.keyClick(dlg.title, Qt.Key.Key_Return)
    until(lambda: not dlg.isVisible(), 60000)
    image = QImage(sys.argv[2])
    colours = {image.pixel(x, y) & 0xFFFFFF for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)} if not image.isNull() else set()
    out["export"] = [image.width(), image.height(), len(colours), dlg.isVisible(),
                     dlg.error_text()]
    win.dirty = False
    print(json.dumps(out))
""")


def test_tooltip_shortcut_compare_drag_and_export_on_x(xvfb, tmp_path):
    """On the real platform: a tooltip at the map's right edge keeps a sane width and stays
    on the map (it wrapped one character per line), Ctrl+Alt+digit applies a theme with the
    Themes menu built, dragging the compare divider with the mouse moves it (not the map),
    and Ctrl+E → Enter writes the export."""
    run = run_on_x(xvfb, tmp_path, WINDOW_TASKS, SAMPLE, tmp_path / "export.png")
    got = json.loads(run.stdout.strip().splitlines()[-1])
    assert got["active"], "the window never became active"
    px, w = got["station_x"]
    assert w - 8 <= px <= w - 4, got["station_x"]
    tip = got["tooltip"]
    assert tip is not None, "no tooltip from a real mouse move over the district"
    assert tip["width"] >= 120, tip  # not one character per line
    assert tip["height"] <= 240, tip
    assert 0 <= tip["left"] and tip["right"] <= tip["map"][0], tip  # on the map, not cut
    theme_now, theme_want = got["theme"]
    assert theme_now == theme_want
    before, after, expected = got["divider"]
    assert before == 0.5 and abs(after - expected) <= 0.01, got["divider"]
    assert got["centre_moved"][0] == got["centre_moved"][1], "the drag panned the map"
    pw, ph, popup_colours, bottom_pixel = got["popup"]
    assert pw > 50 and ph > 40 and popup_colours >= 5 and bottom_pixel != 0, got["popup"]
    width, height, colours, visible, error = got["export"]
    assert got["dialog"] and (width, height) == (800, 500) and not visible and error == ""
    assert colours >= 20, "the exported page is blank"
