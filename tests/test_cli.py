"""The command line: check (text and JSON), export PNG/HTML headless, exit codes, messages."""

import json
import subprocess
import sys

import pytest
from PySide6.QtGui import QColor, QImage

from ecoviewer.app.cli import main

from .conftest import ROOT, SAMPLE


def run(*args, cwd=None):
    proc = subprocess.run(
        [sys.executable, "-m", "ecoviewer", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=120,
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_check_sample_project_json():
    code, out, err = run("check", "layers/ecocity.toml", "--json")
    assert code == 0, err
    layers = {r["id"]: r for r in json.loads(out)["layers"]}
    assert set(layers) >= {
        "green_buildings",
        "transit",
        "water_network",
        "garden_zones",
        "districts",
        "shoreline",
        "air_stations",
        "protected_areas",
    }
    keys = {
        "id",
        "path",
        "layer",
        "ok",
        "features",
        "geometry_types",
        "crs",
        "crs_assumed",
        "encoding",
        "bounds",
        "fields",
        "sample",
        "problems",
        "error",
    }
    ground = {k: layers.pop(k) for k in ("schematic", "ndvi", "pm25_surface")}
    for report in layers.values():
        assert set(report) == keys and report["ok"] and report["error"] is None
        assert report["features"] > 0 and not report["crs_assumed"]
    # the ground: a basemap and two rasters, reported with what they are
    assert {k: (r["kind"], r["ok"]) for k, r in ground.items()} == {
        "schematic": ("basemap", True),
        "ndvi": ("raster", True),
        "pm25_surface": ("raster", True),
    }
    assert set(ground["ndvi"]) == keys | {"kind", "details"}
    assert ground["ndvi"]["details"] == {
        "width": 298,
        "height": 370,
        "bands": 1,
        "dtype": "float32",
        "nodata": -9999.0,
        "overviews": [2, 4, 8],
        "units": [""],
    }
    assert ground["ndvi"]["crs"] == "EPSG:4548"
    base = ground["schematic"]["details"]
    assert (base["source"], base["format"], base["minzoom"], base["maxzoom"]) == ("mbtiles", "png", 10, 14)
    assert "Schematic basemap" in base["attribution"]
    assert layers["green_buildings"]["crs"] == "EPSG:4548"
    assert layers["green_buildings"]["layer"] == "green_buildings"
    assert layers["shoreline"]["crs"] == "EPSG:4548"
    assert layers["garden_zones"]["crs"] == "EPSG:4490"
    assert layers["garden_zones"]["encoding"] == "GB18030"
    assert layers["districts"]["sample"]["name"] == "起步区"
    assert layers["districts"]["sample"]["population"] == "118000"
    assert layers["water_network"]["geometry_types"] == ["LineString", "Point", "Polygon"]
    minx, miny, maxx, maxy = layers["transit"]["bounds"]
    assert 117.7 < minx < maxx < 117.85 and 39.07 < miny < maxy < 39.22


def test_check_missing_and_corrupt_files(tmp_path):
    code, out, err = run("check", str(tmp_path / "nope.shp"))
    assert code == 1 and out == ""
    assert err == f"{tmp_path / 'nope.shp'}: file not found\n"
    bad = tmp_path / "broken.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    code, out, err = run("check", str(bad), "--json")
    assert code == 1 and "Traceback" not in err and len(err.splitlines()) == 1
    assert err.startswith(f"{bad}: ")
    report = json.loads(out)["layers"][0]
    assert report["ok"] is False and report["error"] == err.strip()


def test_check_project_with_a_bad_layer_reports_it_and_the_rest(tmp_path):
    (tmp_path / "empty.geojson").write_bytes(b"")
    project = tmp_path / "p.toml"
    project.write_text(
        f"""version = 1
[[layers]]
id = "good"
path = "{(ROOT / "layers/data/districts.geojson").as_posix()}"
[[layers]]
id = "bad"
path = "empty.geojson"
""",
        encoding="utf-8",
    )
    assert main(["check", str(project), "--json"]) == 1


def test_usage_errors_exit_2():
    assert run("check")[0] == 2
    assert run("frobnicate", "x", "y")[0] == 2
    code, _, err = run("export", "layers/ecocity.toml", "-o", "x.jpg")
    assert code == 2 and err.strip() == "ecoviewer export: x.jpg: the output must end in .png, .pdf or .html"
    code, _, err = run("export", "layers/ecocity.toml", "-o", "x.png", "--layers", "roads")
    assert code == 2 and err.startswith("ecoviewer export: no layer roads in ecocity.toml")
    assert run("export", "layers/ecocity.toml", "-o", "x.png", "--size", "big")[0] == 2
    # pages that cannot be laid out are usage errors, found before any layer is read
    code, _, err = run("export", "layers/ecocity.toml", "-o", "x.png", "--size", "300x200", "--dpi", "300")
    assert code == 2 and err.strip() == (
        "ecoviewer export: a 300×200 page at 300 dpi is too "
        "small for a layout (choose the bare map, a larger "
        "size or a lower dpi)"
    )
    code, _, err = run(
        "export", "layers/ecocity.toml", "-o", "x.png", "--size", "60x60", "--map-only", "--dpi", "300"
    )
    assert code == 2 and "would be 19×19 screen pixels" in err
    assert run("export", "layers/ecocity.toml", "-o", "x.png", "--size", "20000x900")[0] == 2


def test_export_png_headless(tmp_path):
    out = tmp_path / "snap.png"
    code, _, err = run("export", str(SAMPLE), "-o", str(out), "--size", "1200x800")
    assert code == 0, err
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
    assert round(image.dotsPerMeterX() * 0.0254) == 96
    # the four layer families appear in their own colours
    colours = {QColor(image.pixel(x, y)).name() for x in range(0, 1200, 3) for y in range(0, 800, 3)}
    for family, colour in {
        "water (lake)": "#4292c6",
        "transit (metro)": "#c51b7d",
        "green (eco-valley)": "#2ca25f",
        "buildings": "#e7298a",
    }.items():
        target = QColor(colour)
        assert any(_close(QColor(c), target, 40) for c in colours), family


def _close(a, b, tol):
    return sum(abs(x - y) for x, y in zip(a.getRgb()[:3], b.getRgb()[:3])) <= tol


def test_export_html_is_self_contained(tmp_path):
    out = tmp_path / "map.html"
    code, _, err = run("export", str(SAMPLE), "-o", str(out), "--layers", "water_network,transit")
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "https://cdn" not in html and "qrc:" not in html and "<script src=" not in html
    assert '"id":"transit"' in html and '"visible":false' in html  # others present, hidden


def test_failed_export_leaves_the_earlier_file_intact(tmp_path, monkeypatch, sample_tables):
    import os

    from ecoviewer.render.snapshot import ExportError, export_html

    project, tables = sample_tables
    out = tmp_path / "map.html"
    out.write_text("earlier export", encoding="utf-8")

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(ExportError) as err:
        export_html(project, tables, out)
    assert str(err.value) == f"{out}: cannot write (No space left on device)"
    assert out.read_text(encoding="utf-8") == "earlier export"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_targets_json():
    code, out, err = run("targets", "layers/ecocity.toml", "--json")
    assert code == 0, err
    results = json.loads(out)
    assert [r["id"] for r in results][:4] == [
        "pm25",
        "tap_water",
        "wetland_protection",
        "shoreline_retention",
    ]
    for r in results:
        assert set(r) == {
            "id", "title", "metric", "value", "unit", "op", "target", "year", "status",
            "series", "projection", "trend", "crossing_year",
        }  # fmt: skip
        if not r["series"]:  # a target without a series has no trend
            assert (r["projection"], r["trend"], r["crossing_year"]) == (None, "no-data", None)
        assert r["status"] in ("met", "missed", "no-data")
        assert r["value"] == round(r["value"], 1)
    by_id = {r["id"]: r for r in results}
    assert by_id["shoreline_retention"]["status"] == "missed"
    assert by_id["pm25"]["op"] == "<" and by_id["pm25"]["target"] == 43


def test_targets_bad_target_exits_1_and_names_it(tmp_path):
    project = tmp_path / "p.toml"
    project.write_text(
        f"""version = 1
[[layers]]
id = "d"
path = "{(ROOT / "layers/data/districts.geojson").as_posix()}"
[[targets]]
id = "people"
metric = "sum"
layer = "d"
field = "population"
op = ">"
target = 1
[[targets]]
id = "typo"
metric = "sum"
layer = "d"
field = "popluation"
target = 1
""",
        encoding="utf-8",
    )
    code, out, err = run("targets", str(project), "--json")
    assert code == 1
    fields = "name, name_en, population, area_km2, " + ", ".join(f"population_{y}" for y in range(2019, 2026))
    assert err == f"target 'typo': no field 'popluation' in layer 'd' (it has {fields})\n"
    results = json.loads(out)
    assert results[0]["status"] == "met" and results[0]["value"] == 235000.0
    assert results[1]["status"] == "error"
    assert run("targets")[0] == 2


def test_help_names_the_viewer_form():
    code, out, _ = run("--help")
    assert code == 0 and out.startswith("usage: ecoviewer [PATH]")
    assert "{check,targets,export}" in out and "Exit status: 0 success" in out


def test_options_that_would_be_ignored_are_usage_errors(tmp_path):
    """Unknown --theme/--scene are usage errors like unknown --layers (all exit 2, found
    before any layer is read); options that would silently do nothing are refused."""
    cases = [
        (("--theme", "nope"), "ecoviewer export: no theme 'nope' in ecocity.toml (themes: "),
        (("--scene", "9"), "ecoviewer export: no scene '9' in ecocity.toml (scenes: "),
        (("--portrait",), "ecoviewer export: --portrait/--landscape need --paper A4|A3"),
        (("--format", "pdf"), "ecoviewer export: --format is for --all-scenes/--all-themes"),
        (("--all-scenes", str(tmp_path)), "ecoviewer export: -o names one file;"),
    ]
    for extra, message in cases:
        code, _, err = run("export", "layers/ecocity.toml", "-o", str(tmp_path / "x.png"), *extra)
        assert code == 2, (extra, err)
        assert err.strip().startswith(message), err
    assert list(tmp_path.iterdir()) == []


def test_all_scenes_makes_its_folder(tmp_path):
    folder = tmp_path / "new" / "scenes"
    code, _, err = run("export", "layers/ecocity.toml", "--all-scenes", str(folder), "--format", "html")
    assert code == 0, err
    assert sorted(p.suffix for p in folder.iterdir()) == [".html"] * 5


def test_plain_check_shows_bounds_fields_and_first_row():
    code, out, _ = run("check", "layers/data/air_stations.csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("ok    air_stations: layers/data/air_stations.csv — ")
    assert lines[1].startswith("      bounds 117.")
    assert lines[2].startswith("      fields name, name_en, pm25_2019")
    assert lines[3].startswith("      first  name=生态城起步区站; name_en=Start-up area station")
