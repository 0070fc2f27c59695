"""The project: what a planner opens — layers, their order, visibility and styles, the view.

A project is a TOML file with a format ``version``. This module is the single source of truth
for layer state; the Qt layer panel and the map page observe it (``Project.subscribe``) and
send edits back through ``set_visible`` / ``set_opacity``.
"""

from __future__ import annotations

import copy
import logging
import os
import stat
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from . import toml_edit, validate
from .atomic import atomic_write

log = logging.getLogger("ecoviewer.project")

#: a project file is a page or two of TOML; anything far bigger is not one (and /dev/zero
#: or a 2 GB file must not be read until memory runs out)
MAX_PROJECT_BYTES = 16 * 2**20

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


@dataclass
class LayerSpec:
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
    extra: dict = field(default_factory=dict)
    base_dir: Path = field(default_factory=Path.cwd)

    @property
    def source(self) -> Path:
        p = Path(self.path).expanduser()
        return p if p.is_absolute() else (self.base_dir / p)

    def display_title(self, lang: str = "zh") -> str:
        return localized(self.title, lang) or self.id

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"id": self.id, "title": self.title, "path": self.path}
        for key in ("layer", "crs", "encoding"):
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
class BasemapSpec:
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

    @property
    def source(self) -> Path:
        p = Path(self.path).expanduser()
        return p if p.is_absolute() else (self.base_dir / p)

    def display_title(self, lang: str = "zh") -> str:
        return localized(self.title, lang) or self.id

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
SECTIONS = ("view", "basemaps", "layers", "targets", "annotations", "themes", "bookmarks", "scenes")


@dataclass
class Project:
    name: str = "Untitled"
    measure_crs: str = "EPSG:4548"
    metadata: dict = field(default_factory=dict)
    view: dict = field(default_factory=dict)
    basemaps: list[BasemapSpec] = field(default_factory=list)
    layers: list[LayerSpec] = field(default_factory=list)
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


def _fail(path: Path, message: str) -> ProjectError:
    return ProjectError(f"{path.name}: {message}")


def _check(path: Path, what: str, check: Callable[[Any], Any], value: Any) -> Any:
    """``check(value)``, its ``ValueError`` turned into one line naming file and key."""
    try:
        return check(value)
    except ValueError as exc:
        raise _fail(path, f"{what} {exc}") from None


def _parse_view(view: Any, path: Path) -> dict:
    """``[view]``: ``bounds = [w, s, e, n]`` or ``center = [lon, lat]`` with ``zoom``; every
    number finite and in range (they reach the map page)."""
    if not isinstance(view, dict):
        raise _fail(path, "[view] must be a table: bounds = [w, s, e, n] or center = [lon, lat]")
    view = dict(view)
    if "bounds" in view:
        view["bounds"] = _check(path, "view.bounds", validate.bounds, view["bounds"])
    if "center" in view:
        view["center"] = list(_check(path, "view.center", validate.lonlat, view["center"]))
    if "zoom" in view:
        view["zoom"] = _check(path, "view.zoom", lambda v: validate.number(v, 0, 22), view["zoom"])
    return view


