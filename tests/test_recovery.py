"""Recovery files: private to the user, only ever restoring the project being opened, and a
bad one never stops that project from opening (one message line, the project as saved)."""

from __future__ import annotations

import copy
import datetime as dt
import os
import tomllib
from pathlib import Path

import pytest
import tomli_w

from ecoviewer.project import ProjectError, load_project
from ecoviewer.recovery import (
    MAX_RECOVERY_BYTES,
    discard_recovery,
    find_recovery,
    load_recovery,
    recovery_path,
    write_recovery,
)

ROOT = Path(__file__).resolve().parent.parent
DISTRICTS = (ROOT / "layers" / "data" / "districts.geojson").as_posix()


@pytest.fixture()
def umask022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def small_project(folder: Path, name: str = "城市.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        f'version = 2\n[project]\nname = "城市"\n[[layers]]\nid = "d"\npath = "{DISTRICTS}"\n',
        encoding="utf-8",
    )
    return path.resolve()


def recovery_doc(path: Path, folder: Path) -> dict:
    project = load_project(path)
    project.set_visible("d", False)
    project.add_note(117.75, 39.14, "会后补充")
    rec = write_recovery(project, folder)
    return tomllib.loads(rec.read_text(encoding="utf-8"))


def plant(path: Path, folder: Path, content: bytes | str | None) -> Path:
    """A recovery file for ``path`` with ``content`` (None: a folder), newer than the project."""
    rec = recovery_path(path, folder)
    folder.mkdir(parents=True, exist_ok=True)
    rec.unlink(missing_ok=True)
    if content is None:
        rec.mkdir()
    else:
        rec.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    later = path.stat().st_mtime + 60
    os.utime(rec, (later, later))
    return rec


# -- private ---------------------------------------------------------------------------------


def test_recovery_files_are_private(tmp_path, umask022):
    path = small_project(tmp_path / "p")
    folder = tmp_path / "state" / "ecoviewer" / "recovery"
    rec = write_recovery(load_project(path), folder)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert rec.stat().st_mode & 0o777 == 0o600
    # what an older EcoViewer left (0755 folder, 0644 file) is tightened on the next write
    folder.chmod(0o755)
    rec.chmod(0o644)
    write_recovery(load_project(path), folder)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert rec.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in folder.iterdir()) == [rec.name]


# -- only the project being opened ---------------------------------------------------------


def test_a_recovery_file_only_restores_the_project_being_opened(tmp_path):
    path = small_project(tmp_path / "p")
    folder = tmp_path / "rec"
    doc = recovery_doc(path, folder)
    project = load_recovery(recovery_path(path, folder), path)
    assert project.path == path and project.layer("d").visible is False
    # a crafted file naming another project: refused, whatever else it holds
    victim = tmp_path / "other" / "victim.toml"
    doc["recovery"]["original"] = str(victim)
    rec = plant(path, folder, tomli_w.dumps(doc))
    rec.touch()
    with pytest.raises(ProjectError) as err:
        load_recovery(rec, path)
    assert str(err.value) == (
        f"城市.toml: recovery file {rec.name} not used (it was written for {str(victim)!r})"
    )
    # the same file named another way (through a symbolic link) is the same project
    (tmp_path / "link").symlink_to(tmp_path / "p")
    doc["recovery"]["original"] = str(tmp_path / "link" / "城市.toml")
    rec.write_text(tomli_w.dumps(doc), encoding="utf-8")
    assert load_recovery(rec, tmp_path / "link" / "城市.toml").path == path


