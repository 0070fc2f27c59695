"""File → Export…: one PNG, PDF or offline HTML file of the current view, a theme or a scene
(or every scene into a folder), with a preview of the page.

The preview is cheap: the page is planned at the chosen size and dpi, shrunk to a thumbnail
and painted with the window's current map pixels as its map — no web page is loaded until
the export itself. ``options()``, ``export_to()`` and ``export_all()`` do the work without
any modal file dialog, so they are tested directly."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from ..export.layout import (
    LayoutError,
)
from ..project import Project
from ..render.snapshot import (
    ExportError,
    ExportInfo,
    batch_names,
    export_batch,
    export_page,
)
from .export_form import DEFAULT_DPI, ExportFormMixin, export_folder
from .export_preview import ExportPreviewMixin
from .i18n import tr
from .plaintext import plain_label, question, tooltip

PREVIEW_DELAY_MS = 150  # redraw the preview this long after the last change


class _CancelledError(Exception):
    """The user pressed Cancel in the progress dialog of "Export all scenes"."""


def remember_export_folder(folder: Path) -> None:
    QSettings().setValue("export/folder", str(folder))


class ExportDialog(ExportFormMixin, ExportPreviewMixin, QDialog):
    """Export options, a preview of the page, Export and Export all scenes."""

    def __init__(
        self,
        project: Project,
        tables: dict,
        results: list,
        *,
        lang: str = "zh",
        map_image: QImage | None = None,
        map_size: tuple[int, int] | None = None,
        view_state: dict | None = None,
        report: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.project = project
        self.tables = tables
        self.results = results
        self.lang = lang
        self.busy = False  # an export is running (nested event loops)
        self.evaluated = None  # when ``results`` were evaluated (None: unknown, say now)
        self.map_image = map_image
        self.map_size = map_size  # the window's map in CSS pixels (what map_image shows)
        self.view_state = dict(view_state or {})
        self._report = report or (lambda message: None)
        self.preview_image: QImage | None = None
        self.preview_content = None  # what the preview's page says (LayoutContent)
        self._evaluated: dict[tuple, list] = {}  # plan themes' targets, by substitution
        self._maps: dict[tuple, tuple] = {}  # theme / scene maps drawn for the preview
        self._renderer = None  # the offscreen map view that draws them (made on first need)
        self._drawing = False
        self._finished = False  # the dialog is single-use: once closed, it draws no more
        self.finished.connect(self._close_renderer)
        self._confirmed_path: str | None = None  # chosen with Browse…, overwrite confirmed
        self._path_edited = False
        self._page_mode = "pixels"
        self._dpi = dict(DEFAULT_DPI)
        self.setWindowTitle(tr("Export"))
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self._sync()
        self.refresh_preview()

    @classmethod
    def for_window(cls, window) -> ExportDialog:
        """The dialog for ``window`` (a MainWindow): what to export comes from its session
        (project, tables, evaluated targets and when, the view); the window gives its
        language, its map's current pixels and its message line."""
        session, view = window.session, window.map
        dialog = cls(
            session.project,
            session.tables,
            session.results,
            lang=window.lang,
            map_image=view.grab().toImage(),
            map_size=(view.width(), view.height()),
            view_state=session.view,
            report=window.report,
            parent=window,
        )
        dialog.evaluated = session.evaluated_at  # the footer's "targets evaluated" time
        return dialog

    @staticmethod
    def _message(exc: Exception) -> str:
        """The error in the UI language (the engine gives its template and values; file
        names and the system's own error text stay as they are)."""
        layout = exc if isinstance(exc, LayoutError) else getattr(exc, "layout", None)
        if layout is not None:
            text = tr(layout.template).format(*layout.values)
            return f"{exc.name}: {text}" if layout is not exc else text
        if getattr(exc, "template", None):
            return tr(exc.template).format(*exc.values)
        return str(exc)

    def set_error(self, message: str) -> None:
        """One line in red under the options (empty: none); the whole text in its tooltip."""
        self._error_text = str(message).splitlines()[0] if message else ""
        self.error.setToolTip(tooltip(message or ""))  # file names and error text, escaped
        self._show_error()

    def error_text(self) -> str:
        """The error shown under the options (not elided); empty when there is none."""
        return self._error_text

    def _show_error(self) -> None:
        width = max(200, self.error.width())
        self.error.setText(
            self.error.fontMetrics().elidedText(self._error_text, Qt.TextElideMode.ElideMiddle, width)
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show_error()

    # -- exporting -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def _busy(self):
        """Wait cursor, and no second click while the map is drawn offscreen. The export
        runs nested event loops: the dialog refuses to close meanwhile (``reject``)."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.busy = True
        self.body.setEnabled(False)
        self.buttons.setEnabled(False)
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()
            self.busy = False
            self.body.setEnabled(True)
            self.buttons.setEnabled(True)

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def closeEvent(self, event) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    def _target_path(self, path: str | Path, suffix: str) -> Path:
        path = Path(path).expanduser()
        if not path.is_absolute():
            path = export_folder() / path
        return self._with_suffix(path, suffix)

    def export_to(self, path: str | Path) -> ExportInfo | None:
        """Export one file to ``path`` (its extension follows the format); reports success
        to the window, shows a failure in the dialog; returns None on failure."""
        self.set_error("")
        try:
            suffix, options, sel = self.options()
            out = self._target_path(path, suffix)
            with self._busy():
                info = export_page(
                    self.project,
                    self.tables,
                    out,
                    options,
                    selection=sel,
                    results=self.results or None,
                    evaluated=self.evaluated if self.results else None,
                )
        except (ExportError, LayoutError) as exc:
            self.set_error(self._message(exc))
            return None
        remember_export_folder(info.path.parent)
        if info.geometry is not None:
            self._report(
                tr("Exported {0} ({1}×{2} px, {3:.1f} s)").format(
                    info.path, info.geometry.width, info.geometry.height, info.seconds
                )
            )
        else:
            self._report(tr("Exported {0} ({1:.1f} s)").format(info.path, info.seconds))
        return info

    def export_all(self, folder: str | Path) -> list[ExportInfo]:
        """Every scene to its own file in ``folder`` with the chosen format and page, a
        progress dialog meanwhile (Cancel stops after the file being drawn)."""
        self.set_error("")
        folder = Path(folder)
        suffix, options = self.page_options()
        total = len(self.project.scenes)
        progress = QProgressDialog(tr("Exporting scenes…"), tr("Cancel"), 0, total, self)
        label = plain_label(tr("Exporting scenes…"))  # its text names the scenes: plain text
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        progress.setLabel(label)
        progress.setWindowTitle(tr("Export all scenes"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        done = [0]

        def step(i: int, n: int, name: str) -> None:
            done[0] = i - 1  # files written so far
            if progress.wasCanceled():
                raise _CancelledError
            progress.setMaximum(n)
            progress.setLabelText(tr("Exporting {0} ({1} of {2})").format(name, i, n))
            progress.setValue(i - 1)

        started = time.perf_counter()
        try:
            progress.show()
            with self._busy():
                infos = export_batch(
                    self.project,
                    self.tables,
                    folder,
                    suffix,
                    options,
                    kind="scenes",
                    results=self.results or None,
                    progress=step,
                    evaluated=self.evaluated if self.results else None,
                )
        except _CancelledError:
            self._report(
                tr("Export cancelled: {0} of {1} scenes written to {2}").format(done[0], total, folder)
            )
            return []
        except (ExportError, LayoutError) as exc:
            self.set_error(self._message(exc))
            return []
        finally:
            progress.close()
            progress.deleteLater()
        if infos:
            remember_export_folder(Path(folder))
        for info in infos:
            size = f" ({info.geometry.width}×{info.geometry.height} px)" if info.geometry is not None else ""
            self._report(tr("Exported {0}").format(info.path) + size)
        self._report(
            tr("Exported {0} scenes to {1} ({2:.1f} s)").format(
                len(infos), folder, time.perf_counter() - started
            )
        )
        return infos

    # -- buttons -------------------------------------------------------------------------------
    def browse_output(self) -> None:
        suffix = self.format.currentData()
        filters = {
            ".png": tr("PNG image (*.png)"),
            ".pdf": tr("PDF document (*.pdf)"),
            ".html": tr("Offline HTML (*.html)"),
        }
        path, _ = QFileDialog.getSaveFileName(self, tr("Export to"), self.output.text(), filters[suffix])
        if path:
            path = str(self._with_suffix(Path(path), suffix))
            self.output.setText(path)
            self._path_edited = True
            self._confirmed_path = path  # the file dialog asked about replacing it

    def export_clicked(self) -> None:
        """Export: one file to the output path, then close."""
        text = self.output.text().strip()
        if not text:
            self.set_error(tr("Choose the file to export to"))
            self.output.setFocus()
            return
        out = self._target_path(text, self.format.currentData())
        if out.exists() and str(out) != self._confirmed_path:
            answer = question(
                self,
                tr("Replace file?"),
                tr("{0} already exists. Replace it?").format(out),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self.export_to(out) is not None:
            self.accept()

    def choose_folder(self) -> None:
        """Export all scenes…: ask for a folder, export every scene into it, then close."""
        if not self.project.scenes:
            self.set_error(tr("The project has no scenes"))
            return
        start = Path(self.output.text().strip() or self.project.base_dir).parent
        folder = QFileDialog.getExistingDirectory(self, tr("Export all scenes to folder"), str(start))
        if not folder:
            return
        names = batch_names(self.project, self.format.currentData(), "scenes", self.lang)
        existing = [n for n in names if (Path(folder) / n).exists()]
        if existing:
            answer = question(
                self,
                tr("Replace files?"),
                tr("{0} of the {1} files already exist in {2} ({3}). Replace them?").format(
                    len(existing),
                    len(names),
                    folder,
                    ", ".join(existing[:3]) + (" …" if len(existing) > 3 else ""),
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self.export_all(folder):
            self.accept()
