"""Fixes a machine can apply (a finding's ``edit``): they fit the text, say what the advice
says, and the edited draft no longer breaks the rule."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import NOW
from tweetguard.context import Context
from tweetguard.draft import AccountInfo, Draft, MediaInspection, MediaItem, ReplyContext
from tweetguard.engine import Engine
from tweetguard.policy import Policy
from tweetguard.report import Edit, Evidence, Finding, Report, apply_edit
from tweetguard.rules._common import Hit, Rule, append
from tweetguard.types import Localized

EDITED = ("R3.no-disclosure", "R6.handles-case", "R6.customer-question", "R7.no-disclaimer")
PERSONAL = AccountInfo(handle="@jan_devries", kind="personal")
CHANNELS_NL = (
    "stuur een bericht naar @TulpwerkHelpt, kijk op https://tulpwerk.nl/klantenservice of bel "
    "+31 20 123 4567."
)
CHANNELS_EN = (
    "message @TulpwerkHelpt, visit https://tulpwerk.nl/klantenservice or call +31 20 123 4567."
)
REFERRAL_NL = (
    "Vervelend dat je hier last van hebt! Onze klantenservice helpt je graag verder: " + CHANNELS_NL
)
REFERRAL_EN = "Sorry to hear that! Our customer service is happy to help: " + CHANNELS_EN
COMPLAINT = ReplyContext(
    text="@Tulpwerk mijn thuisbatterij doet het nog steeds niet!", on_company_page=True
)
QUESTION = ReplyContext(
    text="@Tulpwerk hoe lang duurt het installeren van de Thuisbatterij?", on_company_page=True
)
COMPLAINT_EN = ReplyContext(
    text="@Tulpwerk my home battery still isn't charging!", on_company_page=True
)
FIXTURES = Path(__file__).parent / "rules" / "fixtures"
FILES = {3: "r03_disclosure.jsonl", 6: "r06_customer_service.jsonl", 7: "r07_spokesperson.jsonl"}


def load(number: int) -> list[dict[str, Any]]:
    """The fixture cases of a rule (see ``tests/rules/test_fixtures.py``)."""
    path = FIXTURES / FILES[number]
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        {**json.loads(line), "_id": f"{FILES[number]}:{n}"}
        for n, line in enumerate(lines, start=1)
        if line.strip()
    ]


@pytest.fixture(scope="module", params=["models", "word-lists"])
def any_engine(request: pytest.FixtureRequest, engine: Engine, policy: Policy) -> Engine:
    """The engine with its language models, and one with the word lists only."""
    return engine if request.param == "models" else Engine(policy, signals={}, reraise=True)


def _finding(engine: Engine, draft: Draft, code: str) -> Finding:
    report = engine.check(draft, now=NOW)
    found = [f for f in report.findings if f.code == code]
    assert found, f"{code} not in {[f.code for f in report.findings]}"
    return found[0]


def _codes(engine: Engine, draft: Draft) -> set[str]:
    return {f.code for f in engine.check(draft, now=NOW).findings}


def _fixed(engine: Engine, draft: Draft, code: str, lang: str) -> str:
    """The draft's text with the fix of its ``code`` finding applied; asserts it fixes."""
    f = _finding(engine, draft, code)
    assert f.edit is not None, f"{code} has no edit"
    new = apply_edit(draft.text, f.edit, lang)
    assert new != draft.text
    assert code not in _codes(engine, draft.model_copy(update={"text": new})), new
    return new


# --- each code, Dutch and English -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "De nieuwe #TulpApp is echt de beste energie-app die er is!",
            "nl",
            "De nieuwe #TulpApp is echt de beste energie-app die er is! (Ik werk bij Tulpwerk.)",
        ),
        (
            "Got my thuisbaterij installed today, super smooth",
            "en",
            "Got my thuisbaterij installed today, super smooth (I work at Tulpwerk.)",
        ),
        (  # ends in whitespace: no extra space
            "Net de TulpApp geïnstalleerd, werkt super\n",
            "nl",
            "Net de TulpApp geïnstalleerd, werkt super\n(Ik werk bij Tulpwerk.)",
        ),
    ],
)
def test_r3_appends_the_disclosure(any_engine: Engine, text: str, lang: str, expected: str) -> None:
    draft = Draft(text=text, account=PERSONAL, lang=lang)
    f = _finding(any_engine, draft, "R3.no-disclosure")
    assert f.edit is not None and f.edit.start == f.edit.end == len(text)
    assert f.fix is not None and f.edit.text.get(lang).strip() in f.fix.get(lang)
    assert _fixed(any_engine, draft, "R3.no-disclosure", lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "De nieuwe TulpApp is echt geweldig, iedereen moet hem downloaden!",
            "nl",
            "De nieuwe TulpApp is echt geweldig, iedereen moet hem downloaden! "
            "(Persoonlijke mening, niet namens Tulpwerk.)",
        ),
        (
            "IMO Tulpwerk should drop the subscription fee for the app.",
            "en",
            "IMO Tulpwerk should drop the subscription fee for the app. "
            "(Personal opinion, not on behalf of Tulpwerk.)",
        ),
        (
            "Ik vind de nieuwe TulpApp echt beter dan die van Stroomkracht.  ",
            "nl",
            "Ik vind de nieuwe TulpApp echt beter dan die van Stroomkracht.  "
            "(Persoonlijke mening, niet namens Tulpwerk.)",
        ),
    ],
)
def test_r7_appends_the_disclaimer(any_engine: Engine, text: str, lang: str, expected: str) -> None:
    draft = Draft(text=text, account=PERSONAL, lang=lang)
    f = _finding(any_engine, draft, "R7.no-disclaimer")
    assert f.edit is not None and f.edit.start == f.edit.end == len(text)
    assert f.fix is not None and f.edit.text.get(lang).strip() in f.fix.get(lang)
    assert _fixed(any_engine, draft, "R7.no-disclaimer", lang) == expected


