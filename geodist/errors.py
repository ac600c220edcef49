"""The geodist exception hierarchy.

Every error geodist raises on purpose derives from :class:`GeodistError`, and
each subclass also inherits the builtin a caller would expect, so that
``except LookupError`` or ``except ValueError`` keeps working.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AmbiguousCountryError",
    "AmbiguousPlaceError",
    "CoordinateError",
    "DataError",
    "GeodistError",
    "GeometryError",
    "InputTypeError",
    "LanguageError",
    "MethodError",
    "MissingExtraError",
    "NoTerritoryError",
    "OutputFormatError",
    "OutputPathError",
    "SpeedError",
    "UnitError",
    "UnknownAirportError",
    "UnknownCountryError",
    "UnknownPlaceError",
]


class GeodistError(Exception):
    """Root of every error geodist raises on purpose."""


class UnknownCountryError(GeodistError, LookupError):
    """A country query matched nothing.

    Attributes
    ----------
    query : str
        The text as given.
    suggestions : tuple of str
        The closest known names, best first (may be empty).
    """

    def __init__(self, query: str, suggestions: Sequence[str] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        message = f"unknown country {query!r}"
        if self.suggestions:
            message += "; did you mean " + _or_list(self.suggestions) + "?"
        super().__init__(message)


class AmbiguousCountryError(GeodistError, LookupError):
    """A country query matched several countries equally well.

    Attributes
    ----------
    query : str
        The text as given.
    candidates : tuple of str
        Every matching country, as "Name (ISO alpha-2)".

    reasons : tuple of str
        How the query reads as each candidate ("NGA is the ISO 3166-1 alpha-3
        code of Nigeria (NG)"), where the readings differ by kind or language.
    hint : str or None
        How to settle it.
    """

    def __init__(
        self, query: str, candidates: Sequence[str], reasons: Sequence[str] = (), hint: str | None = None
    ) -> None:
        self.query = query
        self.candidates = tuple(candidates)
        self.reasons = tuple(reasons)
        self.hint = hint
        shown = query if len(query) <= 60 else query[:59] + "…"
        if self.reasons and len(self.reasons) >= len(self.candidates):
            message = f"{shown!r} is ambiguous: " + "; ".join(self.reasons)
        else:
            message = f"{shown!r} is ambiguous: it could be " + _or_list(self.candidates)
        super().__init__(message + (f"; {hint}" if hint else ""))


class UnknownAirportError(GeodistError, LookupError):
    """No airport has the given IATA or ICAO code."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"unknown airport code {code!r}; give an IATA (3 letters) or ICAO (4 letters) code")


class UnknownPlaceError(GeodistError, LookupError):
    """A place to travel from or to matched no airport, country, city or point."""


class AmbiguousPlaceError(GeodistError, LookupError):
    """A place name or code means several places (IRN: an airport in Honduras, and Iran)."""


class NoTerritoryError(GeodistError, LookupError):
    """A real ISO 3166 entity that has no territory of its own in the data.

    Natural Earth's admin-0 layer draws some ISO 3166 entities (French Guiana,
    Svalbard, ...) as part of another country.

    Attributes
    ----------
    query : str
        The text as given.
    part_of : str
        The country whose territory includes it, as "Name (ISO alpha-2)".
    """

    def __init__(self, query: str, name: str, part_of: str) -> None:
        self.query = query
        self.part_of = part_of
        super().__init__(
            f"{name} has no territory of its own in the bundled Natural Earth data:"
            f" it is drawn as part of {part_of}; query that country instead"
        )


class LanguageError(GeodistError, ValueError):
    """A language hint is not a language code of the name index."""


class CoordinateError(GeodistError, ValueError):
    """A latitude or longitude is out of range or not a finite number."""


class GeometryError(GeodistError, ValueError):
    """A geometry given to measure is empty, invalid or not polygonal."""


class MethodError(GeodistError, ValueError):
    """A distance method name is not one geodist knows."""


class SpeedError(GeodistError, ValueError):
    """A speed is malformed, has an unknown unit, or is not a physical speed."""


class UnitError(GeodistError, ValueError):
    """A unit name is not one geodist knows."""


class OutputPathError(GeodistError, OSError):
    """An output file cannot be written there: no such folder, a folder, or no permission."""


class OutputFormatError(GeodistError, ValueError):
    """An output file name has an extension (or an option) the writer does not support."""


class DataError(GeodistError, RuntimeError):
    """The bundled data is missing or damaged (an installation problem)."""


class MissingExtraError(GeodistError, ImportError):
    """An optional dependency is missing; the message names the extra to install."""


class InputTypeError(GeodistError, TypeError):
    """A value of the wrong type was given; the message says what is accepted."""


def _or_list(items: Sequence[str]) -> str:
    """Join names as "a, b or c"."""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " or " + items[-1]


class PartError(GeodistError, ValueError):
    """A part of a territory was asked for that is not a rule, a known part's name or a point."""
