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

from ..readers.postgis import list_layers, shown
from ..sources import LayerError, read_spec
from .i18n import tr
from .plaintext import make_plain
from .problems_zh import localize_known


class _Done(QObject):
    listed = Signal(int, object)  # generation; a list of "schema.table", or the problem (str)
    read = Signal(int, object)  # generation; (spec, FeatureTable), or the problem (str)


class DatabaseDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.setWindowTitle(tr("Add PostGIS layer"))
        self.setMinimumWidth(560)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="postgis-list")
        self._done = _Done(self)  # (dies with the dialog: a late answer reaches nothing)
        self._done.listed.connect(self._listed)
        self._done.read.connect(self._read)
        self.generation = 0
        self.listed_for: str | None = None
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
        self.generation += 1
        self.listed_for = uri

        def work():
            try:
                return list_layers(uri)
            except LayerError as exc:
                return str(exc)
            except Exception as exc:  # a driver problem: one line, not a traceback
                return f"{shown(uri)}: cannot connect ({type(exc).__name__})"

        return self._submit(work, self._done.listed)

    def _submit(self, work, signal):
        gen = self.generation
        future = self._pool.submit(work)
        future.add_done_callback(lambda f: None if f.cancelled() else signal.emit(gen, f.result()))
        return future

    def _listed(self, gen: int, result) -> None:
        if gen != self.generation:
            return  # an older connection's answer
        self.table.clear()
        if isinstance(result, str):
            self.status.setText(localize_known(result, self.window.lang))
            return
        self.table.addItems(result)
        self.status.setText(tr("{0} tables and views with a geometry column").format(len(result)))

    def add(self):
        """Read the table or query on the worker thread; the window takes it when it comes."""
        uri = self.connection.text().strip()
        sql = self.sql.toPlainText().strip() or None
        layer = None if sql else (self.table.currentText() or None)
        if layer and self.listed_for != uri:  # the list is another connection's
            self.status.setText(tr("Connect to list this database's tables"))
            return None
        spec = self.window.database_spec(uri, layer=layer, sql=sql)
        self.generation += 1
        self.status.setText(tr("Reading…"))
        self.buttons.setEnabled(False)

        def work():
            try:
                return spec, read_spec(spec)
            except LayerError as exc:
                return str(exc)
            except Exception as exc:
                return f"{shown(uri)}: cannot be read ({type(exc).__name__})"

        return self._submit(work, self._done.read)

    def _read(self, gen: int, result) -> None:
        self.buttons.setEnabled(True)
        if gen != self.generation:
            return
        if isinstance(result, str):
            self.window.report(result)
            self.status.setText(localize_known(result, self.window.lang))
            return
        self.window.add_read_layer(*result)
        self.accept()

    def done(self, result: int) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        super().done(result)
        self.deleteLater()
