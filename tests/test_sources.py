"""Readers: every format, encodings, CRS handling, geometry problems, exact error lines."""

import zipfile
from pathlib import Path

import numpy as np
import pyproj
import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon, box

from ecoviewer.encoding import detect_dbf_encoding
from ecoviewer.sources import LayerError, list_layers, read_layer

from .conftest import REALDATA, write_layer

GEOD = pyproj.Geod(ellps="WGS84")
NAMES = np.array(["生态岛", "静湖", "蓟运河"], dtype=object)


def near(a, b, metres=1.0):
    _, _, d = GEOD.inv(a[0], a[1], b[0], b[1])
    return abs(d) <= metres


def three_points():
    return [Point(117.70, 39.10), Point(117.75, 39.15), Point(117.80, 39.20)]


def test_epsg4548_centre_check_point_lands_within_one_metre(tmp_path):
    # domain notes: 117.775 E, 39.148 N  <->  EPSG:4548 E 566 996, N 4 335 221 (±1 m)
    path = write_layer(tmp_path / "c.gpkg", [Point(566996, 4335221)], crs="EPSG:4548")
    table = read_layer(path)
    assert table.crs_label == "EPSG:4548" and not table.crs_assumed
    lon, lat = table.geometry[0].x, table.geometry[0].y
    assert near((lon, lat), (117.775, 39.148), 1.0)
    metric = table.metric_geometry("EPSG:4548")[0]
    assert abs(metric.x - 566996) < 1e-3 and abs(metric.y - 4335221) < 1e-3


def test_geojson_with_chinese_names(tmp_path):
    path = write_layer(tmp_path / "a.geojson", three_points(), {"name": NAMES})
    table = read_layer(path)
    assert len(table) == 3 and table.geometry_types == ["Point"]
    assert list(table.fields["name"]) == list(NAMES)
    assert table.bounds == pytest.approx([117.70, 39.10, 117.80, 39.20])


def test_geopackage_lists_and_reads_every_layer(tmp_path):
    path = tmp_path / "two.gpkg"
    write_layer(path, [box(0, 0, 100, 100)], crs="EPSG:4548", layer="blocks")
    write_layer(path, three_points(), crs="EPSG:4326", layer="stops", append=True)
    assert list_layers(path) == ["blocks", "stops"]
    assert read_layer(path, layer="stops").geometry_types == ["Point"]
    first = read_layer(path)  # no layer named: the first one, and the user is told
    assert first.layer == "blocks"
    assert first.problems == ["has 2 layers; showing 'blocks' (set layer = one of blocks, stops)"]
    with pytest.raises(LayerError) as err:
        read_layer(path, layer="roads", display="two.gpkg")
    assert str(err.value) == "two.gpkg: no layer 'roads' (it has blocks, stops)"


def gbk_shapefile(tmp_path, cpg: str | None):
    path = write_layer(tmp_path / "zones.shp", three_points(), {"名称": NAMES}, encoding="GBK")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    dbf = path.with_suffix(".dbf")
    raw = dbf.read_bytes()
    dbf.write_bytes(raw[:29] + b"\x00" + raw[30:])  # no language-driver hint either
    if cpg is not None:
        path.with_suffix(".cpg").write_text(cpg)
    return path


def test_gbk_shapefile_without_cpg_is_detected_field_names_too(tmp_path):
    path = gbk_shapefile(tmp_path, None)
    assert "生态岛".encode("gbk") in path.with_suffix(".dbf").read_bytes()
    table = read_layer(path)
    assert table.encoding == "GB18030" and table.encoding_how == "detected"
    assert list(table.fields) == ["名称"]
    assert list(table.fields["名称"]) == list(NAMES)


def test_cpg_is_honoured_and_override_wins(tmp_path):
    path = gbk_shapefile(tmp_path, "936")
    table = read_layer(path)
    assert (table.encoding, table.encoding_how) == ("GBK", "from .cpg")
    assert list(table.fields["名称"]) == list(NAMES)
    forced = read_layer(path, encoding="GB18030")
    assert forced.encoding_how == "set in project" and list(forced.fields["名称"]) == list(NAMES)


