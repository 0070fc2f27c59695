"""Files sent by others: nothing in a file may run or reach the network, and whatever a file
holds, the reader answers with a table or with one clear ``LayerError`` line — never another
exception, a traceback, a hang or mojibake. Every hostile file is built here, small, in tmp."""

from __future__ import annotations

import json
import os
import socket
import socketserver
import stat
import struct
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import numpy as np
import pyogrio
import pyproj
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, box

from ecoviewer import gdal_safety
from ecoviewer.readers import gdal as gdal_reader
from ecoviewer.sources import FeatureTable, LayerError, list_layers, read_layer

from .conftest import REALDATA, write_layer

NAMES = np.array(["生态岛", "静湖", "蓟运河"], dtype=object)
needs_real = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata not beside")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and modes are POSIX")


def one_line(exc: BaseException | str, display: str) -> str:
    """The error is one readable line that starts with the name the user knows."""
    text = str(exc)
    assert text.startswith(f"{display}: "), text
    assert "\n" not in text and "\r" not in text, text
    assert "\ufffd" not in text and "Traceback" not in text, text
    assert len(text) < 400, text
    return text


def fc(features, **extra) -> str:
    return json.dumps({"type": "FeatureCollection", **extra, "features": features})


def point_feature(x=117.7, y=39.1, **props):
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [x, y]}}


# -- 1. no network, no indirection ----------------------------------------------------------------


class _Count(socketserver.BaseRequestHandler):
    def handle(self):
        self.server.hits.append(self.client_address)
        try:
            self.request.settimeout(1)
            self.request.recv(4096)
        except OSError:
            pass


