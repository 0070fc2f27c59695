"""A selected target's trend, charted under the targets table (QtCharts): the series, the
goal, the target year, the least-squares line and the projection, and the trend in words.

The numbers and the words come from ``ecoviewer.trends.trend_chart`` (the same description
the report and the map page draw); this module only wires it to QtCharts. QtCharts shows
titles, legend labels and axis titles as HTML, so every text is escaped first.
"""

from __future__ import annotations

import html

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..targets import TargetResult
from ..trends import trend_chart, trend_words
from .i18n import tr
from .problems_zh import localize_known


def _plain(text: str) -> str:
    """Text for a QtCharts label (which renders HTML): shown as written."""
    return html.escape(str(text), quote=False)


def _pen(colour: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setStyle(style)
    return pen


class TrendPanel(QWidget):
    """The chart of one target, or a line saying why there is none."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.chart = QChart()
        self.chart.setBackgroundRoundness(0)
        self.chart.setMargins(self.chart.margins() * 0)
        # no legend: a 450-px dock cut its entries short; the line under the chart says what
        # the dashed goal, the trend line and the projection's dot are
        self.chart.legend().hide()
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(180)
        self.words = QLabel()
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.words)
        self.data: dict | None = None  # the chart shown (tests read it)
        self.show_result(None)

    def show_result(self, result: TargetResult | None, lang: str = "zh") -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        self.data = trend_chart(result, lang) if result is not None else None
        if result is None:
            self.chart.setTitle("")
            self.view.hide()
            self.words.setText(tr("Select a target to see its trend."))
            return
        title = result.target.display_title(lang)
        if self.data is None:
            self.chart.setTitle("")
            self.view.hide()
            problem = result.error or result.series_error  # (a target that failed says why)
            self.words.setText(
                localize_known(problem, lang)
                if problem
                else f"{title}: " + tr("no series (add 'series' to the target)")
            )
            return
        self.view.show()
        self._draw(self.data, title, lang)
        c = self.data
        lines = [f"{c['arrow']} {c['trend_text']}", c["projection_text"], c["goal_text"], c["crossing_text"]]
        if result.series_error:
            lines.append(localize_known(result.series_error, lang))
        self.words.setText(" · ".join(x for x in lines if x))

    def _draw(self, c: dict, title: str, lang: str) -> None:
        w = trend_words(lang)
        self.chart.setTitle(_plain(title))
        x_axis, y_axis = QValueAxis(), QValueAxis()
        x_axis.setRange(*c["x"])
        x_axis.setLabelFormat("%d")
        x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        x_axis.setTickAnchor(c["xticks"][0] if c["xticks"] else c["x"][0])
        x_axis.setTickInterval(c["xticks"][1] - c["xticks"][0] if len(c["xticks"]) > 1 else 1)
        y_axis.setRange(*c["y"])
        y_axis.setTickCount(max(2, len(c["yticks"])))
        y_axis.setLabelFormat(f"%.{int(c['decimals'])}f")  # as the report and the page write them
        if c["unit"]:
            y_axis.setTitleText(_plain(c["unit"]))
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)

        def add(series, pen=None):
            if pen is not None:
                series.setPen(pen)
            self.chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
            return series

        goal = QLineSeries(name=_plain(c["goal_text"]))
        goal.append([QPointF(c["x"][0], c["goal"]), QPointF(c["x"][1], c["goal"])])
        add(goal, _pen("#555555", 1.5, Qt.PenStyle.DashLine))
        if c["year"]:
            year = QLineSeries(name=_plain(f"{w['target_year']} {c['year']}"))
            year.append([QPointF(c["year"], c["y"][0]), QPointF(c["year"], c["y"][1])])
            add(year, _pen("#999999", 1, Qt.PenStyle.DotLine))
        if c["fit"]:
            fit = QLineSeries(name=_plain(w["fit"]))
            fit.append([QPointF(x, y) for x, y in c["fit"]])
            add(fit, _pen(c["color"], 2, Qt.PenStyle.DashLine))
        series = QLineSeries(name=_plain(w["series"]))
        series.append([QPointF(x, y) for x, y in c["points"]])
        add(series, _pen("#333333", 2))
        dots = QScatterSeries()
        dots.append([QPointF(x, y) for x, y in c["points"]])
        dots.setMarkerSize(7)
        dots.setColor(QColor("#333333"))
        dots.setBorderColor(QColor("#333333"))
        add(dots)
        if c["projection"] is not None and c["year"]:
            proj = QScatterSeries(name=_plain(c["projection_text"]))
            proj.append(QPointF(c["year"], c["projection"]))
            proj.setMarkerSize(11)
            proj.setColor(QColor(c["color"]))
            proj.setBorderColor(QColor("#ffffff"))
            add(proj)