def test_utf8_dbf_without_cpg_is_not_read_as_latin1(tmp_path):
    path = write_layer(tmp_path / "u.shp", three_points(), {"name": NAMES}, encoding="UTF-8")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    assert detect_dbf_encoding(path).encoding == "UTF-8"
    assert list(read_layer(path).fields["name"]) == list(NAMES)


def test_zipped_shapefile(tmp_path):
    shp = gbk_shapefile(tmp_path, None)
    archive = tmp_path / "zones.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for ext in (".shp", ".shx", ".dbf", ".prj"):
            zf.write(shp.with_suffix(ext), "zones" + ext)
    table = read_layer(archive)
    assert len(table) == 3 and list(table.fields["名称"]) == list(NAMES)


def test_flatgeobuf_in_epsg4548(tmp_path):
    line = LineString([(566000, 4335000), (567000, 4335000)])
    path = write_layer(tmp_path / "s.fgb", [line], crs="EPSG:4548")
    table = read_layer(path)
    assert table.driver == "FlatGeobuf" and table.crs_label == "EPSG:4548"
    assert shapely.length(table.metric_geometry("EPSG:4548"))[0] == pytest.approx(1000.0)
    _, _, dist = GEOD.inv(*table.geometry[0].coords[0], *table.geometry[0].coords[1])
    assert dist == pytest.approx(1000.0, rel=1e-3)  # 55 ppm scale error at the site


def test_kml_with_folders(tmp_path):
    path = tmp_path / "k.kml"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Folder><name>站点</name>
 <Placemark><name>北塘</name><Point><coordinates>117.71814,39.09251,0</coordinates></Point></Placemark>
 <Placemark><name>空</name></Placemark>
</Folder>
<Folder><name>线路</name>
 <Placemark><name>Z4</name><LineString><coordinates>117.718,39.092 117.746,39.107</coordinates></LineString></Placemark>
