"""Entities: mentions, hashtags, cashtags, URLs and emoji.

Expected values follow twitter-text (its conformance file ``extract.yml`` and the reference
JavaScript implementation 3.1.0), except where noted: mentions are at most 15 characters (X's
limit for handles) and emoji use newer Unicode data.
"""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tweetguard.text import Entity, extract_entities, split_hashtag
from tweetguard.text import entities as ent

ZWJ = "\u200d"


def found(text: str, kind: str | None = None) -> list[str]:
    """The texts of the entities found (of one kind)."""
    return [e.text for e in extract_entities(text) if kind is None or e.kind == kind]


def check_spans(text: str, entities: tuple[Entity, ...]) -> None:
    prev_end = 0
    for e in entities:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        assert e.start >= prev_end, "sorted by start and not overlapping"
        prev_end = e.end


# ---------------------------------------------------------------------------------------------
# The examples of the API


def test_example_tweet() -> None:
    text = (
        "Hoi @HetBedrijf! De #BedrijfsApp is uit 🎉 $ASML stijgt. "
        "Zie hetbedrijf.nl/klantenservice of https://x.nl/a 👍🏽"
    )
    got = [(e.kind, e.text, e.value) for e in extract_entities(text)]
    assert got == [
        ("mention", "@HetBedrijf", "hetbedrijf"),
        ("hashtag", "#BedrijfsApp", "bedrijfsapp"),
        ("emoji", "🎉", "🎉"),
        ("cashtag", "$ASML", "ASML"),
        ("url", "hetbedrijf.nl/klantenservice", "hetbedrijf.nl/klantenservice"),
        ("url", "https://x.nl/a", "https://x.nl/a"),
        ("emoji", "👍🏽", "👍🏽"),
    ]
    check_spans(text, extract_entities(text))


def test_offsets_are_into_the_original_text() -> None:
    text = "Café ☕ bij @HetBedrijf"
    (coffee, mention) = extract_entities(text)
    assert (coffee.kind, coffee.start, coffee.end) == ("emoji", 5, 6)
    assert (mention.start, mention.end) == (11, 22)
    # Decomposed é stays two code points: offsets do not shift.
    text = "Cafe\u0301 @HetBedrijf"
    (mention,) = extract_entities(text)
    assert text[mention.start : mention.end] == "@HetBedrijf"


def test_empty_and_plain_text() -> None:
    assert extract_entities("") == ()
    assert extract_entities("Gewoon een zin zonder iets bijzonders.") == ()


# ---------------------------------------------------------------------------------------------
# Mentions (extract.yml: mentions, mentions_with_indices, mentions_or_lists_with_indices)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@username reply", ["@username"]),
        ("mention @username in the middle", ["@username"]),
        ("mention @user_name", ["@user_name"]),
        ("mention @12345", ["@12345"]),
        ("mention @username1 @username2", ["@username1", "@username2"]),
        ("の@usernameに到着を待っている", ["@username"]),
        ("Current Status: @_@ (cc: @username)", ["@username"]),
        ("@aliceìnheiro something something", []),
        ("@username email me @test@example.com", ["@username"]),
        ("@http://twitter.com", []),
        ("@username\n@mention", ["@username", "@mention"]),
        ("RT@username RT:@mention RT @test", ["@username", "@mention", "@test"]),
        ("rt@username rt:@mention rt @test", ["@username", "@mention", "@test"]),
        ("Rt@username Rt:@mention rT @test", ["@username", "@mention", "@test"]),
        ("f!@kn f@@kn f#@kn f$@kn f%@kn f&@kn f*@kn", []),
        ("mail info@hetbedrijf.nl", []),
        ("＠HetBedrijf met een breed apenstaartje", ["＠HetBedrijf"]),
        ("Dank je @HetBedrijf!", ["@HetBedrijf"]),
        ("(@HetBedrijf)", ["@HetBedrijf"]),
    ],
)
def test_mentions(text: str, expected: list[str]) -> None:
    assert found(text, "mention") == expected


def test_mention_value_and_indices() -> None:
    (m,) = extract_entities("username @UserName")
    assert (m.start, m.end, m.text, m.value) == (9, 18, "@UserName", "username")


