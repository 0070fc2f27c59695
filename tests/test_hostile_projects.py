"""Projects with wrong types, non-finite numbers and typos at every key: one line naming the
file and the problem (or the bad part reported and the rest working) — never a traceback, a
hang or a dead map. Also fuzzed with hypothesis: the loader loads or raises ProjectError."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecoviewer.project import ProjectError, load_project, parse_project
from ecoviewer.targets import evaluate_targets

from .conftest import ROOT

DATA = ROOT / "layers" / "data"


def base_doc() -> dict:
    """A small valid project on two of the sample's layers (absolute paths)."""
    return {
        "version": 2,
        "project": {"name": "t", "measure_crs": "EPSG:4548"},
        "view": {"bounds": [117.705, 39.076, 117.845, 39.212]},
        "layers": [
            {
                "id": "districts",
                "title": "d",
                "path": str(DATA / "districts.geojson"),
                "group": "Context",
                "style": {"kind": "single", "color": "#aaaaaa"},
            },
            {
                "id": "air",
                "title": "a",
                "path": str(DATA / "air_stations.csv"),
                "group": "Context",
                "style": {
                    "kind": "graduated",
                    "field": "pm25_2025",
                    "classes": [{"max": 35, "color": "#1a9850"}, {"max": 75, "color": "#d73027"}],
                },
            },
        ],
        "targets": [
            {
                "id": "pm25",
                "title": "PM2.5",
                "metric": "mean",
                "layer": "air",
                "field": "pm25_2025",
                "op": "<",
                "target": 43,
                "unit": "µg/m³",
            }
        ],
        "annotations": [{"id": "n1", "lon": 117.76, "lat": 39.15, "text": "note"}],
        "themes": [{"name": "all", "targets": ["pm25"], "layers": {"air": {"visible": True}}}],
        "bookmarks": [{"name": "b", "bounds": [117.75, 39.07, 117.85, 39.2]}],
        "scenes": [{"title": "s", "theme": "all", "bookmark": "b"}],
    }


def write(tmp_path: Path, doc: dict, name: str = "p.toml") -> Path:
    path = tmp_path / name
    path.write_text(tomli_w.dumps(doc), encoding="utf-8")
    return path


def test_base_project_is_valid(tmp_path):
    project = load_project(write(tmp_path, base_doc()))
    assert [s.id for s in project.layers] == ["districts", "air"]


def _set(doc: dict, path: str, value):
    keys = path.split(".")
    node = doc
    for k in keys[:-1]:
        node = node[int(k)] if isinstance(node, list) else node[k]
    last = keys[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return doc


# (where, value, the message's tail) — each would have crashed, hung or drawn a dead map
BAD = [
    ("view", "abc", "[view] must be a table"),
    ("view.bounds", "abc", "view.bounds must be [west, south, east, north]"),
    ("view.bounds", [117.7, 39.0, "x", 39.2], "view.bounds must be four numbers"),
    ("view.bounds", [117.7, math.nan, 117.8, 39.2], "view.bounds must be four numbers"),
    ("view.bounds", [117.7, 39.0, 117.7, 39.2], "view.bounds must have west < east"),
    ("view.bounds", [39.0, 117.7, 39.2, 117.8], "view.bounds must be lon/lat"),
    ("view.center", ["a", "b"], "view.center must be a number"),
    ("view.center", [math.inf, 39.1], "view.center must be a finite number"),
    ("view.zoom", 1e308, "view.zoom must be from 0 to 22"),
    ("bookmarks.0.bounds", ["117.75", 39.07, 117.85, 39.2], "bookmark 'b': bounds must be four numbers"),
    ("bookmarks.0.bounds", "alert(1)", "each [[bookmarks]] needs a text 'name'"),
    ("annotations.0.lon", math.nan, "note 'n1': lon/lat must be a finite number"),
    ("annotations.0.lat", 91.0, "note 'n1': lon/lat must be from -90 to 90"),
    (
        "annotations.0.color",
        "url(http://127.0.0.1/x)",
        "note 'n1': color 'url(http://127.0.0.1/x)' is not a colour",
    ),
    ("annotations.0.text", 5, "note 'n1': text must be text"),
    ("themes.0.targets", 5, "theme 'all': 'targets' must be a list of target ids"),
    ("themes.0.layers.air", "on", "theme 'all': layer 'air' must be a table"),
    ("scenes.0.theme", 5, "scene 's': 'theme' must be a name (text)"),
    ("layers.0.title", 5, "layer 'districts': title must be text or { zh = …, en = … }"),
    ("layers.0.crs", 4548, "layer 'districts': 'crs' must be text"),
    ("layers.0.visible", "yes", "layer 'districts': 'visible' must be true or false"),
    ("layers.0.opacity", True, "layer 'districts': opacity must be a number from 0 to 1"),
    ("project.name", ["x"], "[project] name must be text"),
    ("project", "x", "[project] must be a table"),
]


@pytest.mark.parametrize("where,value,message", BAD, ids=[f"{w}={v!r}"[:40] for w, v, _ in BAD])
def test_bad_values_are_one_line_naming_the_file(tmp_path, where, value, message):
    path = tmp_path / "bad.toml"
    # tomli_w cannot write NaN/inf the way a hand-written file can: write them ourselves
    doc = _set(base_doc(), where, value)
    text = tomli_w.dumps(doc) if not _non_finite(value) else _with_non_finite(doc)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProjectError) as err:
        load_project(path)
    line = str(err.value)
    assert "\n" not in line
    assert line.startswith("bad.toml: "), line
    assert message in line, line


