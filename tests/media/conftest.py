"""Images made on the fly with Pillow: GPS-tagged photos and screenshots with text."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont, TiffImagePlugin

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SECRET_LINES = ("Inloggegevens testomgeving", "wachtwoord: Zomer2026!", "NL91 ABNA 0417 1643 00")
INSTALL_HINT = (
    "install tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng (make test does this via apt-get)"
)


def dms(value: float) -> tuple[TiffImagePlugin.IFDRational, ...]:
    """Decimal degrees as EXIF (degrees, minutes, seconds) rationals."""
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round((value - degrees - minutes / 60) * 3600 * 100)
    R = TiffImagePlugin.IFDRational
    return (R(degrees), R(minutes), R(seconds, 100))


def gps_exif(lat: float, lon: float) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Fairphone"  # Make
    exif[0x8825] = {
        1: "N" if lat >= 0 else "S",
        2: dms(lat),
        3: "E" if lon >= 0 else "W",
        4: dms(lon),
    }
    return exif


def photo(size: tuple[int, int] = (64, 48)) -> Image.Image:
    """A small picture with structure, so that pixel comparisons mean something."""
    im = Image.new("RGB", size, (200, 220, 255))
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, size[1] // 2, size[0], size[1]), fill=(40, 120, 40))
    draw.ellipse((4, 4, 20, 20), fill=(250, 200, 0))
    return im


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if DEJAVU.exists():
        return ImageFont.truetype(str(DEJAVU), size)
    return ImageFont.load_default(size=size)


def screenshot(
    width: int = 1200,
    size: int = 40,
    lines: tuple[str, ...] = SECRET_LINES,
    *,
    bg: tuple[int, ...] = (255, 255, 255),
    fg: tuple[int, ...] = (0, 0, 0),
    mode: str = "RGB",
) -> Image.Image:
    step = int(size * 1.6)
    im = Image.new(mode, (width, step * len(lines) + 2 * size), bg)
    draw = ImageDraw.Draw(im)
    for i, line in enumerate(lines):
        draw.text((size, size + i * step), line, fill=fg, font=font(size))
    return im


def normalised(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def gps_jpeg(tmp_path: Path) -> Callable[..., Path]:
    def make(lat: float = 52.3731, lon: float = 4.8926, name: str = "photo.jpg") -> Path:
        path = tmp_path / name
        photo().save(path, format="JPEG", exif=gps_exif(lat, lon), comment=b"shot at home")
        return path

    return make


@pytest.fixture
def secret_png(tmp_path: Path) -> Path:
    path = tmp_path / "screenshot.png"
    screenshot().save(path)
    return path


@pytest.fixture
def tesseract() -> str:
    """The tesseract binary; FAIL without it, unless TWEETGUARD_ALLOW_NO_TESSERACT=1."""
    binary = shutil.which("tesseract")
    if binary is None:
        if os.environ.get("TWEETGUARD_ALLOW_NO_TESSERACT") == "1":
            pytest.skip(f"tesseract not found: {INSTALL_HINT}")
        pytest.fail(
            f"tesseract not found on PATH: {INSTALL_HINT}; "
            "or set TWEETGUARD_ALLOW_NO_TESSERACT=1 to skip the OCR tests",
            pytrace=False,
        )
    return binary


@pytest.fixture
def make_exif() -> Callable[[float, float], Image.Exif]:
    return gps_exif


@pytest.fixture
def make_screenshot() -> Callable[..., Image.Image]:
    return screenshot


@pytest.fixture
def make_photo() -> Callable[..., Image.Image]:
    return photo
