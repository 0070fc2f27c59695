"""Generate the sample's ground (issue 14) — SCHEMATIC, drawn from the sample's own layers.

- data/basemap.mbtiles: a schematic basemap (zoom 10–14) drawn from the districts, water,
  green zones, shoreline and transit of the sample with EcoViewer's own tile painter, land
  and sea in muted colours. There are no internet tiles here: its attribution says so.
- data/ndvi.tif: an NDVI-like grid (50 m, EPSG:4548): high over the green zones and
  wetlands, low over built-up land, nodata over the sea; overviews 2, 4, 8.
- data/pm25.tif: a PM2.5 surface (100 m, EPSG:4548) interpolated from the four air stations'
  2025 values (inverse distance, power 2); overviews 2, 4.

Deterministic (a fixed seed, no clock). Run after make_sample.py:

    python layers/make_ground.py
"""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import numpy as np
import pyproj
import shapely

HERE = Path(__file__).resolve().parent
OUT = HERE / "data"
sys.path.insert(0, str(HERE.parent))

from ecoviewer.project import LayerSpec, load_project  # noqa: E402
from ecoviewer.sources import read_spec  # noqa: E402
from ecoviewer.styles import resolve_style  # noqa: E402
from ecoviewer.tiles import TILE, TileRenderer, encode_png  # noqa: E402

RNG = np.random.default_rng(2008)
TO_4548 = pyproj.Transformer.from_crs(4326, 4548, always_xy=True)
FROM_4548 = pyproj.Transformer.from_crs(4548, 4326, always_xy=True)
BOUNDS = (117.69, 39.06, 117.86, 39.225)  # lon/lat: the view with a margin (the rasters)
#: the basemap reaches further, so that a wide window or a full-screen presentation has ground
#: to its edges
BASEMAP_BOUNDS = (117.58, 39.00, 117.97, 39.29)
ZOOMS = range(10, 15)
LAND = (242, 239, 230)
ATTRIBUTION = (
    "示意底图，由样例图层生成，非测绘数据 · "
    "Schematic basemap drawn from the sample's own layers, not survey data"
)

#: what each sample layer looks like on the basemap (muted, so the layers above stand out)
BASE_STYLES = {
    "districts": {
        "kind": "single",
        "color": "#e9e4d6",
        "fill_opacity": 1.0,
        "stroke": "#cfc6b2",
        "weight": 1,
    },
    "protected_areas": {"kind": "single", "color": "#d5e6c6", "fill_opacity": 1.0, "weight": 0},
    "garden_zones": {"kind": "single", "color": "#cfe3bd", "fill_opacity": 1.0, "weight": 0},
    "water_network": {"kind": "single", "color": "#b3d3e3", "fill_opacity": 1.0, "weight": 1.5, "radius": 0},
    "shoreline": {"kind": "single", "color": "#9bbfd2", "weight": 2},
    "transit": {"kind": "single", "color": "#ffffff", "weight": 2.5, "radius": 0},
}


def sea_polygon(project) -> shapely.Geometry:
    """The sea: everything seaward (east-south-east) of the sample's shoreline."""
    coast = read_spec(project.layer("shoreline"))
    xy = shapely.get_coordinates(coast.geometry)
    pts = xy[np.argsort(xy[:, 1])]  # south to north along the coast
    along = (pts[-1] - pts[0]) / np.hypot(*(pts[-1] - pts[0]))
    seaward = np.array([along[1], -along[0]])  # right of a coast walked north: the sea
    south, north = pts[0] - 0.5 * along, pts[-1] + 0.5 * along
    ring = [tuple(south), *map(tuple, pts), tuple(north), tuple(north + seaward), tuple(south + seaward)]
    return shapely.make_valid(shapely.Polygon(ring))


def decode(png: bytes) -> np.ndarray:
    import rasterio

    with rasterio.MemoryFile(io.BytesIO(png)) as mem, mem.open() as ds:
        return np.moveaxis(ds.read(), 0, -1).astype(np.float32) / 255.0


