"""Find other people's personal data in a text (rule 1, confidential): category ``"personal"``.

Every detector is a row of :data:`PERSONAL_DETECTORS` (class-constant patterns, a cheap
prefilter, a ``validate`` hook with the checksum). What counts, and why:

- **BSN** (``[BSN]``): nine digits passing the 11-test (``stdnum.nl.bsn``). Written
  ``1234.56.782`` or ``123.456.782`` it counts on its own (unless it reads as an amount:
  ``€ 123.456.782``); bare (``123456782``), spaced or dashed only with a context word within
  40 characters before it (``bsn``, ``burgerservicenummer``, ``sofinummer``, ``citizen service
  number``), because order numbers and ids pass the 11-test one time in eleven.
- **IBAN** (``[IBAN]``): any country, with or without spaces, dots or dashes between groups;
  mod-97 plus the country's format (``stdnum.iban``). The country code must be upper case.
- **Payment card** (``[kaartnummer]``): 13–19 digits, contiguous or in groups (4-4-4-4[-3],
  4-6-5) separated by spaces or dashes, Luhn (``stdnum.luhn``), and an issuer prefix and
  length that exist (Visa, Mastercard, Amex, Discover, Diners, JCB, Maestro, UnionPay, Mir).
- **Phone number** (``[telefoon]``): ``phonenumbers.PhoneNumberMatcher`` with region ``NL``
  and leniency ``VALID`` (``06-12345678``, ``06 1234 5678``, ``+31 6 12345678``,
  ``020-1234567``, ``+44 20 7946 0958``), run only when the text has a run of 8+ digits; the
  number must be written with ``+``, ``00`` or a trunk ``0`` (a bare ``612345678`` is an id,
  not a phone number). Service numbers (``0800``, ``0900``: toll-free, premium, shared cost)
  belong to organisations and are skipped, and so are numbers in ``public_phones`` (compared
  as E.164).
- **E-mail address** (``[e-mail]``): skipped when in ``public_emails`` (case-insensitive),
  on reserved example domains (``example.com``, ``voorbeeld.nl``, ``*.test``) or with a
  template local part (``naam@…``, ``voornaam.achternaam@…``). Role addresses (``info@``,
  ``support@``) are reported with score 0.5: not a person's, but not public either.
- **Street address** (``[adres]``): a Dutch postcode (``1015 CJ``; letters SA/SD/SS are never
  issued) counts only together with a house number: ``Keizersgracht 123, 1015 CJ Amsterdam``
  (street + number right before the postcode; span street to city), or ``postcode 1234 AB``
  with a house number next to it (``postcode 1234AB huisnummer 12``, ``1234 AB 12``). A
  postcode alone (``1234 AB``) is not personal data; a lower-case postcode needs the word
  ``postcode`` before it.

- **KvK number** (``[KvK-nummer]``): 8 digits right after ``KvK``, ``KvK-nummer``, ``Kamer van
  Koophandel``, ``chamber of commerce`` or ``CoC``. python-stdnum has no KvK module (the
  number has no check digit), so only the format is checked. Score 0.7 (a warning): the
  register is public, but a sole trader's number points to a person.
- **Date of birth** (``[geboortedatum]``): a real, past calendar date (at most 125 years ago)
  right after ``geboren (op)``, ``geboortedatum``, ``geb.``, ``born (on)``, ``date of
  birth``, ``birth date`` or ``DOB``: ``12-03-1985``, ``12/03/85``, ``1985-03-12``, ``12
  maart 1985``, ``March 12, 1985``. A form field (``geboortedatum:``, ``DOB``) scores 0.9,
  a story (``is geboren op``, ``born on``) 0.7. A year alone is not a date of birth.
- **Licence plate** (``[kenteken]``): one of the 14 RDW sidecodes (``99-XXX-9``,
  ``XX-999-X``, ``X-999-XX``, ``XX-99-99`` …, with or without dashes) right after
  ``kenteken``, ``nummerplaat``, ``nummerbord`` or ``(licence/license) plate``; from sidecode
  4 on with letters the RDW issues (no vowels, C, Q or Y), so ``12-ABC-3`` is no real plate.

For all three the context word must come at most a few words before the value with no other
number in between (``geboren op 12-03-1985, getrouwd op 01-06-2010`` has one date of birth).
An e-mail address inside a URL's credentials (``postgres://jan:p#w@db.nl``) is not reported:
that is a password (see :mod:`tweetguard.detect.secrets`).

Not covered (yet): names, BTW numbers, Belgian national numbers, addresses without a postcode,
foreign licence plates, e-mail addresses obfuscated as ``jan [at] x [dot] nl``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator
from functools import lru_cache
from typing import ClassVar

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher, PhoneNumberType
from stdnum import iban as stdnum_iban
from stdnum import luhn
from stdnum.nl import bsn as stdnum_bsn

from tweetguard.detect._base import NO_OPTIONS, DetectorTable, Options, PatternDetector, words
from tweetguard.types import Localized, Match

__all__ = ["PERSONAL_DETECTORS", "PersonalDetector", "find_personal_data"]

# Shared prefilter: a run of at least eight digits with short separators between them.
_EIGHT_DIGITS = re.compile(r"\d(?:[ .\-/()]{0,2}\d){7}")


def _loc(nl: str, en: str) -> Localized:
    return Localized(nl=nl, en=en)


class PersonalDetector(PatternDetector):
    CATEGORY = "personal"


# ---- BSN -----------------------------------------------------------------------------------

_BSN_CONTEXT = re.compile(
    r"(?i)\bbsn|burgerservice|sofi-?nummer|\bsofi\b|citizen service|social security"
)
_MONEY_BEFORE = re.compile(r"(?i)(?:[€$£]|\beur|\beuro|\busd)\s*$")
_MONEY_AFTER = re.compile(r"(?i)^\s*(?:,-|,\d|euro|eur\b|dollar|mln|miljoen|miljard)")


class Bsn(PersonalDetector):
    KIND = "bsn"
    LABEL = _loc("burgerservicenummer (BSN)", "citizen service number (BSN)")
    PLACEHOLDER = "[BSN]"
    MIN_DIGITS = 9
    PREFILTER = _EIGHT_DIGITS
    PRIORITY = 70
    CONTEXT_WINDOW: ClassVar[int] = 40
    PATTERNS = (
        re.compile(
            r"(?<![\d.,-])(?:(?P<dotted>\d{4}\.\d{2}\.\d{3}|\d{3}\.\d{3}\.\d{3})"
            r"|\d{3}(?P<sep>[ -])\d{3}(?P=sep)\d{3}|\d{9})(?!\d|[.,-]\d)"
        ),
    )

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        digits = value.replace(".", "").replace(" ", "").replace("-", "")
        if not stdnum_bsn.is_valid(digits):
            return None
        text, start = match.string, match.start()
        if _BSN_CONTEXT.search(text, max(0, start - self.CONTEXT_WINDOW), start):
            return 1.0
        if match.group("dotted") is None:
            return None
        if _MONEY_BEFORE.search(text[max(0, start - 6) : start]) or _MONEY_AFTER.match(
            text[match.end() : match.end() + 10]
        ):
            return None
        return 0.8


# ---- IBAN ----------------------------------------------------------------------------------


def _mod97_ok(compact: str) -> bool:
    rearranged = compact[4:] + compact[:4]
    try:
        return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1
    except ValueError:
        return False


class Iban(PersonalDetector):
    KIND = "iban"
    LABEL = _loc("IBAN-rekeningnummer", "IBAN bank account number")
    PLACEHOLDER = "[IBAN]"
    MIN_DIGITS = 8
    PREFILTER = re.compile(r"[A-Z]{2} ?\d\d")
    PRIORITY = 80
    PATTERNS = (re.compile(r"\b[A-Z]{2} ?\d{2}(?:[ .\-]?[A-Za-z0-9]){11,32}"),)

    def find(self, text: str, options: Options = NO_OPTIONS) -> Iterator[Match]:
        for m in self.PATTERNS[0].finditer(text):
            hit = self._longest_valid(text, m.start(), m.end())
            if hit is not None:
                yield self.make(text, m.start(), hit)

    @staticmethod
    def _longest_valid(text: str, start: int, end: int) -> int | None:
        """End offset of the longest prefix of ``text[start:end]`` that is a valid IBAN and
        ends on a word boundary (a candidate may have swallowed the next words)."""
        positions = [i for i in range(start, end) if text[i].isalnum()]
        compact = "".join(text[i] for i in positions).upper()
        for n in range(min(len(compact), 34), 14, -1):
            stop = positions[n - 1] + 1
            if stop < len(text) and text[stop].isalnum():
                continue
            if _mod97_ok(compact[:n]) and stdnum_iban.is_valid(compact[:n]):
                return stop
        return None


# ---- payment cards -------------------------------------------------------------------------


def _plausible_card(digits: str) -> bool:
    """An issuer prefix (IIN) and a length that go together."""
    n = len(digits)
    two, four = int(digits[:2]), int(digits[:4])
    if digits[0] == "4":
        return n in (13, 16, 19)  # Visa
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return n == 16  # Mastercard
    if two in (34, 37):
        return n == 15  # American Express
    if 2200 <= four <= 2204:
        return 16 <= n <= 19  # Mir
    if 300 <= int(digits[:3]) <= 305 or two in (36, 38, 39) or four == 3095:
        return 14 <= n <= 19  # Diners Club
    if 3528 <= four <= 3589:
        return 16 <= n <= 19  # JCB
    if digits[0] == "6" or two in (50, 56, 57, 58):
        return 12 <= n <= 19  # Discover, UnionPay, Maestro
    return False


class PaymentCard(PersonalDetector):
    KIND = "payment-card"
    LABEL = _loc("betaalkaartnummer", "payment card number")
    PLACEHOLDER = "[kaartnummer]"
    MIN_DIGITS = 13
    PREFILTER = _EIGHT_DIGITS
    PRIORITY = 75
    PATTERNS = (
        re.compile(
            r"(?<![\d.,-])(?:(?P<grouped>\d{4}(?P<s1>[ -])\d{4}(?P=s1)\d{4}(?P=s1)\d{4}"
            r"(?:(?P=s1)\d{3})?|\d{4}(?P<s2>[ -])\d{6}(?P=s2)\d{4,5})|\d{13,19})(?!\d|[.,]\d)"
        ),
    )

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        digits = value.replace(" ", "").replace("-", "")
        if len(set(digits)) < 2 or not _plausible_card(digits) or not luhn.is_valid(digits):
            return None
        return 1.0 if match.group("grouped") else 0.9


# ---- phone numbers -------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _e164(number: str) -> str | None:
    try:
        parsed = phonenumbers.parse(number, "NL")
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(parsed, PhoneNumberFormat.E164)


@lru_cache(maxsize=64)
def _e164_set(numbers: frozenset[str]) -> frozenset[str]:
    return frozenset(e for e in (_e164(n) for n in numbers) if e is not None)


_SERVICE_NUMBER_TYPES = frozenset(
    {
        PhoneNumberType.TOLL_FREE,
        PhoneNumberType.PREMIUM_RATE,
        PhoneNumberType.SHARED_COST,
        PhoneNumberType.UAN,
    }
)


class PhoneNumber(PersonalDetector):
    KIND = "phone"
    LABEL = _loc("telefoonnummer", "phone number")
    PLACEHOLDER = "[telefoon]"
    MIN_DIGITS = 8
    PREFILTER = _EIGHT_DIGITS
    PRIORITY = 50
    REGION: ClassVar[str] = "NL"

    def find(self, text: str, options: Options = NO_OPTIONS) -> Iterator[Match]:
        public: frozenset[str] | None = None
        for pm in PhoneNumberMatcher(text, self.REGION, leniency=Leniency.VALID):
            raw = pm.raw_string.lstrip()
            if not raw.startswith(("+", "0", "(0", "(+")):
                continue  # an id or amount, not a number someone would dial
            if phonenumbers.number_type(pm.number) in _SERVICE_NUMBER_TYPES:
                continue  # 0800/0900 lines belong to organisations, not people
            if options.public_phones:
                if public is None:
                    public = _e164_set(frozenset(options.public_phones))
                if phonenumbers.format_number(pm.number, PhoneNumberFormat.E164) in public:
                    continue
            yield self.make(text, pm.start, pm.end)


# ---- e-mail addresses ----------------------------------------------------------------------

_RESERVED_DOMAIN = re.compile(
    r"(?i)(?:^|\.)(?:example|voorbeeld|domain|domein)\.[a-z]{2,}$|\.(?:test|example|invalid"
    r"|localhost|local)$"
)
_TEMPLATE_LOCAL = words(
    """naam name jouwnaam yournaam yourname jouw.naam your.name je.naam voornaam.achternaam
    voornaam achternaam firstname.lastname firstname lastname user username gebruiker
    gebruikersnaam email e-mail jouwmail yourmail xxx"""
)
_ROLE_LOCAL = words(
    """info contact support sales service klantenservice customerservice noreply no-reply
    hallo hello hi team press pers jobs vacatures werken marketing admin webmaster privacy
    security abuse postmaster helpdesk servicedesk receptie office mail redactie tips
    communicatie media nieuws news"""
)


_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}\Z")
_EMAIL_DOMAIN = re.compile(
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w\-@])"
)
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")


def _url_userinfo(text: str, start: int) -> bool:
    """``start`` lies in the ``user:password@`` part of a URL (``postgres://u:p#w@host``):
    the word before it holds ``://`` with no ``/`` after that."""
    word_start = max(text.rfind(c, 0, start) for c in " \t\n\"'<(") + 1
    scheme = text.find("://", word_start, start)
    return scheme >= 0 and "/" not in text[scheme + 3 : start]


class EmailAddress(PersonalDetector):
    KIND = "email"
    LABEL = _loc("e-mailadres", "e-mail address")
    PLACEHOLDER = "[e-mail]"
    TRIGGERS = ("@",)
    PRIORITY = 70

    def find(self, text: str, options: Options = NO_OPTIONS) -> Iterator[Match]:
        # Anchored on each "@" (tweets are full of @mentions, which end here at once).
        at = text.find("@")
        while at > -1:
            if at > 0 and text[at - 1] in _LOCAL_CHARS:
                local = _EMAIL_LOCAL.search(text, max(0, at - 64), at)
                domain = _EMAIL_DOMAIN.match(text, at) if local else None
                if local is not None and domain is not None:
                    start, end = local.start(), domain.end()
                    before = text[start - 1] if start > 0 else " "
                    if before == ":" and text[max(0, start - 7) : start].lower() == "mailto:":
                        before = " "  # mailto:jan@x.nl is an e-mail address
                    if (
                        before not in _LOCAL_CHARS
                        and before not in ":/\\"
                        and not before.isalnum()
                        and not _url_userinfo(text, start)
                    ):
                        score = self.score(text[start:end], options)
                        if score is not None:
                            yield self.make(text, start, end, score)
            at = text.find("@", at + 1)

    @staticmethod
    def score(value: str, options: Options) -> float | None:
        local, _, domain = value.rpartition("@")
        if _RESERVED_DOMAIN.search(domain) or local.lower() in _TEMPLATE_LOCAL:
            return None
        if options.public_emails:
            lowered = value.lower()
            if lowered in {e.lower() for e in options.public_emails}:
                return None
        return 0.5 if local.lower() in _ROLE_LOCAL else 1.0


# ---- street addresses ----------------------------------------------------------------------

_POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3} ?(?!S[ADS])[A-Z]{2}(?![\w-])")
_POSTCODE_WORD = re.compile(r"(?i)\bpostcode\b[ \t]*:?[ \t]*(?P<pc>[1-9]\d{3} ?[a-z]{2})(?![\w-])")
_NUM_BEFORE = re.compile(
    r"(?<![\w.,-])\d{1,5}(?:[ -]?[A-Za-z]{1,2}|[-/]\d{1,4}[A-Za-z]?)?[ \t]*,?[ \t]*$"
)
_CONNECTOR = r"van|de|der|den|het|'t|aan|op|in|bij|over|ter|te|tot"
_STREET_BEFORE = re.compile(
    rf"(?:(?:[A-Z'][\w'’.\-]*|{_CONNECTOR})[ \t]){{0,4}}[A-Z][\w'’.\-]{{2,}}[ \t]?$"
)
_NOT_STREET = words(
    """jan feb mar mrt apr may mei jun jul aug sep sept oct okt nov dec januari februari maart
    april juni juli augustus september oktober november december january february march june
    july august october ma di wo do vr za zo mon tue wed thu fri sat sun maandag dinsdag
    woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday thursday friday
    saturday sunday week nr no tel postbus antwoordnummer"""
)
_LEADING_CONNECTORS = re.compile(rf"^(?:(?:{_CONNECTOR})[ \t])+")
_HOUSE_NUMBER = re.compile(
    r"(?i)\b(?:huisnummer|huisnr\.?|nr\.?|nummer|house number|number|no\.?)[ \t]*:?[ \t]*"
    r"\d{1,5}[a-z]?\b"
)
_NUM_AFTER = re.compile(r"[ \t]*,?[ \t]*\d{1,5}[A-Za-z]?\b")
_CITY_AFTER = re.compile(r",?[ \t]+(?:'s-|'t )?[A-Z][a-zà-ÿ'’\-]+(?:[ \t][A-Z][a-zà-ÿ'’\-]+)?")


