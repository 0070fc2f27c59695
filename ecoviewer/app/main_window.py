"""The main window: map in the middle, panels in docks, cursor position in the status bar.
It wires the session (Qt-free, ``session.py``) to the map page and the panels and holds no
layer state of its own. Its jobs are parts mixed into it, one file each:

- window_loading.py — reading layers off the UI thread, progress and Cancel;
- window_layers.py — the Layers panel, Layer properties, attribute tables;
- map_tools.py — what a click on the map does (Identify, Measure, Add note), QGIS-style tools;
- window_targets.py — the Planning targets panel and a target's selection;
- window_presentation.py — scenes and F5; window_themes.py — themes, compare, bookmarks;
- window_document.py — open, save, recovery, recent files, the window's saved layout;
- window_navigation.py — go to, the scale box, the map's menu, undo of a removal;
- window_help.py — keyboard shortcuts and About;

window_common.py holds what they share; actions.py is the one table of actions and keys."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from ..crs import crs_label, parse_crs, transformer
from ..project import (
    Project,
)
from ..recovery import (
    default_folder,
)
from ..render.map_view import MapView
from ..session import Session
from ..sources import LONLAT, FeatureTable
from ..targets import TargetResult, evaluate_targets
from .actions import ACTIONS, MENUS, SUBMENU, expanded_keys
from .export_dialog import ExportDialog
from .i18n import LANGUAGES, install_language, preferred_language, tr
from .layer_model import LayerTreeModel
from .loader import ProjectLoader
from .map_tools import MapToolsMixin
from .plaintext import make_plain
from .problems_zh import localize as localize_problem
from .targets_panel import TargetTableModel
from .window_common import (  # noqa: F401 (also the window's public helpers)
    AUTOSAVE_MS,
    LAYER_FILTER,
    LAYOUT_VERSION,
    MAX_RECENT,
    _EnterKey,
    _key_sequence,
    menu_text,
    plain_text,
    recent_projects,
)
from .window_document import DocumentMixin
from .window_editing import EditingMixin
from .window_help import HelpMixin
from .window_layers import LayersMixin
from .window_loading import LoadingMixin
from .window_navigation import NavigationMixin
from .window_presentation import PresentationMixin
from .window_targets import TargetsMixin
from .window_themes import ThemesMixin


class MainWindow(
    EditingMixin,
    LoadingMixin,
    LayersMixin,
    MapToolsMixin,
    TargetsMixin,
    PresentationMixin,
    DocumentMixin,
    ThemesMixin,
    NavigationMixin,
    HelpMixin,
    QMainWindow,
):
    loading_finished = Signal(int)  # 1 completed, 0 cancelled

    def __init__(self, project: Project | None = None, lang: str | None = None):
        super().__init__()
        self.lang = install_language(lang or preferred_language())
        self._texts: list[tuple] = []  # (setter, English text): redone on a language switch
        self.undo_stack = QUndoStack(self)
        self._build_editing()
        self._window_keys_made = False  # the table's keys without a menu entry (made once)
        # the state of the open project lives in the (Qt-free) session; the window shows it
        self.session = Session(project or Project())
        self.loader: ProjectLoader | None = None
        self.attribute_tables: list = []  # open attribute-table windows (kept alive)
        self._overviews_offered: set[str] = set()  # rasters asked about building overviews
        self.export_window: ExportDialog | None = None  # the open File → Export… dialog
        self.setWindowTitle("EcoViewer")
        self.resize(1400, 900)
        self.setAcceptDrops(True)

        self.map = MapView(self)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_strip())
        column.addWidget(self.map, 1)
        self.setCentralWidget(central)
        self.presenting = False
        self.scene_index = -1
        self.map.mouse_moved.connect(self.show_position)
        self.map.blocker.blocked.connect(self._blocked)
        self.map.load_failed.connect(self.report)
        self.map.layer_problem.connect(self.layer_problem)
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
        self._build_style_dock()
        self._build_target_editor()
        self.zoom = 13.0
        self.current_theme: str | None = None  # the theme last applied (compare's default)
        self._view_at_open: dict | None = None  # the first view after a project opened
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
        self._build_progress()
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

    def _view_changed(self, state: dict) -> None:
        if self._view_at_open is None and state.get("bounds"):
            self._view_at_open = state  # the view the project opened with
        if isinstance(state.get("zoom"), (int, float)):
            self.zoom = float(state["zoom"])
        self._show_scale()

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
                self.style_dock,
                self.target_editor_dock,
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
        self._fill_basemaps()  # the picker's titles in the new language
        self.target_model.lang = self.lang
        self.target_model.set_results(self.project, self.results)
        if self.tables:
            self.map.show_project(
                self.project, self.tables, lang=self.lang, targets=self.results, legend="auto"
            )

    # -- messages ----------------------------------------------------------------------------
    def layer_problem(self, layer_id: str, message: str) -> None:
        """A streamed layer whose reads fail is greyed out in the list with one line; it
        comes back by itself once a tile is drawn again."""
        if message:
            self.model.errors[layer_id] = message
            self.report(message)
        elif self.model.errors.pop(layer_id, None) is not None:
            try:
                title = self.project.layer(layer_id).display_title(self.lang)
            except KeyError:
                title = layer_id
            self.report(tr("{0}: reading again").format(title))
        self.model.refresh()

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
        self._stash = {}
        if hasattr(self, "target_editor"):  # a new project: no target half-edited in the form
            self.target_editor.original, self.target_editor.base = None, {}
            self.target_editor.project_changed()
        self._goto_places = {}
        self._view_at_open = None
        self.identify_tree.clear()
        self.use_map_tool("identify")
        try:
            self._to_metric = transformer(LONLAT, parse_crs(project.measure_crs))
            self._metric_label = crs_label(parse_crs(project.measure_crs))
        except ValueError as exc:
            self.report(f"{project.path.name if project.path else 'project'}: measure_crs: {exc}")
            self._to_metric = None
        self.model.refresh()
        self.target_model.set_results(project, [])
        self._fill_scenes()
        self.open_basemaps()
        self.scene_index = -1
        # the page comes up at once, empty; layers join it as the loader reads them
        self.map.show_project(project, {}, lang=self.lang, targets=[], legend="auto")
        self._start_loader(project)

    def _on_project_change(self, what: str, item) -> None:
        if not self.tracked_change(what):  # an edit's step decides when it is pushed
            self._untracked = True
            if not self.dirty:
                self.set_dirty(True)
        if what == "visible":
            self.map.set_visible(item.id, item.visible)
        elif what == "opacity":
            self.map.set_opacity(item.id, item.opacity)
        elif what == "removed":  # its table is kept aside: undo brings it back unread
            self.map.remove_layer(item.id)
            self._stash[item.id] = self.session.drop_layer(item.id)
        elif what == "target_visible":
            self.map.set_target_visible(item["id"], item.get("visible", True))
            self.target_model.target_changed(item["id"])
        elif what in ("note_added", "note_changed"):
            self.map.set_note(item)
        elif what == "note_removed":
            self.map.remove_note(item["id"])
        elif what == "scenes":
            self._fill_scenes()
        elif what in ("basemap", "basemap_look"):
            self.basemap_changed(what, item)
        elif what == "substitute" and self.tables:
            # a plan theme (or leaving one): its targets read other layers — evaluate again
            self.session.set_results(evaluate_targets(self.project, self.tables))

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
