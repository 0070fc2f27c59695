"""The main window: map in the middle, layer tree and messages in docks, cursor position in
the status bar. It wires the Qt-free project to the map page; it holds no layer state."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QDateTime, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
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

from .. import goto
from ..crs import crs_label, parse_crs, transformer
from ..identify import identify
from ..measure import format_area, format_length, path_length, polygon_area
from ..project import (
    FORMAT_VERSION,
    LayerSpec,
    Project,
    ProjectError,
    load_project,
    localized,
    save_project,
    view_bounds,
)
from ..recovery import (
    default_folder,
    discard_recovery,
    find_recovery,
    load_recovery,
    write_recovery,
)
from ..render.map_view import MapView
from ..session import Session
from ..sources import LONLAT, FeatureTable, LayerError, list_layers, read_spec, to_text
from ..styles import PALETTE, style_or_default
from ..targets import TargetResult, evaluate_targets
from ..web.page import add_layer_js, layer_payload
from .actions import ACTIONS, MENUS, PANEL_KEYS, PRESENTATION_KEYS, SUBMENU, expanded_keys
from .attribute_table import AttributeTable
from .compare_dialog import CompareDialog
from .export_dialog import ExportDialog
from .i18n import LANGUAGES, install_language, preferred_language, tr
from .layer_model import LayerTreeModel
from .loader import ProjectLoader
from .notes import NoteDialog
from .plaintext import make_plain, question
from .problems_zh import localize as localize_problem
from .targets_panel import TargetsView, TargetTableModel, status_text

LAYER_FILTER = "Vector layers (*.geojson *.json *.gpkg *.shp *.zip *.fgb *.kml *.csv);;All files (*)"


def plain_text(label: str) -> str:
    """A menu text without its mnemonic: "&Export…" and "导出(&E)…" → "Export…", "导出…"."""
    return re.sub(r"\(&\w\)", "", label).replace("&", "")


AUTOSAVE_MS = 15_000
MAX_RECENT = 8


#: bumped when the docks change, so an old saved layout is not applied to new docks
LAYOUT_VERSION = 1


def recent_projects(settings) -> list[str]:
    """The recent-projects list as QSettings gives it back: a one-item list returns as a
    plain string (it was walked letter by letter), anything else malformed is dropped."""
    value = settings.value("recent")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return []
    return [v for v in value if isinstance(v, str) and v]


def menu_text(text: str) -> str:
    """A name from data as a menu item's text: "&" shown, not taken as a shortcut mark."""
    return str(text).replace("&", "&&")


