"""The main window: map in the middle, layer tree and messages in docks, cursor position in
the status bar. It wires the session (Qt-free) to the map page and the panels; it holds no
layer state. Its jobs are split by part: window_document.py (open, save, recovery),
window_presentation.py (scenes, F5), window_themes.py (themes, compare, bookmarks),
window_navigation.py (go to, scale, the map menu, undo); window_common.py holds what they
share; actions.py is the table of actions and keys."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSlider,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..crs import crs_label, parse_crs, transformer
from ..identify import identify
from ..measure import format_area, format_length, path_length, polygon_area
from ..project import (
    LayerSpec,
    Project,
    localized,
)
from ..recovery import (
    default_folder,
)
from ..render.map_view import MapView
from ..session import Session
from ..sources import LONLAT, FeatureTable, to_text
from ..targets import TargetResult, evaluate_targets
from ..web.page import add_layer_js, layer_payload
from .actions import ACTIONS, MENUS, PANEL_KEYS, PRESENTATION_KEYS, SUBMENU, expanded_keys
from .attribute_table import AttributeTable
from .export_dialog import ExportDialog
from .i18n import LANGUAGES, install_language, preferred_language, tr
from .layer_model import LayerTreeModel
from .loader import ProjectLoader
from .notes import NoteDialog
from .plaintext import make_plain
from .problems_zh import localize as localize_problem
from .targets_panel import TargetsView, TargetTableModel, status_text
from .window_common import (  # noqa: F401 (also the window's public helpers)
    AUTOSAVE_MS,
    LAYER_FILTER,
    LAYOUT_VERSION,
    MAX_RECENT,
    _EnterKey,
    _key_sequence,
    _RemoveLayer,
    menu_text,
    plain_text,
    recent_projects,
)
from .window_document import DocumentMixin
from .window_navigation import NavigationMixin
from .window_presentation import PresentationMixin
from .window_themes import ThemesMixin


class MainWindow(PresentationMixin, DocumentMixin, ThemesMixin, NavigationMixin, QMainWindow):
    loading_finished = Signal(int)  # 1 completed, 0 cancelled

    def __init__(self, project: Project | None = None, lang: str | None = None):
        super().__init__()
        self.lang = install_language(lang or preferred_language())
        self._texts: list[tuple] = []  # (setter, English text): redone on a language switch
        self.undo_stack = QUndoStack(self)
        self._window_keys_made = False  # the table's keys without a menu entry (made once)
        # the state of the open project lives in the (Qt-free) session; the window shows it
        self.session = Session(project or Project())
        self.loader: ProjectLoader | None = None
        self.attribute_tables: list = []  # open attribute-table windows (kept alive)
        self.export_window: ExportDialog | None = None  # the open File → Export… dialog
        self.setWindowTitle("EcoViewer")
        self.resize(1400, 900)
        self.setAcceptDrops(True)

        self.map = MapView(self)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.strip = QLabel()  # presentation mode: scene title and its targets
        self.strip.setTextFormat(Qt.TextFormat.PlainText)
        self.strip.setStyleSheet("background: #1d2b36; color: white; padding: 6px 14px;font-size: 17px;")
        # a long line of targets wraps: its one-line width must not widen the window past
        # the screen (on a 1600-px display the strip asked for 1,981 px in full screen)
        self.strip.setWordWrap(True)
        self.strip.setMinimumWidth(1)
        self.strip.hide()
        column.addWidget(self.strip)
        column.addWidget(self.map, 1)
        self.setCentralWidget(central)
        self.presenting = False
        self.scene_index = -1
        self.map.mouse_moved.connect(self.show_position)
        self.map.blocker.blocked.connect(self._blocked)
        self.map.load_failed.connect(self.report)
        self.map.target_clicked.connect(self._target_clicked)
        self.map.note_clicked.connect(self._note_clicked)
        self.map.clicked.connect(self.map_clicked)
        self.map.context_requested.connect(self.map_menu)
        self.map_context: QMenu | None = None

        self.model = LayerTreeModel(self.project, self.lang, self)
        self.target_model = TargetTableModel(self.project, self.lang, self)
        self._build_layer_dock()
        self._build_targets_dock()
        self._build_scenes_dock()
        self._build_identify_dock()
        self._build_message_dock()
        self.zoom = 13.0
        self.current_theme: str | None = None  # the theme last applied (compare's default)
        self._view_at_open: dict | None = None  # the first view after a project opened
        self.measure_kind: str | None = None
        self.measure_points: list[tuple[float, float]] = []
        self.map.view_changed.connect(self.session.set_view)
        self.session.layer_loaded.connect(self._layer_loaded)
        self.session.layer_failed.connect(self._layer_failed)
        self.session.targets_evaluated.connect(self._targets_evaluated)
        self.session.view_changed.connect(self._view_changed)
        self._build_menus()
        self.position = QLabel("")
        self.measure_label = QLabel("")
        make_plain(self.position, self.measure_label)
        self.statusBar().addPermanentWidget(self.measure_label)
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
        self.statusBar().addPermanentWidget(self.position)
        self._build_scale_box()
        self._build_goto_bar()
        self.cursor_lonlat: tuple[float, float] | None = None
        self._to_metric = None
        self.project.subscribe(self._on_project_change)
        self.dirty = False
        self.recovery_folder = default_folder()
        self.autosave = QTimer(self)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.write_recovery)
        self.autosave.start()
        self.restore_layout()
        # a live (empty) map from the start: a failed open or layers dropped on an empty
        # window used to meet a page that was never loaded, and nothing ever drew
        self.set_project(self.project)

    # -- the window as the user left it --------------------------------------------------------
    # -- the session's state, as the window's (adapters read it here) ------------------------
    @property
    def project(self) -> Project:
        return self.session.project

    @property
    def tables(self) -> dict[str, FeatureTable]:
        return self.session.tables

    @property
    def results(self) -> list[TargetResult]:
        return self.session.results

    @property
    def evaluated_at(self) -> datetime.datetime | None:
        return self.session.evaluated_at

    @property
    def view_state(self) -> dict:
        return self.session.view

    @property
    def comparing(self) -> tuple[str, str] | None:
        return self.session.comparing

    @property
    def compare_differences(self) -> list[tuple]:
        """(target id, left value, left status, right value, right status) per difference."""
        return [d.as_tuple() for d in self.session.differences]

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

    # -- building the window -----------------------------------------------------------------
    def _dock(self, title: str, name: str, area) -> QDockWidget:
        """A dock with a translated title; its content is set by the caller."""
        dock = QDockWidget(self)
        self._text(dock.setWindowTitle, title)
        dock.setObjectName(name)
        self.addDockWidget(area, dock)
        return dock

    @staticmethod
    def _panel() -> tuple[QWidget, QVBoxLayout]:
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(4, 4, 4, 4)
        return panel, box

    def _build_layer_dock(self) -> None:
        dock = self._dock("Layers", "layers", Qt.DockWidgetArea.LeftDockWidgetArea)
        panel, box = self._panel()
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        self.tree.doubleClicked.connect(lambda idx: self.zoom_to_layer())
        self.model.modelReset.connect(self.tree.expandAll)
        self.model.modelReset.connect(self._sync_opacity)
        self.tree.expandAll()
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._sync_opacity())
        box.addWidget(self.tree)
        row = QHBoxLayout()
        opacity_label = QLabel()
        self._text(opacity_label.setText, "Opacity")
        row.addWidget(opacity_label)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(100)
        self.opacity.setEnabled(False)
        self.opacity.valueChanged.connect(self._opacity_changed)
        row.addWidget(self.opacity)
        box.addLayout(row)
        row = QHBoxLayout()
        zoom = QPushButton()
        self._text(zoom.setText, "Zoom to layer")
        zoom.clicked.connect(self.zoom_to_layer)
        props = QPushButton()
        self._text(props.setText, "Properties…")
        props.clicked.connect(self.show_properties)
        row.addWidget(zoom)
        row.addWidget(props)
        box.addLayout(row)
        dock.setWidget(panel)
        self.layer_dock = dock

    def _build_targets_dock(self) -> None:
        dock = self._dock("Planning targets", "targets", Qt.DockWidgetArea.RightDockWidgetArea)
        self.targets_view = TargetsView(self.target_model)
        self.targets_view.target_selected.connect(self.select_target)
        dock.setWidget(self.targets_view)
        self.resizeDocks([dock], [420], Qt.Orientation.Horizontal)
        self.targets_dock = dock

    def _build_identify_dock(self) -> None:
        dock = self._dock("Identify", "identify", Qt.DockWidgetArea.RightDockWidgetArea)
        self.identify_tree = QTreeWidget()
        self.identify_tree.setColumnCount(2)
        self._text(lambda *t: self.identify_tree.setHeaderLabels(list(t)), "Feature / field", "Value")
        self.identify_tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        dock.setWidget(self.identify_tree)
        self.identify_dock = dock

    def _view_changed(self, state: dict) -> None:
        if self._view_at_open is None and state.get("bounds"):
            self._view_at_open = state  # the view the project opened with
        if isinstance(state.get("zoom"), (int, float)):
            self.zoom = float(state["zoom"])
        self._show_scale()

    def identify_at(self, lon: float, lat: float) -> list:
        """List every feature under the click on the visible layers (attribute values are
        plain text in the panel, never HTML)."""
        visible = [s.id for s in self.project.layers if s.visible and s.id in self.tables]
        hits = identify(self.tables, visible, lon, lat, self.zoom)
        self.identify_tree.clear()
        for hit in hits:
            spec = self.project.layer(hit.layer_id)
            label_field = (spec.style or {}).get("label") or next(
                (k for k, v in hit.attributes.items() if isinstance(v, str) and v), None
            )
            label = to_text(hit.attributes.get(label_field)) if label_field else ""
            top = QTreeWidgetItem([spec.display_title(self.lang), label or f"#{hit.row + 1}"])
            for key, value in hit.attributes.items():
                top.addChild(QTreeWidgetItem([key, to_text(value)]))
            self.identify_tree.addTopLevelItem(top)
        if hits:
            self.identify_tree.topLevelItem(0).setExpanded(True)
            self.identify_dock.show()
            self.identify_dock.raise_()
        self.statusBar().showMessage(tr("{0} features here").format(len(hits)), 5000)
        return hits

    def _build_message_dock(self) -> None:
        dock = self._dock("Messages", "messages", Qt.DockWidgetArea.BottomDockWidgetArea)
        self.messages = QListWidget()
        self.messages.setWordWrap(True)
        dock.setWidget(self.messages)
        self.resizeDocks([dock], [90], Qt.Orientation.Vertical)
        self.message_dock = dock

    def _build_menus(self) -> None:
        """The menu bar and the window's own keys, from the action table (app/actions.py)."""
        bar = self.menuBar()
        menus = {}
        for key, text in MENUS:
            menus[key] = bar.addMenu(tr(text))
        self.themes_menu = menus["themes"]
        self.themes_menu.aboutToShow.connect(self.fill_themes_menu)
        self.bookmarks_menu = menus["bookmarks"]
        self.bookmarks_menu.aboutToShow.connect(self.fill_bookmarks_menu)
        for spec in ACTIONS:
            # a menu's actions belong to it (a language switch rebuilds the menus and drops
            # them); keys without a menu entry belong to the window and are made once
            owner = menus[spec.menu] if spec.menu else self
            if spec.menu is None and self._window_keys_made:
                continue
            if spec.separator_before:
                owner.addSeparator()
            if spec.handler == SUBMENU:
                self._submenu(spec, owner)
                continue
            for i, keys in enumerate(expanded_keys(spec) or [None]):
                action = QAction(tr(spec.text) if spec.menu else "", owner)  # (our text: & is a mnemonic)
                if keys is not None:
                    action.setShortcut(_key_sequence(keys))
                action.setCheckable(spec.checkable)
                if spec.handler:
                    slot = getattr(self, spec.handler)
                    args = (i,) if spec.repeat else spec.args
                    if spec.checkable:
                        action.triggered.connect(lambda on, f=slot, a=args: f(*a, on))
                    else:
                        action.triggered.connect(lambda _=False, f=slot, a=args: f(*a))
                owner.addAction(action)
                if spec.attr:
                    setattr(self, spec.attr, action)
        self._window_keys_made = True

    def _submenu(self, spec, menu: QMenu) -> None:
        """The entries of the table that are not single actions, where they stand."""
        if spec.id == "recent":
            self.recent_menu = menu.addMenu(tr(spec.text))
            self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        elif spec.id in ("undo", "redo"):
            make = self.undo_stack.createUndoAction if spec.id == "undo" else self.undo_stack.createRedoAction
            action = make(menu, tr(spec.text))
            action.setShortcut(_key_sequence(spec.keys))
            menu.addAction(action)
        elif spec.id == "docks":
            for dock in (
                self.layer_dock,
                self.targets_dock,
                self.scenes_dock,
                self.identify_dock,
                self.message_dock,
            ):
                menu.addAction(dock.toggleViewAction())
        elif spec.id == "language":
            language = menu.addMenu(tr(spec.text))
            for code, name in LANGUAGES.items():
                action = language.addAction(name, lambda c=code: self.set_language(c))
                action.setCheckable(True)
                action.setChecked(code == self.lang)

    def fit_all(self) -> None:
        self.map.fit_all()

    def _text(self, setter, *texts: str) -> None:
        """Set a translated text now and again after every language switch."""
        self._texts.append((setter, texts))
        setter(*(tr(t) for t in texts))

    def set_language(self, lang: str) -> None:
        """Switch the UI language at once: menus, panels, layer and target titles, the map."""
        self.lang = install_language(lang)
        QSettings().setValue("language", self.lang)
        for setter, texts in self._texts:
            setter(*(tr(t) for t in texts))
        old = [a.menu() for a in self.menuBar().actions() if a.menu() is not None]
        self.menuBar().clear()
        for menu in old:  # the old menus' actions go too, else their shortcuts stay live twice
            for action in menu.findChildren(QAction):
                action.setShortcut(QKeySequence())
            menu.deleteLater()
        self._build_menus()
        self.model.lang = self.lang
        self.model.refresh()
        self.target_model.lang = self.lang
        self.target_model.set_results(self.project, self.results)
        if self.tables:
            self.map.show_project(
                self.project, self.tables, lang=self.lang, targets=self.results, legend="auto"
            )

    # -- messages ----------------------------------------------------------------------------
    def report(self, message: str) -> None:
        """One line in the messages panel and the status bar (never a traceback)."""
        line = str(message).splitlines()[0] if str(message) else ""
        line = localize_problem(line, self.lang)  # the core says problems in English
        self.messages.addItem(QListWidgetItem(line))
        self.messages.scrollToBottom()
        self.statusBar().showMessage(line, 8000)

    def _blocked(self, url: str) -> None:
        self.report(tr("Blocked a network request: {0}").format(url))

    def set_project(self, project: Project) -> None:
        self.project.unsubscribe(self._on_project_change)
        self.session.open(project)
        project.subscribe(self._on_project_change)
        self.model.set_project(project)
        self.setWindowTitle(f"{project.name}[*] — EcoViewer")
        # nothing of the previous project stays on screen, or in Undo
        self.undo_stack.clear()
        self._goto_places = {}
        self._view_at_open = None
        self.identify_tree.clear()
        if hasattr(self, "measure_distance"):
            self._measure_mode(None, False)
        try:
            self._to_metric = transformer(LONLAT, parse_crs(project.measure_crs))
            self._metric_label = crs_label(parse_crs(project.measure_crs))
        except ValueError as exc:
            self.report(f"{project.path.name if project.path else 'project'}: measure_crs: {exc}")
            self._to_metric = None
        self.model.refresh()
        self.target_model.set_results(project, [])
        self._fill_scenes()
        self.scene_index = -1
        # the page comes up at once, empty; layers join it as the loader reads them
        self.map.show_project(project, {}, lang=self.lang, targets=[], legend="auto")
        self._start_loader(project)

    def _start_loader(self, project: Project) -> None:
        if self.loader is not None:
            for name in ("progress", "loaded", "failed", "evaluated", "finished"):
                getattr(self.loader, name).disconnect()
            self.loader.cancel()
        self.loader = ProjectLoader(project, self)
        self.loader.progress.connect(self._load_progress)
        self.loader.loaded.connect(self.session.add_table)
        self.loader.failed.connect(self.session.fail_layer)
        self.loader.evaluated.connect(self.session.set_results)
        self.loader.finished.connect(self._load_finished)
        self.progress_bar.setRange(0, max(1, len(project.layers)))
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self.cancel_button.show()
        self.loader.start()

    def _load_progress(self, done: int, total: int, layer_id: str) -> None:
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

    def _layer_failed(self, layer_id: str, message: str) -> None:
        self.model.errors[layer_id] = message
        self.report(message)
        self.model.refresh()

    def _targets_evaluated(self, results: list, _when=None) -> None:
        for r in results:
            if r.error:
                self.report(r.error)
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
        self.loading_finished.emit(int(completed))

    def cancel_loading(self) -> None:
        if self.loader is not None and self.loader.running:
            self.loader.cancel()

    def wait_loaded(self, timeout_ms: int = 120000) -> bool:
        """Run the event loop until the project has loaded (for tests and benchmarks)."""
        from PySide6.QtCore import QEventLoop

        if self.loader is None or not self.loader.running:
            return True
        loop = QEventLoop()
        self.loading_finished.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        self.loading_finished.disconnect(loop.quit)
        return not self.loader.running

    def _on_project_change(self, what: str, item) -> None:
        if not self.dirty:
            self.set_dirty(True)
        if what == "visible":
            self.map.set_visible(item.id, item.visible)
        elif what == "opacity":
            self.map.set_opacity(item.id, item.opacity)
        elif what == "removed":
            self.map.remove_layer(item.id)
            self.session.drop_layer(item.id)
        elif what == "target_visible":
            self.map.set_target_visible(item["id"], item.get("visible", True))
            self.target_model.target_changed(item["id"])
        elif what in ("note_added", "note_changed"):
            self.map.set_note(item)
        elif what == "note_removed":
            self.map.remove_note(item["id"])
        elif what == "scenes":
            self._fill_scenes()
        elif what == "substitute" and self.tables:
            # a plan theme (or leaving one): its targets read other layers — evaluate again
            self.session.set_results(evaluate_targets(self.project, self.tables))

    # -- targets and notes -------------------------------------------------------------------
    def select_target(self, target_id: str) -> None:
        """Show the target's responsible features (turning their layers on) and zoom to them."""
        result = next((r for r in self.results if r.id == target_id), None)
        if result is None:
            return
        for layer_id in self.measured_layers(result):
            self.project.set_visible(layer_id, True)
        try:
            self.project.set_target_visible(target_id, True)
        except KeyError:
            pass
        self.map.highlight(target_id)
        t = result.target
        self.statusBar().showMessage(
            f"{t.display_title(self.lang)}: {result.value_with_unit()} "
            f"({result.target_text()}) — {status_text(result.status)}",
            8000,
        )

    def measured_layers(self, result: TargetResult) -> list[str]:
        """Every layer a target reads: the one it measures and the ones it is measured
        against (``within``, ``of``, ``population_layer``), as the shown theme substitutes
        them, plus the layers of its responsible features."""
        t = result.target
        substitute = self.project.substitute
        ids = [
            substitute.get(lid, lid) for lid in (t.layer, t.within, t.of, t.population_layer) if lid
        ] + list(result.responsible)
        return [lid for lid in dict.fromkeys(ids) if lid in self.tables]

    def _target_clicked(self, target_id: str) -> None:
        """A callout clicked on the map: its row in the targets panel, its features shown."""
        self.targets_view.select_target(target_id)
        self.select_target(target_id)

    def _note_clicked(self, note_id: str) -> None:
        """A note pin clicked on the map: edit it — after the page's call has returned (a
        modal dialog inside the web channel's dispatch would hold the page's messages)."""
        QTimer.singleShot(0, self, lambda: self.edit_note(note_id))

    def clear_target(self) -> None:
        if self.presenting:
            self.leave_presentation()
            return
        self.targets_view.clearSelection()
        self.map.highlight(None)
        self._measure_mode(None, False)
        self.end_compare()

    # -- measuring ---------------------------------------------------------------------------
    def _measure_mode(self, kind: str | None, on: bool) -> None:
        self.measure_kind = kind if on else None
        self.measure_points: list[tuple[float, float]] = []
        self.measure_distance.setChecked(self.measure_kind == "distance")
        self.measure_area.setChecked(self.measure_kind == "area")
        self.map.call("setMeasure", [], False)
        self.measure_label.setText("")  # Esc ends a measurement: its result goes too
        if not self.measure_kind:
            self.statusBar().clearMessage()
        if self.measure_kind:
            self.note_action.setChecked(False)
            self.statusBar().showMessage(tr("Click points on the map; Esc ends"), 5000)

    def measure_click(self, lon: float, lat: float) -> str:
        """Add a vertex; returns (and shows) the running geodesic length or area."""
        self.measure_points.append((lon, lat))
        closed = self.measure_kind == "area"
        if closed:
            text = tr("Area: {0} (perimeter {1})").format(
                format_area(polygon_area(self.measure_points)),
                format_length(
                    path_length(self.measure_points + self.measure_points[:1])
                    if len(self.measure_points) > 2
                    else 0.0
                ),
            )
        else:
            text = tr("Distance: {0}").format(format_length(path_length(self.measure_points)))
        self.measure_label.setText(text)
        self.statusBar().showMessage(text)
        self.map.call("setMeasure", [list(p) for p in self.measure_points], closed, text)
        return text

    # -- help --------------------------------------------------------------------------------
    def shortcuts(self) -> list[tuple[str, str]]:
        """Every keyboard shortcut, for Help → Keyboard shortcuts: the action table's rows
        (as the keys read on this system), the presentation keys and the panel keys."""
        rows = []
        for spec in ACTIONS:
            if not spec.keys:
                continue
            keys = (
                spec.keys
                if spec.repeat
                else _key_sequence(spec.keys).toString(QKeySequence.SequenceFormat.NativeText)
            )
            rows.append((keys, plain_text(tr(spec.text))))
        for _names, shown, text in PRESENTATION_KEYS:
            rows.append((shown, tr(text)))
        for shown, text in PANEL_KEYS:
            rows.append((tr(shown), tr(text)))
        # one row per thing done: its keys together ("Ctrl+Alt+Left / Ctrl+Alt+Right")
        grouped: dict[str, list[str]] = {}
        for keys, text in rows:
            if keys not in grouped.setdefault(text, []):
                grouped[text].append(keys)
        return [(" / ".join(keys), text) for text, keys in grouped.items()]

    def show_shortcuts(self) -> None:
        text = "\n".join(f"{key:>16}   {what}" for key, what in self.shortcuts())
        box = QMessageBox(self)
        box.setWindowTitle(tr("Keyboard shortcuts"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.open()
        self._shortcuts_box = box

    def map_clicked(self, lon: float, lat: float) -> None:
        if self.measure_kind:
            self.measure_click(lon, lat)
            return
        if not self.note_action.isChecked():
            self.identify_at(lon, lat)
            return
        self.note_action.setChecked(False)
        self.add_note_at(lon, lat)

    def add_note_at(self, lon: float, lat: float) -> None:
        dialog = NoteDialog(self, title=tr("New note"))
        if dialog.exec() and dialog.text().strip():
            self.project.add_note(lon, lat, dialog.text(), dialog.color())

    def edit_note(self, note_id: str) -> None:
        try:
            note = self.project.note(note_id)
        except KeyError:
            return
        dialog = NoteDialog(
            self, title=tr("Edit note"), text=note["text"], color=note.get("color", "#e6550d"), deletable=True
        )
        if not dialog.exec():
            return
        if dialog.deleted:
            self.project.remove_note(note_id)
        else:
            self.project.update_note(note_id, text=dialog.text(), color=dialog.color())

    def export_dialog(self, all_scenes: bool = False) -> ExportDialog:
        """File → Export…: the export dialog with a preview of the page; ``all_scenes`` goes
        straight on to the folder for every scene (File → Export all scenes…)."""
        if self.export_window is not None:
            if self.export_window.busy:  # still drawing: bring it back rather than pull it away
                self.export_window.show()
                self.export_window.raise_()
                return self.export_window
            self.export_window.deleteLater()
        dialog = self.export_window = ExportDialog.for_window(self)
        dialog.open()
        if all_scenes:
            QTimer.singleShot(0, dialog, dialog.choose_folder)
        return dialog

    def current_layer(self) -> LayerSpec | None:
        return self.model.layer_at(self.tree.currentIndex())

    def zoom_to_layer(self) -> None:
        spec = self.current_layer()
        if spec is not None:
            self.map.fit_layer(spec.id)

    def _sync_opacity(self) -> None:
        spec = self.current_layer()
        self.opacity.setEnabled(spec is not None)
        # no layer chosen: disabled, at full opacity (it read 0, as if layers were hidden)
        self.opacity.blockSignals(True)
        self.opacity.setValue(round(spec.opacity * 100) if spec is not None else 100)
        self.opacity.blockSignals(False)

    def _opacity_changed(self, value: int) -> None:
        spec = self.current_layer()
        if spec is not None:
            self.project.set_opacity(spec.id, value / 100.0)

    def _tree_menu(self, pos) -> None:
        index = self.tree.indexAt(pos)
        spec = self.model.layer_at(index)
        if spec is None:
            return
        self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(tr("Zoom to layer"), self.zoom_to_layer)
        menu.addAction(tr("Properties…"), self.show_properties)
        menu.addAction(tr("Attribute table"), lambda: self.open_attribute_table(spec.id))
        menu.addSeparator()
        menu.addAction(tr("Remove layer"), lambda: self.remove_layer(spec.id))
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def layer_properties(self, spec: LayerSpec) -> list[tuple[str, str]]:
        table = self.tables.get(spec.id)
        rows = [
            (tr("Title"), f"{localized(spec.title, 'zh')} / {localized(spec.title, 'en')}"),
            (tr("Source"), str(spec.source) + (f" [{spec.layer}]" if spec.layer else "")),
        ]
        if table is None:
            rows.append(
                (tr("Error"), localize_problem(self.model.errors.get(spec.id, tr("not loaded")), self.lang))
            )
            return rows
        bounds = table.bounds
        rows += [
            (tr("Format"), table.driver or ""),
            (tr("CRS"), (table.crs_label or "") + (tr(" (assumed)") if table.crs_assumed else "")),
            (tr("Encoding"), f"{table.encoding or '—'} ({table.encoding_how})"),
            (tr("Features"), f"{len(table):,}"),
            (tr("Geometry"), ", ".join(table.geometry_types) or "—"),
            (tr("Extent"), ", ".join(f"{v:.5f}" for v in bounds) if bounds else "—"),
            (tr("Fields"), ", ".join(table.fields) or "—"),
            (tr("Problems"), "\n".join(localize_problem(p, self.lang) for p in table.problems) or tr("none")),
        ]
        return rows

    def open_attribute_table(self, layer_id: str | None = None):
        spec = self.project.layer(layer_id) if layer_id else self.current_layer()
        if spec is None or spec.id not in self.tables:
            return None
        dialog = AttributeTable(spec.id, spec.display_title(self.lang), self.tables[spec.id], self)
        dialog.rows_selected.connect(self._rows_selected)
        # docked under the map (beside Messages), not a window over the map where "Zoom to
        # selection" shows its result; it can be floated like any panel
        dialog.setWindowFlags(Qt.WindowType.Widget)
        dock = QDockWidget(dialog.windowTitle(), self)
        dock.setObjectName(f"attributes-{spec.id}")
        dock.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dock.setWidget(dialog)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.tabifyDockWidget(self.message_dock, dock)
        dock.show()
        dock.raise_()
        self.resizeDocks([dock], [260], Qt.Orientation.Vertical)
        dialog.dock = dock
        dialog.finished.connect(lambda *_: dock.close())  # its own Close/Esc close the panel
        dock.destroyed.connect(
            lambda *_: self.attribute_tables.remove(dialog) if dialog in self.attribute_tables else None
        )
        self.attribute_tables.append(dialog)
        return dialog

    def _rows_selected(self, layer_id: str, rows, zoom: int) -> None:
        if len(rows):
            self.project.set_visible(layer_id, True)
        self.map.select_rows(layer_id, rows, self.tables[layer_id], zoom)

    def show_properties(self) -> None:
        spec = self.current_layer()
        if spec is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(tr("Layer properties — {0}").format(spec.display_title(self.lang)))
        form = QFormLayout(dialog)
        for key, value in self.layer_properties(spec):
            if "\n" in value or len(value) > 80:
                text = QPlainTextEdit(value)
                text.setReadOnly(True)
                text.setMaximumHeight(90)
                form.addRow(key, text)
            else:
                label = QLabel(value)
                label.setTextFormat(Qt.TextFormat.PlainText)  # attribute text is never HTML
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                form.addRow(key, label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        dialog.open()
        self._properties_dialog = dialog

    def _about(self) -> None:
        QMessageBox.about(
            self,
            tr("About EcoViewer"),
            tr(
                "EcoViewer — offline planning viewer for the Sino-Singapore Tianjin Eco-City.\n"
                "Works with no network: every map asset is local."
            ),
        )
