<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name />
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="114" />
        <source>Attribute table — {0}</source>
        <translation>Attribute table — {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="120" />
        <source>Filter: text in any field</source>
        <translation>Filter: text in any field</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="122" />
        <source>(any field)</source>
        <translation>(any field)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="126" />
        <source>equals value</source>
        <translation>equals value</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="145" />
        <source>Zoom to selection</source>
        <translation>Zoom to selection</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="159" />
        <source>{0} of {1} features</source>
        <translation>{0} of {1} features</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="308" />
        <source>New scene</source>
        <extracomment>bumped when the docks change, so an old saved layout is not applied to new docks (target id, left value, left status, right value, right status) where sides differ</extracomment>
        <translation>New scene</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="308" />
        <location filename="../../ecoviewer/app/main_window.py" line="1355" />
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="473" />
        <source>{0} features here</source>
        <translation>{0} features here</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="486" />
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="487" />
        <source>Ne&amp;w project</source>
        <translation>Ne&amp;w project</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="488" />
        <source>&amp;Open project…</source>
        <translation>&amp;Open project…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="489" />
        <source>Open &amp;recent</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="491" />
        <source>&amp;Save project</source>
        <translation>&amp;Save project</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="492" />
        <source>Save project &amp;as…</source>
        <translation>Save project &amp;as…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="493" />
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
        <location filename="../../ecoviewer/app/main_window.py" line="495" />
        <source>&amp;Export…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="499" />
        <source>&amp;Close project</source>
        <translation>&amp;Close project</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="501" />
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="502" />
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="504" />
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="506" />
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="511" />
        <source>&amp;Go to…</source>
        <translation>&amp;Go to…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="512" />
        <source>Copy cursor &amp;position</source>
        <translation>Copy cursor &amp;position</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="513" />
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="514" />
        <source>Zoom to &amp;all layers</source>
        <translation>Zoom to &amp;all layers</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="515" />
        <source>Zoom to &amp;layer</source>
        <translation>Zoom to &amp;layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="516" />
        <source>Layer &amp;properties…</source>
        <translation>Layer &amp;properties…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="517" />
        <source>&amp;Attribute table</source>
        <translation>&amp;Attribute table</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="518" />
        <source>Clear selection and measurement</source>
        <translation>Clear selection and measurement</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="519" />
        <source>Add &amp;note on the map</source>
        <translation>Add &amp;note on the map</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="529" />
        <source>&amp;Measure distance</source>
        <translation>&amp;Measure distance</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="532" />
        <source>Measure a&amp;rea</source>
        <translation>Measure a&amp;rea</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="536" />
        <source>&amp;Themes</source>
        <translation>&amp;Themes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="538" />
        <source>&amp;Bookmarks</source>
        <translation>&amp;Bookmarks</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="540" />
        <source>&amp;Presentation mode</source>
        <translation>&amp;Presentation mode</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="541" />
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="546" />
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="547" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="548" />
        <source>&amp;About EcoViewer</source>
        <translation>&amp;About EcoViewer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="594" />
        <source>Blocked a network request: {0}</source>
        <translation>Blocked a network request: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="616" />
        <source>Recover unsaved changes?</source>
        <translation>Recover unsaved changes?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="617" />
        <source>{0} has unsaved changes from {1} (EcoViewer did not close normally). Recover them?</source>
        <translation>{0} has unsaved changes from {1} (EcoViewer did not close normally). Recover them?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="631" />
        <source>Recovered unsaved changes of {0}</source>
        <translation>Recovered unsaved changes of {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="633" />
        <source>{0}: written in project format {1}; saving it writes format {2}</source>
        <translation>{0}: written in project format {1}; saving it writes format {2}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="642" />
        <source>Untitled project</source>
        <translation>Untitled project</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="672" />
        <source>Could not write the recovery file: {0}</source>
        <translation>Could not write the recovery file: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="680" />
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="681" />
        <source>{0} has unsaved changes. Save them?</source>
        <translation>{0} has unsaved changes. Save them?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="763" />
        <source>Reading {0} ({1}/{2})</source>
        <translation>Reading {0} ({1}/{2})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="766" />
        <source>Evaluating targets…</source>
        <translation>Evaluating targets…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="798" />
        <source>Loading cancelled: {0} of {1} layers shown</source>
        <translation>Loading cancelled: {0} of {1} layers shown</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="901" />
        <source>Click points on the map; Esc ends</source>
        <translation>Click points on the map; Esc ends</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="908" />
        <source>Area: {0} (perimeter {1})</source>
        <translation>Area: {0} (perimeter {1})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="913" />
        <source>Distance: {0}</source>
        <translation>Distance: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="950" />
        <source>Theme: {0}</source>
        <translation>Theme: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="964" />
        <source>Save current state as theme…</source>
        <translation>Save current state as theme…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="966" />
        <source>Compare two themes…</source>
        <translation>Compare two themes…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="968" />
        <source>End compare</source>
        <translation>End compare</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="970" />
        <source>Update theme from current state…</source>
        <translation>Update theme from current state…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="971" />
        <source>Rename theme…</source>
        <translation>Rename theme…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="972" />
        <source>Delete theme…</source>
        <translation>Delete theme…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1454" />
        <source>Type a scale like 1:5000</source>
        <translation>Type a scale like 1:5000</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1521" />
        <source>Nothing called {0} in this project</source>
        <translation>Nothing called {0} in this project</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1528" />
        <source>Went to {0}</source>
        <translation>Went to {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1542" />
        <source>Copied {0}</source>
        <translation>Copied {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1592" />
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
        <location filename="../../ecoviewer/app/main_window.py" line="1039" />
        <location filename="../../ecoviewer/app/main_window.py" line="1043" />
        <location filename="../../ecoviewer/app/main_window.py" line="1089" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1043" />
        <source>New theme</source>
        <translation>New theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1048" />
        <source>Update theme</source>
        <translation>Update theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1053" />
        <location filename="../../ecoviewer/app/main_window.py" line="1056" />
        <source>Rename theme</source>
        <translation>Rename theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1056" />
        <source>New name</source>
        <translation>New name</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1064" />
        <source>Delete theme</source>
        <translation>Delete theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1075" />
        <source>Add bookmark for this view…</source>
        <translation>Add bookmark for this view…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1077" />
        <source>Delete bookmark…</source>
        <translation>Delete bookmark…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1089" />
        <source>New bookmark</source>
        <translation>New bookmark</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1094" />
        <source>Delete bookmark</source>
        <translation>Delete bookmark</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1107" />
        <source>Apply theme 1–9</source>
        <translation>Apply theme 1–9</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1108" />
        <source>Presentation: next scene</source>
        <translation>Presentation: next scene</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1109" />
        <source>Presentation: previous scene</source>
        <translation>Presentation: previous scene</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1110" />
        <source>Presentation: toggle layer 1–9 of the layer panel</source>
        <translation>Presentation: toggle layer 1–9 of the layer panel</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1111" />
        <source>Presentation: leave</source>
        <translation>Presentation: leave</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1112" />
        <source>Compare: move the divider</source>
        <translation>Compare: move the divider</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1113" />
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1113" />
        <source>Toggle the current layer (layer panel)</source>
        <translation>Toggle the current layer (layer panel)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1119" />
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1136" />
        <source>New note</source>
        <translation>New note</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1154" />
        <source>Identify here</source>
        <translation>Identify here</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1157" />
        <source>Copy coordinates (lon, lat)</source>
        <translation>Copy coordinates (lon, lat)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1160" />
        <source>Copy coordinates ({0})</source>
        <translation>Copy coordinates ({0})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1163" />
        <source>Add a note here…</source>
        <translation>Add a note here…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1164" />
        <source>Centre the map here</source>
        <translation>Centre the map here</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1175" />
        <source>Edit note</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1216" />
        <source>{0}: could not save ({1}); the file on disk is unchanged</source>
        <translation>{0}: could not save ({1}); the file on disk is unchanged</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1220" />
        <location filename="../../ecoviewer/app/main_window.py" line="1244" />
        <source>Saved {0}</source>
        <translation>Saved {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1229" />
        <source>Save project as</source>
        <translation>Save project as</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1231" />
        <location filename="../../ecoviewer/app/main_window.py" line="1293" />
        <source>EcoViewer projects (*.toml)</source>
        <translation>EcoViewer projects (*.toml)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1240" />
        <source>{0}: could not save ({1})</source>
        <translation>{0}: could not save ({1})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1292" />
        <source>Open project</source>
        <translation>Open project</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1298" />
        <source>Add layer</source>
        <translation>Add layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="743" />
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="743" />
        <source>PDF document (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="744" />
        <source>Offline HTML (*.html)</source>
        <translation>Offline HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="165" />
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="193" />
        <source>PNG image</source>
        <translation>PNG image</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="193" />
        <source>PDF document</source>
        <translation>PDF document</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="194" />
        <source>Offline HTML (interactive map)</source>
        <translation>Offline HTML (interactive map)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="196" />
        <source>&amp;Format</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="199" />
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="202" />
        <source>Current &amp;view</source>
        <translation>Current &amp;view</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="203" />
        <source>&amp;Theme</source>
        <translation>&amp;Theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="204" />
        <source>&amp;Scene</source>
        <translation>&amp;Scene</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="227" />
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="230" />
        <source>Pi&amp;xels</source>
        <translation>Pi&amp;xels</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="231" />
        <source>P&amp;aper</source>
        <translation>P&amp;aper</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="237" />
        <source>Width</source>
        <translation>Width</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="238" />
        <source>Height</source>
        <translation>Height</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="249" />
        <source>Paper size</source>
        <translation>Paper size</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="251" />
        <source>Landscape</source>
        <translation>Landscape</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="252" />
        <source>Portrait</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="253" />
        <source>Orientation</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="260" />
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="261" />
        <source>&amp;Resolution</source>
        <translation>&amp;Resolution</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="268" />
        <source>&amp;Map only (no title, legend or targets)</source>
        <translation>&amp;Map only (no title, legend or targets)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="277" />
        <source>T&amp;itle</source>
        <translation>T&amp;itle</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="281" />
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="286" />
        <source>&amp;Output file</source>
        <translation>&amp;Output file</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="296" />
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="324" />
        <source>&amp;Export</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="326" />
        <location filename="../../ecoviewer/app/main_window.py" line="496" />
        <source>Export all s&amp;cenes…</source>
        <translation>Export all s&amp;cenes…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="334" />
        <source>One file per scene, with the format and page above</source>
        <translation>One file per scene, with the format and page above</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="502" />
        <source>Offline HTML: the interactive map in one file, as the window shows it; the page options do not apply.</source>
        <translation>Offline HTML: the interactive map in one file, as the window shows it; the page options do not apply.</translation>
    </message>
    <message>
        <source>The preview's map is the current view; the export draws the chosen theme or scene at full resolution.</source>
        <translation>The preview's map is the current view; the export draws the chosen theme or scene at full resolution.</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="506" />
        <source>The export redraws the map at full resolution.</source>
        <translation>The export redraws the map at full resolution.</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="510" />
        <source>No preview</source>
        <translation>No preview</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="680" />
        <source>Exported {0} ({1}×{2} px, {3:.1f} s)</source>
        <translation>Exported {0} ({1}×{2} px, {3:.1f} s)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="683" />
        <source>Exported {0} ({1:.1f} s)</source>
        <translation>Exported {0} ({1:.1f} s)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="693" />
        <location filename="../../ecoviewer/app/export_dialog.py" line="694" />
        <source>Exporting scenes…</source>
        <translation>Exporting scenes…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="697" />
        <source>Export all scenes</source>
        <translation>Export all scenes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="709" />
        <source>Exporting {0} ({1} of {2})</source>
        <translation>Exporting {0} ({1} of {2})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="721" />
        <source>Export cancelled: {0} of {1} scenes written to {2}</source>
        <translation>Export cancelled: {0} of {1} scenes written to {2}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="735" />
        <source>Exported {0}</source>
        <translation>Exported {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="736" />
        <source>Exported {0} scenes to {1} ({2:.1f} s)</source>
        <translation>Exported {0} scenes to {1} ({2:.1f} s)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="745" />
        <source>Export to</source>
        <translation>Export to</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="757" />
        <source>Choose the file to export to</source>
        <translation>Choose the file to export to</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="763" />
        <source>Replace file?</source>
        <translation>Replace file?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="763" />
        <source>{0} already exists. Replace it?</source>
        <translation>{0} already exists. Replace it?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="773" />
        <source>The project has no scenes</source>
        <translation>The project has no scenes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="776" />
        <source>Export all scenes to folder</source>
        <translation>Export all scenes to folder</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="784" />
        <source>Replace files?</source>
        <translation>Replace files?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="785" />
        <source>{0} of the {1} files already exist in {2} ({3}). Replace them?</source>
        <translation>{0} of the {1} files already exist in {2} ({3}). Replace them?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1346" />
        <source>Zoom to layer</source>
        <translation>Zoom to layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1347" />
        <source>Properties…</source>
        <translation>Properties…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1348" />
        <source>Attribute table</source>
        <translation>Attribute table</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1350" />
        <source>Remove layer</source>
        <translation>Remove layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1356" />
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1358" />
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1359" />
        <source>not loaded</source>
        <translation>not loaded</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1363" />
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1364" />
        <source>CRS</source>
        <translation>CRS</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1364" />
        <source> (assumed)</source>
        <translation> (assumed)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1365" />
        <source>Encoding</source>
        <translation>Encoding</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1366" />
        <source>Features</source>
        <translation>Features</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1367" />
        <source>Geometry</source>
        <translation>Geometry</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1368" />
        <source>Extent</source>
        <translation>Extent</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1369" />
        <source>Fields</source>
        <translation>Fields</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1370" />
        <source>Problems</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1371" />
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1410" />
        <source>Layer properties — {0}</source>
        <translation>Layer properties — {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1430" />
        <source>About EcoViewer</source>
        <translation>About EcoViewer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1431" />
        <source>EcoViewer — offline planning viewer for the Sino-Singapore Tianjin Eco-City.
Works with no network: every map asset is local.</source>
        <translation>EcoViewer — offline planning viewer for the Sino-Singapore Tianjin Eco-City.
Works with no network: every map asset is local.</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/notes.py" line="23" />
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/notes.py" line="32" />
        <source>Colour</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/notes.py" line="36" />
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/targets_panel.py" line="100" />
        <location filename="../../ecoviewer/app/targets_panel.py" line="108" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/targets_panel.py" line="101" />
        <location filename="../../ecoviewer/app/targets_panel.py" line="108" />
        <source>sample / unverified</source>
        <translation>sample / unverified</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/export_dialog.py" line="693" />
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
        <source>Up</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Down</translation>
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
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
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
        <location filename="../../ecoviewer/app/compare_dialog.py" line="15" />
        <source>Compare two themes</source>
        <translation>Compare two themes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/compare_dialog.py" line="29" />
        <source>Left of the divider</source>
        <translation>Left of the divider</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/compare_dialog.py" line="30" />
        <source>Right of the divider</source>
        <translation>Right of the divider</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/compare_dialog.py" line="46" />
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
</context>
</TS>