"""The command line, called in process through main(argv)."""

import contextlib
import io
import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geodist.cli import main
from tests.report_keys import REPORT_ENTRY_KEYS, REPORT_KEYS


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_pair_report(capsys):
    code, out, err = run(capsys, "Iran", "Russia")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Iran (IR) → Russia (RU)"
    # Values: nearest border 165.8 km (brute-force checked), Tehran–Moscow 2,464.2 km,
    # the article's centre-point figure 4,883 km / 3,034 mi.
    assert any(line.startswith("nearest border") and "165.8" in line and "103.0" in line for line in lines)
    assert any(
        line.startswith("capital to capital") and "2,464.2" in line and "Tehran" in line for line in lines
    )
    assert any(line.startswith("centre points") and "4,883.0" in line and "3,034.1" in line for line in lines)
    assert "note: they do not share a border" in lines
    assert "WGS84" in lines[-1]


def test_one_method(capsys):
    code, out, _ = run(capsys, "IRN", "RUS", "--method", "capital")
    assert code == 0
    assert "2,464.2" in out and "nearest border" not in out


def test_mainland_option(capsys):
    _, whole, _ = run(capsys, "France", "Brazil", "--method", "border")
    _, mainland, _ = run(capsys, "France", "Brazil", "--method", "border", "--mainland")
    assert "they share a border" in whole
    assert "they do not share a border" in mainland


