"""Country lookup: names, codes, languages, near-misses and errors."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

import geodist
from geodist import AmbiguousCountryError, GeodistError, NoTerritoryError, UnknownCountryError
from geodist.names import normalise_name


@pytest.mark.parametrize(
    ("query", "alpha2"),
    [
        ("Iran", "IR"),
        ("IR", "IR"),
        ("IRN", "IR"),
        ("364", "IR"),
        ("Islamic Republic of Iran", "IR"),
        ("Iran, Islamic Republic of", "IR"),
        ("Persia", "IR"),
        ("Russian Federation", "RU"),
        ("russia", "RU"),
        ("RUSSIA", "RU"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("Great Britain", "GB"),
        ("USA", "US"),
        ("United States of America", "US"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("cote divoire", None),  # not a word split people use: must not resolve silently
        ("COTE D'IVOIRE", "CI"),
        ("Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("Burma", "MM"),
        ("Myanmar", "MM"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("St. Lucia", "LC"),
        ("Saint Lucia", "LC"),
        ("Bosnia and Herz.", "BA"),  # Natural Earth's abbreviation
        ("Bosnia", "BA"),  # whole words of exactly one country's name
        ("076", "BR"),
        ("76", "BR"),
        (76, "BR"),
        ("Kosovo", "XK"),
        ("Holy See", "VA"),
    ],
)
def test_lookup_by_name_code_and_alias(query, alpha2):
    if alpha2 is None:
        with pytest.raises(UnknownCountryError):
            geodist.country(query)
    else:
        assert geodist.country(query).alpha2 == alpha2


@pytest.mark.parametrize(
    ("query", "alpha2"),
    [
        ("Deutschland", "DE"),  # German (pycountry de locale)
        ("Allemagne", "DE"),  # French
        ("Österreich", "AT"),
        ("Российская Федерация", "RU"),  # Russian
        ("日本", "JP"),  # Japanese
        ("España", "ES"),
    ],
)
def test_lookup_in_other_languages(query, alpha2):
    assert geodist.country(query).alpha2 == alpha2


@pytest.mark.parametrize(
    ("exact", "alpha2", "longer", "longer_alpha2"),
    [
        ("Niger", "NE", "Nigeria", "NG"),
        ("Dominica", "DM", "Dominican Republic", "DO"),
        ("Guinea", "GN", "Guinea-Bissau", "GW"),
        ("Sudan", "SD", "South Sudan", "SS"),
        ("Samoa", "WS", "American Samoa", "AS"),
    ],
)
def test_an_exact_name_wins_over_a_longer_one(exact, alpha2, longer, longer_alpha2):
    assert geodist.country(exact).alpha2 == alpha2
    assert geodist.country(longer).alpha2 == longer_alpha2


def test_congo_is_the_iso_short_name_of_the_republic_of_the_congo():
    # ISO 3166-1 English short name of CG is exactly "Congo"; CD's is
    # "Congo, The Democratic Republic of the".
    assert geodist.country("Congo").alpha2 == "CG"
    assert geodist.country("DR Congo").alpha2 == "CD"
    assert geodist.country("Democratic Republic of the Congo").alpha2 == "CD"


def test_ambiguous_query_names_every_candidate():
    with pytest.raises(AmbiguousCountryError) as info:
        geodist.country("Korea")
    assert "North Korea (KP)" in str(info.value) and "South Korea (KR)" in str(info.value)
    assert info.value.candidates == ("North Korea (KP)", "South Korea (KR)")
    assert isinstance(info.value, LookupError) and isinstance(info.value, GeodistError)


def test_very_ambiguous_query_lists_a_bounded_number():
    with pytest.raises(AmbiguousCountryError) as info:
        geodist.country("Republic")
    assert len(info.value.candidates) == 12
    assert info.value.candidates[-1].endswith("more")


def test_unknown_query_suggests_the_closest_names():
    with pytest.raises(UnknownCountryError) as info:
        geodist.country("Germny")
    assert info.value.suggestions[0] == "Germany (DE)"
    assert "did you mean Germany (DE)" in str(info.value)
    assert isinstance(info.value, LookupError)


@pytest.mark.parametrize("query", ["", "   ", "!!", "Atlantis", "ZZ", "999"])
def test_unknown_queries_raise(query):
    with pytest.raises(UnknownCountryError):
        geodist.country(query)


def test_iso_entity_drawn_inside_another_country_says_so():
    with pytest.raises(NoTerritoryError, match=r"part of France \(FR\)"):
        geodist.country("French Guiana")
    with pytest.raises(LookupError):
        geodist.country("Svalbard and Jan Mayen")


def test_country_record_fields():
    iran = geodist.country("Iran")
    assert (iran.name, iran.official_name) == ("Iran", "Islamic Republic of Iran")
    assert (iran.alpha2, iran.alpha3, iran.numeric) == ("IR", "IRN", "364")
    assert iran.capital.name == "Tehran"
    assert iran.territory.geom_type == "MultiPolygon"
    assert str(iran) == "Iran (IR)"
    assert geodist.country(iran) is iran


def test_import_does_not_load_data():
    import subprocess
    import sys

    code = (
        "import geodist, geodist._data as d;"
        "print(d._territory_arrays.cache_info().currsize, d.load_names.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "0"]


@given(st.text(max_size=30))
def test_normalise_name_is_idempotent(text):
    key = normalise_name(text)
    assert normalise_name(key) == key


@given(st.sampled_from([c.name for c in geodist.all_countries()]))
def test_every_country_name_resolves_to_itself(name):
    matches = [c for c in geodist.all_countries() if c.name == name]
    assert geodist.country(name) in matches


@pytest.mark.parametrize("stable_id", ["somaliland", "cyprus-un-buffer-zone", "northern-cyprus", "IR"])
def test_lookup_by_stable_id(stable_id):
    assert geodist.country(stable_id).id == stable_id


# Names as people type them in their own language: Unicode CLDR 47 territory
# names (Babel 2.18; npm cldr-localenames-full 47.0.0 for short and variant forms).
@pytest.mark.parametrize(
    ("query", "alpha2"),
    [
        ("Россия", "RU"),  # CLDR ru
        ("ロシア", "RU"),  # CLDR ja
        ("Rusia", "RU"),  # CLDR es
        ("Russie", "RU"),  # CLDR fr
        ("روسيا", "RU"),  # CLDR ar
        ("Τουρκία", "TR"),  # CLDR el
        ("Τουρκια", "TR"),  # the same, typed without the tonos
        ("الصين", "CN"),  # CLDR ar, typed without the shadda of "الصّين"
        ("الصّين", "CN"),
        ("السعودية", "SA"),
        ("ﺍﻟﺼﻴﻦ", "CN"),  # Arabic presentation forms fold (NFKD)
        ("روســيا", "RU"),  # with tatweel
        ("Paraguai", "PY"),  # CLDR pt; iso-codes' duplicate "Paraguai" for Nicaragua is dropped
        ("Nicarágua", "NI"),
        ("Fransuz Polineziýasy", "PF"),  # CLDR tk; iso-codes mistranslates it as France
        ("Nijeri", "NE"),  # CLDR sw and 15 East African locales: Niger, not Nigeria
        ("Áo", "AT"),  # CLDR vi; accents are never written in a code, so not AO
        ("Bỉ", "BE"),  # CLDR vi; not BI
        ("Congo (DRC)", "CD"),  # CLDR en alt-variant
        ("Bosnia", "BA"),  # CLDR en alt-short
        ("Aotearoa New Zealand", "NZ"),
    ],
)
def test_cldr_names_in_their_languages(query, alpha2):
    assert geodist.country(query).alpha2 == alpha2


@pytest.mark.parametrize(
    ("query", "alpha2"),
    [
        ("Republic of China", "TW"),  # Taiwan's official name, not the PRC's
        ("ROC", "TW"),
        ("Chinese Taipei", "TW"),
        ("PRC", "CN"),
        ("People's Republic of China", "CN"),
        ("ROK", "KR"),
        ("DPRK", "KP"),
        ("KSA", "SA"),
        ("Lao PDR", "LA"),
        ("Gambia, The", "GM"),
        ("England", "GB"),
        ("Scotland", "GB"),
        ("Wales", "GB"),
        ("Northern Ireland", "GB"),
        ("Cymru", "GB"),  # Welsh for Wales
        ("한국", "KR"),  # Korean short name; CLDR ko has 대한민국
        ("ประเทศไทย", "TH"),  # Thai "Prathet Thai"; CLDR th has ไทย
        ("Sakartvelo", "GE"),
        ("Hollande", "NL"),
    ],
)
def test_curated_aliases(query, alpha2):
    assert geodist.country(query).alpha2 == alpha2


def test_uk_constituent_countries_say_whose_territory_is_measured():
    match = geodist.lookup("Scotland")
    assert match.country.alpha2 == "GB" and match.how == "common name"
    assert "territory measured is the UK's" in match.note
    assert geodist.lookup("UK").note is None


def test_a_code_and_a_name_in_another_language_are_ambiguous():
    # "Nga" is Vietnamese for Russia (CLDR vi) and NGA is Nigeria's ISO alpha-3 code
    with pytest.raises(AmbiguousCountryError) as info:
        geodist.country("Nga")
    message = str(info.value)
    assert "NGA is the ISO 3166-1 alpha-3 code of Nigeria (NG)" in message
    assert "Nga is the Vietnamese name of Russia (RU)" in message
    assert "write the code in capitals (NGA) for the code; try language='vi'" in message
    assert info.value.render("cli").endswith("try --language vi")
    assert set(info.value.candidates) == {"Nigeria (NG)", "Russia (RU)"}


def test_written_as_a_code_it_is_the_code():
    assert geodist.country("NGA").alpha2 == "NG"
    assert geodist.lookup("NGA").how == "ISO 3166-1 alpha-3 code"
    assert geodist.country("AO").alpha2 == "AO"


def test_a_language_hint_settles_a_name():
    assert geodist.country("Nga", language="vi").alpha2 == "RU"
    assert geodist.lookup("Nga", language="vi").how == "Vietnamese name (CLDR)"
    assert geodist.country("Tóga", language="ga").alpha2 == "TG"  # Irish Togo; Nheengatu Tonga
    assert (
        geodist.country("Russia", language="fr").alpha2 == "RU"
    )  # not a French name: the other readings decide
    assert geodist.country("Nga", language="vi-VN").alpha2 == "RU"  # a locale id reads as its language


def test_the_same_word_in_two_languages_is_ambiguous():
    # CLDR: "Tóga" is Irish for Togo and Nheengatu for Tonga
    with pytest.raises(AmbiguousCountryError, match=r"Irish name of Togo \(TG\).*Nheengatu name of Tonga"):
        geodist.country("Tóga")


def test_a_homonym_within_one_language_stays_ambiguous():
    # CLDR mi names both Chad and Qatar "Kāta"; a language hint cannot settle it
    with pytest.raises(AmbiguousCountryError) as info:
        geodist.country("Kāta", language="mi")
    assert set(info.value.candidates) == {"Chad (TD)", "Qatar (QA)"}


def test_an_unknown_language_hint_is_a_clear_error():
    with pytest.raises(geodist.LanguageError, match="unknown language 'xx'") as info:
        geodist.country("Nga", language="xx")
    assert isinstance(info.value, ValueError)


def test_translations_load_only_when_the_primary_tier_misses():
    import subprocess
    import sys

    code = (
        "import geodist, geodist._data as d;"
        "geodist.country('Iran'); a = d._translation_lines.cache_info().currsize;"
        "geodist.country('Россия'); print(a, d._translation_lines.cache_info().currsize,"
        " d._translation_shard.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "1", "1"]  # one shard of 64 parsed


def test_every_cldr_name_in_every_locale_resolves_or_is_honestly_ambiguous():
    # The whole of CLDR 47 as Babel 2.18 carries it: 208,247 (locale, territory)
    # names. None may resolve to a wrong country; at most 1 % may miss.
    cldr_names = pytest.importorskip("tests.cldr_names")
    from collections import Counter

    results = cldr_names.outcomes()
    counts = Counter(o.result for o in results)
    assert counts["wrong"] == 0, [o for o in results if o.result == "wrong"][:5]
    assert counts["miss"] <= 0.01 * len(results)
    assert counts["hit"] >= 0.99 * len(results)


@pytest.mark.parametrize("word", ["Islands", "Saint", "Saints"])
def test_abbreviation_rewrites_never_turn_a_word_into_a_code(word):
    # normalise_name reads "Is." as "islands" and "St." as "saint"; the codes IS, ISL
    # and ST must not be found under those words (Iceland, Sao Tome and Principe).
    with pytest.raises(LookupError):
        geodist.country(word)


@pytest.mark.parametrize("query", ["City", "Sea", "Chinese"])
def test_a_generic_word_never_picks_one_country_silently(query):
    # "City" is whole words of "Vatican City" only, "Sea" of "Coral Sea Islands";
    # "Chinese" of the alias "Chinese Taipei": a partial match needs a distinctive word
    with pytest.raises(UnknownCountryError) as info:
        geodist.country(query)
    assert info.value.suggestions


def test_codes_in_any_case_still_resolve():
    assert geodist.country("is").alpha2 == "IS"
    assert geodist.country("isl").alpha2 == "IS"
    assert geodist.country("st").alpha2 == "ST"
    assert geodist.lookup("ISL").how == "ISO 3166-1 alpha-3 code"


def test_language_of_the_wrong_type_is_a_type_error():
    with pytest.raises(geodist.InputTypeError):
        geodist.country("Nga", language=5)
