"""Text in an image, read by Debian's ``tesseract`` binary (tesseract-ocr, -nld, -eng)."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from tweetguard.draft import MAX_TEXT_CHARS, OcrStatus
from tweetguard.media.exif import open_image, upright

UPSCALE_BELOW_PX = 1000  # narrower images are enlarged 2x: tesseract wants ~30 px letters
UPSCALE_MAX_PIXELS = 40_000_000  # ...unless that makes them huge (a long scrolling capture)


@functools.cache
def installed_langs(binary: str) -> frozenset[str]:
    """The languages ``binary --list-langs`` reports (empty when that fails); asked once."""
    try:
        done = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    lines = (done.stdout or done.stderr).splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and " " not in line.strip())


def pick_langs(wanted: str, installed: frozenset[str]) -> str | None:
    """The wanted languages that are installed (``nld+eng`` → ``eng`` without nld), else
    ``eng`` or any installed one; None when none is installed at all."""
    if not installed:  # --list-langs failed: let tesseract itself decide
        return wanted
    have = [lang for lang in wanted.split("+") if lang in installed]
    if not have:
        others = sorted(installed - {"osd"})
        have = ["eng"] if "eng" in installed else others[:1]
    return "+".join(have) or None


def _prepare(path: Path, out: Path) -> None:
    """Write ``path`` as an upright, opaque PNG for tesseract, enlarged 2x when small."""
    with open_image(path) as im:
        im.load()
        img = upright(im)
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        img = Image.new("RGB", rgba.size, "white")
        img.paste(rgba, mask=rgba.getchannel("A"))
    elif img.mode not in ("L", "RGB"):
        img = img.convert("RGB")
    if img.width < UPSCALE_BELOW_PX and img.width * img.height * 4 <= UPSCALE_MAX_PIXELS:
        img = img.resize((img.width * 2, img.height * 2), Image.Resampling.LANCZOS)
    img.save(out, format="PNG")


def ocr_image(path: Path, *, langs: str = "nld+eng", timeout: float = 20) -> tuple[OcrStatus, str]:
    """``("ok", text)`` from the image at ``path``; ``("unavailable", "")`` without tesseract;
    ``("failed", "")`` when the image cannot be read or tesseract fails or times out."""
    binary = shutil.which("tesseract")
    if binary is None:
        return "unavailable", ""
    lang = pick_langs(langs, installed_langs(binary))
    if lang is None:
        return "unavailable", ""
    with tempfile.TemporaryDirectory(prefix="tweetguard-ocr-") as tmp:
        prepared = Path(tmp) / "in.png"
        try:
            _prepare(path, prepared)
            done = subprocess.run(
                [binary, str(prepared), "stdout", "-l", lang],
                capture_output=True,
                timeout=timeout,
                check=False,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},  # threads only slow it down here
            )
        except Exception:  # unreadable image, tesseract crashed or timed out, ...
            return "failed", ""
    if done.returncode != 0:
        return "failed", ""
    return "ok", done.stdout.decode("utf-8", "replace").strip()[:MAX_TEXT_CHARS]
