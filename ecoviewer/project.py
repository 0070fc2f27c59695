"""The project: what a planner opens — layers, their order, visibility and styles, the view.

A project is a TOML file with a format ``version``. This module is the single source of truth
for layer state; the Qt layer panel and the map page observe it (``Project.subscribe``) and
send edits back through ``set_visible`` / ``set_opacity``.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import validate
from .toml_edit import in_order

log = logging.getLogger("ecoviewer.project")


#: Format history — each older version opens through ``MIGRATIONS`` and is saved as the newest.
#: 1: session 1 (layers, view, targets, annotations, themes, bookmarks, scenes).
#: 2: a theme may put plan layers in place of others for target evaluation
#:    (``data = { shoreline = "shoreline_2025" }``): an EcoViewer that ignored it would show the
#:    existing values under a plan's name, so older readers must refuse such files.
FORMAT_VERSION = 2
GROUPS = ("Buildings", "Transit", "Water", "Green", "Context")
GROUP_TITLES = {
    "Buildings": {"zh": "建筑", "en": "Buildings"},
    "Transit": {"zh": "交通", "en": "Transit"},
    "Water": {"zh": "水系", "en": "Water"},
    "Green": {"zh": "绿地", "en": "Green"},
    "Context": {"zh": "背景", "en": "Context"},
}

_LAYER_KEYS = (
    "id",
    "title",
    "path",
    "layer",
    "crs",
    "encoding",
    "group",
    "visible",
    "opacity",
    "style",
    "allow_indirect",
    "sql",
)


class ProjectError(Exception):
    """A project file that cannot be used; the message is one line naming the file."""


def localized(text: str | dict | None, lang: str = "zh") -> str:
    """Pick the ``lang`` variant of a ``{zh, en}`` title (plain strings pass through)."""
    if text is None:
        return ""
    if isinstance(text, dict):
        other = "en" if lang == "zh" else "zh"
        return str(text.get(lang) or text.get(other) or next(iter(text.values()), ""))
    return str(text)


#: a layer's path that names a PostgreSQL database, not a file (a libpq URI or service)
DATABASE_PREFIXES = ("postgresql://", "postgres://", "service=")


def is_database(path: Any) -> bool:
    """Whether a layer's ``path`` names a database (``postgresql://…``, ``service=…``)."""
    return isinstance(path, str) and path.strip().startswith(DATABASE_PREFIXES)


class _FileEntry:
    """What a project entry that names a file has: the file (``path`` resolved against the
    project's folder) and a title in the reader's language."""

    @property
    def is_database(self) -> bool:
        return is_database(self.path)

    @property
    def location(self) -> str:
        """Where the data is, as a reader takes it: the database as written, else the file."""
        return self.path.strip() if self.is_database else str(self.source)

    @property
    def source(self) -> Path:
        p = Path(self.path).expanduser()
        return p if p.is_absolute() else (self.base_dir / p)

    def display_title(self, lang: str = "zh") -> str:
        return localized(self.title, lang) or self.id


@dataclass
class LayerSpec(_FileEntry):
    """One ``[[layers]]`` entry. ``path`` stays as written; ``source`` resolves it."""

    id: str
    path: str
    title: str | dict = ""
    layer: str | None = None
    crs: str | None = None
    encoding: str | None = None
    group: str = "Context"
    visible: bool = True
    opacity: float = 1.0
    style: dict = field(default_factory=dict)
    #: read a file that only points at other data (an OGR VRT and the like); off unless the
    #: project says so — such a file can make GDAL read other files or reach the network
    allow_indirect: bool = False
    #: a database layer's query (with a geometry column), instead of ``layer``
    sql: str | None = None
    extra: dict = field(default_factory=dict)
    base_dir: Path = field(default_factory=Path.cwd)

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"id": self.id, "title": self.title, "path": self.path}
        for key in ("layer", "sql", "crs", "encoding"):
            if getattr(self, key) is not None:
                d[key] = getattr(self, key)
        # defaults are left out (a file states only what differs; see toml_edit.DEFAULTS)
        if self.group != "Context":
            d["group"] = self.group
        if not self.visible:
            d["visible"] = False
        if round(float(self.opacity), 3) != 1.0:
            d["opacity"] = round(float(self.opacity), 3)
        if self.style:
            d["style"] = self.style
        if self.allow_indirect:
            d["allow_indirect"] = True
        d.update(self.extra)
        return d


