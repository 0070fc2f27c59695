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
        <location filename="../../ecoviewer/app/main_window.py" line="229" />
        <source>New scene</source>
        <translation>New scene</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="229" />
        <location filename="../../ecoviewer/app/main_window.py" line="1037" />
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="370" />
        <source>{0} features here</source>
        <translation>{0} features here</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="386" />
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="387" />
        <source>&amp;Open project…</source>
        <translation>&amp;Open project…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="388" />
        <source>Open &amp;recent</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="390" />
        <source>&amp;Save project</source>
        <translation>&amp;Save project</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="391" />
        <source>Save project &amp;as…</source>
        <translation>Save project &amp;as…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="392" />
        <source>&amp;Add layer…</source>
        <translation>&amp;Add layer…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="394" />
        <source>Export &amp;PNG…</source>
        <translation>Export &amp;PNG…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="395" />
        <source>Export offline &amp;HTML…</source>
        <translation>Export offline &amp;HTML…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="398" />
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="399" />
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="400" />
        <source>Zoom to &amp;all layers</source>
        <translation>Zoom to &amp;all layers</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="401" />
        <source>Zoom to &amp;layer</source>
        <translation>Zoom to &amp;layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="402" />
        <source>Layer &amp;properties…</source>
        <translation>Layer &amp;properties…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="403" />
        <source>&amp;Attribute table</source>
        <translation>&amp;Attribute table</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="404" />
        <source>Clear selection and measurement</source>
        <translation>Clear selection and measurement</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="405" />
        <source>Add &amp;note on the map</source>
        <translation>Add &amp;note on the map</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="415" />
        <source>&amp;Measure distance</source>
        <translation>&amp;Measure distance</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="418" />
        <source>Measure a&amp;rea</source>
        <translation>Measure a&amp;rea</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="422" />
        <source>&amp;Themes</source>
        <translation>&amp;Themes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="424" />
        <source>&amp;Bookmarks</source>
        <translation>&amp;Bookmarks</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="426" />
        <source>&amp;Presentation mode</source>
        <translation>&amp;Presentation mode</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="427" />
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="432" />
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="433" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="434" />
        <source>&amp;About EcoViewer</source>
        <translation>&amp;About EcoViewer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="474" />
        <source>Blocked a network request: {0}</source>
        <translation>Blocked a network request: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="490" />
        <source>Recover unsaved changes?</source>
        <translation>Recover unsaved changes?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="491" />
        <source>{0} has unsaved changes from {1} (EcoViewer did not close normally). Recover them?</source>
        <translation>{0} has unsaved changes from {1} (EcoViewer did not close normally). Recover them?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="503" />
        <source>Recovered unsaved changes of {0}</source>
        <translation>Recovered unsaved changes of {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="518" />
        <source>Could not write the recovery file: {0}</source>
        <translation>Could not write the recovery file: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="526" />
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="527" />
        <source>{0} has unsaved changes. Save them?</source>
        <translation>{0} has unsaved changes. Save them?</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="603" />
        <source>Reading {0} ({1}/{2})</source>
        <translation>Reading {0} ({1}/{2})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="606" />
        <source>Evaluating targets…</source>
        <translation>Evaluating targets…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="637" />
        <source>Loading cancelled: {0} of {1} layers shown</source>
        <translation>Loading cancelled: {0} of {1} layers shown</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="718" />
        <source>Click points on the map; Esc ends</source>
        <translation>Click points on the map; Esc ends</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="727" />
        <source>Area: {0} (perimeter {1})</source>
        <translation>Area: {0} (perimeter {1})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="732" />
        <source>Distance: {0}</source>
        <translation>Distance: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="753" />
        <source>Theme: {0}</source>
        <translation>Theme: {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="764" />
        <source>Save current state as theme…</source>
        <translation>Save current state as theme…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="766" />
        <source>Update theme from current state…</source>
        <translation>Update theme from current state…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="767" />
        <source>Rename theme…</source>
        <translation>Rename theme…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="768" />
        <source>Delete theme…</source>
        <translation>Delete theme…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="771" />
        <location filename="../../ecoviewer/app/main_window.py" line="775" />
        <location filename="../../ecoviewer/app/main_window.py" line="822" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="775" />
        <source>New theme</source>
        <translation>New theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="780" />
        <source>Update theme</source>
        <translation>Update theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="785" />
        <location filename="../../ecoviewer/app/main_window.py" line="788" />
        <source>Rename theme</source>
        <translation>Rename theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="788" />
        <source>New name</source>
        <translation>New name</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="796" />
        <source>Delete theme</source>
        <translation>Delete theme</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="807" />
        <source>Add bookmark for this view…</source>
        <translation>Add bookmark for this view…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="809" />
        <source>Delete bookmark…</source>
        <translation>Delete bookmark…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="822" />
        <source>New bookmark</source>
        <translation>New bookmark</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="827" />
        <source>Delete bookmark</source>
        <translation>Delete bookmark</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="840" />
        <source>Apply theme 1–9</source>
        <translation>Apply theme 1–9</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="841" />
        <source>Presentation: next scene</source>
        <translation>Presentation: next scene</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="842" />
        <source>Presentation: previous scene</source>
        <translation>Presentation: previous scene</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="843" />
        <source>Presentation: toggle layer 1–9 of the layer panel</source>
        <translation>Presentation: toggle layer 1–9 of the layer panel</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="844" />
        <source>Presentation: leave</source>
        <translation>Presentation: leave</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="845" />
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="845" />
        <source>Toggle the current layer (layer panel)</source>
        <translation>Toggle the current layer (layer panel)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="851" />
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="865" />
        <source>New note</source>
        <translation>New note</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="874" />
        <source>Edit note</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="889" />
        <source>{0}: could not save ({1}); the file on disk is unchanged</source>
        <translation>{0}: could not save ({1}); the file on disk is unchanged</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="893" />
        <location filename="../../ecoviewer/app/main_window.py" line="916" />
        <source>Saved {0}</source>
        <translation>Saved {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="902" />
        <source>Save project as</source>
        <translation>Save project as</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="904" />
        <location filename="../../ecoviewer/app/main_window.py" line="967" />
        <source>EcoViewer projects (*.toml)</source>
        <translation>EcoViewer projects (*.toml)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="912" />
        <source>{0}: could not save ({1})</source>
        <translation>{0}: could not save ({1})</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="966" />
        <source>Open project</source>
        <translation>Open project</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="972" />
        <source>Add layer</source>
        <translation>Add layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="980" />
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="980" />
        <source>Offline HTML (*.html)</source>
        <translation>Offline HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="981" />
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="998" />
        <source>Exported {0}</source>
        <translation>Exported {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1028" />
        <source>Zoom to layer</source>
        <translation>Zoom to layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1029" />
        <source>Properties…</source>
        <translation>Properties…</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1030" />
        <source>Attribute table</source>
        <translation>Attribute table</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1032" />
        <source>Remove layer</source>
        <translation>Remove layer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1038" />
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1040" />
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1040" />
        <source>not loaded</source>
        <translation>not loaded</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1044" />
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1045" />
        <source>CRS</source>
        <translation>CRS</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1045" />
        <source> (assumed)</source>
        <translation> (assumed)</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1046" />
        <source>Encoding</source>
        <translation>Encoding</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1047" />
        <source>Features</source>
        <translation>Features</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1048" />
        <source>Geometry</source>
        <translation>Geometry</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1049" />
        <source>Extent</source>
        <translation>Extent</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1050" />
        <source>Fields</source>
        <translation>Fields</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1051" />
        <source>Problems</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1051" />
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1075" />
        <source>Layer properties — {0}</source>
        <translation>Layer properties — {0}</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1095" />
        <source>About EcoViewer</source>
        <translation>About EcoViewer</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/main_window.py" line="1096" />
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
        <location filename="../../ecoviewer/app/targets_panel.py" line="95" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ecoviewer/app/targets_panel.py" line="96" />
        <source>sample / unverified</source>
        <translation>sample / unverified</translation>
    </message>
<message><source>Cancel</source><translation>Cancel</translation></message><message><source>Layers</source><translation>Layers</translation></message><message><source>Opacity</source><translation>Opacity</translation></message><message><source>Planning targets</source><translation>Planning targets</translation></message><message><source>Scenes</source><translation>Scenes</translation></message><message><source>Add current</source><translation>Add current</translation></message><message><source>Up</source><translation>Up</translation></message><message><source>Down</source><translation>Down</translation></message><message><source>Identify</source><translation>Identify</translation></message><message><source>Feature / field</source><translation>Feature / field</translation></message><message><source>Value</source><translation>Value</translation></message><message><source>Messages</source><translation>Messages</translation></message><message><source>Target</source><translation>Target</translation></message><message><source>Goal</source><translation>Goal</translation></message><message><source>Year</source><translation>Year</translation></message><message><source>Status</source><translation>Status</translation></message><message><source>Verified</source><translation>Verified</translation></message><message><source>Orange</source><translation>Orange</translation></message><message><source>Red</source><translation>Red</translation></message><message><source>Green</source><translation>Green</translation></message><message><source>Blue</source><translation>Blue</translation></message><message><source>Purple</source><translation>Purple</translation></message><message><source>Grey</source><translation>Grey</translation></message><message><source>Language: {0}</source><translation>Language: {0}</translation></message><message><source>met</source><translation>met</translation></message><message><source>missed</source><translation>missed</translation></message><message><source>no data</source><translation>no data</translation></message><message><source>error</source><translation>error</translation></message></context>
</TS>