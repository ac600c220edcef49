"""Length units, from one table of exact definitions.

geodist computes in metres; a :class:`Unit` converts only for presentation.
"""

from __future__ import annotations

from enum import Enum

from geodist.errors import UnitError, echo

__all__ = ["Unit", "parse_length"]


class Unit(str, Enum):
    """A length unit: ``m``, ``km``, ``mi`` (international mile) or ``nmi`` (nautical mile)."""

    M = "m"
    KM = "km"
    MI = "mi"
    NMI = "nmi"

    @property
    def metres(self) -> float:
        """Metres in one of this unit (exact by definition)."""
        return _METRES_PER_UNIT[self]

    def from_metres(self, metres: float) -> float:
        """Convert a length in metres to this unit."""
        return metres / _METRES_PER_UNIT[self]

    @classmethod
    def parse(cls, text: str | Unit) -> Unit:
        """Return the unit named by ``text`` ("km", "KM", "miles", "nm", ...).

        Raises
        ------
        UnitError
            If the name is not known; the message lists the accepted names.

        Examples
        --------
        >>> Unit.parse("Miles")
        <Unit.MI: 'mi'>
        """
        if isinstance(text, cls):
            return text
        key = str(text).strip().lower()
        unit = _ALIASES.get(key)
        if unit is None:
            raise UnitError(f"unknown length unit {echo(text)}; use one of: m, km, mi, nmi")
        return unit


def parse_length(text: str | float, default_unit: str | Unit | None = None) -> float:
    """Metres in a length written as "4883 km", "3,034 mi", "1852 m" or "100 nmi".

    A bare number needs ``default_unit``. Raises :class:`UnitError` for an
    unknown unit and for a negative or non-finite value.

    Examples
    --------
    >>> parse_length("3,034 mi")
    4882749.696
    """
    import math
    import re

    if isinstance(text, (int, float)) and not isinstance(text, bool):
        number, unit_text = float(text), None
    else:
        match = re.match(r"^\s*([-+]?[\d,_]*\.?\d+(?:e[-+]?\d+)?|[-+]?inf|nan)\s*(.*?)\s*$", str(text), re.I)
        if not match:
            raise UnitError(f"cannot read a length from {echo(text)}; write e.g. '4883 km' (m, km, mi, nmi)")
        number, unit_text = float(match.group(1).replace(",", "").replace("_", "")), match.group(2) or None
    if unit_text is None:
        if default_unit is None:
            raise UnitError(f"length {echo(text)} has no unit; write e.g. '4883 km' (m, km, mi, nmi)")
        unit = Unit.parse(default_unit)
    else:
        unit = Unit.parse(unit_text)
    if not math.isfinite(number) or number < 0:
        raise UnitError(f"length must be a finite, non-negative number, got {echo(text)}")
    return number * unit.metres


_METRES_PER_UNIT = {
    Unit.M: 1.0,
    Unit.KM: 1000.0,
    Unit.MI: 1609.344,  # international mile, 1959 agreement: 1 yd = 0.9144 m exactly
    Unit.NMI: 1852.0,  # international nautical mile (IHO 1929, BIPM SI brochure table 8)
}

_ALIASES = {
    **{u.value: u for u in Unit},
    "metre": Unit.M,
    "metres": Unit.M,
    "meter": Unit.M,
    "meters": Unit.M,
    "kilometre": Unit.KM,
    "kilometres": Unit.KM,
    "kilometer": Unit.KM,
    "kilometers": Unit.KM,
    "mile": Unit.MI,
    "miles": Unit.MI,
    "nm": Unit.NMI,
    "nautical mile": Unit.NMI,
    "nautical miles": Unit.NMI,
}
