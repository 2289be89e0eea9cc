"""How the pages show findings (``tweetguard.web.findings``): the text cut into pieces with
the offending words marked, each finding with its rule, policy sentence and "apply fix"
offsets in UTF-16 code units (as the browser's text box counts)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tweetguard.draft import AccountInfo, Draft
from tweetguard.engine import Engine
from tweetguard.rules import BY_NUMBER
from tweetguard.web.findings import RANK, Piece, pieces, utf16, views

COMPANY = "Tulpwerk"
# A Tuesday morning in working hours (no late-night or quiet-period findings).
NOW = dt.datetime(2026, 11, 24, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def finding(
    start: int,
    end: int,
    severity: str = "warn",
    *,
    rule: int = 1,
    code: str | None = None,
    media: int | None = None,
    edit: dict[str, Any] | None = None,
    title: dict[str, str] | None = None,
    message: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A finding as ``Report.to_dict()`` writes it."""
    out: dict[str, Any] = {
        "rule": rule,
        "code": code or f"R{rule}.test",
        "severity": severity,
        "start": start,
        "end": end,
        "excerpt": "",
        "message": message or {"nl": "bericht", "en": "message"},
        "fix": {"nl": "oplossing", "en": "fix"},
    }
    if title is not None:
        out["title"] = title
    if media is not None:
        out["media"] = media
    if edit is not None:
        out["edit"] = edit
    return out


def view(text: str, findings: list[dict[str, Any]], **options: Any) -> list[Any]:
    options.setdefault("lang", "nl")
    options.setdefault("draft_lang", "nl")
    options.setdefault("company", COMPANY)
    return views(text, findings, **options)


# --- pieces --------------------------------------------------------------------------------


def test_overlapping_spans_take_the_worst_severity_and_list_both() -> None:
    text = "abcdefghij"
    found = pieces(text, [finding(2, 6, "warn"), finding(4, 8, "block")])
    assert found == [
        Piece("ab"),
        Piece("cd", "warn", (1,)),
        Piece("ef", "block", (1, 2)),
        Piece("gh", "block", (2,)),
        Piece("ij"),
    ]


def test_a_span_inside_another_and_an_info_over_a_warn() -> None:
    text = "0123456789"
    found = pieces(text, [finding(1, 9, "info"), finding(3, 5, "warn"), finding(3, 5, "info")])
    assert found == [
        Piece("0"),
        Piece("12", "info", (1,)),
        Piece("34", "warn", (1, 2, 3)),
        Piece("5678", "info", (1,)),
        Piece("9"),
    ]


def test_whole_text_media_and_empty_findings_are_not_marked() -> None:
    text = "Een heel bericht"
    findings = [
        finding(0, len(text), "block"),  # the whole text
        finding(0, 10, "block", media=0),  # in an image
        finding(4, 4, "warn"),  # no span at all
        finding(0, 5000, "warn"),  # "the whole text" as far as it goes
    ]
    assert pieces(text, findings) == [Piece(text)]
    assert [v.where for v in view(text, findings)] == ["whole", "image", "none", "whole"]


def test_no_findings_and_no_text() -> None:
    assert pieces("hallo", []) == [Piece("hallo")]
    assert pieces("", []) == []
    assert pieces("", [finding(0, 0, "block")]) == []


def test_spans_beyond_the_text_are_clipped() -> None:
    text = "abcdef"
    found = pieces(text, [finding(-3, 2, "warn"), finding(4, 99, "block")])
    assert "".join(p.text for p in found) == text
    assert [(p.text, p.severity) for p in found if p.text] == [
        ("ab", "warn"),
        ("cd", None),
        ("ef", "block"),
    ]


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]]]:
    text = draw(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
    n = len(text)
    spans = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, n))
        end = draw(st.integers(start, n))
        severity = draw(st.sampled_from(sorted(RANK)))
        media = draw(st.sampled_from([None, None, None, 0]))
        spans.append(finding(start, end, severity, media=media))
    return text, spans


@settings(max_examples=300, deadline=None)
@given(text_and_spans())
def test_pieces_rejoin_to_the_text_and_mark_each_character_right(
    case: tuple[str, list[dict[str, Any]]],
) -> None:
    text, findings = case
    found = pieces(text, findings)
    assert "".join(p.text for p in found) == text
    assert all(p.text for p in found)  # no empty pieces
    marked = [
        (n, f)
        for n, f in enumerate(findings, 1)
        if f.get("media") is None
        and f["end"] > f["start"]
        and not (f["start"] == 0 and f["end"] >= len(text))
    ]
    position = 0
    for piece in found:
        for i in range(position, position + len(piece.text)):
            covering = [(n, f) for n, f in marked if f["start"] <= i < f["end"]]
            if not covering:
                assert piece.severity is None and piece.refs == ()
                continue
            worst = max((f["severity"] for _, f in covering), key=RANK.__getitem__)
            assert piece.severity == worst
            assert piece.refs == tuple(n for n, _ in covering)
        position += len(piece.text)
    # neighbouring pieces differ (cut only where something changes)
    for a, b in itertools.pairwise(found):
        assert (a.severity, a.refs) != (b.severity, b.refs)


