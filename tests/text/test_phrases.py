"""Phrase lists matched with Aho-Corasick: the same matches as the regex they replace.

``PhrasePattern(phrases)`` must answer ``finditer``/``search``/``match`` exactly like
``re.compile(r"(?<!\\w)(?:phrase|…)(?!\\w)")`` (``\\w*`` instead of the lookahead with
``prefix=True``), a space in a phrase matching any run of whitespace.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tweetguard.text.phrases import PhraseMatch, PhrasePattern, alternation


def spans(pattern: PhrasePattern, text: str, pos: int = 0, endpos: int | None = None) -> list:
    if endpos is None:
        return [m.span() for m in pattern.finditer(text, pos)]
    return [m.span() for m in pattern.finditer(text, pos, endpos)]


def regex_spans(pattern: PhrasePattern, text: str, pos: int = 0, endpos: int | None = None):
    end = len(text) if endpos is None else endpos
    return [m.span() for m in pattern.regex.finditer(text, pos, end)]


def texts(pattern: PhrasePattern, text: str) -> list[str]:
    return [m.group() for m in pattern.finditer(text)]


KAPOT = PhrasePattern(["kapot"])
KAPOT_PREFIX = PhrasePattern(["kapot"], prefix=True)
WERKT = PhrasePattern(["werkt niet", "werkt", "niet"])


# ---------------------------------------------------------------------------------------------
# alternation and the regex kept for odd whitespace


def test_alternation_is_longest_first_and_escaped() -> None:
    alt = alternation(["werkt", "werkt niet", "a.b", "werkt"])
    assert alt == r"(?:werkt\s+niet|werkt|a\.b)"
    rx = re.compile(alt)
    assert rx.match("werkt \n niet").group() == "werkt \n niet"
    assert rx.match("axb") is None


def test_pattern_normalises_and_dedupes_phrases() -> None:
    p = PhrasePattern(["werkt  niet", " werkt niet ", "kapot", "", "   "])
    assert p.phrases == ("kapot", "werkt niet")
    assert p.prefix is False
    assert p.pattern == r"(?<!\w)(?:werkt\s+niet|kapot)(?!\w)"
    assert p.regex.pattern == p.pattern
    assert PhrasePattern(["reorganis"], prefix=True).pattern == r"(?<!\w)(?:reorganis)\w*"
    assert "2 phrases" in repr(p)


# ---------------------------------------------------------------------------------------------
# Word boundaries


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("is kapot.", [(3, 8)]),
        ("kapot", [(0, 5)]),
        ("Kapot", []),  # phrases and texts are both folded: no case folding here
        ("kapotte", []),
        ("onkapot", []),
        ("on_kapot", []),  # the underscore is a word character
        ("kapot_", []),
        ("kapot2", []),
        ("2kapot", []),
        ("(kapot)", [(1, 6)]),
        ("#kapot", [(1, 6)]),
        ("@kapot", [(1, 6)]),
        ("half-kapot-stuk", [(5, 10)]),
        ("kapot,kapot;kapot", [(0, 5), (6, 11), (12, 17)]),
        ("kapotkapot", []),
        ("", []),
    ],
)
def test_word_boundaries(text: str, expected: list[tuple[int, int]]) -> None:
    assert spans(KAPOT, text) == expected
    assert regex_spans(KAPOT, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("is kapot.", ["kapot"]),
        ("kapotte printer", ["kapotte"]),
        ("de kapotgemaakte_deur2 is", ["kapotgemaakte_deur2"]),
        ("onkapotbaar", []),  # the start still needs a word boundary
        ("kapot-gemaakt", ["kapot"]),  # a hyphen ends the word
        ("kap", []),
    ],
)
def test_prefix_extends_to_the_end_of_the_word(text: str, expected: list[str]) -> None:
    assert texts(KAPOT_PREFIX, text) == expected
    assert [m.group() for m in KAPOT_PREFIX.regex.finditer(text)] == expected


def test_prefix_extends_the_last_word_of_a_multi_word_phrase() -> None:
    p = PhrasePattern(["ons reorganis"], prefix=True)
    assert texts(p, "de ons reorganisatieplan gaat door") == ["ons reorganisatieplan"]
    assert texts(p, "de ons\nreorganisatie") == ["ons\nreorganisatie"]  # regex path
    assert texts(p, "bons reorganisatie") == []


def test_prefix_extension_stops_at_endpos() -> None:
    text = "kapotte"
    assert [m.span() for m in KAPOT_PREFIX.finditer(text, 0, 6)] == [(0, 6)]
    assert KAPOT_PREFIX.search(text, 0, 6).span() == (0, 6)
    assert KAPOT_PREFIX.regex.search(text, 0, 6).span() == (0, 6)


# ---------------------------------------------------------------------------------------------
# Leftmost-longest, non-overlapping


def test_longest_phrase_wins_at_the_same_start() -> None:
    assert texts(WERKT, "het werkt niet meer") == ["werkt niet"]
    assert texts(WERKT, "het werkt wel") == ["werkt"]
    assert texts(WERKT, "het werkt nietszeggend") == ["werkt"]  # "werkt niet" fails (?!\w)
    assert texts(WERKT, "niet werkt niet") == ["niet", "werkt niet"]


def test_matches_do_not_overlap() -> None:
    p = PhrasePattern(["niet ons", "ons probleem", "niet ons probleem", "probleem"])
    assert texts(p, "dat is niet ons probleem") == ["niet ons probleem"]
    q = PhrasePattern(["niet ons", "ons probleem"])
    # leftmost first: "niet ons" takes "ons", so "ons probleem" is not found
    assert [m.span() for m in q.finditer("niet ons probleem")] == [(0, 8)]
    assert regex_spans(q, "niet ons probleem") == [(0, 8)]


def test_later_start_is_not_preferred_over_earlier_even_if_longer() -> None:
    p = PhrasePattern(["a b", "b c d e"])
    assert texts(p, "a b c d e") == ["a b"]
    assert regex_spans(p, "a b c d e") == [(0, 3)]


# ---------------------------------------------------------------------------------------------
# pos / endpos, search and match


def test_search_returns_the_first_match() -> None:
    m = WERKT.search("nee, het werkt niet. werkt")
    assert isinstance(m, PhraseMatch)
    assert m.span() == (9, 19)
    assert (m.start(), m.end()) == (9, 19)
    assert m.group() == m.group(0) == "werkt niet"
    assert m.string == "nee, het werkt niet. werkt"
    assert "werkt niet" in repr(m)
    assert WERKT.search("alles goed") is None


@pytest.mark.parametrize(
    ("pos", "endpos", "expected"),
    [
        (0, None, [(0, 5), (8, 13)]),
        (1, None, [(8, 13)]),  # text[0] is before pos but still counts for the boundary
        (3, None, [(8, 13)]),
        (8, None, [(8, 13)]),
        (9, None, []),  # "apot": the match would start before pos
        (0, 5, [(0, 5)]),
        (0, 4, []),
        (0, 12, [(0, 5)]),
        (0, 11, [(0, 5)]),
        (0, 13, [(0, 5), (8, 13)]),
        (0, 100, [(0, 5), (8, 13)]),
        (100, None, []),
        (6, 3, []),
    ],
)
def test_pos_and_endpos(pos: int, endpos: int | None, expected: list[tuple[int, int]]) -> None:
    text = "kapot - kapot"
    assert spans(KAPOT, text, pos, endpos) == expected
    assert regex_spans(KAPOT, text, pos, endpos) == expected
    first = KAPOT.search(text, pos) if endpos is None else KAPOT.search(text, pos, endpos)
    assert (first.span() if first else None) == (expected[0] if expected else None)


def test_pos_does_not_hide_a_word_character_before_it() -> None:
    # Like re: (?<!\w) looks at the text before pos.
    assert KAPOT.search("onkapot", 2) is None
    assert KAPOT.regex.search("onkapot", 2) is None
    assert KAPOT_PREFIX.search("onkapotte", 2) is None


def test_endpos_acts_as_end_of_text_for_the_boundary() -> None:
    # Like re: the text is treated as ending at endpos, so "kapot" in "kapotte" matches.
    assert KAPOT.search("kapotte", 0, 5).span() == (0, 5)
    assert KAPOT.regex.search("kapotte", 0, 5).span() == (0, 5)


def test_match_only_at_pos() -> None:
    assert KAPOT.match("kapot!").span() == (0, 5)
    assert KAPOT.match(" kapot") is None
    assert KAPOT.match(" kapot", 1).span() == (1, 6)
    assert KAPOT.match("onkapot", 2) is None
    assert KAPOT.match("kapotte") is None
    assert KAPOT.match("kapotte", 0, 5).span() == (0, 5)
    assert KAPOT_PREFIX.match("kapotte").group() == "kapotte"
    assert WERKT.match("werkt  niet hoor").group() == "werkt  niet"


# ---------------------------------------------------------------------------------------------
# Whitespace other than single spaces: the regex path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("het werkt\nniet", [(4, 14)]),
        ("het werkt  niet", [(4, 15)]),
        ("het werkt\tniet", [(4, 14)]),
        ("het werkt\r\nniet", [(4, 15)]),
        ("het werkt\u00a0niet", [(4, 14)]),  # no-break space
        ("het werkt\u202fniet", [(4, 14)]),  # narrow no-break space
        ("het werkt \u2003 niet", [(4, 16)]),  # em space
        ("werkt\nniet\n\nwerkt", [(0, 10), (12, 17)]),
    ],
)
def test_multi_word_phrase_across_odd_whitespace(text: str, expected: list) -> None:
    assert spans(WERKT, text) == expected
    assert regex_spans(WERKT, text) == expected
    assert WERKT.search(text).span() == expected[0]


def test_odd_whitespace_elsewhere_in_the_text_gives_the_same_matches() -> None:
    single = "werkt niet, kapot"
    double = "werkt niet, kapot  "
    p = PhrasePattern(["werkt niet", "kapot"])
    assert spans(p, single) == spans(p, double) == [(0, 10), (12, 17)]
    assert isinstance(next(p.finditer(single)), PhraseMatch)
    assert isinstance(next(p.finditer(double)), re.Match)


# ---------------------------------------------------------------------------------------------
# Punctuation, apostrophes, non-ASCII


def test_apostrophes_in_phrases() -> None:
    p = PhrasePattern(["collega's", "collega"])
    assert texts(p, "mijn collega's zijn top") == ["collega's"]
    assert texts(p, "mijn collega is top") == ["collega"]
    # "collega's" needs the whole phrase; "collega'" is followed by "x", so falls back
    assert texts(p, "collega'x") == ["collega"]
    assert texts(p, "'collega'") == ["collega"]


def test_phrases_with_punctuation_at_the_edges() -> None:
    p = PhrasePattern(["e-mail", "niet!", "-"])
    assert texts(p, "stuur een e-mail") == ["e-mail"]
    assert texts(p, "een ee-mail") == []  # "-" alone is not matched inside a word pair
    assert texts(p, "echt niet!") == ["niet!"]
    assert texts(p, "a - b") == ["-"]
    assert texts(p, "niet!x") == []  # (?!\w) holds after the "!" as well
    assert regex_spans(p, "niet!x") == spans(p, "niet!x")


@pytest.mark.parametrize(
    ("phrases", "text", "expected"),
    [
        (["cafe"], "het cafe is dicht", [(4, 8)]),
        (["café"], "het café is dicht", [(4, 8)]),
        (["café"], "hetcafé", []),
        (["cafe"], "het café", []),  # no folding inside the pattern
        (["kapot"], "é kapot é", [(2, 7)]),
        (["kapot"], "ékapot", []),  # é is a word character
        (["kapot"], "kapoté", []),
        (["kapot"], "😀kapot😀 kapot", [(1, 6), (8, 13)]),  # emoji is one code point
        (["kapot"], "👍🏽 kapot", [(3, 8)]),
        (["😡"], "boos 😡😡 echt", [(5, 6), (6, 7)]),
        (["😡"], "boos😡 echt", []),  # (?<!\w) holds whatever the phrase starts with
        (["straße"], "die straße hier", [(4, 10)]),
        (["kapot"], "二 kapot", [(2, 7)]),
        (["kapot"], "二kapot", []),  # CJK characters are word characters
    ],
)
def test_non_ascii_offsets(phrases: list[str], text: str, expected: list) -> None:
    p = PhrasePattern(phrases)
    assert spans(p, text) == expected
    assert regex_spans(p, text) == expected
    for m in p.finditer(text):
        assert text[m.start() : m.end()] == m.group()


# ---------------------------------------------------------------------------------------------
# No phrases


@pytest.mark.parametrize("text", ["", "x", "kapot", "werkt niet", "a, b. c"])
def test_empty_phrase_list_matches_nothing(text: str) -> None:
    p = PhrasePattern([])
    assert p.phrases == ()
    assert list(p.finditer(text)) == []
    assert p.search(text) is None
    assert p.search(text, 0, len(text)) is None


@pytest.mark.parametrize("text", ["hallo  wereld", "a\n\nb", "", " x"])
def test_empty_phrase_list_matches_nothing_on_the_regex_path(text: str) -> None:
    p = PhrasePattern([])
    assert p.search(text) is None
    assert list(p.finditer(text)) == []
    assert p.match(text) is None


@pytest.mark.parametrize("sep", ["\x1c", "\x1d", "\x1e", "\x1f"])
def test_information_separators_count_as_whitespace(sep: str) -> None:
    text = f"het werkt{sep}niet"
    assert spans(WERKT, text) == regex_spans(WERKT, text) == [(4, 14)]


def test_negative_endpos_like_re() -> None:
    assert KAPOT.regex.search("kapot", 0, -1) is None
    assert KAPOT.search("kapot", 0, -1) is None


# ---------------------------------------------------------------------------------------------
# Property: the automaton gives exactly the regex's matches

_PHRASE_POOL = [
    "kapot",
    "werkt",
    "werkt niet",
    "niet",
    "niet meer",
    "niet ons probleem",
    "ons probleem",
    "werk",
    "collega's",
    "collega",
    "e-mail",
    "mail",
    "we",
    "café",
    "a",
    "a b",
    "b a",
    "-",
]
_FILLER = ["de", "kapotte", "onkapot", "werken", "meer", "ons", "probleem", "x", "_", "3", "😀"]
_WORDS = sorted({w for p in _PHRASE_POOL for w in p.split()} | set(_FILLER))
# Mostly single spaces, so that most texts take the automaton path.
_SEPARATORS = [" ", " ", " ", " ", ", ", ".", "-", "'", "", "\n", "  "]


@st.composite
def _texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), max_size=12))
    out = [draw(st.sampled_from(["", " ", "."]))]
    for w in words:
        out.append(w)
        out.append(draw(st.sampled_from(_SEPARATORS)))
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(
    phrases=st.lists(st.sampled_from(_PHRASE_POOL), min_size=1, max_size=8),
    text=_texts(),
    prefix=st.booleans(),
    data=st.data(),
)
def test_automaton_agrees_with_the_regex(
    phrases: list[str], text: str, prefix: bool, data: st.DataObject
) -> None:
    p = PhrasePattern(phrases, prefix=prefix)
    assert spans(p, text) == regex_spans(p, text)
    first = p.search(text)
    want = p.regex.search(text)
    assert (first and first.span()) == (want and want.span())

    n = len(text)
    pos = data.draw(st.integers(0, n + 2), label="pos")
    endpos = data.draw(st.integers(0, n + 2), label="endpos")
    assert spans(p, text, pos, endpos) == regex_spans(p, text, pos, endpos)
    got = p.search(text, pos, endpos)
    want = p.regex.search(text, pos, endpos)
    assert (got and got.span()) == (want and want.span())
    if got is not None:
        assert got.group() == text[got.start() : got.end()]
