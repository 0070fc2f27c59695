"""Start the desktop viewer."""

from __future__ import annotations

import os
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
    # the project is saved or its recovery file written by now; skip CPython's final
    # collection, where PySide 6.12 with QtWebEngine can abort after a clean close
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
