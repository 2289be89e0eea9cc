"""Features of a text for the linear models: tokens, word n-grams, character n-grams and
lexicon cues, the same at training and at run time.

A text is folded first (case, diacritics, apostrophes: :mod:`tweetguard.text.normalize`),
then split into tokens. Each token gives
- its word feature (``w:`` + token; URLs become ``<url>``, mentions ``@user``, digit runs
  ``0``, letters repeated three times or more are cut to two: "sooooo" → "soo"),
- its character 3-, 4- and 5-grams inside word boundaries (``c:<ku``, ``c:kut>``), which
  carry spelling variants, compounds ("kankerbedrijf") and leetspeak,
- lexicon cues from the curated word lists shipped in ``tweetguard/data``
  (``L:pos``, ``L:neg``, ``L:insult``, ``L:prof``);
and each pair of neighbouring tokens a bigram (``b:niet|goed``), with ``<s>``/``</s>`` at the
ends so "Boeiend." alone differs from "boeiend artikel".

Feature values are counts scaled by ``1 / sqrt(number of tokens)``, so a model's score is a
sum over tokens and bigrams: what each word contributed is known exactly, which is how a
finding names the words that tipped it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tweetguard.text.normalize import fold_with_offsets

# URLs, mentions, hashtags, words (with inner apostrophes and hyphens), runs of ! and ?,
# and any other symbol that is not plain punctuation (emoji, ©, ...; an emoji sequence gives
# its parts, without variation selectors and joiners).
TOKEN = re.compile(
    r"https?://\S+|www\.\S+|@\w+|#\w+|\w+(?:['-]\w+)*|[!?]+|\.{2,}|…"
    r"|[^\w\s.,:;\"'()\[\]{}/\\*&%$+=<>|~^`_@#\ufe0e\ufe0f\u200d-]"
)
_DIGITS = re.compile(r"\d+")
_REPEAT = re.compile(r"(.)\1{2,}")
CHAR_NGRAMS = (3, 4, 5)
# Character n-grams come from the first MAX_NGRAM_CHARS characters of a token: a 10,000-letter
# "word" must not cost 30,000 features (no real word is longer).
MAX_NGRAM_CHARS = 40
BOS, EOS = "<s>", "</s>"


@dataclass(frozen=True, slots=True)
class Token:
    """A token as the model sees it (``key``) and where it is in the folded text."""

    key: str
    start: int
    end: int


def normalise_token(raw: str) -> str:
    if raw.startswith(("http://", "https://", "www.")):
        return "<url>"
    if raw.startswith("@"):
        return "@user"
    if raw[0] in "!?":
        return raw[:3]
    key = _REPEAT.sub(r"\1\1", raw)
    return _DIGITS.sub("0", key) if any(c.isdigit() for c in key) else key


def tokenize(folded: str) -> list[Token]:
    """Tokens of an already folded text."""
    return [Token(normalise_token(m.group()), m.start(), m.end()) for m in TOKEN.finditer(folded)]


def _lexicon_key(word: str) -> str:
    """A lexicon entry as a token key: folded, letters repeated at most twice ("feeeriek"
    matches the token "feeriek"), an emoji sequence as its first symbol ("❤️" → "❤")."""
    key = fold_with_offsets(word.strip()).folded
    if key and not key[0].isalnum():
        return key[0] if len(key) > 1 and not key[1].isalnum() else key
    return _REPEAT.sub(r"\1\1", key)


@cache
def lexicon() -> dict[str, tuple[str, ...]]:
    """Single words of the curated lists → their cue features (``L:pos`` ...)."""
    cues: dict[str, list[str]] = {}
    files = resources.files("tweetguard.data")
    for lang in ("nl", "en"):
        sentiment = files.joinpath(f"sentiment.{lang}.tsv")
        if sentiment.is_file():
            for line in sentiment.read_text(encoding="utf-8").splitlines():
                if not line or line.startswith("#"):
                    continue
                word, _, pol = line.partition("\t")
                try:
                    value = float(pol)
                except ValueError:
                    continue
                key = _lexicon_key(word)
                if key and " " not in key and abs(value) >= 0.3:
                    cues.setdefault(key, []).append("L:pos" if value > 0 else "L:neg")
        insults = files.joinpath(f"insults.{lang}.txt")
        for line in insults.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            kind, _, word = line.partition("\t")
            key = _lexicon_key(word)
            if key and " " not in key:
                cues.setdefault(key, []).append("L:insult" if kind == "insult" else "L:prof")
    return {k: tuple(dict.fromkeys(v)) for k, v in cues.items()}


def token_features(key: str) -> list[str]:
    """The features one token gives on its own (word, character n-grams, lexicon cues)."""
    feats = ["w:" + key]
    if key[0].isalpha() or (key[0] == "#" and len(key) > 1):
        word = key.lstrip("#")
        if key[0] == "#":
            feats.append("w:" + word)
        padded = "<" + word[:MAX_NGRAM_CHARS] + ">"
        n_chars = len(padded)
        for n in CHAR_NGRAMS:
            if n > n_chars:
                break
            feats.extend("c:" + padded[i : i + n] for i in range(n_chars - n + 1))
        feats.extend(lexicon().get(word, ()))
    else:
        feats.extend(lexicon().get(key, ()))  # emoji and emoticons of the sentiment lists
    return feats


def bigrams(keys: list[str]) -> Iterator[str]:
    seq = [BOS, *keys, EOS]
    for a, b in itertools.pairwise(seq):
        yield "b:" + a + "|" + b


def scale(n_tokens: int) -> float:
    return 1.0 / math.sqrt(max(n_tokens, 1))


def text_features(text: str) -> list[str]:
    """All features of a raw text, in order (training uses this; run time caches per token)."""
    keys = [t.key for t in tokenize(fold_with_offsets(text).folded)]
    feats: list[str] = []
    for k in keys:
        feats.extend(token_features(k))
    feats.extend(bigrams(keys))
    return feats
