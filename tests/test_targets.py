"""Indicators against hand-computed results on tiny layers in EPSG:4548 (metres)."""

import csv

import numpy as np
import pytest
from shapely.geometry import LineString, Point, box

from ecoviewer.project import Project
from ecoviewer.sources import read_layer
from ecoviewer.targets import TargetError, evaluate_target, evaluate_targets, parse_target

from .conftest import SAMPLE, write_layer

# somewhere in the Eco-City, in EPSG:4548 metres
X0, Y0 = 566000.0, 4335000.0


def table(tmp_path, name, geoms, fields):
    geoms = [shift(g) for g in geoms]
    path = write_layer(tmp_path / f"{name}.gpkg", geoms, fields, crs="EPSG:4548")
    return read_layer(path, layer_id=name)


def shift(g):
    from shapely import affinity

    return affinity.translate(g, X0, Y0)


def obj(*values):
    return np.array(values, dtype=object)


def target(**kw):
    base = {"id": "t", "op": ">=", "target": 100, "unit": "%"}
    base.update(kw)
    return base


def test_length_share_and_responsible_segments(tmp_path):
    shore = table(
        tmp_path,
        "shore",
        [LineString([(0, 0), (300, 0)]), LineString([(300, 0), (400, 0)]), LineString([(400, 0), (1000, 0)])],
        {"type": obj("ecological", "hardened", "ecological")},
    )
    r = evaluate_target(
        target(metric="length_share", layer="shore", where={"type": "ecological"}), {"shore": shore}
    )
    assert r.value == pytest.approx(90.0, abs=1e-6)  # (300 + 600) / 1000
    assert r.status == "missed" and r.responsible["shore"].tolist() == [1]


def test_area_share_plain_and_within(tmp_path):
    zones = table(
        tmp_path,
        "zones",
        [box(0, 0, 100, 100), box(0, 1000, 200, 1200), box(1000, 0, 1100, 100)],
        {"category": obj("park", "wetland", "wetland")},
    )
    r = evaluate_target(
        target(metric="area_share", layer="zones", where={"category": "wetland"}), {"zones": zones}
    )
    assert r.value == pytest.approx(100 * 50000 / 60000, abs=1e-6)
    assert r.responsible["zones"].tolist() == [0]  # the park lowers the wetland share
    # wetland protection: half of the big wetland and all of the small one are protected
    reserve = table(
        tmp_path, "reserve", [box(0, 1000, 100, 1200), box(990, -10, 1110, 110)], {"name": obj("A", "B")}
    )
    r = evaluate_target(
        target(metric="area_share", layer="zones", where={"category": "wetland"}, within="reserve"),
        {"zones": zones, "reserve": reserve},
    )
    assert r.value == pytest.approx(100 * (20000 + 10000) / 50000, abs=1e-6)  # 60 %
    assert r.status == "missed" and r.responsible["zones"].tolist() == [1]


def test_count_share_with_and_without_weight(tmp_path):
    cats = obj("certified", "passive", "conventional", "prefabricated")
    blds = table(
        tmp_path,
        "b",
        [box(i * 50, 0, i * 50 + 20, 20) for i in range(4)],
        {"category": cats, "floor_area": np.array([100.0, 200.0, 300.0, 400.0])},
    )
    green = {"category": ["certified", "passive", "prefabricated", "zero_energy"]}
    r = evaluate_target(target(metric="count_share", layer="b", where=green), {"b": blds})
    assert r.value == pytest.approx(75.0) and r.responsible["b"].tolist() == [2]
    r = evaluate_target(
        target(metric="count_share", layer="b", where=green, weight="floor_area"), {"b": blds}
    )
    assert r.value == pytest.approx(70.0)  # (100 + 200 + 400) / 1000
    low = evaluate_target(
        target(metric="count_share", layer="b", where={"category": "conventional"}, op="<=", target=10),
        {"b": blds},
    )
    assert low.value == pytest.approx(25.0) and low.responsible["b"].tolist() == [2]


