"""Raster layers: GeoTIFFs built here in a CGCS2000 Gauss-Kruger zone (EPSG:4548), drawn as Web
Mercator tiles, identified, and measured within zones (raster targets) with answers worked
out by hand; damaged files give one line each."""

from __future__ import annotations

import io

import numpy as np
import pyproj
import pytest
import shapely

from ecoviewer.project import LayerSpec
from ecoviewer.raster_style import DEFAULT_RAMP, ramp_colors, ramp_table
from ecoviewer.rasters import RasterError, open_raster
from ecoviewer.sources import FeatureTable, read_spec
from ecoviewer.targets import evaluate_target

from .griddata import make_geotiff, xyz_of

X0, Y0 = 565000.0, 4335000.0  # the rasters' top-left corner, EPSG:4548 metres
GRID = np.array([[1, 2, 3, 4], [5, 6, 7, 8], [9, -1, 11, 12]], dtype="float32")  # -1: nodata


def to_lonlat(geom):
    t = pyproj.Transformer.from_crs("EPSG:4548", "EPSG:4326", always_xy=True)
    return shapely.transform(geom, lambda c: np.column_stack(t.transform(c[:, 0], c[:, 1])))


@pytest.fixture
def grid(tmp_path):
    return make_geotiff(tmp_path / "grid.tif", GRID, nodata=-1)


@pytest.fixture
def zones():
    """Zone A: rows 0–1, columns 0 to 2.5 (half of column 2); zone B: all of row 2."""
    a = shapely.box(X0, Y0 - 20, X0 + 25, Y0)
    b = shapely.box(X0, Y0 - 30, X0 + 40, Y0 - 20)
    geoms = np.array([to_lonlat(a), to_lonlat(b)], dtype=object)
    return FeatureTable(
        id="zones",
        path="zones",
        layer=None,
        driver="test",
        geometry=geoms,
        fields={"name": np.array(["A", "B"], dtype=object)},
        crs=pyproj.CRS("EPSG:4326"),
    )


def test_a_raster_opens_with_its_facts_not_its_pixels(grid):
    r = open_raster(grid, display="grid.tif")
    assert (r.width, r.height, r.count, r.dtype, r.nodata) == (4, 3, 1, "float32", -1.0)
    assert r.crs.to_epsg() == 4548 and not r.crs_assumed and r.driver == "GTiff"
    assert r.stats[1][:2] == (1.0, 12.0)  # the stretch from the valid pixels (nodata left out)
    w, s, e, n = r.bounds
    assert 117.7 < w < e < 117.8 and 39.1 < s < n < 39.2


def test_zonal_weights_pixels_by_their_overlap(grid, zones):
    r = open_raster(grid)
    area, weighted, held = r.zonal(zones.geometry, pyproj.CRS("EPSG:4548"), condition=lambda v: v > 5)
    # A: 1, 2, 5, 6 whole (100 m² each), 3 and 7 half (50 m²): 500 m², Σ v·a = 1,900
    # B: 9, 11, 12 whole; the nodata pixel counts in neither sum: 300 m², Σ v·a = 3,200
    assert area == pytest.approx([500.0, 300.0], abs=1e-3)
    assert weighted == pytest.approx([1900.0, 3200.0], abs=1e-2)
    # v > 5 — A: 6 (100) and half of 7 (50); B: all three
    assert held == pytest.approx([150.0, 300.0], abs=1e-3)


def test_raster_targets_have_the_hand_computed_values(grid, zones):
    r = open_raster(grid)
    tables = {"grid": r, "zones": zones}
    mean = evaluate_target(
        {"id": "m", "metric": "raster_mean", "layer": "grid", "zones": "zones", "op": "<", "target": 5},
        tables,
    )
    assert mean.value == pytest.approx((1900 + 3200) / 800)  # 6.375
    assert mean.status == "missed"
    assert mean.responsible == {"zones": [1]} or list(mean.responsible["zones"]) == [1]  # B: 10.67
    share = evaluate_target(
        {
            "id": "s",
            "metric": "raster_share",
            "layer": "grid",
            "zones": "zones",
            "condition": {"op": ">", "value": 5},
            "op": ">=",
            "target": 50,
            "unit": "%",
        },
        tables,
    )
    assert share.value == pytest.approx(450 / 800 * 100)  # 56.25 %
    assert share.status == "met" and list(share.responsible["zones"]) == [0]  # A: 30 %
    only_a = evaluate_target(
        {
            "id": "a",
            "metric": "raster_mean",
            "layer": "grid",
            "zones": "zones",
            "zones_where": {"name": "A"},
            "op": "<",
            "target": 5,
        },
        tables,
    )
    assert only_a.value == pytest.approx(3.8) and only_a.status == "met"


