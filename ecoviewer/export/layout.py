"""The report layout of an export, worked out without Qt: page and map sizes in pixels,
where each element goes, what the legend, the targets table and the footer say, and how
long the scale bar is.

The Qt painter (``ecoviewer/render/layout_paint.py``) only draws what this module decides, so
every number here is tested without a screen.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from pyproj import Geod

from ..project import Project
from ..sources import FeatureTable
from ..styles import classify, style_or_default
from ..targets import STATUS_COLORS, STATUS_WORDS
from ..trends import trend_chart
from ..words import WORDS

#: paper sizes in millimetres, portrait (width, height)
PAPER_MM = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
SCREEN_DPI = 96  # one CSS pixel of the map page at 100 % zoom
MIN_DPI, MAX_DPI = 72, 480  # the web view zooms at most 5×; 480 dpi = 5 × 96
MAX_PIXELS = 12000  # per side of a page
MIN_PIXELS = 48  # per side of a page, and of the map in CSS pixels (smaller never draws)

_GEOD = Geod(ellps="WGS84")  # Leaflet's lon/lat are WGS 84


class LayoutError(ValueError):
    """Export options that cannot make a page (one line). ``template`` and ``values`` let a
    UI say it in its own language (the window translates the template)."""

    def __init__(self, template: str, *values):
        self.template, self.values = template, values
        super().__init__(template.format(*values))


def paper_pixels(paper: str, dpi: int, landscape: bool = True) -> tuple[int, int]:
    """Pixel size of a paper sheet at ``dpi``: A3 landscape at 300 dpi is 4961×3508."""
    try:
        w_mm, h_mm = PAPER_MM[paper.upper()]
    except KeyError:
        raise LayoutError("paper must be one of {0}, not {1!r}", ", ".join(PAPER_MM), paper) from None
    check_dpi(dpi)
    if landscape:
        w_mm, h_mm = h_mm, w_mm
    return round(w_mm / 25.4 * dpi), round(h_mm / 25.4 * dpi)


def check_dpi(dpi: int) -> int:
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise LayoutError("dpi must be between {0} and {1}, not {2}", MIN_DPI, MAX_DPI, dpi)
    return dpi


# -- scale bar ----------------------------------------------------------------------------


def metres_per_css_pixel(lat: float, zoom: float) -> float:
    """Ground metres that one CSS pixel of a Web Mercator map spans along the parallel at
    ``lat`` (geodesic on WGS 84, over a 100-pixel stretch centred on the meridian)."""
    deg_per_px = 360.0 / (256.0 * 2.0**zoom)
    _, _, dist = _GEOD.inv(-50 * deg_per_px, lat, 50 * deg_per_px, lat)
    return dist / 100.0


def nice_length(limit_m: float) -> float:
    """The largest 1, 2 or 5 × 10^k metres not above ``limit_m``."""
    if limit_m <= 0:
        raise ValueError("limit must be positive")
    exp = math.floor(math.log10(limit_m))
    for step in (5, 2, 1):
        value = step * 10.0**exp
        if value <= limit_m * (1 + 1e-9):
            return value
    return 10.0**exp


@dataclass
class ScaleBar:
    metres: float  # ground length the bar stands for
    pixels: float  # its length on the page (output pixels)
    label: str  # "2 km", "500 m"
    segments: int  # alternating black/white blocks


def scale_bar(lat: float, zoom: float, pixel_ratio: float, max_pixels: float) -> ScaleBar:
    """A scale bar at most ``max_pixels`` long (output pixels) for a map whose centre is at
    ``lat`` shown at Leaflet ``zoom``; ``pixel_ratio`` = output pixels per CSS pixel."""
    m_per_px = metres_per_css_pixel(lat, zoom) / pixel_ratio
    metres = nice_length(max_pixels * m_per_px)
    label = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
    lead = int(f"{metres:e}"[0])
    segments = {1: 4, 2: 4, 5: 5}.get(lead, 4)
    return ScaleBar(metres, metres / m_per_px, label, segments)


# -- page geometry ------------------------------------------------------------------------

Rect = tuple[float, float, float, float]  # x, y, width, height in output pixels


@dataclass
class PageGeometry:
    width: int
    height: int
    dpi: int
    map: Rect
    header: Rect | None = None
    panel: Rect | None = None  # legend and targets table
    footer: Rect | None = None
    margin: float = 0.0

    @property
    def pixel_ratio(self) -> float:
        """Output pixels per CSS pixel of the map page."""
        return self.dpi / SCREEN_DPI

    def pt(self, points: float) -> float:
        """A length in typographic points, in output pixels."""
        return points * self.dpi / 72.0

    def mm(self, millimetres: float) -> float:
        return millimetres * self.dpi / 25.4

    @property
    def map_css_size(self) -> tuple[int, int]:
        """The map's size in CSS pixels: what the web view lays the page out at."""
        return round(self.map[2] / self.pixel_ratio), round(self.map[3] / self.pixel_ratio)


