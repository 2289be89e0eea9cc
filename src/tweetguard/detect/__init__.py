"""Detectors: find things in a text; the rules decide what they mean for the policy.

- :func:`find_secrets` — API keys, tokens, private keys, connection strings, passwords, and
  random-looking strings near a word such as *key* or *wachtwoord* (category ``"secret"``)
- :func:`find_personal_data` — BSN, IBAN, card and phone numbers, e-mail and street
  addresses, KvK numbers, dates of birth and licence plates (category ``"personal"``)

Both return non-overlapping :class:`~tweetguard.types.Match` es sorted by start; a match's
``text`` must never be shown, logged or stored in clear. :data:`DETECTORS` lists the match
kinds each of them can report, for per-detector counts in a benchmark.
"""

from tweetguard.detect.pii import PERSONAL_DETECTORS, find_personal_data
from tweetguard.detect.secrets import SECRET_DETECTORS, find_secrets

DETECTORS: dict[str, tuple[str, ...]] = {
    "secrets": tuple(d.KIND for d in SECRET_DETECTORS),
    "personal": tuple(d.KIND for d in PERSONAL_DETECTORS),
}
"""Detector name (``"secrets"`` for :func:`find_secrets`, ``"personal"`` for
:func:`find_personal_data`) to the ``Match.kind`` values it can report, in table order."""

__all__ = ["DETECTORS", "find_personal_data", "find_secrets"]
