"""The country name index: every way people write a country, with how and in which language.

Imported by ``build.py`` (which writes ``names.json`` and ``translations.jsonl``);
``python boundaries/build_names.py`` rebuilds only those two files from the
``countries.json`` already in this folder.

Sources, in order of authority:

- ``c`` codes: ISO 3166-1 alpha-2, alpha-3 and numeric (pycountry 26.2.16).
- ``n`` English names: ISO 3166 short, official and common names (pycountry),
  Natural Earth and GeoNames names, and CLDR's English names (standard, short
  and variant forms).
- ``a`` curated aliases (:data:`ALIASES`): abbreviations, former and official
  names that no source above carries.
- ``l`` CLDR 47 territory names in every other locale: the standard forms from
  Babel 2.18 (which carries CLDR 47, resolved with locale inheritance), the
  short and variant forms ("-alt-short", "-alt-variant") from npm
  ``cldr-localenames-full`` 47.0.0, which Babel drops.
- ``i`` ISO 3166 translations shipped by pycountry (iso-codes), kept only where
  CLDR says nothing else in that language.

Within one language a name that points at two countries is dropped for both
(``pt``: iso-codes translates both Paraguay and Nicaragua as "Paraguai"), and an
iso-codes translation that contradicts CLDR in its own language is dropped
(Turkmen "Fransuz Polineziýasy" is French Polynesia, not France). Each drop is
printed by the build. Readings across languages are all kept: lookup decides.
"""

from __future__ import annotations

import gettext
import json
import sys
import tarfile
import zlib
from collections import defaultdict
from pathlib import Path

import babel
import babel.localedata
import pycountry

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from geodist.names import normalise_name  # noqa: E402  (the package's own normaliser)

CLDR_NAMES = (
    "cldr-localenames-full",
    "47.0.0",
    "a8a62bed512f264a424138db04e9ce3b1cdf2dda8de7abf00dab4bedcfb47cab",
)
BABEL_VERSION = "2.18.0"
KIND_ORDER = "nali"
"""Name reading kinds, strongest first: English name, alias, CLDR language, iso-codes translation.

Codes are kept apart (``codes`` in ``names.json``, keyed by the code case-folded and
nothing else): ``normalise_name`` spells out abbreviations ("IS" would read
"islands"), which must never turn a word into a code."""

# Common alternatives people type, beyond ISO 3166, Natural Earth, GeoNames and CLDR names.
ALIASES = {
    "GB": [
        "Cymru",
        "UK",
        "U.K.",
        "Britain",
        "Great Britain",
        "United Kingdom of Great Britain and Northern Ireland",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
    ],
    "US": ["USA", "U.S.A.", "US", "U.S.", "America", "United States of America", "United States"],
    "CI": ["Ivory Coast"],
    "CZ": ["Czech Republic", "Czechia"],
    "MM": ["Burma"],
    "IR": ["Persia"],
    "RU": ["Russia"],
    "KR": ["South Korea", "ROK", "Republic of Korea", "한국"],  # Korean short name (CLDR ko has 대한민국)
    "KP": ["North Korea", "DPRK", "Democratic People's Republic of Korea"],
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo", "Zaire"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"],
    "SZ": ["Swaziland"],
    "MK": ["Macedonia"],
    "CV": ["Cape Verde"],
    "TL": ["East Timor"],
    "VA": ["Vatican", "Vatican City", "Holy See"],
    "NL": ["Holland", "Hollande"],
    "LA": ["Laos", "Lao PDR"],
    "SY": ["Syria"],
    "VN": ["Vietnam"],
    "TR": ["Turkey"],
    "AE": ["UAE", "Emirates"],
    "LK": ["Ceylon"],
    "TH": ["Siam", "ประเทศไทย"],  # Thai "Prathet Thai" (CLDR th has ไทย)
    "FM": ["Micronesia"],
    "PS": ["Palestine"],
    "TW": ["Taiwan", "Republic of China", "ROC", "Chinese Taipei"],
    "CN": ["PRC", "People's Republic of China"],
    "SA": ["KSA"],
    "GE": ["Sakartvelo"],  # the Georgian endonym, romanised
    "GM": ["Gambia, The"],
    "BS": ["Bahamas, The"],
    "BN": ["Brunei"],
    "MD": ["Moldova"],
    "TZ": ["Tanzania"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "DE": ["West Germany"],
}

