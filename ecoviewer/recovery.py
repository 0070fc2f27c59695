"""Crash recovery: unsaved changes are written, every few seconds, to a recovery file kept
outside the project folder, and offered back the next time that project is opened.

A recovery file is a whole project (layer paths made absolute) plus a ``[recovery]`` table
naming the original file; it is written atomically like a save, and removed on save or on a
clean close.
"""

from __future__ import annotations

import hashlib
import os
import time
import tomllib
from pathlib import Path

import tomli_w

from .atomic import atomic_write
from .project import Project, ProjectError, parse_project


def default_folder() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(Path.home(), ".local", "state")
    return Path(base) / "ecoviewer" / "recovery"


def recovery_path(project_path: str | os.PathLike, folder: Path | None = None) -> Path:
    key = hashlib.sha1(str(Path(project_path).resolve()).encode("utf-8")).hexdigest()[:16]
    return (folder or default_folder()) / f"{Path(project_path).stem}-{key}.toml"


def write_recovery(project: Project, folder: Path | None = None) -> Path | None:
    """Write the project's current state next to nothing it owns; None for a project never
    saved (it has no file to recover to)."""
    if project.path is None:
        return None
    doc = project.to_dict()
    for layer in doc.get("layers", []):
        spec = project.layer(layer["id"])
        layer["path"] = str(spec.source)
    doc["recovery"] = {"original": str(project.path), "written": time.time()}
    path = recovery_path(project.path, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, tomli_w.dumps(doc))
    return path


def find_recovery(project_path: str | os.PathLike, folder: Path | None = None) -> Path | None:
    """A recovery file for this project that is newer than the project file itself."""
    path = recovery_path(project_path, folder)
    if not path.exists():
        return None
    try:
        if path.stat().st_mtime <= Path(project_path).stat().st_mtime:
            return None
    except OSError:
        pass
    return path


def load_recovery(path: Path) -> Project:
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProjectError(f"{path.name}: recovery file unreadable ({exc})") from None
    original = Path(doc.pop("recovery", {}).get("original", path))
    return parse_project(doc, original)


def discard_recovery(project_path: str | os.PathLike | None, folder: Path | None = None) -> None:
    if project_path is not None:
        recovery_path(project_path, folder).unlink(missing_ok=True)
