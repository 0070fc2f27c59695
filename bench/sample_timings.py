"""Timings on the bundled sample project (issue 2): start-up to first rendered map, layer
toggle latency (JS call -> page reports the frame drawn), and export time.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/sample_timings.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

T0 = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    from ecoviewer.render.qtenv import application

    app = application()
    from ecoviewer.app.main_window import MainWindow

    win = MainWindow()
    win.resize(1400, 900)
    win.show()
    t_open = time.perf_counter()
    win.open_project(ROOT / "layers" / "ecocity.toml")
    win.wait_loaded()
    win.map.settle()
    t_drawn = time.perf_counter()
    print(
        f"start-up (interpreter start -> first map drawn): {t_drawn - T0:.2f} s "
        f"(open project -> drawn: {t_drawn - t_open:.2f} s)"
    )

    samples = {}
    for layer_id in ("green_buildings", "water_network", "transit", "garden_zones"):
        times = []
        for i in range(10):
            seq = win.map.last_rendered
            t = time.perf_counter()
            win.project.set_visible(layer_id, i % 2 == 1)
            win.map.wait_rendered(seq)
            times.append((time.perf_counter() - t) * 1000)
        win.project.set_visible(layer_id, True)
        samples[layer_id] = times
        print(f"toggle {layer_id:16s} median {statistics.median(times):6.1f} ms  max {max(times):6.1f} ms")
    # presentation mode: key press -> the page reports the new scene drawn
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    win.enter_presentation()
    win.map.settle()
    steps = []
    keys = [Qt.Key.Key_PageDown] * 3 + [Qt.Key.Key_PageUp] * 3
    for key in keys * 6:
        seq = win.map.last_rendered
        t = time.perf_counter()
        QTest.keyClick(win, key)
        win.map.wait_rendered(seq)
        steps.append((time.perf_counter() - t) * 1000)
    p90 = statistics.quantiles(steps, n=10)[-1]
    print(
        f"presentation: key -> scene drawn  median {statistics.median(steps):6.1f} ms  "
        f"p90 {p90:6.1f} ms  max {max(steps):6.1f} ms  ({len(steps)} steps)"
    )
    toggles = []
    for _ in range(6):
        seq = win.map.last_rendered
        t = time.perf_counter()
        QTest.keyClick(win, Qt.Key.Key_2)
        win.map.wait_rendered(seq)
        toggles.append((time.perf_counter() - t) * 1000)
    print(
        f"presentation: key 2 -> layer toggled and drawn  median "
        f"{statistics.median(toggles):6.1f} ms  max {max(toggles):6.1f} ms"
    )
    win.leave_presentation()
    win.dirty = False
    win.close()
    del app

    for size in ("1600x1000", "800x600"):
        t = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "ecoviewer",
                "export",
                "layers/ecocity.toml",
                "-o",
                f"/tmp/ecoviewer-bench-{size}.png",
                "--size",
                size,
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        print(f"export PNG {size}: {time.perf_counter() - t:.2f} s (whole command)")
    t = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ecoviewer",
            "export",
            "layers/ecocity.toml",
            "-o",
            "/tmp/ecoviewer-bench.html",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    print(f"export HTML: {time.perf_counter() - t:.2f} s (whole command)")


if __name__ == "__main__":
    main()
