"""The context of one check: the draft, the compiled policy, and everything derived from
them once (folded text, entities, term hits, detector matches, local time, model signals).

Rules read the context; nothing in it does I/O. Values are computed lazily, on first use,
and shared by every rule that asks.

Model scores plug in through *signal providers*: a mapping from a signal name (``"abuse"``,
``"tone"``, ``"irony"``, ``"customer_question"``, ``"internal"``) to a function
``(Context) -> Signal | None`` handed to the :class:`~tweetguard.engine.Engine`. A rule asks
``ctx.signal("abuse")`` and falls back to its lexicons when the answer is ``None``; adding a
model never touches the engine or the rule API.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from functools import cached_property

from tweetguard.detect import find_personal_data, find_secrets
from tweetguard.detect.language import LanguageGuess, detect_language
from tweetguard.detect.terms import TermHit
from tweetguard.draft import Draft
from tweetguard.policy.compiled import Policy
from tweetguard.redact import excerpt
from tweetguard.text.entities import Entity, extract_entities
from tweetguard.text.length import LengthInfo, weighted_length
from tweetguard.text.normalize import Folded, fold_with_offsets
from tweetguard.text.phrases import PhrasePattern
from tweetguard.types import Match

Spans = tuple[tuple[int, int], ...]


class Signal:
    """A model's judgement of the draft: a score in [0, 1], a label, and the words that
    tipped it with their spans (original offsets).

    ``explain`` computes words and spans on first use instead (most scores are never shown:
    working out a token's share costs more than the score itself)."""

    __slots__ = ("_explain", "_spans", "_words", "label", "name", "score")

    def __init__(
        self,
        name: str,
        score: float,
        label: str | None = None,
        words: tuple[str, ...] = (),
        spans: Spans = (),
        *,
        explain: Callable[[], tuple[tuple[str, ...], Spans]] | None = None,
    ) -> None:
        self.name = name
        self.score = score
        self.label = label
        self._words = words
        self._spans = spans
        self._explain = explain

    def _resolve(self) -> None:
        if self._explain is not None:
            self._words, self._spans = self._explain()
            self._explain = None

    @property
    def words(self) -> tuple[str, ...]:
        self._resolve()
        return self._words

    @property
    def spans(self) -> Spans:
        self._resolve()
        return self._spans

    def __repr__(self) -> str:
        return (
            f"Signal({self.name!r}, {self.score:.3f}, {self.label!r}, words={self.words!r}, "
            f"spans={self.spans!r})"
        )


SignalProvider = Callable[["Context"], "Signal | None"]
Pattern = re.Pattern[str] | PhrasePattern


class TextView:
    """A text (draft, bio or parent tweet) parsed once: folded form, entities, terms."""

    def __init__(self, text: str, policy: Policy) -> None:
        self.text = text
        self._policy = policy

    @cached_property
    def folded(self) -> Folded:
        return fold_with_offsets(self.text)

    @cached_property
    def entities(self) -> tuple[Entity, ...]:
        return extract_entities(self.text)

    @cached_property
    def terms(self) -> list[TermHit]:
        return self._policy.terms.find(self.folded, self.entities)

    def terms_of(self, *kinds: str) -> list[TermHit]:
        return [h for h in self.terms if h.term.kind in kinds]

    def mentions(self) -> list[Entity]:
        return [e for e in self.entities if e.kind == "mention"]

    def search(self, pattern: Pattern) -> list[tuple[int, int]]:
        """Spans (original offsets) of a pattern matched against the folded text."""
        return [self.folded.span(m.start(), m.end()) for m in pattern.finditer(self.folded.folded)]

    def has(self, pattern: Pattern) -> bool:
        return pattern.search(self.folded.folded) is not None


class Context:
    """Everything rules may look at for one draft."""

    def __init__(
        self,
        draft: Draft,
        policy: Policy,
        *,
        created_at: dt.datetime,
        signals: Mapping[str, SignalProvider] | None = None,
        time_known: bool = True,
    ) -> None:
        self.draft = draft
        self.policy = policy
        self.text = draft.text
        self.created_at = created_at
        # False for a post of an archive or feed that carries no time: ``created_at`` is then
        # only today's date, and the rules about the hour and the day (late hours, quiet
        # periods, working time) do not judge it (the platform check says so).
        self.time_known = time_known
        self._providers = signals or {}
        self._signals: dict[str, Signal | None] = {}
        self._media: dict[int, Context] = {}
        self.memo: dict[object, object] = {}  # what signal providers share within one check

    # --- the draft's own text -------------------------------------------------------
    @cached_property
    def view(self) -> TextView:
        return TextView(self.text, self.policy)

    @cached_property
    def length(self) -> LengthInfo:
        return weighted_length(self.text)

    @cached_property
    def secrets(self) -> list[Match]:
        return find_secrets(self.text)

    @cached_property
    def personal_data(self) -> list[Match]:
        return find_personal_data(
            self.text,
            public_emails=self.policy.public_emails,
            public_phones=self.policy.public_phones,
        )

    @cached_property
    def sensitive(self) -> list[Match]:
        """All secrets and personal data: what excerpts and messages must never show."""
        return sorted([*self.secrets, *self.personal_data], key=lambda m: m.start)

    def quote(self, start: int, end: int) -> str:
        """The words of a span as a message may quote them (redacted, shortened)."""
        return excerpt(self.text, start, end, self.sensitive)

    @cached_property
    def language(self) -> LanguageGuess:
        """The draft's language: as given in the draft (``lang``), else detected."""
        if self.draft.lang:
            return LanguageGuess(self.draft.lang.split("-")[0].lower(), 1.0, "given")
        return detect_language(self.text, self.view.folded.folded)

    @property
    def lang(self) -> str | None:
        """ISO 639-1 code of the draft's language, ``None`` when too short to tell."""
        return self.language.code

    # --- who posts, where, when -----------------------------------------------------
    @cached_property
    def account_kind(self) -> str:
        acc = self.draft.account
        return acc.kind or self.policy.kind_of(acc.handle)

    @property
    def is_personal(self) -> bool:
        return self.account_kind == "personal"

    @cached_property
    def bio(self) -> TextView | None:
        bio = self.draft.account.bio
        return TextView(bio, self.policy) if bio else None

    @cached_property
    def parent(self) -> TextView | None:
        reply = self.draft.in_reply_to
        return TextView(reply.text, self.policy) if reply else None

    @cached_property
    def local_time(self) -> dt.datetime:
        return self.created_at.astimezone(self.policy.timezone)

    # --- text recognised in attached images ------------------------------------------
    def media_context(self, index: int) -> Context:
        """A context for the text recognised in attached image ``index`` (same policy, author
        and time), so text checks run on it unchanged."""
        if index not in self._media:
            inspection = self.draft.media[index].inspection
            text = (inspection.ocr_text if inspection else None) or ""
            draft = self.draft.model_copy(update={"text": text, "media": [], "in_reply_to": None})
            self._media[index] = Context(
                draft,
                self.policy,
                created_at=self.created_at,
                signals=self._providers,
                time_known=self.time_known,
            )
        return self._media[index]

    # --- model signals ------------------------------------------------------------------
    def signal(self, name: str) -> Signal | None:
        """The named model signal, or ``None`` when no model provides it."""
        if name not in self._signals:
            provider = self._providers.get(name)
            self._signals[name] = provider(self) if provider else None
        return self._signals[name]
