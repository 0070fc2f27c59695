"""File → Add PostGIS layer…: a connection (a libpq URI or a service, never a password),
the tables and views with a geometry column it has, or a query; the layer is read on a worker
thread so an unreachable server does not freeze the window."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ..readers.postgis import list_layers
from ..sources import LayerError
from .i18n import tr
from .plaintext import make_plain
from .problems_zh import localize_known


class _Done(QObject):
    listed = Signal(object)  # list of "schema.table", or the problem (str)


class DatabaseDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.setWindowTitle(tr("Add PostGIS layer"))
        self.setMinimumWidth(560)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="postgis-list")
        self._done = _Done()
        self._done.listed.connect(self._listed)
        form = QFormLayout(self)
        self.connection = QLineEdit()
        self.connection.setPlaceholderText("postgresql://planner@db.example:5432/city · service=city")
        connect = QPushButton(tr("Connect"))
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.connection, 1)
        box.addWidget(connect)
        self.table = QComboBox()
        self.sql = QPlainTextEdit()
        self.sql.setPlaceholderText("SELECT id, kind, geom FROM buildings WHERE district = '滨海'")
        self.sql.setMaximumHeight(80)
        self.status = QLabel(
            tr("Passwords come from ~/.pgpass, pg_service.conf or PGPASSWORD, never the project.")
        )
        make_plain(self.status)
        self.status.setWordWrap(True)
        form.addRow(tr("Database"), row)
        form.addRow(tr("Table or view"), self.table)
        form.addRow(tr("or a query"), self.sql)
        form.addRow(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form.addRow(self.buttons)
        connect.clicked.connect(self.connect)
        self.connection.returnPressed.connect(self.connect)
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)

    def connect(self):
        """List the connection's tables with a geometry column (on a worker thread)."""
        uri = self.connection.text().strip()
        self.status.setText(tr("Connecting…"))

        def work():
            try:
                return list_layers(uri)
            except LayerError as exc:
                return str(exc)
            except Exception as exc:  # a driver problem: one line, not a traceback
                return f"{uri}: cannot connect ({type(exc).__name__})"

        return self._pool.submit(work).add_done_callback(lambda f: self._done.listed.emit(f.result()))

    def _listed(self, result) -> None:
        self.table.clear()
        if isinstance(result, str):
            self.status.setText(localize_known(result, self.window.lang))
            return
        self.table.addItems(result)
        self.status.setText(tr("{0} tables and views with a geometry column").format(len(result)))

    def add(self) -> None:
        uri = self.connection.text().strip()
        sql = self.sql.toPlainText().strip() or None
        layer = None if sql else (self.table.currentText() or None)
        if self.window.add_database_layer(uri, layer=layer, sql=sql):
            self.accept()
        else:
            self.status.setText(self.window.messages.item(self.window.messages.count() - 1).text())

    def done(self, result: int) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        super().done(result)
