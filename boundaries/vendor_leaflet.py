"""Bundle Leaflet's script, style and licence for geodist's offline HTML maps.

Run from the repository root (needs ``npm``; nothing else)::

    python boundaries/vendor_leaflet.py

It fetches ``leaflet@1.9.4`` with ``npm pack``, checks the tarball's SHA-256
against the value below, and copies ``dist/leaflet.js``, ``dist/leaflet.css``
and ``LICENSE`` unchanged into ``boundaries/vendor/``. The files are copied byte
for byte, so a rebuild gives identical files. See ``boundaries/README.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import tarfile
import tempfile
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


def fetch(cache: Path) -> Path:
    """Download the pinned tarball into ``cache`` (once) and verify its SHA-256."""
    name, version, digest = LEAFLET
    cache.mkdir(parents=True, exist_ok=True)
    tgz = cache / f"{name}-{version}.tgz"
    if not tgz.exists():
        subprocess.run(
            ["npm", "pack", "--loglevel=warn", f"{name}@{version}", "--pack-destination", str(cache)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    actual = hashlib.sha256(tgz.read_bytes()).hexdigest()
    if actual != digest:
        raise SystemExit(f"{tgz}: sha256 {actual}, expected {digest}")
    return tgz


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
    """Fetch, verify and copy Leaflet into ``boundaries/vendor/``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cache", type=Path, help="folder for the downloaded tarball (default: a temporary one)"
    )
    args = parser.parse_args()
    if args.cache:
        vendor(fetch(args.cache), HERE / "vendor")
        return
    with tempfile.TemporaryDirectory() as tmp:
        vendor(fetch(Path(tmp)), HERE / "vendor")


if __name__ == "__main__":
    main()
