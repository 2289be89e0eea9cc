"""Read a policy file: UTF-8 → TOML → pydantic, with errors that name the key and the line.

Look-up order (contract.md): ``--policy FILE``, ``$TWEETGUARD_POLICY``, ``./policy.toml``,
then the example policy bundled with the package.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tweetguard.errors import PolicyError
from tweetguard.policy.model import PolicyConfig
from tweetguard.textfile import decode_utf8

BUNDLED = "example.toml"
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*(\]\]?)\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\".' ]+?)\s*=")


def _split_key(raw: str) -> tuple[str, ...]:
    return tuple(p.strip().strip("\"'") for p in raw.split("."))


def key_lines(source: str) -> dict[tuple[str | int, ...], int]:
    """Map each key path (as pydantic reports it: ``("accounts", 1, "kind")``) to its line.

    A plain scan of the TOML source: table headers set the current path, ``[[array]]``
    headers count their occurrences, ``key = value`` lines add ``path + key``. Good enough to
    point at the line of a key in a hand-written policy file; nested inline tables resolve to
    the line of their key.
    """
    lines: dict[tuple[str | int, ...], int] = {}
    counts: dict[tuple[str, ...], int] = {}
    current: tuple[str | int, ...] = ()
    depth = 0  # inside a multi-line array or inline table: skip its lines
    for n, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if depth > 0:
            depth += stripped.count("[") + stripped.count("{")
            depth -= stripped.count("]") + stripped.count("}")
            continue
        if not stripped or stripped.startswith("#"):
            continue
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            parts = _split_key(header.group(2))
            if header.group(1) == "[[":
                idx = counts.get(parts, 0)
                counts[parts] = idx + 1
                current = (*parts, idx)
            else:
                current = parts
            lines.setdefault(current, n)
            lines.setdefault(current[:-1] if header.group(1) == "[[" else current, n)
            continue
        key = _KEY.match(line)
        if key:
            path = (*current, *_split_key(key.group(1)))
            lines.setdefault(path, n)
            value = line[key.end() :]
            depth = max(
                0, value.count("[") + value.count("{") - value.count("]") - value.count("}")
            )
    return lines


def _line_for(loc: tuple[str | int, ...], lines: Mapping[tuple[str | int, ...], int]) -> int | None:
    for cut in range(len(loc), 0, -1):
        if loc[:cut] in lines:
            return lines[loc[:cut]]
    return None


def _describe(err: Mapping[str, Any]) -> str:
    kind = err.get("type", "")
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    msg = str(err.get("msg", "invalid value"))
    return msg.removeprefix("Value error, ")


def parse_policy(source: str, *, name: str = "<policy>") -> PolicyConfig:
    """Parse and validate the text of a policy file; raise :class:`PolicyError` with lines."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"not valid TOML: {exc}", where=name) from None
    try:
        return PolicyConfig.model_validate(data)
    except ValidationError as exc:
        lines = key_lines(source)
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not isinstance(p, str) or p != "__root__")
            key = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc)
            key = key.replace(".[", "[") or "(top level)"
            line = _line_for(loc, lines)
            at = f"{name}:{line}" if line else name
            problems.append(f"{at}: {key}: {_describe(err)}")
        raise PolicyError("invalid policy file\n  " + "\n  ".join(problems), where=None) from None


def read_policy_file(path: Path) -> PolicyConfig:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PolicyError("policy file not found", where=str(path)) from None
    except OSError as exc:
        raise PolicyError(f"cannot read policy file: {exc.strerror}", where=str(path)) from None
    source = decode_utf8(raw, str(path), PolicyError)
    return parse_policy(source, name=str(path))


def bundled_policy_source() -> str:
    return resources.files("tweetguard.policy").joinpath(BUNDLED).read_text(encoding="utf-8")


def resolve_policy_path(explicit: str | Path | None = None) -> Path | None:
    """The policy file to use, in contract order; ``None`` means the bundled example."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("TWEETGUARD_POLICY")
    if env:
        return Path(env)
    local = Path("policy.toml")
    if local.is_file():
        return local
    return None
