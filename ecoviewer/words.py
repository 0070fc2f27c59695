"""The words the Qt-free floors write on maps and pages, in Chinese and English: one
catalogue for the report layout, the map page and the targets' statuses. (The window's own
texts are Qt's translations in resources/translations; the window shows these too.)"""

from __future__ import annotations

WORDS = {
    "zh": {
        "legend": "图例",
        "targets": "规划指标",
        "target": "指标",
        "value": "现状值",
        "goal": "目标",
        "year": "年份",
        "status": "状态",
        "trend": "趋势",
        "north": "北",
        "sources": "数据来源",
        "basemap": "底图",
        "crs": "坐标系",
        "evaluated": "指标计算于",
        "schematic": "示意数据，非测绘成果",
        "date": "制图日期",
        "crs_text": "显示 WGS 84 (EPSG:4326)，量算 {measure}",
        "unverified": "未核实",
        "no_targets": "无",
        "more": "另有 {0} 项指标未能排入（请用更大的页面）",
        # the map page
        "map_targets": "规划目标",
        "layers": "图层",
        "omitted": "图层过大，未包含在离线HTML中",
        "sample_unverified": "样例/未核实",
        # a target's status
        "met": "达标",
        "missed": "未达标",
        "no-data": "无数据",
        "error": "无法计算",
    },
    "en": {
        "legend": "Legend",
        "targets": "Planning targets",
        "target": "Target",
        "value": "Value",
        "goal": "Goal",
        "year": "Year",
        "status": "Status",
        "trend": "Trend",
        "north": "N",
        "sources": "Sources",
        "basemap": "Basemap",
        "crs": "CRS",
        "evaluated": "targets evaluated",
        "schematic": "Schematic data — not survey data",
        "date": "Map date",
        "crs_text": "shown in WGS 84 (EPSG:4326), measured in {measure}",
        "unverified": "unverified",
        "no_targets": "none",
        "more": "{0} more targets do not fit (use a larger page)",
        "map_targets": "Planning targets",
        "layers": "Layers",
        "omitted": "too large for offline HTML, left out",
        "sample_unverified": "sample / unverified",
        "met": "met",
        "missed": "missed",
        "no-data": "no data",
        "error": "error",
    },
}


STATUSES = ("met", "missed", "no-data", "error")


def words(lang: str) -> dict[str, str]:
    """The catalogue of ``lang`` (Chinese for "zh", English for anything else)."""
    return WORDS["zh" if lang == "zh" else "en"]
