"""The UI language: Simplified Chinese or English, from the saved choice or the system
locale; Qt translators loaded from resources/translations (compiled .qm)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from .. import RESOURCES

LANGUAGES = {"zh": "中文", "en": "English"}


def tr(text: str) -> str:
    """A UI text in the current language (one translation context for the whole app: see
    resources/translations)."""
    return QCoreApplication.translate("", text)


_installed: list[QTranslator] = []

#: texts of Qt's own dialogs that Qt's zh_CN catalogue lacks (Qt 6 gave the file dialog's
#: labels mnemonics, the catalogue has them without): the Open dialog said "Look in:"
QT_GAPS_ZH = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


class _QtGaps(QTranslator):
    """Translates just ``QT_GAPS_ZH`` (installed last, so asked first)."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return QT_GAPS_ZH.get((context, source))  # None: not ours (an empty text would be)

    def isEmpty(self) -> bool:
        return False


def preferred_language() -> str:
    saved = QSettings().value("language")
    if saved in LANGUAGES:
        return saved
    return "zh" if QLocale.system().name().lower().startswith("zh") else "en"


def install_language(lang: str) -> str:
    """Make ``lang`` the UI language of the running application (English is the source)."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    lang = lang if lang in LANGUAGES else "en"
    if lang == "zh":
        ours = QTranslator(app)
        if ours.load(str(RESOURCES / "translations" / "ecoviewer_zh_CN.qm")):
            app.installTranslator(ours)
            _installed.append(ours)
        qt = QTranslator(app)  # Qt's own dialogs and buttons
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
        gaps = _QtGaps(app)
        app.installTranslator(gaps)
        _installed.append(gaps)
    return lang
