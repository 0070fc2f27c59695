// -- a target's trend: the callout's arrow, the legend's sparkline, the offline chart -------
// Drawn from the chart the application worked out (ecoviewer/trends.py, as JSON): its
// numbers only are placed, its words only reach the page as textContent.
var SVG_NS = "http://www.w3.org/2000/svg";
var TREND_CLASSES = { "on-track": "ev-trend-on", "off-track": "ev-trend-off" };

function svgEl(tag, attrs, text) {
  var node = document.createElementNS(SVG_NS, tag);
  Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function finite(v) { return typeof v === "number" && isFinite(v); }

function chartUsable(c) {
  // a chart whose every number the drawing needs is a finite number, its ranges not empty
  return !!c && Array.isArray(c.points) && c.points.length > 0
    && c.points.every(function (p) { return finite(p[0]) && finite(p[1]); })
    && finite(c.x[0]) && finite(c.x[1]) && c.x[1] > c.x[0]
    && finite(c.y[0]) && finite(c.y[1]) && c.y[1] > c.y[0] && finite(c.goal);
}

function trendClass(c) { return TREND_CLASSES[c.trend] || "ev-trend-none"; }

function trendSvg(c, w, h, full) {
  // the series (dark line, dots), the least-squares line (the trend's colour, dashed), the
  // goal (grey dashes), the target year (dotted) and the projection (a dot on that year);
  // full: with the axes' ticks and their numbers
  var pad = full ? { l: 34, r: 8, t: 8, b: 18 } : { l: 2, r: 3, t: 2, b: 2 };
  var pw = w - pad.l - pad.r, ph = h - pad.t - pad.b;
  function X(year) { return pad.l + (year - c.x[0]) / (c.x[1] - c.x[0]) * pw; }
  function Y(v) { return pad.t + ph - (v - c.y[0]) / (c.y[1] - c.y[0]) * ph; }
  function r1(v) { return Math.round(v * 10) / 10; }
  var svg = svgEl("svg", { width: w, height: h, viewBox: "0 0 " + w + " " + h,
                           "class": (full ? "ev-trend-chart " : "ev-sparkline ") + trendClass(c) });
  if (full) {
    (c.yticks || []).forEach(function (v, i) {
      if (!finite(v)) return;
      svg.appendChild(svgEl("line", { x1: pad.l, x2: pad.l + pw, y1: r1(Y(v)), y2: r1(Y(v)),
                                      "class": "ev-chart-grid" }));
      // the tick's words as the application wrote them (the same in the window and report)
      var label = c.yticks_text && c.yticks_text[i] !== undefined ? c.yticks_text[i] : fmt(v);
      svg.appendChild(svgEl("text", { x: pad.l - 4, y: r1(Y(v) + 3.5), "text-anchor": "end",
                                      "class": "ev-chart-tick" }, label));
    });
    (c.xticks || []).filter(finite).forEach(function (year) {
      svg.appendChild(svgEl("text", { x: r1(X(year)), y: h - 4, "text-anchor": "middle",
                                      "class": "ev-chart-tick" }, String(year)));
    });
  }
  svg.appendChild(svgEl("line", { x1: pad.l, x2: pad.l + pw, y1: r1(Y(c.goal)), y2: r1(Y(c.goal)),
                                  "class": "ev-chart-goal" }));
  if (finite(c.year)) {
    svg.appendChild(svgEl("line", { x1: r1(X(c.year)), x2: r1(X(c.year)), y1: pad.t, y2: pad.t + ph,
                                    "class": "ev-chart-year" }));
  }
  if (Array.isArray(c.fit) && c.fit.length === 2 && c.fit.every(function (p) {
    return finite(p[0]) && finite(p[1]); })) {
    svg.appendChild(svgEl("line", { x1: r1(X(c.fit[0][0])), y1: r1(Y(c.fit[0][1])),
                                    x2: r1(X(c.fit[1][0])), y2: r1(Y(c.fit[1][1])),
                                    "class": "ev-chart-fit" }));
  }
  svg.appendChild(svgEl("polyline", {
    points: c.points.map(function (p) { return r1(X(p[0])) + "," + r1(Y(p[1])); }).join(" "),
    "class": "ev-chart-series" }));
  if (full || c.points.length === 1) {  // (one point: its dot is all there is to see)
    c.points.forEach(function (p) {
      svg.appendChild(svgEl("circle", { cx: r1(X(p[0])), cy: r1(Y(p[1])), r: full ? 2.5 : 1.8,
                                        "class": "ev-chart-point" }));
    });
  }
  if (finite(c.projection) && finite(c.year)) {
    svg.appendChild(svgEl("circle", { cx: r1(X(c.year)), cy: r1(Y(c.projection)), r: full ? 4 : 2.2,
                                      "class": "ev-chart-projection" }));
  }
  return svg;
}

function trendArrow(t) {
  // the callout's arrow: which way the line goes, coloured by on / off track
  var c = t.chart;
  if (!chartUsable(c)) return null;
  var a = el("span", "ev-callout-trend " + trendClass(c), " " + c.arrow);
  a.title = [c.trend_text, c.projection_text, c.crossing_text].filter(Boolean).join(" · ");
  return a;
}

function showTrendChart(t) {
  // the offline page has no window to chart a target: a callout clicked shows its chart
  // in a box at the map's foot (click the box, or another callout, to change it)
  hideTrendChart();
  var c = t.chart;
  if (!chartUsable(c)) return;
  trendBox = el("div", "ev-trend-box");
  var head = el("div", "ev-trend-head", t.title);
  var close = el("span", "ev-trend-close", "×");
  close.addEventListener("click", function (e) { L.DomEvent.stopPropagation(e); hideTrendChart(); });
  head.appendChild(close);
  trendBox.appendChild(head);
  trendBox.appendChild(trendSvg(c, 300, 150, true));
  var line = el("div", "ev-trend-words " + trendClass(c), c.arrow + " " + c.trend_text);
  trendBox.appendChild(line);
  [c.projection_text, c.goal_text, c.crossing_text].forEach(function (text) {
    if (text) trendBox.appendChild(el("div", "ev-trend-note", text));
  });
  L.DomEvent.disableClickPropagation(trendBox);
  L.DomEvent.disableScrollPropagation(trendBox);
  map.getContainer().appendChild(trendBox);
}

function hideTrendChart() {
  if (trendBox && trendBox.parentNode) trendBox.parentNode.removeChild(trendBox);
  trendBox = null;
}
