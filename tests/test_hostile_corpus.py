"""The hostile corpus (tests/data/hostile, see make_corpus.py) through everything a planner
can do with a file: ``ecoviewer check`` on it, a project holding it beside a good layer
through check, targets and every export format, and the window's loader. Each case: one
line naming the file and the problem (or a load with problem lines), bounded time, the
good layer intact, nothing written unless asked, no traceback — and a local listener that
the corpus points GDAL at sees zero connections."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ecoviewer.describe import check_reports
from ecoviewer.project import load_project
from ecoviewer.sources import read_project_layers
from ecoviewer.targets import evaluate_targets

from .conftest import ROOT

CORPUS = Path(__file__).resolve().parent / "data" / "hostile"
_spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
make_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_corpus)

CASES = sorted(make_corpus.CASES)
GOOD = ROOT / "layers" / "data" / "districts.geojson"
#: refused outright, whatever GDAL could make of them (indirection, bombs, specials)
MUST_FAIL = {
    "passwd.vrt",
    "vsicurl.vrt",
    "bomb.zip",
    "whitespace_bomb.zip",
    "pipe.geojson",
    "folder.geojson",
    "empty.geojson",
    "junk.geojson",
    "png_named.geojson",
    "not_a_zip.zip",
    "truncated.geojson",
    "no_shx.shp",
}


class _Listener(socketserver.ThreadingTCPServer):
    """Counts every connection made to it (and answers like a web server would)."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self):
        self.connections = []
        super().__init__(("127.0.0.1", 0), _Counted)


class _Counted(socketserver.BaseRequestHandler):
    def handle(self):
        self.server.connections.append(self.client_address)
        try:
            self.request.recv(4096)
            self.request.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}")
        except OSError:
            pass


@pytest.fixture(scope="module")
def listener():
    server = _Listener()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _snapshot(folder: Path) -> dict:
    out = {}
    for p in sorted(folder.rglob("*")):
        st = p.lstat()
        out[str(p.relative_to(folder))] = (st.st_size, st.st_mtime_ns, st.st_mode)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, listener):
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("make_corpus.py", "__pycache__"))
    make_corpus.generate(folder, listener.server_address[1])
    missing = sorted(set(CASES) - {p.name for p in folder.iterdir()})
    assert not missing, f"corpus cases not on disk: {missing}"
    before = _snapshot(folder)
    yield folder
    assert _snapshot(folder) == before, "reading the corpus wrote into it"
    (folder / "unreadable.geojson").chmod(0o644)
    assert listener.connections == [], "GDAL or the page reached the network"


def _one_line(message: str, name: str) -> None:
    assert "\n" not in message and "Traceback" not in message, message
    assert "\ufffd" not in message, f"mojibake in: {message}"
    assert name in message, f"the line does not name the file: {message}"


@pytest.mark.parametrize("case", CASES)
def test_check_command_on_each_case(corpus, case):
    """``ecoviewer check FILE`` from the command line: exit 0 or 1, one line per problem
    naming the file, in bounded time."""
    path = corpus / case
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "ecoviewer", "check", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    seconds = time.perf_counter() - started
    assert run.returncode in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
    for line in run.stderr.strip().splitlines():
        _one_line(line, case)
    reports = json.loads(run.stdout)["layers"]
    if case in MUST_FAIL:
        assert run.returncode == 1 and not any(r["ok"] for r in reports), reports
    for r in reports:
        for problem in r["problems"]:
            assert "\n" not in problem and "\ufffd" not in problem, problem
    assert seconds < 60


def _project(tmp_path: Path, layer: Path) -> Path:
    text = f"""version = 2
[project]
name = "hostile case"
[view]
bounds = [117.705, 39.076, 117.845, 39.212]

[[layers]]
id = "good"
title = "good"
path = {json.dumps(str(GOOD))}
style = {{ color = "#2ca02c", fill_opacity = 1.0 }}

[[layers]]
id = "hostile"
title = "hostile"
path = {json.dumps(str(layer))}
style = {{ color = "#d62728", tooltip = ["name"], label = "name" }}

[[targets]]
id = "good_target"
title = "good"
metric = "count_share"
layer = "good"
op = ">="
target = 50
anchor = [117.76, 39.15]

[[targets]]
id = "hostile_target"
title = "hostile"
metric = "count_share"
layer = "hostile"
where = {{ name = "ok" }}
op = ">="
target = 50
"""
    path = tmp_path / "case.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def renderer(qapp):
    from ecoviewer.render.snapshot import MapRenderer

    with MapRenderer(timeout_ms=60000) as r:
        yield r


