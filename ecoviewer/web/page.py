"""The map page: folium composes a Leaflet page whose every asset is inlined from local files.

Layers travel as columnar JSON (one GeoJSON geometry array, one class-index array, one array
per tooltip field) built with whole-array shapely/json calls, and are drawn by our small
page script (``resources/web/ecoviewer/*.js``, see ``page_script``), which looks each
feature's symbol up by class. Attribute text never passes through ``innerHTML``: the page
builds tooltips, labels and the legend with ``textContent``. This module imports no Qt.
"""

from __future__ import annotations

import base64
import html as html_lib
import json
import math
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import folium
import numpy as np
import shapely
import xstatic.pkg.leaflet as xleaflet
from branca.element import Element, MacroElement
from jinja2 import Template

from .. import RESOURCES, validate
from ..project import GROUP_TITLES, LayerSpec, Project, localized
from ..sources import FeatureTable, to_plain
from ..styles import ResolvedStyle, classify, label_mask, style_or_default
from ..targets import STATUS_COLORS, STATUS_WORDS
from ..tiles import TILE_THRESHOLD
from ..trends import trend_chart
from ..words import words

#: offline HTML inlines layers up to this size; bigger ones are left out, with a notice
INLINE_LIMIT = 200_000

LEAFLET_DIR = Path(xleaflet.BASE_DIR)
WEB_DIR = RESOURCES / "web"
QWEBCHANNEL_URL = "qrc:///qtwebchannel/qwebchannel.js"
QWEBCHANNEL_TAG = f'<script src="{QWEBCHANNEL_URL}"></script>'
BACKGROUND = "#eef1ec"


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element (no ``</script>``, no
    ``<!--``). Every value is serialised — a ``str`` becomes a JSON string — refusing NaN
    and infinities (``ValueError``): a non-finite number is a project or data error to catch
    at load, not a value to hand to Leaflet."""
    return _script_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False))


def _script_safe(text: str) -> str:
    """JSON text made safe inside ``<script>``: ``<``, ``>``, ``&`` and the two line
    separators JavaScript reads as line ends written as ``\\u`` escapes."""
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_JS_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def js_call(function: str, *arguments: Any) -> str:
    """``ecoviewer.function(arg, …)`` with every argument passed as JSON (never pasted into
    the source as text): the one way Python code calls the page. ``function`` is a name from
    our own code; an argument that is a ``RawJson`` is JSON text made by ``layer_payload``."""
    if not _JS_NAME.fullmatch(function):
        raise ValueError(f"not a page function name: {function!r}")
    return f"ecoviewer.{function}({js_arguments(*arguments)})"


def js_arguments(*arguments: Any) -> str:
    """The arguments of a page call, each as script-safe JSON."""
    return ", ".join(a.text if isinstance(a, RawJson) else script_json(_finite(a)) for a in arguments)


@dataclass(frozen=True)
class RawJson:
    """JSON text already serialised and script-safe (a layer's columnar data)."""

    text: str


def _finite(value: Any) -> Any:
    """``value`` with NumPy scalars made plain; non-finite numbers raise ``ValueError``."""
    if isinstance(value, (np.floating, np.integer)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


class _Slots:
    """Text placed into the page *after* folium/branca have rendered it.

    branca compiles every element's rendered output as a new Jinja template, so any text
    that reaches an element — a layer title, an attribute value, the project name — would be
    evaluated as template source (``{{ 7*7 }}`` shows 49; ``lipsum.__globals__`` runs shell
    commands). So elements carry only opaque tokens (letters and digits: never template
    syntax), and the real text replaces them in the finished HTML, in one pass that does not
    look at what it inserts. Data never becomes template source, whatever it contains."""

    def __init__(self):
        self._prefix = f"EcoViewerSlot{secrets.token_hex(8)}x"
        self._values: list[str] = []

    def put(self, text: str) -> str:
        self._values.append(text)
        return f"{self._prefix}{len(self._values) - 1}x"

    def fill(self, rendered: str) -> str:
        used: set[int] = set()

        def value(match: re.Match) -> str:
            i = int(match.group(1))
            used.add(i)
            return self._values[i]

        out = re.sub(re.escape(self._prefix) + r"(\d+)x", value, rendered)
        if len(used) != len(self._values):  # a slot folium dropped: a bug, not a data problem
            raise RuntimeError("the page template lost a data slot")
        return out


@dataclass
class PageLayer:
    """One layer as the page receives it."""

    id: str
    title: str
    title_en: str
    group: str
    visible: bool
    opacity: float
    style: ResolvedStyle
    data: str  # columnar JSON (already script-safe)
    shape: str
    count: int
    legend: list[dict] = field(default_factory=list)
    tiles: str | None = None  # XYZ URL template when the layer is drawn as raster tiles
    bounds: list[float] | None = None
    omitted: bool = False  # too big for an offline HTML file
    image: dict | None = None  # a raster in an offline page: {"url": data URI, "bounds": [w, s, e, n]}

    def meta(self, lang: str) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "title_en": self.title_en,
            "group": self.group,
            "visible": self.visible,
            "opacity": self.opacity,
            "shape": self.shape,
            "style": self.style.to_page(lang),
            "legend": self.legend,
            "tiles": self.tiles,
            "bounds": self.bounds,
            "count": self.count,
            "omitted": self.omitted,
            "image": self.image,
        }


def _column_json(col: np.ndarray, index: np.ndarray) -> str:
    values = col[index]
    if values.dtype.kind in "iu":
        return json.dumps(values.tolist())
    if values.dtype.kind == "f":
        return json.dumps([None if not np.isfinite(v) else v for v in values.tolist()])
    if values.dtype.kind == "b":
        return json.dumps(values.tolist())
    return json.dumps([to_plain(v) for v in values.tolist()], ensure_ascii=False)


def _entry(spec: LayerSpec, lang: str) -> dict:
    """What every layer tells the page about itself: id, titles, group, visibility, opacity."""
    return {
        "id": spec.id,
        "title": spec.display_title(lang),
        "title_en": localized(spec.title, "en") if isinstance(spec.title, dict) else "",
        "group": spec.group,
        "visible": spec.visible,
        "opacity": spec.opacity,
    }


class RasterPageStyle:
    """What the page needs of a raster layer's style: its legend rows as classes."""

    def __init__(self, entries: list[tuple[str, str]]):
        self.entries = entries

    def to_page(self, lang: str) -> dict:
        return {"base": {}, "classes": [{"color": c} for _, c in self.entries], "tooltip": [], "raster": True}


def raster_payload(spec: LayerSpec, table, lang: str = "zh", tile_url: str | None = None) -> PageLayer:
    """A raster layer: tiles drawn by the application (``tile_url``), or — in an offline
    HTML page, which has no tile server — the whole raster as one image laid over the map."""
    from ..raster_style import legend_entries

    entries = legend_entries(table)
    tiles = f"{tile_url}{quote(spec.id, safe='')}/{{z}}/{{x}}/{{y}}.png" if tile_url else None
    image = None
    if tile_url is None:
        png, box = table.image()
        image = {"url": "data:image/png;base64," + base64.b64encode(png).decode(), "bounds": list(box)}
    return PageLayer(
        **_entry(spec, lang),
        style=RasterPageStyle(entries),
        data='{"index":[],"geometry":[],"cls":[],"props":{}}',
        shape="polygon",
        count=0,
        legend=[{"label": label, "color": colour, "shape": "polygon"} for label, colour in entries],
        tiles=tiles,
        bounds=list(table.bounds) if table.bounds else None,
        image=image,
    )


def basemap_payloads(project: Project, lang: str = "zh", url: str | None = None) -> list[dict]:
    """What the page's ``setBasemaps`` reads: per basemap that opens, its zoom range, bounds,
    look, attribution (text) and where its tiles come from — ``url`` + id, or, without a
    tile server (offline HTML), the tiles around the project's view inlined."""
    from ..basemaps import BasemapError, inline_tiles, opened

    out = []
    view = project.view or {}
    for spec in project.basemaps:
        try:
            base = opened(spec)
        except BasemapError:
            continue
        item = {
            "id": spec.id,
            "title": spec.display_title(lang),
            "minZoom": base.minzoom,
            "maxZoom": base.maxzoom,
            "bounds": list(base.bounds),
            "attribution": base.attribution,
            "opacity": float(spec.opacity),
            "grey": bool(spec.grey),
            "visible": bool(spec.visible),
        }
        if url is not None:
            item["url"] = f"{url}{quote(spec.id, safe='')}/"
        elif spec.visible:
            bounds = view.get("bounds") or list(base.bounds)
            item["inline"] = inline_tiles(base, bounds, float(view.get("zoom", 13)))
        else:
            continue  # an offline file carries the basemap it shows, not the others
        out.append(item)
    return out


def layer_payload(
    spec: LayerSpec, table: FeatureTable, lang: str = "zh", tile_url: str | None = None
) -> PageLayer:
    """Turn a read layer into what the page draws (only drawn features, only shown fields).

    With ``tile_url`` (the desktop window and PNG exports), a layer of more than
    ``TILE_THRESHOLD`` features is drawn as raster tiles from that URL instead of being sent
    to the page; without it (offline HTML), a layer above ``INLINE_LIMIT`` is left out.
    A style that cannot be applied gives the default style (``style_or_default``; the
    caller reports why)."""
    if getattr(table, "kind", "") == "raster":
        return raster_payload(spec, table, lang, tile_url)
    if getattr(table, "kind", "") == "streamed":
        return streamed_payload(spec, table, lang, tile_url)
    columns = list(table.fields)
    style, _ = style_or_default(spec, columns)
    present = np.flatnonzero(~shapely.is_missing(table.geometry))
    shape = table.shape
    shapes = table.shapes_of(classify(style, table.fields, len(table)), len(style.classes))
    legend = [
        {"label": e.label, "color": e.color, "shape": k} for e, k in zip(style.legend(shape, lang), shapes)
    ]
    common = dict(
        **_entry(spec, lang),
        style=style,
        shape=shape,
        count=len(present),
        legend=legend,
        bounds=table.bounds,
    )
    too_big = len(present) > (TILE_THRESHOLD if tile_url else INLINE_LIMIT)
    if too_big:
        # the id percent-encoded: "{x}" in an id is not Leaflet's placeholder, "/", "?", "#"
        # and ".." do not change which tile is asked for
        tiles = f"{tile_url}{quote(spec.id, safe='')}/{{z}}/{{x}}/{{y}}.png" if tile_url else None
        return PageLayer(
            data='{"index":[],"geometry":[],"cls":[],"props":{}}',
            tiles=tiles,
            omitted=tile_url is None,
            **common,
        )
    geoms = table.geometry[present]
    n = len(table)
    classes = classify(style, table.fields, n)[present]
    geo_json = "[" + ",".join(shapely.to_geojson(geoms).tolist()) + "]" if len(geoms) else "[]"
    parts = [
        f'"index":{json.dumps(present.tolist())}',
        f'"geometry":{geo_json}',
        f'"cls":{json.dumps(classes.tolist())}',
    ]
    props = ",".join(
        f"{json.dumps(name, ensure_ascii=False)}:{_column_json(table.fields[name], present)}"
        for name in style.tooltip
    )
    parts.append('"props":{' + props + "}")
    lmask = label_mask(style, table.fields, n)[present]
    if lmask.any():
        pts = shapely.point_on_surface(geoms[lmask])
        xy = np.round(shapely.get_coordinates(pts), 6)
        texts = [to_plain(v) for v in table.fields[style.label_field][present][lmask].tolist()]
        labels = [[float(x), float(y), _label_text(t)] for (x, y), t in zip(xy, texts)]
        parts.append('"labels":' + json.dumps(labels, ensure_ascii=False))
    data = _script_safe("{" + ",".join(parts) + "}")
    return PageLayer(data=data, **common)


def streamed_payload(spec: LayerSpec, table, lang: str, tile_url: str | None) -> PageLayer:
    """A layer streamed from its file: always tiles (an offline page leaves it out, as any
    layer too big to carry); its legend from the style alone."""
    style, _ = style_or_default(spec, list(table.fields))
    shape = table.shape
    legend = [{"label": e.label, "color": e.color, "shape": shape} for e in style.legend(shape, lang)]
    tiles = f"{tile_url}{quote(spec.id, safe='')}/{{z}}/{{x}}/{{y}}.png" if tile_url else None
    return PageLayer(
        data='{"index":[],"geometry":[],"cls":[],"props":{}}',
        tiles=tiles,
        omitted=tile_url is None,
        **_entry(spec, lang),
        style=style,
        shape=shape,
        count=len(table),
        legend=legend,
        bounds=table.bounds,
    )


#: a permanent label longer than this is cut (a 20,000-character value drew across the map)
LABEL_MAX = 60


def _label_text(value) -> str:
    return validate.cut(value, LABEL_MAX)


HIGHLIGHT = "#00e5ff"


def target_payload(result, lang: str = "zh", tables: dict | None = None) -> dict:
    """What a target callout needs: texts, status, where it sits, what it points at."""
    t = result.target
    bounds = None
    for layer_id, rows in result.responsible.items():
        b = tables[layer_id].bounds_of(rows) if tables and layer_id in tables else None
        if b is not None:  # (responsible rows without geometry have nothing to frame)
            bounds = b if bounds is None else [*map(min, bounds[:2], b[:2]), *map(max, bounds[2:], b[2:])]
    other = "en" if lang == "zh" else "zh"
    return {
        "id": t.id,
        "title": t.display_title(lang),
        "title_other": localized(t.title, other),
        "value": result.value_with_unit(),
        "target": result.target_text(),
        "year": t.year,
        "status": result.status,
        "status_text": STATUS_WORDS.get(lang, STATUS_WORDS["en"]).get(result.status, result.status),
        "verified": t.verified,
        "unverified_text": words(lang)["sample_unverified"],
        "anchor": list(result.anchor) if result.anchor else None,
        "focus": list(result.focus) if result.focus else None,
        "responsible": {k: v.tolist() for k, v in result.responsible.items()},
        "bounds": bounds,
        "visible": bool(getattr(t, "visible", True)),
        # its trend over the years (None without a series): the callout's arrow, the
        # legend's sparkline and the offline page's chart are drawn from it
        "chart": _finite_chart(trend_chart(result, lang)),
    }


def _finite_chart(chart: dict | None) -> dict | None:
    """The chart with plain, finite numbers only (the page draws numbers, JSON has no NaN);
    a chart with any other number is left out (the callout then has no arrow)."""
    if chart is None:
        return None
    try:
        for key in ("points", "fit", "x", "y", "xticks", "yticks", "goal", "projection", "year"):
            if chart[key] is not None:
                chart[key] = _finite(chart[key])
    except ValueError:
        return None
    return chart


def note_payload(note: dict) -> dict:
    return {
        "id": str(note["id"]),
        "lon": float(note["lon"]),
        "lat": float(note["lat"]),
        "text": str(note.get("text", "")),
        "color": str(note.get("color", "#e6550d")),
    }


def add_layer_js(layer: PageLayer, lang: str = "zh") -> str:
    """The JS that adds a layer to a page already shown (used for Add layer, no reload)."""
    return js_call("addLayer", layer.meta(lang), RawJson(layer.data)) + ";"


def replace_layer_js(layer: PageLayer, lang: str = "zh", version: int = 0) -> str:
    """The JS that draws a restyled layer anew in its place in the drawing order. A big
    layer's tile URL carries ``version`` (``?v=…``), so its tiles are drawn again, not taken
    from the page's cache."""
    meta = layer.meta(lang)
    if meta.get("tiles") and version:
        meta["tiles"] = f"{meta['tiles']}?v={int(version)}"
    return js_call("replaceLayer", meta, RawJson(layer.data)) + ";"


# -- folium elements ---------------------------------------------------------------------------


class LocalAssets(Element):
    """Leaflet's JS/CSS (from xstatic-leaflet) and ours, inlined into the page header."""

    def __init__(self, bridge: bool, slots: _Slots):
        css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
        css = re.sub(r"url\((?:'|\")?images/([\w.-]+\.png)(?:'|\")?\)", _inline_image, css)
        # the files' text goes in after rendering, like data (it is not template source)
        parts = [
            f"<style>{slots.put(css)}</style>",
            f"<style>{slots.put((WEB_DIR / 'ecoviewer.css').read_text(encoding='utf-8'))}</style>",
            f"<script>{slots.put(_script_text(LEAFLET_DIR / 'leaflet.js'))}</script>",
        ]
        if bridge:  # the window's view inlines it when it shows the page (it is Qt's)
            parts.append(QWEBCHANNEL_TAG)
        parts.append(f"<script>{slots.put(page_script())}</script>")
        super().__init__("\n".join(parts))


def page_script() -> str:
    """Our page script: the files of ``resources/web/ecoviewer/`` in name order, in one
    function scope (they share its state, declared in ``00-state.js``)."""
    parts = sorted((WEB_DIR / "ecoviewer").glob("*.js"))
    body = "\n".join(p.read_text(encoding="utf-8") for p in parts)
    return '(function () {\n"use strict";\n' + body.replace("</script", "<\\/script") + "\n})();\n"


def _script_text(path: Path) -> str:
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script")


def _inline_image(match: re.Match) -> str:
    data = base64.b64encode((LEAFLET_DIR / "images" / match.group(1)).read_bytes()).decode()
    return f"url(data:image/png;base64,{data})"


class EcoInit(MacroElement):
    """Starts our page API on the folium map (scale bar, legend, bridge)."""

    _template = Template("""
{% macro script(this, kwargs) %}
ecoviewer.init({{ this._parent.get_name() }}, {{ this.options }});
{% endmacro %}
""")

    def __init__(self, options: dict, slots: _Slots):
        super().__init__()
        self._name = "EcoInit"
        self.options = slots.put(script_json(options))


class EcoCall(MacroElement):
    """One call of our page API with JSON arguments — a layer, the targets, the notes — as a
    folium element, so the page is composed the way folium composes its own objects."""

    _template = Template("""
{% macro script(this, kwargs) %}
ecoviewer.{{ this.function }}({{ this.arguments }});
{% endmacro %}
""")

    def __init__(self, slots: _Slots, function: str, *arguments: Any):
        super().__init__()
        self._name = "EcoCall"
        if not _JS_NAME.fullmatch(function):
            raise ValueError(f"not a page function name: {function!r}")
        self.function = function
        # the JSON arguments reach the page after rendering (see _Slots)
        self.arguments = slots.put(js_arguments(*arguments))


class LocalMap(folium.Map):
    """A folium map that pulls nothing from a CDN (assets come from ``LocalAssets``)."""

    default_js: list = []
    default_css: list = []


def build_page(
    project: Project,
    tables: dict[str, FeatureTable],
    *,
    lang: str = "zh",
    bridge: bool = True,
    layer_ids: list[str] | None = None,
    title: str | None = None,
    targets: list | None = None,
    legend: str = "open",
    zoom_buttons: bool = True,
    tile_url: str | None = None,
    tiled: dict | None = None,
    scale_bar: bool = True,
    canvas_padding: float | None = None,
    basemap_url: str | None = None,
) -> str:
    """The whole HTML page for ``project`` with the layers in ``tables`` and the evaluated
    ``targets`` (``TargetResult`` list) as callouts.

    ``layer_ids`` limits which layers are visible (others are still on the page, hidden);
    ``bridge`` adds the QWebChannel hook for the desktop window (off for offline HTML);
    ``legend="auto"`` folds a legend taller than half the map (the window), ``"open"`` never
    does (exports), ``"none"`` leaves legend and attribution out (report layouts draw their
    own, with ``scale_bar=False``). ``tile_url``: where big layers' tiles are served (see ``layer_payload``);
    ``tiled`` is filled with ``{layer id: (table, style)}`` of the layers drawn as tiles.
    A layer whose style cannot be applied is drawn with the default style. The project's
    basemaps come from ``basemap_url`` (the window and its exports), or their tiles around
    the view are inlined (offline HTML); a basemap that cannot be opened is left out (the
    loader and ``check`` say why).
    """
    view = project.view or {}
    layers = []
    for spec in project.layers:
        if spec.id in tables:
            layer = layer_payload(spec, tables[spec.id], lang, tile_url)
            if layer_ids is not None:
                layer.visible = spec.id in layer_ids
            if layer.tiles and tiled is not None:
                tiled[spec.id] = (tables[spec.id], layer.style)
            layers.append(layer)
    center = view.get("center", [117.775, 39.148])
    slots = _Slots()
    m = LocalMap(
        location=[center[1], center[0]],
        zoom_start=view.get("zoom", 13),
        tiles=None,
        prefer_canvas=True,
        control_scale=False,
        zoom_snap=0.25,
        fade_animation=False,
    )  # a tile fading in is not "drawn" yet
    m.get_root().header.add_child(LocalAssets(bridge, slots), name="ecoviewer_assets")
    page_title = title if title is not None else project.name
    # branca writes <title>{{ this.title }}</title> unescaped: the text goes in escaped,
    # after rendering (a name with "</title><script>" stays a name)
    m.get_root().title = slots.put(html_lib.escape(str(page_title), quote=True))
    options = {
        "lang": lang,
        "bridge": bridge,
        "background": BACKGROUND,
        "title": page_title,
        "groups": {k: localized(v, lang) for k, v in GROUP_TITLES.items()},
        "fit": view.get("bounds") if not view.get("center") else None,
        "legendTitle": words(lang)["legend"],
        "targetsTitle": words(lang)["map_targets"],
        "omittedText": words(lang)["omitted"],
        "highlight": HIGHLIGHT,
        "statusColors": STATUS_COLORS,
        "legend": legend,
        "zoomButtons": zoom_buttons,
        "scaleBar": scale_bar,
        "canvasPadding": canvas_padding,
        # offline HTML has no layer panel: the page gets its own switcher
        "switcher": not bridge,
        "layersTitle": words(lang)["layers"],
    }
    m.add_child(EcoInit(_finite_options(options), slots))
    for layer in layers:
        m.add_child(EcoCall(slots, "addLayer", layer.meta(lang), RawJson(layer.data)))
    if project.basemaps:
        m.add_child(EcoCall(slots, "setBasemaps", basemap_payloads(project, lang, basemap_url)))
    if targets:
        m.add_child(
            EcoCall(
                slots,
                "setTargets",
                [target_payload(r, lang, tables) for r in targets if r.anchor is not None],
            )
        )
    if project.annotations:
        m.add_child(EcoCall(slots, "setNotes", [note_payload(n) for n in project.annotations]))
    m.add_child(EcoCall(slots, "ready"))
    return slots.fill(m.get_root().render())


def _finite_options(options: dict) -> dict:
    fit = options.get("fit")
    if fit is not None:
        options["fit"] = _finite(list(fit))
    return options
