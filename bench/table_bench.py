"""Attribute table on 100k rows (issue 5): the Qt model over a FeatureTable, timed for what a
planner does — open it and scroll, sort by a column, filter by text, filter field = value,
select everything shown — plus the dialog opening with its view.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/table_bench.py [N]
(needs bench/data from bench/make_data.py N; default 100000)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ms(t: float) -> str:
    return f"{(time.perf_counter() - t) * 1000:7.1f} ms"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    from ecoviewer.render.qtenv import application

    application()
    from PySide6.QtCore import Qt

    from ecoviewer.app.attribute_table import AttributeModel, AttributeTable
    from ecoviewer.project import load_project
    from ecoviewer.sources import read_spec

    project = load_project(ROOT / "bench" / "data" / f"bench_{n}.toml")
    table = read_spec(project.layers[0])
    print(f"{len(table):,} rows, fields {list(table.fields)}")
    t = time.perf_counter()
    model = AttributeModel(table)
    print(f"model built                      {ms(t)}")
    t = time.perf_counter()
    for row in range(0, 60):  # one screenful
        for col in range(model.columnCount()):
            model.data(model.index(row, col))
    print(f"first screen (60 rows) of cells  {ms(t)}")
    t = time.perf_counter()
    for row in range(len(table) // 2, len(table) // 2 + 60):  # jump to the middle
        for col in range(model.columnCount()):
            model.data(model.index(row, col))
    print(f"jump to middle, 60 rows          {ms(t)}")
    names = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    for col, name in enumerate(names):
        t = time.perf_counter()
        model.sort(col, Qt.SortOrder.DescendingOrder)
        print(f"sort by {name!s:24s} {ms(t)}")
    t = time.perf_counter()
    shown = model.set_filter("7")
    print(f"filter text '7' -> {shown:,} rows      {ms(t)}")
    t = time.perf_counter()
    shown = model.set_filter("72")
    print(f"filter text '72' (typing on) -> {shown:,} {ms(t)}")
    t = time.perf_counter()
    shown = model.set_filter("", "category", "passive")
    print(f"filter category = passive -> {shown:,} {ms(t)}")
    t = time.perf_counter()
    shown = model.set_filter("")
    print(f"clear filter -> {shown:,} rows        {ms(t)}")
    t = time.perf_counter()
    dialog = AttributeTable("buildings", "建筑", table)
    dialog.resize(900, 600)
    dialog.show()
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    print(f"dialog opened and painted        {ms(t)}")
    t = time.perf_counter()
    dialog.view.selectAll()
    rows = dialog.selected_rows()
    print(f"select all -> {len(rows):,} table rows  {ms(t)}")


if __name__ == "__main__":
    main()
