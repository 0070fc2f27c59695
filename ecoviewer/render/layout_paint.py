"""Paints a report page that ``ecoviewer.export.layout`` planned: header, map, north arrow,
scale bar, legend, targets table and footer — onto a QImage (PNG) or a QPdfWriter (PDF,
text kept as text with its fonts embedded). Coordinates are output pixels at the page's
dpi in both cases, so the PNG and the PDF are the same drawing."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QPolygonF,
)

from ..export.layout import STATUS_COLORS, LayoutContent, PageGeometry, ScaleBar
from ..trends import chart_map

# Latin text from DejaVu (its digits map back to Unicode in PDFs), Chinese from Noto CJK
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans CJK SC", "Noto Sans CJK", "WenQuanYi Micro Hei"]
INK = QColor("#222222")
MUTED = QColor("#555555")
RULE = QColor("#b0b0b0")
#: targets table: title, value, goal, year, status, trend. Value, goal, year and status
#: (with the trend word under it) are as wide as their widest text, so they never wrap
#: mid-number; the trend column is CHART_EMS wide (its chart); the title takes what is left
#: (at least TITLE_SHARE)
TITLE_SHARE = 0.18
CHART_EMS = 5.0


def font(px: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    f.setPixelSize(max(1, round(px)))
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    # no "fi"/"fl" ligatures: a PDF reader would find "ﬁt", not "fit", when searching
    f.setFeature(QFont.Tag("liga"), 0)
    return f


class _Painter:
    def __init__(self, p: QPainter, geo: PageGeometry):
        self.p = p
        self.geo = geo

    def text(
        self,
        rect: QRectF,
        text: str,
        px: float,
        *,
        bold=False,
        color=INK,
        flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
    ) -> QRectF:
        self.p.setFont(font(px, bold))
        self.p.setPen(color)
        used = self.p.boundingRect(rect, int(flags) | int(Qt.TextFlag.TextWordWrap), text)
        self.p.drawText(rect, int(flags) | int(Qt.TextFlag.TextWordWrap), text)
        return used

    def height_of(self, width: float, text: str, px: float, bold=False) -> float:
        fm = QFontMetricsF(font(px, bold))
        return fm.boundingRect(QRectF(0, 0, width, 1e6), int(Qt.TextFlag.TextWordWrap), text).height()


def paint_page(
    p: QPainter, geo: PageGeometry, content: LayoutContent | None, map_image: QImage, bar: ScaleBar | None
) -> None:
    """Draw the whole page; ``content`` None (``--map-only``) draws the bare map."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    p.fillRect(QRectF(0, 0, geo.width, geo.height), QColor("white"))
    mx, my, mw, mh = geo.map
    p.drawImage(QRectF(mx, my, mw, mh), map_image)
    if content is None:
        return
    d = _Painter(p, geo)
    p.setPen(QPen(RULE, geo.pt(0.75)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(QRectF(mx, my, mw, mh))
    _header(d, content)
    _north_arrow(d)
    if bar is not None:
        _scale_bar(d, bar)
    _panel(d, content)
    _footer(d, content)


def _header(d: _Painter, c: LayoutContent) -> None:
    x, y, w, h = d.geo.header
    full_px, sub_px = d.geo.pt(20), d.geo.pt(11)
    title, title_px = fit_title(c.title, w, full_px)
    p = d.p
    p.setFont(font(title_px, True))
    p.setPen(INK)
    # the line keeps the full-size title's height: the subtitle and date stay where they are
    p.drawText(
        QRectF(x, y + (full_px - title_px) * 0.9, w, full_px * 1.35), int(Qt.AlignmentFlag.AlignLeft), title
    )
    sub_y = y + full_px * 1.35
    date_w = QFontMetricsF(font(sub_px)).horizontalAdvance(c.date) + d.geo.mm(1)
    if c.subtitle:
        d.text(QRectF(x, sub_y, w - date_w - d.geo.mm(4), sub_px * 1.5), c.subtitle, sub_px, color=MUTED)
    d.text(
        QRectF(x + w - date_w, sub_y, date_w, sub_px * 1.5),
        c.date,
        sub_px,
        color=MUTED,
        flags=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
    )
    p.setPen(QPen(INK, d.geo.pt(1)))
    p.drawLine(QPointF(x, y + h), QPointF(x + w, y + h))


def fit_title(text: str, width: float, px: float, smallest: float = 0.6) -> tuple[str, float]:
    """The title and its font size: full size when it fits, else the size that fits (down
    to ``smallest`` of full size), else elided at that size. A narrow page (800 px) cut the
    sample's bilingual name at full size."""
    size = px
    while size >= px * smallest:
        if QFontMetricsF(font(size, True)).horizontalAdvance(text) <= width:
            return text, size
        size *= 0.95
    size = px * smallest
    return QFontMetricsF(font(size, True)).elidedText(text, Qt.TextElideMode.ElideRight, width), size


def _north_arrow(d: _Painter) -> None:
    """A north arrow in the map's top-right corner (Web Mercator: north is straight up)."""
    mx, my, mw, _ = d.geo.map
    size = d.geo.mm(14)
    pad = d.geo.mm(3)
    box = QRectF(mx + mw - size - pad, my + pad, size, size * 1.25)
    p = d.p
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("white"))  # opaque: it must read on any basemap (a sea-blue corner made it grey-blue)
    p.drawRoundedRect(box, size * 0.08, size * 0.08)
    cx = box.center().x()
    top, base = box.top() + size * 0.42, box.bottom() - size * 0.1
    half = size * 0.22
    mid = base - (base - top) * 0.3
    left = QPolygonF([QPointF(cx, top), QPointF(cx - half, base), QPointF(cx, mid)])
    right = QPolygonF([QPointF(cx, top), QPointF(cx + half, base), QPointF(cx, mid)])
    p.setPen(QPen(INK, d.geo.pt(0.75)))
    p.setBrush(INK)
    p.drawPolygon(left)
    p.setBrush(QColor("white"))
    p.drawPolygon(right)
    d.text(
        QRectF(box.left(), box.top() + size * 0.04, size, size * 0.4),
        "N",
        d.geo.pt(11),
        bold=True,
        flags=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
    )


def _scale_bar(d: _Painter, bar: ScaleBar) -> None:
    """Alternating black and white blocks, pure black (#000) so tests can measure them."""
    mx, my, _mw, mh = d.geo.map
    pad = d.geo.mm(3)
    label_px = d.geo.pt(8)
    bar_h = d.geo.mm(1.6)
    box_h = bar_h + label_px * 1.5 + d.geo.mm(3)
    box = QRectF(mx + pad, my + mh - pad - box_h, bar.pixels + d.geo.mm(10), box_h)
    p = d.p
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(255, 255, 255, 225))
    p.drawRect(box)
    x0 = box.left() + d.geo.mm(5)
    y0 = box.bottom() - d.geo.mm(1.5) - bar_h
    seg = bar.pixels / bar.segments
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for i in range(bar.segments):
        p.setBrush(QColor("black") if i % 2 == 0 else QColor("white"))
        p.drawRect(QRectF(x0 + i * seg, y0, seg, bar_h))
    p.setPen(QPen(QColor("black"), max(1.0, d.geo.pt(0.5))))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(QRectF(x0, y0, bar.pixels, bar_h))
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    w = d.geo.mm(20)
    d.text(
        QRectF(x0 - w / 2, y0 - label_px * 1.45, w, label_px * 1.4),
        "0",
        label_px,
        flags=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
    )
    d.text(
        QRectF(x0 + bar.pixels - w / 2, y0 - label_px * 1.45, w, label_px * 1.4),
        bar.label,
        label_px,
        flags=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
    )


