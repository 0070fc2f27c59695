"""The floors of the code (README "How the code is laid out"): the import-linter contracts in
pyproject.toml hold, and they cover every module — a new core module or a new package must
be placed in a floor before the suite passes again."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "ecoviewer"


def contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def test_the_floors_hold():
    script = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert script, "import-linter is not installed (the test extras have it)"
    run = subprocess.run([script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert f"Contracts: {len(contracts())} kept, 0 broken." in run.stdout


def test_every_module_is_on_a_floor():
    layers = next(c for c in contracts() if c["type"] == "layers")["layers"]
    floors = {name.strip() for layer in layers for name in layer.split("|")}
    core = set(next(c for c in contracts() if c["name"].startswith("the core"))["source_modules"])
    packages = {
        f"ecoviewer.{p.name}" for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()
    }
    modules = {f"ecoviewer.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")}
    core_packages = packages & core  # the core's own packages (the readers)
    assert core_packages == {"ecoviewer.readers"}
    assert packages - core_packages == floors, "a package that is on no floor (or a floor that is gone)"
    assert modules | core_packages == core, "a core module the contract does not name (or one that is gone)"


def test_core_modules_import_without_qt():
    """Importing every core module pulls in neither Qt nor folium (a fresh interpreter)."""
    core = next(c for c in contracts() if c["name"].startswith("the core"))["source_modules"]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in core)
        + "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'folium', 'branca')]\nprint(bad)"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "[]"
    # and the page plans and the map page: no Qt (folium builds the page)
    plans = [f"ecoviewer.export.{p.stem}" for p in (PACKAGE / "export").glob("*.py")] + [
        f"ecoviewer.web.{p.stem}" for p in (PACKAGE / "web").glob("*.py")
    ]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in plans)
        + "print([m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')])"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stdout.strip() == "[]", run.stderr[-2000:]


def test_the_code_is_formatted():
    """`ruff format` is the code's layout (adopted in one commit, listed in
    .git-blame-ignore-revs): a file it would change fails here."""
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert ruff, "ruff is not installed (the test extras have it)"
    run = subprocess.run(
        [ruff, "format", "--check", "ecoviewer", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-1000:]
