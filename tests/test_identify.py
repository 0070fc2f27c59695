"""Identify lists every feature under a click, on every visible layer, nearest first."""

import numpy as np
from shapely.geometry import Point, box

from ecoviewer.identify import degrees_per_pixel, identify
from ecoviewer.sources import read_layer

from .conftest import write_layer


def test_overlapping_features_on_several_layers_are_all_listed(tmp_path):
    zones = read_layer(
        write_layer(
            tmp_path / "z.geojson",
            [
                box(117.70, 39.10, 117.80, 39.20),
                box(117.74, 39.14, 117.76, 39.16),
                box(117.90, 39.30, 117.91, 39.31),
            ],
            {"name": np.array(["大区", "小区", "远处"], dtype=object)},
        )
    )
    stops = read_layer(
        write_layer(
            tmp_path / "s.geojson",
            [Point(117.7501, 39.15), Point(117.79, 39.19)],
            {"name": np.array(["站甲", "站乙"], dtype=object)},
        )
    )
    tables = {"zones": zones, "stops": stops}
    hits = identify(tables, ["zones", "stops"], 117.75, 39.15, zoom=15)
    # the stop is 0.0001° away: within 5 px at zoom 15 (5 × 0.000043°); listed first (top layer)
    assert [(h.layer_id, h.attributes["name"]) for h in hits] == [
        ("stops", "站甲"),
        ("zones", "大区"),
        ("zones", "小区"),
    ]
    assert hits[1].distance == 0.0
    # zoomed out, the same click also reaches the farther stop? no: 0.04° is ~2000 px at z15,
    # but at zoom 8 five pixels are 0.0069°, still short of it
    assert [h.attributes["name"] for h in identify(tables, ["stops"], 117.75, 39.15, zoom=8)] == ["站甲"]
    assert identify(tables, ["zones"], 117.95, 39.35, zoom=15) == []
    assert degrees_per_pixel(0) == 360 / 256