def test_mean_min_max_sum_with_where_and_weight(tmp_path):
    st = table(
        tmp_path,
        "st",
        [Point(i * 100, 0) for i in range(4)],
        {
            "pm25": np.array([40.0, 50.0, 30.0, 60.0]),
            "kind": obj("a", "a", "a", "b"),
            "w": np.array([1.0, 3.0, 1.0, 1.0]),
        },
    )
    t = {"st": st}
    pm = dict(layer="st", field="pm25", where={"kind": "a"}, op="<", target=43)
    r = evaluate_target(target(metric="mean", **pm), t)
    assert r.value == pytest.approx(40.0) and r.status == "met"
    assert r.responsible["st"].tolist() == [1]  # the station above the limit
    r = evaluate_target(target(metric="mean", weight="w", **pm), t)
    assert r.value == pytest.approx((40 + 150 + 30) / 5) and r.status == "missed"
    assert evaluate_target(target(metric="min", **pm), t).value == 30.0
    assert evaluate_target(target(metric="max", **pm), t).value == 50.0
    assert evaluate_target(target(metric="sum", **pm), t).value == 120.0
    assert evaluate_target(target(metric="sum", weight="w", **pm), t).value == 220.0


def test_coverage_of_points_by_distance_and_weight(tmp_path):
    park = table(tmp_path, "park", [box(-100, -100, 0, 100)], {"category": obj("park")})
    homes = table(
        tmp_path,
        "homes",
        [Point(0, 0), Point(400, 0), Point(600, 0)],
        {"population": np.array([10.0, 20.0, 70.0])},
    )
    t = {"park": park, "homes": homes}
    r = evaluate_target(target(metric="coverage", layer="homes", of="park", distance=500), t)
    assert r.value == pytest.approx(100 * 2 / 3) and r.responsible["homes"].tolist() == [2]
    r = evaluate_target(
        target(metric="coverage", layer="homes", of="park", distance=500, weight="population"), t
    )
    assert r.value == pytest.approx(30.0)
    r = evaluate_target(target(metric="coverage", layer="homes", of="park", distance=650), t)
    assert r.value == pytest.approx(100.0) and r.status == "met" and r.responsible == {}


def test_coverage_of_polygons_is_by_area(tmp_path):
    # a band 500 m either side of a long north-south line; the block straddles its edge
    line = table(tmp_path, "line", [LineString([(0, -10000), (0, 10000)])], {"n": obj("x")})
    blocks = table(
        tmp_path,
        "blocks",
        [box(450, -50, 550, 50), box(100, 0, 200, 100)],
        {"use": obj("residential", "residential")},
    )
    r = evaluate_target(
        target(metric="coverage", layer="blocks", of="line", distance=500), {"line": line, "blocks": blocks}
    )
    assert r.value == pytest.approx(100 * (5000 + 10000) / 20000, abs=1e-3)  # 75 %
    assert r.responsible["blocks"].tolist() == [0]


def test_per_capita_counts_overlaps_once(tmp_path):
    green = table(
        tmp_path, "green", [box(0, 0, 100, 100), box(50, 0, 250, 200)], {"category": obj("park", "park")}
    )
    districts = table(
        tmp_path,
        "d",
        [box(-1000, -1000, 1000, 1000), box(1000, -1000, 3000, 1000)],
        {"population": np.array([1000, 2000], dtype=np.int64)},
    )
    r = evaluate_target(
        target(
            metric="per_capita", layer="green", population_layer="d", field="population", target=12, unit="m²"
        ),
        {"green": green, "d": districts},
    )
    assert r.value == pytest.approx((10000 + 40000 - 5000) / 3000, abs=1e-6)  # 15 m² per person
    assert r.status == "met"