@pytest.mark.parametrize(
    ("text", "reply", "lang", "code", "expected"),
    [
        (
            "@klant123 @Tulpwerk Stuur me je ordernummer even via DM, dan regel ik het.",
            COMPLAINT,
            "nl",
            "R6.handles-case",
            "@klant123 @Tulpwerk " + REFERRAL_NL,
        ),
        (
            "Stuur me je ordernummer even via DM, dan regel ik het.",
            COMPLAINT,
            "nl",
            "R6.handles-case",
            REFERRAL_NL,
        ),
        (
            "@mark_v So sorry Mark, send me your order number and I'll sort it today.",
            COMPLAINT_EN,
            "en",
            "R6.handles-case",
            "@mark_v " + REFERRAL_EN,
        ),
        (
            "@nieuwe_klant Bij mij duurde het een halve dag, viel reuze mee!",
            QUESTION,
            "nl",
            "R6.customer-question",
            "@nieuwe_klant " + REFERRAL_NL,
        ),
        (
            "@new_customer\nTook half a day at mine, not bad at all!",
            QUESTION,
            "en",
            "R6.customer-question",
            "@new_customer\n" + REFERRAL_EN,
        ),
        (  # only a mention: the reply goes after it, with a space
            "@nieuwe_klant",
            QUESTION,
            "nl",
            "R6.customer-question",
            "@nieuwe_klant " + REFERRAL_NL,
        ),
        (  # a mention that is part of the sentence is replaced with it
            "@klant123: stuur me je ordernummer, dan regel ik het.",
            COMPLAINT,
            "nl",
            "R6.handles-case",
            REFERRAL_NL,
        ),
    ],
)
def test_r6_replaces_the_reply_with_a_referral(
    any_engine: Engine, text: str, reply: ReplyContext, lang: str, code: str, expected: str
) -> None:
    draft = Draft(text=text, account=PERSONAL, in_reply_to=reply, lang=lang)
    f = _finding(any_engine, draft, code)
    assert f.edit is not None and f.edit.end == len(text)
    # The advice quotes the same reply the edit writes.
    assert f.fix is not None and f.edit.text.get(lang).strip() in f.fix.get(lang)
    assert _fixed(any_engine, draft, code, lang) == expected


def test_r6_edit_in_the_other_language(engine: Engine) -> None:
    """The edit holds both languages; the page picks the draft's."""
    text = "@klant123 Stuur me je ordernummer even via DM, dan regel ik het."
    draft = Draft(text=text, account=PERSONAL, in_reply_to=COMPLAINT)
    f = _finding(engine, draft, "R6.handles-case")
    assert f.edit is not None
    assert apply_edit(text, f.edit, "en") == "@klant123 " + REFERRAL_EN
    assert apply_edit(text, f.edit, "fr") == "@klant123 " + REFERRAL_NL


def _fixture_cases() -> Iterator[Any]:
    for number in (3, 6, 7):
        for case in load(number):
            for code in set(case["expect"]) & set(EDITED):
                yield pytest.param(case, code, id=f"{case['_id']}:{code}")


@pytest.mark.parametrize(("case", "code"), list(_fixture_cases()))
def test_every_fixture_is_fixed_by_its_edit(
    engine: Engine, case: dict[str, Any], code: str
) -> None:
    """Every draft of the fixtures that breaks R3, R6 or R7 with a fixable code: applying the
    edit in the case's language gives a draft without that code."""
    _fixed(engine, Draft.model_validate(case["draft"]), code, case["lang"])