def tile_range(z: int) -> tuple[range, range]:
    n = 2**z
    w, s, e, nn = BASEMAP_BOUNDS
    x0, x1 = int((w + 180) / 360 * n), int((e + 180) / 360 * n)
    y0 = int((1 - np.arcsinh(np.tan(np.radians(nn))) / np.pi) / 2 * n)
    y1 = int((1 - np.arcsinh(np.tan(np.radians(s))) / np.pi) / 2 * n)
    return range(x0, x1 + 1), range(y0, y1 + 1)


def make_basemap(project) -> None:
    renderers = []
    sea = sea_polygon(project)
    sea_style = resolve_style(
        LayerSpec(
            id="sea",
            path="sea",
            style={"kind": "single", "color": "#bed7e4", "fill_opacity": 1.0, "weight": 0},
        ),
        [],
    )
    renderers.append(TileRenderer(np.array([sea], dtype=object), sea_style, {}))
    for layer_id, style in BASE_STYLES.items():
        spec = project.layer(layer_id)
        table = read_spec(spec)
        drawn = LayerSpec(id=layer_id, path=spec.path, style=style)
        renderers.append(TileRenderer(table.geometry, resolve_style(drawn, list(table.fields)), table.fields))
    path = OUT / "basemap.mbtiles"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name text, value text)")
    db.execute(
        "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)"
    )
    db.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)")
    meta = {
        "name": "Eco-City schematic basemap",
        "format": "png",
        "minzoom": min(ZOOMS),
        "maxzoom": max(ZOOMS),
        "bounds": ",".join(str(v) for v in BASEMAP_BOUNDS),
        "attribution": ATTRIBUTION,
        "type": "baselayer",
        "description": "Generated by layers/make_ground.py from the sample's own layers (schematic).",
    }
    db.executemany("INSERT INTO metadata VALUES (?, ?)", [(k, str(v)) for k, v in meta.items()])
    count = 0
    for z in ZOOMS:
        xs, ys = tile_range(z)
        for x in xs:
            for y in ys:
                rgb = np.ones((TILE, TILE, 3), np.float32) * (np.array(LAND, np.float32) / 255)
                for r in renderers:
                    layer = decode(r.render(z, x, y))
                    a = layer[..., 3:4]
                    rgb = rgb * (1 - a) + layer[..., :3] * a
                out = np.empty((TILE, TILE, 4), np.uint8)
                out[..., :3] = np.clip(rgb * 255 + 0.5, 0, 255)
                out[..., 3] = 255
                db.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, (1 << z) - 1 - y, encode_png(out)))
                count += 1
    db.commit()
    db.execute("VACUUM")
    db.close()
    print(f"wrote {path.name}: {count} tiles, {path.stat().st_size / 1e6:.2f} MB")


def grid(pixel: float):
    """Pixel centres of a grid over BOUNDS in EPSG:4548: (transform, x, y, lon, lat)."""
    from rasterio.transform import from_origin

    xs, ys = TO_4548.transform(
        [BOUNDS[0], BOUNDS[2], BOUNDS[0], BOUNDS[2]], [BOUNDS[1], BOUNDS[1], BOUNDS[3], BOUNDS[3]]
    )
    x0, x1 = np.floor(min(xs) / pixel) * pixel, np.ceil(max(xs) / pixel) * pixel
    y0, y1 = np.floor(min(ys) / pixel) * pixel, np.ceil(max(ys) / pixel) * pixel
    cols, rows = int((x1 - x0) / pixel), int((y1 - y0) / pixel)
    cx = x0 + (np.arange(cols) + 0.5) * pixel
    cy = y1 - (np.arange(rows) + 0.5) * pixel
    gx, gy = np.meshgrid(cx, cy)
    lon, lat = FROM_4548.transform(gx, gy)
    return from_origin(x0, y1, pixel, pixel), gx, gy, lon, lat


