"""Start the desktop viewer."""

from __future__ import annotations

import sys

from .qtenv import application


def run_viewer(path: str) -> int:
    app = application(sys.argv[:1])
    from PySide6.QtCore import QEvent

    from .main_window import MainWindow

    window = MainWindow()
    window.show()
    if not window.open_project(path):
        print(window.messages.item(window.messages.count() - 1).text(), file=sys.stderr)
    code = app.exec()
    window.deleteLater()  # pages go before the web profile
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return code
