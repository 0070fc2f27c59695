"""EcoViewer — offline desktop planning viewer for the Sino-Singapore Tianjin Eco-City.

The top-level package is the Qt-free core (project model, readers, CRS, styles).
``ecoviewer.web`` builds the map page (folium, still Qt-free); ``ecoviewer.app`` and
``ecoviewer.export`` are the Qt floor.
"""

from pathlib import Path

__version__ = "0.1.0"

#: Repository root when installed in development mode (``pip install -e .``).
ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
SAMPLE_PROJECT = ROOT / "layers" / "ecocity.toml"
