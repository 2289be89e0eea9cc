"""tweetguard: check tweets against a company's Twitter policy, in Dutch and English.

>>> from tweetguard import check, load_policy
>>> report = check("Beste collega's, het teamoverleg is morgen om 14:00.", load_policy())
>>> report.verdict
'warn'
"""

from tweetguard.draft import Draft, parse_draft
from tweetguard.engine import Engine, check
from tweetguard.errors import DraftError, InputError, PolicyError, TweetguardError
from tweetguard.policy import Policy, load_policy
from tweetguard.redact import redact
from tweetguard.report import Finding, Report

__all__ = [
    "Draft",
    "DraftError",
    "Engine",
    "Finding",
    "InputError",
    "Policy",
    "PolicyError",
    "Report",
    "TweetguardError",
    "check",
    "load_policy",
    "parse_draft",
    "redact",
]
__version__ = "0.1.0"