def _parse_layer(raw: Any, index: int, path: Path) -> LayerSpec:
    if not isinstance(raw, dict):
        raise _fail(path, f"layers[{index}] is not a table")
    for key in ("id", "path"):
        if not isinstance(raw.get(key), str) or not raw.get(key):
            raise _fail(path, f"layers[{index}] needs a text '{key}'")
    title = raw.get("title", "")
    if not isinstance(title, (str, dict)):
        raise _fail(path, f"layer '{raw['id']}': title must be text or {{ zh = …, en = … }}")
    group = raw.get("group", "Context")
    if group not in GROUPS:
        raise _fail(path, f"layer '{raw['id']}': unknown group '{group}' (one of {', '.join(GROUPS)})")
    opacity = raw.get("opacity", 1.0)
    if isinstance(opacity, bool) or not isinstance(opacity, (int, float)) or not 0 <= opacity <= 1:
        raise _fail(path, f"layer '{raw['id']}': opacity must be a number from 0 to 1")
    style = raw.get("style", {})
    if not isinstance(style, dict):
        raise _fail(path, f"layer '{raw['id']}': style must be a table")
    try:
        validate.title(title)
    except ValueError as exc:
        raise _fail(path, f"layer '{raw['id']}': title {exc}") from None
    for key in ("layer", "crs", "encoding"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise _fail(path, f"layer '{raw['id']}': '{key}' must be text")
    for key in ("visible", "allow_indirect"):
        if not isinstance(raw.get(key, True), bool):
            raise _fail(path, f"layer '{raw['id']}': '{key}' must be true or false")
    return LayerSpec(
        id=raw["id"],
        path=raw["path"],
        title=title,
        layer=raw.get("layer"),
        crs=raw.get("crs"),
        encoding=raw.get("encoding"),
        group=group,
        visible=bool(raw.get("visible", True)),
        opacity=float(opacity),
        style=style,
        allow_indirect=bool(raw.get("allow_indirect", False)),
        extra={k: v for k, v in raw.items() if k not in _LAYER_KEYS},
        base_dir=path.parent,
    )


def _parse_basemap(raw: Any, index: int, path: Path) -> BasemapSpec:
    if not isinstance(raw, dict):
        raise _fail(path, f"basemaps[{index}] is not a table")
    for key in ("id", "path"):
        if not isinstance(raw.get(key), str) or not raw.get(key):
            raise _fail(path, f"basemaps[{index}] needs a text '{key}'")
    bid = raw["id"]
    title = raw.get("title", "")
    if not isinstance(title, (str, dict)):
        raise _fail(path, f"basemap '{bid}': title must be text or {{ zh = …, en = … }}")
    try:
        validate.title(title)
    except ValueError as exc:
        raise _fail(path, f"basemap '{bid}': title {exc}") from None
    opacity = raw.get("opacity", 1.0)
    if isinstance(opacity, bool) or not isinstance(opacity, (int, float)) or not 0 <= opacity <= 1:
        raise _fail(path, f"basemap '{bid}': opacity must be a number from 0 to 1")
    for key in ("visible", "grey"):
        if not isinstance(raw.get(key, True), bool):
            raise _fail(path, f"basemap '{bid}': '{key}' must be true or false")
    scheme = raw.get("scheme")
    if scheme is not None and scheme not in ("xyz", "tms"):
        raise _fail(path, f'basemap \'{bid}\': scheme must be "xyz" or "tms"')
    return BasemapSpec(
        id=bid,
        path=raw["path"],
        title=title,
        visible=bool(raw.get("visible", True)),
        opacity=float(opacity),
        grey=bool(raw.get("grey", False)),
        scheme=scheme,
        extra={k: v for k, v in raw.items() if k not in _BASEMAP_KEYS},
        base_dir=path.parent,
    )


def _from_v1(doc: dict) -> dict:
    """Format 1 → 2: nothing is renamed or moved; themes simply have no plan data yet."""
    return {**doc, "version": 2}


#: version → function returning the document in the next version
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _from_v1}


def migrate(doc: dict) -> tuple[dict, int]:
    """The document brought up to ``FORMAT_VERSION``, and the version it was written in."""
    start = version = doc.get("version", 1)
    while isinstance(version, int) and 1 <= version < FORMAT_VERSION:
        doc = MIGRATIONS[version](doc)
        version = doc["version"]
    return doc, start


