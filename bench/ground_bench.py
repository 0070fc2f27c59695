"""Ground (issue 14): basemap tiles from MBTiles and PMTiles, raster tiles from a 20,000 ×
20,000 cloud-optimized GeoTIFF with overviews at several zooms, and the memory that opening
a 1.6 GB GeoTIFF adds — in this process, no window.

Run:  .venv/bin/python bench/ground_bench.py        (writes bench/data/big_cog.tif once,
      1.6 GB of float32, and bench/data/sample_base.pmtiles from the sample's MBTiles)

The first-frame and A3 numbers come from bench/sample_timings.py and bench/export_bench.py
(the sample has a basemap and two rasters since issue 14).
"""

from __future__ import annotations

import math
import random
import sqlite3
import statistics
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
BIG = DATA / "big_cog.tif"
SIZE = 20_000


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def make_big() -> None:
    """A 20,000 × 20,000 float32 GeoTIFF (1.6 GB), tiled, with overviews, in EPSG:4548 around
    the Eco-City: written band-row by band-row (never the whole array in memory)."""
    import rasterio
    from rasterio.enums import Resampling
    from rasterio.transform import from_origin
    from rasterio.windows import Window

    if BIG.exists():
        return
    DATA.mkdir(exist_ok=True)
    profile = {
        "driver": "GTiff",
        "width": SIZE,
        "height": SIZE,
        "count": 1,
        "dtype": "float32",
        "crs": "EPSG:4548",
        "transform": from_origin(540000.0, 4360000.0, 2.5, 2.5),  # 50 km square, 2.5 m pixels
        "tiled": True,
        "blockxsize": 512,
        "blockysize": 512,
        "BIGTIFF": "YES",
        "nodata": -9999.0,
    }
    t = time.perf_counter()
    cols = np.arange(SIZE, dtype=np.float32)
    with rasterio.Env(GDAL_PAM_ENABLED="NO"), rasterio.open(BIG, "w", **profile) as ds:
        for row in range(0, SIZE, 512):
            h = min(512, SIZE - row)
            rows = np.arange(row, row + h, dtype=np.float32)[:, None]
            block = (np.sin(cols / 900.0) * np.cos(rows / 700.0) * 0.4 + 0.4).astype(np.float32)
            ds.write(block, 1, window=Window(0, row, SIZE, h))
        ds.build_overviews([2, 4, 8, 16, 32, 64], Resampling.average)
    print(f"wrote {BIG.name} ({BIG.stat().st_size / 1e9:.2f} GB) in {time.perf_counter() - t:.0f} s")


def tile_times(fn, tiles) -> list[float]:
    out = []
    for z, x, y in tiles:
        t = time.perf_counter()
        fn(z, x, y)
        out.append((time.perf_counter() - t) * 1000)
    return out


def xyz(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)