class MainWindow(QMainWindow):
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

    def _build_scenes_dock(self) -> None:
        dock = self._dock("Scenes", "scenes", Qt.DockWidgetArea.LeftDockWidgetArea)
        panel, box = self._panel()
        self.scene_list = QListWidget()
        # one click (or Enter) applies a scene, as a planner expects of a list of views
        self.scene_list.itemClicked.connect(lambda item: self.go_to_scene(self.scene_list.row(item)))
        # Enter applies the current scene (itemActivated would also fire on a double-click,
        # after itemClicked: the scene twice)
        self._scene_keys = _EnterKey(lambda: self.go_to_scene(self.scene_list.currentRow()), self.scene_list)
        self.scene_list.installEventFilter(self._scene_keys)
        box.addWidget(self.scene_list)
        row = QHBoxLayout()
        for text, slot in (
            ("Add current", self._add_scene),
            ("Up", lambda: self._move(-1)),
            ("Down", lambda: self._move(1)),
            ("Delete", self._delete_scene),
        ):
            button = QPushButton()
            self._text(button.setText, text)
            button.clicked.connect(slot)
            row.addWidget(button)
        box.addLayout(row)
        dock.setWidget(panel)
        self.scenes_dock = dock

    def _fill_scenes(self) -> None:
        self.scene_list.clear()
        for i, scene in enumerate(self.project.scenes):
            self.scene_list.addItem(f"{i + 1}. {scene['title']}")

    def _add_scene(self) -> None:
        title, ok = QInputDialog.getText(self, tr("New scene"), tr("Title"))
        if not (ok and title.strip()):
            return
        title = title.strip()
        self.project.capture_theme(title)
        mark = self.add_bookmark(title)
        self.project.add_scene(title, theme=title, bookmark=mark["name"] if mark else None)

    def _move(self, step: int) -> None:
        row = self.scene_list.currentRow()
        if 0 <= row < len(self.project.scenes) and 0 <= row + step < len(self.project.scenes):
            self.project.move_scene(row, row + step)
            self.scene_list.setCurrentRow(row + step)

    def _delete_scene(self) -> None:
        row = self.scene_list.currentRow()
        if 0 <= row < len(self.project.scenes):
            self.project.delete_scene(row)

    def go_to_scene(self, index: int) -> None:
        """Apply a scene's theme and bookmark; in presentation mode the strip follows."""
        if not 0 <= index < len(self.project.scenes):
            return
        scene = self.project.scenes[index]
        self.scene_index = index
        with self.map.batch():  # one script, one redraw
            if scene.get("theme"):
                self.project.apply_theme(scene["theme"])
                self.current_theme = scene["theme"]
            if scene.get("bookmark"):
                self.go_to_bookmark(scene["bookmark"])
        self.scene_list.setCurrentRow(index)
        self.strip.setText(self.scene_strip(index))

    def _forget_scene(self) -> None:
        """A theme or a comparison chosen by hand: no scene is what the map shows now."""
        self.scene_list.clearSelection()
        self.scene_list.setCurrentRow(-1)
        if not self.presenting:
            self.scene_index = -1

    def scene_strip(self, index: int) -> str:
        """Scene n/N · title · the status of the targets it shows."""
        return self.session.scene_strip(index, self.lang)

    def step_scene(self, step: int) -> None:
        if self.project.scenes:
            self.go_to_scene(max(0, min(len(self.project.scenes) - 1, self.scene_index + step)))

    def toggle_layer_number(self, number: int) -> None:
        """Keys 1–9: the layers in the order the layer panel lists them."""
        ids = self.model.ordered_ids()
        if 1 <= number <= len(ids):
            spec = self.project.layer(ids[number - 1])
            self.project.set_visible(spec.id, not spec.visible)

    def enter_presentation(self) -> None:
        if self.presenting:
            return
        self.presenting = True
        self._saved_state = self.saveState()
        self._geometry_before = self.geometry()
        self._state_before = self.windowState()
        state = self.view_state
        self._view_before = (
            (state["center"], state["zoom"])
            if isinstance(state.get("center"), list) and isinstance(state.get("zoom"), (int, float))
            else None
        )
        for dock in self.findChildren(QDockWidget):
            dock.hide()
        self.goto_bar.hide()
        self.menuBar().hide()
        self.statusBar().hide()
        self.strip.show()
        # keys go to the window, not to the web page (which would take digits and arrows)
        self._map_focus = self.map.focusPolicy()
        self.map.setEnabled(False)
        self.map.call("setCanvasPadding", 0)  # no dragging: draw just the screen
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.showFullScreen()
        # without a window manager honouring the full-screen state (a bare X server, some
        # kiosk set-ups) the window would stay as it was: ask for the screen's size too
        self.setGeometry(self.screen().geometry())
        self.setFocus()
        # the page refits the scene when the new size arrives (asynchronously on a real X
        # server), so the scene is framed for the full screen, not for the old window
        self.go_to_scene(max(0, self.scene_index))

    def leave_presentation(self) -> None:
        if not self.presenting:
            return
        self.presenting = False
        self.map.setEnabled(True)
        self.map.call("setCanvasPadding", 0.1)  # a margin drawn ahead for dragging
        self.strip.hide()
        self.menuBar().show()
        self.statusBar().show()
        self.showNormal()
        # without a window manager the full-screen geometry we asked for would stay
        self.setGeometry(self._geometry_before)
        if self._state_before & Qt.WindowState.WindowMaximized:
            self.showMaximized()
        self.restoreState(self._saved_state)
        if getattr(self, "_view_before", None):  # the view from before F5, at the window's size
            (lon, lat), zoom = self._view_before
            self.map.call("holdView", float(lat), float(lon), float(zoom))
            self._view_before = None

    def _presentation_key(self, key: int) -> bool:
        """Keys of presentation mode: PageDown/PageUp/arrows/Space step scenes, 1–9 toggle
        layers, Esc leaves. Handled before any widget (the web view would eat digits)."""
        nxt, prev, layers, leave = (
            {_key_sequence(name)[0].key() for name in names} for names, _, _ in PRESENTATION_KEYS
        )
        if key in nxt:
            self.step_scene(1)
        elif key in prev:
            self.step_scene(-1)
        elif key in layers:
            self.toggle_layer_number(key - Qt.Key.Key_0)
        elif key in leave:
            self.leave_presentation()
        else:
            return False
        return True

    def keyPressEvent(self, event) -> None:
        if self.presenting and not event.isAutoRepeat() and self._presentation_key(event.key()):
            return
        super().keyPressEvent(event)

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

    # -- themes and bookmarks ----------------------------------------------------------------
    def move_divider(self, step: float) -> None:
        """From wherever the divider is (it may have been dragged) by ``step`` of the map."""
        if self.comparing:
            self.map.call("moveDivider", float(step))

    def apply_theme_index(self, index: int) -> None:
        if 0 <= index < len(self.project.themes):
            self.apply_theme(self.project.themes[index]["name"])

    def apply_theme(self, name: str) -> None:
        with self.map.batch():
            self.project.apply_theme(name)
        self.current_theme = name
        self._forget_scene()
        self.statusBar().showMessage(tr("Theme: {0}").format(name), 4000)

    def fill_themes_menu(self) -> None:
        menu = self.themes_menu
        menu.clear()
        for i, theme in enumerate(self.project.themes):
            # the key is shown, not registered: the window's own Ctrl+Alt+1…9 actions apply
            # themes; a second action with the same key made Qt treat it as ambiguous
            # (neither fired) once this menu was built
            hint = f"\tCtrl+Alt+{i + 1}" if i < 9 else ""
            menu.addAction(menu_text(theme["name"]) + hint, lambda n=theme["name"]: self.apply_theme(n))
        if self.project.themes:
            menu.addSeparator()
        menu.addAction(tr("Save current state as theme…"), self._new_theme)
        if len(self.project.themes) > 1:
            menu.addAction(tr("Compare two themes…"), self._compare_dialog)
        if self.comparing:
            menu.addAction(tr("End compare"), self.end_compare)
        if self.project.themes:
            menu.addAction(tr("Update theme from current state…"), self._update_theme)
            menu.addAction(tr("Rename theme…"), self._rename_theme)
            menu.addAction(tr("Delete theme…"), self._delete_theme)

    def compare_themes(self, left: str, right: str, fraction: float = 0.5) -> None:
        """Left of the divider the project shows ``left``; right of it, ``right``. Targets
        are evaluated for each side (a plan theme reads its plan layers); those whose value
        or status differs are listed under each side's label."""
        from ..web.page import target_payload

        self.project.apply_theme(left)
        self._forget_scene()
        theme = self.project.theme(right)
        shown = self.project.theme_layers(right)
        ids = [s.id for s in self.project.layers if s.id in shown]
        sides = [
            evaluate_targets(self.project, self.tables, substitute=self.project.substitute_for(name))
            for name in (left, right)
        ]
        targets_shown = set(self.project.theme(left).get("targets", [])) | set(theme.get("targets", []))
        rows: list[list[dict]] = [[], []]
        by_id = [{r.id: r for r in side} for side in sides]
        for diff in self.session.start_compare(left, right, *sides, targets_shown):
            for side, r in zip(rows, (by_id[0][diff.target_id], by_id[1][diff.target_id])):
                p = target_payload(r, self.lang)
                side.append({k: p[k] for k in ("title", "value", "status", "status_text")})
        # the right side's callouts from the right side's evaluation, shown as its theme says
        right_targets = []
        for r in sides[1]:
            if r.anchor is None:
                continue
            payload = target_payload(r, self.lang, self.tables)
            if "targets" in theme:
                payload["visible"] = r.id in theme["targets"]
            right_targets.append(payload)
        self.map.call("compare", ids, left, right, float(fraction), rows[0], rows[1], right_targets)
        # frame what differs between the sides (the layers one side shows and the other
        # does not, a plan layer and the layer it replaces): a zoom where both sides look
        # the same shows nothing
        left_shown = self.project.theme_layers(left)
        differ = (
            (left_shown ^ shown)
            | set(self.project.substitute_for(right).values())
            | set(self.project.substitute_for(right))
        )
        boxes = [self.tables[lid].bounds for lid in differ if lid in self.tables]
        boxes = [b for b in boxes if b]
        if boxes:
            self.map.fit_bounds(
                [
                    min(b[0] for b in boxes),
                    min(b[1] for b in boxes),
                    max(b[2] for b in boxes),
                    max(b[3] for b in boxes),
                ]
            )

    def end_compare(self) -> None:
        if self.session.end_compare():
            self.map.call("endCompare")

    def compare_dialog(self) -> CompareDialog:
        names = [t["name"] for t in self.project.themes]
        plans = {t["name"] for t in self.project.themes if t.get("data")}
        return CompareDialog(names, plans, getattr(self, "current_theme", None), self)

    def _compare_dialog(self) -> None:
        dialog = self.compare_dialog()
        if dialog.exec():
            self.compare_themes(*dialog.sides())

    def _pick(self, title: str, names: list[str]) -> str | None:
        name, ok = QInputDialog.getItem(self, title, tr("Name"), names, 0, False)
        return name if ok else None

    def _new_theme(self) -> None:
        name, ok = QInputDialog.getText(self, tr("New theme"), tr("Name"))
        if ok and name.strip():
            self.project.capture_theme(name.strip())

    def _update_theme(self) -> None:
        name = self._pick(tr("Update theme"), [t["name"] for t in self.project.themes])
        if name:
            self.project.capture_theme(name)

    def _rename_theme(self) -> None:
        name = self._pick(tr("Rename theme"), [t["name"] for t in self.project.themes])
        if not name:
            return
        new, ok = QInputDialog.getText(self, tr("Rename theme"), tr("New name"), text=name)
        if ok and new.strip() and new.strip() != name:
            try:
                self.project.rename_theme(name, new.strip())
            except ValueError as exc:
                self.report(str(exc))

    def _delete_theme(self) -> None:
        name = self._pick(tr("Delete theme"), [t["name"] for t in self.project.themes])
        if name:
            self.project.delete_theme(name)

    def fill_bookmarks_menu(self) -> None:
        menu = self.bookmarks_menu
        menu.clear()
        for mark in self.project.bookmarks:
            menu.addAction(menu_text(mark["name"]), lambda n=mark["name"]: self.go_to_bookmark(n))
        if self.project.bookmarks:
            menu.addSeparator()
        menu.addAction(tr("Add bookmark for this view…"), self._new_bookmark)
        if self.project.bookmarks:
            menu.addAction(tr("Delete bookmark…"), self._delete_bookmark)

    def go_to_bookmark(self, name: str) -> None:
        self.map.fit_bounds(self.project.bookmark(name)["bounds"])

    def add_bookmark(self, name: str) -> dict | None:
        bounds = self.view_state.get("bounds")
        if not bounds:
            return None
        return self.project.add_bookmark(name, bounds)

    def _new_bookmark(self) -> None:
        name, ok = QInputDialog.getText(self, tr("New bookmark"), tr("Name"))
        if ok and name.strip():
            self.add_bookmark(name.strip())

    def _delete_bookmark(self) -> None:
        name = self._pick(tr("Delete bookmark"), [b["name"] for b in self.project.bookmarks])
        if name:
            self.project.delete_bookmark(name)

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

    def coordinates_text(self, lon: float, lat: float, metric: bool = False) -> str:
        """What "Copy coordinates" puts on the clipboard: lon, lat in degrees, or x, y in
        metres in the project's metric CRS."""
        if metric and self._to_metric is not None:
            x, y = self._to_metric.transform(lon, lat)
            return f"{x:.2f}, {y:.2f}"
        return f"{lon:.6f}, {lat:.6f}"

    def map_menu(self, lon: float, lat: float, where=None) -> QMenu:
        """The map's right-click menu (the web engine's own — Back, Reload — never shows)."""
        if self.map_context is not None:
            self.map_context.close()
            self.map_context.deleteLater()
        menu = QMenu(self)
        menu.addAction(tr("Identify here"), lambda: self.identify_at(lon, lat))
        menu.addSeparator()
        copy = QApplication.clipboard()
        menu.addAction(
            tr("Copy coordinates (lon, lat)"), lambda: copy.setText(self.coordinates_text(lon, lat))
        )
        if self._to_metric is not None:
            menu.addAction(
                menu_text(tr("Copy coordinates ({0})").format(self._metric_label)),
                lambda: copy.setText(self.coordinates_text(lon, lat, metric=True)),
            )
        menu.addSeparator()
        menu.addAction(tr("Add a note here…"), lambda: self.add_note_at(lon, lat))
        menu.addAction(tr("Centre the map here"), lambda: self.map.call("panTo", lon, lat))
        self.map_context = menu
        if where is not None:
            menu.popup(where)
        return menu

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

    def _adopt(self, spec: LayerSpec, table: FeatureTable) -> None:
        """Take a read layer in: check its style, count it, report its problems."""
        style, problem = style_or_default(spec, list(table.fields))
        if problem:  # the file's style is kept as written (saved unchanged)
            self.report(problem)
        self.tables[spec.id] = table
        self.model.counts[spec.id] = len(table)
        legend = style.legend("polygon", self.lang)
        if legend:
            self.model.swatches[spec.id] = legend[0].color
        for problem in table.problems:
            self.report(f"{spec.path}: {problem}")

    def add_layer_files(self, paths: list[str]) -> int:
        """Add every (sub-)layer of each file to the map without reloading the page."""
        added = 0
        for path in paths:
            try:
                names = list_layers(path)
            except LayerError as exc:
                self.report(str(exc))
                continue
            for name in names:
                stem = re.sub(r"\W+", "_", Path(path).stem if len(names) == 1 else name).strip("_")
                color = PALETTE[len(self.project.layers) % len(PALETTE)]
                spec = LayerSpec(
                    id=stem or "layer",
                    path=str(Path(path).resolve()),
                    title=Path(path).stem if len(names) == 1 else name,
                    layer=name if len(names) > 1 else None,
                    group="Context",
                    style={"kind": "single", "color": color, "fill_opacity": 0.4},
                    base_dir=self.project.base_dir,
                )
                try:
                    table = read_spec(spec)
                except LayerError as exc:
                    self.report(str(exc))
                    continue
                self.project.add_layer(spec)
                self.session.add_table(spec.id, table)
                self.map.fit_layer(spec.id)
                added += 1
        self.model.refresh()
        return added

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

    # -- go to, scale, copy position ----------------------------------------------------------
    def _build_scale_box(self) -> None:
        """An editable 1:N box in the status bar: shows the map's scale (at its centre, on a
        96-dpi screen) and takes one typed or picked."""
        self.scale_box = QComboBox()
        self.scale_box.setEditable(True)
        self.scale_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.scale_box.setMinimumContentsLength(9)
        for n in (1000, 2000, 5000, 10000, 25000, 50000, 100000, 250000):
            self.scale_box.addItem(f"1:{n:,}")
        self.scale_box.setCurrentIndex(-1)
        self.scale_box.lineEdit().returnPressed.connect(lambda: self.set_scale(self.scale_box.currentText()))
        self.scale_box.activated.connect(lambda i: self.set_scale(self.scale_box.itemText(i)))
        self.statusBar().addPermanentWidget(self.scale_box)

    def set_scale(self, text: str) -> bool:
        scale = goto.parse_scale(text)
        centre = self.view_state.get("center")
        if scale is None or not (isinstance(centre, list) and len(centre) == 2):
            self.statusBar().showMessage(tr("Type a scale like 1:5000"), 5000)
            return False
        zoom = max(0.0, min(22.0, goto.zoom_for_scale(scale, centre[1])))
        self.map.call("setView", float(centre[1]), float(centre[0]), float(zoom))
        return True

    def _show_scale(self) -> None:
        centre, zoom = self.view_state.get("center"), self.view_state.get("zoom")
        if isinstance(centre, list) and len(centre) == 2 and isinstance(zoom, (int, float)):
            if not self.scale_box.lineEdit().hasFocus():
                self.scale_box.setEditText(f"1:{round(goto.scale_of(zoom, centre[1])):,}")

    def _build_goto_bar(self) -> None:
        """Go to: coordinates (lon/lat or the metric CRS) or a name from the project's own
        layers, with the matching names offered while typing."""
        from PySide6.QtCore import QStringListModel
        from PySide6.QtWidgets import QCompleter, QLineEdit, QToolBar

        bar = QToolBar(self)
        bar.setObjectName("goto")
        self._text(bar.setWindowTitle, "Go to")
        self.goto_box = QLineEdit()
        self._text(self.goto_box.setPlaceholderText, "Go to: lon, lat · x, y in the project's CRS · a name")
        self.goto_box.setClearButtonEnabled(True)
        self.goto_box.setMaximumWidth(420)
        self._goto_names = QStringListModel(self)
        completer = QCompleter(self._goto_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self.go_to)
        self.goto_box.setCompleter(completer)
        self.goto_box.textEdited.connect(self._offer_names)
        self.goto_box.returnPressed.connect(lambda: self.go_to(self.goto_box.text()))
        bar.addWidget(self.goto_box)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.goto_bar = bar
        self._goto_places: dict[str, goto.Place] = {}

    def _offer_names(self, text: str) -> None:
        places = (
            goto.search(self.project, self.tables, text, limit=30)
            if len(text) >= 1 and goto.parse_coordinates(text) is None
            else []
        )
        self._goto_places = {}
        for place in places:
            title = self.project.layer(place.layer_id).display_title(self.lang)
            self._goto_places.setdefault(f"{place.text} — {title}", place)
        self._goto_names.setStringList(list(self._goto_places))

    def go_to(self, text: str) -> str | None:
        """Centre the map on typed coordinates, or show and select the feature of a name.
        Returns what was found (for the status bar), None when nothing was."""
        text = (text or "").strip()
        to_lonlat = None
        if self._to_metric is not None:
            to_lonlat = transformer(parse_crs(self.project.measure_crs), LONLAT)
        where = goto.parse_coordinates(text, to_lonlat)
        if where is not None:
            lon, lat = where
            zoom = max(float(self.view_state.get("zoom") or 0), 16.0)
            self.map.call("setView", lat, lon, zoom)
            found = f"{lon:.6f}°E  {lat:.6f}°N"
        else:
            place = self._goto_places.get(text)
            if place is None:
                places = goto.search(self.project, self.tables, text, limit=1)
                place = places[0] if places else None
            if place is None:
                self.statusBar().showMessage(tr("Nothing called {0} in this project").format(text), 6000)
                return None
            self.project.set_visible(place.layer_id, True)
            self.map.select_rows(place.layer_id, [place.row], self.tables[place.layer_id], zoom=True)
            found = f"{place.text} — {self.project.layer(place.layer_id).display_title(self.lang)}"
        self.statusBar().showMessage(tr("Went to {0}").format(found), 6000)
        return found

    def _focus_goto(self) -> None:
        self.goto_bar.show()
        self.goto_box.setFocus()
        self.goto_box.selectAll()

    def copy_cursor_position(self) -> str:
        """Edit → Copy cursor position: where the pointer last was on the map (lon, lat)."""
        if self.cursor_lonlat is None:
            return ""
        text = self.coordinates_text(*self.cursor_lonlat)
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage(tr("Copied {0}").format(text), 4000)
        return text

    # -- undo --------------------------------------------------------------------------------
    def remove_layer(self, layer_id: str) -> None:
        """Remove a layer (Edit → Undo brings it back, with its table, place and plan themes)."""
        self.end_compare()
        self.undo_stack.push(_RemoveLayer(self, layer_id))
        self._goto_places = {}

    def _restore_layer(self, index: int, spec: LayerSpec, table, pairs: list) -> None:
        """Undo a removal: the layer at its place, its table (read again if it had not been
        read), and its plan pairs in the themes that still exist (edits made to themes
        since are kept)."""
        self.end_compare()
        self.project.insert_layer(index, spec)
        for theme, back in pairs:
            if any(t is theme for t in self.project.themes):  # (deleted meanwhile: not)
                theme["data"] = {**theme.get("data", {}), **back}
        self.project._check_substitute()
        if table is None:
            try:
                table = read_spec(spec)
            except LayerError as exc:
                self.model.errors[spec.id] = str(exc)
                self.report(str(exc))
        if table is not None:
            self._adopt(spec, table)
        self.model.refresh()
        # the page in the project's order again (a removed layer returns at its place)
        self.session.set_results(evaluate_targets(self.project, self.tables) if self.tables else [])
        self.map.show_project(self.project, self.tables, lang=self.lang, targets=self.results, legend="auto")

    def show_position(self, lon: float, lat: float) -> None:
        self.cursor_lonlat = (lon, lat)
        text = f"{lon:.6f}°E  {lat:.6f}°N"
        if self._to_metric is not None:
            x, y = self._to_metric.transform(lon, lat)
            text += f"   |   {self._metric_label}  E {x:,.1f}  N {y:,.1f} m"
        self.position.setText(text)

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


