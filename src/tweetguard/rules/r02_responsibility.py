"""Regel 2 — verantwoordelijkheid / Rule 2 — responsibility for what you write.

## Wat het controleert / What it checks
NL: signalen dat een tekst op schrift verkeerd kan vallen: schreeuwen (veel hoofdletters),
een rij uitroeptekens, sarcasme of ironie, schrijven in boosheid (negatieve woorden gericht
aan "je/jij/jullie/you") en posten midden in de nacht.
EN: signs that a text is easily misread in writing: shouting (capitals), runs of exclamation
marks, sarcasm or irony, writing in anger (negative words aimed at "you") and posting in the
middle of the night.

Taalmodellen / language models: the irony model finds sarcasm the phrase lists miss (and
leaves sincere "Geweldig hoor, gefeliciteerd!" alone); the sentiment model finds heat (a
very negative text aimed at someone) without a listed angry word. Both only remind (info),
naming the words that tipped the model and its score.

## Waarom (regel 2)
"Neem verantwoordelijkheid voor wat je schrijft. Het geschreven woord is moeilijker om te
interpreteren dan mondelinge interactie. Wees daarom voorzichtig en verstandig."

## Voorbeeld
    WAT EEN BELACHELIJKE VERTRAGING WEER!!! Jullie zijn echt geweldig hoor 🙄

## Beter zo
    Helaas weer vertraging vandaag. Hopelijk is het snel opgelost.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import regex

from tweetguard.context import Context
from tweetguard.report import Evidence
from tweetguard.rules._common import (
    SECOND_PERSON,
    SENTENCES,
    Hit,
    Rule,
    model_evidence,
    phrases,
    signal_spans,
)
from tweetguard.text.phrases import Matchlike
from tweetguard.types import Localized

SENTENCE = Localized(
    "Neem verantwoordelijkheid voor wat je schrijft.",
    "Take responsibility for what you write.",
)
TITLE = Localized("Verantwoordelijkheid", "Responsibility")

MIN_SHOUT_LETTERS = 12
# The sentiment model's probability of "negative" from which a text to someone is heated.
HEAT = 0.85
# The irony model alone needs this score and a text of at least IRONY_MIN_WORDS words: on
# "Even tussendoor." a model trained on a few hundred ironic tweets is guessing.
IRONY_MODEL = 0.7
IRONY_MIN_WORDS = 4
WORD = re.compile(r"\w+")
# Sadness, sympathy and apologies are negative but not heated ("Wat triest dat jullie opa is
# overleden, sterkte", "Sorry, I was so stupid to forget your birthday", "Wat vervelend, dat
# is echt balen!").
SOFTENERS = phrases(
    ["sterkte", "gecondoleerd", "condoleance", "condoleances", "beterschap", "veel kracht",
     "sorry", "excuses", "mijn excuses", "het spijt me", "spijt me", "rust zacht", "rip",
     "condolences", "my condolences", "sorry for your loss", "get well", "apologies",
     "i apologise", "i apologize", "rest in peace", "thinking of you", "wat vervelend",
     "vervelend dat", "vervelend om te horen", "balen dat", "jammer dat", "sorry to hear",
     "so sorry"]
)  # fmt: skip
SHOUT_SHARE = 0.7
EXCLAMATIONS = re.compile(r"[!?]*![!?]*!{1,}[!?]*!|!{3,}")
# Irony markers that are ironic on their own.
IRONY = phrases(
    ["goh wat verrassend", "dank je de koekoek", "yeah right", "how surprising", "sure, jan",
     "#not", "#sarcasme", "#ironie", "#sarcasm", "/s"]
)  # fmt: skip
# Phrases that are just as often sincere ("Ja hoor, ik kom!", "Geweldig hoor, gefeliciteerd!",
# "Thanks a lot to everyone"): ironic only in a tweet that also complains about something.
IRONY_MAYBE = phrases(
    ["ja hoor", "nou lekker", "lekker dan", "echt top hoor", "geweldig hoor", "super hoor",
     "wat een verrassing", "nou nou", "oh great", "oh wonderful", "thanks a lot",
     "what a surprise", "perfect hoor", "fantastisch hoor", "just great", "oh joy"]
)  # fmt: skip
IRONY_EMOJI = ("🙄", "🙃", "😒", "😏")
ANGRY = phrases(
    ["belachelijk", "belachelijke", "schandalig", "schandalige", "waardeloos", "waardeloze",
     "onzin", "lachwekkend", "lachwekkende", "walgelijk", "walgelijke", "incompetent",
     "incompetente", "absurd", "absurde", "bespottelijk", "bespottelijke", "schande", "dom",
     "domme", "achterlijk", "achterlijke", "onbeschoft", "onbeschofte", "triest van",
     "zielig van", "schamen", "schaam je", "schaam jij", "ridiculous", "pathetic", "disgrace",
     "disgraceful", "useless", "nonsense", "shameful", "clueless", "unacceptable", "stupid",
     "laughable", "disgusting", "rubbish", "shame on you"]
)  # fmt: skip
# What makes an ambiguous irony phrase ironic: something went wrong, or an angry word.
COMPLAINT = phrases(
    ["alweer", "weer een", "weer eens", "weer niet", "weer geen", "weer te laat", "opnieuw",
     "storing", "storingen", "vertraging", "vertraagd", "kapot", "te laat", "uitgevallen",
     "geannuleerd", "file", "nog steeds", "in de wacht", "again", "another", "delay",
     "delayed", "broken", "outage", "down again", "cancelled", "canceled", "stuck",
     "still waiting", "on hold", "late again"]
)  # fmt: skip
COMPLAINT_EMOJI = ("😤", "😡", "🤬", "😠")
# "belachelijk mooi", "absurd goede podcast": an intensifier before praise, not anger.
PRAISE_AFTER = phrases(
    ["goed", "mooi", "lekker", "leuk", "knap", "snel", "goedkoop", "grappig", "handig",
     "sterk", "good", "beautiful", "fast", "cheap", "cute", "funny", "tasty", "delicious",
     "nice", "great"],
    prefix=True,
)  # fmt: skip
# "ik was zo dom", "I was so stupid": reproaching yourself, not the reader.
SELF_BLAME = re.compile(
    r"(?<!\w)(?:ik\s+(?:was|ben|voel\s+me)|i\s+(?:was|am|feel)|i'm|im)\s+"
    r"(?:(?:zo|echt|zó|so|really|such)\s+)?(?:an?\s+|een\s+)?$"
)
LETTER = regex.compile(r"\p{L}")
UPPER = regex.compile(r"\p{Lu}")


def check(ctx: Context, _: object) -> Iterator[Hit]:
    yield from _shouting(ctx)
    for m in EXCLAMATIONS.finditer(ctx.text):
        yield Hit(
            "R2.exclamations",
            "info",
            m.start(),
            m.end(),
            Localized(
                "Regel 2: een rij uitroeptekens leest op schrift als schreeuwen.",
                "Rule 2: a run of exclamation marks reads as shouting in writing.",
            ),
            Localized("Eén uitroepteken is genoeg.", "One exclamation mark is enough."),
        )
        break
    yield from _irony(ctx)
    yield from _anger(ctx)
    yield from _late(ctx)


def _shouting(ctx: Context) -> Iterator[Hit]:
    # Shouting needs at least MIN_SHOUT_LETTERS * SHOUT_SHARE capitals outside mentions,
    # hashtags and links ("@USER @USER" is no shouting): most texts stop here.
    text = ctx.text
    skipped = [e for e in ctx.view.entities if e.kind in ("mention", "hashtag", "url")]
    capitals = len(UPPER.findall(text)) - sum(len(UPPER.findall(e.text)) for e in skipped)
    if capitals < MIN_SHOUT_LETTERS * SHOUT_SHARE:
        return
    # Blank what does not count once, then count per span.
    chars = list(text)
    for e in skipped:
        chars[e.start : e.end] = " " * (e.end - e.start)
    masked = "".join(chars)
    upper_at = [m.start() for m in UPPER.finditer(masked)]

    def shouted(start: int, end: int) -> bool:
        if bisect.bisect_left(upper_at, end) - bisect.bisect_left(upper_at, start) < (
            MIN_SHOUT_LETTERS * SHOUT_SHARE
        ):
            return False
        part = masked[start:end]
        letters = len(LETTER.findall(part))
        return letters >= MIN_SHOUT_LETTERS and len(UPPER.findall(part)) / letters >= SHOUT_SHARE

    # The whole text, or one sentence of it ("WAT EEN VERTRAGING WEER!!! Jullie ...").
    spans = [(0, len(text))] + [m.span() for m in SENTENCES.finditer(text)]
    span = next((sp for sp in spans if shouted(*sp)), None)
    if span is not None:
        start, end = span[0], len(ctx.text[: span[1]].rstrip())
        words = ctx.quote(start, end)
        yield Hit(
            "R2.shouting",
            "info",
            start,
            end,
            Localized(
                f"Regel 2: \u201c{words}\u201d staat in hoofdletters; dat leest als schreeuwen.",
                f"Rule 2: \u201c{words}\u201d is in capitals; that reads as shouting.",
            ),
            Localized(
                "Schrijf in gewone zinnen met kleine letters.",
                "Write in ordinary sentences in lower case.",
            ),
        )


def _irony(ctx: Context) -> Iterator[Hit]:
    sig = ctx.signal("irony")
    spans = ctx.view.search(IRONY)
    spans += [(i, i + len(e)) for e in IRONY_EMOJI if (i := ctx.text.find(e)) >= 0]
    maybe = ctx.view.search(IRONY_MAYBE)
    if maybe and _complains(ctx):
        spans += maybe
    evidence: Evidence | None = None
    if spans:
        evidence = Evidence(
            words=(ctx.quote(*min(spans)),),
            score=round(sig.score, 3) if sig is not None else None,
            source="lexicon" if sig is None else "lexicon+model:irony",
        )
    elif (
        sig is not None
        and sig.score >= IRONY_MODEL
        and len(WORD.findall(ctx.text)) >= IRONY_MIN_WORDS
    ):
        spans = signal_spans(ctx, sig)
        evidence = model_evidence(sig, words=tuple(ctx.quote(s, e) for s, e in sig.spans))
    if not spans:
        return
    start, end = min(spans)
    words = ctx.quote(start, end)
    yield Hit(
        "R2.irony",
        "info",
        start,
        end,
        Localized(
            f"Regel 2: \u201c{words}\u201d klinkt ironisch; ironie wordt op schrift makkelijk "
            "verkeerd begrepen.",
            f"Rule 2: \u201c{words}\u201d sounds ironic; irony is easily misread in writing.",
        ),
        Localized("Zeg letterlijk wat je bedoelt.", "Say literally what you mean."),
        evidence,
    )


def _complains(ctx: Context) -> bool:
    view = ctx.view
    return view.has(COMPLAINT) or view.has(ANGRY) or any(e in ctx.text for e in COMPLAINT_EMOJI)


def _is_anger(part: str, neg: Matchlike) -> bool:
    """An angry word in a sentence aimed at the reader, not praise or self-reproach."""
    if not (SECOND_PERSON.search(part) or "@" in part):
        return False
    rest = part[neg.end() :]
    if rest[:1].isspace() and PRAISE_AFTER.match(rest.lstrip()):
        return False
    return not SELF_BLAME.search(part, 0, neg.start())


def _anger(ctx: Context) -> Iterator[Hit]:
    folded = ctx.view.folded.folded
    if not ANGRY.search(folded):
        yield from _heat(ctx)
        return
    for sent in SENTENCES.finditer(folded):
        part = sent.group()
        neg = next((m for m in ANGRY.finditer(part) if _is_anger(part, m)), None)
        if neg:
            start, end = ctx.view.folded.span(sent.start() + neg.start(), sent.start() + neg.end())
            words = ctx.quote(start, end)
            yield Hit(
                "R2.anger",
                "warn",
                start,
                end,
                Localized(
                    f"Regel 2: \u201c{words}\u201d, gericht aan de lezer, klinkt boos. Het "
                    "geschreven woord is moeilijker te interpreteren dan een gesprek.",
                    f"Rule 2: \u201c{words}\u201d, aimed at the reader, sounds angry. Written "
                    "words are harder to interpret than a conversation.",
                ),
                Localized(
                    "Laat de tekst even liggen en beschrijf wat er gebeurde, niet wat je van "
                    "de ander vindt.",
                    "Let it rest for a moment and describe what happened, not what you think "
                    "of the other person.",
                ),
            )
            return
    yield from _heat(ctx)


def _heat(ctx: Context) -> Iterator[Hit]:
    """No angry word of the list, but the sentiment model reads the text as heated (very
    negative) and it speaks to someone: a reminder, not a warning."""
    sig = ctx.signal("heat")
    if sig is None or sig.score < HEAT:
        return
    if not (ctx.view.has(SECOND_PERSON) or ctx.view.mentions()) or ctx.view.has(SOFTENERS):
        return
    start, end = signal_spans(ctx, sig)[0]
    words = tuple(ctx.quote(s, e) for s, e in sig.spans)
    yield Hit(
        "R2.heat",
        "info",
        start,
        end,
        Localized(
            f"Regel 2: deze tekst aan een ander klinkt erg negatief (taalmodel, score "
            f"{sig.score:.2f}). Op schrift komt dat harder aan dan je bedoelt.",
            f"Rule 2: this text to someone sounds very negative (language model, score "
            f"{sig.score:.2f}). In writing that lands harder than you mean.",
        ),
        Localized(
            "Laat de tekst even liggen en lees hem dan nog eens.",
            "Let the text rest for a moment, then read it again.",
        ),
        model_evidence(sig, words=words),
    )


def _late(ctx: Context) -> Iterator[Hit]:
    if not ctx.time_known:
        return  # P.time-unknown says so
    start, end = ctx.policy.config.work.span("late_hours")
    t = ctx.local_time.time()
    late = (start <= t or t < end) if start > end else (start <= t < end)
    if late:
        yield Hit(
            "R2.late-night",
            "info",
            0,
            len(ctx.text),
            Localized(
                f"Regel 2: je post om {t:%H:%M}. Lees het morgen nog eens voordat je het plaatst.",
                f"Rule 2: you are posting at {t:%H:%M}. Read it again tomorrow before posting.",
            ),
            Localized("Plan de post voor de ochtend.", "Schedule the post for the morning."),
        )


RULE = Rule(
    number=2,
    slug="responsibility",
    title=TITLE,
    sentence=SENTENCE,
    codes=(
        "R2.shouting",
        "R2.exclamations",
        "R2.irony",
        "R2.anger",
        "R2.heat",
        "R2.late-night",
    ),
    check=check,
    doc=__doc__ or "",
)
