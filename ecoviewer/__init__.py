"""EcoViewer — offline desktop planning viewer for the Sino-Singapore Tianjin Eco-City.

The top-level package is the Qt-free core (project model, readers, CRS, styles).
``ecoviewer.web`` builds the map page (folium, still Qt-free); ``ecoviewer.app`` and
``ecoviewer.export`` are the Qt floor.
"""

from importlib.resources import files
from pathlib import Path

__version__ = "0.1.0"

#: Repository root when installed in development mode (``pip install -e .``).
ROOT = Path(__file__).resolve().parent.parent


def _data_dir(packaged: str, source: str) -> Path:
    """A data folder: inside the installed package (a wheel, an sdist or ``pip install .``
    maps the top-level folder in at build time), else the checkout's own folder."""
    inside = Path(str(files(__name__) / packaged))
    return inside if inside.is_dir() else ROOT / source


#: the page's JS/CSS and the translations (``resources/`` in the checkout)
RESOURCES = _data_dir("resources", "resources")
#: the bundled sample project (``layers/`` in the checkout)
SAMPLE_PROJECT = _data_dir("sample", "layers") / "ecocity.toml"
