"""The company's Twitter policy document, rendered in Dutch or English as text, Markdown or HTML.

The wording lives in ``texts/twitterbeleid.{nl,en}.txt`` (the Dutch file is the original,
verbatim; the English file is a faithful translation with the same structure). Both use the
placeholder ``[Het Bedrijf]`` for the company name. The structure (title, purpose, headings,
numbered rules) is parsed from those files, never duplicated here.

>>> render_policy("Acme BV").splitlines()[2]
'Twitter beleid voor medewerkers van Acme BV'
>>> rule_text(8, "en", "Acme BV")
'Respect Acme BV, its employees, customers, partners and competitors.'
>>> policy_version("Acme BV").startswith("sha256:")
True
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal, get_args

import jinja2
from markupsafe import Markup

__all__ = [
    "PLACEHOLDER",
    "RULE_NUMBERS",
    "Fmt",
    "Lang",
    "PolicyDocument",
    "Section",
    "policy_document",
    "policy_version",
    "render_policy",
    "rule_text",
]

Lang = Literal["nl", "en"]
Fmt = Literal["text", "md", "html"]

PLACEHOLDER = "[Het Bedrijf]"
RULE_NUMBERS: tuple[int, ...] = tuple(range(1, 11))

_LANGS: tuple[str, ...] = get_args(Lang)
_FMTS: tuple[str, ...] = get_args(Fmt)
_RULE_LINE = re.compile(r"^(\d+)\.\s+(\S.*)$")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_MD_SPECIAL = re.compile(r"([\\`*_<>])")


@dataclass(frozen=True)
class Section:
    """A heading of the policy after the purpose paragraph, with the rules listed under it.

    ``level`` is the Markdown/HTML heading level (2 for a heading that only introduces
    sub-headings, 3 for one under such a heading); ``rules`` holds the numbers of the rules
    directly under this heading, in order (empty for a heading that only introduces others).
    """

    heading: str
    level: int
    rules: tuple[int, ...] = ()


@dataclass(frozen=True)
class PolicyDocument:
    """The parsed policy in one language, with the company name filled in."""

    lang: Lang
    company: str
    title: str
    purpose_heading: str
    purpose: str
    sections: tuple[Section, ...]
    rules: dict[int, str]


# --------------------------------------------------------------------------- loading, parsing


def _check_lang(lang: str) -> Lang:
    if lang not in _LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(_LANGS)}")
    return lang  # type: ignore[return-value]


def _check_company(company: str) -> str:
    if not isinstance(company, str) or not company.strip():
        raise ValueError("the company name must not be empty")
    return company


@cache
def _raw_text(lang: Lang) -> str:
    """The bundled policy text, exactly as stored (placeholder included)."""
    resource = files("tweetguard.policy").joinpath("texts").joinpath(f"twitterbeleid.{lang}.txt")
    return resource.read_bytes().decode("utf-8")


@cache
def _template_document(lang: Lang) -> PolicyDocument:
    """The parsed policy with the placeholder still in it."""
    text = _raw_text(lang)
    blocks = [b.strip() for b in _BLANK_LINES.split(text.strip()) if b.strip()]
    if len(blocks) < 4:
        raise RuntimeError(f"policy text ({lang}) has too few paragraphs to parse")
    title, purpose_heading, purpose, *rest = blocks
    for name, block in (("title", title), ("purpose heading", purpose_heading)):
        if "\n" in block:
            raise RuntimeError(f"policy text ({lang}): the {name} must be one line")

    headings: list[str] = []
    rules_under: list[list[int]] = []
    rules: dict[int, str] = {}
    for block in rest:
        lines = block.splitlines()
        matches = [_RULE_LINE.match(line.strip()) for line in lines]
        if all(matches):
            if not headings:
                raise RuntimeError(f"policy text ({lang}): numbered rules before any heading")
            for match in matches:
                assert match is not None
                number = int(match.group(1))
                if number in rules:
                    raise RuntimeError(f"policy text ({lang}): rule {number} appears twice")
                rules[number] = match.group(2).strip()
                rules_under[-1].append(number)
        elif len(lines) == 1 and not any(matches):
            headings.append(block)
            rules_under.append([])
        else:
            raise RuntimeError(f"policy text ({lang}): cannot parse paragraph {block[:40]!r}…")

    if tuple(rules) != RULE_NUMBERS:
        raise RuntimeError(f"policy text ({lang}): expected rules 1-10 in order, got {list(rules)}")

    sections: list[Section] = []
    seen_parent = False
    for i, (heading, numbers) in enumerate(zip(headings, rules_under, strict=True)):
        is_parent = not numbers and i + 1 < len(headings)
        level = 3 if seen_parent and not is_parent else 2
        seen_parent = seen_parent or is_parent
        sections.append(Section(heading=heading, level=level, rules=tuple(numbers)))

    return PolicyDocument(
        lang=lang,
        company=PLACEHOLDER,
        title=title,
        purpose_heading=purpose_heading,
        purpose=purpose,
        sections=tuple(sections),
        rules=rules,
    )


# --------------------------------------------------------------------------- public API


def policy_document(company: str, lang: Lang = "nl") -> PolicyDocument:
    """The policy in ``lang``, parsed, with every ``[Het Bedrijf]`` replaced by ``company``.

    Raises ``ValueError`` for an empty company name or an unknown language.
    """
    company = _check_company(company)
    tpl = _template_document(_check_lang(lang))

    def fill(s: str) -> str:
        return s.replace(PLACEHOLDER, company)

    return PolicyDocument(
        lang=tpl.lang,
        company=company,
        title=fill(tpl.title),
        purpose_heading=fill(tpl.purpose_heading),
        purpose=fill(tpl.purpose),
        sections=tuple(
            Section(heading=fill(s.heading), level=s.level, rules=s.rules) for s in tpl.sections
        ),
        rules={n: fill(t) for n, t in tpl.rules.items()},
    )


def rule_text(number: int, lang: Lang = "nl", company: str = PLACEHOLDER) -> str:
    """The full text of the policy's rule ``number`` (1-10), without its number."""
    if number not in RULE_NUMBERS:
        raise ValueError(f"the policy has rules 1-10, not {number!r}")
    company = _check_company(company)
    return _template_document(_check_lang(lang)).rules[number].replace(PLACEHOLDER, company)


