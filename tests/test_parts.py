"""Parts of a territory: mainland (the part holding the capital), largest, named, by point.

Also the ±180° touch and the report notes on parts, dependencies and centroids.
Distances without another cited source are this engine's, whose border search
is checked against a brute force in test_distance.py; the comparisons here are
between parts of the same data.
"""

import json

import pytest
import shapely
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import geodist
from geodist import LatLon, Part, PartError, distance, geometry_distance
from geodist.cli import main
from geodist.dependencies import DEPENDENCIES, dependencies_of, sovereign_of
from geodist.part_names import PART_NAMES
from geodist.report import pair_data
from geodist.territory import parse_part, prepared
from tests.places import CAYENNE, COPENHAGEN, KUCHING, ROSKILDE


def test_malaysia_mainland_shares_a_border_with_thailand():
    # Regression: "mainland" was the largest part, Malaysian Borneo (950 km from Thailand).
    mainland = distance("Malaysia", "Thailand", part="mainland")
    assert mainland.distance_m == 0.0 and mainland.shares_border is True
    assert mainland.start_part == mainland.end_part == "mainland"


def test_mainland_flag_is_an_alias_of_part_mainland():
    flag = distance("Malaysia", "Thailand", mainland=True)
    named = distance("Malaysia", "Thailand", part="mainland")
    assert flag == named
    assert distance("Malaysia", "Thailand", part=Part.MAINLAND) == named


def test_part_largest_reproduces_the_old_mainland():
    # The old rule (largest part) gave 950.0 km for Malaysia–Thailand, from Borneo.
    largest = distance("Malaysia", "Thailand", part="largest")
    assert largest.km == pytest.approx(950.0, abs=0.05)
    assert largest.shares_border is False
    assert largest.start_part == "part 1 of 17 by area (Malaysian Borneo, 194,976 km²)"


def test_denmark_mainland_holds_copenhagen():
    # Copenhagen (GeoNames) lies just off the coast as drawn at 1:10m: the nearest part,
    # Zealand, is taken; Zealand holds Roskilde.
    whole = prepared(geodist.country("Denmark"))
    assert not whole.prepared_geometry.covers(shapely.Point(COPENHAGEN.lon, COPENHAGEN.lat))
    mainland = prepared(geodist.country("Denmark"), Part.MAINLAND)
    assert mainland.prepared_geometry.covers(shapely.Point(ROSKILDE.lon, ROSKILDE.lat))
    assert whole.mainland_group != whole.largest_group  # Jutland is larger
    assert whole.describe(whole.mainland_group).startswith("Zealand, ")
    assert whole.describe(whole.largest_group).startswith("Jutland, ")


def test_denmark_sweden_mainland_is_across_the_oresund():
    # Denmark–Sweden, whole territories: 4.200 km (boundaries/README.md, source comparison);
    # Zealand to Scania is the same 4.2 km strait (Helsingør–Helsingborg).
    whole = distance("Denmark", "Sweden")
    mainland = distance("Denmark", "Sweden", part="mainland")
    assert mainland.km == pytest.approx(whole.km, abs=0.01) == pytest.approx(4.2, abs=0.05)
    largest = distance("Denmark", "Sweden", part="largest")  # Jutland
    assert largest.km > 50


def test_france_mainland_excludes_french_guiana():
    # France–Brazil: 0 km whole (French Guiana borders Brazil). The mainland, the part holding
    # Paris, is continental France, which is also its largest part, and Brazil's mainland is its
    # largest part too: so the value is the old largest-part figure, 6,343.8 km (README: 6344).
    france = prepared(geodist.country("France"), Part.MAINLAND)
    assert not france.prepared_geometry.covers(shapely.Point(CAYENNE.lon, CAYENNE.lat))
    mainland = distance("France", "Brazil", part="mainland")
    largest = distance("France", "Brazil", part="largest")
    assert mainland.km == pytest.approx(6343.8, abs=0.05)
    assert mainland.distance_m == largest.distance_m
    assert mainland.shares_border is False


def test_usa_mainland_is_the_contiguous_states():
    us = prepared(geodist.country("US"))
    assert us.describe(us.mainland_group).startswith("contiguous United States, ")
    assert distance("US", "Mexico", part="mainland").shares_border is True
    assert distance("US", "Canada", part="mainland").shares_border is True
    # Without Alaska the USA is far from Russia: Maine/Washington State vs Chukotka, thousands of km.
    assert distance("US", "Russia", part="mainland").km > 3000


