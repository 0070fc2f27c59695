"""Tiny basemaps and rasters built by the tests themselves: MBTiles, PMTiles, z/x/y tile
folders (solid-colour PNG tiles) and GeoTIFFs with known pixel values."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from ecoviewer.tiles import encode_png

#: a place in the Eco-City, and the tiles over it at zoom 12 (XYZ numbering)
LON, LAT = 117.75, 39.13


def xyz_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - np.arcsinh(np.tan(np.radians(lat))) / np.pi) / 2 * n)
    return x, y


def solid_png(rgb: tuple[int, int, int], size: int = 256) -> bytes:
    img = np.zeros((size, size, 4), np.uint8)
    img[..., :3] = rgb
    img[..., 3] = 255
    return encode_png(img)


def tiles_around(zooms=(10, 11, 12), colour=(200, 30, 30)) -> dict[tuple[int, int, int], bytes]:
    """A 2 × 2 block of tiles around the place, per zoom: {(z, x, y): png}."""
    out = {}
    for z in zooms:
        x, y = xyz_of(LON, LAT, z)
        for dx in (0, 1):
            for dy in (0, 1):
                out[(z, x + dx, y + dy)] = solid_png(colour)
    return out


def make_mbtiles(path: Path, tiles: dict, meta: dict | None = None) -> Path:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name text, value text)")
    db.execute(
        "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)"
    )
    for key, value in (meta or {}).items():
        db.execute("INSERT INTO metadata VALUES (?, ?)", (key, str(value)))
    for (z, x, y), data in tiles.items():
        db.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, (1 << z) - 1 - y, data))
    db.commit()
    db.close()
    return path


def make_pmtiles(path: Path, tiles: dict, meta: dict | None = None, bounds=None) -> Path:
    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import write

    zooms = [z for z, _, _ in tiles]
    w, s, e, n = bounds or (-180.0, -85.0, 180.0, 85.0)
    with write(str(path)) as writer:
        for (z, x, y), data in sorted(tiles.items(), key=lambda kv: zxy_to_tileid(*kv[0])):
            writer.write_tile(zxy_to_tileid(z, x, y), data)
        writer.finalize(
            {
                "tile_type": TileType.PNG,
                "tile_compression": Compression.NONE,
                "min_zoom": min(zooms),
                "max_zoom": max(zooms),
                "min_lon_e7": int(w * 1e7),
                "min_lat_e7": int(s * 1e7),
                "max_lon_e7": int(e * 1e7),
                "max_lat_e7": int(n * 1e7),
                "center_zoom": min(zooms),
                "center_lon_e7": int(LON * 1e7),
                "center_lat_e7": int(LAT * 1e7),
            },
            meta or {},
        )
    return path


def make_folder(root: Path, tiles: dict, tms: bool = False, ext: str = "png") -> Path:
    for (z, x, y), data in tiles.items():
        row = (1 << z) - 1 - y if tms else y
        tile = root / str(z) / str(x) / f"{row}.{ext}"
        tile.parent.mkdir(parents=True, exist_ok=True)
        tile.write_bytes(data)
    return root


def make_geotiff(
    path: Path,
    data: np.ndarray,
    *,
    crs: str | None = "EPSG:4548",
    origin: tuple[float, float] = (565000.0, 4335000.0),
    pixel: float = 10.0,
    nodata: float | None = None,
    overviews: tuple[int, ...] = (),
    tiled: bool = False,
) -> Path:
    """A GeoTIFF (bands × rows × cols, or rows × cols) whose top-left corner is ``origin``."""
    import rasterio
    from rasterio.transform import from_origin

    arr = data if data.ndim == 3 else data[np.newaxis]
    profile = {
        "driver": "GTiff",
        "height": arr.shape[1],
        "width": arr.shape[2],
        "count": arr.shape[0],
        "dtype": str(arr.dtype),
        "transform": from_origin(origin[0], origin[1], pixel, pixel),
    }
    if crs:
        profile["crs"] = crs
    if nodata is not None:
        profile["nodata"] = nodata
    if tiled:
        profile.update(tiled=True, blockxsize=256, blockysize=256)
    with rasterio.open(path, "w", **profile) as ds:
        ds.write(arr)
        if overviews:
            from rasterio.enums import Resampling

            ds.build_overviews(list(overviews), Resampling.average)
    return path