@pytest.fixture
def listener():
    """A TCP listener on 127.0.0.1 that counts every connection made to it."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Count)
    server.daemon_threads = True
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # the counter works: one connection of our own is seen, then forgotten
    with socket.create_connection(server.server_address, timeout=2):
        pass
    deadline = time.monotonic() + 2
    while not server.hits and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(server.hits) == 1
    server.hits.clear()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def connections(server) -> int:
    time.sleep(0.5)  # late connects (retries, a second thread) land within this
    return len(server.hits)


def test_gdal_and_proj_network_switches_are_set():
    assert gdal_safety.STATUS.config
    assert gdal_safety.STATUS.http_callback, gdal_safety.STATUS.notes
    assert gdal_safety.STATUS.gdal_proj_network_off
    assert not pyproj.network.is_network_enabled()
    for key, value in gdal_safety.GDAL_CONFIG.items():
        got = str(pyogrio.get_gdal_config_option(key)).upper()  # pyogrio converts some values
        assert got in (value.upper(), {"YES": "TRUE", "NO": "FALSE"}.get(value)), key


def test_geojson_crs_link_is_not_fetched(tmp_path, listener, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "*")  # would send libcurl past any proxy setting
    path = tmp_path / "link.geojson"
    path.write_text(
        fc(
            [point_feature()],
            crs={"type": "link", "properties": {"href": f"{listener.url}/x", "type": "proj4"}},
        )
    )
    assert list_layers(path) == ["link"]
    table = read_layer(path, display="link.geojson")
    assert len(table) == 1
    said = [p for p in table.problems if "network" in p]
    assert said and f"{listener.url}/x" in said[0] and "did not fetch" in said[0]
    assert connections(listener) == 0


@pytest.mark.parametrize(
    "template, why",
    [
        ("{url}/x.geojson", "is a URL, not a local file"),
        ("https://127.0.0.1:{port}/x.geojson", "is a URL, not a local file"),
        ("ftp://127.0.0.1:{port}/x.geojson", "is a URL, not a local file"),
        ("zip+http://127.0.0.1:{port}/a.zip", "is a URL, not a local file"),
        ("/vsicurl/{url}/x.geojson", "is a GDAL virtual file system path"),
        ("/vsicurl_streaming/{url}/x.geojson", "is a GDAL virtual file system path"),
        ("/vsizip//vsicurl/{url}/a.zip", "is a GDAL virtual file system path"),
        ("WFS:{url}/wfs", "is a GDAL connection string (WFS:…)"),
        ("OAPIF:{url}/", "is a GDAL connection string (OAPIF:…)"),
        ("PG:host=127.0.0.1 port={port}", "is a GDAL connection string (PG:…)"),
        ("CSV:/etc/passwd", "is a GDAL connection string (CSV:…)"),
        ("GPSBABEL:nmea:/etc/passwd", "is a GDAL connection string (GPSBABEL:…)"),
        ("\\\\127.0.0.1\\share\\x.geojson", "is a network (UNC) path"),
    ],
)
def test_remote_virtual_and_connection_paths_are_refused(listener, template, why):
    port = listener.server_address[1]
    path = template.format(url=listener.url, port=port)
    for call in (lambda: list_layers(path), lambda: read_layer(path)):
        with pytest.raises(LayerError) as err:
            call()
        assert why in one_line(err.value, path)
    assert connections(listener) == 0


@posix_only
def test_a_local_file_whose_name_looks_like_a_connection_string_loads(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("WFS:2024.geojson").write_text(fc([point_feature()]))
    assert len(read_layer("WFS:2024.geojson")) == 1


def vrt(source: str, layer: str | None = None) -> str:
    src_layer = f"<SrcLayer>{layer}</SrcLayer>" if layer else ""
    return (
        f'<OGRVRTDataSource><OGRVRTLayer name="x"><SrcDataSource>{source}</SrcDataSource>'
        f"{src_layer}</OGRVRTLayer></OGRVRTDataSource>"
    )


@pytest.mark.parametrize("name", ["evil.vrt", "evil.geojson", "evil.csv", "evil.kml"])
def test_vrt_is_refused_by_its_content(tmp_path, listener, name):
    path = tmp_path / name
    path.write_text(
        "<?xml version='1.0'?>\n<!-- looks harmless -->\n" + vrt(f"/vsicurl/{listener.url}/a.csv")
    )
    for call in (lambda: list_layers(path, name), lambda: read_layer(path, display=name)):
        with pytest.raises(LayerError) as err:
            call()
        assert "is an OGR VRT file" in one_line(err.value, name)
    assert connections(listener) == 0


def test_vrt_reading_etc_passwd_is_refused(tmp_path):
    for i, source in enumerate(["/etc/passwd", "CSV:/etc/passwd", "../../../../../../etc/passwd"]):
        path = tmp_path / f"p{i}.vrt"
        path.write_text(vrt(source))
        with pytest.raises(LayerError) as err:
            read_layer(path, display="p.vrt")
        assert "is an OGR VRT file" in one_line(err.value, "p.vrt")


def test_vrt_inside_a_zip_is_refused(tmp_path, listener):
    for name, member in [("one.zip", "layer.vrt"), ("disguised.zip", "layer.geojson")]:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(member, vrt(f"/vsicurl/{listener.url}/a.csv"))
        with pytest.raises(LayerError) as err:
            read_layer(path, display=name)
        text = one_line(err.value, name)
        assert f"contains {member}" in text and "not opened" in text
    assert connections(listener) == 0


def test_gdalg_pipeline_is_refused(tmp_path, listener):
    for name in ("x.gdalg.json", "x.json"):
        path = tmp_path / name
        path.write_text(
            json.dumps(
                {
                    "type": "gdal_streamed_alg",
                    "command_line": f"gdal vector pipeline ! read /vsicurl/{listener.url}/x.geojson "
                    "! reproject --dst-crs EPSG:4326",
                }
            )
        )
        with pytest.raises(LayerError) as err:
            read_layer(path, display=name)
        assert "GDALG pipeline" in one_line(err.value, name)
    assert connections(listener) == 0


@pytest.mark.parametrize(
    "source",
    [
        "/vsicurl/{url}/a.csv",
        "/vsicurl_streaming/{url}/a.csv",
        "{url}/a.geojson",
        "WFS:{url}/wfs",
        "CSV:/vsicurl/{url}/a.csv",
        "/vsizip//vsicurl/{url}/a.zip",
    ],
)
def test_even_allowed_indirection_reaches_no_network(tmp_path, listener, monkeypatch, source):
    """Defence in depth: with the path and content checks waived (allow_indirect), GDAL itself
    still opens no connection — also with NO_PROXY set, which would bypass a proxy trick."""
    monkeypatch.setenv("NO_PROXY", "*")
    monkeypatch.setenv("no_proxy", "*")
    path = tmp_path / "allowed.vrt"
    path.write_text(vrt(source.format(url=listener.url)))
    try:
        table = read_layer(path, display="allowed.vrt", allow_indirect=True)
    except LayerError as exc:
        one_line(exc, "allowed.vrt")
    else:
        assert isinstance(table, FeatureTable)
    assert connections(listener) == 0


POINTING_FORMATS = {
    "networklink.kml": '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
    "<NetworkLink><Link><href>{url}/x.kml</href></Link></NetworkLink><Placemark>"
    "<name>a</name><Point><coordinates>117.7,39.1</coordinates></Point>"
    "</Placemark></Document></kml>",
    "schema.gml": '<?xml version="1.0"?><wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/'
    'wfs" xmlns:gml="http://www.opengis.net/gml" xmlns:xsi="http://www.w3.org/2001/'
    'XMLSchema-instance" xsi:schemaLocation="http://www.opengis.net/wfs {url}/wfs?'
    'SERVICE=WFS&amp;REQUEST=DescribeFeatureType&amp;TYPENAME=a"><gml:featureMember>'
    "<a><geom><gml:Point><gml:coordinates>117.7,39.1</gml:coordinates></gml:Point>"
    "</geom></a></gml:featureMember></wfs:FeatureCollection>",
    "xlink.gml": '<?xml version="1.0"?><ogr:FeatureCollection xmlns:ogr="http://ogr.maptools.org/"'
    ' xmlns:gml="http://www.opengis.net/gml" xmlns:xlink="http://www.w3.org/1999/xlink">'
    '<gml:featureMember><ogr:a fid="a.0"><ogr:geometryProperty xlink:href="{url}/g.gml'
    '#p"/></ogr:a></gml:featureMember></ogr:FeatureCollection>',
    "topo.json": '{{"type":"Topology","crs":{{"type":"link","properties":{{"href":"{url}/t","type":'
    '"proj4"}}}},"objects":{{"a":{{"type":"GeometryCollection","geometries":[{{"type":'
    '"Point","coordinates":[117.7,39.1]}}]}}}},"arcs":[]}}',
    "capabilities.xml": '<?xml version="1.0"?><WFS_Capabilities version="1.1.0"><OperationsMetadata>'
    '<Operation name="GetFeature"><DCP><HTTP><Get href="{url}/wfs"/></HTTP>'
    "</DCP></Operation></OperationsMetadata></WFS_Capabilities>",
}


@pytest.mark.parametrize("name", sorted(POINTING_FORMATS))
def test_other_formats_pointing_at_urls_reach_no_network(tmp_path, listener, monkeypatch, name):
    monkeypatch.setenv("NO_PROXY", "*")
    path = tmp_path / name
    path.write_text(POINTING_FORMATS[name].format(url=listener.url))
    try:
        table = read_layer(path, display=name)
    except LayerError as exc:
        one_line(exc, name)
    else:
        assert len(table) == 1
    assert connections(listener) == 0


# -- 2. pipes, folders, permissions, size -----------------------------------------------------------


def _returns_within(fn, seconds: float):
    box_ = {}

    def run():
        try:
            box_["value"] = fn()
        except BaseException as exc:  # reported to the test below
            box_["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    return thread.is_alive(), box_


@posix_only
def test_a_fifo_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "layer.geojson"
    os.mkfifo(fifo)
    try:
        hung, result = _returns_within(lambda: read_layer(fifo, display="layer.geojson"), 10)
        assert not hung, "read_layer blocked on a FIFO"
        assert isinstance(result.get("error"), LayerError)
        assert one_line(result["error"], "layer.geojson") == (
            "layer.geojson: not a regular file (a pipe, device or socket); not opened"
        )
    finally:  # unblock a reader stuck in open() if the check ever regresses
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass


@posix_only
def test_a_fifo_side_file_of_a_shapefile_is_refused(tmp_path):
    shp = write_layer(tmp_path / "zones.shp", [Point(117.7, 39.1)])
    shp.with_suffix(".dbf").unlink()
    os.mkfifo(shp.with_suffix(".dbf"))
    try:
        hung, result = _returns_within(lambda: read_layer(shp, display="zones.shp"), 10)
        assert not hung, "read_layer blocked on a FIFO .dbf"
        text = one_line(result["error"], "zones.shp")
        assert "side file zones.dbf is not a regular file" in text
    finally:
        try:
            os.close(os.open(shp.with_suffix(".dbf"), os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass


@pytest.mark.parametrize("name", ["roads", "roads.shp", "data.gpkg"])
def test_a_folder_gives_a_clear_english_line(tmp_path, name):
    (tmp_path / name).mkdir()
    for call in (
        lambda: read_layer(tmp_path / name, display=name),
        lambda: list_layers(tmp_path / name, name),
    ):
        with pytest.raises(LayerError) as err:
            call()
        assert one_line(err.value, name) == (
            f"{name}: is a folder, not a layer file (open the .shp, .gpkg … inside it)"
        )


@posix_only
def test_an_unreadable_file_says_permission_denied(tmp_path):
    path = tmp_path / "secret.geojson"
    path.write_text(fc([point_feature()]))
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # root reads anything: nothing to refuse
            assert len(read_layer(path)) == 1
            return
        with pytest.raises(LayerError) as err:
            read_layer(path, display="secret.geojson")
        assert "permission denied" in one_line(err.value, "secret.geojson")
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_file_over_the_size_cap_is_refused_up_front(tmp_path, monkeypatch):
    assert gdal_reader.MAX_FILE_BYTES == 4 * 2**30
    path = tmp_path / "big.geojson"
    path.write_text(fc([point_feature() for _ in range(20)]))
    monkeypatch.setattr(gdal_reader, "MAX_FILE_BYTES", 1024)
    with pytest.raises(LayerError) as err:
        read_layer(path, display="big.geojson")
    assert one_line(err.value, "big.geojson").startswith(
        "big.geojson: too large ("
    ) and "up to 1.0 kB" in str(err.value)


def zip_declaring(path: Path, sizes: list[int]) -> Path:
    """A small zip whose directory says its members expand to ``sizes`` bytes (a zip bomb's
    header, without writing gigabytes)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, _ in enumerate(sizes):
            zf.writestr(f"part{i}.geojson", "0" * 1000)
    data = bytearray(path.read_bytes())
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start, i = 0, 0
        while (pos := data.find(sig, start)) >= 0:
            struct.pack_into("<I", data, pos + offset, sizes[i])
            start, i = pos + 4, i + 1
    path.write_bytes(bytes(data))
    return path


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path):
    path = zip_declaring(tmp_path / "bomb.zip", [0xFFFF0000, 0xFFFF0000])  # 2 × 4 GB
    t0 = time.monotonic()
    with pytest.raises(LayerError) as err:
        read_layer(path, display="bomb.zip")
    assert time.monotonic() - t0 < 5
    assert one_line(err.value, "bomb.zip") == (
        "bomb.zip: zip archive expands to 8.0 GB (the limit is 4.0 GB; a zip bomb?); not opened"
    )