</Folder></Document></kml>""",
        encoding="utf-8",
    )
    assert list_layers(path) == ["站点", "线路"]
    stations = read_layer(path, layer="站点")
    assert list(stations.fields["Name"]) == ["北塘", "空"]
    assert stations.problems == ["1 features without geometry (null or empty; kept in the table, not drawn)"]
    assert read_layer(path, layer="线路").geometry_types == ["LineString"]


def test_csv_with_wkt_and_with_lon_lat(tmp_path):
    wkt = tmp_path / "w.csv"
    wkt.write_text(
        'id,name,wkt\n1,甲,"POINT (117.7 39.1)"\n2,乙,"LINESTRING (117.7 39.1, 117.8 39.2)"\n',
        encoding="utf-8",
    )
    table = read_layer(wkt, crs="EPSG:4326")
    assert table.geometry_types == ["LineString", "Point"]
    assert "wkt" not in table.fields and list(table.fields["name"]) == ["甲", "乙"]
    lonlat = tmp_path / "p.csv"
    lonlat.write_text("name,lon,lat,pm25\n站1,117.75,39.15,41.5\n", encoding="utf-8")
    table = read_layer(lonlat)
    assert table.crs_assumed and table.geometry[0].equals(Point(117.75, 39.15))
    assert float(table.fields["pm25"][0]) == 41.5


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_missing_crs_lonlat_is_assumed_and_said(tmp_path):
    path = write_layer(tmp_path / "n.shp", three_points(), crs=None)
    table = read_layer(path)
    assert table.crs_assumed and table.crs_label == "EPSG:4326"
    assert (
        "no CRS in the file; coordinates look like lon/lat, assumed EPSG:4326 "
        "(set crs for this layer if that is wrong)"
    ) in table.problems


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_missing_crs_projected_is_a_clear_error(tmp_path):
    path = write_layer(tmp_path / "m.shp", [Point(566996, 4335221)], crs=None)
    with pytest.raises(LayerError) as err:
        read_layer(path, display="m.shp")
    assert str(err.value) == (
        "m.shp: no CRS (.prj) and coordinates are not lon/lat "
        '(x 566996…566996); set crs = "EPSG:4548" (or the right one) '
        "for this layer"
    )
    assert read_layer(path, crs="EPSG:4548").geometry[0].distance(Point(117.775, 39.148)) < 1e-4


def test_null_empty_and_invalid_geometries_are_counted(tmp_path):
    bowtie = Polygon([(117.70, 39.10), (117.72, 39.12), (117.72, 39.10), (117.70, 39.12)])
    geoms = [bowtie, None, Point(117.75, 39.15), box(117.8, 39.1, 117.81, 39.11)]
    path = write_layer(tmp_path / "bad.geojson", geoms)
    table = read_layer(path)
    assert len(table) == 4
    assert table.problems == [
        "1 features without geometry (null or empty; kept in the table, not drawn)",
        "1 invalid geometries repaired with make_valid (features 0)",
    ]
    assert shapely.is_valid(table.geometry[0]) and table.geometry[1] is None
    # the bow-tie becomes its two triangles, 0.02 x 0.01 / 2 degrees² each
    assert table.geometry[0].area == pytest.approx(0.0002, rel=1e-9)
    assert table.geometry_types == ["MultiPolygon", "Point", "Polygon"]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "bad.geojson: empty file (0 bytes)"),
        (b'{"type": "FeatureCollection", "features": [', None),
        (
            b"\x00\x01 not a map",
            "bad.geojson: not a vector format GDAL can read (damaged, or not "
            "GeoJSON/GeoPackage/Shapefile/FlatGeobuf/KML/CSV)",
        ),
    ],
)
def test_corrupt_files_give_one_line(tmp_path, content, message):
    path = tmp_path / "bad.geojson"
    path.write_bytes(content)
    with pytest.raises(LayerError) as err:
        read_layer(path, display="bad.geojson")
    text = str(err.value)
    assert "\n" not in text and text.startswith("bad.geojson: ")
    if message:
        assert text == message


def test_missing_file(tmp_path):
    with pytest.raises(LayerError) as err:
        read_layer(tmp_path / "nope.shp", display="nope.shp")
    assert str(err.value) == "nope.shp: file not found"


def test_hostile_attribute_text_is_read_verbatim(tmp_path):
    evil = '<img src=x onerror="alert(1)"></script>'
    path = write_layer(tmp_path / "e.geojson", three_points()[:1], {"name": np.array([evil], object)})
    assert read_layer(path).fields["name"][0] == evil


def test_sample_project_layers(sample_tables):
    _, tables = sample_tables
    assert tables["green_buildings"].crs_label == "EPSG:4548"
    assert tables["shoreline"].crs_label == "EPSG:4548"
    assert tables["garden_zones"].encoding_how == "detected"
    assert "生态谷" in set(tables["garden_zones"].fields["name"])
    assert set(tables["water_network"].geometry_types) == {"LineString", "Point", "Polygon"}
    for table in tables.values():  # all at the Eco-City
        minx, miny, maxx, maxy = table.bounds
        assert 117.6 < minx < maxx < 117.9 and 39.0 < miny < maxy < 39.3


# -- real files written by others (../shared/realdata; never copied into the project) --------
needs_real = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata not beside")


@needs_real
def test_real_utf8_dbf_without_cpg_or_prj():
    table = read_layer(REALDATA / "gary_tianjin_districts_noprj" / "天津市.shp")
    assert len(table) == 16 and table.fields["name"][0] == "河北区"
    assert table.crs_assumed


@needs_real
def test_real_datav_districts_repaired():
    table = read_layer(REALDATA / "datav_tianjin_districts" / "120000.json")
    assert len(table) == 16
    assert table.problems == [
        "2 invalid geometries repaired with make_valid (features 9, 13)",
        "looks like DataV GeoAtlas data, which is in GCJ-02 (about 550 m off WGS 84 in China); "
        'set crs = "GCJ-02" for this layer to convert it',
    ]
    assert shapely.is_valid(table.geometry).all()


@needs_real
def test_real_epsg4526_crs_member():
    table = read_layer(REALDATA / "gz_airspace_epsg4526_crs_member" / "AirSpacePolygon_100.geojson")
    assert table.crs_label == "EPSG:4526" and len(table) == 10
    minx, miny, maxx, maxy = table.bounds
    assert 113.2 < minx < maxx < 113.5 and 23.0 < miny < maxy < 23.2


@needs_real
def test_real_broken_files():
    fuzz = REALDATA / "fgb_fuzz_broken" / "clusterfuzz-testcase-minimized-fgb_fuzzer-4642513358553088"
    with pytest.raises(LayerError) as err:
        read_layer(fuzz, display="fuzz.fgb")
    assert str(err.value) == "fuzz.fgb: GDAL finds no layers in it (damaged, or not a vector file)"
    table = read_layer(REALDATA / "ncl_rivers_mojibake_dbf" / "rivers.shp")
    assert len(table) == 594
    assert any("already damaged in the file" in p for p in table.problems)


def test_a_layer_too_large_for_the_machine_is_refused_not_killed(tmp_path, monkeypatch):
    import ecoviewer.readers.gdal as gdal_reader

    path = write_layer(tmp_path / "big.gpkg", three_points())
    monkeypatch.setattr(gdal_reader, "available_memory", lambda: 1000)  # 1000 bytes free
    with pytest.raises(LayerError) as err:
        read_layer(path, display="big.gpkg")
    assert str(err.value) == (
        "big.gpkg: too large for this machine (3 features need about 0.0 GB; 0.0 GB free)"
    )


# -- GCJ-02 / BD-09 (Chinese web maps' offset lon/lat) -------------------------------------------


def test_gcj02_offsets_at_the_eco_city_and_round_trips():
    from pyproj import Geod

    from ecoviewer.crs import gcj02_to_wgs84, offset_datum, wgs84_to_gcj02

    lon, lat = np.array([117.775, 121.47, 2.35]), np.array([39.148, 31.23, 48.86])
    g_lon, g_lat = wgs84_to_gcj02(lon, lat)
    geod = Geod(ellps="WGS84")
    east = geod.inv(lon[0], lat[0], g_lon[0], lat[0])[2]
    north = geod.inv(lon[0], lat[0], lon[0], g_lat[0])[2]
    # ../shared/domain: "about +545 m east and +110 m north of WGS84" at the Eco-City
    assert east == pytest.approx(545, abs=10) and north == pytest.approx(110, abs=10)
    assert (g_lon[2], g_lat[2]) == (2.35, 48.86)  # Paris: outside China, untouched
    w_lon, w_lat = gcj02_to_wgs84(g_lon, g_lat)
    assert np.abs(w_lon - lon).max() < 1e-9 and np.abs(w_lat - lat).max() < 1e-9
    assert [offset_datum(t) for t in ("GCJ-02", "gcj02", "火星坐标", "BD-09", "EPSG:4326", None)] == [
        "GCJ-02",
        "GCJ-02",
        "GCJ-02",
        "BD-09",
        None,
        None,
    ]


def _bd09(lon, lat):
    """BD-09 from GCJ-02: Baidu's public forward formula (written out here independently)."""
    x_pi = np.pi * 3000.0 / 180.0
    z = np.sqrt(lon * lon + lat * lat) + 0.00002 * np.sin(lat * x_pi)
    theta = np.arctan2(lat, lon) + 0.000003 * np.cos(lon * x_pi)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


