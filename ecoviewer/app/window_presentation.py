"""Scenes and presentation mode (F5): the scenes dock, stepping scenes, the full-screen strip and its keys.

A part of the main window (mixed into ``MainWindow``; ``self`` is the window)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
)

from .actions import PRESENTATION_KEYS
from .i18n import tr
from .window_common import (
    _EnterKey,
    _key_sequence,
)


class PresentationMixin:
    def _build_strip(self) -> QLabel:
        """The strip over the map in presentation mode: the scene's title and its targets."""
        self.strip = QLabel()
        self.strip.setTextFormat(Qt.TextFormat.PlainText)
        self.strip.setStyleSheet("background: #1d2b36; color: white; padding: 6px 14px;font-size: 17px;")
        # a long line of targets wraps: its one-line width must not widen the window past
        # the screen (on a 1600-px display the strip asked for 1,981 px in full screen)
        self.strip.setWordWrap(True)
        self.strip.setMinimumWidth(1)
        self.strip.hide()
        return self.strip

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

        def change() -> None:
            self.project.capture_theme(title)
            mark = self.add_bookmark(title)
            self.project.add_scene(title, theme=title, bookmark=mark["name"] if mark else None)

        self.edit(tr("New scene {0}").format(title), change)

    def _move(self, step: int) -> None:
        row = self.scene_list.currentRow()
        if 0 <= row < len(self.project.scenes) and 0 <= row + step < len(self.project.scenes):
            self.edit(tr("Move scene"), lambda: self.project.move_scene(row, row + step))
            self.scene_list.setCurrentRow(row + step)

    def _delete_scene(self) -> None:
        row = self.scene_list.currentRow()
        if 0 <= row < len(self.project.scenes):
            self.edit(tr("Delete scene"), lambda: self.project.delete_scene(row))

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
