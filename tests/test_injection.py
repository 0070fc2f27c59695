"""Text from data is data: every text slot a project or a layer file can fill is tried with
template, HTML and script payloads. The page must show each literally, compile no template
that holds it, and run nothing — in the offline HTML, in the window's page and in exports."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import jinja2
import numpy as np
import pytest
from shapely.geometry import Point, box

from ecoviewer.project import load_project
from ecoviewer.sources import read_project_layers
from ecoviewer.targets import evaluate_targets
from ecoviewer.web.page import build_page

from .conftest import write_layer


def payloads(tmp_path):
    """Payload kind → text. The template one would create a file if Jinja evaluated it."""
    pwned = tmp_path / "PWNED"
    return {
        "template": (
            "{{7*7}}{% if 1 %}JINJA{% endif %}"
            "{{ lipsum.__globals__['os'].system('touch " + str(pwned) + "') }}"
        ),
        "html": '<img src=x onerror="window.pwned=1"><b>bold</b>',
        "script": "</script><script>window.pwned=2</script></title><script>window.pwned=3</script>",
    }


SLOTS = (
    "value",
    "field",
    "layer_title",
    "category",
    "category_label",
    "class_label",
    "project",
    "target_title",
    "target_unit",
    "target_source",
    "note",
    "theme",
    "bookmark",
    "scene",
    "file",
)


def toml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def hostile_project(tmp_path, payload: str):
    """A project with ``payload`` (prefixed by the slot's name) in every text slot."""
    t = {slot: f"[{slot}]{payload}" for slot in SLOTS}
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    # a file name cannot hold "/" : the file slot keeps the payload without slashes
    fname = t["file"].replace("/", "_") + ".geojson"
    path = write_layer(
        data / fname,
        [box(117.74, 39.13, 117.76, 39.15), box(117.77, 39.13, 117.79, 39.15), Point(117.80, 39.16)],
        {
            "kind": np.array([t["category"], "plain", "plain"], dtype=object),
            t["field"]: np.array([t["value"], "v2", "v3"], dtype=object),
            "n": np.array([1.0, 5.0, 9.0]),
        },
    )
    rel = f"data/{path.name}"
    text = f"""version = 2
[project]
name = {toml_str(t["project"])}
measure_crs = "EPSG:4548"
[view]
bounds = [117.73, 39.12, 117.82, 39.17]

[[layers]]
id = "cats"
title = {{ zh = {toml_str(t["layer_title"])}, en = "en" }}
path = {toml_str(rel)}
group = "Green"
style = {{ kind = "categorized", field = "kind", fill_opacity = 1.0, weight = 0, tooltip = [{toml_str(t["field"])}, "kind"], label = {toml_str(t["field"])}, categories = {{ {toml_str(t["category"])} = {{ color = "#d62728", label = {toml_str(t["category_label"])} }}, plain = {{ color = "#2ca02c" }} }} }}

[[layers]]
id = "grad"
title = "grad"
path = {toml_str(rel)}
group = "Context"
style = {{ kind = "graduated", field = "n", classes = [{{ max = 3, color = "#1f77b4", label = {toml_str(t["class_label"])} }}, {{ max = 10, color = "#ff7f0e" }}] }}

[[targets]]
id = "share"
title = {{ zh = {toml_str(t["target_title"])}, en = "share" }}
metric = "count_share"
layer = "cats"
where = {{ kind = "plain" }}
op = ">="
target = 50
unit = {toml_str(t["target_unit"])}
year = 2030
source = {toml_str(t["target_source"])}
verified = true
anchor = [117.75, 39.16]

[[annotations]]
id = "n1"
lon = 117.78
lat = 39.155
text = {toml_str(t["note"])}
color = "#2171b5"

[[themes]]
name = {toml_str(t["theme"])}
targets = ["share"]
[themes.layers]
cats = {{ visible = true }}

[[bookmarks]]
name = {toml_str(t["bookmark"])}
bounds = [117.73, 39.12, 117.82, 39.17]

[[scenes]]
title = {toml_str(t["scene"])}
theme = {toml_str(t["theme"])}
bookmark = {toml_str(t["bookmark"])}
"""
    project_path = tmp_path / "hostile.toml"
    project_path.write_text(text, encoding="utf-8")
    return project_path, t


@pytest.fixture(params=["template", "html", "script"])
def hostile(request, tmp_path):
    payload = payloads(tmp_path)[request.param]
    path, texts = hostile_project(tmp_path, payload)
    project = load_project(path)
    tables, errors = read_project_layers(project)
    assert errors == {}
    results = evaluate_targets(project, tables)
    assert [r.status for r in results] == ["met"]  # 2 of 3 features are "plain": 66.7 %
    return request.param, project, tables, results, texts


def test_no_text_slot_reaches_a_template(hostile, tmp_path, monkeypatch):
    """Every template Jinja compiles while the page is built is recorded: none may hold any
    text from the project or its data (branca compiles each element's output again)."""
    kind, project, tables, results, texts = hostile
    compiled: list[str] = []
    original = jinja2.Environment.from_string

    def spy(self, source, *args, **kwargs):
        compiled.append(str(source))
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "from_string", spy)
    for bridge in (False, True):
        html = build_page(
            project, tables, targets=results, bridge=bridge, title=f"[title]{payloads(tmp_path)[kind]}"
        )
        assert compiled, "the spy saw no template: it would prove nothing"
        for source in compiled:
            for slot in texts:
                assert f"[{slot}]" not in source, f"{slot} reached a template"
            assert "[title]" not in source
        compiled.clear()
        assert not (tmp_path / "PWNED").exists()
        if kind == "template":  # the template text is there as written, not evaluated
            assert html.count("{% if 1 %}JINJA{% endif %}") >= 12
            assert "{{7*7}}" in html
        if kind != "template":
            # markup only ever as JSON escapes or HTML entities
            assert "<img src=x" not in html and "<script>window.pwned" not in html
            assert "<b>bold" not in html


