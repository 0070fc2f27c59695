"""Targets evaluated by the database: a target whose layers all come from one PostGIS
connection is answered by one SQL query — ST_Length, ST_Area, ST_Intersection and
ST_Buffer/ST_Union in the project's metric CRS — with the same meaning as the metric
functions in ``metrics.py`` (the tests hold the two to 0.1 on the same data). The queries are
plain PostGIS (see the README on Citus), run read-only like every query of a project.
"""

from __future__ import annotations

from .project import Project
from .sources import LayerError
from .targets import Target, TargetError, parse_target

#: the metrics answered in SQL (per_capita and the raster metrics are evaluated locally)
PUSHED = ("mean", "min", "max", "sum", "count_share", "length_share", "area_share", "coverage")
_NUMERIC_OIDS = {20, 21, 23, 700, 701, 1700}


#: coverage's SQL pieces: a part's size (area of a polygon's, length of a line's), and the
#: grid cells a box spans (``cs__.cell``: the cell size)
SIZE = "CASE WHEN ST_Dimension(OF) = 2 THEN ST_Area(PART) ELSE ST_Length(PART) END"
CELLS = (
    "generate_series(floor(A.x0 / cs__.cell)::bigint, floor(A.x1 / cs__.cell)::bigint) AS gx, "
    "generate_series(floor(A.y0 / cs__.cell)::bigint, floor(A.y1 / cs__.cell)::bigint) AS gy"
)


class PushdownError(ValueError):
    """A target the database cannot answer (its layers are files, or on two connections)."""


def _spec(project: Project, layer_id: str | None, role: str, target: Target):
    try:
        spec = project.layer(layer_id)
    except KeyError:
        raise TargetError(f"target '{target.id}': unknown {role} '{layer_id}'") from None
    if not spec.is_database:
        raise PushdownError(f"target '{target.id}': {role} '{layer_id}' is not a database layer")
    return spec


class _Query:
    """Builds one query: each layer a sub-select with its geometry in the metric CRS."""

    def __init__(self, cur, srid: int, target: Target):
        from psycopg import sql

        self.sql = sql
        self.cur = cur
        self.srid = srid
        self.target = target


