"""Issue 15's numbers: a style change until the map shows it (the sample, and 1M footprints
drawn as tiles), natural breaks over a 1M-value field, a target edit until its live value.

    .venv/bin/python bench/make_data.py 1000000      # once: bench/data/buildings_1000000.gpkg
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/edit_bench.py [1000000]

Times are medians of repeated changes, each until the page reports the frame that shows it
(for tiles: every tile of the view drawn again).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
SAMPLE = BENCH.parent / "layers" / "ecocity.toml"


def _until_drawn(win, change) -> float:
    seq = win.map.last_rendered
    t = time.perf_counter()
    change()
    if not win.map.wait_rendered(seq, 120_000):
        raise TimeoutError("no frame after the change")
    mark = int(win.map.evaluate("ecoviewer.refresh()"))
    win.map.wait_rendered(mark - 1, 120_000)
    return (time.perf_counter() - t) * 1000


def style_changes(win, layer_id: str, rounds: int) -> list[float]:
    """Stroke width and a class colour changed through the styling panel, in turn."""
    win.show_styling(layer_id)
    panel = win.style_panel
    times = []
    for i in range(rounds):
        if i % 2:
            times.append(_until_drawn(win, lambda i=i: panel.weight.setValue(0.5 + (i % 4) * 0.5)))
        else:
            colour = "#d95f02" if i % 4 else "#1b9e77"
            times.append(_until_drawn(win, lambda c=colour: panel.table.item(0, 3).setText(c)))
    return times


def target_edits(win, rounds: int) -> list[float]:
    win.show_target_editor("shoreline_retention")
    ed = win.target_editor
    ed.wait()
    times = []
    for i in range(rounds):
        t = time.perf_counter()
        ed.widgets["target"].setText(str(90 + i % 10))
        ed.wait(30)
        times.append((time.perf_counter() - t) * 1000)
    return times


def _ms(times: list[float]) -> str:
    return f"{statistics.median(times):.0f} ms (max {max(times):.0f}, n = {len(times)})"


def main(sizes: list[int]) -> None:
    from ecoviewer.render.qtenv import application

    app = application()
    from ecoviewer import symbology
    from ecoviewer.app.main_window import MainWindow

    t = time.perf_counter()
    symbology.warm_up()
    print(
        f"mapclassify import (once, on a worker thread when the panel opens): {time.perf_counter() - t:.2f} s"
    )
    values = np.random.default_rng(1).lognormal(3, 1, 1_000_000)
    jenks = []
    for _ in range(5):
        t = time.perf_counter()
        symbology.breaks(values, "natural_breaks", 5)
        jenks.append((time.perf_counter() - t) * 1000)
    print(f"natural breaks, 1M values, 5 classes: median {_ms(jenks)}")
    for method in ("quantile", "equal_interval"):
        t = time.perf_counter()
        symbology.breaks(values, method, 5)
        print(f"{method}, 1M values: {(time.perf_counter() - t) * 1000:.0f} ms")

    win = MainWindow(lang="zh")
    win.resize(1400, 900)
    win.show()
    assert win.open_project(SAMPLE) and win.wait_loaded() and win.map.settle()
    for layer_id in ("green_buildings", "districts"):
        times = style_changes(win, layer_id, 20)
        print(f"sample, {layer_id}: style change → drawn median {_ms(times)}")
    times = target_edits(win, 20)
    print(f"sample: target edit → live value median {_ms(times)}")
    win.dirty = False
    win.close()
    for n in sizes:
        sys.path.insert(0, str(BENCH))
        from run import project_file

        big = MainWindow(lang="zh")
        big.resize(1400, 900)
        big.show()
        t = time.perf_counter()
        assert big.open_project(project_file(n)) and big.wait_loaded(600_000) and big.map.settle(600_000)
        print(f"{n:,} footprints: opened and drawn in {time.perf_counter() - t:.1f} s")
        times = style_changes(big, "buildings", 8)
        print(f"{n:,} footprints (tiles): style change → drawn median {_ms(times)}")
        big.dirty = False
        big.close()
    del app


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]])