def _non_finite(value) -> bool:
    vals = value if isinstance(value, list) else [value]
    return any(isinstance(v, float) and not math.isfinite(v) for v in vals)


def _with_non_finite(doc: dict) -> str:
    marker = {}

    def walk(node):
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        if isinstance(node, float) and not math.isfinite(node):
            key = f"__NF{len(marker)}__"
            marker[key] = "nan" if math.isnan(node) else ("inf" if node > 0 else "-inf")
            return key
        return node

    text = tomli_w.dumps(walk(doc))
    for key, lit in marker.items():
        text = text.replace(f'"{key}"', lit)
    assert tomllib.loads(text)  # a valid TOML file (TOML has nan and inf)
    return text


@pytest.mark.parametrize(
    "change,message",
    [
        (
            {"distance": 1e308, "metric": "coverage", "of": "districts"},
            "target 'pm25': metric 'coverage' needs 'distance' in metres (0 to 100,000)",
        ),
        ({"target": math.inf}, "target 'pm25': 'target' must be a number"),
        ({"anchor": [117.8, "39"]}, "target 'pm25': anchor must be a number, not '39'"),
        ({"anchor": [200.0, 39.1]}, "target 'pm25': anchor must be from -180 to 180, not 200"),
        ({"title": 7}, "target 'pm25': 'title' must be text, not int"),
        ({"unit": ["%"]}, "target 'pm25': 'unit' must be text"),
        ({"year": "2025"}, "target 'pm25': 'year' must be a year like 2035"),
        ({"verified": "yes"}, "target 'pm25': 'verified' must be true or false"),
        ({"op": ["<"]}, "target 'pm25': op must be one of < <= > >= ==, not ['<']"),
        (
            {"metric": {"a": 1}},
            "target 'pm25': unknown metric {'a': 1} (one of mean, min, max, sum, "
            "count_share, length_share, area_share, coverage, per_capita, raster_mean, raster_share)",
        ),
    ],
)
def test_bad_targets_are_one_line_and_others_still_evaluate(tmp_path, change, message):
    doc = base_doc()
    good = dict(doc["targets"][0], id="pm25_ok")
    doc["targets"][0].update(change)
    doc["targets"].append(good)
    path = tmp_path / "t.toml"
    path.write_text(
        tomli_w.dumps(doc) if not any(_non_finite(v) for v in change.values()) else _with_non_finite(doc),
        encoding="utf-8",
    )
    project = load_project(path)
    from ecoviewer.sources import read_project_layers

    tables, errors = read_project_layers(project)
    assert errors == {}
    results = evaluate_targets(project, tables)
    assert results[0].status == "error" and results[0].error == message
    assert results[1].status in ("met", "missed")


def test_special_files_as_project_are_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(ProjectError, match="not a regular file"):
        load_project(fifo)  # would block forever on open()
    with pytest.raises(ProjectError, match="not a regular file"):
        load_project("/dev/zero")  # would read until memory runs out
    big = tmp_path / "big.toml"
    with open(big, "wb") as fh:
        fh.truncate(2 * 2**30)  # a sparse 2 GB file: no disk used
    with pytest.raises(ProjectError, match="too big for a project file"):
        load_project(big)
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ProjectError, match=r"deep\.toml: not valid TOML"):
        load_project(deep)