def _swatch(d: _Painter, rect: QRectF, item) -> None:
    p = d.p
    color = QColor(item.color)
    stroke = QColor(item.stroke or item.color)
    pen = QPen(stroke, max(1.0, d.geo.pt(0.8)))
    if item.dash:
        try:
            pen.setDashPattern([max(0.5, float(v) / 2) for v in str(item.dash).split()])
        except ValueError:
            pass
    if item.shape == "line":
        pen.setColor(color)
        pen.setWidthF(d.geo.pt(1.6))
        p.setPen(pen)
        p.drawLine(QPointF(rect.left(), rect.center().y()), QPointF(rect.right(), rect.center().y()))
    elif item.shape == "point":
        r = min(rect.width(), rect.height()) * 0.35
        p.setPen(QPen(QColor("white"), d.geo.pt(0.6)))
        p.setBrush(color)
        p.drawEllipse(rect.center(), r, r)
    else:
        fill = QColor(color)
        fill.setAlphaF(min(1.0, max(0.25, item.fill_opacity)))
        p.setPen(pen)
        p.setBrush(fill)
        p.drawRect(rect.adjusted(pen.widthF() / 2, pen.widthF() / 2, -pen.widthF() / 2, -pen.widthF() / 2))
    p.setBrush(Qt.BrushStyle.NoBrush)


