"""The page in QtWebEngine, offscreen: pixels, toggles without reload, escaping, no network."""

import numpy as np
import pytest
import shapely
from PySide6.QtGui import QColor
from shapely.geometry import Point

from ecoviewer.project import LayerSpec, Project
from ecoviewer.sources import read_layer
from ecoviewer.web.page import BACKGROUND, build_page

from .conftest import write_layer
from .test_page import EVIL, evil_project

RED = QColor("#d62728")


def show(view, html):
    view.set_html(html)
    return view.grab_drawn(0)


def pixel_at(view, image, lon, lat):
    x, y = view.evaluate(f"ecoviewer.containerPoint({lon}, {lat})")
    return QColor(image.pixel(round(x), round(y)))


def after(view, change):
    """Run ``change`` on the page and return the frame that shows it."""
    seq = view.last_rendered
    change()
    return view.grab_drawn(seq)


def colour_over_polygon(view, image):
    return pixel_at(view, image, 117.745, 39.135)  # inside the evil project's red square


def same(c1: QColor, c2: QColor, tol=3):
    return all(abs(a - b) <= tol for a, b in zip(c1.getRgb()[:3], c2.getRgb()[:3]))


def test_polygon_pixels_carry_the_layer_colour_and_follow_toggles(map_view, tmp_path):
    project, tables = evil_project(tmp_path)
    image = show(map_view, build_page(project, tables))
    map_view.evaluate("window.__loaded_once = 'yes'")
    assert same(pixel_at(map_view, image, 117.745, 39.135), RED)
    assert same(pixel_at(map_view, image, 117.78, 39.17), QColor(BACKGROUND))

    image = after(map_view, lambda: map_view.set_visible("evil", False))
    assert same(colour_over_polygon(map_view, image), QColor(BACKGROUND))
    image = after(map_view, lambda: map_view.set_visible("evil", True))
    assert same(colour_over_polygon(map_view, image), RED)
    image = after(map_view, lambda: map_view.set_opacity("evil", 0.0))
    assert same(colour_over_polygon(map_view, image), QColor(BACKGROUND))
    # toggles and opacity never reloaded the page
    assert map_view.evaluate("window.__loaded_once") == "yes"


def test_hostile_attributes_stay_text(map_view, tmp_path):
    project, tables = evil_project(tmp_path)
    show(map_view, build_page(project, tables))
    tip = map_view.evaluate("""(function () {
        var e = ecoviewer.tooltipElement('evil', 0);
        return [e.querySelectorAll('img, script').length, e.querySelector('td').textContent];
    })()""")
    assert tip == [0, EVIL]
    labels = map_view.evaluate(
        "Array.from(document.querySelectorAll('.ev-label')).map(function (e) { return e.textContent; })"
    )
    from ecoviewer.web.page import LABEL_MAX

    assert EVIL[: LABEL_MAX - 1] + "…" in labels  # as text, cut to LABEL_MAX characters
    assert map_view.evaluate("document.querySelectorAll('img').length") == 0
    assert map_view.evaluate("typeof window.pwned") == "undefined"


def test_sample_page_makes_no_network_request(map_view, sample_tables):
    project, tables = sample_tables
    before = len(map_view.blocker.blocked_urls)
    image = show(map_view, build_page(project, tables))
    assert map_view.blocker.blocked_urls[before:] == []
    # Jing Lake (静湖) is water-blue; with the water layer off it is not. Probe a point of the
    # lake away from every line, point and building drawn over it.
    water = tables["water_network"]
    lake = water.geometry[list(water.fields["kind"]).index("lake")]
    above = ("water_network", "shoreline", "green_buildings", "transit", "air_stations")
    over = [g for lid in above for g in tables[lid].geometry if g is not None and not g.equals(lake)]
    clear = lake.difference(shapely.union_all(over).buffer(0.0005))
    probe = clear.point_on_surface()
    lake = pixel_at(map_view, image, probe.x, probe.y)
    assert lake.blue() > lake.red() + 60, lake.getRgb()
    seq = map_view.last_rendered
    map_view.set_visible("water_network", False)
    image = map_view.grab_drawn(seq)
    lake = pixel_at(map_view, image, probe.x, probe.y)
    assert lake.blue() < lake.red() + 30, lake.getRgb()
    state = map_view.evaluate("ecoviewer.state()")
    assert "water_network" not in state["visible"] and "green_buildings" in state["visible"]