def test_a_real_compressed_bomb_member_is_refused(tmp_path, monkeypatch):
    """A genuinely deflated member (16 MB of spaces in ~16 kB) against a lowered cap."""
    path = tmp_path / "spaces.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("layer.geojson", "w") as fh:
            block = b" " * 2**20
            for _ in range(16):
                fh.write(block)
    assert path.stat().st_size < 2**20
    monkeypatch.setattr(gdal_reader, "MAX_FILE_BYTES", 8 * 2**20)
    with pytest.raises(LayerError) as err:
        read_layer(path, display="spaces.zip")
    assert "zip archive expands to 16.0 MB" in one_line(err.value, "spaces.zip")


# -- 3. encodings: a lying .cpg, undecodable text, no mojibake in messages ----------------------------


def gbk_shapefile(folder: Path, cpg: str | None, field: str = "名称") -> Path:
    path = write_layer(
        folder / "zones.shp",
        [Point(117.7, 39.1), Point(117.75, 39.15), Point(117.8, 39.2)],
        {field: NAMES},
        encoding="GBK",
    )
    path.with_suffix(".cpg").unlink(missing_ok=True)
    dbf = path.with_suffix(".dbf")
    raw = dbf.read_bytes()
    dbf.write_bytes(raw[:29] + b"\x00" + raw[30:])  # no language-driver byte
    if cpg is not None:
        path.with_suffix(".cpg").write_text(cpg)
    return path


