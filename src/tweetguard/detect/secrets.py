"""Find secrets in a text: API keys, tokens, private keys, passwords (rule 1, confidential).

Every detector below is a row of :data:`SECRET_DETECTORS`: class-constant patterns, a trigger
prefilter and a small ``validate`` hook. All report category ``"secret"`` with placeholder
``[geheim]``.

Covered: AWS access key ids (``AKIA``/``ASIA``/…) and AWS secret keys next to an
``aws…secret`` name; Google API keys (``AIza``); Azure storage and Cosmos DB account keys and
Service Bus / Event Hubs keys in connection strings (``AccountKey=…``, ``SharedAccessKey=…``)
and SAS signatures (``sig=…``, checked to decode to an HMAC-SHA256); GitHub tokens
(``ghp_``/``gho_``/``ghu_``/``ghs_``/``ghr_``, ``github_pat_``); GitLab tokens (``glpat-``,
``gldt-``, ``glrt-``, ``GR1348941``, …); Slack tokens (``xox[abposr]-``, ``xapp-``) and
webhooks; Stripe keys (``sk_``/``rk_`` + ``live``/``test``/``prod``); OpenAI / Anthropic
keys (``sk-…``, ``sk-proj-…``, ``sk-ant-…``); the prefixed vendor tokens of
:data:`VENDOR_TOKENS` (Hugging Face, npm, PyPI, SendGrid, HashiCorp Vault, Telegram bots,
Notion, Sourcegraph, Shopify, DigitalOcean, Square, Mailchimp, Azure client secrets,
Atlassian); JWTs (two or three base64url parts, the header decodes to JSON with ``alg``); PEM
private-key blocks (the header alone counts); passwords inside URLs
(``scheme://user:pass@host``, ``redis://:pass@host``) and in ADO.NET / ODBC / JDBC connection
strings (``Password=…;``, ``PWD={…};``), span = the password; ``Authorization: Bearer …``
tokens; ``api_key = …``-style assignments of a long random-looking value; password phrases in
Dutch and English (``wachtwoord: X``, ``ww: X``, ``pw: X``, ``het wachtwoord is X``,
``password is X``, ``pincode 1234``, ``toegangscode: A7B9C1``); and, as a fallback,
:class:`HighEntropyString`: a random-looking base64 or hex run of 20+ characters, scored by
the ``detect-secrets`` library's entropy and heuristic filters (0.9 near a word such as
*key*, *token* or *sleutel*; 0.6, a warning, for a long and very random one without). A
password phrase's span covers the value only. A plain lower-case word counts only after
``:``/``=`` with no prose after it (``ww: welkom`` scores 0.7); after ``is`` it needs a digit,
a symbol, inner capitals or quotes (``password is incorrect`` is prose).

Deliberately not covered (yet): random strings shorter than detect-secrets' entropy limits
allow (a 20-character base64 token can reach at most 4.3 bits per character, under the 4.5
limit; in practice a token needs about 28+ characters), vendor formats beyond the list above,
secrets split over several tweets. Placeholders are never reported: ``******``, ``xxxx``,
``<your password>``, ``${TOKEN}``, ``changeme``, AWS's documented ``…EXAMPLE`` keys, and words
such as ``vergeten`` in ``wachtwoord vergeten?``; nor are links (tracking ids in a URL),
hashtags, hashes without a secret-ish word (MD5, SHA-1, SHA-256 in hex), UUIDs, and public
keys or certificates (``ssh-rsa AAAA…``, ``BEGIN PGP PUBLIC KEY BLOCK``).
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import string
from collections.abc import Iterator
from typing import ClassVar
from urllib.parse import unquote

from tweetguard.detect._base import (
    BASE64_LIMIT,
    HEX_LIMIT,
    NO_OPTIONS,
    AsciiRun,
    DetectorTable,
    Options,
    PatternDetector,
    base64_entropy,
    hex_entropy,
    looks_like_placeholder,
    rejected_by_detect_secrets,
    shannon_entropy,
    words,
)
from tweetguard.types import Localized, Match

__all__ = ["SECRET_DETECTORS", "SecretDetector", "find_secrets"]

_END = r"(?![\w-])"  # a token ends where token characters end
_START = r"(?<![\w-])"


def _loc(nl: str, en: str) -> Localized:
    return Localized(nl=nl, en=en)


_CHUNK_SPLIT = re.compile(r"[._\-+/=~:]+")


def _token_like(value: str, *, min_entropy: float = 3.0) -> bool:
    """Random-looking: no filler, enough entropy, and a chunk of 12+ characters that mixes
    letters and digits (so ``SalesResults-1.2`` or ``struct_X509_pubkey`` are not tokens)."""
    if looks_like_placeholder(value) or shannon_entropy(value) < min_entropy:
        return False
    return any(
        len(chunk) >= 12 and any(c.isdigit() for c in chunk) and any(c.isalpha() for c in chunk)
        for chunk in _CHUNK_SPLIT.split(value)
    )


# Every token detector needs a run of 16+ token characters; most tweets have none.
_LONG_TOKEN = re.compile(r"[\w\-+/=.~]{16}")


class SecretDetector(PatternDetector):
    CATEGORY = "secret"
    PLACEHOLDER = "[geheim]"
    PREFILTER: ClassVar[re.Pattern[str] | None] = _LONG_TOKEN
    PRIORITY = 60  # vendor formats beat the generic detectors below

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        return None if looks_like_placeholder(value) else self.SCORE


class AwsAccessKey(SecretDetector):
    KIND = "aws-access-key"
    LABEL = _loc("AWS-toegangssleutel", "AWS access key")
    TRIGGERS = ("akia", "asia", "abia", "acca", "a3t")
    PATTERNS = (re.compile(r"\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}\b"),)


class AwsSecretKey(SecretDetector):
    KIND = "aws-secret-key"
    LABEL = _loc("AWS-geheime sleutel", "AWS secret key")
    TRIGGERS = ("aws",)
    PATTERNS = (
        re.compile(
            r"(?i)aws[\w .-]{0,30}?(?:secret|private)[\w .-]{0,20}?[\"']?\s*(?:=>|:=|[:=])\s*"
            r"[\"']?(?P<value>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"
        ),
    )

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        return self.SCORE if _token_like(value, min_entropy=3.5) else None


class GoogleApiKey(SecretDetector):
    KIND = "google-api-key"
    LABEL = _loc("Google-API-sleutel", "Google API key")
    TRIGGERS = ("aiza",)
    PATTERNS = (re.compile(_START + r"AIza[\w-]{35}" + _END),)

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        ok = not looks_like_placeholder(value) and shannon_entropy(value[4:]) >= 3.5
        return self.SCORE if ok else None


def _b64_bytes(value: str) -> int:
    """How many bytes ``value`` decodes to as (url-safe) base64, or -1 if it does not."""
    v = value.replace("-", "+").replace("_", "/")
    try:
        return len(base64.b64decode(v + "=" * (-len(v) % 4), validate=True))
    except (binascii.Error, ValueError):
        return -1


class AzureStorageKey(SecretDetector):
    """``AccountKey=…`` (storage and Cosmos DB accounts, 64 bytes) and ``SharedAccessKey=…``
    (Service Bus, Event Hubs, IoT Hub, 32 bytes) in a connection string; span = the key."""

    KIND = "azure-key"
    LABEL = _loc("Azure-sleutel (connection string)", "Azure key (connection string)")
    TRIGGERS = ("accountkey", "sharedaccesskey")
    PATTERNS = (
        re.compile(
            r"(?i)(?<![\w])(?:AccountKey|SharedAccessKey)[ \t]*=[ \t]*[\"']?"
            r"(?P<value>[A-Za-z0-9+/]{20,}={0,2})(?![A-Za-z0-9+/=])"
        ),
    )

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        if looks_like_placeholder(value) or _b64_bytes(value) < 24:
            return None
        return self.SCORE if base64_entropy(value) >= 4.0 else None


class AzureSasToken(SecretDetector):
    """The ``sig=`` of a shared access signature (SAS): an HMAC-SHA256, so its value
    (URL-encoded base64) decodes to exactly 32 bytes; span = the signature."""

    KIND = "azure-sas-token"
    LABEL = _loc("Azure SAS-token (handtekening)", "Azure SAS token (signature)")
    TRIGGERS = ("sig=",)
    PATTERNS = (re.compile(r"(?i)(?<![\w-])sig=(?P<value>[A-Za-z0-9%+/=]{40,80})(?![\w%+/=])"),)

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        return self.SCORE if _b64_bytes(unquote(value)) == 32 else None


class GitHubToken(SecretDetector):
    KIND = "github-token"
    LABEL = _loc("GitHub-token", "GitHub token")
    TRIGGERS = ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_")
    PATTERNS = (
        re.compile(r"\bgh[pousr]_[0-9A-Za-z]{36}\b"),
        re.compile(r"\bgithub_pat_\w{82}\b"),
    )


class GitLabToken(SecretDetector):
    KIND = "gitlab-token"
    LABEL = _loc("GitLab-token", "GitLab token")
    TRIGGERS = (
        "glpat-", "gldt-", "glrt-", "glcbt-", "glft-", "glsoat-", "glimt-", "glptt-",
        "glagent-", "gloas-", "gr1348941",
    )  # fmt: skip
    PATTERNS = tuple(
        re.compile(_START + p + _END)
        for p in (
            r"(?:glpat|gldt|glrt|glcbt|glft|glsoat)-[\w-]{20,50}",
            r"GR1348941[\w-]{20,50}",
            r"glimt-[\w-]{25}",
            r"glptt-[\w-]{40}",
            r"glagent-[\w-]{50,1024}",
            r"gloas-[\w-]{64}",
        )
    )

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        body = value.split("-", 1)[1] if "-" in value[:9] else value[9:]
        ok = not looks_like_placeholder(body) and shannon_entropy(body) >= 2.5
        return self.SCORE if ok else None


class SlackToken(SecretDetector):
    KIND = "slack-token"
    LABEL = _loc("Slack-token", "Slack token")
    TRIGGERS = ("xox", "xapp-", "hooks.slack.com")
    PATTERNS = (
        re.compile(_START + r"xox[abposre]-(?:\d+-)+[A-Za-z0-9-]{8,}" + _END),
        re.compile(_START + r"xox[ar]-(?:\d-)?[0-9A-Za-z]{8,48}" + _END),
        re.compile(_START + r"xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+" + _END, re.IGNORECASE),
        re.compile(r"(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[\w/+-]{20,}"),
    )

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        # "xoxb-12345-abcd234" is a look-alike; real tokens are long.
        if len(value) < 24:
            return None
        tail = value.rsplit("/", 1)[-1] if "hooks." in value else value.rsplit("-", 1)[-1]
        return None if looks_like_placeholder(tail) else self.SCORE


class StripeKey(SecretDetector):
    KIND = "stripe-key"
    LABEL = _loc("Stripe-sleutel", "Stripe key")
    TRIGGERS = ("sk_", "rk_")
    PATTERNS = (re.compile(r"\b(?:sk|rk)_(?:live|test|prod)_[0-9A-Za-z]{10,99}\b"),)


class OpenAiKey(SecretDetector):
    KIND = "openai-key"
    LABEL = _loc("API-sleutel van OpenAI of Anthropic", "OpenAI or Anthropic API key")
    TRIGGERS = ("sk-",)
    PATTERNS = (
        re.compile(
            _START + r"sk-(?:(?:proj|svcacct|admin|ant-api\d\d|ant-admin\d\d)-)?[\w-]{20,}" + _END
        ),
    )

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        if "T3BlbkFJ" in value:  # base64 of "OpenAI", in every classic and project key
            return self.SCORE
        body = value[3:]
        mixed = any(c.isupper() for c in body) and any(c.islower() for c in body)
        if len(body) < 32 or not mixed or not _token_like(body, min_entropy=3.5):
            return None
        return self.SCORE


class JsonWebToken(SecretDetector):
    KIND = "jwt"
    LABEL = _loc("JSON Web Token", "JSON Web Token")
    TRIGGERS = ("eyj",)
    PATTERNS = (
        re.compile(_START + r"eyJ[\w-]{8,}={0,2}\.eyJ[\w-]{8,}={0,2}(?:\.[\w-]*={0,2})?(?![\w-])"),
    )

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        header = value.split(".", 1)[0].rstrip("=")
        try:
            decoded = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))
        except (binascii.Error, ValueError):
            return None
        return self.SCORE if isinstance(decoded, dict) and "alg" in decoded else None


class PrivateKey(SecretDetector):
    KIND = "private-key"
    LABEL = _loc("Privésleutel (PEM)", "private key (PEM)")
    TRIGGERS = ("private key",)
    PREFILTER = None
    PATTERNS = (
        re.compile(
            r"-{3,}\s*BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?\s*-{3,}"
            r"(?:.*?-{3,}\s*END[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?\s*-{3,}|.*)",
            re.DOTALL,
        ),
    )

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        return self.SCORE  # a key header alone already says a key was pasted


_PLACEHOLDER_PASSWORDS = words(
    """password passwd pass pwd pw wachtwoord ww secret geheim changeme change_me
    changeit mypassword yourpassword jouwwachtwoord mijnwachtwoord wachtwoord123 password123
    x xx xxx test example voorbeeld placeholder none null undefined"""
)


def _is_placeholder_password(value: str) -> bool:
    v = value.lower().strip("\"'`").rstrip(".,;:")
    core = v.strip("<>[]{}()")  # "<password" once a closing ">" was cut off
    return (
        v in _PLACEHOLDER_PASSWORDS or core in _PLACEHOLDER_PASSWORDS or looks_like_placeholder(v)
    )


class UrlCredentials(SecretDetector):
    KIND = "url-password"
    LABEL = _loc("Wachtwoord in een URL", "password in a URL")
    TRIGGERS = ("://",)
    PREFILTER = re.compile(r"://[^\s/@]*:[^\s/@]*@")
    PATTERNS = (
        re.compile(
            r"\b[A-Za-z][A-Za-z0-9+.-]{1,30}://[^\s:/@?#\"']{0,64}:"
            r"(?P<value>[^\s@/?\"']{1,128})@[\w.-]+"
        ),
    )

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        return None if _is_placeholder_password(value) else self.SCORE


class ConnectionStringPassword(SecretDetector):
    """``Password=…;`` / ``Pwd=…;`` in an ADO.NET, ODBC or JDBC connection string (or a URL
    query, ``&password=…&``): the pair is delimited by ``;``/``&``/``?`` on at least one side,
    which tells it apart from prose (``wachtwoord=X`` is a :class:`PasswordPhrase`). ODBC's
    ``{…}`` quoting is understood; span = the password."""

    KIND = "connection-string-password"
    LABEL = _loc("Wachtwoord in een verbindingsstring", "password in a connection string")
    TRIGGERS = ("password", "pwd", "passwd")
    PREFILTER = re.compile(r"[;&?]")
    PRIORITY = 62  # beats the password phrase, which would swallow the rest of the string
    PATTERNS = (
        re.compile(
            r"(?i)(?P<pre>[;&?][ \t]*)?(?<![\w-])(?:password|passwd|pwd)[ \t]*=[ \t]*"
            r"(?:\{(?P<braced>[^}\n]{1,128})\}|\"(?P<dq>[^\"\n]{1,128})\"|'(?P<sq>[^'\n]{1,128})'"
            r"|(?P<bare>[^;&\s\"'{][^;&\s]{0,127}))(?P<post>[ \t]*[;&])?"
        ),
    )

    def find(self, text: str, options: Options = NO_OPTIONS) -> Iterator[Match]:
        for m in self.raw_matches(text):
            if m.group("pre") is None and m.group("post") is None:
                continue
            group = next(g for g in ("braced", "dq", "sq", "bare") if m.group(g) is not None)
            start, end = m.span(group)
            if not _is_placeholder_password(text[start:end]):
                yield self.make(text, start, end)


class BearerToken(SecretDetector):
    KIND = "auth-header"
    LABEL = _loc("Inlogtoken (Authorization-header)", "authorization token")
    TRIGGERS = ("bearer", "authorization")
    PRIORITY = 40
    PATTERNS = (
        re.compile(
            r"(?i)(?:\bauthorization\s*[:=]\s*[\"']?\s*(?:bearer|basic|token)?|\bbearer)[ \t]+"
            r"(?P<value>[A-Za-z0-9._~+/=-]{16,})"
        ),
    )

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        return self.SCORE if _token_like(value) else None


_SECRET_NAME = (
    r"api[_ .-]?key|apikey|api[_ .-]?secret|access[_ .-]?key|secret[_ .-]?key"
    r"|client[_ .-]?secret|secret|token|key"
)


class GenericApiKey(SecretDetector):
    """``api_key = "…"``, ``"client_secret": "…"``: a secret-like name assigned a token."""

    KIND = "api-key"
    LABEL = _loc("API-sleutel of token", "API key or token")
    TRIGGERS = ("key", "token", "secret")
    PRIORITY = 30
    ANCHOR = re.compile(_SECRET_NAME)
    PATTERNS = (
        re.compile(
            rf"(?i)(?:{_SECRET_NAME})[\w-]{{0,20}}[\"']?[ \t]{{0,3}}(?:=>|:=|[:=])"
            r"[ \t]{0,3}[\"']?(?P<value>[A-Za-z0-9_\-+/=.~]{16,200})"
        ),
    )

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        return self.SCORE if _token_like(value.rstrip(".")) else None


class PrefixedToken(SecretDetector):
    """A vendor token recognised by a fixed prefix; rows are made by :func:`_prefixed`."""

    MIN_ENTROPY: ClassVar[float] = 3.0

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        ok = not looks_like_placeholder(value) and shannon_entropy(value) >= self.MIN_ENTROPY
        return self.SCORE if ok else None


def _prefixed(
    kind: str, nl: str, en: str, triggers: tuple[str, ...], *patterns: str
) -> PrefixedToken:
    """One row of the vendor table: a subclass with its constants set, instantiated."""
    cls = type(
        "PrefixedToken_" + kind.replace("-", "_"),
        (PrefixedToken,),
        {
            "KIND": kind,
            "LABEL": _loc(nl, en),
            "TRIGGERS": triggers,
            "PATTERNS": tuple(re.compile(_START + p + _END) for p in patterns),
        },
    )
    detector: PrefixedToken = cls()
    return detector


VENDOR_TOKENS: tuple[PrefixedToken, ...] = (
    _prefixed("huggingface-token", "Hugging Face-token", "Hugging Face token", ("hf_",),
              r"hf_[A-Za-z0-9]{34,40}", r"api_org_[A-Za-z0-9]{34}"),
    _prefixed("npm-token", "npm-token", "npm token", ("npm_",), r"npm_[A-Za-z0-9]{36}"),
    _prefixed("pypi-token", "PyPI-token", "PyPI token", ("pypi-",),
              r"pypi-AgE[IN][\w-]{50,}"),
    _prefixed("sendgrid-key", "SendGrid-sleutel", "SendGrid key", ("sg.",),
              r"SG\.[\w-]{22}\.[\w-]{43}"),
    _prefixed("vault-token", "HashiCorp Vault-token", "HashiCorp Vault token", ("hvs.", "hvb."),
              r"hv[sb]\.[\w-]{90,}"),
    _prefixed("telegram-bot-token", "Telegram-bottoken", "Telegram bot token", (":aa",),
              r"\d{8,10}:AA[\w-]{33}"),
    _prefixed("notion-token", "Notion-token", "Notion token", ("ntn_", "secret_"),
              r"ntn_\d{11}[A-Za-z0-9]{35}"),
    _prefixed("sourcegraph-token", "Sourcegraph-token", "Sourcegraph token", ("sgp_",),
              r"sgp_(?:local_|[a-fA-F0-9]{16}_)?[a-fA-F0-9]{40}"),
    _prefixed("shopify-token", "Shopify-token", "Shopify token", ("shpat_", "shpca_", "shppa_",
              "shpss_"), r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),
    _prefixed("digitalocean-token", "DigitalOcean-token", "DigitalOcean token", ("_v1_",),
              r"do[opr]_v1_[a-f0-9]{64}"),
    _prefixed("square-token", "Square-token", "Square token", ("sq0",),
              r"sq0(?:atp|csp)-[\w-]{22,60}"),
    _prefixed("mailchimp-key", "Mailchimp-sleutel", "Mailchimp key", ("-us",),
              r"[0-9a-f]{32}-us\d{1,2}"),
    _prefixed("azure-client-secret", "Azure-clientgeheim", "Azure client secret", ("q~",),
              r"[\w~.-]{3}\dQ~[\w~.-]{31,34}"),
    _prefixed("atlassian-token", "Atlassian-token", "Atlassian token", ("atatt3",),
              r"ATATT3[\w=-]{150,}"),
)  # fmt: skip


# ---- password phrases --------------------------------------------------------------------

_LONG_KEYWORDS = (
    r"wachtwoord|password|passwd|passphrase|wachtzin|pin[- ]?code|toegangscode|inlogcode"
    r"|deurcode|alarmcode|kluiscode"
)
_SHORT_KEYWORDS = r"wachtw\.?|pwd|pw|ww|pin"
_KEYWORD_ANCHOR = rf"{_LONG_KEYWORDS}|{_SHORT_KEYWORDS}"  # for the lower-cased text
_KEYWORD = rf"(?P<kw>(?:{_LONG_KEYWORDS})|(?<![A-Za-z0-9])(?:{_SHORT_KEYWORDS}))(?![\w-])"
_QUOTED = r"[\"'“‘«](?P<quoted>[^\"'”’»\n]{1,64})[\"'”’»]"
_BARE = r"(?P<bare>[^\s\"'“‘«][^\s]{0,63})"
_VALUE = rf"(?P<value>{_QUOTED}|{_BARE})"
# "het wachtwoord voor de wifi is", "the password for our guest wifi was"
_OF_WHAT = (
    r"(?:[ \t]+(?:van|voor|of|for|to|bij|op)[ \t]+"
    r"(?:(?:de|het|the|my|mijn|ons|onze|our|your|je|jouw|uw)[ \t]+)?"
    r"[\w@.-]{1,30}(?:[ \t]+[\w@.-]{1,30})?)?"
)
_IS = r"(?:is nog steeds|is gewoon|is still|is now|is nu|is|was|wordt|luidt|blijft|becomes)"

_PROSE_WORDS = words(
    """vergeten forgot forgotten reset resetten herstellen wijzigen veranderen veranderd
    gewijzigd changed change incorrect onjuist fout wrong invalid ongeldig verlopen expired
    required verplicht vereist nodig needed please alsjeblieft aub svp hieronder below
    hierboven above verstuurd gestuurd sent same hetzelfde zelfde weak zwak strong sterk
    secure veilig onveilig unsafe safe kwijt lost gehackt hacked leaked gelekt encrypted
    versleuteld protected beveiligd ingesteld set geen nothing niks empty leeg unknown
    onbekend manager managers beheerder kluis vault generator policy beleid"""
)
_CLOSERS = ".,;:)]}>"


class PasswordPhrase(SecretDetector):
    """A password, PIN or access code given in words; the span is the value only."""

    KIND = "password"
    LABEL = _loc("Wachtwoord of pincode", "password or PIN")
    TRIGGERS = (
        "wachtw", "passw", "passphrase", "wachtzin", "pincode", "pin-code", "toegangscode",
        "inlogcode", "deurcode", "alarmcode", "kluiscode", "pwd",
        "pw:", "pw=", "pw ", 'pw"', "pw'", "ww:", "ww=", "ww ", 'ww"', "ww'",
        "pin:", "pin=", "pin ",
    )  # fmt: skip
    PREFILTER = None
    PRIORITY = 55
    ANCHOR = re.compile(_KEYWORD_ANCHOR)
    PATTERNS = (
        # wachtwoord: X · ww = X · "password": "X"
        re.compile(rf"(?i){_KEYWORD}[\"']?[ \t]*(?P<sep>:=|=>|[:=])[ \t]*{_VALUE}"),
        # het wachtwoord (van de wifi) is X · the password is X · pin is 1234
        re.compile(rf"(?i){_KEYWORD}{_OF_WHAT}[ \t]+(?P<is>{_IS})[ \t]*:?[ \t]+{_VALUE}"),
        # pincode 1234
        re.compile(rf"(?i){_KEYWORD}[ \t]+(?P<value>(?P<bare>\d{{4,8}}))(?![\w.,-]\w)"),
    )

    def find(self, text: str, options: Options = NO_OPTIONS) -> Iterator[Match]:
        for m in self.raw_matches(text):
            hit = self._judge(m)
            if hit is not None:
                yield self.make(text, *hit)

    def _judge(self, m: re.Match[str]) -> tuple[int, int, float] | None:
        groups = m.groupdict()
        kw = m.group("kw").lower()
        has_sep, has_is = groups.get("sep") is not None, groups.get("is") is not None
        quoted = groups.get("quoted") is not None
        start, end = m.span("quoted") if quoted else m.span("bare")
        value = raw = m.string[start:end]
        if not quoted:
            stripped = value.rstrip(_CLOSERS)
            end -= len(value) - len(stripped)
            value = stripped
        if not value or _is_placeholder_password(value) or _is_placeholder_password(raw):
            return None  # raw too: "password=<password>;" is a template once ">;" is gone
        if kw.startswith("pin"):  # a PIN is 4 to 8 digits
            return (start, end, self.SCORE) if value.isdigit() and 4 <= len(value) <= 8 else None
        if not (has_sep or has_is):
            return None  # "password 123" is prose
        if kw.endswith("code"):  # toegangscode: A7B9C1
            ok = value.isalnum() and 4 <= len(value) <= 12 and any(c.isdigit() for c in value)
            return (start, end, self.SCORE) if ok else None
        if len(kw) <= 3 and not has_sep:
            return None  # "ww", "pw", "pwd" only in "ww: X" form
        if value.lower() in _PROSE_WORDS:
            return None
        if quoted:
            return start, end, self.SCORE
        strong = len(value) >= 4 and (
            any(c.isdigit() for c in value)
            or any(not c.isalnum() for c in value)
            or any(c.isupper() for c in value[1:])
        )
        if strong:
            return start, end, self.SCORE
        # A plain word: only after ":"/"=" and when no prose follows ("ww: welkom").
        rest = m.string[end:].lstrip(" \t")
        if has_sep and len(value) >= 4 and (not rest or rest[0] in "\n,;)"):
            return start, end, 0.7
        return None


# ---- high-entropy fallback ----------------------------------------------------------------

_HEX_DIGITS = frozenset(string.hexdigits)
_HASH_LENGTHS = frozenset({32, 40, 64})  # MD5, SHA-1 (a git commit), SHA-256
_SECRET_WORD = re.compile(
    r"(?<![a-z])(?:api|apikey|key|keys)(?![a-z])|token|secret|sleutel|wachtwoord|password"
    r"|passwd|passphrase|credential|geheim"
)
_KEYWORD_BEFORE, _KEYWORD_AFTER = 48, 24  # window for a secret-ish word, in characters
# A whitespace-delimited word that is a link: a scheme, "www.", or "domain.tld/…".
_URL_WORD = re.compile(  # bounded repeats: a long token must not make this quadratic
    r"(?i)(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,30}:/|www\.|(?<![\w.-])[\w-]{1,63}(?:\.[\w-]{1,63})+/"
)
# Public material that looks random: PGP/PEM public keys and certificates, ssh public keys.
_PUBLIC_BLOCK = re.compile(
    r"-----BEGIN (?:PGP PUBLIC KEY BLOCK|PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----"
)
_SSH_PUBLIC_KEY = re.compile(r"(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\d+)[ \t]+$")
_WORD_EDGE = " \t\n\r\"'`()[],;"  # not <>{}: they make a template (<key>, ${KEY})
_WORD_END = re.compile(r"[\s\"'`()\[\],;]")


def _public_key(text: str, start: int) -> bool:
    """``start`` lies in a public key or certificate (PEM/PGP block, ``ssh-rsa AAAA…``)."""
    if _SSH_PUBLIC_KEY.search(text, max(0, start - 30), start):
        return True
    block = None
    for m in _PUBLIC_BLOCK.finditer(text, 0, start):
        block = m
    return block is not None and "-----END" not in text[block.end() : start]


class HighEntropyString(SecretDetector):
    """The fallback for secrets without a known prefix or an ``x = …`` name: a run of 20+
    characters of the base64 (or url-safe base64) alphabet whose entropy, computed by
    detect-secrets, is above its default limit (4.5 bits per character; 3.0 for hex).

    Not counted: part of a link (``https://…``, ``t.co/…``, ``www.…``, ``bol.com/…`` with
    its tracking ids), a hashtag, mention or ``$VARIABLE``, an e-mail's local part, a
    placeholder, a hex string of hash length (32/40/64: MD5, SHA-1, SHA-256) without a
    secret-ish word nearby, and what detect-secrets' heuristic filters reject (UUIDs,
    sequences, templates, ids). With a word such as *key*, *token*, *secret*, *sleutel*,
    *wachtwoord*, *password* or *api* within a few words the score is 0.9; without one only a
    token of 32+ characters that mixes upper case, lower case and digits (hex: digits and
    letters) and whose entropy is close to that of a random string of its length counts, with
    score 0.6, which rule 1 reports as a warning."""

    KIND = "high-entropy-string"
    LABEL = _loc("Willekeurig ogende sleutel of token", "random-looking key or token")
    PREFILTER = None  # the pattern itself is the cheapest filter
    PRIORITY = 20  # every named format wins
    SCORE = 0.9
    UNNAMED_SCORE: ClassVar[float] = 0.6
    UNNAMED_MIN_LENGTH: ClassVar[int] = 32
    MIN_LENGTH: ClassVar[int] = 20
    PATTERNS = (re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{20,}={0,2}(?![A-Za-z0-9+/=_-])"),)
    _RUN: ClassVar[AsciiRun] = AsciiRun(string.ascii_letters + string.digits + "+/_-", MIN_LENGTH)

    def find(self, text: str, options: Options = NO_OPTIONS) -> Iterator[Match]:
        if self._RUN(text):  # most tweets hold no run of 20 token characters
            yield from super().find(text, options)

    def validate(self, value: str, match: re.Match[str], options: Options) -> float | None:
        text = match.string
        start, end = match.span()
        if (start and text[start - 1] in "#@$") or text[end : end + 1] == "@":
            return None  # a hashtag, mention, $VARIABLE or the local part of an e-mail
        body = value.rstrip("=")
        hexadecimal = all(c in _HEX_DIGITS for c in body)
        if not hexadecimal and not (
            any(c.isdigit() for c in body) or (not body.islower() and not body.isupper())
        ):
            return None  # a long word or a ShoutedWord, not a token
        limit = HEX_LIMIT if hexadecimal else BASE64_LIMIT
        if len(set(body)) <= 2**limit:
            return None  # entropy is at most log2(distinct characters): cannot pass
        word = self._word(text, start, end)
        if _URL_WORD.search(word) or looks_like_placeholder(body) or _public_key(text, start):
            return None
        named = self._near_secret_word(text, start, end)
        if hexadecimal and len(body) in _HASH_LENGTHS and not named:
            return None  # a checksum or commit hash
        if not named and not self._random_enough_unnamed(body, hexadecimal):
            return None
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if rejected_by_detect_secrets(body, word=word, line=line):
            return None
        entropy = hex_entropy(body) if hexadecimal else base64_entropy(body)
        if entropy <= limit:
            return None
        if named:
            return self.SCORE
        return self.UNNAMED_SCORE if entropy >= self._very_high(len(body), hexadecimal) else None

    @staticmethod
    def _word(text: str, start: int, end: int) -> str:
        """The candidate with what surrounds it up to whitespace, brackets or quotes."""
        left = max(text.rfind(c, 0, start) for c in _WORD_EDGE) + 1
        right = _WORD_END.search(text, end)
        return text[left : right.start() if right else len(text)]

    @staticmethod
    def _near_secret_word(text: str, start: int, end: int) -> bool:
        before = text[max(0, start - _KEYWORD_BEFORE) : start].lower()
        after = text[end : end + _KEYWORD_AFTER].lower()
        return _SECRET_WORD.search(before) is not None or _SECRET_WORD.search(after) is not None

    def _random_enough_unnamed(self, body: str, hexadecimal: bool) -> bool:
        if len(body) < self.UNNAMED_MIN_LENGTH or not any(c.isdigit() for c in body):
            return False
        if hexadecimal:
            return any(c.isalpha() for c in body)
        return any(c.isupper() for c in body) and any(c.islower() for c in body)

    @staticmethod
    def _very_high(length: int, hexadecimal: bool) -> float:
        """The entropy a random token of ``length`` characters reaches 95-99% of the time
        (measured for base62/base64 and hex), never below detect-secrets' limit."""
        if hexadecimal:
            return HEX_LIMIT + 0.3
        return max(BASE64_LIMIT, min(5.0, math.log2(length) - 0.9))


SECRET_DETECTORS: tuple[SecretDetector, ...] = (
    AwsAccessKey(),
    AwsSecretKey(),
    GoogleApiKey(),
    GitHubToken(),
    GitLabToken(),
    SlackToken(),
    StripeKey(),
    OpenAiKey(),
    *VENDOR_TOKENS,
    AzureStorageKey(),
    AzureSasToken(),
    JsonWebToken(),
    PrivateKey(),
    UrlCredentials(),
    ConnectionStringPassword(),
    BearerToken(),
    GenericApiKey(),
    PasswordPhrase(),
    HighEntropyString(),
)

_TABLE = DetectorTable(SECRET_DETECTORS)


def find_secrets(text: str) -> list[Match]:
    """Secrets in ``text``: non-overlapping :class:`Match` es of category ``"secret"``,
    sorted by start.

    >>> [(m.kind, m.text) for m in find_secrets("wifi ww: Zomer2024!")]
    [('password', 'Zomer2024!')]
    >>> find_secrets("wachtwoord vergeten? Klik op de link")
    []
    """
    return _TABLE.find(text)
