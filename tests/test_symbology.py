"""Making styles from data (symbology.py), QGIS .qml styles in and out (qml.py), the proposed
measure CRS — all without Qt."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from ecoviewer import symbology
from ecoviewer.crs import measure_crs_for
from ecoviewer.project import LayerSpec, load_project
from ecoviewer.qml import QmlError, export_qml, keep_labels, parse_qml
from ecoviewer.styles import StyleError, classify, resolve_style

DATA = Path(__file__).parent / "data"
SAMPLE = Path(__file__).parents[1] / "layers" / "ecocity.toml"


def test_unique_values_with_counts_sorted_numbers_then_text():
    col = np.array(["b", "a", None, "b", 3, 10, 3.0, ""], dtype=object)
    assert symbology.unique_counts(col) == [(3, 2), (10, 1), ("a", 1), ("b", 2)]


def test_equal_interval_quantile_and_jenks_breaks_by_hand():
    values = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], dtype=float)
    # equal interval over 1…10 in 3 classes: width 3, bounds 4, 7, 10
    assert symbology.breaks(values, "equal_interval", 3) == [4.0, 7.0, 10.0]
    # quantiles at 50 %: the median of 1…10 is 5.5
    assert symbology.breaks(values, "quantile", 2) == [5.5, 10.0]
    # natural breaks: two clear groups split where the gap is
    grouped = np.array([1, 1.2, 1.1, 0.9, 50, 51, 49.5, 50.5])
    assert symbology.breaks(grouped, "natural_breaks", 2) == [1.2, 51.0]
    # fewer distinct values than classes: one class per value
    assert symbology.breaks(np.array([2.0, 2.0, 7.0]), "quantile", 5) == [2.0, 7.0]
    with pytest.raises(ValueError, match="no numbers"):
        symbology.breaks(np.array([np.nan]), "quantile", 3)


def test_jenks_on_a_big_field_is_sampled_reproducibly_and_keeps_the_range():
    rng = np.random.default_rng(5)
    values = np.concatenate([rng.normal(10, 1, 50_000), rng.normal(100, 5, 50_000)])
    a = symbology.breaks(values, "natural_breaks", 2)
    assert a == symbology.breaks(values, "natural_breaks", 2)  # same sample, same breaks
    assert a[-1] == round(values.max(), 2) or a[-1] == values.max()
    assert 11 < a[0] < 80  # the split falls after the lower group (its sampled maximum)


def test_graduated_style_classifies_like_its_breaks():
    values = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], dtype=float)
    style = symbology.graduated("v", values, "equal_interval", 3, ramp="ylorrd")
    assert [c["max"] for c in style["classes"]] == [4.0, 7.0, 10.0]
    assert [c["label"] for c in style["classes"]] == ["1 – 4", "4 – 7", "7 – 10"]
    assert style["classes"][0]["color"] != style["classes"][-1]["color"]
    spec = LayerSpec(id="x", path="x.csv", style=style)
    resolved = resolve_style(spec, ["v"])
    assert classify(resolved, {"v": values}, 10).tolist() == [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]


def test_categories_merged_and_all_other_values():
    col = np.array(["a", "b", "c", "d", None], dtype=object)
    style = {
        "kind": "categorized",
        "field": "k",
        "categories": {"a": {"color": "#ff0000", "values": ["b"]}, "c": {"color": "#00ff00"}},
        "other": {"color": "#0000ff", "label": "其他"},
    }
    resolved = resolve_style(LayerSpec(id="x", path="x", style=style), ["k"])
    assert classify(resolved, {"k": col}, 5).tolist() == [0, 0, 1, 2, 2]
    assert [e.label for e in resolved.legend("polygon", "zh")] == ["a", "c", "其他"]
    bad = {**style, "categories": {"a": {"color": "#ff0000", "values": "b"}}}
    with pytest.raises(StyleError, match="'values' must be a list"):
        resolve_style(LayerSpec(id="x", path="x", style=bad), ["k"])


def test_category_keys_are_type_tolerant():
    resolved = resolve_style(
        LayerSpec(
            id="x",
            path="x",
            style={"kind": "categorized", "field": "code", "categories": {"120116": "#ff0000"}},
        ),
        ["code"],
    )
    assert classify(resolved, {"code": np.array([120116.0, 120117.0])}, 2).tolist() == [0, -1]
    assert symbology.category_key(120116.0) == "120116"


def test_first_style_categorized_graduated_or_single(sample_tables):
    _, tables = sample_tables
    gb = tables["green_buildings"]
    style = symbology.first_style(gb.fields, gb.shape)
    assert style["kind"] == "categorized"
    # the first text field with 2–12 values: its values, each a class
    field = style["field"]
    assert set(style["categories"]) == {
        symbology.category_key(v) for v, _ in symbology.unique_counts(gb.fields[field])
    }
    air = tables["air_stations"]
    numeric = {k: v for k, v in air.fields.items() if symbology.is_numeric(v)}
    style = symbology.first_style(numeric, "point")
    assert style["kind"] == "graduated" and style["field"] == "pm25_2019"
    assert symbology.first_style({"id": np.arange(20)}, "polygon")["kind"] == "single"


def test_histogram_counts_every_value():
    counts, edges = symbology.histogram(np.array([0, 1, 1, 2, 9, 10, np.nan]), bins=5)
    assert counts == [3, 1, 0, 0, 2] and edges[0] == 0 and edges[-1] == 10


def test_measure_crs_is_the_gauss_kruger_zone_of_the_data():
    assert measure_crs_for([117.705, 39.076, 117.845, 39.212]) == "EPSG:4548"  # CM 117°E
    assert measure_crs_for([121.4, 31.1, 121.6, 31.3]) == "EPSG:4550"  # Shanghai east of 121.5°: CM 123°E
    assert measure_crs_for([113.2, 23.0, 113.4, 23.2]) == "EPSG:4547"  # Guangzhou: CM 114°E (4534 + 13)
    assert measure_crs_for([2.3, 48.8, 2.4, 48.9]) == "EPSG:32631"  # Paris: UTM 31N


# -- QGIS .qml --------------------------------------------------------------------------------


def test_qml_written_by_qgis_rules_imports_as_the_sample_style():
    result = parse_qml((DATA / "green_buildings.qml").read_bytes())
    assert result.unsupported == []
    sample = load_project(SAMPLE).layer("green_buildings").style
    style = keep_labels(result.style, sample)
    for key in ("kind", "field", "stroke", "weight", "fill_opacity", "categories", "tooltip"):
        assert style[key] == sample[key], key
    assert style["label"] == "name"


def test_qml_export_has_qgis_shape_and_round_trips():
    sample = load_project(SAMPLE).layer("green_buildings").style
    text, left = export_qml(sample, "polygon", "zh")
    assert left == ["tooltip fields are not part of a QGIS style (QGIS's map tip is an HTML template)"]
    root = ET.fromstring(text.split("\n", 1)[1])
    assert root.tag == "qgis" and re.match(r"3\.\d+", root.get("version"))
    renderer = root.find("renderer-v2")
    assert renderer.get("type") == "categorizedSymbol" and renderer.get("attr") == "category"
    cats = renderer.findall("categories/category")
    assert next((c.get("value"), c.get("label"), c.get("symbol")) for c in cats) == ("passive", "被动式", "0")
    fill = renderer.find("symbols/symbol[@name='0']/layer[@class='SimpleFill']/Option")
    opts = {o.get("name"): o.get("value") for o in fill}
    assert opts["color"] == "217,95,2,230"  # #d95f02 at fill_opacity 0.9
    assert opts["outline_color"] == "90,61,43,255"
    assert abs(float(opts["outline_width"]) - 0.5 * 25.4 / 96) < 1e-4  # 0.5 px in mm
    # and back: the same style (one language of the labels, kept bilingual by keep_labels)
    back = keep_labels(parse_qml(text.encode()).style, sample)
    assert {k: back[k] for k in sample} == sample


def test_qml_graduated_points_round_trip():
    sample = load_project(SAMPLE).layer("air_stations").style
    text, _ = export_qml(sample, "point", "en")
    root = ET.fromstring(text.split("\n", 1)[1])
    ranges = root.findall("renderer-v2/ranges/range")
    assert [float(r.get("upper")) for r in ranges] == [35, 43, 1000]
    assert [float(r.get("lower")) for r in ranges][1:] == [35, 43]
    back = parse_qml(text.encode()).style
    assert back["classes"] == sample["classes"] and back["radius"] == 8.0 and back["label"] == "name"


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (b"<qgis version='3.34'><renderer-v2 type='RuleRenderer'/></qgis>", "rule-based renderer"),
        (b"<qgis version='3.34'><pipe/></qgis>", "a raster style"),
        (
            b"<qgis><renderer-v2 type='categorizedSymbol' attr='&quot;a&quot; || &quot;b&quot;'/></qgis>",
            "expression",
        ),
        (b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]><qgis/>", "declares XML entities"),
        (b"<style/>", "not a QGIS style"),
        (b"<qgis", "not readable XML"),
        (
            b"<qgis><renderer-v2 type='graduatedSymbol' attr='v'><ranges><range symbol='0' lower='0' upper='9'/>"
            b"<range symbol='0' lower='9' upper='3'/></ranges></renderer-v2></qgis>",
            "not in increasing order",
        ),
    ],
)
def test_qml_that_cannot_be_a_style_says_why(xml, message):
    with pytest.raises(QmlError, match=message):
        parse_qml(xml)


def test_qml_from_a_newer_qgis_and_extra_layers_are_listed_not_dropped():
    text = (
        (DATA / "green_buildings.qml").read_text(encoding="utf-8").replace("3.34.4-Prizren", "4.2.0-Future")
    )
    text = text.replace('<symbol type="fill" name="1"', '<symbol type="fill" name="1" x="1"', 1)
    text = text.replace(
        '<layer class="SimpleFill" enabled="1" pass="0" locked="0">',
        '<layer class="SimpleFill" enabled="1" pass="0" locked="0"><Option type="Map"/></layer>'
        '<layer class="SimpleFill" enabled="1" pass="0" locked="0">',
        1,
    )
    result = parse_qml(text.encode())
    assert result.unsupported[0] == "written by QGIS 4.2.0, newer than the QGIS 3 format read here"
    assert any("2 symbol layers; only the first is used" in u for u in result.unsupported)


@pytest.mark.parametrize("k", [2, 3, 5, 7])
def test_closed_form_breaks_are_mapclassifys(k):
    import mapclassify

    values = np.random.default_rng(k).lognormal(3, 1, 5000)
    span = values.max() - values.min()
    for method, cls in (("equal_interval", mapclassify.EqualInterval), ("quantile", mapclassify.Quantiles)):
        ours = symbology.breaks(values, method, k)
        theirs = cls(values, k=k).bins
        assert len(ours) == len(theirs)
        np.testing.assert_allclose(ours, theirs, atol=span * 1e-3)


def test_qml_refuses_entities_in_any_encoding_and_survives_odd_numbers():
    utf16 = '<!DOCTYPE x [<!ENTITY a "aaaa">]><qgis/>'.encode("utf-16")
    with pytest.raises(QmlError, match="declares XML entities"):
        parse_qml(utf16)
    odd = (
        b"<qgis><renderer-v2 type='singleSymbol'><symbols><symbol name='0' type='fill'>"
        b"<layer class='SimpleFill'><prop k='color' v='1e999,0,0'/><prop k='outline_width' v='0.26'/></layer>"
        b"</symbol></symbols></renderer-v2></qgis>"
    )
    assert parse_qml(odd).style == {"kind": "single", "weight": 0.98}  # the colour is left out, the rest read
    with pytest.raises(QmlError, match="cannot be written as a QGIS style"):
        export_qml({"kind": "graduated", "field": "x", "classes": [{"color": "#ffffff"}]}, "polygon")


def test_float32_categories_and_label_filters_on_float_fields():
    col = np.array([0.1, 0.2, 0.1], dtype=np.float32)
    style = symbology.categorized("v", col)
    resolved = resolve_style(LayerSpec(id="x", path="x", style=style), ["v"])
    assert classify(resolved, {"v": col}, 3).tolist() == [0, 1, 0]
    from ecoviewer.styles import label_mask

    labelled = resolve_style(
        LayerSpec(
            id="x", path="x", style={"kind": "single", "label": "v", "label_where": {"code": ["120116"]}}
        ),
        ["v", "code"],
    )
    codes = np.array([120116.0, 120117.0, np.nan])  # a joined column: floats
    assert label_mask(labelled, {"v": col, "code": codes}, 3).tolist() == [True, False, False]


def test_unique_values_of_cells_holding_lists():
    col = np.array([[1, 2], [1, 2], "a"], dtype=object)
    assert symbology.unique_counts(col) == [("[1, 2]", 2), ("a", 1)]