def plan_page(width: int, height: int, dpi: int = SCREEN_DPI, map_only: bool = False) -> PageGeometry:
    """Where everything goes on a ``width``×``height`` page at ``dpi``.

    Landscape pages put the legend and the targets table in a panel right of the map;
    portrait pages put it under the map. ``map_only``: the map fills the page."""
    check_dpi(dpi)
    if not (MIN_PIXELS <= width <= MAX_PIXELS and MIN_PIXELS <= height <= MAX_PIXELS):
        raise LayoutError(
            "page must be between {0} and {1} pixels a side, not {2}×{3}",
            MIN_PIXELS,
            MAX_PIXELS,
            width,
            height,
        )
    if map_only:
        geo = PageGeometry(width, height, dpi, map=(0.0, 0.0, float(width), float(height)))
        return _check_map(geo)
    geo = PageGeometry(width, height, dpi, map=(0, 0, 0, 0))
    margin = min(geo.mm(8), width * 0.03, height * 0.03)
    header_h = geo.pt(20) * 1.35 + geo.pt(11) * 1.5 + geo.mm(2)
    footer_h = geo.pt(7) * 1.4 * 3
    gap = margin * 0.6
    inner_w = width - 2 * margin
    top = margin + header_h + gap
    bottom = height - margin - footer_h
    body_h = bottom - gap - top
    if body_h < height * 0.3:
        raise LayoutError(
            "a {0}×{1} page at {2} dpi is too small for a layout (choose the bare "
            "map, a larger size or a lower dpi)",
            width,
            height,
            dpi,
        )
    geo.margin = margin
    geo.header = (margin, margin, inner_w, header_h)
    geo.footer = (margin, height - margin - footer_h, inner_w, footer_h)
    if width >= height:
        panel_w = max(inner_w * 0.28, min(geo.mm(70), inner_w * 0.4))
        map_w = inner_w - panel_w - gap
        geo.map = (margin, top, map_w, body_h)
        geo.panel = (margin + map_w + gap, top, panel_w, body_h)
    else:
        panel_h = body_h * 0.32
        map_h = body_h - panel_h - gap
        geo.map = (margin, top, inner_w, map_h)
        geo.panel = (margin, top + map_h + gap, inner_w, panel_h)
    return _check_map(geo)


def _check_map(geo: PageGeometry) -> PageGeometry:
    w, h = geo.map[2] / geo.pixel_ratio, geo.map[3] / geo.pixel_ratio
    if w < MIN_PIXELS or h < MIN_PIXELS:
        raise LayoutError(
            "at {0} dpi the map of a {1}×{2} page would be {3:.0f}×{4:.0f} screen "
            "pixels; use a larger size or a lower dpi",
            geo.dpi,
            geo.width,
            geo.height,
            w,
            h,
        )
    return geo


# -- content ------------------------------------------------------------------------------


@dataclass
class LegendItem:
    label: str
    color: str
    shape: str  # polygon / line / point
    stroke: str | None = None
    dash: str | None = None
    fill_opacity: float = 0.6


@dataclass
class LegendGroup:
    title: str
    items: list[LegendItem] = field(default_factory=list)


@dataclass
class TargetRow:
    title: str
    value: str
    goal: str
    year: str
    status: str  # met / missed / no-data / error
    status_text: str
    trend_text: str = ""  # "↘ on track", or "" without a series
    chart: dict | None = None  # ecoviewer.trends.trend_chart: drawn small in the table


@dataclass
class LayoutContent:
    title: str
    subtitle: str
    date: str
    legend: list[LegendGroup]
    targets: list[TargetRow]
    footer: list[str]
    words: dict
    lang: str = "zh"