@pytest.mark.parametrize("case", CASES)
def test_project_with_case_through_check_targets_and_exports(corpus, case, tmp_path, renderer):
    from ecoviewer.render.snapshot import ExportOptions, export_page

    project_path = _project(tmp_path, corpus / case)
    started = time.perf_counter()
    reports = {r.id: r.as_dict() for r in check_reports(str(project_path))}
    assert reports["good"]["ok"] and reports["good"]["features"] == 4
    bad = reports["hostile"]
    if not bad["ok"]:
        _one_line(bad["error"], case)
    if case in MUST_FAIL:
        assert not bad["ok"]

    project = load_project(project_path)
    tables, errors = read_project_layers(project)
    assert "good" in tables
    for message in errors.values():
        _one_line(message, case)
    results = {r.id: r for r in evaluate_targets(project, tables)}
    assert results["good_target"].status == "met"
    hostile = results["hostile_target"]
    if hostile.status == "error":
        assert "\n" not in hostile.error and "hostile" in hostile.error
    else:
        assert hostile.status in ("met", "missed", "no data")

    out = tmp_path / "out"
    out.mkdir()
    options = ExportOptions(size=(480, 320), map_only=False)
    for suffix in (".html", ".png", ".pdf"):
        info = export_page(
            project, tables, out / f"snap{suffix}", options, results=list(results.values()), renderer=renderer
        )
        assert info.path.stat().st_size > 1000
    # only what was asked for: no temp files left beside the exports
    assert sorted(p.name for p in out.iterdir()) == ["snap.html", "snap.pdf", "snap.png"]
    assert time.perf_counter() - started < 120


def test_window_loads_every_case_at_once_and_the_good_layer_draws(corpus, qtbot, tmp_path):
    """The window's loader on a project holding the whole corpus beside one good layer:
    each hostile layer is one line in the Messages dock (or loads), the good one draws."""
    from PySide6.QtGui import QColor

    from ecoviewer.app.main_window import MainWindow

    lines = [
        "version = 2",
        "[project]",
        'name = "corpus"',
        "[view]",
        "bounds = [117.705, 39.076, 117.845, 39.212]",
    ]
    for i, case in enumerate(CASES):
        lines += [
            "[[layers]]",
            f'id = "case{i}"',
            f"path = {json.dumps(str(corpus / case))}",
            'style = { tooltip = ["name"], label = "name" }',
        ]
    lines += [
        "[[layers]]",
        'id = "good"',
        f"path = {json.dumps(str(GOOD))}",
        'style = { color = "#2ca02c", fill_opacity = 1.0, weight = 0 }',
    ]
    path = tmp_path / "corpus.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    win = MainWindow(lang="en")
    qtbot.addWidget(win)
    win.resize(1000, 700)
    win.show()
    try:
        assert win.open_project(path)
        assert win.wait_loaded(timeout_ms=180000)
        assert "good" in win.tables
        for i, case in enumerate(CASES):
            message = win.model.errors.get(f"case{i}")
            if message is not None:
                _one_line(message, case)
            if case in MUST_FAIL:
                assert message is not None, case
        assert win.map.settle()
        image = win.map.grab_drawn(0)
        image.save(str(Path(os.environ.get("ECOVIEWER_SHOT_DIR", tmp_path)) / "corpus-window.png"))
        green = QColor("#2ca02c").rgb()
        hits = sum(
            image.pixel(x, y) == green
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
        )
        assert hits > 200, "the good layer is not drawn"
    finally:
        win.project.path = None  # nothing to recover: close without asking
        win.close()


def test_corpus_lists_every_file():
    """CASES documents every committed file (a new case must say what it is)."""
    committed = {p.name for p in CORPUS.iterdir()} - {"make_corpus.py", "__pycache__"}
    stems = {c.rsplit(".", 1)[0] for c in CASES}
    for name in committed:
        assert name in CASES or name.rsplit(".", 1)[0] in stems, name
    assert os.access(CORPUS / "make_corpus.py", os.R_OK)
