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

    def as_dict(self) -> dict:
        """The report as ``ecoviewer check --json`` writes it."""
        data = asdict(self)
        for key in ("encoding_how", "driver"):  # the window's, not the JSON contract's
            data.pop(key)
        if data["style_error"] is None:
            data.pop("style_error")
        return data


def describe_table(table: FeatureTable, layer_id: str, path: str, layer: str | None) -> LayerReport:
    """The report of a layer that was read."""
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


def failed(layer_id: str, path: str, layer: str | None, error: str) -> LayerReport:
    """The report of a layer that could not be read: its one line."""
    return LayerReport(id=layer_id, path=str(path), layer=layer, ok=False, error=error)


def describe_spec(spec, table: FeatureTable | None, error: str | None = None) -> LayerReport:
    """A project layer's report: read (``table``), or failed with ``error``. A style that
    cannot be applied to the data is a problem of a layer that reads."""
    from .styles import style_or_default

    if table is None:
        return failed(spec.id, spec.path, spec.layer, error or "not loaded")
    report = describe_table(table, spec.id, spec.path, spec.layer)
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
        for spec in project.layers:
            try:
                reports.append(describe_spec(spec, read_spec(spec)))
            except LayerError as exc:
                reports.append(failed(spec.id, spec.path, spec.layer, str(exc)))
        return reports
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
