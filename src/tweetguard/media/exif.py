"""GPS coordinates from a photo's EXIF data (Pillow), and opening images at the boundary."""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from tweetguard.draft import GpsLocation
from tweetguard.errors import InputError

GPS_IFD = 0x8825
_LAT_REF, _LAT, _LON_REF, _LON = 1, 2, 3, 4  # GPSLatitudeRef, GPSLatitude, ...


def open_image(path: Path) -> Image.Image:
    """Open ``path`` lazily as an image; raise :class:`InputError` when that is impossible.
    The caller closes it (``with open_image(p) as im``)."""
    where = str(path)
    if not path.exists():
        raise InputError("file not found", where=where)
    if not path.is_file():
        raise InputError("not a file", where=where)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "Corrupt EXIF data": not our concern
            return Image.open(path)
    except UnidentifiedImageError:
        raise InputError("not an image", where=where) from None
    except Image.DecompressionBombError:
        raise InputError("image too large to open safely", where=where) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", where=where) from None


def upright(im: Image.Image) -> Image.Image:
    """``im`` turned as its EXIF orientation says; as it is when that EXIF is broken."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return ImageOps.exif_transpose(im)
    except Exception:  # broken orientation data: keep the pixels as stored
        return im.copy()


def _degrees(value: Any) -> float | None:
    """(degrees, minutes, seconds) rationals, or a single rational, as decimal degrees."""
    parts = tuple(value) if isinstance(value, tuple | list) else (value,)
    if not 1 <= len(parts) <= 3:
        return None
    total = 0.0
    for part, scale in zip(parts, (1.0, 60.0, 3600.0), strict=False):
        number = float(part)
        if not math.isfinite(number) or number < 0:
            return None
        total += number / scale
    return total


def _ref(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return str(value).strip("\x00 ").upper()[:1] if value is not None else ""


def gps_from_exif(exif: Image.Exif) -> GpsLocation | None:
    """The GPS position in ``exif``, or None when absent or unusable (never raises)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns "Corrupt EXIF data"
            gps = exif.get_ifd(GPS_IFD)
        lat, lon = _degrees(gps[_LAT]), _degrees(gps[_LON])
        if lat is None or lon is None:
            return None
        if _ref(gps.get(_LAT_REF)) == "S":
            lat = -lat
        if _ref(gps.get(_LON_REF)) == "W":
            lon = -lon
        return GpsLocation(lat=lat, lon=lon)
    except Exception:  # KeyError, ValueError, ValidationError, ...: broken metadata is "no GPS"
        return None


def gps_of(im: Image.Image) -> GpsLocation | None:
    """The GPS position in an open image's EXIF, or None (never raises, never warns)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exif = im.getexif()
    except Exception:  # broken EXIF is "no GPS", not an error
        return None
    return gps_from_exif(exif)


def read_gps(path: Path) -> GpsLocation | None:
    """Where the photo at ``path`` was taken, from EXIF; None when it carries no usable GPS.
    Raises :class:`InputError` only when the file is missing or not an image."""
    with open_image(path) as im:
        return gps_of(im)
