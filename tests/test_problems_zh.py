"""Problem lines in the Chinese UI: every problem the readers report for the hostile corpus
(and the real files beside the checkout, when present) is said in Chinese, its file name
and values kept; only GDAL's own warnings pass through, marked as the original words. The
file dialog's labels that Qt's catalogue lacks are translated too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ecoviewer.app.problems_zh import PATTERNS, localize
from ecoviewer.sources import LayerError, read_layer

from .conftest import ROOT

HOSTILE = ROOT / "tests" / "data" / "hostile"
REAL = ROOT.parent / "shared" / "realdata"
SIDE_FILES = {
    ".dbf",
    ".shx",
    ".prj",
    ".cpg",
    ".qix",
    ".sbn",
    ".sbx",
    ".xml",
    ".py",
    ".md",
    ".txt",
    ".toml",
    ".qmd",
}
# GDAL's own words (its warnings are passed on as they are)
GDAL_PHRASES = (
    "Failed to read GeoJSON data",
    "Invalid value type found",
    "Non closed ring",
    "Unsupported geometry type",
    "parsed incompletely",
)
CJK = re.compile(r"[\u3400-\u9fff]")


def problem_lines(folder: Path) -> list[str]:
    lines = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() and not path.suffix == ".geojson":
            continue
        if path.suffix.lower() in SIDE_FILES:
            continue
        try:
            table = read_layer(path)
        except LayerError as exc:
            lines.append(str(exc))
            continue
        lines += [f"{path}: {p}" for p in table.problems]
    return lines


def test_every_reader_problem_of_the_hostile_corpus_is_said_in_chinese():
    lines = problem_lines(HOSTILE)
    assert len(lines) >= 20
    ours = [line for line in lines if not any(p in line for p in GDAL_PHRASES)]
    for line in ours:
        zh = localize(line, "zh")
        assert "（原文）" not in zh, line
        head = line.split(": ", 1)[0]
        assert zh.startswith(head + "：") and CJK.search(zh[len(head) :]), (line, zh)
    for line in set(lines) - set(ours):
        assert localize(line, "zh").endswith(line.split(": ", 1)[1])  # GDAL's words kept


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/realdata is not beside the checkout")
def test_every_reader_problem_of_the_real_files_is_said_in_chinese():
    lines = [line for line in problem_lines(REAL) if not any(p in line for p in GDAL_PHRASES)]
    assert lines
    for line in lines:
        assert "（原文）" not in localize(line, "zh"), line


@pytest.mark.parametrize(
    "line, expected",
    [
        (
            "a.geojson: 3 invalid geometries repaired with make_valid (features 1, 5, 9)",
            "a.geojson：3 个无效几何已用 make_valid 修复（要素 1, 5, 9）",
        ),
        (
            "roads.shp: field 'NAME': 573 values hold text already damaged in the file "
            "(U+FFFD / 锟斤拷); shown as stored",
            "roads.shp：字段“NAME”：573 个值的文字在文件中已损坏（U+FFFD / 锟斤拷）；按原样显示",
        ),
        ("x.gpkg: file not found", "x.gpkg：找不到文件"),
        (
            "p.toml: not valid TOML: Expected '=' (at line 2, column 3)",
            "p.toml：不是有效的 TOML：Expected '=' (at line 2, column 3)",
        ),
        (
            "data/a.geojson: unknown kind 'heatmap' (one of single, categorized, graduated); "
            "drawn with the default style",
            "data/a.geojson：未知的样式类型“heatmap”（可选：single, categorized, graduated）；以默认样式绘制",
        ),
    ],
)
def test_known_problems_in_chinese(line, expected):
    assert localize(line, "zh") == expected
    assert localize(line, "en") == line


def test_every_pattern_has_a_template_for_its_groups():
    for pattern, template in PATTERNS:
        names = set(re.compile(pattern).groupindex)
        assert set(re.findall(r"{(\w+)}", template)) <= names, pattern


def test_the_window_says_problems_and_qt_dialogs_in_chinese(window, tmp_path):
    from PySide6.QtWidgets import QFileDialog, QLabel

    assert window.add_layer_files([str(HOSTILE / "lying_cpg.shp")]) == 1
    lines = [window.messages.item(i).text() for i in range(window.messages.count())]
    cpg = [line for line in lines if ".cpg" in line]
    assert cpg and all("编码" in line for line in cpg), cpg
    spec = window.project.layers[-1]
    problems = dict(window.layer_properties(spec))["问题"]
    assert ".cpg 文件声明编码" in problems
    window.project.remove_layer(spec.id)
    dialog = QFileDialog(window, "x")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert texts and all(CJK.search(t) for t in texts), texts
    dialog.deleteLater()


def test_a_very_long_line_is_not_a_hang():
    """A message can echo a hostile file's names: kilobytes with many ": " in them. Lines
    are matched only after the first few ": " and up to MATCH_CHARS; past that they are
    shown as they came (a 10 KB line took 43 s with the first version of the patterns)."""
    from ecoviewer.app.problems_zh import MATCH_CHARS

    line = "evil.geojson: " + "a: " * 7000 + "; drawn with the default style"
    zh = localize(line, "zh")
    assert zh == "evil.geojson：（原文）" + line.split(": ", 1)[1]
    short = (
        "evil.geojson: field '"
        + "x: " * ((MATCH_CHARS - 120) // 3)
        + "': 3 values are not valid UTF-8 text; the undecodable bytes are shown as U+FFFD"
    )
    assert len(short) <= MATCH_CHARS
    assert localize(short, "zh").startswith("evil.geojson：字段“x: ")
