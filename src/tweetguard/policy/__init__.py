"""The policy: its file (schema, loader), its text (render) and its compiled form."""

from __future__ import annotations

from pathlib import Path

from tweetguard.policy.compiled import Policy
from tweetguard.policy.loader import (
    bundled_policy_source,
    parse_policy,
    read_policy_file,
    resolve_policy_path,
)
from tweetguard.policy.model import PolicyConfig

__all__ = ["Policy", "PolicyConfig", "load_policy", "parse_policy"]


def load_policy(path: str | Path | None = None) -> Policy:
    """Load the policy in contract order (``path``, ``$TWEETGUARD_POLICY``, ``./policy.toml``,
    the bundled example) and compile it."""
    resolved = resolve_policy_path(path)
    if resolved is None:
        return Policy(parse_policy(bundled_policy_source(), name="<bundled example>"))
    return Policy(read_policy_file(resolved), source=str(resolved))
