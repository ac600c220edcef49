r"""A throwaway local PostgreSQL/PostGIS cluster for the benchmarks, driven through ``psql``.

    with local_cluster() as pg:        # initdb in a temp dir, start, CREATE EXTENSION postgis
        pg.load_geographies("terr", ids, geometries)
        run = pg.timed_copy("SELECT ...", out_csv)

Local only: the server listens on a Unix socket in its temporary directory and on
no TCP address, with trust authentication for the local superuser; it is stopped
and its directory removed on leaving the ``with`` block, even on error. As root it
runs the server as the ``postgres`` user (``runuser -u postgres``), since
PostgreSQL refuses to run as root.

No Python database driver is needed: SQL goes to ``psql`` (the client of the
same PostgreSQL), geometries are loaded as hex WKB with ``\copy``, and results
come back as CSV files. The CPU time of a query is the server backend's own
(user + system, from ``/proc/<pid>/stat``, read just before and after the query
from inside the same session), so it does not include psql's or Python's.

Debian: ``apt-get install postgresql-15 postgresql-15-postgis-3`` (bookworm has
PostgreSQL 15 and PostGIS 3.3.2).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

PG_ROOT = Path("/usr/lib/postgresql")
"""Where Debian installs each PostgreSQL major version (``<major>/bin/initdb``)."""

PG_SHARE = Path("/usr/share/postgresql")
"""Where Debian installs extensions (``<major>/extension/postgis.control``)."""

PORT = 54329
"""Port number of the socket file's name (``.s.PGSQL.54329``); no TCP port is opened."""


def find_postgis() -> tuple[Path | None, str]:
    """The ``bin`` directory of the newest PostgreSQL with PostGIS installed, or None and why not."""
    if not PG_ROOT.is_dir():
        return None, "PostgreSQL is not installed (apt-get install postgresql-15 postgresql-15-postgis-3)"
    majors = sorted(
        (p for p in PG_ROOT.iterdir() if (p / "bin" / "initdb").exists()), key=_major, reverse=True
    )
    if not majors:
        return None, f"no initdb under {PG_ROOT} (apt-get install postgresql-15)"
    for major in majors:
        if (PG_SHARE / major.name / "extension" / "postgis.control").exists():
            return major / "bin", f"PostgreSQL {major.name}"
    return None, f"PostGIS is not installed (apt-get install postgresql-{majors[0].name}-postgis-3)"


def _major(path: Path) -> float:
    try:
        return float(path.name)
    except ValueError:
        return 0.0


@dataclass
class QueryRun:
    """One timed query: wall and backend CPU seconds."""

    wall_s: float
    cpu_s: float


