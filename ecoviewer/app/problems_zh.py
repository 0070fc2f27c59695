"""Problem lines in the window's language. The core (readers, project loader, styles) says
what is wrong in English — the command line's language and the words of the tests — as
"<file>: <problem>". The window shows them in Messages and in layer Properties; in the
Chinese UI each known problem is said in Chinese here, the file name and the values
(counts, field names, CRS) kept as they are. A line no pattern knows (a GDAL warning, say)
is shown as it came, marked as the original words."""

from __future__ import annotations

import re

#: (the problem in English as a regular expression, its Chinese template)
PATTERNS: list[tuple[str, str]] = [
    # -- reading a layer: what was found and done ------------------------------------------
    (
        r"has (?P<n>\d+) layers; showing '(?P<layer>.*)' \(set layer = one of (?P<names>.*)\)",
        "含 {n} 个图层；显示“{layer}”（可设 layer 为其中之一：{names}）",
    ),
    (
        r"no \.dbf beside it: the layer has no attributes \(geometry only\)",
        "旁边没有 .dbf 文件：该图层没有属性（只有几何）",
    ),
    (
        r"the \.cpg says (?P<cpg>.*?), but the attribute text is not (?P=cpg); the \.cpg is wrong "
        r"and was ignored, (?P<rest>.*)",
        ".cpg 文件声明编码为 {cpg}，但属性文字并非 {cpg}；已忽略错误的 .cpg（{rest}）",
    ),
    (
        r"coordinates converted from (?P<datum>.*) to WGS 84 \(set in project\)",
        "坐标已由 {datum} 转换为 WGS 84（项目中设定）",
    ),
    (
        r"looks like DataV GeoAtlas data, which is in GCJ-02 .*",
        "看起来是阿里云 DataV GeoAtlas 数据，使用 GCJ-02 坐标（在中国约偏离 WGS 84 550 米）；"
        '请为该图层设置 crs = "GCJ-02" 以转换',
    ),
    (
        r"field '(?P<field>.*)': (?P<n>\d+) values hold text already damaged in the file .*",
        "字段“{field}”：{n} 个值的文字在文件中已损坏（U+FFFD / 锟斤拷）；按原样显示",
    ),
    (
        r"field '(?P<field>.*)': (?P<n>\d+) values are not valid UTF-8 text; .*",
        "字段“{field}”：{n} 个值不是有效的 UTF-8 文字；无法解码的字节显示为 U+FFFD",
    ),
    (r"(?P<n>\d+) features without geometry \(not drawn\)", "{n} 个要素没有几何（不绘制）"),
    (r"(?P<n>\d+) curved geometries linearized .*", "{n} 个曲线几何已线性化（弧段以不超过 1° 的直线段绘制）"),
    (
        r"(?P<n>\d+) features without geometry \(null or empty; kept in the table, not drawn\)",
        "{n} 个要素没有几何（空值或空几何；保留在属性表中，不绘制）",
    ),
    (r"(?P<n>\d+) geometries could not be decoded \(skipped\)", "{n} 个几何无法解码（已跳过）"),
    (
        r"(?P<n>\d+) geometries have NaN or infinite coordinates \(not drawn\)",
        "{n} 个几何含有 NaN 或无穷大坐标（不绘制）",
    ),
    (
        r"(?P<n>\d+) invalid geometries repaired with make_valid \(features (?P<which>.*)\)",
        "{n} 个无效几何已用 make_valid 修复（要素 {which}）",
    ),
    (r"the file's CRS could not be parsed", "无法解析文件中的坐标参考系"),
    (
        r"no CRS in the file; coordinates look like lon/lat, assumed EPSG:4326 .*",
        "文件中没有坐标参考系；坐标看起来是经纬度，已假定为 EPSG:4326（如有误请为该图层设置 crs）",
    ),
    (
        r"(?P<n>\d+) features fall outside lon/lat after reprojection \(not drawn\)",
        "{n} 个要素重投影后超出经纬度范围（不绘制）",
    ),
    (
        r"the file asks for data from the network \((?P<what>.*)\); EcoViewer works offline .*",
        "文件要求从网络获取数据（{what}）；EcoViewer 离线工作，未获取——请检查该图层的坐标参考系和内容",
    ),
    (
        r"attribute text is neither UTF-8 nor GBK/GB18030(?P<where>.*?): damaged in the file or "
        r"in another encoding; shown as ISO-8859-1 .*",
        "属性文字既不是 UTF-8 也不是 GBK/GB18030{where}：文件已损坏或为其他编码；按 ISO-8859-1 "
        "显示——如知道编码请为该图层设置 encoding",
    ),
    # -- a layer that cannot be read ---------------------------------------------------------
    (r"file not found", "找不到文件"),
    # -- basemaps and rasters (issue 14) ---------------------------------------------------
    (r"the file is empty \(0 bytes\)", "文件为空（0 字节）"),
    (r"not an MBTiles file \(not an SQLite database\)", "不是 MBTiles 文件（不是 SQLite 数据库）"),
    (r"not an MBTiles file \(it has no 'tiles' table\)", "不是 MBTiles 文件（没有 tiles 表）"),
    (r"the MBTiles file has no tiles", "MBTiles 文件中没有瓦片"),
    (r"not a PMTiles file", "不是 PMTiles 文件"),
    (r"a PMTiles version other than 3", "PMTiles 版本不是 3"),
    (r"a damaged PMTiles header", "PMTiles 文件头已损坏"),
    (
        r"the file is truncated \(its tiles end past the end of the file\)",
        "文件不完整（瓦片数据超出文件末尾）",
    ),
    (
        r"vector tiles \((?P<kind>.*)\) are not supported; raster tiles are",
        "不支持矢量瓦片（{kind}）；仅支持栅格瓦片",
    ),
    (r"its tiles are not PNG, JPEG or WebP images", "瓦片不是 PNG、JPEG 或 WebP 图像"),
    (r"not a tile folder .*", "不是瓦片文件夹（其中没有 z/x/y.png 形式的瓦片）"),
    (r"not a basemap .*", "不是底图（需要 .mbtiles、.pmtiles 文件或瓦片文件夹）"),
    (
        r'has no CRS; set crs = "EPSG:4548" \(or the right one\) for this layer',
        '没有坐标参考系；请为该图层设置 crs = "EPSG:4548"（或正确的坐标系）',
    ),
    (r"has no raster bands", "没有栅格波段"),
    (
        r"not a raster GDAL can read, or damaged \((?P<why>.*)\)",
        "不是 GDAL 可读的栅格，或已损坏（{why}）",
    ),
    (
        r"(?P<w>[\d,]+) × (?P<h>[\d,]+) pixels without overviews: .*",
        "{w} × {h} 像素且没有金字塔（概视图）：缩小时绘制较慢（可生成金字塔以加速）",
    ),
    (
        r"no CRS in the file; lon/lat \(EPSG:4326\) assumed — set crs if wrong",
        "文件中没有坐标参考系；假定为经纬度（EPSG:4326），如有误请设置 crs",
    ),
    (r"(?P<n>\d+) tiles are not images \(left out\)", "{n} 个瓦片不是图像（已略去）"),
    (r"empty file \(0 bytes\)", "空文件（0 字节）"),
    (
        r"not a vector format GDAL can read .*",
        "不是 GDAL 能读取的矢量格式（已损坏，或不是 GeoJSON/GeoPackage/Shapefile/FlatGeobuf/KML/CSV）",
    ),
    (r"no readable layer in the file \(damaged or truncated\)", "文件中没有可读的图层（已损坏或不完整）"),
    (
        r"text is not in the encoding (?P<enc>.*?); set encoding = .*",
        '文字不是 {enc} 编码；请为该图层设置 encoding = "GBK"（或正确的编码）',
    ),
    (r"too large to load in memory", "太大，无法载入内存"),
    (r"nested too deeply to read \(damaged or hostile file\)", "嵌套过深，无法读取（文件已损坏或有恶意）"),
    (
        r"the \.shx index file beside it is missing .*",
        "旁边缺少 .shx 索引文件（Shapefile 需要 .shp、.shx 和 .dbf 三个文件）",
    ),
    (
        r"damaged or truncated database file \(GeoPackage/SQLite cannot read it\)",
        "数据库文件已损坏或不完整（GeoPackage/SQLite 无法读取）",
    ),
    (
        r"points at data on the network; EcoViewer reads only files on this computer",
        "指向网络上的数据；EcoViewer 只读取本机文件",
    ),
    (r"GDAL finds no layers in it .*", "GDAL 在其中找不到图层（已损坏，或不是矢量文件）"),
    (r"could not be read \((?P<why>.*)\)", "无法读取（{why}）"),
    (r"no layer '(?P<layer>.*)' \(it has (?P<names>.*)\)", "没有图层“{layer}”（它有：{names}）"),
    (
        r"cannot reproject from (?P<crs>.*?) to lon/lat \((?P<why>.*)\)",
        "无法从 {crs} 重投影到经纬度（{why}）",
    ),
    (
        r"too large for this machine \((?P<n>[\d,]+) features need about (?P<need>[\d.]+) GB; "
        r"(?P<free>[\d.]+) GB free\)",
        "对本机来说太大（{n} 个要素约需 {need} GB 内存；可用 {free} GB）",
    ),
    (
        r"coordinates do not fit (?P<crs>.*?) \(nothing lands on Earth after reprojection\); .*",
        "坐标与 {crs} 不符（重投影后没有落在地球上的点）；请检查该图层的 crs",
    ),
    # -- files refused before GDAL sees them (gdal_safety) --------------------------------------
    (r"is a folder, not a layer file .*", "是文件夹，不是图层文件（请打开其中的 .shp、.gpkg 等文件）"),
    (
        r"is not a zip archive \(damaged, or another format named \.zip\)",
        "不是 zip 压缩包（已损坏，或是改名为 .zip 的其他格式）",
    ),
    (
        r"is an OGR VRT file \(it points GDAL at other files or URLs\); not opened .*",
        "是 OGR VRT 文件（它让 GDAL 读取其他文件或网址）；未打开（项目中的图层可允许）",
    ),
    (
        r"is a GDAL VRT file \(it points GDAL at other files\); not opened .*",
        "是 GDAL VRT 文件（它让 GDAL 读取其他文件）；未打开（项目中的图层可允许）",
    ),
    (
        r"is a GDALG pipeline \(it runs GDAL commands\); not opened .*",
        "是 GDALG 流水线（它会运行 GDAL 命令）；未打开",
    ),
    (
        r"is a (?P<kind>WFS|WMS) (connection file|capabilities document) .*; not opened .*",
        "是 {kind} 网络服务文件；未打开",
    ),
    (
        r"is a URL, not a local file; EcoViewer reads only files on this computer",
        "是网址，不是本地文件；EcoViewer 只读取本机文件",
    ),
    (
        r"is a GDAL virtual file system path \(/vsi…\); not opened",
        "是 GDAL 虚拟文件系统路径（/vsi…）；未打开",
    ),
    (r"is a network \(UNC\) path; .*", "是网络（UNC）路径；EcoViewer 只读取本机文件（请先复制到本机）"),
    (r"is inline data, not a file name; not opened", "是内嵌数据，不是文件名；未打开"),
    (
        r"is a GDAL connection string \((?P<kind>.*?)…\), not a local file; .*",
        "是 GDAL 连接字符串（{kind}…），不是本地文件；EcoViewer 只读取本机文件",
    ),
    (r"has '!' in its path, .*", "路径中含有“!”，GDAL 会将其视为压缩包分隔符；请重命名文件或文件夹"),
    (r"permission denied \((?P<why>.*)\)", "没有权限（{why}）"),
    (
        r"not a regular file \(a pipe, device or socket\); not opened",
        "不是普通文件（管道、设备或套接字）；未打开",
    ),
    (
        r"too large \((?P<size>.*?); EcoViewer reads layer files up to (?P<max>.*)\)",
        "太大（{size}；EcoViewer 读取的图层文件最大为 {max}）",
    ),
    # -- styles ------------------------------------------------------------------------------
    (
        r"(?P<what>.*?): unknown kind '(?P<kind>.*)' \(one of (?P<kinds>.*)\); drawn with the "
        r"default style",
        "{what}：未知的样式类型“{kind}”（可选：{kinds}）；以默认样式绘制",
    ),
    (
        r"(?P<what>.*?): no field '(?P<field>.*?)' in the layer.*; drawn with the default style",
        "{what}：图层中没有字段“{field}”；以默认样式绘制",
    ),
    (r"(?P<what>.*?): (?P<why>.*); drawn with the default style", "{what}：{why}；以默认样式绘制"),
    # -- joins (joins.py) ------------------------------------------------------------------
    (r"the table is empty", "表格为空"),
    (r"the table has a header but no rows", "表格只有表头，没有数据行"),
    (r"neither UTF-8 nor GBK text; save it as CSV UTF-8", "既不是 UTF-8 也不是 GBK 文字；请另存为 CSV UTF-8"),
    (
        r"starts with a UTF-8 mark but is GBK text; read as GB18030",
        "以 UTF-8 标记开头，实为 GBK 文字；已按 GB18030 读取",
    ),
    (
        r"(?P<n>\d+) repeated keys in '(?P<col>.*?)' \((?P<keys>.*)\); the first row of each is joined",
        "“{col}”中有 {n} 个重复关键值（{keys}）；每个关键值取第一行连接",
    ),
    (
        r"column '(?P<col>.*)' is a field of the layer already; the layer's is kept",
        "列“{col}”与图层字段同名；保留图层的字段",
    ),
    (
        r"(?P<m>\d+) features joined, (?P<a>\d+) without a row, (?P<b>\d+) table keys without a feature",
        "{m} 个要素已连接，{a} 个没有对应行，{b} 个表格关键值没有对应要素",
    ),
    (r"sheet '(?P<sheet>.*)' is empty", "工作表“{sheet}”为空"),
    (
        r"no sheet '(?P<sheet>.*?)' with data \(it has (?P<names>.*)\)",
        "没有含数据的工作表“{sheet}”（现有：{names}）",
    ),
    (r"the workbook has no sheets with data", "工作簿中没有含数据的工作表"),
    (r"the layer has no field '(?P<field>.*)' to join on", "图层没有用于连接的字段“{field}”"),
    (
        r"the table has no column '(?P<col>.*?)' \(it has (?P<names>.*)\)",
        "表格没有列“{col}”（现有：{names}）",
    ),
    (r"not a table EcoViewer joins \(CSV, XLSX or ODS\)", "不是 EcoViewer 可连接的表格（CSV、XLSX 或 ODS）"),
    # -- QGIS styles (qml.py) ---------------------------------------------------------------
    (
        r"uses QGIS's (?P<kind>.*) renderer; EcoViewer imports single, categorized and graduated",
        "使用 QGIS 的 {kind} 渲染器；EcoViewer 只导入单一符号、分类和分级渲染器",
    ),
    (
        r"written by QGIS (?P<v>.*), newer than the QGIS 3 format read here",
        "由 QGIS {v} 写出，比这里读取的 QGIS 3 格式更新",
    ),
    (
        r"(?P<where>.*?): (?P<n>\d+) symbol layers; only the first is used",
        "{where}：{n} 个符号图层；只使用第一个",
    ),
    (
        r"tooltip fields are not part of a QGIS style \(QGIS's map tip is an HTML template\)",
        "提示框字段不属于 QGIS 样式（QGIS 的地图提示是 HTML 模板）",
    ),
    (
        r"label_where \(which features are labelled\) has no place in a simple QGIS label",
        "label_where（哪些要素加标注）在 QGIS 简单标注中没有对应设置",
    ),
    (
        r"dash pattern '(?P<dash>.*)': a QGIS fill outline is written as its 'dash' style",
        "虚线“{dash}”：QGIS 填充边线写为其“dash”样式",
    ),
    (
        r"a raster style; EcoViewer imports vector styles from \.qml",
        "是栅格样式；EcoViewer 从 .qml 导入矢量样式",
    ),
    (
        r"declares XML entities; not read \(a QGIS style has none\)",
        "声明了 XML 实体；不读取（QGIS 样式没有实体）",
    ),
    (
        r"not a QGIS style \(its root is (?P<root>.*), not <qgis>\)",
        "不是 QGIS 样式（根元素为 {root}，而非 <qgis>）",
    ),
    (r"not readable XML \((?P<why>.*)\)", "不是可读的 XML（{why}）"),
    # -- the styling panel (styles.py's checks) ----------------------------------------------
    (r"class 'max' values must increase", "各级的上限须递增"),
    (
        r"(?P<where>.*?): '(?P<key>color|stroke)' '(?P<value>.*)' is not a colour "
        r"\(use #rrggbb, rgb\(…\) or a colour name\)",
        "{where}：“{value}”不是颜色（请用 #rrggbb、rgb(…) 或颜色名）",
    ),
    # -- targets (the target editor says these next to their field) ------------------------
    (r"'target' must be a number", "目标值须为数字"),
    (r"'year' must be a year like 2035", "年份须为四位年份，例如 2035"),
    (r"metric '(?P<m>.*?)' needs a 'field'", "度量“{m}”需要字段"),
    (r"metric '(?P<m>.*?)' needs 'of' \(a layer id\)", "度量“{m}”需要参照图层（of）"),
    (
        r"metric '(?P<m>.*?)' needs 'distance' in metres \((?P<range>.*)\)",
        "度量“{m}”需要以米计的距离（{range}）",
    ),
    (r"metric '(?P<m>.*?)' needs 'population_layer'", "度量“{m}”需要人口图层"),
    (
        r"metric '(?P<m>.*?)' is not measured on a streamed layer \('(?P<l>.*?)' has (?P<n>[\d,]+) "
        r"features; one of (?P<ms>.*)\)",
        "度量“{m}”不能用于流式图层（“{l}”有 {n} 个要素；可用：{ms}）",
    ),
    (
        r"layer '(?P<l>.*?)' is streamed; it can be measured, not measured against",
        "图层“{l}”为流式读取：可作被度量图层，不能作参照图层",
    ),
    (r"metric '(?P<m>.*?)' needs 'zones' \(a polygon layer id\)", "度量“{m}”需要分区（面图层）"),
    (r"metric '(?P<m>.*?)' needs a 'condition' like (?P<eg>.*)", "度量“{m}”需要像元条件，例如 {eg}"),
    (r"needs a 'layer'", "需要图层"),
    (
        r"no field '(?P<field>.*?)' in layer '(?P<layer>.*?)' \(it has (?P<names>.*)\)",
        "图层“{layer}”中没有字段“{field}”（现有：{names}）",
    ),
    (
        r"field '(?P<field>.*?)' of layer '(?P<layer>.*?)' is not numeric",
        "图层“{layer}”的字段“{field}”不是数值",
    ),
    (
        r"unknown (?P<role>.*?) '(?P<layer>.*?)' \(not in the project, or it did not load\)",
        "未知的{role}“{layer}”（不在项目中，或未能加载）",
    ),
    # -- a target's series (targets over time) ----------------------------------------------
    (r"series year '(?P<y>.*?)' is not a year like 2019", "序列年份“{y}”不是像 2019 这样的年份"),
    (r"series has the year (?P<y>\d+) twice", "序列中年份 {y} 出现了两次"),
    (r"series year (?P<y>\d+) must name a field", "序列年份 {y} 须对应一个字段"),
    (r"'series' must be a table of year = field", "“series”须为“年份 = 字段”的表"),
    (r"'(?P<k>series_field|series_since)' must be a field name", "“{k}”须为字段名"),
    (r"give only one of (?P<keys>.*)", "只能给出其中之一：{keys}"),
    (
        r"the series has (?P<n>\d+) year\(s\) with a value; a trend needs two or more",
        "序列只有 {n} 个年份有数值；趋势至少需要两个",
    ),
    (
        r"(?P<k>series_field|series_since) '(?P<f>.*?)' must hold whole years \(it holds (?P<what>.*)\)",
        "{k}“{f}”须为整数年份（其中为：{what}）",
    ),
    (
        r"(?P<k>series_field|series_since) '(?P<f>.*?)' holds (?P<y>-?\d+), not a year like 2019",
        "{k}“{f}”含有 {y}，不是像 2019 这样的年份",
    ),
    (r"series_since '(?P<f>.*?)' holds no year", "series_since“{f}”中没有年份"),
    (
        r"series_since '(?P<f>.*?)' spans (?P<n>\d+) years \((?P<span>.*?)\); at most (?P<most>\d+)",
        "series_since“{f}”跨越 {n} 年（{span}）；最多 {most} 年",
    ),
    (
        r"(?P<k>series_field|series_since) needs a layer held in memory \(this one is streamed\)",
        "{k} 需要整体载入内存的图层（该图层为流式读取）",
    ),
    (r"(?P<k>series_field|series_since) needs a vector layer", "{k} 需要矢量图层"),
    (
        r"metric '(?P<m>.*?)' has no field to take year by year",
        "度量“{m}”没有可逐年替换的字段",
    ),
    (r"the series cannot be evaluated \((?P<why>.*)\)", "无法计算序列（{why}）"),
    # -- PostGIS layers (readers/postgis.py) ----------------------------------------------------
    (r"cannot connect \((?P<why>.*)\)", "无法连接（{why}）"),
    (
        r"a password in the project file is refused; keep it in ~/\.pgpass, pg_service\.conf or PGPASSWORD",
        "项目文件中的密码不予接受；请放在 ~/.pgpass、pg_service.conf 或 PGPASSWORD 中",
    ),
    (r"no table or view '(?P<t>.*)'", "没有表或视图“{t}”"),
    (r"'(?P<t>.*)' has no geometry column", "“{t}”没有几何列"),
    (r"sql: the query has no geometry column", "sql：查询结果没有几何列"),
    (
        r"geometries in (?P<n>\d+) SRIDs \((?P<srids>.*)\); one SRID per layer \(ST_Transform them in sql\)",
        "几何使用了 {n} 种 SRID（{srids}）；每个图层只能一种 SRID（请在 sql 中用 ST_Transform 统一）",
    ),
    (
        r"'(?P<t>.*)' has no spatial index on '(?P<g>.*)'; it still draws .*",
        "“{t}”的“{g}”没有空间索引；仍可绘制（CREATE INDEX … USING GIST 可加快按范围读取）",
    ),
    # -- layers streamed from their file ------------------------------------------------------
    (
        r"(?P<n>[\d,]+) features: streamed from the file's spatial index, not held in memory",
        "{n} 个要素：按文件的空间索引流式读取，不整体载入内存",
    ),
    (
        r"(?P<n>[\d,]+) features and no spatial index: read whole .*",
        "{n} 个要素且没有空间索引：整体读入（建立空间索引——GeoPackage R 树、FlatGeobuf，"
        "或 Shapefile 旁的 .qix——即可流式读取）",
    ),
    (
        r"the file changed on disk or is gone since it was opened; reopen the project",
        "文件在打开后已被更改或已不存在；请重新打开项目",
    ),
    (r"the file changed while its overview was built; reopen it", "建立概览时文件被更改；请重新打开"),
    (r"not shown \(its overview was not built: cancelled\)", "未显示（概览未建立：已取消）"),
    (
        r"streamed from its file, so its (?P<n>\d+) join\(s\) are not made",
        "该图层从文件流式读取，其 {n} 个连接未执行",
    ),
    (r"cannot read \((?P<why>.*)\)", "无法读取（{why}）"),
    # -- projects ----------------------------------------------------------------------------
    (r"not valid TOML: (?P<why>.*)", "不是有效的 TOML：{why}"),
    (r"is a folder, not a project file", "是文件夹，不是项目文件"),
    (r"not UTF-8 text \(byte (?P<n>\d+)\)", "不是 UTF-8 文字（第 {n} 字节）"),
    (r"not a regular file \(a device, pipe or socket\)", "不是普通文件（设备、管道或套接字）"),
]

