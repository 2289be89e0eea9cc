"""Attached images, read at the boundary: GPS from EXIF, text by OCR, metadata stripping.

The engine stays pure: :func:`inspect_media` fills ``MediaItem.inspection`` before a check.
"""

from __future__ import annotations

from tweetguard.media.exif import read_gps
from tweetguard.media.inspect import inspect_media
from tweetguard.media.ocr import ocr_image
from tweetguard.media.strip import strip_metadata

__all__ = ["inspect_media", "ocr_image", "read_gps", "strip_metadata"]