def test_only_fixes_that_rewrite_carry_edits(engine: Engine) -> None:
    for number in (3, 6, 7):
        for case in load(number):
            report = engine.check(Draft.model_validate(case["draft"]), now=NOW)
            for f in report.findings:
                if f.code not in EDITED:
                    assert f.edit is None, (case["_id"], f.code)


@pytest.mark.parametrize(
    ("draft", "code", "expected"),
    [
        (
            Draft(
                text="Ik vind de #MediPlanner echt fantastisch",
                account=AccountInfo(handle="@an_peeters", kind="personal"),
            ),
            "R3.no-disclosure",
            "Ik vind de #MediPlanner echt fantastisch (Ik werk bij Zorgkompas.)",
        ),
        (
            Draft(
                text="Ik vind de #MediPlanner echt fantastisch",
                account=AccountInfo(handle="@an_peeters", kind="personal"),
            ),
            "R7.no-disclaimer",
            "Ik vind de #MediPlanner echt fantastisch "
            "(Persoonlijke mening, niet namens Zorgkompas.)",
        ),
    ],
)
def test_edits_follow_the_policy(
    second_engine: Engine, draft: Draft, code: str, expected: str
) -> None:
    assert _fixed(second_engine, draft, code, "nl") == expected


def test_r6_edit_with_the_second_policy(second_engine: Engine) -> None:
    draft = Draft(
        text="@patient Stuur me je klantnummer via DM, dan regel ik het",
        in_reply_to=ReplyContext(
            text="@Zorgkompas mijn afspraak is weer verzet?!", on_company_page=True
        ),
    )
    new = _fixed(second_engine, draft, "R6.handles-case", "nl")
    assert new.startswith("@patient Vervelend dat je hier last van hebt!")
    assert "zorgkompas.be/hulp" in new


# --- serialisation ----------------------------------------------------------------------------

PLAIN = Finding(
    rule=5,
    code="R5.internal",
    severity="warn",
    start=0,
    end=15,
    excerpt="Beste collega's",
    message=Localized("m", "m"),
    evidence=Evidence(words=("beste collega's",), source="lexicon"),
)


def test_a_finding_without_edit_serialises_as_before() -> None:
    d = PLAIN.to_dict()
    assert "edit" not in d
    assert list(d) == [
        "rule", "code", "severity", "start", "end", "excerpt", "message", "fix", "evidence"
    ]  # fmt: skip
    report = Report("warn", "sha256:x", (PLAIN,), weighted_length=15)
    assert json.dumps(report.to_dict(), ensure_ascii=False) == (
        '{"verdict": "warn", "policy_version": "sha256:x", "findings": [{"rule": 5, '
        '"code": "R5.internal", "severity": "warn", "start": 0, "end": 15, '
        '"excerpt": "Beste collega\'s", "message": {"nl": "m", "en": "m"}, "fix": null, '
        '"evidence": {"words": ["beste collega\'s"], "score": null, "source": "lexicon"}}], '
        '"weighted_length": 15}'
    )


def test_a_finding_with_edit_serialises_it_last_and_round_trips() -> None:
    edit = Edit(15, 15, Localized(" (nl)", " (en)"))
    f = dataclasses.replace(PLAIN, edit=edit)
    d = json.loads(json.dumps(f.to_dict()))
    assert list(d)[-1] == "edit"
    assert d["edit"] == {"start": 15, "end": 15, "text": {"nl": " (nl)", "en": " (en)"}}
    assert {k: v for k, v in d.items() if k != "edit"} == PLAIN.to_dict()
    text = "Beste collega's"
    for lang in ("nl", "en", "de"):
        assert apply_edit(text, d["edit"], lang) == apply_edit(text, edit, lang)
    assert apply_edit(text, d["edit"], "en") == "Beste collega's (en)"


def test_a_report_with_an_edit_round_trips(engine: Engine) -> None:
    text = "@klant123 Stuur me je ordernummer even via DM, dan regel ik het."
    report = engine.check(Draft(text=text, account=PERSONAL, in_reply_to=COMPLAINT), now=NOW)
    data = json.loads(json.dumps(report.to_dict()))
    for f, d in zip(report.findings, data["findings"], strict=True):
        assert ("edit" in d) == (f.edit is not None)
        if f.edit is not None:
            assert apply_edit(text, d["edit"], "nl") == apply_edit(text, f.edit, "nl")


# --- apply_edit -------------------------------------------------------------------------------


def test_apply_edit_inserts_replaces_and_picks_the_language() -> None:
    both = Localized("nl", "en")
    assert apply_edit("abc", Edit(3, 3, both), "nl") == "abcnl"
    assert apply_edit("abc", Edit(0, 0, both), "en") == "enabc"
    assert apply_edit("abc", Edit(1, 2, both), "en") == "aenc"
    assert apply_edit("abc", Edit(0, 3, both), "xx") == "nl"
    assert apply_edit("", Edit(0, 0, both), "nl") == "nl"
    assert apply_edit("😀x", Edit(1, 2, both), "nl") == "😀nl"  # str indices, not bytes


