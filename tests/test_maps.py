"""Maps: PNG pictures, GeoJSON, HTML, and the missing-extra error."""

import json

import pytest

from geodist.cli import main

matplotlib = pytest.importorskip("matplotlib")


def _colours(path):
    import matplotlib.image

    image = matplotlib.image.imread(path)
    flat = (image[:, :, :3] * 255).astype(int).reshape(-1, 3)
    return {tuple(c) for c in flat[:: max(1, len(flat) // 20000)]}


@pytest.mark.parametrize(
    ("a", "b"), [("Iran", "Russia"), ("USA", "Russia")], ids=["iran-russia", "across-180"]
)
def test_png_map_is_non_trivial(tmp_path, capsys, a, b):
    out = tmp_path / "pair.png"
    assert main(["map", a, b, "-o", str(out)]) == 0
    assert out.stat().st_size > 30_000
    colours = _colours(out)
    assert len(colours) > 10
    # Both territory fills are present.
    assert (143, 184, 222) in colours and (242, 194, 139) in colours
    assert "wrote" in capsys.readouterr().err


def test_geojson_holds_the_expected_features(tmp_path):
    out = tmp_path / "pair.geojson"
    assert main(["map", "Iran", "Russia", "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    kinds = sorted(f["properties"]["kind"] for f in data["features"])
    assert kinds == [
        "capital",
        "capital",
        "capitals",
        "centre",
        "centre",
        "nearest_border",
        "territory",
        "territory",
    ]
    border = next(f for f in data["features"] if f["properties"]["kind"] == "nearest_border")
    assert border["properties"]["distance_km"] == pytest.approx(165.83, abs=0.01)
    assert len(border["geometry"]["coordinates"][0]) == 200  # a curve, not a straight segment


def test_geojson_lines_are_split_at_the_antimeridian(tmp_path):
    out = tmp_path / "bering.geojson"
    assert main(["map", "USA", "Russia", "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    for f in data["features"]:
        if f["geometry"]["type"] == "MultiLineString":
            for part in f["geometry"]["coordinates"]:
                assert all(-180 <= lon <= 180 for lon, _ in part)


def test_html_map(tmp_path):
    pytest.importorskip("folium")
    out = tmp_path / "pair.html"
    assert main(["map", "Iran", "Russia", "-o", str(out)]) == 0
    assert "leaflet" in out.read_text().lower()


def test_bad_extension_and_missing_extra(tmp_path, capsys, monkeypatch):
    assert main(["map", "Iran", "Russia", "-o", str(tmp_path / "x.bmp")]) == 2
    assert "use a .png, .svg, .html or .geojson" in capsys.readouterr().err
    import builtins

    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    monkeypatch.delitem(__import__("sys").modules, "matplotlib", raising=False)
    assert main(["map", "Iran", "Russia", "-o", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err
    assert "pip install 'geodist[map]'" in err and len(err.strip().splitlines()) == 1