def test_remote_requests_are_blocked_and_logged(map_view, sample_tables):
    project, tables = sample_tables
    html = build_page(project, tables).replace(
        "</body>", '<img src="https://tile.example.invalid/1/2/3.png"></body>'
    )
    before = len(map_view.blocker.blocked_urls)
    show(map_view, html)
    assert map_view.blocker.blocked_urls[before:] == ["https://tile.example.invalid/1/2/3.png"]


def _crop(image, x, y, w=36, h=20):
    rows = []
    for j in range(int(y - h / 2), int(y + h / 2)):
        rows.append([image.pixel(i, j) & 0xFFFFFF for i in range(int(x - w / 2), int(x + w / 2))])
    return np.array(rows)


def test_chinese_labels_render_as_glyphs_not_boxes(map_view, tmp_path):
    texts = ["湖", "城", "\U000f0001", "\U000f0002"]  # two CJK glyphs; two that no font has
    pts = [Point(117.70 + 0.03 * i, 39.15) for i in range(4)]
    path = write_layer(tmp_path / "l.geojson", pts, {"name": np.array(texts, dtype=object)})
    spec = LayerSpec(id="l", path=str(path), style={"label": "name", "radius": 0, "weight": 0})
    project = Project(layers=[spec], view={"bounds": [117.68, 39.14, 117.81, 39.16]})
    image = show(map_view, build_page(project, {"l": read_layer(path)}))
    crops = []
    for p in pts:
        x, y = map_view.evaluate(f"ecoviewer.containerPoint({p.x}, {p.y})")
        crops.append(_crop(image, x, y))
    ink = [int((c != int(BACKGROUND[1:], 16)).sum()) for c in crops]
    assert min(ink) > 10  # something was drawn for each label
    # missing glyphs all come out as the same box; real glyphs differ from each other
    assert np.array_equal(crops[2], crops[3])
    assert not np.array_equal(crops[0], crops[1])
    assert not np.array_equal(crops[0], crops[2])


@pytest.fixture(autouse=True)
def _reset_view(map_view):
    yield
    map_view.resize(800, 600)


def test_target_callouts_and_highlight_colour(map_view, sample_tables):
    from ecoviewer.targets import evaluate_targets
    from ecoviewer.web.page import HIGHLIGHT

    project, tables = sample_tables
    results = evaluate_targets(project, tables)
    show(map_view, build_page(project, tables, targets=results))
    texts = map_view.evaluate(
        "Array.from(document.querySelectorAll('.ev-callout-title'))"
        ".map(function (e) { return e.textContent; })"
    )
    assert texts == [r.target.display_title("zh") for r in results]
    # a missed target's callout carries the "missed" colour on its left edge
    rect = map_view.evaluate("""(function () {
        var all = document.querySelectorAll('.ev-callout.ev-missed');
        for (var i = 0; i < all.length; i++) {   // one that nothing (the legend) covers
            var r = all[i].getBoundingClientRect();
            var top = document.elementFromPoint(r.left + 3, r.top + r.height / 2);
            if (top && all[i].contains(top)) return [r.left, r.top, r.width, r.height];
        }
        return null; })()""")
    assert rect is not None
    image = map_view.grab_drawn(0)
    assert same(QColor(image.pixel(round(rect[0] + 3), round(rect[1] + rect[3] / 2))), QColor("#d73027"), 10)

    shore = tables["shoreline"]
    rows = next(r for r in results if r.id == "shoreline_retention").responsible["shoreline"]
    for other in results:  # only the shoreline callout stays, so nothing hides the segments
        if other.id != "shoreline_retention":
            map_view.evaluate(f"ecoviewer.setTargetVisible('{other.id}', false)")
    seq = map_view.last_rendered
    assert map_view.evaluate("ecoviewer.highlight('shoreline_retention')") == len(rows)
    image = map_view.grab_drawn(seq)
    checked = 0
    for row in rows:
        mid = shore.geometry[row].interpolate(0.5, normalized=True)
        x, y = map_view.evaluate(f"ecoviewer.containerPoint({mid.x}, {mid.y})")
        on_canvas = map_view.evaluate(  # not under the legend, a callout or a control
            f"(document.elementFromPoint({x}, {y}) || {{}}).tagName === 'CANVAS'"
        )
        if not on_canvas:
            continue
        assert same(QColor(image.pixel(round(x), round(y))), QColor(HIGHLIGHT), 12), row
        checked += 1
    assert checked >= 2
    # an ecological segment in view keeps its own colour (one must be in view: the check
    # used to be skipped when the first one was not)
    seen = 0
    for eco in np.flatnonzero(shore.fields["type"] == "ecological"):
        mid = shore.geometry[int(eco)].interpolate(0.5, normalized=True)
        x, y = map_view.evaluate(f"ecoviewer.containerPoint({mid.x}, {mid.y})")
        if 0 <= x < image.width() and 0 <= y < image.height():
            assert not same(QColor(image.pixel(round(x), round(y))), QColor(HIGHLIGHT), 60)
            seen += 1
    assert seen >= 1
    seq = map_view.last_rendered
    map_view.evaluate("ecoviewer.clearHighlight()")
    image = map_view.grab_drawn(seq)
    mid = shore.geometry[rows[0]].interpolate(0.5, normalized=True)
    x, y = map_view.evaluate(f"ecoviewer.containerPoint({mid.x}, {mid.y})")
    assert not same(QColor(image.pixel(round(x), round(y))), QColor(HIGHLIGHT), 60)


