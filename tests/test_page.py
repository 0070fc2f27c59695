"""The page builder (Qt-free): local assets only, escaped attribute text, data-driven styles."""

import json
from html.parser import HTMLParser

import numpy as np
from shapely.geometry import Point, box

from ecoviewer.project import LayerSpec, Project
from ecoviewer.sources import read_layer
from ecoviewer.web.page import build_page, script_json

from .conftest import write_layer

EVIL = '<img src=x onerror="window.pwned=1"></script><script>window.pwned=2</script>'


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for key, value in attrs:
            if key in ("src", "href", "srcset", "poster", "data") and value:
                self.refs.append(value)


def evil_project(tmp_path):
    path = write_layer(
        tmp_path / "evil.geojson",
        [box(117.74, 39.13, 117.76, 39.15), Point(117.8, 39.2)],
        {"name": np.array([EVIL, "正常"], dtype=object)},
    )
    spec = LayerSpec(
        id="evil",
        path=str(path),
        title={"zh": "恶意", "en": "Evil"},
        style={
            "kind": "single",
            "color": "#d62728",
            "fill_opacity": 1,
            "weight": 0,
            "tooltip": ["name"],
            "label": "name",
        },
    )
    project = Project(name="t", layers=[spec], view={"bounds": [117.73, 39.12, 117.81, 39.21]})
    return project, {"evil": read_layer(path, layer_id="evil")}


def test_sample_page_references_nothing_remote(sample_tables):
    project, tables = sample_tables
    html = build_page(project, tables)
    parser = _Refs()
    parser.feed(html)
    remote = [r for r in parser.refs if r.lower().startswith(("http:", "https:", "//"))]
    assert remote == []
    assert "@import" not in html and "url(http" not in html and "url(//" not in html
    assert "L.map(" in html and "ecoviewer.addLayer(" in html  # leaflet + our API are inline
    # the only script with a src is Qt's local web-channel file
    assert [r for r in parser.refs if r.endswith(".js")] == ["qrc:///qtwebchannel/qwebchannel.js"]
    offline = build_page(project, tables, bridge=False)
    assert "qrc:" not in offline


def test_attribute_text_cannot_break_out_of_the_script(tmp_path):
    project, tables = evil_project(tmp_path)
    html = build_page(project, tables)
    assert EVIL not in html and "<img src=x" not in html
    assert "</script><script>window.pwned" not in html
    assert "\\u003cimg src=x onerror=" in html
    parser = _Refs()
    parser.feed(html)
    assert "img" not in parser.tags


def test_script_json_round_trips():
    value = {"a": "</script><!-- \u2028 & 生态"}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


def test_long_labels_are_cut(tmp_path):
    """A 20,000-character label value drew one line across the whole map."""
    from ecoviewer.web.page import LABEL_MAX, layer_payload

    path = write_layer(
        tmp_path / "long.geojson",
        [Point(117.75, 39.14), Point(117.76, 39.15)],
        {"name": np.array(["生态" * 10_000, "短"], dtype=object)},
    )
    spec = LayerSpec(id="long", path=str(path), style={"label": "name"})
    data = json.loads(layer_payload(spec, read_layer(path, layer_id="long")).data)
    texts = [label[2] for label in data["labels"]]
    assert texts == [("生态" * LABEL_MAX)[: LABEL_MAX - 1] + "…", "短"]
