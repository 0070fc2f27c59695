<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name />
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="104" />
        <source>Attribute table — {0}</source>
        <translation>Attribute table — {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="110" />
        <source>Filter: text in any field</source>
        <translation>Filter: text in any field</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="112" />
        <source>(any field)</source>
        <translation>(any field)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="116" />
        <source>equals value</source>
        <translation>equals value</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="131" />
        <source>Zoom to selection</source>
        <translation>Zoom to selection</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/attribute_table.py" line="142" />
        <source>{0} of {1} features</source>
        <translation>{0} of {1} features</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="230" />
        <source>New scene</source>
        <translation>New scene</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="230" />
        <location filename="../../ecoviewer/app/main_window.py" line="1067" />
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="371" />
        <source>{0} features here</source>
        <translation>{0} features here</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="387" />
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="388" />
        <source>&amp;Open project…</source>
        <translation>&amp;Open project…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="389" />
        <source>Open &amp;recent</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="391" />
        <source>&amp;Save project</source>
        <translation>&amp;Save project</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="392" />
        <source>Save project &amp;as…</source>
        <translation>Save project &amp;as…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="393" />
        <source>&amp;Add layer…</source>
        <translation>&amp;Add layer…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="395" />
        <source>Export &amp;PNG…</source>
        <translation>Export &amp;PNG…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="396" />
        <source>Export offline &amp;HTML…</source>
        <translation>Export offline &amp;HTML…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="399" />
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="400" />
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="401" />
        <source>Zoom to &amp;all layers</source>
        <translation>Zoom to &amp;all layers</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="402" />
        <source>Zoom to &amp;layer</source>
        <translation>Zoom to &amp;layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="403" />
        <source>Layer &amp;properties…</source>
        <translation>Layer &amp;properties…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="404" />
        <source>&amp;Attribute table</source>
        <translation>&amp;Attribute table</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="405" />
        <source>Clear selection and measurement</source>
        <translation>Clear selection and measurement</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="406" />
        <source>Add &amp;note on the map</source>
        <translation>Add &amp;note on the map</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="416" />
        <source>&amp;Measure distance</source>
        <translation>&amp;Measure distance</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="419" />
        <source>Measure a&amp;rea</source>
        <translation>Measure a&amp;rea</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="423" />
        <source>&amp;Themes</source>
        <translation>&amp;Themes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="425" />
        <source>&amp;Bookmarks</source>
        <translation>&amp;Bookmarks</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="427" />
        <source>&amp;Presentation mode</source>
        <translation>&amp;Presentation mode</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="428" />
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="433" />
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="434" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="435" />
        <source>&amp;About EcoViewer</source>
        <translation>&amp;About EcoViewer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="475" />
        <source>Blocked a network request: {0}</source>
        <translation>Blocked a network request: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="491" />
        <source>Recover unsaved changes?</source>
        <translation>Recover unsaved changes?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="492" />
        <source>{0} has unsaved changes from {1} (EcoViewer did not close normally). Recover them?</source>
        <translation>{0} has unsaved changes from {1} (EcoViewer did not close normally). Recover them?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="504" />
        <source>Recovered unsaved changes of {0}</source>
        <translation>Recovered unsaved changes of {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="519" />
        <source>Could not write the recovery file: {0}</source>
        <translation>Could not write the recovery file: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="527" />
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="528" />
        <source>{0} has unsaved changes. Save them?</source>
        <translation>{0} has unsaved changes. Save them?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="604" />
        <source>Reading {0} ({1}/{2})</source>
        <translation>Reading {0} ({1}/{2})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="607" />
        <source>Evaluating targets…</source>
        <translation>Evaluating targets…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="638" />
        <source>Loading cancelled: {0} of {1} layers shown</source>
        <translation>Loading cancelled: {0} of {1} layers shown</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="720" />
        <source>Click points on the map; Esc ends</source>
        <translation>Click points on the map; Esc ends</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="729" />
        <source>Area: {0} (perimeter {1})</source>
        <translation>Area: {0} (perimeter {1})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="734" />
        <source>Distance: {0}</source>
        <translation>Distance: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="755" />
        <source>Theme: {0}</source>
        <translation>Theme: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="766" />
        <source>Save current state as theme…</source>
        <translation>Save current state as theme…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="768" />
        <source>Compare two themes…</source>
        <translation>Compare two themes…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="770" />
        <source>End compare</source>
        <translation>End compare</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="772" />
        <source>Update theme from current state…</source>
        <translation>Update theme from current state…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="773" />
        <source>Rename theme…</source>
        <translation>Rename theme…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="774" />
        <source>Delete theme…</source>
        <translation>Delete theme…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="793" />
        <source>Compare: left side</source>
        <translation>Compare: left side</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="796" />
        <source>Compare: right side</source>
        <translation>Compare: right side</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="801" />
        <location filename="../../ecoviewer/app/main_window.py" line="805" />
        <location filename="../../ecoviewer/app/main_window.py" line="852" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="805" />
        <source>New theme</source>
        <translation>New theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="810" />
        <source>Update theme</source>
        <translation>Update theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="815" />
        <location filename="../../ecoviewer/app/main_window.py" line="818" />
        <source>Rename theme</source>
        <translation>Rename theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="818" />
        <source>New name</source>
        <translation>New name</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="826" />
        <source>Delete theme</source>
        <translation>Delete theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="837" />
        <source>Add bookmark for this view…</source>
        <translation>Add bookmark for this view…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="839" />
        <source>Delete bookmark…</source>
        <translation>Delete bookmark…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="852" />
        <source>New bookmark</source>
        <translation>New bookmark</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="857" />
        <source>Delete bookmark</source>
        <translation>Delete bookmark</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="870" />
        <source>Apply theme 1–9</source>
        <translation>Apply theme 1–9</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="871" />
        <source>Presentation: next scene</source>
        <translation>Presentation: next scene</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="872" />
        <source>Presentation: previous scene</source>
        <translation>Presentation: previous scene</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="873" />
        <source>Presentation: toggle layer 1–9 of the layer panel</source>
        <translation>Presentation: toggle layer 1–9 of the layer panel</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="874" />
        <source>Presentation: leave</source>
        <translation>Presentation: leave</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="875" />
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="875" />
        <source>Toggle the current layer (layer panel)</source>
        <translation>Toggle the current layer (layer panel)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="881" />
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="895" />
        <source>New note</source>
        <translation>New note</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="904" />
        <source>Edit note</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="919" />
        <source>{0}: could not save ({1}); the file on disk is unchanged</source>
        <translation>{0}: could not save ({1}); the file on disk is unchanged</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="923" />
        <location filename="../../ecoviewer/app/main_window.py" line="946" />
        <source>Saved {0}</source>
        <translation>Saved {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="932" />
        <source>Save project as</source>
        <translation>Save project as</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="934" />
        <location filename="../../ecoviewer/app/main_window.py" line="997" />
        <source>EcoViewer projects (*.toml)</source>
        <translation>EcoViewer projects (*.toml)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="942" />
        <source>{0}: could not save ({1})</source>
        <translation>{0}: could not save ({1})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="996" />
        <source>Open project</source>
        <translation>Open project</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1002" />
        <source>Add layer</source>
        <translation>Add layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1010" />
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1010" />
        <source>Offline HTML (*.html)</source>
        <translation>Offline HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1011" />
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1028" />
        <source>Exported {0}</source>
        <translation>Exported {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1058" />
        <source>Zoom to layer</source>
        <translation>Zoom to layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1059" />
        <source>Properties…</source>
        <translation>Properties…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1060" />
        <source>Attribute table</source>
        <translation>Attribute table</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1062" />
        <source>Remove layer</source>
        <translation>Remove layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1068" />
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1070" />
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1070" />
        <source>not loaded</source>
        <translation>not loaded</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1074" />
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1075" />
        <source>CRS</source>
        <translation>CRS</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1075" />
        <source> (assumed)</source>
        <translation> (assumed)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1076" />
        <source>Encoding</source>
        <translation>Encoding</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1077" />
        <source>Features</source>
        <translation>Features</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1078" />
        <source>Geometry</source>
        <translation>Geometry</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1079" />
        <source>Extent</source>
        <translation>Extent</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1080" />
        <source>Fields</source>
        <translation>Fields</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1081" />
        <source>Problems</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1081" />
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1105" />
        <source>Layer properties — {0}</source>
        <translation>Layer properties — {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1125" />
        <source>About EcoViewer</source>
        <translation>About EcoViewer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1126" />
        <source>EcoViewer — offline planning viewer for the Sino-Singapore Tianjin Eco-City.
Works with no network: every map asset is local.</source>
        <translation>EcoViewer — offline planning viewer for the Sino-Singapore Tianjin Eco-City.
Works with no network: every map asset is local.</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/notes.py" line="26" />
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/notes.py" line="35" />
        <source>Colour</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/notes.py" line="39" />
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/targets_panel.py" line="102" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/targets_panel.py" line="103" />
        <source>sample / unverified</source>
        <translation>sample / unverified</translation>
    </message>
    <message>
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
</context>
</TS>