class StreetAddress(PersonalDetector):
    KIND = "address"
    LABEL = _loc("adres", "street address")
    PLACEHOLDER = "[adres]"
    MIN_DIGITS = 5
    # an upper-case postcode, or the word "postcode" (which allows a lower-case one)
    PREFILTER = re.compile(r"[1-9]\d{3} ?[A-Z]{2}(?![\w-])|[Pp][Oo][Ss][Tt][Cc][Oo][Dd][Ee]")
    PRIORITY = 60

    def find(self, text: str, options: Options = NO_OPTIONS) -> Iterator[Match]:
        seen: set[int] = set()
        candidates = [(m.start(), m.end(), False) for m in _POSTCODE.finditer(text)]
        candidates += [(m.start("pc"), m.end("pc"), True) for m in _POSTCODE_WORD.finditer(text)]
        for ps, pe, after_word in sorted(candidates):
            if ps in seen:
                continue
            seen.add(ps)
            span = self._address_span(text, ps, pe, after_word)
            if span is not None:
                yield self.make(text, *span)

    @staticmethod
    def _address_span(
        text: str, ps: int, pe: int, after_word: bool
    ) -> tuple[int, int, float] | None:
        before = text[max(0, ps - 80) : ps]
        offset = ps - len(before)
        num = _NUM_BEFORE.search(before)
        if num is not None:
            street = _STREET_BEFORE.search(before, 0, num.start())
            if street is not None and street.group().split()[-1].lower() not in _NOT_STREET:
                start = offset + street.start()
                lead = _LEADING_CONNECTORS.match(street.group())
                if lead is not None:
                    start += lead.end()
                city = _CITY_AFTER.match(text, pe)
                return start, city.end() if city else pe, 1.0
        word_near = after_word or "postcode" in text[max(0, ps - 25) : ps].lower()
        if not word_near:
            return None
        after = _NUM_AFTER.match(text, pe)
        if after is not None:
            return ps, after.end(), 0.9
        window_start = max(0, ps - 40)
        house = _HOUSE_NUMBER.search(text, window_start, min(len(text), pe + 40))
        if house is not None:
            return min(ps, house.start()), max(pe, house.end()), 0.9
        return None


