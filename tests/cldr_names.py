"""Every CLDR territory name in every locale, looked up with geodist.country().

Run ``python -m tests.cldr_names`` for the table of the closing note (needs
Babel, which the ``test`` extra installs); ``tests/test_lookup.py`` holds the
counts to their limits. The names are Babel 2.18's, which carries Unicode CLDR
47: the standard territory name of each ISO 3166-1 code (and Kosovo's XK) in
each of Babel's locales, resolved with locale inheritance.

Outcomes: ``hit`` (the right country, or the NoTerritoryError naming the right
ISO entity), ``ambiguous`` (an AmbiguousCountryError that lists the right one),
``miss`` (unknown, or ambiguous without the right one) and ``wrong`` (another
country, silently).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import babel
import babel.localedata

import geodist
from geodist._data import load_countries
from geodist.errors import AmbiguousCountryError, NoTerritoryError, UnknownCountryError

# The 30 languages with the most speakers (first and second language), Ethnologue
# 2024, "What are the top 200 most spoken languages?", restricted to those CLDR
# has locales for (Wu Chinese has none; Nigerian Pidgin, pcm, stands in for it;
# Tagalog is CLDR's Filipino, fil).
LARGEST_LANGUAGES = (
    "en", "zh", "hi", "es", "fr", "ar", "bn", "pt", "ru", "ur",
    "id", "de", "ja", "pcm", "mr", "te", "tr", "ta", "yue", "vi",
    "fil", "ko", "fa", "ha", "sw", "jv", "it", "pa", "gu", "th",
)  # fmt: skip

# Every ISO 3166-1 entry (the data build checks that each is drawn or placed
# inside another country) and Kosovo's user-assigned XK.
CODES = tuple(
    sorted(
        {c.alpha2 for c in geodist.all_countries() if c.alpha2}
        | {p["alpha2"] for p in load_countries()["part_of"]}
    )
)


@dataclass(frozen=True)
class Outcome:
    """One CLDR entry and what geodist made of it."""

    locale: str
    code: str
    name: str
    result: str  # hit, ambiguous, miss, wrong
    got: str = ""


def classify(locale: str, code: str, name: str) -> Outcome:
    """Look one CLDR name up and classify the outcome."""
    try:
        found = geodist.country(name)
    except NoTerritoryError as exc:
        ok = f"({code})" in str(exc).split(":")[0]
        return Outcome(locale, code, name, "hit" if ok else "wrong", str(exc))
    except AmbiguousCountryError as exc:
        listed = any(c.endswith(f"({code})") for c in exc.candidates)
        return Outcome(locale, code, name, "ambiguous" if listed else "miss", str(exc))
    except UnknownCountryError:
        return Outcome(locale, code, name, "miss")
    return Outcome(locale, code, name, "hit" if found.alpha2 == code else "wrong", found.label)


def outcomes() -> list[Outcome]:
    """Every (locale, ISO code) CLDR name, classified."""
    out = []
    for ident in sorted(babel.localedata.locale_identifiers()):
        if ident == "root":
            continue
        territories = babel.Locale.parse(ident).territories
        out += [classify(ident, code, territories[code]) for code in CODES if code in territories]
    return out


def language(locale: str) -> str:
    """The language subtag of a Babel locale id."""
    return locale.split("_")[0]


def main() -> None:
    """Print the totals, the per-language table of the 30 largest languages, and every wrong or missed entry."""
    results = outcomes()
    total = Counter(o.result for o in results)
    n = len(results)
    print(f"CLDR territory names via Babel {babel.__version__} (CLDR 47): {n} entries")
    for key in ("hit", "ambiguous", "miss", "wrong"):
        print(f"  {key:10}{total[key]:>8}  {100 * total[key] / n:6.2f} %")
    print("\nlanguage  entries      hit  ambig   miss  wrong")
    by_lang: dict[str, Counter[str]] = {}
    for o in results:
        by_lang.setdefault(language(o.locale), Counter())[o.result] += 1
    for lang in LARGEST_LANGUAGES:
        c = by_lang.get(lang, Counter())
        print(f"{lang:8}{sum(c.values()):>9}{c['hit']:>9}{c['ambiguous']:>7}{c['miss']:>7}{c['wrong']:>7}")
    for o in results:
        if o.result in ("wrong", "miss"):
            print(f"{o.result:6} {o.locale:12} {o.code} {o.name!r} {o.got[:100]}")


if __name__ == "__main__":
    main()
