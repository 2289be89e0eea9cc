"""The shipped models at run time: scores, calibration, explanations that add up."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tweetguard.models.runtime import Models, load_models
from tweetguard.text.normalize import fold_with_offsets


@pytest.fixture(scope="module")
def models() -> Models:
    return load_models()


def analyse(models: Models, text: str):  # type: ignore[no-untyped-def]
    return models.analyse(fold_with_offsets(text).folded)


def test_load_models_is_shared(models: Models) -> None:
    assert load_models() is models


@pytest.mark.parametrize(
    "text",
    ["", "👍", "Goedemorgen allemaal!", "The quick brown fox", "a" * 2000, "@user https://t.co/x"],
)
def test_probabilities_are_probabilities(models: Models, text: str) -> None:
    an = analyse(models, text)
    for name, spec in models.specs.items():
        if spec.kind == "binary":
            p = an.probability(name)
            assert 0.0 <= p <= 1.0
        else:
            ps = [an.probability(name, label) for label in spec.labels]
            assert math.isclose(sum(ps), 1.0, rel_tol=1e-6)
            assert an.label(name) == spec.labels[int(np.argmax(ps))]


def test_contributions_add_up_to_the_logit(models: Models) -> None:
    """A finding names the words that tipped a model: their shares must be exact."""
    text = "Wat een stelletje prutsers bij die helpdesk, echt waardeloos!!"
    an = analyse(models, text)
    for column in range(models.n_outputs):
        total = sum(an.contributions(column))
        assert math.isclose(
            total + float(models.intercepts[column]), float(an.logits[column]), abs_tol=1e-3
        )


def test_calibration_puts_the_threshold_at_one_half(models: Models) -> None:
    an = analyse(models, "zomaar een tekst")
    spec = models.specs["abuse"]
    raw = 1 / (1 + math.exp(-float(an.logits[spec.columns[0]])))
    calibrated = an.probability("abuse")
    assert (raw >= spec.threshold) == (calibrated >= 0.5)


@pytest.mark.parametrize(
    ("model", "text"),
    [
        ("abuse", "Jullie zijn echt een stelletje kankerlijers, oplichters zijn het"),
        ("abuse", "@USER you are a fucking idiot and a liar"),
        ("internal", "Beste collega's, het teamoverleg is verplaatst naar 14:00 in zaal 3"),
        ("customer_question", "@Groenstroom mijn factuur is ineens 80 euro hoger, klopt dat?"),
        ("tone", "Lees eerst de handleiding voordat je gaat klagen."),
    ],
)
def test_clear_cases_score_high(models: Models, model: str, text: str) -> None:
    assert analyse(models, text).probability(model) >= 0.5


@pytest.mark.parametrize(
    ("model", "text"),
    [
        ("abuse", "Mooie dag gehad met de kinderen in het park"),
        ("abuse", "Congratulations to the whole team on the launch!"),
        ("internal", "Prachtig weer vandaag, lekker fietsen langs de Vecht"),
        ("customer_question", "Wat een mooie wedstrijd gisteren, gefeliciteerd Ajax"),
        ("irony", "Fijn weekend allemaal, geniet ervan!"),
    ],
)
def test_everyday_cases_score_low(models: Models, model: str, text: str) -> None:
    assert analyse(models, text).probability(model) < 0.5


def test_explanation_names_words_of_the_text(models: Models) -> None:
    text = "@Stroomkracht wat een stelletje oplichters en prutsers zijn jullie"
    folded = fold_with_offsets(text).folded
    ex = models.analyse(folded).explain("abuse")
    assert ex.score >= 0.5
    assert ex.words, "an abusive text must name the words that tipped the model"
    for word, (s, e) in zip(ex.words, ex.spans, strict=True):
        assert folded[s:e] == word
    assert {"oplichters", "prutsers"} & set(ex.words)
    assert "@stroomkracht" not in ex.words  # mentions are never named as the reason


def test_multiclass_explanation(models: Models) -> None:
    ex = analyse(models, "What a horrible, terrible, awful day. I hate this.").explain(
        "sentiment", "negative"
    )
    assert ex.label == "negative"
    assert ex.score > 0.5
    assert set(ex.words) & {"horrible", "terrible", "awful", "hate"}


def test_token_cache_is_bounded_and_scores_stay_right(
    models: Models, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tweetguard.models.runtime as rt

    monkeypatch.setattr(rt, "TOKEN_CACHE_MAX", 10)
    small = Models()
    texts = [f"woord{i}x en nog een woordje {i}" for i in range(50)]
    texts += ["Wat een stelletje prutsers bij die helpdesk, echt waardeloos!!"]
    for text in texts:
        assert np.allclose(analyse(small, text).logits, analyse(models, text).logits, atol=1e-4)
        assert len(small._keys) <= 10 and len(small._tokens) <= 10
