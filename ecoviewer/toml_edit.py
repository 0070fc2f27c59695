"""Saving a project into the file a person wrote, without wrecking it.

A project file is hand-written: comments (the sample's "SCHEMATIC DATA … Not survey data"
warning), the order of keys, one-line inline styles, blank lines between sections. Writing
the project anew from its values (``tomli_w``) lost all of that and wrote every default out
(the sample grew from 285 to 961 lines). Here the new values are merged into the file's own
parsed document with **tomlkit** (the well-kept style-preserving TOML library): what did not
change keeps its text byte for byte, changed values are replaced where they stand, removed
keys go, new keys and entries are appended in the file's style (inline tables inside an
entry). Keys the new values leave out because they hold a default stay as the author wrote
them. Qt-free.
"""

from __future__ import annotations

from typing import Any

import tomlkit
from tomlkit.items import AoT, InlineTable, Table

#: the key that identifies an entry of each array of tables, so that an entry moved,
#: inserted or removed keeps the comments and layout of the others
IDENTITY = {
    "layers": "id",
    "basemaps": "id",
    "targets": "id",
    "annotations": "id",
    "themes": "name",
    "bookmarks": "name",
    "scenes": "title",
}

#: values a section's entries have when the key is absent: a key the author wrote with
#: its default value is kept (the new values leave defaults out)
DEFAULTS: dict[str, dict[str, Any]] = {
    "layers": {"group": "Context", "visible": True, "opacity": 1.0, "allow_indirect": False},
    "targets": {"visible": True},
    "basemaps": {"visible": True, "opacity": 1.0, "grey": False},
}


def plain(node: Any) -> Any:
    """A tomlkit node as plain Python values."""
    return node.unwrap() if hasattr(node, "unwrap") else node


def merge_into(text: str, values: dict) -> str:
    """``text`` (a TOML document) changed to hold exactly ``values``, keeping the text of
    everything that did not change. Raises ``tomlkit`` errors for text that is not TOML."""
    doc = tomlkit.parse(text)
    _merge_table(doc, values, section=None, depth=0)
    return tomlkit.dumps(doc)


def fresh_document(values: dict) -> str:
    """A new file for ``values``, written the way the sample is: one ``[[layers]]`` entry
    after another, their styles and titles as one-line inline tables."""
    doc = tomlkit.document()
    _merge_table(doc, values, section=None, depth=0)
    return tomlkit.dumps(doc)


def _merge_table(old, new: dict, section: str | None, depth: int) -> None:
    defaults = DEFAULTS.get(section or "", {}) if depth == 1 else {}
    for key in list(old.keys()):
        if key not in new and not (key in defaults and plain(old[key]) == defaults[key]):
            del old[key]
    for key, value in new.items():
        if key not in old:
            old[key] = _new_item(value, key, depth, inline=isinstance(old, InlineTable))
            continue
        current = old[key]
        if plain(current) == value and in_order(plain(current), value):
            continue  # unchanged: its text, comments and layout stay as they are
        mergeable = isinstance(value, dict) and isinstance(current, (Table, InlineTable))
        if mergeable and not _reordered(current, value):
            _merge_table(current, value, section if depth else key, depth + 1)
        elif isinstance(current, AoT) and isinstance(value, list) and all(isinstance(v, dict) for v in value):
            old[key] = _merge_entries(current, value, key)
        else:
            old[key] = _new_item(
                value, key, depth, inline=isinstance(current, InlineTable) or isinstance(old, InlineTable)
            )


def in_order(a: Any, b: Any) -> bool:
    """Whether two equal values have their tables' keys in the same order (``==`` on dicts
    ignores order; a legend's classes are in the order their keys are)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(in_order(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return all(in_order(x, y) for x, y in zip(a, b))
    if hasattr(a, "__dataclass_fields__") and type(a) is type(b):
        return all(in_order(getattr(a, k), getattr(b, k)) for k in a.__dataclass_fields__)
    return True


def _reordered(old, new: dict) -> bool:
    """Whether the keys both have come in another order (a legend's classes reordered):
    merging would keep the file's order, so the table is written anew."""
    kept = [k for k in old.keys() if k in new]
    return kept != [k for k in new if k in kept]


def _merge_entries(old: AoT, new: list[dict], section: str) -> AoT:
    """An array of tables in the new order: entries found again (by their identity key,
    else by position) are merged into their old tables, keeping those tables' text."""
    ident = IDENTITY.get(section)
    tables = list(old.body)
    by_id = {}
    if ident:
        for table in tables:
            key = plain(table.get(ident)) if ident in table else None
            if isinstance(key, str) and key not in by_id:
                by_id[key] = table
    chosen = []
    for index, values in enumerate(new):
        key = values.get(ident) if ident else None
        table = by_id.pop(key, None) if isinstance(key, str) else None
        if table is None and not ident and index < len(tables):
            table = tables[index]
        if table is None:
            table = tomlkit.table()
        _merge_table(table, values, section, 1)
        chosen.append(table)
    if len(chosen) == len(tables) and all(a is b for a, b in zip(chosen, tables)):
        return old  # the same entries in the same order: merged where they stand
    result = tomlkit.aot()
    for table in chosen:
        result.append(table)
    return result


def _new_item(value: Any, key: str, depth: int, inline: bool):
    """A new value in the file's style: dicts inside an entry (a layer's style, a title in
    two languages) as inline tables, top-level sections as tables."""
    if isinstance(value, dict):
        if inline or depth >= 1:
            table = tomlkit.inline_table()
            for k, v in value.items():
                table[k] = _new_item(v, k, depth + 1, inline=True)
            return table
        table = tomlkit.table()
        _merge_table(table, value, key, depth + 1)
        return table
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value) and not inline:
        entries = tomlkit.aot()
        for v in value:
            table = tomlkit.table()
            _merge_table(table, v, key, 1)
            entries.append(table)
        return entries
    if isinstance(value, list):
        array = tomlkit.array()
        for v in value:
            array.append(_new_item(v, key, depth + 1, inline=True))
        return array
    return tomlkit.item(value)
