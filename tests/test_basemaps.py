"""Offline basemaps: MBTiles, PMTiles and z/x/y tile folders built here, read back tile by tile;
damaged files give one line each."""

from __future__ import annotations

import sqlite3

import pytest

from ecoviewer.basemaps import BasemapError, image_format, open_basemap, tile_lonlat_bounds

from .griddata import LAT, LON, make_folder, make_mbtiles, make_pmtiles, solid_png, tiles_around, xyz_of


def one_line(exc, name) -> str:
    text = str(exc.value) if hasattr(exc, "value") else str(exc)
    assert "\n" not in text and text.startswith(name), text
    return text


@pytest.fixture
def tiles():
    return tiles_around()


def test_mbtiles_serve_their_tiles_with_xyz_numbering(tmp_path, tiles):
    for k, key in enumerate(sorted(tiles)):  # every tile its own colour: a row flip shows
        tiles[key] = solid_png((k * 9 % 256, 40, 200 - k * 7 % 200))
    path = make_mbtiles(
        tmp_path / "base.mbtiles",
        tiles,
        {"format": "png", "minzoom": 10, "maxzoom": 12, "attribution": "示意底图 schematic", "name": "t"},
    )
    base = open_basemap(path, "base.mbtiles")
    assert (base.kind, base.format, base.minzoom, base.maxzoom) == ("mbtiles", "png", 10, 12)
    assert base.attribution == "示意底图 schematic" and base.mime == "image/png"
    x, y = xyz_of(LON, LAT, 12)
    for key, data in tiles.items():  # the row flip of MBTiles undone, tile by tile
        assert base.tile(*key) == data, key
    assert base.tile(12, x + 5, y) is None  # a hole: no tile, no error
    assert base.tile(13, x * 2, y * 2) is None  # beyond max zoom: the page scales level 12


def test_mbtiles_without_metadata_sniff_the_format_and_zooms(tmp_path, tiles):
    base = open_basemap(make_mbtiles(tmp_path / "bare.mbtiles", tiles), "bare.mbtiles")
    assert (base.format, base.minzoom, base.maxzoom) == ("png", 10, 12)
    # no bounds in the file: the extent of its tiles at its shallowest level (not the world,
    # which would have the page ask for every tile of that level)
    x, y = xyz_of(LON, LAT, 10)
    w, _, _, n = tile_lonlat_bounds(10, x, y)
    _, s, e, _ = tile_lonlat_bounds(10, x + 1, y + 1)
    assert base.bounds == pytest.approx((w, s, e, n))


def test_pmtiles_serve_their_tiles(tmp_path, tiles):
    x, y = xyz_of(LON, LAT, 11)
    w, s, e, n = tile_lonlat_bounds(11, x, y)  # stated bounds: just the first z11 tile
    eps = 1e-6
    path = make_pmtiles(
        tmp_path / "base.pmtiles",
        tiles,
        {"attribution": "© test"},
        bounds=(w + eps, s + eps, e - eps, n - eps),
    )
    base = open_basemap(path, "base.pmtiles")
    assert (base.kind, base.format, base.minzoom, base.maxzoom) == ("pmtiles", "png", 10, 12)
    assert base.attribution == "© test"
    assert base.tile(11, x, y) == tiles[(11, x, y)]
    assert base.tile(11, x + 1, y + 1) is None  # in the file, outside its stated bounds: not served


@pytest.mark.parametrize("tms", [False, True])
def test_tile_folders_xyz_and_tms(tmp_path, tiles, tms):
    root = make_folder(tmp_path / "tiles", tiles, tms=tms)
    if tms:
        (root / "tilemapresource.xml").write_text("<TileMap/>")
    base = open_basemap(root, "tiles")
    assert (base.kind, base.scheme, base.minzoom, base.maxzoom) == ("folder", "tms" if tms else "xyz", 10, 12)
    x, y = xyz_of(LON, LAT, 12)
    assert base.tile(12, x + 1, y + 1) == tiles[(12, x + 1, y + 1)]
    # its bounds come from the deepest level's tiles: the 2 × 2 block
    w, _, _, n = tile_lonlat_bounds(12, x, y)
    _, s, e, _ = tile_lonlat_bounds(12, x + 1, y + 1)
    assert base.bounds == pytest.approx((w, s, e, n))


def test_junk_tile_bytes_are_not_served(tmp_path, tiles):
    x, y = xyz_of(LON, LAT, 12)
    tiles[(12, x, y)] = b"<html>not a tile</html>"
    base = open_basemap(make_mbtiles(tmp_path / "junk.mbtiles", tiles, {"format": "png"}), "junk.mbtiles")
    assert base.tile(12, x, y) is None and base.bad_tiles == 1
    assert image_format(base.tile(12, x + 1, y)) == "png"