def test_note_pins_are_drawn_and_escaped(map_view, tmp_path):
    project, tables = evil_project(tmp_path)
    project.add_note(117.79, 39.19, EVIL, "#1a9850")
    show(map_view, build_page(project, tables))
    assert map_view.evaluate("document.querySelector('.ev-note-text').textContent") == EVIL
    assert map_view.evaluate("document.querySelectorAll('img').length") == 0
    image = map_view.grab_drawn(0)
    rect = map_view.evaluate("""(function () {
        var r = document.querySelector('.ev-note-pin').getBoundingClientRect();
        return [r.left + r.width / 2, r.top + r.height / 2]; })()""")
    assert same(QColor(image.pixel(round(rect[0]), round(rect[1]))), QColor("#1a9850"), 12)


def test_big_layers_are_drawn_as_tiles_and_toggle_without_reload(map_view, tmp_path, monkeypatch):
    import ecoviewer.web.page as page

    monkeypatch.setattr(page, "TILE_THRESHOLD", 1)  # any layer of 2+ features is "big"
    project, tables = evil_project(tmp_path)
    before = len(map_view.blocker.blocked_urls)
    served = map_view.tiles.served
    map_view.show_project(project, tables)
    image = map_view.grab_drawn(0)
    assert map_view.evaluate("ecoviewer.tileState()") == [["evil", True, False]]
    assert map_view.tiles.served > served  # the pixels came from our tile renderer
    assert map_view.blocker.blocked_urls[before:] == []
    assert same(pixel_at(map_view, image, 117.745, 39.135), RED)
    map_view.evaluate("window.__same = 1")
    image = after(map_view, lambda: map_view.set_visible("evil", False))
    assert same(colour_over_polygon(map_view, image), QColor(BACKGROUND))
    image = after(map_view, lambda: map_view.set_visible("evil", True))
    assert same(colour_over_polygon(map_view, image), RED)
    # a selection (attribute table) on a tiled layer comes as highlight tiles
    from ecoviewer.web.page import HIGHLIGHT

    image = after(map_view, lambda: map_view.select_rows("evil", [0], tables["evil"]))
    assert same(colour_over_polygon(map_view, image), QColor(HIGHLIGHT), 40)
    assert map_view.evaluate("window.__same") == 1


