"""The models as signal providers for the engine (``ctx.signal(name)`` in the rules).

| signal | text scored | model(s) | used by |
|---|---|---|---|
| ``abuse`` | draft | abuse; label ``aimed``/``untargeted`` from the aimed model | rule 8 |
| ``tone`` | draft | tone (negative, defensive or dismissive reply) | rule 9 |
| ``irony`` | draft | irony / sarcasm | rule 2 |
| ``heat`` | draft | sentiment, probability of ``negative`` | rule 2 |
| ``internal`` | draft | internal communication | rule 5 |
| ``customer_question`` | parent tweet | customer question or complaint | rule 6 |

Every model is scored in one pass over the text (:class:`~tweetguard.models.runtime.Analysis`),
shared by the signals through ``ctx.memo``. The models know Dutch and English only: for a
draft in another language the draft signals are ``None`` and the rules fall back to their
word lists (the platform check ``P.language`` says so). A signal's ``score`` is calibrated so
that 0.5 is the model's own decision threshold; ``words`` and ``spans`` (original offsets)
name the tokens that pushed the score up most, only when the score reaches 0.5, and are
worked out when a rule first reads them.
"""

from __future__ import annotations

from collections.abc import Callable

from tweetguard.context import Context, Signal, SignalProvider, TextView
from tweetguard.models.runtime import Analysis, Models, load_models

MODEL_LANGUAGES = ("nl", "en")
DRAFT_SIGNALS = ("abuse", "tone", "irony", "heat", "internal")


def _analysis(ctx: Context, view: TextView, key: str, models: Models) -> Analysis:
    got = ctx.memo.get(key)
    if got is None:
        got = models.analyse(view.folded.folded)
        ctx.memo[key] = got
    assert isinstance(got, Analysis)
    return got


def _explainer(
    an: Analysis, view: TextView, model: str, label: str | None
) -> Callable[[], tuple[tuple[str, ...], tuple[tuple[int, int], ...]]]:
    """Works out, when first asked, the words that tipped a model (original offsets)."""

    def explain() -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
        ex = an.explain(model, label)
        spans = tuple(view.folded.span(s, e) for s, e in ex.spans)
        return tuple(view.text[s:e] for s, e in spans), spans

    return explain


def _signal(
    an: Analysis, view: TextView, model: str, name: str, label: str | None = None
) -> Signal:
    score = an.probability(model, label)
    if score < 0.5:
        return Signal(name, score, label)
    shown = label or an.models.specs[model].labels[1]
    return Signal(name, score, shown, explain=_explainer(an, view, model, label))


def _draft(ctx: Context, models: Models) -> Analysis | None:
    if ctx.lang not in (None, *MODEL_LANGUAGES):
        return None
    return _analysis(ctx, ctx.view, "models:draft", models)


def signal_providers(models: Models | None = None) -> dict[str, SignalProvider]:
    """Providers for every signal, backed by ``models`` (default: the shipped models)."""
    m = models or load_models()

    def abuse(ctx: Context) -> Signal | None:
        an = _draft(ctx, m)
        if an is None:
            return None
        score = an.probability("abuse")
        label = "aimed" if an.probability("aimed") >= 0.5 else "untargeted"
        if score < 0.5:
            return Signal("abuse", score, label)
        return Signal("abuse", score, label, explain=_explainer(an, ctx.view, "abuse", None))

    def simple(
        model: str, name: str, label: str | None = None
    ) -> Callable[[Context], Signal | None]:
        def provide(ctx: Context) -> Signal | None:
            an = _draft(ctx, m)
            return None if an is None else _signal(an, ctx.view, model, name, label)

        return provide

    def customer_question(ctx: Context) -> Signal | None:
        parent = ctx.parent
        if parent is None:
            return None
        an = _analysis(ctx, parent, "models:parent", m)
        return _signal(an, parent, "customer_question", "customer_question")

    return {
        "abuse": abuse,
        "tone": simple("tone", "tone"),
        "irony": simple("irony", "irony"),
        "heat": simple("sentiment", "heat", "negative"),
        "internal": simple("internal", "internal"),
        "customer_question": customer_question,
    }