def test_a_crafted_recovery_file_cannot_redirect_the_next_save(qapp, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from ecoviewer.app.main_window import MainWindow

    from . import conftest

    path = small_project(tmp_path / "p")
    folder = tmp_path / "rec"
    doc = recovery_doc(path, folder)
    victim = tmp_path / "elsewhere" / "victim.toml"
    victim.parent.mkdir()
    doc["recovery"]["original"] = str(victim)
    plant(path, folder, tomli_w.dumps(doc)).touch()
    before = path.read_bytes()
    win = MainWindow(lang="zh")
    win.recovery_folder = folder
    conftest.ANSWERS.append(QMessageBox.StandardButton.Yes)  # "Recover them?" — yes
    count = win.messages.count()
    assert win.open_project(path) and win.wait_loaded()
    assert win.project.path == path and not win.dirty
    assert win.project.layer("d").visible is True  # the project as saved
    assert win.messages.count() == count + 1
    assert "it was written for" in win.messages.item(count).text()
    win.project.add_note(117.7, 39.1, "新")
    win.set_dirty(True)
    assert win.save()
    assert not victim.exists() and path.read_bytes() != before
    assert [n["text"] for n in load_project(path).annotations] == ["新"]
    win.dirty = False
    win.close()


# -- a bad recovery file is one message line ---------------------------------------------------


def _wrong_types(doc: dict):
    """(key path, value) for every key of ``doc`` and values of every TOML type."""
    values = [True, -1, 1e308, "x", "", [], {}, [1, "a"], {"a": 1}, dt.datetime(2020, 1, 1), [[[]]]]

    def walk(node, pre):
        if pre:
            yield pre
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, (*pre, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, (*pre, i))

    for keys in walk(doc, ()):
        for value in values:
            yield keys, value


def test_wrong_types_at_any_key_never_raise_anything_but_one_line(tmp_path):
    path = small_project(tmp_path / "p")
    folder = tmp_path / "rec"
    doc = recovery_doc(path, folder)
    rec = recovery_path(path, folder)
    loaded = refused = 0
    for keys, value in _wrong_types(doc):
        changed = copy.deepcopy(doc)
        node = changed
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value
        rec.write_text(tomli_w.dumps(changed), encoding="utf-8")
        try:
            project = load_recovery(rec, path)
        except ProjectError as exc:
            refused += 1
            assert "\n" not in str(exc) and str(exc).startswith("城市.toml: recovery file "), keys
        else:
            loaded += 1
            assert project.path == path, keys  # never anywhere else
            tomli_w.dumps(project.to_dict())  # and it can be saved
    assert refused > 100 and loaded > 10  # both kinds were tried


BAD = {
    "not TOML": "version = 2\n[[layers]\n",
    "not UTF-8": b'version = 2\n[project]\nname = "\xff\xfe"\n',
    "a folder": None,
    "recovery not a table": "version = 2\nrecovery = 5\n",
    "original not text": "version = 2\n[recovery]\noriginal = 5\n",
    "no [recovery]": "version = 2\n",
    "layers not tables": 'version = 2\nlayers = "x"\n[recovery]\noriginal = "{path}"\n',
    "view wrong": 'version = 2\nview = 5\n[recovery]\noriginal = "{path}"\n',
    "nested too deeply": "x = " + "[" * 5000 + "]" * 5000 + "\n",
    "huge": "huge",
}


@pytest.mark.parametrize("kind", list(BAD))
def test_a_bad_recovery_file_is_one_message_and_the_project_opens(qapp, tmp_path, kind):
    from PySide6.QtWidgets import QMessageBox

    from ecoviewer.app.main_window import MainWindow

    from . import conftest

    path = small_project(tmp_path / "p")
    folder = tmp_path / "rec"
    content = BAD[kind]
    if isinstance(content, str) and content != "huge":
        content = content.replace("{path}", path.as_posix())
    if content == "huge":  # a good recovery file, padded past the cap: not read
        content = tomli_w.dumps(recovery_doc(path, folder)) + "#" * MAX_RECOVERY_BYTES + "\n"
    rec = plant(path, folder, content)
    assert find_recovery(path, folder) == rec
    with pytest.raises(ProjectError) as err:
        load_recovery(rec, path)
    assert "\n" not in str(err.value) and str(err.value).startswith(
        f"城市.toml: recovery file {rec.name} not used ("
    )

    win = MainWindow(lang="zh")
    win.recovery_folder = folder
    conftest.ANSWERS.append(QMessageBox.StandardButton.Yes)  # "Recover them?" — yes
    count = win.messages.count()
    assert win.open_project(path) and win.wait_loaded()
    assert win.project.path == path and set(win.tables) == {"d"} and not win.dirty
    assert [win.messages.item(i).text() for i in range(count, win.messages.count())] == [str(err.value)]
    win.dirty = False
    conftest.ANSWERS.append(QMessageBox.StandardButton.No)  # and "no": it is discarded quietly
    assert win.open_project(path) and win.wait_loaded()
    assert win.project.path == path and win.messages.count() == count + 1
    assert rec.is_dir() if kind == "a folder" else not rec.exists()
    win.close()


def test_discarding_never_raises(tmp_path):
    path = small_project(tmp_path / "p")
    folder = tmp_path / "rec"
    rec = plant(path, folder, None)  # a folder where the file would be
    assert discard_recovery(path, folder) is False and rec.is_dir()
    rec.rmdir()
    assert discard_recovery(path, folder) is True  # nothing there
    assert discard_recovery(None, folder) is True
    link = recovery_path(path, folder)
    link.symlink_to(tmp_path / "nowhere")  # not a file of ours: never offered
    assert find_recovery(path, folder) is None


def test_a_long_project_name_still_gets_a_recovery_file(tmp_path):
    """A legal 245-character project file name made a recovery name too long to write."""
    from ecoviewer.project import Project
    from ecoviewer.recovery import find_recovery, write_recovery

    original = tmp_path / ("规划" * 20 + "a" * 120 + ".toml")  # 245 bytes
    assert len(os.fsencode(original.name)) <= 255
    original.write_text('version = 2\n[project]\nname = "p"\n', encoding="utf-8")
    project = Project(name="p", path=original)
    os.utime(original, (1, 1))
    written = write_recovery(project, tmp_path / "rec")
    assert written is not None and len(os.fsencode(written.name)) < 100
    assert find_recovery(original, tmp_path / "rec") == written


def test_recovered_changes_stay_unsaved_after_an_edit_is_undone(qapp, tmp_path):
    """Recovered changes are not on the undo stack: undoing an edit made after recovering
    must not call the project saved (closing would then drop the recovery file)."""
    from PySide6.QtWidgets import QMessageBox

    from ecoviewer.app.main_window import MainWindow

    from . import conftest

    path = small_project(tmp_path / "p")
    folder = tmp_path / "rec"
    plant(path, folder, tomli_w.dumps(recovery_doc(path, folder)))
    win = MainWindow(lang="zh")
    win.recovery_folder = folder
    conftest.ANSWERS.append(QMessageBox.StandardButton.Yes)  # "Recover them?" — yes
    assert win.open_project(path) and win.wait_loaded()
    assert win.dirty and [n["text"] for n in win.project.annotations] == ["会后补充"]
    win.edit("note", lambda: win.project.add_note(117.7, 39.1, "再加一条"))
    win.undo_stack.undo()
    assert win.dirty  # still the recovered, unsaved changes
    win.dirty = False
    win.close()