def test_callouts_stay_inside_the_map_and_apart(map_view, sample_tables):
    """Zoomed in on one district, a callout whose anchor lies outside is pulled inside the
    map (its leader still pointing at what it measures); callouts of things out of view are
    left off (the legend and an export's table still list them); no two boxes overlap."""
    from ecoviewer.targets import evaluate_targets

    project, tables = sample_tables
    results = evaluate_targets(project, tables)
    show(map_view, build_page(project, tables, targets=results))
    w, s, e, n = project.bookmark("生态岛与静湖 Eco-Island and Jing Lake")["bounds"]
    after(map_view, lambda: map_view.js(f"ecoviewer.fitBounds([[{s}, {w}], [{n}, {e}]])"))
    state = map_view.evaluate("ecoviewer.state()")
    west, south, east, north = state["bounds"]

    def inside(lonlat):
        return lonlat is not None and west <= lonlat[0] <= east and south <= lonlat[1] <= north

    expected = [
        r.id
        for r in results
        if r.anchor is not None and r.target.visible and (inside(r.focus or r.anchor) or inside(r.anchor))
    ]
    on_map = map_view.evaluate("ecoviewer.targetState().onMap")
    assert on_map == expected and 0 < len(expected) < len(results)
    assert any(not inside(r.anchor) for r in results if r.id in expected)  # one was pulled in
    boxes = map_view.evaluate("""Array.from(document.querySelectorAll('.ev-callout'))
        .map(function (n) { var b = n.getBoundingClientRect();
                            return [b.left, b.top, b.right, b.bottom]; })""")
    width, height = state["size"]
    assert len(boxes) == len(expected)
    for left, top, right, bottom in boxes:
        assert left >= 0 and top >= 0 and right <= width and bottom <= height
    controls = map_view.evaluate("""Array.from(document.querySelectorAll('.leaflet-control'))
        .map(function (n) { var b = n.getBoundingClientRect();
                            return [b.left, b.top, b.right, b.bottom]; })
        .filter(function (b) { return b[2] > b[0] && b[3] > b[1]; })""")
    assert controls  # zoom buttons, legend, scale bar: callouts keep off them too
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :] + controls:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_tile_requests_out_of_range_are_answered_at_once(map_view, tmp_path, monkeypatch, qtbot):
    """z = 10^9 stalled a tile worker for 9 s; a 5,000-digit z left the request unanswered.
    Every request gets an answer: such tiles fail at once, good ones still load."""
    import time

    import ecoviewer.web.page as page

    monkeypatch.setattr(page, "TILE_THRESHOLD", 1)
    project, tables = evil_project(tmp_path)
    map_view.show_project(project, tables)
    map_view.grab_drawn(0)
    base = map_view.tile_url() + "evil/"
    urls = [
        base + "1000000000/0/0.png",
        base + "9" * 5000 + "/0/0.png",
        base + "3/8/0.png",
        base + "25/0/0.png",
        base + "13/6775/3126.png",
    ]
    started = time.perf_counter()
    map_view.evaluate(
        """(function (urls) {
        window.__answers = {};
        urls.forEach(function (u, i) {
          var img = new Image();  // as Leaflet asks for tiles
          img.onload = function () { window.__answers[i] = 'ok'; };
          img.onerror = function () { window.__answers[i] = 'failed'; };
          img.src = u;
        });
        return true; })(URLS)""".replace("URLS", page.script_json(urls))
    )
    qtbot.waitUntil(lambda: len(map_view.evaluate("window.__answers")) == len(urls), timeout=10000)
    answers = map_view.evaluate("window.__answers")
    assert [answers[str(i)] for i in range(len(urls))] == ["failed"] * 4 + ["ok"]
    assert time.perf_counter() - started < 5


def test_page_calls_cannot_free_none(map_view, sample_tables):
    """PySide6 drops a reference to None on every runJavaScript call: ~20,000 page calls (a
    long meeting, a batch export; the test suite itself) aborted the process with "Fatal
    Python error: deallocating None". None is pinned when the map view module loads."""
    import sys

    project, tables = sample_tables
    map_view.show_project(project, tables)
    map_view.grab_drawn(0)
    for i in range(3000):
        map_view.set_visible("districts", i % 2 == 0)
    assert map_view.settle()
    if sys.version_info < (3, 12):  # from 3.12 CPython makes None immortal itself
        assert sys.getrefcount(None) > 2**39