def _page_texts(view) -> dict:
    return view.evaluate("""(function () {
      var tip = ecoviewer.tooltipElement('cats', 0);
      var q = function (s) { return Array.prototype.map.call(document.querySelectorAll(s),
                                                            function (n) { return n.textContent; }); };
      return { pwned: window.pwned === undefined ? null : window.pwned,
               title: document.title,
               legend: q('.ev-legend').join('|'), callouts: q('.ev-callout').join('|'),
               notes: q('.ev-note').join('|'), labels: q('.ev-label').join('|'),
               switcher: q('.ev-switcher').join('|'),
               tip: tip ? tip.textContent : null,
               imgs: document.querySelectorAll('img:not(.leaflet-tile)').length,
               bolds: document.querySelectorAll('.leaflet-container b:not(.ev-compare-target b)').length };
    })()""")


def _assert_literal(got: dict, texts: dict, title: str, kind: str) -> None:
    assert got["pwned"] is None, "a script from the data ran"
    assert got["title"] == title
    assert texts["layer_title"] in got["legend"]
    assert texts["category_label"] in got["legend"]
    assert texts["target_title"] in got["callouts"] and texts["target_unit"] in got["callouts"]
    assert texts["note"] in got["notes"]
    assert texts["value"][:50] in got["labels"]  # labels are cut to 60 characters
    assert texts["value"] in got["tip"]
    assert texts["field"][:55] in got["tip"]  # field names are cut to 60 characters
    assert got["imgs"] == 0
    if kind == "template":
        # {{7*7}} evaluated would show "49" on its own; the payload's temp path may hold
        # "pytest-49" or "pytest-493", which is not it
        shown = got["legend"] + got["callouts"] + got["notes"] + got["tip"]
        assert not re.search(r"(?<![\d-])49(?!\d)", shown), shown


def test_offline_html_shows_every_text_literally(hostile, map_view, tmp_path, qtbot):
    kind, project, tables, results, texts = hostile
    title = f"[title]{payloads(tmp_path)[kind]}"
    html = build_page(project, tables, targets=results, bridge=False, title=title)
    with qtbot.waitSignal(map_view.loadFinished, timeout=30000):
        map_view.set_html(html)  # no bridge: the page marks its frames in the DOM
    qtbot.waitUntil(
        lambda: map_view.evaluate("document.documentElement.getAttribute('data-rendered')") is not None,
        timeout=30000,
    )
    got = _page_texts(map_view)
    _assert_literal(got, texts, title, kind)
    assert texts["layer_title"] in got["switcher"] and texts["target_title"] in got["switcher"]
    assert texts["class_label"] in got["legend"]


def test_window_page_shows_every_text_literally(hostile, map_view, tmp_path):
    kind, project, tables, results, texts = hostile
    map_view.show_project(project, tables, targets=results)
    map_view.grab_drawn(0)
    got = _page_texts(map_view)
    _assert_literal(got, texts, texts["project"], kind)
    assert texts["class_label"] in got["legend"]
    assert not (tmp_path / "PWNED").exists()


def test_window_page_cannot_read_local_files(map_view, tmp_path):
    """A script that got into the window's page anyway still cannot read a local file."""
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret", encoding="utf-8")
    path, _ = hostile_project(tmp_path, "x")
    project = load_project(path)
    tables, _ = read_project_layers(project)
    map_view.show_project(project, tables)
    map_view.grab_drawn(0)
    map_view.evaluate(f"""(function () {{
      window.__read = 'pending';
      fetch({json.dumps(secret.as_uri())}).then(function (r) {{ return r.text(); }})
        .then(function (t) {{ window.__read = t; }}, function (e) {{ window.__read = 'refused'; }});
      var x = new XMLHttpRequest();
      try {{ x.open('GET', {json.dumps(secret.as_uri())}, false); x.send();
             window.__xhr = x.responseText; }} catch (e) {{ window.__xhr = 'refused'; }}
      return true; }})()""")
    import time

    from PySide6.QtCore import QCoreApplication

    deadline = time.time() + 10
    while map_view.evaluate("window.__read") == "pending" and time.time() < deadline:
        QCoreApplication.processEvents()
    assert map_view.evaluate("window.__read") == "refused"
    assert map_view.evaluate("window.__xhr") in ("refused", "")
    assert map_view.url().scheme() == "ecoviewer"


