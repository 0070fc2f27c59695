"""EcoViewer as a user installs it: the wheel built from this checkout, installed into a
fresh virtual environment outside it, run from an unrelated folder. The page's JS/CSS, the
translations and the sample project must come with it (they live in the top-level
``resources/`` and ``layers/`` and are mapped into the package when it is built)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python, ecoviewer script, work folder) of a fresh venv holding only the wheel; the
    dependencies are the test environment's (a .pth line), not copies of them."""
    base = tmp_path_factory.mktemp("installed")
    wheels = base / "wheels"
    # built from a copy of the tracked files: pip builds in the source folder, and a stale
    # build/ there would put files into the wheel that the checkout no longer has
    source = base / "source"
    tracked = (
        subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = wheels.glob("ecoviewer-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # the test environment's packages (PySide6, GDAL…) without its editable EcoViewer: .pth
    # files inside an added folder are not run, so the checkout's finder stays out
    Path(purelib, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = base / "elsewhere"
    work.mkdir()
    return python, venv / "bin" / "ecoviewer", work, wheel


def run(args, cwd, timeout=300):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
    )


def test_the_wheel_carries_resources_and_the_sample(installed):
    *_, wheel = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "ecoviewer/resources/web/ecoviewer/00-state.js",
        "ecoviewer/resources/web/ecoviewer/90-page.js",
        "ecoviewer/resources/web/ecoviewer.css",
        "ecoviewer/resources/translations/ecoviewer_zh_CN.qm",
        "ecoviewer/sample/ecocity.toml",
        "ecoviewer/sample/data/green_buildings.gpkg",
        "ecoviewer/sample/data/garden_zones.dbf",
        "ecoviewer/resources/ecoviewer.svg",
        "ecoviewer/resources/ecoviewer.desktop",
    ):
        assert name in names, name
    assert not any(n.startswith(("tests/", "bench/")) for n in names)
    # nothing the checkout does not have (a stale build folder once added deleted files)
    for name in names:
        if name.startswith("ecoviewer/sample/"):
            assert (ROOT / "layers" / name[len("ecoviewer/sample/") :]).is_file(), name
        elif name.startswith("ecoviewer/resources/"):
            assert (ROOT / "resources" / name[len("ecoviewer/resources/") :]).is_file(), name
        elif name.startswith("ecoviewer/"):
            assert (ROOT / name).is_file(), name


def test_the_installed_app_works_from_an_unrelated_folder(installed):
    python, script, work, _ = installed
    where = run(
        [
            python,
            "-c",
            "import ecoviewer, json; print(json.dumps([str(ecoviewer.__file__),"
            " str(ecoviewer.RESOURCES), str(ecoviewer.SAMPLE_PROJECT)]))",
        ],
        work,
    )
    module, resources, sample = json.loads(where.stdout)
    assert not module.startswith(str(ROOT)), "the checkout's EcoViewer was imported"
    assert resources.startswith(str(Path(module).parent)) and Path(resources, "web").is_dir()
    assert Path(sample).is_file()

    check = run([script, "check", sample, "--json"], work)
    assert check.returncode == 0, check.stderr
    assert len(json.loads(check.stdout)["layers"]) == 13  # a basemap, 2 rasters, 10 vector layers
    targets = run([script, "targets", sample, "--json"], work)
    assert targets.returncode == 0, targets.stderr
    for suffix in (".png", ".pdf", ".html"):
        out = work / f"sample{suffix}"
        export = run([script, "export", sample, "-o", out, "--size", "800x500"], work)
        assert export.returncode == 0 and "Traceback" not in export.stderr, export.stderr
        assert out.stat().st_size > 10_000
    html = (work / "sample.html").read_text(encoding="utf-8")
    assert "ecoviewer.addLayer(" in html and "L.map(" in html  # our JS and Leaflet inlined
    zh = run(
        [
            python,
            "-c",
            "from ecoviewer.render.qtenv import application; application();"
            "from ecoviewer.app.i18n import install_language, tr;"
            "install_language('zh'); print(tr('Layers'))",
        ],
        work,
    )
    assert zh.stdout.strip() == "图层", zh.stderr
