"""The policy text: verbatim Dutch, a faithful English translation, Markdown and HTML."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pytest

from tweetguard.policy.render import (
    PLACEHOLDER,
    RULE_NUMBERS,
    Lang,
    policy_document,
    policy_version,
    render_policy,
    rule_text,
)

SHARED_POLICY = Path(__file__).resolve().parents[3] / "shared" / "policy" / "twitterbeleid.nl.txt"
LANGS: tuple[Lang, ...] = ("nl", "en")
COMPANY = "Acme Nederland BV"


def bundled_text(lang: Lang) -> str:
    resource = files("tweetguard.policy").joinpath("texts").joinpath(f"twitterbeleid.{lang}.txt")
    return resource.read_bytes().decode("utf-8")


class _Collector(HTMLParser):
    """Collects the text of every element with an id, the tags seen and their attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.by_id: dict[str, str] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._open: list[str | None] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag not in {"meta", "br", "img", "link"}:
            self._open.append(attributes.get("id"))
            if attributes.get("id"):
                self.by_id[str(attributes["id"])] = ""

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for element_id in self._open:
            if element_id:
                self.by_id[element_id] += data


def parse_html(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    collector.close()
    return collector


# --------------------------------------------------------------------------- Dutch, verbatim


@pytest.mark.skipif(
    not SHARED_POLICY.is_file(),
    reason=f"shared policy text not found at {SHARED_POLICY} (only present in the workspace)",
)
def test_dutch_text_is_the_shared_file_with_only_the_name_substituted() -> None:
    shared = SHARED_POLICY.read_bytes().decode("utf-8")
    assert render_policy(COMPANY) == shared.replace(PLACEHOLDER, COMPANY)
    assert bundled_text("nl") == shared  # the bundled copy is byte-for-byte the shared file


def test_dutch_text_is_the_bundled_file_with_only_the_name_substituted() -> None:
    bundled = bundled_text("nl")
    rendered = render_policy(COMPANY, lang="nl", fmt="text")
    assert rendered == bundled.replace(PLACEHOLDER, COMPANY)
    assert PLACEHOLDER not in rendered
    assert rendered.count(COMPANY) == bundled.count(PLACEHOLDER) == 8
    # leading blank lines and the missing final newline are kept as they are
    assert rendered.startswith("\n\nTwitter beleid voor medewerkers van Acme Nederland BV\n")
    assert rendered.endswith("je reguliere werk af te ronden.")


def test_placeholder_as_company_gives_the_file_back() -> None:
    for lang in LANGS:
        assert render_policy(PLACEHOLDER, lang=lang) == bundled_text(lang)


def test_dutch_document_structure() -> None:
    doc = policy_document(COMPANY)
    assert doc.lang == "nl"
    assert doc.company == COMPANY
    assert doc.title == "Twitter beleid voor medewerkers van Acme Nederland BV"
    assert doc.purpose_heading == "Doel van dit beleidsdocument"
    assert doc.purpose.startswith("Dit document beschrijft het gebruik")
    assert [(s.heading, s.level) for s in doc.sections] == [
        ("Richtlijnen voor het gebruik van Twitter", 2),
        ("Algemene richtlijnen", 3),
    ]
    assert doc.sections[-1].rules == RULE_NUMBERS
    assert (
        doc.rules[8]
        == "Respecteer Acme Nederland BV, zijn medewerkers, klanten, partners en concurrenten."
    )


# --------------------------------------------------------------------------- rules, both languages


@pytest.mark.parametrize("lang", LANGS)
def test_all_ten_rules_present_with_matching_numbers(lang: Lang) -> None:
    doc = policy_document(COMPANY, lang)
    assert tuple(doc.rules) == RULE_NUMBERS == tuple(range(1, 11))
    text = render_policy(COMPANY, lang=lang)
    for number in RULE_NUMBERS:
        body = rule_text(number, lang, COMPANY)
        assert body == doc.rules[number]
        assert body and not re.match(r"^\d+\.", body)
        assert f"\n{number}. {body}" in text


def test_both_languages_have_the_same_structure() -> None:
    nl, en = policy_document(COMPANY, "nl"), policy_document(COMPANY, "en")
    assert [(s.level, s.rules) for s in nl.sections] == [(s.level, s.rules) for s in en.sections]
    assert nl.rules.keys() == en.rules.keys()
    for number in RULE_NUMBERS:
        assert nl.rules[number].count(COMPANY) == en.rules[number].count(COMPANY), number
    nl_text, en_text = bundled_text("nl"), bundled_text("en")
    assert nl_text.count(PLACEHOLDER) == en_text.count(PLACEHOLDER)
    assert (
        nl_text[: len(nl_text) - len(nl_text.lstrip())]
        == en_text[: len(en_text) - len(en_text.lstrip())]
    )
    assert nl_text.endswith(".") and en_text.endswith(".")  # neither ends in a newline


def test_rule_text_defaults_and_bounds() -> None:
    assert (
        rule_text(8)
        == "Respecteer [Het Bedrijf], zijn medewerkers, klanten, partners en concurrenten."
    )
    assert (
        rule_text(8, "en")
        == "Respect [Het Bedrijf], its employees, customers, partners and competitors."
    )
    for bad in (0, 11, -1):
        with pytest.raises(ValueError):
            rule_text(bad)


# --------------------------------------------------------------------------- English translation


def test_english_keeps_the_points_that_matter() -> None:
    doc = policy_document(COMPANY, "en")
    assert doc.title == "Twitter policy for employees of Acme Nederland BV"
    assert doc.purpose_heading == "Purpose of this policy document"
    assert "By using the Twitter account of Acme Nederland BV, you agree" in doc.purpose
    assert [s.heading for s in doc.sections] == [
        "Guidelines for using Twitter",
        "General guidelines",
    ]
    assert "may be grounds for dismissal" in doc.rules[1]
    assert "inform your manager immediately" in doc.rules[1]
    assert doc.rules[6].endswith("(this does not apply to a customer service channel on Twitter)")
    assert "legal department" in doc.rules[4]
    assert "work for Acme Nederland BV" in doc.rules[3]
    assert "does not necessarily represent that of Acme Nederland BV" in doc.rules[7]


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_english_has_no_leftover_dutch_or_placeholder(fmt: str) -> None:
    rendered = render_policy(COMPANY, lang="en", fmt=fmt)  # type: ignore[arg-type]
    assert PLACEHOLDER not in rendered
    assert "Het Bedrijf" not in rendered
    for dutch in (
        "beleid",
        "richtlijnen",
        "medewerkers",
        "Ontsluit",
        "vertrouwelijke",
        "klantenservice",
        "Respecteer",
        "Onthoud",
        "gezond verstand",
        "dit geldt niet",
        "stem je in",
    ):
        assert dutch.lower() not in rendered.lower(), dutch
    words = set(re.findall(r"[a-zà-ÿ]+", render_policy(COMPANY, lang="en").lower()))
    assert not words & {"het", "een", "van", "niet", "je", "geen", "wordt", "zijn", "als", "dat"}


# --------------------------------------------------------------------------- Markdown


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_has_headings_and_numbered_rules(lang: Lang) -> None:
    doc = policy_document(COMPANY, lang)
    md = render_policy(COMPANY, lang=lang, fmt="md")
    lines = md.splitlines()
    assert lines[0] == f"# {doc.title}"
    assert f"## {doc.purpose_heading}" in lines
    assert doc.purpose in lines
    assert f"## {doc.sections[0].heading}" in lines
    assert f"### {doc.sections[1].heading}" in lines
    numbered = [line for line in lines if re.match(r"^\d+\. ", line)]
    assert numbered == [f"{n}. {rule_text(n, lang, COMPANY)}" for n in RULE_NUMBERS]
    assert md.endswith("\n")


def test_markdown_escapes_markup_in_the_company_name() -> None:
    md = render_policy("*Acme*_<b>", fmt="md")
    assert "\\*Acme\\*\\_\\<b\\>" in md
    assert "<b>" not in md


# --------------------------------------------------------------------------- HTML


@pytest.mark.parametrize(("lang", "anchor"), [("nl", "regel"), ("en", "rule")])
def test_html_is_a_complete_page_with_all_rules(lang: Lang, anchor: str) -> None:
    page = render_policy(COMPANY, lang=lang, fmt="html")
    assert page.startswith("<!DOCTYPE html>")
    assert f'<html lang="{lang}">' in page
    assert '<meta charset="utf-8">' in page
    assert "<style>" in page
    parsed = parse_html(page)
    doc = policy_document(COMPANY, lang)
    for number in RULE_NUMBERS:
        body = rule_text(number, lang, COMPANY)
        assert parsed.by_id[f"{anchor}-{number}"] == body
        assert body in page  # verbatim in the source too (a plain name needs no escaping)
        assert f'<li id="{anchor}-{number}" value="{number}">' in page
    assert [t for t, _ in parsed.tags].count("li") == 10
    assert [t for t, _ in parsed.tags].count("ol") == 1
    text = "".join(parsed.text)
    for part in (doc.title, doc.purpose_heading, doc.purpose, *(s.heading for s in doc.sections)):
        assert part in text
    assert policy_version(COMPANY) in text


def test_html_has_no_external_resources() -> None:
    page = render_policy(COMPANY, fmt="html")
    for tag, attributes in parse_html(page).tags:
        assert tag not in {"link", "script", "img", "iframe"}, tag
        for name in ("src", "href"):
            assert name not in attributes, (tag, name)
    assert "http://" not in page and "https://" not in page and "url(" not in page


@pytest.mark.parametrize("lang", LANGS)
def test_html_escapes_the_company_name(lang: Lang) -> None:
    company = "A&B <Holding>"
    page = render_policy(company, lang=lang, fmt="html")
    assert "<Holding>" not in page
    assert "A&B " not in page
    assert "A&amp;B &lt;Holding&gt;" in page
    parsed = parse_html(page)
    assert "holding" not in {tag for tag, _ in parsed.tags}
    anchor = "regel" if lang == "nl" else "rule"
    assert parsed.by_id[f"{anchor}-8"] == rule_text(8, lang, company)


def test_html_escapes_script_injection() -> None:
    page = render_policy('"><script>alert(1)</script>', fmt="html")
    assert "<script>" not in page
    assert [t for t, _ in parse_html(page).tags].count("script") == 0


# --------------------------------------------------------------------------- version


def test_version_is_sha256_of_the_dutch_text() -> None:
    version = policy_version(COMPANY)
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", version)
    expected = hashlib.sha256(render_policy(COMPANY, lang="nl", fmt="text").encode("utf-8"))
    assert version == "sha256:" + expected.hexdigest()
    expected_from_file = hashlib.sha256(
        bundled_text("nl").replace(PLACEHOLDER, COMPANY).encode("utf-8")
    )
    assert version == "sha256:" + expected_from_file.hexdigest()


def test_version_is_stable_and_depends_on_the_company() -> None:
    assert policy_version(COMPANY) == policy_version(COMPANY)
    assert policy_version(COMPANY) != policy_version("Een Ander Bedrijf")
    assert policy_version("A") != policy_version("B")


def test_version_is_the_same_whatever_the_rendered_language() -> None:
    nl = render_policy(COMPANY, lang="nl", fmt="html")
    en = render_policy(COMPANY, lang="en", fmt="html")
    assert policy_version(COMPANY) in nl and policy_version(COMPANY) in en


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("company", ["", "   ", "\n"])
def test_empty_company_name_is_refused(company: str) -> None:
    with pytest.raises(ValueError, match="company"):
        render_policy(company)
    with pytest.raises(ValueError):
        policy_document(company)
    with pytest.raises(ValueError):
        policy_version(company)
    with pytest.raises(ValueError):
        rule_text(1, "nl", company)


def test_unknown_language_or_format_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        render_policy(COMPANY, lang="de")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="format"):
        render_policy(COMPANY, fmt="pdf")  # type: ignore[arg-type]


def test_documents_are_independent_copies() -> None:
    first = policy_document(COMPANY)
    first.rules[1] = "changed"
    assert policy_document(COMPANY).rules[1] != "changed"