def test_missing_centre_point_is_explained_not_fatal(capsys):
    code, out, _ = run(capsys, "South Sudan", "Sudan")
    assert code == 0
    assert "n/a" in out and "no centre point" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["Iran", "Korea"], "'Korea' is ambiguous: it could be North Korea (KP) or South Korea (KR)"),
        (["Iran", "Germny"], "did you mean Germany (DE)"),
        (["French Guiana", "Brazil"], "part of France (FR)"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_usage_errors_exit_2_with_one_line(capsys):
    code, _, err = run(capsys, "Iran")
    assert code == 2 and "give two countries, e.g. `geodist Iran Russia`" in err and "--help" in err
    code, _, err = run(capsys, "Iran", "Russia", "--method", "haversine")
    assert code == 2 and "invalid choice" in err
    assert len(err.strip().splitlines()) == 1


def test_version_and_help(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("geodist ")
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "geodist Iran Russia" in out


def test_python_dash_m_smoke():
    done = subprocess.run([sys.executable, "-m", "geodist", "UK", "France"], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.startswith("United Kingdom (GB) → France (FR)")


def test_pair_report_with_speed(capsys):
    code, out, _ = run(capsys, "Iran", "Russia", "--speed", "560mph")
    assert code == 0
    assert any(line.startswith("centre points") and "5 h 25 min" in line for line in out.splitlines())
    assert "plain: distance / 901 km/h (560 mph)" in out


def test_pair_report_with_mode(capsys):
    code, out, _ = run(capsys, "France", "Germany", "--mode", "car", "--method", "capital")
    assert code == 0 and "14 h 19 min" in out and "Ballou" in out


def test_travel_between_airports(capsys):
    code, out, _ = run(capsys, "travel", "IKA", "SVO")
    assert code == 0
    assert "2,512.1 km" in out and "3 h 59 min" in out and "ICAO" in out


def test_article_command(capsys):
    code, out, _ = run(capsys, "article", "Iran", "Russia")
    assert code == 0
    assert "4,883 km or 3,034 miles" in out and "5.42 hours" in out and "165.8 km" in out


def test_article_for_a_country_missing_from_googles_table(capsys):
    # South Sudan has no row in Google's countries table: the corrections still come.
    code, out, err = run(capsys, "article", "South Sudan", "Sudan")
    assert code == 0 and err == ""
    assert "cannot be reproduced: Google's table has no centre point for South Sudan (SS)" in out
    assert "0 km: they share a border" in out and "Juba to Khartoum" in out


def test_travel_reads_a_code_that_is_only_a_word_for_a_country_as_an_airport(capsys):
    # "SIN" is Changi's IATA code; no country's ISO code, though a translation of "China".
    code, out, _ = run(capsys, "travel", "JFK", "SIN")
    assert code == 0 and "Singapore Changi" in out and "wide-body airliner" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["Iran", "Russia", "--speed", "560"], "has no unit; give a positive number with a unit"),
        (["Iran", "Russia", "--speed", "0mph"], "must be positive"),
        (["travel", "IRN", "SVO"], "write airport:IRN or country:IRN"),
        (["travel", "QQQQ", "SVO"], "unknown airport code 'QQQQ'"),
        (["Iran", "Persia"], "'Iran' and 'Persia' are the same country, Iran (IR); give two different"),
        (["article", "IR", "IRN"], "are the same country"),
    ],
)
def test_travel_errors(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_bad_mode_is_a_usage_error(capsys):
    code, _, err = run(capsys, "travel", "IKA", "SVO", "--mode", "teleport")
    assert code == 2 and "invalid choice" in err


# --- Output for scripts ------------------------------------------------------

JSON_KEYS = set(REPORT_KEYS)
ENTRY_KEYS = set(REPORT_ENTRY_KEYS) - {"travel"}


def test_json_output_has_the_documented_keys(capsys):
    import json

    code, out, err = run(capsys, "Iran", "Russia", "--json", "--unit", "mi")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == JSON_KEYS
    assert set(data["first"]) == {
        "id",
        "name",
        "alpha2",
        "alpha3",
        "numeric",
        "capital",
        "seat",
        "matched_as",
    }
    assert data["first"]["matched_as"] == "English name"
    assert data["first"]["capital"] == "Tehran"
    assert [e["method"] for e in data["distances"]] == ["border", "capital", "centroid", "centre"]
    for entry in data["distances"]:
        assert set(entry) == ENTRY_KEYS
    centre = data["distances"][3]
    assert centre["distance_m"] == pytest.approx(4_882_988.69, abs=0.01)  # the article's figure
    assert centre["distance"] == pytest.approx(3034.15, abs=0.005)  # in the requested unit
    assert data["distances"][0]["shares_border"] is False
    assert data["flight"]["from"].startswith("IKA") and data["flight"]["to"].startswith("SVO")


def test_json_with_travel(capsys):
    import json

    _, out, _ = run(capsys, "Iran", "Russia", "--json", "--speed", "560 mph", "--method", "centre")
    entry = json.loads(out)["distances"][0]
    assert entry["travel"]["total_s"] / 3600 == pytest.approx(5.42, abs=0.005)


def test_csv_output(capsys):
    import csv
    import io

    code, out, _ = run(capsys, "Iran", "Russia", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["method"] for r in rows] == ["border", "capital", "centroid", "centre"]
    assert float(rows[1]["distance"]) == pytest.approx(2464.2, abs=0.05)
    assert rows[0]["shares_border"] == "false"


def test_quiet_prints_the_header_and_the_distance_lines(capsys):
    # Regression: -q dropped the header, so the second (mi) column had no label.
    _, out, _ = run(capsys, "Iran", "Russia", "-q")
    lines = out.splitlines()
    assert len(lines) == 5 and "note:" not in out
    assert lines[0].split()[:2] == ["km", "mi"]
    assert lines[1].startswith("nearest border")


def test_report_compares_the_popular_figure(capsys):
    _, out, _ = run(capsys, "Iran", "Russia")
    assert "centre points) is 29.4x the nearest-border distance and 2.0x the capital distance" in out
    assert "flight: about 3 h 59 min by narrow-body airliner, IKA" in out


def test_report_goes_by_road_between_capitals_too_close_to_fly(capsys):
    _, out, _ = run(capsys, "Vatican", "Italy")
    assert "no flight, the airports are too close: about 0 h 05 min by car, Vatican City" in out


def test_piped_output_has_no_colour_or_progress(capsys):
    code, out, err = run(capsys, "matrix", "Iran", "Kuwait", "Oman")
    assert code == 0 and "\x1b[" not in out + err and "rows" not in err and "\r" not in err


def test_matrix_command(capsys):
    code, out, _ = run(capsys, "matrix", "Iran", "Kuwait", "Oman", "--csv")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "from,alpha3,name,IR,KW,OM"
    assert lines[1].startswith("IR,IRN,Iran,0.000,22.1")


def test_matrix_needs_countries(capsys):
    code, _, err = run(capsys, "matrix")
    assert code == 2 and "two or more countries, or --all" in err


def test_nearest_command(capsys):
    import json

    code, out, _ = run(capsys, "nearest", "Japan", "--top", "2", "--json")
    data = json.loads(out)
    assert code == 0 and [n["id"] for n in data["nearest"]] == ["RU", "KR"]
    assert data["nearest"][0]["distance"] == pytest.approx(18.1, abs=0.05)


def test_countries_command(capsys):
    code, out, _ = run(capsys, "countries", "korea")
    assert code == 0 and "North Korea" in out and "South Korea" in out and "Japan" not in out
    code, out, _ = run(capsys, "countries", "--un", "--csv")
    assert len(out.splitlines()) == 194  # header + 193 UN member states
    code, _, err = run(capsys, "countries", "atlantis")
    assert code == 2 and "no country matches" in err


def test_subcommand_help_shows_examples(capsys):
    for command in ("travel", "article", "matrix", "nearest", "countries", "map"):
        code, out, _ = run(capsys, command, "--help")
        assert code == 0 and f"geodist {command}" in out and "example" in out


def test_output_piped_into_a_closed_reader_is_not_an_error():
    # `geodist ... | head -1`: the pipe closes early; no traceback, exit 0.
    done = subprocess.run(
        f"{sys.executable} -m geodist countries | head -1", shell=True, capture_output=True, text=True
    )
    assert done.stdout.startswith("id") and "Traceback" not in done.stderr


def test_matrix_all_centre_points(capsys):
    import csv
    import io

    code, out, err = run(capsys, "matrix", "--all", "--method", "centre", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 255 and err == ""
    iran = next(r for r in rows if r["from"] == "IR")
    assert float(iran["RU"]) == pytest.approx(4882.989, abs=0.001)  # the article's 4,883 km
    assert iran["SS"] == ""  # South Sudan has no centre point in Google's table: NaN, empty in CSV


# --- Usage errors people make (issue 10) ---------------------------------------


def one_line_error(capsys, *argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    return err.strip()


def test_help_as_a_word_prints_the_help(capsys):
    # Regression: `geodist help` said "required: second".
    code, out, _ = run(capsys, "help")
    assert code == 0 and "usage: geodist" in out and "geodist Iran Russia" in out
    code, out, _ = run(capsys, "help", "nearest")
    assert code == 0 and "usage: geodist nearest" in out
    assert "did you mean `geodist help nearest`" in one_line_error(capsys, "help", "nearst")


def test_one_country_points_to_the_pair_and_to_nearest(capsys):
    # Regression: `geodist Iran` said "required: second".
    err = one_line_error(capsys, "Iran")
    assert "give two countries, e.g. `geodist Iran Russia`" in err
    assert "for the countries nearest one, `geodist nearest Iran`" in err
    err = one_line_error(capsys, "New Zealand")
    assert "`geodist nearest 'New Zealand'`" in err
    assert "give two countries" in one_line_error(capsys)


@pytest.mark.parametrize(
    ("argv", "suggestion"),
    [
        (["neerest", "Iran"], "did you mean `geodist nearest`?"),
        (["neerest"], "did you mean `geodist nearest`?"),
        (["matrx", "Iran", "Iraq", "Turkey"], "did you mean `geodist matrix`?"),
        (["Iran", "Russia", "--jsn"], "unknown option '--jsn'; did you mean --json?"),
        (["nearest", "Iran", "--topp", "3"], "did you mean --top?"),
        (["countries", "--csb"], "did you mean --csv?"),
        (["Iran", "Russia", "Turkey"], "`geodist matrix A B C`"),
        (
            ["-v", "nearest", "Iran"],
            "the subcommand comes first, its options after it: `geodist nearest ... -v`",
        ),
    ],
)
def test_typos_get_a_suggestion(capsys, argv, suggestion):
    assert suggestion in one_line_error(capsys, *argv)


def test_a_country_close_to_a_command_name_is_still_a_country(capsys):
    # "ma" (Morocco's ISO code) is close to "map": the report, not a suggestion.
    code, out, _ = run(capsys, "ma", "Spain", "-q", "--method", "capital")
    assert code == 0 and "capital to capital" in out


def test_a_long_argument_is_shortened_in_the_message(capsys):
    # Regression: a 100 KB argument was echoed whole.
    long = "y" * 100_000
    for argv in (
        ["Iran", long],
        ["Iran", "Russia", "--unit", long],
        ["nearest", "Iran", "--top", long],
        ["countries", long],
        ["Iran", "Russia", long],
        ["travel", "IKA", long],
    ):
        err = one_line_error(capsys, *argv)
        assert len(err) < 450 and "(100000 characters)" in err, argv


def test_a_line_break_in_an_argument_stays_on_one_line(capsys):
    one_line_error(capsys, "Iran\nRussia", "France")
    one_line_error(capsys, "\x1e")  # found by the property test: a record separator splits lines too
    one_line_error(capsys, "Iran", "Russia", "--unit", "\u2028")
    one_line_error(capsys, "Iran", "Russia", "extra\nline")


def test_hints_use_command_line_syntax(capsys):
    # Regression: the CLI said "try method='border'".
    code, out, _ = run(capsys, "Antarctica", "Iran", "--method", "capital")
    assert code == 0 and "try --method border" in out and "method='border'" not in out
    import json

    _, out, _ = run(capsys, "South Sudan", "Sudan", "--method", "centre", "--json")
    assert json.loads(out)["distances"][0]["error"].endswith("try --method centroid")


# --- One output contract (issue 10) ----------------------------------------------

CONTRACT = {
    "pair": ["Iran", "Russia"],
    "travel": ["travel", "IKA", "SVO"],
    "article": ["article", "Iran", "Russia"],
    "matrix": ["matrix", "Iran", "Kuwait", "Oman"],
    "nearest": ["nearest", "Iran", "--top", "3"],
}


@pytest.mark.parametrize("command", [*CONTRACT, "countries"])
def test_every_subcommand_has_json_and_csv(capsys, command):
    import csv
    import io
    import json

    argv = CONTRACT.get(command, ["countries", "korea"])
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0 and err == ""
    assert json.loads(out)["geodist_version"] == geodist_version()
    code, out, err = run(capsys, *argv, "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and err == "" and rows


def geodist_version():
    import geodist

    return geodist.__version__


@pytest.mark.parametrize("command", list(CONTRACT))
def test_every_distance_subcommand_takes_a_unit(capsys, command):
    import json

    _, km, _ = run(capsys, *CONTRACT[command], "--json")
    _, mi, _ = run(capsys, *CONTRACT[command], "--json", "--unit", "mi")
    assert json.loads(km)["unit"] == "km" and json.loads(mi)["unit"] == "mi"


def test_travel_in_miles_and_as_csv(capsys):
    import csv
    import io

    code, out, _ = run(capsys, "travel", "IKA", "SVO", "--unit", "mi")
    assert code == 0 and "distance   1,561.0 mi (2,512.1 km)" in out
    _, out, _ = run(capsys, "travel", "IKA", "SVO", "--csv", "--unit", "mi")
    (row,) = csv.DictReader(io.StringIO(out))
    assert float(row["distance_m"]) == pytest.approx(2_512_120.684, abs=0.001)
    assert float(row["distance"]) == pytest.approx(2_512_120.684 / 1609.344, abs=1e-5)
    assert row["unit"] == "mi" and row["text"] == "3 h 59 min"
    _, out, _ = run(capsys, "travel", "IKA", "SVO", "-q")
    assert out.splitlines() == [
        "distance   2,512.1 km (1,561.0 mi), geodesic on WGS84",
        "time       3 h 59 min  (3.98 h)",
    ]


def test_article_json_reproduces_the_figures(capsys):
    import json

    _, out, _ = run(capsys, "article", "Iran", "Russia", "--json", "--unit", "nmi")
    data = json.loads(out)
    assert round(data["centre_km"]) == 4883 and round(data["centre_mi"]) == 3034  # the article's figures
    assert data["centre"] == pytest.approx(data["centre_m"] / 1852)
    assert round(data["hours_at_560_mph"], 2) == 5.42
    assert data["corrections"][0]["claim"] == "shortest (bird fly) distance"


def test_nearest_json_has_points_and_metres(capsys):
    import json

    import geodist

    # Regression: nearest --json had neither the nearest points nor distance_m.
    _, out, _ = run(capsys, "nearest", "Japan", "--top", "2", "--json", "--unit", "mi")
    data = json.loads(out)
    assert data["origin"]["alpha3"] == "JPN"
    first = data["nearest"][0]
    expected = geodist.distance("Japan", "Russia")
    assert first["id"] == "RU" and first["distance_m"] == pytest.approx(expected.distance_m, abs=1e-6)
    assert first["distance"] == pytest.approx(expected.mi)
    assert first["start"] == {"lat": expected.start.lat, "lon": expected.start.lon}
    assert first["end"] == {"lat": expected.end.lat, "lon": expected.end.lon}


@pytest.mark.parametrize(
    "argv",
    [["matrix", "Namibia", "Angola", "Botswana", "--csv"], ["nearest", "Angola", "--top", "4", "--csv"]],
)
def test_namibia_survives_pandas(capsys, argv):
    # Regression: Namibia's id NA became NaN in pandas' default reading; the alpha-3 code stands beside it.
    import io

    pd = pytest.importorskip("pandas")
    code, out, _ = run(capsys, *argv)
    assert code == 0
    key = "from" if argv[0] == "matrix" else "id"
    default = pd.read_csv(io.StringIO(out))
    assert "NAM" in set(default["alpha3"]) and "Namibia" in set(default["name"])
    kept = pd.read_csv(io.StringIO(out), keep_default_na=False, na_values=[""])  # as the README says
    assert "NA" in set(kept[key])
    if argv[0] == "matrix":
        assert kept.set_index("from").loc["NA", "AO"] == 0.0  # neighbours


def test_pair_csv_has_alpha3_and_names_beside_the_ids(capsys):
    import csv
    import io

    _, out, _ = run(capsys, "Namibia", "Angola", "--csv", "--method", "capital")
    (row,) = csv.DictReader(io.StringIO(out))
    assert (row["first"], row["first_alpha3"], row["first_name"]) == ("NA", "NAM", "Namibia")
    assert (row["second"], row["second_alpha3"], row["second_name"]) == ("AO", "AGO", "Angola")


def test_quiet_keeps_a_header_everywhere(capsys):
    _, out, _ = run(capsys, "nearest", "Iran", "--top", "2", "-q")
    assert out.splitlines()[0].split() == ["country", "km"]
    _, out, _ = run(capsys, "matrix", "Iran", "Kuwait", "-q")
    assert out.splitlines()[0].split() == ["to", "(km)", "IR", "KW"]  # the unit stays in the corner


def test_long_durations_are_days_and_keep_the_columns_aligned(capsys):
    # Regression: past 10 days the time ran into the next column; 1e-30 km/h printed 33 digits.
    for speed, expected in (("1 km/h", "203 d 11 h"), ("1e-30 km/h", "over 100 years")):
        code, out, _ = run(capsys, "Iran", "Russia", "--speed", speed)
        header, *rows = out.splitlines()[1:6]
        assert code == 0 and expected in rows[3]
        end = header.index("time") + len("time")  # every time cell ends under the header's "time"
        assert all(row[end - 1] != " " and row[end : end + 3] == "   " for row in rows)


def test_verbose_says_where_the_data_is_and_what_matched(capsys):
    code, out, err = run(capsys, "Persia", "RUS", "-v", "--method", "capital")
    assert code == 0 and "capital to capital" in out
    assert "data from" in err and "'Persia' is Iran (IR), matched as common name" in err
    assert "'RUS' is Russia (RU), matched as ISO 3166-1 alpha-3 code" in err
    assert " ms" in err
    code, _, err = run(capsys, "nearest", "Россия", "--top", "1", "-v")
    assert code == 0 and "matched as name in 5 languages (CLDR: Kara-Kalpak, Kyrgyz, Russian, …)" in err


def test_language_option_settles_a_name(capsys):
    # "Nga": NGA is Nigeria's ISO alpha-3 code; Vietnamese (CLDR vi) for Russia
    code, _, err = run(capsys, "Nga", "Iran")
    assert code == 2 and err.strip().endswith("try --language vi") and len(err.splitlines()) == 1
    code, out, _ = run(capsys, "Nga", "Iran", "--lang", "vi", "--json", "--method", "border")
    data = json.loads(out)
    assert (data["first"]["id"], data["first"]["matched_as"]) == ("RU", "Vietnamese name (CLDR)")
    for command in (["article", "Nga", "Iran"], ["nearest", "Nga", "--top", "1"], ["matrix", "Nga", "Iran"]):
        assert run(capsys, *command, "--language", "vi")[0] == 0
    code, _, err = run(capsys, "Nga", "Iran", "--lang", "xx")
    assert code == 2 and "unknown language 'xx'" in err


def test_capital_option_picks_the_seat_of_government(capsys):
    # GeoNames: Sucre (19.0333°S, 65.2627°W), La Paz (16.5000°S, 68.1500°W)
    code, out, _ = run(capsys, "Bolivia", "Peru", "--method", "capital", "--capital", "seat")
    assert code == 0 and "La Paz (seat of government) (16.5000°S, 68.1500°W)" in out
    assert "measured from La Paz; --capital official measures from Sucre" in out
    code, out, _ = run(capsys, "Bolivia", "Peru", "--method", "capital")
    assert "Sucre (capital) (19.0333°S, 65.2627°W)" in out


def test_scotland_is_measured_as_the_uk_and_says_so(capsys):
    code, out, _ = run(capsys, "Scotland", "France", "--method", "capital")
    assert code == 0 and out.startswith("United Kingdom (GB) → France (FR)")
    assert (
        "note: Scotland is a constituent country of the United Kingdom; the territory measured is the UK's"
        in out
    )


def test_travel_takes_a_point_with_a_negative_latitude_and_cities(capsys):
    code, out, _ = run(capsys, "travel", "-33.9249,18.4241", "JNB")
    assert code == 0 and out.startswith("33.9249°S, 18.4241°E → JNB")
    code, out, _ = run(capsys, "travel", "ika", "svo", "--json")
    data = json.loads(out)
    assert data["from"]["label"].startswith("IKA") and data["to"]["label"].startswith("SVO")
    code, out, _ = run(capsys, "travel", "Paris", "New York")
    assert code == 0 and "note       also a city: Paris, Texas, US" in out
    code, _, err = run(capsys, "travel", "Springfield", "Paris")
    assert code == 2 and "Springfield, Missouri" in err and len(err.splitlines()) == 1


# --- Property test: any command line ends in exit 0 or 2, one line, no traceback --------

COMMAND_NAMES = ["", "travel", "article", "matrix", "nearest", "countries", "map", "help"]
POSITIONALS = {
    "": 2,
    "travel": 2,
    "article": 2,
    "matrix": 3,
    "nearest": 1,
    "countries": 1,
    "map": 2,
    "help": 1,
}
GOOD_PLACES = [
    *(
        "Iran",
        "Russia",
        "IR",
        "RUS",
        "643",
        "Persia",
        "Côte d'Ivoire",
        "Namibia",
        "somaliland",
        "ma",
        "Bosnia",
    ),
    *(
        "Antarctica",
        "South Sudan",
        "Vatican",
        "Fiji",
        "Греция",
        "IKA",
        "SVO",
        "UUEE",
        "airport:SVO",
        "country:IRN",
    ),
    *("35.69,51.39", "-33.9,151.2", "nearest", "map"),
]
BAD_PLACES = [
    *(
        "Korea",
        "Germny",
        "French Guiana",
        "Atlantis",
        "IRN",
        "QQQQ",
        "airport:QQQ",
        "airport:",
        "country:",
        "help",
    ),
    *(
        "",
        " ",
        "-",
        "--",
        "-5",
        "0",
        "999",
        "Iran,Russia",
        "91,0",
        "nan,nan",
        "inf,0",
        "1e400,0",
        "NaN",
        "None",
    ),
    *(
        "x" * 10_000,
        "é" * 300,
        "\udcff",
        "🇮🇷",
        "伊朗",
        "' OR 1=1 --",
        "\x00",
        "a\nb",
        "--help=x",
        "-q=1",
        "neerest",
    ),
]
JUNK = st.one_of(
    st.sampled_from(BAD_PLACES),
    st.text(max_size=20),
    st.text(min_size=100, max_size=3000),
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
# Values for options without choices; the options themselves come from the real parsers.
FREE_VALUES = {
    "--speed": [
        "560mph",
        "900 km/h",
        "0mph",
        "-5 km/h",
        "1e-30 km/h",
        "3e8 m/s",
        "inf mph",
        "nan kn",
        "560",
        "fast",
    ],
    "--top": ["1", "3", "0", "-2", "x", "1e3", "99999999999999999999", ""],
    "--output": ["x.txt", "", "x"],  # never a real map: map lines end in a usage or value error
}
SKIPPED_OPTIONS = {"--all"}  # matrix --all measures 32,385 pairs (about 20 s)


def real_options(command):
    """(option, strategy of its value or None for a flag) for every option of a subcommand's parser."""
    from geodist import cli

    build = cli.build_parser if command in ("", "help") else cli._COMMANDS[command][0]
    found = []
    for action in build()._actions:
        if not action.option_strings or action.option_strings[-1] in SKIPPED_OPTIONS:
            continue
        name = action.option_strings[-1]
        if action.nargs == 0:
            found.append((st.sampled_from(action.option_strings), None))
            continue
        values = list(action.choices or FREE_VALUES.get(name, ["1"]))
        found.append((st.sampled_from(action.option_strings), st.one_of(st.sampled_from(values), JUNK)))
    return found


@st.composite
def command_lines(draw):
    command = draw(st.sampled_from(COMMAND_NAMES))
    # nearest ranks every territory (about a second): it gets only places that fail fast.
    bad = st.one_of(st.sampled_from(BAD_PLACES), JUNK)
    good = st.sampled_from(GOOD_PLACES)
    place = bad if command == "nearest" else st.one_of(good, good, good, good, bad)  # mostly real places
    expected = st.just(POSITIONALS[command])
    count = draw(st.one_of(expected, expected, expected, st.integers(0, 4)))
    pieces = [[draw(place)] for _ in range(count)]
    options = real_options(command)
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 15))
        if kind == 0:  # a junk token where an option might be
            pieces.append([draw(JUNK)])
        elif kind == 1:  # another subcommand's option, or a typo of one
            pieces.append(
                [draw(st.sampled_from(["--jsn", "--un", "--mainland", "--top", "-o", "--unit=mi"]))]
            )
        else:
            flag, value = draw(st.sampled_from(options))
            pieces.append([draw(flag)] if value is None else [draw(flag), draw(value)])
    order = draw(st.permutations(range(len(pieces))))
    argv = [command] if command else []
    for k in order:
        argv += pieces[k]
    return argv


def check_command_line(argv):
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except BaseException as exc:  # any escape from main, SystemExit included, is a failure
        pytest.fail(f"main({argv!r:.300}) raised {type(exc).__name__}: {exc!s:.300}")
    stderr = err.getvalue()
    assert code in (0, 2), (argv, code, stderr)  # 1 is for a damaged installation only (DataError)
    assert "Traceback" not in stderr
    if code == 2:
        lines = stderr.splitlines()
        if "-v" in argv or "--verbose" in argv:  # diagnostics come first; the error is the last line
            lines = lines[-1:]
        assert out.getvalue() == "" and len(lines) == 1, (argv, stderr)
        assert len(lines[0]) <= 450, (argv, stderr)


@pytest.fixture(scope="module")
def in_scratch_dir(tmp_path_factory):
    # A stray junk argument must never make a file in the checkout.
    here = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("fuzz"))
    yield
    os.chdir(here)


FUZZ_SETTINGS = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


@settings(max_examples=200, **FUZZ_SETTINGS)
@given(argv=command_lines())
def test_any_command_line_exits_0_or_2_with_one_line_and_no_traceback(in_scratch_dir, argv):
    check_command_line(argv)


@pytest.mark.slow
@settings(max_examples=2000, **FUZZ_SETTINGS)
@given(argv=command_lines())
def test_any_command_line_thoroughly(in_scratch_dir, argv):
    check_command_line(argv)


def test_a_method_that_cannot_be_measured_keeps_every_key(capsys):
    # Somaliland has no capital and no centre point: those entries say why, with the same keys
    code, out, _ = run(capsys, "Somaliland", "Somalia", "--json")
    entries = json.loads(out)["distances"]
    assert code == 0 and len({frozenset(e) for e in entries}) == 1
    assert entries[1]["error"] and entries[1]["distance"] is None


def test_matrix_and_nearest_say_which_part(capsys):
    code, out, _ = run(capsys, "matrix", "Malaysia", "Thailand", "--part", "largest", "--json")
    assert code == 0 and json.loads(out)["part"] == "largest"
    code, out, _ = run(capsys, "nearest", "Malaysia", "--top", "1", "--part", "largest", "--json")
    assert json.loads(out)["part"] == "largest"


def test_an_output_name_the_file_system_refuses_is_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "map", "Iran", "Russia", "-o", str(tmp_path / ("a" * 300 + ".png")))
    assert code == 2 and "File name too long" in err and len(err.splitlines()) == 1


def test_the_library_matrix_refuses_a_country_twice():
    import geodist

    with pytest.raises(geodist.SameCountryError, match=r"Iran \(IR\) given more than once"):
        geodist.matrix(["Iran", "Persia"])
