"""Layers streamed from their file (issue 16): the overview and its cache, tiles equal to the
in-memory renderer's, identify, pages of the attribute table, chunked targets equal to the
in-memory values, and the bad cases (cancel, a file changed on disk, no spatial index)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box

from ecoviewer import streaming
from ecoviewer.identify import identify
from ecoviewer.project import LayerSpec
from ecoviewer.sources import LayerError, read_layer, read_spec
from ecoviewer.styles import resolve_style
from ecoviewer.targets import TargetError, evaluate_target
from ecoviewer.tiles import HALF, TileRenderer, lonlat_to_mercator

from .conftest import write_layer
from .test_tiles import decode_png

LON0, LAT0, LON1, LAT1 = 117.71, 39.09, 117.81, 39.20
N = 3000
CATS = np.array(["passive", "certified", "conventional"], dtype=object)


def footprints(n: int, seed: int = 1):
    """Rotated rectangles (12–40 m by 8–20 m) in the Eco-City, plus three big shapes: a
    district with a hole, a two-part park and a long thin strip."""
    rng = np.random.default_rng(seed)
    lon = rng.uniform(LON0, LON1, n)
    lat = rng.uniform(LAT0, LAT1, n)
    w = rng.uniform(12, 40, n) / 86_500.0
    h = rng.uniform(8, 20, n) / 111_000.0
    a = rng.uniform(0, np.pi, n)
    c, s = np.cos(a), np.sin(a)
    dx = np.stack([-w, w, w, -w, -w], 1) / 2
    dy = np.stack([-h, -h, h, h, -h], 1) / 2
    xs = lon[:, None] + dx * c[:, None] - dy * s[:, None]
    ys = lat[:, None] + dx * s[:, None] + dy * c[:, None]
    geoms = list(shapely.polygons(np.stack([xs, ys], -1)))
    geoms[10] = Polygon(
        [(117.72, 39.10), (117.76, 39.10), (117.76, 39.14), (117.72, 39.14)],
        [[(117.73, 39.11), (117.75, 39.11), (117.75, 39.13), (117.73, 39.13)]],
    )
    geoms[20] = MultiPolygon([box(117.77, 39.15, 117.78, 39.16), box(117.79, 39.17, 117.80, 39.18)])
    geoms[30] = box(117.715, 39.19, 117.805, 39.1905)
    fields = {
        "category": CATS[rng.integers(0, 3, n)],
        "floors": rng.integers(2, 30, n).astype(np.int32),
        "floor_area": np.round(rng.uniform(300, 20000, n), 1),
        "name": np.array([f"楼{i}" for i in range(n)], dtype=object),
    }
    return geoms, fields


@pytest.fixture
def stream_above(monkeypatch):
    monkeypatch.setattr(streaming, "STREAM_ABOVE", 1000)


@pytest.fixture
def gpkg(tmp_path):
    geoms, fields = footprints(N)
    return write_layer(tmp_path / "buildings.gpkg", geoms, fields, driver="GPKG", layer="buildings")


def both(path, layer_id="b", monkeypatch=None):
    """The same file read whole and streamed (with its overview built in memory)."""
    saved = streaming.STREAM_ABOVE
    streaming.STREAM_ABOVE = 10**12
    try:
        whole = read_layer(path, layer_id=layer_id)
    finally:
        streaming.STREAM_ABOVE = saved
    streamed = read_layer(path, layer_id=layer_id)
    assert streamed.kind == "streamed"
    streaming.build_overview(streamed)
    return whole, streamed


def blur3(img: np.ndarray) -> np.ndarray:
    """Premultiplied colour and alpha averaged over 3×3 pixels."""
    a = img[..., 3:4] / 255.0
    pre = np.concatenate([img[..., :3] * a, img[..., 3:4]], axis=2).astype(float)
    pad = np.pad(pre, ((1, 1), (1, 1), (0, 0)), mode="edge")
    return sum(pad[dy : dy + img.shape[0], dx : dx + img.shape[1]] for dy in range(3) for dx in range(3)) / 9


def tile_of(lon, lat, z):
    x, y = lonlat_to_mercator(np.array([lon]), np.array([lat]))
    n = 2**z
    return z, int((x[0] + HALF) / (2 * HALF) * n), int((HALF - y[0]) / (2 * HALF) * n)


STYLE = {
    "kind": "categorized",
    "field": "category",
    "fill_opacity": 0.8,
    "categories": {"passive": "#1a9850", "certified": "#fdae61", "conventional": "#d73027"},
}


def test_a_big_file_with_a_spatial_index_is_streamed_and_says_so(stream_above, gpkg):
    table = read_layer(gpkg, layer_id="b")
    assert table.kind == "streamed"
    assert len(table) == N
    assert table.problems == [f"{N:,} features: streamed from the file's spatial index, not held in memory"]
    assert table.shape == "polygon"
    assert list(table.fields) == ["category", "floors", "floor_area", "name"]
    b = table.bounds
    assert LON0 - 0.01 < b[0] < LON0 + 0.01 and LAT1 - 0.01 < b[3] < LAT1 + 0.01
    # below the threshold: read whole, as before
    streaming.STREAM_ABOVE = N
    assert not hasattr(read_layer(gpkg, layer_id="b"), "kind")


@pytest.mark.parametrize("pyramid", [False, True], ids=["overview", "pyramid"])
def test_the_tiles_equal_the_in_memory_renderers_at_every_zoom(stream_above, gpkg, monkeypatch, pyramid):
    monkeypatch.setattr(streaming, "PYRAMID_ABOVE", 1000 if pyramid else 10**12)
    whole, streamed = both(gpkg)
    style = resolve_style(LayerSpec(id="b", path="b", style=STYLE), list(whole.fields))
    memory = TileRenderer(whole.geometry, style, whole.fields)
    stream = streaming.StreamRenderer(streamed, style)
    compared = 0
    assert (stream.pyramid() is not None) == pyramid
    for z in range(9, 19):
        for lon, lat in ((117.74, 39.12), (117.775, 39.155), (117.76, 39.19)):
            t = tile_of(lon, lat, z)
            a = decode_png(memory.render(*t)).astype(int)
            b = decode_png(stream.render(*t)).astype(int)
            # footprints of 1.5–3 pixels are spread over their box, not scan-filled: the
            # same ink, moved by at most a pixel — alike once seen 3×3 at a time
            assert abs(int(a[..., 3].sum()) - int(b[..., 3].sum())) <= 0.005 * a[..., 3].sum() + 255, t
            near = np.abs(blur3(a) - blur3(b)).max(axis=2)
            assert near.max() <= 32 and np.percentile(near, 99.8) <= 16, (t, near.max())
            if z >= 15:  # every footprint 6+ pixels wide: read and drawn exactly
                assert (np.abs(a - b).max(axis=2) > 8).mean() < 0.002, t
            compared += int((a[..., 3] > 0).sum())
    assert compared > 100_000  # the tiles had ink
    # a highlight (the selection, a target's features) draws only those rows
    rows = np.array([10, 20])
    t = tile_of(117.74, 39.12, 13)
    a = decode_png(memory.render(*t, only=rows))
    b = decode_png(stream.render(*t, only=rows))
    assert (a[..., 3] > 0).sum() > 1000
    assert np.abs(a.astype(int) - b.astype(int)).max(axis=2).__gt__(8).mean() < 0.002


def test_zoomed_out_tiles_read_only_the_features_big_enough_to_show(stream_above, gpkg, monkeypatch):
    _, streamed = both(gpkg)
    style = resolve_style(LayerSpec(id="b", path="b", style=STYLE), ["category"])
    stream = streaming.StreamRenderer(streamed, style)
    real = streamed.read_fids
    read = []
    monkeypatch.setattr(
        streamed, "read_fids", lambda fids, *a, **k: read.extend(fids.tolist()) or real(fids, *a, **k)
    )
    monkeypatch.setattr(streamed, "read_box", lambda *a, **k: pytest.fail("a box read at zoom 10"))
    z, x, y = tile_of(117.76, 39.145, 10)
    png = decode_png(stream.render(z, x, y))
    assert (png[..., 3] > 0).sum() > 50
    # the district (it has a hole) and the two-part park; the strip (one ring of four
    # vertices) and the 2,997 footprints come from the overview
    assert sorted(read) == sorted(streamed.overview.fid_file[[10, 20]].tolist())


def test_identify_pages_and_bounds_match_the_file(stream_above, gpkg):
    whole, streamed = both(gpkg)
    for lon, lat in ((117.7301, 39.1101), (117.775, 39.155)):
        a = identify({"b": whole}, ["b"], lon, lat, 16)
        b = identify({"b": streamed}, ["b"], lon, lat, 16)
        assert [(h.row, h.attributes) for h in a] == [(h.row, h.attributes) for h in b]
    row = int(np.flatnonzero(whole.fields["category"] == "passive")[5])
    point = shapely.point_on_surface(whole.geometry[row])
    hits = identify({"b": streamed}, ["b"], point.x, point.y, 18)
    assert hits and hits[0].row == row and hits[0].attributes["name"] == f"楼{row}"
    fids, page = streamed.page(2500, 600)
    assert len(fids) == 500
    assert list(page["name"]) == list(whole.fields["name"][2500:])
    assert streamed.attributes(77) == whole.attributes(77)
    rows = np.array([3, 10, 2999])
    assert np.allclose(streamed.bounds_of(rows), whole.bounds_of(rows), atol=1e-9)


TARGETS = [
    dict(id="mean", metric="mean", layer="b", field="floors", op="<", target=20),
    dict(id="wmean", metric="mean", layer="b", field="floors", weight="floor_area", op="<", target=20),
    dict(id="min", metric="min", layer="b", field="floor_area", op=">", target=400),
    dict(id="max", metric="max", layer="b", field="floor_area", op="<", target=20000),
    dict(
        id="sum",
        metric="sum",
        layer="b",
        field="floor_area",
        op="<",
        target=1e6,
        where={"category": ["passive"]},
    ),
    dict(
        id="count",
        metric="count_share",
        layer="b",
        where={"category": ["passive", "certified"]},
        op=">",
        target=70,
    ),
    dict(id="area", metric="area_share", layer="b", where={"category": ["passive"]}, op=">=", target=30),
    dict(id="within", metric="area_share", layer="b", within="z", op=">=", target=30),
    dict(id="cover", metric="coverage", layer="b", of="p", distance=500, op=">=", target=50),
]


@pytest.mark.parametrize("raw", TARGETS, ids=[t["id"] for t in TARGETS])
def test_targets_in_chunks_equal_the_in_memory_values(stream_above, gpkg, tmp_path, monkeypatch, raw):
    monkeypatch.setattr(streaming, "BATCH", 700)  # five chunks, the last one short
    whole, streamed = both(gpkg)
    parks = write_layer(tmp_path / "p.geojson", [Point(117.73, 39.11), Point(117.78, 39.16)])
    zones = write_layer(tmp_path / "z.geojson", [box(117.70, 39.08, 117.76, 39.15)])
    others = {"p": read_layer(parks, layer_id="p"), "z": read_layer(zones, layer_id="z")}
    a = evaluate_target(raw, {"b": whole, **others})
    b = evaluate_target(raw, {"b": streamed, **others})
    assert a.error is None and b.error is None
    assert a.value == pytest.approx(b.value, rel=1e-9)
    assert a.status == b.status
    assert sorted(a.responsible.get("b", [])) == sorted(b.responsible.get("b", []))
    assert np.allclose(a.anchor, b.anchor, atol=1e-4) if a.anchor is not None else b.anchor is None


def test_a_metric_that_cannot_be_chunked_is_one_line(stream_above, gpkg, tmp_path):
    _, streamed = both(gpkg)
    people = read_layer(
        write_layer(tmp_path / "p.geojson", [Point(117.75, 39.15)], {"pop": np.array([10])}), layer_id="p"
    )
    raw = dict(id="pc", metric="per_capita", layer="b", field="pop", population_layer="p", op=">", target=1)
    with pytest.raises(TargetError) as err:
        evaluate_target(raw, {"b": streamed, "p": people})
    assert str(err.value) == (
        "target 'pc': metric 'per_capita' is not measured on a streamed layer ('b' has 3,000 features; "
        "one of mean, min, max, sum, count_share, length_share, area_share, coverage)"
    )


def test_the_overview_is_cached_beside_the_project_and_rebuilt_when_the_file_changes(
    stream_above, gpkg, tmp_path
):
    before = hashlib.sha256(gpkg.read_bytes()).hexdigest()
    spec = LayerSpec(id="b", path="buildings.gpkg", base_dir=tmp_path)
    calls = []
    table = read_spec(spec, progress=lambda f: calls.append(f) or True)
    assert calls and calls[-1] == 1.0
    folder = streaming.overview_folder(table, tmp_path / streaming.CACHE_DIR)
    st = gpkg.stat()
    assert folder.name.endswith(f"-{st.st_size}-{st.st_mtime_ns}.overview") and folder.is_dir()
    assert len(table.overview) == N
    # opened again: adopted, not built
    calls.clear()
    again = read_spec(spec, progress=lambda f: calls.append(f) or True)
    assert calls == [] and len(again.overview) == N
    assert isinstance(again.overview.fid, np.memmap)  # mapped, not read
    assert hashlib.sha256(gpkg.read_bytes()).hexdigest() == before  # the source is only read
    # the file changes on disk: an open layer says so in one line, a new open rebuilds
    os.utime(gpkg, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    with pytest.raises(streaming.StreamError) as err:
        again.read_box(117.72, 39.10, 117.73, 39.11)
    assert str(err.value) == (
        "buildings.gpkg: the file changed on disk or is gone since it was opened; reopen the project"
    )
    read_spec(spec, progress=lambda f: calls.append(f) or True)
    assert calls and calls[-1] == 1.0


def test_a_streamed_layer_cannot_be_measured_against(stream_above, gpkg, tmp_path):
    _, streamed = both(gpkg)
    small = read_layer(write_layer(tmp_path / "s.geojson", [box(117.72, 39.10, 117.73, 39.11)]), layer_id="s")
    with pytest.raises(TargetError) as err:
        evaluate_target(
            dict(id="c", metric="coverage", layer="s", of="b", distance=100, op=">", target=1),
            {"b": streamed, "s": small},
        )
    assert str(err.value) == "target 'c': layer 'b' is streamed; it can be measured, not measured against"


def test_cancelling_the_overview_leaves_the_layer_out_and_no_cache(stream_above, gpkg, tmp_path, monkeypatch):
    monkeypatch.setattr(streaming, "BATCH", 1000)
    spec = LayerSpec(id="b", path="buildings.gpkg", base_dir=tmp_path)
    with pytest.raises(LayerError) as err:
        read_spec(spec, progress=lambda f: False)
    assert str(err.value) == "buildings.gpkg: not shown (its overview was not built: cancelled)"
    assert not any((tmp_path / streaming.CACHE_DIR).glob("*.overview"))


def test_a_read_only_project_folder_keeps_its_overview_in_the_users_cache(
    stream_above, gpkg, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.setattr(
        streaming, "cache_dirs", lambda base: [tmp_path / "nowhere" / "x", tmp_path / "user-cache"]
    )
    (tmp_path / "nowhere").write_text("a file, not a folder")
    table = read_spec(LayerSpec(id="b", path="buildings.gpkg", base_dir=tmp_path))
    assert len(table.overview) == N
    assert list((tmp_path / "user-cache").glob("*.overview"))


def test_a_big_file_without_a_spatial_index_is_read_whole_and_said(stream_above, tmp_path):
    geoms, fields = footprints(1500)
    path = write_layer(tmp_path / "b.geojson", geoms, {"floors": fields["floors"]})
    table = read_layer(path, layer_id="b")
    assert not hasattr(table, "kind") and len(table) == 1500
    assert table.problems[0] == (
        "1,500 features and no spatial index: read whole (build one — GeoPackage R-tree, "
        "FlatGeobuf, or a .qix beside a shapefile — to have it streamed)"
    )


def test_a_projected_file_streams_in_lon_lat(stream_above, tmp_path):
    geoms, fields = footprints(1200)
    import pyproj

    from ecoviewer.crs import transform_geometries

    projected = transform_geometries(
        np.array(geoms, dtype=object), pyproj.CRS("EPSG:4326"), pyproj.CRS("EPSG:4548")
    )
    path = write_layer(tmp_path / "b.fgb", projected, fields, crs="EPSG:4548", driver="FlatGeobuf")
    whole, streamed = both(path)
    assert streamed.crs.to_epsg() == 4548
    assert np.allclose(streamed.bounds, whole.bounds, atol=1e-6)
    row = 400
    p = shapely.point_on_surface(whole.geometry[row])
    hits = identify({"b": streamed}, ["b"], p.x, p.y, 18)
    assert hits[0].row == row
    style = resolve_style(LayerSpec(id="b", path="b", style=STYLE), list(whole.fields))
    t = tile_of(p.x, p.y, 17)
    a = decode_png(TileRenderer(whole.geometry, style, whole.fields).render(*t)).astype(int)
    b = decode_png(streaming.StreamRenderer(streamed, style).render(*t)).astype(int)
    assert (a[..., 3] > 0).sum() > 100
    assert (np.abs(a - b).max(axis=2) > 8).mean() < 0.002


def test_lines_and_points_stream_too(stream_above, tmp_path):
    rng = np.random.default_rng(5)
    x = rng.uniform(LON0, LON1, 1500)
    y = rng.uniform(LAT0, LAT1, 1500)
    lines = [LineString([(a, b), (a + 0.002, b + 0.001)]) for a, b in zip(x, y)]
    points = [Point(a, b) for a, b in zip(x, y)]
    style = resolve_style(LayerSpec(id="b", path="b", style={"color": "#223344", "weight": 2}), [])
    for name, geoms in (("lines", lines), ("points", points)):
        path = write_layer(tmp_path / f"{name}.gpkg", geoms, driver="GPKG")
        whole, streamed = both(path)
        memory = TileRenderer(whole.geometry, style, whole.fields)
        stream = streaming.StreamRenderer(streamed, style)
        for z in (14, 16, 18):
            t = tile_of(
                x[7] + (0.001 if name == "lines" else 0), y[7] + (0.0005 if name == "lines" else 0), z
            )
            a = decode_png(memory.render(*t)).astype(int)
            b = decode_png(stream.render(*t)).astype(int)
            assert (a[..., 3] > 0).sum() > 20, (name, z)
            assert (np.abs(a - b).max(axis=2) > 8).mean() < 0.002, (name, z)


def _project(tmp_path, gpkg) -> Path:
    path = tmp_path / "big.toml"
    path.write_text(
        '[project]\nname = "大"\n\n[[layers]]\nid = "b"\ntitle = "建筑"\npath = "buildings.gpkg"\n'
        'style = { kind = "categorized", field = "category", fill_opacity = 0.8, categories = '
        '{ passive = "#1a9850", certified = "#fdae61", conventional = "#d73027" } }\n\n'
        '[[targets]]\nid = "floors"\ntitle = "平均层数"\nmetric = "mean"\nlayer = "b"\nfield = "floors"\n'
        'op = "<"\ntarget = 20\n',
        encoding="utf-8",
    )
    return path


def _picture(project, tables, out) -> np.ndarray:
    from PySide6.QtGui import QImage

    from ecoviewer.render.snapshot import export_png

    work = project.detached()
    work.show_basemap(None)
    work.view = {"bounds": [117.725, 39.105, 117.765, 39.135]}  # the district with its hole
    export_png(work, tables, out, size=(640, 480), layer_ids=["b"], targets=[], map_only=True)
    image = QImage(str(out)).convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    arr = rows.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 3]
    return arr.reshape(image.height(), image.width(), 3).astype(int)


def test_an_exported_map_of_a_streamed_layer_equals_the_in_memory_one(
    stream_above, gpkg, tmp_path, qapp, monkeypatch
):
    import ecoviewer.web.page as page
    from ecoviewer.project import load_project
    from ecoviewer.sources import read_project_layers

    monkeypatch.setattr(page, "TILE_THRESHOLD", 1000)  # the file's 3,000 as tiles both ways

    project = load_project(_project(tmp_path, gpkg))
    streamed, errors = read_project_layers(project)
    assert errors == {} and streamed["b"].kind == "streamed"
    streaming.STREAM_ABOVE = 10**12
    whole, _ = read_project_layers(project)
    a = _picture(project, streamed, tmp_path / "streamed.png")
    b = _picture(project, whole, tmp_path / "whole.png")
    assert (np.abs(a - b) > 8).any(axis=2).mean() < 0.002
    assert (np.abs(a - a[0, 0]) > 8).any(axis=2).mean() > 0.2  # drawn: not an empty page


def test_the_window_shows_a_streamed_layer_its_table_identify_and_target(stream_above, gpkg, tmp_path, qtbot):
    from .conftest import opened_window

    path = _project(tmp_path, gpkg)
    with opened_window(path) as win:
        table = win.tables["b"]
        assert table.kind == "streamed"
        assert win.map.evaluate("ecoviewer.tileState()")[0][:2] == ["b", True]
        said = [win.messages.item(i).text() for i in range(win.messages.count())]
        assert any("3,000 个要素：按文件的空间索引流式读取" in line for line in said), said
        # the target, evaluated in chunks from the file
        floors = table.column("floors")
        result = win.target_model.result_at(win.target_model.row_of("floors"))
        assert result.value == pytest.approx(float(np.mean(floors)))
        # the attribute table: every row, read a page at a time
        dialog = win.open_attribute_table("b")
        model = dialog.model
        assert model.rowCount() == N
        idx = model.index(2999, 3)
        assert model.data(idx) == "楼2999"
        assert len(model._pages) == 1  # only the last page was read
        dialog.field.setCurrentIndex(dialog.field.findData("category"))
        dialog.value.setText("passive")
        assert model.rowCount() == int((table.column("category") == "passive").sum())
        assert not dialog.search.isEnabled()
        # identify reads around the click
        win.zoom = 18
        _, geoms, _ = table.read_fids(table.overview.fid_file[[42]], ["name"])
        p = shapely.point_on_surface(geoms[0])
        hits = win.identify_at(p.x, p.y)
        assert [(h.layer_id, h.row, h.attributes["name"]) for h in hits][:1] == [("b", 42, "楼42")]
        dialog.dock.close()


def test_a_streamed_layer_whose_file_changes_is_greyed_with_one_line(stream_above, gpkg, tmp_path, qtbot):
    from .conftest import opened_window

    path = _project(tmp_path, gpkg)
    with opened_window(path) as win:
        source = win.map.tiles.pages[win.map.token]["b"]
        st = gpkg.stat()
        os.utime(gpkg, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
        z, x, y = tile_of(117.74, 39.12, 17)
        source.renderer()
        assert source.render(z, x, y) == b""
        assert source.render(z, x + 1, y) == b""
        qtbot.waitUntil(lambda: "b" in win.model.errors, timeout=5000)
        said = [win.messages.item(i).text() for i in range(win.messages.count())]
        assert sum("文件在打开后已被更改或已不存在" in line for line in said) == 1, said
        os.utime(gpkg, ns=(st.st_atime_ns, st.st_mtime_ns))  # put back: reads work again
        assert source.render(z, x, y).startswith(b"\x89PNG")
        qtbot.waitUntil(lambda: "b" not in win.model.errors, timeout=5000)


@pytest.mark.parametrize("driver", ["GPKG", "FlatGeobuf"])
def test_goto_finds_names_in_a_streamed_layer_without_reading_it_whole(stream_above, tmp_path, driver):
    from ecoviewer.goto import search
    from ecoviewer.project import Project

    geoms, fields = footprints(1500)
    fields["name"][7] = "O'Brien楼"  # a quote, a percent sign, an underscore, a backslash:
    fields["name"][8] = "100%绿"  # text to find, not SQL
    fields["name"][9] = "a_b\\c"
    fields["name"][10] = "a-b"
    ext = ".gpkg" if driver == "GPKG" else ".fgb"
    path = write_layer(tmp_path / f"b{ext}", geoms, fields, driver=driver)
    whole, table = both(path)
    row = {name: i for i, name in enumerate(whole.fields["name"].tolist())}  # rows in file order
    project = Project(layers=[LayerSpec(id="b", path=str(path), base_dir=tmp_path)])
    tables = {"b": table}

    def found(text):
        return [(p.text, p.row) for p in search(project, tables, text)]

    assert found("楼299") == [("楼299", row["楼299"])]
    assert found("O'Brien") == [("O'Brien楼", row["O'Brien楼"])]
    assert found("100%") == [("100%绿", row["100%绿"])]
    assert found("a_b") == [("a_b\\c", row["a_b\\c"])]  # not "a-b": "_" is not a wildcard here
    assert found("b\\c") == [("a_b\\c", row["a_b\\c"])]
    assert found("楼' OR '1'='1") == []
    assert ("full", "name") not in table._columns and "name" not in table._columns  # never read whole


def test_simple_shapes_keep_their_ring_in_the_overview_and_are_never_read_again(
    stream_above, tmp_path, monkeypatch
):
    """L-shapes, 32-gons and rectangles are drawn zoomed in from the rings the overview
    keeps (quantized in their boxes); a 36-gon and a shape with a hole are read."""
    geoms, fields = footprints(N, seed=3)
    lon, lat = 117.7605, 39.1505
    d = 0.00025
    for i in range(40, 400):  # L-shapes (six vertices) around the tile looked at
        cx = lon + (i % 20 - 10) * 0.0006
        cy = lat + (i // 20 - 11) * 0.0005
        geoms[i] = Polygon(
            [
                (cx, cy),
                (cx + d, cy),
                (cx + d, cy + d / 2),
                (cx + d / 2, cy + d / 2),
                (cx + d / 2, cy + d),
                (cx, cy + d),
            ]
        )
    geoms[401] = shapely.Point(lon, lat).buffer(0.0004, quad_segs=8)  # 32 vertices: kept
    geoms[402] = shapely.Point(lon + 0.001, lat).buffer(0.0004, quad_segs=9)  # 36: read
    geoms[403] = (
        shapely.Point(lon - 0.001, lat)
        .buffer(0.0004, quad_segs=2)
        .difference(shapely.Point(lon - 0.001, lat).buffer(0.0001, quad_segs=2))
    )  # a hole: read
    path = write_layer(tmp_path / "shapes.gpkg", geoms, fields, driver="GPKG", layer="buildings")
    whole, streamed = both(path)
    ov = streamed.overview
    kept = np.diff(np.asarray(ov.ring_start))[np.asarray(ov.pos)]  # per file row
    assert kept[401] == 32 and kept[402] == 0 and kept[403] == 0 and kept[40] == 6 and kept[0] == 4
    assert kept[10] == 0 and kept[20] == 0 and kept[30] == 4  # a hole, two parts, the strip
    # the 32-gon's vertices come back within a 65535th of its box
    p = int(ov.pos[401])
    x, y, *_ = streaming._ring_edges(ov, np.array([p]), ov.x0[[p]], ov.y0[[p]], ov.x1[[p]], ov.y1[[p]])
    ring = shapely.get_coordinates(geoms[401])[:-1]
    mx, my = lonlat_to_mercator(ring[:, 0], ring[:, 1])
    near = np.hypot(x[:, None] + ov.origin[0] - mx[None, :], y[:, None] + ov.origin[1] - my[None, :])
    assert len(x) == 32 and near.min(axis=1).max() < 0.01 and near.min(axis=0).max() < 0.01
    x1, y1 = np.roll(x, -1), np.roll(y, -1)
    assert (x * y1 - x1 * y).sum() > 0  # kept anticlockwise (the buffer's ring is clockwise)

    style = resolve_style(LayerSpec(id="b", path="b", style=STYLE), list(whole.fields))
    memory = TileRenderer(whole.geometry, style, whole.fields)
    stream = streaming.StreamRenderer(streamed, style)
    real = streamed.read_fids
    read = []
    monkeypatch.setattr(
        streamed, "read_fids", lambda fids, *a, **k: read.extend(fids.tolist()) or real(fids, *a, **k)
    )
    for z in (16, 17, 18):
        t = tile_of(lon, lat, z)
        a = decode_png(memory.render(*t)).astype(int)
        b = decode_png(stream.render(*t)).astype(int)
        assert (a[..., 3] > 0).mean() > 0.2, z  # ink, outlines included
        assert (np.abs(a - b).max(axis=2) > 8).mean() < 0.002, z
    assert set(read) <= set(ov.fid_file[[402, 403]].tolist()) and read
    # highlighted, the same
    t = tile_of(lon, lat, 16)
    a = decode_png(memory.render(*t, only=np.array([401, 40, 41]))).astype(int)
    b = decode_png(stream.render(*t, only=np.array([401, 40, 41]))).astype(int)
    assert (a[..., 3] > 0).sum() > 500
    assert (np.abs(a - b).max(axis=2) > 8).mean() < 0.002


def test_a_kept_ring_too_coarse_for_the_zoom_is_read_instead(stream_above, gpkg, monkeypatch):
    """The strip (10 km long) keeps its four vertices to 65535ths of its box — 15 cm: drawn
    from the overview at zoom 17, read from the file at zoom 20 (a quarter pixel is 4 cm)."""
    whole, streamed = both(gpkg)
    style = resolve_style(LayerSpec(id="b", path="b", style=STYLE), list(whole.fields))
    stream = streaming.StreamRenderer(streamed, style)
    memory = TileRenderer(whole.geometry, style, whole.fields)
    real = streamed.read_fids
    read = []
    monkeypatch.setattr(
        streamed, "read_fids", lambda fids, *a, **k: read.extend(fids.tolist()) or real(fids, *a, **k)
    )
    strip = int(streamed.overview.fid_file[30])
    for z, from_file in ((17, False), (20, True)):
        read.clear()
        t = tile_of(117.76, 39.19025, z)
        a = decode_png(memory.render(*t)).astype(int)
        b = decode_png(stream.render(*t)).astype(int)
        assert (strip in read) == from_file, z
        assert (a[..., 3] > 0).mean() > 0.2 and (np.abs(a - b).max(axis=2) > 8).mean() < 0.002, z


def _mapped_kb(folder: Path) -> int:
    """Resident kB of this process's mappings of the files in ``folder``."""
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if head and "-" in head[0] and len(head) >= 5 and not head[0].endswith(":"):
            inside = len(head) >= 6 and head[5].startswith(str(folder))
        elif inside and line.startswith("Rss:"):
            total += int(head[1])
    return total


