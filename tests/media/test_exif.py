"""GPS from EXIF: decimal degrees, hemispheres, and broken metadata that must not raise."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, TiffImagePlugin

from tweetguard.errors import InputError
from tweetguard.media import read_gps
from tweetguard.media.exif import gps_from_exif

R = TiffImagePlugin.IFDRational


def test_amsterdam(gps_jpeg: Callable[..., Path]) -> None:
    gps = read_gps(gps_jpeg(52.3731, 4.8926))
    assert gps is not None
    assert gps.lat == pytest.approx(52.3731, abs=1e-4)
    assert gps.lon == pytest.approx(4.8926, abs=1e-4)


def test_south_and_west_are_negative(gps_jpeg: Callable[..., Path]) -> None:
    gps = read_gps(gps_jpeg(-22.9068, -43.1729))
    assert gps is not None
    assert gps.lat == pytest.approx(-22.9068, abs=1e-4)
    assert gps.lon == pytest.approx(-43.1729, abs=1e-4)


def test_no_exif_no_gps(tmp_path: Path, make_photo: Callable[..., Image.Image]) -> None:
    make_photo().save(tmp_path / "a.png")
    make_photo().save(tmp_path / "b.jpg")
    assert read_gps(tmp_path / "a.png") is None
    assert read_gps(tmp_path / "b.jpg") is None


def test_exif_without_gps(tmp_path: Path, make_photo: Callable[..., Image.Image]) -> None:
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    make_photo().save(tmp_path / "c.jpg", exif=exif)
    assert read_gps(tmp_path / "c.jpg") is None


def _exif(gps: dict[int, object]) -> Image.Exif:
    """An Exif as read from a file (Pillow reads the GPS IFD of parsed EXIF only)."""
    built = Image.Exif()
    built[0x8825] = gps
    exif = Image.Exif()
    exif.load(built.tobytes())
    return exif


class _OddExif(Image.Exif):
    """Values Pillow would not write, as a broken camera or editor might."""

    def __init__(self, gps: dict[int, object]) -> None:
        super().__init__()
        self._gps = gps

    def get_ifd(self, tag: int) -> dict[int, object]:
        return self._gps


BROKEN = [
    {1: "N", 2: (R(0, 0), R(0, 0), R(0, 0)), 3: "E", 4: (R(4), R(53), R(0))},  # 0/0
    {1: "N", 2: (R(95), R(0), R(0)), 3: "E", 4: (R(4), R(53), R(0))},  # out of range
    {1: "N", 2: (R(52), R(22), R(0))},  # no longitude
    {1: "N", 2: (R(1), R(2), R(3), R(4)), 3: "E", 4: (R(4),)},  # four parts
    {},
]


@pytest.mark.parametrize("gps", BROKEN)
def test_broken_gps_in_a_file_is_none(tmp_path: Path, gps: dict[int, object]) -> None:
    path = tmp_path / "broken.jpg"
    Image.new("RGB", (8, 8)).save(path, exif=_exif(gps))
    assert read_gps(path) is None
    assert gps_from_exif(_exif(gps)) is None


@pytest.mark.parametrize(
    "gps",
    [
        *BROKEN,
        {1: "N", 2: "garbage", 3: "E", 4: (R(4),)},
        {1: "N", 2: (R(-52), R(0), R(0)), 3: "E", 4: (R(4),)},  # negative degrees
        {1: "N", 2: (float("nan"),), 3: "E", 4: (R(4),)},
        {1: "N", 2: (object(),), 3: "E", 4: (R(4),)},
        {1: 7, 2: (R(52),), 3: None, 4: (R(400),)},
    ],
)
def test_odd_gps_values_are_none(gps: dict[int, object]) -> None:
    assert gps_from_exif(_OddExif(gps)) is None


def test_single_rational_and_byte_refs() -> None:
    gps = gps_from_exif(_exif({1: b"S\x00", 2: R(3355, 100), 3: b"W\x00", 4: R(1845, 100)}))
    assert gps is not None
    assert (gps.lat, gps.lon) == pytest.approx((-33.55, -18.45))


@pytest.mark.filterwarnings("error")
def test_corrupt_exif_blob_does_not_raise(
    tmp_path: Path, make_photo: Callable[..., Image.Image]
) -> None:
    path = tmp_path / "corrupt.jpg"
    make_photo().save(path, exif=b"Exif\x00\x00II*\x00\xff\xff\xff\x7f garbage")
    assert read_gps(path) is None


@pytest.mark.filterwarnings("error")
def test_truncated_gps_ifd(tmp_path: Path, gps_jpeg: Callable[..., Path]) -> None:
    data = bytearray(gps_jpeg().read_bytes())
    start = data.find(b"Exif\x00\x00")
    data[start + 40 : start + 120] = b"\xff" * 80  # scribble over the IFDs
    path = tmp_path / "scribbled.jpg"
    path.write_bytes(bytes(data))
    read_gps(path)  # None or a position, but never an exception


def test_missing_and_non_image_raise_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found") as info:
        read_gps(tmp_path / "nope.jpg")
    assert info.value.where == str(tmp_path / "nope.jpg")
    (tmp_path / "notes.jpg").write_text("not a picture")
    with pytest.raises(InputError, match="not an image"):
        read_gps(tmp_path / "notes.jpg")
