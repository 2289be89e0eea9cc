"""Regel 10 — productief blijven / Rule 10 — stay productive.

## Wat het controleert / What it checks
NL: hoe vaak je tijdens werktijd post, op basis van je eigen geschiedenis (``history``: de
tijdstippen van je eerdere posts; latere posts tellen niet mee) plus deze draft. Boven het
dagbudget van het beleid (``[work] posts_per_day``, binnen ``hours`` op ``days``) volgt een
herinnering. Alleen voor jezelf: het is nooit een meetlat voor anderen. Accounts van het
bedrijf en de klantenservice vallen erbuiten (daar is posten het werk).
EN: how often you post during working hours, from your own history (timestamps of your
earlier posts) plus this draft; above the policy's daily budget you get a reminder. For you
only, never as surveillance. Company and customer-service accounts are exempt.

## Waarom (regel 10)
"Onthoud dat je productief moet blijven. Af en toe gebruik van Twitter tijdens werk is
toegestaan, met name als dat gebruik voordelen oplevert voor het bedrijf."

## Voorbeeld
    (de zevende post vandaag tussen 09:00 en 17:30)

## Beter zo
    (bewaar de post voor na werktijd of plan hem in)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tweetguard.context import Context
from tweetguard.policy.model import Work
from tweetguard.rules._common import Hit, Rule
from tweetguard.types import Localized

SENTENCE = Localized(
    "Onthoud dat je productief moet blijven.",
    "Remember that you need to stay productive.",
)
TITLE = Localized("Productief blijven", "Stay productive")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class WorkdayActivity:
    """Posts during working hours on one local working day."""

    day: dt.date
    posts_in_hours: int
    budget: int

    @property
    def over_budget(self) -> bool:
        return self.posts_in_hours > self.budget


def _aware(moment: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """A timestamp without a timezone is read in the policy's timezone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def in_working_hours(moment: dt.datetime, work: Work, tz: dt.tzinfo) -> bool:
    local = moment.astimezone(tz) if moment.tzinfo else moment.replace(tzinfo=tz)
    if DAYS[local.weekday()] not in work.days:
        return False
    start, end = work.span("hours")
    return start <= local.time() < end


def activity_on(
    day: dt.date, moments: Iterable[dt.datetime], work: Work, tz: dt.tzinfo
) -> WorkdayActivity:
    """Count the posts in working hours on a local day (pure: for the rule and for reports)."""
    n = 0
    for m in moments:
        local = m.astimezone(tz) if m.tzinfo else m.replace(tzinfo=tz)
        if local.date() == day and in_working_hours(local, work, tz):
            n += 1
    return WorkdayActivity(day, n, work.posts_per_day)


def check(ctx: Context, _: object) -> Iterator[Hit]:
    if not ctx.is_personal or not ctx.time_known:
        return  # without a time, P.time-unknown says so
    work = ctx.policy.config.work
    tz = ctx.policy.timezone
    if not in_working_hours(ctx.created_at, work, tz):
        return
    # Without a history only this post counts (over a budget of 0 it is already too many).
    # Only posts before this one count ("this is your 6th post today"): a history taken from
    # an archive can also hold the same day's later posts, or this very post.
    earlier = [m for m in ctx.draft.history if _aware(m, tz) < ctx.created_at]
    act = activity_on(ctx.local_time.date(), [*earlier, ctx.created_at], work, tz)
    if not act.over_budget:
        return
    yield Hit(
        "R10.busy-day",
        "info",
        0,
        len(ctx.text),
        Localized(
            f"Regel 10: dit is vandaag je {act.posts_in_hours}e post tijdens werktijd "
            f"({work.hours}); het beleid noemt {act.budget} per dag als richtlijn. Alleen jij "
            "ziet dit.",
            f"Rule 10: this is your post number {act.posts_in_hours} during working hours "
            f"({work.hours}) today; the policy's guideline is {act.budget} a day. Only you see "
            "this.",
        ),
        Localized(
            "Bewaar de post voor na werktijd of plan hem in, tenzij hij het bedrijf helpt.",
            "Keep the post for after work or schedule it, unless it benefits the company.",
        ),
    )


RULE = Rule(
    number=10,
    slug="productivity",
    title=TITLE,
    sentence=SENTENCE,
    codes=("R10.busy-day",),
    check=check,
    doc=__doc__ or "",
)