def test_empty_inputs_are_no_data(tmp_path):
    st = table(tmp_path, "st", [Point(0, 0)], {"pm25": np.array([40.0]), "kind": obj("a")})
    for metric in ("mean", "count_share", "length_share", "coverage"):
        kw = dict(field="pm25") if metric == "mean" else {}
        if metric == "coverage":
            kw = dict(of="st", distance=10)
        r = evaluate_target(target(metric=metric, layer="st", where={"kind": "zzz"}, **kw), {"st": st})
        if metric == "count_share":
            assert r.value == 0.0  # a share of features that exist: 0 %, not no data
        else:
            assert (r.value, r.status) == (None, "no-data"), metric
    lines = table(tmp_path, "none", [Point(0, 0)], {"type": obj("x")})
    r = evaluate_target(target(metric="length_share", layer="none", where={"type": "x"}), {"none": lines})
    assert r.status == "no-data"  # points have no length


@pytest.mark.parametrize(
    "raw, message",
    [
        (
            target(metric="median", layer="st"),
            "target 't': unknown metric 'median' (one of mean, min, max, sum, count_share, length_share, "
            "area_share, coverage, per_capita, raster_mean, raster_share)",
        ),
        (
            target(metric="mean", layer="roads", field="pm25"),
            "target 't': unknown layer 'roads' (not in the project, or it did not load)",
        ),
        (
            target(metric="mean", layer="st", field="pm10"),
            "target 't': no field 'pm10' in layer 'st' (it has pm25, kind)",
        ),
        (
            target(metric="mean", layer="st", field="pm25", where={"kidn": "a"}),
            "target 't': no field 'kidn' in layer 'st' (it has pm25, kind)",
        ),
        (
            target(metric="coverage", layer="st", of="st"),
            "target 't': metric 'coverage' needs 'distance' in metres (0 to 100,000)",
        ),
        (
            target(metric="mean", layer="st", field="pm25", wehre={"kind": "a"}),
            "target 't': unknown key 'wehre'",
        ),
    ],
)
def test_bad_targets_name_themselves(tmp_path, raw, message):
    st = table(tmp_path, "st", [Point(0, 0)], {"pm25": np.array([40.0]), "kind": obj("a")})
    with pytest.raises(TargetError) as err:
        evaluate_target(raw, {"st": st})
    assert str(err.value) == message


def test_one_bad_target_does_not_stop_the_others(tmp_path):
    st = table(tmp_path, "st", [Point(0, 0)], {"pm25": np.array([40.0]), "kind": obj("a")})
    project = Project(
        targets=[
            target(id="bad", metric="mean", layer="st", field="nope"),
            target(id="good", metric="mean", layer="st", field="pm25", op="<", target=43),
        ]
    )
    results = evaluate_targets(project, {"st": st})
    assert [(r.id, r.status) for r in results] == [("bad", "error"), ("good", "met")]
    assert results[0].error == "target 'bad': no field 'nope' in layer 'st' (it has pm25, kind)"


def test_parse_checks_shape():
    t = parse_target(target(metric="coverage", layer="a", of="b", distance=500, anchor=[117.8, 39.1]))
    assert t.distance == 500.0 and t.anchor == (117.8, 39.1)
    with pytest.raises(TargetError, match="anchor must be"):
        parse_target(target(metric="mean", layer="a", field="f", anchor=[1]))


def test_sample_targets_match_hand_computation(sample_tables):
    project, tables = sample_tables
    results = {r.id: r for r in evaluate_targets(project, tables)}
    assert all(r.status in ("met", "missed") for r in results.values())
    assert {"met", "missed"} == {r.status for r in results.values()}
    # PM2.5: plain mean of the CSV column
    with open(SAMPLE.parent / "data" / "air_stations.csv", encoding="utf-8") as fh:
        pm = [float(row["pm25_2025"]) for row in csv.DictReader(fh)]
    assert results["pm25"].value == pytest.approx(sum(pm) / len(pm))
    assert results["pm25"].responsible.get("air_stations", np.array([])).tolist() == [
        i for i, v in enumerate(pm) if v >= 43
    ]
    # shoreline: the hardened segments are exactly the responsible ones
    shore = tables["shoreline"]
    hardened = np.flatnonzero(shore.fields["type"] == "hardened")
    assert len(hardened) > 0
    assert results["shoreline_retention"].status == "missed"
    assert results["shoreline_retention"].responsible["shoreline"].tolist() == hardened.tolist()
    lengths = shore.metric_geometry("EPSG:4548")
    eco = sum(g.length for g, t in zip(lengths, shore.fields["type"]) if t == "ecological")
    assert results["shoreline_retention"].value == pytest.approx(100 * eco / sum(g.length for g in lengths))