# ---- identifiers that count only after a context word: KvK, date of birth, licence plate ---


class ContextDetector(PersonalDetector):
    """A candidate counts only when one of the ``CONTEXT`` words (a regex for the lower-cased
    text) ends at most ``CONTEXT_WINDOW`` characters before it with no digit in between, so
    the first number after ``KvK`` or ``geboren op`` is the one meant, not any later one.
    ``CONTEXT_SCORES`` maps a named group of ``CONTEXT`` to a score (default ``SCORE``)."""

    CONTEXT: ClassVar[re.Pattern[str]]
    CONTEXT_WINDOW: ClassVar[int] = 40
    CONTEXT_SCORES: ClassVar[dict[str, float]] = {}

    def context_score(self, text: str, start: int) -> float | None:
        window_start = max(0, start - self.CONTEXT_WINDOW)
        last = None
        for m in self.CONTEXT.finditer(text[window_start:start].lower()):
            last = m
        if last is None or any(c.isdigit() for c in text[window_start + last.end() : start]):
            return None
        for group, score in self.CONTEXT_SCORES.items():
            if last.group(group) is not None:
                return score
        return self.SCORE


class KvkNumber(ContextDetector):
    """A Chamber of Commerce (KvK) number: 8 digits after ``KvK``, ``KvK-nummer``, ``Kamer van
    Koophandel``, ``chamber of commerce`` or ``CoC``. python-stdnum has no KvK module and the
    number has no check digit, so only the format is checked (8 digits, not all the same).
    Score 0.7: the register is public and most numbers are a company's, but a sole trader's
    (eenmanszaak, zzp) number points to a person, so a person decides."""

    KIND = "kvk"
    LABEL = _loc("KvK-nummer", "Chamber of Commerce (KvK) number")
    PLACEHOLDER = "[KvK-nummer]"
    TRIGGERS = ("kvk", "koophandel", "chamber of commerce", "coc", "handelsregister")
    MIN_DIGITS = 8
    PRIORITY = 65
    SCORE = 0.7
    CONTEXT = re.compile(
        r"kvk|kamer van koophandel|chamber of commerce|(?<![a-z])coc(?![a-z])|handelsregister"
    )
    PATTERNS = (re.compile(r"(?<![\d.,-])\d{8}(?!\d|[.,-]\d)"),)

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        if len(set(value)) < 2:
            return None
        return self.context_score(match.string, match.start())


_MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2,
    "maart": 3, "march": 3, "mrt": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7, "augustus": 8,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10,
    "october": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th|ste|de|e)?"
_OLDEST_AGE = 125  # years; an older "date of birth" is a historical date


class DateOfBirth(ContextDetector):
    """A date of birth: a real calendar date, not in the future and at most 125 years ago,
    right after ``geboren (op)``, ``geboortedatum``, ``geb.``, ``born (on)``, ``date of
    birth``, ``birth date`` or ``DOB``. Written ``12-03-1985``, ``12/03/85``, ``12.03.1985``,
    ``1985-03-12``, ``12 maart 1985``, ``12th of March 1985`` or ``March 12, 1985``; a date
    with slashes that is no valid day-month is read month-day (``03/25/1985``). A year alone
    (``geboren in 1985``) is not a date of birth. A form field (``geboortedatum:``, ``DOB``)
    scores 0.9; a story (``is geboren op``, ``born on``: a birth announcement, a famous
    person's birthday) 0.7, so it warns."""

    KIND = "date-of-birth"
    LABEL = _loc("geboortedatum", "date of birth")
    PLACEHOLDER = "[geboortedatum]"
    TRIGGERS = ("geboren", "geboorte", "geb.", "born", "birth", "dob", "d.o.b")
    MIN_DIGITS = 4
    PRIORITY = 65
    SCORE = 0.9
    CONTEXT_WINDOW = 30
    CONTEXT = re.compile(
        r"(?<![a-z])(?:(?P<story>geboren|born)|geboortedatum|geb\.|date of birth|birth ?date"
        r"|dob|d\.o\.b)(?![a-z])"
    )
    CONTEXT_SCORES: ClassVar[dict[str, float]] = {"story": 0.7}
    PATTERNS = (
        re.compile(
            r"(?i)(?<![\w.,/-])(?:"
            r"(?P<d>\d{1,2})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})"
            r"|(?P<iy>\d{4})(?P<is>[-/.])(?P<im>\d{1,2})(?P=is)(?P<id>\d{1,2})"
            rf"|(?P<td>\d{{1,2}}){_ORDINAL}\.?(?:[ \t]+of)?[ \t]+(?P<tm>{_MONTH})\.?,?"
            r"[ \t]+(?P<ty>\d{4})"
            rf"|(?P<em>{_MONTH})\.?[ \t]+(?P<ed>\d{{1,2}}){_ORDINAL},?[ \t]+(?P<ey>\d{{4}})"
            r")(?![\w]|[-/.]\d)"
        ),
    )

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        if not any(self._plausible(d) for d in self._readings(match)):
            return None
        return self.context_score(match.string, match.start())

    @staticmethod
    def _readings(m: re.Match[str]) -> list[tuple[int, int, int]]:
        """(year, month, day) readings of the date; one with slashes also month-day."""
        if m.group("d") is not None:
            year = int(m.group("y"))
            if len(m.group("y")) == 2:
                year += 2000 if 2000 + year <= dt.date.today().year else 1900
            a, b = int(m.group("d")), int(m.group("m"))
            return [(year, b, a), (year, a, b)] if m.group("s") == "/" else [(year, b, a)]
        if m.group("iy") is not None:
            return [(int(m.group("iy")), int(m.group("im")), int(m.group("id")))]
        if m.group("td") is not None:
            month = _MONTHS[m.group("tm").lower()]
            return [(int(m.group("ty")), month, int(m.group("td")))]
        return [(int(m.group("ey")), _MONTHS[m.group("em").lower()], int(m.group("ed")))]

    @staticmethod
    def _plausible(ymd: tuple[int, int, int]) -> bool:
        try:
            day = dt.date(*ymd)
        except ValueError:
            return False
        today = dt.date.today()
        return today.year - _OLDEST_AGE <= day.year and day <= today