@pytest.mark.parametrize("field", ["名称", "name"])
def test_a_lying_cpg_is_detected_and_the_bytes_decide(tmp_path, field):
    path = gbk_shapefile(tmp_path, "UTF-8", field)
    table = read_layer(path, display="zones.shp")
    assert list(table.fields) == [field]
    assert list(table.fields[field]) == list(NAMES)
    assert table.encoding == "GB18030" and table.encoding_how == "detected"
    assert (
        "the .cpg says UTF-8, but the attribute text is not UTF-8; the .cpg is wrong and "
        "was ignored, read as GB18030 (detected from the bytes)"
    ) in table.problems
    assert not any("\ufffd" in p for p in table.problems)


def test_a_true_cpg_is_still_honoured(tmp_path):
    table = read_layer(gbk_shapefile(tmp_path, "936"))
    assert (table.encoding, table.encoding_how) == ("GBK", "from .cpg")
    assert list(table.fields["名称"]) == list(NAMES) and table.problems == []


def test_forced_wrong_encoding_gives_replacement_not_a_crash(tmp_path):
    path = gbk_shapefile(tmp_path, None, "name")  # ASCII field name, GBK values
    table = read_layer(path, encoding="UTF-8", display="zones.shp")
    assert len(table) == 3
    assert (
        "field 'name': 3 values are not valid UTF-8 text; the undecodable bytes are shown as "
        "U+FFFD" in table.problems
    )


def test_gdal_messages_are_cleaned_of_junk():
    from ecoviewer.readers.gdal import _short

    assert _short("Unknown error: Wrapping \ufffdW| failed") == "Unknown error: Wrapping W| failed"
    assert _short("bad\x00\x1b[31m thing\r\nsecond line") == "bad[31m thing"
    assert (
        _short(
            "Unable to open x.shx or x.SHX. Set SHAPE_RESTORE_SHX config option to YES "
            "to restore or create it."
        )
        == "Unable to open x.shx or x.SHX"
    )
    assert (
        _short(
            "Non closed ring detected. To avoid accepting it, set the "
            "OGR_GEOMETRY_ACCEPT_UNCLOSED_RING configuration option to NO"
        )
        == "Non closed ring detected"
    )
    assert len(_short("x" * 5000)) <= 240


# -- 4. the real shapefile whose writer destroyed its text --------------------------------------------


@needs_real
@pytest.mark.parametrize("name", ["my-layer.shp", "buildings-shp.zip"])
def test_real_shapefile_with_destroyed_text_loads_all_690(name):
    table = read_layer(REALDATA / "sjz_3dbuildings" / name, display=name)
    assert len(table) == 690
    assert int((~shapely.is_missing(table.geometry)).sum()) == 690
    said = [p for p in table.problems if p.startswith("attribute text is neither UTF-8 nor GBK")]
    assert said and "16 values in field 'name'" in said[0]
    assert "Bank of Hebei" in set(table.fields["name"])


# -- 5. curves --------------------------------------------------------------------------------------


def _pts(points):
    return b"".join(struct.pack("<dd", *p) for p in points)


def _wkb(code: int, body: bytes, count: int) -> bytes:
    return struct.pack("<BII", 1, code, count) + body


def circular(points):
    return _wkb(8, _pts(points), len(points))


def linestring(points):
    return _wkb(2, _pts(points), len(points))


def parts(code, members):
    return _wkb(code, b"".join(members), len(members))