_COMPILED = [(re.compile(p, re.S), t) for p, t in PATTERNS]
_CJK = re.compile(r"[\u3400-\u9fff]")
#: lines are matched up to this length (a message echoing a hostile file's names could be
#: kilobytes long; regular expressions with several wildcards slow down with its cube)
MATCH_CHARS = 2000
#: a problem line is "<file>: <problem>" or "<file>: <layer>: <problem>": the problem is
#: looked for after the first few ": ", never at every position
MAX_HEADS = 3


def localize_known(line: str, lang: str) -> str:
    """``line`` in ``lang`` when a pattern knows it, else as it is (for words shown next to a
    field, where the "original words" mark would be noise)."""
    out = localize(line, lang)
    return line if "（原文）" in out else out


def localize(line: str, lang: str) -> str:
    """``line`` ("<file>: <problem>") in ``lang``: Chinese for the problems known here."""
    if lang != "zh":
        return line
    if len(line) <= MATCH_CHARS:
        starts = [0, *[m.end() for m in re.finditer(": ", line)][:MAX_HEADS]]
        for start in starts:
            rest = line[start:]
            for pattern, template in _COMPILED:
                m = pattern.fullmatch(rest)
                if m:
                    return line[:start].replace(": ", "：") + template.format(**m.groupdict())
    if _CJK.search(line):  # already in Chinese (the window's own texts)
        return line
    head, sep, rest = line.partition(": ")
    # not one of ours (GDAL's own words, say): shown as it came, marked as such
    return f"{head}：（原文）{rest}" if sep else f"（原文）{line}"
