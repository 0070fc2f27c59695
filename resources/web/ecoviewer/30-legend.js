function refreshLegend() {
  // rebuilt once per frame, however many layers a theme toggles (each rebuild reads the
  // legend's height, which forces a layout)
  legendDirty = true;
  if (!started) buildLegend();
}

function buildLegend() {
  legendDirty = false;
  syncSwitcher();
  if (!legendBox) return;
  legendBox.textContent = "";
  var title = el("div", "ev-legend-title", options.legendTitle || "Legend");
  title.addEventListener("click", function () {
    legendChosen = true;
    legendBox.classList.toggle("ev-collapsed");
    calloutsDirty = true;  // callouts make room for the opened legend, or take its place
    changed();
  });
  legendBox.appendChild(title);
  order.slice().reverse().forEach(function (id) {
    var layer = layers[id];
    if (!layer.visible) return;
    var sec = el("div", "ev-legend-layer");
    var head = el("div", "ev-legend-head", layer.meta.title);
    if (layer.meta.title_en && layer.meta.title_en !== layer.meta.title) {
      head.appendChild(el("span", "ev-legend-en", " " + layer.meta.title_en));
    }
    sec.appendChild(head);
    if (layer.meta.omitted) sec.appendChild(el("div", "ev-legend-en", options.omittedText || "left out"));
    if (layer.meta.legend.length > 1 || layer.meta.style.classes.length > 1) {
      layer.meta.legend.forEach(function (e) {
        var row = el("div", "ev-legend-row");
        var shape = e.shape || layer.meta.shape;  // a class is what its features are
        var sw = el("span", "ev-swatch ev-" + shape);
        sw.style.background = shape === "line" ? "transparent" : e.color;
        sw.style.borderColor = e.color;
        row.appendChild(sw);
        row.appendChild(el("span", null, e.label));
        sec.appendChild(row);
      });
    } else {
      var s = el("span", "ev-swatch ev-" + layer.meta.shape);
      var c = layer.meta.legend.length ? layer.meta.legend[0].color : "#3388ff";
      s.style.background = layer.meta.shape === "line" ? "transparent" : c;
      s.style.borderColor = c;
      head.insertBefore(s, head.firstChild);
    }
    legendBox.appendChild(sec);
  });
  var shown = targetOrder.filter(function (id) { return targets[id].visible; });
  if (shown.length) {
    var sec = el("div", "ev-legend-layer ev-legend-targets");
    sec.appendChild(el("div", "ev-legend-head", options.targetsTitle || "Targets"));
    shown.forEach(function (id) {
      var t = targets[id].data;
      var row = el("div", "ev-legend-row ev-legend-target");
      row.appendChild(el("span", "ev-status-dot ev-" + t.status));
      row.appendChild(el("span", null, t.title + " " + t.value + " (" + t.status_text + ")"));
      if (chartUsable(t.chart)) {  // the trend at a glance: series, goal, projection
        var spark = trendSvg(t.chart, 44, 14, false);
        spark.setAttribute("aria-label", t.chart.trend_text);
        row.appendChild(spark);
      }
      sec.appendChild(row);
    });
    legendBox.appendChild(sec);
  }
  legendBox.style.display = legendBox.childNodes.length > 1 ? "" : "none";
  var rows = legendBox.querySelectorAll(".ev-legend-row, .ev-legend-head").length;
  legendBox.classList.toggle("ev-two-col", rows * 17 > map.getSize().y - 120);
  if (options.legend === "auto" && !legendChosen
      && legendBox.offsetHeight > 0.5 * map.getSize().y) {
    // in the window, a legend taller than half the map folds itself (click to open). It
    // never unfolds itself: a theme or a scene that shows fewer layers used to open it
    // over the callouts. Once the user folds or opens it, it keeps that state.
    legendBox.classList.add("ev-collapsed");
  }
  calloutsDirty = true;  // its box may have grown or shrunk
}

// -- the layer switcher of offline HTML files (the window has its layer panel instead) --
function buildSwitcher() {
  if (!switcherBox) return;
  switcherBox.textContent = "";
  var title = el("div", "ev-switch-title", options.layersTitle || "Layers");
  title.addEventListener("click", function () { switcherBox.classList.toggle("ev-collapsed"); });
  switcherBox.appendChild(title);
  function row(text, on, disabled, kind, id, toggle) {
    var label = el("label", "ev-switch-row");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = on;
    box.disabled = !!disabled;
    box.setAttribute("data-" + kind, id);
    box.addEventListener("change", function () { toggle(id, box.checked); });
    label.appendChild(box);
    label.appendChild(el("span", null, text));
    switcherBox.appendChild(label);
  }
  order.slice().reverse().forEach(function (id) {
    var layer = layers[id];
    row(layer.meta.title, layer.visible, layer.meta.omitted, "layer", id, setVisible);
  });
  if (targetOrder.length) {
    switcherBox.appendChild(el("div", "ev-switch-head", options.targetsTitle || "Targets"));
    targetOrder.forEach(function (id) {
      row(targets[id].data.title, targets[id].visible, false, "target", id, setTargetVisible);
    });
  }
}
function syncSwitcher() {
  if (!switcherBox) return;
  switcherBox.querySelectorAll("input[data-layer]").forEach(function (b) {
    var l = layers[b.getAttribute("data-layer")];
    if (l) b.checked = l.visible;
  });
  switcherBox.querySelectorAll("input[data-target]").forEach(function (b) {
    var t = targets[b.getAttribute("data-target")];
    if (t) b.checked = t.visible;
  });
}