def legend_groups(
    project: Project, tables: dict[str, FeatureTable], lang: str, layer_ids: list[str] | None = None
) -> list[LegendGroup]:
    """One group per visible layer (top of the map first), one item per style class."""
    groups = []
    for spec in reversed(project.layers):
        shown = spec.id in layer_ids if layer_ids is not None else spec.visible
        if not shown or spec.id not in tables:
            continue
        table = tables[spec.id]
        if getattr(table, "kind", "") == "raster":  # its ramp or classes, as swatches
            from ..raster_style import legend_entries

            items = [
                LegendItem(label=label, color=colour, shape="polygon", stroke=colour, fill_opacity=1.0)
                for label, colour in legend_entries(table)
            ]
            groups.append(LegendGroup(spec.display_title(lang), items))
            continue
        style, _ = style_or_default(spec, list(table.fields))  # the export says why
        shape = table.shape
        # each class as what its features are: pipes as lines, stations as points
        shapes = table.shapes_of(classify(style, table.fields, len(table)), len(style.classes))
        items = []
        for entry, cls, kind in zip(style.legend(shape, lang), style.classes, shapes):
            sym = {**style.base, **{k: v for k, v in cls.items() if k != "label"}}
            items.append(
                LegendItem(
                    label=entry.label,
                    color=entry.color,
                    shape=kind,
                    stroke=sym.get("stroke"),
                    dash=sym.get("dash"),
                    fill_opacity=float(sym.get("fill_opacity", 0.6)),
                )
            )
        title = spec.display_title(lang)
        if len(items) == 1 and items[0].label in ("", title):
            items[0].label = title
            groups.append(LegendGroup("", items))
        else:
            groups.append(LegendGroup(title, items))
    return groups


def target_rows(results, lang: str) -> list[TargetRow]:
    words = STATUS_WORDS.get(lang, STATUS_WORDS["en"])
    rows = []
    for r in results:
        t = r.target
        if not getattr(t, "visible", True):
            continue
        value = r.value_with_unit()
        chart = trend_chart(r, lang)
        title = t.display_title(lang) + ("" if t.verified else f" ({WORDS[lang]['unverified']})")
        rows.append(
            TargetRow(
                title=title,
                value=value.replace(" ", "\u00a0"),
                goal=r.target_text().replace(" ", "\u00a0"),
                year=str(t.year or ""),
                status=r.status,
                status_text=words.get(r.status, r.status),
                trend_text=f"{chart['arrow']} {chart['trend_text']}" if chart else "",
                chart=chart,
            )
        )
    return rows


def basemap_attribution(project: Project) -> str:
    """The shown basemap's attribution (from its file's metadata), or ""."""
    from ..basemaps import BasemapError, opened

    shown = project.shown_basemap
    if shown is None:
        return ""
    try:
        return opened(shown).attribution.strip()
    except BasemapError:
        return ""


def layout_content(
    project: Project,
    tables: dict[str, FeatureTable],
    results,
    *,
    lang: str = "zh",
    title: str | None = None,
    subtitle: str = "",
    layer_ids: list[str] | None = None,
    evaluated: dt.datetime | None = None,
    today: dt.date | None = None,
) -> LayoutContent:
    """Everything the layout says, in ``lang`` (zh or en)."""
    words = WORDS["zh" if lang == "zh" else "en"]
    meta = project.metadata
    evaluated = evaluated or dt.datetime.now()
    today = today or dt.date.today()
    sources = str(meta.get("sources", "")).strip()
    if not sources:
        sources = ", ".join(sorted({spec.path for spec in project.layers}))
    attribution = basemap_attribution(project)
    footer = [
        f"{words['sources']}: {sources}" + (f" · {words['basemap']}: {attribution}" if attribution else ""),
        f"{words['crs']}: {words['crs_text'].format(measure=project.measure_crs or 'EPSG:4548')}"
        f" · {words['evaluated']} {evaluated:%Y-%m-%d %H:%M}"
        f" · EcoViewer",
    ]
    if meta.get("schematic"):
        footer.append(words["schematic"])
    return LayoutContent(
        title=title or project.name,
        subtitle=subtitle,
        date=f"{words['date']} {today:%Y-%m-%d}",
        legend=legend_groups(project, tables, lang, layer_ids),
        targets=target_rows(results, lang),
        footer=footer,
        words=words,
        lang=lang,
    )


def scene_slug(index: int, title: str) -> str:
    """A file name for scene ``index`` (1-based): ``02-water-system``; Chinese titles keep
    their characters, anything a file system dislikes becomes ``-``."""
    keep = "".join(c if (c.isalnum() or c in "-_") else "-" for c in title.strip())
    while "--" in keep:
        keep = keep.replace("--", "-")
    keep = keep.strip("-")[:60] or "scene"
    return f"{index:02d}-{keep}"


__all__ = [
    "PAPER_MM",
    "STATUS_COLORS",
    "LayoutContent",
    "LayoutError",
    "ScaleBar",
    "layout_content",
    "metres_per_css_pixel",
    "nice_length",
    "paper_pixels",
    "plan_page",
    "scale_bar",
    "scene_slug",
]
