"""The command line, called in process through main(argv)."""

import subprocess
import sys

import pytest

from geodist.cli import main


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
    assert any(line.startswith("capital to capital") and "2,464.2" in line and "Tehran" in line for line in lines)
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


def test_usage_errors_exit_2(capsys):
    code, _, err = run(capsys, "Iran")
    assert code == 2 and "usage:" in err
    code, _, err = run(capsys, "Iran", "Russia", "--method", "haversine")
    assert code == 2 and "invalid choice" in err


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
    assert "2,512.1 km" in out and "3 h 54 min" in out and "ICAO" in out


def test_article_command(capsys):
    code, out, _ = run(capsys, "article", "Iran", "Russia")
    assert code == 0
    assert "4,883 km or 3,034 miles" in out and "5.42 hours" in out and "165.8 km" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["Iran", "Russia", "--speed", "560"], "has no unit; give a positive number with a unit"),
        (["Iran", "Russia", "--speed", "0mph"], "must be positive"),
        (["travel", "IRN", "SVO"], "write airport:IRN or country:IRN"),
        (["travel", "QQQQ", "SVO"], "unknown airport code 'QQQQ'"),
        (["article", "South Sudan", "Sudan"], "no centre point"),
    ],
)
def test_travel_errors(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_bad_mode_is_a_usage_error(capsys):
    code, _, err = run(capsys, "travel", "IKA", "SVO", "--mode", "teleport")
    assert code == 2 and "invalid choice" in err