def cli(*args, timeout=240):
    return subprocess.run(
        [sys.executable, "-m", "ecoviewer", *map(str, args)], capture_output=True, text=True, timeout=timeout
    )


def test_cli_special_files_and_bad_views_are_one_line(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    bad_view = write(tmp_path, _set(base_doc(), "view", "abc"), "view.toml")
    for args in (("check", fifo), ("targets", "/dev/zero"), ("export", bad_view, "-o", tmp_path / "x.png")):
        run = cli(*args, timeout=60)
        assert run.returncode == 1, (args, run.stderr)
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
    assert not (tmp_path / "x.png").exists()


def test_style_typos_show_in_check_and_export_draws_the_other_layers(tmp_path):
    doc = base_doc()
    doc["layers"][0]["style"] = {"kind": "heatmap"}
    doc["layers"][1]["style"]["tooltip"] = "name"
    path = write(tmp_path, doc)
    run = cli("check", path)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        f"{DATA / 'districts.geojson'}: layer 'districts' style: unknown kind 'heatmap' (one of "
        "single, categorized, graduated); drawn with the default style",
        f"{DATA / 'air_stations.csv'}: layer 'air' style: 'tooltip' must be a list of field "
        'names, like ["name"]; drawn with the default style',
    ]
    assert run.stdout.count("ok    ") == 2
    out = tmp_path / "out.html"
    run = cli("export", path, "-o", out)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 2
    html = out.read_text(encoding="utf-8")
    assert html.count("ecoviewer.addLayer(") == 2  # both layers, default style for the bad ones


@pytest.mark.parametrize(
    "style,message",
    [
        ({"color": 5}, "'color' must be a colour as text"),
        ({"color": "url(http://127.0.0.1:9/x.png)"}, "is not a colour"),
        ({"stroke": "red;background:url(x)"}, "is not a colour"),
        ({"kind": "categorized", "field": "name", "categories": [1]}, "'categories' must be a table"),
        ({"kind": "categorized", "field": "nope"}, "no field 'nope' in the layer"),
        ({"label_where": "x", "label": "name"}, "'label_where' must be a table"),
        ({"weight": math.nan}, "'weight' must be a finite number"),
        ({"dash": "6 3; x"}, "is not a dash pattern"),
    ],
)
def test_style_problems_name_layer_and_key(style, message):
    from ecoviewer.project import LayerSpec
    from ecoviewer.styles import StyleError, resolve_style

    spec = LayerSpec(id="l", path="l.geojson", style=style)
    with pytest.raises(StyleError, match=r"^layer 'l' style") as err:
        resolve_style(spec, ["name"])
    assert message in str(err.value)


def test_one_point_project_exports_a_png(tmp_path):
    """Zero-size bounds used to give an infinite zoom (a dead page, an export that waited
    minutes): fitting stops at street level."""
    from shapely.geometry import Point

    from .conftest import write_layer

    layer = write_layer(tmp_path / "one.geojson", [Point(117.76, 39.15)])
    doc = {
        "version": 2,
        "project": {"name": "one"},
        "layers": [
            {"id": "one", "path": str(layer), "style": {"color": "#d62728", "radius": 8, "fill_opacity": 1}}
        ],
    }
    out = tmp_path / "one.png"
    run = cli("export", write(tmp_path, doc), "-o", out, "--map-only", "--size", "400x300")
    assert run.returncode == 0, run.stderr
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (400, 300)
    centre = QColor(image.pixel(200, 150))
    assert (centre.red(), centre.green(), centre.blue()) == (0xD6, 0x27, 0x28)


# -- fuzzing ---------------------------------------------------------------------------------

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "name",
                    "title",
                    "bounds",
                    "center",
                    "zoom",
                    "lon",
                    "lat",
                    "text",
                    "color",
                    "layers",
                    "targets",
                    "visible",
                    "opacity",
                    "style",
                    "kind",
                    "field",
                    "path",
                    "data",
                    "theme",
                    "bookmark",
                    "metric",
                    "layer",
                    "target",
                    "anchor",
                    "distance",
                    "of",
                    "op",
                    "where",
                    "unit",
                    "year",
                    "categories",
                    "classes",
                    "tooltip",
                    "label_where",
                ]
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=12,
)
KEYS = ["version", "project", "view", "layers", "targets", "annotations", "themes", "bookmarks", "scenes"]


