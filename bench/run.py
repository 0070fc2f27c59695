"""EcoViewer against plain folium, same data, same QtWebEngine, one run.

    .venv/bin/python bench/make_data.py 10000 100000 1000000
    .venv/bin/python bench/run.py 10000 100000 1000000 > bench/results.md

Each measurement runs in its own process (clean memory figures; a crashed renderer does
not take the run with it). Per engine and size:

- read: EcoViewer reads the GeoPackage (pyogrio/Arrow → shapely); folium builds its page
  from the GeoJSON file (json → folium.GeoJson → HTML, as a folium user would);
- first frame: from "open" to a complete frame on screen — EcoViewer's page reports
  rendered (every visible tile loaded) and the grabbed pixels show the layer; folium's page
  has loaded and a grab shows the polygons;
- toggle: layer off then on, each until the next complete frame (median of 5 each);
- pan/zoom: five view changes (pan a third of the view, zoom in, zoom out) until the next
  complete frame (median and worst);
- export: a 1600×1000 PNG (EcoViewer: ``export_png``; folium has no export, so: resize the
  view, wait for the polygons, grab and save);
- peak memory: proportional set size (PSS) of the Python process plus every QtWebEngine
  process, sampled every 100 ms.

Plain folium gets its Leaflet from the same local xstatic package (the machine is offline,
so its CDN links would load nothing) and otherwise default settings: folium.GeoJson with a
style_function by category and a GeoJsonTooltip, SVG renderer.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
DATA = BENCH / "data"
COLOURS = {
    "passive": "#d95f02",
    "prefabricated": "#e7298a",
    "zero_energy": "#fdae61",
    "certified": "#f46d43",
    "conventional": "#636363",
}
VIEW = (1400, 900)
TIMEOUT = 240.0
FIRST_FRAME_TIMEOUT = 420.0  # plain folium at 1M: how long we give it to show anything


# -- memory ------------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


def tree_pss_mb(root: int) -> float:
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += _children(pid)
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total / 1024


class PeakMemory:
    def __init__(self):
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_pss_mb(os.getpid()))
            self._stop.wait(0.1)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_pss_mb(os.getpid()))
        return self.peak


# -- helpers -------------------------------------------------------------------------------------


def wait(predicate, timeout=TIMEOUT, step_ms=20):
    from PySide6.QtCore import QEventLoop, QTimer

    end = time.perf_counter() + timeout
    loop = QEventLoop()
    while time.perf_counter() < end:
        if predicate():
            return True
        QTimer.singleShot(step_ms, loop.quit)
        loop.exec()
    return False


BACKGROUNDS = (0xFFFFFF, 0xEEF1EC, 0xDDDDDD)  # white (no frame yet), EcoViewer's, Leaflet's


def ink(image, step=8) -> int:
    """How many sampled pixels show something other than an empty map."""
    n = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            if image.pixel(x, y) & 0xFFFFFF not in BACKGROUNDS:
                n += 1
    return n


# -- EcoViewer -----------------------------------------------------------------------------------


def project_file(n: int, path: Path | None = None, source: str | None = None) -> Path:
    """The bench project of ``n`` footprints: its GeoPackage, or ``source`` (lines for the
    layer's ``path`` and ``layer``, a PostGIS table) in a project file at ``path``."""
    path = path or DATA / f"bench_{n}.toml"
    where = source or f'path = "buildings_{n}.gpkg"'
    cats = ", ".join(f'{k} = "{v}"' for k, v in COLOURS.items())
    path.write_text(
        f"""version = 1
[project]
name = "bench {n}"
measure_crs = "EPSG:4548"
[view]
bounds = [117.71, 39.09, 117.81, 39.20]
[[layers]]
id = "buildings"
title = {{ zh = "建筑", en = "Buildings" }}
{where}
group = "Buildings"
style = {{ kind = "categorized", field = "category", fill_opacity = 0.9, stroke = "#5a3d2b", \
weight = 0.5, tooltip = ["name", "category"], categories = {{ {cats} }} }}
""",
        encoding="utf-8",
    )
    return path


def run_ecoviewer(n: int, project: Path | None = None) -> dict:
    memory = PeakMemory()
    from ecoviewer.render.qtenv import application

    app = application()
    from ecoviewer.app.main_window import MainWindow
    from ecoviewer.render.snapshot import export_png

    win = MainWindow()
    win.resize(*VIEW)
    win.show()
    project = project or project_file(n)
    marks = {}
    t0 = time.perf_counter()
    win.open_project(project)
    win.loader.progress.connect(
        lambda done, total, lid: marks.setdefault(("start", done), time.perf_counter())
    )
    win.loader.loaded.connect(lambda lid, table: marks.setdefault("loaded", time.perf_counter()))
    if not (win.wait_loaded(int(TIMEOUT * 1000)) and win.map.settle(int(TIMEOUT * 1000))):
        raise TimeoutError("first frame")
    first = time.perf_counter() - t0
    read_s = marks["loaded"] - marks.get(("start", 0), t0)
    if ink(win.map.grab_drawn(0, int(TIMEOUT * 1000))) < 200:
        raise RuntimeError("the first frame is empty")
    view = win.map

    def frame(js: str) -> float:
        seq = view.last_rendered
        t = time.perf_counter()
        view.js(js)
        if not view.wait_rendered(seq, int(TIMEOUT * 1000)):
            raise TimeoutError(js)
        return (time.perf_counter() - t) * 1000

    toggles = []
    for _ in range(5):
        toggles.append(frame("ecoviewer.setVisible('buildings', false)"))
        toggles.append(frame("ecoviewer.setVisible('buildings', true)"))
    moves, completes = [], []
    state = view.evaluate("ecoviewer.state()")
    lon, lat = state["center"]
    z = state["zoom"]
    w = state["bounds"][2] - state["bounds"][0]
    for js in (
        f"ecoviewer.setView({lat}, {lon + w / 3}, {z})",
        f"ecoviewer.setView({lat}, {lon}, {z})",
        f"ecoviewer.setView({lat}, {lon}, {z + 1})",
        f"ecoviewer.setView({lat}, {lon}, {z + 2})",
        f"ecoviewer.setView({lat}, {lon}, {z})",
    ):
        moves.append(frame_time(view, js))
        completes.append(frame(js))
    t = time.perf_counter()
    export_png(win.project, win.tables, DATA / f"eco_{n}.png", size=(1600, 1000), targets=[])
    export_s = time.perf_counter() - t
    win.close()
    peak = memory.stop()
    del app
    return {
        "read_s": read_s,
        "first_frame_s": first,
        "toggle_ms": statistics.median(toggles),
        "toggle_max_ms": max(toggles),
        "panzoom_ms": statistics.median(moves),
        "panzoom_max_ms": max(moves),
        "complete_ms": statistics.median(completes),
        "complete_max_ms": max(completes),
        "export_s": export_s,
        "peak_mb": peak,
    }


def frame_time(view, js: str) -> float:
    """In-page time from a view change to the second animation frame after it: how long the
    page is busy before it shows the moved map (tiles may still be filling in)."""
    view.evaluate("window.__frame = null", int(TIMEOUT * 1000))
    view.js(
        "(function () { var t = performance.now(); " + js + "; requestAnimationFrame("
        "function () { requestAnimationFrame(function () {"
        " window.__frame = performance.now() - t; }); }); })()"
    )
    got = {}

    def done() -> bool:
        got["v"] = view.evaluate("window.__frame", int(TIMEOUT * 1000))
        return got["v"] is not None

    if not wait(done, step_ms=10):
        raise TimeoutError(js)
    return float(got["v"])


# -- plain folium --------------------------------------------------------------------------------


def run_folium(n: int) -> dict:
    memory = PeakMemory()
    import folium
    import xstatic.pkg.leaflet as xleaflet

    leaflet = Path(xleaflet.BASE_DIR)

    class LocalLeafletMap(folium.Map):  # same Leaflet as EcoViewer, from the local package
        default_js = [("leaflet", (leaflet / "leaflet.js").as_uri())]
        default_css = [("leaflet_css", (leaflet / "leaflet.css").as_uri())]

    t = time.perf_counter()
    m = LocalLeafletMap(location=[39.145, 117.76], zoom_start=13, tiles=None)
    gj = folium.GeoJson(
        str(DATA / f"buildings_{n}.geojson"),
        style_function=lambda f: {
            "fillColor": COLOURS.get(f["properties"]["category"], "#999"),
            "color": "#5a3d2b",
            "weight": 0.5,
            "fillOpacity": 0.9,
        },
        tooltip=folium.GeoJsonTooltip(fields=["name", "category"]),
    )
    gj.add_to(m)
    html_path = DATA / f"folium_{n}.html"
    m.save(str(html_path))
    build = time.perf_counter() - t
    size_mb = html_path.stat().st_size / 1e6
    result = {"read_s": build, "html_mb": size_mb}

    from ecoviewer.render.qtenv import application

    app = application()
    from ecoviewer.render.map_view import MapView

    view = MapView()
    view.resize(*VIEW)
    view.show()
    crashed = {}
    view.page().renderProcessTerminated.connect(
        lambda status, code: crashed.update(status=str(status), code=code)
    )
    t0 = time.perf_counter()
    from PySide6.QtCore import QUrl

    view.load(QUrl.fromLocalFile(str(html_path)))
    ok = wait(lambda: crashed or ink(view.grab().toImage()) > 200, timeout=FIRST_FRAME_TIMEOUT)
    if crashed or not ok:
        result.update(
            first_frame_s=None,
            failure=(
                f"page renderer process terminated ({crashed.get('status')}, exit code "
                f"{crashed.get('code')}) {time.perf_counter() - t0:.0f} s after the load started"
                if crashed
                else f"still blank {FIRST_FRAME_TIMEOUT:.0f} s after the load started "
                f"(page renderer alive, {tree_pss_mb(os.getpid()) / 1024:.1f} GB in use)"
            ),
        )
        result["peak_mb"] = memory.stop()
        return result
    result["first_frame_s"] = time.perf_counter() - t0
    name = gj.get_name()
    mapname = m.get_name()
    view.page().runJavaScript(
        f"{mapname}.on('moveend', function () {{ requestAnimationFrame(function () {{"
        f" requestAnimationFrame(function () {{ document.title = 'f' + Date.now(); }}); }}); }});"
    )

    def until_pixels(js: str, want_ink: bool) -> float:
        t = time.perf_counter()
        view.page().runJavaScript(js)
        if not wait(lambda: (ink(view.grab().toImage()) > 200) == want_ink, step_ms=5):
            raise TimeoutError(js)
        return (time.perf_counter() - t) * 1000

    toggles = []
    for _ in range(5):
        toggles.append(until_pixels(f"{mapname}.removeLayer({name})", False))
        toggles.append(until_pixels(f"{mapname}.addLayer({name})", True))
    moves, completes = [], []
    for js in (
        "panBy([466, 0], {animate: false})",
        "panBy([-466, 0], {animate: false})",
        "setZoom(14, {animate: false})",
        "setZoom(15, {animate: false})",
        "setZoom(13, {animate: false})",
    ):
        before = view.title()
        t = time.perf_counter()
        moves.append(frame_time(view, f"{mapname}.{js}"))
        if not wait(lambda b=before: view.title() != b, step_ms=5):
            raise TimeoutError(js)
        completes.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    view.resize(1600, 1000)
    wait(lambda: view.grab().size().width() == 1600 and ink(view.grab().toImage()) > 200)
    view.grab().toImage().save(str(DATA / f"folium_{n}.png"))
    result.update(
        toggle_ms=statistics.median(toggles),
        toggle_max_ms=max(toggles),
        panzoom_ms=statistics.median(moves),
        panzoom_max_ms=max(moves),
        complete_ms=statistics.median(completes),
        complete_max_ms=max(completes),
        export_s=time.perf_counter() - t,
    )
    view.close()
    result["peak_mb"] = memory.stop()
    del app
    return result


# -- driver --------------------------------------------------------------------------------------


def one(engine: str, n: int) -> None:
    fn = run_ecoviewer if engine == "ecoviewer" else run_folium
    try:
        out = fn(n)
    except Exception as exc:  # report how it failed; the table shows it
        out = {"failure": f"{type(exc).__name__}: {exc}"}
    print("RESULT " + json.dumps(out))


def fmt(v, unit="", digits=2):
    if v is None:
        return "—"
    return f"{v:.{digits}f}{unit}"


def main(sizes: list[int]) -> None:
    rows = []
    for n in sizes:
        for engine in ("ecoviewer", "folium"):
            t = time.perf_counter()
            try:
                proc = subprocess.run(
                    [sys.executable, __file__, "one", engine, str(n)],
                    capture_output=True,
                    text=True,
                    timeout=TIMEOUT * 3 + FIRST_FRAME_TIMEOUT,
                )
                line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
                res = (
                    json.loads(line[7:])
                    if line
                    else {
                        "failure": f"process exited {proc.returncode}: "
                        + (proc.stderr.strip().splitlines() or ["no output"])[-1][:200]
                    }
                )
            except subprocess.TimeoutExpired:
                res = {"failure": f"no result within {TIMEOUT * 3 + FIRST_FRAME_TIMEOUT:.0f} s"}
            res["wall_s"] = time.perf_counter() - t
            rows.append((n, engine, res))
            print(f"{engine} {n}: {res}", file=sys.stderr)
    print(
        "| N polygons | engine | read / build | first complete frame | toggle (median / max) "
        "| pan/zoom frame (median / max) | pan/zoom complete (median / max) "
        "| export 1600×1000 | peak memory | notes |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n, engine, r in rows:
        note = r.get("failure", "")
        if engine == "folium" and "html_mb" in r:
            note = f"HTML {r['html_mb']:.0f} MB. " + note
        print(
            f"| {n:,} | {'EcoViewer' if engine == 'ecoviewer' else 'plain folium'} "
            f"| {fmt(r.get('read_s'), ' s')} | {fmt(r.get('first_frame_s'), ' s')} "
            f"| {fmt(r.get('toggle_ms'), '', 0)} / {fmt(r.get('toggle_max_ms'), ' ms', 0)} "
            f"| {fmt(r.get('panzoom_ms'), '', 0)} / {fmt(r.get('panzoom_max_ms'), ' ms', 0)} "
            f"| {fmt(r.get('complete_ms'), '', 0)} / {fmt(r.get('complete_max_ms'), ' ms', 0)} "
            f"| {fmt(r.get('export_s'), ' s')} | {fmt(r.get('peak_mb'), ' MB', 0)} | {note} |"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["one"]:
        one(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1:2] == ["project"]:  # the window on a given bench project (PostGIS: see postgis_bench)
        print("RESULT " + json.dumps(run_ecoviewer(int(sys.argv[3]), Path(sys.argv[2]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000])