# What an alias stands for where the data has no territory of its own for it.
ALIAS_NOTES = {
    "England": "England is a constituent country of the United Kingdom; the territory measured is the UK's",
    "Scotland": "Scotland is a constituent country of the United Kingdom; the territory measured is the UK's",
    "Wales": "Wales is a constituent country of the United Kingdom; the territory measured is the UK's",
    "Cymru": "Cymru (Wales) is a constituent country of the United Kingdom; the territory measured is the UK's",
    "Northern Ireland": (
        "Northern Ireland is a constituent country of the United Kingdom; the territory measured is the UK's"
    ),
    "West Germany": "West Germany (1949-1990) is part of today's Germany; the territory measured is Germany's",
    "Zaire": "Zaire was the name of the Democratic Republic of the Congo from 1971 to 1997",
}

# Of Babel's locales, these are not languages people write names in.
SKIPPED_LOCALES = frozenset({"root", "und"})


def fetch_cldr_names(cache: Path, fetch_npm) -> Path:
    """The pinned ``cldr-localenames-full`` tarball (via ``build.fetch_npm``)."""
    return fetch_npm(cache, CLDR_NAMES)


def iso_names(entry) -> list[str]:
    """ISO 3166 names of a pycountry entry: short, official, common, uninverted."""
    names = [entry.name]
    names += [getattr(entry, k) for k in ("official_name", "common_name") if hasattr(entry, k)]
    if ", " in entry.name:  # "Korea, Republic of" -> "Republic of Korea"
        head, tail = entry.name.split(", ", 1)
        names.append(f"{tail} {head}")
    return names


def iso_translations(entry) -> list[tuple[str, str]]:
    """(language, name) of the entry's ISO 3166 names in every language pycountry ships."""
    out = []
    for locale in sorted(p.name for p in Path(pycountry.LOCALES_DIR).iterdir()):
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
        except OSError:
            continue
        for name in iso_names(entry)[:3]:
            translated = tr.gettext(name)
            if translated != name:
                out.append((_language(locale), translated))
    return out


def cldr_standard_names(codes: set[str]) -> list[tuple[str, str, str]]:
    """(language, code, name) for every Babel locale's standard territory names of ``codes``."""
    if babel.__version__ != BABEL_VERSION:
        raise SystemExit(f"babel {babel.__version__} installed; the data is built with {BABEL_VERSION}")
    out = []
    for ident in sorted(babel.localedata.locale_identifiers()):
        if ident in SKIPPED_LOCALES:
            continue
        territories = babel.Locale.parse(ident).territories
        lang = _language(ident)
        out += [(lang, code, territories[code]) for code in sorted(codes & set(territories))]
    return out


def cldr_alternative_names(tgz: Path, codes: set[str]) -> list[tuple[str, str, str]]:
    """(language, code, name) of CLDR's short and variant territory names (``XX-alt-*``) in every locale."""
    out = []
    with tarfile.open(tgz) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            if not member.name.endswith("/territories.json"):
                continue
            data = json.load(tar.extractfile(member))
            for locale, body in data["main"].items():
                for key, name in sorted(body["localeDisplayNames"]["territories"].items()):
                    code, _, alt = key.partition("-alt-")
                    if alt and code in codes:
                        out.append((_language(locale), code, name))
    return out


def language_names(languages: set[str]) -> dict[str, str]:
    """English names of the language codes used, from CLDR (Babel)."""
    english = babel.Locale("en").languages
    return {lang: english.get(lang, lang) for lang in sorted(languages)}


