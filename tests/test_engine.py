"""The engine: pure, total on any Unicode, spans inside the text, nothing leaks in clear."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NOW
from tweetguard import check, load_policy
from tweetguard.context import Context, Signal
from tweetguard.draft import AccountInfo, Draft, MediaItem, ReplyContext
from tweetguard.engine import Engine
from tweetguard.rules import RULES
from tweetguard.rules._common import Hit, Rule
from tweetguard.types import Localized

WORDS = st.sampled_from(
    [
        "Tulpwerk",
        "#TulpApp",
        "@Tulpwerk",
        "Zeppelin",
        "wachtwoord:",
        "geheim",
        "111222333",
        "NL91ABNA0417164300",
        "06-12345678",
        "je",
        "idioot",
        "!!!",
        "namens",
        "😀",
        "👩🏽‍💻",
        "https://intranet.tulpwerk.nl/x",
        "ordernummer",
        "beste collega's",
        "é",
        "\u0301",
        "\n",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=40).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=TEXTS, bio=st.one_of(st.none(), st.text(max_size=80)), parent=st.one_of(st.none(), TEXTS)
)
def test_never_raises_and_spans_inside(
    engine: Engine, text: str, bio: str | None, parent: str | None
) -> None:
    draft = Draft(
        text=text,
        account=AccountInfo(handle="@jan", bio=bio),
        in_reply_to=ReplyContext(text=parent, on_company_page=True) if parent is not None else None,
        media=[MediaItem(path="x.jpg")] if len(text) % 3 == 0 else [],
        history=[NOW - dt.timedelta(minutes=m) for m in range(0, 60 * 4, 20)],
    )
    report = engine.check(draft, now=NOW)
    assert report.verdict in ("ok", "warn", "block")
    ctx = engine.context(draft, now=NOW)
    # A sensitive match that occurs once in the text must not show up anywhere in a finding
    # (messages are compared without the policy's own words, which they name by design).
    secrets = [m.text for m in ctx.sensitive if text.count(m.text) == 1]
    cfg = engine.policy.config
    own_words = [cfg.company.name, *(c.name for c in cfg.confidential.codenames)]
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        for s in secrets:
            assert s not in f.excerpt, (f.code, f.excerpt)
            for msg in (f.message.nl, f.message.en):
                for word in own_words:
                    msg = msg.replace(word, "")
                assert s not in msg, (f.code, msg)


def test_verdict_is_most_severe(engine: Engine) -> None:
    assert engine.check(Draft(text="Mooie dag vandaag."), now=NOW).verdict == "ok"
    r = engine.check(Draft(text="Mijn wachtwoord: Zomer2026!xyz, niet doorvertellen"), now=NOW)
    assert r.verdict == "block"


def test_info_only_is_ok(engine: Engine) -> None:
    late = dt.datetime(2026, 11, 24, 2, 30, tzinfo=dt.UTC)
    r = engine.check(Draft(text="Kan niet slapen, dus maar een boek gelezen."), now=late)
    assert [f.severity for f in r.findings] == ["info"] and r.verdict == "ok"


def test_check_function_with_default_policy() -> None:
    r = check("Beste collega's, het teamoverleg is morgen om 14:00.", now=NOW)
    assert r.verdict == "warn" and [f.rule for f in r.findings] == [5]


def test_rule_error_is_reported_and_others_still_run() -> None:
    def broken(ctx: Context, _: object) -> list[Hit]:
        raise RuntimeError("boom")

    bad = Rule(4, "copyright", Localized("x", "x"), Localized("", ""), ("R4.x",), broken, "")
    engine = Engine(load_policy(), rules=(bad, *[r for r in RULES if r.number != 4]))
    r = engine.check(Draft(text="Beste collega's, morgen teamoverleg."), now=NOW)
    codes = [f.code for f in r.findings]
    assert "R4.error" in codes and "R5.internal" in codes
    with pytest.raises(RuntimeError):
        Engine(load_policy(), rules=(bad,), reraise=True).check("x")


def test_model_signal_plugs_in_without_engine_change(policy) -> None:  # type: ignore[no-untyped-def]
    text = "Dat bedrijf van jullie is echt een grap."

    def provider(score: float, label: str | None):  # type: ignore[no-untyped-def]
        def abuse(ctx: Context) -> Signal:
            i = ctx.text.index("grap")
            return Signal("abuse", score, label, words=("grap",), spans=((i, i + 4),))

        return abuse

    plain = Engine(policy, signals={}, reraise=True).check(Draft(text=text), now=NOW)
    assert not [f for f in plain.findings if f.rule == 8]
    sure = Engine(policy, signals={"abuse": provider(0.97, "aimed")}, reraise=True)
    f = next(f for f in sure.check(Draft(text=text), now=NOW).findings if f.rule == 8)
    assert (f.code, f.severity, f.excerpt) == ("R8.abuse-aimed", "block", "grap")
    assert f.evidence is not None and f.evidence.source == "model:abuse"
    assert f.evidence.score == 0.97 and f.evidence.words == ("grap",)
    doubtful = Engine(policy, signals={"abuse": provider(0.85, "untargeted")}, reraise=True)
    f = next(f for f in doubtful.check(Draft(text=text), now=NOW).findings if f.rule == 8)
    assert (f.code, f.severity) == ("R8.disrespect", "warn")
    below = Engine(policy, signals={"abuse": provider(0.6, "aimed")}, reraise=True)
    assert not [f for f in below.check(Draft(text=text), now=NOW).findings if f.rule == 8]


def test_findings_carry_title_and_both_languages(engine: Engine) -> None:
    r = engine.check(Draft(text="Beste collega's, morgen om 9:00 teamoverleg."), now=NOW)
    d = r.to_dict()["findings"][0]
    assert d["title"] == {"nl": "Interne communicatie", "en": "Internal communication"}
    assert d["message"]["nl"].startswith("Regel 5") and d["message"]["en"].startswith("Rule 5")
    assert "beste collega's" in d["message"]["nl"].lower()


def test_account_kind_from_policy(engine: Engine) -> None:
    text = "De nieuwe #TulpApp is er! Download hem nu."
    personal = engine.check(Draft(text=text, account=AccountInfo(handle="@jan")), now=NOW)
    company = engine.check(Draft(text=text, account=AccountInfo(handle="@tulpwerk")), now=NOW)
    assert "R3.no-disclosure" in {f.code for f in personal.findings}
    assert "R3.no-disclosure" not in {f.code for f in company.findings}


def test_naive_created_at_is_policy_local_time(engine: Engine) -> None:
    d = Draft(text="Nog even dit afmaken.", created_at=dt.datetime(2026, 11, 24, 23, 30))
    assert [f.code for f in engine.check(d).findings] == ["R2.late-night"]


def test_doubtful_personal_data_warns_sure_data_blocks(engine: Engine) -> None:
    role = engine.check(Draft(text="Mail gerust naar info@dakdekkerjansen.nl"), now=NOW)
    person = engine.check(Draft(text="Mail gerust naar piet.jansen@gmail.com"), now=NOW)
    assert [(f.code, f.severity) for f in role.findings] == [("R1.personal-data", "warn")]
    assert [(f.code, f.severity) for f in person.findings] == [("R1.personal-data", "block")]
