"""QGIS layer styles (``.qml``) in and out, for the three renderers both programs share.

A ``.qml`` is QGIS's XML: ``<qgis version=…>`` holding a ``<renderer-v2>`` of type
``singleSymbol``, ``categorizedSymbol`` (``<categories>`` of ``<category symbol value label
render>``) or ``graduatedSymbol`` (``<ranges>`` of ``<range symbol lower upper label>``), with
``<symbols>`` of ``<symbol type="fill|line|marker" name=…>`` whose ``<layer class=…>``
(SimpleFill, SimpleLine, SimpleMarker) keeps its settings as ``<Option type="Map">`` (QGIS
3.10 on) or ``<prop k v>`` (earlier), and ``<labeling type="simple">`` whose ``<text-style
fieldName>`` names the label field. Colours are "r,g,b,a" (0–255); sizes are millimetres
unless a ``*_unit`` says pixels (1 mm = 96 / 25.4 px, the screen QGIS assumes).

Import reads what maps onto an EcoViewer style and lists — never silently drops — the rest
(rule-based renderers are refused, a second symbol layer, data-defined properties, an
expression as the field, …). Export writes the same shape; what a ``.qml`` cannot say (a
layer's tooltip fields, ``label_where``) is listed.

The file is data: parsed by the standard library's expat without DTD or entity expansion
(a file declaring entities is refused), at most ``MAX_BYTES``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from . import validate
from .project import localized

MAX_BYTES = 8 * 1024 * 1024
PX_PER_MM = 96 / 25.4
#: the QGIS release whose .qml shape is written (and the newest read without a remark)
QGIS_VERSION = "3.34.0-Prizren"
_SYMBOL_TYPE = {"polygon": "fill", "line": "line", "point": "marker"}
_LAYER_CLASS = {"fill": "SimpleFill", "line": "SimpleLine", "marker": "SimpleMarker"}
_DASH_STYLE = {"dash": "6 3", "dot": "2 3", "dash dot": "6 3 2 3", "dash dot dot": "6 3 2 3 2 3"}


class QmlError(ValueError):
    """A .qml that cannot be used; one line (the caller adds the file name)."""


@dataclass
class QmlImport:
    style: dict
    unsupported: list[str] = field(default_factory=list)  # what was not taken, one line each


# -- reading ------------------------------------------------------------------------------------


def _rgba(text: str | None) -> tuple[str, float] | None:
    """QGIS "r,g,b,a" (or "#rrggbb") → ("#rrggbb", alpha 0–1)."""
    if not text:
        return None
    parts = text.split(",")
    try:
        if len(parts) >= 3:
            r, g, b = (max(0, min(255, int(float(p)))) for p in parts[:3])
            a = max(0, min(255, int(float(parts[3])))) / 255 if len(parts) > 3 and parts[3].strip() else 1.0
            return f"#{r:02x}{g:02x}{b:02x}", round(a, 2)
        return validate.color(text), 1.0
    except (ValueError, OverflowError):  # "1e999,0,0": not a colour
        return None


def _props(layer: ET.Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for prop in layer.findall("prop"):  # QGIS < 3.10
        if prop.get("k") is not None:
            out[prop.get("k")] = prop.get("v", "")
    opt = layer.find("Option")
    if opt is not None:
        for o in opt.findall("Option"):
            if o.get("name") is not None:
                out[o.get("name")] = o.get("value", "")
    return out


def _size(props: dict, key: str, default_mm: float) -> float:
    """A QGIS size in screen pixels."""
    try:
        value = float(props.get(key, default_mm))
    except ValueError:
        value = default_mm
    unit = props.get(f"{key}_unit", props.get("outline_width_unit" if "outline" in key else "", "MM"))
    px = value if unit in ("Pixel", "px") else value * PX_PER_MM
    return round(px, 2)


def _symbol(sym: ET.Element, where: str, unsupported: list[str]) -> dict:
    layers = sym.findall("layer")
    if not layers:
        unsupported.append(f"{where}: a symbol without layers (drawn with the defaults)")
        return {}
    if len(layers) > 1:
        unsupported.append(f"{where}: {len(layers)} symbol layers; only the first is used")
    layer = layers[0]
    cls = layer.get("class", "")
    props = _props(layer)
    out: dict[str, Any] = {}
    kind = sym.get("type", "")
    if cls not in _LAYER_CLASS.values():
        unsupported.append(f"{where}: symbol layer '{cls}' is not supported; drawn as a simple {kind}")
    if layer.find("data_defined_properties/Option/Option[@name='properties']/Option") is not None:
        unsupported.append(f"{where}: data-defined properties are not supported")
    alpha = 1.0
    try:
        alpha = float(sym.get("alpha", "1"))
    except ValueError:
        pass
    if kind == "line":
        c = _rgba(props.get("line_color") or props.get("color"))
        if c:
            out["color"] = c[0]
            if c[1] * alpha < 1:
                out["opacity"] = round(c[1] * alpha, 2)
        out["weight"] = _size(props, "line_width", 0.26)
        style = props.get("line_style", "solid")
        if props.get("use_custom_dash") == "1" and props.get("customdash"):
            try:
                nums = [float(v) for v in props["customdash"].split(";")]
                px = props.get("customdash_unit", "MM") in ("Pixel", "px")
                out["dash"] = " ".join(f"{(n if px else n * PX_PER_MM):g}" for n in nums)
            except ValueError:
                unsupported.append(f"{where}: dash pattern '{props['customdash']}' not understood")
        elif style in _DASH_STYLE:
            out["dash"] = _DASH_STYLE[style]
    else:
        fill = _rgba(props.get("color"))
        if fill:
            out["color"] = fill[0]
            out["fill_opacity"] = round(fill[1] * alpha, 2)
        if props.get("style", "solid") == "no":
            out["fill_opacity"] = 0.0
        stroke = _rgba(props.get("outline_color"))
        if stroke:
            out["stroke"] = stroke[0]
            if stroke[1] < 1:
                out["opacity"] = stroke[1]
        out["weight"] = _size(props, "outline_width", 0.26)
        outline = props.get("outline_style", "solid")
        if outline == "no":
            out["weight"] = 0.0
        elif outline in _DASH_STYLE:
            out["dash"] = _DASH_STYLE[outline]
        if kind == "marker":
            out["radius"] = round(_size(props, "size", 2.0) / 2, 2)
            if props.get("name", "circle") != "circle":
                unsupported.append(f"{where}: marker shape '{props.get('name')}' is drawn as a circle")
    return out


def _version(root: ET.Element, unsupported: list[str]) -> None:
    version = root.get("version", "")
    m = re.match(r"(\d+)\.(\d+)", version)
    if m and (int(m.group(1)), int(m.group(2))) > (3, 99):
        unsupported.append(f"written by QGIS {version.split('-')[0]}, newer than the QGIS 3 format read here")


def _label_field(root: ET.Element) -> str | None:
    labeling = root.find("labeling")
    if labeling is not None and labeling.get("type") == "simple":
        text_style = labeling.find("settings/text-style")
        if text_style is not None and text_style.get("fieldName"):
            if text_style.get("isExpression") == "1":
                return None
            return text_style.get("fieldName")
    for prop in root.findall("customproperties/property"):  # QGIS 2 labels
        if prop.get("key") == "labeling/fieldName" and prop.get("value"):
            return prop.get("value")
    return None


class _EntitiesError(Exception):
    pass


def _parse(data: bytes) -> ET.Element:
    """The XML, with a file that declares entities refused whatever its encoding: a first
    pass with expat, which tells of each declaration before any is used."""
    import xml.parsers.expat

    scan = xml.parsers.expat.ParserCreate()

    def refuse(*_args) -> None:
        raise _EntitiesError

    scan.EntityDeclHandler = refuse
    scan.UnparsedEntityDeclHandler = refuse
    try:
        scan.Parse(data, True)
        return ET.fromstring(data)
    except _EntitiesError:
        raise QmlError("declares XML entities; not read (a QGIS style has none)") from None
    except (ET.ParseError, xml.parsers.expat.ExpatError) as exc:
        raise QmlError(f"not readable XML ({exc})") from None


def parse_qml(data: bytes) -> QmlImport:
    """An EcoViewer style from a .qml's bytes; ``QmlError`` when it cannot be one."""
    if len(data) > MAX_BYTES:
        raise QmlError(f"too large for a layer style ({len(data) // 1024 // 1024} MB)")
    root = _parse(data)
    if root.tag != "qgis":
        raise QmlError(f"not a QGIS style (its root is <{root.tag[:40]}>, not <qgis>)")
    unsupported: list[str] = []
    _version(root, unsupported)
    renderer = root.find("renderer-v2")
    if renderer is None:
        if root.find("pipe") is not None:
            raise QmlError("a raster style; EcoViewer imports vector styles from .qml")
        raise QmlError("has no renderer (<renderer-v2>)")
    rtype = renderer.get("type", "")
    symbols = {s.get("name"): s for s in renderer.findall("symbols/symbol")}

    def symbol(name: str | None, where: str) -> dict:
        sym = symbols.get(name)
        if sym is None:
            unsupported.append(f"{where}: no symbol '{name}' (drawn with the defaults)")
            return {}
        return _symbol(sym, where, unsupported)

    style: dict[str, Any]
    if rtype == "singleSymbol":
        style = {"kind": "single", **symbol("0", "single symbol")}
    elif rtype in ("categorizedSymbol", "graduatedSymbol"):
        attr = renderer.get("attr", "")
        if not re.fullmatch(r'"?[^"()+*/|]+"?', attr or "-") or not attr:
            raise QmlError(f"classifies by an expression ({attr[:60]!r}); EcoViewer classifies by a field")
        attr = attr.strip('"')
        first: dict | None = None
        if rtype == "categorizedSymbol":
            cats: dict[str, dict] = {}
            other = None
            for cat in renderer.findall("categories/category"):
                where = f"category '{cat.get('value', '')}'"
                sym = symbol(cat.get("symbol"), where)
                first = first or sym
                label = cat.get("label") or cat.get("value", "")
                if cat.get("render", "true") == "false":
                    unsupported.append(f"{where}: switched off in QGIS; shown here")
                if cat.get("value", "") == "" and cat.find("val") is None:
                    other = {**_class_symbol(sym, first), "label": label or "其他"}
                    continue
                values = [v.get("value", "") for v in cat.findall("val")] or [cat.get("value", "")]
                entry = {**_class_symbol(sym, first)}
                if label != values[0]:
                    entry["label"] = label
                if len(values) > 1:
                    entry["values"] = values[1:]
                cats[values[0]] = entry
            style = {"kind": "categorized", "field": attr}
            style.update(_shared(first))
            style["categories"] = cats
            if other is not None:
                style["other"] = other
        else:
            classes = []
            for rng in renderer.findall("ranges/range"):
                where = f"range {rng.get('lower')}–{rng.get('upper')}"
                sym = symbol(rng.get("symbol"), where)
                first = first or sym
                try:
                    upper = float(rng.get("upper", ""))
                except ValueError:
                    raise QmlError(f"{where}: upper bound is not a number") from None
                classes.append(
                    {
                        "max": round(upper, 6),
                        **_class_symbol(sym, first),
                        "label": rng.get("label") or f"≤ {upper:g}",
                    }
                )
            if not classes:
                raise QmlError("a graduated renderer without ranges")
            maxes = [c["max"] for c in classes]
            if maxes != sorted(maxes):
                raise QmlError("graduated ranges are not in increasing order")
            style = {"kind": "graduated", "field": attr}
            style.update(_shared(first))
            style["classes"] = classes
    else:
        names = {"RuleRenderer": "rule-based", "heatmapRenderer": "heatmap",
                 "pointDisplacement": "point displacement", "pointCluster": "point cluster",
                 "invertedPolygonRenderer": "inverted polygons", "25dRenderer": "2.5 D",
                 "nullSymbol": "no symbols"}  # fmt: skip
        raise QmlError(
            f"uses QGIS's {names.get(rtype, repr(rtype))} renderer; "
            "EcoViewer imports single, categorized and graduated"
        )
    label = _label_field(root)
    if label:
        style["label"] = label
    elif root.find("labeling") is not None and root.find("labeling").get("type") not in (None, "simple"):
        unsupported.append(
            f"labeling '{root.find('labeling').get('type')}' (rule-based labels) is not supported"
        )
    if renderer.find("orderby") is not None and renderer.get("enableorderby") == "1":
        unsupported.append("feature drawing order (order by) is not supported")
    if renderer.get("symbollevels") == "1":
        unsupported.append("symbol levels are not supported")
    return QmlImport(style, unsupported)


