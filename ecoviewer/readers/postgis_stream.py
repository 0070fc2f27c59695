"""A PostGIS table too big to hold, streamed like a big file (``streaming.StreamedTable``):
its overview is built from one ordered pass (a server-side cursor, binary), tiles read the
features they need by key or by box — through the GiST index, with
``ST_SimplifyPreserveTopology`` at half a pixel so a zoomed-out read sends what shows —
and the window evaluates targets chunk by chunk in key order (``ecoviewer targets
--in-database`` pushes them down to SQL instead: ``pushdown.py``).

A table qualifies with a single integer primary key (the feature's id across reads) and a
known SRID. Every query is plain PostGIS, prepared, read-only, with the statement timeout
of ``postgis.py``; no text of the project reaches SQL but as an identifier or a parameter.

A server that stops answering fails the reads (``StreamError``: one line); each reader
thread drops its connection and opens a new one on the next read, so the layer comes back
by itself when the server does.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

import numpy as np
import shapely

from ..streaming import BATCH, StreamedTable, StreamError, _lonlat

#: PostgreSQL's numeric type oids (int2, int4, int8, float4, float8, numeric)
NUMERIC_OIDS = {20, 21, 23, 700, 701, 1700}
_LOCAL = threading.local()
#: per connection string, how many times its server was found gone: a reader thread whose
#: connection is older reconnects (a failure seen by one thread is news to all)
_FAILURES: dict[str, int] = {}


@dataclass
class DatabaseTable(StreamedTable):
    """A streamed PostGIS table (see the module's notes)."""

    location: str = ""  # the connection string, as libpq reads it
    table: str = ""  # schema.table, as shown
    rel_schema: str = "public"
    rel_name: str = ""
    geom: str = "geom"
    key: str = "id"
    srid: int = 4326
    stats: tuple = ()
    #: the table's oid and file node: a table dropped and made again, or rewritten, is new
    relation: tuple = ()

    def cache_name(self) -> str:
        """The overview's name: the database and table and its write counters (a table
        written to gets a new overview) — and its row count where the server keeps no
        counters (``track_counts`` off)."""
        from .postgis import shown

        where = f"{shown(self.location)}|{self.table}|{self.geom}|{self.key}"
        digest = hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        stamp = "-".join(str(v) for v in (*self.relation, self.srid, *self.stats))
        return f"pg-{self.table.replace('.', '_')[:40]}-{digest}-{stamp}"

    def fits(self, overview_rows: int) -> bool:
        return self.count < 0 or overview_rows == self.count

    def opened(self) -> None:
        self.problems.append(f"{self.count:,} rows: streamed from the database by area, not held in memory")

    def exact_count(self) -> int:
        """The row count, counted (a full scan: only when an overview is to be built)."""
        import psycopg
        from psycopg import sql

        if self.count >= 0:
            return self.count

        def count():
            try:
                with self._conn().cursor() as cur:
                    ident = sql.Identifier(self.rel_schema, self.rel_name)
                    cur.execute(sql.SQL("SELECT count(*) FROM {}").format(ident))
                    count = int(cur.fetchone()[0])
                self._conn().rollback()  # end the read-only transaction: no lock held after it
                return count
            except psycopg.Error as exc:
                raise self._failed(exc) from None

        self.count = self.run(count)
        return self.count

    def changed(self) -> bool:
        return False

    def _check(self) -> None:
        pass

    # -- connections ----------------------------------------------------------------------
    def _conn(self):
        conns = getattr(_LOCAL, "conns", None)
        if conns is None:
            conns = _LOCAL.conns = {}
        conn, seen = conns.get(self.location, (None, -1))
        if conn is not None and seen != _FAILURES.get(self.location, 0):
            try:
                conn.close()
            except Exception:
                pass
            conn = None
        if conn is None or conn.closed:
            from ..sources import LayerError
            from .postgis import _connect

            try:
                conn = _connect(self.location, self.path)
            except LayerError as exc:
                raise StreamError(str(exc)) from None
            conns[self.location] = (conn, _FAILURES.get(self.location, 0))
        return conn

    def _failed(self, exc: BaseException) -> StreamError:
        from .postgis import _first_line

        conns = getattr(_LOCAL, "conns", {})
        conn, _ = conns.pop(self.location, (None, 0))
        _FAILURES[self.location] = _FAILURES.get(self.location, 0) + 1
        if conn is not None:
            try:
                conn.close()
            except Exception:
                pass
        return StreamError(f"{self.path}: the database does not answer ({_first_line(exc)})")

    # -- queries --------------------------------------------------------------------------
    def _select(self, columns, geometry: bool, tolerance: float | None):
        from psycopg import sql

        g = sql.Identifier(self.geom)
        parts = [sql.Identifier(self.key)] + [sql.Identifier(c) for c in columns]
        if geometry:
            shape = sql.SQL("{}::geometry").format(g)
            if tolerance:
                # half a pixel on the ground, in the table's units (degrees for lon/lat)
                units = tolerance / 111_320.0 if self.crs.is_geographic else tolerance
                shape = sql.SQL("ST_SimplifyPreserveTopology({}, {})").format(
                    shape, sql.Literal(float(units))
                )
            parts.append(sql.SQL("ST_AsBinary({})").format(shape))
        ident = sql.Identifier(self.rel_schema, self.rel_name)
        return sql.SQL("SELECT {} FROM {}").format(sql.SQL(", ").join(parts), ident)

    def _read(self, *, columns, geometry=True, fids=None, bbox=None, tolerance=None, **kw):
        import psycopg
        from psycopg import sql

        from .postgis import _column

        columns = [f.name for f in self.field_info] if columns is None else list(columns)
        query = self._select(columns, geometry, tolerance)
        params: list = []
        if fids is not None:
            query = sql.SQL("{} WHERE {} = ANY(%s) ORDER BY 1").format(query, sql.Identifier(self.key))
            params.append([int(f) for f in fids])
        elif bbox is not None:
            query = sql.SQL("{} WHERE {} && ST_MakeEnvelope(%s, %s, %s, %s, %s)").format(
                query, sql.Identifier(self.geom)
            )
            params += [float(v) for v in bbox] + [int(self.srid)]
        try:
            with self._conn().cursor(binary=True) as cur:
                cur.execute(query, params, prepare=True)
                rows = cur.fetchall()
            self._conn().rollback()  # end the read-only transaction: no snapshot held
        except psycopg.Error as exc:
            raise self._failed(exc) from None
        return self._unrows(rows, columns, geometry, _column)

    @staticmethod
    def _unrows(rows, columns, geometry, column):
        k = len(columns)
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        fields = {name: column([r[i + 1] for r in rows]) for i, name in enumerate(columns)}
        wkb = None
        if geometry:
            wkb = np.array([None if r[k + 1] is None else bytes(r[k + 1]) for r in rows], dtype=object)
        return ids, wkb, fields

    def _find(self, field: str, text: str, limit: int):
        """Go-to's search, asked of the server: the text a parameter, never SQL."""
        import psycopg
        from psycopg import sql

        pattern = "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"
        query = sql.SQL("{} WHERE {}::text ILIKE %s ESCAPE '!' LIMIT %s").format(
            self._select([field], False, None), sql.Identifier(field)
        )
        try:
            with self._conn().cursor(binary=True) as cur:
                cur.execute(query, [pattern, int(limit)], prepare=True)
                rows = cur.fetchall()
            self._conn().rollback()
        except psycopg.Error as exc:
            raise self._failed(exc) from None
        return np.array([r[0] for r in rows], dtype=np.int64), [r[1] for r in rows]

    def batches(self, columns, geometry: bool = True, with_fids: bool = False):
        """The whole table in key order, ``BATCH`` rows at a time, through a server-side
        cursor (constant memory on both sides)."""
        import psycopg
        from psycopg import sql

        from .postgis import _column

        columns = list(columns)
        query = sql.SQL("{} ORDER BY {}").format(
            self._select(columns, geometry, None), sql.Identifier(self.key)
        )
        start = 0
        try:
            conn = self._conn()
            try:
                with conn.cursor(name="ecoviewer_batches", binary=True) as cur:
                    cur.itersize = BATCH
                    cur.execute(query)
                    while True:
                        rows = cur.fetchmany(BATCH)
                        if not rows:
                            break
                        fids, wkb, fields = self._unrows(rows, columns, geometry, _column)
                        geoms = _lonlat(shapely.from_wkb(wkb), self.crs) if geometry else None
                        yield (start, fids, geoms, fields) if with_fids else (start, geoms, fields)
                        start += len(rows)
            finally:  # read through or left early (a cancelled build): no transaction stays open
                if not conn.closed:
                    try:
                        conn.rollback()
                    except psycopg.Error:
                        pass
        except psycopg.Error as exc:
            raise self._failed(exc) from None


def streamable(cur, layer: str, geom: str, names: list[str], types: dict, display: str, problems: list):
    """The ``DatabaseTable`` of a table too big to hold, or None to read it whole (a small
    table, or one without what streaming needs — said in ``problems``)."""
    from psycopg import sql

    from .. import streaming
    from ..crs import parse_crs

    # the relation as the reader opened it: each part quoted (mixed case kept), the schema
    # found on the search path when the project names none
    qualified = ".".join('"' + part.replace('"', '""') + '"' for part in layer.split("."))
    cur.execute(
        "SELECT n.nspname, c.relname, c.reltuples::bigint, c.oid::bigint, c.relfilenode::bigint "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(%s)",
        (qualified,),
    )
    row = cur.fetchone()
    if row is None:  # a view resolved otherwise, or gone: read whole
        return None
    schema, name, estimate = row[0], row[1], -1 if row[2] is None else int(row[2])
    relation = (int(row[3]), int(row[4] or 0))
    if 0 <= estimate < streaming.STREAM_ABOVE // 2:
        return None
    ident = sql.Identifier(schema, name)
    cur.execute(
        "SELECT n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables WHERE relid = to_regclass(%s)",
        (qualified,),
    )
    stats = tuple(int(v) for v in (cur.fetchone() or ()))
    if estimate > 2 * streaming.STREAM_ABOVE and any(stats):
        # plainly too big to hold: not counted now (a full scan of 10M rows takes seconds);
        # a cached overview knows the count, and a build counts first
        count = -1
    else:
        cur.execute(sql.SQL("SELECT count(*) FROM {}").format(ident), prepare=True)
        count = int(cur.fetchone()[0])
        if count <= streaming.STREAM_ABOVE:
            return None
        if not any(stats):  # no write counters on this server: the count names the data
            stats = (*stats, count)
    cur.execute(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_index i "
        "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
        "WHERE i.indrelid = to_regclass(%s) AND i.indisprimary",
        (qualified,),
    )
    keys = cur.fetchall()
    if len(keys) != 1 or keys[0][1] not in ("integer", "bigint", "smallint"):
        rows = f"{count:,} rows" if count >= 0 else f"about {estimate:,} rows"
        problems.append(
            f"{rows} and no integer primary key: read whole (a key of one integer column lets it be streamed)"
        )
        return None
    cur.execute(
        "SELECT Find_SRID(%s, %s, %s)",
        (schema, name, geom),
    )
    srid = int(cur.fetchone()[0] or 0)
    if srid <= 0:
        return None
    cur.execute(
        "SELECT upper(type) FROM geometry_columns WHERE f_table_schema = %s AND f_table_name = %s "
        "AND f_geometry_column = %s",
        (schema, name, geom),
    )
    found = cur.fetchone()
    kind = (found[0] if found else "") or ""
    names_of = {"POLYGON": "Polygon", "LINE": "LineString", "POINT": "Point"}
    kinds = [next((v for k, v in names_of.items() if k in kind), "Polygon")]
    crs = parse_crs(f"EPSG:{srid}")
    extent = None
    # the planner's estimate first (from the statistics, no scan); the overview, built or
    # cached, then gives the exact extent
    estimated = sql.SQL(
        "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
        "(SELECT ST_Transform(ST_SetSRID(ST_EstimatedExtent(%s, %s, %s)::geometry, %s), 4326) AS e) AS x"
    )
    scanned = sql.SQL(
        "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
        "(SELECT ST_Transform(ST_SetSRID(ST_Extent({}::geometry), %s), 4326) AS e FROM {}) AS x"
    ).format(sql.Identifier(geom), ident)
    for query, args in ((estimated, (schema, name, geom, srid)), (scanned, (srid,))):
        try:
            cur.execute(query, args)
            row = cur.fetchone()
        except Exception:
            cur.connection.rollback()
            continue
        if row and all(v is not None for v in row):
            extent = [float(v) for v in row]
            break
    fields = [n for n in names if n != geom]  # (the key too: a style or target may use it)
    return DatabaseTable(
        id=name,
        path=display,
        source=display,
        layer=layer,
        driver="PostGIS",
        crs=crs,
        count=count,
        field_info=[streaming.FieldInfo(n, types.get(n) in NUMERIC_OIDS) for n in fields],
        kinds=kinds,
        extent=extent,
        encoding="UTF-8",
        encoding_how="from the database",
        problems=list(problems),  # and the row count, once known (``opened``)
        table=f"{schema}.{name}",
        rel_schema=schema,
        rel_name=name,
        geom=geom,
        key=keys[0][0],
        srid=srid,
        stats=stats,
        relation=relation,
    )
