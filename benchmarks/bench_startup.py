"""Cold start of the geodist commands, beside `python -c "import pyproj"`, measured in one run.

    python benchmarks/bench_startup.py [--runs 7]

Commands: the pair report (`geodist Iran Russia`), `geodist article Iran Russia`,
`geodist travel IKA SVO`, `geodist nearest Japan --top 5` and `geodist matrix --all`
(the last two answer from the precomputed tables). Each runs in a fresh interpreter (the wall time a person waits), several
times; the median is printed, with the ratio to the pyproj import alone (the floor:
geodist cannot start faster than the geodesic library it uses). It also checks that
the pair report imports neither geopandas nor matplotlib.

Cold starts depend on byte-compiled modules: run it against an installed wheel
(`pip install .`) with PYTHONDONTWRITEBYTECODE unset, or every process
recompiles geodist (about 70 ms).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def wall(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    python = sys.executable
    baseline = wall([python, "-c", "import pyproj"], runs)
    bare = wall([python, "-c", "pass"], runs)
    numpy_only = wall([python, "-c", "import numpy"], runs)
    floor = wall([python, "-c", "import numpy, shapely, pyproj"], runs)
    commands = {
        "geodist Iran Russia": ["Iran", "Russia"],
        "geodist article Iran Russia": ["article", "Iran", "Russia"],
        "geodist travel IKA SVO": ["travel", "IKA", "SVO"],
        "geodist nearest Japan --top 5": ["nearest", "Japan", "--top", "5"],
        "geodist matrix --all": ["matrix", "--all", "--csv"],
    }
    cold = {name: wall([python, "-m", "geodist", *argv], runs) for name, argv in commands.items()}
    heavy = subprocess.run(
        [
            python,
            "-c",
            "import sys, runpy; sys.argv=['geodist','Iran','Russia'];"
            "import geodist.cli as c; c.main(['Iran','Russia']);"
            "print(sorted(m for m in ('geopandas','matplotlib','folium','pandas','scipy') if m in sys.modules), file=sys.stderr)",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stderr.strip()
    print(f"median of {runs} cold runs each")
    print(f"  python -c pass                 {bare * 1e3:7.0f} ms")
    print(f"  python -c 'import pyproj'      {baseline * 1e3:7.0f} ms   (baseline)")
    print(f"  python -c 'import numpy'       {numpy_only * 1e3:7.0f} ms   ratio {numpy_only / baseline:.2f}x")
    print(
        f"  import numpy, shapely, pyproj  {floor * 1e3:7.0f} ms   ratio {floor / baseline:.2f}x"
        "  (what any geodist command imports: its floor today)"
    )
    for name, seconds in cold.items():
        print(f"  {name:<30} {seconds * 1e3:7.0f} ms   ratio {seconds / baseline:.2f}x the pyproj import")
    print(f"  heavy modules imported by the pair report: {heavy}")
    print("  goal (issue 12): the pair report within 1.5x the pyproj import")


if __name__ == "__main__":
    main()
