"""Text from a project or data file is data, never markup (pytest-qt, offscreen).

A project whose layer titles, field names, attribute values, target title/unit/source, note
text, theme/scene/bookmark names and even its file name are HTML (an ``<img>`` of a local
file, a link) is opened in the window: every label, message box and tooltip shows the
literal text. Callouts and note pins clicked ON THE PAGE reach the window. Tooltips, in Qt
and on the map, stay a readable size whatever the length of an attribute."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument
from shapely.geometry import Point, box

from .conftest import SAMPLE, write_layer

IMG = '<b>X</b><img src="file:///etc/passwd">'
LINK = "<a href='file:///etc/shadow'>click</a>"
FIELD = '<i>F</i><img src="file:///etc/hostname">'
FILE = "<b>evil<img src=x.png>"  # a project file name (Linux allows < > in names)
LONG = "长" * 3000 + "x" * 7000  # a 10,000-character attribute
DATA = SAMPLE.parent / "data"


def rendered(html: str) -> str:
    """What Qt shows for a tooltip or a rich-text message: the document's plain text."""
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText().replace("\u200b", "")  # break opportunities are not text


def assert_literal(html: str, text: str) -> None:
    """``html`` (given to Qt, which guesses rich text) shows exactly ``text``."""
    assert "<img" not in html and "<a " not in html and "<b>" not in html
    assert rendered(html) == text


def toml(value) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


# -- the helpers --------------------------------------------------------------------------------
def test_tooltip_shows_text_literally_and_bounded(qapp):
    from ecoviewer.app.plaintext import TIP_CHARS, TIP_LINES, clip, rich, tooltip

    for text in (IMG, LINK, "a < b && c > d\n  two spaces", "&lt;b&gt;", "plain"):
        assert rendered(tooltip(text)) == text
        assert rendered(rich(text)) == text
    assert tooltip("") == "" and tooltip(None) == ""
    cut = rendered(tooltip(LONG))
    assert len(cut) <= TIP_CHARS and cut.endswith("…") and cut.startswith("长长长")
    assert len(clip("\n".join(["row"] * 100)).split("\n")) == TIP_LINES


def test_qt_tooltip_of_a_long_value_is_a_bounded_box(qapp):
    """The tooltip Qt shows (QToolTip's label) wraps a 10,000-character value, even one
    long word, into a box smaller than the screen."""
    from PySide6.QtWidgets import QApplication, QToolTip, QWidget

    from ecoviewer.app.plaintext import tooltip

    host = QWidget()
    host.resize(200, 200)
    host.show()
    try:
        for text in ("x" * 10000, LONG, " ".join(["word"] * 2500)):
            QToolTip.showText(host.mapToGlobal(QPoint(5, 5)), tooltip(text), host)
            qapp.processEvents()
            label = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "qtooltip_label")
            assert label.width() <= 700 and label.height() <= 500, (label.size(), text[:9])
            assert label.text() == tooltip(text)
            QToolTip.hideText()
            qapp.processEvents()
    finally:
        host.close()


