"""The project file: reading it (every value checked, one line naming the file for anything
wrong, older format versions migrated), and writing it back (merged into the text it came
from, verified to read back the same, atomically). The model it fills is ``project.py``."""

from __future__ import annotations

import copy
import logging
import os
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

from . import toml_edit, validate
from .atomic import atomic_write
from .project import (
    _BASEMAP_KEYS,
    _LAYER_KEYS,
    FORMAT_VERSION,
    GROUPS,
    NOTE_MAX,
    SECTIONS,
    BasemapSpec,
    LayerSpec,
    Project,
    ProjectError,
    is_database,
    same,
)

log = logging.getLogger("ecoviewer.project")
#: a project file is a page or two of TOML; anything far bigger is not one (and /dev/zero
#: or a 2 GB file must not be read until memory runs out)
MAX_PROJECT_BYTES = 16 * 2**20


def check_join(raw: Any, index: int) -> str | None:
    """The problem with one ``[[joins]]`` entry, or None."""
    if not isinstance(raw, dict):
        return f"joins[{index}] must be a table"
    for key in ("layer", "path", "key", "table_key"):
        if not isinstance(raw.get(key), str) or not raw.get(key):
            return f"joins[{index}] needs a text '{key}'"
    if raw.get("sheet") is not None and not isinstance(raw["sheet"], str):
        return f"joins[{index}]: 'sheet' must be a sheet name (text)"
    return None


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
    for key in ("layer", "crs", "encoding", "sql"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise _fail(path, f"layer '{raw['id']}': '{key}' must be text")
    if raw.get("sql") is not None and not is_database(raw["path"]):
        raise _fail(path, f"layer '{raw['id']}': 'sql' is for a database layer (path = \"postgresql://…\")")
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
        sql=raw.get("sql"),
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
    joins = doc.get("joins", [])
    if not isinstance(joins, list):
        raise _fail(path, "'joins' must be an array of tables ([[joins]])")
    for i, raw in enumerate(joins):
        problem = check_join(raw, i)
        if problem:
            raise _fail(path, problem)
        if raw["layer"] not in seen:
            raise _fail(path, f"joins[{i}]: no layer '{raw['layer']}'")
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
        joins=copy.deepcopy(joins),
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
        if same(again.to_dict(), values):  # (in order: a legend's classes are)
            return text
    # a project that would not load again is not written over a file that does
    raise ProjectError(f"{project.name}: not saved, the project would not load again ({why})")


def rebase_paths(project: Project, old_base: Path, new_base: Path) -> None:
    """The project's file paths (layers, basemaps, joins) as a project in ``new_base``
    writes them (see ``_portable``)."""
    for spec in [*project.layers, *project.basemaps]:
        spec.path = _portable(spec.path, old_base, new_base)
        spec.base_dir = new_base
    for raw in project.joins:
        if isinstance(raw, dict) and isinstance(raw.get("path"), str):
            raw["path"] = _portable(raw["path"], old_base, new_base)


def _portable(path: str, old_base: Path, new_base: Path) -> str:
    """A file's path as the project at ``new_base`` writes it: relative when the file is in
    that folder or below, else as it was (absolute stays absolute, relative is rebased; a
    database stays as written)."""
    if is_database(path):
        return path
    p = Path(path).expanduser()
    absolute = p if p.is_absolute() else (old_base / p)
    try:
        inside = absolute.resolve().relative_to(new_base)
    except (ValueError, OSError):
        inside = None
    if inside is not None:
        return inside.as_posix()
    if p.is_absolute():
        return path
    return Path(os.path.relpath(absolute, new_base)).as_posix()


def save_project(project: Project, path: str | os.PathLike | None = None) -> Path:
    """Write atomically: a temp file beside the target, then rename over it. If anything
    fails the old file is left as it was."""
    target = Path(path) if path is not None else project.path
    if target is None:
        raise ValueError("save_project needs a path for a project that has none")
    target = target.resolve()
    # relative paths keep pointing at the same files from the new folder (Save As), and a file
    # inside the project's folder is written relative to it (a project folder can be moved or
    # sent as a whole, as QGIS does by default) — worked out on a copy, taken over once the
    # file is written (a save that fails leaves the project as it was)
    work = project.detached()
    rebase_paths(work, project.base_dir, target.parent)
    text = project_text(work)
    atomic_write(target, text)
    for spec, saved in zip([*project.layers, *project.basemaps], [*work.layers, *work.basemaps]):
        spec.path, spec.base_dir = saved.path, saved.base_dir
    for raw, saved in zip(project.joins, work.joins):
        raw["path"] = saved["path"]
    project.path = target
    project.source_text = text
    return target
