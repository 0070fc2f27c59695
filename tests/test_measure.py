"""Geodesic measures against pyproj.Geod references and hand checks."""

import itertools

import pyproj
import pytest

from ecoviewer.measure import format_area, format_length, path_length, polygon_area

REF = pyproj.Geod(ellps="GRS80")


def test_length_of_a_path_matches_geod_inverse_sums():
    pts = [(117.70, 39.10), (117.75, 39.15), (117.80, 39.15)]
    expected = sum(REF.inv(*a, *b)[2] for a, b in itertools.pairwise(pts))
    assert path_length(pts) == pytest.approx(expected, rel=1e-12)
    # one minute of latitude is about 1,852 m (1,850.6 m at 39° on GRS80)
    assert path_length([(117.75, 39.0), (117.75, 39.0 + 1 / 60)]) == pytest.approx(1850.6, abs=0.5)
    assert path_length([(117.7, 39.1)]) == 0.0


def test_area_of_a_square_km_in_epsg4548_is_one_km2():
    to_ll = pyproj.Transformer.from_crs(4548, 4326, always_xy=True)
    x0, y0 = 566000, 4335000
    corners = [
        to_ll.transform(x, y) for x, y in [(x0, y0), (x0 + 1000, y0), (x0 + 1000, y0 + 1000), (x0, y0 + 1000)]
    ]
    # the projection's scale error at the site is ~55 ppm: the ground area is 1 km² ± 0.02 %
    assert polygon_area(corners) == pytest.approx(1_000_000, rel=2e-4)
    assert polygon_area(corners[::-1]) == polygon_area(corners)  # winding does not matter
    assert polygon_area(corners[:2]) == 0.0


def test_formats():
    assert format_length(850.04) == "850.0 m"
    assert format_length(12_345.6) == "12.346 km"
    assert format_area(950) == "950 m²"
    assert format_area(23_500) == "2.35 ha"
    assert format_area(1_200_000) == "1.200 km²"