def policy_version(company: str) -> str:
    """``"sha256:"`` + the hex SHA-256 of the Dutch plain-text policy for ``company``."""
    text = render_policy(company, lang="nl", fmt="text")
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def render_policy(company: str, *, lang: Lang = "nl", fmt: Fmt = "text") -> str:
    """The policy for ``company`` in ``lang`` as ``text``, ``md`` (Markdown) or ``html``.

    ``text`` is the bundled text with only the company name substituted; ``html`` is a
    complete, self-contained HTML5 page. Raises ``ValueError`` for an empty company name,
    an unknown language or an unknown format.
    """
    company = _check_company(company)
    lang = _check_lang(lang)
    if fmt == "text":
        return _raw_text(lang).replace(PLACEHOLDER, company)
    if fmt == "md":
        return _render_md(company, lang)
    if fmt == "html":
        return _render_html(company, lang)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(_FMTS)}")


# --------------------------------------------------------------------------- Markdown


def _render_md(company: str, lang: Lang) -> str:
    # Only the company name comes from outside: escape what Markdown would turn into markup
    # (emphasis, code, raw HTML). The policy wording itself contains no Markdown syntax.
    doc = policy_document(_MD_SPECIAL.sub(r"\\\1", company), lang)
    out = [f"# {doc.title}", "", f"## {doc.purpose_heading}", "", doc.purpose, ""]
    for section in doc.sections:
        out += ["#" * section.level + " " + section.heading, ""]
        if section.rules:
            out += [f"{n}. {doc.rules[n]}" for n in section.rules]
            out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------- HTML

_HTML_LABELS: dict[Lang, dict[str, str]] = {
    "nl": {"anchor": "regel", "version": "Versie van dit beleid"},
    "en": {"anchor": "rule", "version": "Policy version"},
}

_HTML_TEMPLATE = """\
<!DOCTYPE html>
<html lang="{{ doc.lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ doc.title | text }}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.5;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; } h3 { font-size: 1.1rem; }
ol li { margin-bottom: .6rem; } ol li:target { background: #fff6c2; }
footer { margin-top: 3rem; border-top: 1px solid #ccc; padding-top: .5rem;
         font-size: .85rem; color: #555; word-break: break-all; }
</style>
</head>
<body>
<main>
<h1>{{ doc.title | text }}</h1>
<section>
<h2>{{ doc.purpose_heading | text }}</h2>
<p>{{ doc.purpose | text }}</p>
</section>
{% for section in doc.sections %}
<h{{ section.level }}>{{ section.heading | text }}</h{{ section.level }}>
{% if section.rules %}
<ol>
{% for n in section.rules %}
<li id="{{ labels.anchor }}-{{ n }}" value="{{ n }}">{{ doc.rules[n] | text }}</li>
{% endfor %}
</ol>
{% endif %}
{% endfor %}
</main>
<footer>{{ labels.version }}: <code>{{ version }}</code></footer>
</body>
</html>
"""


def _text_node(value: object) -> Markup:
    """Escape for an element's text content: ``&``, ``<`` and ``>`` (quotes are harmless there).

    Keeps apostrophes readable in the source (``bedrijfspagina's``) so the rule texts appear
    verbatim; never use this filter inside an attribute value.
    """
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=False))


@cache
def _html_template() -> jinja2.Template:
    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["text"] = _text_node
    return env.from_string(_HTML_TEMPLATE)


def _render_html(company: str, lang: Lang) -> str:
    return _html_template().render(
        doc=policy_document(company, lang),
        labels=_HTML_LABELS[lang],
        version=policy_version(company),
    )