#: what every class of a categorized/graduated style has in common goes on the style itself
_SHARED = ("stroke", "weight", "fill_opacity", "opacity", "radius", "dash")


def _shared(sym: dict | None) -> dict:
    return {k: sym[k] for k in _SHARED if sym and k in sym}


def _class_symbol(sym: dict, first: dict | None = None) -> dict:
    """A class's own symbol keys: its colour, and what differs from the first class's."""
    return {k: v for k, v in sym.items() if k == "color" or (first is not None and first.get(k) != v)}


# -- writing ------------------------------------------------------------------------------------


def _qgis_rgba(colour: str | None, alpha: float = 1.0) -> str:
    c = (colour or "#3388ff").strip()
    m = re.fullmatch(r"#([0-9a-fA-F]{6})", c) or re.fullmatch(r"#([0-9a-fA-F]{3})", c)
    if m:
        h = m.group(1)
        h = "".join(ch * 2 for ch in h) if len(h) == 3 else h
        r, g, b = int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    else:
        r, g, b = 51, 136, 255
    return f"{r},{g},{b},{round(max(0.0, min(1.0, alpha)) * 255)}"


def _mm(px: float) -> str:
    return f"{px / PX_PER_MM:.4f}"


def _option_map(parent: ET.Element, values: dict[str, str]) -> None:
    opt = ET.SubElement(parent, "Option", type="Map")
    for k, v in values.items():
        ET.SubElement(opt, "Option", type="QString", name=k, value=v)


