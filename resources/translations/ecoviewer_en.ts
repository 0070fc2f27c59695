<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name />
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="186" />
        <source>Attribute table — {0}</source>
        <translation>Attribute table — {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="193" />
        <source>Filter: text in any field</source>
        <translation>Filter: text in any field</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="196" />
        <source>Streamed layer: filter by one field's value</source>
        <translation>Streamed layer: filter by one field's value</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="198" />
        <source>(any field)</source>
        <translation>(any field)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="202" />
        <source>equals value</source>
        <translation>equals value</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="221" />
        <source>Zoom to selection</source>
        <translation>Zoom to selection</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="234" />
        <source>{0} of {1} features</source>
        <translation>{0} of {1} features</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_presentation.py" line="70" />
        <source>New scene</source>
        <translation>New scene</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_presentation.py" line="80" />
        <source>New scene {0}</source>
        <translation>New scene {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_presentation.py" line="85" />
        <source>Move scene</source>
        <translation>Move scene</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_presentation.py" line="91" />
        <source>Delete scene</source>
        <translation>Delete scene</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="209" />
        <location filename="../../ecoviewer/app/window_presentation.py" line="70" />
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="176" />
        <source>{0} features here</source>
        <extracomment>the window's checkable action (its attribute) that shows a tool is active</extracomment>
        <translation>{0} features here</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Ne&amp;w project</source>
        <translation>Ne&amp;w project</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>&amp;Open project…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>&amp;Save project</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>Save project &amp;as…</translation>
    </message>
    <message>
        <source>&amp;Add layer…</source>
        <translation>&amp;Add layer…</translation>
    </message>
    <message>
        <source>Export &amp;PNG…</source>
        <translation>Export &amp;PNG…</translation>
    </message>
    <message>
        <source>Export offline &amp;HTML…</source>
        <translation>Export offline &amp;HTML…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>&amp;Close project</source>
        <translation>&amp;Close project</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>&amp;Go to…</source>
        <translation>&amp;Go to…</translation>
    </message>
    <message>
        <source>Copy cursor &amp;position</source>
        <translation>Copy cursor &amp;position</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Zoom to &amp;all layers</source>
        <translation>Zoom to &amp;all layers</translation>
    </message>
    <message>
        <source>Zoom to &amp;layer</source>
        <translation>Zoom to &amp;layer</translation>
    </message>
    <message>
        <source>Layer &amp;properties…</source>
        <translation>Layer &amp;properties…</translation>
    </message>
    <message>
        <source>&amp;Attribute table</source>
        <translation>&amp;Attribute table</translation>
    </message>
    <message>
        <source>Clear selection and measurement</source>
        <translation>Clear selection and measurement</translation>
    </message>
    <message>
        <source>Add &amp;note on the map</source>
        <translation>Add &amp;note on the map</translation>
    </message>
    <message>
        <source>&amp;Measure distance</source>
        <translation>&amp;Measure distance</translation>
    </message>
    <message>
        <source>Measure a&amp;rea</source>
        <translation>Measure a&amp;rea</translation>
    </message>
    <message>
        <source>&amp;Themes</source>
        <translation>&amp;Themes</translation>
    </message>
    <message>
        <source>&amp;Bookmarks</source>
        <translation>&amp;Bookmarks</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>&amp;Presentation mode</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>&amp;About EcoViewer</source>
        <translation>&amp;About EcoViewer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="337" />
        <source>{0}: reading again</source>
        <translation>{0}: reading again</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="349" />
        <source>Blocked a network request: {0}</source>
        <translation>Blocked a network request: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="95" />
        <source>Recover unsaved changes?</source>
        <translation>Recover unsaved changes?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="97" />
        <source>{0} has unsaved changes from {1} (EcoViewer did not close normally). Recover them?</source>
        <translation>{0} has unsaved changes from {1} (EcoViewer did not close normally). Recover them?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="114" />
        <source>Recovered unsaved changes of {0}</source>
        <translation>Recovered unsaved changes of {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="117" />
        <source>{0}: written in project format {1}; saving it writes format {2}</source>
        <translation>{0}: written in project format {1}; saving it writes format {2}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="128" />
        <source>Untitled project</source>
        <translation>Untitled project</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="161" />
        <source>Could not write the recovery file: {0}</source>
        <translation>Could not write the recovery file: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="173" />
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="174" />
        <source>{0} has unsaved changes. Save them?</source>
        <translation>{0} has unsaved changes. Save them?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="313" />
        <location filename="../../ecoviewer/app/window_document.py" line="405" />
        <source>Add layers</source>
        <translation>Add layers</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="370" />
        <source>Measure CRS: {0} — {1}, from where the layers lie</source>
        <translation>Measure CRS: {0} — {1}, from where the layers lie</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="428" />
        <source>Add basemap {0}</source>
        <translation>Add basemap {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="455" />
        <source>Add basemap</source>
        <translation>Add basemap</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="59" />
        <source>Reading {0} ({1}/{2})</source>
        <translation>Reading {0} ({1}/{2})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="64" />
        <source>Evaluating targets…</source>
        <translation>Evaluating targets…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="73" />
        <source>Building the overview of {0}: {1}%</source>
        <translation>Building the overview of {0}: {1}%</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="102" />
        <source>Build overviews?</source>
        <translation>Build overviews?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="104" />
        <source>{0} has {1} × {2} pixels and no overviews, so it draws slowly when zoomed out.
Build overviews now? A copy with overviews goes into {3}; the file itself is not changed.</source>
        <translation>{0} has {1} × {2} pixels and no overviews, so it draws slowly when zoomed out.
Build overviews now? A copy with overviews goes into {3}; the file itself is not changed.</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="112" />
        <source>Building overviews…</source>
        <translation>Building overviews…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="131" />
        <source>{0}: overviews built ({1})</source>
        <translation>{0}: overviews built ({1})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_loading.py" line="153" />
        <source>Loading cancelled: {0} of {1} layers shown</source>
        <translation>Loading cancelled: {0} of {1} layers shown</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="61" />
        <source>Click points on the map; Esc ends</source>
        <translation>Click points on the map; Esc ends</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="75" />
        <source>Area: {0} (perimeter {1})</source>
        <translation>Area: {0} (perimeter {1})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="79" />
        <source>Distance: {0}</source>
        <translation>Distance: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="183" />
        <source>Add note</source>
        <translation>Add note</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="201" />
        <source>Delete note</source>
        <translation>Delete note</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="35" />
        <source>Theme: {0}</source>
        <translation>Theme: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="48" />
        <source>Save current state as theme…</source>
        <translation>Save current state as theme…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="50" />
        <source>Compare two themes…</source>
        <translation>Compare two themes…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="52" />
        <source>End compare</source>
        <translation>End compare</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="54" />
        <source>Update theme from current state…</source>
        <translation>Update theme from current state…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="55" />
        <source>Rename theme…</source>
        <translation>Rename theme…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="56" />
        <source>Delete theme…</source>
        <translation>Delete theme…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="77" />
        <source>Type a scale like 1:5000</source>
        <translation>Type a scale like 1:5000</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="146" />
        <source>Nothing called {0} in this project</source>
        <translation>Nothing called {0} in this project</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="151" />
        <source>Went to {0}</source>
        <translation>Went to {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="165" />
        <source>Copied {0}</source>
        <translation>Copied {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="175" />
        <source>Remove layer {0}</source>
        <translation>Remove layer {0}</translation>
    </message>
    <message>
        <source>Compare: left side</source>
        <translation>Compare: left side</translation>
    </message>
    <message>
        <source>Compare: right side</source>
        <translation>Compare: right side</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="297" />
        <source>Style of {0}</source>
        <extracomment>events of the project that an edit makes (kept on the undo stack); the others (visibility, opacity, the basemap shown, a theme applied) mark the project changed without a step</extracomment>
        <translation>Style of {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="351" />
        <source>Import QGIS style</source>
        <translation>Import QGIS style</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="351" />
        <location filename="../../ecoviewer/app/window_editing.py" line="364" />
        <source>QGIS styles (*.qml)</source>
        <translation>QGIS styles (*.qml)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="362" />
        <source>Export QGIS style</source>
        <translation>Export QGIS style</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="381" />
        <source>Move {0}</source>
        <translation>Move {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="391" />
        <source>Edit target {0}</source>
        <translation>Edit target {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="391" />
        <source>Add target {0}</source>
        <translation>Add target {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="397" />
        <source>Delete target {0}</source>
        <translation>Delete target {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="407" />
        <source>{0}: only a loaded vector layer can have a table joined</source>
        <translation>{0}: only a loaded vector layer can have a table joined</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="410" />
        <source>Join {0}</source>
        <translation>Join {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="424" />
        <location filename="../../ecoviewer/app/window_layers.py" line="200" />
        <source>Remove join {0}</source>
        <translation>Remove join {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="440" />
        <source>{0} is not metric (lengths and areas need metres)</source>
        <translation>{0} is not metric (lengths and areas need metres)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="445" />
        <source>Measure CRS {0}</source>
        <translation>Measure CRS {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="463" />
        <source>Project properties</source>
        <translation>Project properties</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="474" />
        <location filename="../../ecoviewer/app/window_themes.py" line="131" />
        <location filename="../../ecoviewer/app/window_themes.py" line="135" />
        <location filename="../../ecoviewer/app/window_themes.py" line="185" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="475" />
        <source>Measure CRS</source>
        <translation>Measure CRS</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_editing.py" line="494" />
        <source>Rename project</source>
        <translation>Rename project</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="135" />
        <source>New theme</source>
        <translation>New theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="138" />
        <source>New theme {0}</source>
        <translation>New theme {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="142" />
        <source>Update theme</source>
        <translation>Update theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="144" />
        <source>Update theme {0}</source>
        <translation>Update theme {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="147" />
        <location filename="../../ecoviewer/app/window_themes.py" line="150" />
        <source>Rename theme</source>
        <translation>Rename theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="150" />
        <source>New name</source>
        <translation>New name</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="154" />
        <source>Rename theme {0}</source>
        <translation>Rename theme {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="160" />
        <source>Delete theme</source>
        <translation>Delete theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="162" />
        <source>Delete theme {0}</source>
        <translation>Delete theme {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="171" />
        <source>Add bookmark for this view…</source>
        <translation>Add bookmark for this view…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="173" />
        <source>Delete bookmark…</source>
        <translation>Delete bookmark…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="182" />
        <source>Bookmark {0}</source>
        <translation>Bookmark {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="185" />
        <source>New bookmark</source>
        <translation>New bookmark</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="190" />
        <source>Delete bookmark</source>
        <translation>Delete bookmark</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_themes.py" line="192" />
        <source>Delete bookmark {0}</source>
        <translation>Delete bookmark {0}</translation>
    </message>
    <message>
        <source>Apply theme 1–9</source>
        <translation>Apply theme 1–9</translation>
    </message>
    <message>
        <source>Presentation: next scene</source>
        <translation>Presentation: next scene</translation>
    </message>
    <message>
        <source>Presentation: previous scene</source>
        <translation>Presentation: previous scene</translation>
    </message>
    <message>
        <source>Presentation: toggle layer 1–9 of the layer panel</source>
        <translation>Presentation: toggle layer 1–9 of the layer panel</translation>
    </message>
    <message>
        <source>Presentation: leave</source>
        <translation>Presentation: leave</translation>
    </message>
    <message>
        <source>Compare: move the divider</source>
        <translation>Compare: move the divider</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>Toggle the current layer (layer panel)</source>
        <translation>Toggle the current layer (layer panel)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_help.py" line="45" />
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="180" />
        <source>New note</source>
        <translation>New note</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="39" />
        <source>Identify here</source>
        <translation>Identify here</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="43" />
        <source>Copy coordinates (lon, lat)</source>
        <translation>Copy coordinates (lon, lat)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="47" />
        <source>Copy coordinates ({0})</source>
        <translation>Copy coordinates ({0})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="51" />
        <source>Add a note here…</source>
        <translation>Add a note here…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_navigation.py" line="52" />
        <source>Centre the map here</source>
        <translation>Centre the map here</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/map_tools.py" line="196" />
        <location filename="../../ecoviewer/app/map_tools.py" line="204" />
        <source>Edit note</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="249" />
        <source>{0}: could not save ({1}); the file on disk is unchanged</source>
        <translation>{0}: could not save ({1}); the file on disk is unchanged</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="255" />
        <location filename="../../ecoviewer/app/window_document.py" line="285" />
        <source>Saved {0}</source>
        <translation>Saved {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="265" />
        <source>Save project as</source>
        <translation>Save project as</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="265" />
        <location filename="../../ecoviewer/app/window_document.py" line="441" />
        <source>EcoViewer projects (*.toml)</source>
        <translation>EcoViewer projects (*.toml)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="281" />
        <source>{0}: could not save ({1})</source>
        <translation>{0}: could not save ({1})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="439" />
        <source>Open project</source>
        <translation>Open project</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_document.py" line="448" />
        <source>Add layer</source>
        <translation>Add layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="286" />
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="287" />
        <source>PDF document (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="288" />
        <source>Offline HTML (*.html)</source>
        <translation>Offline HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="93" />
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="78" />
        <source>PNG image</source>
        <translation>PNG image</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="79" />
        <source>PDF document</source>
        <translation>PDF document</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="80" />
        <source>Offline HTML (interactive map)</source>
        <translation>Offline HTML (interactive map)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="83" />
        <source>&amp;Format</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="86" />
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="89" />
        <source>Current &amp;view</source>
        <translation>Current &amp;view</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="90" />
        <source>&amp;Theme</source>
        <translation>&amp;Theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="91" />
        <source>&amp;Scene</source>
        <translation>&amp;Scene</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="114" />
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="117" />
        <source>Pi&amp;xels</source>
        <translation>Pi&amp;xels</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="118" />
        <source>P&amp;aper</source>
        <translation>P&amp;aper</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="124" />
        <source>Width</source>
        <translation>Width</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="125" />
        <source>Height</source>
        <translation>Height</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="136" />
        <source>Paper size</source>
        <translation>Paper size</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="138" />
        <source>Landscape</source>
        <translation>Landscape</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="139" />
        <source>Portrait</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="140" />
        <source>Orientation</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="147" />
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="148" />
        <source>&amp;Resolution</source>
        <translation>&amp;Resolution</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="155" />
        <source>&amp;Map only (no title, legend or targets)</source>
        <translation>&amp;Map only (no title, legend or targets)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="164" />
        <source>T&amp;itle</source>
        <translation>T&amp;itle</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="168" />
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="173" />
        <source>&amp;Output file</source>
        <translation>&amp;Output file</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="183" />
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="211" />
        <source>&amp;Export</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="213" />
        <source>Export all s&amp;cenes…</source>
        <translation>Export all s&amp;cenes…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_form.py" line="221" />
        <source>One file per scene, with the format and page above</source>
        <translation>One file per scene, with the format and page above</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_preview.py" line="99" />
        <source>Offline HTML: the interactive map in one file, as the window shows it; the page options do not apply.</source>
        <translation>Offline HTML: the interactive map in one file, as the window shows it; the page options do not apply.</translation>
    </message>
    <message>
        <source>The preview's map is the current view; the export draws the chosen theme or scene at full resolution.</source>
        <translation>The preview's map is the current view; the export draws the chosen theme or scene at full resolution.</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_preview.py" line="104" />
        <source>The export redraws the map at full resolution.</source>
        <translation>The export redraws the map at full resolution.</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_preview.py" line="108" />
        <source>No preview</source>
        <translation>No preview</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="210" />
        <source>Exported {0} ({1}×{2} px, {3:.1f} s)</source>
        <translation>Exported {0} ({1}×{2} px, {3:.1f} s)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="215" />
        <source>Exported {0} ({1:.1f} s)</source>
        <translation>Exported {0} ({1:.1f} s)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="225" />
        <location filename="../../ecoviewer/app/export_dialog.py" line="226" />
        <source>Exporting scenes…</source>
        <translation>Exporting scenes…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="229" />
        <source>Export all scenes</source>
        <translation>Export all scenes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="241" />
        <source>Exporting {0} ({1} of {2})</source>
        <translation>Exporting {0} ({1} of {2})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="261" />
        <source>Export cancelled: {0} of {1} scenes written to {2}</source>
        <translation>Export cancelled: {0} of {1} scenes written to {2}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="274" />
        <source>Exported {0}</source>
        <translation>Exported {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="276" />
        <source>Exported {0} scenes to {1} ({2:.1f} s)</source>
        <translation>Exported {0} scenes to {1} ({2:.1f} s)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="290" />
        <source>Export to</source>
        <translation>Export to</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="301" />
        <source>Choose the file to export to</source>
        <translation>Choose the file to export to</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="308" />
        <source>Replace file?</source>
        <translation>Replace file?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="309" />
        <source>{0} already exists. Replace it?</source>
        <translation>{0} already exists. Replace it?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="320" />
        <source>The project has no scenes</source>
        <translation>The project has no scenes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="323" />
        <source>Export all scenes to folder</source>
        <translation>Export all scenes to folder</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="331" />
        <source>Replace files?</source>
        <translation>Replace files?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="332" />
        <source>{0} of the {1} files already exist in {2} ({3}). Replace them?</source>
        <translation>{0} of the {1} files already exist in {2} ({3}). Replace them?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="192" />
        <source>Zoom to layer</source>
        <translation>Zoom to layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="193" />
        <source>Properties…</source>
        <translation>Properties…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="194" />
        <source>Attribute table</source>
        <translation>Attribute table</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="202" />
        <source>Remove layer</source>
        <translation>Remove layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="210" />
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="213" />
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="207" />
        <source>not loaded</source>
        <translation>not loaded</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="122" />
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="196" />
        <source>Join a table…</source>
        <translation>Join a table…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="216" />
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="217" />
        <source>CRS</source>
        <translation>CRS</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="217" />
        <source> (assumed)</source>
        <translation> (assumed)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="218" />
        <source>Encoding</source>
        <translation>Encoding</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="219" />
        <source>Features</source>
        <translation>Features</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="220" />
        <source>Geometry</source>
        <translation>Geometry</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="221" />
        <source>Extent</source>
        <translation>Extent</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="222" />
        <source>Fields</source>
        <translation>Fields</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="223" />
        <source>Problems</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="223" />
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="232" />
        <source>Layer properties — {0}</source>
        <translation>Layer properties — {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="257" />
        <source>A raster layer has no attribute table</source>
        <translation>A raster layer has no attribute table</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_help.py" line="54" />
        <source>About EcoViewer</source>
        <translation>About EcoViewer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_help.py" line="56" />
        <source>EcoViewer — offline planning viewer for the Sino-Singapore Tianjin Eco-City.
Works with no network: every map asset is local.</source>
        <translation>EcoViewer — offline planning viewer for the Sino-Singapore Tianjin Eco-City.
Works with no network: every map asset is local.</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/notes.py" line="30" />
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/notes.py" line="39" />
        <location filename="../../ecoviewer/app/style_panel.py" line="358" />
        <location filename="../../ecoviewer/app/style_panel.py" line="375" />
        <location filename="../../ecoviewer/app/style_panel.py" line="538" />
        <source>Colour</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/notes.py" line="44" />
        <location filename="../../ecoviewer/app/style_panel.py" line="160" />
        <location filename="../../ecoviewer/app/target_editor.py" line="162" />
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/targets_panel.py" line="115" />
        <location filename="../../ecoviewer/app/targets_panel.py" line="129" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/targets_panel.py" line="115" />
        <location filename="../../ecoviewer/app/targets_panel.py" line="129" />
        <source>sample / unverified</source>
        <translation>sample / unverified</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="225" />
        <location filename="../../ecoviewer/app/window_loading.py" line="112" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Layers</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacity</translation>
    </message>
    <message>
        <source>Planning targets</source>
        <translation>Planning targets</translation>
    </message>
    <message>
        <source>Scenes</source>
        <translation>Scenes</translation>
    </message>
    <message>
        <source>Add current</source>
        <translation>Add current</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="121" />
        <source>Symbols</source>
        <translation>Symbols</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="122" />
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="125" />
        <location filename="../../ecoviewer/app/style_panel.py" line="134" />
        <source>Classes</source>
        <translation>Classes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="140" />
        <location filename="../../ecoviewer/app/style_panel.py" line="145" />
        <source>Colour ramp</source>
        <translation>Colour ramp</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="141" />
        <source>Default</source>
        <translation>Default</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="144" />
        <source>Classify</source>
        <translation>Classify</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="158" />
        <source>Colour…</source>
        <translation>Colour…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="159" />
        <source>Merge</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="161" />
        <location filename="../../ecoviewer/app/style_panel.py" line="212" />
        <source>Up</source>
        <translation>Up</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="162" />
        <location filename="../../ecoviewer/app/style_panel.py" line="213" />
        <source>Down</source>
        <translation>Down</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="166" />
        <source>All other values</source>
        <translation>All other values</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="171" />
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="175" />
        <source>as the fill</source>
        <translation>as the fill</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="187" />
        <source>Fill colour</source>
        <translation>Fill colour</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="188" />
        <source>Stroke colour</source>
        <translation>Stroke colour</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="189" />
        <source>Fill opacity</source>
        <translation>Fill opacity</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="190" />
        <source>Stroke width</source>
        <translation>Stroke width</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="191" />
        <source>Dash</source>
        <translation>Dash</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="192" />
        <source>Point size</source>
        <translation>Point size</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="196" />
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="202" />
        <source>Label field</source>
        <translation>Label field</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="203" />
        <source>Only where</source>
        <translation>Only where</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="206" />
        <source>Tooltip fields</source>
        <translation>Tooltip fields</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="220" />
        <source>Import QGIS style…</source>
        <translation>Import QGIS style…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="221" />
        <source>Export QGIS style…</source>
        <translation>Export QGIS style…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="289" />
        <source>Choose a vector layer in the Layers panel</source>
        <translation>Choose a vector layer in the Layers panel</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="290" />
        <source>{0}: a raster's colours are set by its ramp in the project file</source>
        <translation>{0}: a raster's colours are set by its ramp in the project file</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="298" />
        <source>the style in the project file cannot be shown here</source>
        <translation>the style in the project file cannot be shown here</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="327" />
        <source>(no labels)</source>
        <translation>(no labels)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="333" />
        <location filename="../../ecoviewer/app/target_editor.py" line="82" />
        <source>(every feature)</source>
        <extracomment>rows every target has, whatever its metric the layer a where-builder's field belongs to the keys the form writes (the others a target has — anchor, note, visible — are kept)</extracomment>
        <translation>(every feature)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="358" />
        <location filename="../../ecoviewer/app/style_panel.py" line="375" />
        <source>Legend</source>
        <translation>Legend</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="358" />
        <location filename="../../ecoviewer/app/style_panel.py" line="375" />
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="373" />
        <source>(all other values)</source>
        <translation>(all other values)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="375" />
        <source>Up to</source>
        <translation>Up to</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="465" />
        <source>'{0}' is not a numeric field: choose one for graduated symbols</source>
        <translation>'{0}' is not a numeric field: choose one for graduated symbols</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>Identify</translation>
    </message>
    <message>
        <source>Feature / field</source>
        <translation>Feature / field</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/style_panel.py" line="358" />
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="159" />
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="160" />
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="161" />
        <source>Duplicate</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="210" />
        <source>Save target</source>
        <translation>Save target</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="211" />
        <source>Revert</source>
        <translation>Revert</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="240" />
        <source>checked against the source</source>
        <translation>checked against the source</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="396" />
        <location filename="../../ecoviewer/app/target_editor.py" line="413" />
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="508" />
        <source>an id is needed</source>
        <translation>an id is needed</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="512" />
        <source>another target has the id '{0}'</source>
        <translation>another target has the id '{0}'</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/target_editor.py" line="540" />
        <source>Evaluating…</source>
        <translation>Evaluating…</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Goal</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>Orange</source>
        <translation>Orange</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Green</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Blue</translation>
    </message>
    <message>
        <source>Purple</source>
        <translation>Purple</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Grey</translation>
    </message>
    <message>
        <source>Language: {0}</source>
        <translation>Language: {0}</translation>
    </message>
    <message>
        <source>met</source>
        <translation>met</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>missed</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>no data</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>paper must be one of {0}, not {1!r}</source>
        <translation>paper must be one of {0}, not {1!r}</translation>
    </message>
    <message>
        <source>dpi must be between {0} and {1}, not {2}</source>
        <translation>dpi must be between {0} and {1}, not {2}</translation>
    </message>
    <message>
        <source>page must be between {0} and {1} pixels a side, not {2}×{3}</source>
        <translation>page must be between {0} and {1} pixels a side, not {2}×{3}</translation>
    </message>
    <message>
        <source>a {0}×{1} page at {2} dpi is too small for a layout (choose the bare map, a larger size or a lower dpi)</source>
        <translation>a {0}×{1} page at {2} dpi is too small for a layout (choose the bare map, a larger size or a lower dpi)</translation>
    </message>
    <message>
        <source>at {0} dpi the map of a {1}×{2} page would be {3:.0f}×{4:.0f} screen pixels; use a larger size or a lower dpi</source>
        <translation>at {0} dpi the map of a {1}×{2} page would be {3:.0f}×{4:.0f} screen pixels; use a larger size or a lower dpi</translation>
    </message>
    <message>
        <source>no scene {0!r} in the project (scenes: {1})</source>
        <translation>no scene {0!r} in the project (scenes: {1})</translation>
    </message>
    <message>
        <source>scene {0!r}: no bookmark {1!r}</source>
        <translation>scene {0!r}: no bookmark {1!r}</translation>
    </message>
    <message>
        <source>no theme {0!r} in the project (themes: {1})</source>
        <translation>no theme {0!r} in the project (themes: {1})</translation>
    </message>
    <message>
        <source>{0}: cannot write ({1})</source>
        <translation>{0}: cannot write ({1})</translation>
    </message>
    <message>
        <source>the map page did not finish drawing</source>
        <translation>the map page did not finish drawing</translation>
    </message>
    <message>
        <source>{0}: the output must end in .png, .pdf or .html</source>
        <translation>{0}: the output must end in .png, .pdf or .html</translation>
    </message>
    <message>
        <source>{0}: folder {1} does not exist</source>
        <translation>{0}: folder {1} does not exist</translation>
    </message>
    <message>
        <source>{0}: the PNG could not be written</source>
        <translation>{0}: the PNG could not be written</translation>
    </message>
    <message>
        <source>{0}: the PDF could not be written</source>
        <translation>{0}: the PDF could not be written</translation>
    </message>
    <message>
        <source>{0}: folder does not exist</source>
        <translation>{0}: folder does not exist</translation>
    </message>
    <message>
        <source>the project has no scenes to export</source>
        <translation>the project has no scenes to export</translation>
    </message>
    <message>
        <source>the project has no themes to export</source>
        <translation>the project has no themes to export</translation>
    </message>
    <message>
        <source>the map cannot be drawn at {0:g}× (the web view zooms 0.25–5×)</source>
        <translation>the map cannot be drawn at {0:g}× (the web view zooms 0.25–5×)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/compare_dialog.py" line="16" />
        <source>Compare two themes</source>
        <translation>Compare two themes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/compare_dialog.py" line="31" />
        <source>Left of the divider</source>
        <translation>Left of the divider</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/compare_dialog.py" line="32" />
        <source>Right of the divider</source>
        <translation>Right of the divider</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/compare_dialog.py" line="49" />
        <source>Choose two different themes</source>
        <translation>Choose two different themes</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>Go to</translation>
    </message>
    <message>
        <source>Go to: lon, lat · x, y in the project's CRS · a name</source>
        <translation>Go to: lon, lat · x, y in the project's CRS · a name</translation>
    </message>
    <message>
        <source>Basemap</source>
        <translation>Basemap</translation>
    </message>
    <message>
        <source>Grey (for printing)</source>
        <translation>Grey (for printing)</translation>
    </message>
    <message>
        <source>Add &amp;basemap…</source>
        <translation>Add &amp;basemap…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="32" />
        <location filename="../../ecoviewer/app/join_dialog.py" line="83" />
        <source>Join a table</source>
        <translation>Join a table</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="44" />
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="59" />
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="60" />
        <source>Table file</source>
        <translation>Table file</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="61" />
        <source>Sheet</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="62" />
        <source>Layer key field</source>
        <translation>Layer key field</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="63" />
        <source>Table key column</source>
        <translation>Table key column</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="85" />
        <source>Tables (*.csv *.tsv *.txt *.xlsx *.ods)</source>
        <translation>Tables (*.csv *.tsv *.txt *.xlsx *.ods)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/join_dialog.py" line="165" />
        <source>{0} of {1} features find a row; {2} table keys have no feature; {3} repeated keys</source>
        <translation>{0} of {1} features find a row; {2} table keys have no feature; {3} repeated keys</translation>
    </message>
    <message>
        <source>Single symbol</source>
        <translation>Single symbol</translation>
    </message>
    <message>
        <source>Categorized</source>
        <translation>Categorized</translation>
    </message>
    <message>
        <source>Graduated</source>
        <translation>Graduated</translation>
    </message>
    <message>
        <source>Quantile (equal count)</source>
        <translation>Quantile (equal count)</translation>
    </message>
    <message>
        <source>Equal interval</source>
        <translation>Equal interval</translation>
    </message>
    <message>
        <source>Natural breaks (Jenks)</source>
        <translation>Natural breaks (Jenks)</translation>
    </message>
    <message>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metric</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>Within layer</source>
        <translation>Within layer</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <source>Of layer</source>
        <translation>Of layer</translation>
    </message>
    <message>
        <source>Of where</source>
        <translation>Of where</translation>
    </message>
    <message>
        <source>Population layer</source>
        <translation>Population layer</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>Zones</translation>
    </message>
    <message>
        <source>Zones where</source>
        <translation>Zones where</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>Band</translation>
    </message>
    <message>
        <source>Target value</source>
        <translation>Target value</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/window_layers.py" line="195" />
        <source>Layer styling</source>
        <translation>Layer styling</translation>
    </message>
    <message>
        <source>Target editor</source>
        <translation>Target editor</translation>
    </message>
    <message>
        <source>&amp;Layer</source>
        <translation>&amp;Layer</translation>
    </message>
    <message>
        <source>Layer st&amp;yling</source>
        <translation>Layer st&amp;yling</translation>
    </message>
    <message>
        <source>&amp;Target editor</source>
        <translation>&amp;Target editor</translation>
    </message>
    <message>
        <source>&amp;Join a table…</source>
        <translation>&amp;Join a table…</translation>
    </message>
    <message>
        <source>&amp;Import QGIS style…</source>
        <translation>&amp;Import QGIS style…</translation>
    </message>
    <message>
        <source>E&amp;xport QGIS style…</source>
        <translation>E&amp;xport QGIS style…</translation>
    </message>
    <message>
        <source>&amp;Raise layer</source>
        <translation>&amp;Raise layer</translation>
    </message>
    <message>
        <source>&amp;Lower layer</source>
        <translation>&amp;Lower layer</translation>
    </message>
    <message>
        <source>Project propert&amp;ies…</source>
        <translation>Project propert&amp;ies…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="39" />
        <source>Add PostGIS layer</source>
        <translation>Add PostGIS layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="50" />
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="61" />
        <source>Passwords come from ~/.pgpass, pg_service.conf or PGPASSWORD, never the project.</source>
        <translation>Passwords come from ~/.pgpass, pg_service.conf or PGPASSWORD, never the project.</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="65" />
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="66" />
        <source>Table or view</source>
        <translation>Table or view</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="67" />
        <source>or a query</source>
        <translation>or a query</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="81" />
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="109" />
        <source>{0} tables and views with a geometry column</source>
        <translation>{0} tables and views with a geometry column</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="117" />
        <source>Connect to list this database's tables</source>
        <translation>Connect to list this database's tables</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/database_dialog.py" line="121" />
        <source>Reading…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>Add Post&amp;GIS layer…</source>
        <translation>Add Post&amp;GIS layer…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/trend_chart.py" line="66" />
        <source>Select a target to see its trend.</source>
        <translation>Select a target to see its trend.</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/trend_chart.py" line="76" />
        <source>no series (add 'series' to the target)</source>
        <translation>no series (add 'series' to the target)</translation>
    </message>
<message><source>Trend</source><translation>Trend</translation></message></context>
</TS>