def test_a_new_metric_is_one_registry_entry(tmp_path):
    """A metric is a registered function; the parser's checks come from its ``needs``."""
    from ecoviewer import metrics
    from ecoviewer import targets as tg

    @tg.metric("median", needs=("field",))
    def _median(t, ctx, table, rows, present):
        return metrics.field_statistic(t, ctx, table, rows, lambda v, use: float(np.median(v)))

    try:
        st = table(
            tmp_path,
            "st",
            [Point(i * 100, 0) for i in range(5)],
            {"pm25": np.array([40.0, 50.0, 30.0, 60.0, 35.0])},
        )
        r = evaluate_target(target(metric="median", layer="st", field="pm25", op="<", target=43), {"st": st})
        assert r.value == 40.0 and r.status == "met"
        assert r.responsible["st"].tolist() == [1, 3]  # the two stations above the limit
        with pytest.raises(TargetError, match="metric 'median' needs a 'field'"):
            parse_target(target(metric="median", layer="st"))
        with pytest.raises(ValueError, match="registered twice"):
            tg.metric("median")(_median)
    finally:
        del tg.METRICS["median"]
    with pytest.raises(TargetError, match=r"unknown metric 'median' \(one of mean, min, max"):
        parse_target(target(metric="median", layer="st", field="pm25"))


def test_every_metric_states_what_it_needs():
    from ecoviewer.targets import METRICS, NEEDS

    assert set(METRICS) == {
        "mean",
        "min",
        "max",
        "sum",
        "count_share",
        "length_share",
        "area_share",
        "coverage",
        "per_capita",
        "raster_mean",
        "raster_share",
    }
    for m in METRICS.values():
        assert set(m.needs) <= set(NEEDS), m.name
        for key in m.needs:  # leaving any one out is one line naming the metric and the key
            raw = target(
                metric=m.name,
                layer="x",
                field="f",
                of="o",
                distance=500,
                population_layer="p",
                zones="z",
                condition={"op": ">", "value": 0.3},
            )
            del raw[key]
            with pytest.raises(TargetError, match=f"metric '{m.name}' needs"):
                parse_target(raw)


def test_one_way_to_write_a_value_with_its_unit(sample_tables):
    """The panel, the page, the report, the strip and the command line write a target's
    value the same way (it was printed six ways: "85.7%", "85.7 %", "85.7µg/m³", …)."""
    from ecoviewer.export.layout import target_rows
    from ecoviewer.targets import with_unit
    from ecoviewer.web.page import target_payload

    assert with_unit("85.7", "%") == "85.7%" and with_unit("40.3", "µg/m³") == "40.3 µg/m³"
    assert with_unit("12", "") == "12"
    project, tables = sample_tables
    results = {r.id: r for r in evaluate_targets(project, tables)}
    pm, shore = results["pm25"], results["shoreline_retention"]
    assert pm.value_with_unit() == f"{pm.value:,.1f} µg/m³"
    assert shore.value_with_unit() == f"{shore.value:,.1f}%"
    assert pm.target_text() == "< 43 µg/m³" and shore.target_text() == "≥ 100%"
    for r in (pm, shore):
        assert target_payload(r, "zh", tables)["value"] == r.value_with_unit()
        [row] = [row for row in target_rows([r], "zh")]
        assert row.value == r.value_with_unit().replace(" ", "\u00a0")


def test_one_status_palette():
    from ecoviewer.app import targets_panel
    from ecoviewer.export import layout
    from ecoviewer.targets import STATUS_COLORS

    assert layout.STATUS_COLORS is STATUS_COLORS and targets_panel.STATUS_COLOURS is STATUS_COLORS

    def contrast(hex_colour: str) -> float:  # against white (WCAG 2)
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
        return 1.05 / (lum + 0.05)

    assert all(contrast(c) >= 4.5 for c in STATUS_COLORS.values()), STATUS_COLORS
