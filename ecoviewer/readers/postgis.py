"""PostGIS layers: a table, a view or an SQL query with a geometry column, from a PostgreSQL
database named by a libpq URI (``postgresql://planner@db.example:5432/city``) or a service
(``service=city``, from ``pg_service.conf``).

Passwords never live in a project file: a connection string carrying one (however it is
spelled: libpq's own parser decides) is refused; libpq takes it from ``~/.pgpass``,
``pg_service.conf`` or ``PGPASSWORD``, and only through SCRAM (a server a project names
cannot ask for it in clear). A project is data, so its SQL runs in a read-only transaction
with a statement timeout, prepared (the extended query protocol: one statement — a
``;``-chained second one is refused by the server), and at most ``MAX_ROWS`` rows come back.
Geometry comes back as WKB (``ST_AsBinary``) and goes through the same checks as a file's.
"""

from __future__ import annotations

import re
from decimal import Decimal

import numpy as np

from ..crs import LONLAT, crs_label, transform_geometries
from ..gdal_safety import clean_message
from ..geometry_build import check_transformed, geometries_from_wkb, resolve_crs
from ..project import is_database
from ..sources import FeatureTable, LayerError, Reader, register_reader

#: how long a connection attempt may take before the layer says the server is unreachable
CONNECT_TIMEOUT_S = 5
#: how long one query may run (a layer, a count) before it is cancelled
STATEMENT_TIMEOUT_MS = 120_000
#: the most rows one layer reads (a bigger table: a query that selects fewer)
MAX_ROWS = 5_000_000
_SCHEMES = ("postgresql://", "postgres://")


def conninfo(path: str, display: str) -> str:
    """The connection string for libpq, refusing one that carries a password (parsed by
    libpq's rules: ``?%70assword=`` is a password too) or that libpq cannot read."""
    from psycopg.conninfo import conninfo_to_dict

    text = str(path).strip()
    try:
        params = conninfo_to_dict(text)
    except Exception:
        raise LayerError(f"{display}: not a connection string libpq reads") from None
    if "password" in params or "passfile" in params:
        raise LayerError(f"{display}: {_NO_PASSWORD}")
    return text


_NO_PASSWORD = (
    "a password in the project file is refused; keep it in ~/.pgpass, pg_service.conf or PGPASSWORD"
)


def shown(path: str) -> str:
    """A database path as messages show it: as written when it holds no password, else
    only the user, host and database libpq reads from it (never raises)."""
    text = str(path).strip()
    try:
        from psycopg.conninfo import conninfo_to_dict

        params = conninfo_to_dict(text)
    except Exception:
        return "postgresql://…" if text.startswith(_SCHEMES) else "service=…"
    if "password" not in params and "passfile" not in params:
        return text
    user = f"{params['user']}@" if params.get("user") else ""
    where = params.get("service") and f"service={params['service']}"
    return where or f"postgresql://{user}{params.get('host', '')}/{params.get('dbname', '')}"


def _connect(path: str, display: str):
    import psycopg

    options = f"-c default_transaction_read_only=on -c statement_timeout={STATEMENT_TIMEOUT_MS}"
    extra = {}
    if psycopg.pq.version() >= 160000:  # libpq 16+: a server may not ask for the password in clear
        extra["require_auth"] = "scram-sha-256,none"
    try:
        conn = psycopg.connect(
            conninfo(path, display),
            connect_timeout=CONNECT_TIMEOUT_S,
            options=options,
            application_name="EcoViewer",
            autocommit=False,
            # a server that stops answering is noticed (no read waits for ever)
            keepalives=1,
            keepalives_idle=10,
            keepalives_interval=5,
            keepalives_count=3,
            tcp_user_timeout=30_000,
            **extra,
        )
    except psycopg.Error as exc:
        raise LayerError(f"{display}: cannot connect ({_first_line(exc)})") from None
    conn.read_only = True
    return conn


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    # libpq says "connection to server at "h" (1.2.3.4), port 5432 failed: FATAL:  ...":
    # keep what failed
    text = text.splitlines()[0] if text else type(exc).__name__
    text = re.sub(r"^connection failed: ", "", text)
    text = re.sub(r"^connection to server (at|on) [^:]*failed: ", "", text)
    return clean_message(text, 200)


def _table_name(layer: str, display: str):
    from psycopg import sql

    parts = layer.split(".")
    if len(parts) > 2 or not all(parts):
        raise LayerError(f"{display}: layer '{layer}' is not a table name (schema.table)")
    return sql.Identifier(*parts), (parts[0] if len(parts) == 2 else None), parts[-1]


