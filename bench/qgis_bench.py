"""QGIS beside EcoViewer on the same GeoPackage (issue 16): QGIS 3 (Debian's ``python3-qgis``,
headless) renders the whole layer into a 1600×1000 image, then pans and zooms as
``bench/stream_bench.py`` does; peak memory is the process's PSS.

    apt-get install python3-qgis
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 bench/qgis_bench.py bench/data/buildings_1000000.gpkg

Run with the system Python (QGIS's bindings are not on PyPI); it imports nothing of ours.
"""

from __future__ import annotations

import statistics
import sys
import threading
import time


def pss_mb() -> float:
    with open("/proc/self/smaps_rollup") as fh:
        for line in fh:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(path: str) -> None:
    from qgis.core import (
        QgsApplication,
        QgsCategorizedSymbolRenderer,
        QgsCoordinateReferenceSystem,
        QgsFillSymbol,
        QgsMapRendererParallelJob,
        QgsMapSettings,
        QgsRectangle,
        QgsRendererCategory,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    peak = [0.0]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], pss_mb())
            time.sleep(0.05)

    threading.Thread(target=sample, daemon=True).start()
    app = QgsApplication([], False)
    app.initQgis()
    t = time.perf_counter()
    layer = QgsVectorLayer(path, "buildings", "ogr")
    assert layer.isValid(), path
    colours = {
        "passive": "#d95f02",
        "prefabricated": "#e7298a",
        "zero_energy": "#fdae61",
        "certified": "#f46d43",
        "conventional": "#636363",
    }
    cats = [
        QgsRendererCategory(
            k, QgsFillSymbol.createSimple({"color": v, "outline_color": "#5a3d2b", "outline_width": "0.1"}), k
        )
        for k, v in colours.items()
    ]
    layer.setRenderer(QgsCategorizedSymbolRenderer("category", cats))
    opened = time.perf_counter() - t
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setOutputSize(QSize(1600, 1000))
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    settings.setBackgroundColor(QColor("white"))
    from qgis.core import QgsCoordinateTransform, QgsProject

    tr = QgsCoordinateTransform(layer.crs(), settings.destinationCrs(), QgsProject.instance())
    full = tr.transformBoundingBox(layer.extent())

    def render(extent) -> float:
        settings.setExtent(extent)
        job = QgsMapRendererParallelJob(settings)
        t = time.perf_counter()
        job.start()
        job.waitForFinished()
        return time.perf_counter() - t

    first = render(full)
    print(f"QGIS {app.version() if hasattr(app, 'version') else ''}: opened in {opened:.2f} s; "
          f"full extent {first:.2f} s; PSS {pss_mb():.0f} MB", flush=True)  # fmt: skip
    times = []
    cx, cy = full.center().x(), full.center().y()
    for zoom_in in (4, 8, 16):
        w, h = full.width() / zoom_in, full.height() / zoom_in
        for step in range(3):
            x = cx - full.width() / 6 + step * w / 3
            times.append(render(QgsRectangle(x - w / 2, cy - h / 2, x + w / 2, cy + h / 2)) * 1000)
            print(f"  1/{zoom_in} of the extent, pan {step}: {times[-1]:.0f} ms", flush=True)
    stop.set()
    print(f"pan/zoom: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms")
    print(f"peak PSS {max(peak[0], pss_mb()):.0f} MB")
    app.exitQgis()


if __name__ == "__main__":
    main(sys.argv[1])
