"""Read a draft's attached files at the boundary, so the (pure) engine can judge them."""

from __future__ import annotations

from pathlib import Path

from tweetguard.draft import Draft, MediaInspection, MediaItem
from tweetguard.errors import InputError
from tweetguard.media.exif import gps_of, open_image
from tweetguard.media.ocr import ocr_image

VIDEO_SUFFIXES = frozenset({".mp4", ".mov", ".gif"})


def inspect_file(path: Path, *, ocr: bool = True) -> MediaInspection:
    """GPS and text of one file; a file that cannot be read gives ``error``, never raises."""
    try:
        if not path.is_file():
            what = "file not found" if not path.exists() else "not a file"
            return MediaInspection(error=f"{what}: {path}")
        if path.suffix.lower() in VIDEO_SUFFIXES:
            return MediaInspection(ocr="skipped")
        with open_image(path) as im:
            gps = gps_of(im)
    except InputError as exc:
        return MediaInspection(error=f"{exc.message}: {path}")
    except (OSError, ValueError) as exc:  # permission denied, a NUL in the path, ...
        return MediaInspection(error=f"cannot read: {exc}: {path}")
    if not ocr:
        return MediaInspection(gps=gps, ocr="skipped")
    status, text = ocr_image(path)
    return MediaInspection(gps=gps, ocr=status, ocr_text=text if status == "ok" else None)


def _inspected(item: MediaItem, base: Path, ocr: bool) -> MediaItem:
    if item.path is None or item.inspection is not None:
        return item
    path = Path(item.path).expanduser()
    inspection = inspect_file(path if path.is_absolute() else base / path, ocr=ocr)
    return item.model_copy(update={"inspection": inspection})


def inspect_media(draft: Draft, *, base_dir: Path | None = None, ocr: bool = True) -> Draft:
    """A copy of ``draft`` whose media items with a ``path`` and no inspection yet carry a
    :class:`MediaInspection`. Relative paths resolve against ``base_dir`` (default: the
    working directory). Never raises for a bad media file: the error is data for rule 1."""
    if not any(item.path is not None and item.inspection is None for item in draft.media):
        return draft
    base = base_dir if base_dir is not None else Path.cwd()
    media = [_inspected(item, base, ocr) for item in draft.media]
    return draft.model_copy(update={"media": media})
