"""The document: open, new, save (keeping the file as written), recovery, recent projects,
adding layer files, drag and drop.

A part of the main window (mixed into ``MainWindow``; ``self`` is the window)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QDateTime, QSettings, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
)

from ..basemaps import BasemapError, is_basemap_path, opened
from ..crs import crs_label, measure_crs_for, parse_crs, transformer
from ..project import (
    FORMAT_VERSION,
    BasemapSpec,
    LayerSpec,
    Project,
    ProjectError,
    load_project,
    save_project,
    view_bounds,
)
from ..raster_style import legend_entries
from ..recovery import (
    discard_recovery,
    find_recovery,
    load_recovery,
    write_recovery,
)
from ..sources import LONLAT, FeatureTable, LayerError, list_layers, read_spec, reader_for
from ..styles import PALETTE, style_or_default
from ..symbology import first_style
from .i18n import tr
from .plaintext import question
from .window_common import (
    BASEMAP_FILTER,
    LAYER_FILTER,
    LAYOUT_VERSION,
    MAX_RECENT,
    menu_text,
    recent_projects,
)

log = logging.getLogger("ecoviewer.document")


class DocumentMixin:
    # -- the window as the user left it ----------------------------------------------------
    def restore_layout(self) -> bool:
        """Size, position and dock layout of the last window closed (QSettings)."""
        settings = QSettings()
        geometry, state = settings.value("window/geometry"), settings.value("window/state")
        done = False
        if isinstance(geometry, (QByteArray, bytes)):
            done = self.restoreGeometry(QByteArray(geometry))
        if isinstance(state, (QByteArray, bytes)):
            done = self.restoreState(QByteArray(state), LAYOUT_VERSION) and done
        return done

    def save_layout(self) -> None:
        if self.presenting or self.isFullScreen():  # not a layout to come back to
            return
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState(LAYOUT_VERSION))

    # -- project -----------------------------------------------------------------------------
    def open_project(self, path: str | Path) -> bool:
        """Open a project file; a layer file opens as a new, unsaved project holding it."""
        if Path(path).suffix.lower() != ".toml" and not Path(path).is_dir():
            return self.open_layer_file(path)
        if not self.maybe_save():
            return False
        try:
            project = load_project(path)
        except ProjectError as exc:
            self.report(str(exc))
            return False
        recovered = False
        found = find_recovery(project.path, self.recovery_folder)
        if found is not None:
            try:
                when = QDateTime.fromSecsSinceEpoch(int(found.stat().st_mtime)).toString()
            except OSError:  # gone since it was found
                when = "?"
            answer = question(  # the file name is shown as text, never as HTML
                self,
                tr("Recover unsaved changes?"),
                tr(
                    "{0} has unsaved changes from {1} (EcoViewer did not close normally). Recover them?"
                ).format(project.path.name, when),
            )
            if answer == QMessageBox.StandardButton.Yes:
                try:
                    text = project.source_text  # saving merges into the file as written
                    project, recovered = load_recovery(found, project.path), True
                    project.source_text = text
                except ProjectError as exc:
                    self.report(str(exc))
            else:
                discard_recovery(project.path, self.recovery_folder)
        self.set_project(project)
        self.set_dirty(recovered)
        self._untracked = recovered  # recovered changes are not on the undo stack: undo to
        # its start must not call the project saved (closing would drop the recovery file)
        if recovered:
            self.report(tr("Recovered unsaved changes of {0}").format(project.path.name))
        if project.migrated_from:
            self.report(
                tr("{0}: written in project format {1}; saving it writes format {2}").format(
                    project.path.name, project.migrated_from, FORMAT_VERSION
                )
            )
        self._remember(project.path)
        return True

    def new_project(self, name: str | None = None) -> bool:
        """File → New project: an empty, unsaved project (layers are then added to it)."""
        if not self.maybe_save():
            return False
        self.set_project(Project(name=name or tr("Untitled project")))
        self.set_dirty(False)
        return True

    def open_layer_file(self, path: str | Path) -> bool:
        """A data file given on the command line or opened: a new, unsaved project named
        after it, with its (sub-)layers. Nothing is asked on closing until something changes."""
        path = Path(path)
        try:
            list_layers(path)
        except LayerError as exc:
            self.report(str(exc))
            return False
        if not self.new_project(path.stem):
            return False
        added = self.add_layer_files([str(path)])
        self.set_dirty(False)
        return added > 0

    # -- never lose work ---------------------------------------------------------------------
    def set_dirty(self, dirty: bool) -> None:
        if not dirty:  # saved, discarded or just opened: this state is the clean one
            self.mark_saved()
        self.dirty = dirty
        self.setWindowModified(dirty)
        self.setWindowTitle(f"{self.project.name}[*] — EcoViewer")

    def write_recovery(self) -> None:
        if self.dirty:
            try:
                write_recovery(self.project, self.recovery_folder)
            except Exception as exc:  # a timer slot: one message, never a traceback
                self.statusBar().showMessage(
                    tr("Could not write the recovery file: {0}").format(
                        getattr(exc, "strerror", None) or exc
                    ),
                    5000,
                )

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False when the user cancels."""
        if not self.dirty:
            return True
        answer = question(  # the project name is shown as text, never as HTML
            self,
            tr("Unsaved changes"),
            tr("{0} has unsaved changes. Save them?").format(self.project.name),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            discard_recovery(self.project.path, self.recovery_folder)
            self.set_dirty(False)
            return True
        return False

    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.autosave.stop()
        discard_recovery(self.project.path, self.recovery_folder)
        self.cancel_loading()
        self.save_layout()
        event.accept()

    def _remember(self, path: Path | None) -> None:
        if path is None:
            return
        settings = QSettings()
        recent = [str(path)] + [p for p in recent_projects(settings) if p != str(path)]
        settings.setValue("recent", recent[:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in recent_projects(QSettings()):
            self.recent_menu.addAction(menu_text(path), lambda p=path: self.open_project(p))

    def store_view(self) -> None:
        """The map's current extent into the project (saved as ``[view] bounds``), unless
        it is still the view the project opened with: a save without moving the map keeps
        the file's view as written."""
        bounds = self.view_state.get("bounds") if not (self.presenting or self.comparing) else None
        if not (isinstance(bounds, list) and len(bounds) == 4):
            return
        try:  # clamped to the globe (zoomed far out, Leaflet's bounds run past ±180°)
            w, s, e, n = view_bounds([round(float(v), 6) for v in bounds])
        except (ValueError, TypeError):
            return
        opened = (self._view_at_open or {}).get("bounds")
        if opened and all(abs(a - b) < 1e-9 for a, b in zip(opened, bounds)):
            return  # the map was not moved since the project was opened
        stored = (self.project.view or {}).get("bounds")
        if stored:
            sw, ss, se, sn = stored
            width, height = se - sw, sn - ss
            inside = w <= sw and s <= ss and e >= se and n >= sn
            # a fit of the stored box shows it whole, at most one zoom step wider
            same = (
                inside
                and (e - w) * (n - s) <= 4.5 * width * height
                and abs((w + e) / 2 - (sw + se) / 2) <= 0.25 * width
                and abs((s + n) / 2 - (ss + sn) / 2) <= 0.25 * height
            )
            if same:
                return
        # only the extent changes: other [view] keys stay; center/zoom give way to bounds
        view = {k: v for k, v in (self.project.view or {}).items() if k not in ("bounds", "center", "zoom")}
        self.project.view = {**view, "bounds": [w, s, e, n]}

    def save(self) -> bool:
        if self.project.path is None:
            return self.save_as()
        self.store_view()
        try:
            save_project(self.project)
        except Exception as exc:  # the file on disk is untouched (atomic write); say why
            self.report(
                tr("{0}: could not save ({1}); the file on disk is unchanged").format(
                    self.project.path.name, getattr(exc, "strerror", None) or exc
                )
            )
            return False
        self._saved()
        self.report(tr("Saved {0}").format(self.project.path))
        return True

    def _saved(self) -> None:
        discard_recovery(self.project.path, self.recovery_folder)
        self.set_dirty(False)
        self._remember(self.project.path)

    def save_as(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Save project as"), str(self.project.base_dir), tr("EcoViewer projects (*.toml)")
        )
        if not path:
            return False
        if not path.lower().endswith(".toml"):
            path += ".toml"
        return self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        """Save the project as ``path`` (Save as…, without the dialog); False with one line
        in Messages when it cannot be written."""
        self.store_view()
        try:
            save_project(self.project, path)
        except Exception as exc:
            self.report(
                tr("{0}: could not save ({1})").format(Path(path).name, getattr(exc, "strerror", None) or exc)
            )
            return False
        self._saved()
        self.report(tr("Saved {0}").format(path))
        return True

    def _adopt(self, spec: LayerSpec, table: FeatureTable, quiet: bool = False) -> None:
        """Take a read layer in: check its style, count it, report its problems (``quiet``:
        a restyle — said once already)."""
        if getattr(table, "kind", "") == "raster":  # its style was checked on reading
            self.tables[spec.id] = table
            self.model.swatches[spec.id] = [colour for _, colour in legend_entries(table)]
            for problem in table.problems:  # (the style's, when it did not fit, among them)
                self.report(f"{spec.path}: {problem}")
            return
        style, problem = style_or_default(spec, list(table.fields))
        if problem and not quiet:  # the file's style is kept as written (saved unchanged)
            self.report(problem)
        self.tables[spec.id] = table
        self.model.counts[spec.id] = len(table)
        legend = style.legend("polygon", self.lang)
        if legend:
            self.model.swatches[spec.id] = legend[0].color
        for problem in [] if quiet else table.problems:
            self.report(f"{spec.path}: {problem}")

    def add_layer_files(self, paths: list[str]) -> int:
        """Add every (sub-)layer of each file to the map without reloading the page, as one
        undo step. Each gets a first style from its data (categorized, graduated or single:
        ``symbology.first_style``); the first layers of a new project propose its measure CRS
        (the CGCS2000 Gauss-Kruger zone they lie in), said in Messages."""
        return self.edit(tr("Add layers"), lambda: self._add_layer_files(paths)) or 0

    def _add_layer_files(self, paths: list[str]) -> int:
        fresh = not self.project.layers and self.project.path is None
        added = 0
        for path in paths:
            if is_basemap_path(path):  # an MBTiles, a PMTiles, a folder of z/x/y tiles
                added += self.add_basemap_file(path)
                continue
            try:
                names = list_layers(path)
            except LayerError as exc:
                self.report(str(exc))
                continue
            for name in names:
                stem = re.sub(r"\W+", "_", Path(path).stem if len(names) == 1 else name).strip("_")
                raster = reader_for(path).name == "raster"
                spec = LayerSpec(
                    id=stem or "layer",
                    path=str(Path(path).resolve()),
                    title=Path(path).stem if len(names) == 1 else name,
                    layer=name if len(names) > 1 else None,
                    group="Context",
                    base_dir=self.project.base_dir,
                )
                try:
                    table = read_spec(spec)
                except LayerError as exc:
                    self.report(str(exc))
                    continue
                if not raster:
                    spec.style = self._first_style(table)
                self.project.add_layer(spec)
                self.session.add_table(spec.id, table)
                self.map.fit_layer(spec.id)
                added += 1
        if fresh and added:
            self.propose_measure_crs()
        self.model.refresh()
        return added

    def propose_measure_crs(self) -> None:
        """A new project measures in the Gauss-Kruger zone its layers lie in (said, and
        changed in File → Project properties…)."""
        boxes = [t.bounds for t in self.tables.values() if getattr(t, "bounds", None)]
        if not boxes:
            return
        bounds = [
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        ]
        code = measure_crs_for(bounds)
        self.project.measure_crs = code
        self._to_metric = transformer(LONLAT, parse_crs(code))
        self._metric_label = crs_label(parse_crs(code))
        self.report(tr("Measure CRS: {0} — {1}, from where the layers lie").format(code, self._metric_label))

    def database_spec(self, uri: str, layer: str | None = None, sql: str | None = None) -> LayerSpec:
        """The project entry of a PostGIS table, view or query (not added yet)."""
        name = (layer or "query").split(".")[-1]
        return LayerSpec(
            id=re.sub(r"\W+", "_", name).strip("_") or "layer",
            path=uri.strip(),
            title=name,
            layer=layer,
            sql=sql,
            group="Context",
            base_dir=self.project.base_dir,
        )

    def _first_style(self, table) -> dict:
        """A new layer's style from its data (``symbology.first_style``); a single colour,
        the palette's next, when it has nothing to classify by or odd cells."""
        try:
            style = first_style(table.fields, table.shape)
        except Exception:  # odd cells: a single colour rather than no layer
            log.exception("first style of %s", table.path)
            style = {"kind": "single"}
        if style["kind"] == "single":
            style["color"] = PALETTE[len(self.project.layers) % len(PALETTE)]
        return style

    def add_read_layer(self, spec: LayerSpec, table) -> None:
        """A layer already read, into the project as one undo step with a first style."""
        spec.style = self._first_style(table)

        def change() -> None:
            self.project.add_layer(spec)
            self.session.add_table(spec.id, table)

        self.edit(tr("Add layers"), change)
        self.map.fit_layer(spec.id)
        self.model.refresh()

    def add_database_dialog(self):
        """File → Add PostGIS layer…: the dialog, shown (returned for tests)."""
        from .database_dialog import DatabaseDialog

        dialog = DatabaseDialog(self)
        dialog.show()
        return dialog

    def add_basemap_file(self, path: str) -> int:
        """Add a basemap to the project and show it (1), or say in one line why not (0)."""
        stem = re.sub(r"\W+", "_", Path(path).stem).strip("_") or "basemap"
        spec = BasemapSpec(
            id=stem, path=str(Path(path).resolve()), title=Path(path).stem, base_dir=self.project.base_dir
        )
        try:
            base = opened(spec)
        except BasemapError as exc:
            self.report(str(exc))
            return 0
        self.edit(tr("Add basemap {0}").format(spec.id), lambda: self.project.add_basemap(spec))
        self.map.set_basemaps(self.project, self.lang)
        self._fill_basemaps()
        for problem in base.problems:
            self.report(f"{spec.path}: {problem}")
        return 1

    # -- actions -----------------------------------------------------------------------------
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Open project"),
            str(self.project.base_dir),
            tr("EcoViewer projects (*.toml)") + ";;" + LAYER_FILTER,
        )
        if path:
            self.open_project(path)

    def add_layer_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, tr("Add layer"), str(self.project.base_dir), LAYER_FILTER
        )
        if paths:
            self.add_layer_files(paths)

    def add_basemap_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Add basemap"), str(self.project.base_dir), BASEMAP_FILTER
        )
        if path:
            self.add_basemap_file(path)

    # -- drag and drop -----------------------------------------------------------------------
    def dragEnterEvent(self, event):
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event):
        paths = [u.toLocalFile() for u in event.mimeData().urls()]
        projects = [p for p in paths if p.lower().endswith(".toml")]
        if projects:
            self.open_project(projects[0])
        layers = [p for p in paths if not p.lower().endswith(".toml")]
        if layers:
            QTimer.singleShot(0, lambda: self.add_layer_files(layers))
        event.acceptProposedAction()
