"""A copy of an image without its metadata (EXIF, GPS, XMP, IPTC, ICC, comments, text chunks)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from PIL import Image

from tweetguard.errors import InputError
from tweetguard.media.exif import open_image, upright

_SAVE_AS = {"MPO": "JPEG"}  # phone photos with a depth/preview frame: keep the main picture
_QUALITY = {"JPEG": 95, "WEBP": 95}


def _fresh(im: Image.Image) -> Image.Image:
    """The pixels of ``im`` in a new image that carries no ``info``, EXIF or profile."""
    clean = Image.frombytes(im.mode, im.size, im.tobytes())
    if im.mode in ("P", "PA") and im.palette is not None:
        clean.putpalette(im.getpalette(im.palette.mode) or [], rawmode=im.palette.mode)
    if "transparency" in im.info:
        clean.info["transparency"] = im.info["transparency"]
    return clean


def strip_metadata(src: Path, dst: Path) -> None:
    """Write to ``dst`` the image at ``src`` re-encoded without metadata, in the same format
    and mode, turned upright first (EXIF orientation). Raise :class:`InputError` when ``src``
    is missing, not an image or animated, when ``dst`` is ``src``, or when ``dst`` cannot be
    written. ``dst`` is replaced atomically."""
    if src.resolve() == dst.resolve() or (dst.exists() and src.exists() and src.samefile(dst)):
        raise InputError("refusing to overwrite the original; give another output", where=str(dst))
    with open_image(src) as im:
        fmt = _SAVE_AS.get(im.format or "", im.format)
        if fmt is None or (getattr(im, "is_animated", False) and im.format != "MPO"):
            raise InputError("animated or unknown image format, cannot strip", where=str(src))
        try:
            im.load()
            clean = _fresh(upright(im))
        except (OSError, ValueError, SyntaxError) as exc:
            raise InputError(f"cannot read the image: {exc}", where=str(src)) from None
    options: dict[str, int] = {}
    if fmt in _QUALITY:
        options["quality"] = _QUALITY[fmt]
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".strip-", dir=dst.parent)
        with os.fdopen(fd, "wb") as out:
            clean.save(out, format=fmt, **options)
        Path(tmp_name).chmod(0o644)  # mkstemp makes it 0600
        Path(tmp_name).replace(dst)
        tmp_name = None
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(f"cannot write a {fmt} copy: {exc}", where=str(dst)) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                Path(tmp_name).unlink()
