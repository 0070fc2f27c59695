"""Themes, bookmarks and compare: applying and editing themes, the compare swipe and its dialog, bookmarks.

A part of the main window (mixed into ``MainWindow``; ``self`` is the window)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QInputDialog,
)

from ..targets import evaluate_targets
from .compare_dialog import CompareDialog
from .i18n import tr
from .window_common import (
    menu_text,
)


class ThemesMixin:
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
        for r in sides[1]:  # the plan side's series said once (the left's were, when evaluated)
            if r.series_error and r.id in targets_shown:
                self.report(r.series_error)
        for diff in self.session.start_compare(left, right, *sides, targets_shown):
            for side, r in zip(rows, (by_id[0][diff.target_id], by_id[1][diff.target_id])):
                p = target_payload(r, self.lang)
                row = {k: p[k] for k in ("title", "value", "status", "status_text")}
                chart = p["chart"]  # its projection, from this side's own series
                if chart and chart["projection_text"]:
                    row["trend"] = chart["trend"]
                    row["trend_text"] = f"{chart['arrow']} {chart['projection_text']} · {chart['trend_text']}"
                side.append(row)
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
            self.edit(
                tr("New theme {0}").format(name.strip()), lambda: self.project.capture_theme(name.strip())
            )

    def _update_theme(self) -> None:
        name = self._pick(tr("Update theme"), [t["name"] for t in self.project.themes])
        if name:
            self.edit(tr("Update theme {0}").format(name), lambda: self.project.capture_theme(name))

    def _rename_theme(self) -> None:
        name = self._pick(tr("Rename theme"), [t["name"] for t in self.project.themes])
        if not name:
            return
        new, ok = QInputDialog.getText(self, tr("Rename theme"), tr("New name"), text=name)
        if ok and new.strip() and new.strip() != name:
            try:
                self.edit(
                    tr("Rename theme {0}").format(name), lambda: self.project.rename_theme(name, new.strip())
                )
            except ValueError as exc:
                self.report(str(exc))

    def _delete_theme(self) -> None:
        name = self._pick(tr("Delete theme"), [t["name"] for t in self.project.themes])
        if name:
            self.edit(tr("Delete theme {0}").format(name), lambda: self.project.delete_theme(name))

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
        return self.edit(tr("Bookmark {0}").format(name), lambda: self.project.add_bookmark(name, bounds))

    def _new_bookmark(self) -> None:
        name, ok = QInputDialog.getText(self, tr("New bookmark"), tr("Name"))
        if ok and name.strip():
            self.add_bookmark(name.strip())

    def _delete_bookmark(self) -> None:
        name = self._pick(tr("Delete bookmark"), [b["name"] for b in self.project.bookmarks])
        if name:
            self.edit(tr("Delete bookmark {0}").format(name), lambda: self.project.delete_bookmark(name))