def test_lists_yield_the_handle() -> None:
    text = "Hey @username, check out out @otheruser/list_name-01!"
    assert found(text, "mention") == ["@username", "@otheruser"]
    assert found("@username/7list-name is a great list!", "mention") == ["@username"]


def test_handles_are_at_most_15_characters() -> None:
    # twitter-text would extract 20 characters (and truncate longer runs); X allows 15.
    assert found("@" + "a" * 15, "mention") == ["@" + "a" * 15]
    assert found("@" + "a" * 16, "mention") == []
    assert found("@" + "a" * 25 + " @ok", "mention") == ["@ok"]


# ---------------------------------------------------------------------------------------------
# Hashtags (extract.yml: hashtags; validate.yml: hashtags)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#hashtag", ["#hashtag"]),
        ("#1st", ["#1st"]),
        ("#that1time #easyas123", ["#that1time", "#easyas123"]),
        ("#12345", []),
        ("#ашок", ["#ашок"]),
        ("#트위터", ["#트위터"]),
        ("#日本語ハッシュタグ", ["#日本語ハッシュタグ"]),
        ("＃中文", ["＃中文"]),
        ("#हिन्दी", ["#हिन्दी"]),
        ("#café #über", ["#café", "#über"]),
        ("#a_b #_a", ["#a_b", "#_a"]),
        ("#BedrijfsApp!", ["#BedrijfsApp"]),
        ("Nieuw: de #BedrijfsApp.", ["#BedrijfsApp"]),
        ("&#39; is geen hashtag", []),
        ("a#b", []),
        ("#tag#tag", []),
        ("#tag://", []),
        ("##tag", ["#tag"]),
        ("#️⃣ is een emoji", []),
        ("http://example.com/#anchor", []),
        ("#ab\ufe0f", ["#ab\ufe0f"]),
    ],
)
def test_hashtags(text: str, expected: list[str]) -> None:
    assert found(text, "hashtag") == expected


def test_hashtag_value_is_casefolded_body() -> None:
    (h,) = extract_entities("Download de #BedrijfsApp")
    assert (h.text, h.value, h.start, h.end) == ("#BedrijfsApp", "bedrijfsapp", 12, 24)
    (h,) = extract_entities("＃Straße")
    assert h.value == "strasse"


# ---------------------------------------------------------------------------------------------
# Cashtags (extract.yml: cashtags)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$ASML", ["ASML"]),
        ("Koop $asml en $TSLA.A vandaag", ["ASML", "TSLA.A"]),
        ("$A_BB", ["A_BB"]),
        ("$aB, zei hij", ["AB"]),
        ("$abcdefg", []),
        ("$12 of $1.50", []),
        ("x$AB", []),
        ("($ASML)", []),
        ("$ASML.", ["ASML"]),
    ],
)
def test_cashtags(text: str, expected: list[str]) -> None:
    assert [e.value for e in extract_entities(text) if e.kind == "cashtag"] == expected


