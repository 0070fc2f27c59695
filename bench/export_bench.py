"""Export times (issue 6): the sample project's "water system" scene as a 1600×1000 PNG
page, A4 and A3 pages (PNG and PDF) at 150 and 300 dpi, every scene in one batch, offline
HTML — and the 1M-building bench project as an A3 page at 300 dpi (tiles drawn at 3.125×),
with the peak memory of this process and its QtWebEngine children.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/export_bench.py [--big]
(--big needs bench/data from bench/make_data.py 1000000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pss_mb() -> float:
    """Proportional set size of this process and its children (QtWebEngine), MB."""
    import os

    total = 0
    pids = [os.getpid()]
    try:
        kids = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split()
        pids += [int(k) for k in kids]
        for k in list(kids):
            p = Path(f"/proc/{k}/task/{k}/children")
            if p.exists():
                pids += [int(c) for c in p.read_text().split()]
    except OSError:
        pass
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def main() -> None:
    from ecoviewer.project import load_project
    from ecoviewer.render.snapshot import ExportOptions, MapRenderer, export_batch, export_page, select
    from ecoviewer.sources import read_project_layers
    from ecoviewer.targets import evaluate_targets

    out = Path(tempfile.mkdtemp(prefix="ecoviewer-export-bench-"))
    project = load_project(ROOT / "layers" / "ecocity.toml")
    tables, _ = read_project_layers(project)
    results = evaluate_targets(project, tables)
    sel = select(project, scene="水系：河湖湾海 Water system")
    cases = [
        ("water.png", ExportOptions(size=(1600, 1000))),
        ("water-a4-150.png", ExportOptions(paper="A4", dpi=150)),
        ("water-a4-300.pdf", ExportOptions(paper="A4", dpi=300)),
        ("water-a3-300.png", ExportOptions(paper="A3", dpi=300)),
        ("water-a3-300.pdf", ExportOptions(paper="A3", dpi=300)),
        ("water.html", ExportOptions()),
    ]
    with MapRenderer() as renderer:  # the first page also starts QtWebEngine: warm it up
        export_page(
            project,
            tables,
            out / "warm.png",
            ExportOptions(size=(400, 300)),
            selection=sel,
            results=results,
            renderer=renderer,
        )
        print("sample project, scene 'water system' (one offscreen view, QtWebEngine warm):")
        for name, options in cases:
            t = time.perf_counter()
            info = export_page(
                project, tables, out / name, options, selection=sel, results=results, renderer=renderer
            )
            size = (
                f"{info.geometry.width}×{info.geometry.height} @ {info.geometry.dpi} dpi"
                if info.geometry
                else ""
            )
            print(
                f"  {name:18s} {size:24s} {time.perf_counter() - t:5.2f} s  "
                f"{(out / name).stat().st_size / 1e6:5.1f} MB  PSS {pss_mb():6.0f} MB"
            )
    t = time.perf_counter()
    infos = export_batch(project, tables, out, ".pdf", ExportOptions(paper="A4", dpi=300), results=results)
    print(f"  all {len(infos)} scenes, A4 PDF at 300 dpi: {time.perf_counter() - t:.2f} s")
    if "--big" in sys.argv:
        big = load_project(ROOT / "bench" / "data" / "bench_1000000.toml")
        t = time.perf_counter()
        btables, _ = read_project_layers(big)
        print(f"1M buildings: read {time.perf_counter() - t:.1f} s")
        for name, options in (
            ("big.png", ExportOptions(size=(1600, 1000))),
            ("big-a3-300.png", ExportOptions(paper="A3", dpi=300)),
            ("big-a3-300.pdf", ExportOptions(paper="A3", dpi=300)),
        ):
            t = time.perf_counter()
            info = export_page(big, btables, out / name, options, results=[])
            print(
                f"  {name:18s} {info.geometry.width}×{info.geometry.height} "
                f"{time.perf_counter() - t:6.2f} s  {(out / name).stat().st_size / 1e6:5.1f} MB"
                f"  PSS {pss_mb():6.0f} MB"
            )
    print(f"files in {out}")


if __name__ == "__main__":
    main()