# -- a hostile project in the window --------------------------------------------------------
def hostile_project(folder) -> tuple:
    """A project file (named with HTML) whose every text is HTML; its own layer file has an
    HTML field name, HTML values and a 10,000-character value."""
    folder.mkdir(parents=True, exist_ok=True)
    layer = write_layer(
        folder / "evil.geojson",
        [box(117.74, 39.13, 117.76, 39.15), Point(117.78, 39.16), Point(117.79, 39.17)],
        {
            FIELD: np.array([IMG, LINK, "ok"], dtype=object),
            "name": np.array([LINK, IMG, LONG], dtype=object),
            "n": np.array([1.0, 2.0, 3.0]),
        },
    )
    districts = (DATA / "districts.geojson").as_posix()
    text = f"""version = 2
[project]
name = {toml("Project " + IMG)}
[view]
bounds = [117.70, 39.07, 117.85, 39.21]

[[layers]]
id = "evil"
title = {{ zh = {toml(IMG)}, en = {toml(LINK)} }}
path = {toml(layer.as_posix())}
group = "Context"
style = {{ kind = "single", color = "#d62728", tooltip = [{toml(FIELD)}, "name"] }}

[[layers]]
id = "districts"
title = {{ zh = {toml(LINK)}, en = "Districts" }}
path = {toml(districts)}
group = "Context"

[[targets]]
id = "evil_target"
anchor = [117.80, 39.19]
title = {{ zh = {toml(IMG)}, en = {toml(IMG)} }}
metric = "mean"
layer = "evil"
field = "n"
op = "<"
target = 43
unit = {toml("<b>u</b>")}
year = 2025
source = {toml(LINK)}
verified = true

[[annotations]]
id = "note1"
lon = 117.76
lat = 39.17
text = {toml(IMG)}
color = "#e6550d"

[[themes]]
name = {toml(IMG)}
targets = ["evil_target"]
[themes.layers]
evil = {{ visible = true, opacity = 1.0 }}

[[bookmarks]]
name = {toml(LINK)}
bounds = [117.70, 39.07, 117.85, 39.21]

[[scenes]]
title = {toml(IMG)}
theme = {toml(IMG)}
bookmark = {toml(LINK)}
"""
    path = folder / f"{FILE}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile(qapp, tmp_path_factory):
    from PySide6.QtCore import QEvent

    from ecoviewer.app.main_window import MainWindow

    folder = tmp_path_factory.mktemp("hostile")
    path = hostile_project(folder)
    win = MainWindow(lang="zh")
    win.recovery_folder = folder / "recovery"
    win.resize(1200, 800)
    win.show()
    assert win.open_project(path)
    assert win.wait_loaded()
    assert win.map.settle()
    assert set(win.tables) == {"evil", "districts"}, [
        win.messages.item(i).text() for i in range(win.messages.count())
    ]
    yield win
    win.dirty = False
    win.close()
    win.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_layer_tree_tooltips_are_text(hostile):
    model = hostile.model
    evil = model.index_of("evil")
    assert model.data(evil) == f"{IMG}  (3)"  # the delegate draws display text as text
    tip = model.data(evil, Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "<a " not in tip
    assert rendered(tip).startswith(LINK + "\n")  # the other language's title
    tip = model.data(model.index_of("districts"), Qt.ItemDataRole.ToolTipRole)
    assert rendered(tip).startswith("Districts\n") and "<a " not in tip


def test_attribute_table_cells_and_headers_are_text_and_bounded(hostile):
    from ecoviewer.app.plaintext import TIP_CHARS

    dialog = hostile.open_attribute_table("evil")
    try:
        model = dialog.model
        col, name = model.columns.index(FIELD), model.columns.index("name")
        assert model.headerData(col, Qt.Orientation.Horizontal) == FIELD
        assert_literal(model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole), FIELD)
        cell = model.index(0, col)
        assert model.data(cell) == IMG
        assert_literal(model.data(cell, Qt.ItemDataRole.ToolTipRole), IMG)
        assert_literal(model.data(model.index(1, col), Qt.ItemDataRole.ToolTipRole), LINK)
        long_tip = model.data(model.index(2, name), Qt.ItemDataRole.ToolTipRole)
        assert model.data(model.index(2, name)) == LONG  # the cell itself: all of it
        assert len(long_tip) < 2 * TIP_CHARS  # the tooltip: cut
        assert rendered(long_tip).endswith("…") and LONG.startswith(rendered(long_tip)[:-1])
        assert dialog.count.textFormat() == Qt.TextFormat.PlainText
        assert dialog.windowTitle().endswith(IMG)  # window titles are plain text
    finally:
        dialog.close()


def test_targets_panel_tooltip_is_text(hostile):
    model = hostile.target_model
    row = model.row_of("evil_target")
    assert row >= 0
    assert model.data(model.index(row, 0)) == IMG
    # every cell's tooltip: the title, the source, whether verified — all as literal text
    for col in range(model.columnCount()):
        assert_literal(model.data(model.index(row, col), Qt.ItemDataRole.ToolTipRole), f"{IMG}\n{LINK}\n是")


def test_labels_show_project_text_as_text(hostile):
    win = hostile
    for label in (win.position, win.measure_label, win.strip):
        assert label.textFormat() == Qt.TextFormat.PlainText
    win.go_to_scene(0)
    assert win.strip.text().startswith(f"1/1  {IMG}")
    win.clear_target()
    # layer properties: every value label is plain text
    from PySide6.QtWidgets import QLabel

    win.tree.setCurrentIndex(win.model.index_of("evil"))
    dialog = win.show_properties()
    try:
        values = [w for w in dialog.findChildren(QLabel) if "<" in w.text()]
        assert values and all(w.textFormat() == Qt.TextFormat.PlainText for w in values)
    finally:
        dialog.close()


