"""The policy file's schema (TOML), validated with pydantic.

Every key of ``contract.md`` is here; unknown keys are refused (``extra="forbid"``) so a typo
never silently switches a check off. Extensions beyond the contract are documented in the
README: ``[work] posts_per_day``, ``[work] late_hours``, ``[platform] max_length``,
``[customer_service] email``, ``[contacts] communications``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_HANDLE = re.compile(r"^@?[A-Za-z0-9_]{1,15}$")
_HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")
_DOMAIN = re.compile(r"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)

NonEmpty = Annotated[str, Field(min_length=1)]
Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _handle(value: str) -> str:
    if not _HANDLE.match(value):
        raise ValueError(f"{value!r} is not an X handle (1-15 letters, digits or _)")
    return value if value.startswith("@") else "@" + value


def _domain(value: str) -> str:
    value = value.lower()
    if not _DOMAIN.match(value):
        raise ValueError(f"{value!r} is not a domain name (wildcards only as '*.' in front)")
    return value


class Company(_Strict):
    name: NonEmpty
    domains: list[str] = []
    internal_domains: list[str] = []
    public_emails: list[str] = []
    aliases: list[NonEmpty] = []

    @field_validator("domains", "internal_domains")
    @classmethod
    def _domains(cls, values: list[str]) -> list[str]:
        return [_domain(v) for v in values]

    @field_validator("public_emails")
    @classmethod
    def _emails(cls, values: list[str]) -> list[str]:
        for v in values:
            if not _EMAIL.match(v):
                raise ValueError(f"{v!r} is not an e-mail address")
        return [v.lower() for v in values]


class Account(_Strict):
    handle: str
    kind: Literal["company", "customer_service"]

    @field_validator("handle")
    @classmethod
    def _valid_handle(cls, value: str) -> str:
        return _handle(value)


class Product(_Strict):
    name: NonEmpty
    aliases: list[NonEmpty] = []
    hashtags: list[NonEmpty] = []

    @field_validator("hashtags")
    @classmethod
    def _tags(cls, values: list[str]) -> list[str]:
        out = []
        for v in values:
            body = v.removeprefix("#")
            if not body or not re.fullmatch(r"\w+", body):
                raise ValueError(f"{v!r} is not a hashtag")
            out.append("#" + body)
        return out


class Codename(_Strict):
    name: NonEmpty
    public_from: dt.date | None = None
    # Phrases in which the name is not the codename ("Led Zeppelin" for "Zeppelin").
    exceptions: list[NonEmpty] = []


class QuietPeriod(_Strict):
    from_: dt.date = Field(alias="from")
    to: dt.date
    topic: str = ""

    @model_validator(mode="after")
    def _order(self) -> QuietPeriod:
        if self.to < self.from_:
            raise ValueError(f"quiet period ends ({self.to}) before it starts ({self.from_})")
        return self


class Confidential(_Strict):
    markers: list[NonEmpty] = []
    codenames: list[Codename] = []
    quiet_periods: list[QuietPeriod] = []


class Relations(_Strict):
    competitors: list[NonEmpty] = []
    partners: list[NonEmpty] = []


class CustomerService(_Strict):
    url: str | None = None
    phone: str | None = None
    email: str | None = None


class Contacts(_Strict):
    legal: str | None = None
    communications: str | None = None


class Work(_Strict):
    timezone: str = "Europe/Amsterdam"
    hours: str = "09:00-17:30"
    days: list[Day] = ["mon", "tue", "wed", "thu", "fri"]
    posts_per_day: int = Field(default=5, ge=0)
    late_hours: str = "23:00-06:00"

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            zoneinfo.ZoneInfo(v)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{v!r} is not a time zone (e.g. 'Europe/Amsterdam')") from None
        return v

    @field_validator("hours", "late_hours")
    @classmethod
    def _hours(cls, v: str) -> str:
        if not _HOURS.match(v):
            raise ValueError(f"{v!r} is not a range of hours like '09:00-17:30'")
        return v

    def span(self, which: Literal["hours", "late_hours"] = "hours") -> tuple[dt.time, dt.time]:
        return _parse_hours(getattr(self, which))


@functools.lru_cache(maxsize=64)
def _parse_hours(value: str) -> tuple[dt.time, dt.time]:
    m = _HOURS.match(value)
    assert m is not None
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    end = dt.time(23, 59, 59) if h2 == 24 else dt.time(h2, m2)
    return dt.time(h1, m1), end


class Platform(_Strict):
    max_length: int = Field(default=280, ge=1, le=25_000)
    max_urls: int = Field(default=3, ge=1)


class PolicyConfig(_Strict):
    """The whole policy file."""

    company: Company
    accounts: list[Account] = []
    products: list[Product] = []
    confidential: Confidential = Confidential()
    relations: Relations = Relations()
    customer_service: CustomerService = CustomerService()
    contacts: Contacts = Contacts()
    work: Work = Work()
    platform: Platform = Platform()

    @model_validator(mode="after")
    def _unique_handles(self) -> PolicyConfig:
        seen: set[str] = set()
        for acc in self.accounts:
            key = acc.handle.lower()
            if key in seen:
                raise ValueError(f"account {acc.handle} is listed twice")
            seen.add(key)
        return self