def test_a_long_session_of_tiles_gives_the_overviews_pages_back(stream_above, gpkg, tmp_path, monkeypatch):
    """Every RELEASE_EVERY tiles the overview's and the pyramid's mapped pages are given back
    (they stay in the page cache): drawing on needs them again and draws the same tiles."""
    monkeypatch.setattr(streaming, "RELEASE_EVERY", 3)
    monkeypatch.setattr(streaming, "PYRAMID_ABOVE", 1000)
    spec = LayerSpec(id="b", path="buildings.gpkg", base_dir=tmp_path, style=STYLE)
    table = read_spec(spec, progress=lambda f: True)
    assert isinstance(table.overview.x0, np.memmap)
    stream = streaming.StreamRenderer(table, resolve_style(spec, list(table.fields)))
    assert isinstance(stream.pyramid().levels[12][2], np.memmap)  # saved, then drawn mapped
    cache = tmp_path / streaming.CACHE_DIR
    tiles = [tile_of(117.74, 39.12, 16), tile_of(117.76, 39.15, 12), tile_of(117.775, 39.155, 17)]
    first = [stream.render(*t) for t in tiles[:2]]
    assert _mapped_kb(cache) > 0  # what the tiles read is resident
    first.append(stream.render(*tiles[2]))  # the third: then the pages are given back
    assert _mapped_kb(cache) == 0
    assert [stream.render(*t) for t in tiles] == first  # read again on need: the same tiles
    assert _mapped_kb(cache) == 0 and stream.render(*tiles[0]) == first[0] and _mapped_kb(cache) > 0
