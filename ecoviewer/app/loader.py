"""Reading a project's layers and evaluating its targets off the UI thread.

The window stays usable while a big layer loads: the map shows each layer as soon as it is
read, a progress bar counts them, and Cancel stops after the layer being read (GDAL cannot
be interrupted inside one read).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QThread, Signal

from ..joins import apply_joins
from ..project import Project
from ..sources import LayerError, read_spec
from ..targets import evaluate_targets

log = logging.getLogger("ecoviewer.loader")


class _Worker(QObject):
    progress = Signal(int, int, str)  # done, total, layer id being read
    loaded = Signal(str, object)  # layer id, FeatureTable
    failed = Signal(str, str)  # layer id, one-line message
    evaluated = Signal(object)  # list[TargetResult]
    building = Signal(str, float)  # layer id, fraction of its overview built
    finished = Signal(int)  # 1 completed, 0 cancelled (int: PySide's bool signals across
    # threads have upset CPython's refcount of True/False at exit)

    def __init__(self, project: Project, cancel: threading.Event):
        super().__init__()
        self.project = project
        self.cancel = cancel

    def run(self) -> None:
        specs = list(self.project.layers)
        tables = {}
        for i, spec in enumerate(specs):
            if self.cancel.is_set():
                self.finished.emit(0)
                return
            self.progress.emit(i, len(specs), spec.id)
            try:
                table = read_spec(spec, progress=lambda f, lid=spec.id: self._building(lid, f))
            except LayerError as exc:
                self.failed.emit(spec.id, str(exc))
                continue
            except MemoryError:
                self.failed.emit(spec.id, f"{spec.path}: too large to load in memory")
                continue
            except Exception as exc:  # a reader bug must not stall the load: one line, go on
                log.exception("reading %s failed", spec.path)
                detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                self.failed.emit(
                    spec.id,
                    f"{spec.path}: cannot be read ({type(exc).__name__}"
                    f"{': ' + detail[:200] if detail else ''})",
                )
                continue
            if self.project.joins and getattr(table, "kind", "") != "raster":
                apply_joins(self.project.joins, spec.id, table, self.project.base_dir)
            tables[spec.id] = table
            self.loaded.emit(spec.id, table)
        self.progress.emit(len(specs), len(specs), "")
        if not self.cancel.is_set():
            try:
                self.evaluated.emit(evaluate_targets(self.project, tables))
            except Exception:  # evaluate_targets reports bad targets itself; this is a bug
                log.exception("evaluating targets failed")
                self.evaluated.emit([])
        self.finished.emit(0 if self.cancel.is_set() else 1)

    def _building(self, layer_id: str, fraction: float) -> bool:
        self.building.emit(layer_id, float(fraction))
        return not self.cancel.is_set()


class ProjectLoader(QObject):
    """Loads one project on a worker thread; signals arrive on the UI thread."""

    progress = Signal(int, int, str)
    loaded = Signal(str, object)
    failed = Signal(str, str)
    evaluated = Signal(object)
    building = Signal(str, float)
    finished = Signal(int)

    def __init__(self, project: Project, parent=None):
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self.thread = QThread()
        self.worker = _Worker(project, self.cancel_event)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        for name in ("progress", "loaded", "failed", "evaluated", "building"):
            getattr(self.worker, name).connect(getattr(self, name))
        self.worker.finished.connect(self._finish)
        self.running = False

    def start(self) -> None:
        self.running = True
        self.thread.start()

    def cancel(self) -> None:
        self.cancel_event.set()

    def _finish(self, completed: int) -> None:
        self.running = False
        self.thread.quit()
        self.thread.wait()
        self.finished.emit(int(completed))
