"""The error hierarchy: every error geodist raises for bad input is a GeodistError and the right builtin."""

import inspect
import pickle

import numpy as np
import pytest
import shapely

import geodist
from geodist.countries import country_pair
from geodist.errors import Hint, echo
from geodist.places import place
from geodist.travel import format_duration

BUILTINS = (ValueError, LookupError, TypeError, OSError, RuntimeError, ImportError)

EXPORTED_ERRORS = [
    obj
    for name, obj in vars(geodist).items()
    if inspect.isclass(obj) and issubclass(obj, BaseException) and name in geodist.__all__
]


def test_the_walk_finds_the_errors():
    assert len(EXPORTED_ERRORS) >= 19 and geodist.GeodistError in EXPORTED_ERRORS


@pytest.mark.parametrize("cls", EXPORTED_ERRORS, ids=lambda c: c.__name__)
def test_every_exported_error_is_a_geodist_error_and_one_builtin(cls):
    assert issubclass(cls, geodist.GeodistError)
    if cls is geodist.GeodistError:
        return
    builtins = {b for b in BUILTINS if issubclass(cls, b)}
    # Exactly one family (LookupError and ValueError never both).
    assert len(builtins) == 1, (cls, builtins)


@pytest.mark.parametrize("cls", EXPORTED_ERRORS, ids=lambda c: c.__name__)
def test_every_exported_error_is_documented_in_its_module(cls):
    assert (cls.__doc__ and cls.__name__ in geodist.errors.__doc__) or cls is geodist.GeodistError