def test_part_by_point_chooses_the_part_containing_it():
    # Kuching is on Borneo: Malaysian Borneo touches Indonesia's Kalimantan.
    d = distance("Malaysia", "Indonesia", part=KUCHING)
    assert d.shares_border is True and d.distance_m == 0.0
    assert "Malaysian Borneo" in d.start_part and "Kalimantan" in d.end_part
    # The same from Peninsular Malaysia does not touch Indonesia.
    assert distance("Malaysia", "Indonesia", part=("mainland", KUCHING)).shares_border is False


def test_part_by_point_offshore_takes_the_nearest_part():
    # Copenhagen's point is in the sea as drawn; the nearest part is Zealand, Denmark's mainland.
    assert prepared(geodist.country("DK"), COPENHAGEN) is prepared(geodist.country("DK"), Part.MAINLAND)


def test_part_by_name():
    jutland = distance("Denmark", "Germany", part="Jutland")
    assert jutland.shares_border is True  # Jutland borders Germany; Germany stays whole
    assert distance("Denmark", "Germany", part="zealand").shares_border is False
    assert distance("Denmark", "Germany", part=("Zealand", "whole")) == distance(
        "Denmark", "Germany", part="Zealand"
    )


def test_every_curated_part_point_lies_inside_its_country():
    for cid, parts in PART_NAMES.items():
        territory = geodist.country(cid).territory
        for name, point in parts:
            assert territory.covers(shapely.Point(point.lon, point.lat)), (cid, name)


def test_territory_without_capital_uses_its_largest_part_and_says_so():
    d = distance("Somaliland", "Ethiopia", part="mainland")
    assert (
        d.note == "Somaliland (somaliland) has no capital in the data: its mainland here is its largest part"
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"part": "biggest"}, "no part named 'biggest'"),
        ({"part": (1.5, 110.3)}, "bare pair"),
        ({"part": 3}, "part must be one of"),
        ({"part": "largest", "mainland": True}, "cannot be combined"),
        ({"part": " "}, "empty part name"),
    ],
)
def test_bad_part_is_a_clear_value_error(kwargs, message):
    with pytest.raises(PartError, match=message) as caught:
        distance("Denmark", "Sweden", **kwargs)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, geodist.GeodistError)


def test_parse_part():
    assert parse_part() is Part.WHOLE
    assert parse_part(" Largest ") is Part.LARGEST
    assert parse_part(None, mainland=True) is Part.MAINLAND
    assert parse_part("Zealand") == "Zealand"


# --- touching across ±180° -------------------------------------------------------------


def test_boxes_touching_at_the_antimeridian_share_a_border():
    # Regression: 0 km but shares_border=False, while the same boxes away from ±180° said True.
    d = geometry_distance(shapely.box(179, 0, 180, 1), shapely.box(-180, 0, -179, 1))
    assert d.distance_m == 0.0 and d.shares_border is True
    assert d.start == d.end
    assert abs(d.start.lon) == 180.0 and 0.0 <= d.start.lat <= 1.0
    away = geometry_distance(shapely.box(19, 0, 20, 1), shapely.box(20, 0, 21, 1))
    assert away.shares_border is True and away.distance_m == 0.0


