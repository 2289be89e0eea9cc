"""Features for the linear models: tokens, character n-grams, lexicon cues, bigrams."""

from __future__ import annotations

from importlib import resources

import pytest

from tweetguard.models.features import (
    BOS,
    EOS,
    Token,
    bigrams,
    lexicon,
    normalise_token,
    text_features,
    token_features,
    tokenize,
)
from tweetguard.text.normalize import fold_with_offsets


def keys(text: str) -> list[str]:
    return [t.key for t in tokenize(fold_with_offsets(text).folded)]


def _insult_entry(kind: str) -> str:
    """The first single-word entry of a kind ("insult", "profanity") in insults.nl.txt."""
    text = resources.files("tweetguard.data").joinpath("insults.nl.txt").read_text("utf-8")
    for line in text.splitlines():
        entry_kind, _, word = line.split("#", 1)[0].strip().partition("\t")
        if entry_kind == kind and word.isalpha() and word.isascii():
            return word
    raise AssertionError(f"no {kind} entry")


def _positive_entry() -> str:
    """The first single-word clearly positive entry of sentiment.nl.tsv."""
    text = resources.files("tweetguard.data").joinpath("sentiment.nl.tsv").read_text("utf-8")
    for line in text.splitlines():
        word, _, value = line.partition("\t")
        if not line.startswith("#") and word.isalpha() and float(value) >= 0.3:
            return word
    raise AssertionError("no positive entry")


# ---------------------------------------------------------------------------------------------
# normalise_token


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("https://t.co/abc", "<url>"),
        ("http://example.com/x?y=1", "<url>"),
        ("www.example.nl", "<url>"),
        ("@klm_nl", "@user"),
        ("@x", "@user"),
        ("2024", "0"),
        ("12", "0"),
        ("covid19", "covid0"),
        ("1111", "0"),
        ("a1b22c333", "a0b0c0"),
        ("sooooo", "soo"),
        ("soo", "soo"),
        ("hmmmm", "hmm"),
        ("jaaaa-neeee", "jaa-nee"),
        ("!", "!"),
        ("!!!", "!!!"),
        ("!!!!!!!!", "!!!"),
        ("?!?!?!", "?!?"),
        ("goed", "goed"),
        ("#top", "#top"),
        ("#topppp", "#topp"),
        ("😀", "😀"),
    ],
)
def test_normalise_token(raw: str, key: str) -> None:
    assert normalise_token(raw) == key


# ---------------------------------------------------------------------------------------------
# tokenize


def test_tokens_of_a_tweet() -> None:
    text = (
        "Check https://t.co/AbC en www.x.nl @KLM_NL #Top!!!! Sooooo 2024 😀😀 ??? collega's e-mail"
    )
    assert keys(text) == [
        "check",
        "<url>",
        "en",
        "<url>",
        "@user",
        "#top",
        "!!!",
        "soo",
        "0",
        "😀",
        "😀",
        "???",
        "collega's",
        "e-mail",
    ]


def test_plain_punctuation_is_not_a_token() -> None:
    assert keys('Hallo, "wereld": (ja); [nee] {x} a/b * & % $ + = < > | ~ ^') == [
        "hallo",
        "wereld",
        "ja",
        "nee",
        "x",
        "a",
        "b",
    ]
    assert keys("Nou... ok…") == ["nou", "..", "ok", ".."]  # … folds to ...
    assert keys("Ok.") == ["ok"]


def test_emoji_and_symbols_are_tokens() -> None:
    assert keys("top 👍🏽 🎉 © ❤") == ["top", "👍", "🏽", "🎉", "©", "❤"]
    assert keys("🎉🎉🎉") == ["🎉", "🎉", "🎉"]
    assert keys("boos😡") == ["boos", "😡"]


@pytest.mark.parametrize(
    "text",
    [
        "Check https://t.co/AbC @KLM_NL #Top!!!! Sooooo 2024 😀 ??? collega's",
        "Café Élan 👍🏽 naïef, ÇA VA?",
        "Die Straße ist ﬁne…",  # ß → ss and ﬁ → fi change the length
        "",
        "   ",
    ],
)
def test_token_offsets_point_into_the_folded_text(text: str) -> None:
    folded = fold_with_offsets(text).folded
    prev_end = 0
    for t in tokenize(folded):
        assert isinstance(t, Token)
        assert prev_end <= t.start < t.end <= len(folded)
        assert normalise_token(folded[t.start : t.end]) == t.key
        prev_end = t.end


def test_offsets_after_a_length_changing_fold() -> None:
    folded = fold_with_offsets("Straße KAPOT").folded
    assert folded == "strasse kapot"
    toks = tokenize(folded)
    assert toks == [Token("strasse", 0, 7), Token("kapot", 8, 13)]


