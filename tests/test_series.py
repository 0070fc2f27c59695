"""Targets over time (issue 17, the core): a series of the metric by year, its least-squares
projection at the target's year, the trend and the year the line meets the goal — known
answers computed by hand, and one clear line for each bad series."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from shapely.geometry import Point

from ecoviewer.sources import read_layer
from ecoviewer.targets import NOT_BEFORE, evaluate_target, parse_target, trend_of

from .conftest import write_layer

PM25 = dict(
    id="pm25",
    metric="mean",
    layer="s",
    field="pm25_2025",
    series={"2019": "pm25_2019", "2021": "pm25_2021", "2023": "pm25_2023"},
    op="<",
    target=43,
    year=2025,
)


def test_a_series_by_hand_its_projection_and_crossing_year(stations):
    r = evaluate_target(PM25, {"s": stations})
    assert r.value == pytest.approx(41.0) and r.status == "met"  # the current value, as before
    assert r.series == [(2019, 50.0), (2021, 46.0), (2023, 44.0)]
    # by hand: x̄ = 2021, ȳ = 46.667; slope = ((-2)(3.333) + 0 + (2)(-2.667)) / 8 = -1.5
    # projection at 2025: 46.667 - 1.5 × 4 = 40.667; the line meets 43 at 2021 + 3.667/1.5
    # = 2023.44, so in 2024
    assert r.projection == pytest.approx(40.6667, abs=1e-4)
    assert r.trend == "on-track" and r.crossing_year == 2024
    j = r.to_json()
    assert j["series"] == [
        {"year": 2019, "value": 50.0},
        {"year": 2021, "value": 46.0},
        {"year": 2023, "value": 44.0},
    ]
    assert (j["projection"], j["trend"], j["crossing_year"]) == (40.7, "on-track", 2024)


def test_off_track_and_never(stations):
    t = parse_target({**PM25, "target": 30})
    # the same line reaches 30 only at 2021 + 16.667 / 1.5 = 2032.1
    assert trend_of([(2019, 50.0), (2021, 46.0), (2023, 44.0)], t)[1:] == ("off-track", 2033)
    flat = trend_of([(2019, 50.0), (2023, 50.0)], t)
    assert flat[0] == pytest.approx(50.0) and flat[1:] == ("off-track", NOT_BEFORE)
    rising = trend_of([(2019, 40.0), (2023, 41.0)], t)  # moving away: never
    assert rising[1:] == ("off-track", NOT_BEFORE)
    met = trend_of([(2019, 40.0), (2023, 38.0)], parse_target(PM25))  # met from the first year
    assert met[1:] == ("on-track", 2019)
    fading = trend_of([(2019, 30.0), (2023, 32.0)], parse_target(PM25))  # met, slipping: 2019
    assert fading[1:] == ("on-track", 2019)
    no_year = parse_target({**PM25, "year": None})
    # 50 − 2 a year is below 43 after 2022.5: 2023, with or without a target year
    assert trend_of([(2019, 50.0), (2021, 46.0)], no_year) == (None, "no-data", 2023)
    slow = trend_of([(2019, 50.0), (2023, 49.9)], t)  # 0.025 a year: 30 after 2100
    assert slow[1:] == ("off-track", NOT_BEFORE)


def test_one_point_or_no_year_is_no_data(stations):
    one = evaluate_target({**PM25, "series": {"2019": "pm25_2019"}}, {"s": stations})
    assert (one.series, one.projection, one.trend, one.crossing_year) == (
        [(2019, 50.0)],
        None,
        "no-data",
        None,
    )
    assert (
        one.series_error == "target 'pm25': the series has 1 year(s) with a value; a trend needs two or more"
    )
    assert one.status == "met"  # the current status unchanged
    no_year = evaluate_target({**PM25, "year": None}, {"s": stations})
    assert no_year.trend == "no-data" and len(no_year.series) == 3


def test_a_series_by_rows_with_a_year_field(tmp_path):
    pts = [Point(117.72 + i * 0.01, 39.10) for i in range(6)]
    fields = {
        "year": np.array([2019, 2019, 2021, 2021, 2023, 2023]),
        "pm25": np.array([49.0, 51, 45, 47, 43, 45]),
    }
    table = read_layer(write_layer(tmp_path / "rows.geojson", pts, fields), layer_id="s")
    raw = dict(
        id="pm25", metric="mean", layer="s", field="pm25", series_field="year", op="<", target=43, year=2025
    )
    r = evaluate_target(raw, {"s": table})
    assert r.series == [(2019, 50.0), (2021, 46.0), (2023, 44.0)]
    assert r.trend == "on-track" and r.crossing_year == 2024
    # every metric measures each year's rows alone (a share is of that year's features)
    raw = dict(id="c", metric="count_share", layer="s", where={"pm25": [45.0]}, series_field="year")
    share = evaluate_target({**raw, "op": ">=", "target": 50, "year": 2025}, {"s": table})
    assert share.series == [(2019, 0.0), (2021, 50.0), (2023, 50.0)]


@pytest.mark.parametrize(
    ("series", "line"),
    [
        ({"2019年": "pm25_2019"}, "target 'pm25': series year '2019年' is not a year like 2019"),
        ({"2019": 5}, "target 'pm25': series year 2019 must name a field"),
        ({"2019": "pm25_2019", " 2019": "pm25_2021"}, "target 'pm25': series has the year 2019 twice"),
        ("pm25_2019", "target 'pm25': 'series' must be a table of year = field"),
    ],
)
def test_a_bad_series_is_one_line_naming_the_target(stations, series, line):
    r = evaluate_target({**PM25, "series": series}, {"s": stations})
    assert r.series_error == line
    assert r.status == "met" and r.value == pytest.approx(41.0)  # the current value still shown
    assert (r.series, r.trend) == ([], "no-data")


def test_a_series_field_that_is_missing_or_not_numbers_keeps_the_current_value(stations):
    missing = evaluate_target({**PM25, "series": {"2019": "pm25_2019", "2021": "nope"}}, {"s": stations})
    assert missing.status == "met" and missing.value == pytest.approx(41.0)
    assert missing.series_error.startswith("target 'pm25': no field 'nope' in layer 's'")
    assert missing.trend == "no-data"
    text = evaluate_target({**PM25, "series": {"2019": "pm25_2019", "2021": "label"}}, {"s": stations})
    assert text.series_error == "target 'pm25': field 'label' of layer 's' is not numeric"
    mixed = evaluate_target({**PM25, "series": None, "series_field": "label"}, {"s": stations})
    assert mixed.series_error == "target 'pm25': series_field 'label' must hold whole years (it holds str)"


def test_the_command_line_gives_series_projection_trend_and_crossing(tmp_path, stations):
    project = tmp_path / "p.toml"
    project.write_text(
        '[[layers]]\nid = "s"\npath = "s.geojson"\n\n[[targets]]\nid = "pm25"\nmetric = "mean"\nlayer = "s"\n'
        'field = "pm25_2025"\nseries = { 2019 = "pm25_2019", 2021 = "pm25_2021", 2023 = "pm25_2023" }\n'
        'op = "<"\ntarget = 43\nyear = 2025\n',
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, "-m", "ecoviewer", "targets", "--json", str(project)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    (got,) = json.loads(out.stdout)
    assert (got["projection"], got["trend"], got["crossing_year"]) == (40.7, "on-track", 2024)
    assert [p["year"] for p in got["series"]] == [2019, 2021, 2023]
    plain = subprocess.run(
        [sys.executable, "-m", "ecoviewer", "targets", str(project)], capture_output=True, text=True
    )
    assert plain.stdout.rstrip().endswith("on-track")


def test_a_series_since_a_year_counts_each_feature_from_its_year(tmp_path):
    # four shoreline segments of 100, 100, 200 and 400 m, all ecological today: one never
    # hardened (no year), the others restored in 2018, 2020 and 2020
    from shapely.geometry import LineString

    from ecoviewer.sources import FeatureTable

    lines = [LineString([(0, 0), (n, 0)]) for n in (100, 100, 200, 400)]
    table = read_layer(
        write_layer(
            tmp_path / "shore.geojson",
            lines,
            {
                "type": np.array(["ecological"] * 4, dtype=object),
                "restored": np.array([np.nan, 2018, 2020, 2020]),
            },
            crs="EPSG:4548",
        ),
        layer_id="shore",
    )
    assert isinstance(table, FeatureTable)
    raw = dict(
        id="shore",
        metric="length_share",
        layer="shore",
        where={"type": "ecological"},
        series_since="restored",
        op=">=",
        target=100,
        year=2025,
    )
    r = evaluate_target(raw, {"shore": table}, "EPSG:4548")
    # 2018: 100 + 100 of 800 m = 25 %; 2019: the same; 2020: all 800 m = 100 %
    assert r.value == pytest.approx(100.0)
    assert [y for y, _ in r.series] == [2018, 2019, 2020]
    assert [v for _, v in r.series] == pytest.approx([25.0, 25.0, 100.0])
    # by hand: x̄ = 2019, ȳ = 50; slope = ((-1)(-25) + 0 + (1)(50)) / 2 = 37.5; at 2025:
    # 50 + 37.5 × 6 = 275; the line reaches 100 at 2019 + 50 / 37.5 = 2020.33, so in 2021
    assert r.projection == pytest.approx(275.0)
    assert r.trend == "on-track" and r.crossing_year == 2021
    # one of series, series_field and series_since; a text year field is one line
    both = evaluate_target({**raw, "series_field": "restored"}, {"shore": table}, "EPSG:4548")
    assert both.series_error == "target 'shore': give only one of 'series_field' and 'series_since'"
    assert both.value == pytest.approx(100.0) and both.trend == "no-data"
    text = evaluate_target({**raw, "series_since": "type"}, {"shore": table}, "EPSG:4548")
    assert text.series_error == "target 'shore': series_since 'type' must hold whole years (it holds str)"


def test_the_sample_targets_with_yearly_data_have_a_series(sample_tables):
    from ecoviewer.targets import evaluate_targets

    project, tables = sample_tables
    by_id = {r.id: r for r in evaluate_targets(project, tables)}
    for tid in ("pm25", "shoreline_retention", "green_buildings", "tap_water", "green_space_per_capita"):
        r = by_id[tid]
        assert r.series_error is None and len(r.series) >= 5, tid
        # the series' last year is today's data: its value is the current value
        assert r.series[-1][1] == pytest.approx(r.value), tid
    shore = by_id["shoreline_retention"]
    assert shore.series[0] == (2016, pytest.approx(100 * 19 / 28, abs=0.2))  # roughly equal segments
    assert (shore.trend, by_id["green_buildings"].trend, by_id["pm25"].trend) == (
        "off-track",
        "off-track",
        "on-track",
    )
    # the lowest tap monitor: 97.0 + 0.6 a year, 100 from 2024. By hand, years centred on
    # 2022 (−3 … 3): ȳ = 691 / 7 = 98.714, Σxy = 15.0, Σx² = 28, slope 0.5357; at 2025:
    # 98.714 + 3 × 0.5357 = 100.32
    tap = by_id["tap_water"]
    assert [v for _, v in tap.series] == pytest.approx([97.0, 97.6, 98.2, 98.8, 99.4, 100.0, 100.0])
    assert tap.projection == pytest.approx(100.321, abs=1e-3) and tap.trend == "on-track"
    # the same green space over residents growing 5 % a year: 24.0 m² today, more before
    per_capita = by_id["green_space_per_capita"]
    assert per_capita.series[-1][1] == pytest.approx(24.0, abs=0.05)
    assert per_capita.series[0][1] == pytest.approx(per_capita.value / 0.95**6, rel=1e-3)