CENTRE, R = (117.71, 39.10), 0.01
CIRCLE = circular([(117.70, 39.10), (117.71, 39.11), (117.72, 39.10), (117.71, 39.09), (117.70, 39.10)])
HALF_DISC = parts(
    9,
    [
        circular([(117.70, 39.10), (117.71, 39.11), (117.72, 39.10)]),
        linestring([(117.72, 39.10), (117.70, 39.10)]),
    ],
)


def curved_geopackage(path: Path) -> Path:
    geoms = [
        circular([(117.70, 39.10), (117.71, 39.11), (117.72, 39.10)]),  # CircularString
        HALF_DISC,  # CompoundCurve
        parts(10, [CIRCLE]),  # CurvePolygon
        parts(10, [HALF_DISC]),  # … compound ring
        parts(
            11,
            [
                circular([(117.8, 39.2), (117.81, 39.21), (117.82, 39.2)]),
                linestring([(117.8, 39.3), (117.9, 39.3)]),
            ],
        ),  # MultiCurve
        parts(12, [parts(10, [CIRCLE])]),  # MultiSurface
        parts(
            7,
            [
                circular([(117.70, 39.10), (117.71, 39.11), (117.72, 39.10)]),
                struct.pack("<BI", 1, 1) + _pts([(117.7, 39.1)]),
            ],
        ),  # GC with a curve
        shapely.to_wkb(Point(117.75, 39.15)),
    ]
    pyogrio.raw.write(
        str(path),
        np.array(geoms, dtype=object),
        [np.arange(len(geoms))],
        ["n"],
        driver="GPKG",
        crs="EPSG:4326",
        geometry_type="Unknown",
    )
    return path


def test_curved_geometries_are_linearized(tmp_path):
    path = curved_geopackage(tmp_path / "curves.gpkg")
    table = read_layer(path, display="curves.gpkg")
    assert len(table) == 8 and not shapely.is_missing(table.geometry).any()
    assert "7 curved geometries linearized (arcs drawn as straight segments of at most 1°)" in table.problems
    types = [g.geom_type for g in table.geometry]
    assert types == [
        "LineString",
        "LineString",
        "Polygon",
        "Polygon",
        "MultiLineString",
        "MultiPolygon",
        "GeometryCollection",
        "Point",
    ]
    circle = table.geometry[2]
    assert circle.area == pytest.approx(np.pi * R * R, rel=1e-3)
    # every vertex lies on the circle, end points exactly where the file put them
    d = np.hypot(*(shapely.get_coordinates(circle) - CENTRE).T)
    assert np.abs(d - R).max() < 1e-9
    arc = table.geometry[0]
    assert arc.coords[0] == (117.70, 39.10) and arc.coords[-1] == (117.72, 39.10)
    assert arc.length == pytest.approx(np.pi * R, rel=1e-3)
    assert table.geometry[3].area == pytest.approx(np.pi * R * R / 2, rel=1e-3)
    assert shapely.is_valid(table.geometry).all()


def test_curve_linearizer_edge_cases():
    from ecoviewer import curves

    collinear = curves.linearize(circular([(0, 0), (1, 1), (2, 2)]))
    assert list(collinear.coords) == [(0, 0), (1, 1), (2, 2)]
    clockwise = curves.linearize(circular([(0, 1), (1, 0), (0, -1)]))  # right half, clockwise
    assert max(x for x, _ in clockwise.coords) == pytest.approx(1.0)
    assert curves.linearize(b"\x01\x08\x00\x00\x00\xff\xff\xff\x7f") is None  # lying count
    assert curves.linearize(b"junk") is None
    deep = b"".join(struct.pack("<BII", 1, 7, 1) for _ in range(100)) + circular([(0, 0)] * 3)
    assert curves.linearize(deep) is None  # nested beyond MAX_DEPTH: refused, no recursion
    z = struct.pack("<BII", 1, 1008, 3) + b"".join(
        struct.pack("<ddd", x, y, 5.0) for x, y in [(0, 0), (1, 1), (2, 0)]
    )
    assert curves.linearize(z).coords[-1] == (2.0, 0.0)  # Z dropped, arc kept


# -- 6. a zoo of broken and hostile files -------------------------------------------------------------


def _shapefile(tmp: Path, drop: str | None = None, cut: str | None = None) -> Path:
    path = write_layer(tmp / "s.shp", [Point(117.7, 39.1), Point(117.8, 39.2)])
    if drop:
        path.with_suffix(drop).unlink()
    if cut:
        part = path.with_suffix(cut)
        part.write_bytes(part.read_bytes()[:60])
    return path


def _gpkg(tmp: Path, keep: float) -> Path:
    path = write_layer(tmp / "g.gpkg", [box(117.7, 39.1, 117.8, 39.2)] * 20)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def _write(name: str, content: str | bytes):
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    return build


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
DEEP = 100_000
POLYS = [
    {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[1, 2]]]}},
    {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[1, 2], [3, 4]]]}},
    {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [[[1, 2], [3, 4], [1, 2]]]},
    },
]