def parse_project(doc: dict, path: Path) -> Project:
    """Build a ``Project`` from a parsed TOML document (``path`` is used for messages and
    to resolve relative layer paths)."""
    if _depth(doc) > MAX_DEPTH:
        raise _fail(path, f"tables and arrays nested more than {MAX_DEPTH} deep")
    version = doc.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _fail(path, f"'version' must be a positive integer, not {version!r}")
    if version > FORMAT_VERSION:
        raise _fail(
            path,
            f"format version {version} is newer than this EcoViewer understands "
            f"({FORMAT_VERSION}); please update EcoViewer",
        )
    doc, original = migrate(doc)
    proj = doc.get("project", {})
    if not isinstance(proj, dict):
        raise _fail(path, "[project] must be a table")
    layers_raw = doc.get("layers", [])
    if not isinstance(layers_raw, list):
        raise _fail(path, "'layers' must be an array of tables ([[layers]])")
    layers = [_parse_layer(raw, i, path) for i, raw in enumerate(layers_raw)]
    seen: set[str] = set()
    for spec in layers:
        if spec.id in seen:
            raise _fail(path, f"two layers share the id '{spec.id}'")
        seen.add(spec.id)
    basemaps_raw = doc.get("basemaps", [])
    if not isinstance(basemaps_raw, list):
        raise _fail(path, "'basemaps' must be an array of tables ([[basemaps]])")
    basemaps = [_parse_basemap(raw, i, path) for i, raw in enumerate(basemaps_raw)]
    if len({b.id for b in basemaps}) != len(basemaps):
        raise _fail(path, "two basemaps share an id")
    targets = doc.get("targets", [])
    if not isinstance(targets, list):
        raise _fail(path, "'targets' must be an array of tables ([[targets]])")
    notes = doc.get("annotations", [])
    if not isinstance(notes, list):
        raise _fail(path, "'annotations' must be an array of tables ([[annotations]])")
    for i, note in enumerate(notes):
        if not (isinstance(note, dict) and isinstance(note.get("id"), str)):
            raise _fail(path, f"annotations[{i}] needs a text 'id' and numeric 'lon' and 'lat'")
        try:
            validate.lonlat([note.get("lon"), note.get("lat")])
        except ValueError as exc:
            raise _fail(path, f"note '{note['id']}': lon/lat {exc}") from None
        _check(path, f"note '{note['id']}': text", lambda v: validate.text(v, NOTE_MAX), note.get("text", ""))
        if "color" in note:
            _check(path, f"note '{note['id']}': color", validate.color, note["color"])
    themes = doc.get("themes", [])
    if not isinstance(themes, list) or not all(
        isinstance(t, dict) and isinstance(t.get("name"), str) and isinstance(t.get("layers", {}), dict)
        for t in themes
    ):
        raise _fail(path, "each [[themes]] needs a text 'name' and a 'layers' table")
    for theme in themes:
        if not isinstance(theme.get("targets", []), list) or not all(
            isinstance(t, str) for t in theme.get("targets", [])
        ):
            raise _fail(path, f"theme '{theme['name']}': 'targets' must be a list of target ids")
        for lid, state in theme["layers"].items():
            if not isinstance(state, (dict, bool)):
                raise _fail(
                    path,
                    f"theme '{theme['name']}': layer '{lid}' must be a table "
                    "like { visible = true, opacity = 0.6 }",
                )
            if isinstance(state, dict):
                if not isinstance(state.get("visible", True), bool):
                    raise _fail(
                        path, f"theme '{theme['name']}': layer '{lid}': 'visible' must be true or false"
                    )
                if "opacity" in state:
                    _check(
                        path,
                        f"theme '{theme['name']}': layer '{lid}': opacity",
                        lambda v: validate.number(v, 0, 1),
                        state["opacity"],
                    )
        data = theme.get("data", {})
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()
        ):
            raise _fail(path, f"theme '{theme['name']}': 'data' must map layer ids to layer ids")
        for old, new in data.items():
            for lid in (old, new):
                if lid not in seen:
                    raise _fail(path, f"theme '{theme['name']}': data names no layer '{lid}'")
    bookmarks = doc.get("bookmarks", [])
    if not isinstance(bookmarks, list) or not all(
        isinstance(b, dict)
        and isinstance(b.get("name"), str)
        and isinstance(b.get("bounds"), list)
        and len(b["bounds"]) == 4
        for b in bookmarks
    ):
        raise _fail(path, "each [[bookmarks]] needs a text 'name' and 'bounds' = [w, s, e, n]")
    for mark in bookmarks:
        _check(path, f"bookmark '{mark['name']}': bounds", validate.bounds, mark["bounds"])
    scenes = doc.get("scenes", [])
    if not isinstance(scenes, list) or not all(
        isinstance(c, dict) and isinstance(c.get("title"), str) for c in scenes
    ):
        raise _fail(path, "each [[scenes]] needs a text 'title'")
    for scene in scenes:
        for key in ("theme", "bookmark"):
            if scene.get(key) is not None and not isinstance(scene[key], str):
                raise _fail(path, f"scene '{scene['title']}': '{key}' must be a name (text)")
    names = {t["name"] for t in themes}
    marks = {b["name"] for b in bookmarks}
    for scene in scenes:
        if scene.get("theme") and scene["theme"] not in names:
            raise _fail(path, f"scene '{scene['title']}': no theme '{scene['theme']}'")
        if scene.get("bookmark") and scene["bookmark"] not in marks:
            raise _fail(path, f"scene '{scene['title']}': no bookmark '{scene['bookmark']}'")
    view = _parse_view(doc.get("view", {}), path)
    name = proj.get("name", path.stem)
    _check(path, "[project] name", validate.text, name)
    if not isinstance(proj.get("measure_crs", ""), str):
        raise _fail(path, '[project] measure_crs must be text, like "EPSG:4548"')
    project = Project(
        name=str(name),
        measure_crs=str(proj.get("measure_crs", "EPSG:4548")),
        metadata={k: v for k, v in proj.items() if k not in ("name", "measure_crs")},
        view=view,
        basemaps=basemaps,
        layers=layers,
        targets=copy.deepcopy(targets),
        annotations=copy.deepcopy(notes),
        themes=copy.deepcopy(themes),
        bookmarks=copy.deepcopy(bookmarks),
        scenes=copy.deepcopy(scenes),
        extra={k: v for k, v in doc.items() if k not in ("version", "project", *SECTIONS)},
        path=path,
        migrated_from=original if original != FORMAT_VERSION else None,
    )
    project._substitute = project.substitute  # as saved: nothing to announce yet
    return project