def _language(locale: str) -> str:
    """The language subtag of a locale id: "pt_BR" and "pt-PT" -> "pt", "sr_Latn" -> "sr"."""
    return locale.replace("-", "_").split("_")[0].lower()


class Readings:
    """Collects readings ``key -> target -> kind -> languages`` and drops same-language clashes."""

    def __init__(self) -> None:
        self.index: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(lambda: defaultdict(dict))
        self.log: list[str] = []

    def add(self, name: str | None, target: str, kind: str, lang: str = "") -> None:
        """Record that ``name`` reads as ``target`` (kind, language)."""
        key = normalise_name(name or "")
        if key:
            self.index[key][target].setdefault(kind, set()).add(lang)

    def drop_same_language_clashes(self) -> None:
        """Drop iso-codes translations that clash within one language; log CLDR's own homonyms.

        An iso-codes translation is dropped when it names two countries in one
        language, or another country than CLDR does in that language. CLDR's own
        same-language homonyms are real (Maori "Kāta" is both Chad and Qatar)
        and stay, so that lookup reports them as ambiguous; the build logs them.
        """
        for key, targets in self.index.items():
            for kind in ("l", "i"):
                by_lang: dict[str, set[str]] = defaultdict(set)
                for target, kinds in targets.items():
                    for lang in kinds.get(kind, ()):
                        by_lang[lang].add(target)
                for lang, clash in sorted(by_lang.items()):
                    if kind == "l":
                        if len(clash) > 1:
                            self.log.append(f"kept CLDR {lang} homonym {key!r} -> {', '.join(sorted(clash))}")
                        continue
                    cldr = {t for t, k in targets.items() if lang in k.get("l", ())}
                    losers = clash - cldr if cldr else clash if len(clash) > 1 else set()
                    for target in sorted(losers):
                        targets[target][kind].discard(lang)
                    if losers:
                        self.log.append(
                            f"dropped iso-codes {lang} {key!r} -> {', '.join(sorted(losers))}"
                            + (
                                f" (CLDR {lang} says {', '.join(sorted(cldr))})"
                                if cldr
                                else " (same language)"
                            )
                        )
            for target in list(targets):
                targets[target] = {k: v for k, v in targets[target].items() if v}
                if not targets[target]:
                    del targets[target]

    def tiers(self, code_keys: set[str]) -> tuple[dict, dict]:
        """(primary, translated): keys with an English or alias reading or that a code normalises to, and the rest.

        Each key maps to a sorted list of ``[target, kind, [languages]]``. A key
        that a code query normalises to ("nga") is primary with all its
        readings, so that a code never needs the translated tier to be checked.
        """
        primary, translated = {}, {}
        for key in sorted(self.index):
            rows = [
                [target, kind, sorted(langs - {""})]
                for target in sorted(self.index[key])
                for kind, langs in sorted(
                    self.index[key][target].items(), key=lambda kv: KIND_ORDER.index(kv[0])
                )
            ]
            if not rows:
                continue
            is_primary = key in code_keys or any(kind in "na" for _, kind, _ in rows)
            (primary if is_primary else translated)[key] = rows
        return primary, translated


