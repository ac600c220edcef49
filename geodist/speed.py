"""Speeds with units, parsed from what people write ("560 mph", "900 km/h", "480 kn").

geodist keeps speeds in metres per second; units are exact by definition:
1 mi = 1,609.344 m, 1 nmi = 1,852 m, 1 kn = 1 nmi/h.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from geodist.errors import SpeedError, echo

__all__ = ["SPEED_OF_LIGHT_M_S", "Speed"]

SPEED_OF_LIGHT_M_S = 299_792_458.0
"""Speed of light in vacuum, m/s (exact, SI definition of the metre)."""

_M_S_PER_UNIT = {
    "m/s": 1.0,
    "km/h": 1000.0 / 3600.0,
    "mph": 1609.344 / 3600.0,  # international mile per hour
    "kn": 1852.0 / 3600.0,  # knot: one nautical mile per hour
    "km/s": 1000.0,
}

_UNIT_ALIASES = {
    "m/s": "m/s",
    "mps": "m/s",
    "m s-1": "m/s",
    "km/h": "km/h",
    "kmh": "km/h",
    "kph": "km/h",
    "km/hr": "km/h",
    "kmph": "km/h",
    "mph": "mph",
    "mi/h": "mph",
    "miles per hour": "mph",
    "mile per hour": "mph",
    "kn": "kn",
    "kt": "kn",
    "kts": "kn",
    "knot": "kn",
    "knots": "kn",
    "km/s": "km/s",
}

ACCEPTED = "a positive number with a unit: m/s, km/h, mph or kn (e.g. '560 mph', '900 km/h', '480 kn')"

_PATTERN = re.compile(
    r"^\s*([-+]?(?:\d[\d,_]*\.?\d*|\.\d+)(?:e[-+]?\d+)?|[-+]?inf(?:inity)?|nan)\s*(.*?)\s*$", re.I
)


def _check(value: object, unit: str) -> None:
    """Raise SpeedError unless ``value`` (in ``unit``) is a finite, positive, sub-light speed."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise SpeedError(f"speed must be a finite number, got {echo(value)}; give {ACCEPTED}")
    if value <= 0:
        raise SpeedError(f"speed must be positive, got {echo(value)} {unit}; give {ACCEPTED}")
    if value * _M_S_PER_UNIT[unit] >= SPEED_OF_LIGHT_M_S:
        raise SpeedError(f"speed {value:,} {unit} is not below the speed of light; give {ACCEPTED}")


@dataclass(frozen=True, slots=True, order=True)
class Speed:
    """A speed, stored in metres per second.

    Attributes
    ----------
    metres_per_second : float
        Positive, finite, below the speed of light.
    """

    metres_per_second: float

    def __post_init__(self) -> None:
        _check(self.metres_per_second, "m/s")

    @classmethod
    def of(cls, value: float, unit: str) -> Speed:
        """A speed from a number and a unit name ("mph", "km/h", "kn", "m/s")."""
        key = _UNIT_ALIASES.get(str(unit).strip().lower())
        if key is None:
            raise SpeedError(f"unknown speed unit {echo(unit)}; give {ACCEPTED}")
        _check(value, key)
        return cls(value * _M_S_PER_UNIT[key])

    @classmethod
    def parse(cls, text: str | Speed) -> Speed:
        """Parse "560 mph", "560mph", "900 km/h", "480 kn", "250 m/s".

        Raises
        ------
        SpeedError
            For a missing or unknown unit, or a value that is zero, negative,
            not finite or not below the speed of light; the message names the
            value and the accepted forms.

        Examples
        --------
        >>> round(Speed.parse("560 mph").km_per_hour, 3)
        901.233
        """
        if isinstance(text, Speed):
            return text
        match = _PATTERN.match(str(text))
        if not match:
            raise SpeedError(f"cannot read a speed from {echo(text)}; give {ACCEPTED}")
        number, unit = match.groups()
        if not unit:
            raise SpeedError(f"speed {echo(text)} has no unit; give {ACCEPTED}")
        return cls.of(float(number.replace(",", "").replace("_", "")), unit)

    def in_unit(self, unit: str) -> float:
        """The speed in "m/s", "km/h", "mph" or "kn"."""
        key = _UNIT_ALIASES.get(str(unit).strip().lower())
        if key is None:
            raise SpeedError(f"unknown speed unit {echo(unit)}; give {ACCEPTED}")
        return self.metres_per_second / _M_S_PER_UNIT[key]

    @property
    def km_per_hour(self) -> float:
        """The speed in km/h."""
        return self.in_unit("km/h")

    @property
    def mph(self) -> float:
        """The speed in international miles per hour."""
        return self.in_unit("mph")

    def __str__(self) -> str:
        """As "901 km/h (560 mph)"."""
        return f"{self.km_per_hour:,.0f} km/h ({self.mph:,.0f} mph)"