def _layer_sql(q: _Query, spec, where: dict, display: str):
    from .readers.postgis import _source

    sql = q.sql
    source, geom, _names, types = _source(q.cur, spec.layer, spec.sql, display)
    g = sql.Identifier(geom)
    conditions = []
    for name, values in (where or {}).items():
        if name not in types:
            raise TargetError(f"target '{q.target.id}': no field '{name}' in layer '{spec.id}'")
        values = values if isinstance(values, list) else [values]
        if types[name] in _NUMERIC_OIDS:
            nums = [float(v) for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
            conditions.append(
                sql.SQL("{}::float8 = ANY({}::float8[])").format(sql.Identifier(name), sql.Literal(nums))
            )
        else:  # values are data: quoted by psycopg as literals, never pasted
            texts = [str(v) for v in values]
            conditions.append(
                sql.SQL("{}::text = ANY({}::text[])").format(sql.Identifier(name), sql.Literal(texts))
            )
    matched = sql.SQL(" AND ").join(conditions) if conditions else sql.SQL("true")
    body = sql.SQL(
        "SELECT *, ST_Transform({g}::geometry, {srid}) AS g__, "
        "({g} IS NOT NULL) AS p__, "  # (an empty geometry is present, as in a file's table)
        "coalesce({matched}, false) AS w__ FROM {src}"
    ).format(g=g, srid=sql.Literal(q.srid), matched=matched, src=_from(source, sql))
    return sql.SQL("({}) AS {}").format(body, sql.Identifier(f"{spec.id}_{id(body)}")), types


def _from(source, sql):
    return source if not isinstance(source, sql.Identifier) else sql.SQL("{} AS f__").format(source)


def _column(q: _Query, types: dict, name: str | None, layer_id: str):
    if name not in types:
        raise TargetError(f"target '{q.target.id}': no field '{name}' in layer '{layer_id}'")
    if types[name] not in _NUMERIC_OIDS:
        raise TargetError(f"target '{q.target.id}': field '{name}' of layer '{layer_id}' is not numeric")
    return q.sql.SQL("{}::float8").format(q.sql.Identifier(name))


def _finite(expr, sql):
    return sql.SQL(
        "CASE WHEN {e} IS NULL OR {e} = 'NaN' OR {e} IN ('Infinity', '-Infinity') THEN NULL ELSE {e} END"
    ).format(e=expr)


def database_value(raw: dict | Target, project: Project) -> float | None:
    """The target's value computed by the database (None: no data), or ``PushdownError``
    when its layers are not all on one database connection, ``TargetError`` as locally."""
    from .crs import parse_crs
    from .readers.postgis import _connect, run

    t = raw if isinstance(raw, Target) else parse_target(raw)
    if t.metric not in PUSHED:
        raise PushdownError(f"target '{t.id}': metric '{t.metric}' is evaluated locally")
    spec = _spec(project, t.layer, "layer", t)
    others = [(_spec(project, getattr(t, key), key, t), key) for key in ("within", "of") if getattr(t, key)]
    if any(o.location != spec.location for o, _ in others):
        raise PushdownError(f"target '{t.id}': its layers are on different connections")
    srid = parse_crs(project.measure_crs).to_epsg()
    if not srid:
        raise PushdownError(f"target '{t.id}': the measure CRS has no EPSG code")
    display = f"{spec.path} [{spec.layer or 'sql'}]"
    try:
        with _connect(spec.location, display) as conn, conn.cursor() as cur:
            q = _Query(cur, srid, t)
            query = _build(q, t, spec, {key: other for other, key in others}, display)
            run(cur, query)
            value = cur.fetchone()[0]
    except LayerError:
        raise
    except TargetError:
        raise
    except Exception as exc:  # a server-side problem: one line naming the target
        why = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise TargetError(f"target '{t.id}': the database could not evaluate it ({why})") from None
    return None if value is None else float(value)


def _build(q: _Query, t: Target, spec, others: dict, display: str):
    sql = q.sql
    src, types = _layer_sql(q, spec, t.where, display)
    g, present, rows = sql.SQL("g__"), sql.SQL("p__"), sql.SQL("w__")
    if t.metric in ("mean", "min", "max", "sum"):
        v = _finite(_column(q, types, t.field, spec.id), sql)
        w = _finite(_column(q, types, t.weight, spec.id), sql) if t.weight else None
        inner = sql.SQL("SELECT {v} AS v, {w} AS w FROM {src} WHERE {rows}").format(
            v=v, w=w if w is not None else sql.SQL("1.0"), src=src, rows=rows
        )
        reduce = {
            "mean": "sum(v * w) FILTER (WHERE w IS NOT NULL) / nullif(sum(w) FILTER (WHERE v IS NOT NULL), 0)"
            if t.weight
            else "avg(v)",
            "min": "min(v)",
            "max": "max(v)",
            "sum": "sum(v * w)",
        }[t.metric]
        return sql.SQL("SELECT " + reduce + " FROM ({inner}) s WHERE v IS NOT NULL").format(inner=inner)
    if t.metric == "count_share":
        w = _finite(_column(q, types, t.weight, spec.id), sql) if t.weight else sql.SQL("1.0")
        return sql.SQL(
            "SELECT 100.0 * coalesce(sum(coalesce({w}, 0)) FILTER (WHERE {rows}), 0) "
            "/ nullif(sum(coalesce({w}, 0)), 0) FROM {src}"
        ).format(w=w, rows=rows, src=src)
    if t.metric in ("length_share", "area_share") and not (t.metric == "area_share" and t.within):
        size = sql.SQL("ST_Length") if t.metric == "length_share" else sql.SQL("ST_Area")
        return sql.SQL(
            "SELECT 100.0 * coalesce(sum({f}({g})) FILTER (WHERE {rows}), 0) / nullif(sum({f}({g})), 0) "
            "FROM {src} WHERE {p}"
        ).format(f=size, g=g, rows=rows, src=src, p=present)
    if t.metric == "area_share":  # within another layer
        other, _ = _layer_sql(q, others["within"], {}, display)
        zone = sql.SQL("(SELECT ST_Union(g__) FROM {o} WHERE p__)").format(o=other)
        return sql.SQL(
            "SELECT 100.0 * coalesce(sum(ST_Area(ST_Intersection({g}, z.zone))), 0) "
            "/ nullif(sum(ST_Area({g})), 0) "
            "FROM {src}, (SELECT {zone} AS zone) z WHERE {p} AND {rows}"
        ).format(g=g, zone=zone, src=src, p=present, rows=rows)
    # coverage: as ``metrics._covered_fraction`` — one zone (the union of the buffers); every
    # feature asked "meets it?" and "lies wholly inside?" (PostGIS prepares the zone once for
    # the whole scan); only the features its edge cuts are overlaid, with the zone cut into
    # pieces of at most 64 vertices, matched to them through a grid of cells by a hash join
    # (no index of its own: the query stays read-only). Per feature, the union of its
    # neighbours' buffers took over 120 s at 1M rows.
    other, _ = _layer_sql(q, others["of"], t.of_where, display)
    distance = float(t.distance or 0.0)
    piece = "ST_Buffer(g__, {d}, 'quad_segs=16')" if distance > 0 else "g__"
    if t.weight:
        _column(q, types, t.weight, spec.id)  # (it exists and is numeric)
        field = sql.SQL("{}::float8").format(sql.Identifier("s__", t.weight))  # (not zone's, kinds')
        weight = sql.SQL("coalesce({}, 0)").format(_finite(field, sql))
    else:
        weight = sql.SQL(
            "CASE WHEN k.kinds = 'polygon' THEN ST_Area({g}) "
            "WHEN k.kinds = 'line' THEN ST_Length({g}) ELSE 1 END"
        ).format(g=sql.SQL("s__.g__"))
    kinds = sql.SQL(
        " CROSS JOIN (SELECT (SELECT CASE WHEN bool_and(ST_Dimension(g__) = 2) THEN 'polygon' "
        "WHEN bool_and(GeometryType(g__) IN ('LINESTRING', 'MULTILINESTRING')) THEN 'line' ELSE 'other' END "
        "FROM {src} WHERE p__ AND w__) AS kinds) AS k"
    ).format(src=_layer_sql(q, spec, t.where, display)[0])
    if t.weight:  # (the layer's kinds decide the default weight only)
        kinds = sql.SQL("")

    def size(of: str, part: str) -> str:  # area of a polygon's part, length of a line's
        return SIZE.replace("OF", of).replace("PART", part)

    def cells(alias: str) -> str:  # the grid cells a box spans
        return CELLS.replace("A.", alias + ".")

    box = "ST_XMin({g}) AS x0, ST_YMin({g}) AS y0, ST_XMax({g}) AS x1, ST_YMax({g}) AS y1"
    return sql.SQL(
        "WITH z__ AS MATERIALIZED (SELECT ST_Union(" + piece + ") AS zone FROM {other} WHERE p__ AND w__), "
        # each feature: 0 (apart), 1 (a point that meets it, or wholly inside), NULL (cut: its
        # geometry kept, the others' not)
        "f__ AS MATERIALIZED (SELECT id__, wt__, fr__, CASE WHEN fr__ IS NULL THEN g__ END AS g__ FROM "
        "(SELECT row_number() OVER () AS id__, s__.g__, {w} AS wt__, "
        # (the zone as a parameter, evaluated once: the same value for every row, so PostGIS
        # prepares it once — through a join, each row's copy was compared anew: 5x slower)
        "CASE WHEN NOT coalesce(ST_Intersects((SELECT zone FROM z__), s__.g__), false) THEN 0.0 "
        "WHEN ST_Dimension(s__.g__) = 0 OR ST_Contains((SELECT zone FROM z__), s__.g__) THEN 1.0 END AS fr__ "
        "FROM (SELECT * FROM {src}) AS s__{kinds} "
        "WHERE s__.p__ AND s__.w__) AS a__), "
        # the grid: cells of at least twice the distance, at most ~200 across the zone
        "cs__ AS MATERIALIZED (SELECT greatest({cell}, (ST_XMax(zone) - ST_XMin(zone)) / 200, "
        "(ST_YMax(zone) - ST_YMin(zone)) / 200) AS cell FROM z__), "
        "pc__ AS MATERIALIZED (SELECT pc, " + box.format(g="pc") + " "
        "FROM (SELECT ST_Subdivide(zone, 64) AS pc FROM z__) AS d__), "
        # a cut feature in pieces no longer than a cell (each spans a few cells at most)
        "cut__ AS MATERIALIZED (SELECT id__, whole__, g__, " + box.format(g="g__") + " FROM "
        "(SELECT id__, f__.g__ AS whole__, ST_Subdivide(ST_Segmentize(f__.g__, cs__.cell), 8) AS g__ "
        "FROM f__ CROSS JOIN cs__ WHERE fr__ IS NULL) AS e__), "
        "pcell__ AS (SELECT p.*, gx, gy FROM pc__ AS p CROSS JOIN cs__, " + cells("p") + "), "
        "ccell__ AS (SELECT c.*, gx, gy FROM cut__ AS c CROSS JOIN cs__, " + cells("c") + "), "
        # a pair is counted in the one cell holding the lower left corner of its boxes' overlap
        "in__ AS (SELECT c.id__, sum(" + size("c.whole__", "ST_Intersection(c.g__, p.pc)") + ") AS inside "
        "FROM ccell__ AS c JOIN pcell__ AS p ON c.gx = p.gx AND c.gy = p.gy CROSS JOIN cs__ "
        "WHERE c.g__ && p.pc AND c.gx = floor(greatest(c.x0, p.x0) / cs__.cell)::bigint "
        "AND c.gy = floor(greatest(c.y0, p.y0) / cs__.cell)::bigint GROUP BY c.id__) "
        "SELECT 100.0 * sum(f__.wt__ * least(1.0, coalesce(f__.fr__, "
        "coalesce(in__.inside, 0) / nullif(" + size("f__.g__", "f__.g__") + ", 0), 1.0))) "
        "/ nullif(sum(f__.wt__), 0) FROM f__ LEFT JOIN in__ USING (id__)"
    ).format(
        other=sql.SQL("(SELECT * FROM {}) AS o__").format(other),
        d=sql.Literal(distance),
        w=weight,
        src=src,
        kinds=kinds,
        cell=sql.Literal(max(250.0, 2 * distance)),
    )


def in_database(project: Project, results: list) -> tuple[list, list[str]]:
    """The results with every target the database can answer answered by it (value and
    status; the responsible features stay the local ones), and a line per target it could
    not evaluate there."""
    import dataclasses

    from .targets import OPS, STATUS_MET, STATUS_MISSED, STATUS_NO_DATA

    out, problems = [], []
    for r in results:
        if r.error or r.target.metric not in PUSHED:
            out.append(r)
            continue
        try:
            value = database_value(r.target, project)
        except PushdownError:
            out.append(r)
            continue
        except (TargetError, LayerError) as exc:
            problems.append(str(exc))
            out.append(r)
            continue
        if value is None:
            status = STATUS_NO_DATA
        else:
            status = STATUS_MET if OPS[r.target.op](round(value, 9), r.target.target) else STATUS_MISSED
        out.append(dataclasses.replace(r, value=value, status=status))
    return out, problems