# ---------------------------------------------------------------------------------------------
# URLs (extract.yml: urls, urls_with_indices)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://example.com", ["http://example.com"]),
        ("text http://foobar.com/#", ["http://foobar.com/#"]),
        (
            "text http://google.com/#search?q=iphone%20-filter%3Alinks",
            ["http://google.com/#search?q=iphone%20-filter%3Alinks"],
        ),
        ("text http://somehost.com:3000", ["http://somehost.com:3000"]),
        ("text http://xo.com/~matthew+%ff-,.;x", ["http://xo.com/~matthew+%ff-,.;x"]),
        (
            "text http://en.wikipedia.org/wiki/Primer_(film)",
            ["http://en.wikipedia.org/wiki/Primer_(film)"],
        ),
        ("text http://✪df.ws/ejp", ["http://✪df.ws/ejp"]),
        ("text http://chilp.it/?77e8fd", ["http://chilp.it/?77e8fd"]),
        (
            "text http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx",
            ["http://msdn.microsoft.com/ja-jp/library/system.net.httpwebrequest(v=VS.100).aspx"],
        ),
        ("text http://domain-dash_2314352345_dfasd.foo-cow_4352.com", []),
        ("text http://no-tld http://tld-too-short.x", []),
        ("(http://twitter.com", ["http://twitter.com"]),
        (
            "text http://word-and-a-number-8-ftw.domain.com/",
            ["http://word-and-a-number-8-ftw.domain.com/"],
        ),
        ("text http://domain.com-that-you-should-have-put-a-space-after", []),
        ("text http://foo.com?#foo text", ["http://foo.com?#foo"]),
        (
            "foo.com foo.net foo.org foo.edu foo.gov",
            ["foo.com", "foo.net", "foo.org", "foo.edu", "foo.gov"],
        ),
        (
            "foo.baz foo.co.jp www.xxxxxxx.baz www.foo.co.uk wwwww.xxxxxxx foo.comm foo.somecom",
            ["foo.co.jp", "www.foo.co.uk"],
        ),
        ("t.co/abcde bit.ly/abcde", ["t.co/abcde", "bit.ly/abcde"]),
        (
            "Go to http://example.com/a+ or http://example.com/a-",
            ["http://example.com/a+", "http://example.com/a-"],
        ),
        (
            "Go to http://example.com/view/slug-url-?foo=bar",
            ["http://example.com/view/slug-url-?foo=bar"],
        ),
        ("@user Try http:// example.com/path", ["example.com/path"]),
        (
            "これは日本語です。example.com/path/index.html中国語example.com/path한국",
            ["example.com/path/index.html", "example.com/path"],
        ),
        (
            "http://twitter.com/これは日本語です。example.com中国語http://t.co/abcde한국twitter.com",
            ["http://twitter.com/", "example.com", "http://t.co/abcde", "twitter.com"],
        ),
        ("Go to http://twitter.com/Русские_слова", ["http://twitter.com/Русские_слова"]),
        ("MLB.tv vine.co twitch.tv t.co", ["MLB.tv", "vine.co", "twitch.tv", "t.co"]),
        ("test http://sub_domain-dash.twitter.com", ["http://sub_domain-dash.twitter.com"]),
        ("test http://a.b.cd http://a_b.c-d.com", ["http://a.b.cd", "http://a_b.c-d.com"]),
        ("test http://-leadingdash.twitter.com http://trailingdash-.twitter.com", []),
        ("test http://twitter-.com http://-twitter.com", []),
        ("http://www.x.com/a.(b)", ["http://www.x.com/a"]),
        ("https://t.co/abcd?x=1", ["https://t.co/abcd?x=1"]),
        ("https://t.co/" + "a" * 41, []),
        # A URL with user info is not extracted (twitter-text only validates such URLs).
        ("http://user:PASSW0RD@example.com:8080/login.php", []),
        ("http://☃.net/ en http://日本語.jp", ["http://☃.net/", "http://日本語.jp"]),
        ("https://" + "a" * 64 + ".com en b.com", ["b.com"]),
    ],
)
def test_urls(text: str, expected: list[str]) -> None:
    assert found(text, "url") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Dutch tweets: URLs without a scheme, trailing punctuation is not part of the URL.
        ("Kijk op hetbedrijf.nl/klantenservice.", ["hetbedrijf.nl/klantenservice"]),
        ("Meer info: www.hetbedrijf.nl, of bel ons.", ["www.hetbedrijf.nl"]),
        ("(zie www.x.com)", ["www.x.com"]),
        ("“www.x.com”", ["www.x.com"]),
        ("Bezoek 👉hetbedrijf.nl!", ["hetbedrijf.nl"]),
        (
            "HTTPS://WWW.HETBEDRIJF.NL/Klantenservice?ref=twitter",
            ["HTTPS://WWW.HETBEDRIJF.NL/Klantenservice?ref=twitter"],
        ),
        ("www.hetbedrijf.nl/a/b?c=d#e", ["www.hetbedrijf.nl/a/b?c=d#e"]),
        ("hetbedrijf.nl:8080 en hetbedrijf.nl:8080/x", ["hetbedrijf.nl", "hetbedrijf.nl:8080/x"]),
        ("xn--bcher-kva.de", ["xn--bcher-kva.de"]),
        ("e.g. bijv. enz. U.S.A. 3.14 v1.2", []),
        ("Prijs: €3.50.", []),
        ("info@hetbedrijf.nl", []),
        ("-hetbedrijf.nl _hetbedrijf.nl /hetbedrijf.nl", []),
    ],
)
def test_urls_in_dutch_text(text: str, expected: list[str]) -> None:
    assert found(text, "url") == expected