@pytest.mark.filterwarnings("ignore:'crs' was not provided")  # the projected file, on purpose
@pytest.mark.parametrize("datum", ["GCJ-02", "BD-09"])
def test_layers_in_web_map_coordinates_are_converted(tmp_path, datum):
    from ecoviewer.crs import wgs84_to_gcj02

    lon, lat = np.array([117.775, 117.80]), np.array([39.148, 39.17])
    g_lon, g_lat = wgs84_to_gcj02(lon, lat)
    if datum == "BD-09":
        g_lon, g_lat = _bd09(g_lon, g_lat)
    path = write_layer(tmp_path / "amap.geojson", [Point(x, y) for x, y in zip(g_lon, g_lat)])
    table = read_layer(path, crs=datum)
    got = shapely.get_coordinates(table.geometry)
    tol = 1e-7 if datum == "GCJ-02" else 1e-6  # ~1 cm; Baidu's public inverse ~10 cm
    assert np.abs(got[:, 0] - lon).max() < tol and np.abs(got[:, 1] - lat).max() < tol
    assert table.crs_label == f"{datum} (converted to WGS 84)"
    assert f"coordinates converted from {datum} to WGS 84 (set in project)" in table.problems
    projected = write_layer(tmp_path / "m.geojson", [Point(566996, 4335221)], crs=None)
    with pytest.raises(LayerError) as err:
        read_layer(projected, crs=datum)
    assert (
        str(err.value)
        == f'{projected}: crs = "{datum}" needs lon/lat coordinates, but x runs outside -180…180'
    )