def basemaps() -> None:
    from ecoviewer.basemaps import open_basemap

    mb = ROOT / "layers" / "data" / "basemap.mbtiles"
    pm = DATA / "sample_base.pmtiles"
    if not pm.exists():
        from pmtiles.tile import Compression, TileType, zxy_to_tileid
        from pmtiles.writer import write

        DATA.mkdir(exist_ok=True)
        db = sqlite3.connect(mb)
        rows = db.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles").fetchall()
        entries = sorted(((z, x, (1 << z) - 1 - r), d) for z, x, r, d in rows)
        with write(str(pm)) as w:
            for (z, x, y), data in sorted(entries, key=lambda e: zxy_to_tileid(*e[0])):
                w.write_tile(zxy_to_tileid(z, x, y), data)
            w.finalize(
                {
                    "tile_type": TileType.PNG,
                    "tile_compression": Compression.NONE,
                    "min_zoom": 10,
                    "max_zoom": 14,
                    "min_lon_e7": int(117.69e7),
                    "min_lat_e7": int(39.06e7),
                    "max_lon_e7": int(117.86e7),
                    "max_lat_e7": int(39.225e7),
                    "center_zoom": 12,
                    "center_lon_e7": int(117.775e7),
                    "center_lat_e7": int(39.148e7),
                },
                {"attribution": "schematic"},
            )
    for path in (mb, pm):
        base = open_basemap(path)
        tiles = []
        for z in range(10, 15):
            x0, y0 = xyz(117.70, 39.22, z)
            x1, y1 = xyz(117.85, 39.07, z)
            tiles += [(z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
        random.Random(1).shuffle(tiles)
        times = tile_times(base.tile, tiles * 3)
        found = sum(base.tile(*t) is not None for t in tiles)
        p90 = sorted(times)[int(len(times) * 0.9)]
        print(
            f"basemap tile ({path.suffix[1:]}, {len(tiles)} tiles × 3, {found} in the file): "
            f"median {statistics.median(times):.2f} ms, p90 {p90:.2f} ms"
        )


def rasters() -> None:
    from ecoviewer.rasters import open_raster

    make_big()
    before = rss_mb()
    t = time.perf_counter()
    r = open_raster(BIG, style={"kind": "ramp", "ramp": "YlGn", "min": 0, "max": 0.8})
    opened = time.perf_counter() - t
    print(f"open {BIG.name}: {opened * 1000:.0f} ms, memory +{rss_mb() - before:.0f} MB (RSS)")
    w, s, e, n = r.bounds
    for z in (9, 11, 13, 15, 17):
        x0, y0 = xyz(w + 0.01, n - 0.01, z)
        x1, y1 = xyz(e - 0.01, s + 0.01, z)
        cells = [(z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
        random.Random(z).shuffle(cells)
        times = tile_times(lambda z_, x_, y_: r.tile(z_, x_, y_), cells[:40])
        median, worst = statistics.median(times), max(times)
        print(f"raster tile z{z}: median {median:.1f} ms, max {worst:.1f} ms ({len(times)} tiles)")
    print(f"memory after the tiles: +{rss_mb() - before:.0f} MB over before opening")


def variant(kind: str, folder: Path) -> Path:
    """A copy of the sample: "bare" without its ground (no basemap, no rasters), "shipped"
    as it comes (basemap shown, the rasters loaded and hidden), "ground" with the basemap and
    both rasters shown."""
    import re
    import shutil

    shutil.copytree(ROOT / "layers", folder / "layers", ignore=shutil.ignore_patterns("*.py"))
    path = folder / "layers" / "ecocity.toml"
    text = path.read_text(encoding="utf-8")
    if kind == "bare":
        text = re.sub(r"\[\[basemaps\]\].*?(?=\[\[layers\]\])", "", text, count=1, flags=re.S)
        text = re.sub(
            r'\[\[layers\]\]\nid = "(ndvi|pm25_surface)".*?(?=\[\[layers\]\])', "", text, flags=re.S
        )
        text = re.sub(
            r'\[\[targets\]\]\nid = "(green_cover|pm25_surface)".*?(?=\n\[\[|\n# -)', "", text, flags=re.S
        )
        text = text.replace("ndvi = { visible = true, opacity = 0.75 }\n", "")
        text = text.replace("pm25_surface = { visible = true, opacity = 0.6 }\n", "")
    elif kind == "ground":
        text = text.replace("visible = false\nopacity = 0.75", "opacity = 0.75").replace(
            "visible = false\nopacity = 0.6", "opacity = 0.6"
        )
    path.write_text(text, encoding="utf-8")
    return path


def first_frame(path: str) -> None:
    """One window, one project: open → every layer read and the page drawn (s)."""
    from ecoviewer.render.qtenv import application

    app = application()  # noqa: F841
    from ecoviewer.app.main_window import MainWindow

    win = MainWindow()
    win.resize(1400, 900)
    win.show()
    t = time.perf_counter()
    win.open_project(path)
    win.wait_loaded()
    win.map.settle()
    print(f"FRAME {time.perf_counter() - t:.3f}")
    win.dirty = False


def first_frames(rounds: int = 4) -> None:
    import os
    import subprocess
    import sys
    import tempfile

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    results: dict[str, list[float]] = {"bare": [], "shipped": [], "ground": []}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {k: variant(k, Path(tmp) / k) for k in results}
        for _ in range(rounds):
            for kind, path in paths.items():
                out = subprocess.run(
                    [sys.executable, __file__, "frame", str(path)], capture_output=True, text=True, env=env
                )
                line = next(x for x in out.stdout.splitlines() if x.startswith("FRAME"))
                results[kind].append(float(line.split()[1]))
    for kind, times in results.items():
        each = ", ".join(f"{t:.2f}" for t in times)
        print(f"first frame, sample {kind}: median {statistics.median(times):.2f} s ({each})")
    bare = statistics.median(results["bare"])
    shipped = statistics.median(results["shipped"]) / bare
    print(f"as shipped (basemap shown, rasters hidden) / without: {shipped:.2f}×")
    print(f"with basemap and two rasters shown / without: {statistics.median(results['ground']) / bare:.2f}×")


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["frame"]:
        first_frame(sys.argv[2])
    elif sys.argv[1:2] == ["frames"]:
        first_frames()
    else:
        basemaps()
        rasters()
        first_frames()
