"""inspect_media: a copy of the draft whose media items carry what their files revealed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tweetguard.draft import Draft, MediaInspection, MediaItem, parse_draft
from tweetguard.media import inspect_media


def _draft(*paths: str | None) -> Draft:
    return Draft(text="kijk!", media=[MediaItem(path=p) for p in paths])


def _one(draft: Draft, **kw: object) -> MediaInspection:
    out = inspect_media(draft, **kw)  # type: ignore[arg-type]
    inspection = out.media[0].inspection
    assert inspection is not None
    return inspection


def test_gps_without_ocr(gps_jpeg: Callable[..., Path]) -> None:
    path = gps_jpeg()
    draft = _draft(str(path))
    out = inspect_media(draft, ocr=False)
    inspection = out.media[0].inspection
    assert inspection is not None
    assert inspection.gps is not None
    assert inspection.gps.lat == pytest.approx(52.3731, abs=1e-4)
    assert (inspection.ocr, inspection.ocr_text, inspection.error) == ("skipped", None, None)
    assert draft.media[0].inspection is None  # the original is untouched
    assert out.text == draft.text


def test_missing_file_is_data_not_an_exception(tmp_path: Path) -> None:
    inspection = _one(_draft(str(tmp_path / "weg.jpg")))
    assert inspection.error == f"file not found: {tmp_path / 'weg.jpg'}"
    assert inspection.gps is None


def test_non_image(tmp_path: Path) -> None:
    (tmp_path / "notes.jpg").write_text("geen foto")
    inspection = _one(_draft(str(tmp_path / "notes.jpg")))
    assert inspection.error is not None
    assert inspection.error.startswith("not an image: ")
    assert _one(_draft(str(tmp_path))).error == f"not a file: {tmp_path}"


@pytest.mark.parametrize("name", ["clip.mp4", "clip.MOV", "funny.gif"])
def test_videos_are_skipped(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"\x00\x00\x00\x18ftypmp42")
    inspection = _one(_draft(name), base_dir=tmp_path)
    assert inspection == MediaInspection(ocr="skipped")


def test_missing_video_is_still_missing(tmp_path: Path) -> None:
    assert _one(_draft("clip.mp4"), base_dir=tmp_path).error == (
        f"file not found: {tmp_path / 'clip.mp4'}"
    )


def test_relative_paths_use_base_dir_then_cwd(
    tmp_path: Path, gps_jpeg: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    gps_jpeg(name="photo.jpg")
    assert _one(_draft("photo.jpg"), base_dir=tmp_path, ocr=False).gps is not None
    monkeypatch.chdir(tmp_path)
    assert _one(_draft("photo.jpg"), ocr=False).gps is not None
    monkeypatch.chdir(tmp_path.parent)
    assert _one(_draft("photo.jpg"), ocr=False).error is not None


def test_items_without_path_or_with_inspection_are_kept(tmp_path: Path) -> None:
    done = MediaItem(path="x.jpg", inspection=MediaInspection(ocr="ok", ocr_text="al gedaan"))
    draft = Draft(text="t", media=[MediaItem(credit="ANP"), done, MediaItem(path="weg.png")])
    out = inspect_media(draft, base_dir=tmp_path)
    assert out.media[0] == MediaItem(credit="ANP")
    assert out.media[1] is done
    assert out.media[2].inspection is not None
    assert out.media[2].inspection.error is not None


def test_nothing_to_inspect_returns_the_same_draft() -> None:
    draft = Draft(text="geen media")
    assert inspect_media(draft) is draft
    with_url = Draft(text="t", media=[MediaItem(alt="foto")])
    assert inspect_media(with_url) is with_url


def test_result_survives_a_json_round_trip(gps_jpeg: Callable[..., Path]) -> None:
    out = inspect_media(_draft(str(gps_jpeg()), "nope.png"), ocr=False)
    assert parse_draft(out.model_dump_json()) == out


def test_ocr_text_of_a_screenshot(tesseract: str, secret_png: Path) -> None:
    inspection = _one(_draft(secret_png.name), base_dir=secret_png.parent)
    assert inspection.ocr == "ok"
    assert inspection.ocr_text is not None
    assert "Zomer2026!" in inspection.ocr_text
    assert "NL91 ABNA 0417 1643 00" in " ".join(inspection.ocr_text.split())


def test_ocr_unavailable(monkeypatch: pytest.MonkeyPatch, gps_jpeg: Callable[..., Path]) -> None:
    monkeypatch.setattr(shutil, "which", lambda *_args, **_kw: None)
    inspection = _one(_draft(str(gps_jpeg())))
    assert (inspection.ocr, inspection.ocr_text, inspection.error) == ("unavailable", None, None)
    assert inspection.gps is not None


def test_impossible_path_is_an_error() -> None:
    inspection = _one(_draft("bad\x00name.jpg"))
    assert inspection.error is not None
    assert inspection.error.startswith(("file not found", "cannot read"))