@pytest.mark.parametrize(
    "edit",
    [
        Edit(0, 4, Localized("x", "x")),
        Edit(4, 4, Localized("x", "x")),
        Edit(-1, 2, Localized("x", "x")),
        Edit(2, 1, Localized("x", "x")),
        {"start": 0, "end": 9, "text": {"nl": "x", "en": "x"}},
        {"start": "0", "end": 1, "text": {"nl": "x", "en": "x"}},
        {"start": True, "end": 1, "text": {"nl": "x", "en": "x"}},
        {"start": 0, "end": 1},
        {"start": 0, "end": 1, "text": {"en": "x"}},
        {"start": 0, "end": 1, "text": {"nl": 3, "en": "x"}},
        {"start": 0, "end": 1, "text": "x"},
    ],
)
def test_apply_edit_refuses_what_does_not_fit(edit: Edit | dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="edit"):
        apply_edit("abc", edit, "nl")


def test_append_separates_with_one_space() -> None:
    add = Localized("(nl)", "(en)")
    assert append("abc", add) == Edit(3, 3, Localized(" (nl)", " (en)"))
    assert append("abc ", add) == Edit(4, 4, add)
    assert append("abc\n", add) == Edit(4, 4, add)
    assert append("", add) == Edit(0, 0, add)


# --- the engine ---------------------------------------------------------------------------------


def _rule(*hits: Hit) -> Rule:
    def check(ctx: Context, _: object) -> list[Hit]:
        return list(hits)

    return Rule(4, "copyright", Localized("t", "t"), Localized("", ""), ("R4.x",), check, "")


EDIT = Edit(0, 0, Localized("x", "x"))


def test_a_finding_in_an_image_never_has_an_edit(policy: Policy) -> None:
    media = [MediaItem(path="a.png", inspection=MediaInspection(ocr="ok", ocr_text="Zeppelin"))]
    draft = Draft(text="Kijk eens", media=media)
    hits = (Hit("R4.x", "warn", 0, 8, Localized("m", "m"), edit=EDIT, media=0),)
    report = Engine(policy, rules=(_rule(*hits),), signals={}, reraise=True).check(draft, now=NOW)
    [f] = report.findings
    assert f.media == 0 and f.edit is None and "edit" not in f.to_dict()


def test_real_findings_in_images_have_no_edits(engine: Engine) -> None:
    ocr = "De nieuwe #TulpApp is top! Mijn wachtwoord: Zomer2026!xyz, project Zeppelin"
    media = [MediaItem(path="a.png", inspection=MediaInspection(ocr="ok", ocr_text=ocr))]
    draft = Draft(text="Kijk eens", account=PERSONAL, media=media)
    in_image = [f for f in engine.check(draft, now=NOW).findings if f.media is not None]
    assert in_image and all(f.edit is None for f in in_image)


def test_the_engine_passes_an_edit_on_and_refuses_one_outside_the_text(policy: Policy) -> None:
    ok = Hit("R4.x", "warn", 0, 4, Localized("m", "m"), edit=Edit(4, 4, Localized("!", "!")))
    [f] = Engine(policy, rules=(_rule(ok),), signals={}).check("Kijk", now=NOW).findings
    assert f.edit == ok.edit
    bad = Hit("R4.x", "warn", 0, 4, Localized("m", "m"), edit=Edit(3, 9, Localized("!", "!")))
    [f] = Engine(policy, rules=(_rule(bad),), signals={}).check("Kijk", now=NOW).findings
    assert f.edit is None
    with pytest.raises(ValueError, match="outside the text"):
        Engine(policy, rules=(_rule(bad),), signals={}, reraise=True).check("Kijk", now=NOW)


# --- stored reports ---------------------------------------------------------------------------


def test_stored_report_moves_the_edit_onto_the_redacted_text(engine: Engine) -> None:
    from tweetguard.service.routes_posts import _stored_report

    text = "@klant123 Mail je ordernummer naar piet.jansen@gmail.com, dan regel ik het."
    draft = Draft(
        text=text, account=AccountInfo(handle="@Tulpwerk", kind="company"), in_reply_to=COMPLAINT
    )
    report = engine.check(draft, now=NOW)
    stored, data = _stored_report(text, report)
    assert "piet.jansen" not in stored and len(stored) != len(text)
    [edited] = [d for d in data["findings"] if "edit" in d]
    assert edited["code"] == "R6.handles-case"
    assert (edited["edit"]["start"], edited["edit"]["end"]) == (len("@klant123 "), len(stored))
    assert apply_edit(stored, edited["edit"], "nl") == "@klant123 " + REFERRAL_NL