class Cluster:
    """A running throwaway cluster; see :func:`local_cluster`."""

    def __init__(self, bindir: Path, root: Path) -> None:
        self.bindir = bindir
        self.root = root
        self.socket_dir = root / "socket"
        self.data_dir = root / "data"
        self._count = 0

    def _as_owner(self, *argv: str | Path) -> list[str]:
        command = [str(a) for a in argv]
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command

    def initdb_and_start(self) -> None:
        self.socket_dir.mkdir()
        self.data_dir.mkdir(mode=0o700)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            for path in (self.socket_dir, self.data_dir):
                shutil.chown(path, "postgres")
        subprocess.run(
            self._as_owner(
                self.bindir / "initdb", "-D", self.data_dir, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--no-instructions", "--locale=C",
            ),
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        options = (
            f"-c listen_addresses='' -k {self.socket_dir} -p {PORT} -c autovacuum=off"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c jit=off"
        )
        subprocess.run(
            self._as_owner(
                self.bindir / "pg_ctl", "-D", self.data_dir, "-l", self.root / "server.log", "-o", options, "-w",
                "start",
            ),
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        self.psql("CREATE EXTENSION postgis;")

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            subprocess.run(
                self._as_owner(self.bindir / "pg_ctl", "-D", self.data_dir, "-m", "immediate", "-w", "stop"),
                capture_output=True,
            )

    def version(self) -> str:
        return self.psql("SELECT version(), postgis_full_version();", tuples=True).strip()

    def psql(self, script: str, *, tuples: bool = False) -> str:
        """Run a psql script (SQL and backslash commands) in one session; its stdout."""
        self._count += 1
        path = self.root / f"script{self._count}.sql"
        path.write_text(script)
        argv = [
            self.bindir / "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.socket_dir, "-p", str(PORT),
            "-U", "postgres", "-d", "postgres", "-f", path,
        ]  # fmt: skip
        if tuples:
            argv[1:1] = ["-A", "-t"]
        done = subprocess.run([str(a) for a in argv], capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"psql failed ({done.returncode}): {done.stderr.strip()[:2000]}")
        return done.stdout

    def load_geographies(
        self, table: str, ids: Sequence[str], geometries: Sequence[shapely.Geometry]
    ) -> None:
        """A table ``table(k int, id text, geog geography)``: k is the position in ``ids``, geog from WKB (lon/lat)."""
        path = self.root / f"{table}.csv"
        hexes = shapely.to_wkb(np.asarray(geometries, dtype=object), hex=True)
        path.write_text("".join(f"{k},{i},{h}\n" for k, (i, h) in enumerate(zip(ids, hexes, strict=True))))
        self.psql(
            f"CREATE TABLE {table} (k int PRIMARY KEY, id text UNIQUE, geog geography);\n"
            f"\\copy {table} FROM '{path}' WITH (FORMAT csv)\n"
            f"ANALYZE {table};\n"
        )

    def load_points(self, table: str, lat: np.ndarray, lon: np.ndarray) -> None:
        """A table ``table(k int, lat float8, lon float8)`` of points, in order (degrees)."""
        path = self.root / f"{table}.csv"
        np.savetxt(
            path,
            np.column_stack([np.arange(len(lat)), lat, lon]),
            fmt=["%d", "%.17g", "%.17g"],
            delimiter=",",
        )
        self.psql(
            f"CREATE TABLE {table} (k int PRIMARY KEY, lat float8, lon float8);\n"
            f"\\copy {table} FROM '{path}' WITH (FORMAT csv)\n"
            f"ANALYZE {table};\n"
        )

    def timed_copy(self, query: str, out: Path) -> QueryRun:
        r"""Run ``query`` once in one backend, its rows to the CSV file ``out``; wall and backend CPU seconds.

        Wall time is psql's ``\timing`` of the ``COPY (query) TO STDOUT``, which
        includes sending the rows to psql and psql writing them out.
        """
        before, after = self.root / "cpu_before", self.root / "cpu_after"
        text = self.psql(
            "SELECT pg_backend_pid() AS backend \\gset\n"
            "\\setenv GEODIST_BENCH_BACKEND :backend\n"
            f"\\! cat /proc/$GEODIST_BENCH_BACKEND/stat > {before}\n"
            f"\\o {out}\n"
            "\\timing on\n"
            f"COPY ({query}) TO STDOUT WITH (FORMAT csv);\n"
            "\\timing off\n"
            "\\o\n"
            f"\\! cat /proc/$GEODIST_BENCH_BACKEND/stat > {after}\n"
        )
        return QueryRun(wall_s=_timing_s(text)[-1], cpu_s=_cpu_s(after) - _cpu_s(before))

    def timed_repeats(self, query: str, repeat: int) -> list[float]:
        r"""Wall seconds (psql ``\timing``) of ``query`` run ``repeat`` times in one session."""
        text = self.psql("\\o /dev/null\n\\timing on\n" + f"{query};\n" * repeat)
        return _timing_s(text)


def _timing_s(text: str) -> list[float]:
    found = [float(ms) / 1e3 for ms in re.findall(r"^Time: ([0-9.]+) ms", text, flags=re.MULTILINE)]
    if not found:
        raise RuntimeError(f"no timing in psql's output: {text[:500]!r}")
    return found


def _cpu_s(stat: Path) -> float:
    """User + system CPU seconds of a process from a copy of its ``/proc/<pid>/stat``."""
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime: fields 14, 15


@contextlib.contextmanager
def local_cluster() -> Iterator[Cluster]:
    """Start a throwaway PostGIS cluster in a temporary directory; stop and remove it on exit.

    Raises
    ------
    RuntimeError
        When PostgreSQL or PostGIS is not installed (the message says what to install).
    """
    bindir, why = find_postgis()
    if bindir is None:
        raise RuntimeError(why)
    root = Path(tempfile.mkdtemp(prefix="geodist-postgis-"))
    cluster = Cluster(bindir, root)
    try:
        try:
            cluster.initdb_and_start()
        except subprocess.CalledProcessError as error:
            log = root / "server.log"
            detail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(
                f"{error.cmd[-1]} failed: {(error.stderr or '').strip()[:2000]} {detail}"
            ) from error
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)