def test_url_indices_and_value() -> None:
    text = "Zie https://www.hetbedrijf.nl/nieuws."
    (url,) = extract_entities(text)
    assert (url.kind, url.start, url.end) == ("url", 4, 36)
    assert url.value == url.text == "https://www.hetbedrijf.nl/nieuws"


def test_entities_inside_urls_are_dropped() -> None:
    text = "http://example.com/#anchor http://a.com/@foo/ https://x.com/$ASML"
    assert [e.kind for e in extract_entities(text)] == ["url", "url", "url"]


# ---------------------------------------------------------------------------------------------
# Emoji: one entity per sequence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Top 👍🏽!", ["👍🏽"]),
        ("👍🏽🏽", ["👍🏽", "🏽"]),
        (f"Familie 👨{ZWJ}👩{ZWJ}👧{ZWJ}👦 thuis", [f"👨{ZWJ}👩{ZWJ}👧{ZWJ}👦"]),
        (f"🧑🏻{ZWJ}❤️{ZWJ}💋{ZWJ}🧑🏼", [f"🧑🏻{ZWJ}❤️{ZWJ}💋{ZWJ}🧑🏼"]),
        (f"🏳️{ZWJ}🌈 en 🏳️{ZWJ}⚧️", [f"🏳️{ZWJ}🌈", f"🏳️{ZWJ}⚧️"]),
        ("🇳🇱🇧🇪", ["🇳🇱", "🇧🇪"]),
        ("🏴󠁧󠁢󠁳󠁣󠁴󠁿", ["🏴󠁧󠁢󠁳󠁣󠁴󠁿"]),
        ("#️⃣ 1️⃣ 1⃣ *⃣", ["#️⃣", "1️⃣", "1⃣", "*⃣"]),
        ("© 2026 en ©️", ["©️"]),
        ("™ ®", []),
        ("☺︎ text style, ☺️ emoji style", ["☺️"]),
        ("❤ ❤️", ["❤", "❤️"]),
        (f"❤️{ZWJ}🔥", [f"❤️{ZWJ}🔥"]),
        (f"🫱🏻{ZWJ}🫲🏿", [f"🫱🏻{ZWJ}🫲🏿"]),
        ("\U0001fae0", ["\U0001fae0"]),
        (f"🧑{ZWJ}🧑{ZWJ}🧒", [f"🧑{ZWJ}🧑{ZWJ}🧒"]),
        ("日本語🗾", ["🗾"]),
        ("🇳", []),
        (f"{ZWJ}👍{ZWJ}", ["👍"]),
    ],
)
def test_emoji(text: str, expected: list[str]) -> None:
    assert found(text, "emoji") == expected
    check_spans(text, extract_entities(text))


# ---------------------------------------------------------------------------------------------
# split_hashtag


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("BedrijfsApp", ["bedrijfs", "app"]),
        ("HetBedrijf2026", ["het", "bedrijf", "2026"]),
        ("bedrijfsapp", ["bedrijfsapp"]),
        ("BEDRIJFSAPP", ["bedrijfsapp"]),
        ("HTMLParser", ["html", "parser"]),
        ("iPhone", ["i", "phone"]),
        ("covid19", ["covid", "19"]),
        ("2026Plan", ["2026", "plan"]),
        ("klant_service", ["klant", "service"]),
        ("ÉénTweeDrie", ["één", "twee", "drie"]),
        ("CafésInAmsterdam", ["cafés", "in", "amsterdam"]),
        ("Cafe\u0301Open", ["cafe\u0301", "open"]),
        ("東京Marathon", ["東京", "marathon"]),
        ("日本語", ["日本語"]),
        ("#BedrijfsApp", ["bedrijfs", "app"]),
        ("＃BedrijfsApp", ["bedrijfs", "app"]),
        ("Straße", ["strasse"]),
        ("", []),
        ("_", []),
    ],
)
def test_split_hashtag(body: str, words: list[str]) -> None:
    assert split_hashtag(body) == words


# ---------------------------------------------------------------------------------------------
# Properties