def run(cur, query, binary: bool = False) -> None:
    """Execute a query that holds a project's text: prepared, so the server takes exactly
    one statement (``…; DROP TABLE …`` is refused, whatever the parentheses)."""
    cur.execute(query, prepare=True, binary=binary)


def _source(cur, layer: str | None, query: str | None, display: str):
    """The FROM part, its geometry column, the column names and their type oids."""
    from psycopg import errors, sql

    if query is not None:
        source = sql.SQL("({}) AS layer_query").format(sql.SQL(query))
        try:
            run(cur, sql.SQL("SELECT * FROM {} LIMIT 0").format(source))
        except errors.Error as exc:
            raise LayerError(f"{display}: sql: {_first_line(exc)}") from None
        names = [d.name for d in cur.description]
        oids = [d.type_code for d in cur.description]
        types = dict(zip(names, oids))
        cur.execute("SELECT oid FROM pg_type WHERE typname IN ('geometry', 'geography')")
        geometry_oids = {row[0] for row in cur.fetchall()}
        geoms = [n for n, o in zip(names, oids) if o in geometry_oids]
        if not geoms:
            raise LayerError(f"{display}: sql: the query has no geometry column")
        return source, geoms[0], names, types
    if not layer:
        raise LayerError(f'{display}: a database layer needs layer = "schema.table" or sql = "SELECT …"')
    ident, schema, table = _table_name(layer, display)
    cur.execute(
        "SELECT f_geometry_column FROM geometry_columns WHERE f_table_name = %s "
        "AND (%s::text IS NULL AND f_table_schema = ANY (current_schemas(false)) OR f_table_schema = %s) "
        "ORDER BY f_geometry_column",
        (table, schema, schema),
    )
    found = [row[0] for row in cur.fetchall()]
    try:
        run(cur, sql.SQL("SELECT * FROM {} LIMIT 0").format(ident))
    except errors.UndefinedTable:
        raise LayerError(f"{display}: no table or view '{layer}'") from None
    except errors.Error as exc:
        raise LayerError(f"{display}: '{layer}': {_first_line(exc)}") from None
    names = [d.name for d in cur.description]
    types = dict(zip(names, [d.type_code for d in cur.description]))
    if not found:
        raise LayerError(f"{display}: '{layer}' has no geometry column")
    return ident, found[0], names, types


def _indexed(cur, layer: str, column: str) -> bool | None:
    """Whether a table's geometry column has a GiST index (None for a view or a query)."""
    cur.execute(
        "SELECT c.relkind FROM pg_class c WHERE c.oid = to_regclass(%s)",
        (layer,),
    )
    row = cur.fetchone()
    if row is None or row[0] not in ("r", "p", "m"):
        return None
    cur.execute(
        "SELECT 1 FROM pg_index i JOIN pg_class ix ON ix.oid = i.indexrelid "
        "JOIN pg_am am ON am.oid = ix.relam "
        "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
        "WHERE i.indrelid = to_regclass(%s) AND a.attname = %s AND am.amname IN ('gist', 'spgist', 'brin')",
        (layer, column),
    )
    return cur.fetchone() is not None


