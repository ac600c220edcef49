"""OpenStreetMap country boundaries for geodist, as a data file: :data:`DATA_FILE`.

geodist reads it with ``data="osm"`` (``--data osm`` at the command line). The
data are derived from OpenStreetMap (© OpenStreetMap contributors) via npm
``@geo-maps/countries-coastline-10m`` 0.6.0 and published under the Open
Database License 1.0 (see LICENSE); this module's code is MIT, as geodist's.
"""

from pathlib import Path

__all__ = ["ATTRIBUTION", "DATA_FILE"]

DATA_FILE = Path(__file__).resolve().parent / "territories.npz"
"""The data set: see geodist's ``boundaries/build_osm.py`` (``write_osm``) for its format."""

ATTRIBUTION = "© OpenStreetMap contributors, ODbL 1.0, via geo-maps 0.6.0"
