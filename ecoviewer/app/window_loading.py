"""Reading a project's layers off the UI thread (the loader), and showing them as they
come: progress and Cancel in the status bar, each layer onto the page, each failure one line.

A part of the main window (mixed into ``MainWindow``; ``self`` is the window)."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressBar, QProgressDialog, QPushButton

from ..overviews import CACHE_DIR, build_overview_cache, needs_overviews
from ..project import Project
from ..sources import FeatureTable
from ..web.page import add_layer_js, layer_payload
from .i18n import tr
from .loader import ProjectLoader
from .plaintext import question


class LoadingMixin:
    def _build_progress(self) -> None:
        """The status bar's progress bar and Cancel button, shown while layers are read."""
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(320)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()
        self.cancel_button = QPushButton()
        self._text(self.cancel_button.setText, "Cancel")
        self.cancel_button.clicked.connect(self.cancel_loading)
        self.cancel_button.hide()
        self.statusBar().addPermanentWidget(self.progress_bar)
        self.statusBar().addPermanentWidget(self.cancel_button)

    def _start_loader(self, project: Project) -> None:
        if self.loader is not None:
            for name in ("progress", "loaded", "failed", "evaluated", "building", "finished"):
                getattr(self.loader, name).disconnect()
            self.loader.cancel()
        self.loader = ProjectLoader(project, self)
        self.loader.progress.connect(self.show_progress)
        self.loader.building.connect(self.show_building)
        self.loader.loaded.connect(self.session.add_table)
        self.loader.failed.connect(self.session.fail_layer)
        self.loader.evaluated.connect(self.session.set_results)
        self.loader.finished.connect(self._load_finished)
        self.progress_bar.setRange(0, max(1, len(project.layers)))
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self.cancel_button.show()
        self.loader.start()

    def show_progress(self, done: int, total: int, layer_id: str) -> None:
        self.progress_bar.setMaximum(max(1, total))
        self.progress_bar.setValue(done)
        if layer_id:
            spec = self.project.layer(layer_id)
            # a progress bar's format replaces %p, %v, %m: a title's "%" must not form them
            self.progress_bar.setFormat(
                tr("Reading {0} ({1}/{2})").format(
                    spec.display_title(self.lang).replace("%", "%\u200b"), done + 1, total
                )
            )
        else:
            self.progress_bar.setFormat(tr("Evaluating targets…"))

    def show_building(self, layer_id: str, fraction: float) -> None:
        """A streamed layer's overview being built (once per file; Cancel stops it)."""
        try:
            spec = self.project.layer(layer_id)
        except KeyError:
            return
        self.progress_bar.setFormat(
            tr("Building the overview of {0}: {1}%").format(
                spec.display_title(self.lang).replace("%", "%\u200b"), int(fraction * 100)
            )
        )

    def _layer_loaded(self, layer_id: str, table: FeatureTable) -> None:
        try:
            spec = self.project.layer(layer_id)
        except KeyError:
            return
        self._adopt(spec, table)
        payload = layer_payload(spec, table, self.lang, self.map.tile_url())
        if payload.tiles:
            self.map.add_tiled_layer(spec.id, table, payload.style)
        self.map.js(add_layer_js(payload, self.lang))
        self.model.refresh()
        if needs_overviews(table) and layer_id not in self._overviews_offered:
            self._overviews_offered.add(layer_id)  # said once per layer and session
            QTimer.singleShot(0, self, lambda: self.offer_overviews(layer_id))

    def offer_overviews(self, layer_id: str) -> bool:
        """A big raster without overviews: offer to build them (progress, Cancel) into the
        cache folder beside the project — the source file is never written. True if built."""
        table = self.tables.get(layer_id)
        if table is None or not needs_overviews(table):
            return False
        spec = self.project.layer(layer_id)
        answer = question(
            self,
            tr("Build overviews?"),
            tr(
                "{0} has {1} × {2} pixels and no overviews, so it draws slowly when zoomed out.\n"
                "Build overviews now? A copy with overviews goes into {3}; the file itself is not changed."
            ).format(
                spec.path, f"{table.width:,}", f"{table.height:,}", str(self.project.base_dir / CACHE_DIR)
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        dialog = QProgressDialog(tr("Building overviews…"), tr("Cancel"), 0, 100, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)

        def progress(done: int, total: int) -> bool:
            dialog.setMaximum(total)
            dialog.setValue(done)
            QApplication.processEvents()
            return not dialog.wasCanceled()

        try:
            built = build_overview_cache(table, self.project.base_dir / CACHE_DIR, progress)
        except Exception as exc:  # a full disk, a folder that cannot be written: one line
            self.report(f"{spec.path}: overviews not built ({type(exc).__name__}: {str(exc)[:120]})")
            built = None
        dialog.close()
        if built is None:
            return False
        self._layer_loaded(layer_id, table)  # drawn again, from the copy
        self.report(tr("{0}: overviews built ({1})").format(spec.path, built.name))
        return True

    def _layer_failed(self, layer_id: str, message: str) -> None:
        self.model.errors[layer_id] = message
        self.report(message)
        self.model.refresh()

    def _targets_evaluated(self, results: list, _when=None) -> None:
        for r in results:
            if r.error:
                self.report(r.error)
            if r.series_error:  # the current value stands; the trend says why it is missing
                self.report(r.series_error)
        self.target_model.set_results(self.project, results)
        self.map.set_targets(results, self.tables, self.lang)

    def _load_finished(self, completed: int) -> None:
        self.progress_bar.hide()
        self.cancel_button.hide()
        if not completed:
            self.report(
                tr("Loading cancelled: {0} of {1} layers shown").format(
                    len(self.tables), len(self.project.layers)
                )
            )
        if hasattr(self, "target_editor"):  # its pickers list the layers and fields read
            self.target_editor.refresh_pickers()
        if hasattr(self, "style_panel") and self.style_dock.isVisible():
            self.style_panel.project_changed()
        self.loading_finished.emit(int(completed))

    def cancel_loading(self) -> None:
        if self.loader is not None and self.loader.running:
            self.loader.cancel()

    def wait_loaded(self, timeout_ms: int = 120000) -> bool:
        """Run the event loop until the project has loaded (for tests and benchmarks)."""
        if self.loader is None or not self.loader.running:
            return True
        loop = QEventLoop()
        self.loading_finished.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        self.loading_finished.disconnect(loop.quit)
        return not self.loader.running