HOSTILE = {
    "empty file": _write("e.geojson", b""),
    "empty FeatureCollection": _write("fc.geojson", fc([])),
    "features null": _write("fn.geojson", '{"type":"FeatureCollection","features":null}'),
    "features a string": _write("fs.geojson", '{"type":"FeatureCollection","features":"x"}'),
    "truncated GeoJSON": _write("t.geojson", fc([point_feature()] * 5)[:-37]),
    "JSON junk": _write("j.geojson", '{"type": "Feature", "geometry": {"type": [1, {}]} ]]'),
    "PNG named .geojson": _write("image.geojson", PNG),
    "PNG named .shp": _write("image.shp", PNG),
    "binary junk named .kml": _write("k.kml", bytes(range(256)) * 8),
    "NaN/Inf in GeoJSON": _write(
        "nan.geojson",
        '{"type":"FeatureCollection","features":['
        '{"type":"Feature","properties":{},"geometry":{"type":"Point",'
        '"coordinates":[NaN, Infinity]}},{"type":"Feature","properties"'
        ':{},"geometry":{"type":"Point","coordinates":[117.7,39.1]}}]}',
    ),
    "1e308 in GeoJSON": _write("e308.geojson", fc([point_feature(1e308, -1e308), point_feature()])),
    "1e400 in GeoJSON": _write("e400.geojson", fc([point_feature()]).replace("117.7", "1e400")),
    "NaN/Inf/1e308 in CSV": _write(
        "nan.csv", "name,lon,lat\na,nan,inf\nb,1e308,-1e308\nc,-inf,NaN\nd,117.7,39.1\n"
    ),
    # GDAL 3.12 segfaulted on these (found by the fuzzer below): two columns answering the
    # same coordinate-name list, or a repeated column name, with KEEP_GEOM_COLUMNS=NO
    "CSV with two latitude columns": _write("lat2.csv", "纬度,lat\na"),
    "CSV with two y columns, CR line ends": _write("y2.csv", b"\xe7\xba\xac\xe5\xba\xa6,y\rN"),
    "CSV with two x columns": _write("x2.csv", "名,经度,x\r,"),
    "CSV repeating a coordinate column": _write("dup.csv", "a,lat,LAT\n1,3,4\n"),
    "CSV repeating a name, semicolons": _write("dup2.csv", "a;lon;a\n1;3;4\n"),
    "junk WKT in CSV": _write(
        "w.csv",
        'id,wkt\n1,"POLYGON ((1 2))"\n2,"POINT (nan inf)"\n'
        '3,"garbage"\n4,"LINESTRING (1 1)"\n5,"POINT (117.7 39.1)"\n',
    ),
    "1- and 2-point polygons": _write("p.geojson", fc(POLYS)),
    "100k-deep nested arrays": _write("deep.geojson", "[" * DEEP + "]" * DEEP),
    "100k-deep property": _write(
        "deepp.geojson",
        fc([point_feature()]).replace(
            '"properties": {}', '"properties": {"a": ' + "[" * DEEP + "]" * DEEP + "}"
        ),
    ),
    "100k-deep coordinates": _write(
        "deepc.geojson", fc([point_feature()]).replace("[117.7, 39.1]", "[" * DEEP + "]" * DEEP)
    ),
    "whitespace bomb (20 MB)": _write("ws.geojson", b" " * (20 * 2**20)),
    "whitespace then a layer": _write("ws2.geojson", b" " * (4 * 2**20) + fc([point_feature()]).encode()),
    "billion laughs KML": _write(
        "laughs.kml",
        '<?xml version="1.0"?><!DOCTYPE kml ['
        '<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi"))
        + "]><kml xmlns="
        '"http://www.opengis.net/kml/2.2"><Document><Placemark><name>&i;'
        "</name><Point><coordinates>1,2</coordinates></Point></Placemark>"
        "</Document></kml>",
    ),
    "external entity KML": _write(
        "xxe.kml",
        '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x '
        'SYSTEM "file:///etc/passwd">]><kml xmlns="http://www.opengis'
        '.net/kml/2.2"><Document><Placemark><name>&x;</name><Point>'
        "<coordinates>1,2</coordinates></Point></Placemark></Document>"
        "</kml>",
    ),
    "shapefile without .shx": lambda tmp: _shapefile(tmp, drop=".shx"),
    "shapefile without .dbf": lambda tmp: _shapefile(tmp, drop=".dbf"),
    "truncated .shp": lambda tmp: _shapefile(tmp, cut=".shp"),
    "truncated .dbf": lambda tmp: _shapefile(tmp, cut=".dbf"),
    "truncated GeoPackage": lambda tmp: _gpkg(tmp, 0.3),
    "GeoPackage cut by a few bytes": lambda tmp: _gpkg(tmp, 0.97),
    "text named .zip": _write("z.zip", "this is not a zip"),
    "truncated zip": lambda tmp: _write("tz.zip", zip_declaring(tmp / "full.zip", [1000]).read_bytes()[:50])(
        tmp
    ),
    "empty zip": _write("empty.zip", b"PK\x05\x06" + b"\x00" * 18),
    "zip bomb header": lambda tmp: zip_declaring(tmp / "bomb.zip", [0xFFFFFFF0] * 3),
    "zip with junk member": lambda tmp: _zip_with(tmp, {"a.shp": PNG, "a.dbf": b"junk"}),
    "zip member named ../../escape": lambda tmp: _zip_with(tmp, {"../../x.geojson": fc([point_feature()])}),
    "geometry type Bogus": _write(
        "bogus.geojson",
        fc([{"type": "Feature", "properties": {}, "geometry": {"type": "Bogus", "coordinates": [1, 2]}}]),
    ),
}