#: deeper nesting than any project needs; TOML this deep loads but cannot be saved again
#: (the writer recurses), so it is refused when read
MAX_DEPTH = 32


def _depth(node: Any) -> int:
    """How deeply tables and arrays nest in ``node`` (without recursion)."""
    deepest, stack = 0, [(node, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def _read_capped(path: Path) -> bytes:
    """The file's bytes: only a regular file (a FIFO would block, /dev/zero never end), and
    only up to ``MAX_PROJECT_BYTES``."""
    st = path.stat()
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(path)
    if not stat.S_ISREG(st.st_mode):
        raise ProjectError(f"{path}: not a regular file (a device, pipe or socket)")
    if st.st_size > MAX_PROJECT_BYTES:
        raise ProjectError(
            f"{path}: {st.st_size / 2**20:.0f} MB is too big for a project file "
            f"(at most {MAX_PROJECT_BYTES // 2**20} MB)"
        )
    with open(path, "rb") as fh:
        data = fh.read(MAX_PROJECT_BYTES + 1)
    if len(data) > MAX_PROJECT_BYTES:
        raise ProjectError(f"{path}: too big for a project file (at most {MAX_PROJECT_BYTES // 2**20} MB)")
    return data


def load_project(path: str | os.PathLike) -> Project:
    path = Path(path)
    try:
        text = _read_capped(path).decode("utf-8")
    except FileNotFoundError:
        raise ProjectError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise ProjectError(f"{path}: is a folder, not a project file") from None
    except UnicodeDecodeError as exc:
        raise _fail(path, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise ProjectError(f"{path}: {exc.strerror}") from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, f"not valid TOML: {exc}") from None
    except RecursionError:
        raise _fail(path, "not valid TOML: nested too deeply") from None
    project = parse_project(doc, path.resolve())
    project.source_text = text
    return project


def project_text(project: Project) -> str:
    """The text to save: the project's values merged into the file it came from (what did
    not change keeps its text), verified to read back as the same project; a new file in
    the sample's style when there is no file, or when the merge would not read back."""
    values = project.to_dict()
    candidates = []
    if project.source_text is not None:
        try:
            candidates.append(toml_edit.merge_into(project.source_text, values))
        except Exception as exc:
            log.warning("%s: comments and layout could not be kept (%s)", project.name, exc)
    candidates.append(toml_edit.fresh_document(values))
    candidates.append(tomli_w.dumps(values))
    why = "it reads back differently"
    for text in candidates:
        try:
            again = parse_project(tomllib.loads(text), project.path or Path("project.toml"))
        except ProjectError as exc:
            why = str(exc).split(": ", 1)[-1]
            continue
        except (tomllib.TOMLDecodeError, RecursionError) as exc:
            why = str(exc)
            continue
        if again.to_dict() == values:
            return text
    # a project that would not load again is not written over a file that does
    raise ProjectError(f"{project.name}: not saved, the project would not load again ({why})")


def save_project(project: Project, path: str | os.PathLike | None = None) -> Path:
    """Write atomically: a temp file beside the target, then rename over it. If anything
    fails the old file is left as it was."""
    target = Path(path) if path is not None else project.path
    if target is None:
        raise ValueError("save_project needs a path for a project that has none")
    target = target.resolve()
    if target.parent != project.base_dir:
        # Save As into another folder: keep relative layer paths pointing at the same files
        for spec in project.layers:
            if not Path(spec.path).is_absolute():
                spec.path = Path(os.path.relpath(spec.source, target.parent)).as_posix()
            spec.base_dir = target.parent
    text = project_text(project)
    atomic_write(target, text)
    project.path = target
    project.source_text = text
    return target
