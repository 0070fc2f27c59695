"""Shared fixtures: one QApplication and one web view for the whole run (QtWebEngine start-up
is the expensive part), tiny layer files written on the fly, the sample project."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from ecoviewer.render.qtenv import prepare_environment

prepare_environment(headless=True)  # before any Qt import: offscreen, software rendering

# the run's own per-user state folder: the windows under test write crash-recovery files
# there (ecoviewer/recovery.py), which must never reach the developer's own folder (the
# real viewer then offered to "recover" a test's edits of the sample)
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="ecoviewer-tests-state-")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "layers" / "ecocity.toml"
REALDATA = ROOT.parent / "shared" / "realdata"


@pytest.fixture(scope="session")
def qapp(tmp_path_factory):
    """Overrides pytest-qt's: our application() sets the attributes QtWebEngine needs.
    Settings (language, recent projects) go to a throw-away folder, not the user's."""
    from PySide6.QtCore import QSettings

    from ecoviewer.render.qtenv import application

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("settings"))
    )
    return application()


@pytest.fixture(autouse=True)
def _fresh_window_layout(request):
    """Each test's windows start from the default layout (a closed window saves its size and
    docks in the session's settings; the next test must not inherit them)."""
    if "qapp" in request.fixturenames or "window" in request.fixturenames:
        from PySide6.QtCore import QSettings

        QSettings().remove("window")
    yield


@pytest.fixture(scope="session")
def map_view(qapp):
    from ecoviewer.render.map_view import MapView

    view = MapView()
    view.resize(800, 600)
    view.show()
    yield view
    from PySide6.QtCore import QEvent

    view.close()
    view.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(scope="module")
def module_window(qapp):
    """The main window on the sample project, in Chinese (one per test module)."""
    from ecoviewer.app.main_window import MainWindow

    win = MainWindow(lang="zh")  # EcoViewer's first audience reads Chinese
    win.resize(1200, 800)
    win.show()
    assert win.open_project(SAMPLE)
    assert win.wait_loaded()
    assert win.map.settle()
    yield win
    from PySide6.QtCore import QEvent

    win.close()
    win.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Each test's outcome on its item (the window fixture looks at it)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def window(module_window, request):
    """The module's window. A test that fails leaves it as the sample opened afresh, so its
    failure does not cascade into the tests after it (a dialog left open, presentation or
    compare still on, a theme applied halfway)."""
    yield module_window
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        win = module_window
        for dialog in [win.export_window, win.map_context]:
            if dialog is not None:
                dialog.close()
        win.leave_presentation()
        win.end_compare()
        win.dirty = False
        assert win.open_project(SAMPLE) and win.wait_loaded() and win.map.settle()


@contextmanager
def opened_window(path, size=(1200, 800)):
    """A window of its own (Chinese UI) on ``path``, loaded and drawn; closed afterwards
    without asking about changes (for tests that need a fresh window, not the module's)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from ecoviewer.app.main_window import MainWindow

    win = MainWindow(lang="zh")
    win.resize(*size)
    win.show()
    try:
        assert win.open_project(path) and win.wait_loaded() and win.map.settle()
        yield win
    finally:
        win.dirty = False
        win.close()
        win.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(scope="session")
def sample_tables():
    from ecoviewer.project import load_project
    from ecoviewer.sources import read_project_layers

    project = load_project(SAMPLE)
    tables, errors = read_project_layers(project)
    assert errors == {}
    return project, tables


def write_layer(
    path: Path,
    geoms,
    fields: dict | None = None,
    crs: str | None = "EPSG:4326",
    driver: str | None = None,
    layer: str | None = None,
    encoding: str | None = None,
    append: bool = False,
) -> Path:
    """Write shapely geometries + columns with pyogrio (the same GDAL the reader uses)."""
    import pyogrio
    import shapely

    geoms = np.asarray(geoms, dtype=object)
    fields = fields or {"n": np.arange(len(geoms), dtype=np.int32)}
    names = list(fields)
    types = {g.geom_type for g in geoms if g is not None}
    gtype = types.pop() if len(types) == 1 else "Unknown"
    pyogrio.raw.write(
        str(path),
        shapely.to_wkb(geoms),
        [np.asarray(fields[k]) for k in names],
        names,
        driver=driver,
        crs=crs,
        layer=layer,
        encoding=encoding,
        geometry_type=gtype,
        append=append,
        promote_to_multi=False,
    )
    return path


@pytest.fixture
def tmp_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(autouse=True, scope="session")
def _no_modal_questions():
    """A modal question would wait forever offscreen: answer Discard / No unless a test
    sets its own answer (``answers`` below)."""
    from PySide6.QtWidgets import QMessageBox

    original = QMessageBox.question

    def answer(*args, **kwargs):
        return ANSWERS.pop(0) if ANSWERS else QMessageBox.StandardButton.Discard

    QMessageBox.question = staticmethod(answer)
    yield
    QMessageBox.question = original


ANSWERS: list = []


_EXIT = {}


def pytest_sessionfinish(session, exitstatus):
    _EXIT["status"] = int(exitstatus)


def pytest_unconfigure(config):
    """Leave without CPython's final garbage collection. With QtWebEngine views from several
    modules alive in one process, PySide 6.12 sometimes aborts there ("bool_dealloc:
    deallocating True or False") after every test has passed and been reported; the exit
    status is pytest's own."""
    if "status" in _EXIT:
        import sys

        xvfb = sys.modules.get("pytest_xvfb")
        if xvfb is not None:  # (it stops its Xvfb at exit, which os._exit skips: one left per run)
            try:
                xvfb.shutdown_xvfb()
            except Exception:  # (a display already gone)
                pass
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT["status"])


@pytest.fixture
def stations(tmp_path):
    """Three stations; PM2.5 falls 50 → 46 → 44 on average over 2019, 2021, 2023 (the targets
    over time tests' hand example)."""
    from shapely.geometry import Point

    from ecoviewer.sources import read_layer as _read_layer

    pts = [Point(117.72, 39.10), Point(117.75, 39.13), Point(117.78, 39.16)]
    fields = {
        "pm25_2019": np.array([48.0, 50.0, 52.0]),
        "pm25_2021": np.array([45.0, 46.0, 47.0]),
        "pm25_2023": np.array([43.0, 44.0, 45.0]),
        "pm25_2025": np.array([40.0, 41.0, 42.0]),
        "label": np.array(["2019年", "x", "y"], dtype=object),
    }
    return _read_layer(write_layer(tmp_path / "s.geojson", pts, fields), layer_id="s")
