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


#: coverage in SQL (see ``_coverage_sql``). Placeholders: {src} and {other} the layers'
#: sub-selects (geometry ``g__`` in the measure CRS, ``p__`` present, ``w__`` matched), {w} a
#: feature's weight (``s__``'s field, or 1 when the weight is its size), {total} the layers'
#: weight (over ``s__``, ``t__.gt``), {wt} a feature's weight in ``fr__``, {buf} an "of"
#: feature's buffer (``x__.og``), {op} the points that certify, and the numbers: {r} a radius
#: of disc inside every buffer, {cc} and {half} the certifying grid, {reach} beyond which a
#: buffer cannot meet a feature, {c2} the cell of the grid pairing features with "of" ones.
COVERAGE = (
    "WITH k__ AS MATERIALIZED (SELECT {total} FROM (SELECT * FROM {src}) AS s__, "
    "unnest(ARRAY[s__.g__]) AS t__ (gt) WHERE s__.p__ AND s__.w__), "
    # the points of the "of" features, each in the 2×2 cells of the certifying grid about it
    "op__ AS ({op}), "
    # each feature, its smallest enclosing circle and its cell
    "fs__ AS (SELECT t__.gt AS g__, {w} AS w, m__.center AS c, m__.radius AS rf, "
    "CASE WHEN m__.radius < {r} AND NOT ST_IsEmpty(t__.gt) "
    "THEN floor(ST_X(m__.center) / {cc})::bigint END AS gx, "
    "CASE WHEN m__.radius < {r} AND NOT ST_IsEmpty(t__.gt) "
    "THEN floor(ST_Y(m__.center) / {cc})::bigint END AS gy, "
    "ST_X(m__.center) AS cx, ST_Y(m__.center) AS cy, ({r} - m__.radius) * ({r} - m__.radius) AS r2 "
    "FROM (SELECT * FROM {src}) AS s__, unnest(ARRAY[s__.g__]) AS t__ (gt), "
    "ST_MinimumBoundingRadius(t__.gt) AS m__ WHERE s__.p__ AND s__.w__), "
    # the features no single point certifies wholly inside (its circle within r of the point)
    "u__ AS MATERIALIZED (SELECT row_number() OVER () AS id__, g__, w, c, rf, "
    "ST_XMin(g__) AS x0, ST_YMin(g__) AS y0, ST_XMax(g__) AS x1, ST_YMax(g__) AS y1 "
    "FROM fs__ AS f WHERE NOT EXISTS (SELECT 1 FROM op__ AS p WHERE p.gx = f.gx AND p.gy = f.gy "
    "AND (p.px - f.cx) * (p.px - f.cx) + (p.py - f.cy) * (p.py - f.cy) <= f.r2)), "
    # the "of" features' boxes grown by the reach, in the pairing grid (the few wider than a
    # cell: against every feature)
    "oc__ AS (SELECT og, x0, y0, x1, y1, floor(x0 / {c2})::bigint AS gx, floor(y0 / {c2})::bigint AS gy, "
    "x1 - x0 <= {c2} AND y1 - y0 <= {c2} AS small "
    "FROM (SELECT t__.og, ST_XMin(t__.og) - {reach} AS x0, ST_YMin(t__.og) - {reach} AS y0, "
    "ST_XMax(t__.og) + {reach} AS x1, ST_YMax(t__.og) + {reach} AS y1 "
    "FROM (SELECT * FROM {other}) AS o__, unnest(ARRAY[o__.g__]) AS t__ (og) "
    "WHERE o__.p__ AND o__.w__ AND NOT ST_IsEmpty(t__.og)) AS o), "
    "big__ AS MATERIALIZED (SELECT * FROM oc__ WHERE NOT small), "
    "ub__ AS MATERIALIZED (SELECT * FROM u__ WHERE x1 - x0 > 4 * {c2} OR y1 - y0 > 4 * {c2}), "
    # (pairs: small features with small "of" ones through the cells; any with the wide "of"
    # ones; a feature over 4 cells across — a district, a long road — with the small "of" ones
    # by their boxes, not through the thousands of cells it spans)
    "pr__ AS (SELECT uc.id__, o.og FROM (SELECT u.id__, u.x0, u.y0, u.x1, u.y1, gx, gy FROM u__ AS u, "
    "generate_series(floor(u.x0 / {c2})::bigint - 1, floor(u.x1 / {c2})::bigint) AS gx, "
    "generate_series(floor(u.y0 / {c2})::bigint - 1, floor(u.y1 / {c2})::bigint) AS gy "
    "WHERE u.x1 - u.x0 <= 4 * {c2} AND u.y1 - u.y0 <= 4 * {c2} OFFSET 0) AS uc "
    "JOIN oc__ AS o ON o.gx = uc.gx AND o.gy = uc.gy "
    "WHERE o.small AND o.x0 <= uc.x1 AND o.x1 >= uc.x0 AND o.y0 <= uc.y1 AND o.y1 >= uc.y0 "
    "UNION ALL "
    "SELECT u.id__, o.og FROM u__ AS u, big__ AS o "
    "WHERE o.x0 <= u.x1 AND o.x1 >= u.x0 AND o.y0 <= u.y1 AND o.y1 >= u.y0 "
    "UNION ALL "
    "SELECT u.id__, o.og FROM ub__ AS u, oc__ AS o "
    "WHERE o.small AND o.x0 <= u.x1 AND o.x1 >= u.x0 AND o.y0 <= u.y1 AND o.y1 >= u.y0), "
    # per feature left: wholly inside one buffer (its circle), or the "of" features near it
    "fb__ AS (SELECT u.id__, bool_or(CASE WHEN u.rf < {r} THEN ST_DWithin(u.c, pr.og, {r} - u.rf) "
    "ELSE false END) AS whole, array_agg(pr.og) FILTER (WHERE ST_DWithin(pr.og, u.g__, {reach})) AS near "
    "FROM u__ AS u JOIN pr__ AS pr USING (id__) GROUP BY u.id__), "
    # and only then its exact share, against the buffers of those near it
    "fr__ AS (SELECT u.g__, u.w, CASE WHEN fb.whole THEN 1.0 WHEN fb.near IS NULL THEN 0.0 "
    "WHEN ST_Dimension(u.g__) = 2 THEN (SELECT least(1.0, coalesce(ST_Area(z) / nullif(ST_Area(u.g__), 0), "
    "CASE WHEN ST_IsEmpty(z) THEN 0.0 ELSE 1.0 END)) "
    "FROM (SELECT ST_Union(ST_Intersection(u.g__, {buf})) AS z "
    "FROM unnest(fb.near) AS x__ (og)) AS z__) "
    "WHEN ST_Dimension(u.g__) = 1 THEN (SELECT least(1.0, "
    "coalesce(ST_Length(z) / nullif(ST_Length(u.g__), 0), "
    "CASE WHEN ST_IsEmpty(z) THEN 0.0 ELSE 1.0 END)) "
    "FROM (SELECT ST_Intersection(u.g__, ST_Union({buf})) AS z "
    "FROM unnest(fb.near) AS x__ (og)) AS z__) "
    "ELSE (SELECT CASE WHEN bool_or(ST_Intersects(u.g__, {buf})) THEN 1.0 ELSE 0.0 END "
    "FROM unnest(fb.near) AS x__ (og)) END AS fr "
    "FROM u__ AS u LEFT JOIN fb__ AS fb USING (id__)) "
    # (what is not covered taken from the whole, to 9 decimals: two sums of the same weights
    # added in another order leave ±1e-13, not a value)
    "SELECT CASE WHEN k.total > 0 THEN round((100.0 - 100.0 * "
    "coalesce((SELECT sum(({wt}) * (1.0 - u.fr)) FROM fr__ AS u), 0) / k.total)::numeric, 9)::float8 END "
    "FROM k__ AS k"
)
#: the certifying points: one on each "of" feature's surface, in the 2×2 cells about it
COVERAGE_POINTS = (
    "SELECT floor((px - {half}) / {cc})::bigint + i AS gx, "
    "floor((py - {half}) / {cc})::bigint + j AS gy, px, py "
    "FROM (SELECT ST_X(t__.pt) AS px, ST_Y(t__.pt) AS py FROM (SELECT * FROM {other}) AS o__, "
    "unnest(ARRAY[ST_PointOnSurface(o__.g__)]) AS t__ (pt) "
    "WHERE o__.p__ AND o__.w__ AND NOT ST_IsEmpty(t__.pt)) AS p, "
    "(VALUES (0), (1)) AS ai (i), (VALUES (0), (1)) AS aj (j)"
)
#: the same when the distance is 0 (no disc fits in a zone of width 0): none
NO_POINTS = (
    "SELECT NULL::bigint AS gx, NULL::bigint AS gy, NULL::float8 AS px, NULL::float8 AS py WHERE false"
)
#: a feature's size: its area (polygons) or length (lines)
SIZE = "CASE WHEN ST_Dimension({g}) = 2 THEN ST_Area({g}) ELSE ST_Length({g}) END"
#: every feature a polygon, or every one a line: weighed by its size (else by 1)
BY_SIZE = (
    "(bool_and(ST_Dimension(t__.gt) = 2) OR bool_and(CASE WHEN ST_Dimension(t__.gt) = 1 "
    "THEN GeometryType(t__.gt) IN ('LINESTRING', 'MULTILINESTRING') ELSE false END))"
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
    return _coverage_sql(q, t, src, types, spec, others, display)


def _coverage_sql(q: _Query, t: Target, src, types: dict, spec, others: dict, display: str):
    """``coverage`` as ``metrics._coverage``, without the union of all the buffers (one
    ST_Union of 200k buffers alone took 19–25 s): a buffer made with 16 segments a quarter
    circle holds the disc of radius d·cos(3π/128) about every point of its feature (its arcs
    are chords of the circle of radius d, each at most 1.5 sixteenths of a quarter), so a
    feature whose smallest enclosing circle lies in that disc about a point of an "of"
    feature is wholly inside — a sum of squares in a hash join on a grid, which settles most
    features. Only the rest are paired through a second grid with the "of" features near
    them, and their share measured exactly against those buffers (polygons: the union of the
    pieces inside each; lines: inside their union; points: in any). One read-only statement;
    each layer's geometry transformed once a row (``unnest(ARRAY[g__])``)."""
    import math

    sql = q.sql
    other, _ = _layer_sql(q, others["of"], t.of_where, display)
    d = float(t.distance or 0.0)
    # GEOS cuts an arc into a whole number of pieces, rounding: one piece may span 1.5 times
    # the quarter circle's 16th, so the disc sure to lie inside has radius d·cos(3π/128)
    # (a millionth less: the buffer's own rounding)
    r = d * math.cos(3 * math.pi / 128) * (1 - 1e-6)
    cc = max(r, 1.0)
    size = sql.SQL(SIZE.format(g="t__.gt"))
    if t.weight:
        _column(q, types, t.weight, spec.id)  # (it exists and is numeric)
        field = sql.SQL("{}::float8").format(sql.Identifier("s__", t.weight))  # (never one of ours)
        w = sql.SQL("coalesce({}, 0)").format(_finite(field, sql))
        total, wt = sql.SQL("sum({}) AS total").format(w), sql.SQL("u.w")
    else:
        w = sql.SQL("1.0")
        total = sql.SQL(
            "CASE WHEN " + BY_SIZE + " THEN sum({size}) ELSE count(*) END AS total, " + BY_SIZE + " AS bysize"
        ).format(size=size)
        wt = sql.SQL("CASE WHEN k.bysize THEN " + SIZE.format(g="u.g__") + " ELSE 1.0 END")
    number = sql.Literal
    op = sql.SQL(COVERAGE_POINTS if d > 0 else NO_POINTS).format(
        other=other, half=number(r / 2), cc=number(cc)
    )
    buf = sql.SQL("ST_Buffer(x__.og, {}, 'quad_segs=16')").format(number(d)) if d > 0 else sql.SQL("x__.og")
    return sql.SQL(COVERAGE).format(
        src=src,
        other=other,
        op=op,
        w=w,
        total=total,
        wt=wt,
        buf=buf,
        r=number(r),
        cc=number(cc),
        reach=number(d * 1.02 + 1e-9),
        c2=number(max(250.0, 4 * d)),
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