def test_damaged_basemaps_say_one_line_each(tmp_path, tiles):
    (tmp_path / "empty.mbtiles").write_bytes(b"")
    (tmp_path / "text.mbtiles").write_text("not sqlite at all")
    db = sqlite3.connect(tmp_path / "notiles.mbtiles")
    db.execute("CREATE TABLE metadata (name text, value text)")
    db.commit()
    db.close()
    (tmp_path / "bad.pmtiles").write_bytes(b"PMTiles\x07" + b"\0" * 200)
    (tmp_path / "junk.pmtiles").write_bytes(b"\x00" * 300)
    good = make_pmtiles(tmp_path / "good.pmtiles", tiles)
    (tmp_path / "cut.pmtiles").write_bytes(good.read_bytes()[:200])
    (tmp_path / "nothing").mkdir()
    expected = {
        "empty.mbtiles": "empty.mbtiles: the file is empty (0 bytes)",
        "text.mbtiles": "text.mbtiles: not an MBTiles file (not an SQLite database)",
        "notiles.mbtiles": "notiles.mbtiles: not an MBTiles file (it has no 'tiles' table)",
        "bad.pmtiles": "bad.pmtiles: a PMTiles version other than 3",
        "junk.pmtiles": "junk.pmtiles: not a PMTiles file",
        "cut.pmtiles": "cut.pmtiles: the file is truncated (its tiles end past the end of the file)",
        "nothing": "nothing: not a tile folder (no {z}/{x}/{y}.png folders in it)",
        "missing.mbtiles": "missing.mbtiles: file not found",
    }
    for name, line in expected.items():
        with pytest.raises(BasemapError) as err:
            open_basemap(tmp_path / name, name)
        assert one_line(err, name) == line


def test_solid_png_is_an_image():
    assert image_format(solid_png((1, 2, 3))) == "png"
    assert image_format(b"\xff\xd8\xff\xe0" + b"0" * 10) == "jpg"
    assert image_format(b"RIFF\0\0\0\0WEBPVP8 ") == "webp"
    assert image_format(b"GIF89a") is None


def test_a_bad_basemap_is_one_line_and_the_rest_of_the_project_reads(tmp_path, tiles):
    from ecoviewer.describe import check_reports

    make_mbtiles(tmp_path / "good.mbtiles", tiles, {"format": "png", "attribution": "ok"})
    (tmp_path / "bad.mbtiles").write_text("not sqlite at all")
    (tmp_path / "p.geojson").write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"n":1},'
        '"geometry":{"type":"Point","coordinates":[117.75,39.13]}}]}'
    )
    (tmp_path / "p.toml").write_text(
        "version = 2\n[project]\nname = 'p'\n"
        "[[basemaps]]\nid = 'bad'\npath = 'bad.mbtiles'\n"
        "[[basemaps]]\nid = 'good'\npath = 'good.mbtiles'\nvisible = false\n"
        "[[layers]]\nid = 'pts'\npath = 'p.geojson'\n"
    )
    reports = {r.id: r for r in check_reports(str(tmp_path / "p.toml"))}
    assert reports["bad"].error == "bad.mbtiles: not an MBTiles file (not an SQLite database)"
    assert reports["good"].ok and reports["good"].details["attribution"] == "ok"
    assert reports["pts"].ok and reports["pts"].features == 1


def test_a_hostile_mbtiles_cannot_hang_the_window(tmp_path, monkeypatch):
    """A 'tiles' view over an endless recursive query: its statements are cut off."""
    import time

    from ecoviewer import basemaps

    monkeypatch.setattr(basemaps, "SQL_BUDGET_S", 0.3)
    path = tmp_path / "endless.mbtiles"
    db = sqlite3.connect(path)
    db.execute(
        "CREATE VIEW tiles AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
        "SELECT 10 AS zoom_level, x AS tile_column, x AS tile_row, x'89' AS tile_data FROM c WHERE x < 0"
    )
    db.commit()
    db.close()
    started = time.monotonic()
    with pytest.raises(BasemapError) as err:
        open_basemap(path, "endless.mbtiles")
    assert time.monotonic() - started < 5
    assert one_line(err, "endless.mbtiles") == (
        "endless.mbtiles: its tiles cannot be read (a query took too long (a damaged or hostile file))"
    )


def test_a_path_with_percent_and_hash_opens(tmp_path, tiles):
    folder = tmp_path / "50% #1"
    folder.mkdir()
    base = open_basemap(make_mbtiles(folder / "b.mbtiles", tiles, {"format": "png"}), "b.mbtiles")
    assert base.maxzoom == 12
