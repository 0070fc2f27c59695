"""Crash recovery: unsaved changes are written, every few seconds, to a recovery file kept
outside the project folder, and offered back the next time that project is opened.

A recovery file is a whole project (layer paths made absolute) plus a ``[recovery]`` table
naming the original file; it is written atomically like a save, private to the user (the
folder 0700, the file 0600), and removed on save or on a clean close.

A recovery file only ever restores the project being opened: one that names another
project is refused, and the restored project's path is always the one opened — whatever the
file says, a later Save writes nowhere else. A recovery file that cannot be used (not TOML,
wrong types, not UTF-8, a folder, too big) raises ``ProjectError`` with one line; the
project then opens as saved.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
import tomllib
from pathlib import Path

import tomli_w

from .atomic import atomic_write
from .project import Project, ProjectError, parse_project

#: a recovery file is a project file plus one table; nothing bigger is read
MAX_RECOVERY_BYTES = 16 * 2**20


def default_folder() -> Path:
    """Where recovery files live: the platform's per-user state folder (platformdirs knows
    it: ``$XDG_STATE_HOME`` or ``~/.local/state`` on Linux, ``%LOCALAPPDATA%`` on Windows,
    ``~/Library/Application Support`` on macOS), never the project's folder."""
    import platformdirs

    return Path(platformdirs.user_state_dir("ecoviewer", appauthor=False)) / "recovery"


def recovery_path(project_path: str | os.PathLike, folder: Path | None = None) -> Path:
    key = hashlib.sha1(str(Path(project_path).resolve()).encode("utf-8")).hexdigest()[:16]
    # the stem only helps a person find the file: at most 60 bytes of it, whole characters
    # (a legal 245-character project name made a recovery name too long to write)
    stem = Path(project_path).stem.encode("utf-8")[:60].decode("utf-8", "ignore")
    return (folder or default_folder()) / f"{stem}-{key}.toml"


def private_folder(folder: Path) -> Path:
    """``folder`` made (with its parents) and readable by its owner only (0700), also when
    an older EcoViewer made it 0755."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if stat.S_IMODE(folder.stat().st_mode) != 0o700:
        os.chmod(folder, 0o700)
    return folder


def write_recovery(project: Project, folder: Path | None = None) -> Path | None:
    """Write the project's current state next to nothing it owns; None for a project never
    saved (it has no file to recover to)."""
    if project.path is None:
        return None
    original = Path(project.path).resolve()
    doc = project.to_dict()
    for layer in doc.get("layers", []):
        spec = project.layer(layer["id"])
        layer["path"] = spec.location  # (a database as written; a file, absolute)
    doc["recovery"] = {"original": str(original), "written": time.time()}
    path = recovery_path(original, folder)
    private_folder(path.parent)
    atomic_write(path, tomli_w.dumps(doc), private=True)
    return path


def find_recovery(project_path: str | os.PathLike, folder: Path | None = None) -> Path | None:
    """A recovery file for this project that is newer than the project file itself (a
    symbolic link, pipe or device there is never one of ours and is ignored)."""
    path = recovery_path(project_path, folder)
    try:
        st = path.lstat()
    except OSError:
        return None
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        return None
    try:
        if st.st_mtime <= Path(project_path).stat().st_mtime:
            return None
    except OSError:
        pass
    return path


def _read_capped(path: Path) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ValueError("a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise ValueError("not a regular file")
        if st.st_size > MAX_RECOVERY_BYTES:
            raise ValueError(f"{st.st_size / 2**20:.0f} MB, more than a recovery file can be")
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(MAX_RECOVERY_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_RECOVERY_BYTES:
        raise ValueError("more than a recovery file can be")
    return data


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load_recovery(path: Path, project_path: str | os.PathLike) -> Project:
    """The project ``project_path`` as recovery file ``path`` has it. Raises
    ``ProjectError`` (one line) when the file cannot be used: unreadable, not UTF-8 TOML,
    not a project, or written for another project. The result's ``path`` is always
    ``project_path`` (resolved)."""
    path = Path(path)
    opening = Path(project_path).resolve()

    def refuse(why: object) -> ProjectError:
        return ProjectError(_one_line(f"{opening.name}: recovery file {path.name} not used ({why})"))

    try:
        data = _read_capped(path)
    except ValueError as exc:
        raise refuse(exc) from None
    except OSError as exc:
        raise refuse(exc.strerror or exc) from None
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise refuse(f"not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise refuse(f"not valid TOML: {exc}") from None
    except RecursionError:
        raise refuse("not valid TOML: nested too deeply") from None
    meta = doc.pop("recovery", None)
    if not isinstance(meta, dict) or not isinstance(meta.get("original"), str):
        raise refuse("no [recovery] table naming the project")
    try:
        original = Path(meta["original"]).resolve()
    except (OSError, ValueError, RuntimeError):
        original = None
    if original != opening:
        raise refuse(f"it was written for {meta['original']!r}")
    try:
        project = parse_project(doc, opening)
    except ProjectError as exc:
        why = str(exc)
        raise refuse(why.removeprefix(f"{opening.name}: ")) from None
    except Exception as exc:  # a recovery file is input: any flaw in it is one message
        raise refuse(f"{type(exc).__name__}: {exc}") from None
    project.path = opening
    return project


def discard_recovery(project_path: str | os.PathLike | None, folder: Path | None = None) -> bool:
    """Remove the project's recovery file; False if there was something that could not be
    removed (never raises: discarding is called on the way to saving or closing)."""
    if project_path is None:
        return True
    path = recovery_path(project_path, folder)
    try:
        if path.is_dir() and not path.is_symlink():
            return False  # not ours to remove
        path.unlink(missing_ok=True)
    except OSError:
        return False
    return True