def _legend(d: _Painter, c: LayoutContent, x: float, y: float, w: float, bottom: float) -> float:
    """The legend in the box; when it is too tall it flows into two or three columns and,
    if need be, smaller type, so that no visible layer is left out."""
    for scale, columns in ((1.0, 1), (1.0, 2), (0.85, 2), (0.75, 2), (0.7, 3), (0.6, 3)):
        _end, fits = _legend_flow(d, c, x, y, w, bottom, scale, columns, draw=False)
        if fits:
            break
    return _legend_flow(d, c, x, y, w, bottom, scale, columns, draw=True)[0]


def _legend_flow(
    d: _Painter,
    c: LayoutContent,
    x: float,
    y: float,
    w: float,
    bottom: float,
    scale: float,
    columns: int,
    draw: bool,
) -> tuple[float, bool]:
    head_px = d.geo.pt(11)
    group_px, item_px = d.geo.pt(8) * scale, d.geo.pt(8) * scale
    if draw:
        y += d.text(QRectF(x, y, w, head_px * 1.6), c.words["legend"], head_px, bold=True).height()
    else:
        y += d.height_of(w, c.words["legend"], head_px, True)
    y += d.geo.mm(1)
    gap = d.geo.mm(3)
    col_w = (w - gap * (columns - 1)) / columns
    sw, sh = d.geo.mm(7) * scale, d.geo.mm(3.6) * scale
    top, col, lowest = y, 0, y

    def room(height: float) -> bool:
        nonlocal y, col, lowest
        if y + height <= bottom:
            return True
        if col + 1 >= columns:
            return False
        col += 1
        y = top
        return True

    for group in c.legend:
        if group.title:
            h = d.height_of(col_w, group.title, group_px, True) + d.geo.mm(0.5)
            if not room(h + sh):
                return lowest, False
            cx = x + col * (col_w + gap)
            if draw:
                d.text(QRectF(cx, y, col_w, h), group.title, group_px, bold=True)
            y += h
        for item in group.items:
            cx = x + col * (col_w + gap)
            indent = d.geo.mm(2) * scale if group.title else 0
            label_w = col_w - indent - sw - d.geo.mm(2) * scale
            line_h = max(sh, d.height_of(label_w, item.label, item_px))
            if not room(line_h):
                return lowest, False
            cx = x + col * (col_w + gap)
            if draw:
                swatch_x = cx + indent
                label_x = swatch_x + sw + d.geo.mm(2) * scale
                _swatch(d, QRectF(swatch_x, y + (line_h - sh) / 2, sw, sh), item)
                d.text(
                    QRectF(label_x, y, label_w, line_h),
                    item.label,
                    item_px,
                    flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                )
            y += line_h + d.geo.mm(1) * scale
            lowest = max(lowest, y)
        y += d.geo.mm(1) * scale
    return lowest, True


TABLE_PT, SMALLEST_TABLE_PT = 7.5, 5.5


