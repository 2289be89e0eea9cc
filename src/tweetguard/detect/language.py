"""Which language a draft is in: Dutch, English, or another one.

Two steps, both offline:
1. *Function words.* Almost every Dutch or English tweet has a few of the commonest words of
   its language ("de", "het", "niet" / "the", "and", "you"). When one language has at least
   two of them and three times as many as the other, that settles it in a few microseconds.
   Words both languages share ("is", "in", "was", "we") do not count.
2. *lingua* (Rust-backed, low-accuracy mode, restricted to the languages employees of a
   Dutch company plausibly write in) decides every other text. Low-accuracy mode builds in
   about 50 ms and takes about 0.1 ms a tweet; the high-accuracy mode needs over a second to
   load and four times as long per text, for no gain on the texts that reach step 2
   (see ``make eval``).

Another language is only reported when lingua is confident (0.9) on a text of five words or
more with no Dutch or English function word; otherwise the likelier of Dutch and English wins.
A text with fewer than two words (an emoji, a link, "Top!") has no language: ``code`` is
``None`` and every check treats it as Dutch or English.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any, Literal

from tweetguard.text.normalize import fold

Method = Literal["function-words", "lingua", "given", "too-short"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Only words that are common in one of the two and rare in the other languages lingua knows
# here: no "de", "en", "je", "te", "die", "was", "er" (French, Spanish, German), no "door",
# "over", "even", "mag" (English words), no "a", "no", "do", "on", "an", "i" (Romance,
# German, Polish), no "wie", "hier", "waren", "worden" (German).
NL_WORDS = _words(
    """
    het een van dat niet ik jij jou jouw wij ze zij zijn met voor op maar ook nog wat dit deze
    om naar bij aan uit heb hebt heeft hebben wordt kan kun kunnen moet moeten dan geen
    mijn jullie ons onze zo wel echt gewoon daar toch weer u uw waarom waar wanneer
    niks niets iets veel erg hoor bent zou zal gaat gaan doen doe werd mee tot zich dus
    nou
    """
)
EN_WORDS = _words(
    """
    the and are were to of for with at this that it you your they them their my our not but
    have has be will would just what all can does don't i'm it's from by about get if or when
    there here how why who very really than then these those he she his her him its should
    could into out up did got going
    """
)
# Words in any script (Arabic and Cyrillic words count towards the length too).
_WORD = re.compile(r"(?<![@#\w/])[^\W\d_]+(?:'[^\W\d_]+)?")
_URL = re.compile(r"https?://\S+|www\.\S+")
MIN_WORDS = 2
OTHER_MIN_WORDS = 5
OTHER_MIN_CONFIDENCE = 0.9
LINGUA_MAX_CHARS = 600

# ISO 639-1 codes of the languages lingua is asked to choose from.
LINGUA_LANGUAGES = (
    "nl", "en", "de", "fr", "es", "it", "pt", "tr", "pl", "ar",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    code: str | None  # ISO 639-1, or None when the text is too short to tell
    confidence: float
    method: Method


_DETECTORS: dict[tuple[str, ...], Any] = {}
_LOCK = threading.Lock()
NL_EN = ("nl", "en")


def lingua_detector(languages: tuple[str, ...] = LINGUA_LANGUAGES) -> Any:
    """A lingua detector for the languages (ISO 639-1), built once per process."""
    detector = _DETECTORS.get(languages)
    if detector is None:
        with _LOCK:
            detector = _DETECTORS.get(languages)
            if detector is None:
                from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

                langs = [
                    Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper()))
                    for c in languages
                ]
                detector = (
                    LanguageDetectorBuilder.from_languages(*langs)
                    .with_low_accuracy_mode()
                    .with_preloaded_language_models()
                    .build()
                )
                _DETECTORS[languages] = detector
    return detector


def _confidences(text: str, languages: tuple[str, ...]) -> dict[str, float]:
    """lingua's confidence per language, from the first LINGUA_MAX_CHARS characters (the
    start of a text tells its language; lingua's time grows with the length)."""
    return {
        v.language.iso_code_639_1.name.lower(): float(v.value)
        for v in lingua_detector(languages).compute_language_confidence_values(
            text[:LINGUA_MAX_CHARS]
        )
    }


def function_words(text: str, folded: str | None = None) -> tuple[int, int, int]:
    """(distinct Dutch function words, distinct English ones, all words) in a text
    (``folded``: the text already folded, when the caller has it)."""
    f = fold(text) if folded is None else folded
    if "http" in f or "www." in f:
        f = _URL.sub(" ", f)
    words = _WORD.findall(f)
    distinct = set(words)
    nl = len(distinct & NL_WORDS)
    en = len(distinct & EN_WORDS)
    return nl, en, len(words)


def detect_language(text: str, folded: str | None = None) -> LanguageGuess:
    nl, en, n = function_words(text, folded)
    if n < MIN_WORDS:
        return LanguageGuess(None, 0.0, "too-short")
    if nl >= 2 and nl >= 3 * en:
        return LanguageGuess("nl", min(1.0, 0.5 + 0.1 * nl), "function-words")
    if en >= 2 and en >= 3 * nl:
        return LanguageGuess("en", min(1.0, 0.5 + 0.1 * en), "function-words")
    # Employees of a Dutch company write Dutch or English; lingua's low-accuracy mode mistakes
    # short English or Dutch tweets for Italian or German ("He is crap tho"). Another language
    # needs a confident verdict on a text of some length without a Dutch or English word;
    # when that is ruled out, lingua only chooses between the two (five times faster).
    if n >= OTHER_MIN_WORDS and nl == en == 0:
        values = _confidences(text, LINGUA_LANGUAGES)
        best = max(values, key=lambda c: values[c], default=None)
        if best is None:
            return LanguageGuess(None, 0.0, "lingua")
        if best in NL_EN or values[best] >= OTHER_MIN_CONFIDENCE:
            return LanguageGuess(best, values[best], "lingua")
    else:
        values = _confidences(text, NL_EN)
    best = "en" if (en, values.get("en", 0.0)) > (nl, values.get("nl", 0.0)) else "nl"
    return LanguageGuess(best, values.get(best, 0.0), "lingua")