def test_cli_export_of_hostile_project_writes_literal_text(tmp_path):
    """The command line, end to end: an offline HTML and a PDF page of the hostile project
    (template payload, as a scene) show the text as written, and nothing ran."""
    payload = payloads(tmp_path)["template"]
    path, _ = hostile_project(tmp_path, payload)
    out_html = tmp_path / "out.html"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "ecoviewer",
            "export",
            str(path),
            "-o",
            str(out_html),
            "--title",
            "[title]" + payload,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    html = out_html.read_text(encoding="utf-8")
    assert "{% if 1 %}JINJA{% endif %}" in html and "[layer_title]{{7*7}}" in html
    assert "<title>[title]{{7*7}}" in html
    out_pdf = tmp_path / "out.pdf"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "ecoviewer",
            "export",
            str(path),
            "-o",
            str(out_pdf),
            "--scene",
            "1",
            "--paper",
            "A4",
            "--dpi",
            "96",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    text = subprocess.run(["pdftotext", str(out_pdf), "-"], capture_output=True, text=True).stdout
    assert "{{7*7}}{% if 1 %}JINJA{% endif %}" in text.replace("\n", "")
    assert not (tmp_path / "PWNED").exists()


HOSTILE_IDS = ["toString", "__proto__", "a{foo}", "../v1/x"]
ID_COLOURS = ["#d62728", "#2ca02c", "#1f77b4", "#9467bd"]


def _id_project(tmp_path):
    """Four layers whose ids are names of Object.prototype, a Leaflet URL placeholder and a
    path that climbs to another view's tiles; notes and a target with such ids too."""
    from shapely.geometry import box

    from ecoviewer.project import LayerSpec, Project

    specs, tables = [], {}
    from ecoviewer.sources import read_layer

    for i, (lid, colour) in enumerate(zip(HOSTILE_IDS, ID_COLOURS)):
        x = 117.72 + 0.03 * i
        path = write_layer(
            tmp_path / f"l{i}.geojson", [box(x, 39.13, x + 0.02, 39.15), box(x, 39.16, x + 0.001, 39.161)]
        )
        specs.append(
            LayerSpec(
                id=lid, path=str(path), title=lid, style={"color": colour, "fill_opacity": 1, "weight": 0}
            )
        )
        tables[lid] = read_layer(path, layer_id=lid)
    project = Project(
        name="ids",
        layers=specs,
        view={"bounds": [117.71, 39.12, 117.85, 39.17]},
        annotations=[
            {"id": "constructor", "lon": 117.75, "lat": 39.165, "text": "c"},
            {"id": "__proto__", "lon": 117.78, "lat": 39.165, "text": "p"},
        ],
        targets=[
            {
                "id": "__proto__",
                "title": "t",
                "metric": "count_share",
                "layer": "toString",
                "op": ">=",
                "target": 1,
                "anchor": [117.8, 39.125],
            }
        ],
    )
    return project, tables


@pytest.mark.parametrize("tiled", [False, True], ids=["paths", "tiles"])
def test_ids_from_files_are_only_names(map_view, tmp_path, monkeypatch, tiled):
    """An id of "toString" or "__proto__" found Object.prototype's entry and killed the page
    (nothing drew after it); "a{foo}" broke Leaflet's tile URL template; "../v1/x" made one
    view load another view's tiles. Every layer must draw in its own colour."""
    from PySide6.QtGui import QColor

    import ecoviewer.web.page as page

    if tiled:
        monkeypatch.setattr(page, "TILE_THRESHOLD", 1)
    project, tables = _id_project(tmp_path)
    results = evaluate_targets(project, tables)
    map_view.show_project(project, tables, targets=results)
    image = map_view.grab_drawn(0)
    state = map_view.evaluate("ecoviewer.state()")
    assert sorted(state["visible"]) == sorted(HOSTILE_IDS)
    for i, colour in enumerate(ID_COLOURS):
        x, y = map_view.evaluate(f"ecoviewer.containerPoint({117.73 + 0.03 * i}, 39.14)")
        got = QColor(image.pixel(round(x), round(y)))
        want = QColor(colour)
        assert all(abs(a - b) <= 3 for a, b in zip(got.getRgb()[:3], want.getRgb()[:3])), (
            HOSTILE_IDS[i],
            got.name(),
        )
    notes = map_view.evaluate("document.querySelectorAll('.ev-note').length")
    assert notes == 2
    assert map_view.evaluate("document.querySelectorAll('.ev-callout').length") == 1
    if tiled:
        assert map_view.evaluate("ecoviewer.tileState()") == [[i, True, False] for i in HOSTILE_IDS]