def _zip_with(tmp: Path, members: dict) -> Path:
    path = tmp / "members.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_give_a_table_or_one_line(tmp_path, case):
    path = HOSTILE[case](tmp_path)
    display = f"in/{path.name}"
    t0 = time.monotonic()
    try:
        table = read_layer(path, display=display)
    except LayerError as exc:
        one_line(exc, display)
    else:
        assert isinstance(table, FeatureTable)
        for problem in table.problems:
            assert "\n" not in problem and "\ufffd" not in problem, problem
        present = table.geometry[~shapely.is_missing(table.geometry)]
        if len(present):
            assert np.isfinite(shapely.get_coordinates(present)).all()
    assert time.monotonic() - t0 < 20, f"{case} took {time.monotonic() - t0:.1f} s"


def test_specific_lines_for_common_breakage(tmp_path):
    def error(build, display):
        with pytest.raises(LayerError) as err:
            read_layer(build(tmp_path), display=display)
        return one_line(err.value, display)

    assert error(HOSTILE["shapefile without .shx"], "s.shp") == (
        "s.shp: the .shx index file beside it is missing (a shapefile needs its .shp, .shx and .dbf together)"
    )
    assert error(HOSTILE["text named .zip"], "z.zip") == (
        "z.zip: is not a zip archive (damaged, or another format named .zip)"
    )
    assert error(HOSTILE["truncated GeoPackage"], "g.gpkg") == (
        "g.gpkg: damaged or truncated database file (GeoPackage/SQLite cannot read it)"
    )
    assert error(HOSTILE["PNG named .geojson"], "image.geojson").startswith(
        "image.geojson: not a vector format GDAL can read"
    )
    table = read_layer(HOSTILE["shapefile without .dbf"](tmp_path))
    assert len(table) == 2 and table.problems == [
        "no .dbf beside it: the layer has no attributes (geometry only)"
    ]
    nan = read_layer(HOSTILE["NaN/Inf in GeoJSON"](tmp_path))
    assert len(nan) == 2 and shapely.is_missing(nan.geometry).tolist() == [True, False]


# -- 7. fuzzing ---------------------------------------------------------------------------------
# ECOVIEWER_FUZZ_EXAMPLES=5000 for a longer run
FUZZ_EXAMPLES = int(os.environ.get("ECOVIEWER_FUZZ_EXAMPLES", "80"))

_numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(min_value=-180, max_value=180),
    st.floats(min_value=-90, max_value=90),
    st.sampled_from(["NaN", "1e400", "-0", "1e308", "", "117.7", None, True]),
)
_position = st.lists(_numbers, min_size=0, max_size=4)
_coordinates = st.recursive(_position, lambda inner: st.lists(inner, max_size=5), max_leaves=30)
_json = st.recursive(
    st.one_of(st.none(), st.booleans(), _numbers, st.text(max_size=20)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
_geometry = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(
                [
                    "Point",
                    "LineString",
                    "Polygon",
                    "MultiPoint",
                    "MultiLineString",
                    "MultiPolygon",
                    "GeometryCollection",
                    "CircularString",
                    "Bogus",
                    "",
                ]
            ),
            "coordinates": _coordinates,
        }
    ),
    _json,
)
_feature = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["Feature", "Feature", "feature", "Bogus"]),
        "properties": st.one_of(st.dictionaries(st.text(max_size=10), _json, max_size=5), _json),
        "geometry": _geometry,
    }
)
_crs = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(["name", "link", "EPSG"]),
            "properties": st.fixed_dictionaries(
                {
                    "name": st.sampled_from(
                        ["EPSG:4326", "urn:ogc:def:crs:EPSG::4548", "junk", "http://127.0.0.1:9/x", ""]
                    ),
                    "href": st.sampled_from(["http://127.0.0.1:9/x", "file:///etc/passwd", ""]),
                    "type": st.sampled_from(["proj4", "ogcwkt", "esriwkt"]),
                }
            ),
        }
    ),
)


def _read_or_one_line(text: str | bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        try:
            table = read_layer(path, display=f"fuzz{suffix}")
        except LayerError as exc:
            one_line(exc, f"fuzz{suffix}")
        else:
            assert isinstance(table, FeatureTable)
            for problem in table.problems:
                assert "\n" not in problem and "\ufffd" not in problem, problem


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    features=st.lists(_feature, max_size=6),
    crs=_crs,
    cut=st.one_of(st.none(), st.integers(min_value=0, max_value=400)),
)
def test_fuzzed_geojson_loads_or_gives_one_line(features, crs, cut):
    doc = {"type": "FeatureCollection", "features": features}
    if crs is not None:
        doc["crs"] = crs
    text = json.dumps(doc, allow_nan=True, ensure_ascii=False)
    if cut is not None:
        text = text[:cut]
    _read_or_one_line(text, ".geojson")