def test_unsaved_and_recovery_questions_show_names_as_text(hostile, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    win = hostile
    win.project.set_visible("districts", False)  # an unsaved change
    assert win.dirty
    answers = [QMessageBox.StandardButton.Cancel]
    assert win.maybe_save() is False
    assert f"Project {IMG}" in rendered(asked[-1]) and "<img" not in asked[-1]
    # a recovery file from a "crash", then the project opened again: "Recover them?"
    win.write_recovery()
    path = win.project.path
    win.dirty = False
    answers = [QMessageBox.StandardButton.No]  # do not recover (the recovery file goes)
    assert win.open_project(path) and win.wait_loaded() and win.map.settle()
    assert f"{FILE}.toml" in rendered(asked[-1]) and "<img" not in asked[-1]
    assert len(asked) == 2


def test_export_dialog_errors_and_questions_are_text(hostile, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QLabel, QMessageBox, QProgressDialog

    import ecoviewer.app.export_dialog as ed

    dialog = hostile.export_dialog()
    try:
        for label in (dialog.error, dialog.hint, dialog.preview):
            assert label.textFormat() == Qt.TextFormat.PlainText
        dialog.set_error(f"{FILE}.png: {IMG}\nsecond line")
        assert dialog.error_text() == f"{FILE}.png: {IMG}"  # the label: its first line
        assert_literal(dialog.error.toolTip(), f"{FILE}.png: {IMG}\nsecond line")
        dialog.set_error("")
        # "Replace file?" names the file as text
        out = tmp_path / f"{FILE}.png"
        out.write_bytes(b"old")
        asked = []
        monkeypatch.setattr(
            QMessageBox,
            "question",
            staticmethod(lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.No),
        )
        dialog.output.setText(str(out))
        dialog.export_clicked()
        assert out.read_bytes() == b"old"
        assert str(out) in rendered(asked[-1]) and "<img" not in asked[-1]
        # the progress of "export all scenes" names each scene as text
        labels = []

        def batch(*args, progress, **kwargs):
            progress(1, 1, IMG)
            box = dialog.findChild(QProgressDialog)
            labels.extend(w for w in box.findChildren(QLabel) if IMG in w.text())
            return []

        monkeypatch.setattr(ed, "export_batch", batch)
        dialog.export_all(tmp_path)
        assert labels and all(w.textFormat() == Qt.TextFormat.PlainText for w in labels)
    finally:
        dialog.reject()


# -- clicks on the page reach the window ----------------------------------------------------
def whole_view(win) -> None:
    """Show the project's whole view (the callouts and pins of its extent) and wait for it."""
    seq = win.map.last_rendered
    win.map.fit_bounds(win.project.view["bounds"])
    assert win.map.wait_rendered(seq)


def click_node(win, qtbot, node: str) -> None:
    """A real mouse click (QTest mouse events through Chromium's input, not a DOM event) at
    the middle of the DOM node the JS expression ``node`` gives, once it is on the map with
    nothing covering its middle."""
    from PySide6.QtTest import QTest

    where = f"""(function () {{
        var node = {node};
        if (!node) return null;
        var r = node.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
        var hit = document.elementFromPoint(x, y);
        return hit && node.contains(hit) ? [x, y] : null;
    }})()"""
    found = []
    qtbot.waitUntil(lambda: found.append(win.map.evaluate(where)) or found[-1] is not None, timeout=10000)
    x, y = found[-1]
    zoom = win.map.zoomFactor()  # CSS pixels → widget pixels
    QTest.mouseClick(
        win.map.focusProxy() or win.map,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(round(x * zoom), round(y * zoom)),
    )


def callout_node(title: str) -> str:
    """JS: the callout whose title is ``title``."""
    return (
        "Array.from(document.querySelectorAll('.ev-callout')).find(function (e) {"
        f" return e.querySelector('.ev-callout-title').textContent === {json.dumps(title)};"
        " })"
    )


def note_node(text: str) -> str:
    """JS: the pin of the note whose text is ``text``."""
    return (
        "(function () { var t = Array.from(document.querySelectorAll('.ev-note-text'))"
        f".find(function (e) {{ return e.textContent === {json.dumps(text)}; }});"
        " return t && t.parentNode.querySelector('.ev-note-pin'); })()"
    )


def click_callout(win, qtbot, target_id: str) -> None:
    """Click the target's callout on the page (it must be on the map in the current view)."""
    model = win.target_model
    title = model.data(model.index(model.row_of(target_id), 0))
    click_node(win, qtbot, callout_node(title))


def current_target(win):
    view = win.targets_view
    index = view.currentIndex()
    return view.proxy.data(index.siblingAtColumn(0), Qt.ItemDataRole.UserRole) if index.isValid() else None


def test_a_callout_clicked_on_the_page_selects_its_target(window, qtbot):
    window.clear_target()
    window.targets_view.setCurrentIndex(window.targets_view.proxy.index(-1, -1))
    assert current_target(window) is None
    whole_view(window)
    on_map = window.map.evaluate("ecoviewer.targetState().onMap")
    assert on_map
    for target in on_map[:2]:  # the panel follows each click
        with qtbot.waitSignal(window.map.target_clicked, timeout=10000) as signal:
            click_callout(window, qtbot, target)
        assert signal.args == [target]
        qtbot.waitUntil(lambda t=target: current_target(window) == t)
        qtbot.waitUntil(lambda t=target: window.map.evaluate("ecoviewer.targetState().selected") == t)
        whole_view(window)  # the selection zoomed to the target's features
    window.clear_target()


def test_a_note_pin_clicked_on_the_page_opens_its_editor(window, qtbot, monkeypatch):
    import ecoviewer.app.map_tools as tools

    opened = []

    class FakeDialog:
        def __init__(self, parent=None, *, title="", text="", color="", deletable=False):
            opened.append((text, deletable))
            self.deleted = False

        def exec(self):
            return False  # Cancel: nothing changes

    monkeypatch.setattr(tools, "NoteDialog", FakeDialog)
    whole_view(window)
    lon, lat = window.map.evaluate(
        "(function () { var b = ecoviewer.state().bounds; return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]; })()"
    )
    note = window.project.add_note(lon, lat, "点我 click me", "#2171b5")
    try:
        with qtbot.waitSignal(window.map.note_clicked, timeout=10000) as signal:
            click_node(window, qtbot, note_node("点我 click me"))
        assert signal.args == [note["id"]]
        qtbot.waitUntil(lambda: opened == [("点我 click me", True)])
        assert window.project.note(note["id"])["text"] == "点我 click me"
    finally:
        window.project.remove_note(note["id"])


def test_the_hostile_note_opens_with_its_text_as_text(hostile, qtbot, monkeypatch):
    """The note's editor gets the note's text as text (a QPlainTextEdit)."""
    from PySide6.QtWidgets import QPlainTextEdit

    from ecoviewer.app.notes import NoteDialog

    editors = []
    monkeypatch.setattr(
        NoteDialog, "exec", lambda self: editors.append(self.findChild(QPlainTextEdit).toPlainText()) or 0
    )
    whole_view(hostile)
    with qtbot.waitSignal(hostile.map.note_clicked, timeout=10000):
        click_node(hostile, qtbot, note_node(IMG))
    qtbot.waitUntil(lambda: editors == [IMG])
    assert hostile.map.evaluate("document.querySelectorAll('img').length") == 0


# -- map tooltips are bounded -----------------------------------------------------------------
MEASURE = """(function (id, i, left) {
    var pane = document.querySelector('.leaflet-tooltip-pane');
    var host = document.createElement('div');
    host.className = 'leaflet-tooltip leaflet-tooltip-right';
    host.style.left = (left < 0 ? pane.parentNode.parentNode.clientWidth + left : left) + 'px';
    host.style.top = '10px';
    pane.appendChild(host);
    var started = performance.now();
    var tip = ecoviewer.tooltipElement(id, i);
    host.appendChild(tip);
    var th = tip.querySelector('th');
    var out = [tip.offsetWidth, tip.offsetHeight, tip.textContent.length,
               tip.querySelectorAll('tr').length, th ? th.offsetWidth : 0,
               performance.now() - started, parseFloat(getComputedStyle(tip).lineHeight)];
    host.remove();
    return out;
})"""


def measure(view, layer_id: str, row: int, left: int) -> list:
    return view.evaluate(f"{MEASURE}({json.dumps(layer_id)}, {row}, {left})")


def test_map_tooltip_of_a_huge_attribute_is_bounded(map_view, tmp_path):
    from ecoviewer.project import LayerSpec, Project
    from ecoviewer.sources import read_layer
    from ecoviewer.web.page import build_page

    many = {f"f{i:02d}": np.array([f"value {i}"], dtype=object) for i in range(30)}
    fields = {
        "huge": np.array(["x" * 100_000], dtype=object),
        "cjk": np.array([LONG], dtype=object),
        "words": np.array([" ".join(["word"] * 2500)], dtype=object),
        "a_rather_long_field_name_for_a_tooltip_row": np.array(["short"], dtype=object),
        **many,
    }
    path = write_layer(tmp_path / "long.geojson", [box(117.74, 39.13, 117.76, 39.15)], fields)
    spec = LayerSpec(
        id="long",
        path=str(path),
        title="长" * 500,
        style={"kind": "single", "color": "#d62728", "tooltip": list(fields)},
    )
    project = Project(name="t", layers=[spec], view={"bounds": [117.73, 39.12, 117.81, 39.21]})
    map_view.set_html(build_page(project, {"long": read_layer(path, layer_id="long")}))
    map_view.grab_drawn(0)
    for left in (20, -30):  # in the open and at the map's right edge
        width, height, chars, rows, _, ms, _ = measure(map_view, "long", 0, left)
        assert 160 <= width <= 360 and height <= 0.7 * map_view.height() + 1, (width, height)
        assert chars <= 2500 and rows <= 21 and ms < 500


def test_sample_tooltips_do_not_wrap_a_character_per_line(map_view, sample_tables):
    from ecoviewer.web.page import build_page

    project, tables = sample_tables
    map_view.set_html(build_page(project, tables))
    map_view.grab_drawn(0)
    for layer_id in ("green_buildings", "districts", "water_network"):
        inside = measure(map_view, layer_id, 0, 20)
        edge = measure(map_view, layer_id, 0, -10)
        assert edge[:2] == inside[:2], (layer_id, edge, inside)  # the edge changes nothing
        width, height, _, rows, key, _, line = edge
        assert 160 <= width <= 360 and key >= 30
        assert height <= (rows + 1) * (line + 4), (layer_id, edge)  # a line per row


def test_menus_and_progress_show_names_as_written(hostile):
    """ "&" in a theme, bookmark or recent-file name is shown, not taken as a shortcut mark;
    "%p" in a layer title is not replaced by the progress bar's percentage."""
    from ecoviewer.app.main_window import menu_text

    assert menu_text("R&D 研发") == "R&&D 研发"
    hostile.project.add_bookmark("Coast & bay", [117.75, 39.07, 117.85, 39.2])
    hostile.fill_bookmarks_menu()
    texts = [a.text() for a in hostile.bookmarks_menu.actions()]
    assert "Coast && bay" in texts  # Qt shows "Coast & bay"
    spec = hostile.project.layer("evil")
    old = spec.title
    spec.title = "100%p of %v and %m"
    try:
        hostile.show_progress(0, 4, "evil")
        shown = hostile.progress_bar.text().replace("\u200b", "")
        assert "100%p of %v and %m" in shown
    finally:
        spec.title = old


def test_recent_projects_survive_qsettings_quirks(qapp):
    """With INI settings a one-item list comes back as a string: the menu listed one entry
    per character. Anything malformed is dropped, never walked."""
    from PySide6.QtCore import QSettings

    from ecoviewer.app.main_window import recent_projects

    settings = QSettings()
    old = settings.value("recent")
    try:
        for stored, expected in (
            ("/a/b.toml", ["/a/b.toml"]),
            (["/a.toml", "/b.toml"], ["/a.toml", "/b.toml"]),
            (5, []),
            (None, []),
        ):
            settings.setValue("recent", stored)
            settings.sync()
            assert recent_projects(QSettings()) == expected
    finally:
        settings.setValue("recent", old)
