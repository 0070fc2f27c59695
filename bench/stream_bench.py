"""Out-of-core layers (issue 16), measured in the core — no window, no web engine: how long
a streamed GeoPackage (or PostGIS table) takes to open, to build or adopt its overview, to
draw the tiles of a 1600×1000 view of the whole layer (two threads, as the app's tile pool),
and to draw the new tiles of pans and zooms; with peak memory (PSS) throughout.

    .venv/bin/python bench/make_data.py 10000000
    .venv/bin/python bench/stream_bench.py bench/data/buildings_10000000.gpkg

The whole app (window, QtWebEngine, every process) is measured by ``bench/run.py``.
"""

from __future__ import annotations

import math
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from ecoviewer import streaming  # noqa: E402
from ecoviewer.project import LayerSpec  # noqa: E402
from ecoviewer.sources import read_spec  # noqa: E402
from ecoviewer.styles import resolve_style  # noqa: E402
from ecoviewer.tiles import HALF, TILE, lonlat_to_mercator  # noqa: E402

VIEW = (1600, 1000)
STYLE = {
    "kind": "categorized",
    "field": "category",
    "fill_opacity": 0.9,
    "stroke": "#5a3d2b",
    "weight": 0.5,
    "categories": {
        "passive": "#d95f02",
        "prefabricated": "#e7298a",
        "zero_energy": "#fdae61",
        "certified": "#f46d43",
        "conventional": "#636363",
    },
}


def pss_mb() -> float:
    try:
        with open("/proc/self/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


class Peak:
    def __init__(self):
        self.peak = 0.0
        self._stop = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, pss_mb())
            time.sleep(0.05)

    def stop(self) -> float:
        self._stop.set()
        return max(self.peak, pss_mb())


def tiles_of_view(bounds, size=VIEW):
    """(zoom, tiles) Leaflet shows for ``bounds`` fitted into ``size`` pixels."""
    lon0, lat0, lon1, lat1 = bounds
    x0, y0 = lonlat_to_mercator(lon0, lat0)
    x1, y1 = lonlat_to_mercator(lon1, lat1)
    z = math.floor(
        min(
            math.log2(size[0] * 2 * HALF / TILE / (x1 - x0)), math.log2(size[1] * 2 * HALF / TILE / (y1 - y0))
        )
    )
    return z, view_tiles(z, (x0 + x1) / 2, (y0 + y1) / 2, size)


def view_tiles(z, cx, cy, size=VIEW):
    res = 2 * HALF / (TILE * 2**z)
    left = (cx - size[0] / 2 * res + HALF) / (TILE * res)
    right = (cx + size[0] / 2 * res + HALF) / (TILE * res)
    top = (HALF - (cy + size[1] / 2 * res)) / (TILE * res)
    bottom = (HALF - (cy - size[1] / 2 * res)) / (TILE * res)
    return [(z, x, y) for x in range(int(left), int(right) + 1) for y in range(int(top), int(bottom) + 1)]


def draw(renderer, tiles, pool) -> float:
    t = time.perf_counter()
    list(pool.map(lambda zxy: renderer.render(*zxy), tiles))
    return time.perf_counter() - t


def main(path: str) -> None:
    measure(LayerSpec(id="buildings", path=path, style=STYLE, base_dir=Path.cwd()))


def measure(spec: LayerSpec) -> None:
    """Open ``spec`` (a big file or a big PostGIS table), then the first frame and the pans."""
    peak = Peak()
    t = time.perf_counter()
    built = []
    table = read_spec(spec, progress=lambda f: built.append(f) or True)
    opened = time.perf_counter() - t
    print(
        f"opened in {opened:.1f} s ({'overview built' if built else 'overview adopted'}); "
        f"{table.count:,} features; PSS {pss_mb():.0f} MB",
        flush=True,
    )
    style = resolve_style(spec, list(table.fields))
    t = time.perf_counter()
    renderer = streaming.StreamRenderer(table, style)
    print(f"style column ready in {time.perf_counter() - t:.2f} s; PSS {pss_mb():.0f} MB", flush=True)
    pool = ThreadPoolExecutor(max_workers=2)
    z, tiles = tiles_of_view(table.bounds)
    t = time.perf_counter()
    pyramid = renderer.pyramid()
    if pyramid is not None:
        print(
            f"pyramid (levels 0–{pyramid.top}) made in {time.perf_counter() - t:.2f} s; PSS {pss_mb():.0f} MB"
        )
    first = draw(renderer, tiles, pool) + (time.perf_counter() - t - 0)
    first = time.perf_counter() - t
    print(f"first frame (zoom {z}, {len(tiles)} tiles): {first:.2f} s; PSS {pss_mb():.0f} MB", flush=True)
    lon0, lat0, lon1, lat1 = table.bounds
    cx, cy = lonlat_to_mercator((lon0 + lon1) / 2, (lat0 + lat1) / 2)
    times = []
    per_tile = []
    by_zoom = {}

    def timed(zxy):
        t = time.perf_counter()
        renderer.render(*zxy)
        per_tile.append((time.perf_counter() - t) * 1000)

    for zoom in (z + 2, z + 3, z + 4):
        # start a third of the way in from the west edge, pan east a third of a view at a
        # time (three times): only the tiles that come into view are drawn
        res = 2 * HALF / (TILE * 2**zoom)
        x0, _ = lonlat_to_mercator(lon0, lat0)
        start = max(cx - (cx - x0) * 2 / 3, x0 + VIEW[0] / 2 * res)
        seen = set(view_tiles(zoom, start, cy))
        draw(renderer, sorted(seen), pool)
        for step in range(1, 4):
            moved = view_tiles(zoom, start + step * VIEW[0] / 3 * res, cy)
            new = [t for t in moved if t not in seen]
            seen.update(moved)
            t = time.perf_counter()
            list(pool.map(timed, new))
            times.append((time.perf_counter() - t) * 1000)
            by_zoom.setdefault(zoom, []).append(times[-1])
            print(f"  zoom {zoom} pan {step}: {len(new)} new tiles in {times[-1]:.0f} ms", flush=True)
    print(f"one new tile: median {statistics.median(per_tile):.0f} ms, max {max(per_tile):.0f} ms")
    print(f"pan/zoom new tiles: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms")
    # (the last pan of the lowest zoom may leave the layer: each zoom's median said apart)
    print(
        "pans per zoom, median: "
        + ", ".join(f"{z}: {statistics.median(v):.0f} ms" for z, v in by_zoom.items())
    )
    print(f"peak PSS {peak.stop():.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(BENCH / "data" / "buildings_10000000.gpkg"))
