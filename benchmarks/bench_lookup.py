"""Country and place lookup, cold and warm, beside `import geodist` in the same run.

    python benchmarks/bench_lookup.py [--runs 9]

Cold: a fresh interpreter imports geodist, then times its first lookup of one
query (the data load included); the figure printed is that first lookup alone,
median of the runs, next to the median `import geodist` (the baseline in the same
processes). Queries: an English name (primary tier only), a code, a CLDR name in
another language (parses one shard of translations.jsonl), an ambiguous query (an error, with its
readings), a city for `geodist travel` (loads cities.csv). Warm: the same lookups
repeated in one process, per call.

Cold starts depend on byte-compiled modules: run it against an installed wheel
(`pip install .`) with PYTHONDONTWRITEBYTECODE unset, or every process
recompiles geodist (about 70 ms).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import timeit

QUERIES = {
    "English name 'Iran'": "geodist.country('Iran')",
    "code 'RUS'": "geodist.country('RUS')",
    "CLDR ru 'Россия'": "geodist.country('Россия')",
    "CLDR vi 'Nga' + language": "geodist.country('Nga', language='vi')",
    "ambiguous 'Nga' (error)": "_try(lambda: geodist.country('Nga'))",
    "travel city 'Paris, Texas'": "geodist.places.place('Paris, Texas')",
}

_COLD = """
import time, json
t0 = time.perf_counter()
import geodist, geodist.places
t1 = time.perf_counter()
def _try(f):
    try:
        f()
    except geodist.GeodistError:
        pass
{statement}
t2 = time.perf_counter()
print(json.dumps([t1 - t0, t2 - t1]))
"""


def cold(statement: str, runs: int) -> tuple[float, float]:
    """Median (import seconds, first lookup seconds) over fresh interpreters."""
    imports, firsts = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _COLD.format(statement=statement)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        imported, first = json.loads(out)
        imports.append(imported)
        firsts.append(first)
    return statistics.median(imports), statistics.median(firsts)


def warm(statement: str) -> float:
    """Seconds per call once everything is loaded (best of 5 repeats)."""
    import geodist
    import geodist.places

    def _try(f):  # mirrors the cold template
        with contextlib.suppress(geodist.GeodistError):
            f()

    env = {"geodist": geodist, "_try": _try}
    exec(statement, env)  # load once
    number = 200
    return min(timeit.repeat(statement, globals=env, number=number, repeat=5)) / number


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    print(f"median of {runs} fresh interpreters; warm: best of 5 x 200 calls")
    print(f"{'query':30}{'import geodist':>16}{'first lookup':>14}{'ratio':>8}{'warm':>12}")
    for name, statement in QUERIES.items():
        imported, first = cold(statement, runs)
        per_call = warm(statement)
        print(
            f"{name:30}{imported * 1e3:13.1f} ms{first * 1e3:11.1f} ms{first / imported:7.2f}x"
            f"{per_call * 1e6:9.1f} µs"
        )


if __name__ == "__main__":
    main()
