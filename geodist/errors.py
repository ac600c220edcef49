"""The geodist exception hierarchy.

Every error geodist raises on purpose derives from :class:`GeodistError`, and
each subclass also inherits the builtin a caller would expect, so that
``except LookupError`` or ``except ValueError`` keeps working:

======================  ==============  ==================================================
class                   builtin         raised for
======================  ==============  ==================================================
UnknownCountryError     LookupError     a country query that matches nothing
AmbiguousCountryError   LookupError     a query that matches several countries
NoTerritoryError        LookupError     an ISO entity drawn inside another country
UnknownAirportError     LookupError     an airport code that is not in the data
UnknownPlaceError       LookupError     a travel place that is no airport, country, city or point
AmbiguousPlaceError     LookupError     a code or city name that names several places
UnknownIdError          LookupError     an id that names no territory of your own boundaries
MissingPointError       LookupError     a country without the point a method needs
NoCapitalError          LookupError     ... without a capital (a MissingPointError)
NoCentrePointError      LookupError     ... without a published centre point (idem)
SameCountryError        ValueError      two queries that name one country, for a pair
CoordinateError         ValueError      a latitude or longitude out of range, or NaN
GeometryError           ValueError      an empty, invalid or non-polygonal geometry
MethodError             ValueError      an unknown distance method
UnitError               ValueError      an unknown unit, or a length without one
SpeedError              ValueError      a malformed or unphysical speed
ModeError               ValueError      an unknown travel mode, or a bad override
PartError               ValueError      a part of a territory that is no rule, name or point
LanguageError           ValueError      a language hint that is not a language of the index
OutputFormatError       ValueError      an output file extension or option not supported
InputValueError         ValueError      any other value out of its domain
InputTypeError          TypeError       an argument of the wrong type (a bare tuple)
OutputPathError         OSError         an output file that cannot be written (maps)
InputFileError          OSError         an input file that is missing or cannot be read
MissingExtraError       ImportError     an optional dependency that is not installed
DataError               RuntimeError    the bundled data is missing or damaged
======================  ==============  ==================================================

Messages echo what was given, shortened by :func:`echo` when it is long. A
suggestion to pass an option is kept apart from the message as a :class:`Hint`,
so that the library shows it as Python (``method='border'``) and the command
line as an option (``--method border``): see :meth:`GeodistError.render`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "AmbiguousCountryError",
    "AmbiguousPlaceError",
    "CoordinateError",
    "DataError",
    "GeodistError",
    "GeometryError",
    "Hint",
    "InputFileError",
    "InputTypeError",
    "InputValueError",
    "LanguageError",
    "MethodError",
    "MissingExtraError",
    "MissingPointError",
    "ModeError",
    "NoCapitalError",
    "NoCentrePointError",
    "NoTerritoryError",
    "OutputFormatError",
    "OutputPathError",
    "PartError",
    "SameCountryError",
    "SpeedError",
    "UnitError",
    "UnknownAirportError",
    "UnknownCountryError",
    "UnknownIdError",
    "UnknownPlaceError",
    "echo",
]

ECHO_LIMIT = 60
"""How many characters of a user's input a message repeats at most (see :func:`echo`)."""


def echo(value: object, limit: int = ECHO_LIMIT) -> str:
    """A user's input as an error message repeats it: its repr, shortened when long.

    Parameters
    ----------
    value : object
        What was given. A string is shown quoted, anything else by its repr.
    limit : int
        The most characters shown; a longer input shows its first ``limit``
        characters and how long it was.

    Examples
    --------
    >>> echo("Germny")
    "'Germny'"
    >>> echo("x" * 100_000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'…(100000 characters)"
    """
    text = value if isinstance(value, str) else _safe_repr(value)
    if len(text) <= limit:
        return repr(value) if isinstance(value, str) else text
    return f"{text[:limit]!r}…({len(text)} characters)"


def _safe_repr(value: object) -> str:
    try:
        # A numpy scalar as the number it holds (95.0, not np.float64(95.0)).
        item = getattr(value, "item", None)
        if type(value).__module__ == "numpy" and getattr(value, "shape", None) == () and callable(item):
            return repr(item())
        return repr(value)
    except Exception:  # a broken __repr__ must not hide the real error
        return f"<{type(value).__name__} object>"


@dataclass(frozen=True, slots=True)
class Hint:
    """A suggestion to pass an option, shown in the caller's syntax.

    Attributes
    ----------
    option : str
        The keyword argument, as in Python ("method", "keep_default_na").
    value : object
        Its suggested value; True for a flag.

    Examples
    --------
    >>> Hint("method", "border").python(), Hint("method", "border").cli()
    ("method='border'", '--method border')
    >>> Hint("mainland").cli()
    '--mainland'
    """

    option: str
    value: object = True

    def python(self) -> str:
        """As a Python keyword argument: ``method='border'``."""
        return f"{self.option}={self.value!r}"

    def cli(self) -> str:
        """As a command-line option: ``--method border`` (``--mainland`` for a flag)."""
        flag = "--" + self.option.replace("_", "-")
        return flag if self.value is True else f"{flag} {self.value}"


