"""Language of a draft: Dutch and English by function words, other languages via lingua."""

from __future__ import annotations

import pytest

from tweetguard.detect.language import (
    EN_WORDS,
    NL_WORDS,
    LanguageGuess,
    detect_language,
    function_words,
)

# ---------------------------------------------------------------------------------------------
# Typical Dutch and English tweets: settled by function words


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ik heb het niet gedaan, maar het is wel echt stom", "nl"),
        ("Waarom werkt de app weer niet? Dit is toch niet normaal", "nl"),
        ("Mooi weer vandaag, we gaan naar het strand", "nl"),
        ("@KLM waarom is mijn koffer nog steeds niet aangekomen? #bagage https://t.co/abc", "nl"),
        ("Wat een mooie dag was het, dank jullie wel!", "nl"),
        ("Dat is echt niet normaal meer", "nl"),
        ("I don't think this is the right way to do it", "en"),
        ("The new release is out, check it out and let us know what you think", "en"),
        ("@support why is the app not working again? https://t.co/xyz #fail", "en"),
        ("Thanks for all the help, you guys are really great", "en"),
        ("I love it and you know it", "en"),
    ],
)
def test_dutch_and_english_by_function_words(text: str, code: str) -> None:
    guess = detect_language(text)
    assert guess.code == code
    assert guess.method == "function-words"
    assert 0.7 <= guess.confidence <= 1.0


def test_function_word_confidence_grows_with_the_count() -> None:
    # 0.5 + 0.1 per distinct function word, capped at 1.0
    assert function_words("Dat is echt niet normaal meer") == (3, 0, 6)
    assert detect_language("Dat is echt niet normaal meer").confidence == pytest.approx(0.8)
    assert function_words("this is not ok") == (0, 2, 4)
    assert detect_language("this is not ok").confidence == pytest.approx(0.7)
    assert detect_language("Ik heb het niet gedaan, maar het is wel echt stom").confidence == 1.0


# ---------------------------------------------------------------------------------------------
# Other languages: lingua, on texts of five words or more


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ich habe heute keine Zeit für diese Besprechung gehabt", "de"),
        ("Wir haben gestern Abend im Restaurant sehr gut gegessen", "de"),
        ("Das Wetter ist heute wirklich sehr schön", "de"),
        ("Nous sommes très contents de notre nouveau produit cette année", "fr"),
        ("Je ne sais pas pourquoi la réunion est annulée aujourd'hui", "fr"),
        ("Bonjour à tous, comment allez-vous ce matin", "fr"),
        ("Estamos muy contentos con el nuevo producto este año", "es"),
        ("No sé por qué la reunión fue cancelada hoy otra vez", "es"),
        ("Hola a todos, ¿cómo estáis hoy por la mañana?", "es"),
    ],
)
def test_other_languages_via_lingua(text: str, code: str) -> None:
    guess = detect_language(text)
    assert guess == LanguageGuess(code, guess.confidence, "lingua")
    assert guess.confidence >= 0.9


def test_german_sentence_with_wie() -> None:
    assert detect_language("Guten Morgen zusammen, wie geht es euch heute").code == "de"


def test_arabic_sentence_is_not_too_short() -> None:
    guess = detect_language("مرحبا بكم جميعا في شركتنا الجديدة اليوم")
    assert guess.method == "lingua"
    assert guess.code == "ar"


# ---------------------------------------------------------------------------------------------
# Short or ambiguous texts: Dutch or English, never another language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("He is crap tho", "en"),  # lingua's low-accuracy mode says Italian or German
        ("lekker weer vandaag", "nl"),
        ("Great job guys", "en"),
        ("Heel goed gedaan", "nl"),
        ("Vandaag vergadering", "nl"),
        # Other languages, but under five words: whichever of Dutch and English is likelier
        ("Das ist nicht gut", None),
        ("Merci beaucoup", None),
        ("Gracias amigo", None),
    ],
)
def test_short_texts_are_dutch_or_english(text: str, code: str | None) -> None:
    guess = detect_language(text)
    if code is None:
        assert guess.code in ("nl", "en")
    else:
        assert guess.code == code
    assert guess.method == "lingua"
    assert 0.0 <= guess.confidence <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Top!",
        "👍",
        "https://example.com/foo",
        "",
        "   ",
        "Het",
        "@jan #top",
        "@jan @piet #nl https://t.co/x 👍",
        "Super!!! 🎉🎉",
        "@jan @piet @kees @anna @bob hallo",  # mentions are not words
        "#niet #het #the #and",  # nor are hashtags
        "Check www.example.com/nl/het/niet",  # nor URLs
        "2024 12:30 100%",
    ],
)
def test_too_short_has_no_language(text: str) -> None:
    assert detect_language(text) == LanguageGuess(None, 0.0, "too-short")


# ---------------------------------------------------------------------------------------------
# function_words


def test_mentions_hashtags_and_urls_do_not_count() -> None:
    assert function_words("@het @niet #the #and https://t.co/the_and_you www.het.nl/niet") == (
        0,
        0,
        0,
    )
    assert function_words("@jan het is niet #top") == (2, 0, 3)


def test_function_words_are_distinct_and_folded() -> None:
    assert function_words("HET het Het niet") == (2, 0, 4)
    assert function_words("The THE the") == (0, 1, 3)
    assert function_words("I'm sure it's fine, don't worry") == (0, 3, 6)


def test_given_folded_text_is_used() -> None:
    # The caller's folded text is what is counted.
    assert function_words("ignored", folded="het is niet zo") == (3, 0, 4)
    assert detect_language("ignored", folded="het is niet zo").code == "nl"


def test_shared_words_count_for_neither_language() -> None:
    assert function_words("is in was we") == (0, 0, 4)
    for shared in ("is", "in", "was", "we", "de", "en", "over", "door", "a", "no", "on"):
        assert shared not in NL_WORDS
        assert shared not in EN_WORDS
    assert not NL_WORDS & EN_WORDS
