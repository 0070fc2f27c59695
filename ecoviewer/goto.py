"""Go to: a place typed as coordinates (lon/lat, or x/y in the project's metric CRS), a map
scale typed as 1:N, or a feature found by its name in the project's own layers (offline: the
layers are the gazetteer). Qt-free; the window's go-to box and scale box use it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from .project import Project
from .sources import FeatureTable, to_text

_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_PAIR = re.compile(
    rf"^\s*({_NUMBER})\s*°?\s*([EeWwNnSs]?)\s*[,，;；\s]\s*({_NUMBER})\s*°?\s*"
    r"([EeWwNnSs]?)\s*$"
)
#: ground metres per pixel at zoom 0 on the equator (Web Mercator, 256-px tiles)
EQUATOR_M_PER_PX = 2 * math.pi * 6378137.0 / 256
#: a screen pixel in metres at 96 dpi (what "1:5000" on screen means, as QGIS takes it)
PIXEL_M = 0.0254 / 96
#: what a name search looks at: label fields first, then fields called like names
MAX_HITS = 20_000  # per field: ranking stays quick on a big layer
NAME_FIELDS = ("name", "name_zh", "name_cn", "name_en", "title", "名称", "NAME", "Name")


def parse_coordinates(text: str, to_lonlat=None) -> tuple[float, float] | None:
    """(lon, lat) for "117.75, 39.13", "117.75°E 39.13°N", or — when ``to_lonlat`` (a
    transformer from the metric CRS) is given — "565364, 4333165" in metres. None when the
    text is not two numbers or lands nowhere on Earth."""
    m = _PAIR.match(text or "")
    if not m:
        return None
    x, hx, y, hy = float(m.group(1)), m.group(2).upper(), float(m.group(3)), m.group(4).upper()
    if not (math.isfinite(x) and math.isfinite(y)):
        return None
    if hx in "NS" and hx and (hy in "EW"):  # "39.13°N 117.75°E": latitude first
        x, y, hx, hy = y, x, hy, hx
    if (hx and hx not in "EW") or (hy and hy not in "NS"):
        return None  # "117 N 39 E" and the like: not a position
    x = -x if hx == "W" else x
    y = -y if hy == "S" else y
    if not (hx or hy) and abs(x) <= 90 < abs(y) <= 180:
        x, y = y, x  # "39.13, 117.75": latitude first (no longitude fits there)
    if abs(x) <= 180 and abs(y) <= 90:
        return x, y
    if hx or hy:
        return None
    if to_lonlat is None:
        return None
    lon, lat = to_lonlat.transform(x, y)
    if not (math.isfinite(lon) and math.isfinite(lat) and abs(lon) <= 180 and abs(lat) <= 90):
        return None
    return float(lon), float(lat)


def parse_scale(text: str) -> float | None:
    """The N of "1:5000", "1：5,000" or "5000"; None for anything else."""
    m = re.match(r"^\s*(?:1\s*[:：]\s*)?([\d,，\s]+)\s*$", text or "")
    if not m:
        return None
    digits = re.sub(r"[,，\s]", "", m.group(1))
    if not digits.isdigit():
        return None
    n = float(digits)
    return n if 1 <= n <= 1e9 else None


def scale_of(zoom: float, lat: float) -> float:
    """The map scale (N of 1:N) of a Leaflet zoom at latitude ``lat`` on a 96-dpi screen."""
    return EQUATOR_M_PER_PX * math.cos(math.radians(lat)) / 2.0**zoom / PIXEL_M


def zoom_for_scale(scale: float, lat: float) -> float:
    """The Leaflet zoom that shows 1:``scale`` at latitude ``lat`` on a 96-dpi screen."""
    return math.log2(EQUATOR_M_PER_PX * math.cos(math.radians(lat)) / (scale * PIXEL_M))


@dataclass(frozen=True)
class Place:
    text: str  # the name as the feature has it
    layer_id: str
    row: int


def name_fields(project: Project, layer_id: str, table: FeatureTable) -> list[str]:
    spec = project.layer(layer_id)
    label = (spec.style or {}).get("label")
    fields = [label] if isinstance(label, str) and label in table.fields else []
    fields += [f for f in NAME_FIELDS if f in table.fields and f not in fields]
    return fields


def search(project: Project, tables: dict[str, FeatureTable], text: str, limit: int = 50) -> list[Place]:
    """Features whose name contains ``text`` (case-insensitive), exact names first, then
    names that start with it, then the rest; visible layers before hidden ones."""
    needle = (text or "").strip().casefold()
    if not needle:
        return []
    found: list[tuple[tuple, Place]] = []
    visible = {s.id for s in project.layers if s.visible}
    for spec in project.layers:
        table = tables.get(spec.id)
        if table is None:
            continue
        for field in name_fields(project, spec.id, table):
            if getattr(table, "kind", "") == "streamed":  # asked of the file, not read whole
                rows, names = table.find(field, text.strip(), MAX_HITS)
                names = np.asarray([*names, None], dtype=object)[:-1]
                for row, name in zip(rows.tolist(), names.tolist()):
                    low = to_text(name).casefold()
                    rank = (0 if low == needle else 1 if low.startswith(needle) else 2, 0, len(low))
                    found.append((rank, Place(to_text(name), spec.id, int(row))))
                continue
            names = table.fields[field]
            if names.dtype != object:
                continue
            hits = np.flatnonzero([isinstance(v, str) and needle in v.casefold() for v in names.tolist()])
            for row in hits[:MAX_HITS]:  # all of them ranked (an exact name may come late)
                name = to_text(names[row])
                low = name.casefold()
                rank = (
                    0 if low == needle else 1 if low.startswith(needle) else 2,
                    0 if spec.id in visible else 1,
                    len(name),
                )
                found.append((rank, Place(name, spec.id, int(row))))
    found.sort(key=lambda item: item[0])
    seen, out = set(), []
    for _, place in found:
        key = (place.layer_id, place.row)
        if key not in seen:
            seen.add(key)
            out.append(place)
        if len(out) >= limit:
            break
    return out
