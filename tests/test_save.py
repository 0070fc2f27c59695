"""Saving keeps the file a person wrote (tomlkit): comments, order and layout of what did
not change stay byte for byte, only non-default values are written, and what is written
reads back as the same project. Qt-free."""

from __future__ import annotations

import difflib
import shutil

import pytest

from ecoviewer.project import LayerSpec, Project, load_project, save_project

from .conftest import SAMPLE


@pytest.fixture
def sample_copy(tmp_path):
    shutil.copytree(SAMPLE.parent, tmp_path / "layers", ignore=shutil.ignore_patterns("*.py"))
    return tmp_path / "layers" / SAMPLE.name


def test_saving_an_unchanged_project_rewrites_nothing(sample_copy):
    before = sample_copy.read_bytes()
    save_project(load_project(sample_copy))
    assert sample_copy.read_bytes() == before


def test_a_change_replaces_its_own_lines_only(sample_copy):
    before = sample_copy.read_text(encoding="utf-8").splitlines()
    project = load_project(sample_copy)
    project.set_visible("districts", False)
    project.set_opacity("transit", 0.5)
    project.view = {"bounds": [117.7, 39.1, 117.8, 39.2]}
    save_project(project)
    after = sample_copy.read_text(encoding="utf-8").splitlines()
    # the warning and every other comment survive
    assert [line for line in before if line.startswith("#")] == [
        line for line in after if line.startswith("#")
    ]
    assert any("SCHEMATIC DATA" in line for line in after)
    diff = list(difflib.ndiff(before, after))
    removed = [line[2:] for line in diff if line.startswith("- ")]
    added = [line[2:] for line in diff if line.startswith("+ ")]
    assert removed == ["bounds = [117.705, 39.076, 117.845, 39.212]"]
    assert sorted(added) == sorted(
        ["bounds = [117.7, 39.1, 117.8, 39.2]", "visible = false", "opacity = 0.5"]
    )
    assert len(after) == len(before) + 2
    again = load_project(sample_copy)
    assert again.to_dict() == project.to_dict()
    assert not again.layer("districts").visible and again.layer("transit").opacity == 0.5
    assert again.view == {"bounds": [117.7, 39.1, 117.8, 39.2]}


def test_a_default_restored_keeps_the_authors_line(sample_copy):
    """Turning a hidden layer back on removes its ``visible = false``; a default the author
    wrote out (``group = "Context"``) stays."""
    text = sample_copy.read_text(encoding="utf-8")
    project = load_project(sample_copy)
    assert not project.layer("shoreline_2025").visible
    project.set_visible("shoreline_2025", True)
    save_project(project)
    after = sample_copy.read_text(encoding="utf-8")
    assert after.count("visible = false") == text.count("visible = false") - 1
    assert after.count('group = "Context"') == text.count('group = "Context"')
    assert load_project(sample_copy).layer("shoreline_2025").visible


def test_layers_removed_added_and_moved(sample_copy):
    project = load_project(sample_copy)
    project.remove_layer("districts")
    project.add_layer(
        LayerSpec(
            id="plots",
            path="data/districts.geojson",
            title={"zh": "地块", "en": "Plots"},
            style={"kind": "single", "color": "#123456"},
        )
    )
    project.layers.insert(0, project.layers.pop(2))
    save_project(project)
    text = sample_copy.read_text(encoding="utf-8")
    assert text.startswith("# EcoViewer sample project")
    assert 'id = "districts"' not in text
    # the new entry in the file's style: one line per key, inline tables
    assert 'title = {zh = "地块", en = "Plots"}' in text
    assert 'style = {kind = "single", color = "#123456"}' in text
    again = load_project(sample_copy)
    assert [s.id for s in again.layers] == [s.id for s in project.layers]
    assert again.to_dict() == project.to_dict()


def test_a_new_project_states_only_what_differs(tmp_path):
    project = Project(name="新项目")
    project.add_layer(
        LayerSpec(id="a", path="a.geojson", title="A", style={"kind": "single", "color": "#2171b5"})
    )
    project.add_layer(
        LayerSpec(id="b", path="b.geojson", title="B", visible=False, opacity=0.4, group="Water")
    )
    out = save_project(project, tmp_path / "new.toml")
    text = out.read_text(encoding="utf-8")
    assert "visible = true" not in text and "opacity = 1" not in text
    assert 'group = "Context"' not in text
    assert "visible = false" in text and "opacity = 0.4" in text and 'group = "Water"' in text
    assert "[layers.style]" not in text  # styles stay one inline table per layer
    assert len(text.splitlines()) <= 20
    assert load_project(out).to_dict() == project.to_dict()


def test_text_that_would_not_read_back_is_written_anew(sample_copy):
    """The merge is verified: a project whose source text is not its file (here: another
    project's) still saves exactly its own values."""
    project = load_project(sample_copy)
    project.source_text = 'version = 2\n[project]\nname = "other"\n[[layers]]\nid = "zz"\n'
    save_project(project)
    assert load_project(sample_copy).to_dict() == project.to_dict()


def test_a_project_that_would_not_load_again_is_not_written(sample_copy):
    """A scene naming a theme that is gone: saving refuses, in one line, and the file on
    disk stays as it was (a save used to write a file that then failed to open)."""
    from ecoviewer.project import ProjectError

    before = sample_copy.read_bytes()
    project = load_project(sample_copy)
    project.scenes[0]["theme"] = "no such theme"
    with pytest.raises(ProjectError) as err:
        save_project(project)
    assert str(err.value).startswith(f"{project.name}: not saved, the project would not load again (scene ")
    assert "no theme 'no such theme'" in str(err.value) and "\n" not in str(err.value)
    assert sample_copy.read_bytes() == before
