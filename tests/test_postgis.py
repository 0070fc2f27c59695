"""PostGIS layers (issue 16) against a real server: a throwaway cluster (tests/pg_cluster.py)
loaded with the sample's layers; the map, identify and targets from the database match the
files; every bad connection, table or query is one line, and a project's SQL cannot write."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import shapely

from ecoviewer.project import load_project
from ecoviewer.sources import LayerError, read_project_layers, read_spec
from ecoviewer.targets import evaluate_targets
from tests.conftest import SAMPLE
from tests.pg_cluster import PASSWORD, Cluster

LAYERS = ("districts", "shoreline", "green_buildings", "air_stations", "garden_zones", "protected_areas")


def _sql_type(col: np.ndarray) -> str:
    if col.dtype.kind in "iu":
        return "bigint"
    if col.dtype.kind == "f":
        return "double precision"
    return "text"


def _load(conn, name: str, table, srid: int = 4326, index: bool = True) -> None:
    fields = {k: v for k, v in table.fields.items() if k != "fid"}
    cols = ", ".join(f'"{k}" {_sql_type(v)}' for k, v in fields.items())
    conn.execute(f'CREATE TABLE "{name}" (fid serial PRIMARY KEY, {cols}, geom geometry(Geometry, {srid}))')
    names = ", ".join(f'"{k}"' for k in fields)
    marks = ", ".join(["%s"] * len(fields))
    geom = "ST_SetSRID(ST_GeomFromWKB(%s), 4326)"
    geom = geom if srid == 4326 else f"ST_Transform({geom}, {srid})"
    with conn.cursor() as cur:
        rows = []
        for i in range(len(table)):
            values = [
                None if isinstance(v, float) and np.isnan(v) else v for v in (fields[k][i] for k in fields)
            ]
            values = [v.item() if hasattr(v, "item") else v for v in values]
            rows.append((*values, shapely.to_wkb(table.geometry[i])))
        cur.executemany(f'INSERT INTO "{name}" ({names}, geom) VALUES ({marks}, {geom})', rows)
    if index:
        conn.execute(f'CREATE INDEX ON "{name}" USING gist (geom)')


@pytest.fixture(scope="module")
def pg(tmp_path_factory, sample_tables):
    for name in ("PGPASSWORD", "PGSERVICE", "PGSERVICEFILE", "PGHOST", "PGUSER", "PGDATABASE", "PGPORT"):
        os.environ.pop(name, None)  # the developer's own settings must not decide these tests
    cluster = Cluster()
    passfile = tmp_path_factory.mktemp("pgpass") / "pgpass"
    passfile.write_text(f"127.0.0.1:{cluster.port}:*:planner:{PASSWORD}\n", encoding="utf-8")
    passfile.chmod(0o600)
    old = os.environ.get("PGPASSFILE")
    os.environ["PGPASSFILE"] = str(passfile)  # libpq's own password file, as a planner's ~/.pgpass
    try:
        cluster.start()
        with cluster.connect() as conn:
            conn.execute("CREATE DATABASE city")
        with cluster.connect("city") as conn:
            conn.execute("CREATE EXTENSION postgis")
            _, tables = sample_tables
            for name in LAYERS:
                _load(conn, name, tables[name], index=name != "garden_zones")
            # the shoreline once more, stored in the project's metric CRS (EPSG:4548)
            _load(conn, "shoreline_4548", tables["shoreline"], srid=4548)
            conn.execute("CREATE TABLE stats (name text, score int)")
            conn.execute("CREATE TYPE kind AS ENUM ('河道', 'lake')")
            conn.execute("CREATE TABLE kinds (k kind, n numeric, geom geometry(Point, 4326))")
            conn.execute(
                "INSERT INTO kinds VALUES ('河道', 1.5, 'SRID=4326;POINT(117.7 39.1)'), ('lake', NULL, NULL)"
            )
            conn.execute("CREATE VIEW mixed AS SELECT fid, geom FROM districts UNION ALL "
                         "SELECT fid, ST_Transform(geom, 4548) FROM shoreline_4548")  # fmt: skip
        yield cluster
    finally:
        cluster.stop()
        if old is None:
            os.environ.pop("PGPASSFILE", None)
        else:
            os.environ["PGPASSFILE"] = old


def _db_project(pg, tmp_path: Path, extra: str = "") -> Path:
    """The sample with its vector layers read from the database (same ids, styles, targets)."""
    text = SAMPLE.read_text(encoding="utf-8")
    uri = pg.uri("city")
    for name in LAYERS:
        for path in (f'path = "data/{name}.geojson"', f'path = "data/{name}.fgb"', f'path = "data/{name}.shp"',
                     'path = "data/air_stations.csv"\ncrs = "EPSG:4326"'):  # fmt: skip
            if path in text and (name in path):
                text = text.replace(path, f'path = "{uri}"\nlayer = "public.{name}"', 1)
    text = text.replace(
        'path = "data/green_buildings.gpkg"\nlayer = "green_buildings"',
        f'path = "{uri}"\nlayer = "public.green_buildings"',
    )
    out = tmp_path / "db.toml"
    out.write_text(text + extra, encoding="utf-8")
    # the rasters, the basemap and the other layers still come from the sample's files
    for sub in ("data",):
        (tmp_path / sub).symlink_to(SAMPLE.parent / sub)
    return out


def test_the_sample_from_postgis_gives_the_same_targets_and_features(pg, tmp_path, sample_tables):
    project = load_project(_db_project(pg, tmp_path))
    assert project.layer("shoreline").is_database and project.layer("shoreline").layer == "public.shoreline"
    tables, errors = read_project_layers(project)
    assert errors == {}
    sample, files = sample_tables
    for name in LAYERS:
        db, f = tables[name], files[name]
        assert db.driver == "PostGIS" and len(db) == len(f)
        assert db.crs.to_epsg() == 4326
        np.testing.assert_allclose(shapely.area(db.geometry), shapely.area(f.geometry), rtol=1e-9)
        for key in f.fields:
            if key != "fid":
                assert [str(v) for v in db.fields[key].tolist()] == [
                    str(v) for v in f.fields[key].tolist()
                ], key
    assert tables["garden_zones"].problems == [
        "'public.garden_zones' has no spatial index on 'geom'; it still draws (CREATE INDEX … USING GIST "
        "makes reading by area fast)"
    ]
    ours = {r.id: r for r in evaluate_targets(project, tables)}
    theirs = {r.id: r for r in evaluate_targets(sample, files)}
    for tid in ("pm25", "shoreline_retention", "green_buildings", "park_5min", "wetland_protection"):
        assert ours[tid].status == theirs[tid].status, tid
        assert abs(ours[tid].value - theirs[tid].value) <= 0.1, tid


def test_a_table_in_a_metric_crs_and_a_query(pg, tmp_path):
    project = load_project(_db_project(pg, tmp_path))
    spec = project.layer("shoreline")
    spec.layer = "public.shoreline_4548"
    metric = read_spec(spec)
    assert metric.crs.to_epsg() == 4548
    files = read_spec(load_project(SAMPLE).layer("shoreline"))
    assert (
        np.abs(shapely.get_coordinates(metric.geometry) - shapely.get_coordinates(files.geometry)).max()
        < 1e-7
    )
    spec.layer, spec.sql = None, "SELECT name, type, geom FROM shoreline WHERE type LIKE 'eco%'"
    query = read_spec(spec)
    assert set(query.fields) == {"name", "type"} and set(query.fields["type"].tolist()) == {"ecological"}


@pytest.mark.parametrize(
    ("path", "layer", "sql", "message"),
    [
        ("{uri}", "public.stats", None, "'public.stats' has no geometry column"),
        ("{uri}", "public.nowhere", None, "no table or view 'public.nowhere'"),
        ("{uri}", None, "SELECT nope FROM districts", 'sql: column "nope" does not exist'),
        ("{uri}", None, "SELECT name FROM districts", "sql: the query has no geometry column"),
        ("{uri}", "public.mixed", None, "geometries in 2 SRIDs (4326, 4548); one SRID per layer (ST_Transform them in sql)"),
        ("{secret}", "public.districts", None, "a password in the project file is refused; keep it in ~/.pgpass, pg_service.conf or PGPASSWORD"),
        ("postgresql://planner@127.0.0.1:{closed}/city", "public.districts", None, "cannot connect ("),
        ("{uri}", None, "SELECT geom FROM districts; DROP TABLE districts", "sql: "),
        ("{uri}", None, "SELECT geom FROM districts) x; COMMIT; BEGIN READ WRITE; DROP TABLE districts; COMMIT; "
         "BEGIN; SELECT * FROM (SELECT 1 AS geom", "cannot insert multiple commands into a prepared statement"),
        ("{uri}?%70assword=x", "public.districts", None, "a password in the project file is refused"),
        ("postgresql://planner:secret@127.0.0.1:abc/city", "public.districts", None, "a password in the project file is refused"),
        ("{nopostgis}", "public.districts", None, "relation \"geometry_columns\" does not exist"),
        ("{uri}", None, "WITH gone AS (DELETE FROM districts RETURNING *) SELECT * FROM gone", "sql: WITH clause containing a data-modifying statement must be at the top level"),
        ("{uri}", None, "SELECT geom, nextval('districts_fid_seq') FROM districts", "cannot execute nextval() in a read-only transaction"),
    ],
)  # fmt: skip
def test_bad_database_layers_are_one_line_and_nothing_is_written(pg, tmp_path, path, layer, sql, message):
    from ecoviewer.project import LayerSpec
    from tests.pg_cluster import free_port

    where = path.format(
        uri=pg.uri("city"),
        secret=pg.uri("city", password=True),
        closed=free_port(),
        nopostgis=pg.uri("postgres"),
    )
    spec = LayerSpec(id="x", path=where, layer=layer, sql=sql, base_dir=tmp_path)
    with pytest.raises(LayerError) as exc:
        read_spec(spec)
    line = str(exc.value)
    assert "\n" not in line and message in line
    assert PASSWORD not in line and "secret" not in line
    with pg.connect("city") as conn:  # whatever the project said, the data is all there
        assert conn.execute("SELECT count(*) FROM districts").fetchone()[0] == 4


def test_a_wrong_password_is_one_line(pg, tmp_path, monkeypatch):
    from ecoviewer.project import LayerSpec

    bad = tmp_path / "pgpass"
    bad.write_text(f"127.0.0.1:{pg.port}:*:planner:wrong\n", encoding="utf-8")
    bad.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(bad))
    with pytest.raises(LayerError) as exc:
        read_spec(LayerSpec(id="x", path=pg.uri("city"), layer="public.districts"))
    assert str(exc.value) == (
        f"{pg.uri('city')} [public.districts]: cannot connect (FATAL: password authentication failed "
        'for user "planner")'
    )


def test_a_database_path_is_saved_as_written(pg, tmp_path):
    from ecoviewer.project import save_project

    project = load_project(_db_project(pg, tmp_path))
    other = tmp_path / "elsewhere"
    other.mkdir()
    save_project(project, other / "p.toml")
    again = load_project(other / "p.toml")
    assert again.layer("shoreline").path == pg.uri("city")
    assert again.layer("shoreline").layer == "public.shoreline"


def test_identify_and_the_map_from_postgis_match_the_files(pg, tmp_path, sample_tables):
    from PySide6.QtGui import QImage

    from ecoviewer.identify import identify
    from ecoviewer.render.snapshot import export_png

    project = load_project(_db_project(pg, tmp_path))
    tables, _ = read_project_layers(project)
    sample, files = sample_tables
    point = shapely.point_on_surface(files["districts"].geometry[0])
    ids = ["districts", "green_buildings", "shoreline"]
    ours = [(h.layer_id, h.row, {k: v for k, v in h.attributes.items() if k != "fid"}) for h in
            identify(tables, ids, point.x, point.y, 14)]  # fmt: skip
    theirs = [(h.layer_id, h.row, {k: v for k, v in h.attributes.items() if k != "fid"}) for h in
              identify(files, ids, point.x, point.y, 14)]  # fmt: skip
    assert ours == theirs and ours
    pictures = []
    for proj, tabs, name in ((project, tables, "db.png"), (sample, files, "files.png")):
        work = proj.detached()
        work.show_basemap(None)
        export_png(work, tabs, tmp_path / name, size=(640, 480), layer_ids=ids, targets=[], map_only=True)
        image = QImage(str(tmp_path / name)).convertToFormat(QImage.Format.Format_RGB888)
        pictures.append(bytes(image.constBits()))
    assert pictures[0] == pictures[1]  # the same pixels


def test_a_planner_adds_a_postgis_layer_in_the_window(pg, tmp_path, qapp, qtbot):
    from PySide6.QtCore import QCoreApplication, QEvent

    from ecoviewer.app.main_window import MainWindow

    win = MainWindow(lang="zh")
    win.resize(1000, 700)
    win.show()
    try:
        assert win.new_project("库")
        dialog = win.add_database_dialog()
        dialog.connection.setText(pg.uri("city"))
        dialog.connect()
        qtbot.waitUntil(lambda: dialog.table.count() > 0, timeout=10_000)
        assert "public.shoreline" in [dialog.table.itemText(i) for i in range(dialog.table.count())]
        dialog.table.setCurrentText("public.shoreline")
        dialog.add()
        qtbot.waitUntil(lambda: [s.id for s in win.project.layers] == ["shoreline"], timeout=10_000)
        assert (
            len(win.tables["shoreline"]) == 28
            and win.project.layer("shoreline").style["kind"] == "categorized"
        )
        assert win.map.settle()
        win.undo_stack.undo()
        assert win.project.layers == []
        # a password typed into the connection is refused in one line, in Chinese
        bad = win.add_database_dialog()
        bad.connection.setText(pg.uri("city", password=True))
        bad.connect()
        qtbot.waitUntil(lambda: "密码" in bad.status.text(), timeout=10_000)
        assert PASSWORD not in bad.status.text()
        bad.reject()
    finally:
        win.dirty = False
        win.close()
        win.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_targets_pushed_down_to_sql_equal_the_local_evaluation(pg, tmp_path, sample_tables):
    from ecoviewer.pushdown import PushdownError, database_value

    project = load_project(_db_project(pg, tmp_path))
    sample, files = sample_tables
    local = {r.id: r.value for r in evaluate_targets(sample, files)}
    pushed = {}
    for raw in project.targets:
        try:
            pushed[raw["id"]] = database_value(raw, project)
        except PushdownError:
            continue
    # mean (PM2.5), min (tap water: its layer is a file here — evaluated locally), length share,
    # count share weighted by floor area, area share within another layer, coverage at 500 m
    assert set(pushed) == {
        "pm25",
        "shoreline_retention",
        "green_buildings",
        "park_5min",
        "wetland_protection",
    }
    for tid, value in pushed.items():
        assert abs(value - local[tid]) <= 0.1, (tid, value, local[tid])
    more = [
        {"id": "s", "metric": "sum", "layer": "districts", "field": "population", "op": ">", "target": 0},
        {"id": "m", "metric": "max", "layer": "air_stations", "field": "pm25_2019", "op": "<", "target": 60},
        {"id": "w", "metric": "mean", "layer": "air_stations", "field": "pm25_2025", "weight": "pm25_2019",
         "op": "<", "target": 43},
        {"id": "a", "metric": "area_share", "layer": "garden_zones", "where": {"category": ["park", "wetland"]},
         "op": ">", "target": 1},
    ]  # fmt: skip
    from ecoviewer.targets import evaluate_target

    for raw in more:
        here = evaluate_target(raw, files, sample.measure_crs).value
        assert abs(database_value(raw, project) - here) <= 0.1, raw["id"]


def test_ecoviewer_targets_in_database(pg, tmp_path, monkeypatch):
    import json
    import subprocess
    import sys

    path = _db_project(pg, tmp_path)
    out = subprocess.run(
        [sys.executable, "-m", "ecoviewer", "targets", "--json", "--in-database", str(path)],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ},
    )
    assert out.returncode in (0, 1), out.stderr  # (1: the sample's raster targets on their own)
    got = {t["id"]: t for t in json.loads(out.stdout)}
    base = subprocess.run(
        [sys.executable, "-m", "ecoviewer", "targets", "--json", str(SAMPLE)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    want = {t["id"]: t for t in json.loads(base.stdout)}
    for tid in ("pm25", "shoreline_retention", "park_5min", "wetland_protection", "green_buildings"):
        assert (
            abs(got[tid]["value"] - want[tid]["value"]) <= 0.1 and got[tid]["status"] == want[tid]["status"]
        ), tid


def test_enums_numerics_and_missing_geometry_read_as_a_file_would_give_them(pg):
    from ecoviewer.project import LayerSpec

    table = read_spec(LayerSpec(id="k", path=pg.uri("city"), layer="public.kinds"))
    assert table.fields["k"].tolist() == ["河道", "lake"]
    assert table.fields["n"][0] == 1.5 and np.isnan(table.fields["n"][1])
    assert shapely.is_missing(table.geometry).tolist() == [False, True]


# -- big tables, streamed by area ---------------------------------------------------------------


@pytest.fixture(scope="module")
def big_table(pg, tmp_path_factory):
    """The streaming tests' 3,000 footprints (and their district, park and strip) as a table
    with an integer key and a GiST index; the same features read whole from a GeoPackage."""
    from ecoviewer import streaming
    from tests.conftest import write_layer
    from tests.test_streaming import footprints

    geoms, fields = footprints(3000)
    folder = tmp_path_factory.mktemp("big")
    gpkg = write_layer(folder / "buildings.gpkg", geoms, fields, driver="GPKG", layer="buildings")
    saved = streaming.STREAM_ABOVE
    streaming.STREAM_ABOVE = 10**12
    try:
        from ecoviewer.sources import read_layer

        whole = read_layer(gpkg, layer_id="b")
    finally:
        streaming.STREAM_ABOVE = saved
    with pg.connect("city") as conn:
        _load(conn, "big", whole)
        conn.execute("ANALYZE big")
    return whole, folder


def _big_spec(pg, folder):
    from ecoviewer.project import LayerSpec

    return LayerSpec(id="b", path=pg.uri("city"), layer="public.big", base_dir=folder)


def test_a_big_table_is_streamed_by_area_and_draws_like_the_file(pg, big_table, monkeypatch):
    from ecoviewer import streaming
    from ecoviewer.project import LayerSpec
    from ecoviewer.styles import resolve_style
    from ecoviewer.tiles import TileRenderer
    from tests.test_streaming import STYLE, blur3, decode_png, tile_of

    monkeypatch.setattr(streaming, "STREAM_ABOVE", 1000)
    whole, folder = big_table
    table = read_spec(_big_spec(pg, folder))
    assert table.kind == "streamed" and table.driver == "PostGIS" and len(table) == 3000
    assert table.problems[-1] == "3,000 rows: streamed from the database by area, not held in memory"
    assert table.key == "fid" and table.srid == 4326
    assert list(table.fields) == ["fid", *whole.fields]  # the key is a field, as in memory
    assert (table.cache / "fid.npy").exists()  # the overview, beside the project
    style = resolve_style(LayerSpec(id="b", path="b", style=STYLE), list(whole.fields))
    memory = TileRenderer(whole.geometry, style, whole.fields)
    stream = streaming.StreamRenderer(table, style)
    for z in (12, 14, 16, 18):
        t = tile_of(117.725, 39.105, z)  # in the district (117.74, 39.12 is in its hole)
        a = decode_png(memory.render(*t)).astype(int)
        b = decode_png(stream.render(*t)).astype(int)
        assert (a[..., 3] > 0).sum() > 100
        assert np.abs(blur3(a) - blur3(b)).max() <= 32, z
        if z >= 16:
            assert (np.abs(a - b).max(axis=2) > 8).mean() < 0.002, z
    # identify and the attribute table read by key
    from ecoviewer.identify import identify

    p = shapely.point_on_surface(whole.geometry[42])
    hit = identify({"b": table}, ["b"], p.x, p.y, 18)[0]
    assert hit.row == 42 and hit.attributes["name"] == "楼42"
    _, page = table.page(2990, 100)
    assert list(page["name"]) == [f"楼{i}" for i in range(2990, 3000)]
    # go-to asks the server (the text a parameter)
    from ecoviewer.goto import search
    from ecoviewer.project import Project

    project = Project(layers=[_big_spec(pg, folder)])
    assert [(p.text, p.row) for p in search(project, {"b": table}, "楼2999")] == [("楼2999", 2999)]
    assert search(project, {"b": table}, "楼' OR '1'='1") == []


def test_a_big_table_sends_simplified_shapes_when_zoomed_out(pg, big_table, monkeypatch):
    from ecoviewer import streaming

    monkeypatch.setattr(streaming, "STREAM_ABOVE", 1000)
    with pg.connect("city") as conn:  # a round lake of 2,000 vertices joins the table
        conn.execute(
            "INSERT INTO big (fid, category, floors, floor_area, name, geom) VALUES (5000, 'lake', 1, 1, '湖', "
            "ST_Buffer(ST_SetSRID(ST_MakePoint(117.75, 39.15), 4326), 0.01, 500))"
        )
    try:
        table = read_spec(_big_spec(pg, big_table[1]))
        _, exact, _ = table.read_fids(np.array([5000]))
        _, coarse, _ = table.read_fids(np.array([5000]), tolerance=40.0)  # zoom 12: 38 m pixels
        assert shapely.get_num_coordinates(exact[0]) == 2001
        assert shapely.get_num_coordinates(coarse[0]) < 100
        assert abs(shapely.area(coarse[0]) - shapely.area(exact[0])) < 0.05 * shapely.area(
            exact[0]
        )  # sagitta of 40 m
    finally:
        with pg.connect("city") as conn:
            conn.execute("DELETE FROM big WHERE fid = 5000")


def test_targets_on_a_big_table_equal_the_files(pg, big_table, monkeypatch):
    from ecoviewer import streaming
    from ecoviewer.targets import evaluate_target

    monkeypatch.setattr(streaming, "STREAM_ABOVE", 1000)
    monkeypatch.setattr(streaming, "BATCH", 700)
    whole, folder = big_table
    table = read_spec(_big_spec(pg, folder))
    for raw in (
        dict(id="m", metric="mean", layer="b", field="floors", op="<", target=20),
        dict(id="a", metric="area_share", layer="b", where={"category": ["passive"]}, op=">", target=30),
    ):
        a = evaluate_target(raw, {"b": whole})
        b = evaluate_target(raw, {"b": table})
        assert b.value == pytest.approx(a.value, rel=1e-9)
        assert sorted(b.responsible["b"]) == sorted(a.responsible["b"])


def test_a_big_table_greys_out_when_the_server_goes_and_comes_back(pg, big_table, monkeypatch):
    from ecoviewer import streaming
    from ecoviewer.project import LayerSpec
    from ecoviewer.render.tile_scheme import StreamTileSource
    from ecoviewer.styles import resolve_style
    from tests.test_streaming import STYLE, tile_of

    monkeypatch.setattr(streaming, "STREAM_ABOVE", 1000)
    table = read_spec(_big_spec(pg, big_table[1]))
    source = StreamTileSource(
        table, resolve_style(LayerSpec(id="b", path="b", style=STYLE), list(table.fields))
    )
    told = []
    source.on_problem = told.append
    source.renderer()
    z, x, y = tile_of(117.74, 39.12, 17)
    assert source.render(z, x, y).startswith(b"\x89PNG")
    pg.pause()
    try:
        assert source.render(z, x, y) == b""
        assert source.render(z, x + 1, y) == b""
        assert len(told) == 1 and told[0].startswith(f"{table.path}: the database does not answer (")
    finally:
        pg.resume()
    assert source.render(z, x, y).startswith(b"\x89PNG")  # back by itself
    assert told[1:] == [None]


def test_coverage_pushed_down_equals_the_local_value_for_cut_whole_and_apart_features(pg, tmp_path):
    """Polygons and lines the zone's edge cuts (overlaid piece by piece in SQL), wholly
    inside, or apart; weighted or not; a buffer or none: the database's value is the local
    one."""
    from ecoviewer.project import Project
    from ecoviewer.pushdown import database_value
    from ecoviewer.sources import read_layer
    from ecoviewer.targets import evaluate_target
    from tests.conftest import write_layer

    rng = np.random.default_rng(7)
    lon, lat = 117.76, 39.15

    def rects(n, lo, hi):
        x = lon + rng.uniform(-0.01, 0.01, n)
        y = lat + rng.uniform(-0.008, 0.008, n)
        w = rng.uniform(lo, hi, n) / 86_500
        h = rng.uniform(lo, hi, n) / 111_000
        return list(shapely.box(x, y, x + w, y + h))

    x = lon + rng.uniform(-0.01, 0.01, 120)
    y = lat + rng.uniform(-0.008, 0.008, 120)
    a = rng.uniform(0, np.pi, 120)
    reach = np.where(np.arange(120) < 10, 0.03, 0.003)  # ten lines 2.5 km long: many grid cells
    layers = {
        "cov_a": (rects(400, 20, 90), {"floors": rng.integers(1, 30, 400).astype(np.int32),
                                       "zone": rng.uniform(0, 5, 400)}),
        "cov_of": (rects(25, 30, 60), {"kind": np.array(["park", "plaza"] * 12 + ["park"], dtype=object)}),
        "cov_l": (
            list(shapely.linestrings(np.stack([np.stack([x, x + reach * np.cos(a)], 1),
                                               np.stack([y, y + reach * 0.7 * np.sin(a)], 1)], -1))),
            {"n": np.arange(120, dtype=np.int32)},
        ),
        "cov_p": (list(shapely.points(x, y)), {"n": np.arange(120, dtype=np.int32)}),
    }  # fmt: skip
    # GEOS cuts a corner's arc into whole pieces, rounding: at a turn of 1.45 sixteenths of a
    # quarter one chord spans it all and passes 99.7 m from the corner of a 100 m buffer — a
    # point 99.82 m out is outside it, though within a disc of d·cos(π/64) = 99.88 m
    from pyproj import Transformer

    to_lonlat = Transformer.from_crs("EPSG:4548", "EPSG:4326", always_xy=True)

    def lonlat(g):
        return shapely.transform(g, lambda c: np.column_stack(to_lonlat.transform(c[:, 0], c[:, 1])))

    corner, turn = np.array([530000.0, 4330000.0]), 1.45 * np.pi / 32
    bent = shapely.LineString(
        [corner - np.array([200, 0]), corner, corner + 200 * np.array([np.cos(turn), np.sin(turn)])]
    )
    out = corner + 99.82 * np.array([np.cos(turn / 2 - np.pi / 2), np.sin(turn / 2 - np.pi / 2)])
    assert not shapely.buffer(bent, 100, quad_segs=16).contains(shapely.Point(out))
    layers["cov_bent"] = ([lonlat(bent)], {"n": np.array([1], dtype=np.int32)})
    layers["cov_near"] = (
        [lonlat(shapely.Point(p)) for p in (out, corner + np.array([0, 3000]), corner + np.array([0, 10]))],
        {"n": np.arange(3, dtype=np.int32)},
    )
    # a negative weight: the value leaves 0–100, as it does locally
    far, near = (
        shapely.box(*(corner + np.array([0, 3000])), *(corner + np.array([10, 3010]))),
        shapely.box(*(corner - 5), *(corner + 5)),
    )
    layers["cov_signed"] = ([lonlat(far), lonlat(near)], {"w": np.array([3.0, -1.0])})
    tables = {}
    with pg.connect("city") as conn:
        for name, (geoms, fields) in layers.items():
            path = write_layer(tmp_path / f"{name}.gpkg", geoms, fields, driver="GPKG", layer=name)
            tables[name] = read_layer(path, layer_id=name)
            conn.execute(f'DROP TABLE IF EXISTS "{name}"')
            _load(conn, name, tables[name])
    from ecoviewer.project import LayerSpec

    project = Project(
        layers=[LayerSpec(id=n, path=pg.uri("city"), layer=f"public.{n}") for n in layers],
        measure_crs="EPSG:4548",
    )
    base = {"metric": "coverage", "of": "cov_of", "op": ">=", "target": 50}
    cases = [
        {"id": "area", "layer": "cov_a", "distance": 50},
        {"id": "weighted", "layer": "cov_a", "distance": 80, "weight": "floors"},
        {"id": "zone", "layer": "cov_a", "distance": 60, "weight": "zone"},  # (a name the SQL uses too)
        {"id": "parks", "layer": "cov_a", "distance": 120, "of_where": {"kind": ["park"]}},
        {"id": "touching", "layer": "cov_a", "distance": 0},
        {"id": "lines", "layer": "cov_l", "distance": 100},
        {"id": "points", "layer": "cov_p", "distance": 90},
        {"id": "of lines", "layer": "cov_a", "distance": 40, "of": "cov_l"},
        {"id": "of points", "layer": "cov_l", "distance": 70, "of": "cov_p"},
    ]
    # most features settled without an overlay (a circle about a point of an "of" feature),
    # the rest measured exactly: the same value as the local one, to the rounding
    wide = [
        {"id": "wide", "layer": "cov_a", "distance": 400},
        {"id": "wide lines", "layer": "cov_l", "distance": 300},
    ]
    odd = [
        {"id": "corner", "layer": "cov_near", "of": "cov_bent", "distance": 100},
        {"id": "signed", "layer": "cov_signed", "of": "cov_bent", "distance": 100, "weight": "w"},
    ]
    values = {}
    for case in cases + wide + odd:
        raw = {**base, **case}
        here = evaluate_target(raw, tables, "EPSG:4548").value
        there = database_value(raw, project)
        assert abs(there - here) <= 1e-6, (case["id"], there, here)
        values[case["id"]] = here
    # the cases cover what they say: neither nothing nor everything is covered
    assert all(0.5 < values[c["id"]] < 99.5 for c in cases), values
    assert all(60 < values[c["id"]] < 100 for c in wide), values
    assert values["corner"] == pytest.approx(100 / 3) and values["signed"] == pytest.approx(-50.0)
    # nothing to be near: 0, not a rounding's -0.0000000000003
    none = {**base, "id": "none", "layer": "cov_a", "distance": 50, "of_where": {"kind": ["lake"]}}
    assert evaluate_target(none, tables, "EPSG:4548").value == database_value(none, project) == 0.0


def test_a_big_table_opens_without_counting_and_its_overview_is_named_by_the_table(
    pg, big_table, monkeypatch
):
    """Plainly too big (the planner's estimate, with write counters): no count(*) nor a scan
    for the extent when opened; the overview, built once, is adopted by the next open; the
    same rows in a table made again, or the table rewritten, get a new one; a keyless big
    table says so in one line."""
    import psycopg

    from ecoviewer import streaming
    from ecoviewer.project import LayerSpec

    monkeypatch.setattr(streaming, "STREAM_ABOVE", 1000)
    _, folder = big_table
    with pg.connect("city") as conn:  # (tables of this test's own: the counters are fresh)
        for name in ("big_a", "big_b", "big_nokey"):
            conn.execute(f"DROP TABLE IF EXISTS {name}")
            conn.execute(f"CREATE TABLE {name} AS SELECT * FROM big")
            if name != "big_nokey":
                conn.execute(f"ALTER TABLE {name} ADD PRIMARY KEY (fid)")
            conn.execute(f"ANALYZE {name}")
    import time

    for _ in range(50):  # the server publishes a table's write counters within a second or so
        with pg.connect("city") as conn:
            seen = conn.execute(
                "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'big_a'"
            ).fetchone()
        if seen and seen[0]:
            break
        time.sleep(0.1)
    spec_a = LayerSpec(id="b", path=pg.uri("city"), layer="public.big_a", base_dir=folder)
    spec_b = LayerSpec(id="b", path=pg.uri("city"), layer="public.big_b", base_dir=folder)
    built = []
    first = read_spec(spec_a, progress=lambda f: built.append(f) or True)
    assert built and len(first) == 3000
    with pg.connect("city") as conn:  # the reads, the count included, hold no transaction open
        idle = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction' AND pid <> pg_backend_pid()"
        ).fetchone()[0]
    assert idle == 0
    built.clear()
    sent = []
    real = psycopg.Cursor.execute
    monkeypatch.setattr(
        psycopg.Cursor, "execute", lambda cur, q, *a, **k: sent.append(repr(q)) or real(cur, q, *a, **k)
    )
    again = read_spec(spec_a, progress=lambda f: built.append(f) or True)
    monkeypatch.setattr(psycopg.Cursor, "execute", real)
    assert not built and len(again) == 3000 and again.cache == first.cache  # adopted, not built
    assert sent and not [q for q in sent if "count(*)" in q or "ST_Extent(" in q]  # no scan of the table
    assert again.problems[-1] == "3,000 rows: streamed from the database by area, not held in memory"
    other = read_spec(spec_b)  # the same rows, another table
    assert other.cache != first.cache and len(other) == 3000
    with pg.connect("city") as conn:
        # (a reader left in a transaction would hold its lock: fail, never wait for ever)
        conn.execute("SET lock_timeout = '10s'")
        conn.execute("VACUUM FULL big_a")  # rewritten: a new file node
    assert read_spec(spec_a).cache != first.cache
    keyless = read_spec(LayerSpec(id="k", path=pg.uri("city"), layer="public.big_nokey", base_dir=folder))
    assert getattr(keyless, "kind", "") != "streamed" and len(keyless) == 3000
    assert any(
        p.startswith("about ") and p.endswith("rows and no integer primary key: read whole (a key of one "
                                              "integer column lets it be streamed)")
        for p in keyless.problems
    ), keyless.problems  # fmt: skip
