"""A database layer against the same data in a GeoPackage: 1M footprints loaded into a
throwaway PostGIS cluster (tests/pg_cluster.py), then read whole by EcoViewer's PostGIS
reader and by its GeoPackage reader; and a coverage-like target pushed down to SQL.

    .venv/bin/python bench/make_data.py 1000000          # once
    .venv/bin/python bench/postgis_bench.py 1000000
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

import numpy as np
import shapely

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))


def batches(gpkg: Path, size: int = 500_000):
    """The GeoPackage's footprints a part at a time (10M do not go through memory at once)."""
    import pyogrio

    for start in range(0, pyogrio.read_info(gpkg)["features"], size):
        _meta, _fids, wkb, values = pyogrio.raw.read(
            gpkg, columns=["category", "floors"], skip_features=start, max_features=size
        )
        yield start, shapely.from_wkb(wkb), {"category": values[0], "floors": values[1]}


def main(n: int) -> None:
    from ecoviewer.project import LayerSpec, Project
    from ecoviewer.pushdown import database_value
    from ecoviewer.sources import read_spec
    from ecoviewer.targets import TargetError
    from tests.pg_cluster import PASSWORD, Cluster

    gpkg = BENCH / "data" / f"buildings_{n}.gpkg"
    if n <= 1_000_000:
        t = time.perf_counter()
        files = read_spec(LayerSpec(id="b", path=str(gpkg)))
        print(f"GeoPackage, {n:,} footprints: read in {time.perf_counter() - t:.2f} s")
        del files
    cluster = Cluster().start()
    passfile = cluster.folder / "pgpass.client"
    passfile.write_text(f"127.0.0.1:{cluster.port}:*:planner:{PASSWORD}\n", encoding="utf-8")
    passfile.chmod(0o600)
    os.environ["PGPASSFILE"] = str(passfile)
    try:
        with cluster.connect() as conn:
            conn.execute("CREATE DATABASE city")
        with cluster.connect("city") as conn:
            conn.execute("CREATE EXTENSION postgis")
            conn.execute(
                "CREATE TABLE buildings (fid serial PRIMARY KEY, category text, floors int, "
                "geom geometry(Polygon, 4326))"
            )
            t = time.perf_counter()
            with conn.cursor() as cur, cur.copy("COPY buildings (category, floors, geom) FROM STDIN") as copy:
                for _, geoms, fields in batches(gpkg):
                    wkb = shapely.to_wkb(geoms, hex=True, include_srid=False)
                    for cat, floors, g in zip(fields["category"].tolist(), fields["floors"].tolist(), wkb):
                        copy.write_row((cat, int(floors), f"SRID=4326;{g}"))
            conn.execute("CREATE INDEX ON buildings USING gist (geom)")
            conn.execute("ANALYZE buildings")
            print(f"loaded into PostGIS (COPY + GiST index) in {time.perf_counter() - t:.1f} s")
        spec = LayerSpec(id="b", path=cluster.uri("city"), layer="public.buildings")
        if n <= 1_000_000:  # read whole (the in-memory path), against the GeoPackage
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            t = time.perf_counter()
            table = read_spec(spec)
            took = time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"PostGIS, {len(table):,} footprints: read in {took:.2f} s "
                f"(peak RSS {before:.0f} → {after:.0f} MB)"
            )
            del table
        # streamed by area: overview from a server-side cursor, then the first frame and pans
        from bench.stream_bench import STYLE, measure
        from ecoviewer import streaming

        streaming.STREAM_ABOVE = min(streaming.STREAM_ABOVE, n - 1)
        cache = Path(cluster.folder) / "project"
        cache.mkdir()
        print("streamed from PostGIS:")
        measure(
            LayerSpec(id="b", path=cluster.uri("city"), layer="public.buildings", style=STYLE, base_dir=cache)
        )
        project = Project(layers=[spec], measure_crs="EPSG:4548")
        if n > 1_000_000:  # the pushed-down goal is over 1M rows; 10M is for the map
            window(n, cluster, cache)
            return
        for raw in (
            {"id": "share", "metric": "area_share", "layer": "b",
             "where": {"category": ["passive", "certified"]}, "op": ">=", "target": 50},
            {"id": "mean", "metric": "mean", "layer": "b", "field": "floors", "op": ">=", "target": 5},
            {"id": "near", "metric": "coverage", "layer": "b", "of": "b", "distance": 50,
             "of_where": {"category": ["zero_energy"]}, "op": ">=", "target": 50},
            # sparser: 36k "of" footprints (2 floors), fewer features settled by a point alone
            {"id": "near2", "metric": "coverage", "layer": "b", "of": "b", "distance": 50,
             "of_where": {"floors": [2]}, "op": ">=", "target": 50},
        ):  # fmt: skip
            t = time.perf_counter()
            try:
                value = database_value(raw, project)
            except TargetError as exc:  # (coverage over 200k "of" features: see bench/README)
                print(f"target {raw['metric']} over {n:,} rows: {exc} after {time.perf_counter() - t:.0f} s")
                continue
            took = time.perf_counter() - t
            print(f"target {raw['metric']} pushed down to SQL over {n:,} rows: {value:.1f} in {took:.2f} s")
            assert np.isfinite(value)
    finally:
        cluster.stop()


def window(n: int, cluster, folder: Path) -> None:
    """The whole window on the table (bench/run.py in a process of its own, so its memory is
    the window's and its web engine's alone): once to make its style's pyramid, then measured.
    The overview built above is beside the project, so the window adopts it."""
    import json
    import subprocess

    from bench.run import project_file

    toml = project_file(
        n, folder / "bench_postgis.toml", f'path = "{cluster.uri("city")}"\nlayer = "public.buildings"'
    )
    for run in ("first run (makes the pyramid for the window's style)", "measured run"):
        out = subprocess.run(
            [sys.executable, str(BENCH / "run.py"), "project", str(toml), str(n)],
            capture_output=True,
            text=True,
            timeout=1800,
        )
        line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
        result = json.loads(line[7:]) if line else {"failure": out.stderr.strip().splitlines()[-1:]}
        print(f"window, {run}: {result}", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
