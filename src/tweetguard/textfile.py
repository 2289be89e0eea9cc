"""Decoding what users hand us: UTF-8 or a clear error that says where it is not."""

from __future__ import annotations

from tweetguard.errors import InputError, TweetguardError


def decode_utf8(raw: bytes, where: str, error: type[TweetguardError] = InputError) -> str:
    """``raw`` as UTF-8 text (a leading BOM dropped); else ``error`` naming the line and byte."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(
            f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            where=f"{where}:{line}",
        ) from None
