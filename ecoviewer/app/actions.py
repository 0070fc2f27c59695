"""Every action of the window, in one table: its text, its keys, its menu and what it calls.

The menus, the window's own shortcuts (themes, the compare divider), the presentation keys
and Help → Keyboard shortcuts are all made from this table, and a test checks that no key is
used twice in a mode (two actions with one key make Qt fire neither). A new shortcut is one
row (and its translation).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActionSpec:
    id: str
    #: English text, the source of the translation ("&" marks the mnemonic)
    text: str
    #: a key sequence ("Ctrl+E"), a standard key ("std:Open"), "…" rows expand (see ``repeat``)
    keys: str | None
    #: the menu it is in: file, edit, view, help; None: a window shortcut with no menu entry
    menu: str | None
    #: the MainWindow method it calls (with ``args``; a checkable one gets its state last)
    handler: str
    args: tuple = ()
    checkable: bool = False
    #: the MainWindow attribute that keeps the action (when the window needs it again)
    attr: str | None = None
    separator_before: bool = False
    #: n > 0: n actions, keys "Ctrl+Alt+1" … "Ctrl+Alt+n", each with its index as argument
    repeat: int = 0


#: entries of a menu that are not single actions: filled by the window where they stand
SUBMENU = "submenu"

ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec("new_project", "Ne&w project", "Ctrl+Shift+N", "file", "new_project"),
    ActionSpec("open", "&Open project…", "std:Open", "file", "open_dialog"),
    ActionSpec("recent", "Open &recent", None, "file", SUBMENU),
    ActionSpec("save", "&Save project", "std:Save", "file", "save"),
    ActionSpec("save_as", "Save project &as…", "std:SaveAs", "file", "save_as"),
    ActionSpec("add_layer", "&Add layer…", "Ctrl+Shift+A", "file", "add_layer_dialog"),
    ActionSpec("add_basemap", "Add &basemap…", None, "file", "add_basemap_dialog"),
    ActionSpec("add_database", "Add Post&GIS layer…", None, "file", "add_database_dialog"),
    ActionSpec("project_properties", "Project propert&ies…", None, "file", "project_properties"),
    ActionSpec("export", "&Export…", "Ctrl+E", "file", "export_dialog", separator_before=True),
    ActionSpec("export_all", "Export all s&cenes…", "Ctrl+Shift+E", "file", "export_dialog", (True,)),
    ActionSpec("close_project", "&Close project", "Ctrl+W", "file", "new_project", separator_before=True),
    ActionSpec("quit", "&Quit", "std:Quit", "file", "close"),
    # Edit
    ActionSpec("undo", "&Undo", "std:Undo", "edit", SUBMENU),
    ActionSpec("redo", "&Redo", "std:Redo", "edit", SUBMENU),
    ActionSpec("go_to", "&Go to…", "Ctrl+F", "edit", "_focus_goto", separator_before=True),
    ActionSpec("copy_position", "Copy cursor &position", "Ctrl+Shift+C", "edit", "copy_cursor_position"),
    # View
    ActionSpec("zoom_all", "Zoom to &all layers", "Ctrl+0", "view", "fit_all"),
    ActionSpec("zoom_layer", "Zoom to &layer", "Ctrl+L", "view", "zoom_to_layer"),
    ActionSpec("properties", "Layer &properties…", "Ctrl+I", "view", "show_properties"),
    ActionSpec("attributes", "&Attribute table", "F6", "view", "open_attribute_table"),
    ActionSpec("clear", "Clear selection and measurement", "Esc", "view", "clear_target"),
    ActionSpec(
        "note",
        "Add &note on the map",
        "Ctrl+N",
        "view",
        "use_map_tool",
        ("note",),
        checkable=True,
        attr="note_action",
    ),
    ActionSpec("docks", "Panels", None, "view", SUBMENU, separator_before=True),
    ActionSpec(
        "measure_distance",
        "&Measure distance",
        "Ctrl+M",
        "view",
        "use_map_tool",
        ("measure_distance",),
        checkable=True,
        attr="measure_distance",
    ),
    ActionSpec(
        "measure_area",
        "Measure a&rea",
        "Ctrl+Shift+M",
        "view",
        "use_map_tool",
        ("measure_area",),
        checkable=True,
        attr="measure_area",
    ),
    ActionSpec("present", "&Presentation mode", "F5", "view", "enter_presentation"),
    ActionSpec("language", "Language", None, "view", SUBMENU),
    # Help
    ActionSpec("shortcuts", "&Keyboard shortcuts", "F1", "help", "show_shortcuts"),
    ActionSpec("about", "&About EcoViewer", None, "help", "_about"),
    # the window's own keys (no menu entry)
    ActionSpec("themes", "Apply theme 1–9", "Ctrl+Alt+1…9", None, "apply_theme_index", repeat=9),
    ActionSpec("divider_left", "Compare: move the divider", "Ctrl+Alt+Left", None, "move_divider", (-0.1,)),
    ActionSpec("divider_right", "Compare: move the divider", "Ctrl+Alt+Right", None, "move_divider", (0.1,)),
    # Layer: making the map (issue 15)
    ActionSpec("styling", "Layer st&yling", "F7", "layer", "show_styling"),
    ActionSpec("target_editor", "&Target editor", "Ctrl+T", "layer", "show_target_editor"),
    ActionSpec("join", "&Join a table…", "Ctrl+J", "layer", "join_dialog"),
    ActionSpec(
        "import_qml", "&Import QGIS style…", None, "layer", "import_style_dialog", separator_before=True
    ),
    ActionSpec("export_qml", "E&xport QGIS style…", None, "layer", "export_style_dialog"),
    ActionSpec(
        "raise_layer", "&Raise layer", "Ctrl+Up", "layer", "move_current_layer", (1,), separator_before=True
    ),
    ActionSpec("lower_layer", "&Lower layer", "Ctrl+Down", "layer", "move_current_layer", (-1,)),
)

#: menus in the menu bar, in order (Themes and Bookmarks are filled when they open)
MENUS: tuple[tuple[str, str], ...] = (
    ("file", "&File"),
    ("edit", "&Edit"),
    ("view", "&View"),
    ("layer", "&Layer"),
    ("themes", "&Themes"),
    ("bookmarks", "&Bookmarks"),
    ("help", "&Help"),
)

#: the keys of presentation mode (the window reads them itself while presenting: the web
#: page would take digits and arrows); (keys as Qt names, keys as shown, what they do)
PRESENTATION_KEYS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("PgDown", "Right", "Space", "Down"), "PgDown / → / Space", "Presentation: next scene"),
    (("PgUp", "Left", "Up"), "PgUp / ←", "Presentation: previous scene"),
    (tuple("123456789"), "1…9", "Presentation: toggle layer 1–9 of the layer panel"),
    (("Esc",), "Esc", "Presentation: leave"),
)

#: keys that belong to one panel, listed in Help
PANEL_KEYS: tuple[tuple[str, str], ...] = (("Space", "Toggle the current layer (layer panel)"),)


def expanded_keys(spec: ActionSpec) -> list[str]:
    """The key sequences a row makes ("Ctrl+Alt+1…9" is nine)."""
    if not spec.keys:
        return []
    if spec.repeat:
        stem = spec.keys.split("1…")[0]
        return [f"{stem}{i + 1}" for i in range(spec.repeat)]
    return [spec.keys]