_LAT = st.floats(-80.0, 79.0, allow_nan=False)
_SPAN = st.floats(0.01, 10.0, allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(lat=_LAT, span_a=_SPAN, span_b=_SPAN, shift=st.floats(0.0, 0.99), width=st.floats(0.01, 5.0))
def test_boxes_meeting_across_the_antimeridian_touch_for_any_latitudes(lat, span_a, span_b, shift, width):
    # The western box starts inside the eastern box's latitude range, so they share an edge piece.
    east = shapely.box(180.0 - width, lat, 180.0, lat + span_a)
    start = lat + shift * span_a
    west = shapely.box(-180.0, start, -180.0 + width, min(start + span_b, 89.0))
    forward, backward = geometry_distance(east, west), geometry_distance(west, east)
    assert forward.shares_border is True and backward.shares_border is True
    assert forward.distance_m == backward.distance_m == 0.0
    assert lat <= forward.start.lat <= lat + span_a


@settings(max_examples=40, deadline=None)
@given(lat=_LAT, span=_SPAN, gap=st.floats(0.01, 5.0), width=st.floats(0.01, 5.0))
def test_boxes_apart_across_the_antimeridian_are_symmetric_and_apart(lat, span, gap, width):
    assume(lat + span + gap < 89.5)  # the northern box must have room below the pole
    east = shapely.box(180.0 - width, lat, 180.0, lat + span)
    west = shapely.box(-180.0, lat + span + gap, -180.0 + width, min(lat + 2 * span + gap, 90.0))
    forward, backward = geometry_distance(east, west), geometry_distance(west, east)
    assert forward.shares_border is False and backward.shares_border is False
    assert forward.distance_m == pytest.approx(backward.distance_m, abs=1e-6)
    # Never more than the gap in latitude measured along ±180° (a meridian arc).
    assert (
        0.0
        < forward.distance_m
        <= geodist.distance(LatLon(lat + span, 180.0), LatLon(lat + span + gap, 180.0)).distance_m + 1e-6
    )


# --- report notes ----------------------------------------------------------------------


def test_denmark_canada_report_mentions_greenland():
    # Canada–Greenland: 19.473 km (boundaries/README.md, source comparison); Denmark–Canada 3,416 km.
    data = pair_data("Denmark", "Canada", flight=False)
    border = next(e for e in data["distances"] if e["method"] == "border")
    assert border["distance"] == pytest.approx(3416.0, abs=0.05)
    assert (
        "Greenland (GL), an autonomous territory of Denmark, is a separate territory in this data and lies"
        " nearer to Canada (CA): 19.5 km (try: geodist GL CA)"
    ) in data["notes"]
    assert any("Faroe Islands (FO)" in n for n in data["notes"])


def test_dependency_report_names_its_sovereign():
    notes = pair_data("Greenland", "Canada", flight=False)["notes"]
    assert (
        "Greenland (GL) is an autonomous territory of Denmark, drawn as a territory of its own in this data"
        " (not part of Denmark (DK))"
    ) in notes


def test_dependency_table_matches_the_registry():
    for tid, dep in DEPENDENCIES.items():
        assert geodist.country(tid).id == tid
        assert geodist.country(dep.sovereign).un_member, tid
        assert not geodist.country(tid).un_member, tid
    assert dependencies_of("NL") == ["AW", "CW", "SX"]
    assert sovereign_of("GL") is not None and sovereign_of("DK") is None


def test_report_says_when_the_mainland_is_not_the_largest_part():
    notes = pair_data("Denmark", "Sweden", [geodist.Method.BORDER], part="mainland", flight=False)["notes"]
    assert any(
        n.startswith("the mainland of Denmark (DK) here is the part holding Copenhagen (Zealand, ")
        and "not its largest part (Jutland, " in n
        for n in notes
    )


def test_report_no_longer_calls_peninsular_malaysia_not_the_mainland():
    notes = pair_data("Malaysia", "Thailand", flight=False)["notes"]
    assert "they share a border" in notes
    assert not any("not its mainland" in n for n in notes)


def test_centroid_abroad_is_noted():
    # France's area centroid, with French Guiana, Réunion and the other overseas parts
    # drawn in its territory, falls in northern Spain; continental France's is inside.
    d = distance("France", "Spain", "centroid")
    assert d.note is not None
    assert d.note.startswith("the centroid of France (FR) lies outside its territory (in Spain (ES), ")
    assert "pulled off by its parts away from the mainland" in d.note
    assert distance("France", "Spain", "centroid", part="mainland").note is None


def test_centroid_at_sea_is_noted():
    # Kiribati's atolls straddle ±180°; their centroid is in the ocean.
    d = distance("Kiribati", "Fiji", "centroid")
    assert (
        d.note is not None and "the centroid of Kiribati (KI) lies outside its territory (at sea, " in d.note
    )


# --- command line ----------------------------------------------------------------------


def test_cli_mainland_option_means_the_capital_part(capsys):
    assert main(["Malaysia", "Thailand", "--method", "border", "--mainland", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mainland"] is True and data["part"] == "mainland"
    assert data["distances"][0]["distance_m"] == 0.0


def test_cli_part_largest(capsys):
    assert main(["Malaysia", "Thailand", "--method", "border", "--part", "largest", "-q"]) == 0
    assert "950.0" in capsys.readouterr().out


def test_cli_part_and_mainland_together_is_a_usage_error(capsys):
    assert main(["Denmark", "Sweden", "--part", "largest", "--mainland"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_cli_nearest_and_matrix_take_part(capsys):
    assert main(["nearest", "Malaysia", "--part", "mainland", "--top", "2", "--json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) and '"TH"' in out  # Thailand touches Peninsular Malaysia
    assert main(["matrix", "Malaysia", "Thailand", "--part", "largest", "--csv"]) == 0
    assert "949.976" in capsys.readouterr().out