@dataclass
class BasemapSpec(_FileEntry):
    """One ``[[basemaps]]`` entry: an MBTiles or PMTiles file, or a folder of z/x/y tiles.
    One basemap is shown at a time (``visible``); ``grey`` draws it in grey for printing."""

    id: str
    path: str
    title: str | dict = ""
    visible: bool = True
    opacity: float = 1.0
    grey: bool = False
    #: a tile folder's numbering: "xyz" or "tms" (None: from its metadata, else xyz)
    scheme: str | None = None
    extra: dict = field(default_factory=dict)
    base_dir: Path = field(default_factory=Path.cwd)

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"id": self.id, "title": self.title, "path": self.path}
        if not self.visible:
            d["visible"] = False
        if round(float(self.opacity), 3) != 1.0:
            d["opacity"] = round(float(self.opacity), 3)
        if self.grey:
            d["grey"] = True
        if self.scheme:
            d["scheme"] = self.scheme
        d.update(self.extra)
        return d


_BASEMAP_KEYS = ("id", "title", "path", "visible", "opacity", "grey", "scheme")

#: the tables of a project file a Project keeps as its own attributes (besides [project]);
#: any other top-level key is kept as it came (``extra``)
SECTIONS = ("view", "basemaps", "layers", "joins", "targets", "annotations", "themes", "bookmarks", "scenes")


