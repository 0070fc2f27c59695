"""Every command form the README's command-line table shows, run as a user types it (the
installed ``ecoviewer`` script in a subprocess, from an unrelated folder), with every option
it names. The table is read from README.md: a new or changed row fails here until it has a
run of its own, so the README cannot promise a form nothing runs."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from .conftest import ROOT, SAMPLE

SCRIPT = Path(sys.executable).with_name("ecoviewer")
SCENES = 5
WATER = "水系 Water system"


def readme_forms() -> list[str]:
    """The first cell of each command row of the README's command-line table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    forms = re.findall(r"^\| `((?:ecoviewer|python -m ecoviewer)[^`]*)` \|", text, re.M)
    return [f.replace("\\|", "|") for f in forms]


def run(args, cwd, timeout=240, module=False):
    command = [sys.executable, "-m", "ecoviewer"] if module else [str(SCRIPT)]
    proc = subprocess.run(
        command + [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    return proc


def image_size(path: Path) -> tuple[int, int, int]:
    image = QImage(str(path))
    assert not image.isNull(), path
    return image.width(), image.height(), round(image.dotsPerMeterX() * 0.0254)


def pdf_points(path: Path) -> tuple[float, float]:
    from pypdf import PdfReader

    box = PdfReader(str(path)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def viewer(args, tmp_path) -> tuple[int, str, list[str]]:
    """``ecoviewer [PATH]`` offscreen: wait until the window's web page runs (the project
    was opened by then; its layers may still be loading), press Ctrl+C as a terminal
    would, and read the recent-projects list the window saved on closing."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    proc = subprocess.Popen(
        [str(SCRIPT), *map(str, args)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        # the page's renderer process is started by open_project, after Ctrl+C is handled
        while not _has_web_child(proc.pid):
            assert proc.poll() is None, proc.communicate()[1][-2000:]
            assert time.monotonic() < deadline, "the viewer never started its map page"
            time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    conf = next((tmp_path / "config").rglob("EcoViewer.conf"), None)
    recent = []
    if conf is not None:
        m = re.search(r"^recent=(.*)$", conf.read_text(encoding="utf-8"), re.M)
        recent = [p.strip() for p in m.group(1).split(",")] if m else []
    return proc.returncode, err, recent


def _has_web_child(pid: int) -> bool:
    for child in Path("/proc").glob("[0-9]*"):
        try:
            stat = (child / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and "QtWebEngine" in stat:
            return True
    return False


def check_viewer(tmp_path):
    code, err, recent = viewer([SAMPLE], tmp_path / "a")
    assert code == 0 and "Traceback" not in err, err
    assert str(SAMPLE) in recent
    # no PATH: the bundled sample
    code, err, recent = viewer([], tmp_path / "b")
    assert code == 0 and "Traceback" not in err, err
    assert recent and Path(recent[0]).name == "ecocity.toml" and Path(recent[0]).is_file()
    # a layer file: a new, unsaved project (not a recent project); nothing to report
    code, err, recent = viewer([SAMPLE.parent / "data" / "districts.geojson"], tmp_path / "c")
    assert code == 0 and "Traceback" not in err and "districts" not in err, err


def check_check(tmp_path):
    plain = run(["check", SAMPLE], tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert "districts" in plain.stdout and "起步区" in plain.stdout
    data = json.loads(run(["check", SAMPLE, "--json"], tmp_path).stdout)
    assert len(data["layers"]) >= 8 and all(r["ok"] for r in data["layers"])
    layer = SAMPLE.parent / "data" / "districts.geojson"
    one = json.loads(run(["check", layer, "--json"], tmp_path).stdout)
    [report] = one["layers"]
    assert report["features"] == 4 and report["sample"]["name"] == "起步区"


def check_targets(tmp_path):
    plain = run(["targets", SAMPLE], tmp_path)
    assert plain.returncode == 0 and "PM2.5年均浓度 / PM2.5 annual mean" in plain.stdout, plain.stderr
    rows = json.loads(run(["targets", SAMPLE, "--json"], tmp_path).stdout)
    assert {r["status"] for r in rows} <= {"met", "missed", "no-data", "error"}
    assert set(rows[0]) >= {"id", "title", "metric", "value", "unit", "op", "target", "year", "status"}


def check_export(tmp_path):
    # PNG at a size, a scene by number, title, English, chosen layers
    out = run(
        [
            "export",
            SAMPLE,
            "-o",
            "a.png",
            "--scene",
            "2",
            "--size",
            "800x500",
            "--title",
            "T",
            "--lang",
            "en",
            "--layers",
            "districts,shoreline",
        ],
        tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert image_size(tmp_path / "a.png") == (800, 500, 96)
    # a theme on A4 portrait at 150 dpi, the bare map, as PDF
    out = run(
        [
            "export",
            SAMPLE,
            "-o",
            "b.pdf",
            "--theme",
            WATER,
            "--paper",
            "A4",
            "--portrait",
            "--dpi",
            "150",
            "--map-only",
        ],
        tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert pdf_points(tmp_path / "b.pdf") == (595, 842)
    # A3 landscape at 100 dpi, a scene by title
    out = run(
        [
            "export",
            SAMPLE,
            "-o",
            "c.png",
            "--paper",
            "a3",
            "--landscape",
            "--dpi",
            "100",
            "--scene",
            "水系：河湖湾海 Water system",
        ],
        tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert image_size(tmp_path / "c.png") == (1654, 1169, 100)


def check_all_scenes(tmp_path):
    out = run(["export", SAMPLE, "--all-scenes", "scenes/new", "--format", "html"], tmp_path)
    assert out.returncode == 0, out.stderr
    files = sorted(p.name for p in (tmp_path / "scenes" / "new").iterdir())
    assert len(files) == SCENES and files[0].startswith("01-") and files[0].endswith(".html")
    out = run(["export", SAMPLE, "--all-themes", "themes", "--format", "png", "--size", "400x300"], tmp_path)
    assert out.returncode == 0, out.stderr
    pngs = sorted((tmp_path / "themes").glob("*.png"))
    assert len(pngs) >= 3 and all(image_size(p)[:2] == (400, 300) for p in pngs)


def check_html(tmp_path):
    out = run(["export", SAMPLE, "-o", "d.html", "--theme", WATER], tmp_path)
    assert out.returncode == 0, out.stderr
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org", "") and "<script src=" not in html
    out = run(["export", SAMPLE, "-o", "e.html", "--scene", "1"], tmp_path, module=True)
    assert out.returncode == 0 and (tmp_path / "e.html").stat().st_size > 10_000, out.stderr


RUNS = {
    "ecoviewer [PATH]": check_viewer,
    "ecoviewer check PATH [--json]": check_check,
    "ecoviewer targets PROJECT [--json]": check_targets,
    "ecoviewer export PROJECT -o OUT.{png,pdf,html} [--theme NAME | --scene NAME] "
    "[--size WxH | --paper A4|A3 [--landscape|--portrait] --dpi N] [--title TEXT] "
    "[--map-only] [--lang zh|en] [--layers id,…]": check_export,
    "ecoviewer export PROJECT --all-scenes DIR [--format png|pdf|html] […]": check_all_scenes,
    "ecoviewer export PROJECT -o OUT.html [--theme/--scene …]": check_html,
}


def test_the_readme_table_is_the_list_run_here():
    assert readme_forms() == list(RUNS)


@pytest.mark.parametrize("form", list(RUNS))
def test_readme_command_form(form, tmp_path):
    RUNS[form](tmp_path)


def test_the_screenshot_command_and_python_m(tmp_path):
    """The README's screenshot line and ``python -m ecoviewer`` as the same program."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    line = re.search(r"`(ecoviewer export layers/ecocity\.toml [^`]*)`", text).group(1)
    args = line.split()[1:]
    args[args.index("-o") + 1] = str(tmp_path / "shot.png")
    out = run(args, ROOT)
    assert out.returncode == 0, out.stderr
    assert image_size(tmp_path / "shot.png") == (1600, 1000, 96)
    version = run(["--version"], tmp_path, module=True)
    assert version.returncode == 0 and version.stdout.startswith("ecoviewer ")
