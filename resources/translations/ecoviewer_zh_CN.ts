<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name />
    <message>
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
        <location filename="../../ecoviewer/app/main_window.py" line="1058" />
        <source>Zoom to layer</source>
        <translation>缩放到图层</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1059" />
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
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/notes.py" line="39" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="230" />
        <source>New scene</source>
        <translation>新场景</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="230" />
        <location filename="../../ecoviewer/app/main_window.py" line="1067" />
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
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="371" />
        <source>{0} features here</source>
        <translation>此处有 {0} 个要素</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="387" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="388" />
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="389" />
        <source>Open &amp;recent</source>
        <translation>最近的项目(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="391" />
        <source>&amp;Save project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="392" />
        <source>Save project &amp;as…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="393" />
        <source>&amp;Add layer…</source>
        <translation>添加图层(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="395" />
        <source>Export &amp;PNG…</source>
        <translation>导出 PNG(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="396" />
        <source>Export offline &amp;HTML…</source>
        <translation>导出离线 HTML(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="399" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="400" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="401" />
        <source>Zoom to &amp;all layers</source>
        <translation>缩放到全部图层(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="402" />
        <source>Zoom to &amp;layer</source>
        <translation>缩放到图层(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="403" />
        <source>Layer &amp;properties…</source>
        <translation>图层属性(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="404" />
        <source>&amp;Attribute table</source>
        <translation>属性表(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="405" />
        <source>Clear selection and measurement</source>
        <translation>清除选择和量测</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="406" />
        <source>Add &amp;note on the map</source>
        <translation>在地图上添加注记(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="416" />
        <source>&amp;Measure distance</source>
        <translation>量测距离(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="419" />
        <source>Measure a&amp;rea</source>
        <translation>量测面积(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="423" />
        <source>&amp;Themes</source>
        <translation>专题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="425" />
        <source>&amp;Bookmarks</source>
        <translation>书签(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="427" />
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="433" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="434" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="435" />
        <source>&amp;About EcoViewer</source>
        <translation>关于 EcoViewer(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="475" />
        <source>Blocked a network request: {0}</source>
        <translation>已阻止网络请求：{0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="491" />
        <source>Recover unsaved changes?</source>
        <translation>恢复未保存的更改？</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="492" />
        <source>{0} has unsaved changes from {1} (EcoViewer did not close normally). Recover them?</source>
        <translation>{0} 有 {1} 的未保存更改（EcoViewer 未正常关闭）。是否恢复？</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="504" />
        <source>Recovered unsaved changes of {0}</source>
        <translation>已恢复 {0} 的未保存更改</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="519" />
        <source>Could not write the recovery file: {0}</source>
        <translation>无法写入恢复文件：{0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="527" />
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="528" />
        <source>{0} has unsaved changes. Save them?</source>
        <translation>{0} 有未保存的更改。是否保存？</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="604" />
        <source>Reading {0} ({1}/{2})</source>
        <translation>正在读取 {0}（{1}/{2}）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="607" />
        <source>Evaluating targets…</source>
        <translation>正在评估规划目标…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="638" />
        <source>Loading cancelled: {0} of {1} layers shown</source>
        <translation>已取消加载：显示 {1} 个图层中的 {0} 个</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="720" />
        <source>Click points on the map; Esc ends</source>
        <translation>在地图上点击各点；按 Esc 结束</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="729" />
        <source>Area: {0} (perimeter {1})</source>
        <translation>面积：{0}（周长 {1}）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="734" />
        <source>Distance: {0}</source>
        <translation>距离：{0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="755" />
        <source>Theme: {0}</source>
        <translation>专题：{0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="766" />
        <source>Save current state as theme…</source>
        <translation>将当前状态存为专题…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="768" />
        <source>Compare two themes…</source>
        <translation>对比两个专题…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="770" />
        <source>End compare</source>
        <translation>结束对比</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="772" />
        <source>Update theme from current state…</source>
        <translation>用当前状态更新专题…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="773" />
        <source>Rename theme…</source>
        <translation>重命名专题…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="774" />
        <source>Delete theme…</source>
        <translation>删除专题…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="793" />
        <source>Compare: left side</source>
        <translation>对比：左侧</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="796" />
        <source>Compare: right side</source>
        <translation>对比：右侧</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="801" />
        <location filename="../../ecoviewer/app/main_window.py" line="805" />
        <location filename="../../ecoviewer/app/main_window.py" line="852" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="805" />
        <source>New theme</source>
        <translation>新专题</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="810" />
        <source>Update theme</source>
        <translation>更新专题</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="815" />
        <location filename="../../ecoviewer/app/main_window.py" line="818" />
        <source>Rename theme</source>
        <translation>重命名专题</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="818" />
        <source>New name</source>
        <translation>新名称</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="826" />
        <source>Delete theme</source>
        <translation>删除专题</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="837" />
        <source>Add bookmark for this view…</source>
        <translation>为当前视图添加书签…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="839" />
        <source>Delete bookmark…</source>
        <translation>删除书签…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="852" />
        <source>New bookmark</source>
        <translation>新书签</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="857" />
        <source>Delete bookmark</source>
        <translation>删除书签</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="870" />
        <source>Apply theme 1–9</source>
        <translation>应用专题 1–9</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="871" />
        <source>Presentation: next scene</source>
        <translation>演示：下一场景</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="872" />
        <source>Presentation: previous scene</source>
        <translation>演示：上一场景</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="873" />
        <source>Presentation: toggle layer 1–9 of the layer panel</source>
        <translation>演示：切换图层面板中的第 1–9 个图层</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="874" />
        <source>Presentation: leave</source>
        <translation>演示：退出</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="875" />
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="875" />
        <source>Toggle the current layer (layer panel)</source>
        <translation>切换当前图层（图层面板）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="881" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="895" />
        <source>New note</source>
        <translation>新注记</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="904" />
        <source>Edit note</source>
        <translation>编辑注记</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="919" />
        <source>{0}: could not save ({1}); the file on disk is unchanged</source>
        <translation>{0}：无法保存（{1}）；磁盘上的文件未改变</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="923" />
        <location filename="../../ecoviewer/app/main_window.py" line="946" />
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="932" />
        <source>Save project as</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="934" />
        <location filename="../../ecoviewer/app/main_window.py" line="997" />
        <source>EcoViewer projects (*.toml)</source>
        <translation>EcoViewer 项目 (*.toml)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="942" />
        <source>{0}: could not save ({1})</source>
        <translation>{0}：无法保存（{1}）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="996" />
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1002" />
        <source>Add layer</source>
        <translation>添加图层</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1010" />
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1010" />
        <source>Offline HTML (*.html)</source>
        <translation>离线 HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1011" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1028" />
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1060" />
        <source>Attribute table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1062" />
        <source>Remove layer</source>
        <translation>移除图层</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1068" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1070" />
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1070" />
        <source>not loaded</source>
        <translation>未加载</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1074" />
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1075" />
        <source>CRS</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1075" />
        <source> (assumed)</source>
        <translation>（推定）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1076" />
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1077" />
        <source>Features</source>
        <translation>要素数</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1078" />
        <source>Geometry</source>
        <translation>几何类型</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1079" />
        <source>Extent</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1080" />
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1081" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1081" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1105" />
        <source>Layer properties — {0}</source>
        <translation>图层属性 — {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1125" />
        <source>About EcoViewer</source>
        <translation>关于 EcoViewer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1126" />
        <source>EcoViewer — offline planning viewer for the Sino-Singapore Tianjin Eco-City.
Works with no network: every map asset is local.</source>
        <translation>EcoViewer — 中新天津生态城离线规划查看器。
无需网络：所有地图资源均在本地。</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/targets_panel.py" line="102" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/targets_panel.py" line="103" />
        <source>sample / unverified</source>
        <translation>样例/未核实</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/notes.py" line="26" />
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/notes.py" line="35" />
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="104" />
        <source>Attribute table — {0}</source>
        <translation>属性表 — {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="110" />
        <source>Filter: text in any field</source>
        <translation>筛选：任一字段包含文字</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="112" />
        <source>(any field)</source>
        <translation>（任一字段）</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="116" />
        <source>equals value</source>
        <translation>等于值</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="131" />
        <source>Zoom to selection</source>
        <translation>缩放到所选</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="142" />
        <source>{0} of {1} features</source>
        <translation>{1} 个要素中的 {0} 个</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
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
        <location filename="../../ecoviewer/app/main_window.py" line="428" />
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
</context>
</TS>