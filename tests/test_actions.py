"""The action table (app/actions.py) is the one place keys are given: no key twice in a mode,
every key-bearing action of the window comes from it, and Help lists every row."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from ecoviewer.app.actions import ACTIONS, PANEL_KEYS, PRESENTATION_KEYS, expanded_keys


def sequences(spec) -> list[str]:
    out = []
    for keys in expanded_keys(spec):
        if keys.startswith("std:"):  # a standard key can be several sequences
            out += [
                k.toString() for k in QKeySequence.keyBindings(getattr(QKeySequence.StandardKey, keys[4:]))
            ]
        else:
            out.append(QKeySequence(keys).toString())
    return out


def test_no_key_is_used_twice_in_a_mode(qapp):
    window_keys = [k for spec in ACTIONS for k in sequences(spec)]
    assert len(window_keys) == len(set(window_keys)), sorted(
        k for k in set(window_keys) if window_keys.count(k) > 1
    )
    presenting = [QKeySequence(n).toString() for names, _, _ in PRESENTATION_KEYS for n in names]
    assert len(presenting) == len(set(presenting))
    ids = [spec.id for spec in ACTIONS]
    assert len(ids) == len(set(ids))


def test_every_key_of_the_window_comes_from_the_table(window):
    table = {k for spec in ACTIONS for k in sequences(spec)}
    live = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert live
    for action in live:
        for key in action.shortcuts():
            assert key.toString() in table, (action.text(), key.toString())
    # each key belongs to exactly one live action
    keys = [k.toString() for a in live for k in a.shortcuts()]
    assert len(keys) == len(set(keys)), sorted(k for k in set(keys) if keys.count(k) > 1)


def test_help_lists_every_row(window):
    listed = dict((text, keys) for keys, text in window.shortcuts())
    from ecoviewer.app.i18n import tr
    from ecoviewer.app.main_window import plain_text

    for spec in ACTIONS:
        if spec.keys:
            assert plain_text(tr(spec.text)) in listed, spec.id
    for _names, shown, text in PRESENTATION_KEYS:
        assert listed[tr(text)] == shown
    for _shown, text in PANEL_KEYS:
        assert tr(text) in listed
    assert listed["应用专题 1–9"] == "Ctrl+Alt+1…9"
    # the two divider keys on one row (their names as this system's language says them)
    left, right = listed[tr("Compare: move the divider")].split(" / ")
    assert left.startswith("Ctrl+Alt+") and right.startswith("Ctrl+Alt+") and left != right
