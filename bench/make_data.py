"""Generate benchmark layers at the Eco-City: N building footprints (rotated rectangles) as
GeoPackage and GeoJSON, plus N/10 line segments and N/10 points. Deterministic (seeded).

Run:  .venv/bin/python bench/make_data.py 10000 100000 1000000   (writes bench/data/, ignored)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pyogrio
import shapely

OUT = Path(__file__).resolve().parent / "data"
# the Eco-City's box in lon/lat and its centre (see ../shared/domain/ecocity.md)
LON0, LAT0, LON1, LAT1 = 117.71, 39.09, 117.81, 39.20
CATS = np.array(["passive", "prefabricated", "zero_energy", "certified", "conventional"], dtype=object)


def buildings(n: int, rng) -> tuple[np.ndarray, dict]:
    lon = rng.uniform(LON0, LON1, n)
    lat = rng.uniform(LAT0, LAT1, n)
    # ~12–40 m by 8–20 m, rotated: small rectangles in degrees at 39° N
    w = rng.uniform(12, 40, n) / 86_500.0
    h = rng.uniform(8, 20, n) / 111_000.0
    a = rng.uniform(0, np.pi, n)
    c, s = np.cos(a), np.sin(a)
    dx = np.stack([-w, w, w, -w, -w], 1) / 2
    dy = np.stack([-h, -h, h, h, -h], 1) / 2
    xs = lon[:, None] + dx * c[:, None] - dy * s[:, None]
    ys = lat[:, None] + dx * s[:, None] + dy * c[:, None]
    coords = np.stack([xs, ys], -1).reshape(-1, 2)
    rings = shapely.linearrings(coords, indices=np.repeat(np.arange(n), 5))
    polys = shapely.polygons(rings)
    fields = {
        "category": CATS[rng.integers(0, 5, n)],
        "floors": rng.integers(2, 30, n).astype(np.int32),
        "floor_area": np.round(rng.uniform(300, 20000, n), 1),
        "name": np.array([f"楼{i}" for i in range(n)], dtype=object),
    }
    return polys, fields


def lines(n: int, rng) -> tuple[np.ndarray, dict]:
    x = rng.uniform(LON0, LON1, n)
    y = rng.uniform(LAT0, LAT1, n)
    d = rng.uniform(-0.002, 0.002, (n, 2))
    start = np.column_stack([x, y])
    geoms = shapely.linestrings(np.stack([start, start + d], 1))
    return geoms, {"kind": np.array(["rain_pipe", "reclaimed_pipe"], dtype=object)[rng.integers(0, 2, n)]}


def points(n: int, rng) -> tuple[np.ndarray, dict]:
    geoms = shapely.points(rng.uniform(LON0, LON1, n), rng.uniform(LAT0, LAT1, n))
    return geoms, {"pm25": np.round(rng.normal(40, 5, n), 1)}


def write(path: Path, geoms, fields, driver: str, layer: str) -> None:
    names = list(fields)
    kind = {0: "Point", 1: "LineString", 3: "Polygon"}[int(shapely.get_type_id(geoms[0]))]
    pyogrio.raw.write(
        str(path),
        shapely.to_wkb(geoms),
        [fields[k] for k in names],
        names,
        driver=driver,
        crs="EPSG:4326",
        layer=layer,
        geometry_type=kind,
        promote_to_multi=False,
    )


def big_buildings(n: int, chunk: int = 1_000_000) -> None:
    """Footprints only, written a million at a time (10M do not need 10M in memory): the
    out-of-core bench's GeoPackage (its R-tree is built by GDAL as it writes)."""
    path = OUT / f"buildings_{n}.gpkg"
    if path.exists():
        return
    t = time.perf_counter()
    part = path.with_suffix(".part.gpkg")
    part.unlink(missing_ok=True)
    for start in range(0, n, chunk):
        count = min(chunk, n - start)
        geoms, fields = buildings(count, np.random.default_rng(n + start))
        fields["name"] = np.array([f"楼{start + i}" for i in range(count)], dtype=object)
        names = list(fields)
        pyogrio.raw.write(
            str(part),
            shapely.to_wkb(geoms),
            [fields[k] for k in names],
            names,
            driver="GPKG",
            crs="EPSG:4326",
            layer="buildings",
            geometry_type="Polygon",
            promote_to_multi=False,
            append=start > 0,
        )
        print(f"  {start + count:,} / {n:,}", flush=True)
    part.rename(path)
    print(f"wrote {path.name} ({n:,} features) in {time.perf_counter() - t:.1f} s")


def main(sizes: list[int]) -> None:
    OUT.mkdir(exist_ok=True)
    for n in sizes:
        if n > 2_000_000:  # the streaming bench: footprints only, in chunks
            big_buildings(n)
            continue
        rng = np.random.default_rng(n)
        for kind, make in (("buildings", buildings), ("lines", lines), ("points", points)):
            count = n if kind == "buildings" else max(1, n // 10)
            geoms, fields = make(count, rng)
            for ext, driver in ((".gpkg", "GPKG"), (".geojson", "GeoJSON")):
                path = OUT / f"{kind}_{n}{ext}"
                if path.exists():
                    continue
                t = time.perf_counter()
                write(path, geoms, fields, driver, kind)
                print(f"wrote {path.name} ({count:,} features) in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000])