@dataclass
class Project:
    name: str = "Untitled"
    measure_crs: str = "EPSG:4548"
    metadata: dict = field(default_factory=dict)
    view: dict = field(default_factory=dict)
    basemaps: list[BasemapSpec] = field(default_factory=list)
    layers: list[LayerSpec] = field(default_factory=list)
    #: tables joined to layers by a key ([[joins]]: layer, path, sheet, key, table_key)
    joins: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    annotations: list[dict] = field(default_factory=list)
    themes: list[dict] = field(default_factory=list)
    bookmarks: list[dict] = field(default_factory=list)
    scenes: list[dict] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    path: Path | None = None
    #: the format version the file was written in, when older than FORMAT_VERSION
    migrated_from: int | None = None
    #: the file's text as read or last saved: saving merges into it (comments, order and
    #: layout of what did not change are kept)
    source_text: str | None = field(default=None, repr=False, compare=False)
    _substitute: dict = field(default_factory=dict, repr=False)  # last one announced
    _quiet: int = field(default=0, repr=False)  # > 0 while a theme is being applied
    _listeners: list[Callable[[str, Any], None]] = field(default_factory=list, repr=False)

    # -- lookup ---------------------------------------------------------------------------
    def layer(self, layer_id: str) -> LayerSpec:
        for spec in self.layers:
            if spec.id == layer_id:
                return spec
        raise KeyError(layer_id)

    def basemap(self, basemap_id: str) -> BasemapSpec:
        for spec in self.basemaps:
            if spec.id == basemap_id:
                return spec
        raise KeyError(basemap_id)

    @property
    def shown_basemap(self) -> BasemapSpec | None:
        """The basemap on the map (the first visible one), or None."""
        return next((b for b in self.basemaps if b.visible), None)

    def add_basemap(self, spec: BasemapSpec) -> BasemapSpec:
        """Add a basemap (a unique id is made from its own) and show it."""
        base, n = spec.id or "basemap", 2
        while any(b.id == spec.id for b in self.basemaps):
            spec.id = f"{base}_{n}"
            n += 1
        self.basemaps.append(spec)
        self._emit("basemaps", spec)
        self.show_basemap(spec.id)
        return spec

    def show_basemap(self, basemap_id: str | None) -> None:
        """Show one basemap (None: none); the others are hidden."""
        if basemap_id is not None:
            self.basemap(basemap_id)  # KeyError for an unknown one
        before = self.shown_basemap
        for spec in self.basemaps:
            spec.visible = spec.id == basemap_id
        if self.shown_basemap is not before:
            self._emit("basemap", self.shown_basemap)

    def set_basemap_look(
        self, basemap_id: str, *, opacity: float | None = None, grey: bool | None = None
    ) -> None:
        spec = self.basemap(basemap_id)
        if opacity is not None:
            spec.opacity = max(0.0, min(1.0, float(opacity)))
        if grey is not None:
            spec.grey = bool(grey)
        self._emit("basemap_look", spec)

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    # -- observed edits -------------------------------------------------------------------
    def subscribe(self, listener: Callable[[str, Any], None]) -> None:
        """``listener(what, item)`` is called after every change. For layers ``what`` is
        ``"visible"``, ``"opacity"``, ``"added"`` or ``"removed"`` and ``item`` the
        ``LayerSpec``; for targets ``"target_visible"`` with the target's table; for notes
        ``"note_added"``, ``"note_changed"``, ``"note_removed"`` with the note's table."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[str, Any], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, what: str, item: Any) -> None:
        for listener in list(self._listeners):
            listener(what, item)

    def set_visible(self, layer_id: str, visible: bool) -> None:
        spec = self.layer(layer_id)
        if spec.visible != bool(visible):
            spec.visible = bool(visible)
            self._emit("visible", spec)
            self._check_substitute()

    @property
    def substitute(self) -> dict[str, str]:
        """Plan layers standing in for others in target evaluation: for each theme's
        ``data = { existing = "plan" }``, while the plan layer is shown and the existing one
        is not. Derived from what is visible, so the map, a saved file, the command line and
        an export always agree on which layer a target reads."""
        return self._substitute_for({s.id for s in self.layers if s.visible})

    def substitute_for(self, theme_name: str) -> dict[str, str]:
        """The plan layers targets read while theme ``theme_name`` is shown."""
        return self._substitute_for(self.theme_layers(theme_name))

    def theme_layers(self, theme_name: str) -> set[str]:
        """The layers theme ``theme_name`` shows: those it lists, unless listed with
        ``visible = false`` (a layer it does not list is hidden by it)."""
        states = self.theme(theme_name).get("layers", {})
        return {k for k, v in states.items() if not isinstance(v, dict) or v.get("visible", True)}

    def _substitute_for(self, visible: set[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for theme in self.themes:
            for old, new in (theme.get("data") or {}).items():
                if new in visible and old not in visible and old not in out:
                    out[old] = new
        return out

    def _check_substitute(self) -> None:
        if self._quiet:
            return
        now = self.substitute
        if now != self._substitute:
            self._substitute = now
            self._emit("substitute", now)

    def set_opacity(self, layer_id: str, opacity: float) -> None:
        spec = self.layer(layer_id)
        opacity = min(1.0, max(0.0, float(opacity)))
        if spec.opacity != opacity:
            spec.opacity = opacity
            self._emit("opacity", spec)

    def add_layer(self, spec: LayerSpec) -> LayerSpec:
        taken = {s.id for s in self.layers}
        base, n = spec.id, 2
        while spec.id in taken:
            spec.id = f"{base}_{n}"
            n += 1
        self.layers.append(spec)
        self._emit("added", spec)
        return spec

    def insert_layer(self, index: int, spec: LayerSpec) -> LayerSpec:
        """Put a layer back at ``index`` (undoing its removal); its id must be free."""
        if any(s.id == spec.id for s in self.layers):
            raise ValueError(f"layer id '{spec.id}' is taken")
        self.layers.insert(max(0, min(index, len(self.layers))), spec)
        self._emit("added", spec)
        return spec

    def remove_layer(self, layer_id: str) -> None:
        spec = self.layer(layer_id)
        self.layers.remove(spec)
        # its joins go with it (a join naming no layer would not load again)
        self.joins = [j for j in self.joins if not (isinstance(j, dict) and j.get("layer") == layer_id)]
        for theme in self.themes:  # a plan theme no longer names it (else the file won't load)
            data = theme.get("data")
            if data:
                theme["data"] = {k: v for k, v in data.items() if layer_id not in (k, v)}
                if not theme["data"]:
                    del theme["data"]
        self._emit("removed", spec)
        self._check_substitute()

    def detached(self) -> Project:
        """An independent copy without listeners (exports change it, never the original)."""
        twin = copy.copy(self)
        for name in ("metadata", *SECTIONS, "extra", "_substitute"):
            setattr(twin, name, copy.deepcopy(getattr(self, name)))
        twin._listeners = []
        twin._quiet = 0
        return twin

    def target(self, target_id: str) -> dict:
        for raw in self.targets:
            if isinstance(raw, dict) and raw.get("id") == target_id:
                return raw
        raise KeyError(target_id)

    def set_target_visible(self, target_id: str, visible: bool) -> None:
        raw = self.target(target_id)
        if raw.get("visible", True) != bool(visible):
            raw["visible"] = bool(visible)
            self._emit("target_visible", raw)

    # -- edits made in the window (styles, targets, joins, order) --------------------------
    def set_style(self, layer_id: str, style: dict) -> None:
        """Give a layer a new ``style`` table (the shape a project file holds)."""
        spec = self.layer(layer_id)
        if not same(spec.style, style):  # (the order of classes is the legend's: it counts)
            spec.style = copy.deepcopy(style)
            self._emit("style", spec)

    def move_layer(self, layer_id: str, index: int) -> None:
        """Put a layer at ``index`` in the drawing order (0: drawn first, at the bottom)."""
        spec = self.layer(layer_id)
        old = self.layers.index(spec)
        index = max(0, min(int(index), len(self.layers) - 1))
        if index != old:
            self.layers.insert(index, self.layers.pop(old))
            self._emit("order", spec)

    def put_target(self, raw: dict, replace: str | None = None) -> dict:
        """Add target ``raw``, or put it in the place of target ``replace`` (its id may change:
        themes that list the old id follow)."""
        raw = copy.deepcopy(raw)
        if replace is None:
            self.targets.append(raw)
        else:
            old = self.target(replace)
            self.targets[self.targets.index(old)] = raw
            if raw.get("id") != replace:
                for theme in self.themes:
                    theme["targets"] = [
                        raw.get("id") if t == replace else t for t in theme.get("targets", [])
                    ]
        self._emit("targets", raw)
        return raw

    def remove_target(self, target_id: str) -> None:
        raw = self.target(target_id)
        self.targets.remove(raw)
        for theme in self.themes:
            if target_id in theme.get("targets", []):
                theme["targets"] = [t for t in theme["targets"] if t != target_id]
        self._emit("targets", raw)

    def free_target_id(self, base: str) -> str:
        taken = {t.get("id") for t in self.targets if isinstance(t, dict)}
        out, n = base, 2
        while out in taken:
            out, n = f"{base}_{n}", n + 1
        return out

    def add_join(self, raw: dict) -> dict:
        problem = check_join(raw, len(self.joins))
        if problem:
            raise ValueError(problem)
        self.layer(raw["layer"])  # KeyError for an unknown layer
        raw = {k: raw[k] for k in ("layer", "path", "sheet", "key", "table_key") if raw.get(k) is not None}
        self.joins.append(raw)
        self._emit("joins", raw)
        return raw

    def remove_join(self, index: int) -> None:
        raw = self.joins.pop(index)
        self._emit("joins", raw)

    # -- undo: the project's editable state as a value ------------------------------------
    EDITABLE = ("name", "measure_crs", "metadata", "basemaps", "layers", "joins", "targets",
                "annotations", "themes", "bookmarks", "scenes")  # fmt: skip

    def state(self) -> dict:
        """A deep copy of everything an edit can change (Edit → Undo puts it back), and the
        folder its relative paths start from."""
        out = {key: copy.deepcopy(getattr(self, key)) for key in self.EDITABLE}
        out["folder"] = self.base_dir
        return out

    def restore(self, state: dict) -> set[str]:
        """Put an earlier ``state()`` back; announces ``"restored"`` with the changed keys.
        A state from before a Save As to another folder has its paths rebased to this one."""
        state = {key: copy.deepcopy(state[key]) for key in self.EDITABLE} | {"folder": state.get("folder")}
        if state["folder"] is not None and state["folder"] != self.base_dir:
            from .project_file import rebase_paths

            holder = Project(layers=state["layers"], basemaps=state["basemaps"], joins=state["joins"])
            rebase_paths(holder, state["folder"], self.base_dir)
        changed = {key for key in self.EDITABLE if not same(getattr(self, key), state[key])}
        for key in changed:
            setattr(self, key, state[key])
        if changed:
            self._emit("restored", changed)
            self._check_substitute()
        return changed

    # -- annotations (note pins) ----------------------------------------------------------
    def note(self, note_id: str) -> dict:
        for note in self.annotations:
            if note["id"] == note_id:
                return note
        raise KeyError(note_id)

    def add_note(self, lon: float, lat: float, text: str, color: str = "#e6550d") -> dict:
        taken = {n["id"] for n in self.annotations}
        n = len(self.annotations) + 1
        while f"note{n}" in taken:
            n += 1
        lon, lat = _on_earth(lon, lat)
        note = {
            "id": f"note{n}",
            "lon": lon,
            "lat": lat,
            "text": _note_text(text),
            "color": validate.color(color),
        }
        self.annotations.append(note)
        self._emit("note_added", note)
        return note

    def update_note(self, note_id: str, *, text: str | None = None, color: str | None = None) -> dict:
        note = self.note(note_id)
        if text is not None:
            note["text"] = _note_text(text)
        if color is not None:
            note["color"] = validate.color(color)
        self._emit("note_changed", note)
        return note

    def remove_note(self, note_id: str) -> None:
        note = self.note(note_id)
        self.annotations.remove(note)
        self._emit("note_removed", note)

    # -- map themes (named sets of visible layers, their opacity, the targets shown) --------
    def theme(self, name: str) -> dict:
        for theme in self.themes:
            if theme["name"] == name:
                return theme
        raise KeyError(name)

    def capture_theme(self, name: str) -> dict:
        """Store the current state as theme ``name`` (replacing one of that name)."""
        theme = {
            "name": name,
            "layers": {s.id: {"visible": s.visible, "opacity": round(s.opacity, 3)} for s in self.layers},
            "targets": [
                t["id"] for t in self.targets if isinstance(t, dict) and t.get("visible", True) and "id" in t
            ],
        }
        if self.basemaps:  # a theme remembers the basemap ("" for none)
            theme["basemap"] = self.shown_basemap.id if self.shown_basemap else ""
        for i, old in enumerate(self.themes):
            if old["name"] == name:
                if old.get("data"):
                    theme["data"] = dict(old["data"])  # updating a plan theme keeps its data
                self.themes[i] = theme
                break
        else:
            self.themes.append(theme)
        self._emit("themes", theme)
        self._check_substitute()
        return theme

    def apply_theme(self, name: str) -> None:
        """Show exactly the theme's layers (others hidden, as in QGIS) and targets."""
        theme = self.theme(name)
        states = theme.get("layers", {})
        self._quiet += 1
        try:
            self._apply_states(states, theme)
        finally:
            self._quiet -= 1
        self._check_substitute()  # once, for the theme as a whole

    def _apply_states(self, states: dict, theme: dict) -> None:
        shown = self.theme_layers(theme["name"])
        for spec in self.layers:
            state = states.get(spec.id)
            self.set_visible(spec.id, spec.id in shown)
            if isinstance(state, dict) and "opacity" in state:
                self.set_opacity(spec.id, float(state["opacity"]))
        if isinstance(theme.get("basemap"), str) and self.basemaps:
            wanted = theme["basemap"] or None
            if wanted is None or any(b.id == wanted for b in self.basemaps):
                self.show_basemap(wanted)
        if "targets" in theme:
            shown = set(theme["targets"])
            for raw in self.targets:
                if isinstance(raw, dict) and "id" in raw:
                    self.set_target_visible(raw["id"], raw["id"] in shown)

    def rename_theme(self, name: str, new_name: str) -> None:
        if any(t["name"] == new_name for t in self.themes):
            raise ValueError(f"a theme named '{new_name}' exists already")
        theme = self.theme(name)
        theme["name"] = new_name
        for scene in self.scenes:  # scenes follow the rename (else the file would not load)
            if scene.get("theme") == name:
                scene["theme"] = new_name
        self._emit("themes", theme)
        self._check_substitute()

    def delete_theme(self, name: str) -> None:
        theme = self.theme(name)
        self.themes.remove(theme)
        for scene in self.scenes:  # a scene of a deleted theme keeps its title and view
            if scene.get("theme") == name:
                del scene["theme"]
        self._emit("themes", theme)
        self._check_substitute()  # a plan theme's data no longer applies

    # -- spatial bookmarks ----------------------------------------------------------------
    def add_bookmark(self, name: str, bounds: list[float]) -> dict:
        """A named view: [min lon, min lat, max lon, max lat] (replaces one of that name)."""
        mark = {"name": name, "bounds": view_bounds(bounds)}
        self.bookmarks = [b for b in self.bookmarks if b["name"] != name] + [mark]
        self._emit("bookmarks", mark)
        return mark

    def bookmark(self, name: str) -> dict:
        for mark in self.bookmarks:
            if mark["name"] == name:
                return mark
        raise KeyError(name)

    def delete_bookmark(self, name: str) -> None:
        mark = self.bookmark(name)
        self.bookmarks.remove(mark)
        for scene in self.scenes:
            if scene.get("bookmark") == name:
                del scene["bookmark"]
        self._emit("bookmarks", mark)

    # -- scenes (an ordered meeting script: title, theme, bookmark) ------------------------
    def add_scene(self, title: str, theme: str | None = None, bookmark: str | None = None) -> dict:
        scene = {"title": title}
        if theme:
            self.theme(theme)  # must exist
            scene["theme"] = theme
        if bookmark:
            self.bookmark(bookmark)
            scene["bookmark"] = bookmark
        self.scenes.append(scene)
        self._emit("scenes", scene)
        return scene

    def move_scene(self, index: int, to: int) -> None:
        scene = self.scenes.pop(index)
        self.scenes.insert(max(0, min(to, len(self.scenes))), scene)
        self._emit("scenes", scene)

    def delete_scene(self, index: int) -> None:
        scene = self.scenes.pop(index)
        self._emit("scenes", scene)

    # -- serialisation --------------------------------------------------------------------
    def to_dict(self) -> dict:
        doc: dict[str, Any] = {"version": FORMAT_VERSION}
        proj: dict[str, Any] = {"name": self.name, "measure_crs": self.measure_crs}
        proj.update(self.metadata)
        doc["project"] = proj
        if self.view:
            doc["view"] = self.view
        if self.basemaps:
            doc["basemaps"] = [spec.to_dict() for spec in self.basemaps]
        doc["layers"] = [spec.to_dict() for spec in self.layers]
        if self.joins:
            doc["joins"] = self.joins
        if self.targets:
            doc["targets"] = self.targets
        if self.annotations:
            doc["annotations"] = self.annotations
        if self.themes:
            doc["themes"] = self.themes
        if self.bookmarks:
            doc["bookmarks"] = self.bookmarks
        if self.scenes:
            doc["scenes"] = self.scenes
        doc.update(self.extra)
        return doc