class _RemoveLayer(QUndoCommand):
    """Removing a layer, undoable: its spec, table, place in the list and the plan themes
    that named it come back."""

    def __init__(self, window: MainWindow, layer_id: str):
        spec = window.project.layer(layer_id)
        super().__init__(menu_text(tr("Remove layer {0}").format(spec.display_title(window.lang))))
        self.window = window
        self.spec = spec
        self.index = window.project.layers.index(spec)
        self.table = window.tables.get(layer_id)
        # the plan-theme pairs that name it (removing the layer drops them), by theme — the
        # theme itself, not its name: a theme renamed meanwhile still gets them back
        self.pairs = [
            (t, {k: v for k, v in t.get("data", {}).items() if layer_id in (k, v)})
            for t in window.project.themes
        ]
        self.pairs = [(t, pairs) for t, pairs in self.pairs if pairs]

    def redo(self) -> None:
        self.window.project.remove_layer(self.spec.id)
        self.window.model.refresh()

    def undo(self) -> None:
        self.window._restore_layer(self.index, self.spec, self.table, self.pairs)


class _EnterKey(QObject):
    """Calls ``action`` when Return or Enter is pressed in the watched widget."""

    def __init__(self, action, parent=None):
        super().__init__(parent)
        self.action = action

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.action()
            return True
        return False


def _key_sequence(keys: str) -> QKeySequence:
    """A key sequence of the action table: "Ctrl+E", or "std:Open" for a standard key."""
    if keys.startswith("std:"):
        return QKeySequence(getattr(QKeySequence.StandardKey, keys[4:]))
    return QKeySequence(keys)
