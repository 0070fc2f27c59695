"""Desktop conventions: the window comes back as it was left, the app has an icon and a
.desktop file, Ctrl+C in the terminal closes it cleanly, per-user files go where the
platform keeps them."""

from __future__ import annotations

import configparser
import os
import signal

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDockWidget

from .conftest import ROOT


def test_size_and_dock_layout_are_remembered(qapp, qtbot):
    from ecoviewer.app.main_window import MainWindow

    settings = QSettings()
    settings.remove("window")
    try:
        first = MainWindow(lang="en")
        qtbot.addWidget(first)
        first.show()
        first.resize(731, 517)
        docks = {d.objectName(): d for d in first.findChildren(QDockWidget)}
        assert docks, "the window has no docks to remember"
        hidden = sorted(docks)[0]
        docks[hidden].hide()
        qtbot.waitUntil(lambda: first.size().width() == 731)
        first.close()
        second = MainWindow(lang="en")
        qtbot.addWidget(second)
        second.show()
        assert (second.width(), second.height()) == (731, 517)
        again = {d.objectName(): d for d in second.findChildren(QDockWidget)}
        assert again[hidden].isHidden() and not all(d.isHidden() for d in again.values())
        second.close()
    finally:
        settings.remove("window")


def test_icon_and_desktop_file(qapp):
    assert qapp.desktopFileName() == "ecoviewer"
    assert not qapp.windowIcon().isNull()
    assert qapp.windowIcon().pixmap(32, 32).width() == 32  # the SVG renders
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "resources" / "ecoviewer.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Icon"] == "ecoviewer"
    assert desktop["Exec"].split()[0] == "ecoviewer"
    assert desktop["Name[zh_CN]"] and desktop["StartupWMClass"] == qapp.desktopFileName()


def test_ctrl_c_closes_the_window_instead_of_a_traceback(qapp, qtbot):
    from ecoviewer.app.main import quit_on_interrupt
    from ecoviewer.app.main_window import MainWindow

    win = MainWindow(lang="en")
    qtbot.addWidget(win)
    win.show()
    previous = signal.getsignal(signal.SIGINT)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, "q", "a question open at Ctrl+C", parent=win)
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    try:
        quit_on_interrupt(qapp, win)
        box.show()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is box, timeout=5000)
        os.kill(os.getpid(), signal.SIGINT)  # as the terminal sends it
        # the question is cancelled first, then the window closes from the main loop
        qtbot.waitUntil(lambda: not win.isVisible(), timeout=5000)
        assert not box.isVisible()
    finally:
        signal.signal(signal.SIGINT, previous)
    QSettings().remove("window")


def test_recovery_files_live_in_the_platform_state_folder(monkeypatch, tmp_path):
    from ecoviewer.recovery import default_folder

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert default_folder() == tmp_path / "state" / "ecoviewer" / "recovery"