def table_points(d: _Painter, c: LayoutContent, w: float, room: float) -> float:
    """The table's text size: 7.5 pt, or smaller (to 5.5 pt) until its columns fit ``w``
    without squeezing and its rows ``room`` (a narrow A4 panel with a trend column)."""
    pt = TABLE_PT
    while pt > SMALLEST_TABLE_PT:
        px, pad = d.geo.pt(pt), d.geo.mm(0.8)
        heads = [c.words[k] for k in ("target", "value", "goal", "year", "status", "trend")]
        widths = _column_widths(c, heads, w, px, pad)
        fits = widths[0] >= w * TITLE_SHARE + 0.5 and _natural(c, heads, px, pad) <= w * (1 - TITLE_SHARE)
        if fits and _table(d, c, 0.0, 0.0, w, float("inf"), draw=False, pt=pt) <= room:
            break
        pt = round(pt - 0.5, 2)
    return max(pt, SMALLEST_TABLE_PT)


def _table(
    d: _Painter,
    c: LayoutContent,
    x: float,
    y: float,
    w: float,
    bottom: float,
    draw: bool = True,
    pt: float = TABLE_PT,
) -> float:
    """The targets table from ``y`` down (at most to ``bottom``) with its text at ``pt``;
    returns where it ends. ``draw=False`` only measures (the panel puts the table at its foot)."""
    head_px, px, pad = d.geo.pt(11), d.geo.pt(pt), d.geo.mm(0.8)
    if draw:
        d.text(QRectF(x, y, w, head_px * 1.6), c.words["targets"], head_px, bold=True)
    y += d.height_of(w, c.words["targets"], head_px, True) + d.geo.mm(1)
    heads = [c.words[k] for k in ("target", "value", "goal", "year", "status", "trend")]
    widths = _column_widths(c, heads, w, px, pad)
    xs = [x + sum(widths[:i]) for i in range(len(widths))]
    row_h = max(d.height_of(cw - 2 * pad, t, px, True) for cw, t in zip(widths, heads)) + 2 * pad
    if draw:
        d.p.fillRect(QRectF(x, y, w, row_h), QColor("#eeeeee"))
        for cx, cw, text in zip(xs, widths, heads):
            d.text(QRectF(cx + pad, y + pad, cw - 2 * pad, row_h), text, px, bold=True)
    y += row_h
    if not c.targets:
        if draw:
            d.text(QRectF(x + pad, y + pad, w, px * 2), c.words["no_targets"], px, color=MUTED)
        return y + px * 2
    for n, row in enumerate(c.targets):
        # the status cell says the trend under the status ("● 未达标" / "↗ 进度滞后"); the
        # trend column holds the small chart, as high as two lines
        status = row.status_text + (f"\n{row.trend_text}" if row.trend_text else "")
        cells = [row.title, row.value, row.goal, row.year, status, "" if row.chart else "—"]
        dot = px * 0.7 * 1.6
        heights = [
            d.height_of(cw - 2 * pad - (dot if i == 4 else 0), t, px, i == 4)
            for i, (cw, t) in enumerate(zip(widths, cells))
        ]
        h = max(heights) + 2 * pad
        if row.chart:
            h = max(h, chart_height(px) + 2 * pad)
        if y + h > bottom:  # never drop rows silently: say how many did not fit
            if draw:
                d.text(
                    QRectF(x + pad, y + pad, w, px * 2),
                    c.words["more"].format(len(c.targets) - n),
                    px,
                    bold=True,
                    color=QColor("#a50f15"),
                )
            return y + px * 2
        if draw:
            _table_row(d, row, cells, xs, widths, y, h, px, pad)
        y += h
    return y


def _natural(c: LayoutContent, heads: list[str], px: float, pad: float) -> float:
    """The fitted columns' width before any squeeze."""
    return sum(_fitted(c, heads, px, pad))


def _column_widths(c: LayoutContent, heads: list[str], w: float, px: float, pad: float) -> list[float]:
    """The table's column widths: value, goal, year and status fit their widest cell on one
    line (the status with its dot and its trend word); the trend its chart; the title the
    rest. A page too narrow for that shrinks the fitted columns alike (``table_points``
    first makes the text smaller, so this is the last resort)."""
    fitted = _fitted(c, heads, px, pad)
    title = w - sum(fitted)
    if title < w * TITLE_SHARE:
        scale = max(0.0, w - w * TITLE_SHARE) / sum(fitted)
        fitted = [f * scale for f in fitted]
        title = w - sum(fitted)
    return [title, *fitted]