def test_metrics_and_layers_must_match(grid, zones):
    from ecoviewer.targets import TargetError

    tables = {"grid": open_raster(grid), "zones": zones}
    with pytest.raises(TargetError, match="metric 'mean' needs a vector layer; 'grid' is a raster"):
        evaluate_target(
            {"id": "x", "metric": "mean", "layer": "grid", "field": "v", "op": "<", "target": 1}, tables
        )
    with pytest.raises(TargetError, match="metric 'raster_mean' needs a raster layer"):
        evaluate_target(
            {"id": "y", "metric": "raster_mean", "layer": "zones", "zones": "zones", "op": "<", "target": 1},
            tables,
        )


def decode(png: bytes) -> np.ndarray:
    import rasterio

    with rasterio.MemoryFile(io.BytesIO(png)) as mem, mem.open() as ds:
        return np.moveaxis(ds.read(), 0, -1)


def test_a_tile_is_coloured_by_the_ramp_and_nodata_is_clear(tmp_path):
    data = np.zeros((200, 200), dtype="float32")
    data[:, 100:] = 1.0
    data[:20, :20] = -9999
    path = make_geotiff(tmp_path / "ndvi.tif", data, nodata=-9999, pixel=5.0)
    r = read_spec(
        LayerSpec(id="ndvi", path=str(path), style={"kind": "ramp", "ramp": "YlGn", "min": 0, "max": 1})
    )
    w, s, e, n = r.bounds
    z = 14  # a tile of ~1.9 km: the 1-km raster inside it, the ground around it
    x, y = xyz_of((w + e) / 2, (s + n) / 2, z)
    rgba = decode(r.tile(z, x, y))
    table = ramp_table("YlGn")
    colours = {tuple(px[:3]) for px in rgba.reshape(-1, 4) if px[3] == 255}
    assert tuple(table[0]) in colours and tuple(table[255]) in colours  # both ends of the ramp
    assert (rgba[..., 3] == 0).any()  # outside the raster (and its nodata): transparent
    far = r.tile(z, x + 50, y)  # far off the raster: an empty tile
    assert (decode(far)[..., 3] == 0).all()


def test_identify_reads_the_pixel_under_the_point(grid):
    r = open_raster(grid)
    t = pyproj.Transformer.from_crs("EPSG:4548", "EPSG:4326", always_xy=True)
    assert r.values_at(*t.transform(X0 + 15, Y0 - 5)) == [2.0]
    assert r.values_at(*t.transform(X0 + 15, Y0 - 25)) == [None]  # nodata
    assert r.values_at(*t.transform(X0 - 50, Y0)) is None  # outside


def test_a_raster_without_crs_is_asked_for_one(tmp_path):
    path = make_geotiff(tmp_path / "nocrs.tif", GRID, crs=None)
    with pytest.raises(RasterError) as err:
        open_raster(path, display="nocrs.tif")
    assert str(err.value) == 'nocrs.tif: has no CRS; set crs = "EPSG:4548" (or the right one) for this layer'
    r = open_raster(path, display="nocrs.tif", crs="EPSG:4548")  # the project says which
    assert r.crs.to_epsg() == 4548
    t = pyproj.Transformer.from_crs("EPSG:4548", "EPSG:4326", always_xy=True)
    assert r.values_at(*t.transform(X0 + 15, Y0 - 5)) == [2.0]


