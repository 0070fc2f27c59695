"""Process set-up that must happen before the first QApplication: headless platform when
there is no display, Chromium flags for running as root / without a GPU, and no background
network traffic from Chromium itself."""

from __future__ import annotations

import os
import sys

_CHROMIUM_FLAGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pings",
    "--disable-domain-reliability",
]


def prepare_environment(headless: bool | None = None) -> None:
    if headless is None:
        headless = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        )
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    extra = list(_CHROMIUM_FLAGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        extra.append("--no-sandbox")  # Chromium refuses to sandbox as root
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        extra.append("--disable-gpu")
        # no GL context offscreen: Qt Quick (which hosts the web view's frames) draws in software
        os.environ.setdefault("QT_QUICK_BACKEND", "software")
    for flag in extra:
        if flag not in flags:
            flags.append(flag)
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags)
    os.environ.setdefault("QT_LOGGING_RULES", "qt.webenginecontext.info=false")


def application(argv: list[str] | None = None):
    """The process's QApplication (created once, with the environment prepared)."""
    prepare_environment()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        from .tile_scheme import register_scheme

        register_scheme()
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(argv if argv is not None else [sys.argv[0]])
        app.setApplicationName("EcoViewer")
        app.setOrganizationName("EcoViewer")
        # desktop shells match the window to resources/ecoviewer.desktop (and its icon)
        app.setDesktopFileName("ecoviewer")
        from PySide6.QtGui import QIcon

        from .. import RESOURCES

        app.setWindowIcon(QIcon(str(RESOURCES / "ecoviewer.svg")))
    return app