def _fitted(c: LayoutContent, heads: list[str], px: float, pad: float) -> list[float]:
    bold = QFontMetricsF(font(px, True))
    cells = [[r.value, r.goal, r.year, r.status_text, "—"] for r in c.targets]
    fitted = []
    for i in range(5):
        texts = [row[i] for row in cells] + ([r.trend_text for r in c.targets] if i == 3 else [])
        # (a little over the measure: text at print resolution runs a few per cent wider)
        widest = max([bold.horizontalAdvance(t) for t in texts] + [0.0]) * 1.06
        if i == 3:
            widest += px * 0.7 * 1.6  # the status dot
        head = heads[i + 1]  # a head may wrap between words, never inside one
        widest = max([widest] + [bold.horizontalAdvance(word) * 1.06 for word in head.split()])
        if i == 4 and any(r.chart for r in c.targets):
            widest = max(widest, px * CHART_EMS)
        fitted.append(widest + 2 * pad + 1)
    return fitted


def _table_row(d: _Painter, row, cells, xs, widths, y, h, px, pad) -> None:
    for i, (cx, cw, text) in enumerate(zip(xs, widths, cells)):
        if i == 4:
            dot = px * 0.7
            d.p.setPen(Qt.PenStyle.NoPen)
            d.p.setBrush(QColor(STATUS_COLORS.get(row.status, "#8c8c8c")))
            d.p.drawEllipse(QRectF(cx + pad, y + pad + (px * 1.2 - dot) / 2, dot, dot))
            first, _, trend = text.partition("\n")
            used = d.text(
                QRectF(cx + pad + dot * 1.6, y + pad, cw - 2 * pad - dot * 1.6, h),
                first,
                px,
                bold=True,
                color=QColor(STATUS_COLORS.get(row.status, "#555555")),
            )
            if trend and row.chart:
                d.text(
                    QRectF(cx + pad + dot * 1.6, used.bottom(), cw - 2 * pad - dot * 1.6, h),
                    trend,
                    px,
                    bold=True,
                    color=QColor(row.chart["color"]),
                )
        elif i == 5 and row.chart:
            box = QRectF(cx + pad, y + pad + px * 0.2, cw - 2 * pad, chart_height(px))
            paint_chart(d.p, row.chart, box, small=True, line=max(1.0, d.geo.pt(0.6)))
        elif i == 5:
            d.text(QRectF(cx + pad, y + pad, cw - 2 * pad, h), text, px, color=MUTED)
        else:
            d.text(QRectF(cx + pad, y + pad, cw - 2 * pad, h), text, px)
    d.p.setPen(QPen(RULE, max(1.0, d.geo.pt(0.4))))
    d.p.drawLine(QPointF(xs[0], y + h), QPointF(xs[0] + sum(widths), y + h))


def chart_height(px: float) -> float:
    """A table row's chart: about two lines of its text high."""
    return px * 2.0


