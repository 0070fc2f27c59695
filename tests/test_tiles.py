"""The raster tile renderer for big layers: exact fills, sub-pixel splats, highlights."""

import struct
import zlib

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, Point, box

from ecoviewer.project import LayerSpec
from ecoviewer.styles import resolve_style
from ecoviewer.tiles import (
    EMPTY_PNG,
    TILE,
    TileRenderer,
    _ranges,
    mercator_to_lonlat,
    tile_bounds,
)

Z, X, Y = 16, 54205, 25012  # a tile over the Eco-City


def decode_png(data: bytes) -> np.ndarray:
    """Our tiles are RGBA8 with filter 0 on every row."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = np.frombuffer(zlib.decompress(idat), dtype=np.uint8).reshape(height, width * 4 + 1)
    assert (raw[:, 0] == 0).all()
    return raw[:, 1:].reshape(height, width, 4)


def pixel_box(x0, y0, x1, y1):
    """A lon/lat polygon covering tile pixels [x0, x1) × [y0, y1) exactly."""
    minx, _, _, maxy, res = tile_bounds(Z, X, Y)
    lon0, lat1 = mercator_to_lonlat(minx + x0 * res, maxy - y0 * res)
    lon1, lat0 = mercator_to_lonlat(minx + x1 * res, maxy - y1 * res)
    return box(lon0, lat0, lon1, lat1)


def renderer(geoms, cats, **style):
    spec = LayerSpec(
        id="t",
        path="t",
        style={
            "kind": "categorized",
            "field": "c",
            "fill_opacity": 0.8,
            "weight": 0,
            "categories": {"a": "#ff0000", "b": "#0000ff"},
            **style,
        },
    )
    fields = {"c": np.array(cats, dtype=object)}
    return TileRenderer(np.array(geoms, dtype=object), resolve_style(spec, ["c"]), fields)


def test_fill_is_exact_at_pixel_centres():
    r = renderer([pixel_box(10, 20, 50, 60), pixel_box(100, 100, 140, 110)], ["a", "b"])
    img = decode_png(r.render(Z, X, Y))
    assert img.shape == (TILE, TILE, 4)
    red = img[20:60, 10:50]
    assert (red[..., 0] == 255).all() and (red[..., 2] == 0).all()
    assert (red[..., 3] == round(0.8 * 255)).all()
    blue = img[100:110, 100:140]
    assert (blue[..., 2] == 255).all() and (blue[..., 3] == round(0.8 * 255)).all()
    inside = np.zeros((TILE, TILE), bool)
    inside[20:60, 10:50] = inside[100:110, 100:140] = True
    assert (img[..., 3][~inside] == 0).all()  # nothing leaks past the edges


def test_holes_stay_empty():
    outer = pixel_box(10, 10, 110, 110)
    hole = pixel_box(40, 40, 80, 80)
    img = decode_png(renderer([outer.difference(hole)], ["a"]).render(Z, X, Y))
    assert img[20, 20, 3] > 0 and img[60, 60, 3] == 0


def test_features_under_a_pixel_add_their_area():
    # a square of a quarter pixel (0.5 × 0.5 px) covers a quarter of its pixel
    tiny = pixel_box(30.25, 30.25, 30.75, 30.75)
    img = decode_png(renderer([tiny], ["a"]).render(Z, X, Y))
    assert img[30, 30, 3] == pytest.approx(0.25 * 0.8 * 255, abs=2)
    assert img[..., 3].astype(bool).sum() == 1
    four = [pixel_box(70 + dx, 70 + dy, 70.5 + dx, 70.5 + dy) for dx in (0, 0.5) for dy in (0, 0.5)]
    img = decode_png(renderer(four, ["a"] * 4).render(Z, X, Y))
    assert img[70, 70, 3] == pytest.approx(0.8 * 255, abs=2)  # four quarters fill it


def test_only_draws_the_chosen_rows_in_the_highlight_colour():
    r = renderer([pixel_box(10, 10, 30, 30), pixel_box(60, 60, 90, 90)], ["a", "a"])
    img = decode_png(r.render(Z, X, Y, only=np.array([1])))
    assert img[20, 20, 3] == 0
    assert tuple(img[75, 75, :3]) == (0x00, 0xE5, 0xFF)


def test_lines_points_and_empty_tiles():
    minx, _, _, maxy, res = tile_bounds(Z, X, Y)
    a = mercator_to_lonlat(minx + 10.5 * res, maxy - 200.5 * res)
    b = mercator_to_lonlat(minx + 240.5 * res, maxy - 200.5 * res)
    p = mercator_to_lonlat(minx + 128.5 * res, maxy - 40.5 * res)
    r = renderer([LineString([a, b]), Point(p)], ["a", "b"], weight=3, radius=4)
    img = decode_png(r.render(Z, X, Y))
    assert img[200, 12:238, 3].min() > 0 and img[205, 120, 3] == 0  # a 3 px line
    assert img[40, 128, 2] == 255 and img[40, 128, 3] > 0  # the point's disc
    assert img[40, 133, 3] == 0
    assert r.render(Z, X + 50, Y) == EMPTY_PNG


def test_mixed_multi_geometries_go_through_the_general_path():
    multi = shapely.MultiPolygon([pixel_box(10, 10, 20, 20), pixel_box(30, 30, 40, 40)])
    r = renderer([multi, LineString([(0, 0), (1, 1)])], ["a", "b"])
    img = decode_png(r.render(Z, X, Y))
    assert img[15, 15, 3] > 0 and img[35, 35, 3] > 0 and img[25, 25, 3] == 0


def test_ranges():
    starts, counts = np.array([5, 0, 9, 2]), np.array([3, 0, 2, 1])
    expected = [5, 6, 7, 9, 10, 2]
    assert _ranges(starts, counts).tolist() == expected


def test_print_scale_draws_the_same_ground_with_more_pixels():
    """Exports at 300 dpi ask for tiles at 3.125× (or 2×): same ground, finer pixels, strokes
    and dots as many times wider."""
    minx, _, _, maxy, res = tile_bounds(Z, X, Y)
    lon0, lat = mercator_to_lonlat(minx + 20 * res, maxy - 128 * res)
    lon1, _ = mercator_to_lonlat(minx + 200 * res, maxy - 128 * res)
    boxes = renderer([pixel_box(10, 20, 50, 60)], ["a"])  # weight 0: fill only
    one = decode_png(boxes.render(Z, X, Y))
    two = decode_png(boxes.render(Z, X, Y, scale=2.0))
    assert one.shape == (TILE, TILE, 4) and two.shape == (2 * TILE, 2 * TILE, 4)
    red = lambda a: (a[..., 0] > 200) & (a[..., 2] < 60) & (a[..., 3] > 150)  # noqa: E731
    assert red(one).sum() == 40 * 40 and red(two).sum() == 80 * 80  # the box, 4× the pixels
    assert np.argwhere(red(two)).min(axis=0).tolist() == [40, 20]  # same place on the ground
    line = renderer([LineString([(lon0, lat), (lon1, lat)])], ["b"], weight=2)
    one = decode_png(line.render(Z, X, Y))
    three = decode_png(line.render(Z, X, Y, scale=3.0))
    blue = lambda a, col: np.flatnonzero((a[:, col, 2] > 150) & (a[:, col, 3] > 100))  # noqa: E731
    # 2 CSS pixels wide (± the stamp's rounding) becomes 6 device pixels at 3×, same place
    assert 2 <= len(blue(one, 100)) <= 3 and 6 <= len(blue(three, 300)) <= 7
    assert blue(three, 300).mean() / 3 == pytest.approx(blue(one, 100).mean(), abs=0.5)


def test_a_dot_beside_the_tile_reaches_in_at_print_scale():
    """A radius-8 point 5.5 CSS px outside the tile's left edge pokes 2.5 CSS px into it, at
    1× and at 3.125× alike (the query margin is ground, not output pixels)."""
    minx, _, _, maxy, res = tile_bounds(Z, X, Y)
    lon, lat = mercator_to_lonlat(minx - 5.5 * res, maxy - 100 * res)
    r = renderer([Point(lon, lat)], ["a"], radius=8)
    covered = [(decode_png(r.render(Z, X, Y, scale=k))[..., 3] > 0).sum() for k in (1.0, 3.125)]
    assert covered[0] > 0 and covered[1] > 0.5 * 3.125**2 * covered[0]


@pytest.mark.parametrize("extra", [None, "hole", "line"])
def test_overlapping_polygons_drawn_either_way_round_fill_their_overlap(extra):
    """Rings come clockwise (shapefiles) or anticlockwise (GeoJSON); the non-zero fill of
    one class must be the union of its polygons, not cancel where two meet — whichever
    path the renderer takes (simple rings, rings with holes, mixed kinds)."""
    cw = shapely.reverse(pixel_box(10, 10, 60, 60))  # clockwise
    ccw = pixel_box(40, 40, 90, 90)
    assert not shapely.is_ccw(cw.exterior) and shapely.is_ccw(ccw.exterior)
    geoms, cats = [cw, ccw], ["a", "a"]
    if extra == "hole":  # a clockwise outer ring around an anticlockwise hole, beside them
        shell = shapely.reverse(pixel_box(120, 120, 200, 200)).exterior.coords
        hole = pixel_box(140, 140, 180, 180).exterior.coords
        outer = shapely.Polygon(shell, [hole])
        assert not shapely.is_ccw(outer.exterior) and shapely.is_ccw(outer.interiors[0])
        geoms.append(outer)
        cats.append("a")
    elif extra == "line":
        geoms.append(LineString([(0, 0), (1, 1)]))
        cats.append("b")
    img = decode_png(renderer(geoms, cats).render(Z, X, Y))
    assert (img[40:60, 40:60, 3] == round(0.8 * 255)).all()  # the overlap: filled once
    assert img[20, 20, 3] > 0 and img[80, 80, 3] > 0 and img[20, 80, 3] == 0
    if extra == "hole":
        assert img[125, 125, 3] > 0 and img[160, 160, 3] == 0  # the hole stays empty


def test_a_hole_drawn_the_same_way_round_as_its_outer_ring_stays_empty():
    """Files often give a hole the outer ring's orientation (OGC says otherwise, writers
    differ): a non-zero fill of the rings as they come would fill the hole."""
    outer = pixel_box(10, 10, 110, 110).exterior.coords
    hole = pixel_box(40, 40, 80, 80).exterior.coords
    same = shapely.Polygon(outer, [hole])
    assert shapely.is_ccw(same.exterior) and shapely.is_ccw(same.interiors[0])
    for geoms in (
        [same],  # the simple path
        [same, shapely.MultiPolygon([pixel_box(150, 150, 160, 160)])],  # ragged multipolygons
        [same, LineString([(0, 0), (1, 1)])],  # mixed kinds: the general path
    ):
        img = decode_png(renderer(geoms, ["a"] * len(geoms)).render(Z, X, Y))
        assert img[20, 20, 3] > 0 and img[60, 60, 3] == 0


def test_a_dense_tile_drawn_a_few_crossings_at_a_time_is_the_same_tile(monkeypatch):
    """Fills and strokes work through a dense tile in parts (bounded memory): the parts
    add up to exactly the picture drawn at once."""
    import ecoviewer.tiles as tiles

    rng = np.random.default_rng(5)
    geoms = [
        pixel_box(x, y, x + w, y + h)
        for x, y, w, h in rng.uniform([0, 0, 2, 2], [240, 240, 30, 30], (300, 4))
    ]
    geoms.append(
        LineString(
            [mercator_to_lonlat(*tile_bounds(Z, X, Y)[:2]), mercator_to_lonlat(*tile_bounds(Z, X, Y)[2:4])]
        )
    )
    r = renderer(geoms, ["a", "b"] * 150 + ["a"], weight=1.5)
    whole = decode_png(r.render(Z, X, Y))
    monkeypatch.setattr(tiles, "CROSSINGS", 7)
    parts = decode_png(r.render(Z, X, Y))
    assert (whole[..., 3] > 0).mean() > 0.5
    assert np.array_equal(whole, parts)
    assert [list(p) for p in tiles._parts(np.array([3, 3, 3, 9, 1]), 6)] == [[0, 1], [2], [3], [4]]


def test_a_long_edge_zoomed_in_is_a_solid_line_not_dots():
    """A segment thousands of pixels long crossing the tile (a district's edge zoomed in)
    is drawn solid where it shows."""
    minx, _, _, maxy, res = tile_bounds(Z, X, Y)
    a = mercator_to_lonlat(minx - 5000 * res, maxy - 100.5 * res)
    b = mercator_to_lonlat(minx + 5000 * res, maxy - 100.5 * res)
    img = decode_png(renderer([LineString([a, b])], ["a"], weight=1).render(Z, X, Y))
    assert (img[100, :, 3] > 0).all()  # every column of the line's row
    assert (img[..., 3] > 0).sum() == TILE  # and nothing else


def test_scan_fill_is_the_polygon_at_every_pixel_centre():
    """The scan fill, short edges side by side and long ones row by row, against shapely's
    point-in-polygon at each pixel centre: star-shaped polygons from a pixel to the whole
    tile, so every edge length (1 to hundreds of rows) is met."""
    from ecoviewer.tiles import _scanfill

    rng = np.random.default_rng(11)
    size = 64
    ys, xs = np.mgrid[0:size, 0:size] + 0.5
    for radius in (1.5, 3, 6, 12, 25, 60):
        for _ in range(6):
            n = int(rng.integers(3, 12))
            angle = np.sort(rng.uniform(0, 2 * np.pi, n))
            r = rng.uniform(0.3, 1.0, n) * radius
            cx, cy = rng.uniform(0, size, 2)
            ring = np.column_stack([cx + r * np.cos(angle), cy + r * np.sin(angle)])
            poly = shapely.Polygon(ring)
            if not poly.is_valid:
                continue
            edges = np.roll(ring, -1, axis=0)
            # y up in the edges' units: the grid's top-left corner at (0, size)
            got = _scanfill(
                ring[:, 0], size - ring[:, 1], edges[:, 0], size - edges[:, 1], 0, size, 1.0, size
            )
            want = shapely.contains_xy(poly, xs, ys)  # (row i is y = i + 0.5 here)
            on_edge = shapely.distance(poly.boundary, shapely.points(xs, ys)) < 1e-9
            assert np.array_equal(got.astype(bool)[~on_edge], want[~on_edge]), (radius, n)


def test_an_edge_with_a_missing_coordinate_is_left_out_not_a_crash():
    from ecoviewer.tiles import _scanfill, _stroke

    x0, y0 = np.array([10.0, 10.0, np.nan]), np.array([10.0, 50.0, 10.0])
    x1, y1 = np.array([10.0, 50.0, 50.0]), np.array([50.0, 50.0, np.nan])
    for draw in (
        lambda a, b, c, d: _scanfill(a, b, c, d, 0, 64, 1.0, 64),
        lambda a, b, c, d: _stroke(a, b, c, d, 0, 64, 1.0, 1.0, 64),
    ):
        clean = draw(x0[:2], y0[:2], x1[:2], y1[:2])
        assert np.array_equal(draw(x0, y0, x1, y1), clean) and clean.sum() > 0


def test_a_stroke_from_far_outside_lands_where_it_crosses_the_tile():
    """Ends 1e12 to 1e30 pixels away lose more than a pixel to rounding: the clipped ends are
    held inside the clip box, so nothing is drawn off the canvas or wrapped into another row
    (at 1e30 a float64 cannot tell where the segment crosses: a dot on its row, no more)."""
    from ecoviewer.tiles import _stroke

    for far in (1e12, 1e18, 1e30):
        y = np.array([64 - 20.5])
        cov = _stroke(np.array([-far]), y, np.array([far]), y, 0, 64, 1.0, 1.0, 64)
        assert np.flatnonzero(cov.any(axis=1)).tolist() == [20]  # its row only
        assert (cov[20] > 0).all() or far == 1e30  # every column of it, while it can be placed


def test_a_ring_with_a_missing_coordinate_is_left_out_whole():
    """An open ring would fill a streak to the tile's right edge: the broken ring is not
    drawn, its neighbours are."""
    good = pixel_box(100, 100, 120, 120)
    x0, y0, x1, y1 = pixel_box(20, 20, 40, 40).bounds
    broken = shapely.Polygon([(x0, y0), (x1, np.nan), (x1, y1), (x0, y1)])
    img = decode_png(renderer([broken, good], ["a", "b"]).render(Z, X, Y))
    assert (img[100:120, 100:120, 3] > 0).all()
    assert (img[..., 3] > 0).sum() == 400  # the good square's pixels, nothing else