def _write_symbol(parent: ET.Element, name: str, kind: str, sym: dict) -> None:
    el = ET.SubElement(parent, "symbol", type=kind, name=name, alpha="1", clip_to_extent="1", force_rhr="0",
                       is_animated="0", frame_rate="10")  # fmt: skip
    layer = ET.SubElement(
        el, "layer", {"class": _LAYER_CLASS[kind], "enabled": "1", "pass": "0", "locked": "0"}
    )
    weight = float(sym.get("weight", 1.5))
    dash = sym.get("dash")
    if kind == "line":
        values = {
            "line_color": _qgis_rgba(sym.get("color"), float(sym.get("opacity", 1.0))),
            "line_width": _mm(weight),
            "line_width_unit": "MM",
            "line_style": "solid",
            "capstyle": "square",
            "joinstyle": "bevel",
            "use_custom_dash": "1" if dash else "0",
            "customdash": ";".join(dash.split()) if dash else "5;2",
            "customdash_unit": "Pixel",
        }
    else:
        values = {
            "color": _qgis_rgba(sym.get("color"), float(sym.get("fill_opacity", 0.5))),
            "outline_color": _qgis_rgba(
                sym.get("stroke") or sym.get("color"), float(sym.get("opacity", 1.0))
            ),
            "outline_width": _mm(weight),
            "outline_width_unit": "MM",
            "outline_style": "no" if weight == 0 else ("dash" if dash else "solid"),
            "style": "solid",
        }
        if kind == "marker":
            values.update({"name": "circle", "size": _mm(2 * float(sym.get("radius", 5))), "size_unit": "MM"})
    _option_map(layer, values)


