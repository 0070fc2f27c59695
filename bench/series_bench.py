"""Targets over time: what a series costs (issue 17's numbers).

Run:  .venv/bin/python bench/series_bench.py [N]   (N footprints, default 1,000,000)

1. The sample project: every target evaluated as today (the series keys taken out) and with
   their series (seven yearly fields each for PM2.5, tap water and green space per person;
   the shoreline's and the green buildings' ``series_since``); median of 7 warm runs each.
   Goal: with series ≤ 2× without.
2. N footprints in memory with five yearly fields (``energy_2021`` … ``energy_2025``) and a
   certification year: one evaluation against the five-year series, for a field-per-year
   series (``mean``, five fields) and a ``series_since`` one (``count_share`` weighted by
   floor area). The fields are read once, with the layer; a year costs one metric call.
   Goal: the five-year series ≤ 5× one evaluation.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

from ecoviewer.project import load_project
from ecoviewer.sources import read_project_layers
from ecoviewer.targets import evaluate_target, evaluate_targets

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "layers" / "ecocity.toml"
SERIES_KEYS = ("series", "series_field", "series_since")


def median_time(fn, runs: int = 7) -> float:
    fn()  # warm: the metric CRS geometries are cached on the tables, as in the window
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def sample() -> None:
    project = load_project(SAMPLE)
    tables, errors = read_project_layers(project)
    assert not errors, errors
    with_series = median_time(lambda: evaluate_targets(project, tables))
    for raw in project.targets:
        for key in SERIES_KEYS:
            raw.pop(key, None)
    today = median_time(lambda: evaluate_targets(project, tables))
    print(
        f"sample, all {len(project.targets)} targets: today {today * 1000:.0f} ms, "
        f"with series {with_series * 1000:.0f} ms ({with_series / today:.2f}×; goal ≤ 2×)"
    )


def footprints(n: int) -> None:
    sys.path.insert(0, str(HERE))
    from targets_bench import RNG, boxes, table

    t = time.perf_counter()
    cats = np.array(["passive", "prefabricated", "zero_energy", "certified", "conventional"], dtype=object)
    base = RNG.uniform(60, 140, n)
    fields = {
        "category": cats[RNG.integers(0, 5, n)],
        "floor_area": RNG.uniform(500, 20000, n),
        "cert_year": RNG.integers(2021, 2026, n).astype(float),
    }
    for k, year in enumerate(range(2021, 2026)):  # energy use falling ~3 % a year, noisy
        fields[f"energy_{year}"] = base * (1 - 0.03 * k) + RNG.normal(0, 5, n)
    layer = table("b", boxes(n, 12, 60), fields)
    print(f"{n:,} footprints made in {time.perf_counter() - t:.1f} s")
    tables = {"b": layer}
    mean = dict(id="energy", metric="mean", layer="b", field="energy_2025", op="<", target=80, year=2030)
    series = {str(y): f"energy_{y}" for y in range(2021, 2026)}
    share = dict(
        id="green",
        metric="count_share",
        layer="b",
        where={"category": ["passive", "prefabricated", "zero_energy", "certified"]},
        weight="floor_area",
        op=">=",
        target=100,
        year=2030,
    )
    for name, raw, extra in (
        ("mean, a field per year", mean, {"series": series}),
        ("count_share, series_since", share, {"series_since": "cert_year"}),
    ):
        one = median_time(lambda raw=raw: evaluate_target(raw, tables), runs=5)
        full = {**raw, **extra}
        five = median_time(lambda full=full: evaluate_target(full, tables), runs=5)
        r = evaluate_target(full, tables)
        assert len(r.series) == 5 and r.series_error is None, r.series_error
        print(
            f"{n:,} footprints, {name}: one evaluation {one * 1000:.0f} ms, with its five-year series "
            f"{five * 1000:.0f} ms ({five / one:.2f}×; goal ≤ 5×); projection {r.projection:.1f}, {r.trend}"
        )


if __name__ == "__main__":
    sample()
    footprints(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