def write_tif(name: str, data: np.ndarray, transform, nodata: float, overviews: list[int]) -> None:
    import rasterio
    from rasterio.enums import Resampling

    path = OUT / name
    profile = {
        "driver": "GTiff",
        "height": data.shape[0],
        "width": data.shape[1],
        "count": 1,
        "dtype": "float32",
        "crs": "EPSG:4548",
        "transform": transform,
        "nodata": nodata,
        "compress": "deflate",
        "predictor": 3,
        "tiled": True,
        "blockxsize": 256,
        "blockysize": 256,
    }
    with rasterio.Env(GDAL_PAM_ENABLED="NO"), rasterio.open(path, "w", **profile) as ds:
        ds.write(data.astype("float32"), 1)
        ds.build_overviews(overviews, Resampling.average)
        ds.update_tags(note="SCHEMATIC: generated by layers/make_ground.py, not measured")
    print(f"wrote {name}: {data.shape[1]} x {data.shape[0]}, {path.stat().st_size / 1e6:.2f} MB")


def inside(geoms, lon, lat) -> np.ndarray:
    union = shapely.union_all([g for g in geoms if g is not None])
    shapely.prepare(union)
    return shapely.contains_xy(union, lon, lat)


def smooth_noise(shape: tuple[int, int], cell: int = 6) -> np.ndarray:
    """Noise that varies over a few pixels, not from pixel to pixel (a field, not static):
    a coarse random grid, interpolated."""
    rows, cols = shape
    coarse = RNG.standard_normal((rows // cell + 2, cols // cell + 2))
    r = np.arange(rows) / cell
    c = np.arange(cols) / cell
    r0, c0 = np.floor(r).astype(int), np.floor(c).astype(int)
    fr, fc = (r - r0)[:, None], (c - c0)[None, :]
    a = coarse[r0][:, c0]
    b = coarse[r0][:, c0 + 1]
    d = coarse[r0 + 1][:, c0]
    e = coarse[r0 + 1][:, c0 + 1]
    return (a * (1 - fc) + b * fc) * (1 - fr) + (d * (1 - fc) + e * fc) * fr


def make_ndvi(project) -> None:
    transform, _gx, _gy, lon, lat = grid(50.0)
    noise = smooth_noise(lon.shape)
    ndvi = 0.14 + 0.05 * noise  # built-up land
    green = read_spec(project.layer("garden_zones"))
    wet = read_spec(project.layer("protected_areas"))
    districts = read_spec(project.layer("districts"))
    on_land = inside(districts.geometry, lon, lat)
    ndvi[~on_land] = (0.28 + 0.07 * noise)[~on_land]  # farmland and salt flats around
    w = inside(wet.geometry, lon, lat)
    ndvi[w] = (0.45 + 0.06 * noise)[w]
    g = inside(green.geometry, lon, lat)
    ndvi[g] = (0.62 + 0.06 * noise)[g]
    water = read_spec(project.layer("water_network"))
    polys = water.geometry[shapely.get_type_id(water.geometry) >= 3]
    ndvi[inside(polys, lon, lat)] = -0.05
    ndvi = np.clip(ndvi, -0.2, 0.9)
    ndvi[inside([sea_polygon(project)], lon, lat)] = -9999.0  # the sea: no data
    write_tif("ndvi.tif", ndvi, transform, -9999.0, [2, 4, 8])


def make_pm25(project) -> None:
    transform, gx, gy, _lon, _lat = grid(100.0)
    stations = read_spec(project.layer("air_stations"))
    sx, sy = TO_4548.transform(*shapely.get_coordinates(stations.geometry).T)
    values = np.asarray(stations.fields["pm25_2025"], dtype=float)
    d2 = (gx[..., None] - sx) ** 2 + (gy[..., None] - sy) ** 2
    w = 1.0 / np.maximum(d2, 1.0)
    pm = (w * values).sum(-1) / w.sum(-1)
    pm += 0.6 * np.sin(gx / 1500.0) * np.cos(gy / 1700.0)  # a little texture, schematic
    write_tif("pm25.tif", pm, transform, -9999.0, [2, 4])


def main() -> None:
    project = load_project(HERE / "ecocity.toml")
    make_basemap(project)
    make_ndvi(project)
    make_pm25(project)


if __name__ == "__main__":
    main()
