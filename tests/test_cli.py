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