def _docs():
    def mutate(doc, key, value):
        doc = dict(doc)
        if value is None:
            doc.pop(key, None)
        else:
            doc[key] = value
        return doc

    return st.builds(mutate, st.just(base_doc()), st.sampled_from(KEYS), _values)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_docs())
def test_fuzzed_projects_load_or_fail_with_project_error(doc):
    """Any document: parse_project gives a Project (whose page data is then finite) or a
    ProjectError — never another exception."""
    try:
        project = parse_project(doc, Path("/tmp/fuzz.toml"))
    except ProjectError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("fuzz.toml: ")
        return
    evaluate_targets(project, {})  # bad targets are results with an error, never raise
    from ecoviewer.web.page import build_page

    build_page(project, {})  # the page builds (every number it passes is finite)


def test_a_vrt_layer_reads_only_when_the_project_allows_it(tmp_path):
    """Files that only point at other data are refused unless the project says otherwise
    (allow_indirect = true on that layer); the key is kept when the project is saved."""
    from ecoviewer.project import save_project
    from ecoviewer.sources import read_project_layers

    csv = tmp_path / "pts.csv"
    csv.write_text("name,lon,lat\na,117.75,39.14\n", encoding="utf-8")
    vrt = tmp_path / "pts.vrt"
    vrt.write_text(
        f'<OGRVRTDataSource><OGRVRTLayer name="pts"><SrcDataSource>{csv}'
        "</SrcDataSource><GeometryType>wkbPoint</GeometryType>"
        '<GeometryField encoding="PointFromColumns" x="lon" y="lat"/>'
        "</OGRVRTLayer></OGRVRTDataSource>",
        encoding="utf-8",
    )
    doc = {"version": 2, "project": {"name": "vrt"}, "layers": [{"id": "pts", "path": str(vrt)}]}
    tables, errors = read_project_layers(load_project(write(tmp_path, doc)))
    assert list(errors) == ["pts"] and "VRT" in errors["pts"] and "\n" not in errors["pts"]
    doc["layers"][0]["allow_indirect"] = True
    project = load_project(write(tmp_path, doc))
    tables, errors = read_project_layers(project)
    assert errors == {} and len(tables["pts"]) == 1
    saved = save_project(project, tmp_path / "saved.toml")
    assert load_project(saved).layer("pts").allow_indirect is True
    doc["layers"][0]["allow_indirect"] = "yes"
    with pytest.raises(ProjectError, match="'allow_indirect' must be true or false"):
        load_project(write(tmp_path, doc))


def test_deep_nesting_is_refused_at_load(tmp_path):
    """TOML nested 480 deep loaded, then could not be saved (the writer recurses): Save and
    every autosave raised. Nesting deeper than MAX_DEPTH is one line when read."""
    from ecoviewer.project_file import MAX_DEPTH

    path = tmp_path / "nested.toml"
    path.write_text('version = 2\n[project]\nname = "n"\nx = ' + "[" * 40 + "]" * 40 + "\n", encoding="utf-8")
    with pytest.raises(ProjectError, match=f"nested more than {MAX_DEPTH} deep"):
        load_project(path)


def test_what_the_window_adds_is_saved_so_that_it_opens_again(tmp_path):
    """Leaflet's bounds run past ±180° when zoomed out, clicks on a world copy east of the
    antimeridian give lon > 180, and notes can be long: a bookmark, a scene or a note made
    in the window was saved as a project that no longer opened."""
    from ecoviewer.project import NOTE_MAX, save_project

    project = load_project(write(tmp_path, base_doc()))
    mark = project.add_bookmark("world", [-292.5, -89.95, 293.9, 95.0])
    assert mark["bounds"] == [-180.0, -89.95, 180.0, 90.0]
    note = project.add_note(117.76 + 360, 39.15, "x" * (NOTE_MAX + 5))
    assert (note["lon"], note["lat"]) == (117.76, 39.15) and len(note["text"]) == NOTE_MAX
    with pytest.raises(ValueError):
        project.add_note(117.76, 39.15, "x", color="url(http://127.0.0.1/)")
    with pytest.raises(ValueError):
        project.add_bookmark("flat", [117.7, 39.1, 117.7, 39.2])
    project.add_scene("s2", theme="all", bookmark="world")
    reopened = load_project(save_project(project, tmp_path / "saved.toml"))
    assert reopened.bookmark("world")["bounds"] == [-180.0, -89.95, 180.0, 90.0]
    assert reopened.note(note["id"])["lon"] == 117.76
