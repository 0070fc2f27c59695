"""Checks for values that come from project files and reach the map: numbers must be finite
numbers in range, positions lon/lat, colours colours. Each check returns the clean value or
raises ``ValueError`` with a short phrase; callers add the file and key to make one line.

Nothing here imports Qt or folium.
"""

from __future__ import annotations

import math
import re
from typing import Any

# CSS Color Module level 4 named colours (the only words a colour may be)
NAMED_COLORS = frozenset(
    """
aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet
brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan
darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta
darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue
darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey
dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray
green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush
lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen
lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey
lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue
mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise
mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive
olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred
papayawhip peachpuff peru pink plum powderblue purple rebeccapurple red rosybrown royalblue
saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray
slategrey snow springgreen steelblue tan teal thistle tomato transparent turquoise violet
wheat white whitesmoke yellow yellowgreen""".split()
)

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_NUM = r"\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)%?\s*"
_FUNC = re.compile(rf"(?:rgba?|hsla?)\((?:{_NUM},){{2}}{_NUM}(?:,{_NUM})?\)", re.IGNORECASE)
_DASH = re.compile(r"\s*\d+(?:\.\d+)?(?:[\s,]+\d+(?:\.\d+)?)*\s*")


def color(value: Any) -> str:
    """A CSS colour: ``#rgb``, ``#rrggbb`` (with alpha too), ``rgb()``/``hsl()`` of plain
    numbers, or a named colour. Anything else (``url(http://…)``, ``expression(…)``, markup)
    is refused."""
    if not isinstance(value, str):
        raise ValueError('must be a colour as text, like "#1b9e77"')
    text = value.strip()
    if _HEX.fullmatch(text) or _FUNC.fullmatch(text) or text.lower() in NAMED_COLORS:
        return text
    raise ValueError(f"{_short(value)!r} is not a colour (use #rrggbb, rgb(…) or a colour name)")


def dash(value: Any) -> str:
    """A dash pattern: numbers separated by spaces or commas, like ``"6 3"``."""
    if not isinstance(value, str) or not _DASH.fullmatch(value) or len(value) > 64:
        raise ValueError(f'{_short(value)!r} is not a dash pattern (numbers, like "6 3")')
    return value.strip()


def number(value: Any, low: float | None = None, high: float | None = None) -> float:
    """A finite number (not a bool, not text), within [low, high] when given."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"must be a number, not {_short(value)!r}")
    f = float(value)
    if not math.isfinite(f):
        raise ValueError(f"must be a finite number, not {value!r}")
    if (low is not None and f < low) or (high is not None and f > high):
        raise ValueError(f"must be from {low:g} to {high:g}, not {f:g}")
    return f


def lonlat(value: Any) -> tuple[float, float]:
    """``[lon, lat]``: two finite numbers, lon in -180…180 and lat in -90…90."""
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise ValueError("must be [lon, lat]")
    lon = number(value[0], -180, 180)
    lat = number(value[1], -90, 90)
    return lon, lat


def bounds(value: Any) -> list[float]:
    """``[west, south, east, north]`` in lon/lat: finite, in range, west < east, south <
    north (a zero-size box has no zoom that fits it)."""
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        raise ValueError("must be [west, south, east, north]")
    try:
        w, s, e, n = (number(v) for v in value)
    except ValueError as exc:
        raise ValueError(f"must be four numbers [west, south, east, north] ({exc})") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= 90 and -90 <= n <= 90):
        raise ValueError("must be lon/lat: west and east in -180…180, south and north in -90…90")
    if not (w < e and s < n):
        raise ValueError("must have west < east and south < north")
    return [w, s, e, n]


def text(value: Any, limit: int = 10_000) -> str:
    """Plain text of bounded length (a title, a name, a note)."""
    if not isinstance(value, str):
        raise ValueError(f"must be text, not {type(value).__name__}")
    if len(value) > limit:
        raise ValueError(f"is longer than {limit:,} characters")
    return value


def title(value: Any, limit: int = 10_000) -> str | dict:
    """Text, or ``{ zh = …, en = … }`` of texts."""
    if isinstance(value, dict):
        if not value or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise ValueError('must be text or { zh = "…", en = "…" }')
        for v in value.values():
            text(v, limit)
        return value
    return text(value, limit)


def cut(value: Any, limit: int) -> str:
    """``value`` as text of at most ``limit`` characters, "…" ending a cut one (labels,
    notes, messages quoting data)."""
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(value: Any) -> str:
    return cut(str(value), 38)