# --- UTF-16 offsets ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("abc", [0, 1, 2, 3]),
        ("a😀b", [0, 1, 3, 4]),  # an emoji outside the BMP is two code units
        ("𝄞é中", [0, 2, 3, 4]),  # astral, Latin with accent, CJK
        ("👩‍💻!", [0, 2, 3, 5, 6]),  # a ZWJ sequence: 2 + 1 + 2 units
        ("", [0]),
    ],
)
def test_utf16_offsets(text: str, expected: list[int]) -> None:
    assert [utf16(text, i) for i in range(len(text) + 1)] == expected
    assert utf16(text, len(text)) == len(text.encode("utf-16-le")) // 2


def test_edit_offsets_are_in_utf16_units() -> None:
    text = "😀😀 nieuw #TulpApp"
    edit = {"start": 3, "end": 8, "text": {"nl": "oud", "en": "old"}}
    (v,) = view(text, [finding(3, 8, edit=edit)])
    assert v.edit == {"start": 5, "end": 10, "text": "oud"}
    # applied as the browser applies it, the edit replaces exactly the Python span
    units = text.encode("utf-16-le")
    applied = (
        units[: 2 * v.edit["start"]]
        + v.edit["text"].encode("utf-16-le")
        + units[2 * v.edit["end"] :]
    ).decode("utf-16-le")
    assert applied == text[:3] + "oud" + text[8:]


@pytest.mark.parametrize(
    ("start", "end"),
    [(5, 99), (-1, 2), (4, 3), (len("hallo") + 1, len("hallo") + 1)],
)
def test_an_edit_out_of_range_is_dropped(start: int, end: int) -> None:
    edit = {"start": start, "end": end, "text": {"nl": "x", "en": "x"}}
    (v,) = view("hallo", [finding(0, 2, edit=edit)])
    assert v.edit is None


def test_an_edit_at_the_end_is_kept_and_media_findings_get_no_edit() -> None:
    edit = {"start": 5, "end": 5, "text": {"nl": " (ik werk hier)", "en": " (I work here)"}}
    text_view, media_view = view(
        "hallo", [finding(0, 2, edit=edit), finding(0, 2, media=0, edit=edit)]
    )
    assert text_view.edit == {"start": 5, "end": 5, "text": " (ik werk hier)"}
    assert media_view.edit is None and media_view.where == "image" and media_view.media == 0


def test_the_edit_is_in_the_drafts_language_not_the_pages() -> None:
    edit = {"start": 5, "end": 5, "text": {"nl": " NL", "en": " EN"}}
    f = [finding(0, 2, edit=edit)]
    assert view("hallo", f, lang="nl", draft_lang="en")[0].edit["text"] == " EN"
    assert view("hallo", f, lang="en", draft_lang="nl")[0].edit["text"] == " NL"
    # a draft in another (or no) language: the page's language
    assert view("hallo", f, lang="en", draft_lang="de")[0].edit["text"] == " EN"
    assert view("hallo", f, lang="nl", draft_lang=None)[0].edit["text"] == " NL"
    # only a Dutch text: that one
    only_nl = [finding(0, 2, edit={"start": 0, "end": 0, "text": {"nl": "X "}})]
    assert view("hallo", only_nl, lang="en", draft_lang="en")[0].edit["text"] == "X "


# --- the rule, its sentence, title and message ----------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_policy_sentence_for_rules_1_to_10_and_none_for_the_platform(lang: str) -> None:
    findings = [finding(0, 1, rule=n) for n in range(0, 11)]
    shown = view("abc", findings, lang=lang)
    assert shown[0].rule == 0 and shown[0].sentence is None
    for v in shown[1:]:
        expected = BY_NUMBER[v.rule].cite(COMPANY).get(lang)
        assert v.sentence == expected and v.sentence
        assert "[Het Bedrijf]" not in v.sentence
    # the company's name is filled in where the policy names the company
    assert any(COMPANY in (v.sentence or "") for v in shown)


def test_title_and_message_in_the_pages_language_with_fallbacks() -> None:
    own = finding(
        0,
        1,
        rule=8,
        title={"nl": "Eigen titel", "en": "Own title"},
        message={"nl": "Alleen Nederlands"},
    )
    plain = finding(0, 1, rule=8)
    a, b = view("abc", [own, plain], lang="en")
    assert a.title == "Own title" and a.message == "Alleen Nederlands"
    assert b.title == BY_NUMBER[8].title.get("en") and b.message == "message"
    assert [a.number, b.number] == [1, 2]
    assert (a.fix, a.code, a.severity) == ("fix", "R8.test", "warn")


def test_evidence_is_shown() -> None:
    f = finding(0, 3, rule=8)
    f["evidence"] = {"words": ["idioten"], "score": 0.93, "source": "model"}
    (v,) = view("abc", [f])
    assert v.words == ("idioten",) and v.score == pytest.approx(0.93) and v.source == "model"


def test_a_real_report_shows_as_marked_text(engine: Engine) -> None:
    text = "🎉 De nieuwe #TulpApp is echt de beste energie-app die er is!"
    report = engine.check(Draft(text=text, account=AccountInfo(kind="personal")), now=NOW).to_dict()
    shown = view(text, report["findings"], draft_lang=report.get("lang"))
    by_code = {v.code: v for v in shown}
    disclosure = by_code["R3.no-disclosure"]
    assert disclosure.where == "marked" and disclosure.rule == 3
    assert disclosure.edit is not None
    assert disclosure.edit["start"] == disclosure.edit["end"] == utf16(text, len(text)) == 61
    marked = [p for p in pieces(text, report["findings"]) if p.severity]
    assert [(p.text, p.severity) for p in marked] == [("#TulpApp", "warn")]