def test_damaged_rasters_say_one_line(tmp_path, grid):
    (tmp_path / "zero.tif").write_bytes(b"")
    (tmp_path / "text.tif").write_text("not a tiff")
    big = make_geotiff(tmp_path / "big.tif", np.arange(512 * 512, dtype="float32").reshape(512, 512))
    (tmp_path / "cut.tif").write_bytes(big.read_bytes()[: big.stat().st_size // 2])
    for name in ("zero.tif", "text.tif", "cut.tif", "gone.tif"):
        with pytest.raises(RasterError) as err:
            open_raster(tmp_path / name, display=name)
        text = str(err.value)
        assert "\n" not in text and text.startswith(f"{name}: "), text
    with pytest.raises(RasterError, match=r"^zero.tif: the file is empty \(0 bytes\)$"):
        open_raster(tmp_path / "zero.tif", display="zero.tif")


def test_a_wrong_style_falls_back_with_one_line(grid):
    r = read_spec(LayerSpec(id="g", path="grid.tif", base_dir=grid.parent, style={"ramp": "NoSuchRamp"}))
    assert r.style_error == (
        "grid.tif: unknown colour ramp 'NoSuchRamp' (e.g. YlGn, RdYlGn, viridis); drawn with the default style"
    )
    assert r.problems == [r.style_error.removeprefix("grid.tif: ")]
    assert r.style.kind == "ramp" and r.style.ramp == list(DEFAULT_RAMP)  # (not a named one)


def test_ramps_come_from_the_named_tables_or_the_projects_own_stops():
    assert ramp_colors(["#000000", "#ffffff"], 3) == ["#000000", "#808080", "#ffffff"]
    assert ramp_colors("YlGn", 2)[0] != ramp_colors("YlGn_r", 2)[0]


def test_overviews_are_built_into_a_cache_never_into_the_source(tmp_path, monkeypatch):
    import hashlib

    from ecoviewer import overviews, rasters

    monkeypatch.setattr(rasters, "BIG_WITHOUT_OVERVIEWS", 100_000)  # "big" at test size
    data = np.add.outer(np.arange(600), np.arange(600)).astype("float32")
    src = make_geotiff(tmp_path / "big.tif", data)
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    spec = LayerSpec(id="big", path="big.tif", base_dir=tmp_path)
    r = read_spec(spec)
    assert overviews.needs_overviews(r)
    assert r.problems == [
        "600 × 600 pixels without overviews: zoomed out it draws slowly (build overviews to speed it up)"
    ]
    cache = tmp_path / overviews.CACHE_DIR
    # cancelled at the first block: nothing is left behind
    assert overviews.build_overview_cache(r, cache, progress=lambda done, total: False) is None
    assert not any(cache.iterdir())
    steps = []
    built = overviews.build_overview_cache(r, cache, progress=lambda done, total: steps.append((done, total)))
    assert built is not None and built.parent == cache and steps[-1] == (3, 3)  # 2 block rows + overviews
    assert r.source == str(built) and r.overviews == [2] and r.problems == []
    # the source is as it was, with nothing written beside it (no .ovr, no .aux.xml)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == [overviews.CACHE_DIR, "big.tif"]
    # the copy reads the same pixels, and the next open draws from it
    t = pyproj.Transformer.from_crs("EPSG:4548", "EPSG:4326", always_xy=True)
    assert r.values_at(*t.transform(X0 + 10 * 123 + 5, Y0 - 10 * 45 - 5)) == [168.0]
    again = read_spec(spec)
    assert again.source == str(built) and not overviews.needs_overviews(again)


def test_three_bands_are_true_colour(tmp_path):
    rgb = np.zeros((3, 100, 100), dtype="uint8")
    rgb[0, :, :50] = 200  # left half red, right half blue
    rgb[2, :, 50:] = 180
    path = make_geotiff(tmp_path / "rgb.tif", rgb, pixel=10.0)
    r = read_spec(LayerSpec(id="rgb", path=str(path)))
    assert (r.count, r.style.kind, r.style.bands) == (3, "rgb", (1, 2, 3))
    w, s, e, n = r.bounds
    z = 15
    colours = set()
    for lon in (w + (e - w) * 0.25, w + (e - w) * 0.75):
        x, y = xyz_of(lon, (s + n) / 2, z)
        rgba = decode(r.tile(z, x, y))
        colours |= {tuple(int(v) for v in px) for px in rgba.reshape(-1, 4) if px[3] == 255}
    assert {(200, 0, 0, 255), (0, 0, 180, 255)} <= colours  # uint8 bands as they are


def test_zonal_equals_cutting_every_pixel_for_any_zone(tmp_path):
    """The shortcut (whole pixels by their corners and centre, only edge pixels cut) gives
    what cutting every pixel by the zone gives, for zones of any shape and place: random
    polygons, holes, zones along the pixel grid, a zone inside one pixel."""
    rng = np.random.default_rng(14)
    data = rng.uniform(0, 10, (8, 10)).astype("float32")
    data[3, 4] = -1  # nodata
    r = open_raster(make_geotiff(tmp_path / "z.tif", data, nodata=-1))
    metric = pyproj.CRS("EPSG:4548")
    zones = [
        shapely.box(X0 + 10, Y0 - 60, X0 + 70, Y0 - 20),  # along the grid
        shapely.box(X0 + 32, Y0 - 38, X0 + 36, Y0 - 33),  # inside one pixel
        shapely.box(X0 + 5, Y0 - 75, X0 + 95, Y0 - 5).difference(
            shapely.box(X0 + 21, Y0 - 49, X0 + 29, Y0 - 41)
        ),
    ]
    for _ in range(6):  # random star-shaped polygons over the grid and past its edge
        angles = np.sort(rng.uniform(0, 2 * np.pi, 9))
        radius = rng.uniform(5, 45, 9)
        cx, cy = X0 + rng.uniform(0, 100), Y0 - rng.uniform(0, 80)
        zones.append(
            shapely.Polygon(np.column_stack([cx + radius * np.cos(angles), cy + radius * np.sin(angles)]))
        )
    area, weighted, held = r.zonal(
        np.array([to_lonlat(z) for z in zones], dtype=object), metric, condition=lambda v: v > 5
    )
    t = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:4548", always_xy=True)
    rows, cols = np.nonzero(data != -1)
    pixels = shapely.box(X0 + cols * 10, Y0 - (rows + 1) * 10, X0 + (cols + 1) * 10, Y0 - rows * 10)
    values = data[rows, cols]
    for i, zone in enumerate(zones):
        zm = shapely.transform(to_lonlat(zone), lambda c: np.column_stack(t.transform(c[:, 0], c[:, 1])))
        cut = shapely.area(shapely.intersection(pixels, zm))
        assert area[i] == pytest.approx(cut.sum(), abs=1e-4), i
        assert weighted[i] == pytest.approx((cut * values).sum(), abs=1e-3), i
        assert held[i] == pytest.approx(cut[values > 5].sum(), abs=1e-4), i


def test_a_tile_puts_each_pixel_where_it_is_and_any_zoom_works(grid):
    """Pixel by pixel: the colour at a point of a tile is the ramp colour of the value
    ``values_at`` reads there (no flip, no shift); world tiles and a global raster draw."""
    r = open_raster(grid)
    t = pyproj.Transformer.from_crs("EPSG:4548", "EPSG:4326", always_xy=True)
    z = 19  # ~0.2 m pixels: a 10-m raster pixel is 50 tile pixels
    table = r.style.lookup()
    lo, hi = r.stretch(r.style, 1)
    for col, row in ((0, 0), (3, 0), (1, 1), (2, 2)):
        lon, lat = t.transform(X0 + 10 * col + 5, Y0 - 10 * row - 5)
        n = 2**z
        fx = (lon + 180) / 360 * n
        fy = (1 - np.arcsinh(np.tan(np.radians(lat))) / np.pi) / 2 * n
        rgba = decode(r.tile(z, int(fx), int(fy)))
        px = rgba[int((fy % 1) * 256), int((fx % 1) * 256)]
        value = r.values_at(lon, lat)[0]
        if value is None:
            assert px[3] == 0
        else:
            want = table[int((value - lo) / (hi - lo) * 255 + 0.5)]
            assert tuple(px[:3]) == tuple(want) and px[3] == 255, (col, row)
    for z, x, y in ((0, 0, 0), (1, 1, 0), (3, 6, 3)):  # the whole world: no error, drawn small
        assert decode(r.tile(z, x, y)).shape == (256, 256, 4)


def test_a_global_raster_draws_in_an_offline_page(tmp_path):
    import rasterio
    from rasterio.transform import from_origin

    path = tmp_path / "world.tif"
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=36,
        height=18,
        count=1,
        dtype="float32",
        crs="EPSG:4326",
        transform=from_origin(-180, 90, 10, 10),
    ) as ds:
        ds.write(np.arange(36 * 18, dtype="float32").reshape(1, 18, 36))
    r = open_raster(path)
    png, bounds = r.image(256)
    assert bounds[1] > -85.06 and bounds[3] < 85.06  # cut to what a Web Mercator map shows
    assert (decode(png)[..., 3] == 255).mean() > 0.95