def same(a: Any, b: Any) -> bool:
    """Equal, and in the same order: two styles whose classes differ only in order draw the
    same map but not the same legend (``==`` on dicts ignores order)."""
    return a == b and in_order(a, b)


def view_bounds(bounds) -> list[float]:
    """A map view's ``[w, s, e, n]`` as a project can hold it: Leaflet's bounds run past
    ±180° when zoomed out (and past ±90° at the poles), so they are clamped to the globe;
    ``ValueError`` if nothing is left (a zero-size or non-finite box)."""
    w, s, e, n = (validate.number(v) for v in bounds)
    box = [max(-180.0, w), max(-90.0, s), min(180.0, e), min(90.0, n)]
    return [round(v, 7) for v in validate.bounds(box)]


def _on_earth(lon, lat) -> tuple[float, float]:
    """A clicked position as lon/lat a project can hold: longitude wrapped into -180…180
    (a click on a world copy east of the antimeridian), latitude clamped."""
    lon, lat = validate.number(lon), validate.number(lat)
    lon = ((lon + 180.0) % 360.0) - 180.0 if not -180.0 <= lon <= 180.0 else lon
    return round(lon, 7), round(min(90.0, max(-90.0, lat)), 7)


#: the longest note a project holds (checked on load, cut when typed in the window)
NOTE_MAX = 10_000


def _note_text(text) -> str:
    return validate.cut(text, NOTE_MAX)


# the file format (reading, migrating, writing) lives in project_file.py; its entry points are
# the project's own as well
from .project_file import check_join, load_project, parse_project, project_text, save_project  # noqa: E402, F401
