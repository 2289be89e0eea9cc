"""End to end: a draft with attached images through `tweetguard check`, and `media strip`."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont, TiffImagePlugin
from typer.testing import CliRunner

from tweetguard.cli import app
from tweetguard.media import read_gps

runner = CliRunner()
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def gps_photo(path: Path) -> None:
    exif = Image.Exif()
    r = TiffImagePlugin.IFDRational
    exif[0x8825] = {1: "N", 2: (r(52), r(22), r(2316, 100)), 3: "E", 4: (r(4), r(53), r(3336, 100))}
    Image.new("RGB", (80, 60), (120, 160, 200)).save(path, exif=exif)


def screenshot(path: Path, lines: list[str]) -> None:
    font = (
        ImageFont.truetype(str(DEJAVU), 40) if DEJAVU.exists() else ImageFont.load_default(size=40)
    )
    im = Image.new("RGB", (1200, 90 * len(lines) + 60), "white")
    draw = ImageDraw.Draw(im)
    for i, line in enumerate(lines):
        draw.text((40, 40 + 90 * i), line, fill="black", font=font)
    im.save(path)


def need_tesseract() -> None:
    if shutil.which("tesseract") is None:
        if os.environ.get("TWEETGUARD_ALLOW_NO_TESSERACT") == "1":
            pytest.skip("tesseract is not installed")
        pytest.fail("install tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng (make test does)")


def test_check_reads_gps_and_text_in_images(tmp_path: Path) -> None:
    need_tesseract()
    gps_photo(tmp_path / "dak.jpg")
    screenshot(tmp_path / "mail.png", ["Onderwerp: vertrouwelijk", "BSN klant: 111222333"])
    draft = {
        "text": "Mooie dag op het werk",
        "media": [{"path": "dak.jpg", "own": True}, {"path": "mail.png", "own": True}],
    }
    (tmp_path / "d.json").write_text(json.dumps(draft), encoding="utf-8")
    result = runner.invoke(app, ["check", "--draft", str(tmp_path / "d.json"), "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    by_code = {(f["code"], f.get("media")) for f in findings}
    assert ("R1.media-location", 0) in by_code
    assert ("R1.personal-data", 1) in by_code and ("R1.marker", 1) in by_code
    assert "111222333" not in result.stdout
    location = next(f for f in findings if f["code"] == "R1.media-location")
    assert "52.37" in location["message"]["nl"] and "media strip" in location["fix"]["en"]


def test_check_without_ocr_says_so(tmp_path: Path) -> None:
    screenshot(tmp_path / "s.png", ["hallo"])
    (tmp_path / "d.json").write_text(
        json.dumps(
            {
                "text": "Kijk",
                "media": [{"path": "s.png", "own": True}],
                "created_at": "2026-11-24T10:15:00+01:00",
            }
        ),
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["check", "--draft", str(tmp_path / "d.json"), "--format", "json", "--no-ocr"]
    )
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert codes == ["R1.media-text-unchecked"] and result.exit_code == 0


def test_missing_image_is_reported_not_fatal(tmp_path: Path) -> None:
    line = json.dumps({"text": "Kijk", "media": [{"path": "weg.jpg"}]})
    (tmp_path / "d.jsonl").write_text(line + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["check", "--drafts", str(tmp_path / "d.jsonl"), "--format", "jsonl"]
    )
    row = json.loads(result.stdout)
    assert any(
        f["code"] == "R1.media-unchecked" and "not found" in f["message"]["en"]
        for f in row["findings"]
    )


def test_media_strip(tmp_path: Path) -> None:
    gps_photo(tmp_path / "foto.jpg")
    result = runner.invoke(app, ["media", "strip", str(tmp_path / "foto.jpg")])
    assert result.exit_code == 0 and "GPS location removed" in result.stdout
    clean = tmp_path / "foto.clean.jpg"
    assert clean.exists() and read_gps(clean) is None
    assert read_gps(tmp_path / "foto.jpg") is not None  # the original is left alone
    result = runner.invoke(app, ["media", "strip", str(tmp_path / "nope.jpg")])
    assert result.exit_code == 2 and "not found" in result.stderr
