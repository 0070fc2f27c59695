"""Big (tiled) layers exported without seams: a uniformly filled square drawn as tiles, the
page exported at 96 dpi (fractional zoom: tiles scaled to 215 or 181 px) and at 300 dpi
(3.125 device pixels per CSS pixel), every tile edge inside the square scanned pixel by
pixel. Leaflet's own tile layer left a light line one or two pixels wide on each of them."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from PySide6.QtGui import QImage

from ecoviewer.project import load_project
from ecoviewer.render.snapshot import ExportOptions, export_page
from ecoviewer.sources import read_project_layers
from ecoviewer.tiles import TILE_THRESHOLD

from .conftest import write_layer
from .test_export import as_array

FILL = np.array([0x20, 0x60, 0xC0])
SQUARE = (117.70, 39.08, 117.84, 39.20)


@pytest.fixture(scope="module")
def grid(qapp, tmp_path_factory):
    """One big opaque square plus enough specks inside it (same colour) to be tiled."""
    folder = tmp_path_factory.mktemp("seams")
    rng = np.random.default_rng(7)
    lon0, lat0, lon1, lat1 = SQUARE
    xs = rng.uniform(lon0 + 0.01, lon1 - 0.01, TILE_THRESHOLD)
    ys = rng.uniform(lat0 + 0.01, lat1 - 0.01, TILE_THRESHOLD)
    geoms = np.concatenate([[shapely.box(*SQUARE)], shapely.box(xs, ys, xs + 1e-5, ys + 1e-5)])
    write_layer(folder / "grid.gpkg", geoms, driver="GPKG")
    (folder / "seams.toml").write_text(
        'version = 2\n[project]\nname = "seams"\nmeasure_crs = "EPSG:4548"\n'
        "[view]\nbounds = [117.69, 39.07, 117.85, 39.21]\n"
        '[[layers]]\nid = "grid"\ntitle = "grid"\npath = "grid.gpkg"\n'
        'style = { kind = "single", color = "#2060c0", fill_opacity = 1.0, '
        'stroke = "#2060c0", weight = 1 }\n',
        encoding="utf-8",
    )
    project = load_project(folder / "seams.toml")
    tables, errors = read_project_layers(project)
    assert errors == {} and len(tables["grid"]) == TILE_THRESHOLD + 1
    return project, tables, folder


def world_pixel(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel of (lon, lat) at a Leaflet zoom (256-px tiles)."""
    size = 256 * 2**zoom
    s = math.sin(math.radians(lat))
    return ((lon + 180) / 360 * size, (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * size)


def tile_edges(info, axis: int) -> list[float]:
    """Output-pixel positions of the tile-level edges across the map, along ``axis``."""
    view, geo = info.view, info.geometry
    zoom = float(view["zoom"])
    level = round(zoom)
    ratio = geo.pixel_ratio
    centre = world_pixel(view["center"][0], view["center"][1], zoom)
    first = centre[axis] - view["size"][axis] / 2  # world pixel at the map's edge
    step = 256 * 2 ** (zoom - level)  # one tile of the level, in CSS pixels
    k0 = math.ceil(first / step)
    edges = []
    k = k0
    while (k * step - first) < view["size"][axis]:
        edges.append(geo.map[axis] + (k * step - first) * ratio)
        k += 1
    return edges


def off_fill(pixels: np.ndarray) -> np.ndarray:
    return np.abs(pixels.astype(int) - FILL).max(axis=-1) > 6


CASES = {
    "page-96dpi": ExportOptions(size=(1600, 1000)),
    "map-only-96dpi": ExportOptions(size=(1600, 1000), map_only=True),
    "A4-300dpi": ExportOptions(paper="A4", dpi=300),
}


@pytest.mark.parametrize("case", list(CASES))
def test_no_seams_along_tile_edges(grid, case):
    project, tables, folder = grid
    info = export_page(project, tables, folder / f"{case}.png", CASES[case])
    arr = as_array(QImage(str(info.path)))
    zoom, ratio = float(info.view["zoom"]), info.geometry.pixel_ratio
    # the export is one where Leaflet's tiles land at fractional device pixels
    assert zoom % 1 != 0 or ratio % 1 != 0, (zoom, ratio)
    filled = ~off_fill(arr)
    rows = np.nonzero(filled.mean(axis=1) > 0.2)[0]
    cols = np.nonzero(filled.mean(axis=0) > 0.2)[0]
    inset = math.ceil(3 * ratio)  # the square's own antialiased border and outline
    top, bottom = rows.min() + inset, rows.max() - inset
    left, right = cols.min() + inset, cols.max() - inset
    assert right - left > 300 * ratio and bottom - top > 300 * ratio
    scanned = 0
    for axis, (lo, hi) in ((0, (left, right)), (1, (top, bottom))):
        for edge in tile_edges(info, axis):
            if not lo + 2 <= edge <= hi - 2:
                continue
            # the pixels either side of the edge, all along it inside the square
            band = slice(math.floor(edge) - 2, math.ceil(edge) + 2)
            pixels = arr[top:bottom, band] if axis == 0 else arr[band, left:right]
            bad = off_fill(pixels)
            assert not bad.any(), f"{case}: seam at {'x' if axis == 0 else 'y'} = {edge:.2f}"
            scanned += 1
    assert scanned >= 3, f"{case}: only {scanned} tile edges crossed the square"
    # and nothing anywhere inside the square differs from its fill
    assert not off_fill(arr[top:bottom, left:right]).any()
