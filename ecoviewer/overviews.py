"""Overviews for a big raster that has none: a copy with overviews built into a cache folder
beside the project (block by block, with progress and Cancel) — the source file is only
ever read — and adopted on the next open while the file is unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import rasters
from .rasters import RasterTable, rasterio_module, read_env

CACHE_DIR = ".ecoviewer-cache"
OVERVIEW_FACTORS = (2, 4, 8, 16, 32, 64)


def needs_overviews(table) -> bool:
    """A raster big enough to draw slowly zoomed out, with no overviews (any other layer: no)."""
    if getattr(table, "kind", "") != "raster":
        return False
    return not table.overviews and table.width * table.height > rasters.BIG_WITHOUT_OVERVIEWS


def cache_path(table: RasterTable, cache_dir: Path) -> Path:
    """Where the copy with overviews of ``table``'s file goes: named after the file as it is
    now (its path, size and modification time), so a changed file is copied again and two
    files of one name in different folders do not share a copy."""
    source = Path(table.source).resolve()
    st = source.stat()
    where = hashlib.sha256(str(source).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return Path(cache_dir) / f"{source.stem}-{where}-{st.st_size}-{st.st_mtime_ns}.tif"


def adopt_cache(table: RasterTable, cache_dir: Path) -> bool:
    """Draw ``table`` from its cached copy with overviews when there is one (True)."""
    try:
        path = cache_path(table, cache_dir)
    except OSError:
        return False
    if not path.is_file():
        return False
    try:
        with read_env(), rasterio_module().open(path) as ds:
            if not ds.overviews(1) or (ds.width, ds.height) != (table.width, table.height):
                return False
            overviews = ds.overviews(1)
    except Exception:
        return False
    table.source = str(path)
    table.overviews = list(overviews)
    table.drop_datasets()  # every reader opens the copy from now on
    table.problems = [p for p in table.problems if "without overviews" not in p]
    return True


def build_overview_cache(table: RasterTable, cache_dir: Path, progress=None) -> Path | None:
    """Copy ``table``'s raster block by block into a tiled, compressed GeoTIFF with
    overviews in ``cache_dir`` (the source is only read). ``progress(done, total)`` is called
    per block row; when it returns False the copy stops, its partial file is removed and
    None is returned. The finished copy is renamed into place only when it is whole."""
    from rasterio.enums import Resampling
    from rasterio.windows import Window

    rio = rasterio_module()
    target = cache_path(table, cache_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial.tif")
    with read_env(), rio.open(table.source) as src:
        profile = src.profile.copy()
        profile.update(
            driver="GTiff", tiled=True, blockxsize=512, blockysize=512, compress="deflate", BIGTIFF="IF_SAFER"
        )
        if table.crs_override or table.crs_assumed:
            profile["crs"] = table.crs.to_wkt()
        rows = list(range(0, src.height, 512))
        steps = len(rows) + 1  # the overviews are the last step
        try:
            with rio.open(partial, "w", **profile) as dst:
                for i, row in enumerate(rows):
                    window = Window(0, row, src.width, min(512, src.height - row))
                    dst.write(src.read(window=window), window=window)
                    if progress is not None and progress(i + 1, steps) is False:
                        raise InterruptedError
                factors = [f for f in OVERVIEW_FACTORS if max(src.width, src.height) / f >= 256] or [2]
                dst.build_overviews(factors, Resampling.average)
            if progress is not None:
                progress(steps, steps)
        except InterruptedError:
            partial.unlink(missing_ok=True)
            return None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    partial.replace(target)
    adopt_cache(table, cache_dir)
    return target
