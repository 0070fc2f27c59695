"""The project file: loading, errors that name the file, atomic saving, observed edits."""

import os
import tomllib

import pytest
import shapely

from ecoviewer.project import (
    FORMAT_VERSION,
    ProjectError,
    load_project,
    localized,
    save_project,
)

from .conftest import SAMPLE


def test_sample_project_has_the_contract_layer_ids():
    project = load_project(SAMPLE)
    ids = [spec.id for spec in project.layers]
    for required in (
        "green_buildings",
        "transit",
        "water_network",
        "garden_zones",
        "districts",
        "shoreline",
        "air_stations",
        "protected_areas",
    ):
        assert required in ids
    assert project.measure_crs == "EPSG:4548"
    assert project.metadata["schematic"] is True
    gb = project.layer("green_buildings")
    assert gb.display_title("zh") == "绿色建筑" and gb.display_title("en") == "Green buildings"
    assert gb.group == "Buildings" and gb.layer == "green_buildings"
    assert gb.source == SAMPLE.parent / "data" / "green_buildings.gpkg"


def write(tmp_path, text, name="p.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text, message",
    [
        ("version = 1\n[[layers]]\nid = 'a'\n", "p.toml: layers[0] needs a text 'path'"),
        (
            "version = 1\n[[layers]]\nid = 'a'\npath = 'a.geojson'\n[[layers]]\nid = 'a'\npath = 'b.shp'\n",
            "p.toml: two layers share the id 'a'",
        ),
        (
            "version = 99\n",
            f"p.toml: format version 99 is newer than this EcoViewer understands "
            f"({FORMAT_VERSION}); please update EcoViewer",
        ),
        (
            "version = 1\n[[layers]]\nid = 'a'\npath = 'a.geojson'\ngroup = 'Roads'\n",
            "p.toml: layer 'a': unknown group 'Roads' (one of Buildings, Transit, Water, Green, Context)",
        ),
        (
            "version = 1\n[[layers]]\nid = 'a'\npath = 'a.geojson'\nopacity = 3\n",
            "p.toml: layer 'a': opacity must be a number from 0 to 1",
        ),
    ],
)
def test_bad_projects_give_one_line_naming_the_file(tmp_path, text, message):
    with pytest.raises(ProjectError) as err:
        load_project(write(tmp_path, text))
    assert str(err.value) == message


def test_invalid_toml_and_missing_file(tmp_path):
    with pytest.raises(ProjectError, match=r"^p.toml: not valid TOML: "):
        load_project(write(tmp_path, "version = = 1"))
    missing = tmp_path / "none.toml"
    with pytest.raises(ProjectError) as err:
        load_project(missing)
    assert str(err.value) == f"{missing}: file not found"
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes("name = '生态城'".encode("gbk"))
    with pytest.raises(ProjectError, match=r"^gbk.toml: not UTF-8 text"):
        load_project(gbk)


def test_round_trip_keeps_unknown_keys_and_titles(tmp_path):
    path = write(
        tmp_path,
        """version = 1
future_table = { keep = "me" }
[project]
name = "测试"
measure_crs = "EPSG:4548"
owner = "规划局"
[[layers]]
id = "a"
title = { zh = "甲", en = "A" }
path = "data/a.geojson"
visible = false
custom = 7
""",
    )
    project = load_project(path)
    project.set_opacity("a", 0.25)
    save_project(project)
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert doc["version"] == FORMAT_VERSION
    assert doc["future_table"] == {"keep": "me"}
    assert doc["project"]["owner"] == "规划局"
    layer = doc["layers"][0]
    assert layer["title"] == {"zh": "甲", "en": "A"} and layer["visible"] is False
    assert layer["opacity"] == 0.25 and layer["custom"] == 7


def test_save_as_elsewhere_keeps_layer_paths_pointing_at_the_same_files(tmp_path):
    path = write(tmp_path, "version = 1\n[[layers]]\nid = 'a'\npath = 'data/a.geojson'\n")
    project = load_project(path)
    (tmp_path / "other").mkdir()
    save_project(project, tmp_path / "other" / "copy.toml")
    again = load_project(tmp_path / "other" / "copy.toml")
    assert again.layer("a").path == "../data/a.geojson"
    assert again.layer("a").source.resolve() == (tmp_path / "data" / "a.geojson").resolve()


def test_failed_save_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = write(tmp_path, "version = 1\n[project]\nname = 'old'\n")
    before = path.read_bytes()
    project = load_project(path)
    project.name = "new"

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        save_project(project)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.toml"]  # no temp file left behind


def test_edits_are_observed_once():
    project = load_project(SAMPLE)
    seen = []
    project.subscribe(lambda what, spec: seen.append((what, spec.id, spec.visible)))
    project.set_visible("transit", False)
    project.set_visible("transit", False)  # no change, no event
    project.set_opacity("transit", 0.5)
    assert seen == [("visible", "transit", False), ("opacity", "transit", False)]


