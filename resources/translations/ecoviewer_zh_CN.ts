<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name />
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="225" />
        <location filename="../../ecoviewer/app/window_loading.py" line="112" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="192" />
        <source>Zoom to layer</source>
        <translation>缩放到图层</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="193" />
        <source>Properties…</source>
        <translation>属性…</translation>
    </message>
    <message>
        <source>Planning targets</source>
        <translation>规划目标</translation>
    </message>
    <message>
        <source>Scenes</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Add current</source>
        <translation>添加当前</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="121" />
        <source>Symbols</source>
        <translation>符号</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="122" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="125" />
        <location filename="../../ecoviewer/app/style_panel.py" line="134" />
        <source>Classes</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="140" />
        <location filename="../../ecoviewer/app/style_panel.py" line="145" />
        <source>Colour ramp</source>
        <translation>色带</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>调色板</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="141" />
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="144" />
        <source>Classify</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="158" />
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="159" />
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="161" />
        <location filename="../../ecoviewer/app/style_panel.py" line="212" />
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="162" />
        <location filename="../../ecoviewer/app/style_panel.py" line="213" />
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="166" />
        <source>All other values</source>
        <translation>所有其他值</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="171" />
        <source>Symbol</source>
        <translation>符号</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="175" />
        <source>as the fill</source>
        <translation>同填充色</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="187" />
        <source>Fill colour</source>
        <translation>填充颜色</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="188" />
        <source>Stroke colour</source>
        <translation>边线颜色</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="189" />
        <source>Fill opacity</source>
        <translation>填充不透明度</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="190" />
        <source>Stroke width</source>
        <translation>边线宽度</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="191" />
        <source>Dash</source>
        <translation>虚线</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="192" />
        <source>Point size</source>
        <translation>点大小</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="196" />
        <source>Labels</source>
        <translation>标注</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="202" />
        <source>Label field</source>
        <translation>标注字段</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="203" />
        <source>Only where</source>
        <translation>仅当</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="206" />
        <source>Tooltip fields</source>
        <translation>提示框字段</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="220" />
        <source>Import QGIS style…</source>
        <translation>导入 QGIS 样式…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="221" />
        <source>Export QGIS style…</source>
        <translation>导出 QGIS 样式…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="289" />
        <source>Choose a vector layer in the Layers panel</source>
        <translation>请在图层面板中选择一个矢量图层</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="290" />
        <source>{0}: a raster's colours are set by its ramp in the project file</source>
        <translation>{0}：栅格的颜色由项目文件中的色带设定</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="298" />
        <source>the style in the project file cannot be shown here</source>
        <translation>项目文件中的样式无法在此显示</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="327" />
        <source>(no labels)</source>
        <translation>（无标注）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="333" />
        <location filename="../../ecoviewer/app/target_editor.py" line="82" />
        <source>(every feature)</source>
        <extracomment>rows every target has, whatever its metric the layer a where-builder's field belongs to the keys the form writes (the others a target has — anchor, note, visible — are kept)</extracomment>
        <translation>（全部要素）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="358" />
        <location filename="../../ecoviewer/app/style_panel.py" line="375" />
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="358" />
        <location filename="../../ecoviewer/app/style_panel.py" line="375" />
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="373" />
        <source>(all other values)</source>
        <translation>（所有其他值）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="375" />
        <source>Up to</source>
        <translation>上限</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="465" />
        <source>'{0}' is not a numeric field: choose one for graduated symbols</source>
        <translation>“{0}”不是数值字段：分级符号请选择数值字段</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/notes.py" line="44" />
        <location filename="../../ecoviewer/app/style_panel.py" line="160" />
        <location filename="../../ecoviewer/app/target_editor.py" line="162" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_presentation.py" line="70" />
        <source>New scene</source>
        <translation>新场景</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_presentation.py" line="80" />
        <source>New scene {0}</source>
        <translation>新建场景 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_presentation.py" line="85" />
        <source>Move scene</source>
        <translation>移动场景</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_presentation.py" line="91" />
        <source>Delete scene</source>
        <translation>删除场景</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="209" />
        <location filename="../../ecoviewer/app/window_presentation.py" line="70" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>要素识别</translation>
    </message>
    <message>
        <source>Feature / field</source>
        <translation>要素 / 字段</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="358" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="176" />
        <source>{0} features here</source>
        <extracomment>the window's checkable action (its attribute) that shows a tool is active</extracomment>
        <translation>此处有 {0} 个要素</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Ne&amp;w project</source>
        <translation>新建项目(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近的项目(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Add layer…</source>
        <translation>添加图层(&amp;A)…</translation>
    </message>
    <message>
        <source>Export &amp;PNG…</source>
        <translation>导出 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Export offline &amp;HTML…</source>
        <translation>导出离线 HTML(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Close project</source>
        <translation>关闭项目(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Go to…</source>
        <translation>定位(&amp;G)…</translation>
    </message>
    <message>
        <source>Copy cursor &amp;position</source>
        <translation>复制光标位置(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom to &amp;all layers</source>
        <translation>缩放到全部图层(&amp;A)</translation>
    </message>
    <message>
        <source>Zoom to &amp;layer</source>
        <translation>缩放到图层(&amp;L)</translation>
    </message>
    <message>
        <source>Layer &amp;properties…</source>
        <translation>图层属性(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Attribute table</source>
        <translation>属性表(&amp;A)</translation>
    </message>
    <message>
        <source>Clear selection and measurement</source>
        <translation>清除选择和量测</translation>
    </message>
    <message>
        <source>Add &amp;note on the map</source>
        <translation>在地图上添加注记(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Measure distance</source>
        <translation>量测距离(&amp;M)</translation>
    </message>
    <message>
        <source>Measure a&amp;rea</source>
        <translation>量测面积(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Themes</source>
        <translation>专题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Bookmarks</source>
        <translation>书签(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About EcoViewer</source>
        <translation>关于 EcoViewer(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="337" />
        <source>{0}: reading again</source>
        <translation>{0}：已恢复读取</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="349" />
        <source>Blocked a network request: {0}</source>
        <translation>已阻止网络请求：{0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="95" />
        <source>Recover unsaved changes?</source>
        <translation>恢复未保存的更改？</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="97" />
        <source>{0} has unsaved changes from {1} (EcoViewer did not close normally). Recover them?</source>
        <translation>{0} 有 {1} 的未保存更改（EcoViewer 未正常关闭）。是否恢复？</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="114" />
        <source>Recovered unsaved changes of {0}</source>
        <translation>已恢复 {0} 的未保存更改</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="117" />
        <source>{0}: written in project format {1}; saving it writes format {2}</source>
        <translation>{0}：项目格式版本 {1}；保存时将写为版本 {2}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="128" />
        <source>Untitled project</source>
        <translation>未命名项目</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="161" />
        <source>Could not write the recovery file: {0}</source>
        <translation>无法写入恢复文件：{0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="173" />
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="174" />
        <source>{0} has unsaved changes. Save them?</source>
        <translation>{0} 有未保存的更改。是否保存？</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="313" />
        <location filename="../../ecoviewer/app/window_document.py" line="405" />
        <source>Add layers</source>
        <translation>添加图层</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="370" />
        <source>Measure CRS: {0} — {1}, from where the layers lie</source>
        <translation>量测坐标系：{0} — {1}（按图层所在位置确定）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="428" />
        <source>Add basemap {0}</source>
        <translation>添加底图 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="455" />
        <source>Add basemap</source>
        <translation>添加底图</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="59" />
        <source>Reading {0} ({1}/{2})</source>
        <translation>正在读取 {0}（{1}/{2}）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="64" />
        <source>Evaluating targets…</source>
        <translation>正在评估规划目标…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="73" />
        <source>Building the overview of {0}: {1}%</source>
        <translation>正在建立“{0}”的概览：{1}%</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="102" />
        <source>Build overviews?</source>
        <translation>生成金字塔？</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="104" />
        <source>{0} has {1} × {2} pixels and no overviews, so it draws slowly when zoomed out.
Build overviews now? A copy with overviews goes into {3}; the file itself is not changed.</source>
        <translation>{0} 有 {1} × {2} 像素且没有金字塔（概视图），缩小时绘制较慢。
现在生成金字塔吗？带金字塔的副本存放在 {3}；原文件不会被修改。</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="112" />
        <source>Building overviews…</source>
        <translation>正在生成金字塔…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="131" />
        <source>{0}: overviews built ({1})</source>
        <translation>{0}：金字塔已生成（{1}）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="153" />
        <source>Loading cancelled: {0} of {1} layers shown</source>
        <translation>已取消加载：显示 {1} 个图层中的 {0} 个</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="61" />
        <source>Click points on the map; Esc ends</source>
        <translation>在地图上点击各点；按 Esc 结束</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="75" />
        <source>Area: {0} (perimeter {1})</source>
        <translation>面积：{0}（周长 {1}）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="79" />
        <source>Distance: {0}</source>
        <translation>距离：{0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="183" />
        <source>Add note</source>
        <translation>添加注记</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="201" />
        <source>Delete note</source>
        <translation>删除注记</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="35" />
        <source>Theme: {0}</source>
        <translation>专题：{0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="48" />
        <source>Save current state as theme…</source>
        <translation>将当前状态存为专题…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="50" />
        <source>Compare two themes…</source>
        <translation>对比两个专题…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="52" />
        <source>End compare</source>
        <translation>结束对比</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="54" />
        <source>Update theme from current state…</source>
        <translation>用当前状态更新专题…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="55" />
        <source>Rename theme…</source>
        <translation>重命名专题…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="56" />
        <source>Delete theme…</source>
        <translation>删除专题…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="77" />
        <source>Type a scale like 1:5000</source>
        <translation>请输入比例尺，例如 1:5000</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="146" />
        <source>Nothing called {0} in this project</source>
        <translation>本项目中没有名为 {0} 的要素</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="151" />
        <source>Went to {0}</source>
        <translation>已定位到 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="165" />
        <source>Copied {0}</source>
        <translation>已复制 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="175" />
        <source>Remove layer {0}</source>
        <translation>移除图层 {0}</translation>
    </message>
    <message>
        <source>Compare: left side</source>
        <translation>对比：左侧</translation>
    </message>
    <message>
        <source>Compare: right side</source>
        <translation>对比：右侧</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="297" />
        <source>Style of {0}</source>
        <extracomment>events of the project that an edit makes (kept on the undo stack); the others (visibility, opacity, the basemap shown, a theme applied) mark the project changed without a step</extracomment>
        <translation>{0} 的样式</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="351" />
        <source>Import QGIS style</source>
        <translation>导入 QGIS 样式</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="351" />
        <location filename="../../ecoviewer/app/window_editing.py" line="364" />
        <source>QGIS styles (*.qml)</source>
        <translation>QGIS 样式 (*.qml)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="362" />
        <source>Export QGIS style</source>
        <translation>导出 QGIS 样式</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="381" />
        <source>Move {0}</source>
        <translation>移动 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="391" />
        <source>Edit target {0}</source>
        <translation>编辑指标 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="391" />
        <source>Add target {0}</source>
        <translation>添加指标 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="397" />
        <source>Delete target {0}</source>
        <translation>删除指标 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="407" />
        <source>{0}: only a loaded vector layer can have a table joined</source>
        <translation>{0}：只有已加载的矢量图层可以连接表格</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="410" />
        <source>Join {0}</source>
        <translation>连接 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="424" />
        <location filename="../../ecoviewer/app/window_layers.py" line="200" />
        <source>Remove join {0}</source>
        <translation>移除连接 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="440" />
        <source>{0} is not metric (lengths and areas need metres)</source>
        <translation>{0} 不是米制坐标系（长度和面积需要以米为单位）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="445" />
        <source>Measure CRS {0}</source>
        <translation>量测坐标系 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="463" />
        <source>Project properties</source>
        <translation>项目属性</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="474" />
        <location filename="../../ecoviewer/app/window_themes.py" line="131" />
        <location filename="../../ecoviewer/app/window_themes.py" line="135" />
        <location filename="../../ecoviewer/app/window_themes.py" line="185" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="475" />
        <source>Measure CRS</source>
        <translation>量测坐标系</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="494" />
        <source>Rename project</source>
        <translation>重命名项目</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="135" />
        <source>New theme</source>
        <translation>新专题</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="138" />
        <source>New theme {0}</source>
        <translation>新建专题 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="142" />
        <source>Update theme</source>
        <translation>更新专题</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="144" />
        <source>Update theme {0}</source>
        <translation>更新专题 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="147" />
        <location filename="../../ecoviewer/app/window_themes.py" line="150" />
        <source>Rename theme</source>
        <translation>重命名专题</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="150" />
        <source>New name</source>
        <translation>新名称</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="154" />
        <source>Rename theme {0}</source>
        <translation>重命名专题 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="160" />
        <source>Delete theme</source>
        <translation>删除专题</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="162" />
        <source>Delete theme {0}</source>
        <translation>删除专题 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="171" />
        <source>Add bookmark for this view…</source>
        <translation>为当前视图添加书签…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="173" />
        <source>Delete bookmark…</source>
        <translation>删除书签…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="182" />
        <source>Bookmark {0}</source>
        <translation>书签 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="185" />
        <source>New bookmark</source>
        <translation>新书签</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="190" />
        <source>Delete bookmark</source>
        <translation>删除书签</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="192" />
        <source>Delete bookmark {0}</source>
        <translation>删除书签 {0}</translation>
    </message>
    <message>
        <source>Apply theme 1–9</source>
        <translation>应用专题 1–9</translation>
    </message>
    <message>
        <source>Presentation: next scene</source>
        <translation>演示：下一场景</translation>
    </message>
    <message>
        <source>Presentation: previous scene</source>
        <translation>演示：上一场景</translation>
    </message>
    <message>
        <source>Presentation: toggle layer 1–9 of the layer panel</source>
        <translation>演示：切换图层面板中的第 1–9 个图层</translation>
    </message>
    <message>
        <source>Presentation: leave</source>
        <translation>演示：退出</translation>
    </message>
    <message>
        <source>Compare: move the divider</source>
        <translation>对比：移动分隔线</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Toggle the current layer (layer panel)</source>
        <translation>切换当前图层（图层面板）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_help.py" line="45" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="180" />
        <source>New note</source>
        <translation>新注记</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="39" />
        <source>Identify here</source>
        <translation>识别此处要素</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="43" />
        <source>Copy coordinates (lon, lat)</source>
        <translation>复制坐标（经度, 纬度）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="47" />
        <source>Copy coordinates ({0})</source>
        <translation>复制坐标（{0}）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="51" />
        <source>Add a note here…</source>
        <translation>在此处添加注记…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="52" />
        <source>Centre the map here</source>
        <translation>地图以此处为中心</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="196" />
        <location filename="../../ecoviewer/app/map_tools.py" line="204" />
        <source>Edit note</source>
        <translation>编辑注记</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="249" />
        <source>{0}: could not save ({1}); the file on disk is unchanged</source>
        <translation>{0}：无法保存（{1}）；磁盘上的文件未改变</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="255" />
        <location filename="../../ecoviewer/app/window_document.py" line="285" />
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="265" />
        <source>Save project as</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="265" />
        <location filename="../../ecoviewer/app/window_document.py" line="441" />
        <source>EcoViewer projects (*.toml)</source>
        <translation>EcoViewer 项目 (*.toml)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="281" />
        <source>{0}: could not save ({1})</source>
        <translation>{0}：无法保存（{1}）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="439" />
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="448" />
        <source>Add layer</source>
        <translation>添加图层</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="286" />
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="287" />
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="288" />
        <source>Offline HTML (*.html)</source>
        <translation>离线 HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="93" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="78" />
        <source>PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="79" />
        <source>PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="80" />
        <source>Offline HTML (interactive map)</source>
        <translation>离线 HTML（交互式地图）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="83" />
        <source>&amp;Format</source>
        <translation>格式(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="86" />
        <source>Show</source>
        <translation>显示内容</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="89" />
        <source>Current &amp;view</source>
        <translation>当前视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="90" />
        <source>&amp;Theme</source>
        <translation>专题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="91" />
        <source>&amp;Scene</source>
        <translation>场景(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="114" />
        <source>Page</source>
        <translation>页面</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="117" />
        <source>Pi&amp;xels</source>
        <translation>像素(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="118" />
        <source>P&amp;aper</source>
        <translation>纸张(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="124" />
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="125" />
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="136" />
        <source>Paper size</source>
        <translation>纸张大小</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="138" />
        <source>Landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="139" />
        <source>Portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="140" />
        <source>Orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="147" />
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="148" />
        <source>&amp;Resolution</source>
        <translation>分辨率(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="155" />
        <source>&amp;Map only (no title, legend or targets)</source>
        <translation>仅地图(&amp;M)（不含标题、图例和规划目标）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="164" />
        <source>T&amp;itle</source>
        <translation>标题(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="168" />
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="173" />
        <source>&amp;Output file</source>
        <translation>输出文件(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="183" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="211" />
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="213" />
        <source>Export all s&amp;cenes…</source>
        <translation>导出全部场景(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="221" />
        <source>One file per scene, with the format and page above</source>
        <translation>每个场景一个文件，使用上方的格式和页面设置</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_preview.py" line="99" />
        <source>Offline HTML: the interactive map in one file, as the window shows it; the page options do not apply.</source>
        <translation>离线 HTML：将窗口中的交互式地图保存为单个文件；页面选项不适用。</translation>
    </message>
    <message>
        <source>The preview's map is the current view; the export draws the chosen theme or scene at full resolution.</source>
        <translation>预览中的地图为当前视图；导出时将以完整分辨率绘制所选专题或场景。</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_preview.py" line="104" />
        <source>The export redraws the map at full resolution.</source>
        <translation>导出时将以完整分辨率重新绘制地图。</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_preview.py" line="108" />
        <source>No preview</source>
        <translation>无预览</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="210" />
        <source>Exported {0} ({1}×{2} px, {3:.1f} s)</source>
        <translation>已导出 {0}（{1}×{2} 像素，{3:.1f} 秒）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="215" />
        <source>Exported {0} ({1:.1f} s)</source>
        <translation>已导出 {0}（{1:.1f} 秒）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="225" />
        <location filename="../../ecoviewer/app/export_dialog.py" line="226" />
        <source>Exporting scenes…</source>
        <translation>正在导出场景…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="229" />
        <source>Export all scenes</source>
        <translation>导出全部场景</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="241" />
        <source>Exporting {0} ({1} of {2})</source>
        <translation>正在导出 {0}（第 {1}/{2} 个）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="261" />
        <source>Export cancelled: {0} of {1} scenes written to {2}</source>
        <translation>导出已取消：{1} 个场景中已有 {0} 个写入 {2}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="274" />
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="276" />
        <source>Exported {0} scenes to {1} ({2:.1f} s)</source>
        <translation>已将 {0} 个场景导出到 {1}（{2:.1f} 秒）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="290" />
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="301" />
        <source>Choose the file to export to</source>
        <translation>请选择要导出到的文件</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="308" />
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="309" />
        <source>{0} already exists. Replace it?</source>
        <translation>{0} 已存在。是否替换？</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="320" />
        <source>The project has no scenes</source>
        <translation>项目中没有场景</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="323" />
        <source>Export all scenes to folder</source>
        <translation>将全部场景导出到文件夹</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="331" />
        <source>Replace files?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="332" />
        <source>{0} of the {1} files already exist in {2} ({3}). Replace them?</source>
        <translation>{2} 中已有 {1} 个文件中的 {0} 个（{3}）。要替换吗？</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="194" />
        <source>Attribute table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="202" />
        <source>Remove layer</source>
        <translation>移除图层</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="210" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="213" />
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="207" />
        <source>not loaded</source>
        <translation>未加载</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="122" />
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="196" />
        <source>Join a table…</source>
        <translation>连接表格…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="216" />
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="217" />
        <source>CRS</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="217" />
        <source> (assumed)</source>
        <translation>（推定）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="218" />
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="219" />
        <source>Features</source>
        <translation>要素数</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="220" />
        <source>Geometry</source>
        <translation>几何类型</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="221" />
        <source>Extent</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="222" />
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="223" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="223" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="232" />
        <source>Layer properties — {0}</source>
        <translation>图层属性 — {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="257" />
        <source>A raster layer has no attribute table</source>
        <translation>栅格图层没有属性表</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_help.py" line="54" />
        <source>About EcoViewer</source>
        <translation>关于 EcoViewer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_help.py" line="56" />
        <source>EcoViewer — offline planning viewer for the Sino-Singapore Tianjin Eco-City.
Works with no network: every map asset is local.</source>
        <translation>EcoViewer — 中新天津生态城离线规划查看器。
无需网络：所有地图资源均在本地。</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/targets_panel.py" line="115" />
        <location filename="../../ecoviewer/app/targets_panel.py" line="129" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/targets_panel.py" line="115" />
        <location filename="../../ecoviewer/app/targets_panel.py" line="129" />
        <source>sample / unverified</source>
        <translation>样例/未核实</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/notes.py" line="30" />
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/notes.py" line="39" />
        <location filename="../../ecoviewer/app/style_panel.py" line="358" />
        <location filename="../../ecoviewer/app/style_panel.py" line="375" />
        <location filename="../../ecoviewer/app/style_panel.py" line="538" />
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="186" />
        <source>Attribute table — {0}</source>
        <translation>属性表 — {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="193" />
        <source>Filter: text in any field</source>
        <translation>筛选：任一字段包含文字</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="196" />
        <source>Streamed layer: filter by one field's value</source>
        <translation>流式图层：按某一字段的值筛选</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="198" />
        <source>(any field)</source>
        <translation>（任一字段）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="202" />
        <source>equals value</source>
        <translation>等于值</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="221" />
        <source>Zoom to selection</source>
        <translation>缩放到所选</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="234" />
        <source>{0} of {1} features</source>
        <translation>{1} 个要素中的 {0} 个</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="159" />
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="160" />
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="161" />
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="210" />
        <source>Save target</source>
        <translation>保存指标</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="211" />
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="240" />
        <source>checked against the source</source>
        <translation>已与来源核对</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="396" />
        <location filename="../../ecoviewer/app/target_editor.py" line="413" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="508" />
        <source>an id is needed</source>
        <translation>需要一个编号</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="512" />
        <source>another target has the id '{0}'</source>
        <translation>已有指标使用编号“{0}”</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="540" />
        <source>Evaluating…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核实</translation>
    </message>
    <message>
        <source>Orange</source>
        <translation>橙色</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>Purple</source>
        <translation>紫色</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>灰色</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Language: {0}</source>
        <translation>语言：{0}</translation>
    </message>
    <message>
        <source>met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>error</source>
        <translation>无法计算</translation>
    </message>
    <message>
        <source>paper must be one of {0}, not {1!r}</source>
        <translation>纸张须为 {0} 之一，不能是 {1!r}</translation>
    </message>
    <message>
        <source>dpi must be between {0} and {1}, not {2}</source>
        <translation>分辨率须在 {0} 到 {1} dpi 之间，不能是 {2}</translation>
    </message>
    <message>
        <source>page must be between {0} and {1} pixels a side, not {2}×{3}</source>
        <translation>页面每边须为 {0} 到 {1} 像素，不能是 {2}×{3}</translation>
    </message>
    <message>
        <source>a {0}×{1} page at {2} dpi is too small for a layout (choose the bare map, a larger size or a lower dpi)</source>
        <translation>{0}×{1} 像素、{2} dpi 的页面放不下版式（请选择仅地图、更大的尺寸或更低的分辨率）</translation>
    </message>
    <message>
        <source>at {0} dpi the map of a {1}×{2} page would be {3:.0f}×{4:.0f} screen pixels; use a larger size or a lower dpi</source>
        <translation>在 {0} dpi 下，{1}×{2} 页面中的地图只有 {3:.0f}×{4:.0f} 屏幕像素；请用更大的尺寸或更低的分辨率</translation>
    </message>
    <message>
        <source>no scene {0!r} in the project (scenes: {1})</source>
        <translation>项目中没有场景 {0!r}（现有场景：{1}）</translation>
    </message>
    <message>
        <source>scene {0!r}: no bookmark {1!r}</source>
        <translation>场景 {0!r}：没有书签 {1!r}</translation>
    </message>
    <message>
        <source>no theme {0!r} in the project (themes: {1})</source>
        <translation>项目中没有专题 {0!r}（现有专题：{1}）</translation>
    </message>
    <message>
        <source>{0}: cannot write ({1})</source>
        <translation>{0}：无法写入（{1}）</translation>
    </message>
    <message>
        <source>the map page did not finish drawing</source>
        <translation>地图页面未能完成绘制</translation>
    </message>
    <message>
        <source>{0}: the output must end in .png, .pdf or .html</source>
        <translation>{0}：输出文件须以 .png、.pdf 或 .html 结尾</translation>
    </message>
    <message>
        <source>{0}: folder {1} does not exist</source>
        <translation>{0}：文件夹 {1} 不存在</translation>
    </message>
    <message>
        <source>{0}: the PNG could not be written</source>
        <translation>{0}：无法写入 PNG 文件</translation>
    </message>
    <message>
        <source>{0}: the PDF could not be written</source>
        <translation>{0}：无法写入 PDF 文件</translation>
    </message>
    <message>
        <source>{0}: folder does not exist</source>
        <translation>{0}：文件夹不存在</translation>
    </message>
    <message>
        <source>the project has no scenes to export</source>
        <translation>项目中没有可导出的场景</translation>
    </message>
    <message>
        <source>the project has no themes to export</source>
        <translation>项目中没有可导出的专题</translation>
    </message>
    <message>
        <source>the map cannot be drawn at {0:g}× (the web view zooms 0.25–5×)</source>
        <translation>地图无法以 {0:g} 倍绘制（网页视图只能缩放 0.25–5 倍）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/compare_dialog.py" line="16" />
        <source>Compare two themes</source>
        <translation>对比两个专题</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/compare_dialog.py" line="31" />
        <source>Left of the divider</source>
        <translation>分隔线左侧</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/compare_dialog.py" line="32" />
        <source>Right of the divider</source>
        <translation>分隔线右侧</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/compare_dialog.py" line="49" />
        <source>Choose two different themes</source>
        <translation>请选择两个不同的专题</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>定位</translation>
    </message>
    <message>
        <source>Go to: lon, lat · x, y in the project's CRS · a name</source>
        <translation>定位：经度, 纬度 · 项目坐标系 x, y · 名称</translation>
    </message>
    <message>
        <source>Basemap</source>
        <translation>底图</translation>
    </message>
    <message>
        <source>Grey (for printing)</source>
        <translation>灰度（用于打印）</translation>
    </message>
    <message>
        <source>Add &amp;basemap…</source>
        <translation>添加底图(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="32" />
        <location filename="../../ecoviewer/app/join_dialog.py" line="83" />
        <source>Join a table</source>
        <translation>连接表格</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="44" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="59" />
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="60" />
        <source>Table file</source>
        <translation>表格文件</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="61" />
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="62" />
        <source>Layer key field</source>
        <translation>图层关键字段</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="63" />
        <source>Table key column</source>
        <translation>表格关键列</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="85" />
        <source>Tables (*.csv *.tsv *.txt *.xlsx *.ods)</source>
        <translation>表格 (*.csv *.tsv *.txt *.xlsx *.ods)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="165" />
        <source>{0} of {1} features find a row; {2} table keys have no feature; {3} repeated keys</source>
        <translation>{1} 个要素中 {0} 个找到对应行；{2} 个表格关键值没有对应要素；{3} 个重复关键值</translation>
    </message>
    <message>
        <source>Single symbol</source>
        <translation>单一符号</translation>
    </message>
    <message>
        <source>Categorized</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Graduated</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>Quantile (equal count)</source>
        <translation>分位数（等数量）</translation>
    </message>
    <message>
        <source>Equal interval</source>
        <translation>等间距</translation>
    </message>
    <message>
        <source>Natural breaks (Jenks)</source>
        <translation>自然断点（Jenks）</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>度量</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Within layer</source>
        <translation>位于图层</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Of layer</source>
        <translation>参照图层</translation>
    </message>
    <message>
        <source>Of where</source>
        <translation>参照条件</translation>
    </message>
    <message>
        <source>Population layer</source>
        <translation>人口图层</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Zones where</source>
        <translation>分区条件</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>像元条件</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>波段</translation>
    </message>
    <message>
        <source>Target value</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="195" />
        <source>Layer styling</source>
        <translation>图层样式</translation>
    </message>
    <message>
        <source>Target editor</source>
        <translation>指标编辑器</translation>
    </message>
    <message>
        <source>&amp;Layer</source>
        <translation>图层(&amp;L)</translation>
    </message>
    <message>
        <source>Layer st&amp;yling</source>
        <translation>图层样式(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Target editor</source>
        <translation>指标编辑器(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Join a table…</source>
        <translation>连接表格(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Import QGIS style…</source>
        <translation>导入 QGIS 样式(&amp;I)…</translation>
    </message>
    <message>
        <source>E&amp;xport QGIS style…</source>
        <translation>导出 QGIS 样式(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Raise layer</source>
        <translation>上移图层(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Lower layer</source>
        <translation>下移图层(&amp;L)</translation>
    </message>
    <message>
        <source>Project propert&amp;ies…</source>
        <translation>项目属性(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="39" />
        <source>Add PostGIS layer</source>
        <translation>添加 PostGIS 图层</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="50" />
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="61" />
        <source>Passwords come from ~/.pgpass, pg_service.conf or PGPASSWORD, never the project.</source>
        <translation>密码来自 ~/.pgpass、pg_service.conf 或 PGPASSWORD，从不写入项目文件。</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="65" />
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="66" />
        <source>Table or view</source>
        <translation>表或视图</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="67" />
        <source>or a query</source>
        <translation>或查询</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="81" />
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="109" />
        <source>{0} tables and views with a geometry column</source>
        <translation>{0} 个含几何列的表和视图</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="117" />
        <source>Connect to list this database's tables</source>
        <translation>请先连接以列出该数据库的表</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="121" />
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Add Post&amp;GIS layer…</source>
        <translation>添加 PostGIS 图层(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/trend_chart.py" line="66" />
        <source>Select a target to see its trend.</source>
        <translation>选择一个指标以查看其趋势。</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/trend_chart.py" line="76" />
        <source>no series (add 'series' to the target)</source>
        <translation>无历年序列（可为指标添加 series）</translation>
    </message>
<message><source>Trend</source><translation>趋势</translation></message></context>
</TS>