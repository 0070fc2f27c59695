"""Joining statistics tables to layers (joins.py): CSV in UTF-8 or GBK, XLSX/ODS sheets,
type-tolerant keys, every mismatch counted in words; stored as [[joins]] and redone on open."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyogrio import raw

from ecoviewer.joins import JoinError, apply_joins, join_key, read_table
from ecoviewer.project import load_project, save_project
from ecoviewer.sources import read_project_layers
from ecoviewer.targets import evaluate_targets
from tests.conftest import write_layer

DISTRICTS = ["起步区", "中部片区", "北部片区", "临海新城"]


@pytest.fixture
def districts(tmp_path):
    boxes = [shapely.box(117.7 + i * 0.02, 39.1, 117.71 + i * 0.02, 39.11) for i in range(4)]
    write_layer(
        tmp_path / "districts.gpkg",
        boxes,
        {
            "name": np.array(DISTRICTS, dtype=object),
            "code": np.array([120116, 120117, 120118, 120119], dtype=np.int64),
        },
        driver="GPKG",
    )
    return tmp_path


def _project(folder: Path, joins: str) -> Path:
    path = folder / "p.toml"
    path.write_text(
        'version = 2\n[project]\nname = "j"\n[[layers]]\nid = "districts"\npath = "districts.gpkg"\n' + joins,
        encoding="utf-8",
    )
    return path


def test_keys_match_whatever_their_type():
    assert join_key(120116) == join_key("120116") == join_key(120116.0) == join_key(" 120116 ") == "120116"
    assert join_key("起步区 ") == "起步区"
    assert join_key(None) is None and join_key(float("nan")) is None and join_key("") is None
    assert join_key(1.5) != join_key(15)


def test_gbk_csv_joined_by_name_with_counts(districts):
    text = "片区,绿化率,备注\n起步区,41.5,甲\n中部片区,38,乙\n南部片区,30,丙\n"
    (districts / "stats.csv").write_bytes(text.encode("gbk"))
    path = _project(
        districts, '[[joins]]\nlayer = "districts"\npath = "stats.csv"\nkey = "name"\ntable_key = "片区"\n'
    )
    project = load_project(path)
    assert project.joins == [{"layer": "districts", "path": "stats.csv", "key": "name", "table_key": "片区"}]
    tables, errors = read_project_layers(project)
    t = tables["districts"]
    assert errors == {} and t.joined == ["绿化率", "备注"]
    np.testing.assert_array_equal(t.fields["绿化率"][:2], [41.5, 38.0])
    assert np.isnan(t.fields["绿化率"][2:]).all()
    assert t.fields["备注"].tolist() == ["甲", "乙", None, None]
    assert "stats.csv: 2 features joined, 2 without a row, 1 table keys without a feature" in t.problems


def test_utf8_bom_that_lies_and_duplicate_keys_are_said(districts):
    body = "code,人口\n120116,1\n120116,2\n120117,3\n120117,4\n120117,5\n120118,6\n120119,7\n".encode("gbk")
    (districts / "pop.csv").write_bytes(
        codecs.BOM_UTF8 + body.replace(b"\xc8\xcb\xbf\xda", "人口".encode("gbk"))
    )
    project = load_project(
        _project(
            districts, '[[joins]]\nlayer = "districts"\npath = "pop.csv"\nkey = "code"\ntable_key = "code"\n'
        )
    )
    t = read_project_layers(project)[0]["districts"]
    assert t.problems[:2] == [
        "pop.csv: starts with a UTF-8 mark but is GBK text; read as GB18030",
        "pop.csv: 3 repeated keys in 'code' ('120116' ×2, '120117' ×3); the first row of each is joined",
    ]
    assert t.fields["人口"].tolist() == [1.0, 3.0, 6.0, 7.0]  # ints in the CSV, the first of each key


def test_xlsx_sheet_by_name_numbers_as_text_and_a_clashing_column(districts):
    raw.write(
        str(districts / "stats.xlsx"),
        None,
        [np.array(["x"], dtype=object), np.array([0.0])],
        fields=["a", "b"],
        driver="XLSX",
        layer="2024",
        geometry_type=None,
    )
    raw.write(
        str(districts / "stats.xlsx"),
        None,
        [
            np.array(["120116", "120119"], dtype=object),
            np.array([12.0, 9.0]),
            np.array(["dup", "dup"], dtype=object),
        ],
        fields=["区划代码", "green_m2", "name"],
        driver="XLSX",
        layer="2025",
        geometry_type=None,
        append=True,
    )
    project = load_project(
        _project(
            districts,
            '[[joins]]\nlayer = "districts"\npath = "stats.xlsx"\nsheet = "2025"\nkey = "code"\ntable_key = "区划代码"\n',
        )
    )
    t = read_project_layers(project)[0]["districts"]
    assert t.joined == ["green_m2"]
    assert t.fields["name"].tolist() == DISTRICTS  # the layer's own field is kept
    assert "stats.xlsx: column 'name' is a field of the layer already; the layer's is kept" in t.problems
    np.testing.assert_array_equal(t.fields["green_m2"][[0, 3]], [12.0, 9.0])


def test_bad_tables_are_one_line_and_the_layer_still_loads(districts):
    (districts / "empty.csv").write_text("", encoding="utf-8")
    (districts / "header.csv").write_text("片区,x\n", encoding="utf-8")
    (districts / "bin.csv").write_bytes(b"\xff\xfe\x00\x81\x00" * 10)
    for ext, driver in (("ods", "ODS"), ("xlsx", "XLSX")):
        raw.write(str(districts / f"book.{ext}"), None, [np.array(["x"], dtype=object)], fields=["a"], driver=driver,
                  layer="2024", geometry_type=None)  # fmt: skip
        raw.write(str(districts / f"book.{ext}"), None, [np.array([], dtype=object)], fields=["a"], driver=driver,
                  layer="空表", geometry_type=None, append=True)  # fmt: skip
    raw.write(str(districts / "none.ods"), None, [np.array([], dtype=object)], fields=["a"], driver="ODS",
              layer="空表", geometry_type=None)  # fmt: skip
    cases = [
        ("empty.csv", None, "empty.csv: the table is empty"),
        ("header.csv", None, "header.csv: the table has a header but no rows"),
        ("bin.csv", None, "bin.csv: neither UTF-8 nor GBK text; save it as CSV UTF-8"),
        ("book.xlsx", "空表", "book.xlsx: sheet '空表' is empty"),
        ("book.ods", "2025", "book.ods: no sheet '2025' with data (it has 2024)"),
        ("none.ods", None, "none.ods: the workbook has no sheets with data"),
        ("missing.xlsx", None, "missing.xlsx: file not found"),
    ]
    for name, sheet, message in cases:
        with pytest.raises(JoinError) as exc:
            read_table(districts / name, sheet, name)
        assert str(exc.value) == message
    project = load_project(
        _project(
            districts,
            '[[joins]]\nlayer = "districts"\npath = "empty.csv"\nkey = "name"\ntable_key = "片区"\n',
        )
    )
    tables, errors = read_project_layers(project)
    assert errors == {} and len(tables["districts"]) == 4
    assert tables["districts"].problems == ["empty.csv: the table is empty"]


def test_a_join_feeds_targets_and_is_redone_when_the_table_changes(districts):
    (districts / "stats.csv").write_text(
        "name,score\n起步区,10\n中部片区,20\n北部片区,30\n临海新城,40\n", encoding="utf-8"
    )
    path = _project(
        districts,
        '[[joins]]\nlayer = "districts"\npath = "stats.csv"\nkey = "name"\ntable_key = "name"\n'
        '[[targets]]\nid = "s"\nmetric = "mean"\nlayer = "districts"\nfield = "score"\nop = ">="\ntarget = 20\n',
    )
    project = load_project(path)
    tables, _ = read_project_layers(project)
    assert evaluate_targets(project, tables)[0].value == pytest.approx(25.0)
    (districts / "stats.csv").write_text(
        "name,score\n起步区,1\n中部片区,2\n北部片区,3\n临海新城,4\n", encoding="utf-8"
    )
    apply_joins(project.joins, "districts", tables["districts"], project.base_dir)
    assert tables["districts"].joined == ["score"]
    assert evaluate_targets(project, tables)[0].value == pytest.approx(2.5)


def test_joins_saved_relative_and_a_join_on_a_missing_layer_refused(districts, tmp_path):
    (districts / "stats.csv").write_text("name,score\n起步区,10\n", encoding="utf-8")
    project = load_project(_project(districts, ""))
    project.add_join(
        {"layer": "districts", "path": str(districts / "stats.csv"), "key": "name", "table_key": "name"}
    )
    saved = save_project(project, districts / "again.toml")
    again = load_project(saved)
    assert again.joins == [{"layer": "districts", "path": "stats.csv", "key": "name", "table_key": "name"}]
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    shutil.copy(saved, moved / "p.toml")
    (moved / "p.toml").write_text(
        (moved / "p.toml")
        .read_text(encoding="utf-8")
        .replace('layer = "districts"\npath = "stats.csv"', 'layer = "roads"\npath = "stats.csv"'),
        encoding="utf-8",
    )
    from ecoviewer.project import ProjectError

    with pytest.raises(ProjectError, match=r"p\.toml: joins\[0\]: no layer 'roads'"):
        load_project(moved / "p.toml")


def test_long_codes_stay_exact_and_a_removed_layer_takes_its_joins(districts):
    assert join_key("123456789012345678") != join_key("123456789012345677")
    assert join_key("123456789012345678") == join_key(123456789012345678) == "123456789012345678"
    assert join_key("007") == join_key(7) == "7"  # as Excel drops the zeros
    (districts / "stats.csv").write_text("name,score\n起步区,10\n", encoding="utf-8")
    project = load_project(
        _project(
            districts,
            '[[joins]]\nlayer = "districts"\npath = "stats.csv"\nkey = "name"\ntable_key = "name"\n',
        )
    )
    project.remove_layer("districts")
    assert project.joins == []
    save_project(project)  # it would not load again with a join naming no layer
    assert load_project(project.path).joins == []


def test_joining_again_replaces_the_lines_it_said(districts):
    (districts / "stats.csv").write_text("name,score\n起步区,10\n南部,3\n", encoding="utf-8")
    project = load_project(
        _project(
            districts,
            '[[joins]]\nlayer = "districts"\npath = "stats.csv"\nkey = "name"\ntable_key = "name"\n',
        )
    )
    table = read_project_layers(project)[0]["districts"]
    once = list(table.problems)
    for _ in range(3):
        apply_joins(project.joins, "districts", table, project.base_dir)
    assert table.problems == once and len(once) == 1
