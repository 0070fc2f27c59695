"""How a raster layer is coloured: its ``style`` (one band through a ramp, stretched or in
classes; or three bands as true colour) checked in one line per problem, the named colour
ramps (rio-tiler's tables: ColorBrewer and matplotlib) or the project's own stops, and the
legend rows that say it."""

from __future__ import annotations

import functools
import importlib.util
import itertools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .sources import LayerError

#: the ramp of a raster whose style names none: viridis's five key colours, as stops (so the
#: default never depends on a table file)
DEFAULT_RAMP = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")


class RasterError(LayerError):
    """A raster that cannot be shown; the message is one line naming the file."""


# -- colour ramps -----------------------------------------------------------------------------


def _hex(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def ramp_table(ramp: str | list) -> np.ndarray:
    """A 256 × 3 uint8 colour table: a named ramp (ColorBrewer and matplotlib names, from
    rio-tiler's colormaps, e.g. "YlGn", "RdYlGn", "viridis"; "_r" reverses it) or the
    project's own list of "#rrggbb" stops, interpolated."""
    if isinstance(ramp, (list, tuple)):
        stops = np.array([_hex(str(c)) for c in ramp], dtype=float)
        if len(stops) == 1:
            stops = np.vstack([stops, stops])
        pos = np.linspace(0, 1, len(stops))
        t = np.linspace(0, 1, 256)
        return np.stack([np.interp(t, pos, stops[:, k]) for k in range(3)], axis=1).round().astype(np.uint8)
    name = str(ramp).lower()
    if not re.fullmatch(r"[a-z0-9_]{1,40}", name):
        raise ValueError(f"not a colour ramp name: {name!r}")
    path = _ramp_folder() / f"{name}.npy"
    if not path.is_file():
        raise ValueError(f"unknown colour ramp {name!r}")
    table = np.load(path, allow_pickle=False)  # 256 × 4 uint8 (RGBA), as rio-tiler keeps them
    if table.shape != (256, 4) or table.dtype != np.uint8:
        raise ValueError(f"colour ramp {name!r} is not a 256-colour table")
    return np.ascontiguousarray(table[:, :3])


@functools.lru_cache(maxsize=1)
def _ramp_folder() -> Path:
    """rio-tiler's folder of named colour tables (ColorBrewer, matplotlib, cmocean), found
    without importing rio-tiler: its import pulls in pydantic, morecantile and more, 0.7 s
    at start-up for what is a read of one 4 KB array."""
    spec = importlib.util.find_spec("rio_tiler")
    if spec is None or not spec.submodule_search_locations:
        raise ValueError("rio-tiler is not installed (it holds the named colour ramps)")
    return Path(next(iter(spec.submodule_search_locations))) / "cmap_data"


@functools.lru_cache(maxsize=64)
def _ramp_cached(ramp: str | tuple) -> np.ndarray:
    """A ramp's table, made once (a named one is read from rio-tiler's files)."""
    table = ramp_table(list(ramp) if isinstance(ramp, tuple) else ramp)
    table.flags.writeable = False
    return table


def ramp_colors(ramp: str | list, n: int = 5) -> list[str]:
    """``n`` colours sampled evenly along a ramp (the legend's swatches)."""
    table = ramp_table(ramp)
    idx = np.linspace(0, 255, n).round().astype(int)
    return ["#{:02x}{:02x}{:02x}".format(*(int(v) for v in table[i])) for i in idx]


def known_ramp(ramp) -> bool:
    try:
        ramp_table(ramp)
    except Exception:
        return False
    return True


@dataclass
class RasterStyle:
    kind: str = "ramp"  # "ramp" (one band) or "rgb"
    band: int = 1
    bands: tuple[int, ...] = (1, 2, 3)
    ramp: str | list = field(default_factory=lambda: list(DEFAULT_RAMP))
    min: float | None = None
    max: float | None = None
    stretch: str = "minmax"  # or "percentile"
    breaks: list[float] | None = None  # classes: values between breaks get one colour each
    unit: str = ""

    def lookup(self) -> np.ndarray:
        return _ramp_cached(tuple(self.ramp) if isinstance(self.ramp, list) else self.ramp)


def parse_raster_style(raw: dict | None, count: int, display: str) -> RasterStyle:
    """A layer's ``style`` for a raster; one-line ``RasterError`` when it is wrong."""
    raw = dict(raw or {})
    kind = raw.get("kind", "rgb" if count >= 3 else "ramp")
    if kind not in ("ramp", "rgb"):
        raise RasterError(f"{display}: style kind {kind!r} is not one for rasters (ramp or rgb)")
    style = RasterStyle(kind=kind)
    if kind == "rgb":
        bands = raw.get("bands", [1, 2, 3])
        if (
            not isinstance(bands, list)
            or len(bands) != 3
            or not all(isinstance(b, int) and 1 <= b <= count for b in bands)
        ):
            raise RasterError(f"{display}: style bands must be three band numbers from 1 to {count}")
        style.bands = tuple(bands)
    else:
        band = raw.get("band", 1)
        if not isinstance(band, int) or not 1 <= band <= count:
            raise RasterError(f"{display}: style band must be a band number from 1 to {count}")
        style.band = band
        ramp = raw.get("ramp", list(DEFAULT_RAMP))
        if not known_ramp(ramp):
            raise RasterError(
                f"{display}: unknown colour ramp {str(ramp)[:40]!r} (e.g. YlGn, RdYlGn, viridis)"
            )
        style.ramp = ramp
    for key in ("min", "max"):
        value = raw.get(key)
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise RasterError(f"{display}: style {key} must be a number")
            setattr(style, key, float(value))
    stretch = raw.get("stretch", "minmax")
    if stretch not in ("minmax", "percentile"):
        raise RasterError(f"{display}: stretch must be minmax or percentile")
    style.stretch = stretch
    breaks = raw.get("breaks")
    if breaks is not None:
        if (
            not isinstance(breaks, list)
            or len(breaks) < 1
            or not all(isinstance(b, (int, float)) and not isinstance(b, bool) for b in breaks)
            or sorted(breaks) != breaks
        ):
            raise RasterError(f"{display}: breaks must be increasing numbers")
        style.breaks = [float(b) for b in breaks]
    style.unit = str(raw.get("unit", ""))
    return style


def legend_entries(table, steps: int = 5) -> list[tuple[str, str]]:
    """The legend of a raster as (label, colour) rows: its classes, or the ramp sampled at
    ``steps`` values from the stretch's low end to its high end (the unit after the ends);
    true colour is one row."""
    style = table.style or RasterStyle(kind="rgb" if table.count >= 3 else "ramp")
    if style.kind == "rgb":
        return [("RGB", "#8c8c8c")]
    unit = f" {style.unit}" if style.unit else ""
    if style.breaks:
        b = style.breaks
        colours = ramp_colors(style.ramp, len(b) + 1)
        labels = [f"< {b[0]:g}{unit}"]
        labels += [f"{lo:g}–{hi:g}{unit}" for lo, hi in itertools.pairwise(b)]
        labels += [f"≥ {b[-1]:g}{unit}"]
        return list(zip(labels, colours, strict=True))
    lo, hi = table.stretch(style, style.band)
    values = np.linspace(lo, hi, steps)
    digits = max(0, 2 - math.floor(math.log10(max(abs(hi - lo), 1e-9))))
    labels = [f"{v:.{digits}f}" for v in values]
    labels[0] += unit
    labels[-1] += unit
    return list(zip(labels, ramp_colors(style.ramp, steps), strict=True))
