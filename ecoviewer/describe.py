"""What a layer is, said once: the facts ``ecoviewer check`` prints and the window's Layer
properties show (format, CRS, encoding, features, geometry, extent, fields, problems).

Both read a :class:`LayerReport`; each only lays it out (a terminal line, a form)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from .sources import FeatureTable, LayerError, list_layers, read_layer, read_spec, to_text

PROJECT_SUFFIXES = (".toml",)


@dataclass
class LayerReport:
    id: str
    path: str
    layer: str | None
    ok: bool
    features: int = 0
    geometry_types: list[str] = field(default_factory=list)
    crs: str | None = None
    crs_assumed: bool = False
    encoding: str | None = None
    encoding_how: str = ""
    driver: str = ""
    bounds: tuple | None = None
    fields: list[str] = field(default_factory=list)
    sample: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    error: str | None = None
    style_error: str | None = None
    kind: str = "vector"  # "vector", "raster" or "basemap"
    #: a raster's size, bands, data type, nodata, overviews; a basemap's format, zoom range,
    #: tile source and attribution
    details: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        """The report as ``ecoviewer check --json`` writes it."""
        data = asdict(self)
        for key in ("encoding_how", "driver"):  # the window's, not the JSON contract's
            data.pop(key)
        if data["style_error"] is None:
            data.pop("style_error")
        if self.kind == "vector":
            data.pop("kind")
            data.pop("details")
        return data

    def summary(self) -> str:
        """What the layer is, in one line after its name (``ecoviewer check``)."""
        d = self.details
        if self.kind == "raster":
            size = f"{d['width']:,} × {d['height']:,} px"
            bands = f"{d['bands']} band{'s' if d['bands'] != 1 else ''} {d['dtype']}"
            nodata = f"nodata {d['nodata']:g}" if d["nodata"] is not None else "no nodata"
            overviews = (
                "overviews " + "/".join(map(str, d["overviews"])) if d["overviews"] else "no overviews"
            )
            assumed = " (assumed)" if self.crs_assumed else ""
            return f"raster {size}, {bands}, {self.crs}{assumed}, {nodata}, {overviews}"
        if self.kind == "basemap":
            zooms = f"zoom {d['minzoom']}–{d['maxzoom']}"
            source = {
                "mbtiles": "MBTiles",
                "pmtiles": "PMTiles",
                "folder": f"{d['scheme'].upper()} tile folder",
            }
            return f"basemap, {source[d['source']]} of {d['format'].upper()} tiles, {zooms}"
        return (
            f"{self.features} features, {'/'.join(self.geometry_types) or 'no geometry'}, "
            f"{self.crs}{' (assumed)' if self.crs_assumed else ''}, {self.encoding or 'encoding n/a'}"
        )


def describe_table(table: FeatureTable, layer_id: str, path: str, layer: str | None) -> LayerReport:
    """The report of a layer that was read."""
    if getattr(table, "kind", "") == "raster":
        return describe_raster(table, layer_id, path)
    sample = {k: to_text(v) for k, v in table.attributes(0).items()} if len(table) else {}
    return LayerReport(
        id=layer_id,
        path=str(path),
        layer=layer,
        ok=True,
        features=len(table),
        geometry_types=list(table.geometry_types),
        crs=table.crs_label,
        crs_assumed=table.crs_assumed,
        encoding=table.encoding,
        encoding_how=table.encoding_how or "",
        driver=table.driver or "",
        bounds=table.bounds,
        fields=list(table.fields),
        sample=sample,
        problems=list(table.problems),
    )


def describe_raster(r, layer_id: str, path: str) -> LayerReport:
    return LayerReport(
        id=layer_id,
        path=str(path),
        layer=None,
        ok=True,
        crs=r.crs_label,
        crs_assumed=r.crs_assumed,
        driver=r.driver,
        bounds=r.bounds,
        problems=list(r.problems),
        style_error=r.style_error,
        kind="raster",
        details={
            "width": r.width,
            "height": r.height,
            "bands": r.count,
            "dtype": r.dtype,
            "nodata": r.nodata,
            "overviews": list(r.overviews),
            "units": list(r.units),
        },
    )


def describe_basemap(base, basemap_id: str, path: str) -> LayerReport:
    problems = list(base.problems)
    if base.bad_tiles:
        problems.append(f"{base.bad_tiles} tiles are not images (left out)")
    return LayerReport(
        id=basemap_id,
        path=str(path),
        layer=None,
        ok=True,
        crs="WGS 84 / Pseudo-Mercator (EPSG:3857)",
        driver=base.kind,
        bounds=base.bounds,
        problems=problems,
        kind="basemap",
        details={
            "source": base.kind,
            "format": base.format,
            "minzoom": base.minzoom,
            "maxzoom": base.maxzoom,
            "scheme": base.scheme,
            "attribution": base.attribution,
            "name": base.name,
        },
    )


def basemap_report(spec) -> LayerReport:
    """A project basemap's report (opened to read its metadata and one tile)."""
    from .basemaps import BasemapError, open_basemap

    try:
        base = open_basemap(spec.source, spec.path, spec.scheme)
    except BasemapError as exc:
        return failed(spec.id, spec.path, None, str(exc), kind="basemap")
    return describe_basemap(base, spec.id, spec.path)


def failed(layer_id: str, path: str, layer: str | None, error: str, kind: str = "vector") -> LayerReport:
    """The report of a layer that could not be read: its one line."""
    return LayerReport(id=layer_id, path=str(path), layer=layer, ok=False, error=error, kind=kind)


def describe_spec(spec, table: FeatureTable | None, error: str | None = None) -> LayerReport:
    """A project layer's report: read (``table``), or failed with ``error``. A style that
    cannot be applied to the data is a problem of a layer that reads."""
    from .styles import style_or_default

    if table is None:
        return failed(spec.id, spec.path, spec.layer, error or "not loaded")
    report = describe_table(table, spec.id, spec.path, spec.layer)
    if report.kind == "raster":
        return report
    problem = style_or_default(spec, list(table.fields))[1]
    if problem:
        report.problems.append(problem)
        report.style_error = problem
    return report


def check_reports(target: str) -> list[LayerReport]:
    """One report per layer of a project, or per sub-layer of a single file."""
    from .project import ProjectError, load_project

    path = Path(target)
    reports = []
    if path.suffix.lower() in PROJECT_SUFFIXES:
        try:
            project = load_project(path)
        except ProjectError as exc:
            return [failed(path.stem, target, None, str(exc))]
        reports += [basemap_report(spec) for spec in project.basemaps]
        from .joins import apply_joins

        for spec in project.layers:
            try:
                table = read_spec(spec)
                if project.joins and getattr(table, "kind", "") != "raster":
                    apply_joins(project.joins, spec.id, table, project.base_dir)
                reports.append(describe_spec(spec, table))
            except LayerError as exc:
                reports.append(failed(spec.id, spec.path, spec.layer, str(exc)))
        return reports
    from .basemaps import is_basemap_path

    if is_basemap_path(path):
        from .project import BasemapSpec

        return [basemap_report(BasemapSpec(id=path.stem, path=target, base_dir=Path.cwd()))]
    try:
        names = list_layers(path, target)
    except LayerError as exc:
        return [failed(path.stem, target, None, str(exc))]
    for name in names:
        layer_id = path.stem if len(names) == 1 else f"{path.stem}:{name}"
        try:
            table = read_layer(path, layer=name, display=target, layer_id=layer_id)
            reports.append(describe_table(table, layer_id, target, name))
        except LayerError as exc:
            reports.append(failed(layer_id, target, name, str(exc)))
    return reports