_FRAGMENTS = st.sampled_from(
    [
        " ",
        "\n",
        "\u3000",
        ".",
        ",",
        "!",
        "(",
        ")",
        "/",
        "-",
        "_",
        ":",
        "'",
        "“",
        "…",
        "&",
        "$",
        "#",
        "＃",
        "@",
        "＠",
        "rt",
        "RT:",
        "hallo",
        "HetBedrijf",
        "a" * 16,
        "café",
        "e\u0301",
        "日本語",
        "हिन्दी",
        "ASML",
        "TSLA.A",
        "12",
        "www.",
        "hetbedrijf.nl",
        ".com",
        "/klantenservice",
        "?x=1",
        "https://",
        "t.co/abc",
        "xn--",
        "👍",
        "🏽",
        ZWJ,
        "\ufe0f",
        "\ufe0e",
        "\u20e3",
        "🇳",
        "🇱",
        "©",
        "\U000e0067",
        "\U000e007f",
        "\ufeff",
        "\U00017000",
    ]
)
TWEETS = st.lists(_FRAGMENTS, max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=300), TWEETS))
def test_never_raises_and_spans_lie_in_the_text(text: str) -> None:
    entities = extract_entities(text)
    check_spans(text, entities)
    for e in entities:
        if e.kind == "mention":
            assert e.text[0] in "@＠" and e.value == e.text[1:].lower()
        elif e.kind == "hashtag":
            assert e.text[0] in "#＃" and e.value == e.text[1:].casefold()
            assert split_hashtag(e.text) == split_hashtag(e.text[1:])
        elif e.kind == "cashtag":
            assert e.text[0] == "$" and e.value == e.text[1:].upper()
        else:
            assert e.value == e.text


def _reference_finditer(
    pattern: re.Pattern[str] | regex.Pattern[str],
    text: str,
    end_re: re.Pattern[str] | None,
) -> list[tuple[int, int]]:
    """twitter-text's way: every match of the regex, resuming after each one."""
    out = []
    for m in pattern.finditer(text):
        if end_re is not None and end_re.match(text, m.end()):
            continue
        out.append(m.span("tag") if "tag" in m.groupdict() else (m.start("name") - 1, m.end()))
    return out


@settings(max_examples=500, deadline=None)
@given(st.one_of(TWEETS, st.text(alphabet="@＠#＃$rtRT:/ab_1é.-&\ufe0f\u20e3日 ", max_size=40)))
def test_fast_scanners_match_the_regexes(text: str) -> None:
    """The sign-driven scanners give what twitter-text's regexes give."""
    mentions: list[tuple[int, int, int, Entity]] = []
    ent._mentions(text, mentions)
    assert [(e.start, end) for _, end, _, e in mentions] == _reference_finditer(
        ent._MENTION_RE, text, ent._END_MENTION_RE
    )
    hashtags: list[tuple[int, int, int, Entity]] = []
    ent._hashtags(text, hashtags)
    assert [(s, e) for s, e, _, _ in hashtags] == _reference_finditer(
        ent._HASHTAG_RE, text, ent._END_HASHTAG_RE
    )
    cashtags: list[tuple[int, int, int, Entity]] = []
    ent._cashtags(text, cashtags)
    assert [(s, e) for s, e, _, _ in cashtags] == _reference_finditer(ent._CASHTAG_RE, text, None)


@settings(max_examples=500, deadline=None)
@given(TWEETS)
def test_url_runs_match_the_whole_text_regex(text: str) -> None:
    """Matching URLs run by run gives what twitter-text's regex gives on the whole text."""
    if len(text) > ent._URL_LONG_RUN:
        return
    whole: list[tuple[int, int]] = []
    ent._urls_in(text, 0, len(text), whole)
    assert list(ent.url_spans.__wrapped__(text)) == whole


@pytest.mark.parametrize(
    "text",
    [
        "a." * 5000,
        "a" * 10000 + ".com",
        "日本." * 3000,
        "a-" * 5000 + ".com",
        "日" * 5000 + ".com." + "日" * 5000,
        "http://" + "a." * 3000,
        "(a." * 3000 + "com",
        f"{ZWJ}👍" * 3000,
        "1⃣" * 5000,
        "@" * 10000,
        "#" * 10000,
        "rt:@" * 3000,
        "e\u0301" * 5000,
    ],
)
def test_long_pathological_texts(text: str) -> None:
    # Their speed is measured by `make bench` (pathological inputs); here: correct spans.
    check_spans(text, extract_entities(text))
