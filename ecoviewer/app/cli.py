"""Command line: ``ecoviewer [PATH]``, ``ecoviewer check PATH [--json]``,
``ecoviewer targets PROJECT [--json]``,
``ecoviewer export PROJECT -o OUT.{png,pdf,html} [--theme NAME | --scene NAME]
[--all-scenes DIR] [--size WxH | --paper A4|A3 [--landscape|--portrait] --dpi N]
[--title TEXT] [--map-only]``.

Exit status: 0 success, 1 a data problem (one line per problem on stderr, never a
traceback), 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import SAMPLE_PROJECT, __version__

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: one line + exit 2
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _short_text(value: str, limit: int = 40) -> str:
    from ..validate import cut

    return cut(" ".join(str(value).split()), limit)


def _err(message: str) -> None:
    print(message.replace("\n", " "), file=sys.stderr)


# -- check -----------------------------------------------------------------------------------


def cmd_check(args) -> int:
    from ..describe import check_reports

    reports = check_reports(args.path)
    if args.json:
        print(json.dumps({"layers": [r.as_dict() for r in reports]}, ensure_ascii=False, indent=1))
    else:
        for r in reports:
            if not r.ok:
                continue
            sub = f" [{r.layer}]" if r.layer and r.layer != Path(r.path).stem else ""
            print(f"ok    {r.id}: {r.path}{sub} — {r.summary()}")
            if r.details.get("attribution"):
                print(f"      attribution {_short_text(r.details['attribution'], 80)}")
            if r.bounds:
                print("      bounds " + ", ".join(f"{v:.5f}" for v in r.bounds))
            if r.fields:
                print(f"      fields {', '.join(r.fields)}")
            if r.sample:
                row = "; ".join(f"{k}={_short_text(v)}" for k, v in r.sample.items())
                print(f"      first  {row}")
            for problem in r.problems:
                print(f"      ! {problem}")
    for r in reports:
        if not r.ok:
            _err(r.error)
        elif r.style_error:
            _err(r.style_error)
    bad = any(not r.ok or r.style_error for r in reports)
    return EXIT_DATA if bad else EXIT_OK


# -- targets ----------------------------------------------------------------------------------


def cmd_targets(args) -> int:
    from ..project import ProjectError, load_project, localized
    from ..sources import read_project_layers
    from ..targets import STATUS_ERROR, evaluate_targets

    try:
        project = load_project(args.project)
    except ProjectError as exc:
        _err(str(exc))
        return EXIT_DATA
    tables, errors = read_project_layers(project)
    for message in errors.values():
        _err(message)
    results = evaluate_targets(project, tables)
    if args.in_database:  # what the database can answer, it answers (SQL in the metric CRS)
        from ..pushdown import in_database

        results, problems = in_database(project, results)
        for line in problems:
            _err(line)
    bad = [r for r in results if r.status == STATUS_ERROR]
    for r in bad:
        _err(r.error or f"target '{r.id}': cannot be evaluated")
    for r in results:
        if r.series_error:
            _err(r.series_error)
    if args.json:
        print(json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=1))
    else:
        for r in results:
            if r.status == STATUS_ERROR:
                continue
            t = r.target
            print(
                f"{r.status:8s} {localized(t.title, 'zh')} / {localized(t.title, 'en')}: "
                f"{r.value_with_unit()} (target {r.target_text()}"
                f"{f' by {t.year}' if t.year else ''})"
                f"{'' if t.verified else '  [sample / unverified]'}"
                f"{f'  {r.trend}' if t.has_series else ''}"
            )
    return EXIT_DATA if bad else EXIT_OK


# -- export ----------------------------------------------------------------------------------


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1600x1000, not {text!r}") from None
    from ..export.layout import MAX_PIXELS, MIN_PIXELS

    if not (MIN_PIXELS <= w <= MAX_PIXELS and MIN_PIXELS <= h <= MAX_PIXELS):
        raise argparse.ArgumentTypeError(
            f"width and height must be between {MIN_PIXELS} and {MAX_PIXELS} pixels"
        )
    return w, h


def _export_options(args):
    from ..export.layout import LayoutError, check_dpi
    from ..render.snapshot import ExportOptions

    if args.paper and args.size:
        raise LayoutError("give --size or --paper, not both")
    if args.dpi is not None:
        check_dpi(args.dpi)
    return ExportOptions(
        size=args.size,
        paper=args.paper,
        landscape=not args.portrait,
        dpi=args.dpi,
        title=args.title,
        map_only=args.map_only,
        lang=args.lang,
    )


def cmd_export(args) -> int:
    from ..export.layout import LayoutError
    from ..project import ProjectError, load_project
    from ..sources import read_project_layers

    batch = args.all_scenes or args.all_themes
    if args.all_scenes and args.all_themes:
        _err("ecoviewer export: give --all-scenes or --all-themes, not both")
        return EXIT_USAGE
    if args.theme and args.scene:
        _err("ecoviewer export: give --theme or --scene, not both")
        return EXIT_USAGE
    if batch and (args.theme or args.scene):
        _err("ecoviewer export: --all-scenes/--all-themes export every one; drop --theme/--scene")
        return EXIT_USAGE
    if not batch and not args.output:
        _err("ecoviewer export: say where to write: -o OUT.png|.pdf|.html (or --all-scenes DIR)")
        return EXIT_USAGE
    if batch and args.output:
        _err(
            "ecoviewer export: -o names one file; --all-scenes/--all-themes write one per "
            "scene or theme into their folder (drop -o, use --format)"
        )
        return EXIT_USAGE
    if args.output and args.format_given:
        _err(
            "ecoviewer export: --format is for --all-scenes/--all-themes; with -o the file "
            "name's ending says the format"
        )
        return EXIT_USAGE
    if (args.portrait or args.landscape) and not args.paper:
        _err("ecoviewer export: --portrait/--landscape need --paper A4|A3 (--size is WxH)")
        return EXIT_USAGE
    suffix = Path(args.output).suffix.lower() if args.output else f".{args.format}"
    if suffix not in (".png", ".pdf", ".html"):
        _err(f"ecoviewer export: {Path(args.output).name}: the output must end in .png, .pdf or .html")
        return EXIT_USAGE
    folder = Path(batch) if batch else Path(args.output).parent
    if not folder.is_dir() and not (batch and not folder.exists()):
        _err(f"ecoviewer export: {folder}: folder does not exist")
        return EXIT_USAGE
    try:
        options = _export_options(args)
        if suffix != ".html":
            from ..export.layout import plan_page

            plan_page(*options.page(), options.map_only)  # a page that cannot be laid out
    except LayoutError as exc:
        _err(f"ecoviewer export: {exc}")
        return EXIT_USAGE
    try:
        project = load_project(args.project)
    except ProjectError as exc:
        _err(str(exc))
        return EXIT_DATA
    if args.theme and args.theme not in [t["name"] for t in project.themes]:
        names = "; ".join(t["name"] for t in project.themes) or "none"
        _err(f"ecoviewer export: no theme {args.theme!r} in {Path(args.project).name} (themes: {names})")
        return EXIT_USAGE
    if args.scene and not any(
        args.scene in (s.get("title"), str(i)) for i, s in enumerate(project.scenes, 1)
    ):
        titles = "; ".join(str(s.get("title")) for s in project.scenes) or "none"
        _err(f"ecoviewer export: no scene {args.scene!r} in {Path(args.project).name} (scenes: {titles})")
        return EXIT_USAGE
    if args.layers:
        layer_ids = [s.strip() for s in args.layers.split(",") if s.strip()]
        known = {spec.id for spec in project.layers}
        unknown = [i for i in layer_ids if i not in known]
        if unknown:
            _err(
                f"ecoviewer export: no layer {', '.join(unknown)} in {Path(args.project).name} "
                f"(it has {', '.join(sorted(known))})"
            )
            return EXIT_USAGE
        for spec in project.layers:
            spec.visible = spec.id in layer_ids
    if batch and not folder.exists():
        try:  # a batch makes its folder (as QGIS's atlas export does), once all is checked
            folder.mkdir(parents=True)
        except OSError as exc:
            _err(f"ecoviewer export: {folder}: cannot create the folder ({exc.strerror})")
            return EXIT_DATA
    tables, errors = read_project_layers(project)
    for message in errors.values():
        _err(message)
    from ..describe import describe_spec

    # a style that cannot be applied is said (the layer is drawn with the default style)
    problems = [describe_spec(s, tables[s.id]).style_error for s in project.layers if s.id in tables]
    problems = [p for p in problems if p]
    for message in problems:
        _err(message)
    import datetime as dt

    from ..render.snapshot import ExportError, export_batch, export_page, select
    from ..targets import STATUS_ERROR, evaluate_targets
    from ..web.page import INLINE_LIMIT

    evaluated, results = dt.datetime.now(), evaluate_targets(project, tables)
    bad_targets = [r for r in results if r.status == STATUS_ERROR]
    for r in bad_targets:
        _err(f"{r.error or f'target {r.id!r}: cannot be evaluated'}; left out of the export")

    if suffix == ".html":
        for spec in project.layers:
            if spec.id in tables and len(tables[spec.id]) > INLINE_LIMIT:
                _err(
                    f"{spec.path}: {len(tables[spec.id]):,} features are too many for one "
                    "offline HTML file; left out (export a PNG for it)"
                )
    try:
        if batch:
            infos = export_batch(
                project,
                tables,
                folder,
                suffix,
                options,
                kind="scenes" if args.all_scenes else "themes",
                results=results,
                evaluated=evaluated,
            )
        else:
            selection = (
                select(project, theme=args.theme, scene=args.scene, lang=options.lang)
                if (args.theme or args.scene)
                else None
            )
            infos = [
                export_page(
                    project,
                    tables,
                    args.output,
                    options,
                    selection=selection,
                    results=results,
                    evaluated=evaluated,
                )
            ]
    except ExportError as exc:
        _err(f"ecoviewer export: {exc}")
        return EXIT_DATA
    for info in infos:
        size = (
            f" {info.geometry.width}×{info.geometry.height} px at {info.geometry.dpi} dpi"
            if info.geometry
            else ""
        )
        print(f"wrote {info.path}{size} in {info.seconds:.1f} s")
    return EXIT_DATA if errors or problems or bad_targets else EXIT_OK


# -- viewer ----------------------------------------------------------------------------------


def cmd_view(path: str | None) -> int:
    import signal

    # Ctrl+C while Qt and the window start up (seconds): remembered, and the window closes
    # as soon as it runs, instead of a KeyboardInterrupt traceback from inside Qt's imports
    interrupted: list[int] = []
    signal.signal(signal.SIGINT, lambda *_: interrupted.append(1))
    from .main import run_viewer

    return run_viewer(path or str(SAMPLE_PROJECT), interrupted)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ecoviewer",
        description="EcoViewer — offline planning viewer for the Sino-Singapore Tianjin Eco-City.",
        usage="ecoviewer [PATH]  (the viewer; PATH: a project .toml or a layer "
        "file; default: the bundled sample)\n"
        "       ecoviewer {check,targets,export} …",
        epilog="Exit status: 0 success, 1 a data problem (one line per problem on stderr), 2 a usage error.",
    )
    parser.add_argument("--version", action="version", version=f"ecoviewer {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    p = sub.add_parser("check", help="read a project or a layer file and report what was found")
    p.add_argument("path")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("targets", help="evaluate the project's planning targets")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="a JSON array on stdout")
    p.add_argument(
        "--in-database",
        action="store_true",
        help="targets whose layers are all on one PostGIS connection are evaluated by the database",
    )
    p.set_defaults(func=cmd_targets)
    p = sub.add_parser("export", help="export a map snapshot (PNG or PDF page, offline HTML), headless")
    p.add_argument("project")
    p.add_argument("-o", "--output", help="OUT.png, OUT.pdf or OUT.html")
    which = p.add_argument_group("what to show (default: the project as saved)")
    which.add_argument("--theme", help="a map theme's name")
    which.add_argument("--scene", help="a scene's title or number (1 = first)")
    which.add_argument("--all-scenes", metavar="DIR", help="every scene to its own file in DIR")
    which.add_argument("--all-themes", metavar="DIR", help="every theme to its own file in DIR")
    which.add_argument(
        "--format",
        choices=("png", "pdf", "html"),
        default=None,
        help="file type for --all-scenes/--all-themes (default png)",
    )
    which.add_argument("--layers", help="comma-separated layer ids to show")
    page = p.add_argument_group("page")
    page.add_argument("--size", type=_size, help="WxH in pixels (default 1600x1000)")
    page.add_argument("--paper", choices=("A4", "A3", "a4", "a3"), help="paper size")
    orient = page.add_mutually_exclusive_group()
    orient.add_argument("--landscape", action="store_true", help="paper across (default)")
    orient.add_argument("--portrait", action="store_true", help="paper upright")
    page.add_argument("--dpi", type=int, help="dots per inch (default 300 on paper, 96 otherwise)")
    page.add_argument("--title", help="title over the map (default: the project's name)")
    page.add_argument("--map-only", action="store_true", help="the bare map, no layout")
    page.add_argument("--lang", choices=("zh", "en"), default="zh", help="layout language")
    p.set_defaults(func=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or (argv[0] not in ("check", "targets", "export") and not argv[0].startswith("-")):
        if len(argv) > 1:
            parser.error("the viewer takes at most one PATH")
        return cmd_view(argv[0] if argv else None)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.error("nothing to do")
    if args.command == "export":
        args.format_given = args.format is not None
        args.format = args.format or "png"
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
