"""ocr_image: tesseract reads screenshots; unavailable without it; failed when it fails."""

from __future__ import annotations

import shutil
import stat
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from tweetguard.media import ocr_image
from tweetguard.media.ocr import _prepare, installed_langs, pick_langs

TOKENS = ("wachtwoord", "Zomer2026!", "NL91 ABNA 0417 1643 00")


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_reads_a_screenshot(tesseract: str, secret_png: Path) -> None:
    status, text = ocr_image(secret_png)
    assert status == "ok"
    for token in TOKENS:
        assert token in _norm(text), text


@pytest.mark.parametrize(
    ("width", "size", "options"),
    [
        (600, 20, {}),  # small: upscaled 2x first
        (900, 30, {"bg": (21, 32, 43), "fg": (230, 230, 230)}),  # dark mode
        (900, 30, {"bg": (0, 0, 0, 0), "fg": (0, 0, 0, 255), "mode": "RGBA"}),  # transparent
    ],
)
def test_reads_other_screenshots(
    tesseract: str,
    tmp_path: Path,
    make_screenshot: Callable[..., Image.Image],
    width: int,
    size: int,
    options: dict[str, object],
) -> None:
    path = tmp_path / "shot.png"
    make_screenshot(width, size, **options).save(path)
    status, text = ocr_image(path)
    assert status == "ok"
    for token in TOKENS:
        assert token in _norm(text), text


def test_english_only_still_reads(tesseract: str, secret_png: Path) -> None:
    status, text = ocr_image(secret_png, langs="eng")
    assert status == "ok"
    assert "Zomer2026!" in _norm(text)


def test_blank_image_is_ok_and_empty(tesseract: str, tmp_path: Path) -> None:
    Image.new("RGB", (400, 200), "white").save(tmp_path / "blank.png")
    assert ocr_image(tmp_path / "blank.png") == ("ok", "")


def test_not_an_image_fails(tesseract: str, tmp_path: Path) -> None:
    (tmp_path / "x.png").write_text("no pixels here")
    assert ocr_image(tmp_path / "x.png") == ("failed", "")
    assert ocr_image(tmp_path / "missing.png") == ("failed", "")


def test_installed_langs(tesseract: str) -> None:
    langs = installed_langs(tesseract)
    assert "eng" in langs
    assert not any(" " in lang for lang in langs)


def test_unavailable_without_tesseract(monkeypatch: pytest.MonkeyPatch, secret_png: Path) -> None:
    monkeypatch.setattr(shutil, "which", lambda *_args, **_kw: None)
    assert ocr_image(secret_png) == ("unavailable", "")


def _fake_tesseract(tmp_path: Path, body: str) -> str:
    script = tmp_path / "bin" / "tesseract"
    script.parent.mkdir()
    script.write_text(
        "#!/bin/sh\n"
        "if [ \"$1\" = --list-langs ]; then printf 'List of available languages (1):\\neng\\n'; "
        f"exit 0; fi\n{body}\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_failed_on_non_zero_exit(
    tmp_path: Path, secret_png: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = _fake_tesseract(tmp_path, "echo partial; exit 1")
    monkeypatch.setattr(shutil, "which", lambda *_args, **_kw: fake)
    assert ocr_image(secret_png) == ("failed", "")


def test_failed_on_timeout(
    tmp_path: Path, secret_png: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = _fake_tesseract(tmp_path, "exec sleep 10")
    monkeypatch.setattr(shutil, "which", lambda *_args, **_kw: fake)
    start = time.monotonic()
    assert ocr_image(secret_png, timeout=0.5) == ("failed", "")
    assert time.monotonic() - start < 5


def test_fake_binary_gets_installed_language(
    tmp_path: Path, secret_png: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = _fake_tesseract(tmp_path, 'echo "args: $*"')
    monkeypatch.setattr(shutil, "which", lambda *_args, **_kw: fake)
    status, text = ocr_image(secret_png)
    assert status == "ok"
    assert text.endswith("stdout -l eng")  # nld is not "installed": fall back to eng


@pytest.mark.parametrize(
    ("wanted", "installed", "expected"),
    [
        ("nld+eng", {"nld", "eng", "osd"}, "nld+eng"),
        ("nld+eng", {"eng", "osd"}, "eng"),
        ("nld", {"eng", "deu"}, "eng"),
        ("nld", {"deu", "osd"}, "deu"),
        ("nld", {"osd"}, None),
        ("nld+eng", set(), "nld+eng"),  # --list-langs failed: let tesseract decide
    ],
)
def test_pick_langs(wanted: str, installed: set[str], expected: str | None) -> None:
    assert pick_langs(wanted, frozenset(installed)) == expected


@pytest.mark.parametrize(("width", "factor"), [(600, 2), (999, 2), (1000, 1), (1600, 1)])
def test_small_images_are_upscaled(tmp_path: Path, width: int, factor: int) -> None:
    src, out = tmp_path / "in.png", tmp_path / "out.png"
    Image.new("RGBA", (width, 100), (0, 0, 0, 0)).save(src)
    _prepare(src, out)
    with Image.open(out) as im:
        assert im.size == (width * factor, 100 * factor)
        assert im.mode == "RGB"
        assert im.getpixel((0, 0)) == (255, 255, 255)  # transparency flattened on white