class GeodistError(Exception):
    """Root of every error geodist raises on purpose.

    Parameters
    ----------
    message : str
        What went wrong, without the hint.
    hints : sequence of Hint
        Options that would work instead, appended as "; try ..." in the
        style of the caller (:meth:`render`).

    Attributes
    ----------
    message : str
    hints : tuple of Hint
    """

    def __init__(self, message: str = "", *, hints: Sequence[Hint] = ()) -> None:
        self.message = message
        self.hints = tuple(hints)
        super().__init__(self.render())

    def render(self, style: Literal["python", "cli"] = "python") -> str:
        """The message, with its hints as Python keyword arguments or as command-line options.

        Examples
        --------
        >>> e = NoCapitalError("Antarctica (AQ) has no capital", hints=[Hint("method", "border")])
        >>> str(e)
        "Antarctica (AQ) has no capital; try method='border'"
        >>> e.render("cli")
        'Antarctica (AQ) has no capital; try --method border'
        """
        message = getattr(self, "message", None)
        if message is None:  # a subclass that did not call __init__
            return str(self)
        hints = getattr(self, "hints", ())
        if not hints:
            return message
        shown = [h.cli() if style == "cli" else h.python() for h in hints]
        return f"{message}; try {_or_list(shown)}"

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross process boundaries (matrix workers): rebuild without calling __init__.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(cls: type[GeodistError], args: tuple[Any, ...], state: dict[str, Any]) -> GeodistError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


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
        message = f"unknown country {echo(query)}"
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
    """

    def __init__(
        self,
        query: str,
        candidates: Sequence[str],
        reasons: Sequence[str] = (),
        *,
        advice: str = "",
        hints: Sequence[Hint] = (),
    ) -> None:
        self.query = query
        self.candidates = tuple(candidates)
        self.reasons = tuple(reasons)
        if self.reasons and len(self.reasons) >= len(self.candidates):
            message = f"{echo(query)} is ambiguous: " + "; ".join(self.reasons)
        else:
            message = f"{echo(query)} is ambiguous: it could be " + _or_list(self.candidates)
        super().__init__(message + (f"; {advice}" if advice else ""), hints=hints)


class UnknownAirportError(GeodistError, LookupError):
    """No airport has the given IATA or ICAO code."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            f"unknown airport code {echo(code)}; give an IATA (3 letters) or ICAO (4 letters) code"
        )


class UnknownPlaceError(GeodistError, LookupError):
    """A place to travel from or to matched no airport, country, city or point."""


class AmbiguousPlaceError(GeodistError, LookupError):
    """A place code or name that means several places ("IRN": Iriona airport and Iran; "Springfield")."""


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


class UnknownIdError(GeodistError, LookupError):
    """An id that names no territory of a set of your own boundaries (:func:`geodist.read_boundaries`).

    Attributes
    ----------
    id : str
        The id as given.
    suggestions : tuple of str
        The closest ids of the set, best first (may be empty).
    """

    def __init__(self, id: str, source: str, column: str, suggestions: Sequence[str] = ()) -> None:
        self.id = id
        self.suggestions = tuple(suggestions)
        message = f"no territory has the id {echo(id)} in {source} (column {column!r})"
        if self.suggestions:
            message += "; did you mean " + _or_list([repr(s) for s in self.suggestions]) + "?"
        super().__init__(message)


class MissingPointError(GeodistError, LookupError):
    """A country lacks the point a method or a trip needs (a capital, a centre point)."""


class NoCapitalError(MissingPointError):
    """A country has no capital in the bundled data (Antarctica, some territories)."""


class NoCentrePointError(MissingPointError):
    """Google's countries table has no centre point for a country (South Sudan, ...)."""


class SameCountryError(GeodistError, ValueError):
    """Two queries name the same country where a pair of different ones is needed."""


class CoordinateError(GeodistError, ValueError):
    """A latitude or longitude is out of range or not a finite number, or a point is empty."""


class GeometryError(GeodistError, ValueError):
    """A geometry given to measure is empty, invalid or not polygonal."""


class MethodError(GeodistError, ValueError):
    """A distance method name is not one geodist knows."""


class SpeedError(GeodistError, ValueError):
    """A speed is malformed, has an unknown unit, or is not a physical speed."""


class UnitError(GeodistError, ValueError):
    """A unit name is not one geodist knows, or a length has no unit."""


class ModeError(GeodistError, ValueError):
    """An unknown travel mode, neither a speed nor a mode, or an override a mode cannot take."""


class PartError(GeodistError, ValueError):
    """A part of a territory was asked for that is not a rule, a known part's name or a point."""


class LanguageError(GeodistError, ValueError):
    """A language hint is not a language code of the name index."""


class OutputFormatError(GeodistError, ValueError):
    """An output file name has an extension (or an option) the writer does not support."""


class InputValueError(GeodistError, ValueError):
    """A value outside its domain that no more specific class covers (``path(1)``, ``matrix([])``)."""


class InputTypeError(GeodistError, TypeError):
    """An argument of a type geodist does not take: a bare (x, y) tuple, one string for a list."""


class OutputPathError(GeodistError, OSError):
    """An output file cannot be written there: no such folder, a folder, or no permission."""


class InputFileError(GeodistError, OSError):
    """An input file (your own boundaries) is missing, or cannot be read as what it should be."""


class MissingExtraError(GeodistError, ImportError):
    """An optional dependency is missing; the message names the extra to install."""


class DataError(GeodistError, RuntimeError):
    """The bundled data is missing or damaged (an installation problem)."""


def _or_list(items: Sequence[str]) -> str:
    """Join names as "a, b or c"."""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " or " + items[-1]