# Sidecodes (RDW): X a letter, 9 a digit. From sidecode 4 on no vowels, C, Q or Y are issued.
_SIDECODES = (
    "XX-99-99", "99-99-XX", "99-XX-99", "XX-99-XX", "XX-XX-99", "99-XX-XX", "99-XXX-9",
    "9-XXX-99", "XX-999-X", "X-999-XX", "XXX-99-X", "X-99-XXX", "9-XX-999", "999-XX-9",
)  # fmt: skip
_SIDECODE_NUMBER = {shape: i + 1 for i, shape in enumerate(_SIDECODES)}
_SIDECODE_NUMBER.update({shape.replace("-", ""): n for shape, n in list(_SIDECODE_NUMBER.items())})
_PLATE_LETTERS = frozenset("BDFGHJKLMNPRSTVWXZ")  # sidecodes 4 and later
_SHAPE = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 52 + "9" * 10,
)


class LicencePlate(ContextDetector):
    """A Dutch licence plate after ``kenteken``, ``nummerplaat``, ``nummerbord``, ``licence
    plate``, ``license plate`` or ``plate``, in one of the 14 RDW sidecodes (``12-ABC-3``,
    ``AB-123-C``, ``1-ABC-23``, ``XX-99-99`` …), with dashes or without; from sidecode 4 on
    the letters must be ones the RDW issues (no vowels, C, Q or Y). A plate leads to the
    owner through the RDW register."""

    KIND = "licence-plate"
    LABEL = _loc("kenteken", "licence plate")
    PLACEHOLDER = "[kenteken]"
    TRIGGERS = ("kenteken", "nummerplaat", "nummerbord", "plate")
    MIN_DIGITS = 2
    PRIORITY = 65
    SCORE = 0.9
    CONTEXT = re.compile(r"kenteken|nummerplaat|nummerbord|(?<![a-z])plate(?:[ -]?number)?")
    PATTERNS = (
        re.compile(
            r"(?<![\w-])(?:[A-Za-z0-9]{1,3}-[A-Za-z0-9]{1,3}-[A-Za-z0-9]{1,3}|[A-Za-z0-9]{6})"
            r"(?![\w-])"
        ),
    )

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        sidecode = _SIDECODE_NUMBER.get(value.translate(_SHAPE))
        if sidecode is None:
            return None
        letters = [c for c in value.upper() if c.isalpha()]
        if sidecode >= 4 and not all(c in _PLATE_LETTERS for c in letters):
            return None
        return self.context_score(match.string, match.start())


PERSONAL_DETECTORS: tuple[PersonalDetector, ...] = (
    Bsn(),
    Iban(),
    PaymentCard(),
    PhoneNumber(),
    EmailAddress(),
    StreetAddress(),
    KvkNumber(),
    DateOfBirth(),
    LicencePlate(),
)

_TABLE = DetectorTable(PERSONAL_DETECTORS)


def find_personal_data(
    text: str,
    *,
    public_emails: Collection[str] = (),
    public_phones: Collection[str] = (),
) -> list[Match]:
    """Other people's personal data in ``text``: non-overlapping :class:`Match` es of
    category ``"personal"``, sorted by start. Addresses in ``public_emails`` and numbers in
    ``public_phones`` (any notation; compared as E.164) are the company's own and skipped.

    >>> [(m.kind, m.text) for m in find_personal_data("Bel Jan: 06-12345678")]
    [('phone', '06-12345678')]
    >>> find_personal_data("Mail info@hetbedrijf.nl", public_emails={"INFO@hetbedrijf.nl"})
    []
    """
    if public_emails or public_phones:
        return _TABLE.find(text, Options(public_emails, public_phones))
    return _TABLE.find(text)