def build_name_index(
    countries: list[dict], part_of: list[dict], cldr_tgz: Path
) -> tuple[dict, dict, list[str]]:
    """Return (names.json, the translated tier, log) for the given records.

    ``names.json`` holds the ISO codes (``codes``: alpha-2, alpha-3 and numeric,
    case-folded, with the numeric also without leading zeros), the primary tier
    (keys with an English name or alias reading, or that a code normalises to),
    the alias notes and the English names of the languages;
    the translated tier the keys read only in other languages, written by
    :func:`write_translations` and loaded only when the primary tier misses. Targets are country ids, or ``part_of:XX`` for
    an ISO entity drawn inside another country.
    """
    by_alpha2 = {c.alpha_2: c for c in pycountry.countries}
    readings = Readings()
    targets_by_code = {}
    codes_index: dict[str, str] = {}
    for rec in countries + part_of:
        target = rec["id"] if "id" in rec else f"part_of:{rec['alpha2']}"
        for name in (rec["name"], rec["official_name"], rec.get("iso_name"), rec.get("ne_name")):
            readings.add(name, target, "n", "en")
        numeric = rec.get("numeric")
        for code in (rec.get("alpha2"), rec.get("alpha3"), numeric, str(int(numeric)) if numeric else None):
            if code and codes_index.setdefault(code.casefold(), target) != target:  # "76" as well as "076"
                raise SystemExit(f"code {code} names both {codes_index[code.casefold()]} and {target}")
        iso2 = rec.get("alpha2")
        if iso2:
            targets_by_code[iso2] = target
        if iso2 in by_alpha2:
            for name in iso_names(by_alpha2[iso2]):
                readings.add(name, target, "n", "en")
            for lang, name in iso_translations(by_alpha2[iso2]):
                readings.add(name, target, "i", lang)
        for alias in ALIASES.get(iso2 or "", []):
            readings.add(alias, target, "a", "en")
    codes = set(targets_by_code)
    cldr = cldr_standard_names(codes) + cldr_alternative_names(cldr_tgz, codes)
    for lang, code, name in cldr:
        readings.add(name, targets_by_code[code], "n" if lang == "en" else "l", lang)
    readings.drop_same_language_clashes()
    primary, translated = readings.tiers({normalise_name(code) for code in codes_index})
    languages = {
        lang for tier in (primary, translated) for rows in tier.values() for _, _, ls in rows for lang in ls
    }
    names = {
        "codes": dict(sorted(codes_index.items())),
        "primary": primary,
        "notes": {normalise_name(alias): note for alias, note in sorted(ALIAS_NOTES.items())},
        "languages": language_names(languages),
        "sources": {"cldr": f"CLDR 47 (Babel {BABEL_VERSION}; npm {CLDR_NAMES[0]} {CLDR_NAMES[1]})"},
    }
    return names, {"translated": translated}, readings.log


TRANSLATION_SHARDS = 64
"""How many shards ``translations.jsonl`` splits the translated tier into."""


def write_translations(path: Path, translations: dict) -> None:
    """Write the translated tier as ``translations.jsonl``: a header line, then one JSON shard per line.

    A key lives in shard ``zlib.crc32(key.encode("utf-8")) % shards``, so a
    lookup parses one shard of about 45 KB instead of the whole 2.9 MB tier
    (``geodist._data.translated_readings``). Keys are sorted within each shard:
    the file is byte-identical on a rebuild.
    """
    shards: list[dict] = [{} for _ in range(TRANSLATION_SHARDS)]
    for key, rows in sorted(translations["translated"].items()):
        shards[zlib.crc32(key.encode("utf-8")) % TRANSLATION_SHARDS][key] = rows
    header = {
        "format": "geodist translated names, one JSON object per shard",
        "hash": "crc32",
        "shards": TRANSLATION_SHARDS,
    }
    lines = [json.dumps(header, sort_keys=True)]
    lines += [
        json.dumps(shard, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for shard in shards
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    """Rebuild ``names.json`` and ``translations.jsonl`` from this folder's ``countries.json``."""
    import build  # the data build: its fetch helpers, cache option and JSON writer

    cache = build.cache_argument(__doc__.splitlines()[0])
    data = json.loads((HERE / "countries.json").read_text(encoding="utf-8"))
    names, translations, log = build_name_index(
        data["countries"], data["part_of"], fetch_cldr_names(cache, build.fetch_npm)
    )
    build.write_json(HERE / "names.json", names)
    write_translations(HERE / "translations.jsonl", translations)
    print("\n".join(log))
    print(
        f"{len(names['primary'])} primary + {len(translations['translated'])} translated keys, {len(log)} drops"
    )


if __name__ == "__main__":
    main()
