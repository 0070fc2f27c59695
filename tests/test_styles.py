"""Symbology: classes computed per feature with whole arrays; clear errors for bad styles."""

import numpy as np
import pytest

from ecoviewer.project import LayerSpec
from ecoviewer.styles import StyleError, classify, label_mask, resolve_style


def spec(style):
    return LayerSpec(id="x", path="x.geojson", title={"zh": "测试", "en": "Test"}, style=style)


def test_categorized_classes_and_legend():
    style = resolve_style(
        spec(
            {
                "kind": "categorized",
                "field": "kind",
                "categories": {
                    "lake": {"color": "#4292c6", "label": {"zh": "湖泊", "en": "Lake"}},
                    "river": "#2171b5",
                },
            }
        ),
        ["kind"],
    )
    fields = {"kind": np.array(["river", "lake", "canal", None], dtype=object)}
    assert classify(style, fields, 4).tolist() == [1, 0, -1, -1]
    assert [(e.label, e.color) for e in style.legend("polygon", "zh")] == [
        ("湖泊", "#4292c6"),
        ("river", "#2171b5"),
    ]
    assert [e.label for e in style.legend("polygon", "en")] == ["Lake", "river"]


def test_graduated_breaks_are_upper_bounds():
    style = resolve_style(
        spec(
            {
                "kind": "graduated",
                "field": "pm25",
                "classes": [
                    {"max": 35, "color": "#1a9850"},
                    {"max": 43, "color": "#fee08b"},
                    {"max": 1000, "color": "#d73027"},
                ],
            }
        ),
        ["pm25"],
    )
    values = np.array([12.0, 35.0, 35.1, 43.0, 43.5, np.nan, 5000.0])
    assert classify(style, {"pm25": values}, 7).tolist() == [0, 0, 1, 1, 2, -1, -1]


def test_numeric_categories_match_their_text():
    style = resolve_style(
        spec({"kind": "categorized", "field": "stars", "categories": {"3": "#f00", "1": "#0f0"}}), ["stars"]
    )
    assert classify(style, {"stars": np.array([1, 3, 2], dtype=np.int32)}, 3).tolist() == [1, 0, -1]


def test_labels_only_where_asked():
    style = resolve_style(
        spec({"label": "name", "label_where": {"mode": ["metro_station"]}}), ["name", "mode"]
    )
    fields = {"name": np.array(["北塘", "Z4"], object), "mode": np.array(["metro_station", "metro"], object)}
    assert label_mask(style, fields, 2).tolist() == [True, False]


@pytest.mark.parametrize(
    "style, message",
    [
        ({"kind": "pie"}, "layer 'x' style: unknown kind 'pie' (one of single, categorized, graduated)"),
        ({"kind": "categorized"}, "layer 'x' style: kind 'categorized' needs a 'field'"),
        (
            {"kind": "categorized", "field": "nope"},
            "layer 'x' style: no field 'nope' in the layer (it has name, kind)",
        ),
        (
            {"kind": "graduated", "field": "name", "classes": [{"max": 5}, {"max": 2}]},
            "layer 'x' style: class 'max' values must increase",
        ),
        ({"weight": "thick"}, "layer 'x' style: 'weight' must be a number, not 'thick'"),
    ],
)
def test_bad_styles(style, message):
    with pytest.raises(StyleError) as err:
        resolve_style(spec(style), ["name", "kind"])
    assert str(err.value) == message
