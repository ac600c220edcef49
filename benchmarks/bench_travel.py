"""Benchmark travel time and the article; prints figures and ratios against baselines run here.

    python benchmarks/bench_travel.py

1. ``travel_time(leg, mode="airliner")`` on a ready Distance, beside the same
   block-time formula written as bare arithmetic (the floor: what the result
   object, the assumptions and the sources cost on top).
2. ``travel_time("3034.15 mi", "560 mph")`` (the article's method, strings
   parsed), beside the bare division.
3. ``geodist.article("Iran", "Russia")``: the first call in this process (data
   load included) and warm calls, beside the distances it is built from computed
   directly (nearest border, capitals, centre points, and the capitals' airports).
Cold starts of ``geodist article`` and ``geodist travel`` are in bench_startup.py.
"""

from __future__ import annotations

import statistics
import time

from bench_distance import timed

import geodist
from geodist.places import airport
from geodist.travel import MODES, icao_routing_extension_m, travel_time


def per_call_us(fn, calls: int = 20_000) -> float:
    """Best of 5 batches, microseconds per call."""
    best = min(timed(lambda: [fn() for _ in range(calls)], 5))
    return best / calls * 1e6


def main() -> None:
    t0 = time.perf_counter()
    report = geodist.article("Iran", "Russia")
    first_article = time.perf_counter() - t0

    leg = geodist.distance(airport("IKA").location, airport("SVO").location)
    narrow = MODES["narrow-body"]
    speed = narrow.speed.metres_per_second

    def bare_block() -> float:
        metres = leg.distance_m
        return narrow.overhead_s + (metres + icao_routing_extension_m(metres)) / speed

    assert abs(bare_block() - travel_time(leg, mode="airliner").total_s) < 1e-9
    model_us = per_call_us(lambda: travel_time(leg, mode="airliner"))
    bare_us = per_call_us(bare_block)
    print(
        f"travel_time(leg, mode='airliner')    {model_us:6.2f} µs/call   bare formula  {bare_us:5.2f} µs"
        f"   ratio {model_us / bare_us:.0f}x   ({travel_time(leg, mode='airliner')})"
    )

    plain_us = per_call_us(lambda: travel_time("3034.15 mi", "560 mph"))
    miles, mph = 3034.15, 560.0
    division_us = per_call_us(lambda: miles / mph * 3600.0)
    print(
        f"travel_time('3034.15 mi', '560 mph') {plain_us:6.2f} µs/call   bare division {division_us:5.2f} µs"
        f"   ratio {plain_us / division_us:.0f}x"
    )

    warm = statistics.median(timed(lambda: geodist.article("Iran", "Russia"), 50))

    def parts() -> None:
        for method in ("border", "capital", "centre"):
            geodist.distance("Iran", "Russia", method)
        geodist.distance(airport("IKA").location, airport("SVO").location)

    parts_s = statistics.median(timed(parts, 50))
    print(f"article('Iran', 'Russia')   first call {first_article * 1e3:6.0f} ms (data load included)")
    print(
        f"                            warm {warm * 1e3:9.2f} ms   its distances alone {parts_s * 1e3:.2f} ms"
        f"   ratio {warm / parts_s:.2f}x   ({report.centre_km:,.0f} km, {report.hours_at_560_mph:.2f} h)"
    )


if __name__ == "__main__":
    main()
