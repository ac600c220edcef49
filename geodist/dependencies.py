"""Territories drawn separately from the country they belong to (Greenland, Aruba, Guam...).

Natural Earth's admin-0 layer (the bundled boundaries) draws many dependencies
as territories of their own, each with its own ISO 3166-1 code, so that
Denmark's territory here is Denmark proper: Greenland and the Faroe Islands are
measured by their own names. Reports use this table to say so.

The table lists the sovereign state of each such territory in the data, with
its status in a few words. Sources: the "Dependency status" (or "Government
type") field of each territory's entry in the CIA World Factbook, and the
sovereign state (``SOVEREIGNT``/``SOV_A3``) that Natural Earth's admin-0 layer
records for the same feature (world-atlas, the packaging bundled here, drops
that field, hence this table). Territories whose status is disputed (Western
Sahara, Taiwan, Kosovo, Northern Cyprus, ...) are left out on purpose: geodist
takes no side (see ``boundaries/README.md``); so are leased areas (Guantanamo Bay,
Baikonur).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["DEPENDENCIES", "Dependency", "dependencies_of", "sovereign_of"]


class Dependency(NamedTuple):
    """A territory drawn separately from its sovereign state.

    Attributes
    ----------
    sovereign : str
        The sovereign state's id in the bundled data (ISO 3166-1 alpha-2).
    status : str
        Its status, as "an autonomous territory of Denmark".
    """

    sovereign: str
    status: str


_UK_OT = "a British Overseas Territory"
_CROWN = "a Crown Dependency of the United Kingdom"
_US = "an unincorporated territory of the United States"
_AU = "an external territory of Australia"
_FR_OC = "an overseas collectivity of France"
_NL = "a constituent country of the Kingdom of the Netherlands"
_NZ = "a self-governing state in free association with New Zealand"
_CN = "a special administrative region of China"

DEPENDENCIES: dict[str, Dependency] = {
    # Kingdom of Denmark
    "GL": Dependency("DK", "an autonomous territory of Denmark"),
    "FO": Dependency("DK", "a self-governing territory of Denmark"),
    # Kingdom of the Netherlands
    "AW": Dependency("NL", _NL),
    "CW": Dependency("NL", _NL),
    "SX": Dependency("NL", _NL),
    # United Kingdom
    "AI": Dependency("GB", _UK_OT),
    "BM": Dependency("GB", _UK_OT),
    "FK": Dependency("GB", _UK_OT),
    "GI": Dependency("GB", _UK_OT),
    "GS": Dependency("GB", _UK_OT),
    "IO": Dependency("GB", _UK_OT),
    "KY": Dependency("GB", _UK_OT),
    "MS": Dependency("GB", _UK_OT),
    "PN": Dependency("GB", _UK_OT),
    "SH": Dependency("GB", _UK_OT),
    "TC": Dependency("GB", _UK_OT),
    "VG": Dependency("GB", _UK_OT),
    "akrotiri": Dependency("GB", "a British Sovereign Base Area on Cyprus"),
    "dhekelia": Dependency("GB", "a British Sovereign Base Area on Cyprus"),
    "GG": Dependency("GB", _CROWN),
    "IM": Dependency("GB", _CROWN),
    "JE": Dependency("GB", _CROWN),
    # France (the overseas regions French Guiana, Guadeloupe, Martinique, Réunion
    # and Mayotte are drawn inside France's own territory: see countries.json "part_of")
    "BL": Dependency("FR", _FR_OC),
    "MF": Dependency("FR", _FR_OC),
    "PF": Dependency("FR", _FR_OC),
    "PM": Dependency("FR", _FR_OC),
    "WF": Dependency("FR", _FR_OC),
    "NC": Dependency("FR", "a special collectivity of France"),
    "TF": Dependency("FR", "an overseas territory of France"),
    "clipperton-island": Dependency("FR", "a French state-owned island in the Pacific"),
    # United States
    "AS": Dependency("US", _US),
    "GU": Dependency("US", _US),
    "MP": Dependency("US", _US),
    "PR": Dependency("US", _US),
    "VI": Dependency("US", _US),
    "UM": Dependency("US", "minor outlying islands of the United States"),
    # Australia
    "CC": Dependency("AU", _AU),
    "CX": Dependency("AU", _AU),
    "HM": Dependency("AU", _AU),
    "NF": Dependency("AU", _AU),
    "coral-sea-islands": Dependency("AU", _AU),
    # New Zealand (the Realm of New Zealand)
    "CK": Dependency("NZ", _NZ),
    "NU": Dependency("NZ", _NZ),
    # China
    "HK": Dependency("CN", _CN),
    "MO": Dependency("CN", _CN),
    # Finland
    "AX": Dependency("FI", "an autonomous region of Finland"),
}
"""Territory id → its sovereign state and status."""


def sovereign_of(territory_id: str) -> Dependency | None:
    """The sovereign state and status of a separately drawn dependency, or None."""
    return DEPENDENCIES.get(territory_id)


def dependencies_of(country_id: str) -> list[str]:
    """Ids of the territories drawn separately that belong to a country, in table order."""
    return [tid for tid, dep in DEPENDENCIES.items() if dep.sovereign == country_id]