def export_qml(style: dict, shape: str, lang: str = "zh") -> tuple[str, list[str]]:
    """A .qml of a layer's style (``shape``: polygon, line or point), and what it leaves out;
    ``QmlError`` for a style the project file got wrong (it is drawn with the default)."""
    try:
        return _export(style, shape, lang)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise QmlError(
            f"the layer's style cannot be written as a QGIS style ({type(exc).__name__})"
        ) from None


def _export(style: dict, shape: str, lang: str) -> tuple[str, list[str]]:
    kind_of = _SYMBOL_TYPE.get(shape, "fill")
    left: list[str] = []
    base = {
        k: style[k]
        for k in ("color", "stroke", "weight", "fill_opacity", "opacity", "radius", "dash")
        if k in style
    }
    base.setdefault("color", "#3388ff")
    base.setdefault("weight", 1.5)
    base.setdefault("fill_opacity", 0.5)
    base.setdefault("radius", 5)
    if base.get("dash") and kind_of != "line":
        left.append(f"dash pattern '{base['dash']}': a QGIS fill outline is written as its 'dash' style")
    root = ET.Element("qgis", version=QGIS_VERSION, styleCategories="Symbology|Labeling",
                      labelsEnabled="1" if style.get("label") else "0")  # fmt: skip
    kind = style.get("kind", "single")
    renderer = ET.SubElement(root, "renderer-v2", forceraster="0", symbollevels="0", enableorderby="0",
                             referencescale="-1")  # fmt: skip
    symbols_el = None
    if kind == "categorized":
        renderer.set("type", "categorizedSymbol")
        renderer.set("attr", str(style.get("field", "")))
        cats_el = ET.SubElement(renderer, "categories")
        symbols_el = ET.SubElement(renderer, "symbols")
        entries = list((style.get("categories") or {}).items())
        for i, (value, sym) in enumerate(entries):
            sym = sym if isinstance(sym, dict) else {"color": sym}
            label = localized(sym.get("label", value), lang)
            cat = ET.SubElement(cats_el, "category", symbol=str(i), value=str(value), label=label,
                                render="true",
                                type="string")  # fmt: skip
            if sym.get("values"):  # a merged category: QGIS keeps its values as a list
                cat.set("value", "")
                for v in [value, *sym["values"]]:
                    ET.SubElement(cat, "val", value=str(v), type="string")
            _write_symbol(
                symbols_el,
                str(i),
                kind_of,
                {**base, **{k: v for k, v in sym.items() if k not in ("label", "values")}},
            )
        if style.get("other") is not None:
            other = style["other"] if isinstance(style["other"], dict) else {"color": style["other"]}
            i = len(entries)
            ET.SubElement(cats_el, "category", symbol=str(i), value="", render="true", type="string",
                          label=localized(other.get("label", "其他"), lang))  # fmt: skip
            _write_symbol(
                symbols_el, str(i), kind_of, {**base, **{k: v for k, v in other.items() if k != "label"}}
            )
    elif kind == "graduated":
        renderer.set("type", "graduatedSymbol")
        renderer.set("attr", str(style.get("field", "")))
        renderer.set("graduatedMethod", "GraduatedColor")
        ranges = ET.SubElement(renderer, "ranges")
        symbols_el = ET.SubElement(renderer, "symbols")
        lower = float(style.get("min", 0.0)) if isinstance(style.get("min"), (int, float)) else None
        for i, cls in enumerate(style.get("classes", [])):
            upper = float(cls["max"])
            lo = (
                lower
                if lower is not None and i == 0
                else (float(style["classes"][i - 1]["max"]) if i else upper)
            )
            ET.SubElement(ranges, "range", symbol=str(i), lower=f"{lo:.15f}", upper=f"{upper:.15f}",
                          label=localized(cls.get("label", f"≤ {upper:g}"), lang), render="true")  # fmt: skip
            _write_symbol(
                symbols_el,
                str(i),
                kind_of,
                {**base, **{k: v for k, v in cls.items() if k not in ("label", "max")}},
            )
        method = {"quantile": "Quantile", "equal_interval": "EqualInterval", "natural_breaks": "Jenks"}.get(
            style.get("method", "")
        )
        if method:
            ET.SubElement(renderer, "classificationMethod", id=method)
    else:
        renderer.set("type", "singleSymbol")
        symbols_el = ET.SubElement(renderer, "symbols")
        _write_symbol(symbols_el, "0", kind_of, base)
    if style.get("label"):
        labeling = ET.SubElement(root, "labeling", type="simple")
        settings = ET.SubElement(labeling, "settings", calloutType="simple")
        ET.SubElement(settings, "text-style", fieldName=str(style["label"]), isExpression="0", fontSize="9",
                      fontFamily="Noto Sans CJK SC", textColor="50,50,50,255")  # fmt: skip
    ET.SubElement(root, "layerGeometryType").text = {"point": "0", "line": "1"}.get(shape, "2")
    if kind_of == "line":
        dropped = [k for k in ("fill_opacity", "radius") if k in style]
        if dropped:
            left.append(f"{', '.join(dropped)}: a QGIS line symbol has no fill or point size")
    if style.get("label_where"):
        left.append("label_where (which features are labelled) has no place in a simple QGIS label")
    if style.get("tooltip"):
        left.append("tooltip fields are not part of a QGIS style (QGIS's map tip is an HTML template)")
    ET.indent(root)
    text = (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        + ET.tostring(root, encoding="unicode")
        + "\n"
    )
    return text, left


def keep_labels(imported: dict, current: dict) -> dict:
    """An imported style whose class labels are one language of the current style's
    ``{ zh, en }`` labels for the same value keep both languages (a .qml has one)."""
    out = dict(imported)

    def same(new, old):
        return isinstance(old, dict) and new in old.values()

    if imported.get("kind") == "categorized" and current.get("kind") == "categorized":
        old_cats = current.get("categories") or {}
        cats = {}
        for value, sym in (imported.get("categories") or {}).items():
            old = old_cats.get(value)
            old_label = old.get("label") if isinstance(old, dict) else None
            if isinstance(sym, dict) and same(sym.get("label"), old_label):
                sym = {**sym, "label": old_label}
            cats[value] = sym
        out["categories"] = cats
    if imported.get("kind") == "graduated" and current.get("kind") == "graduated":
        olds = {c.get("max"): c.get("label") for c in current.get("classes", []) if isinstance(c, dict)}
        out["classes"] = [
            {**c, "label": olds[c["max"]]} if same(c.get("label"), olds.get(c["max"])) else c
            for c in imported.get("classes", [])
        ]
    for key in ("tooltip", "label_where"):  # what a .qml does not say stays as it was
        if key in current and key not in out:
            out[key] = current[key]
    return out
