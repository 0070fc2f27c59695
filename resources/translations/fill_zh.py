"""Fill the translation sources with the UI texts (Simplified Chinese; English is the source
language, shipped as an identity translation), then compile them:

    .venv/bin/pyside6-lupdate ecoviewer/app/*.py -ts resources/translations/ecoviewer_zh_CN.ts \
        resources/translations/ecoviewer_en.ts
    .venv/bin/python resources/translations/fill_zh.py
    .venv/bin/pyside6-lrelease resources/translations/ecoviewer_zh_CN.ts \
        resources/translations/ecoviewer_en.ts
"""

import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).with_name("ecoviewer_zh_CN.ts")
ZH = {
    "Type a scale like 1:5000": "请输入比例尺，例如 1:5000",
    "Go to": "定位",
    "Go to: lon, lat · x, y in the project's CRS · a name": "定位：经度, 纬度 · 项目坐标系 x, y · 名称",
    "Nothing called {0} in this project": "本项目中没有名为 {0} 的要素",
    "Went to {0}": "已定位到 {0}",
    "Copied {0}": "已复制 {0}",
    "&Edit": "编辑(&E)",
    "&Undo": "撤销(&U)",
    "&Redo": "重做(&R)",
    "&Go to…": "定位(&G)…",
    "Copy cursor &position": "复制光标位置(&P)",
    "Remove layer {0}": "移除图层 {0}",
    "Compare two themes": "对比两个专题",
    "Left of the divider": "分隔线左侧",
    "Right of the divider": "分隔线右侧",
    "Choose two different themes": "请选择两个不同的专题",
    "Untitled project": "未命名项目",
    "Ne&w project": "新建项目(&W)",
    "&Close project": "关闭项目(&C)",
    "Identify here": "识别此处要素",
    "Copy coordinates (lon, lat)": "复制坐标（经度, 纬度）",
    "Copy coordinates ({0})": "复制坐标（{0}）",
    "Add a note here…": "在此处添加注记…",
    "Centre the map here": "地图以此处为中心",
    "Cancel": "取消",
    "Layers": "图层",
    "Opacity": "不透明度",
    "Zoom to layer": "缩放到图层",
    "Properties…": "属性…",
    "Planning targets": "规划目标",
    "Scenes": "场景",
    "Add current": "添加当前",
    "Up": "上移",
    "Down": "下移",
    "Delete": "删除",
    "New scene": "新场景",
    "Title": "标题",
    "Identify": "要素识别",
    "Feature / field": "要素 / 字段",
    "Value": "值",
    "{0} features here": "此处有 {0} 个要素",
    "Messages": "消息",
    "&File": "文件(&F)",
    "&Open project…": "打开项目(&O)…",
    "Open &recent": "最近的项目(&R)",
    "&Save project": "保存项目(&S)",
    "Save project &as…": "项目另存为(&A)…",
    "&Add layer…": "添加图层(&A)…",
    "&Quit": "退出(&Q)",
    "&View": "视图(&V)",
    "Zoom to &all layers": "缩放到全部图层(&A)",
    "Zoom to &layer": "缩放到图层(&L)",
    "Layer &properties…": "图层属性(&P)…",
    "&Attribute table": "属性表(&A)",
    "Clear selection and measurement": "清除选择和量测",
    "Add &note on the map": "在地图上添加注记(&N)",
    "&Measure distance": "量测距离(&M)",
    "Measure a&rea": "量测面积(&R)",
    "&Themes": "专题(&T)",
    "&Bookmarks": "书签(&B)",
    "&Presentation mode": "演示模式(&P)",
    "&Help": "帮助(&H)",
    "&Keyboard shortcuts": "键盘快捷键(&K)",
    "&About EcoViewer": "关于 EcoViewer(&A)",
    "Blocked a network request: {0}": "已阻止网络请求：{0}",
    "Recover unsaved changes?": "恢复未保存的更改？",
    "{0} has unsaved changes from {1} (EcoViewer did not close normally). Recover them?": "{0} 有 {1} 的未保存更改（EcoViewer 未正常关闭）。是否恢复？",
    "Recovered unsaved changes of {0}": "已恢复 {0} 的未保存更改",
    "Compare: move the divider": "对比：移动分隔线",
    "{0}: written in project format {1}; saving it writes format {2}": "{0}：项目格式版本 {1}；保存时将写为版本 {2}",
    "Could not write the recovery file: {0}": "无法写入恢复文件：{0}",
    "Unsaved changes": "未保存的更改",
    "{0} has unsaved changes. Save them?": "{0} 有未保存的更改。是否保存？",
    "Reading {0} ({1}/{2})": "正在读取 {0}（{1}/{2}）",
    "Evaluating targets…": "正在评估规划目标…",
    "Loading cancelled: {0} of {1} layers shown": "已取消加载：显示 {1} 个图层中的 {0} 个",
    "Click points on the map; Esc ends": "在地图上点击各点；按 Esc 结束",
    "Area: {0} (perimeter {1})": "面积：{0}（周长 {1}）",
    "Distance: {0}": "距离：{0}",
    "Theme: {0}": "专题：{0}",
    "Save current state as theme…": "将当前状态存为专题…",
    "Update theme from current state…": "用当前状态更新专题…",
    "Rename theme…": "重命名专题…",
    "Delete theme…": "删除专题…",
    "Name": "名称",
    "New theme": "新专题",
    "Update theme": "更新专题",
    "Rename theme": "重命名专题",
    "New name": "新名称",
    "Delete theme": "删除专题",
    "Add bookmark for this view…": "为当前视图添加书签…",
    "Delete bookmark…": "删除书签…",
    "New bookmark": "新书签",
    "Delete bookmark": "删除书签",
    "Apply theme 1–9": "应用专题 1–9",
    "Presentation: next scene": "演示：下一场景",
    "Presentation: previous scene": "演示：上一场景",
    "Presentation: toggle layer 1–9 of the layer panel": "演示：切换图层面板中的第 1–9 个图层",
    "Presentation: leave": "演示：退出",
    "Space": "空格",
    "Toggle the current layer (layer panel)": "切换当前图层（图层面板）",
    "Keyboard shortcuts": "键盘快捷键",
    "New note": "新注记",
    "Edit note": "编辑注记",
    "{0}: could not save ({1}); the file on disk is unchanged": "{0}：无法保存（{1}）；磁盘上的文件未改变",
    "Saved {0}": "已保存 {0}",
    "Save project as": "项目另存为",
    "EcoViewer projects (*.toml)": "EcoViewer 项目 (*.toml)",
    "{0}: could not save ({1})": "{0}：无法保存（{1}）",
    "Open project": "打开项目",
    "Add layer": "添加图层",
    "PNG image (*.png)": "PNG 图片 (*.png)",
    "Offline HTML (*.html)": "离线 HTML (*.html)",
    "Export": "导出",
    "Exported {0}": "已导出 {0}",
    "Attribute table": "属性表",
    "Remove layer": "移除图层",
    "Source": "来源",
    "Error": "错误",
    "not loaded": "未加载",
    "Format": "格式",
    "CRS": "坐标系",
    " (assumed)": "（推定）",
    "Encoding": "编码",
    "Features": "要素数",
    "Geometry": "几何类型",
    "Extent": "范围",
    "Fields": "字段",
    "Problems": "问题",
    "none": "无",
    "Layer properties — {0}": "图层属性 — {0}",
    "About EcoViewer": "关于 EcoViewer",
    "EcoViewer — offline planning viewer for the Sino-Singapore Tianjin Eco-City.\n"
    "Works with no network: every map asset is local.": "EcoViewer — 中新天津生态城离线规划查看器。\n无需网络：所有地图资源均在本地。",
    "yes": "是",
    "sample / unverified": "样例/未核实",
    "Text": "文字",
    "Colour": "颜色",
    "Attribute table — {0}": "属性表 — {0}",
    "Filter: text in any field": "筛选：任一字段包含文字",
    "(any field)": "（任一字段）",
    "equals value": "等于值",
    "Zoom to selection": "缩放到所选",
    "{0} of {1} features": "{1} 个要素中的 {0} 个",
    # File → Export… (export_dialog.py)
    "&Export…": "导出(&E)…",
    "&Format": "格式(&F)",
    "PNG image": "PNG 图片",
    "PDF document": "PDF 文档",
    "Offline HTML (interactive map)": "离线 HTML（交互式地图）",
    "Show": "显示内容",
    "Current &view": "当前视图(&V)",
    "&Theme": "专题(&T)",
    "&Scene": "场景(&S)",
    "Page": "页面",
    "Pi&xels": "像素(&X)",
    "P&aper": "纸张(&A)",
    "Width": "宽度",
    "Height": "高度",
    "Paper size": "纸张大小",
    "Landscape": "横向",
    "Portrait": "纵向",
    "Orientation": "方向",
    "Resolution": "分辨率",
    "&Resolution": "分辨率(&R)",
    "&Map only (no title, legend or targets)": "仅地图(&M)（不含标题、图例和规划目标）",
    "T&itle": "标题(&I)",
    "&Browse…": "浏览(&B)…",
    "&Output file": "输出文件(&O)",
    "Preview": "预览",
    "No preview": "无预览",
    "&Export": "导出(&E)",
    "Export all s&cenes…": "导出全部场景(&C)…",
    "One file per scene, with the format and page above": "每个场景一个文件，使用上方的格式和页面设置",
    "Offline HTML: the interactive map in one file, as the window shows it; the page options "
    "do not apply.": "离线 HTML：将窗口中的交互式地图保存为单个文件；页面选项不适用。",
    "The preview's map is the current view; the export draws the chosen theme or scene at full "
    "resolution.": "预览中的地图为当前视图；导出时将以完整分辨率绘制所选专题或场景。",
    "The export redraws the map at full resolution.": "导出时将以完整分辨率重新绘制地图。",
    "Exported {0} ({1}×{2} px, {3:.1f} s)": "已导出 {0}（{1}×{2} 像素，{3:.1f} 秒）",
    "Exported {0} ({1:.1f} s)": "已导出 {0}（{1:.1f} 秒）",
    "Exporting scenes…": "正在导出场景…",
    "Export all scenes": "导出全部场景",
    "Exporting {0} ({1} of {2})": "正在导出 {0}（第 {1}/{2} 个）",
    "Export cancelled: {0} of {1} scenes written to {2}": "导出已取消：{1} 个场景中已有 {0} 个写入 {2}",
    "Exported {0} scenes to {1} ({2:.1f} s)": "已将 {0} 个场景导出到 {1}（{2:.1f} 秒）",
    "PDF document (*.pdf)": "PDF 文档 (*.pdf)",
    "Export to": "导出到",
    "Choose the file to export to": "请选择要导出到的文件",
    "Replace file?": "替换文件？",
    "Replace files?": "替换文件？",
    "{0} of the {1} files already exist in {2} ({3}). Replace them?": "{2} 中已有 {1} 个文件中的 {0} 个（{3}）。要替换吗？",
    "{0} already exists. Replace it?": "{0} 已存在。是否替换？",
    "The project has no scenes": "项目中没有场景",
    "Export all scenes to folder": "将全部场景导出到文件夹",
    # gone from the code, kept by lupdate as obsolete entries (which fill() must translate)
    "Export &PNG…": "导出 PNG(&P)…",
    "Export offline &HTML…": "导出离线 HTML(&H)…",
    # texts passed to tr() through variables (lupdate cannot see them)
    "Target": "目标",
    "Goal": "目标值",
    "Year": "年份",
    "Status": "状态",
    "Verified": "已核实",
    "Orange": "橙色",
    "Red": "红色",
    "Green": "绿色",
    "Blue": "蓝色",
    "Purple": "紫色",
    "Grey": "灰色",
    "Language": "语言",
    "Language: {0}": "语言：{0}",
    "Compare two themes…": "对比两个专题…",
    "End compare": "结束对比",
    "Compare: left side": "对比：左侧",
    "Compare: right side": "对比：右侧",
    "met": "达标",
    "missed": "未达标",
    "no data": "无数据",
    "error": "无法计算",
    # export problems (ecoviewer/render/snapshot.py ExportError templates)
    "no scene {0!r} in the project (scenes: {1})": "项目中没有场景 {0!r}（现有场景：{1}）",
    "scene {0!r}: no bookmark {1!r}": "场景 {0!r}：没有书签 {1!r}",
    "no theme {0!r} in the project (themes: {1})": "项目中没有专题 {0!r}（现有专题：{1}）",
    "{0}: cannot write ({1})": "{0}：无法写入（{1}）",
    "the map page did not finish drawing": "地图页面未能完成绘制",
    "the map cannot be drawn at {0:g}× (the web view zooms 0.25–5×)": "地图无法以 {0:g} 倍绘制（网页视图只能缩放 0.25–5 倍）",
    "{0}: the output must end in .png, .pdf or .html": "{0}：输出文件须以 .png、.pdf 或 .html 结尾",
    "{0}: folder {1} does not exist": "{0}：文件夹 {1} 不存在",
    "{0}: the PNG could not be written": "{0}：无法写入 PNG 文件",
    "{0}: the PDF could not be written": "{0}：无法写入 PDF 文件",
    "{0}: folder does not exist": "{0}：文件夹不存在",
    "the project has no scenes to export": "项目中没有可导出的场景",
    "the project has no themes to export": "项目中没有可导出的专题",
    # page layout problems (ecoviewer/export/layout.py LayoutError templates)
    "paper must be one of {0}, not {1!r}": "纸张须为 {0} 之一，不能是 {1!r}",
    "dpi must be between {0} and {1}, not {2}": "分辨率须在 {0} 到 {1} dpi 之间，不能是 {2}",
    "page must be between {0} and {1} pixels a side, not {2}×{3}": "页面每边须为 {0} 到 {1} 像素，不能是 {2}×{3}",
    "a {0}×{1} page at {2} dpi is too small for a layout (choose the bare map, a larger size "
    "or a lower dpi)": "{0}×{1} 像素、{2} dpi 的页面放不下版式（请选择仅地图、更大的尺寸或更低的分辨率）",
    "at {0} dpi the map of a {1}×{2} page would be {3:.0f}×{4:.0f} screen pixels; use a "
    "larger size or a lower dpi": "在 {0} dpi 下，{1}×{2} 页面中的地图只有 {3:.0f}×{4:.0f} 屏幕像素；请用更大的尺寸或更低的分辨率",
}


def fill(ts: Path, language: str, texts: dict[str, str] | None) -> None:
    """Write translations into ``ts``; ``texts`` None means the English identity."""
    tree = ET.parse(ts)
    root = tree.getroot()
    root.set("language", language)
    context = root.find("context")
    have = {m.find("source").text for m in context.iter("message")}
    texts = texts if texts is not None else {t: t for t in list(have) + list(ZH)}
    for text in texts:
        if text not in have:
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = text
            ET.SubElement(message, "translation")
    missing = []
    for message in context.iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        if source in texts:
            translation.text = texts[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    if missing:
        raise SystemExit(f"{ts.name}: no translation for: {missing}")


if __name__ == "__main__":
    fill(TS, "zh_CN", ZH)
    fill(TS.with_name("ecoviewer_en.ts"), "en", None)