def _column(values: list) -> np.ndarray:
    """A column of Python values as the array a file's reader would give."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return np.array(values, dtype=object)
    if present and all(isinstance(v, int) for v in present) and len(present) == len(values):
        return np.array(values, dtype=np.int64)
    if present and all(isinstance(v, (int, float, Decimal)) and not isinstance(v, bool) for v in present):
        return np.array([np.nan if v is None else float(v) for v in values], dtype=float)
    out = np.empty(len(values), dtype=object)
    out[:] = [_cell(v) for v in values]
    return out


def _cell(v):
    """One value of a column psycopg has no number or text for: an enum or a domain comes
    as its UTF-8 bytes (binary results), anything else as its text."""
    if v is None or isinstance(v, (str, int, float)):
        return v
    if isinstance(v, (bytes, memoryview)):
        try:
            return bytes(v).decode("utf-8")
        except UnicodeDecodeError:
            return bytes(v).hex()
    return str(v)


def read(
    path,
    *,
    layer: str | None = None,
    crs: str | None = None,
    encoding: str | None = None,
    layer_id: str | None = None,
    display: str | None = None,
    allow_indirect: bool = False,
    sql: str | None = None,
) -> FeatureTable:
    """A table, view or query of a PostGIS database as a ``FeatureTable`` (lon/lat)."""
    path = str(path)
    where = layer if sql is None else "sql"
    display = display or shown(path)
    display = f"{shown(display)} [{where}]"
    problems: list[str] = []
    try:
        return _read(path, layer, sql, crs, layer_id, display, problems)
    except LayerError:
        raise
    except Exception as exc:  # no PostGIS in the database, a type psycopg cannot load …
        raise LayerError(f"{display}: {_first_line(exc)}") from None


def _read(path, layer, sql, crs, layer_id, display, problems) -> FeatureTable:
    from psycopg import errors
    from psycopg import sql as psql

    with _connect(path, display) as conn, conn.cursor() as cur:
        source, geom, names, _types = _source(cur, layer, sql, display)
        if sql is None and _indexed(cur, layer, geom) is False:
            problems.append(
                f"'{layer}' has no spatial index on '{geom}'; it still draws (CREATE INDEX … USING GIST "
                "makes reading by area fast)"
            )
        if sql is None:  # a table too big to hold: streamed by area
            from .postgis_stream import streamable

            big = streamable(cur, layer, geom, names, _types, display, problems)
            if big is not None:
                big.id = layer_id or layer
                big.location = path
                return big
        others = [n for n in names if n != geom]
        columns = [psql.Identifier(n) for n in others]
        g = psql.Identifier(geom)
        query = psql.SQL(
            "SELECT {cols} ST_AsBinary({g}::geometry), ST_SRID({g}::geometry) FROM {src} LIMIT {cap}"
        ).format(
            cols=psql.SQL("").join(psql.SQL("{}, ").format(c) for c in columns),
            g=g,
            src=source,
            cap=psql.Literal(MAX_ROWS + 1),
        )
        try:
            run(cur, query, binary=True)  # (WKB as bytes, not hex text: 1M footprints read faster)
            rows = cur.fetchall()
        except errors.QueryCanceled:
            raise LayerError(
                f"{display}: the query ran longer than {STATEMENT_TIMEOUT_MS // 1000} s"
            ) from None
        except errors.Error as exc:
            raise LayerError(f"{display}: {_first_line(exc)}") from None
    if len(rows) > MAX_ROWS:
        raise LayerError(f'{display}: more than {MAX_ROWS:,} rows; read fewer with sql = "SELECT … WHERE …"')
    n = len(rows)
    k = len(others)
    fields = {name: _column([r[i] for r in rows]) for i, name in enumerate(others)}
    wkb = np.array([None if r[k] is None else bytes(r[k]) for r in rows], dtype=object)
    srids = sorted({int(r[k + 1]) for r in rows if r[k + 1] is not None and r[k] is not None})
    if len(srids) > 1:
        listed = ", ".join(str(s) for s in srids[:5])
        raise LayerError(
            f"{display}: geometries in {len(srids)} SRIDs ({listed}); one SRID per layer "
            "(ST_Transform them in sql)"
        )
    geoms = geometries_from_wkb(wkb, n, problems)
    db_crs = f"EPSG:{srids[0]}" if srids and srids[0] > 0 else None
    src_crs, assumed = resolve_crs(db_crs, crs, geoms, display, problems)
    with np.errstate(invalid="ignore", over="ignore"):
        lonlat = transform_geometries(geoms, src_crs, LONLAT)
    check_transformed(lonlat, display, src_crs, problems)
    return FeatureTable(
        id=layer_id or (layer or "query"),
        path=display,
        layer=layer,
        driver="PostGIS",
        geometry=lonlat,
        fields=fields,
        crs=src_crs,
        crs_assumed=assumed,
        encoding="UTF-8",
        encoding_how=f"from the database ({crs_label(src_crs)})",
        problems=problems,
    )


def list_layers(path, display: str | None = None, *, allow_indirect: bool = False) -> list[str]:
    """The tables and views with a geometry column, as "schema.table"."""
    display = shown(display or str(path))
    with _connect(str(path), display) as conn, conn.cursor() as cur:
        cur.execute("SELECT DISTINCT f_table_schema, f_table_name FROM geometry_columns ORDER BY 1, 2")
        return [f"{schema}.{table}" for schema, table in cur.fetchall()]


register_reader(
    Reader(
        name="postgis",
        accepts=lambda path: is_database(str(path)),
        list_layers=list_layers,
        read=read,
    )
)

__all__ = ["conninfo", "is_database", "list_layers", "read", "shown"]
