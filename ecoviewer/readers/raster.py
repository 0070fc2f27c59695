"""The raster reader: GeoTIFF (COG included) and the other raster formats GDAL reads, through
rasterio (``rasters.py``). A raster layer is an ordinary project layer whose path is a raster
file; it is read as a ``RasterTable`` (metadata only — its pixels stay in the file)."""

from __future__ import annotations

from pathlib import Path

from ..overviews import CACHE_DIR, adopt_cache
from ..raster_style import RasterError, parse_raster_style
from ..rasters import is_raster_path, open_raster
from ..sources import Reader, register_reader


def _accepts(path: Path) -> bool:
    return is_raster_path(path)


def _list_layers(path, display=None, *, allow_indirect=False) -> list[str]:
    table = _read(path, display=display, allow_indirect=allow_indirect)
    return [Path(table.path).stem]


def _read(
    path,
    *,
    layer=None,
    crs=None,
    encoding=None,
    layer_id=None,
    display=None,
    allow_indirect=False,
):
    return open_raster(path, display=display, layer_id=layer_id, crs=crs, allow_indirect=allow_indirect)


def _finish(table, spec) -> str | None:
    """The layer's style, applied once it is read: a style that does not fit the raster is
    said in one line and the default style is drawn (as for vector layers). A copy with
    overviews built earlier into the project's cache folder is drawn from, if there is one."""
    adopt_cache(table, Path(spec.base_dir) / CACHE_DIR)
    try:
        table.style = parse_raster_style(spec.style, table.count, spec.path)
    except RasterError as exc:
        table.style = parse_raster_style(None, table.count, spec.path)
        problem = f"{exc}; drawn with the default style"
        prefix = f"{spec.path}: "
        table.problems.append(problem[len(prefix) :] if problem.startswith(prefix) else problem)
        table.style_error = problem
        return problem
    return None


register_reader(Reader("raster", accepts=_accepts, list_layers=_list_layers, read=_read, finish=_finish))
