"""Detectors: find things in a text; the rules decide what they mean for the policy.

- :func:`find_secrets` — API keys, tokens, private keys, passwords (category ``"secret"``)
- :func:`find_personal_data` — BSN, IBAN, card and phone numbers, e-mail and street
  addresses (category ``"personal"``)

Both return non-overlapping :class:`~tweetguard.types.Match` es sorted by start; a match's
``text`` must never be shown, logged or stored in clear.
"""

from tweetguard.detect.pii import find_personal_data
from tweetguard.detect.secrets import find_secrets

__all__ = ["find_personal_data", "find_secrets"]