_cells = st.one_of(
    st.sampled_from(
        [
            "nan",
            "inf",
            "-inf",
            "1e308",
            "1e400",
            "117.7",
            "39.1",
            "",
            '"',
            ",",
            "POINT (117.7 39.1)",
            "POLYGON ((1 2))",
            "LINESTRING (nan nan, 1 1)",
            "CIRCULARSTRING (0 0, 1 1, 2 0)",
            "GEOMETRYCOLLECTION (POINT (1 2))",
            "生态岛",
            "\x00",
            "0x1F",
            "-0",
        ]
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=12),
)
_headers = st.lists(
    st.one_of(
        st.sampled_from(["lon", "lat", "x", "y", "wkt", "WKT", "geom", "name", "经度", "纬度", "id"]),
        st.text(max_size=8),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=_headers, rows=st.lists(st.lists(_cells, max_size=6), max_size=6), quoted=st.booleans())
def test_fuzzed_csv_loads_or_gives_one_line(header, rows, quoted):
    import csv
    import io

    buf = io.StringIO()
    if quoted:
        writer = csv.writer(buf)
        writer.writerow(header)
        writer.writerows(rows)
    else:
        buf.write(",".join(header) + "\n" + "\n".join(",".join(r) for r in rows) + "\n")
    _read_or_one_line(buf.getvalue(), ".csv")


# -- 8. the real files of ../shared/realdata behave as CATALOG.md says ------------------------------

CATALOG = [  # path, total features (None: a clear one-line error), a check on the tables
    (
        "datav_tianjin_districts/120000.json",
        16,
        lambda r: any("invalid geometries repaired" in p for p in r[0]["problems"]),
    ),
    ("datav_binhai_120116/120116.json", 1, None),
    ("datav_china_provinces/china.json", 35, lambda r: r[0]["problems"]),
    (
        "gary_tianjin_districts_noprj/天津市.shp",
        16,
        lambda r: r[0]["sample"]["name"] == "河北区" and r[0]["crs_assumed"],
    ),
    ("ncl_rivers_mojibake_dbf/rivers.shp", 594, None),
    ("ncl_river_malformed_prj/river.shp", 2, None),
    (
        "gz_airspace_epsg4526_crs_member/AirSpacePolygon_100.geojson",
        10,
        lambda r: (
            113.2 < r[0]["bounds"][0] < r[0]["bounds"][2] < 113.5
            and 23.0 < r[0]["bounds"][1] < r[0]["bounds"][3] < 23.2
        ),
    ),
    ("tbd_shanghai_bus71/busline.json", 2, None),
    ("tbd_shanghai_bus71/busstop.json", 49, None),
    ("sjz_3dbuildings/buildings.geojson", 690, None),  # names intact: see the test below
    ("sjz_3dbuildings/my-layer.shp", 690, None),
    ("sjz_3dbuildings/buildings-shp.zip", 690, None),
    ("osm_overpass_zhuhai_bnbu_pois/export.geojson", 175, None),
    ("kml_google_samples/google_sample.kml", 21, lambda r: len(r) == 10),
    ("kml_noaa_ridge2_warnings/warnings.kml", 16, lambda r: len(r) == 4),
    ("kml2geojson_empty_fc_and_nogeom_kml/no_geom_placemark.geojson", 0, None),
    (
        "kml2geojson_empty_fc_and_nogeom_kml/no_geom_placemark.kml",
        1,
        lambda r: any("without geometry" in p for p in r[0]["problems"]),
    ),
    ("fgb_countries/countries.fgb", 179, None),
    ("fgb_fuzz_broken/clusterfuzz-testcase-minimized-fgb_fuzzer-4642513358553088", None, None),
    ("zero_byte_json_broken/test.json", None, None),
]


@needs_real
@pytest.mark.parametrize("rel, count, check", CATALOG, ids=[c[0] for c in CATALOG])
def test_realdata_check_matches_the_catalog(rel, count, check):
    from ecoviewer.describe import check_reports

    target = str(REALDATA / rel)
    reports = [r.as_dict() for r in check_reports(target)]  # as `check --json` writes them
    assert reports
    if count is None:
        assert len(reports) == 1 and not reports[0]["ok"]
        one_line(reports[0]["error"], target)
        return
    failed = [r["error"] for r in reports if not r["ok"]]
    assert failed == []
    assert sum(r["features"] for r in reports) == count
    for r in reports:
        for problem in r["problems"]:
            assert "\n" not in problem and "\ufffd" not in problem
    if check is not None:
        assert check(reports)


@needs_real
def test_realdata_geojson_twin_keeps_its_chinese_names():
    table = read_layer(REALDATA / "sjz_3dbuildings" / "buildings.geojson")
    assert "新南楼" in set(table.fields["name"])


@needs_real
def test_realdata_is_catalogued_completely():
    files = {
        str(p.relative_to(REALDATA))
        for p in REALDATA.rglob("*")
        if p.is_file() and p.suffix.lower() not in (".dbf", ".shx", ".prj", ".cpg", ".md")
    }
    assert files == {c[0] for c in CATALOG}
