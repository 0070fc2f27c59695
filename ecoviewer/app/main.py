"""Start the desktop viewer."""

from __future__ import annotations

import os
import sys

from ..render.qtenv import application


def quit_on_interrupt(app, window, pending: list | None = None) -> None:
    """Ctrl+C in the terminal closes the window the normal way (unsaved changes are asked
    about) instead of raising KeyboardInterrupt inside whatever slot runs at that moment.
    Qt's event loop does not return to Python on its own, so a short timer lets Python see
    the signal."""
    import signal

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def close() -> None:
        # a question or a file dialog open: cancelled first (as Esc would), then the window
        # closes from the main loop, not from inside the dialog's own loop
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not window:
            modal.close()
            QTimer.singleShot(0, close)
            return
        window.close()

    # the handler runs between two Python bytecodes, maybe inside a slot: it only schedules
    signal.signal(signal.SIGINT, lambda *_: QTimer.singleShot(0, close))
    if pending:  # pressed while starting up
        QTimer.singleShot(0, close)
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)


def run_viewer(path: str, interrupted: list | None = None) -> int:
    app = application(sys.argv[:1])
    from PySide6.QtCore import QEvent

    from .main_window import MainWindow

    window = MainWindow()
    quit_on_interrupt(app, window, interrupted)
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