def test_datav_files_are_flagged_as_probably_gcj02(tmp_path):
    path = write_layer(
        tmp_path / "datav.geojson",
        [Point(117.78, 39.15)],
        {
            "adcode": np.array([120116]),
            "name": np.array(["滨海新区"], dtype=object),
            "parent": np.array(["{'adcode': 120000}"], dtype=object),
        },
    )
    table = read_layer(path)
    assert (
        "looks like DataV GeoAtlas data, which is in GCJ-02 (about 550 m off WGS 84 in "
        'China); set crs = "GCJ-02" for this layer to convert it'
    ) in table.problems
    assert not any("DataV" in p for p in read_layer(path, crs="GCJ-02").problems)


@needs_real
def test_real_datav_tianjin_is_flagged_and_converts():
    raw = read_layer(REALDATA / "datav_tianjin_districts" / "120000.json")
    assert any(p.startswith("looks like DataV GeoAtlas data") for p in raw.problems)
    fixed = read_layer(REALDATA / "datav_tianjin_districts" / "120000.json", crs="GCJ-02")
    shift = np.array(raw.bounds) - np.array(fixed.bounds)  # GCJ-02 sits east and north
    assert 0.004 < shift[0] < 0.008 and 0.0 < shift[1] < 0.003


def test_a_new_reader_is_one_registration(tmp_path):
    """Readers are a registry: a reader for another kind of file is one ``register_reader``
    call; the project, the window and the command line then read it like any layer."""
    import numpy as np
    import pyproj
    import shapely

    from ecoviewer import sources
    from ecoviewer.project import LayerSpec

    def fake_read(
        path, *, layer=None, crs=None, encoding=None, layer_id=None, display=None, allow_indirect=False
    ):
        n = int(Path(path).read_text())
        return sources.FeatureTable(
            id=layer_id or "fake",
            path=display or str(path),
            layer=layer,
            driver="Fake",
            geometry=shapely.points(np.full(n, 117.75), np.linspace(39.1, 39.2, n)),
            fields={"k": np.arange(n)},
            crs=pyproj.CRS("EPSG:4326"),
        )

    reader = sources.Reader(
        "fake",
        accepts=lambda p: p.suffix == ".fake",
        list_layers=lambda path, display=None, **kw: ["only"],
        read=fake_read,
    )
    sources.register_reader(reader)
    try:
        (tmp_path / "three.fake").write_text("3")
        assert sources.reader_for(tmp_path / "three.fake") is reader
        assert sources.list_layers(tmp_path / "three.fake") == ["only"]
        spec = LayerSpec(id="t", path="three.fake", base_dir=tmp_path)
        table = sources.read_spec(spec)
        assert len(table) == 3 and table.driver == "Fake" and table.path == "three.fake"
        assert sources.reader_for(tmp_path / "x.geojson").name == "gdal"  # the rest: GDAL
        with pytest.raises(ValueError, match="registered twice"):
            sources.register_reader(reader)
    finally:
        sources.READERS.remove(reader)
    assert [r.name for r in sources.READERS] == ["gdal", "postgis", "raster"]  # the package's own
