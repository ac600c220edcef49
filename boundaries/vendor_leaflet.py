"""Bundle Leaflet's script, style and licence for geodist's offline HTML maps.

Run from the repository root (needs ``npm``; nothing else)::

    python boundaries/vendor_leaflet.py      # [--cache DIR], as build.py, which also runs it

It fetches ``leaflet@1.9.4`` with ``npm pack``, checks the tarball's SHA-256
against the value below, and copies ``dist/leaflet.js``, ``dist/leaflet.css``
and ``LICENSE`` unchanged into ``boundaries/vendor/``. The files are copied byte
for byte, so a rebuild gives identical files. See ``boundaries/README.md``.
"""

from __future__ import annotations

import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LEAFLET = ("leaflet", "1.9.4", "84c65a256e50657896f54c33bd857b6849ebe94c817803be818bf32a3dde0b77")
"""npm name, version and SHA-256 of the tarball ``npm pack leaflet@1.9.4`` downloads."""
FILES = {
    "package/dist/leaflet.js": "leaflet.js",
    "package/dist/leaflet.css": "leaflet.css",
    "package/LICENSE": "LICENSE-leaflet.txt",
}
"""Tarball member -> file name under ``boundaries/vendor/``."""


def vendor(tgz: Path, out_dir: Path) -> None:
    """Copy the bundled members of the tarball into ``out_dir`` unchanged."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tgz) as tar:
        for member, target in FILES.items():
            extracted = tar.extractfile(member)
            if extracted is None:
                raise SystemExit(f"{tgz}: {member} is missing")
            (out_dir / target).write_bytes(extracted.read())


def main() -> None:
    """Fetch, verify and copy Leaflet into ``boundaries/vendor/`` (``python boundaries/build.py`` does it too)."""
    import build  # the data build: its npm fetch (pinned SHA-256) and cache option

    vendor(build.fetch_npm(build.cache_argument(__doc__.splitlines()[0]), LEAFLET), HERE / "vendor")


if __name__ == "__main__":
    main()