def test_no_plain_geodist_error_is_raised_in_the_library():
    # Every raise site picks a subclass, so that `except ValueError` (or LookupError, ...) works.
    import pathlib

    package = pathlib.Path(geodist.__file__).parent
    offenders = [
        f"{path.name}:{n}"
        for path in sorted(package.glob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "raise GeodistError(" in line
    ]
    assert offenders == []


# --- Each defect of issue 10, part 2 ---------------------------------------------

LONG = "x" * 100_000


@pytest.mark.parametrize(
    ("call", "cls", "builtin", "message"),
    [
        (
            lambda: geodist.travel_time("100 km", mode="rocket"),
            geodist.ModeError,
            ValueError,
            "unknown travel mode",
        ),
        (lambda: geodist.travel_time("100 km"), geodist.ModeError, ValueError, "give a speed"),
        (lambda: geodist.travel_time(100.0), geodist.UnitError, ValueError, "has no unit"),
        (
            lambda: geodist.travel_time([100], "5 km/h"),
            geodist.InputTypeError,
            TypeError,
            "cannot read a distance",
        ),
        (
            lambda: geodist.travel_time("100 km", mode="car", detour_factor=-1),
            geodist.ModeError,
            ValueError,
            "detour_factor must be at least 1",
        ),
        (
            lambda: geodist.travel_time("100 km", mode="car", overhead_s=float("nan")),
            geodist.ModeError,
            ValueError,
            "overhead_s must be finite",
        ),
        (
            lambda: geodist.travel_time("100 km", mode="car", detour_factor="2"),
            geodist.ModeError,
            ValueError,
            "must be a number",
        ),
        (
            lambda: geodist.travel_time("100 km", mode="car", wind=3),
            geodist.InputTypeError,
            TypeError,
            "unknown override",
        ),
        (
            lambda: geodist.travel_time("100 km", "5 km/h", detour_factor=2),
            geodist.ModeError,
            ValueError,
            "apply to a mode",
        ),
        (
            lambda: geodist.distance("Antarctica", "Iran", "capital"),
            geodist.NoCapitalError,
            LookupError,
            "no capital",
        ),
        (
            lambda: geodist.distance("South Sudan", "Sudan", "centre"),
            geodist.NoCentrePointError,
            LookupError,
            "no centre point",
        ),
        (lambda: country_pair("Iran", "Persia"), geodist.SameCountryError, ValueError, "the same country"),
        (lambda: geodist.article("IR", "IRN"), geodist.SameCountryError, ValueError, "the same country"),
        (lambda: geodist.distance((35.7, 51.4), "Iran"), geodist.InputTypeError, TypeError, "bare pair"),
        (lambda: geodist.distance(1.5, "Iran"), geodist.InputTypeError, TypeError, "cannot measure from"),
        (lambda: geodist.country(None), geodist.InputTypeError, TypeError, "name or code"),
        (lambda: geodist.country(3.5), geodist.InputTypeError, TypeError, "name or code"),
        (
            lambda: geodist.distance("Iran", "Russia").path(1),
            geodist.InputValueError,
            ValueError,
            "2 to 10,000,000 points",
        ),
        (
            lambda: geodist.distance("Iran", "Russia").path("9"),
            geodist.InputTypeError,
            TypeError,
            "whole number",
        ),
        (
            lambda: geodist.distance("Iran", "Russia").path(10**12),
            geodist.InputValueError,
            ValueError,
            "2 to 10,000,000",
        ),
        (
            lambda: geodist.distances(object(), 1, 2, 3),
            geodist.InputTypeError,
            TypeError,
            "numbers of degrees",
        ),
        (
            lambda: geodist.distances("north", 1, 2, 3),
            geodist.CoordinateError,
            ValueError,
            "numbers of degrees",
        ),
        (lambda: geodist.distances(1.0, 2.0, 3.0), geodist.InputTypeError, TypeError, "four coordinates"),
        (lambda: geodist.airport(None), geodist.InputTypeError, TypeError, "airport code is a string"),
        (lambda: place(5), geodist.InputTypeError, TypeError, "a place is a string"),
        (lambda: geodist.matrix(5), geodist.InputTypeError, TypeError, "list of countries"),
        (lambda: geodist.matrix([]), geodist.InputValueError, ValueError, "at least one country"),
        (lambda: geodist.matrix("Iran"), geodist.InputTypeError, TypeError, "not one string 'Iran'"),
        (lambda: place("IRN"), geodist.AmbiguousPlaceError, LookupError, "airport:IRN or country:IRN"),
        (lambda: format_duration(-1), geodist.InputValueError, ValueError, "non-negative"),
        (lambda: format_duration("1 h"), geodist.InputTypeError, TypeError, "number of seconds"),
        (lambda: geodist.Speed.of(5, 5), geodist.SpeedError, ValueError, "unknown speed unit"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_bad_input_raises_a_geodist_error_of_the_right_builtin(call, cls, builtin, message):
    with pytest.raises(builtin, match=message) as info:
        call()
    assert type(info.value) is cls and isinstance(info.value, geodist.GeodistError)


def test_path_of_two_points_is_the_two_ends():
    # Regression: path(2) reached pyproj's npts with 0 inner points and raised its GeodError.
    d = geodist.distance("Iran", "Russia")
    assert d.path(2) == [d.start, d.end]
    assert d.path(np.int64(3))[0] == d.start and len(d.path(3)) == 3


def test_a_numpy_integer_is_a_numeric_country_code():
    assert geodist.country(np.int64(364)).name == "Iran"  # ISO 3166 numeric 364 is Iran


def test_a_matrix_of_one_string_is_refused_not_spelled_out():
    # Regression: matrix("Iran") iterated the characters ("unknown country 'I'").
    with pytest.raises(TypeError, match="list of countries"):
        geodist.matrix("Iran")


def test_an_empty_or_missing_point_in_a_geoseries_gives_nan():
    # Regression: an empty point reached shapely.get_x and raised a GEOSException.
    gpd = pytest.importorskip("geopandas")
    a = gpd.GeoSeries([shapely.Point(), None, shapely.Point(0, 0)], crs=4326)
    b = gpd.GeoSeries([shapely.Point(1, 1)] * 3, crs=4326)
    out = geodist.distances(a, b)
    assert np.isnan(out[0]) and np.isnan(out[1])
    assert out[2] == geodist.distances(0.0, 0.0, 1.0, 1.0)  # the present pair as measured alone


def test_a_geoseries_of_polygons_is_still_refused():
    with pytest.raises(geodist.CoordinateError, match="expected points"):
        geodist.distances(np.array([shapely.box(0, 0, 1, 1)]), np.array([shapely.Point(0, 0)]))


# --- Hints and echoes ------------------------------------------------------------


def test_hints_are_python_in_the_library_and_options_at_the_command_line():
    with pytest.raises(geodist.NoCapitalError) as info:
        geodist.distance("Antarctica", "Iran", "capital")
    assert str(info.value).endswith("; try method='border'")
    assert info.value.render("cli").endswith("; try --method border")
    assert info.value.hints == (Hint("method", "border"),)


def test_a_hint_for_a_flag_and_for_several_options():
    error = geodist.InputValueError("no", hints=[Hint("mainland"), Hint("method", "centroid")])
    assert str(error) == "no; try mainland=True or method='centroid'"
    assert error.render("cli") == "no; try --mainland or --method centroid"


@pytest.mark.parametrize(
    "call",
    [
        lambda: geodist.country(LONG),
        lambda: geodist.airport(LONG),
        lambda: geodist.Unit.parse(LONG),
        lambda: geodist.Speed.parse(LONG),
        lambda: geodist.travel_time("100 km", mode=LONG),
        lambda: geodist.distance("Iran", "Russia", method=LONG),
        lambda: country_pair(LONG, LONG),
        lambda: geodist.travel_time(LONG, "5 km/h"),
    ],
)
def test_long_input_is_shortened_in_messages(call):
    # Regression: a 100 KB argument was echoed whole.
    with pytest.raises(geodist.GeodistError) as info:
        call()
    message = str(info.value)
    assert len(message) < 400 and "…(100000 characters)" in message


def test_echo_shows_short_input_as_given_and_long_input_shortened():
    assert echo("Germny") == "'Germny'"
    assert echo(1.5) == "1.5"
    assert echo("é" * 61) == repr("é" * 60) + "…(61 characters)"
    assert echo("\n") == repr("\n")  # never a line break in a message


@pytest.mark.parametrize("cls", EXPORTED_ERRORS, ids=lambda c: c.__name__)
def test_errors_survive_pickling_for_worker_processes(cls):
    # matrix() measures in worker processes; an error raised there crosses back pickled.
    if cls is geodist.UnknownCountryError:
        error = cls("Germny", ["Germany (DE)"])
    elif cls is geodist.AmbiguousCountryError:
        error = cls("Korea", ["North Korea (KP)", "South Korea (KR)"])
    elif cls is geodist.UnknownAirportError:
        error = cls("QQQ")
    elif cls is geodist.NoTerritoryError:
        error = cls("French Guiana", "French Guiana (GF)", "France (FR)")
    elif cls is geodist.UnknownIdError:
        error = cls("wset", "regions.gpkg", "name", ["west"])
    else:
        error = cls("went wrong", hints=[Hint("method", "border")])
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls and str(copy) == str(error) and copy.render("cli") == error.render("cli")
