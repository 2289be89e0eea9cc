"""A second policy (another company, other products, channels and hours) drives every rule:
nothing in the rules is hard-coded to the bundled example."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import NOW
from tweetguard.draft import Draft
from tweetguard.engine import Engine

BRUSSELS_TUE = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
PERSONAL = {"handle": "@an_peeters", "kind": "personal", "bio": "Verpleegkundige, mama, loper."}

CASES = [
    ({"text": "Eindelijk: project Kraanvogel is bijna klaar!"}, "R1.codename"),
    ({"text": "Zie wiki.zorgkompas.local/roadmap voor details"}, "R1.internal-host"),
    ({"text": "Alles staat in de rode map op kantoor."}, "R1.marker"),
    ({"text": "Onze omzet steeg met 12% dit halfjaar"}, "R1.quiet-period"),
    ({"text": "Ik vind de #MediPlanner echt fantastisch", "account": PERSONAL}, "R3.no-disclosure"),
    (
        {
            "text": "Stuur me je klantnummer via DM, dan regel ik het",
            "in_reply_to": {
                "text": "@Zorgkompas mijn afspraak is weer verzet?!",
                "on_company_page": True,
            },
        },
        "R6.handles-case",
    ),
    (
        {"text": "Namens Zorgkompas: we openen een nieuwe vestiging", "account": PERSONAL},
        "R7.speaks-for-company",
    ),
    ({"text": "ZorgDirect is een stelletje oplichters"}, "R8.abuse-aimed"),
    (
        {
            "text": "Niet ons probleem, lees eerst de handleiding",
            "in_reply_to": {"text": "De MediPlanner app crasht steeds", "on_company_page": False},
        },
        "R9.negative-reply",
    ),
    (
        {
            "text": "Weer een tweet",
            "account": PERSONAL,
            "created_at": "2026-11-24T11:00:00+01:00",
            "history": [
                "2026-11-24T08:45:00+01:00",
                "2026-11-24T09:30:00+01:00",
                "2026-11-24T10:15:00+01:00",
            ],
        },
        "R10.busy-day",
    ),
]


@pytest.mark.parametrize(("draft", "code"), CASES, ids=[c for _, c in CASES])
def test_second_policy_fires(second_engine: Engine, engine: Engine, draft: dict, code: str) -> None:  # type: ignore[type-arg]
    d = Draft.model_validate(draft)
    assert code in {f.code for f in second_engine.check(d, now=BRUSSELS_TUE).findings}
    # The same draft means nothing company-specific to the bundled example's company.
    if code not in ("R8.abuse-aimed", "R9.negative-reply", "R6.handles-case", "R10.busy-day"):
        assert code not in {f.code for f in engine.check(d, now=NOW).findings}


def test_fixes_use_the_policys_channels(second_engine: Engine) -> None:
    d = Draft.model_validate(CASES[5][0])
    f = next(f for f in second_engine.check(d, now=BRUSSELS_TUE).findings if f.rule == 6)
    assert f.fix is not None
    assert "@ZorgkompasZorgt" in f.fix.nl and "https://zorgkompas.be/hulp" in f.fix.en
    assert "Tulpwerk" not in f.fix.nl


def test_work_days_and_budget_come_from_the_policy(second_engine: Engine) -> None:
    friday = {
        **CASES[9][0],
        "created_at": "2026-11-27T11:00:00+01:00",
        "history": ["2026-11-27T09:00:00+01:00"] * 5,
    }
    d = Draft.model_validate(friday)
    assert not [f for f in second_engine.check(d).findings if f.rule == 10]  # not a work day


def test_public_email_of_the_policy_is_not_personal_data(
    second_engine: Engine, engine: Engine
) -> None:
    d = Draft(text="Vragen? Mail contact@zorgkompas.be")
    assert not [f for f in second_engine.check(d, now=BRUSSELS_TUE).findings if f.rule == 1]
    assert "R1.personal-data" in {f.code for f in engine.check(d, now=NOW).findings}


def test_budget_of_zero_counts_the_draft_itself() -> None:
    from tweetguard.policy import Policy, parse_policy

    policy = Policy(parse_policy('[company]\nname = "Nulbudget BV"\n[work]\nposts_per_day = 0\n'))
    report = Engine(policy, reraise=True).check(Draft(text="Even tussendoor."), now=NOW)
    assert [f.code for f in report.findings] == ["R10.busy-day"]
