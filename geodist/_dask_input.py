"""Whether an input is a Dask collection, without importing Dask.

geodist's functions hand dask-geopandas and dask.dataframe inputs to
:mod:`geodist.on_dask`. A Dask collection cannot exist unless Dask has been
imported, so the test looks in ``sys.modules`` first: with Dask absent or
unused, nothing is imported and the cost is one dictionary lookup.
"""

from __future__ import annotations

import sys

__all__ = ["is_dask"]


def is_dask(*values: object) -> bool:
    """True if any of ``values`` is a Dask collection (a dask Series, DataFrame, array, Delayed...)."""
    dask = sys.modules.get("dask")
    is_collection = getattr(dask, "is_dask_collection", None)
    return is_collection is not None and any(is_collection(v) for v in values)