def test_folding_happens_before_tokenize() -> None:
    assert keys("CAFÉ Café café") == ["cafe", "cafe", "cafe"]
    assert keys("I’m") == ["i'm"]  # typographic apostrophe folds to ASCII


# ---------------------------------------------------------------------------------------------
# token_features


def test_word_and_character_ngrams() -> None:
    assert token_features("kut")[:7] == [
        "w:kut",
        "c:<ku",
        "c:kut",
        "c:ut>",
        "c:<kut",
        "c:kut>",
        "c:<kut>",
    ]
    feats = token_features("boeiend")
    grams = [f[2:] for f in feats if f.startswith("c:")]
    padded = "<boeiend>"
    expected = [padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1)]
    assert grams == expected
    assert all(3 <= len(g) <= 5 for g in grams)


def test_short_words_get_the_ngrams_that_fit() -> None:
    assert token_features("ab") == ["w:ab", "c:<ab", "c:ab>", "c:<ab>"]
    assert token_features("x") == ["w:x", "c:<x>"]


@pytest.mark.parametrize("key", ["<url>", "@user", "0", "!!!", "???", "🦒", "..", "#"])
def test_non_words_give_only_their_word_feature(key: str) -> None:
    assert token_features(key) == ["w:" + key]


def test_hashtag_gives_both_word_features_and_ngrams_of_the_word() -> None:
    feats = token_features("#xyzzy")
    assert feats[:2] == ["w:#xyzzy", "w:xyzzy"]
    assert "c:<xy" in feats
    assert "c:zzy>" in feats
    assert not any(f.startswith("c:") and "#" in f for f in feats)


def test_lexicon_cues() -> None:
    insult = _insult_entry("insult")
    profanity = _insult_entry("profanity")
    positive = _positive_entry()
    assert "L:insult" in token_features(insult)
    assert "L:prof" in token_features(profanity)
    assert "L:pos" in token_features(positive)
    assert "L:pos" in token_features("#" + positive)  # the word of a hashtag
    assert token_features("idioot")[-1] == "L:insult"
    assert "L:pos" in token_features("geweldig")
    assert "L:neg" in token_features("afschuwelijk")
    assert not any(f.startswith("L:") for f in token_features("tafel"))


def test_lexicon_contents() -> None:
    lx = lexicon()
    assert lx is lexicon()  # cached
    assert lx["idioot"] == ("L:insult",)
    assert lx["geweldig"] == ("L:pos",)
    assert lx["afschuwelijk"] == ("L:neg",)
    assert all(" " not in k for k in lx)  # only single words
    for cues in lx.values():
        assert cues
        assert len(set(cues)) == len(cues)
        assert set(cues) <= {"L:pos", "L:neg", "L:insult", "L:prof"}


def test_emoji_lexicon_cues_are_used() -> None:
    assert lexicon()["😡"] == ("L:neg",)
    assert "L:neg" in token_features("😡")
    assert "L:pos" in token_features("👍")


# ---------------------------------------------------------------------------------------------
# bigrams and text_features


def test_bigrams() -> None:
    assert list(bigrams(["niet", "goed"])) == ["b:<s>|niet", "b:niet|goed", "b:goed|</s>"]
    assert list(bigrams([])) == [f"b:{BOS}|{EOS}"]
    bs = list(bigrams(keys("Boeiend artikel!!!")))
    assert bs[0] == "b:<s>|boeiend"
    assert bs[-1] == "b:!!!|</s>"
    assert len(bs) == 4


def test_text_features_order_and_content() -> None:
    feats = text_features("Boeiend.")
    assert feats[: len(token_features("boeiend"))] == token_features("boeiend")
    assert feats[-2:] == ["b:<s>|boeiend", "b:boeiend|</s>"]
    assert text_features("Boeiend artikel") != feats
    assert "b:boeiend|artikel" in text_features("Boeiend artikel")
    assert text_features("") == ["b:<s>|</s>"]


def test_text_features_of_a_tweet() -> None:
    feats = text_features("@KLM jullie zijn idioten!!!! https://t.co/x #fail 2024")
    assert "w:@user" in feats
    assert "w:<url>" in feats
    assert "w:#fail" in feats
    assert "w:fail" in feats
    assert "w:0" in feats
    assert "w:!!!" in feats
    assert "L:insult" in feats
    assert "b:idioten|!!!" in feats
    assert not any("klm" in f or "t.co" in f or "2024" in f for f in feats)


def test_text_features_is_deterministic() -> None:
    text = "Wat een GEWELDIGE service 👍🏽!!! @jan #top https://t.co/x Sooooo blij, 100%"
    first = text_features(text)
    assert first == text_features(text)
    assert first == text_features(text.lower())  # folding makes case irrelevant
    assert first == [f for k in keys(text) for f in token_features(k)] + list(bigrams(keys(text)))
