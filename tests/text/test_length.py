"""X's weighted length (twitter-text ``parseTweet``, config v3).

Expected values are twitter-text's (its conformance file ``validate.yml`` and the reference
JavaScript implementation 3.1.0), except where noted: emoji newer than twitter-text's Emoji 11
data count as one emoji here, as X counts them today.
"""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tweetguard.text import MAX_WEIGHTED_LENGTH, LengthInfo, weighted_length
from tweetguard.text.length import _nfc_bounds

ZWJ = "\u200d"
CJK_160 = (
    "故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。朱雀桥边野草花，乌衣巷口夕阳斜。"
    "旧时王谢堂前燕，飞入寻常百姓家。朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。"
    "泪湿罗巾梦不成，夜深前殿按歌声。红颜未老恩先断，斜倚薰笼坐到明。独在异乡为异客，每逢佳节倍思亲。"
    "遥知兄弟登高处，遍插茱萸少一人。"
)
X_BLOCKS = "xxxxxxxxxx-" * 24


def test_cjk_constant_is_160_characters() -> None:
    assert len(CJK_160) == 160


# (description, text, weighted, valid, valid_end) — valid_end is exclusive, in code points.
CONFORMANCE = [
    ("Regular Tweet with url", "Hi http://test.co", 26, True, 17),
    ("Just url", "http://test.co", 23, True, 14),
    (
        "Long tweet, overflow at char index 280",
        "285 chars-" + X_BLOCKS + "xxxxxxxxxx-",
        285,
        False,
        280,
    ),
    (
        "Long tweet with url in the middle",
        "285 chars- http://www.twitter.com/jack " + X_BLOCKS,
        299,
        False,
        284,
    ),
    (
        "Long tweet with url at the end",
        X_BLOCKS + " http://www.twitter.com/jack ",
        289,
        False,
        265,
    ),
    ("10 urls, no overflow", "https://www.twitter.com/aloha " * 10, 240, True, 300),
    ("160 CJK characters, overflow at 140", CJK_160, 320, False, 140),
    ("160 emoji, overflow at 140", "😷" * 160, 320, False, 140),
    ("3 Latin + 160 CJK, overflow at 141", "the" + CJK_160, 323, False, 141),
    ("'Á' is normalized into 1 char", "A\u0301B", 2, True, 3),
    ("'שּׁ' is normalized into 3 chars", "A\ufb2c", 4, True, 2),
    (
        "282 chars with a normalized character within valid range but outside 280",
        "282 chars-" + X_BLOCKS[:-11] + "xxxxxxxxxx-xxxxx" + "A\u0301" + "x",
        281,
        False,
        281,
    ),
    ("single byte, double word and a ZWJ family", f"H🐱☺👨{ZWJ}👩{ZWJ}👧{ZWJ}👦", 7, True, 10),
    ("emoji in and outside the BMP", "😷👾😡🔥💩", 10, True, 5),
    ("skin tone and ZWJ sequence", f"🙋🏽👨{ZWJ}🎤", 4, True, 5),
    (
        "General Punctuation with visible spaces (U+2000-200A), no ZWJ/ZWNJ",
        "This is a tweet with general punctuation characters: "
        "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b"
        " ‐ ‑ ‒ – — ― ‖  ‗ ‘ ’ ‚ ‛ “ ” „ ‟ ′ ″ ‴ ‵ ‶ ‷",
        110,
        True,
        110,
    ),
    ("Count a URL without protocol as 23", "test.com", 23, True, 8),
    (
        "Count multiple URLs",
        "Test https://test.com test https://test.com test.com test",
        86,
        True,
        57,
    ),
    ("characters outside the BMP count 2", "\U00010000\U0010ffff", 4, True, 2),
    ("Hangul inside the BMP counts 2", "저찀쯿쿿", 8, True, 4),
    ("empty text is not valid", "", 0, False, 0),
]


@pytest.mark.parametrize(
    ("text", "weighted", "valid", "valid_end"),
    [case[1:] for case in CONFORMANCE],
    ids=[case[0] for case in CONFORMANCE],
)
def test_conformance(text: str, weighted: int, valid: bool, valid_end: int) -> None:
    info = weighted_length(text)
    assert info.weighted == weighted
    assert info.valid is valid
    assert info.valid_end == valid_end
    assert info.over_by == max(0, weighted - MAX_WEIGHTED_LENGTH)


