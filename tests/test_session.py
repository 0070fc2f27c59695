"""The session (Qt-free): the open project's state and its typed signals, the compare diff and
the presentation strip, tested without a screen."""

from __future__ import annotations

import datetime as dt

from ecoviewer.project import load_project
from ecoviewer.session import Difference, Session, compare_results
from ecoviewer.targets import evaluate_targets

from .conftest import SAMPLE


def recorder(signal):
    got = []
    signal.connect(lambda *args: got.append(args))
    return got


def test_state_changes_are_announced_once_each(sample_tables):
    project, tables = sample_tables
    session = Session()
    opened, loaded, failed = (
        recorder(session.project_changed),
        recorder(session.layer_loaded),
        recorder(session.layer_failed),
    )
    evaluated, moved = recorder(session.targets_evaluated), recorder(session.view_changed)
    session.open(project)
    assert opened == [(project,)] and session.tables == {} and session.results == []
    session.add_table("districts", tables["districts"])
    session.fail_layer("shoreline", "shoreline.fgb: file not found")
    assert loaded == [("districts", tables["districts"])]
    assert failed == [("shoreline", "shoreline.fgb: file not found")]
    assert session.errors == {"shoreline": "shoreline.fgb: file not found"}
    when = dt.datetime(2026, 12, 2, 9, 30)
    results = evaluate_targets(project, tables)
    session.set_results(results, when)
    assert evaluated == [(results, when)] and session.evaluated_at == when
    session.set_view({"zoom": 13, "center": [117.75, 39.13]})
    assert moved == [({"zoom": 13, "center": [117.75, 39.13]},)]
    # another project: nothing of this one stays
    session.open(load_project(SAMPLE))
    assert session.tables == {} and session.errors == {} and session.results == []
    assert session.evaluated_at is None and len(opened) == 2


def test_the_compare_diff_is_computed_in_the_core(sample_tables):
    project, tables = sample_tables
    session = Session(project)
    changes = recorder(session.compare_changed)
    today = evaluate_targets(project, tables, substitute={})
    plan = evaluate_targets(
        project, tables, substitute=project.substitute_for("水系 2025 规划 Water plan 2025")
    )
    shown = {"tap_water", "wetland_protection", "shoreline_retention"}
    diffs = session.start_compare("水系 Water system", "水系 2025 规划 Water plan 2025", today, plan, shown)
    [d] = diffs
    assert isinstance(d, Difference) and d.target_id == "shoreline_retention"
    assert (d.left_status, d.right_status) == ("missed", "met")
    assert round(d.left_value, 1) == 85.7 and round(d.right_value, 1) == 100.0
    assert changes == [(("水系 Water system", "水系 2025 规划 Water plan 2025"),)]
    assert session.end_compare() and not session.end_compare()
    assert changes[-1] == (None,) and session.differences == []
    # a target not shown on either side is not listed, however it differs
    assert compare_results(today, plan, {"pm25"}) == []


def test_the_presentation_strip(sample_tables):
    project, tables = sample_tables
    session = Session(project)
    session.set_results(evaluate_targets(project, tables))
    text = session.scene_strip(1, "zh")
    assert text.startswith(f"2/{len(project.scenes)}  {project.scenes[1]['title']}    ")
    shore = next(r for r in session.results if r.id == "shoreline_retention")
    assert f"生态岸线保有率 {shore.value_with_unit()} ✗" in text
    pm = next(r for r in session.results if r.id == "pm25")
    assert f"PM2.5 annual mean {pm.value_with_unit()} ✓" in session.scene_strip(0, "en")
    # with the way each target with a series goes: the shoreline rising, PM2.5 falling
    assert f"生态岸线保有率 {shore.value_with_unit()} ✗ ↗" in text
    assert f"PM2.5 annual mean {pm.value_with_unit()} ✓ ↘" in session.scene_strip(0, "en")
    wetland = next(r for r in session.results if r.id == "wetland_protection")  # no series: no arrow
    assert f"湿地保护率 {wetland.value_with_unit()} ✓  ·" in text or text.endswith(
        f"湿地保护率 {wetland.value_with_unit()} ✓"
    )


def test_a_targets_layers_and_the_selection(sample_tables):
    project, tables = sample_tables
    session = Session(project)
    for layer_id, table in tables.items():
        session.add_table(layer_id, table)
    session.set_results(evaluate_targets(project, tables))
    by_id = {r.id: r for r in session.results}
    # measured layer first, then what it is measured against (within / of / population)
    assert session.measured_layers(by_id["wetland_protection"])[:2] == ["garden_zones", "protected_areas"]
    assert session.measured_layers(by_id["park_5min"])[:2] == ["green_buildings", "garden_zones"]
    assert session.measured_layers(by_id["green_space_per_capita"])[:2] == ["garden_zones", "districts"]
    # a layer not loaded is not a layer to show
    session.drop_layer("protected_areas")
    assert "protected_areas" not in session.measured_layers(by_id["wetland_protection"])
    selected = recorder(session.selection_changed)
    assert session.select("park_5min") is by_id["park_5min"] and session.selected == "park_5min"
    assert session.select("no_such_target") is None and session.selected is None
    assert selected == [("park_5min",), (None,)]
