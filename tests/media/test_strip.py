"""strip_metadata: a re-encoded copy without EXIF/GPS/comments/text chunks, same pixels."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from PIL.PngImagePlugin import PngInfo

from tweetguard.errors import InputError
from tweetguard.media import read_gps, strip_metadata


def _mean_diff(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / len(a.getbands())


def test_jpeg_loses_gps_and_comment_keeps_pixels(
    tmp_path: Path, gps_jpeg: Callable[..., Path]
) -> None:
    src = gps_jpeg()
    assert read_gps(src) is not None
    dst = tmp_path / "clean.jpg"
    strip_metadata(src, dst)
    assert read_gps(dst) is None
    raw = dst.read_bytes()
    assert b"Exif" not in raw
    assert b"shot at home" not in raw
    with Image.open(src) as before, Image.open(dst) as after:
        assert after.format == "JPEG"
        assert (after.mode, after.size) == (before.mode, before.size)
        assert not after.getexif()
        assert "comment" not in after.info
        assert "icc_profile" not in after.info
        assert _mean_diff(before, after) < 3  # quality 95 re-encode


def test_png_text_chunks_dropped_pixels_identical(
    tmp_path: Path, make_photo: Callable[..., Image.Image], make_exif: Callable[..., Image.Exif]
) -> None:
    src, dst = tmp_path / "a.png", tmp_path / "b.png"
    info = PngInfo()
    info.add_text("Author", "Jan de Vries")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>secret</x:xmpmeta>")
    make_photo().save(src, pnginfo=info, exif=make_exif(52.1, 5.1))
    assert read_gps(src) is not None
    strip_metadata(src, dst)
    assert read_gps(dst) is None
    assert b"Jan de Vries" not in dst.read_bytes()
    with Image.open(src) as before, Image.open(dst) as after:
        assert after.format == "PNG"
        assert not after.text  # type: ignore[attr-defined]
        assert ImageChops.difference(before, after).getbbox() is None


def test_orientation_is_applied(tmp_path: Path, make_photo: Callable[..., Image.Image]) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to display
    src, dst = tmp_path / "side.jpg", tmp_path / "up.jpg"
    make_photo((64, 48)).save(src, exif=exif)
    strip_metadata(src, dst)
    with Image.open(dst) as after:
        assert after.size == (48, 64)
        assert 0x0112 not in after.getexif()


def test_palette_and_transparency_kept(tmp_path: Path) -> None:
    im = Image.new("P", (20, 10), 0)
    im.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    im.paste(1, (10, 0, 20, 10))
    src, dst = tmp_path / "p.png", tmp_path / "q.png"
    im.save(src, transparency=0)
    strip_metadata(src, dst)
    with Image.open(src) as before, Image.open(dst) as after:
        assert after.mode == "P"
        a, b = before.convert("RGBA"), after.convert("RGBA")
        assert ImageChops.difference(a, b).getbbox() is None


def test_greyscale_jpeg_stays_greyscale(tmp_path: Path) -> None:
    src, dst = tmp_path / "g.jpg", tmp_path / "h.jpg"
    Image.linear_gradient("L").resize((32, 32)).save(src)
    strip_metadata(src, dst)
    with Image.open(dst) as after:
        assert after.mode == "L"


def test_refuses_to_overwrite_the_original(
    tmp_path: Path, gps_jpeg: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    src = gps_jpeg()
    before = src.read_bytes()
    with pytest.raises(InputError, match="overwrite the original"):
        strip_metadata(src, src)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="overwrite the original"):
        strip_metadata(src, Path("sub/../photo.jpg"))
    assert src.read_bytes() == before


def test_missing_and_non_image_sources(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found") as info:
        strip_metadata(tmp_path / "nope.jpg", tmp_path / "out.jpg")
    assert info.value.where == str(tmp_path / "nope.jpg")
    (tmp_path / "notes.png").write_bytes(b"hello, not a PNG")
    with pytest.raises(InputError, match="not an image"):
        strip_metadata(tmp_path / "notes.png", tmp_path / "out.png")
    with pytest.raises(InputError, match="not a file"):
        strip_metadata(tmp_path, tmp_path / "out.png")
    assert not (tmp_path / "out.jpg").exists()
    assert not (tmp_path / "out.png").exists()


def test_truncated_image(tmp_path: Path, gps_jpeg: Callable[..., Path]) -> None:
    src = tmp_path / "cut.jpg"
    src.write_bytes(gps_jpeg().read_bytes()[:-400])
    with pytest.raises(InputError, match="cannot read"):
        strip_metadata(src, tmp_path / "out.jpg")


def test_unwritable_destination(tmp_path: Path, gps_jpeg: Callable[..., Path]) -> None:
    with pytest.raises(InputError, match="cannot write") as info:
        strip_metadata(gps_jpeg(), tmp_path / "no" / "such" / "dir.jpg")
    assert info.value.where == str(tmp_path / "no" / "such" / "dir.jpg")


def test_animated_gif_refused(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (8, 8), c) for c in ("red", "green", "blue")]
    src = tmp_path / "anim.gif"
    frames[0].save(src, save_all=True, append_images=frames[1:])
    with Image.open(src) as im:
        assert im.is_animated  # type: ignore[attr-defined]
    with pytest.raises(InputError, match="animated"):
        strip_metadata(src, tmp_path / "out.gif")


def test_no_temp_files_left_and_readable_mode(
    tmp_path: Path, gps_jpeg: Callable[..., Path]
) -> None:
    src = gps_jpeg()
    out = tmp_path / "out"
    out.mkdir()
    strip_metadata(src, out / "clean.jpg")
    assert [p.name for p in out.iterdir()] == ["clean.jpg"]
    assert (out / "clean.jpg").stat().st_mode & 0o644 == 0o644


def test_mpo_phone_photo_becomes_plain_jpeg(
    tmp_path: Path, make_photo: Callable[..., Image.Image], make_exif: Callable[..., Image.Exif]
) -> None:
    src, dst = tmp_path / "phone.jpg", tmp_path / "clean.jpg"
    main, preview = make_photo(), make_photo((32, 24))
    main.save(src, format="MPO", save_all=True, append_images=[preview], exif=make_exif(52, 4))
    with Image.open(src) as im:
        assert im.format == "MPO"
    strip_metadata(src, dst)
    assert read_gps(dst) is None
    with Image.open(dst) as after:
        assert (after.format, after.size) == ("JPEG", (64, 48))
