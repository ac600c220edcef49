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
        "print(d.load_territories.cache_info().currsize, d.load_names.cache_info().currsize)"
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
