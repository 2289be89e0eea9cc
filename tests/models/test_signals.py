"""The models as signal providers: language gating, the parent tweet, shared analysis."""

from __future__ import annotations

import pytest

from conftest import NOW
from tweetguard.draft import Draft
from tweetguard.engine import Engine
from tweetguard.models.signals import DRAFT_SIGNALS, signal_providers
from tweetguard.policy import Policy


@pytest.fixture(scope="module")
def engine(policy: Policy) -> Engine:
    return Engine(policy, reraise=True)


def ctx_of(engine: Engine, text: str, parent: str | None = None, lang: str | None = None):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {"text": text}
    if parent is not None:
        data["in_reply_to"] = {"text": parent}
    if lang is not None:
        data["lang"] = lang
    return engine.context(Draft.model_validate(data), now=NOW)


def test_the_default_engine_has_every_signal(engine: Engine) -> None:
    assert set(engine.signals) == {*DRAFT_SIGNALS, "customer_question"}


def test_lexicon_only_engine(policy: Policy) -> None:
    plain = Engine(policy, signals={})
    ctx = plain.context(Draft(text="Jullie zijn prutsers"), now=NOW)
    assert ctx.signal("abuse") is None


def test_draft_signals_for_dutch_and_english(engine: Engine) -> None:
    for text in ("Wat een stelletje oplichters zijn jullie", "You are all a bunch of crooks"):
        ctx = ctx_of(engine, text)
        for name in DRAFT_SIGNALS:
            sig = ctx.signal(name)
            assert sig is not None and 0.0 <= sig.score <= 1.0 and sig.name == name


def test_other_languages_get_no_model_signals(engine: Engine) -> None:
    ctx = ctx_of(engine, "Die Bahn ist heute wieder viel zu spät, das ist doch nicht normal")
    assert ctx.lang == "de"
    assert all(ctx.signal(name) is None for name in DRAFT_SIGNALS)


def test_given_language_wins(engine: Engine) -> None:
    ctx = ctx_of(
        engine, "Die Bahn ist heute wieder viel zu spät, das ist doch nicht normal", lang="nl"
    )
    assert ctx.lang == "nl"
    assert ctx.signal("abuse") is not None


def test_abuse_signal_names_words_and_target_label(engine: Engine) -> None:
    ctx = ctx_of(engine, "@Jan jij bent echt een waardeloze oplichter en een prutser")
    sig = ctx.signal("abuse")
    assert sig is not None and sig.score >= 0.5
    assert sig.label == "aimed"
    assert sig.words and len(sig.words) == len(sig.spans)
    for word, (s, e) in zip(sig.words, sig.spans, strict=True):
        assert ctx.text[s:e] == word  # original offsets, original spelling


def test_spans_are_in_the_original_text_with_diacritics(engine: Engine) -> None:
    text = "Café De Zwaan: wat een stelletje oplichters, échte prutsers"
    ctx = ctx_of(engine, text)
    sig = ctx.signal("abuse")
    assert sig is not None
    for word, (s, e) in zip(sig.words, sig.spans, strict=True):
        assert text[s:e] == word


def test_customer_question_reads_the_parent(engine: Engine) -> None:
    ctx = ctx_of(
        engine, "Dank voor je bericht!", parent="@Tulpwerk mijn factuur klopt niet, wie helpt me?"
    )
    sig = ctx.signal("customer_question")
    assert sig is not None and sig.score >= 0.5
    assert ctx_of(engine, "Dank voor je bericht!").signal("customer_question") is None


def test_one_analysis_serves_every_draft_signal(engine: Engine) -> None:
    ctx = ctx_of(engine, "Beste collega's, morgen geen overleg")
    for name in DRAFT_SIGNALS:
        ctx.signal(name)
    assert [k for k in ctx.memo if str(k).startswith("models:")] == ["models:draft"]


def test_providers_accept_other_models() -> None:
    from tweetguard.models.runtime import load_models

    providers = signal_providers(load_models())
    assert set(providers) == {*DRAFT_SIGNALS, "customer_question"}