def test_localized_falls_back():
    assert localized({"zh": "湖"}, "en") == "湖"
    assert localized({"en": "Lake"}, "zh") == "Lake"
    assert localized("plain", "en") == "plain"


def test_saved_files_get_normal_permissions(tmp_path):
    from ecoviewer.atomic import atomic_write

    old = os.umask(0o022)
    try:
        path = atomic_write(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_notes_and_target_visibility_are_saved(tmp_path):
    path = write(
        tmp_path,
        "version = 1\n[[targets]]\nid = 'a'\nmetric = 'mean'\nlayer = 'x'\nfield = 'f'\ntarget = 1\n",
    )
    project = load_project(path)
    seen = []
    project.subscribe(lambda what, item: seen.append(what))
    note = project.add_note(117.75, 39.14, "拟建\n公园", "#2171b5")
    project.set_target_visible("a", False)
    save_project(project)
    again = load_project(path)
    assert again.annotations == [
        {"id": note["id"], "lon": 117.75, "lat": 39.14, "text": "拟建\n公园", "color": "#2171b5"}
    ]
    assert again.target("a")["visible"] is False
    assert seen == ["note_added", "target_visible"]
    with pytest.raises(ProjectError, match="annotations\\[0\\] needs"):
        load_project(write(tmp_path, "version = 1\n[[annotations]]\ntext = 'x'\n", "bad.toml"))


def test_themes_capture_apply_rename_delete_and_save(tmp_path):
    path = write(
        tmp_path,
        """version = 1
[[layers]]
id = "water"
path = "w.geojson"
[[layers]]
id = "green"
path = "g.geojson"
[[layers]]
id = "buildings"
path = "b.geojson"
[[targets]]
id = "t1"
metric = "mean"
layer = "water"
field = "f"
target = 1
""",
    )
    project = load_project(path)
    project.set_visible("buildings", False)
    project.set_opacity("water", 0.6)
    project.capture_theme("水系")
    project.set_visible("buildings", True)
    project.set_visible("water", False)
    project.set_target_visible("t1", False)
    project.capture_theme("建筑")
    seen = []
    project.subscribe(lambda what, item: seen.append((what, getattr(item, "id", None))))
    project.apply_theme("水系")
    assert [(s.id, s.visible, s.opacity) for s in project.layers] == [
        ("water", True, 0.6),
        ("green", True, 1.0),
        ("buildings", False, 1.0),
    ]
    assert project.target("t1")["visible"] is True
    assert ("visible", "buildings") in seen and ("visible", "water") in seen
    project.rename_theme("建筑", "Buildings 2025")
    with pytest.raises(ValueError, match="exists already"):
        project.rename_theme("水系", "Buildings 2025")
    project.add_bookmark("生态岛", [117.74, 39.14, 117.76, 39.15])
    save_project(project)
    again = load_project(path)
    assert [t["name"] for t in again.themes] == ["水系", "Buildings 2025"]
    again.apply_theme("Buildings 2025")
    assert [s.visible for s in again.layers] == [False, True, True]
    assert again.target("t1")["visible"] is False
    assert again.bookmark("生态岛")["bounds"] == [117.74, 39.14, 117.76, 39.15]
    again.delete_theme("水系")
    assert [t["name"] for t in again.themes] == ["Buildings 2025"]


def test_format_1_projects_open_and_are_saved_as_the_current_format(tmp_path):
    from ecoviewer.project_file import FORMAT_VERSION, MIGRATIONS

    assert FORMAT_VERSION == 2 and sorted(MIGRATIONS) == [1]
    path = write(
        tmp_path,
        """version = 1
[project]
name = "old"
[[layers]]
id = "a"
path = "a.geojson"
[[themes]]
name = "t"
[themes.layers]
a = { visible = false }
[[scenes]]
title = "s"
theme = "t"
""",
    )
    project = load_project(path)
    assert project.migrated_from == 1 and project.theme("t")["layers"]["a"]["visible"] is False
    save_project(project)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["version"] == 2
    assert load_project(path).migrated_from is None


def test_plan_theme_data_must_name_layers(tmp_path):
    path = write(
        tmp_path,
        """version = 2
[[layers]]
id = "a"
path = "a.geojson"
[[themes]]
name = "plan"
data = { a = "a_2025" }
[themes.layers]
a = { visible = true }
""",
    )
    with pytest.raises(ProjectError) as err:
        load_project(path)
    assert str(err.value) == "p.toml: theme 'plan': data names no layer 'a_2025'"


def test_renaming_or_deleting_a_theme_keeps_scenes_loadable(tmp_path):
    project = load_project(SAMPLE)
    project.rename_theme("水系 Water system", "水 Water")
    assert project.scenes[1]["theme"] == "水 Water"
    project.delete_theme("绿色交通 Green transport")
    project.delete_bookmark("全城 Whole city")
    assert "theme" not in project.scenes[4] and "bookmark" not in project.scenes[0]
    out = tmp_path / "p.toml"
    save_project(project, out)
    again = load_project(out)  # every scene still names only what exists
    assert [s.get("theme") for s in again.scenes][:2] == ["总览 Overview", "水 Water"]


def test_plan_theme_puts_plan_layers_in_target_evaluation(sample_tables):
    from ecoviewer.targets import evaluate_targets

    project, tables = sample_tables
    project = load_project(SAMPLE)  # our own copy: themes change it
    seen = []
    project.subscribe(lambda what, item: seen.append(what))
    today = {r.id: r for r in evaluate_targets(project, tables)}
    project.apply_theme("水系 2025 规划 Water plan 2025")
    assert project.substitute == {"shoreline": "shoreline_2025"} and "substitute" in seen
    plan = {r.id: r for r in evaluate_targets(project, tables)}
    # hand count: 4 of 28 equal-length segments hardened today, all ecological in the plan
    shore = tables["shoreline"]
    eco = shore.fields["type"] == "ecological"
    lengths = shapely.length(shore.metric_geometry("EPSG:4548"))
    assert today["shoreline_retention"].value == pytest.approx(100 * lengths[eco].sum() / lengths.sum())
    assert today["shoreline_retention"].status == "missed"
    assert plan["shoreline_retention"].value == pytest.approx(100.0)
    assert plan["shoreline_retention"].status == "met"
    assert plan["pm25"].value == today["pm25"].value  # targets on other layers unchanged
    project.apply_theme("水系 Water system")
    assert project.substitute == {}


def test_plan_data_follows_what_is_shown_and_survives_saving(sample_tables, tmp_path):
    """Which layer a target reads is derived from what is visible: a saved file, the command
    line and the map agree, and toggling by hand switches back."""
    from ecoviewer.targets import evaluate_targets

    _, tables = sample_tables
    project = load_project(SAMPLE)
    events = []
    project.subscribe(lambda what, item: events.append((what, item)) if what == "substitute" else None)
    project.apply_theme("水系 2025 规划 Water plan 2025")
    assert events == [("substitute", {"shoreline": "shoreline_2025"})]  # once per theme
    project.set_visible("shoreline", True)  # both shown: targets read today's layer
    assert project.substitute == {} and events[-1] == ("substitute", {})
    project.set_visible("shoreline", False)
    out = save_project(project, tmp_path / "plan.toml")
    again = load_project(out)
    assert again.substitute == {"shoreline": "shoreline_2025"}
    shore = next(r for r in evaluate_targets(again, tables) if r.id == "shoreline_retention")
    assert shore.status == "met" and shore.target.layer == "shoreline_2025"
    assert project.substitute_for("水系 Water system") == {}
    assert project.substitute_for("水系 2025 规划 Water plan 2025") == {"shoreline": "shoreline_2025"}


def test_removing_a_plan_layer_keeps_the_file_loadable(tmp_path):
    project = load_project(SAMPLE)
    project.remove_layer("shoreline_2025")
    assert "data" not in project.theme("水系 2025 规划 Water plan 2025")
    out = save_project(project, tmp_path / "p.toml")
    assert [s.id for s in load_project(out).layers if s.id.startswith("shore")] == ["shoreline"]


def test_a_detached_copy_shares_nothing_with_the_original():
    project = load_project(SAMPLE)
    seen = []
    project.subscribe(lambda what, item: seen.append(what))
    twin = project.detached()
    twin.apply_theme("绿色交通 Green transport")
    twin.themes[0]["name"] = "changed"
    assert seen == [] and project.themes[0]["name"] == "总览 Overview"
    assert project.layer("water_network").visible and not twin.layer("water_network").visible


def test_theme_edits_keep_the_plan_data_in_step():
    project = load_project(SAMPLE)
    events = []
    project.subscribe(lambda what, item: events.append(item) if what == "substitute" else None)
    project.apply_theme("水系 2025 规划 Water plan 2025")
    project.delete_theme("水系 2025 规划 Water plan 2025")  # its data no longer applies
    assert project.substitute == {} and events == [{"shoreline": "shoreline_2025"}, {}]
    # a layer listed without "visible" is shown by the theme, everywhere alike
    project.themes[0]["layers"]["transit"] = {}
    assert "transit" in project.theme_layers(project.themes[0]["name"])
    project.apply_theme(project.themes[0]["name"])
    assert project.layer("transit").visible