@pytest.mark.parametrize(
    ("text", "weighted"),
    [
        # Dutch tweets: ASCII and Latin-1 weigh 1, a URL 23 whatever its length.
        ("Goedemorgen! Onze klantenservice is vandaag tot 20:00 bereikbaar.", 65),
        ("Bekijk hetbedrijf.nl/klantenservice voor hulp", 7 + 23 + 10),
        ("Lees https://www.hetbedrijf.nl/nieuws/2026/een-heel-lang-artikel-over-iets", 5 + 23),
        ("Café, crème brûlée en één ijsje", 31),
        ("Download de #BedrijfsApp via @HetBedrijf", 40),
        # Emoji: each sequence counts 2 (skin tones, ZWJ, flags, keycaps, tag sequences).
        ("Top 👍🏽", 6),
        ("🇳🇱🇧🇪", 4),
        (f"👨{ZWJ}👩{ZWJ}👧{ZWJ}👦", 2),
        ("#️⃣ 1️⃣", 5),
        ("🏴󠁧󠁢󠁳󠁣󠁴󠁿", 2),
        (f"🏳️{ZWJ}🌈", 2),
        # © and ® lie in the range that weighs 1; with U+FE0F they are an emoji.
        ("© ®", 3),
        ("©️", 2),
        # General punctuation: U+2010-U+201F weigh 1, '…' (U+2026) weighs 2.
        ("“quote” – dash…", 16),
        # CJK and Hangul weigh 2.
        ("日本語のツイート", 16),
        ("안녕하세요", 10),
        # twitter-text counts a redundant U+FE0F after an emoji on its own (2).
        ("⏩\ufe0f", 4),
    ],
)
def test_weights(text: str, weighted: int) -> None:
    assert weighted_length(text).weighted == weighted


@pytest.mark.parametrize(
    "text",
    [
        "\U0001fae0",  # melting face, Emoji 14
        f"🧑{ZWJ}🧑{ZWJ}🧒",  # family: adult, adult, child, Emoji 15.1
        f"🫱🏻{ZWJ}🫲🏿",  # handshake with two skin tones, Emoji 14
        f"🐦{ZWJ}⬛",  # black bird, Emoji 15
        f"❤️{ZWJ}🔥",  # heart on fire, Emoji 13.1
    ],
)
def test_newer_emoji_count_as_one(text: str) -> None:
    # Deliberately newer than twitter-text 3.1 (Emoji 11 data), which counts these per part.
    assert weighted_length(text).weighted == 2


def test_length_info_fields() -> None:
    info = weighted_length("a" * 300)
    assert info == LengthInfo(weighted=300, valid=False, over_by=20, valid_end=280)
    assert weighted_length("a" * 280) == LengthInfo(280, True, 0, 280)


def test_url_or_emoji_that_does_not_fit_is_left_out_whole() -> None:
    text = "a" * 270 + " https://hetbedrijf.nl/klantenservice"
    info = weighted_length(text)
    assert info.weighted == 294
    assert info.valid_end == 271  # the URL would end past 280: it does not fit at all
    text = "a" * 279 + "👍🏽"
    info = weighted_length(text)
    assert (info.weighted, info.valid_end) == (281, 279)


@pytest.mark.parametrize("invalid", ["\ufffe", "\ufeff", "\uffff"])
def test_invalid_characters(invalid: str) -> None:
    info = weighted_length(f"Hallo{invalid}wereld")
    assert info.valid is False
    assert info.weighted == 13
    assert info.over_by == 0
    assert info.valid_end == 5  # the valid part ends before the invalid character


def test_valid_end_refers_to_the_original_text() -> None:
    # Decomposed accents: 300 code points, 150 after NFC.
    text = "e\u0301" * 140 + "x" * 20
    info = weighted_length(text)
    assert info.weighted == 160
    assert info.valid is True
    assert info.valid_end == len(text)
    text = "e\u0301" * 300
    info = weighted_length(text)
    assert info.weighted == 300
    assert info.valid_end == 560  # 280 é's, each two code points in the original
    assert unicodedata.normalize("NFC", text[: info.valid_end]) == "é" * 280


def test_newlines_count_one() -> None:
    assert weighted_length("a\nb\r\nc").weighted == 6


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_and_valid_end_is_inside_the_text(text: str) -> None:
    info = weighted_length(text)
    assert 0 <= info.valid_end <= len(text)
    assert info.weighted >= 0
    assert info.over_by == max(0, info.weighted - MAX_WEIGHTED_LENGTH)
    if info.valid:
        assert info.valid_end == len(text)
    nfc = unicodedata.normalize("NFC", text)
    # The fitting part is a prefix of the NFC text, cut between whole characters.
    assert nfc.startswith(unicodedata.normalize("NFC", text[: info.valid_end]))


_PIECES = st.sampled_from(
    [
        " ",
        "hallo ",
        "é",
        "e\u0301",
        "A\u030a",
        "\u212b",
        "\u1100\u1161\u11a8",
        "日本",
        "👍🏽",
        f"👨{ZWJ}👩{ZWJ}👧",
        "🇳🇱",
        "1️⃣",
        "hetbedrijf.nl/klantenservice",
        "https://t.co/abc",
        "\ufeff",
        "…",
        "x" * 30,
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_tweet_like_texts(text: str) -> None:
    info = weighted_length(text)
    assert 0 <= info.valid_end <= len(text)
    nfc = unicodedata.normalize("NFC", text)
    assert nfc.startswith(unicodedata.normalize("NFC", text[: info.valid_end]))
    if "\ufeff" not in text:
        assert info.valid == (0 < info.weighted <= MAX_WEIGHTED_LENGTH)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_nfc_pieces_normalise_independently(text: str) -> None:
    orig, nfc = _nfc_bounds(text)
    assert orig[0] == 0 and orig[-1] == len(text)
    pieces = [unicodedata.normalize("NFC", text[a:b]) for a, b in itertools.pairwise(orig)]
    assert "".join(pieces) == unicodedata.normalize("NFC", text)
    assert nfc[-1] == len(unicodedata.normalize("NFC", text))
