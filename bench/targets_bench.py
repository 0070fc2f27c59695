"""Target evaluation time on synthetic layers of N features (default 100k), in memory.

Run:  .venv/bin/python bench/targets_bench.py [N]
Layers are made at the Eco-City in EPSG:4548 (random footprints, shoreline segments, parks,
protected areas, stations), reprojected to lon/lat as the reader would, then every metric
kind is evaluated as the sample project's targets do. Prints seconds per target.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pyproj
import shapely

from ecoviewer.crs import LONLAT, transform_geometries
from ecoviewer.sources import FeatureTable
from ecoviewer.targets import evaluate_target

CRS = pyproj.CRS.from_epsg(4548)
RNG = np.random.default_rng(1)
X0, Y0 = 560000.0, 4328000.0


def table(name, metric_geoms, fields):
    lonlat = transform_geometries(np.asarray(metric_geoms, dtype=object), CRS, LONLAT)
    return FeatureTable(
        id=name, path=name, layer=name, driver="memory", geometry=lonlat, fields=fields, crs=CRS
    )


def boxes(n, size_lo, size_hi, span=14000):
    x = X0 + RNG.uniform(0, span, n)
    y = Y0 + RNG.uniform(0, span, n)
    w = RNG.uniform(size_lo, size_hi, n)
    h = RNG.uniform(size_lo, size_hi, n)
    return shapely.box(x, y, x + w, y + h)


def main(n: int) -> None:
    t = time.perf_counter()
    cats = np.array(["passive", "prefabricated", "zero_energy", "certified", "conventional"], dtype=object)
    tables = {
        "buildings": table(
            "buildings",
            boxes(n, 12, 60),
            {
                "category": cats[RNG.integers(0, 5, n)],
                "use": np.array(["residential", "office"], dtype=object)[RNG.integers(0, 2, n)],
                "floor_area": RNG.uniform(500, 20000, n),
            },
        ),
        "parks": table("parks", boxes(max(50, n // 200), 100, 400), {}),
        "wetlands": table(
            "wetlands",
            boxes(max(50, n // 100), 50, 300),
            {"category": np.full(max(50, n // 100), "wetland", dtype=object)},
        ),
        "protected": table("protected", boxes(max(20, n // 500), 500, 2000), {}),
        "shore": table(
            "shore",
            shapely.linestrings(
                np.stack(
                    [
                        np.column_stack([X0 + 14000 + np.zeros(n), Y0 + np.arange(n) * 1.0]),
                        np.column_stack([X0 + 14000 + np.zeros(n), Y0 + np.arange(n) + 1.0]),
                    ],
                    1,
                )
            ),
            {"type": np.array(["ecological", "hardened"], dtype=object)[(RNG.random(n) < 0.05).astype(int)]},
        ),
        "stations": table(
            "stations",
            shapely.points(X0 + RNG.uniform(0, 14000, n), Y0 + RNG.uniform(0, 14000, n)),
            {"pm25": RNG.normal(40, 4, n)},
        ),
        "districts": table("districts", boxes(4, 6000, 7000), {"population": np.full(4, 60000)}),
    }
    print(f"N = {n:,}: made and reprojected the layers in {time.perf_counter() - t:.2f} s")
    targets = [
        dict(id="pm25", metric="mean", layer="stations", field="pm25", op="<", target=43),
        dict(
            id="green_share",
            metric="count_share",
            layer="buildings",
            weight="floor_area",
            where={"category": ["passive", "prefabricated", "zero_energy", "certified"]},
            op=">=",
            target=100,
        ),
        dict(
            id="shoreline",
            metric="length_share",
            layer="shore",
            where={"type": "ecological"},
            op=">=",
            target=100,
        ),
        dict(id="wetland", metric="area_share", layer="wetlands", within="protected", op=">=", target=100),
        dict(
            id="park_500m",
            metric="coverage",
            layer="buildings",
            where={"use": "residential"},
            of="parks",
            distance=500,
            op=">=",
            target=100,
        ),
        dict(
            id="green_pc",
            metric="per_capita",
            layer="parks",
            population_layer="districts",
            field="population",
            op=">=",
            target=12,
        ),
    ]
    total = 0.0
    for raw in targets:
        for table_ in tables.values():
            table_._metric.clear()  # include the metric reprojection in every timing
        t = time.perf_counter()
        r = evaluate_target(raw, tables, CRS)
        dt = time.perf_counter() - t
        total += dt
        n_resp = sum(len(v) for v in r.responsible.values())
        print(
            f"  {raw['id']:12s} {raw['metric']:13s} {dt:6.2f} s   value {r.value_text():>10s}  "
            f"{r.status:7s} responsible {n_resp:,}"
        )
    print(f"all targets: {total:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