def paint_chart(p: QPainter, chart: dict, box: QRectF, *, small: bool = False, line: float = 1.0) -> None:
    """A target's trend (``ecoviewer.trends.trend_chart``) in ``box``, as vector strokes: the
    goal (grey dashes), the target year (dotted), the least-squares line (the trend's colour,
    dashed), the series (dark, with dots unless ``small``) and the projection (a dot)."""
    to = chart_map(chart, box.x(), box.y(), box.width(), box.height())
    colour = QColor(chart["color"])
    p.save()
    margin = line * 4  # dots on the edge drawn whole; nothing else leaves the box
    p.setClipRect(box.adjusted(-margin, -margin, margin, margin), Qt.ClipOperation.IntersectClip)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(QColor("#d0d0d0"), line * 0.8))
    p.drawRect(box)

    def stroke(colour: QColor, width: float, dash: list[float] | None = None) -> None:
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if dash:
            pen.setDashPattern(dash)
        p.setPen(pen)

    stroke(QColor("#555555"), line, [4, 3])
    gy = to(chart["x"][0], chart["goal"])[1]
    p.drawLine(QPointF(box.left(), gy), QPointF(box.right(), gy))
    if chart.get("year"):
        stroke(QColor("#999999"), line, [1, 2])
        yx = to(chart["year"], chart["y"][0])[0]
        p.drawLine(QPointF(yx, box.top()), QPointF(yx, box.bottom()))
    if chart.get("fit"):
        stroke(colour, line * 1.3, [5, 3])
        (ax, ay), (bx, by) = chart["fit"]
        p.drawLine(QPointF(*to(ax, ay)), QPointF(*to(bx, by)))
    stroke(QColor("#333333"), line * 1.4)
    p.drawPolyline(QPolygonF([QPointF(*to(yr, v)) for yr, v in chart["points"]]))
    p.setPen(Qt.PenStyle.NoPen)
    if not small or len(chart["points"]) == 1:  # (one point: its dot is all there is)
        p.setBrush(QColor("#333333"))
        for yr, v in chart["points"]:
            p.drawEllipse(QPointF(*to(yr, v)), line * 2.2, line * 2.2)
    if chart.get("projection") is not None and chart.get("year"):
        p.setBrush(colour)
        r = line * (2.4 if small else 3.5)
        p.drawEllipse(QPointF(*to(chart["year"], chart["projection"])), r, r)
    p.restore()


def _panel(d: _Painter, c: LayoutContent) -> None:
    x, y, w, h = d.geo.panel
    if w >= h:  # under the map (portrait page): legend left, table right
        half = (w - d.geo.mm(5)) / 2
        _legend(d, c, x, y, half, y + h)
        _table(d, c, x + half + d.geo.mm(5), y, half, y + h, pt=table_points(d, c, half, h))
        return
    pt = table_points(d, c, w, h * 0.65)
    table_h = _table(d, c, x, 0.0, w, float("inf"), draw=False, pt=pt)
    legend_bottom = max(y + h * 0.35, y + h - table_h) - d.geo.mm(4)  # where the table starts
    _legend(d, c, x, y, w, legend_bottom)
    _table(d, c, x, max(y + h * 0.35, y + h - table_h), w, y + h, pt=pt)


def _footer(d: _Painter, c: LayoutContent) -> None:
    x, y, w, _h = d.geo.footer
    px = d.geo.pt(7)
    d.p.setPen(QPen(RULE, max(1.0, d.geo.pt(0.5))))
    d.p.drawLine(QPointF(x, y), QPointF(x + w, y))
    y += px * 0.3
    for i, line in enumerate(c.footer):
        schematic = i == len(c.footer) - 1 and len(c.footer) > 2
        fm = QFontMetricsF(font(px, schematic))
        d.text(
            QRectF(x, y, w, px * 1.4),
            fm.elidedText(line, Qt.TextElideMode.ElideRight, w),
            px,
            bold=schematic,
            color=QColor("#a50f15") if schematic else MUTED,
        )
        y += px * 1.4


# -- output --------------------------------------------------------------------------------


def page_image(
    geo: PageGeometry, content: LayoutContent | None, map_image: QImage, bar: ScaleBar | None
) -> QImage:
    image = QImage(geo.width, geo.height, QImage.Format.Format_RGB32)
    dpm = round(geo.dpi / 0.0254)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    p = QPainter(image)
    try:
        paint_page(p, geo, content, map_image, bar)
    finally:
        p.end()
    return image


def write_pdf(
    path: str,
    geo: PageGeometry,
    content: LayoutContent | None,
    map_image: QImage,
    bar: ScaleBar | None,
    title: str = "",
) -> None:
    """A one-page PDF whose page is ``geo`` at its dpi (paper sizes come out exact)."""
    writer = QPdfWriter(path)
    writer.setResolution(geo.dpi)
    size_mm = QSizeF(geo.width / geo.dpi * 25.4, geo.height / geo.dpi * 25.4)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(size_mm, QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.ExactMatch),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(title)
    writer.setCreator("EcoViewer")
    p = QPainter(writer)
    if not p.isActive():
        raise OSError(f"cannot write {path}")
    try:
        paint_page(p, geo, content, map_image, bar)
    finally:
        p.end()


__all__ = ["page_image", "paint_page", "write_pdf"]
